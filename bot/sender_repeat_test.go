package bot

import (
	"errors"
	"log/slog"
	"testing"
	"time"

	"trackbot/domain"
)

// newIdleSender is a sender on db that never runs: the tests call its
// steps by hand.
func newIdleSender(db domain.Store, transmit func(*domain.OutboxJob) ([]int, error)) *sender {
	return newSender(senderDeps{
		store: db, now: time.Now, transmit: transmit,
		moveChat: func(int64, int64) error { return nil }, parkChat: func(int64) error { return nil },
		log: slog.New(slog.DiscardHandler), red: newRedactor(""),
		stopsAt: func(killPoint) bool { return false },
	})
}

// storedJob reads a job back.
func storedJob(t *testing.T, db domain.Store, id int64) *domain.OutboxJob {
	t.Helper()
	var job *domain.OutboxJob
	if err := db.View(func(tx domain.Tx) error {
		var err error
		job, err = tx.Outbox().Get(id)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return job
}

func TestSender_AfterARestartRepeatsOnlyHarmlessJobsThatMayHaveGone(t *testing.T) {
	db := openDB(t, time.Now)
	jobs := []*domain.OutboxJob{
		{ChatID: -1, Kind: domain.SendText, Text: "a reply", Priority: domain.PriorityReply, MaybeSent: true},
		{ChatID: -1, Kind: domain.EditText, EditMessageID: 5, Text: "an edit", Priority: domain.PriorityReply, MaybeSent: true},
		{ChatID: -1, Kind: domain.SendMediaGroup, Priority: domain.PriorityReply, MaybeSent: true,
			Files: []domain.Attachment{{Name: "a.png", Data: []byte{1}}, {Name: "b.png", Data: []byte{2}}}},
		{ChatID: -1, Kind: domain.SendText, Text: "the weekly snapshot", Priority: domain.PriorityBulk, MaybeSent: true},
		{ChatID: -1, Kind: domain.SendText, Text: "a snapshot never tried", Priority: domain.PriorityBulk},
	}
	mustUpdate(t, db, func(tx domain.Tx) error {
		for _, j := range jobs {
			if _, err := tx.Outbox().Add(j); err != nil {
				return err
			}
		}
		return nil
	})
	s := newIdleSender(db, nil)
	if err := s.load(); err != nil {
		t.Fatal(err)
	}
	queued := map[int64]bool{}
	for _, j := range s.chats[-1].queue {
		queued[j.ID] = true
	}
	for i, want := range []bool{true, true, false, false, true} {
		j := storedJob(t, db, jobs[i].ID)
		if queued[j.ID] != want || j.Failed == want {
			t.Errorf("%s %q after a restart: queued %v, given up %v; want queued %v", j.Kind, j.Text, queued[j.ID], j.Failed, want)
		}
	}
}

func TestSender_ABrokenConnectionRepeatsOnlyHarmlessJobs(t *testing.T) {
	db := openDB(t, time.Now)
	reply := &domain.OutboxJob{ChatID: -1, Kind: domain.SendText, Text: "a reply", Priority: domain.PriorityReply}
	post := &domain.OutboxJob{ChatID: -2, Kind: domain.SendText, Text: "a snapshot", Priority: domain.PriorityBulk}
	unreached := &domain.OutboxJob{ChatID: -3, Kind: domain.SendText, Text: "another snapshot", Priority: domain.PriorityBulk}
	mustUpdate(t, db, func(tx domain.Tx) error {
		for _, j := range []*domain.OutboxJob{reply, post, unreached} {
			if _, err := tx.Outbox().Add(j); err != nil {
				return err
			}
		}
		return nil
	})
	var marked []bool
	s := newIdleSender(db, func(j *domain.OutboxJob) ([]int, error) {
		// The mark is stored before the request leaves.
		marked = append(marked, storedJob(t, db, j.ID).MaybeSent)
		if j == unreached {
			return nil, notSentError{errors.New("dial tcp: connection refused")}
		}
		return nil, errors.New("connection reset by peer")
	})
	s.enqueue([]*domain.OutboxJob{reply, post, unreached})
	for _, j := range []*domain.OutboxJob{reply, post, unreached} {
		s.inFlight++
		s.flight.Add(1)
		s.deliver(j)
	}
	if want := []bool{false, true, true}; len(marked) != 3 || marked[0] != want[0] || marked[1] != want[1] || marked[2] != want[2] {
		t.Errorf("marked as maybe sent before the request = %v, want %v", marked, want)
	}
	if j := storedJob(t, db, reply.ID); j.Failed || j.Attempts != 1 {
		t.Errorf("the reply: given up %v, attempts %d; want a retry", j.Failed, j.Attempts)
	}
	if j := storedJob(t, db, post.ID); !j.Failed {
		t.Errorf("the post that may have reached Telegram is retried (attempts %d), want it given up", j.Attempts)
	}
	if j := storedJob(t, db, unreached.ID); j.Failed || j.Attempts != 1 || j.MaybeSent {
		t.Errorf("the post whose connection failed: given up %v, attempts %d, maybe sent %v; want a retry", j.Failed, j.Attempts, j.MaybeSent)
	}
}
