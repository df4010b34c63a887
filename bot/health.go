package bot

import "time"

// markAlive notes that the way updates arrive works: a poll was answered,
// or Telegram answered about the webhook or delivered through it.
func (b *Bot) markAlive() { b.alive.Store(time.Now().UnixNano()) }

// Alive returns when the poll loop or the webhook last showed it works;
// zero before the first sign. A quiet poll is answered every 25 seconds
// and the webhook is checked every minute, so anything older than two
// minutes means updates are not coming in.
func (b *Bot) Alive() time.Time {
	n := b.alive.Load()
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n)
}

// Ready reports whether the bot takes updates: it is connected, its outbox
// is loaded and it polls, or Telegram knows its webhook.
func (b *Bot) Ready() bool { return b.ready.Load() }
