package domain

import (
	"fmt"
	"hash/fnv"
	"strings"
)

// "Why this question": the pack's questions are not stored; a button or
// /review details recomputes them from the stored numbers (TrackerQuestions
// is deterministic) and finds the question by its Key, so a figure
// corrected after the pack never shows the tests of another question.

// Key identifies a question across recomputations: its kind, segment,
// metric, reason and manager, hashed to eight hex digits to fit a button.
func (q Question) Key() string {
	h := fnv.New32a()
	reason := ""
	if q.Reason != nil {
		reason = q.Reason.Reason.Key
	}
	fmt.Fprintf(h, "%s|%s|%s|%s|%v|%s", q.Kind, q.Segment.Key, q.Change.Metric, reason, q.NonTarget, q.Manager)
	return fmt.Sprintf("%08x", h.Sum32())
}

// FindQuestion returns the question with key, preferring number n (from
// 1) as the pack showed it; ok is false when none has the key any more.
func FindQuestion(qs []Question, n int, key string) (Question, bool) {
	if n >= 1 && n <= len(qs) && qs[n-1].Key() == key {
		return qs[n-1], true
	}
	for _, q := range qs {
		if q.Key() == key {
			return q, true
		}
	}
	return Question{}, false
}

// WhyText renders the tests behind question n of a review as a chat
// message in HTML: the question, then one line per test, how false alarms
// were kept down and the money at stake with its inputs.
func WhyText(ws *Workspace, l Lang, n int, q Question) string {
	var sb strings.Builder
	sb.WriteString(Text(l, "why.title", n, esc(q.Text(ws, l))))
	for _, line := range q.Details(ws, l) {
		sb.WriteString("\n• " + esc(line))
	}
	return sb.String()
}

// ReviewForDetails is the review /review details reads: the open one, or
// else the one opened last; nil when there is none.
func ReviewForDetails(reviews []*Review) *Review {
	if r := OpenReviewOf(reviews); r != nil {
		return r
	}
	var last *Review
	for _, r := range reviews {
		if last == nil || r.OpenedAt.After(last.OpenedAt) || r.OpenedAt.Equal(last.OpenedAt) && r.ID > last.ID {
			last = r
		}
	}
	return last
}
