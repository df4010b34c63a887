// Command trackbot is a Telegram bot that runs a company's management
// tracking routine from its leadership group chat.
//
// Usage:
//
//	trackbot [serve]        run the bot (needs TRACKBOT_TELEGRAM_TOKEN)
//	trackbot check-config   validate the configuration and exit
//	trackbot version        print the version
//
// Every command takes --config PATH (default ./config.yaml).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"trackbot/bot"
	"trackbot/storage"
)

// version is set at build time with -ldflags "-X main.version=...".
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
	cmd := "serve"
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	fs := flag.NewFlagSet("trackbot "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "./config.yaml", "path to the configuration file")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	explicit := false
	fs.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "config" })

	switch cmd {
	case "version":
		fmt.Fprintln(stdout, "trackbot", version)
		return 0
	case "serve", "check-config":
	default:
		fmt.Fprintf(stderr, "trackbot: unknown command %q; commands: serve, check-config, version\n", cmd)
		return 2
	}
	cfg, err := loadConfig(*configPath, explicit)
	if err == nil && cmd == "serve" {
		err = cfg.requireToken()
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if cmd == "check-config" {
		fmt.Fprintln(stdout, "configuration is valid")
		return 0
	}
	if err := serve(ctx, cfg, stderr); err != nil {
		fmt.Fprintln(stderr, "trackbot:", err)
		return 1
	}
	return 0
}

// serve wires the store and the bot and runs until ctx ends.
func serve(ctx context.Context, cfg Config, logOut io.Writer) error {
	log := cfg.logger(logOut)
	db, err := storage.Open(cfg.StoragePath, storage.Options{Timeout: openTimeout})
	if err != nil {
		return err
	}
	defer db.Close()
	b := bot.New(bot.Config{
		Token:        cfg.Token,
		APIURL:       cfg.APIURL,
		TimeZone:     cfg.TimeZone,
		AllowedChats: cfg.AllowedChats,
	}, db, log)
	err = b.Run(ctx)
	if errors.Is(ctx.Err(), context.Canceled) && err == nil {
		log.Info("stopped")
	}
	return err
}
