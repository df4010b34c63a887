package storage

import (
	"reflect"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"trackbot/domain"
)

func TestJobRow_RoundTrip(t *testing.T) {
	want := fullJob()
	requireAllFieldsSet(t, "OutboxJob", want)

	data, err := marshalRow("outbox job", toJobRow(want))
	if err != nil {
		t.Fatal(err)
	}
	row, err := decodeJobRow(data)
	if err != nil {
		t.Fatal(err)
	}
	got := row.job()

	// The row leaves file bytes to outbox_files.
	want.Files[0].Data = nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip:\ngot  %+v\nwant %+v", got, want)
	}
}

// pendingJob is fullJob before it was sent.
func pendingJob(key string) *domain.OutboxJob {
	j := fullJob()
	j.ID, j.Key = 0, key
	j.Sent, j.Failed, j.SentAt, j.MessageIDs = false, false, time.Time{}, nil
	return j
}

func addJob(t *testing.T, db *DB, job *domain.OutboxJob) {
	t.Helper()
	update(t, db, func(tx domain.Tx) error {
		added, err := tx.Outbox().Add(job)
		if !added && err == nil {
			t.Fatalf("Add(%q): not added", job.Key)
		}
		return err
	})
}

func getJob(t *testing.T, db *DB, id int64) *domain.OutboxJob {
	t.Helper()
	var job *domain.OutboxJob
	view(t, db, func(tx domain.Tx) error {
		var err error
		job, err = tx.Outbox().Get(id)
		return err
	})
	return job
}

func TestOutbox_AddThenGetKeepsEveryField(t *testing.T) {
	db := mustOpen(t)
	want := pendingJob("k1")
	addJob(t, db, want)

	got := getJob(t, db, want.ID)

	if want.ID != 1 {
		t.Errorf("ID: got %d, want 1", want.ID)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Get:\ngot  %+v\nwant %+v", got, want)
	}
}

func TestOutbox_AddStampsCreatedAt(t *testing.T) {
	db := mustOpen(t)
	job := &domain.OutboxJob{ChatID: -1, Kind: domain.SendText}
	addJob(t, db, job)

	if got := getJob(t, db, job.ID).CreatedAt; !got.Equal(t0) {
		t.Errorf("CreatedAt: got %v, want the clock's %v", got, t0)
	}
}

func TestOutbox_DedupeByKeyAcrossReopen(t *testing.T) {
	db := mustOpen(t)
	first := pendingJob("update:7:reply")
	addJob(t, db, first)
	update(t, db, func(tx domain.Tx) error { return tx.Outbox().Done(first.ID, []int{500}, t0) })

	db = reopen(t, db, time.Now)
	again := pendingJob("update:7:reply")
	update(t, db, func(tx domain.Tx) error {
		added, err := tx.Outbox().Add(again)
		if added {
			t.Error("Add of a sent key: added, want refused")
		}
		return err
	})

	if again.ID != 0 {
		t.Errorf("ID of the duplicate: got %d, want 0 (untouched)", again.ID)
	}
	view(t, db, func(tx domain.Tx) error {
		job, ok, err := tx.Outbox().ByKey("update:7:reply")
		if err != nil || !ok {
			t.Fatalf("ByKey: got ok=%v err=%v, want found", ok, err)
		}
		if job.ID != first.ID || !job.Sent || !reflect.DeepEqual(job.MessageIDs, []int{500}) {
			t.Errorf("ByKey: got id %d sent %v messages %v, want id %d sent [500]", job.ID, job.Sent, job.MessageIDs, first.ID)
		}
		pending, err := tx.Outbox().Pending()
		if len(pending) != 0 {
			t.Errorf("Pending: got %d jobs, want 0", len(pending))
		}
		return err
	})
}

func TestOutbox_EmptyKeyNeverDedupes(t *testing.T) {
	db := mustOpen(t)
	addJob(t, db, &domain.OutboxJob{ChatID: -1, Kind: domain.SendText})
	addJob(t, db, &domain.OutboxJob{ChatID: -1, Kind: domain.SendText})

	view(t, db, func(tx domain.Tx) error {
		pending, err := tx.Outbox().Pending()
		if len(pending) != 2 {
			t.Errorf("Pending: got %d jobs, want 2", len(pending))
		}
		if _, ok, _ := tx.Outbox().ByKey(""); ok {
			t.Error(`ByKey(""): found, want nothing`)
		}
		return err
	})
}

func TestOutbox_PendingInInsertionOrderWithoutFinished(t *testing.T) {
	db := mustOpen(t)
	jobs := make([]*domain.OutboxJob, 4)
	for i := range jobs {
		jobs[i] = &domain.OutboxJob{ChatID: -1, Kind: domain.SendText, Priority: domain.PriorityBulk - i%2}
		addJob(t, db, jobs[i])
	}
	update(t, db, func(tx domain.Tx) error {
		if err := tx.Outbox().Done(jobs[1].ID, []int{1}, t0); err != nil {
			return err
		}
		jobs[2].Failed = true
		jobs[2].LastError = "Forbidden: bot was kicked"
		if err := tx.Outbox().Put(jobs[2]); err != nil {
			return err
		}
		jobs[3].Attempts = 1 // a retry stays pending
		return tx.Outbox().Put(jobs[3])
	})

	var ids []int64
	view(t, db, func(tx domain.Tx) error {
		pending, err := tx.Outbox().Pending()
		for _, j := range pending {
			ids = append(ids, j.ID)
		}
		return err
	})

	if want := []int64{jobs[0].ID, jobs[3].ID}; !reflect.DeepEqual(ids, want) {
		t.Errorf("Pending ids: got %v, want %v", ids, want)
	}
}

func TestOutbox_DoneDropsFilesKeepsRow(t *testing.T) {
	tests := []struct {
		name       string
		failed     bool
		wantSent   bool
		wantFailed bool
	}{
		{"sent", false, true, false},
		{"given up", true, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := mustOpen(t)
			job := pendingJob("k")
			job.Failed = false
			addJob(t, db, job)
			at := t0.Add(time.Minute)

			update(t, db, func(tx domain.Tx) error {
				if tt.failed {
					job.Failed = true
					if err := tx.Outbox().Put(job); err != nil {
						return err
					}
				}
				return tx.Outbox().Done(job.ID, []int{71, 72}, at)
			})

			got := getJob(t, db, job.ID)
			if got.Sent != tt.wantSent || got.Failed != tt.wantFailed {
				t.Errorf("Sent, Failed: got %v, %v, want %v, %v", got.Sent, got.Failed, tt.wantSent, tt.wantFailed)
			}
			if !got.SentAt.Equal(at) || !reflect.DeepEqual(got.MessageIDs, []int{71, 72}) {
				t.Errorf("SentAt, MessageIDs: got %v, %v, want %v, [71 72]", got.SentAt, got.MessageIDs, at)
			}
			wantFiles := []domain.Attachment{{Name: "funnel.png", Caption: "W10"}}
			if !reflect.DeepEqual(got.Files, wantFiles) {
				t.Errorf("Files: got %+v, want %+v (no bytes)", got.Files, wantFiles)
			}
			if n := countKeys(t, db, bucketOutboxFiles); n != 0 {
				t.Errorf("stored files: got %d, want 0", n)
			}
		})
	}
}

func countKeys(t *testing.T, db *DB, bucket []byte) int {
	t.Helper()
	n := 0
	err := db.bolt.View(func(btx *bolt.Tx) error {
		n = btx.Bucket(bucket).Stats().KeyN
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestOutbox_PutCannotChangeKey(t *testing.T) {
	db := mustOpen(t)
	job := pendingJob("a")
	addJob(t, db, job)

	job.Key = "b"
	err := db.Update(func(tx domain.Tx) error { return tx.Outbox().Put(job) })

	if err == nil {
		t.Error("Put with a new key: got no error, want a refusal")
	}
}

func TestOutbox_MissingJobIsNotFound(t *testing.T) {
	db := mustOpen(t)
	calls := map[string]func(domain.OutboxStore) error{
		"Get":  func(s domain.OutboxStore) error { _, err := s.Get(3); return err },
		"Put":  func(s domain.OutboxStore) error { return s.Put(&domain.OutboxJob{ID: 3}) },
		"Done": func(s domain.OutboxStore) error { return s.Done(3, nil, t0) },
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			err := db.Update(func(tx domain.Tx) error { return call(tx.Outbox()) })
			if domain.ErrorCode(err) != domain.ENOTFOUND {
				t.Errorf("got %v, want ENOTFOUND", err)
			}
		})
	}
}

func TestPruneOutbox(t *testing.T) {
	db := mustOpen(t)
	cutoff := t0.Add(24 * time.Hour)
	oldSent := pendingJob("old-sent")
	newSent := pendingJob("new-sent")
	oldFailed := pendingJob("old-failed")
	oldPending := pendingJob("old-pending")
	for _, j := range []*domain.OutboxJob{oldSent, newSent, oldFailed, oldPending} {
		addJob(t, db, j)
	}
	update(t, db, func(tx domain.Tx) error {
		if err := tx.Outbox().Done(oldSent.ID, []int{1}, cutoff.Add(-time.Second)); err != nil {
			return err
		}
		if err := tx.Outbox().Done(newSent.ID, []int{2}, cutoff); err != nil {
			return err
		}
		oldFailed.Failed = true // given up without Done: finished at CreatedAt
		return tx.Outbox().Put(oldFailed)
	})

	n, err := db.PruneOutbox(cutoff)

	if err != nil || n != 2 {
		t.Fatalf("PruneOutbox: got %d, %v, want 2, nil", n, err)
	}
	update(t, db, func(tx domain.Tx) error {
		for _, j := range []*domain.OutboxJob{newSent, oldPending} {
			if _, err := tx.Outbox().Get(j.ID); err != nil {
				t.Errorf("Get(%q): %v, want kept", j.Key, err)
			}
		}
		for _, j := range []*domain.OutboxJob{oldSent, oldFailed} {
			if _, err := tx.Outbox().Get(j.ID); domain.ErrorCode(err) != domain.ENOTFOUND {
				t.Errorf("Get(%q): got %v, want pruned", j.Key, err)
			}
			if added, err := tx.Outbox().Add(pendingJob(j.Key)); added || err != nil {
				t.Errorf("Add(%q) after prune: got %v, %v, want false, nil", j.Key, added, err)
			}
		}
		tomb, ok, err := tx.Outbox().ByKey("old-sent")
		want := &domain.OutboxJob{ID: oldSent.ID, Key: "old-sent", Sent: true, SentAt: cutoff.Add(-time.Second)}
		if !ok || !reflect.DeepEqual(tomb, want) {
			t.Errorf("ByKey(old-sent): got %+v, %v, want %+v", tomb, ok, want)
		}
		return err
	})
}

func TestOutbox_FinishedSinceIsWhatMayBeInTheChatsRecently(t *testing.T) {
	db := mustOpen(t)
	jobs := make([]*domain.OutboxJob, 6)
	for i := range jobs {
		jobs[i] = &domain.OutboxJob{ChatID: -1, Kind: domain.SendText}
		addJob(t, db, jobs[i])
	}
	update(t, db, func(tx domain.Tx) error {
		done := func(j *domain.OutboxJob, at time.Time) error { return tx.Outbox().Done(j.ID, []int{1}, at) }
		if err := done(jobs[0], t0.Add(-2*time.Minute)); err != nil { // long ago
			return err
		}
		if err := done(jobs[1], t0); err != nil {
			return err
		}
		jobs[2].Failed, jobs[2].MaybeSent = true, true // given up: it may be in the chat
		jobs[3].Failed = true                          // refused by Telegram
		for _, j := range jobs[2:4] {
			if err := tx.Outbox().Put(j); err != nil {
				return err
			}
			if err := tx.Outbox().Done(j.ID, nil, t0); err != nil {
				return err
			}
		}
		return done(jobs[5], t0.Add(time.Second)) // jobs[4] is still pending
	})
	var ids []int64
	view(t, db, func(tx domain.Tx) error {
		recent, err := tx.Outbox().FinishedSince(t0.Add(-time.Minute))
		for _, j := range recent {
			ids = append(ids, j.ID)
		}
		return err
	})
	if want := []int64{jobs[5].ID, jobs[2].ID, jobs[1].ID}; !reflect.DeepEqual(ids, want) {
		t.Errorf("FinishedSince ids: got %v, want %v (newest first)", ids, want)
	}
}
