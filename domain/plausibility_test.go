package domain

import (
	"slices"
	"strings"
	"testing"
)

// entryOf is an entry of segment a naming the counts, plus money in whole units.
func entryOf(w Week, counts map[string]int64, spend, revenue int64) Entry {
	e := Entry{Segment: "a", Week: w, Counts: counts}
	if spend > 0 {
		m := rub(spend)
		e.Spend = &m
	}
	if revenue > 0 {
		m := rub(revenue)
		e.Revenue = &m
	}
	return e
}

// steadyWeeks are eight weeks of segment a before 2026-W11 with the same figures.
func steadyWeeks(counts map[string]int64, spend int64) []WeeklyRecord {
	var recs []WeeklyRecord
	for i := 1; i <= MedianWeeks; i++ {
		recs = append(recs, WeeklyRecord{Segment: "a", Week: wk(2026, 11-i), Counts: counts, Spend: rub(spend)})
	}
	return recs
}

func codesOf(ws []Warning) []string {
	codes := []string{}
	for _, w := range ws {
		codes = append(codes, w.Code)
	}
	return codes
}

func TestPlausibility_Rules(t *testing.T) {
	ws := testWorkspace()
	w := wk(2026, 11)
	stored45 := []WeeklyRecord{{Segment: "a", Week: w, Counts: map[string]int64{"qualified": 45}}}
	tests := []struct {
		name    string
		stored  []WeeklyRecord
		entries []Entry
		want    []string
	}{
		{"50 meetings after 45 qualified were saved", stored45,
			[]Entry{entryOf(w, map[string]int64{"meetings": 50}, 0, 0)}, []string{WarnStageOverPrevious}},
		{"45 meetings after 45 qualified are fine", stored45,
			[]Entry{entryOf(w, map[string]int64{"meetings": 45}, 0, 0)}, nil},
		{"a stage over the one before in the same report", nil,
			[]Entry{entryOf(w, funnel(100, 120, -1, -1, -1, -1), 0, 0)}, []string{WarnStageOverPrevious}},
		{"an old implausibility is not blamed on an unrelated report",
			[]WeeklyRecord{{Segment: "a", Week: w, Counts: funnel(100, 120, -1, -1, -1, -1)}},
			[]Entry{entryOf(w, nil, 5000, 0)}, nil},
		{"revenue without paid deals", nil,
			[]Entry{entryOf(w, map[string]int64{"deals": 3}, 0, 90000)}, []string{WarnRevenueWithoutPaid}},
		{"revenue with paid deals", nil,
			[]Entry{entryOf(w, map[string]int64{"deals": 3, "paid": 2}, 0, 90000)}, nil},
		{"an absurd count", nil,
			[]Entry{entryOf(w, map[string]int64{"leads": AbsurdCount + 1}, 0, 0)}, []string{WarnAbsurdValue}},
		{"an absurd amount", nil,
			[]Entry{entryOf(w, nil, int64(AbsurdMoney/100)+1, 0)}, []string{WarnAbsurdValue}},
		{"ten times the median", steadyWeeks(funnel(120, 80, -1, -1, -1, -1), 350_000),
			[]Entry{entryOf(w, funnel(1200, 80, -1, -1, -1, -1), 350_000, 0)}, []string{WarnFarFromMedian}},
		{"a tenth of the median spend", steadyWeeks(funnel(120, 80, -1, -1, -1, -1), 350_000),
			[]Entry{entryOf(w, funnel(120, 80, -1, -1, -1, -1), 35_000, 0)}, []string{WarnFarFromMedian}},
		{"nine times the median is fine", steadyWeeks(funnel(120, 80, -1, -1, -1, -1), 350_000),
			[]Entry{entryOf(w, funnel(1080, 80, -1, -1, -1, -1), 350_000, 0)}, nil},
		{"no median from two weeks", steadyWeeks(funnel(120, 80, -1, -1, -1, -1), 350_000)[:2],
			[]Entry{entryOf(w, funnel(1200, 80, -1, -1, -1, -1), 350_000, 0)}, nil},
		{"small counts are left alone", steadyWeeks(funnel(120, 80, -1, -1, 1, 1), 0),
			[]Entry{entryOf(w, funnel(120, 80, -1, -1, 12, 12), 0, 0)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := codesOf(PlausibilityWarnings(ws, tt.entries, tt.stored))
			if !slices.Equal(got, append([]string{}, tt.want...)) {
				t.Errorf("warnings = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestPlausibility_DropOffsOverTheItemsLost(t *testing.T) {
	ws := testWorkspace()
	e := entryOf(wk(2026, 11), funnel(-1, 45, 40, -1, -1, -1), 0, 0)
	e.DropOffs = map[string]map[string]int64{"meetings": {"price": 3, "timing": 4}}
	got := PlausibilityWarnings(ws, []Entry{e}, nil)
	if codes := codesOf(got); !slices.Equal(codes, []string{WarnLostOverDrop}) {
		t.Fatalf("warnings = %v, want lost_over_drop", codes)
	}
	text := got[0].Localize(English)
	for _, want := range []string{"A, 2026-W11", "Meetings", "7", "only 5", "Qualified"} {
		if !strings.Contains(text, want) {
			t.Errorf("warning %q lacks %q", text, want)
		}
	}
	e.DropOffs["meetings"]["timing"] = 2
	if got := PlausibilityWarnings(ws, []Entry{e}, nil); len(got) != 0 {
		t.Errorf("5 lost with reasons of 5 lost warned: %v", codesOf(got))
	}
}

// A file's earlier weeks make the median of its later ones.
func TestPlausibility_MedianCountsTheReportsOwnWeeks(t *testing.T) {
	ws := testWorkspace()
	var entries []Entry
	for n := 1; n <= 6; n++ {
		entries = append(entries, entryOf(wk(2026, n), map[string]int64{"leads": 100}, 0, 0))
	}
	entries = append(entries, entryOf(wk(2026, 7), map[string]int64{"leads": 1000}, 0, 0))
	got := PlausibilityWarnings(ws, entries, nil)
	if len(got) != 1 || got[0].Week != wk(2026, 7) || got[0].Text != "plausible.above_median" {
		t.Fatalf("warnings = %+v, want one above the median in W07", got)
	}
	ru := got[0].Localize(Russian)
	if !strings.Contains(ru, "в 10 раз выше") || !strings.Contains(ru, "1\u00a0000") {
		t.Errorf("Russian warning = %q", ru)
	}
}

func TestImplausibleConversionIsNeverSignificant(t *testing.T) {
	ws := testWorkspace()
	before := weekReport(ws, record("", wk(2026, 10), funnel(200, 45, 20, -1, -1, -1)))
	now := weekReport(ws, record("", wk(2026, 11), funnel(200, 45, 50, -1, -1, -1)))
	c := changeOf(t, Compare(now, before, nil), ConvMetric("meetings"))
	if c.Significant || !c.Implausible {
		t.Errorf("45 → 50 meetings against 45 → 20: significant %v implausible %v, want false true", c.Significant, c.Implausible)
	}
	// The same kind of move within 100%, on enough items to tell, is good news.
	before = weekReport(ws, record("", wk(2026, 10), funnel(2000, 450, 200, -1, -1, -1)))
	now = weekReport(ws, record("", wk(2026, 11), funnel(2000, 450, 400, -1, -1, -1)))
	if c := changeOf(t, Compare(now, before, nil), ConvMetric("meetings")); !c.Significant || c.Worse || c.Implausible {
		t.Errorf("450 → 400 meetings: significant %v worse %v implausible %v", c.Significant, c.Worse, c.Implausible)
	}
}
