package domain

// The pace of a plan. As of a week of the period:
//
//   - the time gone is the share of the period's ISO weeks up to and
//     including that week: 3 of a 4-week month is 75%, 3 of a 5-week
//     month 60%, 5 of a 13-week quarter 38%;
//   - the fact is the sum of the figure over those weeks;
//   - the projection runs the weeks that reported the figure on at their
//     average: fact / reported × weeks in the period. A week nobody
//     reported yet (sales enter later than marketing) is unknown, not
//     zero, so it neither drags the projection down nor counts as done.
//
// So with every week reported, "62% of the plan at 75% of the month"
// projects 62 / 75 = 83%.

// PlanPace is where one target of a plan stands as of a week.
type PlanPace struct {
	Plan     Plan
	Target   PlanTarget
	Fact     float64 // a count, or currency units
	Weeks    int     // ISO weeks in the period
	Elapsed  int     // weeks of the period up to the as-of week
	Reported int     // elapsed weeks that reported the figure
}

// TimeShare is the share of the period gone: elapsed / weeks.
func (p PlanPace) TimeShare() Value {
	return ratio(float64(p.Elapsed), float64(p.Weeks))
}

// FactShare is the fact as a share of the target; None for a zero target.
func (p PlanPace) FactShare() Value {
	return ratio(p.Fact, p.Target.Units())
}

// Projected is the figure expected at the end of the period at the pace of
// the weeks reported so far; None before any week reported it.
func (p PlanPace) Projected() Value {
	return ProjectPeriod(p.Fact, p.Reported, p.Weeks)
}

// ProjectedShare is the projection as a share of the target.
func (p PlanPace) ProjectedShare() Value {
	proj := p.Projected()
	if !proj.OK {
		return None
	}
	return ratio(proj.V, p.Target.Units())
}

// Over reports whether going over the target is the bad side: spend is a
// budget, everything else is a goal to reach.
func (p PlanPace) Over() bool { return p.Target.Kind == FieldSpend }

// ProjectPeriod projects a figure to the end of a period of weeks weeks
// from fact summed over reported weeks: fact / reported × weeks. None when
// no week reported it.
func ProjectPeriod(fact float64, reported, weeks int) Value {
	if reported <= 0 || weeks <= 0 {
		return None
	}
	return Some(fact / float64(reported) * float64(weeks))
}

// PlanProgress returns the pace of each of the plan's targets as of week
// asOf, in the plan's order, from the segment's records (others are
// ignored). Weeks of the period after asOf are not counted.
func PlanProgress(ws *Workspace, plan Plan, asOf Week, recs []WeeklyRecord) []PlanPace {
	period := plan.Period()
	byWeek := map[Week]WeeklyRecord{}
	for _, r := range recs {
		if r.Segment == plan.Segment && period.Contains(r.Week) && !asOf.Before(r.Week) {
			byWeek[r.Week] = r
		}
	}
	elapsed := 0
	for _, w := range period.Weeks() {
		if !asOf.Before(w) {
			elapsed++
		}
	}
	out := make([]PlanPace, 0, len(plan.Targets))
	for _, t := range plan.Targets {
		pace := PlanPace{Plan: plan, Target: t, Weeks: period.Len(), Elapsed: elapsed}
		for _, r := range byWeek {
			if v, ok := figureOf(ws, r, t.Field()); ok {
				pace.Fact += v
				pace.Reported++
			}
		}
		out = append(out, pace)
	}
	return out
}

// figureOf returns a record's value of a plannable field and whether the
// week reported it. A stage count is reported when its key is there.
// Money has no "missing" of its own (zero is stored either way), so spend
// counts as reported when it is not zero or the leads stage is, and
// revenue when it is not zero or the paid stage is: the owning department
// entered its week.
func figureOf(ws *Workspace, r WeeklyRecord, f Field) (float64, bool) {
	roleReported := func(role StageRole) bool {
		st, ok := entryRoleStage(ws, role)
		if !ok {
			return false
		}
		_, ok = r.Counts[st.Key]
		return ok
	}
	switch f.Kind {
	case FieldCount:
		n, ok := r.Counts[f.Stage]
		return float64(n), ok
	case FieldSpend:
		return r.Spend.Units(), r.Spend != 0 || roleReported(RoleLeads)
	case FieldRevenue:
		return r.Revenue.Units(), r.Revenue != 0 || roleReported(RolePaid)
	}
	return 0, false
}

// SegmentPlanProgress returns the pace of every target of the segment's
// plans holding week asOf: the month's targets, then the quarter's.
func SegmentPlanProgress(ws *Workspace, segment string, asOf Week, recs []WeeklyRecord) []PlanPace {
	var out []PlanPace
	for _, p := range ws.PlansAt(segment, asOf) {
		out = append(out, PlanProgress(ws, p, asOf, recs)...)
	}
	return out
}
