package bot

import (
	"fmt"
	"testing"
	"time"

	"trackbot/bot/telegramtest"
	"trackbot/domain"
)

// loadResult is how a burst of scheduled posts went out.
type loadResult struct {
	messages int
	span     time.Duration // first to last message Telegram took
	total    time.Duration // from the bot's start to the last message
	best     time.Duration // what the limits allow at best: messages / 30 per second
	tooMany  int           // 429 answers
}

// runLoad sets up n workspaces whose weekly snapshot (one text message,
// as they have no numbers) is due in the same minute, runs the bot
// against a fake Telegram that enforces the flood limits, and measures
// until every post is taken.
func runLoad(tb testing.TB, n int) loadResult {
	tb.Helper()
	tg := telegramtest.New(tb, telegramtest.WithFaults(telegramtest.Faults{EnforceFloodLimits: true}))
	// Monday 30 March 2026, 09:00:05 in London.
	clock := shiftedClock(time.Date(2026, 3, 30, 8, 0, 5, 0, time.UTC))
	db := openDB(tb, clock)
	mustUpdate(tb, db, func(tx domain.Tx) error {
		for i := range n {
			ws := testWorkspace(-1005000000000-int64(i), "Europe/London", clock().Add(-48*time.Hour))
			for _, k := range []domain.ScheduleKind{domain.ScheduleReminder, domain.ScheduleDigest} {
				s := domain.DefaultSchedule(k)
				s.Off, s.Since = true, ws.CreatedAt
				ws.SetSchedule(s)
			}
			if err := tx.Workspaces().Create(ws); err != nil {
				return err
			}
		}
		return nil
	})

	b := newTestBot(tb, Config{Token: tg.Token(), APIURL: tg.URL(), ShutdownGrace: time.Second}, db, clock)
	started := time.Now()
	stop := runBot(tb, b)
	tg.WaitFor(tb, time.Duration(n)*time.Second, "every snapshot sent", func() bool {
		return len(sentMessages(tg)) >= n
	})
	stop()

	calls := sentMessages(tg)
	first, last := calls[0].Time, calls[len(calls)-1].Time
	return loadResult{
		messages: len(calls),
		span:     last.Sub(first),
		total:    last.Sub(started),
		best:     time.Duration(float64(len(calls)) / float64(DefaultLimits().GlobalPerSecond) * float64(time.Second)),
		tooMany:  tg.Count429(),
	}
}

// sentMessages returns the sendMessage calls Telegram took, in arrival order.
func sentMessages(tg *telegramtest.Server) []telegramtest.Call {
	var out []telegramtest.Call
	for _, c := range tg.CallsTo("sendMessage") {
		if c.Status == 200 {
			out = append(out, c)
		}
	}
	return out
}

// Test200WorkspacesDueAtOnce_NoFlood: 200 snapshots due in the same minute
// all go out, without a single 429. How close the burst comes to the limits
// is measured by BenchmarkScheduledPosts (a timed assertion here would fail
// on a busy machine, not on slow code).
func Test200WorkspacesDueAtOnce_NoFlood(t *testing.T) {
	if testing.Short() {
		t.Skip("takes about 7 s")
	}
	// It waits on the real limits rather than the CPU: let the others run.
	t.Parallel()
	r := runLoad(t, 200)
	t.Logf("%d messages: first to last %v, from start %v, best %v, 429s %d", r.messages, r.span, r.total, r.best, r.tooMany)
	if r.messages != 200 {
		t.Errorf("messages = %d, want 200 (one per workspace)", r.messages)
	}
	if r.tooMany != 0 {
		t.Errorf("429 answers = %d, want 0", r.tooMany)
	}
}

// BenchmarkScheduledPosts measures bursts of scheduled posts against the
// flood limits; "overhead-%" is how much longer the burst took than the
// limits allow at best (the goal is at most 10):
//
//	go test -run XXX -bench ScheduledPosts -benchtime 1x ./bot
func BenchmarkScheduledPosts(b *testing.B) {
	for _, n := range []int{200, 1000} {
		b.Run(fmt.Sprintf("%d_workspaces", n), func(b *testing.B) {
			for range b.N {
				r := runLoad(b, n)
				b.ReportMetric(r.span.Seconds(), "s-first-to-last")
				b.ReportMetric(r.total.Seconds(), "s-from-start")
				b.ReportMetric(r.best.Seconds(), "s-best")
				b.ReportMetric(100*(r.total.Seconds()/r.best.Seconds()-1), "overhead-%")
				b.ReportMetric(float64(r.messages)/r.span.Seconds(), "msgs/s")
				b.ReportMetric(float64(r.tooMany), "429s")
			}
		})
	}
}
