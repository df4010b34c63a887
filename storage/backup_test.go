package storage

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

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

func TestDailyBackup_KeepsTheNewestCopies(t *testing.T) {
	db := mustOpen(t)
	update(t, db, func(tx domain.Tx) error { return tx.Workspaces().Create(fullWorkspace(-100)) })
	dir := filepath.Join(t.TempDir(), "backups")
	// Files that are not daily copies stay whatever happens.
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"notes.txt", "trackbot-manual.db", "trackbot.db"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("keep me"), 0o600); err != nil {
			t.Fatal(err)
		}
	}

	var last string
	for day := range 5 {
		path, err := db.DailyBackup(dir, 3, t0.AddDate(0, 0, day))
		if err != nil {
			t.Fatal(err)
		}
		last = path
	}

	times, err := Backups(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []time.Time{t0.AddDate(0, 0, 2), t0.AddDate(0, 0, 3), t0.AddDate(0, 0, 4)}
	if !slices.EqualFunc(times, want, time.Time.Equal) {
		t.Errorf("copies left = %v, want the newest three %v", times, want)
	}
	if filepath.Base(last) != "trackbot-20260306T093000Z.db" {
		t.Errorf("newest copy is named %s", filepath.Base(last))
	}
	for _, name := range []string{"notes.txt", "trackbot-manual.db", "trackbot.db"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s, which is no daily copy, was touched: %v", name, err)
		}
	}
	requireWorkspaceTitle(t, mustOpenAt(t, last, Options{}), -100, "Acme leadership")
}

func TestBackups_MissingDirectoryHasNone(t *testing.T) {
	times, err := Backups(filepath.Join(t.TempDir(), "none"))
	if err != nil || len(times) != 0 {
		t.Errorf("Backups(missing dir) = %v, %v; want none and no error", times, err)
	}
}

func TestWriteBackupFile_RefusesABrokenCopy(t *testing.T) {
	path := filepath.Join(t.TempDir(), "copy.db")

	err := WriteBackupFile(path, func(w io.Writer) error {
		_, err := w.Write(bytes.Repeat([]byte("torn"), 4096))
		return err
	})

	if err == nil {
		t.Fatal("a copy that is no database was accepted")
	}
	if _, statErr := os.Stat(path); !os.IsNotExist(statErr) {
		t.Errorf("the broken copy was put in place (stat: %v)", statErr)
	}
}

func TestBackupSized_AnnouncesTheSizeWritten(t *testing.T) {
	db := mustOpen(t)
	var announced int64
	var buf bytes.Buffer

	n, err := db.BackupSized(&buf, func(size int64) { announced = size })

	if err != nil {
		t.Fatal(err)
	}
	if announced != n || n != int64(buf.Len()) {
		t.Errorf("announced %d, reported %d, wrote %d; want all equal", announced, n, buf.Len())
	}
}
