package domain

import (
	"math"
	"reflect"
	"testing"
)

// weekReport builds the report of segment a for one week from one record.
func weekReport(ws *Workspace, rec WeeklyRecord) FunnelReport {
	rec.Segment = "a"
	return BuildReport(ws, "a", WeekPeriod(rec.Week), []WeeklyRecord{rec})
}

// changeOf finds the change of a metric.
func changeOf(t *testing.T, changes []Change, m Metric) Change {
	t.Helper()
	for _, c := range changes {
		if c.Metric == m {
			return c
		}
	}
	t.Fatalf("no change of %s in %d changes", m, len(changes))
	return Change{}
}

func TestCompare_Conversions(t *testing.T) {
	ws := testWorkspace()
	tests := []struct {
		name             string
		before, now      map[string]int64
		delta            float64
		significant, bad bool
		volume           int64
	}{
		// Without history the rule is conservative: a rate is taken as four
		// times as noisy as coin flips and must move by 30% of where it was.
		{"fell on volume", funnel(2000, 400, 240, -1, -1, -1), funnel(2000, 400, 160, -1, -1, -1), -0.20, true, true, 400},
		{"rose on volume", funnel(2000, 400, 160, -1, -1, -1), funnel(2000, 400, 240, -1, -1, -1), 0.20, true, false, 400},
		{"a hundred items are too few without history", funnel(200, 100, 60, -1, -1, -1), funnel(200, 100, 40, -1, -1, -1), -0.20, false, true, 100},
		{"small numbers never alarm", funnel(20, 10, 6, -1, -1, -1), funnel(20, 10, 2, -1, -1, -1), -0.40, false, true, 10},
		{"one side small", funnel(200, 100, 60, -1, -1, -1), funnel(20, 19, 5, -1, -1, -1), 5.0/19 - 0.6, false, true, 19},
		{"immaterial on any volume", funnel(20000, 4000, 1000, -1, -1, -1), funnel(20000, 4000, 800, -1, -1, -1), -0.05, false, true, 4000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := weekReport(ws, record("", wk(2026, 10), tt.before))
			now := weekReport(ws, record("", wk(2026, 11), tt.now))
			c := changeOf(t, Compare(now, before, nil), ConvMetric("meetings"))
			if !approx(c.Delta, tt.delta) || c.Significant != tt.significant || c.Worse != tt.bad || c.Volume != tt.volume || !c.IsRate {
				t.Errorf("got Δ %v significant %v worse %v volume %d rate %v, want %v %v %v %d true",
					c.Delta, c.Significant, c.Worse, c.Volume, c.IsRate, tt.delta, tt.significant, tt.bad, tt.volume)
			}
			if c.From.Key != "qualified" || c.Stage.Key != "meetings" {
				t.Errorf("change %s → %s, want qualified → meetings", c.From.Key, c.Stage.Key)
			}
		})
	}
}

func TestCompare_DifferentBaseIsNotSignificant(t *testing.T) {
	ws := testWorkspace()
	// Before, meetings were not reported: proposals converted from qualified.
	before := weekReport(ws, record("", wk(2026, 10), funnel(400, 200, -1, 100, -1, -1)))
	now := weekReport(ws, record("", wk(2026, 11), funnel(400, 200, 150, 30, -1, -1)))
	c := changeOf(t, Compare(now, before, nil), ConvMetric("proposals"))
	if c.Significant {
		t.Errorf("conversion from meetings compared with conversion from qualified is Significant")
	}
	if !approx(c.Delta, 0.2-0.5) {
		t.Errorf("Delta = %v, want −0.3", c.Delta)
	}
}

func TestCompare_Order(t *testing.T) {
	ws := testWorkspace()
	r := weekReport(ws, record("", wk(2026, 10), funnel(100, 50, 25, 10, 5, 4)))
	changes := Compare(r, r, nil)
	want := []Metric{
		ConvMetric("qualified"), ConvMetric("meetings"), ConvMetric("proposals"), ConvMetric("deals"), ConvMetric("paid"),
		MetricCPL, MetricCostPerQualified, MetricCAC, MetricAvgCheck, MetricROMI, MetricNonTargetShare, MetricSpend, MetricRevenue,
	}
	if len(changes) != len(want) {
		t.Fatalf("len = %d, want %d", len(changes), len(want))
	}
	for i, m := range want {
		if changes[i].Metric != m {
			t.Errorf("changes[%d] = %s, want %s", i, changes[i].Metric, m)
		}
		if changes[i].Significant || changes[i].Worse {
			t.Errorf("%s: a report against itself changed", m)
		}
	}
}

func TestCompare_Amounts(t *testing.T) {
	ws := testWorkspace()
	base := func(w Week, counts map[string]int64, spend, revenue int64, margin float64) FunnelReport {
		rec := record("", w, counts)
		rec.Spend, rec.Revenue, rec.Margin, rec.HasMargin = rub(spend), rub(revenue), margin, true
		return weekReport(ws, rec)
	}
	// Without history an amount must double or halve on at least 20 items.
	before := base(wk(2026, 10), funnel(400, 160, 80, 50, 40, 40), 10_000, 20_000_000, 0.5)
	now := func(counts map[string]int64, spend, revenue int64) FunnelReport {
		return base(wk(2026, 11), counts, spend, revenue, 0.5)
	}
	usual := funnel(400, 160, 80, 50, 40, 40)
	tests := []struct {
		name             string
		now              FunnelReport
		metric           Metric
		delta            float64
		significant, bad bool
	}{
		// 20 000 / 400 against 10 000 / 400.
		{"CPL doubled on volume", now(usual, 20_000, 20_000_000), MetricCPL, 1, true, true},
		{"CPL halved", now(usual, 5_000, 20_000_000), MetricCPL, -0.5, true, false},
		{"CPL up 25% is not enough without history", now(usual, 12_500, 20_000_000), MetricCPL, 0.25, false, true},
		{"CPL on few leads", now(funnel(10, 4, 2, 1, 1, 1), 2_000, 500_000), MetricCPL, 7, false, true},
		// 10 000 / 10 against 10 000 / 40: quadrupled, but on 10 paying customers.
		{"CAC on few customers", now(funnel(400, 160, 80, 50, 10, 10), 10_000, 5_000_000), MetricCAC, 3, false, true},
		{"average check halved", now(usual, 10_000, 10_000_000), MetricAvgCheck, -0.5, true, true},
		{"revenue halved", now(usual, 10_000, 10_000_000), MetricRevenue, -0.5, true, true},
		{"spend doubled is neutral", now(usual, 20_000, 20_000_000), MetricSpend, 1, true, false},
		// ROMI (5 000 000 − 10 000)/10 000 = 499 against (10 000 000 − 10 000)/10 000 = 999:
		// gross profit per unit of spend halved.
		{"ROMI down in points", now(usual, 10_000, 10_000_000), MetricROMI, -500, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := changeOf(t, Compare(tt.now, before, nil), tt.metric)
			if !approx(c.Delta, tt.delta) || c.Significant != tt.significant || c.Worse != tt.bad {
				t.Errorf("got Δ %v significant %v worse %v, want %v %v %v", c.Delta, c.Significant, c.Worse, tt.delta, tt.significant, tt.bad)
			}
			if c.IsRate != tt.metric.IsRate() {
				t.Errorf("IsRate = %v, want %v", c.IsRate, tt.metric.IsRate())
			}
		})
	}
}

func TestCompare_AmountFromZeroIsUndefined(t *testing.T) {
	ws := testWorkspace()
	free := record("", wk(2026, 10), funnel(100, 40, 20, 10, 8, 8))
	paid := record("", wk(2026, 11), funnel(100, 40, 20, 10, 8, 8))
	paid.Spend = rub(10_000)
	for _, m := range []Metric{MetricCPL, MetricSpend} {
		c := changeOf(t, Compare(weekReport(ws, paid), weekReport(ws, free), nil), m)
		checkNone(t, string(m)+" Delta", c.Delta)
		if c.Significant || c.Worse {
			t.Errorf("%s: significant %v worse %v from zero, want false", m, c.Significant, c.Worse)
		}
	}
}

func TestCompare_NonTargetShare(t *testing.T) {
	ws := testWorkspace()
	report := func(w Week, leads, junk int64) FunnelReport {
		rec := record("", w, funnel(leads, leads-junk, -1, -1, -1, -1))
		rec.NonTarget = map[string]int64{"no_budget": junk}
		return weekReport(ws, rec)
	}
	tests := []struct {
		name             string
		before, now      FunnelReport
		delta            float64
		significant, bad bool
	}{
		{"junk up", report(wk(2026, 10), 1000, 300), report(wk(2026, 11), 1000, 450), 0.15, true, true},
		{"junk down", report(wk(2026, 10), 1000, 450), report(wk(2026, 11), 1000, 300), -0.15, true, false},
		{"junk up on a hundred leads without history", report(wk(2026, 10), 100, 30), report(wk(2026, 11), 100, 45), 0.15, false, true},
		{"few leads", report(wk(2026, 10), 10, 3), report(wk(2026, 11), 10, 8), 0.5, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := changeOf(t, Compare(tt.now, tt.before, nil), MetricNonTargetShare)
			if !approx(c.Delta, tt.delta) || c.Significant != tt.significant || c.Worse != tt.bad || !c.IsRate {
				t.Errorf("got Δ %v significant %v worse %v, want %v %v %v", c.Delta, c.Significant, c.Worse, tt.delta, tt.significant, tt.bad)
			}
		})
	}
}

func TestBaseline_AverageWeekAcrossNewYear(t *testing.T) {
	ws := testWorkspace()
	mk := func(w Week, leads, qualified, spend int64) WeeklyRecord {
		rec := record("a", w, funnel(leads, qualified, -1, -1, -1, -1))
		rec.Spend, rec.Revenue, rec.Margin, rec.HasMargin = rub(spend), rub(spend*10), 0.5, true
		return rec
	}
	recs := []WeeklyRecord{
		mk(wk(2026, 50), 1000, 1000, 99_000), // before the window
		mk(wk(2026, 51), 100, 80, 1_000),
		// 2026-W52 has no record.
		mk(wk(2026, 53), 10, 1, 2_000),
		mk(wk(2027, 1), 30, 9, 3_000),
		mk(wk(2027, 2), 1000, 0, 99_000), // the week itself
		mk(wk(2027, 1), 50, 50, 50_000),  // another segment's, below
	}
	recs[5].Segment = "b"
	r := Baseline(ws, "a", wk(2027, 2), recs)

	if want := (Period{Kind: PeriodRange, From: wk(2026, 51), To: wk(2027, 1)}); r.Period != want {
		t.Errorf("Period = %v, want %v", r.Period, want)
	}
	if r.Weeks != 3 {
		t.Errorf("Weeks = %d, want 3", r.Weeks)
	}
	// 6 000 spent over the three weeks with records: 2 000 a week.
	if r.Spend != rub(2_000) || r.Revenue != rub(20_000) || r.GrossProfit != rub(10_000) {
		t.Errorf("spend %v revenue %v gross profit %v, want 200000 2000000 1000000", r.Spend, r.Revenue, r.GrossProfit)
	}
	q, _ := r.Figure("qualified")
	checkValue(t, "Conv qualified", q.Conv, 90.0/140) // ratio of sums, not the mean of 80%, 10% and 30%
	checkValue(t, "CPL", r.CPL, 6000.0/140)
	if l, _ := r.Figure("leads"); l.Count != 140 {
		t.Errorf("leads = %d, want the sum 140", l.Count)
	}
}

func TestChange_Label(t *testing.T) {
	ws := testWorkspace()
	r := weekReport(ws, record("", wk(2026, 10), funnel(100, 40, -1, 10, 5, 4)))
	changes := Compare(r, r, nil)
	tests := []struct {
		metric Metric
		lang   Lang
		want   string
	}{
		{ConvMetric("qualified"), English, "Leads → Qualified"},
		{ConvMetric("qualified"), Russian, "Лиды → Целевые"},
		{ConvMetric("proposals"), Russian, "Целевые → КП"}, // meetings unreported, bridged
		{MetricCPL, Russian, "CPL"},
		{MetricAvgCheck, Russian, "Средний чек"},
		{MetricAvgCheck, English, "Average check"},
		{MetricNonTargetShare, Russian, "Доля нецелевых"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := changeOf(t, changes, tt.metric).Label(ws, tt.lang); got != tt.want {
				t.Errorf("Label = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestMetricLabel(t *testing.T) {
	ws := testWorkspace()
	tests := []struct {
		m    Metric
		want string
	}{
		{ConvMetric("meetings"), "Целевые → Встречи"},
		{ConvMetric("impressions"), "Показы"},
		{ConvMetric("gone"), "gone"},
		{MetricCAC, "CAC"},
		{MetricRevenue, "Выручка"},
		{Metric("unknown"), "unknown"},
	}
	for _, tt := range tests {
		t.Run(string(tt.m), func(t *testing.T) {
			if got := MetricLabel(ws, tt.m, Russian); got != tt.want {
				t.Errorf("MetricLabel(%s) = %q, want %q", tt.m, got, tt.want)
			}
		})
	}
}

func TestChange_DeltaTextAndValues(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"rate delta", Change{IsRate: true, Delta: Some(-0.2)}.DeltaText(English), "−20 pp"},
		{"amount delta", Change{Delta: Some(0.25)}.DeltaText(Russian), "+25%"},
		{"undefined delta", Change{Delta: None}.DeltaText(English), "—"},
		{"conversion value", FormatMetricValue(ConvMetric("leads"), Some(0.5), "₽", English), "50%"},
		{"ROMI value", FormatMetricValue(MetricROMI, Some(1.5), "₽", English), "150%"},
		{"money value", FormatMetricValue(MetricCPL, Some(1500), "₽", Russian), "1 500 ₽"},
		{"undefined value", FormatMetricValue(MetricCAC, None, "₽", Russian), "—"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if want := nb(tt.want); tt.got != want {
				t.Errorf("got %q, want %q", tt.got, want)
			}
		})
	}
}

func TestCompare_NeverNaN(t *testing.T) {
	ws := testWorkspace()
	empty := BuildReport(ws, "a", WeekPeriod(wk(2026, 10)), nil)
	zero := weekReport(ws, record("", wk(2026, 10), funnel(0, 0, 0, 0, 0, 0)))
	for _, pair := range [][2]FunnelReport{{empty, empty}, {zero, empty}, {empty, zero}, {zero, zero}} {
		for _, c := range Compare(pair[0], pair[1], nil) {
			for _, v := range []Value{c.Now, c.Before, c.Delta} {
				if math.IsNaN(v.V) || math.IsInf(v.V, 0) {
					t.Errorf("%s: %v", c.Metric, v)
				}
			}
			if c.Significant {
				t.Errorf("%s significant on empty reports", c.Metric)
			}
		}
	}
}

func TestCompareMetric_MatchesCompare(t *testing.T) {
	ws := testWorkspace()
	before := weekReport(ws, record("", wk(2026, 10), funnel(200, 100, 60, 30, -1, -1)))
	now := weekReport(ws, record("", wk(2026, 11), funnel(200, 100, 40, 30, -1, -1)))
	all := Compare(now, before, nil)
	for _, m := range []Metric{ConvMetric("meetings"), ConvMetric("proposals"), MetricCPL, MetricNonTargetShare, MetricRevenue} {
		got, ok := CompareMetric(now, before, nil, m)
		if want := changeOf(t, all, m); !ok || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %+v (%v), want Compare's %+v", m, got, ok, want)
		}
	}
	for _, m := range []Metric{ConvMetric("nowhere"), Metric("unknown")} {
		if _, ok := CompareMetric(now, before, nil, m); ok {
			t.Errorf("%s: ok, want no change for a metric Compare does not report", m)
		}
	}
}

func TestChange_Moved(t *testing.T) {
	for _, tt := range []struct {
		delta Value
		want  bool
	}{
		{Some(0.005), true}, {Some(-0.005), true}, {Some(0.0049), false}, {Some(0), false}, {None, false},
	} {
		if got := (Change{Delta: tt.delta}).Moved(); got != tt.want {
			t.Errorf("Moved with Δ %v = %v, want %v", tt.delta, got, tt.want)
		}
	}
}
