package domain

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// Alerts in the chat: a rule as people read it, its figures, and /alerts.

// AlertMetricLabel names a rule's metric: a stage for a count, as
// MetricLabel names the others.
func AlertMetricLabel(ws *Workspace, m Metric, lang Lang) string {
	if key, ok := m.CountStage(); ok {
		return entryStageName(ws, key).In(lang)
	}
	return MetricLabel(ws, m, lang)
}

// FormatAlertValue formats a value of a rule's metric: a count, a rate in
// percent, an amount in the currency.
func FormatAlertValue(ws *Workspace, m Metric, v Value, lang Lang) string {
	if !v.OK {
		return NoValue
	}
	if _, ok := m.CountStage(); ok {
		return FormatCount(int64(math.Round(v.V)))
	}
	return FormatMetricValue(m, v, ws.Currency, lang)
}

// AlertChangeText formats a change against the baseline: points for a
// rule in points, percent otherwise.
func AlertChangeText(r *AlertRule, change Value, lang Lang) string {
	if !change.OK {
		return NoValue
	}
	if r.Points {
		return FormatPoints(change.V, lang)
	}
	return FormatDelta(change.V, lang)
}

// alertRuleKeys are the texts of a rule by its comparison.
var alertRuleKeys = map[AlertOp]string{
	AlertBelow: "alert.rule.below", AlertAbove: "alert.rule.above",
	AlertFalls: "alert.rule.falls", AlertRises: "alert.rule.rises",
}

// AlertRuleText is the rule as people read it, without the segment:
// "Qualified → Meetings below 35%", "Leads fall 30% against the 4-week average".
func AlertRuleText(ws *Workspace, r *AlertRule, lang Lang) string {
	label := AlertMetricLabel(ws, r.Metric, lang)
	threshold := FormatAlertValue(ws, r.Metric, Some(r.Threshold), lang)
	if r.Op.IsChange() {
		threshold = FormatPercent(Some(r.Threshold), lang)
		if r.Points {
			threshold = strings.TrimPrefix(FormatPoints(r.Threshold, lang), "+")
		}
	}
	return Text(lang, alertRuleKeys[r.Op], label, threshold)
}

// AlertList renders /alerts: each rule with its segment, its last firing
// and whether it is muted at now; HTML.
func AlertList(ws *Workspace, rules []*AlertRule, now time.Time, lang Lang) string {
	if len(rules) == 0 {
		return Text(lang, "alert.list_empty", esc(newAlertExample(ws).Localize(lang)))
	}
	var sb strings.Builder
	sb.WriteString(Text(lang, "alert.list_title"))
	loc := ws.Location()
	for _, r := range rules {
		fmt.Fprintf(&sb, "\n\n<b>#%d</b> %s · %s", r.ID, esc(ws.SegmentName(r.Segment, lang)), esc(AlertRuleText(ws, r, lang)))
		if r.FiredAt.IsZero() {
			sb.WriteString("\n" + Text(lang, "alert.never_fired"))
		} else {
			sb.WriteString("\n" + Text(lang, "alert.last_fired", DateOf(r.FiredAt.In(loc)).Localize(lang), r.FiredWeek.String(),
				FormatAlertValue(ws, r.Metric, Some(r.FiredValue), lang)))
		}
		if r.Muted(now) {
			sb.WriteString(" · " + Text(lang, "alert.muted_until", DateOf(r.MutedUntil.In(loc)).Localize(lang)))
		}
	}
	return sb.String()
}
