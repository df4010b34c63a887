package storage

import (
	"testing"

	"trackbot/domain"
)

func TestPollState_HandledUpdatesSurviveReopen(t *testing.T) {
	db := mustOpen(t)
	update(t, db, func(tx domain.Tx) error { return tx.Poll().MarkHandled(734100001) })
	db = reopen(t, db, nil)

	view(t, db, func(tx domain.Tx) error {
		for id, want := range map[int]bool{734100001: true, 734100002: false, 0: false} {
			got, err := tx.Poll().Handled(id)
			if err != nil {
				return err
			}
			if got != want {
				t.Errorf("Handled(%d) = %v, want %v", id, got, want)
			}
		}
		return nil
	})
}

func TestPollState_HandledKeepsTheMostRecent(t *testing.T) {
	db := mustOpen(t)
	update(t, db, func(tx domain.Tx) error {
		for id := 1; id <= handledKeep+5; id++ {
			if err := tx.Poll().MarkHandled(id); err != nil {
				return err
			}
		}
		return nil
	})

	view(t, db, func(tx domain.Tx) error {
		for id, want := range map[int]bool{1: false, 5: false, 6: true, handledKeep + 5: true} {
			if got, _ := tx.Poll().Handled(id); got != want {
				t.Errorf("Handled(%d) = %v, want %v", id, got, want)
			}
		}
		return nil
	})
}

func TestPollState_MarkHandledRollsBackWithItsTransaction(t *testing.T) {
	db := mustOpen(t)
	failed := db.Update(func(tx domain.Tx) error {
		if err := tx.Poll().MarkHandled(42); err != nil {
			return err
		}
		return domain.Errorf(domain.EINVALID, "setup.bad_name")
	})
	if failed == nil {
		t.Fatal("the update did not fail")
	}

	view(t, db, func(tx domain.Tx) error {
		if got, _ := tx.Poll().Handled(42); got {
			t.Error("an update whose transaction rolled back is marked handled")
		}
		return nil
	})
}

func TestPing_WritesToTheDatabase(t *testing.T) {
	db := mustOpen(t)
	if err := db.Ping(); err != nil {
		t.Fatalf("Ping on a healthy database: %v", err)
	}
	_ = db.Close()
	if err := db.Ping(); err == nil {
		t.Error("Ping on a closed database: got nil, want an error")
	}
	// The cleanup closes db again (a no-op) and checks the file.
}
