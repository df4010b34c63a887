package charts

import (
	"strings"
	"testing"
	"unicode/utf8"

	"trackbot/domain"
)

func TestNiceAxis(t *testing.T) {
	tests := []struct {
		v               float64
		wantTop, wantSt float64
	}{
		{v: 0.64, wantTop: 0.8, wantSt: 0.2},
		{v: 0.92, wantTop: 1, wantSt: 0.25},
		{v: 0.08, wantTop: 0.08, wantSt: 0.02},
		{v: 0.035, wantTop: 0.04, wantSt: 0.01},
		{v: 0, wantTop: 0.1, wantSt: 0.025},
	}
	for _, tt := range tests {
		top, step := niceAxis(tt.v)
		if !near64(top, tt.wantTop) || !near64(step, tt.wantSt) {
			t.Errorf("niceAxis(%v): got %v step %v, want %v step %v", tt.v, top, step, tt.wantTop, tt.wantSt)
		}
	}
}

func near64(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

func TestPickMovers_KeepsTheMostMovedInFunnelOrder(t *testing.T) {
	all := []conversionSeries{
		{index: 1, name: "a", moved: 0.01},
		{index: 2, name: "b", moved: 0.30},
		{index: 3, name: "c", moved: 0.05},
		{index: 4, name: "d", moved: 0.20},
		{index: 5, name: "e", moved: 0.10},
	}
	var got []string
	for _, s := range pickMovers(all, 3) {
		got = append(got, s.name)
	}
	if want := "b d e"; strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q", strings.Join(got, " "), want)
	}
}

func TestFit_CutsLongNamesByRunes(t *testing.T) {
	r := newRenderer(t)
	c, err := newCanvas(r.font, 200, 100)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in       string
		maxW     int
		wantSame bool
	}{
		{in: "Дилеры", maxW: 300, wantSame: true},
		{in: strings.Repeat("Застройщики ", 1000), maxW: 300},
		{in: strings.Repeat("ж", 100), maxW: 10},
	}
	for _, tt := range tests {
		got := c.fit(tt.in, sizeLabel, tt.maxW)
		if tt.wantSame && got != tt.in {
			t.Errorf("fit(%q): got %q, want it unchanged", tt.in, got)
		}
		if !tt.wantSame && !strings.HasSuffix(got, "…") {
			t.Errorf("fit(long): got %q, want it to end with …", got)
		}
		if !utf8.ValidString(got) || c.textWidth(got, sizeLabel) > max(tt.maxW, c.textWidth("…", sizeLabel)) {
			t.Errorf("fit: got %q (%d px), want valid UTF-8 within %d px", got, c.textWidth(got, sizeLabel), tt.maxW)
		}
	}
}

func TestReasonRows_FoldsTheRestIntoOneRow(t *testing.T) {
	rep := withNonTarget(report(dealers, week47, 100), 100,
		reasonCount{"no_budget", 40}, reasonCount{"not_ready", 20}, reasonCount{"duplicate", 10}, reasonCount{"unreachable", 10})
	rows := reasonRows(domain.English, rep.NonTarget, 3)
	if got, want := len(rows), 3; got != want {
		t.Fatalf("rows: got %d, want %d", got, want)
	}
	last := rows[2]
	if got, want := last.count, int64(20); got != want || !near64(last.share.V, 0.25) {
		t.Errorf("folded row: got %d items %.2f, want %d items 0.25", got, last.share.V, want)
	}
	if got, want := last.name, "2 more reasons"; got != want {
		t.Errorf("folded name: got %q, want %q", got, want)
	}
}
