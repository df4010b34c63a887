package bot

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"testing"
	"testing/synctest"
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

// restartSender starts a sender on db as a restarted bot does (load, then
// run) and returns once nothing is left to send. It must run inside
// synctest.Test.
func restartSender(t *testing.T, db domain.Store, w *wire) {
	t.Helper()
	s := newIdleSender(db, w.transmit)
	if err := s.load(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		s.run(ctx)
		close(done)
	}()
	for !s.idle() {
		time.Sleep(100 * time.Millisecond)
	}
	cancel()
	<-done
}

// addJobs stores jobs; sentAt, when not nil, marks job i sent at sentAt[i].
func addJobs(t *testing.T, db domain.Store, jobs []*domain.OutboxJob, sentAt []time.Time) {
	t.Helper()
	mustUpdate(t, db, func(tx domain.Tx) error {
		for i, j := range jobs {
			if _, err := tx.Outbox().Add(j); err != nil {
				return err
			}
			if i < len(sentAt) {
				if err := tx.Outbox().Done(j.ID, []int{i + 1}, sentAt[i]); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

func TestSender_TheGroupsPaceSurvivesARestart(t *testing.T) {
	const group = -1001
	synctest.Test(t, func(t *testing.T) {
		db := openDB(t, time.Now)
		// 15 messages went to the group over the 30 s before the restart.
		var before []time.Time
		for i := range 15 {
			before = append(before, time.Now().Add(-30*time.Second+time.Duration(i)*2*time.Second))
		}
		addJobs(t, db, texts(group, 15), before)
		addJobs(t, db, texts(group, 10), nil)
		w := &wire{at: map[int64][]time.Time{}}
		restartSender(t, db, w)

		after := w.times(group)
		if len(after) != 10 {
			t.Fatalf("messages sent after the restart = %d, want 10", len(after))
		}
		if n := maxInWindow(append(before, after...), time.Minute); n > 20 {
			t.Errorf("%d group messages within a minute across the restart, want at most 20", n)
		}
		if gap := after[0].Sub(before[len(before)-1]); gap < time.Second {
			t.Errorf("the first message after the restart came %v after the last one before, want at least 1 s", gap)
		}
	})
}

func TestSender_AWaitTelegramAskedForSurvivesARestart(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		db := openDB(t, time.Now)
		start := time.Now()
		held := &domain.OutboxJob{ChatID: 7, Kind: domain.SendText, Text: "held", Priority: domain.PriorityBulk,
			NotBefore: start.Add(5 * time.Second), LastError: heldByTelegram}
		reply := &domain.OutboxJob{ChatID: 7, Kind: domain.SendText, Text: "a reply that came later", Priority: domain.PriorityReply}
		addJobs(t, db, []*domain.OutboxJob{held, reply}, nil)
		w := &wire{at: map[int64][]time.Time{}}
		restartSender(t, db, w)
		got := w.times(7)
		if len(got) != 2 {
			t.Fatalf("messages sent = %d, want 2", len(got))
		}
		if first := got[0].Sub(start); first < 5*time.Second {
			t.Errorf("the chat got a message %v after the restart, inside the 5 s Telegram asked for", first)
		}
	})
}

func TestSender_A401PausesSendingAndKeepsTheQueue(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		w := &wire{at: map[int64][]time.Time{}}
		refused := 0
		w.fail = func(job *domain.OutboxJob) error {
			if time.Since(start) < 10*time.Second {
				refused++
				return &apiError{Code: http.StatusUnauthorized, Description: "Unauthorized"}
			}
			return nil
		}
		runSender(t, DefaultLimits(), w, texts(7, 3))
		if refused != 1 {
			t.Errorf("requests refused with 401 = %d, want 1 before the pause", refused)
		}
		got := w.times(7)
		if len(got) != 3 {
			t.Fatalf("messages sent after the pause = %d, want all 3", len(got))
		}
		if wait := got[0].Sub(start); wait < unauthorizedPause {
			t.Errorf("sending resumed %v after a 401, want after the %v pause", wait, unauthorizedPause)
		}
	})
}
