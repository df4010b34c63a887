package charts

import (
	"crypto/sha256"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"strings"
	"sync"

	"github.com/golang/freetype/truetype"
	chart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
	"golang.org/x/image/math/fixed"

	"trackbot/domain"
)

// maxLabelRunes caps every label before it is measured: go-chart once looped
// forever on long labels (CVE-2024-40060), and nothing on a phone needs more.
const maxLabelRunes = 60

// Phones show a picture about phoneWidth pixels wide, and text under
// phoneMinText pixels there cannot be read: on a pictureWide canvas no text
// is smaller than minFontSize.
const (
	phoneWidth   = 360
	phoneMinText = 9
	minFontSize  = phoneMinText * pictureWide / phoneWidth // 32
)

// minBar is the shortest bar a non-zero value gets: three pixels on a phone,
// so a small count is never mistaken for none.
const minBar = 3 * pictureWide / phoneWidth

// align says which point of a text the x coordinate names.
type align int

const (
	alignLeft align = iota
	alignCenter
	alignRight
)

// canvas is one picture being drawn: go-chart's raster renderer for
// anti-aliased text and shapes, and direct access to its image for solid
// rectangles and fast PNG encoding.
type canvas struct {
	r      chart.Renderer
	img    *image.RGBA
	font   *truetype.Font
	w, h   int
	layout layout
}

// layout is what a picture holds, recorded while it is drawn, so tests can
// check it at phone width without reading pixels.
type layout struct {
	width, height int
	texts         []placedText
	bars          []image.Rectangle // the bars that carry a value
}

// placedText is one text as drawn: its em height in pixels is its size.
type placedText struct {
	text string
	size float64
	x, y int // the left end of its baseline
	w    int // its advance width
}

// box is the text's ink area, roughly: from the cap height above its
// baseline to the descenders below.
func (t placedText) box() image.Rectangle {
	return image.Rect(t.x, t.y-int(t.size*0.72), t.x+t.w, t.y+int(t.size*0.2))
}

// drawObservers lets a test see every picture a renderer draws: it maps
// the renderer's font, which each of its canvases carries, to an observer
// called before the picture is encoded. Production registers none.
var drawObservers sync.Map // *truetype.Font → observer

// observer sees a picture as drawn, its layout and its pixels. It returns
// whether to encode it: a test that checks only what was drawn skips the
// PNG encoding, most of a render's time under -race, and the render then
// returns no bytes.
type observer func(l layout, img *image.RGBA) (encode bool)

// rgbaGrabber receives the renderer's image: go-chart hands its *image.RGBA
// to any Save target implementing chart.RGBACollector instead of encoding.
type rgbaGrabber struct{ img *image.RGBA }

func (g *rgbaGrabber) Write(p []byte) (int, error) { return len(p), nil }
func (g *rgbaGrabber) SetRGBA(i *image.RGBA)       { g.img = i }

func newCanvas(font *truetype.Font, w, h int) (*canvas, error) {
	r, err := chart.PNG(w, h)
	if err != nil {
		return nil, err
	}
	// go-chart scales glyphs by size × DPI in 26.6 fixed point, so at 64 DPI
	// a font size is its height in pixels per em.
	r.SetDPI(64)
	r.SetFont(font)
	var g rgbaGrabber
	if err := r.Save(&g); err != nil || g.img == nil {
		return nil, errNoImage
	}
	c := &canvas{r: r, img: g.img, font: font, w: w, h: h, layout: layout{width: w, height: h}}
	c.rect(0, 0, w, h, colBackground)
	return c, nil
}

// keptPNGs holds the PNGs of the renderers that keep them (see
// Renderer.KeepPNGs), by their font: a *sync.Map of each PNG by the
// digest of its picture's pixels.
var keptPNGs sync.Map // *truetype.Font → *sync.Map: [sha256.Size]byte → []byte

// encode writes the picture as PNG (see encodePNG for why not image/png).
func (c *canvas) encode() ([]byte, error) {
	if o, ok := drawObservers.Load(c.font); ok && !o.(observer)(c.layout, c.img) {
		return nil, nil
	}
	kept, keep := keptPNGs.Load(c.font)
	if !keep {
		return encodePNG(c.img)
	}
	var key [sha256.Size]byte
	h := sha256.New()
	fmt.Fprintf(h, "%dx%d:", c.w, c.h)
	h.Write(c.img.Pix) // a canvas's image holds its pixels only, row after row
	h.Sum(key[:0])
	if b, ok := kept.(*sync.Map).Load(key); ok {
		return b.([]byte), nil
	}
	b, err := encodePNG(c.img)
	if err == nil {
		b = b[:len(b):len(b)] // shared: an append must not write into it
		kept.(*sync.Map).Store(key, b)
	}
	return b, err
}

// bar fills a bar that shows a value, recording it in the layout.
func (c *canvas) bar(x0, y0, x1, y1 int, col color.RGBA) {
	c.rect(x0, y0, x1, y1, col)
	c.layout.bars = append(c.layout.bars, image.Rect(x0, y0, x1, y1))
}

// rect fills the rectangle [x0,x1)×[y0,y1) with a solid colour.
func (c *canvas) rect(x0, y0, x1, y1 int, col color.RGBA) {
	if x1 < x0 {
		x0, x1 = x1, x0
	}
	draw.Draw(c.img, image.Rect(x0, y0, x1, y1), image.NewUniform(col), image.Point{}, draw.Src)
}

// polyline strokes an anti-aliased line through the points.
func (c *canvas) polyline(pts []image.Point, width float64, col color.RGBA) {
	if len(pts) < 2 {
		return
	}
	c.r.ResetStyle()
	c.r.SetStrokeColor(drawing.Color(col))
	c.r.SetStrokeWidth(width)
	c.r.MoveTo(pts[0].X, pts[0].Y)
	for _, p := range pts[1:] {
		c.r.LineTo(p.X, p.Y)
	}
	c.r.Stroke()
}

// polygon fills an anti-aliased closed shape.
func (c *canvas) polygon(pts []image.Point, col color.RGBA) {
	if len(pts) < 3 {
		return
	}
	c.r.ResetStyle()
	c.r.SetFillColor(drawing.Color(col))
	c.r.MoveTo(pts[0].X, pts[0].Y)
	for _, p := range pts[1:] {
		c.r.LineTo(p.X, p.Y)
	}
	c.r.Close()
	c.r.Fill()
}

// dot fills a circle.
func (c *canvas) dot(x, y int, radius float64, col color.RGBA) {
	c.r.ResetStyle()
	c.r.SetFillColor(drawing.Color(col))
	c.r.Circle(radius, x, y)
	c.r.Fill()
}

// triangle draws a small up or down marker of the given height, its left
// edge at x and its middle at y; Roboto has no ▲▼ glyphs.
func (c *canvas) triangle(x, y, size int, up bool, col color.RGBA) {
	half := size / 2
	if up {
		c.polygon([]image.Point{{x, y + half}, {x + size, y + half}, {x + half, y - half}}, col)
		return
	}
	c.polygon([]image.Point{{x, y - half}, {x + size, y - half}, {x + half, y + half}}, col)
}

// star draws a five-pointed star centred at (x, y); Roboto has no ★ glyph.
func (c *canvas) star(x, y, radius int, col color.RGBA) {
	pts := make([]image.Point, 0, 10)
	for i := range 10 {
		r := float64(radius)
		if i%2 == 1 {
			r *= 0.45
		}
		a := -math.Pi/2 + float64(i)*math.Pi/5
		pts = append(pts, image.Point{x + int(math.Round(r*math.Cos(a))), y + int(math.Round(r*math.Sin(a)))})
	}
	c.polygon(pts, col)
}

// arrowText is the arrow sign used between stage names; Roboto has no →
// glyph, so it is drawn as a shape wherever a label contains it.
const arrowText = "→"

// textWidth returns the advance width of s in pixels at the size, the
// distance the pen moves, so trailing spaces count as they do when drawn.
func (c *canvas) textWidth(s string, size float64) int {
	w := 0
	for i, part := range strings.Split(s, arrowText) {
		if i > 0 {
			w += arrowWidth(size)
		}
		w += c.advance(part, size)
	}
	return w
}

// advance measures a run of glyphs the way the rasterizer places them.
func (c *canvas) advance(s string, size float64) int {
	scale := fixed.Int26_6(size * 64)
	var x fixed.Int26_6
	prev, hasPrev := truetype.Index(0), false
	for _, r := range s {
		idx := c.font.Index(r)
		if hasPrev {
			x += c.font.Kern(scale, prev, idx)
		}
		x += c.font.HMetric(scale, idx).AdvanceWidth
		prev, hasPrev = idx, true
	}
	return int(math.Ceil(float64(x) / 64))
}

func arrowWidth(size float64) int { return int(size * 1.1) }

// text draws s with its baseline at y and returns its width. Bold is faked
// by drawing twice a pixel apart: go-chart embeds one Roboto weight only.
func (c *canvas) text(s string, x, y int, size float64, col color.RGBA, a align, bold bool) int {
	w := c.textWidth(s, size)
	switch a {
	case alignCenter:
		x -= w / 2
	case alignRight:
		x -= w
	}
	c.layout.texts = append(c.layout.texts, placedText{text: s, size: size, x: x, y: y, w: w})
	passes := 1
	if bold {
		passes = 2
	}
	for p := range passes {
		c.textRun(s, x+p, y, size, col)
	}
	return w
}

func (c *canvas) textRun(s string, x, y int, size float64, col color.RGBA) {
	for i, part := range strings.Split(s, arrowText) {
		if i > 0 {
			c.arrow(x, y, size, col)
			x += arrowWidth(size)
		}
		if part == "" {
			continue
		}
		c.r.ResetStyle()
		c.r.SetFont(c.font)
		c.r.SetFontSize(size)
		c.r.SetFontColor(drawing.Color(col))
		c.r.Text(part, x, y)
		x += c.advance(part, size)
	}
}

// arrow draws a right arrow sitting on the text baseline at y.
func (c *canvas) arrow(x, y int, size float64, col color.RGBA) {
	mid := y - int(size*0.33)
	x0, x1 := x+int(size*0.15), x+int(size*0.95)
	head := int(size * 0.22)
	c.polyline([]image.Point{{x0, mid}, {x1 - 2, mid}}, math.Max(2, size/12), col)
	c.polygon([]image.Point{{x1 - head, mid - head}, {x1, mid}, {x1 - head, mid + head}}, col)
}

// fit shortens s with "…" until it is at most maxW pixels wide at the size.
// It cuts by runes, never inside a UTF-8 sequence.
func (c *canvas) fit(s string, size float64, maxW int) string {
	s = domain.Shorten(s, maxLabelRunes)
	if maxW <= 0 {
		return ""
	}
	if c.textWidth(s, size) <= maxW {
		return s
	}
	runes := []rune(s)
	lo, hi := 0, len(runes) // the longest prefix that fits is in [lo, hi)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if c.textWidth(strings.TrimSpace(string(runes[:mid]))+"…", size) <= maxW {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo == 0 {
		return "…"
	}
	return strings.TrimSpace(string(runes[:lo])) + "…"
}

// fitSize returns the largest size from size down to minFontSize at which s
// fits maxW, so numbers shrink instead of losing digits.
func (c *canvas) fitSize(s string, size float64, maxW int) float64 {
	for size > minFontSize && c.textWidth(s, size) > maxW {
		size = max(size-2, minFontSize)
	}
	return size
}
