package bot

import (
	"context"
	"log/slog"
	"slices"
	"sync"
	"time"

	"trackbot/domain"
)

// Waits before a failed send is tried again: the first, doubling with each
// attempt up to the cap.
const (
	firstRetryDelay = time.Second
	maxRetryDelay   = 60 * time.Second
)

// senderDeps is everything the sender needs from the rest of the bot.
type senderDeps struct {
	store  domain.Store
	now    func() time.Time
	limits Limits
	// retryDelay is the wait before the first retry of a failed send;
	// zero means firstRetryDelay.
	retryDelay time.Duration
	// transmit performs one job against the Bot API and returns the ids of
	// the messages it made; a refusal by Telegram is an *apiError, anything
	// else a network failure.
	transmit func(*domain.OutboxJob) ([]int, error)
	// moveChat rebinds a workspace to the supergroup its group became.
	moveChat func(from, to int64) error
	// parkChat marks the chat's workspace parked after the bot was removed.
	parkChat func(chatID int64) error
	log      *slog.Logger
	red      *redactor
	// stopsAt is the bot's test hook: true stops the work at that step as a
	// crash would.
	stopsAt func(killPoint) bool
}

// sender delivers outbox jobs. All sending goes through it, so one place
// keeps Telegram's limits (see Limits), and a chat held after a 429 until
// retry_after has passed. Jobs to one chat go out one at a time in order;
// different chats go out in parallel.
type sender struct {
	senderDeps
	mu   sync.Mutex
	jobs map[int64]bool // ids queued or in flight, so a job is never queued twice
	// chats holds per-chat queues and timing.
	chats map[int64]*chatLane
	// answers are the answers to button presses. They wait behind no
	// message: a press must be answered within seconds, and an answer puts
	// nothing into the chat, so it goes as soon as the overall limit
	// allows. answering marks those in flight.
	answers   []*domain.OutboxJob
	answering map[int64]bool
	// recent holds when the requests of the last second were answered and
	// inFlight counts those not answered yet. Counting a request from its
	// answer, not from when it left, keeps the limit even when requests
	// reach Telegram with uneven delays.
	recent   []time.Time
	inFlight int
	// heldUntil holds every chat after a 429 that no single chat explains.
	heldUntil time.Time
	wake      chan struct{}
	flight    sync.WaitGroup
}

func newSender(deps senderDeps) *sender {
	deps.limits = deps.limits.orDefault()
	if deps.retryDelay <= 0 {
		deps.retryDelay = firstRetryDelay
	}
	return &sender{senderDeps: deps, jobs: map[int64]bool{}, chats: map[int64]*chatLane{},
		answering: map[int64]bool{}, wake: make(chan struct{}, 1)}
}

// enqueue adds committed jobs to their chats' queues and wakes the loop.
func (s *sender) enqueue(jobs []*domain.OutboxJob) {
	if len(jobs) == 0 {
		return
	}
	s.mu.Lock()
	for _, j := range jobs {
		if s.jobs[j.ID] {
			continue
		}
		s.jobs[j.ID] = true
		if j.Kind == domain.AnswerCallback {
			s.answers = append(s.answers, j)
			continue
		}
		lane := s.lane(j.ChatID)
		lane.queue = append(lane.queue, j)
		slices.SortStableFunc(lane.queue, func(a, b *domain.OutboxJob) int {
			if a.Priority != b.Priority {
				return a.Priority - b.Priority
			}
			return int(a.ID - b.ID)
		})
	}
	s.mu.Unlock()
	s.poke()
}

func (s *sender) lane(chatID int64) *chatLane {
	l, ok := s.chats[chatID]
	if !ok {
		l = &chatLane{}
		s.chats[chatID] = l
	}
	return l
}

func (s *sender) poke() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// run dispatches jobs until ctx ends, then waits for sends in flight.
func (s *sender) run(ctx context.Context) {
	defer s.flight.Wait()
	for {
		wait := s.dispatch()
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case <-s.wake:
		case <-timer.C:
		}
		timer.Stop()
	}
}

// dispatch starts every job that may go now and returns how long to sleep
// before something else may.
func (s *sender) dispatch() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	if now.Before(s.heldUntil) {
		return s.heldUntil.Sub(now)
	}
	wait := time.Minute
	for _, job := range s.answers {
		if s.answering[job.ID] {
			continue
		}
		if job.NotBefore.After(now) {
			wait = min(wait, job.NotBefore.Sub(now))
			continue
		}
		if !s.globalAllows(now) {
			break
		}
		s.answering[job.ID] = true
		s.inFlight++
		s.flight.Add(1)
		go s.deliver(job)
	}
	for _, chatID := range s.readyChats(now, &wait) {
		if !s.globalAllows(now) {
			// With every slot in flight, the next answer wakes the loop.
			if len(s.recent) > 0 {
				wait = min(wait, s.recent[0].Add(time.Second).Sub(now))
			}
			break
		}
		lane := s.chats[chatID]
		job := lane.queue[0]
		lane.busy = true
		s.inFlight++
		s.flight.Add(1)
		go s.deliver(job)
	}
	return max(wait, time.Millisecond)
}

// readyChats returns the chats whose next job may go now, replies first;
// it lowers wait to the earliest time another becomes ready.
func (s *sender) readyChats(now time.Time, wait *time.Duration) []int64 {
	var ready []int64
	for chatID, lane := range s.chats {
		if lane.busy || len(lane.queue) == 0 {
			continue
		}
		at := lane.nextAt(chatID, lane.queue[0], s.limits)
		if at.After(now) {
			*wait = min(*wait, at.Sub(now))
			continue
		}
		ready = append(ready, chatID)
	}
	slices.SortFunc(ready, func(a, b int64) int {
		ja, jb := s.chats[a].queue[0], s.chats[b].queue[0]
		if ja.Priority != jb.Priority {
			return ja.Priority - jb.Priority
		}
		return int(ja.ID - jb.ID)
	})
	return ready
}

// deliver sends one job and records the outcome.
func (s *sender) deliver(job *domain.OutboxJob) {
	defer s.flight.Done()
	defer s.poke()
	if !job.Deadline.IsZero() && s.now().After(job.Deadline) {
		s.answered(job, false)
		s.giveUp(job, "past its deadline")
		return
	}
	if !job.RepeatHarmless() && !job.MaybeSent {
		// Marked before the request leaves: a crash while it is on the way
		// must not send it again after the restart.
		job.MaybeSent = true
		if err := s.store.Update(func(tx domain.Tx) error { return tx.Outbox().Put(job) }); err != nil {
			s.log.Error("marking a job as being sent failed", "job", job.ID, "err", s.red.Err(err))
		}
	}
	ids, err := s.transmit(job)
	s.answered(job, true)
	if err == nil && s.stopsAt(afterTransmit) {
		return
	}
	if err == nil {
		s.succeed(job, ids)
		return
	}
	s.handleFailure(job, err)
}

// finish frees the chat lane; done removes the job from the queue.
func (s *sender) finish(job *domain.OutboxJob, done bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if job.Kind == domain.AnswerCallback {
		delete(s.answering, job.ID)
		if done {
			delete(s.jobs, job.ID)
			s.answers = slices.DeleteFunc(s.answers, func(j *domain.OutboxJob) bool { return j.ID == job.ID })
		}
		return
	}
	lane := s.lane(job.ChatID)
	lane.busy = false
	if !done {
		return
	}
	delete(s.jobs, job.ID)
	lane.queue = slices.DeleteFunc(lane.queue, func(j *domain.OutboxJob) bool { return j.ID == job.ID })
	cut := 0
	now := s.now()
	for cut < len(lane.sent) && now.Sub(lane.sent[cut]) >= time.Minute {
		cut++
	}
	lane.sent = lane.sent[cut:]
	if len(lane.queue) == 0 && len(lane.sent) == 0 && !lane.readyAt.After(now) {
		delete(s.chats, job.ChatID)
	}
}

// idle reports whether nothing is queued or in flight (for tests and
// shutdown).
func (s *sender) idle() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.jobs) == 0
}
