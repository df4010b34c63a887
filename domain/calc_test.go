package domain

import (
	"math"
	"testing"
	"time"
)

// testWorkspace has the default stages and reasons and four segments:
// a (focus), b (skips meetings), c, and archived d.
func testWorkspace() *Workspace {
	ws := NewWorkspace(-100, "Test", English, "UTC", Person{UserID: 1, Name: "CEO"}, time.Time{})
	ws.Segments = []Segment{
		{Key: "a", Name: Name{En: "A"}, Focus: true},
		{Key: "b", Name: Name{En: "B"}, SkipStages: []string{"meetings"}},
		{Key: "c", Name: Name{En: "C"}},
		{Key: "d", Name: Name{En: "D"}, Archived: true},
	}
	return ws
}

// rub converts whole currency units to Money.
func rub(units int64) Money { return Money(units * 100) }

// funnel returns stage counts in default stage order, from leads on;
// a negative number leaves the stage unreported.
func funnel(leads, qualified, meetings, proposals, deals, paid int64) map[string]int64 {
	counts := map[string]int64{}
	for key, n := range map[string]int64{
		"leads": leads, "qualified": qualified, "meetings": meetings,
		"proposals": proposals, "deals": deals, "paid": paid,
	} {
		if n >= 0 {
			counts[key] = n
		}
	}
	return counts
}

func record(seg string, w Week, counts map[string]int64) WeeklyRecord {
	return WeeklyRecord{Segment: seg, Week: w, Counts: counts}
}

// approx compares a Value with a hand-computed number.
func approx(got Value, want float64) bool {
	return got.OK && math.Abs(got.V-want) < 1e-9
}

func checkValue(t *testing.T, name string, got Value, want float64) {
	t.Helper()
	if !approx(got, want) {
		t.Errorf("%s = %+v, want %v", name, got, want)
	}
}

func checkNone(t *testing.T, name string, got Value) {
	t.Helper()
	if got.OK || got.V != 0 {
		t.Errorf("%s = %+v, want None", name, got)
	}
}

func TestBuildReport_OneWeekFormulas(t *testing.T) {
	ws := testWorkspace()
	w := wk(2026, 10)
	rec := record("a", w, funnel(100, 40, 20, 10, 5, 4))
	rec.Spend, rec.Revenue = rub(50_000), rub(2_000_000)
	rec.Margin, rec.HasMargin = 0.4, true
	rec.NonTarget = map[string]int64{"wrong_segment": 20, "no_budget": 20, "duplicate": 10}
	rec.DropOffs = map[string]map[string]int64{
		"meetings": {"wrong_phone": 8, "no_answer": 12},
		"deals":    {"price": 3, "competitor": 2},
	}
	r := BuildReport(ws, "a", WeekPeriod(w), []WeeklyRecord{rec})

	if r.Segment.Key != "a" || r.Weeks != 1 || len(r.Stages) != 8 {
		t.Fatalf("segment %q, weeks %d, stages %d; want a, 1, 8", r.Segment.Key, r.Weeks, len(r.Stages))
	}
	stages := []struct {
		key       string
		count     int64
		reported  bool
		conv, cum float64 // -1 for None
		lost      int64
	}{
		{"impressions", 0, false, -1, -1, 0},
		{"clicks", 0, false, -1, -1, 0},
		{"leads", 100, true, -1, 1, 0},
		{"qualified", 40, true, 0.4, 0.4, 0},
		{"meetings", 20, true, 0.5, 0.2, 20},
		{"proposals", 10, true, 0.5, 0.1, 0},
		{"deals", 5, true, 0.5, 0.05, 5},
		{"paid", 4, true, 0.8, 0.04, 0},
	}
	for i, want := range stages {
		t.Run(want.key, func(t *testing.T) {
			f := r.Stages[i]
			if f.Stage.Key != want.key || f.Count != want.count || f.Reported != want.reported || f.Lost != want.lost {
				t.Errorf("got %s count %d reported %v lost %d, want %s %d %v %d",
					f.Stage.Key, f.Count, f.Reported, f.Lost, want.key, want.count, want.reported, want.lost)
			}
			for _, v := range []struct {
				name string
				got  Value
				want float64
			}{{"Conv", f.Conv, want.conv}, {"Cum", f.Cum, want.cum}} {
				if v.want < 0 {
					checkNone(t, v.name, v.got)
				} else {
					checkValue(t, v.name, v.got, v.want)
				}
			}
		})
	}

	t.Run("unit economics", func(t *testing.T) {
		if r.Spend != rub(50_000) || r.Revenue != rub(2_000_000) {
			t.Errorf("spend %v revenue %v, want 5000000 and 200000000", r.Spend, r.Revenue)
		}
		if r.GrossProfit != rub(800_000) || !r.HasGrossProfit {
			t.Errorf("gross profit %v (%v), want 80000000", r.GrossProfit, r.HasGrossProfit)
		}
		checkValue(t, "CPL", r.CPL, 500)                            // 50 000 / 100
		checkValue(t, "CostPerQualified", r.CostPerQualified, 1250) // 50 000 / 40
		checkValue(t, "CAC", r.CAC, 12500)                          // 50 000 / 4
		checkValue(t, "AvgCheck", r.AvgCheck, 500_000)              // 2 000 000 / 4
		checkValue(t, "ROMI", r.ROMI, 15)                           // (800 000 − 50 000) / 50 000
	})

	t.Run("non-target split, ties in reason order", func(t *testing.T) {
		if r.NonTargetLeads != 50 {
			t.Errorf("NonTargetLeads = %d, want 50", r.NonTargetLeads)
		}
		checkValue(t, "NonTargetShare", r.NonTargetShare, 0.5)
		want := []struct {
			key   string
			count int64
			share float64
		}{{"no_budget", 20, 0.4}, {"wrong_segment", 20, 0.4}, {"duplicate", 10, 0.2}}
		if len(r.NonTarget) != len(want) {
			t.Fatalf("len(NonTarget) = %d, want %d", len(r.NonTarget), len(want))
		}
		for i, w := range want {
			got := r.NonTarget[i]
			if got.Reason.Key != w.key || got.Count != w.count || !approx(got.Share, w.share) {
				t.Errorf("NonTarget[%d] = %s %d %v, want %s %d %v", i, got.Reason.Key, got.Count, got.Share, w.key, w.count, w.share)
			}
		}
		if got, want := r.NonTarget[0].Reason.Name.Ru, "Нет бюджета"; got != want {
			t.Errorf("reason name = %q, want the workspace's %q", got, want)
		}
	})

	t.Run("drop-offs per stage, largest first", func(t *testing.T) {
		if len(r.DropOffs) != 2 {
			t.Fatalf("len(DropOffs) = %d, want 2", len(r.DropOffs))
		}
		m, d := r.DropOffs[0], r.DropOffs[1]
		if m.Stage.Key != "meetings" || m.Total != 20 || m.Reasons[0].Reason.Key != "no_answer" || !approx(m.Reasons[0].Share, 0.6) ||
			m.Reasons[1].Reason.Key != "wrong_phone" || !approx(m.Reasons[1].Share, 0.4) {
			t.Errorf("meetings drop-offs = %+v, want no_answer 60%%, wrong_phone 40%% of 20", m)
		}
		if d.Stage.Key != "deals" || d.Total != 5 || d.Reasons[0].Reason.Key != "price" || d.Reasons[0].Count != 3 {
			t.Errorf("deals drop-offs = %+v, want price 3 of 5 first", d)
		}
	})
}

func TestBuildReport_RatesAreRatiosOfSums(t *testing.T) {
	ws := testWorkspace()
	good := record("a", wk(2026, 10), funnel(100, 80, -1, -1, -1, -1))
	good.Spend = rub(1000)
	bad := record("a", wk(2026, 11), funnel(10, 1, -1, -1, -1, -1))
	bad.Spend = rub(1000)
	r := BuildReport(ws, "a", MonthPeriod(2026, time.March), []WeeklyRecord{good, bad})

	if r.Weeks != 2 {
		t.Errorf("Weeks = %d, want 2", r.Weeks)
	}
	// Weekly conversions are 80% and 10%; their mean (45%) would be wrong.
	qualified, _ := r.Figure("qualified")
	checkValue(t, "Conv qualified", qualified.Conv, 81.0/110)
	// Weekly CPLs are 10 and 100; their mean (55) would be wrong.
	checkValue(t, "CPL", r.CPL, 2000.0/110)
}

func TestBuildReport_ZeroDenominatorsAreNone(t *testing.T) {
	ws := testWorkspace()
	w := wk(2026, 10)
	tests := []struct {
		name string
		recs []WeeklyRecord
	}{
		{"no records", nil},
		{"reported zeros", []WeeklyRecord{record("a", w, funnel(0, 0, 0, 0, 0, 0))}},
		{"spend without leads", []WeeklyRecord{{Segment: "a", Week: w, Counts: funnel(0, 0, 0, 0, 0, 0), Spend: rub(100)}}},
		{"no stages reported", []WeeklyRecord{{Segment: "a", Week: w, Spend: rub(100), Revenue: rub(1000)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := BuildReport(ws, "a", WeekPeriod(w), tt.recs)
			checkNone(t, "CPL", r.CPL)
			checkNone(t, "CostPerQualified", r.CostPerQualified)
			checkNone(t, "CAC", r.CAC)
			checkNone(t, "AvgCheck", r.AvgCheck)
			checkNone(t, "NonTargetShare", r.NonTargetShare)
			for _, f := range r.Stages {
				checkNone(t, "Conv "+f.Stage.Key, f.Conv)
				checkNone(t, "Cum "+f.Stage.Key, f.Cum)
			}
		})
	}
	t.Run("ROMI without spend", func(t *testing.T) {
		rec := record("a", w, funnel(10, 5, 0, 0, 0, 0))
		rec.Revenue, rec.Margin, rec.HasMargin = rub(1000), 0.5, true
		r := BuildReport(ws, "a", WeekPeriod(w), []WeeklyRecord{rec})
		checkNone(t, "ROMI", r.ROMI)
		checkValue(t, "CPL without spend is a real zero", r.CPL, 0)
	})
	t.Run("no records has no gross profit", func(t *testing.T) {
		if r := BuildReport(ws, "a", WeekPeriod(w), nil); r.HasGrossProfit || r.Weeks != 0 {
			t.Errorf("HasGrossProfit %v, Weeks %d; want false, 0", r.HasGrossProfit, r.Weeks)
		}
	})
}

func TestBuildReport_MissingStagesAreBridged(t *testing.T) {
	ws := testWorkspace()
	w := wk(2026, 10)

	t.Run("segment skips a stage", func(t *testing.T) {
		r := BuildReport(ws, "b", WeekPeriod(w), []WeeklyRecord{record("b", w, funnel(50, 20, -1, 10, 4, 2))})
		if _, ok := r.Figure("meetings"); ok {
			t.Errorf("meetings in the report of a segment that skips it")
		}
		if got, want := len(r.Stages), 7; got != want {
			t.Errorf("len(Stages) = %d, want %d", got, want)
		}
		p, _ := r.Figure("proposals")
		checkValue(t, "Conv proposals", p.Conv, 0.5) // 10 / 20 qualified
		from, _ := r.PreviousReported("proposals")
		if from.Stage.Key != "qualified" {
			t.Errorf("proposals convert from %q, want qualified", from.Stage.Key)
		}
	})
	t.Run("stage not reported this period", func(t *testing.T) {
		r := BuildReport(ws, "a", WeekPeriod(w), []WeeklyRecord{record("a", w, funnel(50, 20, -1, 10, 4, 2))})
		m, _ := r.Figure("meetings")
		if m.Reported {
			t.Errorf("meetings Reported = true, want false")
		}
		checkNone(t, "Conv meetings", m.Conv)
		p, _ := r.Figure("proposals")
		checkValue(t, "Conv proposals", p.Conv, 0.5)
		checkValue(t, "Cum proposals", p.Cum, 0.2) // 10 / 50 leads
	})
	t.Run("reported zero is not bridged", func(t *testing.T) {
		r := BuildReport(ws, "a", WeekPeriod(w), []WeeklyRecord{record("a", w, funnel(50, 20, 0, 10, 4, 2))})
		p, _ := r.Figure("proposals")
		checkNone(t, "Conv proposals after zero meetings", p.Conv)
	})
	t.Run("archived stage is left out", func(t *testing.T) {
		ws := testWorkspace()
		ws.Stages[1].Archived = true // clicks
		rec := record("a", w, map[string]int64{"impressions": 1000, "clicks": 100, "leads": 10})
		r := BuildReport(ws, "a", WeekPeriod(w), []WeeklyRecord{rec})
		if _, ok := r.Figure("clicks"); ok {
			t.Errorf("archived clicks in the report")
		}
		l, _ := r.Figure("leads")
		checkValue(t, "Conv leads from impressions", l.Conv, 0.01)
	})
}

func TestBuildReport_AllSegments(t *testing.T) {
	ws := testWorkspace()
	w := wk(2026, 10)
	recs := []WeeklyRecord{
		{Segment: "a", Week: w, Counts: funnel(100, 50, 30, 20, 10, 8), Spend: rub(1000), Revenue: rub(8000), Margin: 0.5, HasMargin: true},
		{Segment: "b", Week: w, Counts: funnel(300, 60, -1, 30, 10, 10), Spend: rub(3000), Revenue: rub(2000), Margin: 0.25, HasMargin: true},
		{Segment: "d", Week: w, Counts: funnel(1000, 1000, 1000, 1000, 1000, 1000), Spend: rub(99999)}, // archived
		{Segment: "zzz", Week: w, Counts: funnel(1000, 0, 0, 0, 0, 0)},                                 // unknown
		{Segment: "a", Week: wk(2026, 11), Counts: funnel(1000, 0, 0, 0, 0, 0)},                        // outside
	}
	r := BuildReport(ws, "", WeekPeriod(w), recs)

	if r.Segment.Key != "" || r.Segment.Name.In(Russian) != "Все сегменты" || r.Segment.Name.In(English) != "All segments" {
		t.Errorf("Segment = %+v, want the all-segments name", r.Segment)
	}
	leads, _ := r.Figure("leads")
	if leads.Count != 400 {
		t.Errorf("leads = %d, want 400", leads.Count)
	}
	// b skips meetings but a reports them, so the stage stays.
	m, ok := r.Figure("meetings")
	if !ok || m.Count != 30 {
		t.Errorf("meetings = %d (%v), want 30", m.Count, ok)
	}
	if r.Spend != rub(4000) || r.Revenue != rub(10000) || r.GrossProfit != rub(4500) {
		t.Errorf("spend %v revenue %v gross profit %v, want 400000 1000000 450000", r.Spend, r.Revenue, r.GrossProfit)
	}
	checkValue(t, "CPL", r.CPL, 10) // 4000 / 400
	checkValue(t, "AvgCheck", r.AvgCheck, 10000.0/18)
	checkValue(t, "ROMI", r.ROMI, 0.125) // (4500 − 4000) / 4000
}

func TestBuildReport_GrossProfitNeedsEveryMargin(t *testing.T) {
	ws := testWorkspace()
	withMargin := WeeklyRecord{Segment: "a", Week: wk(2026, 10), Spend: rub(100), Revenue: rub(1000), Margin: 0.5, HasMargin: true}
	tests := []struct {
		name   string
		second WeeklyRecord
		has    bool
		gp     Money
	}{
		{"revenue without margin", WeeklyRecord{Segment: "a", Week: wk(2026, 11), Revenue: rub(1000)}, false, 0},
		{"no revenue, no margin", WeeklyRecord{Segment: "a", Week: wk(2026, 11), Spend: rub(100)}, true, rub(500)},
		{"different margins add up", WeeklyRecord{Segment: "a", Week: wk(2026, 11), Revenue: rub(1000), Margin: 0.3, HasMargin: true}, true, rub(800)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := BuildReport(ws, "a", MonthPeriod(2026, time.March), []WeeklyRecord{withMargin, tt.second})
			if r.HasGrossProfit != tt.has || r.GrossProfit != tt.gp {
				t.Errorf("gross profit %v (%v), want %v (%v)", r.GrossProfit, r.HasGrossProfit, tt.gp, tt.has)
			}
			if !tt.has {
				checkNone(t, "ROMI", r.ROMI)
			}
		})
	}
}

func TestBuildReport_Rollups(t *testing.T) {
	ws := testWorkspace()
	recs := []WeeklyRecord{
		record("a", wk(2026, 48), funnel(10, -1, -1, -1, -1, -1)), // Nov 23–29
		record("a", wk(2026, 49), funnel(20, -1, -1, -1, -1, -1)), // Nov 30–Dec 6, Thursday Dec 3
		record("a", wk(2026, 53), funnel(40, -1, -1, -1, -1, -1)), // Dec 28–Jan 3, Thursday Dec 31
		record("a", wk(2027, 1), funnel(80, -1, -1, -1, -1, -1)),  // Jan 4–10
	}
	tests := []struct {
		name  string
		p     Period
		leads int64
		weeks int
	}{
		{"november keeps the week before the boundary", MonthPeriod(2026, time.November), 10, 1},
		{"december takes the straddling week and week 53", MonthPeriod(2026, time.December), 60, 2},
		{"Q4 2026 ends with week 53", QuarterPeriod(2026, 4), 70, 3},
		{"Q1 2027 starts after week 53", QuarterPeriod(2027, 1), 80, 1},
		{"january 2027", PeriodOf(PeriodMonth, wk(2027, 1)), 80, 1},
		{"four weeks across new year", LastWeeks(wk(2027, 1), 4), 120, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := BuildReport(ws, "a", tt.p, recs)
			l, _ := r.Figure("leads")
			if l.Count != tt.leads || r.Weeks != tt.weeks {
				t.Errorf("leads %d over %d weeks, want %d over %d", l.Count, r.Weeks, tt.leads, tt.weeks)
			}
		})
	}
}

func TestFunnelReport_MetricValue(t *testing.T) {
	ws := testWorkspace()
	w := wk(2026, 10)
	rec := record("a", w, funnel(100, 40, 20, 10, 5, 4))
	rec.Spend, rec.Revenue = rub(50_000), rub(2_000_000)
	r := BuildReport(ws, "a", WeekPeriod(w), []WeeklyRecord{rec})
	tests := []struct {
		m    Metric
		want float64
	}{
		{ConvMetric("qualified"), 0.4},
		{MetricCPL, 500},
		{MetricCAC, 12500},
		{MetricSpend, 50_000},
		{MetricRevenue, 2_000_000},
	}
	for _, tt := range tests {
		t.Run(string(tt.m), func(t *testing.T) {
			checkValue(t, string(tt.m), r.MetricValue(tt.m), tt.want)
		})
	}
	checkNone(t, "unknown metric", r.MetricValue("nope"))
	checkNone(t, "ROMI without margin", r.MetricValue(MetricROMI))
}

// BenchmarkBuildReport sums two years of weekly records of three segments
// into one all-segments report.
func BenchmarkBuildReport(b *testing.B) {
	ws := testWorkspace()
	last := wk(2026, 47)
	var recs []WeeklyRecord
	for i := range 104 {
		for _, seg := range []string{"a", "b", "c"} {
			rec := record(seg, last.Add(-i), funnel(200, 80, 40, 20, 10, 8))
			rec.Counts["impressions"], rec.Counts["clicks"] = 50000, 2000
			rec.Spend, rec.Revenue, rec.Margin, rec.HasMargin = rub(100_000), rub(4_000_000), 0.4, true
			rec.NonTarget = map[string]int64{"no_budget": 60, "wrong_segment": 40, "not_ready": 20}
			rec.DropOffs = map[string]map[string]int64{"meetings": {"no_answer": 30, "wrong_phone": 10}, "deals": {"price": 10}}
			recs = append(recs, rec)
		}
	}
	p := LastWeeks(last, 104)
	b.ReportAllocs()
	for b.Loop() {
		BuildReport(ws, "", p, recs)
	}
}

func TestBuildReport_UnreportedQualityAndMoneyAreNone(t *testing.T) {
	ws := testWorkspace()
	w1, w2 := Week{Year: 2026, Num: 45}, Week{Year: 2026, Num: 46}
	onlyCounts := record("a", w1, funnel(100, 60, -1, -1, -1, -1))
	onlyCounts.Spend = rub(5000)
	withReasons := record("a", w2, funnel(50, 30, -1, -1, -1, -1))
	withReasons.NonTarget = map[string]int64{"no_budget": 10}

	week := BuildReport(ws, "a", WeekPeriod(w1), []WeeklyRecord{onlyCounts})
	// No qualification reasons reported: quality unknown, not 0%.
	checkNone(t, "non-target share without reasons", week.NonTargetShare)
	// Spend without revenue or margin: ROMI unknown, not −100%.
	checkNone(t, "ROMI without revenue", week.ROMI)

	// Over two weeks only the week with reasons counts: 10 of its 50 leads,
	// not 10 of all 150.
	both := BuildReport(ws, "a", Period{Kind: PeriodRange, From: w1, To: w2}, []WeeklyRecord{onlyCounts, withReasons})
	checkValue(t, "non-target share over the weeks with reasons", both.NonTargetShare, 10.0/50)

	// A reported zero revenue with a margin is a real −100%.
	zero := onlyCounts
	zero.HasMargin, zero.Margin = true, 0.4
	checkValue(t, "ROMI with reported zero revenue", BuildReport(ws, "a", WeekPeriod(w1), []WeeklyRecord{zero}).ROMI, -1)
}
