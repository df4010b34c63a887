package domain

import (
	"strings"
	"testing"
)

func TestTrendGap_NeedsThreeWeeksWithConversions(t *testing.T) {
	ws := packWorkspace()
	last := wk(2026, 10)
	tests := []struct {
		name     string
		weeks    []int // weeks back from last with numbers
		wantOK   bool
		wantHave int
	}{
		{name: "one week", weeks: []int{0}, wantHave: 1},
		{name: "two weeks with a gap", weeks: []int{0, 5}, wantHave: 2},
		{name: "three weeks", weeks: []int{0, 1, 2}, wantOK: true},
		{name: "three weeks apart", weeks: []int{0, 4, 8}, wantOK: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var recs []WeeklyRecord
			for _, back := range tt.weeks {
				recs = append(recs, record("a", last.Add(-back), funnel(100, 60, 30, 20, 10, 8)))
			}
			var weekly []FunnelReport
			for _, w := range LastWeeks(last, ReviewHistoryWeeks).Weeks() {
				weekly = append(weekly, BuildReport(ws, "a", WeekPeriod(w), recs))
			}
			gap, ok := TrendGap(ws.Segments[0], weekly)
			if ok != tt.wantOK {
				t.Fatalf("ok = %v, want %v (gap %+v)", ok, tt.wantOK, gap)
			}
			if !ok && (gap.Weeks != tt.wantHave || gap.Reason != GapFewWeeks || gap.Chart != ChartTrend) {
				t.Errorf("gap = %+v, want a trend with %d weeks", gap, tt.wantHave)
			}
		})
	}
}

func TestQualityGap_CountsWeeksWithNonTargetLeads(t *testing.T) {
	ws := packWorkspace()
	last := wk(2026, 10)
	var recs []WeeklyRecord
	for back := range 4 {
		r := record("a", last.Add(-back), funnel(100, 60, 30, 20, 10, 8))
		if back < 2 { // non-target leads counted in two weeks only
			r.NonTarget = map[string]int64{"no_budget": 10}
		}
		recs = append(recs, r)
	}
	var weekly []FunnelReport
	for _, w := range LastWeeks(last, 4).Weeks() {
		weekly = append(weekly, BuildReport(ws, "a", WeekPeriod(w), recs))
	}
	if _, ok := TrendGap(ws.Segments[0], weekly); !ok {
		t.Error("four weeks of conversions: the trend is left out")
	}
	if gap, ok := QualityGap(ws.Segments[0], weekly); ok || gap.Weeks != 2 {
		t.Errorf("quality with two weeks of non-target leads: ok %v, gap %+v; want left out with 2 weeks", ok, gap)
	}
}

func TestHasFigures_ZerosAreNoFigures(t *testing.T) {
	ws := packWorkspace()
	w := wk(2026, 10)
	tests := []struct {
		name string
		rec  WeeklyRecord
		want bool
	}{
		{name: "zeros", rec: record("a", w, map[string]int64{"leads": 0, "qualified": 0})},
		{name: "a count", rec: record("a", w, map[string]int64{"leads": 0, "paid": 1}), want: true},
		{name: "spend only", rec: WeeklyRecord{Segment: "a", Week: w, Spend: 100}, want: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := BuildReport(ws, "a", WeekPeriod(w), []WeeklyRecord{tt.rec}).HasFigures(); got != tt.want {
				t.Errorf("HasFigures = %v, want %v", got, tt.want)
			}
		})
	}
	rows := []FocusRow{
		{Segment: ws.Segments[0], LeadsShare: Some(1), RevenueShare: Some(1)},
		{Segment: ws.Segments[1], LeadsShare: Some(0), RevenueShare: Some(0), SpendShare: None},
	}
	if got := FocusRowsWithFigures(rows); len(got) != 1 || got[0].Segment.Key != "a" {
		t.Errorf("rows with figures = %+v, want segment a alone", got)
	}
}

func TestChartGapsText_SaysWhyOnceASegment(t *testing.T) {
	ws := packWorkspace()
	p := WeekPeriod(wk(2026, 10))
	gaps := []ChartGap{
		{Chart: ChartFunnel, Segment: ws.Segments[1], Reason: GapNoFigures},
		{Chart: ChartTable, Segment: ws.Segments[1], Reason: GapNoFigures},
		{Chart: ChartTrend, Segment: ws.Segments[0], Reason: GapFewWeeks, Weeks: 1},
		{Chart: ChartMix, Reason: GapFewSegment},
	}
	got := ChartGapsText(English, p, gaps)
	want := "<i>Left out of the charts:</i>\n" +
		"• Retail — no numbers for 2026-W10\n" +
		"• Conversion trend · A&amp;B dealers — needs 3 weeks with numbers, has 1\n" +
		"• Segment mix — needs 2 segments with numbers"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if ChartGapsText(English, p, nil) != "" {
		t.Error("no gaps: want no text")
	}
	if ru := ChartGapsText(Russian, p, gaps); !strings.Contains(ru, "нужно недель с цифрами: 3, есть: 1") {
		t.Errorf("Russian text: %s", ru)
	}
}

func TestReviewPack_FollowUpsShareOneMessageWhenTheyFit(t *testing.T) {
	short := ReviewPack{Headline: "h", Questions: "<b>Q</b>", Hypotheses: "<b>H</b> &amp;"}
	if got := short.FollowUps(); len(got) != 1 || got[0] != "<b>Q</b>\n\n<b>H</b> &amp;" {
		t.Errorf("follow-ups = %q, want one message", got)
	}
	if got, want := short.Cost(), 2; got != want {
		t.Errorf("cost = %d, want %d", got, want)
	}
	// 4096 visible characters in all: tags and entities do not count.
	exact := ReviewPack{Questions: "<b>" + strings.Repeat("я", 2000) + "</b>", Hypotheses: strings.Repeat("&amp;", 2094)}
	if got := exact.FollowUps(); len(got) != 1 {
		t.Errorf("4096 visible characters: %d messages, want 1", len(got))
	}
	long := ReviewPack{Questions: strings.Repeat("q", 3000), Hypotheses: strings.Repeat("h", 1200),
		Pictures: make([]Attachment, 6)}
	if got := long.FollowUps(); len(got) != 2 || got[0] != long.Questions || got[1] != long.Hypotheses {
		t.Errorf("too long for one message: got %d messages, want the two texts apart", len(got))
	}
	if got, want := long.Cost(), 1+2+6; got != want {
		t.Errorf("cost = %d, want %d (headline, two texts, six photos)", got, want)
	}
	if got, want := long.PictureBudget(), ReviewPackBudget-3; got != want {
		t.Errorf("picture budget = %d, want %d", got, want)
	}
}
