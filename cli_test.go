package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"trackbot/domain"
	"trackbot/sheets"
	"trackbot/storage"
)

// cliWorkspace stores a workspace in a fresh database for the CLI tests and
// points the configuration at it.
func cliWorkspace(t *testing.T) (dbPath string, wsID int64) {
	t.Helper()
	dbPath = filepath.Join(t.TempDir(), "trackbot.db")
	t.Setenv("TRACKBOT_STORAGE_PATH", dbPath)
	db, err := storage.Open(dbPath, storage.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ws := domain.NewWorkspace(-100777, "CLI Co", domain.English, "Europe/Moscow", domain.Person{UserID: 1}, time.Now())
	if err := db.Update(func(tx domain.Tx) error { return tx.Workspaces().Create(ws) }); err != nil {
		t.Fatal(err)
	}
	return dbPath, ws.ID
}

func storedRecords(t *testing.T, dbPath string, wsID int64) []domain.WeeklyRecord {
	t.Helper()
	db, err := storage.Open(dbPath, storage.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var recs []domain.WeeklyRecord
	if err := db.View(func(tx domain.Tx) error {
		var err error
		recs, err = tx.Records().Range(wsID, "", domain.Week{Year: 2000, Num: 1}, domain.Week{Year: 2100, Num: 1})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestCLI_ImportAsksThenSavesAllRows(t *testing.T) {
	dbPath, wsID := cliWorkspace(t)
	ws := domain.NewWorkspace(0, "", domain.English, "Europe/Moscow", domain.Person{}, time.Now())
	file, err := sheets.Export(ws, domain.English, fileRecords(), sheets.FormatXLSX)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "numbers.xlsx")
	os.WriteFile(path, file, 0o600)
	id := strconv.FormatInt(wsID, 10)

	var out, errOut strings.Builder
	code := runWithInput(t.Context(), []string{"import", path, "--workspace", id}, strings.NewReader("n\n"), &out, &errOut)
	if code != 0 || !strings.Contains(out.String(), "Nothing was saved") {
		t.Fatalf("declined import: code %d, out %q, err %q", code, out.String(), errOut.String())
	}
	if n := len(storedRecords(t, dbPath, wsID)); n != 0 {
		t.Fatalf("a declined import stored %d records", n)
	}
	out.Reset()
	code = runWithInput(t.Context(), []string{"import", "--workspace=" + id, path}, strings.NewReader("y\n"), &out, &errOut)
	if code != 0 || !strings.Contains(out.String(), "Saved 2 rows") {
		t.Fatalf("confirmed import: code %d, out %q, err %q", code, out.String(), errOut.String())
	}
	recs := storedRecords(t, dbPath, wsID)
	if len(recs) != 2 || recs[0].Counts["leads"] != 200 || recs[1].Counts["meetings"] != 30 {
		t.Errorf("stored = %+v", recs)
	}
}

func TestCLI_ImportBadFileNamesTheCellAndSavesNothing(t *testing.T) {
	dbPath, wsID := cliWorkspace(t)
	path := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(path, []byte("segment,week,leads\nAll clients,2026-W46,12\nAll clients,2026-W47,-3\n"), 0o600)
	var out, errOut strings.Builder
	code := runWithInput(t.Context(), []string{"import", path, "--workspace", strconv.FormatInt(wsID, 10), "--yes"}, strings.NewReader(""), &out, &errOut)
	if code == 0 || !strings.Contains(errOut.String(), "Row 3") {
		t.Errorf("bad file: code %d, stderr %q", code, errOut.String())
	}
	if n := len(storedRecords(t, dbPath, wsID)); n != 0 {
		t.Errorf("a bad file stored %d records", n)
	}
}

func TestCLI_ImplausibleNumbersNeedAnywayWithYes(t *testing.T) {
	dbPath, wsID := cliWorkspace(t)
	path := filepath.Join(t.TempDir(), "odd.csv")
	os.WriteFile(path, []byte("segment,week,qualified,meetings\nAll clients,2026-W46,45,50\n"), 0o600)
	id := strconv.FormatInt(wsID, 10)
	var out, errOut strings.Builder
	code := runWithInput(t.Context(), []string{"import", path, "--workspace", id, "--yes"}, strings.NewReader(""), &out, &errOut)
	if code == 0 || !strings.Contains(out.String(), "Warning: All clients, 2026-W46: Meetings (50) is more than Qualified (45)") ||
		!strings.Contains(errOut.String(), "--anyway") {
		t.Errorf("--yes with a warning: code %d, out %q, err %q", code, out.String(), errOut.String())
	}
	if n := len(storedRecords(t, dbPath, wsID)); n != 0 {
		t.Fatalf("warned numbers were saved without --anyway: %d records", n)
	}
	out.Reset()
	code = runWithInput(t.Context(), []string{"import", path, "--workspace", id, "--yes", "--anyway"}, strings.NewReader(""), &out, &errOut)
	if code != 0 || !strings.Contains(out.String(), "Saved 1 rows") {
		t.Fatalf("--anyway: code %d, out %q, err %q", code, out.String(), errOut.String())
	}
	if recs := storedRecords(t, dbPath, wsID); len(recs) != 1 || recs[0].Counts["meetings"] != 50 {
		t.Errorf("stored = %+v", recs)
	}
}

func TestCLI_BackupIsAConsistentCopy(t *testing.T) {
	_, wsID := cliWorkspace(t)
	target := filepath.Join(t.TempDir(), "copy.db")
	var out, errOut strings.Builder
	if code := run(t.Context(), []string{"backup", target}, &out, &errOut); code != 0 {
		t.Fatalf("backup: %d %s", code, errOut.String())
	}
	db, err := storage.Open(target, storage.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if ws, err := workspaceByID(db, wsID); err != nil || ws.Title != "CLI Co" {
		t.Errorf("the copy holds %+v, %v", ws, err)
	}
	if info, _ := os.Stat(target); info.Mode().Perm() != 0o600 {
		t.Errorf("backup mode = %v, want 0600", info.Mode().Perm())
	}
}

func TestEval_PrintsRecallAndFalseAlarms(t *testing.T) {
	t.Setenv("TRACKBOT_TELEGRAM_TOKEN", "")
	var stdout, stderr strings.Builder
	code := run(t.Context(), []string{"eval", "--draws", "3", "--seed", "7"}, &stdout, &stderr)
	out := stdout.String()
	for _, want := range []string{"collapse at a stage", "one weak manager", "healthy packs: at most one question in"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval output lacks %q:\n%s", want, out)
		}
	}
	if code != 0 && !strings.Contains(stderr.String(), "miss the evaluation's targets") {
		t.Errorf("eval exited %d: %s", code, stderr.String())
	}
	if code := run(t.Context(), []string{"eval", "--draws", "0"}, &stdout, &stderr); code == 0 {
		t.Error("--draws 0 was accepted")
	}
}
