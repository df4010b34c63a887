package domain

import (
	"cmp"
	"slices"
	"time"
)

// Review is a session a CEO opens with /review: the pack of numbers and
// questions, the hypotheses logged while it is open, and the protocol
// that closes it. A workspace has at most one open review.
type Review struct {
	ID        int64 // per workspace, assigned by the store
	Workspace int64
	Segment   string // empty: every focus segment
	Period    Period
	OpenedBy  int64
	OpenedAt  time.Time
	ClosedBy  int64
	ClosedAt  time.Time // zero while open

	// Questions are the tracker questions the review's packs asked, each
	// with its answer (review_questions.go); QuestionMessages are the
	// messages that show them, so an answer edits each of them.
	Questions        []ReviewQuestion
	QuestionMessages []QuestionMessage
	// Participants are the people who spoke in the review while it was
	// open: answered, logged hypotheses, pressed buttons, sent commands.
	Participants []Person
	// Numbers is the headline numbers of the last pack posted (HTML), for
	// the protocol.
	Numbers string
	// Protocol is the protocol as posted when the review closed (HTML in
	// the workspace's language then); NextReview is the date it names.
	Protocol   string
	NextReview Date
	// AutoClosed marks a review closed by the bot after ReviewAutoClose.
	AutoClosed bool
}

// IsOpen reports whether the review is still going on.
func (r *Review) IsOpen() bool { return r.ClosedAt.IsZero() }

// OpenReview starts a review of the segment (empty for the focus
// segments) over period p. Only CEOs open reviews; when one is open
// already, it is returned with the new scope instead of a second one, so
// /review twice re-posts the pack of the same session.
func OpenReview(ws *Workspace, by Person, open *Review, segment string, p Period, now time.Time) (*Review, error) {
	if err := ws.RequireCEO(by); err != nil {
		return nil, err
	}
	if open != nil && open.IsOpen() {
		r := *open
		r.Segment, r.Period = segment, p
		return &r, nil
	}
	return &Review{Workspace: ws.ID, Segment: segment, Period: p, OpenedBy: by.UserID, OpenedAt: now}, nil
}

// Close ends the review. Only CEOs close reviews, and a closed one stays closed.
func (r *Review) Close(ws *Workspace, by Person, now time.Time) error {
	if err := ws.RequireCEO(by); err != nil {
		return err
	}
	if !r.IsOpen() {
		return Errorf(ECONFLICT, "review.closed")
	}
	r.ClosedBy, r.ClosedAt = by.UserID, now
	return nil
}

// CloseReview closes the workspace's open review for by, a CEO, with its
// protocol (see CloseWithProtocol) and stores it. With no review open it
// is an ECONFLICT error.
func CloseReview(tx Tx, ws *Workspace, by Person, now time.Time) (*Review, error) {
	if err := ws.RequireCEO(by); err != nil {
		return nil, err
	}
	r, err := tx.Reviews().Latest(ws.ID)
	if err != nil {
		return nil, err
	}
	if r == nil || !r.IsOpen() {
		return nil, Errorf(ECONFLICT, "review.none_open")
	}
	r.Participate(by)
	if err := r.Close(ws, by, now); err != nil {
		return nil, err
	}
	return r, closeWithProtocol(tx, ws, r)
}

// LastClosedReview returns the review closed most recently, or nil.
func LastClosedReview(reviews []*Review) *Review {
	var last *Review
	for _, r := range reviews {
		if !r.IsOpen() && (last == nil || r.ClosedAt.After(last.ClosedAt)) {
			last = r
		}
	}
	return last
}

// OpenReviewOf returns the workspace's open review, or nil.
func OpenReviewOf(reviews []*Review) *Review {
	for _, r := range reviews {
		if r.IsOpen() {
			return r
		}
	}
	return nil
}

// Protocol returns the hypotheses logged in the review, for its protocol
// (review_protocol.go), ordered by department and then deadline, so each
// head reads their part together.
func Protocol(r *Review, hyps []*Hypothesis) []*Hypothesis {
	var out []*Hypothesis
	for _, h := range hyps {
		if h.Review == r.ID && h.Status != StatusDraft {
			out = append(out, h)
		}
	}
	slices.SortFunc(out, func(a, b *Hypothesis) int {
		if c := cmp.Compare(a.Department, b.Department); c != 0 {
			return c
		}
		if a.Deadline != b.Deadline {
			if a.Deadline.Before(b.Deadline) {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.Number, b.Number)
	})
	return out
}

// HypothesisDigest is the hypotheses block of a review pack.
type HypothesisDigest struct {
	Overdue  []*Hypothesis // new or in progress past the deadline
	Awaiting []*Hypothesis // done, waiting for a CEO to verify
	// Results are the hypotheses confirmed, rejected or dropped since the
	// last closed review was opened — so what was settled during it shows
	// up in the next one — or all of them before any review closed.
	Results []*Hypothesis
}

// Empty reports whether the digest has nothing to show.
func (d HypothesisDigest) Empty() bool {
	return len(d.Overdue) == 0 && len(d.Awaiting) == 0 && len(d.Results) == 0
}

// DigestHypotheses sorts the workspace's hypotheses into the review's
// block on day today, each list by number.
func DigestHypotheses(hyps []*Hypothesis, lastClosed *Review, today Date) HypothesisDigest {
	var d HypothesisDigest
	for _, h := range hyps {
		switch {
		case h.Overdue(today):
			d.Overdue = append(d.Overdue, h)
		case h.Status == StatusDone:
			d.Awaiting = append(d.Awaiting, h)
		case h.Status.Closed():
			at, _ := h.ClosedAt()
			if lastClosed == nil || !at.Before(lastClosed.OpenedAt) {
				d.Results = append(d.Results, h)
			}
		}
	}
	byNumber := func(a, b *Hypothesis) int { return cmp.Compare(a.Number, b.Number) }
	slices.SortFunc(d.Overdue, byNumber)
	slices.SortFunc(d.Awaiting, byNumber)
	slices.SortFunc(d.Results, byNumber)
	return d
}
