package domain

import (
	"testing"
)

func TestSummarize_CountsNewCorrectedAndUnchangedPerSegment(t *testing.T) {
	ws := newTestWorkspace()
	w := func(n int) Week { return Week{Year: 2026, Num: n} }
	money := func(m Money) *Money { return &m }
	stored := map[Week]WeeklyRecord{
		w(10): {Segment: "dealers", Week: w(10), Counts: map[string]int64{"leads": 100, "qualified": 60}, Spend: 5000},
	}
	entries := []Entry{
		{Segment: "retail", Week: w(11), Counts: map[string]int64{"leads": 7}},
		// Leads unchanged, qualified and spend corrected, meetings new.
		{Segment: "dealers", Week: w(10), Counts: map[string]int64{"leads": 100, "qualified": 65, "meetings": 20}, Spend: money(6000)},
		{Segment: "dealers", Week: w(9), Counts: map[string]int64{"leads": 90}},
		{Segment: "dealers", Week: w(12), NonTarget: map[string]int64{"no_budget": 3}},
	}
	sum, err := summarize(ws, entries, func(e Entry) (WeeklyRecord, bool, error) {
		r, ok := stored[e.Week]
		return r, ok && e.Segment == r.Segment, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Segments) != 2 || sum.Segments[0].Segment != "dealers" || sum.Segments[1].Segment != "retail" {
		t.Fatalf("segments = %+v, want dealers then retail (the workspace's order)", sum.Segments)
	}
	d := sum.Segments[0]
	if want := []Week{w(9), w(10), w(12)}; len(d.Weeks) != 3 || d.Weeks[0] != want[0] || d.Weeks[1] != want[1] || d.Weeks[2] != want[2] {
		t.Errorf("dealers' weeks = %v, want %v", d.Weeks, want)
	}
	if d.New != 3 || d.Corrected != 2 || d.Unchanged != 1 {
		t.Errorf("dealers: new %d, corrected %d, unchanged %d; want 3, 2, 1", d.New, d.Corrected, d.Unchanged)
	}
	if figures, weeks := sum.Corrected(); figures != 2 || weeks != 1 {
		t.Errorf("Corrected() = %d figures in %d weeks, want 2 in 1", figures, weeks)
	}
	if n := sum.Figures(); n != 7 {
		t.Errorf("Figures() = %d, want 7", n)
	}
	rows := sum.Diffs[1].Rows(ws, English)
	var qualified DiffRow
	for _, r := range rows {
		if r.Label == "Qualified" {
			qualified = r
		}
	}
	if qualified.Status != FigureCorrected || qualified.Old != "60" || qualified.Value != "65" {
		t.Errorf("the qualified row = %+v, want 60 corrected to 65", qualified)
	}
	if got := sum.Extent(ws, English); got != "2 segments × 1–3 weeks" {
		t.Errorf("Extent = %q", got)
	}
}

func TestDraftSummary_ExtentSaysWhatWasSaved(t *testing.T) {
	ws := newTestWorkspace()
	entries := func(segments []string, weeks int) []Entry {
		var es []Entry
		for _, s := range segments {
			for i := range weeks {
				es = append(es, Entry{Segment: s, Week: Week{Year: 2026, Num: 1 + i}, Counts: map[string]int64{"leads": 1}})
			}
		}
		return es
	}
	three := []string{"dealers", "developers", "retail"}
	for _, c := range []struct {
		segments []string
		weeks    int
		lang     Lang
		want     string
	}{
		{three, 8, English, "3 segments × 8 weeks"},
		{three, 8, Russian, "3 сегмента × 8 недель"},
		{three, 52, Russian, "3 сегмента × 52 недели"},
		{three, 1, English, "3 segments × 1 week"},
		{three[:1], 1, English, "Dealers, 2026-W01"},
		{three[:1], 21, Russian, "Дилеры, 21 неделя"},
		{three[:2], 24, Russian, "2 сегмента × 24 недели"},
		{three[:2], 11, English, "2 segments × 11 weeks"},
	} {
		if got := SummarizeEntries(ws, entries(c.segments, c.weeks)).Extent(ws, c.lang); got != c.want {
			t.Errorf("%d segments × %d weeks in %s: %q, want %q", len(c.segments), c.weeks, c.lang, got, c.want)
		}
	}
}

func TestPlural_RussianForms(t *testing.T) {
	for n, want := range map[int]string{1: "1 сегмент", 2: "2 сегмента", 5: "5 сегментов", 11: "11 сегментов", 12: "12 сегментов",
		14: "14 сегментов", 21: "21 сегмент", 22: "22 сегмента", 101: "101 сегмент", 111: "111 сегментов", 0: "0 сегментов"} {
		if got := Plural(Russian, n, "noun.segment"); got != want {
			t.Errorf("Plural(%d) = %q, want %q", n, got, want)
		}
	}
	if got := Plural(English, 1, "noun.week") + ", " + Plural(English, 0, "noun.week"); got != "1 week, 0 weeks" {
		t.Errorf("English: %q", got)
	}
}

func TestWeekSpans_JoinsRunsAcrossTheYear(t *testing.T) {
	weeks := []Week{{2025, 51}, {2025, 52}, {2026, 1}, {2026, 3}, {2026, 5}, {2026, 6}, {2026, 8}, {2026, 10}}
	if got, want := WeekSpans(weeks, 3), "2025-W51 – 2026-W01, 2026-W03, 2026-W05 – 2026-W06, …"; got != want {
		t.Errorf("WeekSpans = %q, want %q", got, want)
	}
	if got := WeekSpans(weeks[:3], 3); got != "2025-W51 – 2026-W01" {
		t.Errorf("one run: %q", got)
	}
}
