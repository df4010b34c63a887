package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"slices"
	"sync/atomic"
	"time"

	"trackbot/charts"
	"trackbot/domain"
)

// Config is what the bot needs from the configuration file.
type Config struct {
	Token        string
	APIURL       string  // Bot API base, e.g. https://api.telegram.org
	TimeZone     string  // default time zone for new workspaces
	AllowedChats []int64 // chats that may be set up; empty means any group
	// ShutdownGrace bounds a clean stop: in its first half the replies
	// already queued still go out; then no request starts, and those in
	// flight have the rest of it to finish before they are cut off (a cut
	// request may be repeated or dropped after the restart). Zero means
	// DefaultShutdownGrace.
	ShutdownGrace time.Duration
	// Limits are the flood limits the sender keeps; zero fields take
	// Telegram's (see DefaultLimits).
	Limits Limits
	// RetryDelay is the wait before a failed send is first tried again,
	// doubling with each attempt; zero means a second. Tests that inject
	// failures shorten it.
	RetryDelay time.Duration
	// Webhook, when its URL is set, replaces polling (see webhook.go).
	Webhook Webhook
}

// DefaultShutdownGrace is the stop's grace period when the configuration
// sets none: long enough for an upload of a pack's charts to finish.
const DefaultShutdownGrace = 10 * time.Second

// Bot is a running trackbot: the poll loop, the handlers and the sender.
type Bot struct {
	cfg    Config
	store  domain.Store
	log    *slog.Logger
	now    func() time.Time
	red    *redactor
	tg     *telegram
	self   tgUser
	sender *sender
	sched  *scheduler
	charts *charts.Renderer
	// loaded is set once the outbox left by the last run is queued: until
	// then the bot cannot tell whether anything is left to send.
	loaded atomic.Bool
	// sources is how the bot reaches sources; syncer wakes their loop.
	sources SourceAccess
	syncer  *syncer
	// crash is the test hook that stops the work at a kill point when it
	// returns true; nil in production.
	crash func(killPoint) bool
	// metrics counts for Prometheus; alive and ready feed the health checks.
	metrics  *Metrics
	alive    atomic.Int64
	ready    atomic.Bool
	listener net.Listener // the webhook's, when a test supplies it
}

// Option changes how a Bot is built (tests use them to inject a clock).
type Option func(*Bot)

// WithClock makes the bot read time from now instead of the system clock.
func WithClock(now func() time.Time) Option { return func(b *Bot) { b.now = now } }

// WithRenderer makes the bot draw with r instead of a renderer of its own.
func WithRenderer(r *charts.Renderer) Option { return func(b *Bot) { b.charts = r } }

// WithMetrics makes the bot count into m, which the caller serves.
func WithMetrics(m *Metrics) Option { return func(b *Bot) { b.metrics = m } }

// withCrash makes the bot stop a scheduled post's work at the kill points
// where crash returns true, as a process killed there would (tests only).
func withCrash(crash func(killPoint) bool) Option { return func(b *Bot) { b.crash = crash } }

// New returns a bot for the configuration and store. It does not talk to
// Telegram until Run.
func New(cfg Config, store domain.Store, log *slog.Logger, opts ...Option) *Bot {
	if cfg.ShutdownGrace <= 0 {
		cfg.ShutdownGrace = DefaultShutdownGrace
	}
	b := &Bot{cfg: cfg, store: store, now: time.Now, red: newRedactor(cfg.Token), syncer: newSyncer()}
	// The token never reaches a log line, whatever the caller's handler is.
	b.log = slog.New(NewRedactingHandler(log.Handler(), cfg.Token))
	for _, o := range opts {
		o(b)
	}
	if b.metrics == nil {
		b.metrics = NewMetrics()
	}
	b.sender = newSender(senderDeps{
		store:      store,
		now:        b.now,
		limits:     cfg.Limits,
		retryDelay: cfg.RetryDelay,
		// The connection exists only once Run has connected.
		transmit: func(job *domain.OutboxJob) ([]int, error) {
			ids, err := b.tg.transmit(job)
			b.metrics.sent(job, err)
			return ids, err
		},
		moveChat: b.moveChat,
		parkChat: b.parkChat,
		log:      b.log,
		red:      b.red,
		stopsAt:  b.stopsAt,
	})
	b.sched = newScheduler(schedulerDeps{
		store:   store,
		now:     b.now,
		build:   b.buildPost,
		enqueue: b.sender.enqueue,
		ran:     b.metrics.scheduled,
		// A review's reminders and its closing (review_duties.go).
		dutiesDue: reviewDutiesDue,
		doDuties:  b.doReviewDuties,
		log:       b.log,
		red:       b.red,
		stopsAt:   b.stopsAt,
	})
	b.metrics.Register(newOutboxCollector(b.sender))
	return b
}

// stopsAt reports whether the test hook asks the work to stop at p.
func (b *Bot) stopsAt(p killPoint) bool { return b.crash != nil && b.crash(p) }

// Run connects to Telegram and works until ctx is cancelled. It returns
// nil after a clean shutdown and an error when it cannot go on (another
// instance polling, a rejected token, a broken database).
func (b *Bot) Run(ctx context.Context) error {
	// stop cuts in-flight HTTP requests once the grace period after ctx
	// has passed, so shutdown never waits for a request to time out.
	stop, cutOff := context.WithCancel(context.Background())
	defer cutOff()
	stopped := make(chan time.Time, 1)
	go func() {
		<-ctx.Done()
		stopped <- time.Now()
		time.Sleep(b.cfg.ShutdownGrace)
		cutOff()
	}()

	if b.charts == nil {
		r, err := charts.New()
		if err != nil {
			return fmt.Errorf("loading the chart font: %w", err)
		}
		b.charts = r
	}
	tg, err := newTelegram(ctx, stop, b.cfg.APIURL, b.cfg.Token, b.red)
	if err != nil {
		return err
	}
	b.tg = tg
	b.self = tg.api.Self
	b.log.Info("connected to telegram", "bot", b.self.UserName)

	if err := b.sender.load(); err != nil {
		return fmt.Errorf("loading the outbox: %w", err)
	}
	b.loaded.Store(true)
	go b.registerCommands(ctx)

	sendCtx, stopSending := context.WithCancel(context.Background())
	sent := make(chan struct{})
	go func() {
		b.sender.run(sendCtx)
		close(sent)
	}()
	schedCtx, stopScheduling := context.WithCancel(ctx)
	scheduled := make(chan struct{})
	go func() {
		b.sched.run(schedCtx)
		close(scheduled)
	}()
	synced := make(chan struct{})
	go func() {
		b.runSyncer(schedCtx)
		close(synced)
	}()
	err = b.receive(ctx)
	stopScheduling()
	<-scheduled
	<-synced
	b.shutDown(stopped, stopSending, sent, cutOff)
	return err
}

// shutDown stops sending within the grace period after the stop (or now,
// when polling ended by itself): replies already queued may go out in
// its first half; then no new request starts, and the requests in flight
// may finish until the period ends, when they are cut. A request that
// finishes is marked sent, so a clean stop repeats nothing after the
// restart.
func (b *Bot) shutDown(stopped <-chan time.Time, stopSending func(), sent <-chan struct{}, cutOff func()) {
	began := time.Now()
	select {
	case began = <-stopped:
	default:
	}
	b.drain(time.Until(began.Add(b.cfg.ShutdownGrace / 2)))
	stopSending()
	cut := time.AfterFunc(time.Until(began.Add(b.cfg.ShutdownGrace)), cutOff)
	defer cut.Stop()
	<-sent
	if !b.sender.idle() {
		b.log.Info("stopped with messages still queued; they go out after the restart")
	}
}

// Idle reports whether nothing the bot has committed is left to send:
// tests wait for it, with every update delivered, before they look at the
// chats.
func (b *Bot) Idle() bool { return b.loaded.Load() && b.sender.idle() }

// drain waits until the outbox is empty or d has passed.
func (b *Bot) drain(d time.Duration) {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) && !b.sender.idle() {
		time.Sleep(20 * time.Millisecond)
	}
}

// poll is the long-polling loop. Each update is handled and committed with
// its new offset before the next one, so the stored offset always says
// exactly which updates have taken effect.
func (b *Bot) poll(ctx context.Context) error {
	var offset int
	if err := b.store.View(func(tx domain.Tx) error {
		var err error
		offset, err = tx.Poll().Offset()
		return err
	}); err != nil {
		return fmt.Errorf("reading the poll offset: %w", err)
	}
	wait := newBackoff(time.Second, 30*time.Second)
	for ctx.Err() == nil {
		updates, err := b.tg.getUpdates(ctx, offset)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			if errors.Is(err, errConflict) {
				return err
			}
			delay := wait.next()
			var apiErr *apiError
			if errors.As(err, &apiErr) && apiErr.RetryAfter > 0 {
				delay = time.Duration(apiErr.RetryAfter) * time.Second
			}
			b.log.Warn("getUpdates failed", "err", b.red.Err(err), "retry_in", delay)
			sleep(ctx, delay)
			continue
		}
		wait.reset()
		b.markAlive()
		for _, u := range updates {
			if err := b.handleUpdate(ctx, u); err != nil {
				return err
			}
			// Telegram may restart update ids at a lower value after a quiet
			// week; the next offset always follows the update just handled.
			offset = u.UpdateID + 1
		}
	}
	return nil
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// handleUpdate applies a polled update; its effects commit with the next
// offset.
func (b *Bot) handleUpdate(ctx context.Context, u tgUpdate) error {
	return b.apply(ctx, u, func(tx domain.Tx) error { return tx.Poll().SetOffset(u.UpdateID + 1) })
}

// apply runs the handler for one update and commits its effects, its
// replies and progress (the next offset, or the webhook's record of the
// update) in one transaction. A handler that fails with a user error has
// its changes dropped and the error replied instead; progress is made
// either way, so a poisonous update cannot stall the bot. Only a store that
// cannot commit stops the loop.
func (b *Bot) apply(ctx context.Context, u tgUpdate, progress func(domain.Tx) error) error {
	start := time.Now()
	c := b.newContext(ctx, u)
	err := b.runHandler(c)
	if err != nil {
		b.metrics.handlerFailed(b, c, err)
		b.replyError(c, err)
	}
	b.noteParticipant(c)
	jobs, commitErr := b.commit(c, progress)
	if commitErr != nil && err == nil {
		// The change itself failed at commit (a conflict found inside the
		// transaction): drop it and commit the error reply alone.
		b.metrics.handlerFailed(b, c, commitErr)
		b.replyError(c, commitErr)
		b.noteParticipant(c)
		jobs, commitErr = b.commit(c, progress)
	}
	if commitErr != nil {
		return fmt.Errorf("committing update %d: %s", u.UpdateID, b.red.Err(commitErr))
	}
	b.metrics.updateHandled(c, time.Since(start))
	b.sender.enqueue(jobs)
	b.sched.afterUpdate(c.Workspace)
	b.syncer.afterUpdate()
	return nil
}

// runHandler routes the update, turning a panic into an internal error so
// one bad update is answered and skipped rather than crashing the bot.
func (b *Bot) runHandler(c *Context) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %s", b.red.String(fmt.Sprint(r)))
		}
	}()
	return b.route(c)
}

// replyError drops the handler's changes and replies, including an answer
// already given to a press, and tells the person what went wrong instead.
func (b *Bot) replyError(c *Context, err error) {
	c.changes, c.out, c.answer = nil, nil, nil
	if domain.ErrorCode(err) == domain.EINTERNAL {
		b.log.Error("handling an update failed", "update", c.Update.UpdateID, "err", b.red.Err(err))
	}
	c.tell(err)
}

// commit applies the context's changes, stores its replies in the outbox
// and records progress, all in one transaction.
func (b *Bot) commit(c *Context, progress func(domain.Tx) error) ([]*domain.OutboxJob, error) {
	var added []*domain.OutboxJob
	err := b.store.Update(func(tx domain.Tx) error {
		added = nil
		noting := jobNotingTx{Tx: tx, added: &added} // jobs a use case queues itself (txjobs.go)
		for _, change := range c.changes {
			if err := change(noting); err != nil {
				return err
			}
		}
		for _, job := range c.out {
			job.CreatedAt = c.now
			ok, err := tx.Outbox().Add(job)
			if err != nil {
				return err
			}
			if ok {
				added = append(added, job)
			}
		}
		return progress(tx)
	})
	if err != nil {
		c.changes, c.out = nil, nil
		return nil, err
	}
	return added, nil
}

// moveChat rebinds a workspace to the supergroup its group became.
func (b *Bot) moveChat(from, to int64) error {
	return b.store.Update(func(tx domain.Tx) error {
		err := tx.Workspaces().MoveChat(from, to)
		if domain.ErrorCode(err) == domain.ENOTFOUND {
			return nil
		}
		return err
	})
}

// parkChat marks the chat's workspace parked after the bot was removed.
func (b *Bot) parkChat(chatID int64) error {
	return b.store.Update(func(tx domain.Tx) error {
		ws, err := tx.Workspaces().ByChat(chatID)
		if domain.ErrorCode(err) == domain.ENOTFOUND {
			return nil
		}
		if err != nil {
			return err
		}
		ws.Parked = true
		return tx.Workspaces().Put(ws)
	})
}

// allowed reports whether the configuration lets the chat use the bot.
func (b *Bot) allowed(chatID int64) bool {
	return len(b.cfg.AllowedChats) == 0 || slices.Contains(b.cfg.AllowedChats, chatID)
}
