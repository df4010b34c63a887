package domain

import (
	"testing"
)

// compareWithHistory compares week cur with the week before it, the
// weeks of hist (oldest first, ending the week before cur) being the
// history: the last of them is the week compared with.
func compareWithHistory(t *testing.T, ws *Workspace, hist []WeeklyRecord, cur WeeklyRecord, m Metric) Change {
	t.Helper()
	last := wk(2026, 30)
	recs := make([]WeeklyRecord, 0, len(hist)+1)
	for i, r := range hist {
		r.Segment, r.Week = "a", last.Add(i-len(hist))
		recs = append(recs, r)
	}
	cur.Segment, cur.Week = "a", last
	recs = append(recs, cur)
	p := WeekPeriod(last)
	now := BuildReport(ws, "a", p, recs)
	before := BuildReport(ws, "a", p.Previous(), recs)
	return changeOf(t, Compare(now, before, EarlierReports(ws, "a", p, recs)), m)
}

// weeks returns n records made by mk from the week's index.
func weeks(n int, mk func(i int) WeeklyRecord) []WeeklyRecord {
	out := make([]WeeklyRecord, n)
	for i := range out {
		out[i] = mk(i)
	}
	return out
}

func withMoney(r WeeklyRecord, spend, revenue int64) WeeklyRecord {
	r.Spend, r.Revenue, r.Margin, r.HasMargin = rub(spend), rub(revenue), 0.5, true
	return r
}

func TestCompare_RateAgainstItsOwnNoise(t *testing.T) {
	ws := testWorkspace()
	steady := weeks(10, func(i int) WeeklyRecord {
		return record("", Week{}, funnel(200, 100, 58+int64(i%2)*4, -1, -1, -1))
	})
	steady[9].Counts["meetings"] = 60
	wandering := weeks(10, func(i int) WeeklyRecord {
		return record("", Week{}, funnel(200, 100, 35+int64(i%2)*30, -1, -1, -1))
	})
	wandering[9].Counts["meetings"] = 60
	tests := []struct {
		name        string
		hist        []WeeklyRecord
		meetings    int64
		significant bool
	}{
		{"a fall from 60% to 40% where the rate holds within 4 points", steady, 40, true},
		{"the same fall where the rate swings between 35% and 65%", wandering, 40, false},
		{"a wobble of 4 points where the rate holds", steady, 56, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := compareWithHistory(t, ws, tt.hist, record("", Week{}, funnel(200, 100, tt.meetings, -1, -1, -1)), ConvMetric("meetings"))
			if c.Significant != tt.significant || !c.Worse {
				t.Errorf("%v → %v: significant %v worse %v, want %v true", c.Before, c.Now, c.Significant, c.Worse, tt.significant)
			}
		})
	}
}

func TestCompare_AmountAgainstItsOwnNoise(t *testing.T) {
	ws := testWorkspace()
	steady := weeks(10, func(i int) WeeklyRecord {
		return withMoney(record("", Week{}, funnel(100, 50, -1, -1, -1, -1)), 9_700+int64(i%2)*600, 0)
	})
	wandering := weeks(10, func(i int) WeeklyRecord {
		return withMoney(record("", Week{}, funnel(100, 50, -1, -1, -1, -1)), 6_000+int64(i%2)*8_000, 0)
	})
	tests := []struct {
		name        string
		hist        []WeeklyRecord
		spend       int64
		significant bool
	}{
		{"CPL up 45% where the budget holds within 3%", steady, 14_500, true},
		{"CPL up 45% where the budget swings by half", wandering, 14_500 * 14_000 / 10_300, false},
		{"CPL up 20% where the budget holds: not material", steady, 12_360, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cur := withMoney(record("", Week{}, funnel(100, 50, -1, -1, -1, -1)), tt.spend, 0)
			c := compareWithHistory(t, ws, tt.hist, cur, MetricCPL)
			if c.Significant != tt.significant || !c.Worse {
				t.Errorf("CPL %v → %v: significant %v worse %v, want %v true", c.Before, c.Now, c.Significant, c.Worse, tt.significant)
			}
		})
	}
}

// TestCompare_ROMIWobbleIsNoise is the headline the questions would call
// noise: ROMI from 441% to 411% is 5.5% less gross profit per unit of
// spend, far below a material move, with history or without.
func TestCompare_ROMIWobbleIsNoise(t *testing.T) {
	ws := testWorkspace()
	usual := funnel(400, 160, 80, 50, 40, 40)
	hist := weeks(10, func(i int) WeeklyRecord {
		return withMoney(record("", Week{}, usual), 1_000_000, 10_500_000+int64(i%3)*300_000)
	})
	hist[9] = withMoney(record("", Week{}, usual), 1_000_000, 10_820_000) // ROMI 441%
	cur := withMoney(record("", Week{}, usual), 1_000_000, 10_220_000)    // ROMI 411%
	c := compareWithHistory(t, ws, hist, cur, MetricROMI)
	if !approx(c.Delta, -0.30) || c.Significant {
		t.Errorf("ROMI %v → %v (Δ %v): significant %v, want a −30 pp move that is not significant", c.Before, c.Now, c.Delta, c.Significant)
	}
	prev, now := weekReport(ws, hist[9]), weekReport(ws, cur)
	if c := changeOf(t, Compare(now, prev, nil), MetricROMI); c.Significant {
		t.Errorf("without history: ROMI %v → %v significant", c.Before, c.Now)
	}
}

func TestCompare_RevenueToZero(t *testing.T) {
	ws := testWorkspace()
	paid := func(n int64) map[string]int64 { return funnel(100, 50, 20, 10, n, n) }
	always := weeks(10, func(i int) WeeklyRecord {
		return withMoney(record("", Week{}, paid(5)), 50_000, 1_000_000+int64(i%3)*200_000)
	})
	sometimes := weeks(10, func(i int) WeeklyRecord {
		return withMoney(record("", Week{}, paid(5)), 50_000, 1_000_000+int64(i%3)*200_000)
	})
	sometimes[3] = withMoney(record("", Week{}, paid(0)), 50_000, 0)
	sometimes[6] = withMoney(record("", Week{}, paid(0)), 50_000, 0)
	nothing := withMoney(record("", Week{}, paid(0)), 50_000, 0)
	if c := compareWithHistory(t, ws, always, nothing, MetricRevenue); !c.Significant || !c.Worse {
		t.Errorf("no revenue after ten weeks with revenue: significant %v worse %v, want true true", c.Significant, c.Worse)
	}
	if c := compareWithHistory(t, ws, sometimes, nothing, MetricRevenue); c.Significant {
		t.Errorf("no revenue where weeks without revenue happen: significant")
	}
}

func TestCompare_FewItemsWidenAPerItemAmount(t *testing.T) {
	ws := testWorkspace()
	// CAC 1 000 on 40 paying customers a week, within 3%.
	hist := weeks(10, func(i int) WeeklyRecord {
		return withMoney(record("", Week{}, funnel(400, 160, 80, 50, 40, 40)), 39_000+int64(i%2)*2_000, 4_000_000)
	})
	hist[9] = withMoney(record("", Week{}, funnel(400, 160, 80, 50, 40, 40)), 40_000, 4_000_000)
	// CAC 1 600 both times: on 25 paying customers, then on 2.
	many := withMoney(record("", Week{}, funnel(400, 160, 80, 50, 25, 25)), 40_000, 2_500_000)
	few := withMoney(record("", Week{}, funnel(400, 160, 80, 50, 2, 2)), 3_200, 200_000)
	if c := compareWithHistory(t, ws, hist, many, MetricCAC); !approx(c.Delta, 0.6) || !c.Significant {
		t.Errorf("CAC +60%% on 25 customers: Δ %v significant %v, want 0.6 true", c.Delta, c.Significant)
	}
	if c := compareWithHistory(t, ws, hist, few, MetricCAC); !approx(c.Delta, 0.6) || c.Significant {
		t.Errorf("CAC +60%% on 2 customers: Δ %v significant %v, want 0.6 false", c.Delta, c.Significant)
	}
}

func TestJudgeChanges_FalseDiscoveriesAcrossTheComparison(t *testing.T) {
	tested := func(p float64) changeTest { return changeTest{tested: true, p: p, material: true} }
	immaterial := changeTest{tested: true, p: 0, material: false}
	tests := []struct {
		name  string
		tests []changeTest
		want  []bool
	}{
		{"one strong move alone", []changeTest{tested(0.04)}, []bool{true}},
		{"the same move among five tests", []changeTest{tested(0.04), tested(0.5), tested(0.6), tested(0.7), tested(0.8)}, []bool{false, false, false, false, false}},
		{"an immaterial move is no evidence", []changeTest{immaterial, tested(0.04)}, []bool{false, true}},
		{"untested changes are not in the family", []changeTest{{}, {}, {}, tested(0.04)}, []bool{false, false, false, true}},
		{"a verdict without history stands", []changeTest{{tested: true, ruled: true, sig: true}, tested(0.9)}, []bool{true, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			changes := make([]Change, len(tt.tests))
			judgeChanges(changes, tt.tests)
			for i, c := range changes {
				if c.Significant != tt.want[i] {
					t.Errorf("change %d: significant %v, want %v", i, c.Significant, tt.want[i])
				}
			}
		})
	}
}

func TestEarlierReports(t *testing.T) {
	ws := testWorkspace()
	var recs []WeeklyRecord
	for i := 1; i <= 20; i++ {
		if i == 17 {
			continue // a week without numbers
		}
		recs = append(recs, record("a", wk(2026, i), funnel(100, 50, -1, -1, -1, -1)))
	}
	recs = append(recs, record("b", wk(2025, 40), funnel(1, 1, -1, -1, -1, -1)))
	got := EarlierReports(ws, "a", WeekPeriod(wk(2026, 20)), recs)
	var weeks []Week
	for _, r := range got {
		weeks = append(weeks, r.Period.From)
	}
	// Twelve weeks back, W17 left out, the most recent first.
	want := []Week{wk(2026, 19), wk(2026, 18), wk(2026, 16), wk(2026, 15), wk(2026, 14), wk(2026, 13), wk(2026, 12), wk(2026, 11), wk(2026, 10), wk(2026, 9), wk(2026, 8)}
	if len(weeks) != len(want) {
		t.Fatalf("weeks = %v, want %v", weeks, want)
	}
	for i := range want {
		if weeks[i] != want[i] {
			t.Fatalf("weeks = %v, want %v", weeks, want)
		}
	}
	if got := EarlierReports(ws, "a", WeekPeriod(wk(2026, 3)), recs); len(got) != 2 {
		t.Errorf("before W03: %d reports, want the 2 weeks since the first record", len(got))
	}
}
