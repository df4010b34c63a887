package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"syscall"
	"time"

	"trackbot/storage"
)

// bbolt lets one process open the database for writing, and it holds an
// exclusive flock for as long as it runs: a read-only open asks for a
// shared lock, which waits for the writer to close. So `trackbot backup`
// cannot read the file beside a running bot; it asks the bot instead,
// over a unix socket next to the database (storage.admin_socket, mode
// 0600: only the bot's own user may connect), and the bot streams one
// consistent read transaction (bbolt's Tx.WriteTo) back.

// errNoRunningBot means nothing answers on the admin socket: the bot is
// not running, so the CLI may open the database itself.
var errNoRunningBot = errors.New("no running trackbot answers on the admin socket")

// listenAdmin opens the admin socket. A socket file left by a killed bot is
// removed first: this process holds the database lock, so no other bot
// of this database can be using it.
func listenAdmin(path string) (net.Listener, error) {
	if info, err := os.Lstat(path); err == nil {
		if info.Mode().Type() != fs.ModeSocket {
			return nil, fmt.Errorf("%s exists and is not a socket", path)
		}
		if err := os.Remove(path); err != nil {
			return nil, err
		}
	}
	ln, err := net.Listen("unix", path)
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(path, 0o600); err != nil {
		_ = ln.Close()
		return nil, err
	}
	return ln, nil
}

// adminHandler serves POST /backup: the whole database as one consistent
// copy, with its length announced so a cut stream is noticed.
func adminHandler(db *storage.DB, log *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /backup", func(w http.ResponseWriter, _ *http.Request) {
		n, err := db.BackupSized(w, func(size int64) {
			w.Header().Set("Content-Type", "application/octet-stream")
			w.Header().Set("Content-Length", fmt.Sprint(size))
			w.WriteHeader(http.StatusOK)
		})
		if err != nil {
			log.Error("streaming a backup failed", "err", err)
			// The client sees a short copy and keeps nothing.
			panic(http.ErrAbortHandler)
		}
		log.Info("backup streamed to trackbot backup", "bytes", n)
	})
	return mux
}

// backupFromRunningBot asks the bot on the admin socket for a copy and
// writes it to path (synced, checked, renamed into place). It returns
// errNoRunningBot when no bot answers.
func backupFromRunningBot(socket, path string) error {
	client := &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
			defer cancel()
			return d.DialContext(ctx, "unix", socket)
		},
	}}
	resp, err := client.Post("http://trackbot/backup", "", nil)
	if err != nil {
		if errors.Is(err, syscall.ENOENT) || errors.Is(err, syscall.ECONNREFUSED) {
			return errNoRunningBot
		}
		return fmt.Errorf("asking the running bot on %s: %w", socket, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("the running bot answered %s on %s", resp.Status, socket)
	}
	return storage.WriteBackupFile(path, func(w io.Writer) error {
		n, err := io.Copy(w, resp.Body)
		if err == nil && resp.ContentLength >= 0 && n != resp.ContentLength {
			err = fmt.Errorf("got %d of %d bytes", n, resp.ContentLength)
		}
		return err
	})
}
