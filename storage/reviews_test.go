package storage

import (
	"reflect"
	"testing"
	"time"

	"trackbot/domain"
)

// fullReview has every field set.
func fullReview(workspace int64) *domain.Review {
	return &domain.Review{
		ID:        1,
		Workspace: workspace,
		Segment:   "dealers",
		Period:    domain.Period{Kind: domain.PeriodMonth, From: domain.Week{Year: 2026, Num: 10}, To: domain.Week{Year: 2026, Num: 13}},
		OpenedBy:  1,
		OpenedAt:  t0,
		ClosedBy:  2,
		ClosedAt:  t0.Add(time.Hour),
		Questions: []domain.ReviewQuestion{{
			Number: 1, Subject: "change|dealers|conv:qualified|marketing", Key: "k3f9", Text: "Conversion fell. What changed?",
			Segment: "dealers", Metric: domain.ConvMetric("qualified"), Department: "marketing",
			Heads:   []domain.Person{{UserID: 3, Name: "Mark", Username: "mark_head"}},
			AskedAt: t0, NudgedAt: t0.Add(30 * time.Minute),
			Answer: domain.QuestionAnswer{By: domain.Person{UserID: 3, Name: "Mark", Username: "mark_head"}, At: t0.Add(40 * time.Minute), Text: "The form broke"},
		}},
		QuestionMessages: []domain.QuestionMessage{{Ref: domain.MessageRef{ChatID: -100, MessageID: 12, Key: "rvq:7:1:1"}, Numbers: []int{1}}},
		Participants:     []domain.Person{{UserID: 1, Name: "Anna", Username: "anna_ceo"}},
		Numbers:          "<b>Dealers</b>\nLeads: <b>100</b>",
		Protocol:         "<b>Review protocol</b>",
		NextReview:       domain.Date{Year: 2026, Month: time.March, Day: 23},
		AutoClosed:       true,
	}
}

func TestReviews_RoundTripEveryField(t *testing.T) {
	db := mustOpen(t)
	want := fullReview(7)
	requireAllFieldsSet(t, "Review", want)
	update(t, db, func(tx domain.Tx) error { return tx.Reviews().Create(want) })
	db = reopen(t, db, nil)
	view(t, db, func(tx domain.Tx) error {
		got, err := tx.Reviews().Get(7, want.ID)
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("round trip:\ngot  %+v\nwant %+v", got, want)
		}
		return nil
	})
}

func TestReviews_ListPutAndIsolation(t *testing.T) {
	db := mustOpen(t)
	first := &domain.Review{Workspace: 1, OpenedBy: 1}
	second := &domain.Review{Workspace: 1, OpenedBy: 1}
	other := &domain.Review{Workspace: 2, OpenedBy: 5}
	update(t, db, func(tx domain.Tx) error {
		for _, r := range []*domain.Review{first, second, other} {
			if err := tx.Reviews().Create(r); err != nil {
				return err
			}
		}
		first.ClosedAt, first.ClosedBy = t0.Add(time.Hour), 1
		return tx.Reviews().Put(first)
	})
	view(t, db, func(tx domain.Tx) error {
		list, err := tx.Reviews().List(1)
		if err != nil {
			return err
		}
		if len(list) != 2 || list[0].ID != 1 || list[0].IsOpen() || !list[1].IsOpen() || !list[1].OpenedAt.Equal(t0) {
			t.Errorf("List(1) = %+v", list)
		}
		if _, err := tx.Reviews().Get(2, 2); domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Errorf("Get(2, 2) = %v, want not found", err)
		}
		return nil
	})
}

func TestReviews_LatestIsTheNewestAndSurvivesReopen(t *testing.T) {
	db := mustOpen(t)
	view(t, db, func(tx domain.Tx) error {
		if r, err := tx.Reviews().Latest(1); r != nil || err != nil {
			t.Errorf("Latest of a workspace without reviews = %+v, %v", r, err)
		}
		return nil
	})
	first := &domain.Review{Workspace: 1, OpenedBy: 1, ClosedAt: t0}
	second := &domain.Review{Workspace: 1, OpenedBy: 1}
	update(t, db, func(tx domain.Tx) error {
		if err := tx.Reviews().Create(first); err != nil {
			return err
		}
		if err := tx.Reviews().Create(second); err != nil {
			return err
		}
		second.Questions = []domain.ReviewQuestion{{Number: 1, Subject: "s", Text: "Why?", AskedAt: t0}}
		if err := second.AnswerQuestion(&domain.Workspace{Members: []domain.Member{{UserID: 1, CEO: true}}}, 1,
			domain.Person{UserID: 1, Name: "Anna"}, "Because", t0.Add(time.Hour)); err != nil {
			return err
		}
		return tx.Reviews().Put(second)
	})
	db = reopen(t, db, nil)
	view(t, db, func(tx domain.Tx) error {
		r, err := tx.Reviews().Latest(1)
		if err != nil {
			return err
		}
		if r == nil || r.ID != second.ID || !r.IsOpen() {
			t.Fatalf("Latest = %+v, want review %d, open", r, second.ID)
		}
		q, _ := r.Question(1)
		if a := q.Answer; a.Text != "Because" || a.By.Name != "Anna" || !a.At.Equal(t0.Add(time.Hour)) {
			t.Errorf("the answer after reopening = %+v", a)
		}
		if len(r.Participants) != 1 || r.Participants[0].UserID != 1 {
			t.Errorf("participants after reopening = %+v", r.Participants)
		}
		return nil
	})
}
