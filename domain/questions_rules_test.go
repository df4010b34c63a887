package domain

import (
	"strings"
	"testing"
)

// steady returns n weeks of one segment ending with last: 200 leads, 120
// qualified, 60 meetings, 40 proposals, 20 deals and 18 paid at 50 000 ₽,
// 100 000 ₽ of spend, with a small wobble every other week so the noise
// can be measured. change edits the week i (0 is the oldest) after it is
// built.
func steady(seg string, last Week, n int, change func(i int, r *WeeklyRecord)) []WeeklyRecord {
	var recs []WeeklyRecord
	for i := range n {
		d := int64(i%2*2 - 1) // −1, +1, −1, …
		r := WeeklyRecord{
			Segment: seg, Week: last.Add(i - n + 1),
			Counts: map[string]int64{"leads": 200 + 4*d, "qualified": 120 + 2*d, "meetings": 60 + d, "proposals": 40,
				"deals": 20, "paid": 18},
			Spend: rub(100_000 + 2_000*d), Revenue: rub(18 * 50_000), Margin: 0.4, HasMargin: true,
			NonTarget: map[string]int64{"no_budget": 48 + d, "duplicate": 32 + d},
			DropOffs:  map[string]map[string]int64{"meetings": {"no_answer": 40 + d, "timing": 20}},
		}
		if change != nil {
			change(i, &r)
		}
		recs = append(recs, r)
	}
	return recs
}

// rulesWorkspace is a workspace whose one focus segment is "main", named Main.
func rulesWorkspace() *Workspace {
	ws := NewWorkspace(-1, "Acme", English, "UTC", Person{UserID: 1}, demoNow)
	ws.Segments[0].Name = Name{En: "Main", Ru: "Основной"}
	return ws
}

func TestTrackerQuestions_SpendRiseWithFlatResultsAsksMarketingOnce(t *testing.T) {
	ws, last := rulesWorkspace(), wk(2026, 10)
	recs := steady("main", last, 16, func(i int, r *WeeklyRecord) {
		if i == 15 {
			r.Spend = rub(200_000)
		}
	})
	qs := TrackerQuestions(ws, "", WeekPeriod(last), recs)
	if len(qs) != 1 {
		t.Fatalf("got %d questions, want the spend alone: %+v", len(qs), qs)
	}
	q := qs[0]
	if q.Kind != QuestionSpend || q.Department != DeptMarketing {
		t.Fatalf("question = %s to %s, want spend to marketing", q.Kind, q.Department)
	}
	// CPL, cost per qualified lead, CAC and ROMI are told inside it, never
	// asked on their own.
	for _, m := range []Metric{MetricCPL, MetricCostPerQualified, MetricCAC, MetricROMI} {
		found := false
		for _, c := range q.Compound {
			found = found || c.Metric == m
		}
		if !found {
			t.Errorf("%s is not told inside the spend question: %+v", m, q.Compound)
		}
	}
	text := q.Text(ws, English)
	for _, want := range []string{"Marketing spend in Main rose by 100%", "so CPL rose from", "ROMI fell from",
		// 204 leads at the usual 500 ₽ would have cost 102 000 ₽.
		"At stake: about 98 k ₽ a week (spend 200 k ₽ a week against the 102 k ₽ these leads usually cost)"} {
		if !strings.Contains(strings.ReplaceAll(text, "\u00a0", " "), want) {
			t.Errorf("text %q lacks %q", text, want)
		}
	}
}

func TestTrackerQuestions_MoneyCollapseOnSmallCountsIsAskedWithCaveat(t *testing.T) {
	ws, last := rulesWorkspace(), wk(2026, 10)
	recs := steady("main", last, 16, func(i int, r *WeeklyRecord) {
		r.Counts["deals"], r.Counts["paid"], r.Revenue = 9, 8+int64(i%3)-1, rub((8+int64(i%3)-1)*50_000)
		if i == 15 {
			r.Counts["paid"], r.Revenue = 2, rub(2*50_000)
		}
	})
	qs := TrackerQuestions(ws, "", WeekPeriod(last), recs)
	if len(qs) == 0 {
		t.Fatal("a fall from about 8 paid deals to 2 asked nothing")
	}
	q := qs[0]
	if q.Collapse == nil || !q.Collapse.Small || q.Department != DeptSales {
		t.Fatalf("first question = %s to %s (collapse %+v), want the money collapse to sales", q.Kind, q.Department, q.Collapse)
	}
	text := q.Text(ws, English)
	for _, want := range []string{"fell to 2", "small numbers", "At stake: about"} {
		if !strings.Contains(text, want) {
			t.Errorf("text %q lacks %q", text, want)
		}
	}
}

func TestTrackerQuestions_SlowTrendTellsTheStory(t *testing.T) {
	ws, last := rulesWorkspace(), wk(2026, 20)
	// Lead to qualified slides 2.4 points a week for ten weeks, from 60%.
	recs := steady("main", last, 24, func(i int, r *WeeklyRecord) {
		if k := i - 14; k >= 0 {
			q := int64(120 - 5*(k+1))
			r.Counts["qualified"], r.NonTarget = q, map[string]int64{"no_budget": 200 - q - 32, "duplicate": 32}
		}
	})
	qs := TrackerQuestions(ws, "", WeekPeriod(last), recs)
	var q *Question
	for i := range qs {
		if qs[i].Change.Stage.Key == "qualified" {
			q = &qs[i]
		}
	}
	if q == nil || q.Trend == nil {
		t.Fatalf("no drift told about the qualified leads: %+v", qs)
	}
	if q.Trend.Weeks < 8 || q.Department != DeptMarketing {
		t.Errorf("trend of %d weeks to %s, want 8 or more weeks to marketing", q.Trend.Weeks, q.Department)
	}
	if text := q.Text(ws, English); !strings.Contains(text, "has been falling for") && !strings.Contains(text, "it has been falling for") {
		t.Errorf("text %q does not tell the drift", text)
	}
}

func TestTrackerQuestions_WeakManagerIsNamedToSales(t *testing.T) {
	ws, last := rulesWorkspace(), wk(2026, 10)
	recs := steady("main", last, 16, func(i int, r *WeeklyRecord) {
		r.Managers = map[string]map[string]int64{}
		var meetings int64
		for _, m := range []string{"Anna", "Boris", "Vera", "Gleb"} {
			got := int64(18)
			if m == "Gleb" && i >= 10 {
				got = 4 // 13% against the team's 60%
			}
			r.Managers[m] = map[string]int64{"qualified": 30, "meetings": got}
			meetings += got
		}
		r.Counts["qualified"], r.Counts["meetings"] = 120, meetings
	})
	qs := TrackerQuestions(ws, "", WeekPeriod(last), recs)
	for _, q := range qs {
		if q.Kind == QuestionManager {
			if q.Manager != "Gleb" || q.Department != DeptSales || q.Change.Stage.Key != "meetings" {
				t.Errorf("manager question = %s at %s to %s, want Gleb at meetings to sales", q.Manager, q.Change.Stage.Key, q.Department)
			}
			if text := q.Text(ws, English); !strings.Contains(text, "Manager Gleb in Main converts Qualified → Meetings at 13%") {
				t.Errorf("text %q", text)
			}
			return
		}
	}
	t.Fatalf("no question names the weak manager: %+v", qs)
}

func TestTrackerQuestions_StandingMisfocusIsAskedOnceAMonth(t *testing.T) {
	ws := rulesWorkspace()
	ws.Segments = append(ws.Segments, Segment{Key: "retail", Name: Name{En: "Retail"}})
	retail := func(last Week) []WeeklyRecord {
		return steady("retail", last, 16, func(_ int, r *WeeklyRecord) {
			r.Counts["paid"], r.Revenue, r.Spend = 18, rub(18*3_000), rub(300_000)
		})
	}
	// 2026-W10's Thursday is March 5th: the first week of March; W11 is not.
	for _, tc := range []struct {
		last Week
		want bool
	}{{wk(2026, 10), true}, {wk(2026, 11), false}, {wk(2026, 12), false}} {
		recs := append(steady("main", tc.last, 16, nil), retail(tc.last)...)
		asked := false
		for _, q := range TrackerQuestions(ws, "", WeekPeriod(tc.last), recs) {
			asked = asked || q.Kind == QuestionFocus && q.Segment.Key == "retail" && q.Department == DeptMarketing
		}
		if asked != tc.want {
			t.Errorf("%v: misfocus asked = %v, want %v", tc.last, asked, tc.want)
		}
	}
	// A month's review always asks.
	recs := append(steady("main", wk(2026, 13), 16, nil), retail(wk(2026, 13))...)
	p := PeriodOf(PeriodMonth, wk(2026, 12))
	if qs := TrackerQuestions(ws, "", p, recs); len(qs) == 0 || qs[0].Kind != QuestionFocus {
		t.Errorf("the month's review did not ask about the standing misfocus: %+v", qs)
	}
}

func TestTrackerQuestions_RankedByMoneyAtStakeUnknownLast(t *testing.T) {
	ws, last := rulesWorkspace(), wk(2026, 10)
	recs := steady("main", last, 16, func(i int, r *WeeklyRecord) {
		if i == 15 {
			r.Spend = rub(200_000)
			// The same losses at meetings, now almost all for wrong numbers.
			r.DropOffs["meetings"] = map[string]int64{"wrong_phone": 50, "no_answer": 5, "timing": 5}
		}
	})
	qs := TrackerQuestions(ws, "", WeekPeriod(last), recs)
	if len(qs) != 2 {
		t.Fatalf("got %d questions, want the spend and the reason: %+v", len(qs), qs)
	}
	if qs[0].Kind != QuestionSpend || !qs[0].Stake.PerWeek.OK {
		t.Errorf("first = %s (stake %+v), want the spend with its money", qs[0].Kind, qs[0].Stake)
	}
	if qs[1].Kind != QuestionReason || qs[1].Stake.PerWeek.OK {
		t.Errorf("second = %s (stake %+v), want the reason without an estimate", qs[1].Kind, qs[1].Stake)
	}
	if text := qs[1].Text(ws, English); !strings.Contains(text, "At stake: cannot be estimated (the conversion held).") {
		t.Errorf("text %q", text)
	}
	total, n, unknown := StakeTotal(qs)
	if n != 1 || unknown != 1 || total != qs[0].Stake.PerWeek.V {
		t.Errorf("total = %v over %d, %d unknown", total, n, unknown)
	}
	if got := StakeHeadline(ws, qs, Russian); !strings.Contains(got, "На кону: около") || !strings.Contains(got, "Без оценки: 1.") {
		t.Errorf("Russian headline = %q", got)
	}
}

func TestTrackerQuestions_CheckFallWithDealsHeldAsksSales(t *testing.T) {
	ws, last := rulesWorkspace(), wk(2026, 10)
	recs := steady("main", last, 16, func(i int, r *WeeklyRecord) {
		r.Revenue = rub(18*50_000 + 20_000*int64(i%3-1))
		if i == 15 {
			r.Revenue = rub(18 * 25_000)
		}
	})
	qs := TrackerQuestions(ws, "", WeekPeriod(last), recs)
	if len(qs) == 0 || qs[0].Kind != QuestionCheck || qs[0].Department != DeptSales {
		t.Fatalf("questions = %+v, want the average check to sales", qs)
	}
	if text := qs[0].Text(ws, English); !strings.Contains(text, "Average check in Main fell by 50%") {
		t.Errorf("text %q", text)
	}
}

func TestManagerConversions_AgainstTheTeam(t *testing.T) {
	ws, last := rulesWorkspace(), wk(2026, 10)
	recs := steady("main", last, 6, func(i int, r *WeeklyRecord) {
		r.Managers = map[string]map[string]int64{
			"Boris": {"qualified": 30, "meetings": 18},
			"Anna":  {"qualified": 10, "meetings": 2},
		}
	})
	rows := ManagerConversions(ws, "main", WeekPeriod(last), recs)
	if len(rows) != 2 || rows[0].Manager != "Anna" || len(rows[0].Stages) != 1 {
		t.Fatalf("rows = %+v, want Anna then Boris with one conversion each", rows)
	}
	// Over the last 4 weeks: Anna 8 of 40, the team 80 of 160.
	got := rows[0].Stages[0]
	if got.Stage.Key != "meetings" || got.From.Key != "qualified" || got.K != 8 || got.N != 40 || got.TeamK != 80 || got.TeamN != 160 {
		t.Errorf("Anna's conversion = %+v", got)
	}
	if !closeTo(got.Rate.V, 0.2, 1e-12) || !closeTo(got.Team.V, 0.5, 1e-12) {
		t.Errorf("rates = %v against %v, want 20%% against 50%%", got.Rate.V, got.Team.V)
	}
}
