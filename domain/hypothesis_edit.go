package domain

import (
	"strings"
	"time"
)

// A published hypothesis can be edited without creating a new one: its
// text, expected effect, deadline, ICE score and department. Every edit is
// a line of its history, with the old and the new value, and counts as a
// change of version, so an outdated card's buttons are noticed.

// EditField is a field of a hypothesis that can be edited.
type EditField string

// The editable fields. A history event keeps their values in these forms:
// the text as written, the effect as Effect.String, the deadline as
// Date.String, the department's key, the ICE score as ICE.String, the
// target metric as its segment's key and the metric joined by "/".
const (
	FieldText       EditField = "text"
	FieldEffect     EditField = "effect"
	FieldDeadline   EditField = "deadline"
	FieldDepartment EditField = "department"
	FieldICE        EditField = "ice"
	FieldMetric     EditField = "metric" // "segment/metric": the target metric of a segment
)

// PromptPurpose is what a reply to a hypothesis's prompt gives.
type PromptPurpose string

// The purposes. The empty purpose is a draft's step, or, for a published
// hypothesis, the result that marks it done.
const (
	PromptResult        PromptPurpose = "result"
	PromptConfirmNoData PromptPurpose = "confirm_nodata"
	PromptRejectNoData  PromptPurpose = "reject_nodata"
	PromptText          PromptPurpose = "text"
	PromptEffect        PromptPurpose = "effect"
	PromptDeadline      PromptPurpose = "deadline"
	PromptICE           PromptPurpose = "ice"
)

// Action returns the move a reply to the prompt makes: marking the
// hypothesis done, or deciding on it without data.
func (p PromptPurpose) Action() (HypothesisAction, bool) {
	switch p {
	case "", PromptResult:
		return ActDone, true
	case PromptConfirmNoData:
		return ActConfirmNoData, true
	case PromptRejectNoData:
		return ActRejectNoData, true
	}
	return "", false
}

// Field returns the field a reply to the prompt gives a new value of.
func (p PromptPurpose) Field() (EditField, bool) {
	switch p {
	case PromptText, PromptEffect, PromptDeadline, PromptICE:
		return EditField(p), true
	}
	return "", false
}

// EditFields lists the editable fields.
var EditFields = []EditField{FieldText, FieldEffect, FieldDeadline, FieldDepartment, FieldICE, FieldMetric}

// HypothesisChange is one edit: the field and its new value. A new target
// metric comes with the effect on it, as an effect on one metric means
// nothing on another.
type HypothesisChange struct {
	Field      EditField
	Text       string
	Effect     Effect
	Why        string // with a new effect, the text that came with it
	Deadline   Date
	Department string
	ICE        ICE
	Segment    string
	Metric     Metric
	// Baseline is the new metric's value at the hypothesis's baseline
	// week; EditHypothesis measures it.
	Baseline Value
}

// Editable reports whether the status allows edits: a published
// hypothesis that is not closed.
func (h *Hypothesis) Editable() bool {
	return h.Status != StatusDraft && !h.Status.Closed()
}

// CheckEdit returns why the user may not edit the hypothesis now: only a
// CEO edits, and the head who proposed it while it waits for approval; a
// closed hypothesis is not edited.
func (h *Hypothesis) CheckEdit(ws *Workspace, userID int64) error {
	if !h.Editable() {
		return Errorf(ECONFLICT, "hyp.wrong_status", h.Label(), h.Status)
	}
	if ws.IsCEO(userID) || h.Status == StatusProposed && h.CreatedBy == userID {
		return nil
	}
	return Errorf(EFORBIDDEN, "hyp.only_ceo_edits")
}

// Edit applies the change for the person and records it in the history.
// The department goes through ReassignTo, which restarts the work.
func (h *Hypothesis) Edit(ws *Workspace, p Person, c HypothesisChange, now time.Time) error {
	if c.Field == FieldDepartment {
		return h.ReassignTo(ws, p, c.Department, now)
	}
	if err := h.CheckEdit(ws, p.UserID); err != nil {
		return err
	}
	var old, value string
	switch c.Field {
	case FieldText:
		value = strings.TrimSpace(c.Text)
		if value == "" {
			return Errorf(EINVALID, "hyp.edit_usage")
		}
		old, h.Text = h.Text, value
	case FieldEffect:
		if err := c.Effect.Validate(h.Metric); err != nil {
			return err
		}
		old, value = h.Effect.String(), c.Effect.String()
		h.Effect = c.Effect
		if c.Why != "" {
			h.Why = c.Why
		}
	case FieldDeadline:
		if c.Deadline.IsZero() {
			return Errorf(EINVALID, "hyp.edit_usage")
		}
		old, value = h.Deadline.String(), c.Deadline.String()
		h.Deadline = c.Deadline
	case FieldICE:
		if err := c.ICE.Validate(); err != nil {
			return err
		}
		old, value = h.ICE.String(), c.ICE.String()
		h.ICE = c.ICE
	case FieldMetric:
		return h.retarget(ws, p, c, now)
	default:
		return Errorf(EINVALID, "hyp.edit_usage")
	}
	if old == value {
		return Errorf(ECONFLICT, "hyp.edit_unchanged", h.Label())
	}
	h.History = append(h.History, HypothesisEvent{At: now, By: p.UserID, ByName: p.Name,
		From: h.Status, To: h.Status, Field: c.Field, Old: old, New: value})
	return nil
}

// retarget moves the hypothesis to another metric, with its baseline at
// the same week and the effect on it; the history gets the metric and,
// when it changed, the effect.
func (h *Hypothesis) retarget(ws *Workspace, p Person, c HypothesisChange, now time.Time) error {
	offered := false
	for _, s := range ws.ActiveSegments() {
		for _, m := range HypothesisMetrics(ws, s.Key) {
			offered = offered || s.Key == c.Segment && m == c.Metric
		}
	}
	if !offered {
		return errStaleStep()
	}
	if err := c.Effect.Validate(c.Metric); err != nil {
		return err
	}
	old, value := h.Segment+"/"+string(h.Metric), c.Segment+"/"+string(c.Metric)
	if old == value {
		return Errorf(ECONFLICT, "hyp.edit_unchanged", h.Label())
	}
	oldEffect := h.Effect.String()
	h.Segment, h.Metric, h.Baseline, h.Effect = c.Segment, c.Metric, c.Baseline, c.Effect
	h.History = append(h.History, HypothesisEvent{At: now, By: p.UserID, ByName: p.Name,
		From: h.Status, To: h.Status, Field: FieldMetric, Old: old, New: value})
	if oldEffect != c.Effect.String() {
		h.History = append(h.History, HypothesisEvent{At: now, By: p.UserID, ByName: p.Name,
			From: h.Status, To: h.Status, Field: FieldEffect, Old: oldEffect, New: c.Effect.String()})
	}
	return nil
}

// EditHypothesis applies the change to h for by and stores h. A new target
// metric gets its baseline over the same weeks as the old one.
func EditHypothesis(tx Tx, ws *Workspace, h *Hypothesis, by Person, c HypothesisChange, now time.Time) error {
	if c.Field == FieldMetric {
		recs, err := tx.Records().Range(ws.ID, "", h.BaselineWeek.Add(1-BaselineWeeks), h.BaselineWeek)
		if err != nil {
			return err
		}
		c.Baseline = MetricBaseline(ws, c.Segment, c.Metric, h.BaselineWeek, recs)
	}
	if err := h.Edit(ws, by, c, now); err != nil {
		return err
	}
	return tx.Hypotheses().Put(h)
}

// ParseHypothesisEdit reads an edit typed after a hypothesis's number, in
// either language: "deadline 10.12" ("срок 10.12"), "text …", "effect +10
// pp", "ice 8 6 7", "department sales". A deadline is read on day today.
func ParseHypothesisEdit(ws *Workspace, h *Hypothesis, s string, today Date) (HypothesisChange, error) {
	word, rest, _ := strings.Cut(strings.TrimSpace(s), " ")
	rest = strings.TrimSpace(rest)
	f, ok := EditFieldWord(word)
	if !ok || rest == "" {
		return HypothesisChange{}, Errorf(EINVALID, "hyp.edit_usage")
	}
	return ParseEditValue(ws, h, f, rest, today)
}

// EditFieldWord returns the field a word names in /hyp <number> <word>
// <value>: "deadline", "срок", "effect"…
func EditFieldWord(s string) (EditField, bool) {
	w, ok := ParseWord(s)
	f, found := editFieldOf[w]
	return f, ok && found
}

// editFieldOf maps the command words of ParseHypothesisEdit to fields.
var editFieldOf = map[Word]EditField{
	WordDeadline: FieldDeadline, WordText: FieldText, WordEffect: FieldEffect,
	WordICE: FieldICE, WordOwner: FieldDepartment,
}

// ParseEditValue reads the new value of one field, typed after the field's
// word or as a reply to the bot's question about it.
func ParseEditValue(ws *Workspace, h *Hypothesis, f EditField, s string, today Date) (HypothesisChange, error) {
	c := HypothesisChange{Field: f}
	var err error
	switch f {
	case FieldDeadline:
		c.Deadline, err = ParseDate(s, today)
	case FieldText:
		c.Text = s
	case FieldEffect:
		c.Effect, c.Why, err = ParseEffect(s, h.Metric)
	case FieldICE:
		c.ICE, err = ParseICE(s)
	case FieldDepartment:
		d, ok := ws.Department(s)
		if !ok {
			return c, Errorf(ENOTFOUND, "hyp.no_department", s)
		}
		c.Department = d.Key
	default:
		err = Errorf(EINVALID, "hyp.edit_usage")
	}
	return c, err
}

// ExtendedDeadline returns the deadline a preset button sets when
// extending: counted from the current deadline, or from today once that
// has passed.
func (h *Hypothesis) ExtendedDeadline(p DeadlinePreset, today Date) (Date, bool) {
	from := h.Deadline
	if from.IsZero() || from.Before(today) {
		from = today
	}
	if p == DeadlineMonthEnd {
		return p.Deadline(from.AddDays(1))
	}
	return p.Deadline(from)
}

// Describe tells what the event did, in lang, as plain text: a move
// ("in progress"), a decision without data with its reason, or an edit
// with the old and the new value.
func (e HypothesisEvent) Describe(ws *Workspace, m Metric, l Lang) string {
	switch {
	case e.WithoutData:
		return Text(l, "hyp.history_nodata", e.To.Localize(l), e.Comment)
	case e.Field == "":
		return e.To.Localize(l)
	}
	line := Text(l, "hyp.edit_field."+string(e.Field)) + ": " +
		editValue(ws, m, e.Field, e.Old, l) + " → " + editValue(ws, m, e.Field, e.New, l)
	if e.From != e.To {
		line += " (" + e.To.Localize(l) + ")"
	}
	return line
}

// editValue shows a field's stored value in lang.
func editValue(ws *Workspace, m Metric, f EditField, v string, l Lang) string {
	if v == "" {
		return NoValue
	}
	switch f {
	case FieldText:
		return "«" + Shorten(v, 40) + "»"
	case FieldEffect:
		if e, ok := ParseStoredEffect(v); ok {
			return e.Format(m, ws.Currency, l)
		}
	case FieldDeadline:
		if t, err := time.Parse(time.DateOnly, v); err == nil {
			return DateOf(t).Localize(l)
		}
	case FieldDepartment:
		return ws.DepartmentName(v, l)
	case FieldICE:
		return strings.ReplaceAll(v, " ", "×")
	case FieldMetric:
		seg, metric, _ := strings.Cut(v, "/")
		return "«" + MetricLabel(ws, Metric(metric), l) + " · " + ws.SegmentName(seg, l) + "»"
	}
	return v
}
