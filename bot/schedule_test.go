package bot

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"trackbot/bot/telegramtest"
	"trackbot/domain"
)

// TestScheduler_ThreeMonthsAcrossTheClockChange runs the scheduler from 1
// March to 1 June 2026 on synctest's clock, with a London workspace (the
// clocks go forward on 29 March) whose heads report some weeks and not
// others and whose hypotheses fall due twice, and a Moscow workspace with
// the reminder switched off.
func TestScheduler_ThreeMonthsAcrossTheClockChange(t *testing.T) {
	t.Parallel()
	london, _ := time.LoadLocation("Europe/London")
	moscow, _ := time.LoadLocation("Europe/Moscow")
	firstWeek := domain.WeekOf(time.Date(2026, 3, 2, 0, 0, 0, 0, london))
	var jobs map[string]*domain.OutboxJob
	var a, b *domain.Workspace
	synctest.Test(t, func(t *testing.T) {
		start := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
		end := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
		clock := shiftedClock(start)
		db := openDB(t, clock)
		a = createWorkspace(t, db, testWorkspace(-1001, "Europe/London", start.Add(-24*time.Hour)))
		b = testWorkspace(-1002, "Europe/Moscow", start.Add(-24*time.Hour))
		reminderOff := domain.DefaultSchedule(domain.ScheduleReminder)
		reminderOff.Off, reminderOff.Since = true, b.CreatedAt
		b.SetSchedule(reminderOff)
		createWorkspace(t, db, b)
		h1 := &domain.Hypothesis{Workspace: a.ID, Number: 1, Text: "Call leads within 5 minutes", Department: domain.DeptSales,
			Status: domain.StatusNew, Deadline: domain.Date{Year: 2026, Month: time.March, Day: 18}}
		h2 := &domain.Hypothesis{Workspace: a.ID, Number: 2, Text: "Landing page for dealers", Department: domain.DeptMarketing,
			Status: domain.StatusInProgress, Deadline: domain.Date{Year: 2026, Month: time.May, Day: 2}}
		mustUpdate(t, db, func(tx domain.Tx) error {
			if err := tx.Hypotheses().Create(h1); err != nil {
				return err
			}
			return tx.Hypotheses().Create(h2)
		})

		bot := newTestBot(t, Config{}, db, clock)
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() {
			bot.sched.run(ctx)
			close(done)
		}()

		// The heads report on Wednesdays: marketing always but in week 5;
		// sales for both segments, dealers only, or not at all, in turn.
		type event struct {
			at time.Time
			do func(tx domain.Tx) error
		}
		var events []event
		for i := range 13 {
			w := firstWeek.Add(i)
			wednesday := w.Monday(london).AddDate(0, 0, 2).Add(12 * time.Hour)
			events = append(events, event{wednesday, func(tx domain.Tx) error {
				marketing := i != 5
				for _, r := range []domain.WeeklyRecord{
					weekRecord("dealers", w, marketing, i%3 != 2),
					weekRecord("retail", w, marketing, i%3 == 0),
				} {
					if len(r.Counts) == 0 {
						continue
					}
					if err := tx.Records().Put(a.ID, r); err != nil {
						return err
					}
				}
				return nil
			}})
		}
		setStatus := func(h *domain.Hypothesis, st domain.HypothesisStatus) func(tx domain.Tx) error {
			return func(tx domain.Tx) error {
				stored, err := tx.Hypotheses().Get(a.ID, h.ID)
				if err != nil {
					return err
				}
				stored.Status = st
				return tx.Hypotheses().Put(stored)
			}
		}
		events = append(events,
			event{time.Date(2026, 3, 20, 9, 0, 0, 0, london), setStatus(h1, domain.StatusDone)},
			event{time.Date(2026, 5, 5, 8, 0, 0, 0, london), setStatus(h2, domain.StatusDropped)})
		slices.SortFunc(events, func(x, y event) int { return x.at.Compare(y.at) })
		for _, e := range events {
			time.Sleep(e.at.Sub(clock()))
			mustUpdate(t, db, e.do)
		}
		time.Sleep(end.Sub(clock()))
		cancel()
		<-done
		jobs = storedJobs(t, db)
	})

	t.Run("one snapshot per workspace and week, at 09:00 local", func(t *testing.T) {
		for _, ws := range []struct {
			id  int64
			loc *time.Location
		}{{a.ID, london}, {b.ID, moscow}} {
			snaps := postsOf(jobs, domain.ScheduleSnapshot, ws.id)
			var want []string
			for i := range 13 {
				want = append(want, firstWeek.Add(i-1).String())
			}
			if got := sortedKeys(snaps); !slices.Equal(got, want) {
				t.Errorf("workspace %d snapshot weeks = %v, want %v", ws.id, got, want)
			}
			for period, j := range snaps {
				local := j.CreatedAt.In(ws.loc)
				if local.Weekday() != time.Monday || local.Hour() != 9 || local.Minute() != 0 {
					t.Errorf("workspace %d snapshot of %s stored at %s, want Monday 09:00 local", ws.id, period, local)
				}
			}
		}
	})

	t.Run("snapshots of reported weeks carry the charts", func(t *testing.T) {
		for _, i := range []int{6, 11} {
			key := domain.PostKey(domain.ScheduleSnapshot, a.ID, firstWeek.Add(i).String()) + ":2"
			j, ok := jobs[key]
			if !ok || j.Kind != domain.SendMediaGroup || len(j.Files) < 2 ||
				!strings.HasPrefix(j.Files[0].Name, "funnel-") || !strings.HasPrefix(j.Files[1].Name, "trend-") {
				t.Errorf("%s: got %v, want a media group of the funnel and the trend", key, fileNames(j))
			}
		}
		// The first week of numbers has no trend yet, and the text says so.
		first := domain.PostKey(domain.ScheduleSnapshot, a.ID, firstWeek.String())
		if j := jobs[first+":2"]; j == nil || j.Kind != domain.SendPhoto || !strings.HasPrefix(j.Files[0].Name, "funnel-") {
			t.Errorf("%s: got %v, want the funnel alone", first, fileNames(j))
		}
		if j := jobs[first]; j == nil || !strings.Contains(j.Text, "Conversion trend · Dealers — needs 3 weeks with numbers, has 1") {
			t.Errorf("%s: text does not say why the trend is left out: %+v", first, j)
		}
		if j := jobs[domain.PostKey(domain.ScheduleSnapshot, a.ID, firstWeek.Add(-1).String())]; j == nil || !strings.Contains(j.Text, "No numbers") {
			t.Errorf("snapshot of the week before any numbers: got %+v, want the no-numbers text", j)
		}
	})

	t.Run("reminders only to the heads missing numbers", func(t *testing.T) {
		want := map[string][]string{}
		for i := range 13 {
			var heads []string
			if i == 5 {
				heads = append(heads, "@mark")
			}
			if i%3 != 0 {
				heads = append(heads, "@sam")
			}
			if len(heads) > 0 {
				want[firstWeek.Add(i).String()] = heads
			}
		}
		got := postsOf(jobs, domain.ScheduleReminder, a.ID)
		if !slices.Equal(sortedKeys(got), sortedKeys(want)) {
			t.Fatalf("reminder weeks = %v, want %v", sortedKeys(got), sortedKeys(want))
		}
		for week, heads := range want {
			text := got[week].Text
			for _, h := range []string{"@mark", "@sam"} {
				if strings.Contains(text, h) != slices.Contains(heads, h) {
					t.Errorf("reminder of %s mentions %s: %v, want %v\n%s", week, h, !slices.Contains(heads, h), slices.Contains(heads, h), text)
				}
			}
		}
		if n := len(postsOf(jobs, domain.ScheduleReminder, b.ID)); n != 0 {
			t.Errorf("switched-off reminders of workspace %d: got %d, want 0", b.ID, n)
		}
	})

	t.Run("digests only on days something is due", func(t *testing.T) {
		want := []string{"2026-03-17", "2026-03-18", "2026-03-19", "2026-05-01", "2026-05-04"}
		if got := sortedKeys(postsOf(jobs, domain.ScheduleDigest, a.ID)); !slices.Equal(got, want) {
			t.Errorf("digest days = %v, want %v", got, want)
		}
		if n := len(postsOf(jobs, domain.ScheduleDigest, b.ID)); n != 0 {
			t.Errorf("digests of workspace %d without hypotheses: got %d, want 0", b.ID, n)
		}
	})

	t.Run("nothing else was stored", func(t *testing.T) {
		for key := range jobs {
			if strings.HasPrefix(key, "missed:") {
				t.Errorf("unexpected note %s: the scheduler never missed a run", key)
			}
		}
	})
}

func TestScheduler_AfterDowntime(t *testing.T) {
	// The London snapshot runs on Monday 30 March 2026 at 09:00 BST (08:00 UTC).
	run := time.Date(2026, 3, 30, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		back      time.Time
		wantPost  bool
		wantNotes int
	}{
		{"back the same day: posted once", run.Add(11 * time.Hour), true, 0},
		{"back just within a day: posted once", run.Add(24 * time.Hour), true, 0},
		{"back after a day: skipped, the CEOs told once", run.Add(25 * time.Hour), false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := func() time.Time { return tt.back }
			db := openDB(t, clock)
			ws := testWorkspace(-1001, "Europe/London", run.Add(-72*time.Hour))
			// Only the snapshot: the other posts are switched off.
			for _, k := range []domain.ScheduleKind{domain.ScheduleReminder, domain.ScheduleDigest} {
				s := domain.DefaultSchedule(k)
				s.Off, s.Since = true, ws.CreatedAt
				ws.SetSchedule(s)
			}
			createWorkspace(t, db, ws)

			for range 2 { // a second start must add nothing
				bot := newTestBot(t, Config{}, db, clock)
				bot.sched.tick(context.Background())
			}

			jobs := storedJobs(t, db)
			_, posted := jobs[domain.PostKey(domain.ScheduleSnapshot, ws.ID, "2026-W13")]
			if posted != tt.wantPost {
				t.Errorf("snapshot of 2026-W13 stored: %v, want %v", posted, tt.wantPost)
			}
			var notes []*domain.OutboxJob
			for key, j := range jobs {
				if strings.HasPrefix(key, "missed:") {
					notes = append(notes, j)
				}
			}
			if len(notes) != tt.wantNotes {
				t.Fatalf("notes = %d, want %d", len(notes), tt.wantNotes)
			}
			if len(jobs) != len(notes)+btoi(posted) {
				t.Errorf("stored jobs = %v, want only the post or the note", sortedKeys(jobs))
			}
			for _, n := range notes {
				if !strings.Contains(n.Text, "@anna") || !strings.Contains(n.Text, "Weekly snapshot") {
					t.Errorf("note = %q, want it to mention the CEO and name the weekly snapshot", n.Text)
				}
			}
		})
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestScheduler_ChangedTimeOwesOnlyLaterRuns(t *testing.T) {
	// A CEO moves the snapshot to Monday 08:00 at 08:30: today's 08:00 is
	// not owed, next Monday's is.
	now := time.Date(2026, 3, 30, 7, 30, 0, 0, time.UTC) // 08:30 BST
	db := openDB(t, func() time.Time { return now })
	ws := testWorkspace(-1001, "Europe/London", now.Add(-72*time.Hour))
	ch := scheduleChange{kind: domain.ScheduleSnapshot, days: []time.Weekday{time.Monday}, hour: 8, timed: true}
	ws.SetSchedule(ch.apply(ws.Schedule(domain.ScheduleSnapshot), now))
	createWorkspace(t, db, ws)

	bot := newTestBot(t, Config{}, db, func() time.Time { return now })
	next := bot.sched.tick(context.Background())

	if got := postsOf(storedJobs(t, db), domain.ScheduleSnapshot, ws.ID); len(got) != 0 {
		t.Errorf("snapshots stored = %v, want none", sortedKeys(got))
	}
	// The digest at 10:00 BST comes first.
	if want := time.Date(2026, 3, 30, 9, 0, 0, 0, time.UTC); !next.Equal(want) {
		t.Errorf("next run = %s, want %s", next, want)
	}
}

// TestScheduledPost_KillAtEachStep stops the bot at each step of a
// scheduled post's way out and starts a new one on the same database
// against the same fake Telegram: the post is never doubled. A post whose
// request may have reached Telegram without the bot learning the answer
// is not sent again (a scheduled post is not a harmless repeat, see
// domain.OutboxJob.RepeatHarmless): it is there once when Telegram had
// taken it, and missing only when a connection broke after the request
// left but before Telegram took it.
func TestScheduledPost_KillAtEachStep(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		kill   killPoint
		fault  bool // the connection drops without an answer
		effect bool // ... after Telegram took the message
		want   int
	}{
		{"killed before the job is stored", beforeStore, false, false, 1},
		{"killed after the job is stored", afterStore, false, false, 1},
		{"killed after Telegram answered, before it is marked sent", afterTransmit, false, false, 1},
		{"the answer is lost on the way back", 0, true, true, 1},
		{"the connection drops before Telegram takes it", 0, true, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tg := telegramtest.New(t)
			// Monday 30 March 2026, 09:00:30 in London: the snapshot is due.
			clock := shiftedClock(time.Date(2026, 3, 30, 8, 0, 30, 0, time.UTC))
			db := openDB(t, clock)
			ws := createWorkspace(t, db, testWorkspace(-1001234, "Europe/London", clock().Add(-48*time.Hour)))
			key := domain.PostKey(domain.ScheduleSnapshot, ws.ID, "2026-W13")
			cfg := Config{Token: tg.Token(), APIURL: tg.URL(), ShutdownGrace: 200 * time.Millisecond}
			if tt.fault {
				tg.FailNext("sendMessage", telegramtest.Failure{AfterEffect: tt.effect, Drop: true})
			}

			killed := make(chan struct{})
			var once sync.Once
			first := newTestBot(t, cfg, db, clock, withCrash(func(p killPoint) bool {
				if p != tt.kill {
					return false
				}
				once.Do(func() { close(killed) })
				return true
			}))
			stop := runBot(t, first)
			if tt.fault {
				waitFinished(t, db, key)
			} else {
				select {
				case <-killed:
				case <-time.After(20 * time.Second):
					t.Fatal("the bot never reached the kill point")
				}
			}
			stop()

			second := newTestBot(t, cfg, db, clock)
			stop = runBot(t, second)
			waitFinished(t, db, key)
			stop()

			if got := countSnapshots(tg, ws.ChatID); got != tt.want {
				t.Errorf("snapshot messages in the chat = %d, want %d", got, tt.want)
			}
		})
	}
}

// runBot runs b until the returned stop is called.
func runBot(t testing.TB, b *Bot) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	return func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(15 * time.Second):
			t.Fatal("the bot did not stop")
		}
	}
}

// waitFinished waits until the outbox marks the job with key sent or
// given up.
func waitFinished(t *testing.T, db domain.Store, key string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		var done bool
		_ = db.View(func(tx domain.Tx) error {
			j, ok, err := tx.Outbox().ByKey(key)
			done = ok && (j.Sent || j.Failed)
			return err
		})
		if done {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("job %s was not finished within 20 s", key)
}

func countSnapshots(tg *telegramtest.Server, chat int64) int {
	n := 0
	for _, m := range tg.Messages(chat) {
		if m.FromBot && strings.Contains(m.Text, "Weekly snapshot") {
			n++
		}
	}
	return n
}
