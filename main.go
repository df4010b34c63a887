// Command trackbot is a Telegram bot that runs a company's management
// tracking routine from its leadership group chat.
//
// Usage:
//
//	trackbot [serve]                         run the bot (needs TRACKBOT_TELEGRAM_TOKEN)
//	trackbot demo [--out DIR] [--lang ru|en] write the sample charts and review, offline
//	trackbot eval [--draws N] [--seed S]     score the tracker questions on generated data
//	trackbot import FILE --workspace ID      import numbers from CSV/XLSX (bot stopped)
//	trackbot backup FILE                     a consistent copy of the database, also while the bot runs
//	trackbot check-config                    validate the configuration and exit
//	trackbot version                         print the version and VCS revision
//	trackbot help                            print the usage (also --help, -h)
//
// Every command takes --config PATH (default ./config.yaml).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"trackbot/bot"
	"trackbot/charts"
	"trackbot/sources"
	"trackbot/storage"
)

// version may be set at build time with -ldflags "-X main.version=...";
// otherwise the module version from the build info is printed.
var version = "dev"

// openTimeout bounds the wait for the database lock, so a second instance
// fails fast with a clear message instead of hanging.
const openTimeout = 3 * time.Second

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one command line and returns the process exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runWithInput(ctx, args, os.Stdin, stdout, stderr)
}

func runWithInput(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	// Asking for help needs no configuration: it must work before a token
	// or a config file exists.
	for i, a := range args {
		if isHelp(a) && (i == 0 || strings.HasPrefix(a, "-")) {
			fmt.Fprint(stdout, usage)
			return 0
		}
	}
	cmd := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	configPath, explicit, args := takeConfigFlag(args)
	switch cmd {
	case "version":
		printVersion(stdout)
		return 0
	case "serve", "check-config", "import", "backup", "demo", "eval":
	default:
		fmt.Fprintf(stderr, "trackbot: unknown command %q; commands: serve, check-config, demo, eval, import, backup, version, help\n", cmd)
		return 2
	}
	// The demo and the evaluation need no configuration: they must work on
	// a fresh machine.
	switch cmd {
	case "demo":
		return exitCode(demo(args, stdout), stderr)
	case "eval":
		return exitCode(evaluate(args, stdout), stderr)
	}
	cfg, err := loadConfig(configPath, explicit)
	if err == nil && cmd == "serve" {
		err = cfg.requireToken()
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	switch cmd {
	case "check-config":
		fmt.Fprintln(stdout, "configuration is valid")
		return 0
	case "import":
		return exitCode(importFile(cfg, args, stdin, stdout), stderr)
	case "backup":
		return exitCode(backup(cfg, args, stdout), stderr)
	}
	if len(args) > 0 {
		fmt.Fprintf(stderr, "trackbot: unexpected arguments %q\n", args)
		return 2
	}
	return exitCode(serve(ctx, cfg, stderr), stderr)
}

func exitCode(err error, stderr io.Writer) int {
	if err != nil {
		fmt.Fprintln(stderr, "trackbot:", err)
		return 1
	}
	return 0
}

// takeConfigFlag removes --config PATH (or --config=PATH) from args;
// explicit tells whether it was given, since only the default file may be
// missing.
func takeConfigFlag(args []string) (path string, explicit bool, rest []string) {
	path = "./config.yaml"
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case (a == "--config" || a == "-config") && i+1 < len(args):
			path, explicit = args[i+1], true
			i++
		case strings.HasPrefix(a, "--config=") || strings.HasPrefix(a, "-config="):
			path, explicit = a[strings.IndexByte(a, '=')+1:], true
		default:
			rest = append(rest, a)
		}
	}
	return path, explicit, rest
}

// serve wires the store and the bot and runs until ctx ends.
func serve(ctx context.Context, cfg Config, logOut io.Writer) error {
	return serveWith(ctx, cfg, logOut, seams{})
}

// seams are what tests change in the wiring; production uses none.
type seams struct {
	// now is the clock of the bot and the store; nil means the system's.
	now func() time.Time
	// built, when set, sees the bot before it runs, so a test can ask it
	// whether it is idle.
	built func(*bot.Bot)
	// retryDelay shortens the wait before a failed send is retried, for
	// tests that inject failures; zero keeps the bot's default.
	retryDelay time.Duration
	// webhookListener and metricsListener, when set, are used instead of
	// listening on the configured addresses (tests take free ports).
	webhookListener net.Listener
	metricsListener net.Listener
	// crm tunes the CRM connectors: tests send them to a fake (BaseURL)
	// without the CRM's own rate limit.
	crm sources.Options
	// renderer, when set, draws the charts instead of a renderer of the
	// bot's own (tests share one that keeps its PNGs).
	renderer *charts.Renderer
}

// serveWith is serve with the test seams.
func serveWith(ctx context.Context, cfg Config, logOut io.Writer, s seams) error {
	log := cfg.logger(logOut)
	db, err := storage.Open(cfg.StoragePath, storage.Options{Timeout: openTimeout, Now: s.now, SecretsKey: cfg.Sources.SecretsKey})
	if err != nil {
		return err
	}
	defer db.Close()
	pruneCtx, stopPruning := context.WithCancel(ctx)
	pruned := make(chan struct{})
	go func() {
		pruneOutbox(pruneCtx, db, log)
		close(pruned)
	}()
	// Runs before db.Close: the pruner must be done with the database.
	defer func() {
		stopPruning()
		<-pruned
	}()
	metrics := bot.NewMetrics()
	opts := []bot.Option{bot.WithMetrics(metrics)}
	now := time.Now
	opts = append(opts, bot.WithSources(sourceAccess(cfg, s.crm)))
	if s.now != nil {
		opts = append(opts, bot.WithClock(s.now))
		now = s.now
	}
	if s.webhookListener != nil {
		opts = append(opts, bot.WithWebhookListener(s.webhookListener))
	}
	if s.renderer != nil {
		opts = append(opts, bot.WithRenderer(s.renderer))
	}
	b := bot.New(bot.Config{
		Token:         cfg.Token,
		APIURL:        cfg.APIURL,
		TimeZone:      cfg.TimeZone,
		AllowedChats:  cfg.AllowedChats,
		Limits:        cfg.Limits,
		RetryDelay:    s.retryDelay,
		ShutdownGrace: cfg.ShutdownGrace,
		Webhook:       cfg.Ops.Webhook,
	}, db, log, opts...)
	if s.built != nil {
		s.built(b)
	}
	ops, err := startOperations(cfg, db, b, metrics, log, now, s.metricsListener)
	if err != nil {
		return err
	}
	// Runs before db.Close: backups and health checks use the database.
	defer ops.stop()
	err = b.Run(ctx)
	if errors.Is(ctx.Err(), context.Canceled) && err == nil {
		log.Info("stopped")
	}
	return err
}

// outboxKeep is how long sent messages stay in the outbox. Their keys stay
// reserved after pruning, so a scheduled post is still never sent twice.
const outboxKeep = 30 * 24 * time.Hour

// pruneOutbox deletes old sent jobs at start and then daily, so the
// database does not grow with every reply ever sent.
func pruneOutbox(ctx context.Context, db *storage.DB, log *slog.Logger) {
	for {
		if n, err := db.PruneOutbox(time.Now().Add(-outboxKeep)); err != nil {
			log.Error("pruning the outbox failed", "err", err)
		} else if n > 0 {
			log.Info("pruned the outbox", "jobs", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(24 * time.Hour):
		}
	}
}
