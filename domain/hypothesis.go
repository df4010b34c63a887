package domain

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// HypothesisStatus is where a hypothesis stands in its life.
type HypothesisStatus string

// Hypothesis statuses. A draft is being put together with the /hyp
// buttons and is nobody's work yet; the others follow the method:
// new → in_progress → done → confirmed | rejected, and dropped from any
// open status.
const (
	StatusDraft      HypothesisStatus = "draft"
	StatusNew        HypothesisStatus = "new"
	StatusInProgress HypothesisStatus = "in_progress"
	StatusDone       HypothesisStatus = "done"
	StatusConfirmed  HypothesisStatus = "confirmed"
	StatusRejected   HypothesisStatus = "rejected"
	StatusDropped    HypothesisStatus = "dropped"
)

// Open reports whether the hypothesis is still being worked or verified.
func (s HypothesisStatus) Open() bool {
	return s == StatusNew || s == StatusInProgress || s == StatusDone
}

// Closed reports whether the hypothesis reached a final status.
func (s HypothesisStatus) Closed() bool {
	return s == StatusConfirmed || s == StatusRejected || s == StatusDropped
}

// Localize names the status in lang.
func (s HypothesisStatus) Localize(lang Lang) string {
	return Text(lang, "hyp.status."+string(s))
}

// ParseHypothesisStatus reads a status typed by a person in either
// language ("done", "в работе").
func ParseHypothesisStatus(s string) (HypothesisStatus, bool) {
	for _, st := range []HypothesisStatus{StatusNew, StatusInProgress, StatusDone, StatusConfirmed, StatusRejected, StatusDropped} {
		if NormalizeName(s) == NormalizeName(string(st)) ||
			NormalizeName(s) == NormalizeName(st.Localize(English)) ||
			NormalizeName(s) == NormalizeName(st.Localize(Russian)) {
			return st, true
		}
	}
	return "", false
}

// ICE is the optional impact, confidence and ease score, each 1–10; zero
// means not scored.
type ICE struct {
	Impact, Confidence, Ease int
}

// Set reports whether the hypothesis was scored.
func (s ICE) Set() bool { return s.Impact > 0 && s.Confidence > 0 && s.Ease > 0 }

// Score is impact × confidence × ease, 1–1000.
func (s ICE) Score() int { return s.Impact * s.Confidence * s.Ease }

// Validate checks each part is within 1–10.
func (s ICE) Validate() error {
	for _, v := range []int{s.Impact, s.Confidence, s.Ease} {
		if v < 1 || v > 10 {
			return Errorf(EINVALID, "hyp.bad_ice")
		}
	}
	return nil
}

// HypothesisEvent is one line of a hypothesis's history: who moved it from
// which status to which, when, and why.
type HypothesisEvent struct {
	At      time.Time
	By      int64
	ByName  string
	From    HypothesisStatus
	To      HypothesisStatus
	Comment string
}

// MessageRef is a bot message that shows a hypothesis (its card) or waits
// for a reply about it (a prompt). MessageID is known once Telegram has
// taken the message; until then Key names the outbox job that will learn it.
type MessageRef struct {
	ChatID    int64
	MessageID int
	Key       string
}

// Hypothesis is a change a department tries in order to move a metric of a
// segment, with an owner, a deadline and a history.
type Hypothesis struct {
	ID        int64 // per workspace, assigned by the store; buttons carry it
	Workspace int64
	Number    int // shown as H-17; zero while a draft
	Text      string

	Department string
	Segment    string
	Metric     Metric
	// Baseline is the metric's value when the hypothesis was logged, over
	// the BaselineWeeks weeks ending with BaselineWeek.
	Baseline     Value
	BaselineWeek Week
	Expected     string // the expected effect in the CEO's words
	ICE          ICE
	Deadline     Date

	Status HypothesisStatus
	Result string // the head's short result when done
	// Measured is the metric's value from the week after the hypothesis was
	// logged to MeasuredWeek, taken when a CEO confirmed or rejected it.
	Measured     Value
	MeasuredWeek Week

	History   []HypothesisEvent
	Review    int64 // the review it was logged in; zero outside one
	Cards     []MessageRef
	Prompt    MessageRef // the message whose reply the bot waits for
	CreatedBy int64
	CreatedAt time.Time
}

// Label is the hypothesis's number as people say it: "H-17".
func (h *Hypothesis) Label() string { return "H-" + strconv.Itoa(h.Number) }

// ParseHypothesisLabel reads "H-17", "h17", "Г-17" or "17".
func ParseHypothesisLabel(s string) (int, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	for _, p := range []string{"H-", "H", "Г-", "Г", "#"} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			s = rest
			break
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n > 0
}

// Version counts the status changes; a card's buttons carry it so a press
// on an outdated card is noticed instead of acted on.
func (h *Hypothesis) Version() int { return len(h.History) }

// Fresh returns an ESTALE error when the card the person acted on showed
// another version of the hypothesis.
func (h *Hypothesis) Fresh(version int) error {
	if version != h.Version() {
		return Errorf(ESTALE, "hyp.stale", h.Label())
	}
	return nil
}

// Overdue reports whether an open hypothesis not yet done is past its
// deadline on day today.
func (h *Hypothesis) Overdue(today Date) bool {
	return (h.Status == StatusNew || h.Status == StatusInProgress) &&
		!h.Deadline.IsZero() && h.Deadline.Before(today)
}

// ClosedAt returns when the hypothesis reached its final status; ok is
// false while it is open.
func (h *Hypothesis) ClosedAt() (time.Time, bool) {
	if !h.Status.Closed() || len(h.History) == 0 {
		return time.Time{}, false
	}
	return h.History[len(h.History)-1].At, true
}

// HypothesisAction is what a person can do to a hypothesis.
type HypothesisAction string

// The actions. Reassign moves the hypothesis to another department.
const (
	ActStart    HypothesisAction = "start"
	ActDone     HypothesisAction = "done"
	ActConfirm  HypothesisAction = "confirm"
	ActReject   HypothesisAction = "reject"
	ActDrop     HypothesisAction = "drop"
	ActReassign HypothesisAction = "reassign"
)

// AllActions lists the actions in the order a card shows their buttons.
var AllActions = []HypothesisAction{ActStart, ActDone, ActConfirm, ActReject, ActDrop, ActReassign}

// transition is one rule of the state machine: who may take the action
// from which statuses and where it leads.
type transition struct {
	from   []HypothesisStatus
	to     HypothesisStatus
	byHead bool // a head of the hypothesis's department; otherwise a CEO
}

// transitions is the state machine. Starting and finishing the work belong
// to the heads of the owning department only, CEOs included only when they
// head it too: the method separates who does the work from who verifies
// it, so a CEO cannot mark their own assignment done. Done is allowed
// straight from new because small hypotheses are often done in a day.
var transitions = map[HypothesisAction]transition{
	ActStart:    {from: []HypothesisStatus{StatusNew}, to: StatusInProgress, byHead: true},
	ActDone:     {from: []HypothesisStatus{StatusNew, StatusInProgress}, to: StatusDone, byHead: true},
	ActConfirm:  {from: []HypothesisStatus{StatusDone}, to: StatusConfirmed},
	ActReject:   {from: []HypothesisStatus{StatusDone}, to: StatusRejected},
	ActDrop:     {from: []HypothesisStatus{StatusNew, StatusInProgress, StatusDone}, to: StatusDropped},
	ActReassign: {from: []HypothesisStatus{StatusNew, StatusInProgress}, to: StatusNew},
}

// Can reports whether the user may take the action now: the role fits and
// the status allows it.
func (h *Hypothesis) Can(ws *Workspace, userID int64, act HypothesisAction) bool {
	return h.Check(ws, userID, act) == nil
}

// Check returns why the user may not take the action now: an EFORBIDDEN
// error naming who may, or an ECONFLICT error when the status does not
// allow it; nil when the action is allowed.
func (h *Hypothesis) Check(ws *Workspace, userID int64, act HypothesisAction) error {
	if err := h.permit(ws, userID, act); err != nil {
		return err
	}
	return h.reachable(act)
}

// Allowed returns the actions the user may take now, in card order.
func (h *Hypothesis) Allowed(ws *Workspace, userID int64) []HypothesisAction {
	var out []HypothesisAction
	for _, act := range AllActions {
		if h.Can(ws, userID, act) {
			out = append(out, act)
		}
	}
	return out
}

// Available returns the actions the status allows for anyone, in card
// order: a card in the group chat shows them all, and each press is checked
// against the person who pressed.
func (h *Hypothesis) Available() []HypothesisAction {
	var out []HypothesisAction
	for _, act := range AllActions {
		if h.reachable(act) == nil {
			out = append(out, act)
		}
	}
	return out
}

// permit checks the person's role for the action.
func (h *Hypothesis) permit(ws *Workspace, userID int64, act HypothesisAction) error {
	t, ok := transitions[act]
	if !ok {
		return Errorf(EINVALID, "hyp.bad_action")
	}
	if t.byHead {
		if !ws.IsHeadOf(userID, h.Department) {
			return Errorf(EFORBIDDEN, "hyp.only_head", departmentName(ws, h.Department))
		}
		return nil
	}
	if !ws.IsCEO(userID) {
		return Errorf(EFORBIDDEN, "hyp.only_ceo")
	}
	return nil
}

// reachable checks the status allows the action.
func (h *Hypothesis) reachable(act HypothesisAction) error {
	t, ok := transitions[act]
	if !ok {
		return Errorf(EINVALID, "hyp.bad_action")
	}
	if !slices.Contains(t.from, h.Status) {
		return Errorf(ECONFLICT, "hyp.wrong_status", h.Label(), h.Status)
	}
	return nil
}

// Apply takes the action for the person: it checks the role first (so a
// stranger learns who can do it) and then the status, moves the status and
// appends the history. Reassign needs ReassignTo; confirm and reject take
// the measured value with Verify first.
func (h *Hypothesis) Apply(ws *Workspace, p Person, act HypothesisAction, comment string, now time.Time) error {
	if act == ActReassign {
		return Errorf(EINVALID, "hyp.bad_action")
	}
	return h.apply(ws, p, act, comment, now)
}

func (h *Hypothesis) apply(ws *Workspace, p Person, act HypothesisAction, comment string, now time.Time) error {
	if err := h.permit(ws, p.UserID, act); err != nil {
		return err
	}
	if err := h.reachable(act); err != nil {
		return err
	}
	to := transitions[act].to
	h.History = append(h.History, HypothesisEvent{At: now, By: p.UserID, ByName: p.Name, From: h.Status, To: to, Comment: comment})
	h.Status = to
	if act == ActDone {
		h.Result = comment
	}
	h.Prompt = MessageRef{}
	return nil
}

// ReassignTo gives the hypothesis to another department (CEOs only); the
// new owners start from new, and the history says who had it before.
func (h *Hypothesis) ReassignTo(ws *Workspace, p Person, dept string, now time.Time) error {
	d, ok := ws.Department(dept)
	if !ok {
		return Errorf(ENOTFOUND, "hyp.no_department", dept)
	}
	if d.Key == h.Department {
		return Errorf(ECONFLICT, "hyp.same_department", d.Name.In(ws.Lang))
	}
	comment := departmentName(ws, h.Department) + " → " + d.Name.In(ws.Lang)
	if err := h.apply(ws, p, ActReassign, comment, now); err != nil {
		return err
	}
	h.Department = d.Key
	return nil
}

// Verify records the metric's value measured since the hypothesis was
// logged, before a CEO confirms or rejects it.
func (h *Hypothesis) Verify(measured Value, through Week) {
	h.Measured, h.MeasuredWeek = measured, through
}

// MoveHypothesis takes the action on h for by and stores h: the role is
// checked first (so a stranger learns who may), then the status; a CEO
// confirming or rejecting gets the target metric measured from the week
// after the baseline through the last complete week, which the verdict
// then rests on. comment is the result of a hypothesis marked done.
// Reassign goes through ReassignHypothesis.
func MoveHypothesis(tx Tx, ws *Workspace, h *Hypothesis, act HypothesisAction, by Person, comment string, now time.Time) error {
	if err := h.Check(ws, by.UserID, act); err != nil {
		return err
	}
	if act == ActConfirm || act == ActReject {
		if err := measure(tx, ws, h, now); err != nil {
			return err
		}
	}
	if err := h.Apply(ws, by, act, comment, now); err != nil {
		return err
	}
	return tx.Hypotheses().Put(h)
}

// ReassignHypothesis gives h to the department dept for by, a CEO, and
// stores it.
func ReassignHypothesis(tx Tx, ws *Workspace, h *Hypothesis, dept string, by Person, now time.Time) error {
	if err := h.ReassignTo(ws, by, dept, now); err != nil {
		return err
	}
	return tx.Hypotheses().Put(h)
}

// measure takes the metric's value since the hypothesis was logged: from
// the week after its baseline through the last complete week, or nothing
// when no such week has ended yet.
func measure(tx Tx, ws *Workspace, h *Hypothesis, now time.Time) error {
	last := ws.LastCompleteWeek(now)
	from := h.BaselineWeek.Add(1)
	if last.Before(from) {
		h.Verify(None, last)
		return nil
	}
	recs, err := tx.Records().Range(ws.ID, "", from, last)
	if err != nil {
		return err
	}
	_, total := MetricSince(ws, h.Segment, h.Metric, from, last, recs)
	h.Verify(total, last)
	return nil
}

// OwnHypotheses returns the open hypotheses of the departments the user
// heads, in the order given; someone who heads no department has none of
// their own, which is an EFORBIDDEN error.
func OwnHypotheses(ws *Workspace, userID int64, hyps []*Hypothesis) ([]*Hypothesis, error) {
	depts := ws.Member(userID).HeadOf
	if len(depts) == 0 {
		return nil, Errorf(EFORBIDDEN, "hyp.my_not_head")
	}
	var out []*Hypothesis
	for _, h := range hyps {
		if h.Status.Open() && slices.Contains(depts, h.Department) {
			out = append(out, h)
		}
	}
	return out, nil
}

// departmentName names a department in the workspace language, or gives
// its key when the department is gone.
func departmentName(ws *Workspace, key string) string {
	if d, ok := ws.Department(key); ok {
		return d.Name.In(ws.Lang)
	}
	return key
}

// WeekValue is a metric's value in one week.
type WeekValue struct {
	Week  Week
	Value Value
}

// MetricBaseline returns the metric of the segment over the BaselineWeeks
// weeks ending with week last, amounts as an average week: the number a
// hypothesis logged after week last sets out to move.
func MetricBaseline(ws *Workspace, segment string, m Metric, last Week, recs []WeeklyRecord) Value {
	return Baseline(ws, segment, last.Add(1), recs).MetricValue(m)
}

// MetricSince returns the metric of the segment in every week from..to that
// has a record, and its value over all those weeks together (rates as
// ratios of sums, amounts as an average week), so a CEO verifying a
// hypothesis sees the path and the outcome against the baseline.
func MetricSince(ws *Workspace, segment string, m Metric, from, to Week, recs []WeeklyRecord) ([]WeekValue, Value) {
	var weekly []WeekValue
	for _, w := range (Period{Kind: PeriodRange, From: from, To: to}).Weeks() {
		r := BuildReport(ws, segment, WeekPeriod(w), recs)
		if r.Weeks > 0 {
			weekly = append(weekly, WeekValue{Week: w, Value: r.MetricValue(m)})
		}
	}
	if len(weekly) == 0 {
		return nil, None
	}
	total := BuildReport(ws, segment, Period{Kind: PeriodRange, From: from, To: to}, recs)
	if n := float64(total.Weeks); n > 1 {
		total.Spend, total.Revenue, total.GrossProfit = perWeek(total.Spend, n), perWeek(total.Revenue, n), perWeek(total.GrossProfit, n)
	}
	return weekly, total.MetricValue(m)
}
