package domain

import (
	"slices"
	"strings"
	"time"
)

// A published hypothesis moves through a state machine: who may take which
// action from which status. MoveHypothesis and ReassignHypothesis are the
// use cases a card's buttons and a head's reply run.

// HypothesisAction is what a person can do to a hypothesis.
type HypothesisAction string

// The actions. Reassign moves the hypothesis to another department.
// Confirming or rejecting "without data" is the CEO's explicit decision
// before the target metric has a measured week, with a reason.
const (
	ActApprove       HypothesisAction = "approve"
	ActDecline       HypothesisAction = "decline"
	ActStart         HypothesisAction = "start"
	ActDone          HypothesisAction = "done"
	ActConfirm       HypothesisAction = "confirm"
	ActReject        HypothesisAction = "reject"
	ActConfirmNoData HypothesisAction = "confirm_nodata"
	ActRejectNoData  HypothesisAction = "reject_nodata"
	ActDrop          HypothesisAction = "drop"
	ActReassign      HypothesisAction = "reassign"
)

// AllActions lists the actions in the order a card shows their buttons.
var AllActions = []HypothesisAction{ActApprove, ActDecline, ActStart, ActDone, ActConfirm, ActReject,
	ActConfirmNoData, ActRejectNoData, ActDrop, ActReassign}

// withoutData reports whether the action decides without measured data.
func (a HypothesisAction) withoutData() bool {
	return a == ActConfirmNoData || a == ActRejectNoData
}

// decides reports whether the action is a CEO's verdict on a done
// hypothesis.
func (a HypothesisAction) decides() bool {
	return a == ActConfirm || a == ActReject || a.withoutData()
}

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
// straight from new because small hypotheses are often done in a day. A
// head's proposal becomes work only when a CEO approves it.
var transitions = map[HypothesisAction]transition{
	ActApprove:       {from: []HypothesisStatus{StatusProposed}, to: StatusNew},
	ActDecline:       {from: []HypothesisStatus{StatusProposed}, to: StatusDeclined},
	ActStart:         {from: []HypothesisStatus{StatusNew}, to: StatusInProgress, byHead: true},
	ActDone:          {from: []HypothesisStatus{StatusNew, StatusInProgress}, to: StatusDone, byHead: true},
	ActConfirm:       {from: []HypothesisStatus{StatusDone}, to: StatusConfirmed},
	ActReject:        {from: []HypothesisStatus{StatusDone}, to: StatusRejected},
	ActConfirmNoData: {from: []HypothesisStatus{StatusDone}, to: StatusConfirmed},
	ActRejectNoData:  {from: []HypothesisStatus{StatusDone}, to: StatusRejected},
	ActDrop:          {from: []HypothesisStatus{StatusNew, StatusInProgress, StatusDone}, to: StatusDropped},
	ActReassign:      {from: []HypothesisStatus{StatusProposed, StatusNew, StatusInProgress}, to: StatusNew},
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

// CheckRole returns an EFORBIDDEN error naming who may take the action
// when the user's role does not allow it, whatever the status; a press on
// an outdated card is looked at only for someone who could act on it.
func (h *Hypothesis) CheckRole(ws *Workspace, userID int64, act HypothesisAction) error {
	return h.permit(ws, userID, act)
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
// against the person who pressed. measured says whether the target metric
// has a measured week: a CEO then confirms or rejects on the numbers,
// otherwise only explicitly without data.
func (h *Hypothesis) Available(measured bool) []HypothesisAction {
	var out []HypothesisAction
	for _, act := range AllActions {
		if act.decides() && act.withoutData() == measured {
			continue
		}
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
// the measured value with Verify first, and a decision without data needs
// the CEO's reason as the comment.
func (h *Hypothesis) Apply(ws *Workspace, p Person, act HypothesisAction, comment string, now time.Time) error {
	if act == ActReassign {
		return Errorf(EINVALID, "hyp.bad_action")
	}
	if act.withoutData() && strings.TrimSpace(comment) == "" {
		if err := h.Check(ws, p.UserID, act); err != nil {
			return err
		}
		return Errorf(EINVALID, "hyp.nodata_reason", h.Label())
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
	if act == ActReassign && h.Status == StatusProposed {
		to = StatusProposed // a proposal moves to another department still waiting for a CEO
	}
	h.History = append(h.History, HypothesisEvent{At: now, By: p.UserID, ByName: p.Name, From: h.Status, To: to,
		Comment: comment, WithoutData: act.withoutData()})
	h.Status = to
	if act == ActDone {
		h.Result = comment
	}
	h.Prompt, h.Awaiting = MessageRef{}, ""
	return nil
}

// ReassignTo gives the hypothesis to another department (CEOs only); the
// new owners start from new (a proposal stays proposed), and the history
// says who had it before.
func (h *Hypothesis) ReassignTo(ws *Workspace, p Person, dept string, now time.Time) error {
	d, ok := ws.ActiveDepartment(dept)
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
	e := &h.History[len(h.History)-1]
	e.Field, e.Old, e.New = FieldDepartment, h.Department, d.Key
	h.Department = d.Key
	return nil
}

// Verify records the verdict a CEO confirms or rejects the hypothesis on:
// the metric's value over the measured weeks and what it came to.
func (h *Hypothesis) Verify(v Verdict) {
	h.Measured, h.MeasuredFrom, h.MeasuredWeek, h.Verdict = v.Measured, v.From, v.To, v.Kind
}

// MoveHypothesis takes the action on h for by and stores h: the role is
// checked first (so a stranger learns who may), then the status. A CEO
// confirming or rejecting gets the verdict on the target metric measured
// over the hypothesis's window (see MeasureWindow); with no measured week
// yet only the without-data actions, with a reason, may decide. comment
// is the result of a hypothesis marked done, or that reason. Reassign
// goes through ReassignHypothesis.
func MoveHypothesis(tx Tx, ws *Workspace, h *Hypothesis, act HypothesisAction, by Person, comment string, now time.Time) error {
	if err := h.Check(ws, by.UserID, act); err != nil {
		return err
	}
	if act.decides() {
		v, err := HypothesisVerdict(tx, ws, h, now)
		if err != nil {
			return err
		}
		if v.Kind == VerdictNoData && !act.withoutData() {
			return Errorf(ECONFLICT, "hyp.needs_data", h.Label())
		}
		h.Verify(v)
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
