// Package charts draws the funnel as pictures a CEO reads in seconds on a
// phone: the funnel against a comparison period, the conversion trend,
// drop-off reasons, lead quality, the segment mix and the end-to-end table.
//
// It is the only package that imports go-chart. Pictures are laid out here
// and drawn with go-chart's raster renderer, so every axis starts at zero
// (but a funnel spanning orders of magnitude, drawn on a log scale it
// names), every bar carries its value, and nothing reaches go-chart's range
// checks. Every picture stays legible when a phone shows it 360 pixels
// wide: no text under 9 pixels there, no bar of a value thinner than a
// sliver, and no more weeks or columns than fit.
package charts

import (
	"errors"
	"fmt"
	"sync"

	"github.com/golang/freetype/truetype"
	"github.com/wcharczuk/go-chart/v2/roboto"

	"trackbot/domain"
)

// errNoImage means go-chart's raster renderer did not hand out its image.
var errNoImage = errors.New("charts: renderer gave no image")

// Renderer draws charts. It holds the font, parsed once and passed into
// every drawing explicitly, because go-chart's lazily parsed default font is
// a data race when pictures render concurrently. A Renderer is safe for
// concurrent use.
type Renderer struct {
	font *truetype.Font
}

// New parses the embedded Roboto font (it covers Cyrillic and ₽) and
// returns a Renderer.
func New() (*Renderer, error) {
	font, err := truetype.Parse(roboto.Roboto)
	if err != nil {
		return nil, err
	}
	return &Renderer{font: font}, nil
}

// KeepPNGs makes r keep the PNG of every picture it draws and hand out the
// same bytes when it draws the same pixels again, instead of encoding them
// once more. It is for tests, which draw the same pictures over and over
// and under the race detector spend most of a render encoding it; the kept
// PNGs are never dropped, so the bot does not call it.
func (r *Renderer) KeepPNGs() { keptPNGs.LoadOrStore(r.font, new(sync.Map)) }

// Layout shared by the charts.
const (
	margin      = 40  // around the picture
	titleBase   = 62  // baseline of the title
	contentTop  = 150 // below the title and subtitle
	pictureWide = 1280
)

// header draws the title and an optional subtitle line in muted grey.
func (c *canvas) header(title, subtitle string) {
	c.text(c.fit(title, sizeTitle, c.w-2*margin), margin, titleBase, sizeTitle, colInk, alignLeft, true)
	if subtitle != "" {
		c.text(c.fit(subtitle, sizeSmall, c.w-2*margin), margin, titleBase+44, sizeSmall, colMuted, alignLeft, false)
	}
}

// noData draws the picture that stands in for a chart with nothing to show,
// so a review never posts a blank or broken image.
func (r *Renderer) noData(lang domain.Lang, title string) ([]byte, error) {
	c, err := newCanvas(r.font, pictureWide, 720)
	if err != nil {
		return nil, err
	}
	c.header(title, "")
	c.rect(margin, contentTop, c.w-margin, c.h-margin, colBand)
	c.text(domain.Text(lang, "chart.no_data"), c.w/2, (contentTop+c.h-margin)/2+sizeTitle/3, sizeTitle, colMuted, alignCenter, false)
	return c.encode()
}

// segmentName names a report's segment; an empty key is all segments together.
func segmentName(lang domain.Lang, s domain.Segment) string {
	if s.Key == "" && s.Name.In(lang) == "" {
		return domain.Text(lang, "chart.all_segments")
	}
	return s.Name.In(lang)
}

// titleFor builds "Funnel · Dealers · 2026-W47" from a catalog key.
func titleFor(lang domain.Lang, key string, seg domain.Segment, p domain.Period) string {
	return domain.Text(lang, key, domain.Shorten(segmentName(lang, seg), 30), p.Label(lang))
}

// weekLabel is the short x-axis label of a week, "W47".
func weekLabel(w domain.Week) string {
	return fmt.Sprintf("W%02d", w.Num)
}

// wsLang returns the workspace language, English for a nil workspace.
func wsLang(ws *domain.Workspace) domain.Lang {
	if ws == nil || ws.Lang == "" {
		return domain.English
	}
	return ws.Lang
}

// wsCurrency returns the workspace currency symbol.
func wsCurrency(ws *domain.Workspace) string {
	if ws == nil {
		return ""
	}
	return ws.Currency
}
