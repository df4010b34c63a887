package charts

import (
	"fmt"
	"testing"

	"trackbot/domain"
)

// A phone shows a picture about phoneWidth pixels wide. These tests render
// every chart, record its layout while it is drawn, and check it at that
// width: every text at least phoneMinText pixels high, every bar that
// carries a value at least a few pixels long and thick.

// phoneMinBar is the least length and thickness, in pixels at phone width,
// of a bar that shows a non-zero value.
const phoneMinBar = 2.5

// layoutsOf renders and returns the layout of every picture the render
// drew.
func layoutsOf(t *testing.T, render func(*Renderer) ([]byte, error)) []layout {
	t.Helper()
	var got []layout
	for _, p := range drawnBy(t, render) {
		got = append(got, p.layout)
	}
	return got
}

// checkPhoneWidth reports every text and bar of l that a phone cannot show,
// and texts drawn over each other.
func checkPhoneWidth(t *testing.T, l layout) {
	t.Helper()
	scale := float64(phoneWidth) / float64(l.width)
	for _, tx := range l.texts {
		if tx.text == "" {
			continue
		}
		if px := tx.size * scale; px < phoneMinText-1e-9 {
			t.Errorf("%q is %.1f px high at %d px wide (%.0f px on a %d px canvas), want at least %d",
				tx.text, px, phoneWidth, tx.size, l.width, phoneMinText)
		}
	}
	for i, a := range l.texts {
		for _, b := range l.texts[i+1:] {
			if a.text != "" && b.text != "" && a.box().Overlaps(b.box()) {
				t.Errorf("%q at %v overlaps %q at %v", a.text, a.box(), b.text, b.box())
			}
		}
	}
	for _, b := range l.bars {
		if b.Dx() == 0 {
			continue // a zero value
		}
		if long, thick := float64(b.Dx())*scale, float64(b.Dy())*scale; long < phoneMinBar || thick < phoneMinBar {
			t.Errorf("bar %v is %.1f × %.1f px at %d px wide, want at least %.1f × %.1f",
				b, long, thick, phoneWidth, phoneMinBar, phoneMinBar)
		}
	}
}

func TestCharts_LegibleAtPhoneWidth(t *testing.T) {
	for _, lang := range domain.Langs {
		renders := sampleCharts(lang)
		for _, name := range sampleNames {
			t.Run(fmt.Sprintf("%s_%s", name, lang), func(t *testing.T) {
				t.Parallel()
				for _, l := range layoutsOf(t, renders[name]) {
					checkPhoneWidth(t, l)
				}
			})
		}
	}
}

func TestCharts_EdgeCasesAndNoDataLegibleAtPhoneWidth(t *testing.T) {
	for name, render := range emptyCharts(domain.Russian) {
		t.Run("empty "+name, func(t *testing.T) {
			t.Parallel()
			for _, l := range layoutsOf(t, render) {
				checkPhoneWidth(t, l)
			}
		})
	}
	for name, render := range edgeCases() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for _, l := range layoutsOf(t, render) {
				checkPhoneWidth(t, l)
			}
		})
	}
}

// A funnel from 120 000 impressions to 10 payments spans four orders of
// magnitude: on a linear axis the sales stages were slivers, so it is drawn
// on a log scale, says so, and writes every count.
func TestFunnel_EveryStageReadableOnAPhone(t *testing.T) {
	t.Parallel()
	ws := testWorkspace(domain.English)
	counts := []int64{120000, 2400, 400, 256, 60, 30, 12, 10}
	cur := report(dealers, week47, counts...)
	l := layoutsOf(t, func(r *Renderer) ([]byte, error) { return r.Funnel(ws, cur, domain.FunnelReport{}, nil, "") })[0]
	var bars []int
	for _, b := range l.bars {
		if b.Dy() == funnelBarHeight {
			bars = append(bars, b.Dx())
		}
	}
	if len(bars) != len(counts) {
		t.Fatalf("got %d stage bars, want %d", len(bars), len(counts))
	}
	scale := float64(phoneWidth) / float64(l.width)
	for i, w := range bars {
		if px := float64(w) * scale; px < funnelReadableBar*scale {
			t.Errorf("bar of %d is %.1f px long on a phone, want at least %.1f", counts[i], px, funnelReadableBar*scale)
		}
		if i > 0 && w >= bars[i-1] {
			t.Errorf("bar of %d (%d px) is not shorter than the bar of %d (%d px)", counts[i], w, counts[i-1], bars[i-1])
		}
	}
	drawn := map[string]bool{}
	for _, tx := range l.texts {
		drawn[tx.text] = true
	}
	for _, n := range counts {
		if !drawn[domain.FormatCount(n)] {
			t.Errorf("count %d is not written", n)
		}
	}
	if !drawn["· log scale"] {
		t.Error("the legend does not say the bars are on a log scale")
	}

	// Sales stages alone read fine on a linear axis, which needs no note.
	linear := layoutsOf(t, func(r *Renderer) ([]byte, error) {
		return r.Funnel(ws, report(dealers, week47, -1, -1, 100, 60, 30, 20, 10, 8), domain.FunnelReport{}, nil, "")
	})[0]
	for _, tx := range linear.texts {
		if tx.text == "· log scale" {
			t.Error("a funnel from 100 leads to 8 payments is drawn on a log scale")
		}
	}
}
