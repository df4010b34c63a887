package domain

import (
	"math"
	"slices"
	"strings"
	"time"
)

// An alert is a CEO's rule on one metric of a segment, checked whenever
// numbers arrive between reviews: a fixed line ("qualified→meetings below
// 35%", "CPL above 1 500") or a change against the 4-week baseline ("leads
// fall 30%"). A rule that fires tells the head who owns the metric, at most
// once a week (see EvaluateAlerts), and can be muted for a week.

// AlertOp is how a rule compares.
type AlertOp string

// The comparisons of alert rules.
const (
	AlertBelow AlertOp = "below" // the week's value is under the line
	AlertAbove AlertOp = "above" // the week's value is over the line
	AlertFalls AlertOp = "falls" // the week fell by at least the threshold against the baseline
	AlertRises AlertOp = "rises" // the week rose by at least the threshold against the baseline
)

// IsChange reports whether the rule compares against the baseline rather
// than a fixed line.
func (op AlertOp) IsChange() bool { return op == AlertFalls || op == AlertRises }

// AlertMuteFor is how long the mute button silences a rule.
const AlertMuteFor = 7 * 24 * time.Hour

// MaxAlerts is how many rules a workspace may have: more would be noise.
const MaxAlerts = 30

// AlertRule is one alert rule of a workspace.
type AlertRule struct {
	ID        int64 // per workspace, assigned by the store
	Workspace int64
	Segment   string
	Metric    Metric // a Metric, or CountMetric for a stage's count
	Op        AlertOp
	// Threshold is the line in the metric's units (a fraction for rates,
	// currency units for amounts, a count) or, for a change, a fraction of
	// the baseline (0.3 is 30%), or points of a rate when Points is set.
	Threshold float64
	Points    bool
	CreatedBy int64
	CreatedAt time.Time
	// MutedUntil silences the rule until then.
	MutedUntil time.Time
	// The last firing: when, about which week, with what value.
	FiredAt    time.Time
	FiredWeek  Week
	FiredValue float64
}

// AlertStore keeps the alert rules of each workspace.
type AlertStore interface {
	// Create assigns the rule its workspace's next id and stores it.
	Create(r *AlertRule) error
	// Get returns the workspace's rule with the id or an ENOTFOUND error.
	Get(workspace, id int64) (*AlertRule, error)
	// Put replaces a stored rule.
	Put(r *AlertRule) error
	// Delete removes a rule; deleting a missing rule is not an error.
	Delete(workspace, id int64) error
	// List returns the workspace's rules ordered by id.
	List(workspace int64) ([]*AlertRule, error)
}

// CountMetric is the metric of a stage's count, which only alerts use.
func CountMetric(stageKey string) Metric { return Metric("count:" + stageKey) }

// CountStage returns the stage key of a count metric.
func (m Metric) CountStage() (string, bool) {
	return strings.CutPrefix(string(m), "count:")
}

// Muted reports whether the rule is silenced at now.
func (r *AlertRule) Muted(now time.Time) bool { return now.Before(r.MutedUntil) }

// Same reports whether o asks the same as r.
func (r *AlertRule) Same(o *AlertRule) bool {
	return r.Segment == o.Segment && r.Metric == o.Metric && r.Op == o.Op && r.Points == o.Points &&
		math.Abs(r.Threshold-o.Threshold) < 1e-9
}

// AlertDepartment is the department that owns the rule's metric: the
// stage's for a count, MetricDepartment's otherwise.
func AlertDepartment(ws *Workspace, m Metric) string {
	if key, ok := m.CountStage(); ok {
		if st, ok := entryStageByKey(ws, key); ok {
			return st.Department
		}
		return ""
	}
	return MetricDepartment(ws, m)
}

// AddAlert stores a new rule for by, who must be a CEO. The same rule
// twice and more than MaxAlerts rules are refused.
func AddAlert(tx Tx, ws *Workspace, by Person, r *AlertRule, now time.Time) error {
	if err := ws.RequireCEO(by); err != nil {
		return err
	}
	rules, err := tx.Alerts().List(ws.ID)
	if err != nil {
		return err
	}
	if i := slices.IndexFunc(rules, r.Same); i >= 0 {
		return Errorf(ECONFLICT, "alert.exists", rules[i].ID)
	}
	if len(rules) >= MaxAlerts {
		return Errorf(ECONFLICT, "alert.too_many", MaxAlerts)
	}
	r.Workspace, r.CreatedBy, r.CreatedAt = ws.ID, by.UserID, now
	return tx.Alerts().Create(r)
}

// MuteAlert silences a rule for AlertMuteFor from now. A CEO or a head of
// the department owning the metric may: the alert is addressed to them.
func MuteAlert(tx Tx, ws *Workspace, by Person, id int64, now time.Time) (*AlertRule, error) {
	r, err := tx.Alerts().Get(ws.ID, id)
	if err != nil {
		return nil, err
	}
	if !ws.IsCEO(by.UserID) && !ws.IsHeadOf(by.UserID, AlertDepartment(ws, r.Metric)) {
		return nil, Errorf(EFORBIDDEN, "alert.mute_forbidden")
	}
	r.MutedUntil = now.Add(AlertMuteFor)
	return r, tx.Alerts().Put(r)
}

// DeleteAlert removes a rule for by, who must be a CEO.
func DeleteAlert(tx Tx, ws *Workspace, by Person, id int64) (*AlertRule, error) {
	if err := ws.RequireCEO(by); err != nil {
		return nil, err
	}
	r, err := tx.Alerts().Get(ws.ID, id)
	if err != nil {
		return nil, err
	}
	return r, tx.Alerts().Delete(ws.ID, id)
}
