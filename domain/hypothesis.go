package domain

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// HypothesisStatus is where a hypothesis stands in its life.
type HypothesisStatus string

// Hypothesis statuses. A draft is being put together with the /hyp
// buttons and is nobody's work yet; a head's finished draft is proposed
// until a CEO approves it (new) or declines it; the others follow the
// method: new → in_progress → done → confirmed | rejected, and dropped
// from any open status.
const (
	StatusDraft      HypothesisStatus = "draft"
	StatusProposed   HypothesisStatus = "proposed"
	StatusDeclined   HypothesisStatus = "declined"
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

// Closed reports whether the hypothesis reached a final status; a declined
// proposal is closed too.
func (s HypothesisStatus) Closed() bool {
	return s == StatusConfirmed || s == StatusRejected || s == StatusDropped || s == StatusDeclined
}

// Listed reports whether /hyps shows the hypothesis by default: the open
// ones and the proposals waiting for a CEO.
func (s HypothesisStatus) Listed() bool {
	return s.Open() || s == StatusProposed
}

// HypothesisStatuses lists the statuses of published hypotheses, in the
// order of their life.
var HypothesisStatuses = []HypothesisStatus{StatusProposed, StatusNew, StatusInProgress, StatusDone,
	StatusConfirmed, StatusRejected, StatusDropped, StatusDeclined}

// Localize names the status in lang.
func (s HypothesisStatus) Localize(lang Lang) string {
	return Text(lang, "hyp.status."+string(s))
}

// ParseHypothesisStatus reads a status typed by a person in either
// language ("done", "в работе").
func ParseHypothesisStatus(s string) (HypothesisStatus, bool) {
	for _, st := range HypothesisStatuses {
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
// which status to which, when, and why; or, for an edit, which field
// changed from what to what (From and To are then the status it kept).
type HypothesisEvent struct {
	At      time.Time
	By      int64
	ByName  string
	From    HypothesisStatus
	To      HypothesisStatus
	Comment string
	// Field is the edited field; empty for a move of the status.
	Field EditField
	// Old and New are the edited field's values in the form EditField
	// describes, so the history can be shown in any language.
	Old, New string
	// WithoutData marks a confirmation or rejection a CEO made before the
	// target metric had a measured week; Comment holds their reason.
	WithoutData bool
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
	// Effect is the expected effect on the metric, a number the verdict
	// checks; Why is the free text that came with it.
	Effect   Effect
	Why      string
	ICE      ICE
	Deadline Date

	Status HypothesisStatus
	Result string // the head's short result when done
	// Measured is the metric's value over the weeks MeasuredFrom to
	// MeasuredWeek (see MeasureWindow), taken when a CEO confirmed or
	// rejected it, with the verdict it had then.
	Measured     Value
	MeasuredFrom Week
	MeasuredWeek Week
	Verdict      VerdictKind

	History []HypothesisEvent
	Review  int64 // the review it was logged in; zero outside one
	Cards   []MessageRef
	Prompt  MessageRef // the message whose reply the bot waits for
	// Awaiting is what a reply to Prompt gives; empty for a draft's step.
	Awaiting  PromptPurpose
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

// Version counts the changes, moves and edits; a card's buttons carry it
// so a press on an outdated card is noticed instead of acted on.
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

// SortByICE orders hypotheses by their ICE score, highest first, the
// unscored last, and by number among equals: the order to work them in.
func SortByICE(hs []*Hypothesis) {
	slices.SortStableFunc(hs, func(a, b *Hypothesis) int {
		if c := cmp.Compare(b.ICE.Score(), a.ICE.Score()); c != 0 {
			return c
		}
		return cmp.Compare(a.Number, b.Number)
	})
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
