package storage

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"trackbot/domain"
)

func TestOpen_SecondOpenIsLocked(t *testing.T) {
	db := mustOpen(t)

	_, err := Open(db.Path(), Options{Timeout: 200 * time.Millisecond})

	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open: got %v, want ErrLocked", err)
	}
	want := "database " + db.Path() + " is in use by another trackbot process"
	if got := err.Error(); got != want {
		t.Errorf("message: got %q, want %q", got, want)
	}
}

func TestOpen_FileMode(t *testing.T) {
	tests := []struct {
		name     string
		existing os.FileMode // 0 for no file before Open
		want     os.FileMode
	}{
		{"new file is private", 0, 0o600},
		{"readable file is narrowed", 0o644, 0o600},
		{"group-writable file is narrowed", 0o660, 0o600},
		{"private file stays private", 0o600, 0o600},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "trackbot.db")
			if tt.existing != 0 {
				if err := os.WriteFile(path, nil, tt.existing); err != nil {
					t.Fatal(err)
				}
				if err := os.Chmod(path, tt.existing); err != nil { // beat the umask
					t.Fatal(err)
				}
			}
			mustOpenAt(t, path, Options{})

			info, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if got := info.Mode().Perm(); got != tt.want {
				t.Errorf("mode: got %o, want %o", got, tt.want)
			}
		})
	}
}

func TestOpen_StateSurvivesReopen(t *testing.T) {
	db := mustOpen(t)
	week := domain.Week{Year: 2026, Num: 10}
	var wsID, jobID int64
	update(t, db, func(tx domain.Tx) error {
		w := fullWorkspace(-100)
		if err := tx.Workspaces().Create(w); err != nil {
			return err
		}
		wsID = w.ID
		if err := tx.Records().Put(wsID, fullRecord("dealers", week)); err != nil {
			return err
		}
		job := &domain.OutboxJob{Key: "k1", ChatID: -100, Kind: domain.SendText, Text: "hi"}
		if _, err := tx.Outbox().Add(job); err != nil {
			return err
		}
		jobID = job.ID
		return tx.Poll().SetOffset(812345)
	})

	db = reopen(t, db, time.Now)

	view(t, db, func(tx domain.Tx) error {
		w, err := tx.Workspaces().ByChat(-100)
		if err != nil {
			return err
		}
		if w.ID != wsID || w.Title != "Acme leadership" {
			t.Errorf("workspace: got id %d title %q, want id %d title %q", w.ID, w.Title, wsID, "Acme leadership")
		}
		r, ok, err := tx.Records().Get(wsID, "dealers", week)
		if err != nil || !ok {
			t.Errorf("record: got ok=%v err=%v, want it found", ok, err)
		}
		if r.Revenue != fullRecord("dealers", week).Revenue {
			t.Errorf("record revenue: got %d, want %d", r.Revenue, fullRecord("dealers", week).Revenue)
		}
		pending, err := tx.Outbox().Pending()
		if err != nil {
			return err
		}
		if len(pending) != 1 || pending[0].ID != jobID || pending[0].Text != "hi" {
			t.Errorf("pending: got %+v, want job %d with text hi", pending, jobID)
		}
		offset, err := tx.Poll().Offset()
		if offset != 812345 {
			t.Errorf("offset: got %d, want 812345", offset)
		}
		return err
	})
}

func TestUpdate_ErrorRollsBackEverything(t *testing.T) {
	db := mustOpen(t)
	week := domain.Week{Year: 2026, Num: 10}
	boom := errors.New("boom")

	err := db.Update(func(tx domain.Tx) error {
		w := fullWorkspace(-100)
		if err := tx.Workspaces().Create(w); err != nil {
			return err
		}
		if err := tx.Records().Put(w.ID, fullRecord("dealers", week)); err != nil {
			return err
		}
		if _, err := tx.Outbox().Add(&domain.OutboxJob{Key: "k1", ChatID: -100, Kind: domain.SendText}); err != nil {
			return err
		}
		if err := tx.Poll().SetOffset(99); err != nil {
			return err
		}
		return boom
	})
	if err != boom {
		t.Fatalf("Update: got %v, want the fn's error unchanged", err)
	}

	view(t, db, func(tx domain.Tx) error {
		if list, _ := tx.Workspaces().List(); len(list) != 0 {
			t.Errorf("workspaces: got %d, want 0", len(list))
		}
		if _, err := tx.Workspaces().ByChat(-100); domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Errorf("ByChat: got %v, want not found", err)
		}
		if _, ok, _ := tx.Records().Get(1, "dealers", week); ok {
			t.Error("record: found, want rolled back")
		}
		if pending, _ := tx.Outbox().Pending(); len(pending) != 0 {
			t.Errorf("pending: got %d jobs, want 0", len(pending))
		}
		if _, ok, _ := tx.Outbox().ByKey("k1"); ok {
			t.Error("outbox key k1: found, want rolled back")
		}
		if offset, _ := tx.Poll().Offset(); offset != 0 {
			t.Errorf("offset: got %d, want 0", offset)
		}
		return nil
	})
	// The id sequence rolled back too: the first real workspace gets id 1.
	update(t, db, func(tx domain.Tx) error {
		w := &domain.Workspace{ChatID: -100}
		if err := tx.Workspaces().Create(w); err != nil {
			return err
		}
		if w.ID != 1 {
			t.Errorf("id after rollback: got %d, want 1", w.ID)
		}
		return nil
	})
}
