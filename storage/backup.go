package storage

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"
)

// Backup writes a consistent copy of the whole database to w while the bot
// keeps running, and returns the number of bytes written.
func (db *DB) Backup(w io.Writer) (int64, error) {
	var n int64
	err := db.bolt.View(func(btx *bolt.Tx) error {
		var err error
		n, err = btx.WriteTo(w)
		return err
	})
	return n, err
}

// BackupToFile writes a consistent copy of the database to path with mode
// 0600. The copy goes to a temporary file in the same directory first and is
// renamed into place after it reached the disk, so path is never a torn copy.
func (db *DB) BackupToFile(path string) error {
	if sameFile(path, db.path) {
		return fmt.Errorf("backup to %s: that is the live database", path)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer os.Remove(tmp.Name()) // a no-op after the rename
	if err := writeBackup(db, tmp); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	return syncDir(filepath.Dir(path))
}

// writeBackup fills the temporary file and flushes it to disk.
func writeBackup(db *DB, f *os.File) error {
	if err := f.Chmod(fileMode); err != nil {
		return err
	}
	if _, err := db.Backup(f); err != nil {
		return err
	}
	return f.Sync()
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
