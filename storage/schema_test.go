package storage

import (
	"encoding/binary"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"trackbot/domain"
)

// handBuild writes a bbolt file directly, as an older trackbot would have.
func handBuild(t *testing.T, build func(*bolt.Tx) error) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "trackbot.db")
	bdb, err := bolt.Open(path, fileMode, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := bdb.Update(build); err != nil {
		t.Fatal(err)
	}
	if err := bdb.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func readSchemaVersion(t *testing.T, db *DB) int {
	t.Helper()
	var v int
	err := db.bolt.View(func(btx *bolt.Tx) error {
		var err error
		v, err = schemaVersion(btx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestOpen_MigratesV0ToCurrent(t *testing.T) {
	tests := []struct {
		name  string
		build func(*bolt.Tx) error
	}{
		{"empty file", func(*bolt.Tx) error { return nil }},
		{"meta without version", func(btx *bolt.Tx) error {
			_, err := btx.CreateBucket(bucketMeta)
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := mustOpenAt(t, handBuild(t, tt.build), Options{})

			if got := readSchemaVersion(t, db); got != SchemaVersion {
				t.Errorf("schema version: got %d, want %d", got, SchemaVersion)
			}
			update(t, db, func(tx domain.Tx) error {
				w := &domain.Workspace{ChatID: -5}
				if err := tx.Workspaces().Create(w); err != nil {
					return err
				}
				_, err := tx.Outbox().Add(&domain.OutboxJob{Key: "k", ChatID: -5, Kind: domain.SendText})
				return err
			})
		})
	}
}

func TestOpen_ReadsHandBuiltV1Data(t *testing.T) {
	// A v1 file with rows exactly as version 1 writes them: this pins the
	// on-disk format against accidental renames of JSON fields.
	path := handBuild(t, func(btx *bolt.Tx) error {
		if err := createBuckets(btx); err != nil {
			return err
		}
		if err := setSchemaVersion(btx, 1); err != nil {
			return err
		}
		row := `{"v":1,"id":1,"chat":-100,"title":"Acme","lang":"ru","members":[{"user":42,"ceo":true}]}`
		if err := btx.Bucket(bucketWorkspaces).Put(idKey(1), []byte(row)); err != nil {
			return err
		}
		return btx.Bucket(bucketWorkspaceChats).Put(idKey(-100), idKey(1))
	})

	db := mustOpenAt(t, path, Options{})

	view(t, db, func(tx domain.Tx) error {
		w, err := tx.Workspaces().ByChat(-100)
		if err != nil {
			return err
		}
		if w.ID != 1 || w.Title != "Acme" || w.Lang != domain.Russian || !w.IsCEO(42) {
			t.Errorf("workspace: got %+v, want id 1, Acme, ru, CEO 42", w)
		}
		return nil
	})
}

func TestMigrate_RunsOnlyPendingSteps(t *testing.T) {
	var ran []int
	step := func(n int) migration {
		return func(*bolt.Tx) error { ran = append(ran, n); return nil }
	}
	path := handBuild(t, func(btx *bolt.Tx) error { return setSchemaVersion(btx, 1) })
	bdb, err := bolt.Open(path, fileMode, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()

	err = bdb.Update(func(btx *bolt.Tx) error {
		return migrate(btx, []migration{step(1), step(2), step(3)})
	})
	if err != nil {
		t.Fatal(err)
	}

	if len(ran) != 2 || ran[0] != 2 || ran[1] != 3 {
		t.Errorf("steps run: got %v, want [2 3]", ran)
	}
	_ = bdb.View(func(btx *bolt.Tx) error {
		if v, _ := schemaVersion(btx); v != 3 {
			t.Errorf("schema version: got %d, want 3", v)
		}
		return nil
	})
}

func TestMigrate_FailedStepKeepsOldVersion(t *testing.T) {
	path := handBuild(t, func(btx *bolt.Tx) error { return setSchemaVersion(btx, 1) })
	bdb, err := bolt.Open(path, fileMode, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	broken := errors.New("broken step")

	err = bdb.Update(func(btx *bolt.Tx) error {
		return migrate(btx, []migration{createBuckets, func(btx *bolt.Tx) error {
			if _, err := btx.CreateBucket([]byte("half_done")); err != nil {
				return err
			}
			return broken
		}})
	})

	if !errors.Is(err, broken) {
		t.Fatalf("migrate: got %v, want the step's error", err)
	}
	_ = bdb.View(func(btx *bolt.Tx) error {
		if v, _ := schemaVersion(btx); v != 1 {
			t.Errorf("schema version: got %d, want 1", v)
		}
		if btx.Bucket([]byte("half_done")) != nil {
			t.Error("bucket of the failed step exists, want it rolled back")
		}
		return nil
	})
}

func TestOpen_RefusesNewerSchema(t *testing.T) {
	path := handBuild(t, func(btx *bolt.Tx) error {
		return setSchemaVersion(btx, SchemaVersion+1)
	})

	_, err := Open(path, Options{})

	if !errors.Is(err, ErrSchemaTooNew) {
		t.Fatalf("Open: got %v, want ErrSchemaTooNew", err)
	}
	want := fmt.Sprintf("open database %s: database schema version %d is newer than this trackbot supports (%d): upgrade trackbot",
		path, SchemaVersion+1, SchemaVersion)
	if got := err.Error(); got != want {
		t.Errorf("message: got %q, want %q", got, want)
	}
	// The refused file is released and left as it was.
	bdb, err := bolt.Open(path, fileMode, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatalf("reopen after refusal: %v", err)
	}
	defer bdb.Close()
	_ = bdb.View(func(btx *bolt.Tx) error {
		raw := btx.Bucket(bucketMeta).Get(keySchemaVersion)
		if got := binary.BigEndian.Uint64(raw); got != SchemaVersion+1 {
			t.Errorf("schema version: got %d, want %d", got, SchemaVersion+1)
		}
		return nil
	})
}
