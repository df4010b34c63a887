package bot

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"trackbot/domain"
)

// Webhook is where Telegram pushes updates when the bot does not poll.
type Webhook struct {
	// URL is the public https address Telegram posts updates to; empty
	// means the bot polls.
	URL string
	// Listen is the host:port of the bot's HTTP server behind URL.
	Listen string
	// Secret is the secret_token Telegram puts in every request's
	// X-Telegram-Bot-Api-Secret-Token header; other requests get 401.
	Secret string
}

// secretHeader carries the webhook's secret_token.
const secretHeader = "X-Telegram-Bot-Api-Secret-Token"

const (
	// maxUpdateBytes bounds a posted update; real ones are a few kB.
	maxUpdateBytes = 1 << 20
	// webhookCheckEvery is how often the bot asks Telegram whether its
	// webhook is still the one set; each answer is a sign of life.
	webhookCheckEvery = time.Minute
)

// The webhook's kill points (see killPoint): a process killed there has
// not answered Telegram, which therefore delivers the update again.
const (
	webhookReceived  killPoint = iota + 100 // the update arrived, nothing is committed
	webhookCommitted                        // its effects are committed, Telegram has no answer yet
)

// WithWebhookListener makes the webhook serve on ln instead of listening
// on Webhook.Listen (tests pass a listener on a free port).
func WithWebhookListener(ln net.Listener) Option { return func(b *Bot) { b.listener = ln } }

// receive takes updates until ctx ends: from the webhook when one is
// configured, else by long polling.
func (b *Bot) receive(ctx context.Context) error {
	if b.cfg.Webhook.URL != "" {
		return b.serveWebhook(ctx)
	}
	if err := b.leaveWebhook(ctx); err != nil {
		return err
	}
	b.ready.Store(true)
	return b.poll(ctx)
}

// leaveWebhook removes the webhook a previous run set: Telegram refuses
// getUpdates while one is set. Updates it holds stay pending for polling.
func (b *Bot) leaveWebhook(ctx context.Context) error {
	wait := newBackoff(time.Second, 30*time.Second)
	for ctx.Err() == nil {
		info, err := b.tg.webhookInfo()
		if err == nil && info.URL == "" {
			return nil
		}
		if err == nil {
			if err = b.tg.deleteWebhook(); err == nil {
				b.log.Info("webhook removed; polling for updates", "pending", info.PendingCount)
				return nil
			}
		}
		b.log.Warn("checking for a webhook failed", "err", err)
		sleep(ctx, wait.next())
	}
	return nil
}

// serveWebhook listens for Telegram's requests, registers the webhook and
// serves until ctx ends. Updates are handled one at a time, in the order
// they arrive, like polled ones.
func (b *Bot) serveWebhook(ctx context.Context) error {
	ln := b.listener
	if ln == nil {
		var err error
		if ln, err = net.Listen("tcp", b.cfg.Webhook.Listen); err != nil {
			return fmt.Errorf("webhook: %w (check telegram.webhook.listen)", err)
		}
	}
	fatal := make(chan error, 1)
	wh := &webhookServer{b: b, ctx: ctx, fatal: fatal}
	srv := &http.Server{
		Handler:           wh,
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(b.log.Handler(), slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	defer wh.shutdown(srv, b.cfg.ShutdownGrace)

	// Telegram's first delivery may come at once: the listener is ready.
	if err := b.registerWebhook(ctx); err != nil {
		return err
	}
	b.ready.Store(true)
	b.markAlive()
	b.log.Info("receiving updates by webhook", "listen", ln.Addr().String())
	tick := time.NewTicker(webhookCheckEvery)
	defer tick.Stop()
	lastError := ""
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-fatal:
			return err
		case err := <-served:
			return fmt.Errorf("webhook server: %w", err)
		case <-tick.C:
			lastError = b.checkWebhook(lastError)
		}
	}
}

// registerWebhook sets the webhook, waiting out network failures; a
// refusal (a URL Telegram does not accept) stops the bot with the reason.
func (b *Bot) registerWebhook(ctx context.Context) error {
	wait := newBackoff(time.Second, 30*time.Second)
	for {
		err := b.tg.setWebhook(b.cfg.Webhook.URL, b.cfg.Webhook.Secret)
		if err == nil {
			return nil
		}
		var e *apiError
		if errors.As(err, &e) && e.Code >= 400 && e.Code < 500 && e.Code != http.StatusTooManyRequests {
			return fmt.Errorf("telegram refused the webhook (check telegram.webhook.url): %s", err)
		}
		b.log.Warn("setWebhook failed", "err", err)
		if ctx.Err() != nil {
			return nil
		}
		sleep(ctx, wait.next())
	}
}

// checkWebhook asks Telegram about the webhook: an answer is a sign of
// life; a webhook replaced by someone else is set again; a new delivery
// error Telegram reports is logged once. It returns the error last seen.
func (b *Bot) checkWebhook(lastError string) string {
	info, err := b.tg.webhookInfo()
	if err != nil {
		b.log.Warn("getWebhookInfo failed", "err", err)
		return lastError
	}
	b.markAlive()
	if info.URL != b.cfg.Webhook.URL {
		b.log.Warn("the webhook was changed elsewhere; setting it again")
		if err := b.tg.setWebhook(b.cfg.Webhook.URL, b.cfg.Webhook.Secret); err != nil {
			b.log.Error("setWebhook failed", "err", err)
		}
	}
	if info.LastErrorMessage != "" && info.LastErrorMessage != lastError {
		b.log.Warn("telegram reports a webhook delivery error", "error", b.red.String(info.LastErrorMessage), "pending", info.PendingCount)
	}
	return info.LastErrorMessage
}

// webhookServer answers Telegram's requests. An update is answered 200
// only once its effects are committed, so Telegram delivers again what a
// crash lost; each update's id is committed with its effects, so a second
// delivery of it changes nothing.
type webhookServer struct {
	b     *Bot
	ctx   context.Context
	fatal chan<- error
	// mu makes updates take effect one at a time, in arrival order.
	mu sync.Mutex
}

func (wh *webhookServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b := wh.b
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if subtle.ConstantTimeCompare([]byte(r.Header.Get(secretHeader)), []byte(b.cfg.Webhook.Secret)) != 1 {
		b.metrics.webhook.WithLabelValues("unauthorized").Inc()
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	var u tgUpdate
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxUpdateBytes)).Decode(&u); err != nil {
		b.metrics.webhook.WithLabelValues("bad_request").Inc()
		http.Error(w, "the body is not an update", http.StatusBadRequest)
		return
	}
	if b.stopsAt(webhookReceived) {
		panic(http.ErrAbortHandler)
	}
	status := wh.take(u)
	if b.stopsAt(webhookCommitted) {
		panic(http.ErrAbortHandler)
	}
	w.WriteHeader(status)
}

// take applies an update unless it was applied before, and returns the
// status to answer.
func (wh *webhookServer) take(u tgUpdate) int {
	b := wh.b
	wh.mu.Lock()
	defer wh.mu.Unlock()
	if wh.ctx.Err() != nil {
		// Shutting down: Telegram delivers it to the next run.
		return http.StatusServiceUnavailable
	}
	var handled bool
	err := b.store.View(func(tx domain.Tx) error {
		var err error
		handled, err = tx.Poll().Handled(u.UpdateID)
		return err
	})
	if err != nil {
		b.log.Error("reading handled updates failed", "err", b.red.Err(err))
		return http.StatusInternalServerError
	}
	if handled {
		b.metrics.webhook.WithLabelValues("duplicate").Inc()
		b.log.Debug("update delivered again; already applied", "update", u.UpdateID)
		return http.StatusOK
	}
	err = b.apply(wh.ctx, u, func(tx domain.Tx) error { return tx.Poll().MarkHandled(u.UpdateID) })
	if err != nil {
		b.metrics.webhook.WithLabelValues("failed").Inc()
		select {
		case wh.fatal <- err:
		default:
		}
		return http.StatusInternalServerError
	}
	b.metrics.webhook.WithLabelValues("handled").Inc()
	b.markAlive()
	return http.StatusOK
}

// shutdown stops taking requests, lets those in flight finish within
// grace, and returns once no update is being applied, so nothing touches
// the store after Run.
func (wh *webhookServer) shutdown(srv *http.Server, grace time.Duration) {
	ctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		_ = srv.Close()
	}
	// An update still running holds mu; once it is free, every later
	// request sees the cancelled context and applies nothing.
	wh.mu.Lock()
	defer wh.mu.Unlock()
}
