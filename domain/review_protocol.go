package domain

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// The protocol is what a closed review leaves behind, posted in the chat
// and stored with the review: when it was held and who took part, the
// headline numbers, each question with its answer or "no answer", the
// hypotheses logged and changed in it with owners, targets and deadlines,
// the verdicts reached, and the date of the next review.

// maxProtocolQuestion keeps a question short in the protocol: the answer
// is what the protocol is for.
const maxProtocolQuestion = 300

// closeWithProtocol renders the protocol of r, just closed, names the next
// review and stores r.
func closeWithProtocol(tx Tx, ws *Workspace, r *Review) error {
	hyps, err := tx.Hypotheses().List(ws.ID)
	if err != nil {
		return err
	}
	r.NextReview = NextReviewDay(ws, r.ClosedAt)
	r.Protocol = ProtocolText(ws, r, hyps, ws.Lang)
	return tx.Reviews().Put(r)
}

// AutoCloseReview closes the workspace's review left open
// ReviewAutoClose, with its protocol, and stores it; nil when no review
// is due.
func AutoCloseReview(tx Tx, ws *Workspace, now time.Time) (*Review, error) {
	r, err := tx.Reviews().Latest(ws.ID)
	if err != nil || r == nil || !r.AutoCloseDue(now) {
		return nil, err
	}
	r.ClosedAt, r.AutoClosed = now, true
	return r, closeWithProtocol(tx, ws, r)
}

// ChangedIn returns the hypotheses not logged in review r whose status
// changed while it was open, by number.
func ChangedIn(r *Review, hyps []*Hypothesis) []*Hypothesis {
	var out []*Hypothesis
	for _, h := range hyps {
		if h.Review != r.ID && h.Status != StatusDraft && len(eventsIn(r, h)) > 0 {
			out = append(out, h)
		}
	}
	slices.SortFunc(out, func(a, b *Hypothesis) int { return cmp.Compare(a.Number, b.Number) })
	return out
}

// eventsIn returns the changes of h made while r was open, publishing
// aside.
func eventsIn(r *Review, h *Hypothesis) []HypothesisEvent {
	var out []HypothesisEvent
	for _, e := range h.History {
		if e.From == StatusDraft || !e.At.After(r.OpenedAt) || !r.IsOpen() && e.At.After(r.ClosedAt) {
			continue
		}
		out = append(out, e)
	}
	return out
}

// ProtocolText renders the protocol of review r in lang, as HTML for the
// chat; long protocols are split into messages by the bot.
func ProtocolText(ws *Workspace, r *Review, hyps []*Hypothesis, l Lang) string {
	var sb strings.Builder
	sb.WriteString(Text(l, "review.protocol_title", esc(r.Period.Label(l))))
	sb.WriteString("\n" + Text(l, "protocol.held", heldText(ws, r, l)))
	if r.AutoClosed {
		sb.WriteString(" " + Text(l, "protocol.auto_closed"))
	}
	var names []string
	for _, p := range r.Participants {
		names = append(names, esc(personName(p, l)))
	}
	if len(names) == 0 {
		names = []string{NoValue}
	}
	sb.WriteString("\n" + Text(l, "protocol.took_part", strings.Join(names, ", ")))
	if r.Numbers != "" {
		sb.WriteString("\n\n" + Text(l, "protocol.numbers") + "\n" + r.Numbers)
	}
	if len(r.Questions) > 0 {
		sb.WriteString("\n\n" + Text(l, "protocol.questions"))
		for _, q := range r.Questions {
			sb.WriteString("\n\n" + protocolQuestion(ws, q, l))
		}
	}
	sb.WriteString(protocolHypotheses(ws, r, hyps, l))
	if !r.NextReview.IsZero() {
		sb.WriteString("\n\n" + Text(l, "protocol.next", r.NextReview.Localize(l)))
	}
	return sb.String()
}

// protocolQuestion is a question with its answer, or "no answer" and when
// its heads were reminded.
func protocolQuestion(ws *Workspace, q ReviewQuestion, l Lang) string {
	to := "<b>" + esc(ws.DepartmentName(q.Department, l)) + "</b>"
	line := fmt.Sprintf("%d. %s: %s", q.Number, to, esc(Shorten(q.Text, maxProtocolQuestion)))
	switch {
	case q.Answer.Given():
		return line + "\n" + Text(l, "protocol.answer", esc(personName(q.Answer.By, l)), localTime(ws, q.Answer.At, l), esc(q.Answer.Text))
	case !q.NudgedAt.IsZero():
		return line + "\n" + Text(l, "protocol.no_answer_nudged", localTime(ws, q.NudgedAt, l))
	}
	return line + "\n" + Text(l, "protocol.no_answer")
}

// protocolHypotheses lists the hypotheses logged in the review (by
// department and deadline), then those changed in it, each with owner,
// target, deadline and what happened to it during the review; then the
// verdicts reached.
func protocolHypotheses(ws *Workspace, r *Review, hyps []*Hypothesis, l Lang) string {
	all := append(Protocol(r, hyps), ChangedIn(r, hyps)...)
	if len(all) == 0 {
		return "\n\n" + Text(l, "review.protocol_empty")
	}
	var sb strings.Builder
	sb.WriteString("\n\n" + Text(l, "protocol.hypotheses"))
	var verdicts []string
	for _, h := range all {
		// The status shows what already happened to a hypothesis logged
		// during the review (confirmed, rejected) next to who owns it.
		fmt.Fprintf(&sb, "\n\n<b>%s</b> %s\n%s: %s %s · %s: %s · %s", h.Label(), esc(Shorten(h.Text, 200)),
			Text(l, "review.owner"), esc(ws.DepartmentName(h.Department, l)), Mentions(ws.Heads(h.Department)),
			Text(l, "review.by"), h.Deadline.Localize(l), esc(h.Status.Localize(l)))
		if h.Metric != "" {
			sb.WriteString("\n" + Text(l, "protocol.target", esc(MetricLabel(ws, h.Metric, l)), esc(ws.SegmentName(h.Segment, l))))
			if h.Effect.Set() {
				sb.WriteString(" · " + Text(l, "protocol.expected", esc(h.Effect.Format(h.Metric, ws.Currency, l))))
			}
		}
		for _, e := range eventsIn(r, h) {
			sb.WriteString("\n   " + protocolEvent(ws, h.Metric, e, l))
			if e.To == StatusConfirmed || e.To == StatusRejected {
				verdicts = append(verdicts, verdictLine(ws, h, l))
			}
		}
	}
	if len(verdicts) > 0 {
		sb.WriteString("\n\n" + Text(l, "protocol.verdicts") + "\n" + strings.Join(verdicts, "\n"))
	}
	return sb.String()
}

// protocolEvent is one change of a hypothesis during the review.
func protocolEvent(ws *Workspace, m Metric, e HypothesisEvent, l Lang) string {
	line := fmt.Sprintf("%s %s → %s", localTime(ws, e.At, l), esc(e.From.Localize(l)), esc(e.To.Localize(l)))
	if e.Field != "" || e.WithoutData {
		// An edit or a decision without data says what it was.
		line = localTime(ws, e.At, l) + " " + esc(e.Describe(ws, m, l))
	}
	if e.ByName != "" {
		line += " · " + esc(e.ByName)
	}
	return line
}

// verdictLine is a hypothesis confirmed or rejected in the review with the
// metric before and after. The verdict from the numbers, where the
// hypothesis has one, belongs here next to the status.
func verdictLine(ws *Workspace, h *Hypothesis, l Lang) string {
	status := h.Status.Localize(l)
	if h.Verdict != "" {
		status += " (" + h.Verdict.Localize(l) + ")"
	}
	return fmt.Sprintf("%s · %s · %s", h.Label(), esc(status),
		Text(l, "review.outcome", FormatMetricValue(h.Metric, h.Baseline, ws.Currency, l), FormatMetricValue(h.Metric, h.Measured, ws.Currency, l)))
}

// localTime is a moment as the workspace reads it: "18 Mar 2026 13:00".
func localTime(ws *Workspace, t time.Time, l Lang) string {
	if t.IsZero() {
		return NoValue
	}
	local := t.In(ws.Location())
	return DateOf(local).Localize(l) + " " + local.Format("15:04")
}

// StoredProtocol is the protocol of closed review r as it was posted (one
// closed before protocols were stored is rendered now, in lang), followed
// by the answers given after it.
func StoredProtocol(ws *Workspace, r *Review, hyps []*Hypothesis, l Lang) string {
	text := r.Protocol
	if text == "" {
		text = ProtocolText(ws, r, hyps, l)
	}
	var late []string
	for _, q := range r.Questions {
		if q.Answer.Given() && q.Answer.At.After(r.ClosedAt) {
			late = append(late, fmt.Sprintf("%d. %s", q.Number, Text(l, "protocol.answer",
				esc(personName(q.Answer.By, l)), localTime(ws, q.Answer.At, l), esc(q.Answer.Text))))
		}
	}
	if len(late) > 0 && r.Protocol != "" {
		text += "\n\n" + Text(l, "reviews.late_answers") + "\n" + strings.Join(late, "\n")
	}
	return text
}

// heldText is when a review was held: "18 Mar 2026 13:00–14:30", with the
// second date only when it closed on another day.
func heldText(ws *Workspace, r *Review, l Lang) string {
	from, to := localTime(ws, r.OpenedAt, l), localTime(ws, r.ClosedAt, l)
	loc := ws.Location()
	if !r.ClosedAt.IsZero() && DateOf(r.OpenedAt.In(loc)) == DateOf(r.ClosedAt.In(loc)) {
		to = r.ClosedAt.In(loc).Format("15:04")
	}
	return from + "–" + to
}
