package domain

import (
	"fmt"
	"time"
)

// Checking alert rules when numbers arrive. EvaluateAlerts runs inside
// the transaction that saves the numbers (SaveEntries), so an alert is
// queued exactly when its numbers are stored:
//
//   - a rule looks at the latest week the save touched in its segment, if
//     that is the current week or the last complete one in the workspace's
//     time zone: a correction of an old week is history, not news;
//   - a line compares the week's value; a change compares it with the
//     average week of the 4 weeks before (rates as ratios of sums), and
//     needs at least MinAlertBaselineWeeks of them;
//   - a rule fires at most once per calendar week: its message is keyed in
//     the outbox by rule and week, and the outbox never takes a key twice,
//     not after a restart either. A muted rule does not fire.

// MinAlertBaselineWeeks is how many of the 4 weeks before must have numbers
// for a change to be judged.
const MinAlertBaselineWeeks = 2

// AlertButton is the callback data prefix of an alert's buttons:
// "al:<rule id>:m" mutes, "al:<rule id>:d" deletes.
const AlertButton = "al"

// AlertCheck is the outcome of one rule against one week.
type AlertCheck struct {
	Week   Week
	Value  Value // the week's value
	Base   Value // the baseline's value, for a change
	Change Value // the change against the baseline: a fraction, or points
	Fired  bool
}

// CheckAlert judges the rule on week w of its segment from the records,
// which must cover the week and the 4 weeks before it.
func CheckAlert(ws *Workspace, r *AlertRule, w Week, recs []WeeklyRecord) AlertCheck {
	c := AlertCheck{Week: w, Value: alertValue(BuildReport(ws, r.Segment, WeekPeriod(w), recs), r.Metric)}
	if !c.Value.OK {
		return c
	}
	switch r.Op {
	case AlertBelow:
		c.Fired = c.Value.V < r.Threshold-1e-9
	case AlertAbove:
		c.Fired = c.Value.V > r.Threshold+1e-9
	case AlertFalls, AlertRises:
		base := Baseline(ws, r.Segment, w, recs)
		if base.Weeks < MinAlertBaselineWeeks {
			return c
		}
		c.Base = alertValue(base, r.Metric)
		if _, count := r.Metric.CountStage(); count && c.Base.OK {
			c.Base.V /= float64(base.Weeks) // counts stay sums in a baseline
		}
		if r.Points {
			c.Change = PointChange(c.Value, c.Base)
		} else {
			c.Change = RelativeChange(c.Value, c.Base)
		}
		if !c.Change.OK {
			return c
		}
		if r.Op == AlertFalls {
			c.Fired = c.Change.V <= -r.Threshold+1e-9
		} else {
			c.Fired = c.Change.V >= r.Threshold-1e-9
		}
	}
	return c
}

// alertValue is a report's value of a rule's metric; a stage's count is
// known only when the week reported it.
func alertValue(rep FunnelReport, m Metric) Value {
	if key, ok := m.CountStage(); ok {
		f, found := rep.Figure(key)
		if !found || !f.Reported {
			return None
		}
		return Some(float64(f.Count))
	}
	return rep.MetricValue(m)
}

// EvaluateAlerts checks the workspace's rules against the weeks the
// revision saved (see the rules above) and queues the message of every
// rule that fires, recording its firing on the rule.
func EvaluateAlerts(tx Tx, ws *Workspace, rev *Revision, at time.Time) error {
	if rev == nil || len(rev.Records) == 0 {
		return nil
	}
	rules, err := tx.Alerts().List(ws.ID)
	if err != nil || len(rules) == 0 {
		return err
	}
	current := WeekOf(at.In(ws.Location()))
	for _, r := range rules {
		w, ok := latestSaved(rev, r.Segment, current)
		if !ok || r.Muted(at) {
			continue
		}
		recs, err := tx.Records().Range(ws.ID, r.Segment, w.Add(-BaselineWeeks), w)
		if err != nil {
			return err
		}
		check := CheckAlert(ws, r, w, recs)
		if !check.Fired {
			continue
		}
		job := AlertMessage(ws, r, check)
		job.Key = fmt.Sprintf("alert:%d:%d:%s", ws.ID, r.ID, current)
		job.CreatedAt = at
		added, err := tx.Outbox().Add(job)
		if err != nil {
			return err
		}
		if !added {
			continue // fired already this week
		}
		r.FiredAt, r.FiredWeek, r.FiredValue = at, w, check.Value.V
		if err := tx.Alerts().Put(r); err != nil {
			return err
		}
	}
	return nil
}

// latestSaved is the latest week of the segment the revision changed, if it
// is the current week or the one before.
func latestSaved(rev *Revision, segment string, current Week) (Week, bool) {
	var latest Week
	found := false
	for _, d := range rev.Records {
		if d.Segment == segment && (!found || latest.Before(d.Week)) {
			latest, found = d.Week, true
		}
	}
	if !found || latest.Before(current.Add(-1)) || current.Before(latest) {
		return Week{}, false
	}
	return latest, true
}

// AlertMessage is the message of a fired rule to the workspace's chat:
// the segment and week, the figure against the rule, the heads who own the
// metric, and the buttons to mute the rule for a week or delete it.
func AlertMessage(ws *Workspace, r *AlertRule, c AlertCheck) *OutboxJob {
	l := ws.Lang
	dept := AlertDepartment(ws, r.Metric)
	to := "<b>" + esc(ws.DepartmentName(dept, l)) + "</b>"
	if heads := ws.Heads(dept); len(heads) > 0 {
		to = Mentions(heads)
	}
	figure := Text(l, "alert.figure", esc(AlertMetricLabel(ws, r.Metric, l)), FormatAlertValue(ws, r.Metric, c.Value, l))
	if r.Op.IsChange() {
		figure += " " + Text(l, "alert.against", AlertChangeText(r, c.Change, l), FormatAlertValue(ws, r.Metric, c.Base, l))
	}
	text := Text(l, "alert.fired", esc(ws.SegmentName(r.Segment, l)), c.Week.String(), figure,
		esc(AlertRuleText(ws, r, l)), to)
	return &OutboxJob{
		Workspace: ws.ID,
		ChatID:    ws.ChatID,
		Priority:  PriorityBulk, // the replies of the update that saved the numbers go first
		Kind:      SendText,
		Text:      text,
		Keyboard: [][]Button{{
			{Text: Text(l, "alert.mute_button"), Data: fmt.Sprintf("%s:%d:m", AlertButton, r.ID)},
			{Text: Text(l, "alert.delete_button"), Data: fmt.Sprintf("%s:%d:d", AlertButton, r.ID)},
		}},
	}
}
