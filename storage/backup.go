package storage

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Backup writes a consistent copy of the whole database to w while the bot
// keeps running, and returns the number of bytes written.
func (db *DB) Backup(w io.Writer) (int64, error) {
	return db.BackupSized(w, nil)
}

// BackupSized is Backup that first tells announce how many bytes the copy
// has (an HTTP handler sets Content-Length from it, so a cut stream shows).
// The copy is one read transaction: writers go on meanwhile, and the copy
// is the database as it was when the transaction began.
func (db *DB) BackupSized(w io.Writer, announce func(size int64)) (int64, error) {
	var n int64
	err := db.bolt.View(func(btx *bolt.Tx) error {
		if announce != nil {
			announce(btx.Size())
		}
		var err error
		n, err = btx.WriteTo(w)
		return err
	})
	return n, err
}

// BackupToFile writes a consistent copy of the database to path (see
// WriteBackupFile).
func (db *DB) BackupToFile(path string) error {
	if sameFile(path, db.path) {
		return fmt.Errorf("backup to %s: that is the live database", path)
	}
	return WriteBackupFile(path, func(w io.Writer) error {
		_, err := db.Backup(w)
		return err
	})
}

// WriteBackupFile writes what fill produces to path with mode 0600. It goes
// to a temporary file in the same directory first, is synced to disk and
// checked page by page, and only then renamed into place, so path is never
// a torn or broken copy.
func WriteBackupFile(path string, fill func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer os.Remove(tmp.Name()) // a no-op after the rename
	if err := fillFile(tmp, fill); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	if err := Verify(tmp.Name()); err != nil {
		return fmt.Errorf("backup to %s: the copy is broken: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	return syncDir(filepath.Dir(path))
}

// fillFile fills the temporary file and flushes it to disk.
func fillFile(f *os.File, fill func(io.Writer) error) error {
	if err := f.Chmod(fileMode); err != nil {
		return err
	}
	if err := fill(f); err != nil {
		return err
	}
	return f.Sync()
}

// Verify opens a database copy read-only and checks every page, so a
// backup that would not open is found when it is made, not when it is
// needed.
func Verify(path string) error {
	bdb, err := bolt.Open(path, fileMode, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		return err
	}
	defer bdb.Close()
	return bdb.View(func(btx *bolt.Tx) error {
		var errs []error
		for err := range btx.Check() {
			errs = append(errs, err)
		}
		if btx.Bucket(bucketMeta) == nil {
			errs = append(errs, errors.New("not a trackbot database (no meta bucket)"))
		}
		return errors.Join(errs...)
	})
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("backup: sync %s: %w", dir, err)
	}
	return nil
}

// sameFile reports whether two paths name the same existing file, so a
// backup never renames itself over the database it copies.
func sameFile(a, b string) bool {
	ia, errA := os.Stat(a)
	ib, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(ia, ib)
}

// Daily copies are named trackbot-<UTC time>.db, so they sort by time and
// nothing else in the directory is ever taken for one.
const (
	backupPrefix = "trackbot-"
	backupSuffix = ".db"
	backupStamp  = "20060102T150405Z"
)

// DailyBackup writes a copy named for now into dir (created if missing)
// and then removes the oldest copies beyond keep. It returns the new
// copy's path.
func (db *DB) DailyBackup(dir string, keep int, now time.Time) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("backup: %w", err)
	}
	path := filepath.Join(dir, backupPrefix+now.UTC().Format(backupStamp)+backupSuffix)
	if err := db.BackupToFile(path); err != nil {
		return "", err
	}
	return path, pruneBackups(dir, keep)
}

// Backups returns the times of the daily copies in dir, oldest first; a
// missing directory has none.
func Backups(dir string) ([]time.Time, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	var times []time.Time
	for _, e := range entries {
		if at, ok := backupTime(e.Name()); ok && e.Type().IsRegular() {
			times = append(times, at)
		}
	}
	slices.SortFunc(times, time.Time.Compare)
	return times, nil
}

// backupTime reads the time from a daily copy's file name.
func backupTime(name string) (time.Time, bool) {
	stamp, ok := strings.CutPrefix(name, backupPrefix)
	if !ok {
		return time.Time{}, false
	}
	stamp, ok = strings.CutSuffix(stamp, backupSuffix)
	if !ok {
		return time.Time{}, false
	}
	at, err := time.Parse(backupStamp, stamp)
	return at, err == nil
}

// pruneBackups removes all but the newest keep daily copies in dir.
func pruneBackups(dir string, keep int) error {
	times, err := Backups(dir)
	if err != nil {
		return err
	}
	var errs []error
	for _, at := range times[:max(len(times)-keep, 0)] {
		name := filepath.Join(dir, backupPrefix+at.Format(backupStamp)+backupSuffix)
		if err := os.Remove(name); err != nil {
			errs = append(errs, fmt.Errorf("backup: removing an old copy: %w", err))
		}
	}
	return errors.Join(errs...)
}
