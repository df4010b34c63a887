package bot

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"trackbot/domain"
)

// Scheduling limits.
const (
	// maxSchedulerSleep bounds the scheduler's sleep. Settings changes and
	// new workspaces wake it at once; this is the safety net for any other
	// change that moves a run, such as a new time zone.
	maxSchedulerSleep = time.Hour
	// renderWorkers is how many posts are prepared at once: enough to keep
	// the sender busy while charts render, few enough not to hog the CPU.
	renderWorkers = 2
)

// killPoint names a step on a scheduled post's way out. Tests stop the bot
// there (see withCrash) to prove a crash at any step loses nothing.
type killPoint int

// The steps a test can stop the bot at.
const (
	beforeStore   killPoint = iota + 1 // the post is built, its jobs not stored
	afterStore                         // the jobs are stored, the sender not told
	afterTransmit                      // Telegram took a job, it is not marked sent
)

// schedulerDeps is everything the scheduler needs from the rest of the bot.
type schedulerDeps struct {
	store domain.Store
	now   func() time.Time
	// build returns the jobs of a workspace's post of kind for the run at run.
	build func(ws *domain.Workspace, kind domain.ScheduleKind, run time.Time) ([]*domain.OutboxJob, error)
	// enqueue hands stored jobs to the sender.
	enqueue func([]*domain.OutboxJob)
	log     *slog.Logger
	red     *redactor
	// stopsAt is the bot's test hook: true stops the work at that step as a
	// crash would.
	stopsAt func(killPoint) bool
	// ran counts a handled run, posted or missed (for the metrics); nil
	// counts nothing.
	ran func(kind domain.ScheduleKind, missed bool)
	// dutiesDue and doDuties are what a workspace's reviews owe by
	// themselves, reminders and closing (review_duties.go): whether
	// something is owed at now and when next, and doing it; nil dutiesDue
	// owes nothing.
	dutiesDue func(tx domain.Tx, ws *domain.Workspace, now time.Time) (owed bool, next time.Time, err error)
	doDuties  func(wsID int64, now time.Time) ([]*domain.OutboxJob, error)
}

// scheduler posts the weekly snapshot, the numbers reminder and the
// hypothesis digest of every workspace on time, and does what each
// workspace's latest review owes (reminders of unanswered questions, its
// closing). It keeps no state of its
// own: each schedule remembers the last run it handled, and each post's
// outbox key (kind, workspace, period) makes sure it is stored once, so a
// restart at any moment neither loses nor repeats a post.
type scheduler struct {
	schedulerDeps
	wake    chan struct{}
	changed atomic.Bool
	// known holds the workspaces of the last look, so an update that
	// creates one wakes the scheduler.
	mu    sync.Mutex
	known map[int64]bool
	zones map[string]*time.Location
}

func newScheduler(deps schedulerDeps) *scheduler {
	return &scheduler{schedulerDeps: deps, wake: make(chan struct{}, 1), known: map[int64]bool{}, zones: map[string]*time.Location{}}
}

// settingsChanged notes that a schedule changed in the update being handled;
// the scheduler looks again once the update is committed.
func (s *scheduler) settingsChanged() { s.changed.Store(true) }

// afterUpdate wakes the scheduler after a committed update that changed a
// schedule or set up a workspace it has not seen.
func (s *scheduler) afterUpdate(ws *domain.Workspace) {
	changed := s.changed.CompareAndSwap(true, false)
	if ws != nil && ws.ID != 0 {
		s.mu.Lock()
		changed = changed || !s.known[ws.ID]
		s.mu.Unlock()
	}
	if changed {
		select {
		case s.wake <- struct{}{}:
		default:
		}
	}
}

// location returns the workspace's time zone, loaded once per name: the
// scheduler asks for every workspace on every look.
func (s *scheduler) location(ws *domain.Workspace) *time.Location {
	s.mu.Lock()
	defer s.mu.Unlock()
	loc, ok := s.zones[ws.TimeZone]
	if !ok {
		loc = ws.Location()
		s.zones[ws.TimeZone] = loc
	}
	return loc
}

// run handles due posts and sleeps until the next one, until ctx ends.
// Sleeping goes through the runtime's timers, which testing/synctest
// fakes, so months of schedules run in milliseconds in a test.
func (s *scheduler) run(ctx context.Context) {
	for ctx.Err() == nil {
		next := s.tick(ctx)
		wait := maxSchedulerSleep
		if !next.IsZero() {
			wait = min(wait, next.Sub(s.now()))
		}
		timer := time.NewTimer(max(wait, 0))
		select {
		case <-ctx.Done():
		case <-s.wake:
		case <-timer.C:
		}
		timer.Stop()
	}
}

// dueRun is one owed run of a workspace's schedule.
type dueRun struct {
	kind domain.ScheduleKind
	at   time.Time
}

// dueWork is what one workspace owes now.
type dueWork struct {
	ws   *domain.Workspace
	runs []dueRun
	duty bool // its review owes a reminder or its closing
}

// tick handles every owed run and returns the time of the next run of any
// workspace (zero when none is scheduled).
func (s *scheduler) tick(ctx context.Context) time.Time {
	now := s.now()
	work, next, err := s.due(now)
	if err != nil {
		s.log.Error("reading the schedules failed", "err", s.red.Err(err))
		return now.Add(time.Minute)
	}
	s.handleAll(ctx, work, now)
	return next
}

// due lists the owed runs per workspace and the next run after now.
func (s *scheduler) due(now time.Time) ([]dueWork, time.Time, error) {
	var all []*domain.Workspace
	duties := map[int64]bool{}
	var next time.Time
	err := s.store.View(func(tx domain.Tx) error {
		var err error
		if all, err = tx.Workspaces().List(); err != nil || s.dutiesDue == nil {
			return err
		}
		for _, ws := range all {
			owed, at, err := s.dutiesDue(tx, ws, now)
			if err != nil {
				return err
			}
			duties[ws.ID] = owed && !ws.Parked
			if !at.IsZero() && !ws.Parked && (next.IsZero() || at.Before(next)) {
				next = at
			}
		}
		return nil
	})
	if err != nil {
		return nil, time.Time{}, err
	}
	known := make(map[int64]bool, len(all))
	var work []dueWork
	for _, ws := range all {
		known[ws.ID] = true
		if ws.Parked {
			continue
		}
		loc := s.location(ws)
		var runs []dueRun
		for _, kind := range domain.ScheduleKinds {
			sch := ws.Schedule(kind)
			if last := domain.LastRun(sch, now, loc); sch.Owed(last) {
				runs = append(runs, dueRun{kind: kind, at: last})
			}
			if n := domain.NextRun(sch, now, loc); !n.IsZero() && (next.IsZero() || n.Before(next)) {
				next = n
			}
		}
		if len(runs) > 0 || duties[ws.ID] {
			work = append(work, dueWork{ws: ws, runs: runs, duty: duties[ws.ID]})
		}
	}
	s.mu.Lock()
	s.known = known
	s.mu.Unlock()
	return work, next, nil
}

// handleAll prepares and stores the workspaces' posts on a bounded pool,
// so charts of many workspaces render side by side while the sender
// already delivers the first ones.
func (s *scheduler) handleAll(ctx context.Context, work []dueWork, now time.Time) {
	queue := make(chan dueWork)
	var wg sync.WaitGroup
	for range min(renderWorkers, len(work)) {
		wg.Go(func() {
			for w := range queue {
				if err := s.handle(w, now); err != nil {
					s.log.Error("a scheduled post failed", "workspace", w.ws.ID, "err", s.red.Err(err))
				}
			}
		})
	}
	for _, w := range work {
		if ctx.Err() != nil {
			break
		}
		queue <- w
	}
	close(queue)
	wg.Wait()
}

// preparedRun is a run with its jobs built, or marked as skipped.
type preparedRun struct {
	dueRun
	jobs   []*domain.OutboxJob // nil when there is nothing to say
	missed bool                // too late to post: skipped, the CEOs are told
}

// handle builds the workspace's owed posts and stores them, with the runs
// marked handled, in one transaction: either the posts are queued and the
// runs done, or nothing happened and the next look tries again.
func (s *scheduler) handle(w dueWork, now time.Time) error {
	if w.duty {
		added, err := s.doDuties(w.ws.ID, now)
		if err != nil {
			return err
		}
		s.enqueue(added)
	}
	if len(w.runs) == 0 {
		return nil
	}
	var prepared []preparedRun
	for _, r := range w.runs {
		p := preparedRun{dueRun: r, missed: w.ws.Schedule(r.kind).TooLate(r.at, now)}
		if !p.missed {
			jobs, err := s.build(w.ws, r.kind, r.at)
			if err != nil {
				return err
			}
			p.jobs = keyed(jobs, domain.PostKey(r.kind, w.ws.ID, w.ws.Schedule(r.kind).Period(r.at, s.location(w.ws))))
		}
		prepared = append(prepared, p)
	}
	if s.stopsAt(beforeStore) {
		return nil
	}
	added, err := s.save(w.ws.ID, prepared, now)
	if err != nil {
		return err
	}
	if s.ran != nil {
		for _, p := range prepared {
			s.ran(p.kind, p.missed)
		}
	}
	if s.stopsAt(afterStore) {
		return nil
	}
	s.enqueue(added)
	return nil
}

// keyed gives a post's jobs their outbox keys: the first one the post's
// key, the others the key with their position.
func keyed(jobs []*domain.OutboxJob, key string) []*domain.OutboxJob {
	for i, j := range jobs {
		j.Key = key
		if i > 0 {
			j.Key = fmt.Sprintf("%s:%d", key, i+1)
		}
	}
	return jobs
}

// save adds the prepared posts to the outbox, marks their runs handled and
// adds the note about skipped posts, all in one transaction. A run another
// process handled meanwhile is left alone.
func (s *scheduler) save(wsID int64, prepared []preparedRun, now time.Time) ([]*domain.OutboxJob, error) {
	var added []*domain.OutboxJob
	err := s.store.Update(func(tx domain.Tx) error {
		added = nil
		ws, err := tx.Workspaces().Get(wsID)
		if err != nil {
			return err
		}
		var missed []preparedRun
		for _, p := range prepared {
			sch := ws.Schedule(p.kind)
			if !sch.Owed(p.at) {
				continue
			}
			sch.Done = p.at
			ws.SetSchedule(sch)
			if p.missed {
				missed = append(missed, p)
			}
			for _, job := range p.jobs {
				job.CreatedAt = now
				ok, err := tx.Outbox().Add(job)
				if err != nil {
					return err
				}
				if ok {
					added = append(added, job)
				}
			}
		}
		if len(missed) > 0 {
			note := missedNote(ws, missed)
			if ok, err := tx.Outbox().Add(note); err != nil {
				return err
			} else if ok {
				added = append(added, note)
			}
		}
		return tx.Workspaces().Put(ws)
	})
	return added, err
}

// missedNote tells the CEOs which posts were skipped after downtime. Its
// key names the latest skipped run, so it is stored once.
func missedNote(ws *domain.Workspace, missed []preparedRun) *domain.OutboxJob {
	var names []string
	var latest time.Time
	for _, p := range missed {
		names = append(names, domain.Text(ws.Lang, "schedule.kind."+string(p.kind)))
		latest = later(latest, p.at)
	}
	text := domain.Text(ws.Lang, "missed.note", strings.Join(names, ", "))
	if ceos := ws.CEOs(); len(ceos) > 0 {
		text = mentions(ceos) + "\n" + text
	}
	return &domain.OutboxJob{
		Key:       fmt.Sprintf("missed:%d:%d", ws.ID, latest.Unix()),
		Workspace: ws.ID,
		ChatID:    ws.ChatID,
		ThreadID:  ws.Topic(domain.PostOf(missed[0].kind)), // beside the posts it is about
		Priority:  domain.PriorityBulk,
		Kind:      domain.SendText,
		Text:      text,
	}
}
