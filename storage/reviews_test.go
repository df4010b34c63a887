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
