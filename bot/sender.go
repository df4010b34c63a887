package bot

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"slices"
	"strings"
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

// load queues every pending job from the store, after a restart. A job
// whose request may have reached Telegram before the bot died is queued
// again only when a repeat is harmless; the others are given up, as they
// may be in the chat already (see domain.OutboxJob.RepeatHarmless).
func (s *sender) load() error {
	var pending, dropped []*domain.OutboxJob
	err := s.store.Update(func(tx domain.Tx) error {
		pending, dropped = nil, nil
		all, err := tx.Outbox().Pending()
		if err != nil {
			return err
		}
		for _, j := range all {
			if !j.MaybeSent || j.RepeatHarmless() {
				pending = append(pending, j)
				continue
			}
			j.Failed, j.LastError = true, "may have been sent before a restart; not sent again"
			if err := tx.Outbox().Put(j); err != nil {
				return err
			}
			if err := tx.Outbox().Done(j.ID, nil, s.now()); err != nil {
				return err
			}
			dropped = append(dropped, j)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, j := range dropped {
		s.log.Warn("a message that may have gone out before the restart is not sent again, so it cannot appear twice",
			"job", j.ID, "chat", j.ChatID, "kind", string(j.Kind))
	}
	s.enqueue(pending)
	return nil
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

// handleFailure decides, from Telegram's answer, whether to wait, retry,
// move the chat, or give up.
func (s *sender) handleFailure(job *domain.OutboxJob, err error) {
	// e stays nil for a network failure: Telegram never answered.
	var e *apiError
	errors.As(err, &e)
	log := s.log.With("job", job.ID, "chat", job.ChatID, "kind", string(job.Kind))
	switch {
	case e == nil && mayHaveArrived(err) && !job.RepeatHarmless():
		log.Warn("send failed after the request may have reached telegram; not repeated, so it cannot appear twice", "err", s.red.Err(err))
		s.giveUp(job, "may have been sent: "+s.red.Err(err))
	case e == nil || e.Code >= 500 || e.Code == 0:
		s.retryLater(job, s.red.Err(err))
		log.Warn("send failed, will retry", "err", s.red.Err(err), "attempt", job.Attempts)
	case e.Code == http.StatusTooManyRequests:
		s.hold(job, time.Duration(max(e.RetryAfter, 1))*time.Second)
		log.Warn("rate limited by telegram", "retry_after", e.RetryAfter)
	case job.Kind == domain.AnswerCallback:
		// A press Telegram no longer knows (answered, or too old): nothing
		// to move or park.
		log.Warn("telegram refused an answer to a press", "code", e.Code, "reason", s.red.String(e.Description))
		s.giveUp(job, e.Description)
	case e.MigrateTo != 0:
		job.MaybeSent = false
		s.migrate(job, e.MigrateTo)
	case e.Code == http.StatusForbidden:
		s.park(job, e.Description)
		log.Warn("bot removed from chat; workspace parked", "reason", e.Description)
	case strings.Contains(e.Description, "message is not modified"):
		s.succeed(job, nil)
	default:
		log.Error("telegram refused a message", "code", e.Code, "reason", s.red.String(e.Description))
		s.giveUp(job, e.Description)
	}
}

// notSentError is a failed send whose request never left (the connection
// could not be made): trying again cannot make a duplicate.
type notSentError struct{ error }

func (e notSentError) Unwrap() error { return e.error }

// mayHaveArrived reports whether a send that failed without an answer from
// Telegram may still have reached it.
func mayHaveArrived(err error) bool {
	var ns notSentError
	return !errors.As(err, &ns)
}

// succeed marks the job sent with the ids of the messages it made.
func (s *sender) succeed(job *domain.OutboxJob, ids []int) {
	err := s.store.Update(func(tx domain.Tx) error {
		return tx.Outbox().Done(job.ID, ids, s.now())
	})
	if err != nil {
		s.log.Error("marking a sent job failed", "job", job.ID, "err", s.red.Err(err))
	}
	s.finish(job, true)
}

func (s *sender) giveUp(job *domain.OutboxJob, reason string) {
	job.Failed = true
	job.LastError = s.red.String(reason)
	err := s.store.Update(func(tx domain.Tx) error {
		if err := tx.Outbox().Put(job); err != nil {
			return err
		}
		return tx.Outbox().Done(job.ID, nil, s.now())
	})
	if err != nil {
		s.log.Error("marking a failed job failed", "job", job.ID, "err", s.red.Err(err))
	}
	s.finish(job, true)
}

func (s *sender) retryLater(job *domain.OutboxJob, reason string) {
	// Telegram answered, or the request never left: nothing went out.
	job.MaybeSent = false
	job.Attempts++
	delay := min(s.retryDelay<<min(job.Attempts-1, 6), maxRetryDelay)
	job.NotBefore = s.now().Add(delay)
	job.LastError = reason
	if err := s.store.Update(func(tx domain.Tx) error { return tx.Outbox().Put(job) }); err != nil {
		s.log.Error("storing a retry failed", "job", job.ID, "err", s.red.Err(err))
	}
	s.finish(job, false)
}

// hold keeps every job of the job's chat back until d has passed. A 429
// to a request that names no chat (the answer to a button press) can only
// be the bot's overall limit, so it holds every chat.
func (s *sender) hold(job *domain.OutboxJob, d time.Duration) {
	if job.MaybeSent {
		// Telegram refused it: a restart during the wait may send it.
		job.MaybeSent = false
		if err := s.store.Update(func(tx domain.Tx) error { return tx.Outbox().Put(job) }); err != nil {
			s.log.Error("storing a held job failed", "job", job.ID, "err", s.red.Err(err))
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	until := s.now().Add(d)
	if job.Kind == domain.AnswerCallback {
		s.heldUntil = later(s.heldUntil, until)
		delete(s.answering, job.ID)
		return
	}
	lane := s.lane(job.ChatID)
	lane.readyAt = until
	lane.busy = false
}

// migrate moves the workspace and the chat's queue to the supergroup id
// Telegram gave, and resends there.
func (s *sender) migrate(job *domain.OutboxJob, newChat int64) {
	old := job.ChatID
	if err := s.moveChat(old, newChat); err != nil {
		s.log.Error("moving a migrated chat failed", "from", old, "to", newChat, "err", err)
	}
	s.mu.Lock()
	lane := s.lane(old)
	lane.busy = false
	moved := lane.queue
	delete(s.chats, old)
	s.mu.Unlock()
	for _, j := range moved {
		j.ChatID = newChat
	}
	s.save(moved, false, "moving queued jobs")
	s.enqueue(moved)
}

// park stops sending to a chat the bot was removed from.
func (s *sender) park(job *domain.OutboxJob, reason string) {
	if err := s.parkChat(job.ChatID); err != nil {
		s.log.Error("parking a workspace failed", "chat", job.ChatID, "err", err)
	}
	s.mu.Lock()
	lane := s.lane(job.ChatID)
	dropped := lane.queue
	lane.queue = nil
	lane.busy = false
	s.mu.Unlock()
	for _, j := range dropped {
		j.Failed = true
		j.LastError = reason
	}
	s.save(dropped, true, "dropping jobs of a parked chat")
}

// save stores jobs taken off their lane (finished marks them given up) and
// forgets them, so enqueue may take them again under their new chat.
func (s *sender) save(jobs []*domain.OutboxJob, finished bool, what string) {
	err := s.store.Update(func(tx domain.Tx) error {
		for _, j := range jobs {
			if err := tx.Outbox().Put(j); err != nil {
				return err
			}
			if !finished {
				continue
			}
			if err := tx.Outbox().Done(j.ID, nil, s.now()); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		s.log.Error(what+" failed", "err", s.red.Err(err))
	}
	s.mu.Lock()
	for _, j := range jobs {
		delete(s.jobs, j.ID)
	}
	s.mu.Unlock()
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
