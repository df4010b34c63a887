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
//     is the first of its month (its Thursday falls on the 1st–7th), judged
//     then over the last StandingWeeks weeks.
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

// StandingWeeks is the window a week's review judges a standing misfocus
// over: twice the growth window, so a few odd deals do not make one.
const StandingWeeks = 8

// focusQuestion applies the rule to one non-focus segment.
func focusQuestion(ws *Workspace, s Segment, p Period, recs []WeeklyRecord) (*Question, bool) {
	recent, earlier, standing := p, p.Previous(), p
	if p.Kind == PeriodWeek {
		recent = LastWeeks(p.To, BaselineWeeks)
		earlier = recent.Previous()
		standing = LastWeeks(p.To, StandingWeeks)
	}
	if row, ok := misfocusRow(ws, s, recent, recs); ok {
		now := BuildReport(ws, s.Key, recent, recs)
		was := BuildReport(ws, s.Key, earlier, recs)
		leadsNow, _ := now.RoleFigure(RoleLeads)
		leadsWas, _ := was.RoleFigure(RoleLeads)
		growth := RelativeChange(Some(float64(leadsNow.Count)), Some(float64(leadsWas.Count)))
		if leadsWas.Count >= MinFloodLeads && growth.OK && growth.V >= MinFloodGrowth-1e-9 {
			return newFocusQuestion(ws, s, row, recent, recs, growth, was.NonTargetShare), true
		}
	}
	if p.Kind == PeriodWeek && !firstWeekOfMonth(p.From) {
		return nil, false
	}
	if row, ok := misfocusRow(ws, s, standing, recs); ok {
		return newFocusQuestion(ws, s, row, standing, recs, None, None), true
	}
	return nil, false
}

// misfocusRow returns the segment's row of the focus check over window
// when the segment is misfocused there by the factor rule.
func misfocusRow(ws *Workspace, s Segment, window Period, recs []WeeklyRecord) (FocusRow, bool) {
	for _, row := range FocusCheck(ws, window, recs) {
		if row.Segment.Key != s.Key {
			continue
		}
		money := row.GrossProfitShare
		if !money.OK {
			money = row.RevenueShare
		}
		effort := maxValue(row.LeadsShare, row.SpendShare)
		return row, money.OK && effort.OK && effort.V >= MinMisfocusEffort && effort.V >= MisfocusFactor*money.V-1e-12
	}
	return FocusRow{}, false
}

// newFocusQuestion builds the question about a misfocus over window;
// growth is the leads' growth of a growing one (None when standing).
func newFocusQuestion(ws *Workspace, s Segment, row FocusRow, window Period, recs []WeeklyRecord, growth, wasNonTarget Value) *Question {
	now := BuildReport(ws, s.Key, window, recs)
	leads, _ := now.RoleFigure(RoleLeads)
	money := row.GrossProfitShare
	if !money.OK {
		money = row.RevenueShare
	}
	q := &Question{
		Kind: QuestionFocus, Department: leads.Stage.Department, Segment: s, Focus: row,
		Change: Change{Metric: MetricNonTargetShare, Now: now.NonTargetShare, Before: wasNonTarget,
			Delta: growth, Volume: leads.Count, Significant: true, Stage: leads.Stage},
		Stake: focusStake(row, now, BuildReport(ws, "", window, recs)),
		Evidence: []Evidence{{Test: TestFocus, Metric: MetricSpend, Now: maxValue(row.LeadsShare, row.SpendShare), Base: money,
			Slots: window.Len()}},
		stageIndex: -1,
	}
	if q.Department == "" {
		q.Department = MetricDepartment(ws, MetricCPL)
	}
	if len(now.NonTarget) > 0 {
		top := now.NonTarget[0]
		q.Reason, q.NonTarget = &top, true
	}
	return q
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
