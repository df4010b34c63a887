package domain

import (
	"cmp"
	"slices"
	"time"
)

// A plan is the CEO's target for a segment over a month or a quarter: any
// stage count, spend or revenue. Plans are read against the weeks so far
// ("revenue 62% of the month's plan at 75% of the month; projected 83%"),
// so the pace is visible long before the period ends.
//
// Months and quarters are rollups of ISO weeks (MonthPeriod): a month has
// four or five weeks, a quarter thirteen or fourteen, and the share of the
// period gone is counted in those weeks, not in days.

// Plan is the targets of one segment for one month or quarter.
type Plan struct {
	Segment string     // segment key
	Kind    PeriodKind // PeriodMonth or PeriodQuarter
	Year    int
	Num     int // the month (1–12) or the quarter (1–4)
	Targets []PlanTarget
	SetBy   int64
	SetAt   time.Time
}

// PlanTarget is one planned figure: a stage count, spend or revenue.
type PlanTarget struct {
	Kind  FieldKind // FieldCount, FieldSpend or FieldRevenue
	Stage string    // the stage key of a count
	Value int64     // a count, or Money (hundredths) for spend and revenue
}

// Field returns the figure the target is for.
func (t PlanTarget) Field() Field { return Field{Kind: t.Kind, Stage: t.Stage} }

// Period returns the weeks the plan covers.
func (p Plan) Period() Period {
	if p.Kind == PeriodQuarter {
		return QuarterPeriod(p.Year, p.Num)
	}
	return MonthPeriod(p.Year, time.Month(p.Num))
}

// Same reports whether q is the plan of the same segment and period.
func (p Plan) Same(q Plan) bool {
	return p.Segment == q.Segment && p.Kind == q.Kind && p.Year == q.Year && p.Num == q.Num
}

// PlanPeriodOf returns the month or the quarter holding week w as a plan
// period: kind, year and number.
func PlanPeriodOf(kind PeriodKind, w Week) (year, num int) {
	thu := w.Thursday()
	if kind == PeriodQuarter {
		return thu.Year(), quarterOf(thu.Month())
	}
	return thu.Year(), int(thu.Month())
}

// Target returns the plan's target for the field.
func (p Plan) Target(f Field) (PlanTarget, bool) {
	i := slices.IndexFunc(p.Targets, func(t PlanTarget) bool { return t.Field() == f })
	if i < 0 {
		return PlanTarget{}, false
	}
	return p.Targets[i], true
}

// Units returns the target in the units people read: a count, or an
// amount in currency units.
func (t PlanTarget) Units() float64 {
	if t.Kind == FieldCount {
		return float64(t.Value)
	}
	return Money(t.Value).Units()
}

// PlannableField reports whether a plan may target the field: a stage's
// count, spend or revenue. Margins, reasons and managers are not plans.
func PlannableField(f Field) bool {
	return f.Kind == FieldCount || f.Kind == FieldSpend || f.Kind == FieldRevenue
}

// SetPlan stores plan in the workspace for by, who must be a CEO: the
// targets it names replace those of the same segment and period, the
// others stay. A plan with no targets left is removed.
func (w *Workspace) SetPlan(by Person, plan Plan, now time.Time) error {
	if err := w.RequireCEO(by); err != nil {
		return err
	}
	plan.SetBy, plan.SetAt = by.UserID, now
	i := slices.IndexFunc(w.Plans, plan.Same)
	if i < 0 {
		if len(plan.Targets) > 0 {
			w.Plans = append(w.Plans, plan)
		}
		return nil
	}
	merged := w.Plans[i]
	merged.SetBy, merged.SetAt = plan.SetBy, plan.SetAt
	merged.Targets = slices.Clone(merged.Targets)
	for _, t := range plan.Targets {
		j := slices.IndexFunc(merged.Targets, func(old PlanTarget) bool { return old.Field() == t.Field() })
		if j < 0 {
			merged.Targets = append(merged.Targets, t)
		} else {
			merged.Targets[j] = t
		}
	}
	w.Plans[i] = merged
	return nil
}

// RemovePlan deletes the segment's plan for the period, for by, a CEO.
// Removing a plan that does not exist is an ENOTFOUND error.
func (w *Workspace) RemovePlan(by Person, plan Plan) error {
	if err := w.RequireCEO(by); err != nil {
		return err
	}
	i := slices.IndexFunc(w.Plans, plan.Same)
	if i < 0 {
		return Errorf(ENOTFOUND, "plan.not_found")
	}
	w.Plans = slices.Delete(w.Plans, i, i+1)
	return nil
}

// PlansAt returns the segment's plans whose period holds week w: the
// month's first, then the quarter's. Targets come in funnel order.
func (w *Workspace) PlansAt(segment string, week Week) []Plan {
	var out []Plan
	for _, p := range w.Plans {
		if p.Segment == segment && p.Period().Contains(week) {
			p.Targets = slices.Clone(p.Targets)
			sortTargets(w, p.Targets)
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b Plan) int { return cmp.Compare(planKindOrder(a.Kind), planKindOrder(b.Kind)) })
	return out
}

// PlansOf returns the segment's plans for the period, or, with no period,
// those holding week current; targets in funnel order.
func (w *Workspace) PlansOf(segment string, period *PlanPeriod, current Week) []Plan {
	if period == nil {
		return w.PlansAt(segment, current)
	}
	want := Plan{Segment: segment, Kind: period.Kind, Year: period.Year, Num: period.Num}
	for _, p := range w.Plans {
		if p.Same(want) {
			p.Targets = slices.Clone(p.Targets)
			sortTargets(w, p.Targets)
			return []Plan{p}
		}
	}
	return nil
}

func planKindOrder(k PeriodKind) int {
	if k == PeriodQuarter {
		return 1
	}
	return 0
}

// sortTargets puts targets in funnel order: stages, then spend and revenue.
func sortTargets(ws *Workspace, ts []PlanTarget) {
	fields := make([]Field, len(ts))
	for i, t := range ts {
		fields[i] = t.Field()
	}
	SortFields(ws, fields)
	slices.SortStableFunc(ts, func(a, b PlanTarget) int {
		return cmp.Compare(slices.Index(fields, a.Field()), slices.Index(fields, b.Field()))
	})
}

// PlanWindow is the weeks a plan view reads records of as of week asOf:
// from the first week of the longest plan period (a quarter) holding it,
// or PlanNoiseWeeks back when that is earlier, to asOf.
func PlanWindow(asOf Week) Period {
	from := QuarterPeriod(PlanPeriodOf(PeriodQuarter, asOf)).From
	if noise := asOf.Add(1 - PlanNoiseWeeks); noise.Before(from) {
		from = noise
	}
	return Period{Kind: PeriodRange, From: from, To: asOf}
}

// WithPlanWindow returns from, or the start of PlanWindow(asOf) when that
// is earlier: a view reading records from a week on also covers its plans.
func WithPlanWindow(from, asOf Week) Week {
	if w := PlanWindow(asOf).From; w.Before(from) {
		return w
	}
	return from
}

// PlansWindow is the weeks a view of plans as of lastComplete reads records
// of: from PlanNoiseWeeks before the first plan's start to lastComplete.
func PlansWindow(plans []Plan, lastComplete Week) Period {
	p := Period{Kind: PeriodRange, From: lastComplete.Add(1 - PlanNoiseWeeks), To: lastComplete}
	for _, plan := range plans {
		if from := plan.Period().From.Add(-PlanNoiseWeeks); from.Before(p.From) {
			p.From = from
		}
	}
	return p
}

// PlanAsOf is the week a view of period p measures plans at: the end of
// p, or the last complete week when p has not ended yet.
func PlanAsOf(p Period, lastComplete Week) Week {
	if lastComplete.Before(p.To) {
		return lastComplete
	}
	return p.To
}
