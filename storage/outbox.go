package storage

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"trackbot/domain"
)

// jobRowVersion is the version of jobRow this build writes.
const jobRowVersion = 1

// jobRow is an outbox job as stored. File bytes live in outbox_files while
// the job is pending, so updating attempts does not rewrite a chart and
// finishing the job frees them.
type jobRow struct {
	V             int         `json:"v"`
	ID            int64       `json:"id"`
	Key           string      `json:"key,omitempty"`
	Workspace     int64       `json:"workspace,omitempty"`
	ChatID        int64       `json:"chat"`
	ThreadID      int         `json:"thread,omitempty"` // absent in rows before topics: 0
	Priority      int         `json:"priority,omitempty"`
	Kind          string      `json:"kind"`
	Text          string      `json:"text,omitempty"`
	Keyboard      [][]button  `json:"keyboard,omitempty"`
	ReplyTo       int         `json:"reply_to,omitempty"`
	EditMessageID int         `json:"edit,omitempty"`
	Files         []fileEntry `json:"files,omitempty"`
	CallbackID    string      `json:"callback,omitempty"`
	ShowAlert     bool        `json:"alert,omitempty"`
	Action        string      `json:"action,omitempty"`
	CreatedAt     int64       `json:"created,omitempty"`
	NotBefore     int64       `json:"not_before,omitempty"`
	Deadline      int64       `json:"deadline,omitempty"`
	Attempts      int         `json:"attempts,omitempty"`
	LastError     string      `json:"error,omitempty"`
	MaybeSent     bool        `json:"maybe_sent,omitempty"`
	Sent          bool        `json:"sent,omitempty"`
	Failed        bool        `json:"failed,omitempty"`
	SentAt        int64       `json:"sent_at,omitempty"`
	MessageIDs    []int       `json:"messages,omitempty"`
}

type button struct {
	Text string `json:"text"`
	Data string `json:"data,omitempty"`
}

// fileEntry describes an attachment; its bytes are in outbox_files.
type fileEntry struct {
	Name    string `json:"name"`
	Caption string `json:"caption,omitempty"`
}

func toJobRow(j *domain.OutboxJob) jobRow {
	return jobRow{
		V: jobRowVersion, ID: j.ID, Key: j.Key, Workspace: j.Workspace, ChatID: j.ChatID, ThreadID: j.ThreadID,
		Priority: j.Priority, Kind: string(j.Kind), Text: j.Text,
		Keyboard: convertAll(j.Keyboard, func(row []domain.Button) []button {
			return convertAll(row, func(b domain.Button) button { return button{Text: b.Text, Data: b.Data} })
		}),
		ReplyTo: j.ReplyTo, EditMessageID: j.EditMessageID,
		Files: convertAll(j.Files, func(a domain.Attachment) fileEntry {
			return fileEntry{Name: a.Name, Caption: a.Caption}
		}),
		CallbackID: j.CallbackID, ShowAlert: j.ShowAlert, Action: j.Action,
		CreatedAt: unixNano(j.CreatedAt), NotBefore: unixNano(j.NotBefore), Deadline: unixNano(j.Deadline),
		Attempts: j.Attempts, LastError: j.LastError, MaybeSent: j.MaybeSent,
		Sent: j.Sent, Failed: j.Failed, SentAt: unixNano(j.SentAt), MessageIDs: j.MessageIDs,
	}
}

// job converts the row; file bytes are filled in by the caller.
func (r jobRow) job() *domain.OutboxJob {
	return &domain.OutboxJob{
		ID: r.ID, Key: r.Key, Workspace: r.Workspace, ChatID: r.ChatID, ThreadID: r.ThreadID,
		Priority: r.Priority, Kind: domain.OutboxKind(r.Kind), Text: r.Text,
		Keyboard: convertAll(r.Keyboard, func(row []button) []domain.Button {
			return convertAll(row, func(b button) domain.Button { return domain.Button{Text: b.Text, Data: b.Data} })
		}),
		ReplyTo: r.ReplyTo, EditMessageID: r.EditMessageID,
		Files: convertAll(r.Files, func(f fileEntry) domain.Attachment {
			return domain.Attachment{Name: f.Name, Caption: f.Caption}
		}),
		CallbackID: r.CallbackID, ShowAlert: r.ShowAlert, Action: r.Action,
		CreatedAt: fromUnixNano(r.CreatedAt), NotBefore: fromUnixNano(r.NotBefore), Deadline: fromUnixNano(r.Deadline),
		Attempts: r.Attempts, LastError: r.LastError, MaybeSent: r.MaybeSent,
		Sent: r.Sent, Failed: r.Failed, SentAt: fromUnixNano(r.SentAt), MessageIDs: r.MessageIDs,
	}
}

func decodeJobRow(data []byte) (jobRow, error) {
	var row jobRow
	err := unmarshalRow("outbox job", data, &row, &row.V, jobRowVersion)
	return row, err
}

// pending reports whether a job still waits to be sent.
func pending(j *domain.OutboxJob) bool { return !j.Sent && !j.Failed }

// fileKey is job id | attachment index.
func fileKey(id int64, index int) []byte {
	return binary.BigEndian.AppendUint32(idKey(id), uint32(index))
}

// keyIndexEntry is an outbox_keys value: the job id, and for a pruned job
// also when it finished and whether it was given up.
type keyIndexEntry struct {
	id     int64
	pruned bool
	sentAt time.Time
	failed bool
}

const prunedEntryLen = 8 + 8 + 1

func (e keyIndexEntry) encode() []byte {
	v := idKey(e.id)
	if !e.pruned {
		return v
	}
	v = binary.BigEndian.AppendUint64(v, uint64(unixNano(e.sentAt)))
	if e.failed {
		return append(v, 1)
	}
	return append(v, 0)
}

func decodeKeyIndexEntry(v []byte) (keyIndexEntry, error) {
	id, err := keyID(v)
	if err != nil {
		return keyIndexEntry{}, err
	}
	switch len(v) {
	case 8:
		return keyIndexEntry{id: id}, nil
	case prunedEntryLen:
		sentAt := fromUnixNano(int64(binary.BigEndian.Uint64(v[8:16])))
		return keyIndexEntry{id: id, pruned: true, sentAt: sentAt, failed: v[16] == 1}, nil
	}
	return keyIndexEntry{}, fmt.Errorf("outbox key index: bad value of %d bytes", len(v))
}

// tombstone is what ByKey returns for a pruned job: enough to tell it was
// handled and when.
func (e keyIndexEntry) tombstone(key string) *domain.OutboxJob {
	return &domain.OutboxJob{ID: e.id, Key: key, Sent: !e.failed, Failed: e.failed, SentAt: e.sentAt}
}

// errJobNotFound is returned for a job id the outbox does not hold.
func errJobNotFound(id int64) error {
	return domain.Errorf(domain.ENOTFOUND, "outbox.job_not_found", id)
}

// outboxStore implements domain.OutboxStore.
type outboxStore struct{ t *tx }

// Add stores the job with the next id and stamps CreatedAt when unset,
// unless a job with the same non-empty key was ever added (even if it has
// been sent or pruned since); then it returns false and leaves job as is.
func (s outboxStore) Add(job *domain.OutboxJob) (bool, error) {
	keys := s.t.bucket(bucketOutboxKeys)
	if job.Key != "" && keys.Get([]byte(job.Key)) != nil {
		return false, nil
	}
	seq, err := s.t.bucket(bucketOutbox).NextSequence()
	if err != nil {
		return false, err
	}
	job.ID = int64(seq)
	if job.CreatedAt.IsZero() {
		job.CreatedAt = s.t.now()
	}
	if job.Key != "" {
		if err := keys.Put([]byte(job.Key), keyIndexEntry{id: job.ID}.encode()); err != nil {
			return false, err
		}
	}
	return true, s.save(job)
}

// Pending returns the jobs neither sent nor given up, in the order they
// were added.
func (s outboxStore) Pending() ([]*domain.OutboxJob, error) {
	var jobs []*domain.OutboxJob
	err := s.t.bucket(bucketOutboxPending).ForEach(func(k, _ []byte) error {
		id, err := keyID(k)
		if err != nil {
			return err
		}
		job, err := s.Get(id)
		if err != nil {
			return err
		}
		jobs = append(jobs, job)
		return nil
	})
	return jobs, err
}

// Put updates a stored job. Its key may not change: the key index would
// lose track of it.
func (s outboxStore) Put(job *domain.OutboxJob) error {
	old, err := s.row(job.ID)
	if err != nil {
		return err
	}
	if old.Key != job.Key {
		return fmt.Errorf("outbox job %d: key cannot change from %q to %q", job.ID, old.Key, job.Key)
	}
	return s.save(job)
}

// Done marks the job finished at at with the message ids Telegram
// returned: sent, or given up when the job is already marked Failed. Its
// file bytes are dropped; the row and its key stay, so it is never sent
// twice.
func (s outboxStore) Done(id int64, messageIDs []int, at time.Time) error {
	job, err := s.Get(id)
	if err != nil {
		return err
	}
	job.Sent = !job.Failed
	job.SentAt = at
	job.MessageIDs = messageIDs
	return s.save(job)
}

// Get returns the job with id, sent or not, or an ENOTFOUND error.
func (s outboxStore) Get(id int64) (*domain.OutboxJob, error) {
	row, err := s.row(id)
	if err != nil {
		return nil, err
	}
	job := row.job()
	files := s.t.bucket(bucketOutboxFiles)
	for i := range job.Files {
		// A finished job has no bytes left; Get returns nil Data then.
		if data := files.Get(fileKey(id, i)); data != nil {
			job.Files[i].Data = bytes.Clone(data)
		}
	}
	return job, nil
}

// ByKey returns the job added with key. A pruned job comes back as a
// tombstone holding only ID, Key, Sent, Failed and SentAt.
func (s outboxStore) ByKey(key string) (*domain.OutboxJob, bool, error) {
	if key == "" {
		return nil, false, nil
	}
	v := s.t.bucket(bucketOutboxKeys).Get([]byte(key))
	if v == nil {
		return nil, false, nil
	}
	entry, err := decodeKeyIndexEntry(v)
	if err != nil {
		return nil, false, err
	}
	if entry.pruned {
		return entry.tombstone(key), true, nil
	}
	job, err := s.Get(entry.id)
	if err != nil {
		return nil, false, err
	}
	return job, true, nil
}

// finishedScanSlack is how many jobs in a row that finished before the
// cutoff FinishedSince reads before it stops: jobs go out close to the
// order they were added in, so the recent ones are the newest rows.
const finishedScanSlack = 1000

// FinishedSince returns the jobs sent, or given up after a request that
// may have reached Telegram, at or after since, newest first. It walks
// back from the newest job and stops after finishedScanSlack jobs in a row
// that did not, so a restart costs a few reads, not the whole outbox.
func (s outboxStore) FinishedSince(since time.Time) ([]*domain.OutboxJob, error) {
	var out []*domain.OutboxJob
	older := 0
	c := s.t.bucket(bucketOutbox).Cursor()
	for k, data := c.Last(); k != nil && older < finishedScanSlack; k, data = c.Prev() {
		row, err := decodeJobRow(data)
		if err != nil {
			return nil, err
		}
		gone := row.Sent || row.Failed && row.MaybeSent
		if !gone || fromUnixNano(row.SentAt).Before(since) {
			older++
			continue
		}
		older = 0
		out = append(out, row.job())
	}
	return out, nil
}

func (s outboxStore) row(id int64) (jobRow, error) {
	data := s.t.bucket(bucketOutbox).Get(idKey(id))
	if data == nil {
		return jobRow{}, errJobNotFound(id)
	}
	return decodeJobRow(data)
}

// save writes the job row, its pending mark and its file bytes, which are
// kept only while the job is pending.
func (s outboxStore) save(job *domain.OutboxJob) error {
	data, err := marshalRow("outbox job", toJobRow(job))
	if err != nil {
		return err
	}
	if err := s.t.bucket(bucketOutbox).Put(idKey(job.ID), data); err != nil {
		return err
	}
	if err := deleteFiles(s.t.bucket(bucketOutboxFiles), job.ID); err != nil {
		return err
	}
	if !pending(job) {
		return s.t.bucket(bucketOutboxPending).Delete(idKey(job.ID))
	}
	if err := s.putFiles(job); err != nil {
		return err
	}
	return s.t.bucket(bucketOutboxPending).Put(idKey(job.ID), nil)
}

func (s outboxStore) putFiles(job *domain.OutboxJob) error {
	files := s.t.bucket(bucketOutboxFiles)
	for i, f := range job.Files {
		if f.Data == nil {
			continue
		}
		if err := files.Put(fileKey(job.ID, i), f.Data); err != nil {
			return err
		}
	}
	return nil
}

// deleteFiles removes every stored attachment of a job.
func deleteFiles(files *bolt.Bucket, id int64) error {
	prefix := idKey(id)
	var keys [][]byte
	c := files.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		keys = append(keys, bytes.Clone(k))
	}
	for _, k := range keys {
		if err := files.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// PruneOutbox deletes the finished (sent or given-up) jobs that finished
// before olderThan, with their files, and returns how many it deleted. A job
// finished at SentAt, or at CreatedAt when it was given up without Done.
// Their keys stay in the key index with the finish time, so a retried
// command still sees its reply as sent and nothing goes out twice; the key
// index grows by a few dozen bytes per keyed job for good.
func (db *DB) PruneOutbox(olderThan time.Time) (int, error) {
	pruned := 0
	err := db.bolt.Update(func(btx *bolt.Tx) error {
		t := db.tx(btx)
		old, err := finishedBefore(t, olderThan)
		if err != nil {
			return err
		}
		for _, row := range old {
			if err := pruneJob(t, row); err != nil {
				return err
			}
		}
		pruned = len(old)
		return nil
	})
	return pruned, err
}

// finishedBefore collects the finished jobs older than cutoff; deleting
// while a bbolt cursor walks the bucket could skip keys.
func finishedBefore(t *tx, cutoff time.Time) ([]jobRow, error) {
	var old []jobRow
	err := t.bucket(bucketOutbox).ForEach(func(_, data []byte) error {
		row, err := decodeJobRow(data)
		if err != nil {
			return err
		}
		if pending(row.job()) {
			return nil
		}
		finished := cmp.Or(row.SentAt, row.CreatedAt)
		if fromUnixNano(finished).Before(cutoff) {
			old = append(old, row)
		}
		return nil
	})
	return old, err
}

// pruneJob deletes a finished job and turns its key entry into a tombstone.
func pruneJob(t *tx, row jobRow) error {
	if err := deleteFiles(t.bucket(bucketOutboxFiles), row.ID); err != nil {
		return err
	}
	if err := t.bucket(bucketOutboxPending).Delete(idKey(row.ID)); err != nil {
		return err
	}
	if err := t.bucket(bucketOutbox).Delete(idKey(row.ID)); err != nil {
		return err
	}
	if row.Key == "" {
		return nil
	}
	entry := keyIndexEntry{id: row.ID, pruned: true, sentAt: fromUnixNano(row.SentAt), failed: row.Failed}
	return t.bucket(bucketOutboxKeys).Put([]byte(row.Key), entry.encode())
}
