package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"trackbot/bot"
	"trackbot/storage"
)

// aliveWithin is how recent the poll loop's or the webhook's last sign of
// life must be for /healthz: a quiet poll is answered every 25 s and the
// webhook is checked every minute.
const aliveWithin = 2 * time.Minute

// backupEvery is the interval between automatic copies in
// storage.backup_dir; backupRetry is the wait after a failed one.
const (
	backupEvery = 24 * time.Hour
	backupRetry = time.Hour
)

// operations runs what an operator needs beside the bot: the metrics and
// health endpoints, the admin socket `trackbot backup` asks, and the daily
// backups. Everything it starts ends in stop, before the database closes.
type operations struct {
	cfg     Config
	db      *storage.DB
	bot     *bot.Bot
	metrics *bot.Metrics
	log     *slog.Logger
	now     func() time.Time
	started time.Time

	servers []*http.Server
	cancel  context.CancelFunc
	wg      sync.WaitGroup
}

// startOperations starts the endpoints and loops the configuration asks
// for; metricsLn, when not nil, replaces listening on metrics.listen.
func startOperations(cfg Config, db *storage.DB, b *bot.Bot, m *bot.Metrics, log *slog.Logger, now func() time.Time, metricsLn net.Listener) (*operations, error) {
	ctx, cancel := context.WithCancel(context.Background())
	// Liveness is the wall clock's business: started is not the bot's clock.
	o := &operations{cfg: cfg, db: db, bot: b, metrics: m, log: log, now: now, started: time.Now(), cancel: cancel}
	if metricsLn == nil && cfg.Ops.MetricsListen != "" {
		var err error
		if metricsLn, err = net.Listen("tcp", cfg.Ops.MetricsListen); err != nil {
			cancel()
			return nil, fmt.Errorf("metrics: %w (check metrics.listen)", err)
		}
	}
	if metricsLn != nil {
		o.serve(metricsLn, o.opsHandler())
		log.Info("serving metrics and health checks", "listen", metricsLn.Addr().String())
	}
	if cfg.Ops.AdminSocket != "" {
		if ln, err := listenAdmin(cfg.Ops.AdminSocket); err != nil {
			log.Warn("no admin socket: `trackbot backup` cannot reach this bot", "socket", cfg.Ops.AdminSocket, "err", err)
		} else {
			o.serve(ln, adminHandler(db, log))
		}
	}
	if cfg.Ops.BackupDir != "" {
		last := prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "trackbot_backup_last_success_timestamp_seconds",
			Help: "When the last daily backup was written (Unix time); 0 before the first.",
		})
		m.Register(last)
		o.wg.Go(func() { o.backupDaily(ctx, last) })
	}
	return o, nil
}

// serve runs an HTTP server on ln until stop.
func (o *operations) serve(ln net.Listener, h http.Handler) {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second,
		ErrorLog: slog.NewLogLogger(o.log.Handler(), slog.LevelWarn)}
	o.servers = append(o.servers, srv)
	o.wg.Go(func() {
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			o.log.Error("an operations endpoint stopped", "listen", ln.Addr().String(), "err", err)
		}
	})
}

// stop ends the servers and loops and waits for them.
func (o *operations) stop() {
	o.cancel()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for _, srv := range o.servers {
		if err := srv.Shutdown(ctx); err != nil {
			_ = srv.Close()
		}
	}
	o.wg.Wait()
}

// opsHandler serves /metrics, /healthz and /readyz.
func (o *operations) opsHandler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", o.metrics.Handler())
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		problems := o.health()
		if len(problems) > 0 {
			http.Error(w, strings.Join(problems, "\n"), http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) {
		if !o.bot.Ready() {
			http.Error(w, "not ready: connecting to Telegram", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ready")
	})
	return mux
}

// health lists what is wrong: updates not coming in (the start counts as a
// sign of life, so a bot waiting for Telegram at start is not restarted at
// once) or a database that takes no writes.
func (o *operations) health() []string {
	var problems []string
	alive := o.bot.Alive()
	if alive.IsZero() {
		alive = o.started
	}
	if time.Since(alive) > aliveWithin {
		problems = append(problems, "no poll answered and no webhook check for over 2 minutes, since "+alive.UTC().Format(time.RFC3339))
	}
	if err := o.db.Ping(); err != nil {
		problems = append(problems, "the database takes no writes: "+err.Error())
	}
	return problems
}

// nextBackup returns when the next daily copy is due: at once when there
// is none or the newest is a day old, else a day after the newest.
func nextBackup(latest, now time.Time) time.Time {
	if latest.IsZero() || !latest.Add(backupEvery).After(now) {
		return now
	}
	return latest.Add(backupEvery)
}

// backupDaily writes a copy to storage.backup_dir when one is due, keeping
// the newest storage.backup_keep, until ctx ends.
func (o *operations) backupDaily(ctx context.Context, last prometheus.Gauge) {
	dir, keep := o.cfg.Ops.BackupDir, o.cfg.Ops.BackupKeep
	var retryAt time.Time
	for {
		due := retryAt
		if due.IsZero() {
			times, err := storage.Backups(dir)
			if err != nil {
				o.log.Error("listing backups failed", "dir", dir, "err", err)
			}
			var latest time.Time
			if len(times) > 0 {
				latest = times[len(times)-1]
				last.Set(float64(latest.Unix()))
			}
			due = nextBackup(latest, o.now())
		}
		t := time.NewTimer(max(due.Sub(o.now()), 0))
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		path, err := o.db.DailyBackup(dir, keep, o.now())
		if err != nil {
			o.log.Error("the daily backup failed; trying again in an hour", "dir", dir, "err", err)
			retryAt = o.now().Add(backupRetry)
			continue
		}
		retryAt = time.Time{}
		o.log.Info("daily backup written", "path", path, "keep", keep)
	}
}
