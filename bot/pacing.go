package bot

import (
	"time"

	"trackbot/domain"
)

// Pacing: Telegram's flood limits and how a job's earliest send time
// follows from what was sent before. The sender (sender.go) applies it.

// Limits are Telegram's flood limits as the sender keeps them. They are
// configuration so that tests which do not test pacing need not wait on
// Telegram's real minute; production runs with DefaultLimits.
type Limits struct {
	// ChatInterval is the least time between two messages to one chat.
	ChatInterval time.Duration
	// GroupPerMinute is how many messages one group may get in a minute.
	GroupPerMinute int
	// GlobalPerSecond is how many requests the bot makes a second overall.
	GlobalPerSecond int
}

// DefaultLimits returns Telegram's limits: one message a second per chat,
// 20 messages a minute per group, 30 requests a second overall.
func DefaultLimits() Limits {
	return Limits{ChatInterval: time.Second, GroupPerMinute: 20, GlobalPerSecond: 30}
}

// orDefault fills the fields left zero with Telegram's limits.
func (l Limits) orDefault() Limits {
	d := DefaultLimits()
	if l.ChatInterval <= 0 {
		l.ChatInterval = d.ChatInterval
	}
	if l.GroupPerMinute <= 0 {
		l.GroupPerMinute = d.GroupPerMinute
	}
	if l.GlobalPerSecond <= 0 {
		l.GlobalPerSecond = d.GlobalPerSecond
	}
	return l
}

// chatLane is one chat's queue and its timing.
type chatLane struct {
	queue   []*domain.OutboxJob // sorted by priority, then id
	busy    bool
	readyAt time.Time
	// sent holds when the chat's messages of the last minute were answered,
	// one entry per message (a media group counts each photo).
	sent []time.Time
}

// nextAt is the earliest time job may be sent to the chat under lim.
func (l *chatLane) nextAt(chatID int64, job *domain.OutboxJob, lim Limits) time.Time {
	at := l.readyAt
	if job.NotBefore.After(at) {
		at = job.NotBefore
	}
	if !countsAsMessage(job) {
		return at
	}
	if n := len(l.sent); n > 0 {
		at = later(at, l.sent[n-1].Add(lim.ChatInterval))
	}
	if over := len(l.sent) + messageWeight(job) - lim.GroupPerMinute; chatID < 0 && over > 0 && len(l.sent) > 0 {
		at = later(at, l.sent[min(over, len(l.sent))-1].Add(time.Minute))
	}
	return at
}

// messageWeight is how many messages a job puts into the chat: a media
// group counts one per photo against a group's limit.
func messageWeight(j *domain.OutboxJob) int {
	if j.Kind == domain.SendMediaGroup {
		return max(len(j.Files), 1)
	}
	return 1
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// countsAsMessage reports whether the job puts a message into the chat;
// answers to button presses and chat actions do not count against the
// per-chat limits.
func countsAsMessage(j *domain.OutboxJob) bool {
	return j.Kind != domain.AnswerCallback && j.Kind != domain.ChatAction
}

// globalAllows reports whether the overall limit lets one more request go
// now.
func (s *sender) globalAllows(now time.Time) bool {
	cut := 0
	for cut < len(s.recent) && now.Sub(s.recent[cut]) >= time.Second {
		cut++
	}
	s.recent = s.recent[cut:]
	return len(s.recent)+s.inFlight < s.limits.GlobalPerSecond
}

// answered records that Telegram answered a request (or it failed on the
// way) at now, for the global and the chat's limits.
func (s *sender) answered(job *domain.OutboxJob, sent bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.inFlight--
	if !sent {
		return
	}
	now := s.now()
	s.recent = append(s.recent, now)
	if countsAsMessage(job) {
		lane := s.lane(job.ChatID)
		for range messageWeight(job) {
			lane.sent = append(lane.sent, now)
		}
	}
}
