package storage

import (
	"errors"
	"reflect"
	"testing"

	"trackbot/domain"
)

func TestWorkspaceRow_RoundTrip(t *testing.T) {
	want := fullWorkspace(-100)
	requireAllFieldsSet(t, "Workspace", want)

	data, err := encodeWorkspace(want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeWorkspace(data)
	if err != nil {
		t.Fatal(err)
	}

	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip:\ngot  %+v\nwant %+v", got, want)
	}
}

func TestWorkspaces_CreateThenRead(t *testing.T) {
	db := mustOpen(t)
	a := fullWorkspace(-100)
	b := &domain.Workspace{ChatID: -200, Title: "Beta"}
	update(t, db, func(tx domain.Tx) error {
		if err := tx.Workspaces().Create(a); err != nil {
			return err
		}
		return tx.Workspaces().Create(b)
	})

	if a.ID != 1 || b.ID != 2 {
		t.Fatalf("ids: got %d, %d, want 1, 2", a.ID, b.ID)
	}
	if !b.CreatedAt.Equal(t0) {
		t.Errorf("CreatedAt of b: got %v, want the clock's %v", b.CreatedAt, t0)
	}
	view(t, db, func(tx domain.Tx) error {
		got, err := tx.Workspaces().Get(1)
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(got, a) {
			t.Errorf("Get(1):\ngot  %+v\nwant %+v", got, a)
		}
		byChat, err := tx.Workspaces().ByChat(-200)
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(byChat, b) {
			t.Errorf("ByChat(-200):\ngot  %+v\nwant %+v", byChat, b)
		}
		list, err := tx.Workspaces().List()
		if err != nil {
			return err
		}
		if len(list) != 2 || list[0].ID != 1 || list[1].ID != 2 {
			t.Errorf("List: got %d workspaces, want ids 1, 2 in order", len(list))
		}
		return nil
	})
}

func TestWorkspaces_MissingIsNotFound(t *testing.T) {
	db := mustOpen(t)
	lookups := map[string]func(domain.WorkspaceStore) error{
		"Get":      func(s domain.WorkspaceStore) error { _, err := s.Get(5); return err },
		"ByChat":   func(s domain.WorkspaceStore) error { _, err := s.ByChat(-5); return err },
		"Put":      func(s domain.WorkspaceStore) error { return s.Put(&domain.Workspace{ID: 5}) },
		"MoveChat": func(s domain.WorkspaceStore) error { return s.MoveChat(-5, -6) },
	}
	for name, lookup := range lookups {
		t.Run(name, func(t *testing.T) {
			err := db.Update(func(tx domain.Tx) error { return lookup(tx.Workspaces()) })

			var derr *domain.Error
			if !errors.As(err, &derr) || derr.Code != domain.ENOTFOUND || derr.Key != "workspace.not_found" {
				t.Errorf("got %v, want ENOTFOUND workspace.not_found", err)
			}
		})
	}
}

func TestWorkspaces_CreateInTakenChatConflicts(t *testing.T) {
	db := mustOpen(t)
	update(t, db, func(tx domain.Tx) error {
		return tx.Workspaces().Create(&domain.Workspace{ChatID: -100})
	})

	second := &domain.Workspace{ChatID: -100}
	err := db.Update(func(tx domain.Tx) error { return tx.Workspaces().Create(second) })

	if domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("Create: got %v, want ECONFLICT", err)
	}
	if second.ID != 0 {
		t.Errorf("ID of the refused workspace: got %d, want 0", second.ID)
	}
}

func TestWorkspaces_MoveChat(t *testing.T) {
	tests := []struct {
		name     string
		from, to int64
		wantCode string
		wantChat int64 // of workspace 1 afterwards
	}{
		{"group upgraded to supergroup", -100, -1001, "", -1001},
		{"same chat is a no-op", -100, -100, "", -100},
		{"target chat has a workspace", -100, -200, domain.ECONFLICT, -100},
		{"unknown source chat", -300, -1001, domain.ENOTFOUND, -100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := mustOpen(t)
			update(t, db, func(tx domain.Tx) error {
				if err := tx.Workspaces().Create(&domain.Workspace{ChatID: -100, Title: "A"}); err != nil {
					return err
				}
				return tx.Workspaces().Create(&domain.Workspace{ChatID: -200, Title: "B"})
			})

			err := db.Update(func(tx domain.Tx) error { return tx.Workspaces().MoveChat(tt.from, tt.to) })

			if got := domain.ErrorCode(err); got != tt.wantCode {
				t.Fatalf("MoveChat: got code %q (%v), want %q", got, err, tt.wantCode)
			}
			view(t, db, func(tx domain.Tx) error {
				w, err := tx.Workspaces().ByChat(tt.wantChat)
				if err != nil {
					return err
				}
				if w.ID != 1 || w.ChatID != tt.wantChat {
					t.Errorf("ByChat(%d): got id %d chat %d, want id 1 chat %d", tt.wantChat, w.ID, w.ChatID, tt.wantChat)
				}
				if tt.wantChat != tt.from {
					if _, err := tx.Workspaces().ByChat(tt.from); domain.ErrorCode(err) != domain.ENOTFOUND {
						t.Errorf("old chat %d: got %v, want not found", tt.from, err)
					}
				}
				return nil
			})
		})
	}
}

func TestWorkspaces_PutWithNewChatMovesIndex(t *testing.T) {
	db := mustOpen(t)
	w := &domain.Workspace{ChatID: -100}
	update(t, db, func(tx domain.Tx) error { return tx.Workspaces().Create(w) })

	w.ChatID = -1001
	w.Title = "Renamed"
	update(t, db, func(tx domain.Tx) error { return tx.Workspaces().Put(w) })

	view(t, db, func(tx domain.Tx) error {
		got, err := tx.Workspaces().ByChat(-1001)
		if err != nil {
			return err
		}
		if got.Title != "Renamed" {
			t.Errorf("title: got %q, want Renamed", got.Title)
		}
		if _, err := tx.Workspaces().ByChat(-100); domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Errorf("old chat: got %v, want not found", err)
		}
		return nil
	})
}

func TestWorkspaceTexts_HaveBothLanguages(t *testing.T) {
	for _, key := range []string{"workspace.not_found", "workspace.chat_taken", "outbox.job_not_found"} {
		if !domain.HasText(key) {
			t.Errorf("text %q: missing English or Russian", key)
		}
	}
}
