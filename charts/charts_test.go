package charts

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"strings"
	"testing"

	"trackbot/domain"
)

func newRenderer(t testing.TB) *Renderer {
	t.Helper()
	r, err := New()
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return r
}

func decode(t testing.TB, b []byte) *image.RGBA {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("decode PNG: %v", err)
	}
	return toRGBA(img)
}

// near reports whether two colours differ by at most tol in every channel.
func near(a, b color.RGBA, tol int) bool {
	d := func(x, y uint8) int { return max(int(x)-int(y), int(y)-int(x)) }
	return d(a.R, b.R) <= tol && d(a.G, b.G) <= tol && d(a.B, b.B) <= tol
}

// runLength counts pixels of colour col on row y, starting at x, until the
// first pixel of another colour.
func runLength(img *image.RGBA, x, y int, col color.RGBA) int {
	n := 0
	for ; x+n < img.Bounds().Max.X && near(img.RGBAAt(x+n, y), col, 8); n++ {
	}
	return n
}

// countColour counts the pixels of colour col inside r.
func countColour(img *image.RGBA, r image.Rectangle, col color.RGBA) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if near(img.RGBAAt(x, y), col, 24) {
				n++
			}
		}
	}
	return n
}

// The tests that render run in parallel: under -race rendering is most of
// this package's time, and the renderer is safe for concurrent use.

// sampleCharts renders one of each chart from hand-built reports.
func sampleCharts(lang domain.Lang) map[string]func(*Renderer) ([]byte, error) {
	ws := testWorkspace(lang)
	cur := report(dealers, week47, 120000, 2400, 400, 256, 60, 30, 12, 10)
	cur = withMoney(cur, 1200000, 9600000, 3100000)
	cur = withDropOffs(cur, "qualified", reasonCount{"wrong_phone", 60}, reasonCount{"no_answer", 40}, reasonCount{"price", 20}, reasonCount{"timing", 10}, reasonCount{"competitor", 8}, reasonCount{"other", 6})
	cur = withDropOffs(cur, "meetings", reasonCount{"price", 80}, reasonCount{"competitor", 40})
	cur = withNonTarget(cur, 400, reasonCount{"no_budget", 90}, reasonCount{"wrong_segment", 40}, reasonCount{"duplicate", 30})
	// Ten steady weeks before: clicks and leads converting from them, and
	// qualified leads, moved beyond their noise this week.
	before := report(dealers, week47.Add(-1), 110000, 1800, 380, 300, 58, 26, 12, 11)
	earlier := []domain.FunnelReport{before}
	for i := range 9 {
		earlier = append(earlier, report(dealers, week47.Add(-2-i), 110000, 1800+int64(i%2)*20, 380, 300+int64(i%2)*4, 58, 26, 12, 11))
	}
	var weekly []domain.FunnelReport
	for i := range 12 {
		w := report(dealers, week47.Add(i-11), 120000, 2400, 400, 256-int64(8*i), 60+int64(i), 30, 14-int64(i%4), 10)
		weekly = append(weekly, withNonTarget(w, 400, reasonCount{"no_budget", 60 + int64(i*5)}, reasonCount{"wrong_segment", 40}))
	}
	weekly[11] = cur
	dev := withMoney(report(developers, week47, 50000, 900, 150, 40, 12, 6, 2, 2), 900000, 1400000, 300000)
	ret := withMoney(report(retail, week47, 300000, 9000, 1200, 300, 20, 12, 9, 9), 800000, 450000, 120000)
	rows := []domain.FocusRow{
		{Segment: dealers, LeadsShare: domain.Some(0.2), SpendShare: domain.Some(0.4), RevenueShare: domain.Some(0.8), GrossProfitShare: domain.Some(0.8)},
		{Segment: developers, LeadsShare: domain.Some(0.1), SpendShare: domain.Some(0.3), RevenueShare: domain.Some(0.12), GrossProfitShare: domain.Some(0.1)},
		{Segment: retail, LeadsShare: domain.Some(0.7), SpendShare: domain.Some(0.3), RevenueShare: domain.Some(0.08), GrossProfitShare: domain.Some(0.1), Misfocus: true},
	}
	return map[string]func(*Renderer) ([]byte, error){
		"funnel":   func(r *Renderer) ([]byte, error) { return r.Funnel(ws, cur, before, earlier, "2026-W46") },
		"trend":    func(r *Renderer) ([]byte, error) { return r.Trend(ws, weekly) },
		"dropoffs": func(r *Renderer) ([]byte, error) { return r.DropOffs(ws, cur) },
		"quality":  func(r *Renderer) ([]byte, error) { return r.LeadQuality(ws, weekly) },
		"mix":      func(r *Renderer) ([]byte, error) { return r.SegmentMix(ws, cur.Period, rows) },
		"table":    func(r *Renderer) ([]byte, error) { return r.Table(ws, []domain.FunnelReport{cur, dev, ret}) },
	}
}

// emptyCharts renders each chart from input with nothing to show.
func emptyCharts(lang domain.Lang) map[string]func(*Renderer) ([]byte, error) {
	ws := testWorkspace(lang)
	var none domain.FunnelReport
	return map[string]func(*Renderer) ([]byte, error){
		"funnel":   func(r *Renderer) ([]byte, error) { return r.Funnel(ws, none, none, nil, "") },
		"trend":    func(r *Renderer) ([]byte, error) { return r.Trend(ws, nil) },
		"dropoffs": func(r *Renderer) ([]byte, error) { return r.DropOffs(ws, none) },
		"quality":  func(r *Renderer) ([]byte, error) { return r.LeadQuality(ws, nil) },
		"mix":      func(r *Renderer) ([]byte, error) { return r.SegmentMix(ws, domain.WeekPeriod(week47), nil) },
		"table":    func(r *Renderer) ([]byte, error) { return r.Table(ws, nil) },
	}
}

func TestFunnel_BarLengthIsProportionalToCount(t *testing.T) {
	t.Parallel()
	cur := report(dealers, week47, 100, 50)
	img := pixels(t, func(r *Renderer) ([]byte, error) {
		return r.Funnel(testWorkspace(domain.English), cur, domain.FunnelReport{}, nil, "")
	})
	first := runLength(img, funnelBarLeft, contentTop+funnelBarHeight/2, colBar)
	second := runLength(img, funnelBarLeft, contentTop+funnelRowHeight+funnelBarHeight/2, colBar)
	// The longest bar takes the bar area minus room for its label.
	if first < 500 || first > funnelConvLeft-funnelBarLeft {
		t.Errorf("bar of 100: got %d px, want most of the %d px bar area", first, funnelConvLeft-funnelBarLeft)
	}
	if got, want := second, first/2; got < want-1 || got > want+1 {
		t.Errorf("bar of 50: got %d px, want about %d (half of %d)", got, want, first)
	}
}

func TestFunnel_BaselineGhostIsAnAverageWeek(t *testing.T) {
	t.Parallel()
	cur := report(dealers, week47, 100, 50)
	baseline := report(dealers, week47.Add(-1), 200, 100) // four weeks summed
	baseline.Weeks = 4
	img := pixels(t, func(r *Renderer) ([]byte, error) {
		return r.Funnel(testWorkspace(domain.English), cur, baseline, nil, "4-week baseline")
	})
	ghostY := contentTop + funnelBarHeight + funnelGhostGap + funnelGhost/2
	ghost := runLength(img, funnelBarLeft, ghostY, colGhost)
	half := runLength(img, funnelBarLeft, contentTop+funnelRowHeight+funnelBarHeight/2, colBar)
	if got, want := ghost, half; got < want-1 || got > want+1 {
		t.Errorf("ghost of 200 over 4 weeks: got %d px, want %d like the bar of 50", got, want)
	}
}

func TestFunnel_ConversionChangeColour(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		now, then  int64 // second stage; the first is firstCount in both
		wantRed    bool
		wantGreen  bool
		firstCount int64
		noHistory  bool
	}{
		{name: "fell", now: 40, then: 64, firstCount: 100, wantRed: true},
		{name: "rose", now: 64, then: 40, firstCount: 100, wantGreen: true},
		{name: "same", now: 50, then: 50, firstCount: 100},
		{name: "fell on too few items", now: 4, then: 9, firstCount: 10},
		// domain's rule: a move under 15% of where the rate was is not material.
		{name: "fell less than material", now: 47, then: 50, firstCount: 100},
		{name: "rose less than material", now: 54, then: 50, firstCount: 100},
		// Without history to know the noise, a hundred items are too few.
		{name: "fell without history", now: 40, then: 64, firstCount: 100, noHistory: true},
		// Over 100% is a data problem, never good news.
		{name: "rose over 100%", now: 111, then: 40, firstCount: 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cur := report(dealers, week47, tt.firstCount, tt.now)
			before := report(dealers, week47.Add(-1), tt.firstCount, tt.then)
			// Ten earlier weeks, the rate within a point or two of then.
			var earlier []domain.FunnelReport
			for i := range 10 {
				if !tt.noHistory {
					then := min(tt.then+int64(i%2), tt.firstCount)
					earlier = append(earlier, report(dealers, week47.Add(-1-i), tt.firstCount, then))
				}
			}
			if len(earlier) > 0 {
				earlier[0] = before
			}
			img := pixels(t, func(r *Renderer) ([]byte, error) {
				return r.Funnel(testWorkspace(domain.English), cur, before, earlier, "2026-W46")
			})
			col := image.Rect(funnelConvLeft, contentTop+funnelRowHeight-10, img.Bounds().Dx(), contentTop+2*funnelRowHeight-10)
			red, green := countColour(img, col, colBad) > 50, countColour(img, col, colGood) > 50
			if red != tt.wantRed || green != tt.wantGreen {
				t.Errorf("red %v green %v, want red %v green %v", red, green, tt.wantRed, tt.wantGreen)
			}
		})
	}
}

func TestLeadQuality_GrowingShareIsRed(t *testing.T) {
	t.Parallel()
	var weekly []domain.FunnelReport
	for i, nonTarget := range []int64{40, 120} {
		w := report(dealers, week47.Add(i-1), 1000, 500, 400)
		weekly = append(weekly, withNonTarget(w, 400, reasonCount{"no_budget", nonTarget}))
	}
	img := pixels(t, func(r *Renderer) ([]byte, error) { return r.LeadQuality(testWorkspace(domain.Russian), weekly) })
	latestBar := image.Rect(420, contentTop, 760, img.Bounds().Dy()-80)
	if got := countColour(img, latestBar, colBad); got < 1000 {
		t.Errorf("red pixels in the latest bar: got %d, want a red bar", got)
	}
}

func TestLeadQuality_SmallGrowthIsNotRed(t *testing.T) {
	t.Parallel()
	var weekly []domain.FunnelReport
	for i, nonTarget := range []int64{100, 110} { // 25% → 27.5%: not material by domain's rule
		w := report(dealers, week47.Add(i-1), 1000, 500, 400)
		weekly = append(weekly, withNonTarget(w, 400, reasonCount{"no_budget", nonTarget}))
	}
	img := pixels(t, func(r *Renderer) ([]byte, error) { return r.LeadQuality(testWorkspace(domain.Russian), weekly) })
	latestBar := image.Rect(420, contentTop, 760, img.Bounds().Dy()-80)
	if got := countColour(img, latestBar, colBad); got != 0 {
		t.Errorf("red pixels in the latest bar: got %d, want none for a move domain does not call significant", got)
	}
	if got := countColour(img, latestBar, colBar); got < 1000 {
		t.Errorf("blue pixels in the latest bar: got %d, want the plain colour of this period", got)
	}
}

func TestSegmentMix_MisfocusIsRedAndFocusStarred(t *testing.T) {
	t.Parallel()
	rows := []domain.FocusRow{
		{Segment: dealers, LeadsShare: domain.Some(0.3), SpendShare: domain.Some(0.3), RevenueShare: domain.Some(0.9), GrossProfitShare: domain.Some(0.9)},
		{Segment: retail, LeadsShare: domain.Some(0.7), SpendShare: domain.Some(0.7), RevenueShare: domain.Some(0.1), GrossProfitShare: domain.Some(0.1), Misfocus: true},
	}
	img := pixels(t, func(r *Renderer) ([]byte, error) {
		return r.SegmentMix(testWorkspace(domain.English), domain.WeekPeriod(week47), rows)
	})
	block := len(mixMeasures)*mixBarStep + mixGap
	names := func(i int) image.Rectangle {
		return image.Rect(0, contentTop+i*block, mixBarLeft, contentTop+(i+1)*block)
	}
	if got := countColour(img, names(0), colFocus); got < 100 {
		t.Errorf("focus star pixels beside Dealers: got %d, want a star", got)
	}
	if got := countColour(img, names(0), colBad); got != 0 {
		t.Errorf("red pixels beside Dealers: got %d, want none", got)
	}
	if got := countColour(img, names(1), colBad); got < 200 {
		t.Errorf("red pixels beside the misfocus segment: got %d, want a red mark", got)
	}
}

func TestEmptyData_DrawsANoDataPicture(t *testing.T) {
	t.Parallel()
	for name, render := range emptyCharts(domain.Russian) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			img := pixels(t, render)
			if got, want := img.Bounds().Size(), (image.Point{pictureWide, 720}); got != want {
				t.Errorf("size: got %v, want %v", got, want)
			}
			// The "нет данных" line sits in the middle of the grey panel.
			mid := image.Rect(300, 380, 980, 460)
			if got := countColour(img, mid, colMuted); got < 500 {
				t.Errorf("text pixels in the middle: got %d, want the no-data line", got)
			}
		})
	}
}

// edgeCases renders charts from degenerate input: zeros, equal values, one
// value, unreported stages, names and a currency far too long.
func edgeCases() map[string]func(r *Renderer) ([]byte, error) {
	long := strings.Repeat("Очень длинное название ", 500)
	longSeg := domain.Segment{Key: "x", Name: domain.Name{En: long, Ru: long}, Focus: true}
	zeros := report(longSeg, week47, 0, 0, 0, 0)
	equal := report(dealers, week47, 7, 7, 7, 7)
	single := report(dealers, week47, 42)
	unreported := report(dealers, week47, -1, 30, -1, 10)
	longReason := withDropOffs(zeros, "clicks", reasonCount{long, 5})
	longReason = withNonTarget(longReason, 0, reasonCount{long, 3})
	ws := testWorkspace(domain.English)
	ws.Currency = strings.Repeat("₽", 200)
	rows := []domain.FocusRow{{Segment: longSeg, LeadsShare: domain.Some(0), Misfocus: true}, {Segment: dealers, LeadsShare: domain.Some(0)}}
	return map[string]func(r *Renderer) ([]byte, error){
		"funnel zeros":       func(r *Renderer) ([]byte, error) { return r.Funnel(ws, zeros, zeros, nil, long) },
		"funnel equal":       func(r *Renderer) ([]byte, error) { return r.Funnel(ws, equal, equal, nil, "") },
		"funnel single":      func(r *Renderer) ([]byte, error) { return r.Funnel(ws, single, domain.FunnelReport{}, nil, "") },
		"funnel unreported":  func(r *Renderer) ([]byte, error) { return r.Funnel(ws, unreported, unreported, nil, "") },
		"trend zeros":        func(r *Renderer) ([]byte, error) { return r.Trend(ws, []domain.FunnelReport{zeros, zeros}) },
		"trend equal":        func(r *Renderer) ([]byte, error) { return r.Trend(ws, []domain.FunnelReport{equal, equal, equal}) },
		"trend single week":  func(r *Renderer) ([]byte, error) { return r.Trend(ws, []domain.FunnelReport{equal}) },
		"dropoffs long":      func(r *Renderer) ([]byte, error) { return r.DropOffs(ws, longReason) },
		"quality zero leads": func(r *Renderer) ([]byte, error) { return r.LeadQuality(ws, []domain.FunnelReport{longReason}) },
		"quality equal": func(r *Renderer) ([]byte, error) {
			return r.LeadQuality(ws, []domain.FunnelReport{withNonTarget(equal, 7, reasonCount{"x", 1}), withNonTarget(equal, 7, reasonCount{"x", 1})})
		},
		"mix zeros": func(r *Renderer) ([]byte, error) { return r.SegmentMix(ws, domain.WeekPeriod(week47), rows) },
		"table long currency": func(r *Renderer) ([]byte, error) {
			return r.Table(ws, []domain.FunnelReport{withMoney(zeros, 1e12, 0, 0), equal})
		},
	}
}

func TestEdgeCases_RenderSaneSizes(t *testing.T) {
	t.Parallel()
	for name, render := range edgeCases() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			img := pixels(t, render)
			w, h := img.Bounds().Dx(), img.Bounds().Dy()
			if w+h > 10000 || max(w, h) > 20*min(w, h) || w < 1000 {
				t.Errorf("size %dx%d is outside Telegram's photo limits or too small", w, h)
			}
			if got := countColour(img, img.Bounds(), colInk); got < 200 {
				t.Errorf("ink pixels: got %d, want a title and labels", got)
			}
		})
	}
}

func toRGBA(img image.Image) *image.RGBA {
	if rgba, ok := img.(*image.RGBA); ok {
		return rgba // what our RGB PNGs decode to
	}
	rgba := image.NewRGBA(img.Bounds())
	draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
	return rgba
}

// must returns a function that fails the test on a render error.
func must(t testing.TB) func([]byte, error) []byte {
	return func(b []byte, err error) []byte {
		t.Helper()
		if err != nil {
			t.Fatalf("render: %v", err)
		}
		return b
	}
}

func TestEncodePNG_RoundTripsThroughImagePNG(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 7, 5))
	for y := range 5 {
		for x := range 7 {
			src.SetRGBA(x, y, color.RGBA{uint8(40 * x), uint8(50 * y), uint8(x * y), 255})
		}
	}
	b, err := encodePNG(src)
	if err != nil {
		t.Fatalf("encodePNG: %v", err)
	}
	got := decode(t, b)
	if got.Bounds() != src.Bounds() || !bytes.Equal(got.Pix, src.Pix) {
		t.Errorf("decoded pixels differ from the source:\n got %v\nwant %v", got.Pix, src.Pix)
	}
}

func TestFunnel_StagesNeitherPeriodReportedAreLeftOut(t *testing.T) {
	t.Parallel()
	ws := testWorkspace(domain.English)
	// Impressions and clicks are never counted; leads onwards are.
	cur := report(dealers, week47, -1, -1, 100, 60, 30, 20, 10, 8)
	all := report(dealers, week47, 5000, 400, 100, 60, 30, 20, 10, 8)
	short := pixels(t, func(r *Renderer) ([]byte, error) { return r.Funnel(ws, cur, cur, nil, "") })
	full := pixels(t, func(r *Renderer) ([]byte, error) { return r.Funnel(ws, all, all, nil, "") })
	if got, want := full.Bounds().Dy()-short.Bounds().Dy(), 2*funnelRowHeight; got != want {
		t.Errorf("leaving out two unreported stages made the picture %d px shorter, want %d", got, want)
	}
	// The first row is then the leads bar, the longest one.
	if n := runLength(short, funnelBarLeft, contentTop+funnelBarHeight/2, colBar); n < 500 {
		t.Errorf("first row's bar is %d px: the unreported stages still take the top rows", n)
	}
}
