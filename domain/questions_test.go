package domain

import (
	"strings"
	"testing"
	"time"
)

// demoNow is a fixed day for the question tests.
var demoNow = time.Date(2026, time.March, 11, 12, 0, 0, 0, time.UTC)

// quietRecords returns weeks of the same dealer record ending with last.
func quietRecords(ws *Workspace, last Week, weeks int) []WeeklyRecord {
	var recs []WeeklyRecord
	for i := range weeks {
		recs = append(recs, WeeklyRecord{
			Segment: "main", Week: last.Add(-i),
			Counts:    map[string]int64{"leads": 200, "qualified": 120, "meetings": 60, "proposals": 40, "deals": 20, "paid": 18},
			Spend:     100_000_00,
			Revenue:   900_000_00,
			NonTarget: map[string]int64{"no_budget": 50, "duplicate": 30},
			DropOffs:  map[string]map[string]int64{"meetings": {"no_answer": 40, "timing": 20}},
		})
	}
	return recs
}

func TestTrackerQuestions_QuietWeekAsksNothing(t *testing.T) {
	ws := NewWorkspace(-1, "Quiet", English, "UTC", Person{UserID: 1}, demoNow)
	last := Week{2026, 10}
	for _, tc := range []struct {
		name  string
		weeks int
	}{{"two identical weeks", 2}, {"six identical weeks", 6}, {"one week without history", 1}} {
		t.Run(tc.name, func(t *testing.T) {
			if got := TrackerQuestions(ws, "", WeekPeriod(last), quietRecords(ws, last, tc.weeks)); len(got) != 0 {
				t.Errorf("got %d questions, want none: %+v", len(got), got)
			}
		})
	}
}

func TestTrackerQuestions_SmallNumbersAskNothing(t *testing.T) {
	ws := NewWorkspace(-1, "Small", English, "UTC", Person{UserID: 1}, demoNow)
	last := Week{2026, 10}
	recs := []WeeklyRecord{
		{Segment: "main", Week: last.Add(-1), Counts: map[string]int64{"leads": 10, "qualified": 9}},
		{Segment: "main", Week: last, Counts: map[string]int64{"leads": 10, "qualified": 2}},
	}
	if got := TrackerQuestions(ws, "", WeekPeriod(last), recs); len(got) != 0 {
		t.Errorf("got %+v, want none from 10 leads", got)
	}
}

func TestTrackerQuestions_QualifiedFallNamesNonTargetReason(t *testing.T) {
	ws := NewWorkspace(-1, "Acme", English, "UTC", Person{UserID: 1}, demoNow)
	ws.Segments[0].Name = Name{En: "Dealers"}
	last := Week{2026, 10}
	// Eight steady weeks tell the noise; then «no budget» floods the leads.
	recs := quietRecords(ws, last.Add(-1), 8)
	recs = append(recs, WeeklyRecord{
		Segment: "main", Week: last,
		Counts:    map[string]int64{"leads": 200, "qualified": 82, "meetings": 41, "proposals": 27, "deals": 14, "paid": 12},
		Spend:     100_000_00,
		Revenue:   600_000_00,
		NonTarget: map[string]int64{"no_budget": 95, "duplicate": 23},
		DropOffs:  map[string]map[string]int64{"meetings": {"no_answer": 41}},
	})
	qs := TrackerQuestions(ws, "main", WeekPeriod(last), recs)
	if len(qs) == 0 || qs[0].Change.Metric != ConvMetric("qualified") {
		t.Fatalf("first question = %+v, want the fall into qualified", qs)
	}
	// 38 qualified leads lost (200 × (60% − 41%)); 18 of 120 qualified
	// usually pay (15%) at 50 000 ₽ a deal: 285 000 ₽ a week. «No budget» was
	// 50 of 80 non-target leads (62.5%, shown rounded as 63%), now 95 of 118.
	got := qs[0].Text(ws, English)
	want := "Conversion Leads → Qualified in Dealers fell from 60% to 41% (against the previous 8 weeks); " +
		"“No budget” rose from 63% to 81% of the non-target leads; so cost per qualified lead rose from 833 ₽ to 1 220 ₽, CAC rose from 5 556 ₽ to 8 333 ₽. " +
		"At stake: about 285 k ₽ a week (38 fewer at “Qualified” × 15% of them usually pay × 50 k ₽ average check). What changed in the campaigns?"
	if got := strings.ReplaceAll(got, "\u00a0", " "); got != want {
		t.Errorf("text:\ngot  %q\nwant %q", got, want)
	}
	if qs[0].Department != DeptMarketing {
		t.Errorf("department = %q, want marketing", qs[0].Department)
	}
}

func TestMetricDepartment(t *testing.T) {
	ws := NewWorkspace(-1, "Acme", English, "UTC", Person{UserID: 1}, demoNow)
	for _, tc := range []struct {
		c    Change
		want string
	}{
		{Change{Metric: ConvMetric("qualified")}, DeptMarketing},
		{Change{Metric: ConvMetric("meetings")}, DeptSales},
		{Change{Metric: MetricCPL}, DeptMarketing},
		{Change{Metric: MetricNonTargetShare}, DeptMarketing},
		{Change{Metric: MetricROMI}, DeptMarketing},
		{Change{Metric: MetricCAC}, DeptSales},
		{Change{Metric: MetricAvgCheck}, DeptSales},
	} {
		t.Run(string(tc.c.Metric), func(t *testing.T) {
			if got := MetricDepartment(ws, tc.c.Metric); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestMetricDepartment_ByMetricAlone(t *testing.T) {
	ws := NewWorkspace(-1, "x", English, "UTC", Person{UserID: 1}, demoNow)
	cases := map[Metric]string{
		ConvMetric("qualified"): DeptMarketing,
		ConvMetric("meetings"):  DeptSales,
		MetricRevenue:           DeptSales,
		MetricCostPerQualified:  DeptMarketing,
	}
	for m, want := range cases {
		if got := MetricDepartment(ws, m); got != want {
			t.Errorf("MetricDepartment(%s) = %q, want %q", m, got, want)
		}
	}
}
