package storage

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"trackbot/domain"
)

func TestBackup_WritesTheWholeFile(t *testing.T) {
	db := mustOpen(t)
	update(t, db, func(tx domain.Tx) error { return tx.Workspaces().Create(fullWorkspace(-100)) })

	var buf bytes.Buffer
	n, err := db.Backup(&buf)
	if err != nil {
		t.Fatal(err)
	}

	if n != int64(buf.Len()) {
		t.Errorf("Backup: reported %d bytes, wrote %d", n, buf.Len())
	}
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(copyPath, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	requireWorkspaceTitle(t, mustOpenAt(t, copyPath, Options{}), -100, "Acme leadership")
}

func TestBackupToFile(t *testing.T) {
	db := mustOpen(t)
	update(t, db, func(tx domain.Tx) error { return tx.Workspaces().Create(fullWorkspace(-100)) })
	dir := t.TempDir()
	path := filepath.Join(dir, "trackbot-backup.db")
	if err := os.WriteFile(path, []byte("an older backup"), 0o644); err != nil {
		t.Fatal(err)
	}

	if err := db.BackupToFile(path); err != nil {
		t.Fatal(err)
	}

	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != 0o600 {
		t.Errorf("mode: got %o, want 600", got)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("files in the backup dir: got %d, want 1 (no temp file left)", len(entries))
	}
	requireWorkspaceTitle(t, mustOpenAt(t, path, Options{}), -100, "Acme leadership")
}

func TestBackupToFile_RefusesTheLiveDatabase(t *testing.T) {
	db := mustOpen(t)

	if err := db.BackupToFile(db.Path()); err == nil {
		t.Error("BackupToFile(own path): got no error, want a refusal")
	}
}

func requireWorkspaceTitle(t *testing.T, db *DB, chatID int64, want string) {
	t.Helper()
	view(t, db, func(tx domain.Tx) error {
		w, err := tx.Workspaces().ByChat(chatID)
		if err != nil {
			return err
		}
		if w.Title != want {
			t.Errorf("title: got %q, want %q", w.Title, want)
		}
		return nil
	})
}
