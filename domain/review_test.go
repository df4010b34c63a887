package domain

import (
	"testing"
	"time"
)

func TestOpenReview(t *testing.T) {
	ws := hypWorkspace()
	p := WeekPeriod(Week{2026, 10})
	if _, err := OpenReview(ws, hypMarketing, nil, "", p, hypT0); ErrorCode(err) != EFORBIDDEN {
		t.Errorf("a head opened a review: %v", err)
	}
	r, err := OpenReview(ws, hypCEO, nil, "", p, hypT0)
	if err != nil || !r.IsOpen() || r.OpenedBy != hypCEO.UserID {
		t.Fatalf("OpenReview = %+v, %v", r, err)
	}
	r.ID = 4
	again, err := OpenReview(ws, hypCEO, r, "dealers", PeriodOf(PeriodMonth, p.From), hypT0.Add(time.Hour))
	if err != nil || again.ID != 4 || again.Segment != "dealers" || again.Period.Kind != PeriodMonth || !again.OpenedAt.Equal(hypT0) {
		t.Errorf("second /review = %+v, %v; want the open review with the new scope", again, err)
	}
}

func TestReview_Close(t *testing.T) {
	ws := hypWorkspace()
	r := &Review{ID: 1, OpenedAt: hypT0}
	if err := r.Close(ws, hypSales, hypT0); ErrorCode(err) != EFORBIDDEN {
		t.Errorf("a head closed the review: %v", err)
	}
	if err := r.Close(ws, hypCEO, hypT0.Add(time.Hour)); err != nil || r.IsOpen() {
		t.Fatalf("Close = %v, open %v", err, r.IsOpen())
	}
	if err := r.Close(ws, hypCEO, hypT0); ErrorCode(err) != ECONFLICT {
		t.Errorf("closing twice: %v", err)
	}
}

func TestProtocol(t *testing.T) {
	r := &Review{ID: 2}
	hyps := []*Hypothesis{
		{Number: 1, Review: 2, Department: DeptSales, Deadline: Date{2026, 3, 20}, Status: StatusNew},
		{Number: 2, Review: 2, Department: DeptMarketing, Deadline: Date{2026, 3, 31}, Status: StatusNew},
		{Number: 3, Review: 2, Department: DeptMarketing, Deadline: Date{2026, 3, 17}, Status: StatusInProgress},
		{Number: 4, Review: 1, Department: DeptMarketing, Status: StatusNew},
		{Number: 0, Review: 2, Department: DeptMarketing, Status: StatusDraft},
	}
	got := Protocol(r, hyps)
	want := []int{3, 2, 1}
	if len(got) != len(want) {
		t.Fatalf("got %d hypotheses, want %d", len(got), len(want))
	}
	for i, h := range got {
		if h.Number != want[i] {
			t.Errorf("position %d: H-%d, want H-%d", i, h.Number, want[i])
		}
	}
}

func TestDigestHypotheses(t *testing.T) {
	closed := &Review{ID: 1, OpenedAt: hypT0, ClosedAt: hypT0.Add(90 * time.Minute)}
	at := func(d time.Duration, to HypothesisStatus) []HypothesisEvent {
		return []HypothesisEvent{{To: StatusNew}, {At: hypT0.Add(d), To: to}}
	}
	hyps := []*Hypothesis{
		{Number: 1, Status: StatusInProgress, Deadline: Date{2026, 3, 12}},
		{Number: 2, Status: StatusNew, Deadline: Date{2026, 3, 20}},
		{Number: 3, Status: StatusDone, Deadline: Date{2026, 3, 12}},
		{Number: 4, Status: StatusConfirmed, History: at(time.Hour, StatusConfirmed)},
		{Number: 5, Status: StatusRejected, History: at(-time.Hour, StatusRejected)},
		{Number: 6, Status: StatusDropped, History: at(2*time.Hour, StatusDropped)},
	}
	d := DigestHypotheses(hyps, closed, Date{2026, 3, 14})
	numbers := func(hs []*Hypothesis) []int {
		var out []int
		for _, h := range hs {
			out = append(out, h.Number)
		}
		return out
	}
	for _, tc := range []struct {
		name string
		got  []*Hypothesis
		want []int
	}{
		{"overdue", d.Overdue, []int{1}},
		{"awaiting", d.Awaiting, []int{3}},
		{"results since the last review", d.Results, []int{4, 6}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := numbers(tc.got)
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("got %v, want %v", got, tc.want)
				}
			}
		})
	}
	if all := DigestHypotheses(hyps, nil, Date{2026, 3, 14}); len(all.Results) != 3 {
		t.Errorf("before any review closed: %d results, want all 3", len(all.Results))
	}
	if !(HypothesisDigest{}).Empty() || d.Empty() {
		t.Error("Empty is wrong")
	}
}

func TestLastClosedAndOpenReview(t *testing.T) {
	reviews := []*Review{
		{ID: 1, ClosedAt: hypT0},
		{ID: 2, ClosedAt: hypT0.Add(time.Hour)},
		{ID: 3},
	}
	if got := LastClosedReview(reviews); got == nil || got.ID != 2 {
		t.Errorf("last closed = %+v, want 2", got)
	}
	if got := OpenReviewOf(reviews); got == nil || got.ID != 3 {
		t.Errorf("open = %+v, want 3", got)
	}
	if LastClosedReview(nil) != nil || OpenReviewOf(reviews[:2]) != nil {
		t.Error("want nil for no reviews")
	}
}
