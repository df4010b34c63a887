package domain

// A non-focus segment that takes at least MisfocusFactor times its share
// of the money in leads or spend, and at least MinMisfocusEffort of them
// (a segment with a sliver of the effort distracts nobody), draws the
// company away from its focus. Over the
// last four weeks for a week's review (the period otherwise) it is asked
// about:
//
//   - when it grows: its leads rose by MinFloodGrowth against the four
//     weeks before, on at least MinFloodLeads leads (marketing brings the
//     wrong buyers);
//   - and, even when it stands still, at least once a month: in every
//     review of a month or a quarter, and in a week's review when the week
//     is the first of its month (its Thursday falls on the 1st–7th).
//
// It is a rule of its own, outside the pack's false-discovery control,
// addressed to the owner of the leads stage, with the spend above the
// segment's share of the money as the money at stake.
const (
	MisfocusFactor    = 2.0
	MinMisfocusEffort = 0.10
	MinFloodGrowth    = 0.20
	MinFloodLeads     = 20
)

// firstWeekOfMonth reports whether w is the first week of its month.
func firstWeekOfMonth(w Week) bool { return w.Thursday().Day() <= 7 }

// focusQuestion applies the rule to one non-focus segment.
func focusQuestion(ws *Workspace, s Segment, p Period, recs []WeeklyRecord) (*Question, bool) {
	recent, earlier := p, p.Previous()
	if p.Kind == PeriodWeek {
		recent = LastWeeks(p.To, BaselineWeeks)
		earlier = recent.Previous()
	}
	var row FocusRow
	for _, r := range FocusCheck(ws, recent, recs) {
		if r.Segment.Key == s.Key {
			row = r
		}
	}
	money := row.GrossProfitShare
	if !money.OK {
		money = row.RevenueShare
	}
	effort := maxValue(row.LeadsShare, row.SpendShare)
	if !money.OK || !effort.OK || effort.V < MinMisfocusEffort || effort.V < MisfocusFactor*money.V-1e-12 {
		return nil, false
	}
	now := BuildReport(ws, s.Key, recent, recs)
	was := BuildReport(ws, s.Key, earlier, recs)
	leadsNow, _ := now.RoleFigure(RoleLeads)
	leadsWas, _ := was.RoleFigure(RoleLeads)
	growth := RelativeChange(Some(float64(leadsNow.Count)), Some(float64(leadsWas.Count)))
	growing := leadsWas.Count >= MinFloodLeads && growth.OK && growth.V >= MinFloodGrowth-1e-9
	standing := p.Kind != PeriodWeek || firstWeekOfMonth(p.From)
	if !growing && !standing {
		return nil, false
	}
	if !growing {
		growth = None
	}
	q := &Question{
		Kind: QuestionFocus, Department: leadsNow.Stage.Department, Segment: s, Focus: row,
		Change: Change{Metric: MetricNonTargetShare, Now: now.NonTargetShare, Before: was.NonTargetShare,
			Delta: growth, Volume: leadsNow.Count, Significant: true, Stage: leadsNow.Stage},
		Stake: focusStake(row, now, BuildReport(ws, "", recent, recs)),
		Evidence: []Evidence{{Test: TestFocus, Metric: MetricSpend, Now: effort, Base: money,
			Slots: recent.Len()}},
		stageIndex: -1,
	}
	if q.Department == "" {
		q.Department = MetricDepartment(ws, MetricCPL)
	}
	if len(now.NonTarget) > 0 {
		top := now.NonTarget[0]
		q.Reason, q.NonTarget = &top, true
	}
	return q, true
}

// maxValue returns the larger of two values, ignoring an undefined one.
func maxValue(a, b Value) Value {
	switch {
	case !a.OK:
		return b
	case !b.OK || a.V >= b.V:
		return a
	}
	return b
}
