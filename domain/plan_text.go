package domain

import (
	"fmt"
	"strings"
)

// Plans in the chat: the block /review, /funnel, the weekly snapshot and
// /plan show, and the text of a plan question. HTML, user names escaped.

// FormatPlanValue formats a planned or actual figure: a count, or an
// amount compactly with the currency ("3.1 M ₽").
func FormatPlanValue(f Field, v float64, currency string, lang Lang) string {
	if f.Kind == FieldCount {
		return FormatCount(int64(v + 0.5))
	}
	return FormatMoneyShort(v, currency, lang)
}

// planLineKeys are the texts of a target's pace by the plan's period.
var planLineKeys = map[PeriodKind]string{PeriodMonth: "plan.line.month", PeriodQuarter: "plan.line.quarter"}

// PlanLine is one target's pace: "Revenue: 62% of the month's plan at 75%
// of the month; projected 83% (3.1 M ₽ of 5 M ₽)", marked ⚠ when the
// projection misses the target beyond its noise.
func PlanLine(ws *Workspace, pace PlanPace, miss bool, lang Lang) string {
	label := esc(pace.Target.Field().Label(ws, lang))
	target := FormatPlanValue(pace.Target.Field(), pace.Target.Units(), ws.Currency, lang)
	mark := "•"
	if miss {
		mark = "⚠"
	}
	if pace.Elapsed == 0 {
		return fmt.Sprintf("%s %s", mark, Text(lang, "plan.line_ahead", label, target))
	}
	return fmt.Sprintf("%s %s", mark, Text(lang, planLineKeys[pace.Plan.Kind], label,
		FormatPercent(pace.FactShare(), lang), FormatPercent(pace.TimeShare(), lang), FormatPercent(pace.ProjectedShare(), lang),
		FormatPlanValue(pace.Target.Field(), pace.Fact, ws.Currency, lang), target))
}

// PlanStatus is a target's pace and whether the projection misses it
// beyond its noise (CheckPlanPace): what a plan view and its picture show.
type PlanStatus struct {
	Pace PlanPace
	Miss bool
}

// PlanStatuses returns the status of every target of the plans, each
// measured as of the end of its period or the last complete week, whichever
// comes first (PlanAsOf).
func PlanStatuses(ws *Workspace, plans []Plan, lastComplete Week, recs []WeeklyRecord) []PlanStatus {
	var out []PlanStatus
	for _, plan := range plans {
		asOf := PlanAsOf(plan.Period(), lastComplete)
		for _, pace := range PlanProgress(ws, plan, asOf, recs) {
			_, miss := CheckPlanPace(pace, weeklyFigures(ws, plan.Segment, pace.Target.Field(), asOf, recs))
			out = append(out, PlanStatus{Pace: pace, Miss: miss})
		}
	}
	return out
}

// PlanText renders statuses: a heading per plan and a line per target.
func PlanText(ws *Workspace, lang Lang, statuses []PlanStatus) string {
	var sb strings.Builder
	var heading string
	for _, st := range statuses {
		if h := Text(lang, "plan.heading", esc(st.Pace.Plan.Period().Label(lang))); h != heading {
			if sb.Len() > 0 {
				sb.WriteString("\n")
			}
			sb.WriteString(h)
			heading = h
		}
		sb.WriteString("\n" + PlanLine(ws, st.Pace, st.Miss, lang))
	}
	return sb.String()
}

// PlanLines renders the segment's plans holding week asOf as of that week;
// empty when the segment has no plan then.
func PlanLines(ws *Workspace, lang Lang, segment string, asOf Week, recs []WeeklyRecord) string {
	return PlanText(ws, lang, PlanStatuses(ws, ws.PlansAt(segment, asOf), asOf, recs))
}

// PlanBlock is PlanLines after a blank line, or nothing: a message adds it
// under its own text.
func PlanBlock(ws *Workspace, lang Lang, segment string, asOf Week, recs []WeeklyRecord) string {
	if lines := PlanLines(ws, lang, segment, asOf, recs); lines != "" {
		return "\n\n" + lines
	}
	return ""
}

// Text renders the plan question in lang as plain text: where the figure
// is heading against its target, and what the head is asked.
func (m PlanMiss) Text(ws *Workspace, segment string, lang Lang) string {
	p := m.Pace
	f := p.Target.Field()
	proj := p.Projected()
	key, ask := "plan.question.short", "plan.ask"
	if p.Over() {
		key, ask = "plan.question.over", "plan.ask_over"
	}
	return Text(lang, key, f.Label(ws, lang), segment, p.Plan.Period().Label(lang),
		FormatPlanValue(f, proj.V, ws.Currency, lang), FormatPlanValue(f, p.Target.Units(), ws.Currency, lang),
		FormatPercent(p.ProjectedShare(), lang), FormatPlanValue(f, m.Gap, ws.Currency, lang),
		p.Reported, p.Weeks) + " " + Text(lang, ask)
}
