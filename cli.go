package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"trackbot/domain"
	"trackbot/sheets"
	"trackbot/storage"
)

// importFile is `trackbot import FILE --workspace ID [--yes]`: it reads a
// CSV or XLSX file all-or-nothing, shows what it understood and, once
// confirmed, saves every row in one transaction.
func importFile(cfg Config, args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("trackbot import", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	wsID := fs.Int64("workspace", 0, "workspace id (see /team or the bot's log)")
	yes := fs.Bool("yes", false, "save without asking")
	anyway := fs.Bool("anyway", false, "with --yes: save even numbers that raise plausibility warnings")
	path, rest := splitFirstArg(args)
	if err := fs.Parse(rest); err != nil || path == "" || *wsID == 0 {
		return errors.New("usage: trackbot import FILE --workspace ID [--yes [--anyway]] [--config PATH]")
	}
	db, err := storage.Open(cfg.StoragePath, storage.Options{Timeout: openTimeout})
	if err != nil {
		return fmt.Errorf("%w (stop the bot first, or send the file in the chat with /import)", err)
	}
	defer db.Close()
	ws, err := workspaceByID(db, *wsID)
	if err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	now := time.Now()
	entries, err := sheets.Read(ws, filepath.Base(path), f, now.In(ws.Location()), sheets.DefaultLimits())
	if err != nil {
		return errors.New(domain.UserMessage(domain.English, err))
	}
	if len(entries) == 0 {
		return errors.New(domain.Text(domain.English, "import.empty"))
	}
	for _, e := range entries {
		for _, row := range e.Summary(ws, domain.English) {
			fmt.Fprintf(stdout, "%-28s %s\n", row[0], strings.ReplaceAll(row[1], domain.GroupSeparator, " "))
		}
		fmt.Fprintln(stdout)
	}
	var warnings []domain.Warning
	if err := db.View(func(tx domain.Tx) error {
		warnings, err = domain.CheckPlausibility(tx, ws, entries)
		return err
	}); err != nil {
		return err
	}
	for _, w := range warnings {
		fmt.Fprintln(stdout, "Warning: "+w.Localize(domain.English))
	}
	question := fmt.Sprintf("Save %d rows into workspace %d (%s)? [y/N] ", len(entries), ws.ID, ws.Title)
	if len(warnings) > 0 {
		question = fmt.Sprintf("Save %d rows into workspace %d (%s) despite %d warnings? [y/N] ", len(entries), ws.ID, ws.Title, len(warnings))
		if *yes && !*anyway {
			return fmt.Errorf("nothing was saved: the numbers raise %d warnings; check them, or add --anyway to save them as they are", len(warnings))
		}
	}
	if !*yes && !confirm(stdin, stdout, question) {
		fmt.Fprintln(stdout, "Nothing was saved.")
		return nil
	}
	err = db.Update(func(tx domain.Tx) error {
		// A confirmation after the warnings were shown is a "save anyway".
		_, err := domain.SaveEntries(tx, ws, entries, domain.Save{Source: filepath.Base(path), At: now, Anyway: len(warnings) > 0})
		return err
	})
	if err != nil {
		return errors.New(domain.UserMessage(domain.English, err))
	}
	fmt.Fprintf(stdout, "Saved %d rows.\n", len(entries))
	return nil
}

// splitFirstArg takes the first non-flag argument out of args, so flags
// may come before or after it.
func splitFirstArg(args []string) (string, []string) {
	for i, a := range args {
		if !strings.HasPrefix(a, "-") && (i == 0 || !strings.HasPrefix(args[i-1], "--workspace") || strings.Contains(args[i-1], "=")) {
			return a, append(append([]string{}, args[:i]...), args[i+1:]...)
		}
	}
	return "", args
}

func workspaceByID(db *storage.DB, id int64) (*domain.Workspace, error) {
	var ws *domain.Workspace
	err := db.View(func(tx domain.Tx) error {
		var err error
		ws, err = tx.Workspaces().Get(id)
		return err
	})
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		return nil, fmt.Errorf("there is no workspace %d in %s", id, db.Path())
	}
	return ws, err
}

func confirm(stdin io.Reader, stdout io.Writer, question string) bool {
	fmt.Fprint(stdout, question)
	answer, _ := bufio.NewReader(stdin).ReadString('\n')
	answer = strings.ToLower(strings.TrimSpace(answer))
	return answer == "y" || answer == "yes" || answer == "д" || answer == "да"
}

// backup is `trackbot backup FILE`: a consistent copy of the database,
// written to a temporary file, synced, checked, then renamed into place.
// While the bot runs it holds the database, so the copy comes from the bot
// through its admin socket; otherwise the file is opened here.
func backup(cfg Config, args []string, stdout io.Writer) error {
	if len(args) != 1 || strings.HasPrefix(args[0], "-") {
		return errors.New("usage: trackbot backup FILE [--config PATH]")
	}
	path := args[0]
	if live, err := os.Stat(cfg.StoragePath); err == nil {
		if target, err := os.Stat(path); err == nil && os.SameFile(live, target) {
			return fmt.Errorf("backup to %s: that is the live database", path)
		}
	}
	err := backupFromRunningBot(cfg.Ops.AdminSocket, path)
	if err == nil {
		fmt.Fprintf(stdout, "backup written to %s (from the running bot)\n", path)
		return nil
	}
	if !errors.Is(err, errNoRunningBot) {
		return err
	}
	db, err := storage.Open(cfg.StoragePath, storage.Options{Timeout: openTimeout})
	if err != nil {
		return fmt.Errorf("%w (and no bot answered on %s; is storage.admin_socket the running bot's?)", err, cfg.Ops.AdminSocket)
	}
	defer db.Close()
	if err := db.BackupToFile(path); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backup written to %s\n", path)
	return nil
}
