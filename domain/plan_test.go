package domain

import (
	"math"
	"strings"
	"testing"
	"time"
)

// planWorkspace is an English workspace with the default funnel, a Dealers
// segment and a CEO.
func planWorkspace() *Workspace {
	ws := hypWorkspace()
	ws.Segments = []Segment{{Key: "dealers", Name: Name{En: "Dealers", Ru: "Дилеры"}, Focus: true}}
	return ws
}

func week(year, num int) Week { return Week{Year: year, Num: num} }

// revenueWeek is a record of the week with paid deals and revenue in
// millions, as sales report it.
func revenueWeek(w Week, paid int64, millions float64) WeeklyRecord {
	return WeeklyRecord{Segment: "dealers", Week: w, Counts: map[string]int64{"paid": paid},
		Revenue: Money(math.Round(millions * 1e8))}
}

func revenueTarget(millions float64) PlanTarget {
	return PlanTarget{Kind: FieldRevenue, Value: int64(math.Round(millions * 1e8))}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func TestProjectPeriod(t *testing.T) {
	tests := []struct {
		name            string
		fact            float64
		reported, weeks int
		want            Value
	}{
		{"3 of a 4-week month", 3.1, 3, 4, Some(3.1 * 4 / 3)},
		{"3 of a 5-week month", 3, 3, 5, Some(5)},
		{"5 of a 13-week quarter", 50, 5, 13, Some(130)},
		{"14-week quarter after 7", 70, 7, 14, Some(140)},
		{"the whole month reported", 10, 4, 4, Some(10)},
		{"no week reported yet", 0, 0, 4, None},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ProjectPeriod(tt.fact, tt.reported, tt.weeks)
			if got.OK != tt.want.OK || !near(got.V, tt.want.V) {
				t.Errorf("ProjectPeriod(%v, %d, %d) = %+v, want %+v", tt.fact, tt.reported, tt.weeks, got, tt.want)
			}
		})
	}
}

func TestPlanPeriods_WeeksByThursday(t *testing.T) {
	tests := []struct {
		name     string
		plan     Plan
		from, to Week
		weeks    int
	}{
		{"March 2026: Thursdays 5–26", Plan{Kind: PeriodMonth, Year: 2026, Num: 3}, week(2026, 10), week(2026, 13), 4},
		{"April 2026: Thursdays 2–30", Plan{Kind: PeriodMonth, Year: 2026, Num: 4}, week(2026, 14), week(2026, 18), 5},
		{"Q1 2026: 5+4+4 weeks", Plan{Kind: PeriodQuarter, Year: 2026, Num: 1}, week(2026, 1), week(2026, 13), 13},
		{"Q4 2026: Thursdays Oct 1 – Dec 31", Plan{Kind: PeriodQuarter, Year: 2026, Num: 4}, week(2026, 40), week(2026, 53), 14},
	}
	for _, tt := range tests {
		p := tt.plan.Period()
		if p.From != tt.from || p.To != tt.to || p.Len() != tt.weeks {
			t.Errorf("%s: %v–%v (%d weeks), want %v–%v (%d)", tt.name, p.From, p.To, p.Len(), tt.from, tt.to, tt.weeks)
		}
	}
}

func TestPlanProgress_HandComputed(t *testing.T) {
	ws := planWorkspace()
	march := Plan{Segment: "dealers", Kind: PeriodMonth, Year: 2026, Num: 3, Targets: []PlanTarget{revenueTarget(5)}}
	april := Plan{Segment: "dealers", Kind: PeriodMonth, Year: 2026, Num: 4, Targets: []PlanTarget{revenueTarget(5)}}
	q1 := Plan{Segment: "dealers", Kind: PeriodQuarter, Year: 2026, Num: 1, Targets: []PlanTarget{revenueTarget(13)}}
	ones := func(weeks ...int) []WeeklyRecord {
		var out []WeeklyRecord
		for _, n := range weeks {
			out = append(out, revenueWeek(week(2026, n), 2, 1))
		}
		return out
	}
	tests := []struct {
		name                  string
		plan                  Plan
		asOf                  Week
		recs                  []WeeklyRecord
		fact                  float64
		elapsed, reported     int
		factShare, timeShare  float64
		projected, projShare  float64
		noProjection, started bool
	}{
		{
			name: "3 of 4 weeks: 62% at 75%, projected 83%", plan: march, asOf: week(2026, 12),
			recs: []WeeklyRecord{revenueWeek(week(2026, 10), 2, 1), revenueWeek(week(2026, 11), 2, 1), revenueWeek(week(2026, 12), 2, 1.1)},
			fact: 3.1, elapsed: 3, reported: 3, factShare: 0.62, timeShare: 0.75, projected: 3.1 * 4 / 3, projShare: 3.1 * 4 / 3 / 5,
		},
		{
			name: "3 of 5 weeks: 60% at 60%, projected 100%", plan: april, asOf: week(2026, 16), recs: ones(14, 15, 16),
			fact: 3, elapsed: 3, reported: 3, factShare: 0.6, timeShare: 0.6, projected: 5, projShare: 1,
		},
		{
			name: "a week not reported yet is unknown, not zero", plan: march, asOf: week(2026, 12), recs: ones(10, 11),
			fact: 2, elapsed: 3, reported: 2, factShare: 0.4, timeShare: 0.75, projected: 4, projShare: 0.8,
		},
		{
			name: "weeks of other months and after the as-of week are left out", plan: march, asOf: week(2026, 11),
			recs: ones(9, 10, 11, 12, 14),
			fact: 2, elapsed: 2, reported: 2, factShare: 0.4, timeShare: 0.5, projected: 4, projShare: 0.8,
		},
		{
			name: "5 of a 13-week quarter", plan: q1, asOf: week(2026, 5), recs: ones(1, 2, 3, 4, 5),
			fact: 5, elapsed: 5, reported: 5, factShare: 5.0 / 13, timeShare: 5.0 / 13, projected: 13, projShare: 1,
		},
		{
			name: "the period is over: as of a later week every week counts", plan: march, asOf: week(2026, 20), recs: ones(10, 11, 12, 13),
			fact: 4, elapsed: 4, reported: 4, factShare: 0.8, timeShare: 1, projected: 4, projShare: 0.8,
		},
		{
			name: "a plan for next month has not started", plan: april, asOf: week(2026, 12), recs: ones(10, 11, 12),
			fact: 0, elapsed: 0, reported: 0, factShare: 0, timeShare: 0, noProjection: true,
		},
		{
			name: "sales reported a week without revenue: a zero, not a gap", plan: march, asOf: week(2026, 12),
			recs: []WeeklyRecord{revenueWeek(week(2026, 10), 2, 1), revenueWeek(week(2026, 11), 0, 0), revenueWeek(week(2026, 12), 2, 1)},
			fact: 2, elapsed: 3, reported: 3, factShare: 0.4, timeShare: 0.75, projected: 2.0 * 4 / 3, projShare: 2.0 * 4 / 3 / 5,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			paces := PlanProgress(ws, tt.plan, tt.asOf, tt.recs)
			if len(paces) != 1 {
				t.Fatalf("got %d paces, want 1", len(paces))
			}
			p := paces[0]
			if !near(p.Fact, tt.fact*1e6) || p.Elapsed != tt.elapsed || p.Reported != tt.reported {
				t.Errorf("fact %v, elapsed %d, reported %d; want %v, %d, %d", p.Fact, p.Elapsed, p.Reported, tt.fact*1e6, tt.elapsed, tt.reported)
			}
			if !near(p.FactShare().V, tt.factShare) || !near(p.TimeShare().V, tt.timeShare) {
				t.Errorf("fact share %v at %v of the period; want %v at %v", p.FactShare().V, p.TimeShare().V, tt.factShare, tt.timeShare)
			}
			if tt.noProjection {
				if p.Projected().OK || p.ProjectedShare().OK {
					t.Errorf("projected %+v, want none", p.Projected())
				}
				return
			}
			if !near(p.Projected().V, tt.projected*1e6) || !near(p.ProjectedShare().V, tt.projShare) {
				t.Errorf("projected %v (%v of plan), want %v (%v)", p.Projected().V, p.ProjectedShare().V, tt.projected*1e6, tt.projShare)
			}
		})
	}
}

func TestWeeklySwing(t *testing.T) {
	tests := []struct {
		name   string
		weekly []float64
		count  bool
		want   float64
	}{
		{"amounts: the sample standard deviation", []float64{1.0, 1.0, 1.1}, false, 0.0577350},
		{"counts swing at least as Poisson counts", []float64{10, 12, 14}, true, math.Sqrt(12)},
		{"counts that swing more keep their own swing", []float64{2, 20, 11}, true, 9},
		{"an amount with too few weeks gets 30% of its mean", []float64{2}, false, 0.6},
		{"nothing to measure", nil, false, 0},
	}
	for _, tt := range tests {
		if got := WeeklySwing(tt.weekly, tt.count); !near(got, tt.want) {
			t.Errorf("%s: WeeklySwing(%v) = %v, want %v", tt.name, tt.weekly, got, tt.want)
		}
	}
}

func TestCheckPlanPace_MissBeyondNoise(t *testing.T) {
	pace := func(target, fact float64, reported, weeks int, spend bool) PlanPace {
		kind := FieldRevenue
		if spend {
			kind = FieldSpend
		}
		return PlanPace{Target: PlanTarget{Kind: kind, Value: int64(target * 100)}, Fact: fact,
			Weeks: weeks, Elapsed: reported, Reported: reported}
	}
	tests := []struct {
		name      string
		pace      PlanPace
		weekly    []float64
		miss      bool
		gap, band float64
	}{
		{
			// σ 0.057735; k=1: σ·√(1+1/3) = 0.066667; ×1.645 = 0.109667.
			name: "steady weeks: 4.13 against 5 is a miss", pace: pace(5, 3.1, 3, 4, false),
			weekly: []float64{1.0, 1.0, 1.1}, miss: true, gap: 0.8666667, band: 0.1096667,
		},
		{
			// σ 0.503322; ×1.1547 = 0.581187; ×1.645 = 0.956052 > 0.8667.
			name: "wild weeks: the same gap is within the noise", pace: pace(5, 3.1, 3, 4, false),
			weekly: []float64{0.5, 1.5, 1.1},
		},
		{name: "a miss under 5% of the target is not asked", pace: pace(4.2, 3.1, 3, 4, false), weekly: []float64{1.0, 1.0, 1.1}},
		{name: "one week is too early to judge", pace: pace(5, 1, 1, 4, false), weekly: []float64{1}},
		{
			name: "the period is over: nothing left to swing", pace: pace(5, 4.5, 4, 4, false),
			weekly: []float64{1, 1.5, 1, 1}, miss: true, gap: 0.5, band: 0,
		},
		{
			name: "spend over its budget is the miss", pace: pace(1, 0.9, 3, 4, true),
			weekly: []float64{0.3, 0.3, 0.3}, miss: true, gap: 0.2, band: 0,
		},
		{name: "spend under its budget is fine", pace: pace(1.5, 0.9, 3, 4, true), weekly: []float64{0.3, 0.3, 0.3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, miss := CheckPlanPace(tt.pace, tt.weekly)
			if miss != tt.miss {
				t.Fatalf("miss = %v (%+v), want %v", miss, got, tt.miss)
			}
			if miss && (!near(got.Gap, tt.gap) || !near(got.Noise, tt.band)) {
				t.Errorf("gap %v beyond %v, want %v beyond %v", got.Gap, got.Noise, tt.gap, tt.band)
			}
		})
	}
}

func TestPlanQuestions_AskTheOwnerOfTheMissedTarget(t *testing.T) {
	ws := planWorkspace()
	ceo := hypCEO
	plan := Plan{Segment: "dealers", Kind: PeriodMonth, Year: 2026, Num: 3, Targets: []PlanTarget{
		revenueTarget(5), {Kind: FieldCount, Stage: "leads", Value: 400},
	}}
	if err := ws.SetPlan(ceo, plan, hypT0); err != nil {
		t.Fatal(err)
	}
	recs := []WeeklyRecord{revenueWeek(week(2026, 10), 2, 1), revenueWeek(week(2026, 11), 2, 1), revenueWeek(week(2026, 12), 2, 1.1)}
	for i := range recs {
		recs[i].Counts["leads"] = 100 // on pace for 400
	}
	qs := PlanQuestions(ws, "", week(2026, 12), recs)
	if len(qs) != 1 {
		t.Fatalf("got %d questions, want 1 (revenue only): %+v", len(qs), qs)
	}
	q := qs[0]
	if q.Kind != QuestionPlan || q.Department != DeptSales || q.Segment.Key != "dealers" {
		t.Errorf("question %+v, want a plan question to sales about dealers", q)
	}
	want := "At the current pace Revenue in Dealers ends March 2026 at 4.1\u00a0M\u00a0₽ against the plan of 5\u00a0M\u00a0₽ (83%): 867\u00a0k\u00a0₽ short, more than the usual weekly swing explains (3 of 4 weeks reported). What will close the gap by the end of the period?"
	if got := q.Text(ws, English); got != want {
		t.Errorf("text:\n got %q\nwant %q", got, want)
	}
	all := WithPlanQuestions(ws, "", WeekPeriod(week(2026, 12)), Date{2026, 3, 25}, recs, []Question{{Kind: QuestionChange}})
	if len(all) != 2 || all[0].Kind != QuestionPlan {
		t.Errorf("WithPlanQuestions = %+v, want the plan question first", all)
	}
}

func TestPlanLines(t *testing.T) {
	ws := planWorkspace()
	ws.Currency = "₽"
	if err := ws.SetPlan(hypCEO, Plan{Segment: "dealers", Kind: PeriodMonth, Year: 2026, Num: 3,
		Targets: []PlanTarget{revenueTarget(5), {Kind: FieldCount, Stage: "paid", Value: 8}}}, hypT0); err != nil {
		t.Fatal(err)
	}
	recs := []WeeklyRecord{revenueWeek(week(2026, 10), 2, 1), revenueWeek(week(2026, 11), 2, 1), revenueWeek(week(2026, 12), 2, 1.1)}
	got := StripTags(PlanLines(ws, English, "dealers", week(2026, 12), recs))
	want := "Plan · March 2026\n" +
		"• Paid: 75% of the month's plan at 75% of the month; projected 100% (6 of 8)\n" +
		"⚠ Revenue: 62% of the month's plan at 75% of the month; projected 83% (3.1\u00a0M\u00a0₽ of 5\u00a0M\u00a0₽)"
	if got != want {
		t.Errorf("PlanLines:\n got %q\nwant %q", got, want)
	}
	if got := PlanLines(ws, English, "dealers", week(2026, 20), recs); got != "" {
		t.Errorf("no plan holds W20, got %q", got)
	}
}

func TestSetPlan_MergesTargetsAndOnlyCEOs(t *testing.T) {
	ws := planWorkspace()
	march := Plan{Segment: "dealers", Kind: PeriodMonth, Year: 2026, Num: 3}
	if err := ws.SetPlan(hypSales, march, hypT0); ErrorCode(err) != EFORBIDDEN {
		t.Errorf("a head set a plan: %v", err)
	}
	first, second := march, march
	first.Targets = []PlanTarget{revenueTarget(5), {Kind: FieldCount, Stage: "deals", Value: 10}}
	second.Targets = []PlanTarget{revenueTarget(6)}
	for _, p := range []Plan{first, second} {
		if err := ws.SetPlan(hypCEO, p, hypT0); err != nil {
			t.Fatal(err)
		}
	}
	plans := ws.PlansAt("dealers", week(2026, 11))
	if len(plans) != 1 || len(plans[0].Targets) != 2 {
		t.Fatalf("plans = %+v, want one plan with two targets", plans)
	}
	if rev, _ := plans[0].Target(Field{Kind: FieldRevenue}); rev.Units() != 6e6 {
		t.Errorf("revenue target %v, want the later 6 M", rev.Units())
	}
	if plans[0].Targets[0].Stage != "deals" {
		t.Errorf("targets %+v, want funnel order: deals before revenue", plans[0].Targets)
	}
	quarter := Plan{Segment: "dealers", Kind: PeriodQuarter, Year: 2026, Num: 1, Targets: []PlanTarget{revenueTarget(15)}}
	if err := ws.SetPlan(hypCEO, quarter, hypT0); err != nil {
		t.Fatal(err)
	}
	if plans := ws.PlansAt("dealers", week(2026, 11)); len(plans) != 2 || plans[0].Kind != PeriodMonth {
		t.Errorf("plans at W11 = %+v, want the month's then the quarter's", plans)
	}
	if err := ws.RemovePlan(hypCEO, march); err != nil || len(ws.PlansAt("dealers", week(2026, 11))) != 1 {
		t.Errorf("RemovePlan: %v, left %+v", err, ws.Plans)
	}
	if err := ws.RemovePlan(hypCEO, march); ErrorCode(err) != ENOTFOUND {
		t.Errorf("removing twice: %v", err)
	}
}

func TestParsePlanPeriod(t *testing.T) {
	// Wednesday 18 March 2026, week 12.
	now := time.Date(2026, 3, 18, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want PlanPeriod
		ok   bool
	}{
		{"month", PlanPeriod{PeriodMonth, 2026, 3}, true},
		{"месяц", PlanPeriod{PeriodMonth, 2026, 3}, true},
		{"this month", PlanPeriod{PeriodMonth, 2026, 3}, true},
		{"next month", PlanPeriod{PeriodMonth, 2026, 4}, true},
		{"следующий месяц", PlanPeriod{PeriodMonth, 2026, 4}, true},
		{"quarter", PlanPeriod{PeriodQuarter, 2026, 1}, true},
		{"next quarter", PlanPeriod{PeriodQuarter, 2026, 2}, true},
		{"March", PlanPeriod{PeriodMonth, 2026, 3}, true},
		{"марта 2027", PlanPeriod{PeriodMonth, 2027, 3}, true},
		{"апрель", PlanPeriod{PeriodMonth, 2026, 4}, true},
		{"february", PlanPeriod{PeriodMonth, 2027, 2}, true}, // this year's is over
		{"feb 2026", PlanPeriod{PeriodMonth, 2026, 2}, true},
		{"2026-05", PlanPeriod{PeriodMonth, 2026, 5}, true},
		{"05.2026", PlanPeriod{PeriodMonth, 2026, 5}, true},
		{"Q2", PlanPeriod{PeriodQuarter, 2026, 2}, true},
		{"q1", PlanPeriod{PeriodQuarter, 2026, 1}, true},
		{"Q3 2026", PlanPeriod{PeriodQuarter, 2026, 3}, true},
		{"2026-Q4", PlanPeriod{PeriodQuarter, 2026, 4}, true},
		{"2 кв", PlanPeriod{PeriodQuarter, 2026, 2}, true},
		{"4 кв. 2025", PlanPeriod{PeriodQuarter, 2025, 4}, true},
		{"2 квартал", PlanPeriod{PeriodQuarter, 2026, 2}, true},
		{"week", PlanPeriod{}, false},
		{"dealers", PlanPeriod{}, false},
		{"2026-13", PlanPeriod{}, false},
		{"q5", PlanPeriod{}, false},
	}
	for _, tt := range tests {
		got, ok := ParsePlanPeriod(tt.in, now, time.UTC)
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("ParsePlanPeriod(%q) = %+v, %v; want %+v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	// The week's Thursday decides the month: Monday 30 March is in April's first week.
	if got, _ := ParsePlanPeriod("month", time.Date(2026, 3, 30, 10, 0, 0, 0, time.UTC), time.UTC); got != (PlanPeriod{PeriodMonth, 2026, 4}) {
		t.Errorf("month on 30 March = %+v, want April", got)
	}
	if got, _ := ParsePlanPeriod("next month", time.Date(2026, 12, 9, 10, 0, 0, 0, time.UTC), time.UTC); got != (PlanPeriod{PeriodMonth, 2027, 1}) {
		t.Errorf("next month in December = %+v, want January 2027", got)
	}
}

func TestParsePlanRequest(t *testing.T) {
	ws := planWorkspace()
	now := time.Date(2026, 3, 18, 10, 0, 0, 0, time.UTC)
	req, err := ParsePlanRequest(ws, "dealers march revenue=5 млн deals=12 spend: 600k", now)
	if err != nil {
		t.Fatal(err)
	}
	if req.Segment == nil || req.Segment.Key != "dealers" || req.Period == nil || *req.Period != (PlanPeriod{PeriodMonth, 2026, 3}) {
		t.Fatalf("request %+v, want dealers in March 2026", req)
	}
	want := []PlanTarget{{Kind: FieldCount, Stage: "deals", Value: 12}, {Kind: FieldSpend, Value: 600_000_00}, revenueTarget(5)}
	if len(req.Targets) != len(want) {
		t.Fatalf("targets %+v, want %+v", req.Targets, want)
	}
	for i := range want {
		if req.Targets[i] != want[i] {
			t.Errorf("target %d = %+v, want %+v", i, req.Targets[i], want[i])
		}
	}
	ru, err := ParsePlanRequest(ws, "2 кв дилеры выручка=15,5 млн оплаты=30", now)
	if err != nil || ru.Period.Kind != PeriodQuarter || len(ru.Targets) != 2 || ru.Targets[1].Value != 15_500_000_00 {
		t.Errorf("Russian request = %+v, %v", ru, err)
	}
	show, err := ParsePlanRequest(ws, "dealers", now)
	if err != nil || show.Segment == nil || show.Period != nil || len(show.Targets) != 0 {
		t.Errorf("/plan dealers = %+v, %v; want a request to show", show, err)
	}
	rm, err := ParsePlanRequest(ws, "dealers march remove", now)
	if err != nil || !rm.Remove || rm.Segment == nil || rm.Period == nil {
		t.Errorf("remove = %+v, %v", rm, err)
	}
	for _, bad := range []struct{ in, says string }{
		{"dealers march margin=35%", "a plan sets stage counts, spend or revenue"},
		{"dealers march revenue=lots", "revenue"},
		{"dealers revenue=5m", "Write the segment, the month or quarter"},
		{"nobody", `There is no segment "nobody"`},
	} {
		_, err := ParsePlanRequest(ws, bad.in, now)
		if ErrorCode(err) != EINVALID || !strings.Contains(UserMessage(English, err), bad.says) {
			t.Errorf("%q: %v, want EINVALID saying %q", bad.in, err, bad.says)
		}
	}
}
