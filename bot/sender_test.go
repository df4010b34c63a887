package bot

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"trackbot/domain"
)

// wire records when each job reached "Telegram" (the sender's transmit
// function), on the running clock.
type wire struct {
	mu   sync.Mutex
	at   map[int64][]time.Time // by chat
	all  []time.Time
	fail func(job *domain.OutboxJob) error
}

func (w *wire) transmit(job *domain.OutboxJob) ([]int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.fail != nil {
		if err := w.fail(job); err != nil {
			return nil, err
		}
	}
	now := time.Now()
	w.at[job.ChatID] = append(w.at[job.ChatID], now)
	w.all = append(w.all, now)
	return []int{len(w.all)}, nil
}

func (w *wire) times(chat int64) []time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]time.Time(nil), w.at[chat]...)
}

// runSender stores jobs, sends them with a sender keeping lim on the
// bubble's clock, and returns what reached the wire once nothing is left
// to send. It must run inside synctest.Test.
func runSender(t *testing.T, lim Limits, w *wire, jobs []*domain.OutboxJob) {
	t.Helper()
	db := openDB(t, time.Now)
	mustUpdate(t, db, func(tx domain.Tx) error {
		for _, j := range jobs {
			if _, err := tx.Outbox().Add(j); err != nil {
				return err
			}
		}
		return nil
	})
	noChat := func(int64) error { return nil }
	s := newSender(senderDeps{
		store: db, now: time.Now, limits: lim, transmit: w.transmit,
		moveChat: func(int64, int64) error { return nil }, parkChat: noChat,
		log: slog.New(slog.DiscardHandler), red: newRedactor(""),
		stopsAt: func(killPoint) bool { return false },
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		s.run(ctx)
		close(done)
	}()
	s.enqueue(jobs)
	for !s.idle() {
		time.Sleep(100 * time.Millisecond) // the bubble's clock: no real wait
	}
	cancel()
	<-done
}

func texts(chat int64, n int) []*domain.OutboxJob {
	jobs := make([]*domain.OutboxJob, n)
	for i := range jobs {
		jobs[i] = &domain.OutboxJob{ChatID: chat, Kind: domain.SendText, Text: fmt.Sprint(i)}
	}
	return jobs
}

// maxInWindow is the most times that fall within any window of length d.
func maxInWindow(times []time.Time, d time.Duration) int {
	best := 0
	for i := range times {
		n := 0
		for _, u := range times[i:] {
			if u.Sub(times[i]) < d {
				n++
			}
		}
		best = max(best, n)
	}
	return best
}

func TestSender_KeepsTelegramsLimitsByDefault(t *testing.T) {
	const group, person = -1001, 42
	synctest.Test(t, func(t *testing.T) {
		w := &wire{at: map[int64][]time.Time{}}
		start := time.Now()
		jobs := append(texts(group, 25), texts(person, 5)...)
		// 40 other people get one message each at the same moment.
		for i := range 40 {
			jobs = append(jobs, texts(int64(1000+i), 1)...)
		}
		runSender(t, Limits{}, w, jobs)

		g := w.times(group)
		if len(g) != 25 {
			t.Fatalf("group messages sent = %d, want 25", len(g))
		}
		for i := 1; i < len(g); i++ {
			if gap := g[i].Sub(g[i-1]); gap < time.Second {
				t.Errorf("group messages %d and %d %v apart, want at least 1 s", i-1, i, gap)
			}
		}
		if n := maxInWindow(g, time.Minute); n > 20 {
			t.Errorf("%d group messages within a minute, want at most 20", n)
		}
		// The first 20 go a second apart; the 21st waits for the minute.
		if got := g[19].Sub(start); got > 20*time.Second {
			t.Errorf("20th group message after %v, want within 20 s", got)
		}
		if got := g[20].Sub(g[0]); got < time.Minute {
			t.Errorf("21st group message %v after the first, want at least a minute", got)
		}

		p := w.times(person)
		if len(p) != 5 {
			t.Fatalf("private messages sent = %d, want 5", len(p))
		}
		if got := p[4].Sub(p[0]); got < 4*time.Second || got > 5*time.Second {
			t.Errorf("5 private messages over %v, want a second apart and no per-minute cap", got)
		}
		if n := maxInWindow(w.all, time.Second); n > 30 {
			t.Errorf("%d requests within a second, want at most 30", n)
		}
	})
}

func TestSender_LimitsAreConfigurable(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := &wire{at: map[int64][]time.Time{}}
		start := time.Now()
		runSender(t, Limits{ChatInterval: 10 * time.Millisecond, GroupPerMinute: 1000, GlobalPerSecond: 1000}, w, texts(-1001, 25))
		g := w.times(-1001)
		if len(g) != 25 {
			t.Fatalf("messages sent = %d, want 25", len(g))
		}
		for i := 1; i < len(g); i++ {
			if gap := g[i].Sub(g[i-1]); gap < 10*time.Millisecond {
				t.Errorf("messages %d and %d %v apart, want at least 10 ms", i-1, i, gap)
			}
		}
		if got := g[24].Sub(start); got > time.Second {
			t.Errorf("25 messages took %v with a 10 ms interval, want well under a second", got)
		}
	})
}

func TestSender_HoldsTheChatForRetryAfter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var refusedAt time.Time
		w := &wire{at: map[int64][]time.Time{}}
		w.fail = func(job *domain.OutboxJob) error {
			if refusedAt.IsZero() && job.Text == "1" {
				refusedAt = time.Now()
				return &apiError{Code: http.StatusTooManyRequests, Description: "Too Many Requests: retry after 5", RetryAfter: 5}
			}
			return nil
		}
		runSender(t, DefaultLimits(), w, texts(7, 3))
		got := w.times(7)
		if len(got) != 3 {
			t.Fatalf("messages sent = %d, want 3 (the refused one again)", len(got))
		}
		if wait := got[1].Sub(refusedAt); wait < 5*time.Second {
			t.Errorf("resent %v after a 429 with retry_after 5, want at least 5 s", wait)
		}
	})
}

func TestSender_AnswersToPressesWaitBehindNoMessage(t *testing.T) {
	const group = -1001
	synctest.Test(t, func(t *testing.T) {
		w := &wire{at: map[int64][]time.Time{}}
		start := time.Now()
		// 50 messages wait in the group's queue when a press is answered.
		jobs := texts(group, 50)
		jobs = append(jobs, &domain.OutboxJob{ChatID: group, Kind: domain.AnswerCallback, CallbackID: "q1", Text: "Saved."})
		var answeredAt time.Time
		w.fail = func(job *domain.OutboxJob) error {
			if job.Kind == domain.AnswerCallback {
				answeredAt = time.Now()
			}
			return nil
		}
		runSender(t, DefaultLimits(), w, jobs)
		if answeredAt.IsZero() {
			t.Fatal("the press was never answered")
		}
		if d := answeredAt.Sub(start); d > time.Second {
			t.Errorf("the press was answered after %v behind queued messages, want within a second", d)
		}
		if n := len(w.times(group)); n != 51 {
			t.Errorf("requests to the group = %d, want 51", n)
		}
		// The answer does not count against the group's pace.
		if n := maxInWindow(w.times(group), time.Minute); n > 21 {
			t.Errorf("%d requests to the group within a minute, want 20 messages and the answer", n)
		}
	})
}
