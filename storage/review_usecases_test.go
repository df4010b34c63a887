package storage

import (
	"strings"
	"testing"
	"time"

	"trackbot/domain"
)

// A review's use cases against a real database: a hypothesis started from
// a question, and the bot's closing of a review left open.

func TestDraftFromQuestion_StartsWithTheQuestionsDepartmentSegmentAndMetric(t *testing.T) {
	db := mustOpen(t)
	ws := ucWorkspace(t, db)
	r := &domain.Review{Workspace: ws.ID, Period: domain.WeekPeriod(ucLast), OpenedBy: ucCEO.UserID, OpenedAt: t0}
	q := domain.Question{Kind: domain.QuestionChange, Department: domain.DeptSales, Segment: ws.Segments[0],
		Period: r.Period, Change: domain.Change{Metric: domain.ConvMetric("meetings"), Now: domain.Some(0.2), Before: domain.Some(0.3), IsRate: true}}
	update(t, db, func(tx domain.Tx) error {
		r.Ask(ws, []domain.Question{q}, t0)
		return tx.Reviews().Create(r)
	})
	var h *domain.Hypothesis
	for _, who := range []domain.Person{ucSales, ucCEO} {
		err := db.Update(func(tx domain.Tx) error {
			var err error
			h, err = domain.DraftFromQuestion(tx, ws, r, 1, who, t0)
			return err
		})
		if who == ucSales {
			// A head may start one too: it becomes a proposal for a CEO.
			if err != nil {
				t.Errorf("a head could not start a draft: %v", err)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	view(t, db, func(tx domain.Tx) error {
		got, err := tx.Hypotheses().Get(ws.ID, h.ID)
		if err != nil {
			return err
		}
		if got.Status != domain.StatusDraft || got.Department != domain.DeptSales || got.Segment != ws.Segments[0].Key ||
			got.Metric != domain.ConvMetric("meetings") || got.Step() != domain.StepDeadline {
			t.Errorf("stored draft = %+v", got)
		}
		if !strings.HasPrefix(got.Text, "Conversion") || strings.Contains(got.Text, ";") {
			t.Errorf("draft text = %q, want the question's first clause", got.Text)
		}
		return nil
	})
}

func TestAutoCloseReview_ClosesOnceADayAfterOpening(t *testing.T) {
	db := mustOpen(t)
	ws := ucWorkspace(t, db)
	open := &domain.Review{Workspace: ws.ID, Period: domain.WeekPeriod(ucLast), OpenedBy: ucCEO.UserID, OpenedAt: t0}
	update(t, db, func(tx domain.Tx) error { return tx.Reviews().Create(open) })
	autoClose := func(at time.Time) *domain.Review {
		var r *domain.Review
		update(t, db, func(tx domain.Tx) error {
			var err error
			r, err = domain.AutoCloseReview(tx, ws, at)
			return err
		})
		return r
	}
	if r := autoClose(t0.Add(domain.ReviewAutoClose - time.Second)); r != nil {
		t.Fatalf("closed before a day: %+v", r)
	}
	r := autoClose(t0.Add(domain.ReviewAutoClose))
	if r == nil || r.IsOpen() || !r.AutoClosed || r.ClosedBy != 0 || !strings.Contains(r.Protocol, "closed by the bot") {
		t.Fatalf("auto-closed review = %+v", r)
	}
	if again := autoClose(t0.Add(2 * domain.ReviewAutoClose)); again != nil {
		t.Errorf("closed twice: %+v", again)
	}
	db = reopen(t, db, nil)
	view(t, db, func(tx domain.Tx) error {
		got, err := tx.Reviews().Get(ws.ID, open.ID)
		if err == nil && (got.IsOpen() || got.Protocol != r.Protocol || got.NextReview != r.NextReview) {
			t.Errorf("stored review after reopening = %+v", got)
		}
		return err
	})
}
