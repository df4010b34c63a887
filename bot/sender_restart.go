package bot

import (
	"slices"
	"time"

	"trackbot/domain"
)

// What the sender picks up after a restart: the queue, what may have gone
// out already, and the recent sends that pace what follows.

// load queues every pending job from the store, after a restart. A job
// whose request may have reached Telegram before the bot died is queued
// again only when a repeat is harmless; the others are given up, as they
// may be in the chat already (see domain.OutboxJob.RepeatHarmless).
func (s *sender) load() error {
	var pending, dropped, recent []*domain.OutboxJob
	err := s.store.Update(func(tx domain.Tx) error {
		pending, dropped = nil, nil
		var err error
		if recent, err = tx.Outbox().FinishedSince(s.now().Add(-time.Minute)); err != nil {
			return err
		}
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
	s.remember(recent, pending)
	s.enqueue(pending)
	return nil
}

// remember takes what went out in the last minute before a restart
// (recent) into the chats' send history, so the restarted bot keeps the
// per-chat and per-group limits across it, and holds a chat whose pending
// job Telegram told to wait until the wait is over.
func (s *sender) remember(recent, pending []*domain.OutboxJob) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	for _, j := range pending {
		if j.LastError == heldByTelegram && j.NotBefore.After(now) {
			if j.Kind == domain.AnswerCallback {
				s.heldUntil = later(s.heldUntil, j.NotBefore)
				continue
			}
			lane := s.lane(j.ChatID)
			lane.readyAt = later(lane.readyAt, j.NotBefore)
		}
	}
	for _, j := range recent {
		if now.Sub(j.SentAt) < time.Second {
			s.recent = append(s.recent, j.SentAt)
		}
		if !countsAsMessage(j) {
			continue
		}
		lane := s.lane(j.ChatID)
		for range messageWeight(j) {
			lane.sent = append(lane.sent, j.SentAt)
		}
	}
	slices.SortFunc(s.recent, func(a, b time.Time) int { return a.Compare(b) })
	for _, lane := range s.chats {
		slices.SortFunc(lane.sent, func(a, b time.Time) int { return a.Compare(b) })
	}
}
