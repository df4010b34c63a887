package bot

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"trackbot/domain"
)

// What the sender does with Telegram's answer to a job: mark it sent,
// retry it, hold or move its chat, or give it up.

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
	case e.Code == http.StatusUnauthorized:
		s.pause(job, unauthorizedPause)
		log.Error("telegram rejected the bot token (401 Unauthorized): sending is paused and the queue kept; check telegram.token",
			"retry_in", unauthorizedPause)
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
	until := s.now().Add(d)
	// Stored, so a restart during the wait keeps it too (see remember);
	// Telegram refused the job, so a restart may send it.
	job.MaybeSent, job.NotBefore, job.LastError = false, until, heldByTelegram
	if err := s.store.Update(func(tx domain.Tx) error { return tx.Outbox().Put(job) }); err != nil {
		s.log.Error("storing a held job failed", "job", job.ID, "err", s.red.Err(err))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if job.Kind == domain.AnswerCallback {
		s.heldUntil = later(s.heldUntil, until)
		delete(s.answering, job.ID)
		return
	}
	lane := s.lane(job.ChatID)
	lane.readyAt = until
	lane.busy = false
}

// unauthorizedPause is how long every send waits after Telegram refused
// the token: a revoked token is fixed by a person, and a 401 in passing
// (Telegram has answered so during outages) must not drop the queue.
const unauthorizedPause = time.Minute

// pause holds every chat for d and puts the job back in its queue.
func (s *sender) pause(job *domain.OutboxJob, d time.Duration) {
	if job.MaybeSent {
		job.MaybeSent = false
		if err := s.store.Update(func(tx domain.Tx) error { return tx.Outbox().Put(job) }); err != nil {
			s.log.Error("storing a paused job failed", "job", job.ID, "err", s.red.Err(err))
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.heldUntil = later(s.heldUntil, s.now().Add(d))
	if job.Kind == domain.AnswerCallback {
		delete(s.answering, job.ID)
		return
	}
	s.lane(job.ChatID).busy = false
}

// heldByTelegram is the last error of a job Telegram answered with 429.
const heldByTelegram = "rate limited by telegram"

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
