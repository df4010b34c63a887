package storage

import (
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// SchemaVersion is the database schema this build writes. Open migrates
// older files up to it and refuses newer ones.
const SchemaVersion = 7

// Bucket names; the package comment describes their keys and values.
var (
	bucketMeta           = []byte("meta")
	bucketWorkspaces     = []byte("workspaces")
	bucketWorkspaceChats = []byte("workspace_chats")
	bucketRecords        = []byte("records")
	bucketRecordHistory  = []byte("record_history")
	bucketOutbox         = []byte("outbox")
	bucketOutboxFiles    = []byte("outbox_files")
	bucketOutboxPending  = []byte("outbox_pending")
	bucketOutboxKeys     = []byte("outbox_keys")
	bucketDrafts         = []byte("drafts")
	bucketHypotheses     = []byte("hypotheses")
	bucketReviews        = []byte("reviews")
	bucketRevisions      = []byte("revisions")
	bucketMarket         = []byte("market")
	bucketAlerts         = []byte("alerts")
	bucketSources        = []byte("sources")
)

// Keys in the meta bucket.
var (
	keySchemaVersion = []byte("schema_version")
	keyPollOffset    = []byte("poll_offset")
	// keyHandledUpdates holds the ids of the webhook updates applied
	// lately; it needs no migration, as a missing key means none.
	keyHandledUpdates = []byte("handled_updates")
	keyHealthCheck    = []byte("health_check")
)

// migration brings the schema from its index in the list to the next
// version; it runs inside the transaction that records the new version.
type migration func(*bolt.Tx) error

// migrations is the schema's history, oldest first: migrations[i] turns
// version i into version i+1. Append only; never edit a released step.
var migrations = []migration{
	createBuckets,
	createDraftBuckets,
	createTrackerBuckets,
	createRevisionBucket,
	createMarketBucket,
	createAlertBucket,
	createSourcesBucket,
}

// createBuckets is version 1: the initial layout.
func createBuckets(btx *bolt.Tx) error {
	for _, name := range [][]byte{
		bucketMeta, bucketWorkspaces, bucketWorkspaceChats,
		bucketRecords, bucketRecordHistory,
		bucketOutbox, bucketOutboxFiles, bucketOutboxPending, bucketOutboxKeys,
	} {
		if _, err := btx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	return nil
}

// createDraftBuckets is version 2: numbers waiting for confirmation.
func createDraftBuckets(btx *bolt.Tx) error {
	_, err := btx.CreateBucketIfNotExists(bucketDrafts)
	return err
}

// createTrackerBuckets is version 3: hypotheses and review sessions.
func createTrackerBuckets(btx *bolt.Tx) error {
	for _, name := range [][]byte{bucketHypotheses, bucketReviews} {
		if _, err := btx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	return nil
}

// createRevisionBucket is version 4: the history of the numbers, one
// revision per confirmed save or undo. Saves made before it have only the
// replaced record versions in record_history.
func createRevisionBucket(btx *bolt.Tx) error {
	_, err := btx.CreateBucketIfNotExists(bucketRevisions)
	return err
}

// createMarketBucket is version 5: the competitor table per segment.
func createMarketBucket(btx *bolt.Tx) error {
	_, err := btx.CreateBucketIfNotExists(bucketMarket)
	return err
}

// createAlertBucket is version 6: the CEOs' alert rules.
func createAlertBucket(btx *bolt.Tx) error {
	_, err := btx.CreateBucketIfNotExists(bucketAlerts)
	return err
}

// createSourcesBucket is version 7: the sources numbers sync from, with
// their secrets sealed (see secrets.go).
func createSourcesBucket(btx *bolt.Tx) error {
	_, err := btx.CreateBucketIfNotExists(bucketSources)
	return err
}

// schemaTooNewError tells which versions clash; errors.Is matches
// ErrSchemaTooNew.
type schemaTooNewError struct {
	found, known int
}

func (e *schemaTooNewError) Error() string {
	return fmt.Sprintf("database schema version %d is newer than this trackbot supports (%d): upgrade trackbot", e.found, e.known)
}

func (e *schemaTooNewError) Is(target error) bool { return target == ErrSchemaTooNew }

// migrate runs the steps the database has not seen yet and records the new
// version, all in btx so a failed step leaves the file as it was.
func migrate(btx *bolt.Tx, steps []migration) error {
	version, err := schemaVersion(btx)
	if err != nil {
		return err
	}
	if version > len(steps) {
		return &schemaTooNewError{found: version, known: len(steps)}
	}
	for v := version; v < len(steps); v++ {
		if err := steps[v](btx); err != nil {
			return fmt.Errorf("migrate schema to version %d: %w", v+1, err)
		}
	}
	if version == len(steps) {
		return nil
	}
	return setSchemaVersion(btx, len(steps))
}

// schemaVersion reads the version from meta; a file without one is a fresh
// or pre-schema file, version 0.
func schemaVersion(btx *bolt.Tx) (int, error) {
	meta := btx.Bucket(bucketMeta)
	if meta == nil {
		return 0, nil
	}
	raw := meta.Get(keySchemaVersion)
	if raw == nil {
		return 0, nil
	}
	if len(raw) != 8 {
		return 0, fmt.Errorf("schema version: want 8 bytes, got %d", len(raw))
	}
	return int(binary.BigEndian.Uint64(raw)), nil
}

func setSchemaVersion(btx *bolt.Tx, version int) error {
	meta, err := btx.CreateBucketIfNotExists(bucketMeta)
	if err != nil {
		return err
	}
	return meta.Put(keySchemaVersion, binary.BigEndian.AppendUint64(nil, uint64(version)))
}
