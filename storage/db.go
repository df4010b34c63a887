package storage

import (
	"errors"
	"fmt"
	"os"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"trackbot/domain"
)

// fileMode keeps the database private to its owner: it holds every
// workspace's numbers and member names.
const fileMode os.FileMode = 0o600

// defaultTimeout is how long Open waits for another process to release the
// file lock before giving up.
const defaultTimeout = 2 * time.Second

// Errors returned by Open.
var (
	// ErrLocked means another process (usually another trackbot) holds the
	// database file open.
	ErrLocked = errors.New("database is in use by another trackbot process")

	// ErrSchemaTooNew means the database was written by a newer trackbot whose
	// schema this binary does not know; opening it could lose data.
	ErrSchemaTooNew = errors.New("database schema is newer than this trackbot")
)

// lockedError names the locked file, so the operator sees which database
// clashes, while errors.Is(err, ErrLocked) still holds.
type lockedError struct{ path string }

func (e *lockedError) Error() string {
	return fmt.Sprintf("database %s is in use by another trackbot process", e.path)
}

func (e *lockedError) Is(target error) bool { return target == ErrLocked }

// Options tunes Open. The zero value is ready to use.
type Options struct {
	// Timeout is how long to wait for the file lock; zero means 2 seconds.
	Timeout time.Duration
	// Now is the clock that stamps new workspaces and outbox jobs and the
	// time a record version was replaced; nil means time.Now.
	Now func() time.Time
	// SecretsKey seals the sources' secrets (SecretsKeySize bytes, see
	// ParseSecretsKey); without one, sources with secrets are refused.
	SecretsKey []byte
}

func (o Options) withDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = defaultTimeout
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// DB is an open trackbot database. It is safe for concurrent use; bbolt
// allows one writer and many readers at a time.
type DB struct {
	bolt *bolt.DB
	path string
	now  func() time.Time
	seal *sealer
}

var _ domain.Store = (*DB)(nil)

// Open opens the database at path, creating it with mode 0600 when missing,
// and migrates it to SchemaVersion. An existing file readable by others is
// narrowed to 0600, because it holds private business numbers. Open fails
// with ErrLocked when another process holds the file and with
// ErrSchemaTooNew when a newer trackbot wrote it.
func Open(path string, opts Options) (*DB, error) {
	opts = opts.withDefaults()
	seal, err := newSealer(opts.SecretsKey)
	if err != nil {
		return nil, err
	}
	bdb, err := bolt.Open(path, fileMode, &bolt.Options{Timeout: opts.Timeout})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, &lockedError{path: path}
	}
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if err := prepare(bdb, path); err != nil {
		_ = bdb.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	return &DB{bolt: bdb, path: path, now: opts.Now, seal: seal}, nil
}

// prepare makes an opened file private and brings its schema up to date.
func prepare(bdb *bolt.DB, path string) error {
	if err := restrictMode(path); err != nil {
		return err
	}
	return bdb.Update(func(btx *bolt.Tx) error {
		return migrate(btx, migrations)
	})
}

// restrictMode narrows a database file that group or others may access to
// 0600; a stricter mode is the owner's choice and stays.
func restrictMode(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	if info.Mode().Perm()&0o077 == 0 {
		return nil
	}
	return os.Chmod(path, fileMode)
}

// Path returns the file the database was opened from.
func (db *DB) Path() string { return db.path }

// Close releases the database file and its lock.
func (db *DB) Close() error { return db.bolt.Close() }

// Ping proves the database takes writes: it commits the time of the call
// under meta's "health_check", so a full disk or a broken file shows in
// the health check rather than at the next command.
func (db *DB) Ping() error {
	return db.bolt.Update(func(btx *bolt.Tx) error {
		return btx.Bucket(bucketMeta).Put(keyHealthCheck, idKey(db.now().UnixNano()))
	})
}

// View runs fn in a read-only transaction. Transactions must not nest: a
// View or Update inside fn can deadlock against a waiting writer.
func (db *DB) View(fn func(domain.Tx) error) error {
	return db.bolt.View(func(btx *bolt.Tx) error {
		return fn(db.tx(btx))
	})
}

// Update runs fn in a read-write transaction that commits when fn returns
// nil and rolls back everything fn did when it returns an error, which
// Update then returns unchanged.
func (db *DB) Update(fn func(domain.Tx) error) error {
	return db.bolt.Update(func(btx *bolt.Tx) error {
		return fn(db.tx(btx))
	})
}

func (db *DB) tx(btx *bolt.Tx) *tx {
	return &tx{btx: btx, now: db.now, seal: db.seal}
}

// tx implements domain.Tx over one bbolt transaction. Everything it returns
// is decoded into fresh values, because bbolt's bytes are only valid until
// the transaction ends.
type tx struct {
	btx  *bolt.Tx
	now  func() time.Time
	seal *sealer // nil without a secrets key
}

func (t *tx) Workspaces() domain.WorkspaceStore  { return workspaceStore{t} }
func (t *tx) Records() domain.RecordStore        { return recordStore{t} }
func (t *tx) Outbox() domain.OutboxStore         { return outboxStore{t} }
func (t *tx) Poll() domain.PollState             { return pollState{t} }
func (t *tx) Drafts() domain.DraftStore          { return draftStore{t} }
func (t *tx) Hypotheses() domain.HypothesisStore { return hypothesisStore{t} }
func (t *tx) Reviews() domain.ReviewStore        { return reviewStore{t} }
func (t *tx) Revisions() domain.RevisionStore    { return revisionStore{t} }
func (t *tx) Market() domain.MarketStore         { return marketStore{t} }
func (t *tx) Alerts() domain.AlertStore          { return alertStore{t} }
func (t *tx) Sources() domain.SourceStore        { return sourceStore{t} }

// bucket returns a bucket that the migrations guarantee to exist; a missing
// one means the schema code itself is broken.
func (t *tx) bucket(name []byte) *bolt.Bucket {
	b := t.btx.Bucket(name)
	if b == nil {
		panic(fmt.Sprintf("storage: bucket %q missing after migration", name))
	}
	return b
}
