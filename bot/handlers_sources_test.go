package bot

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"trackbot/domain"
	"trackbot/fetch"
	"trackbot/sheets"
)

// weeklySheet is a published sheet of the default workspace ("All
// clients"); the harness's last complete week is 2026-W11.
const weeklySheet = "segment,week,leads,qualified,meetings\n" +
	"All clients,2026-W10,100,60,20\n" +
	"All clients,2026-W11,120,80,30\n"

// recordOf returns the stored record of the default segment's week.
func recordOf(t *testing.T, recs []domain.WeeklyRecord, week domain.Week) domain.WeeklyRecord {
	t.Helper()
	for _, r := range recs {
		if r.Segment == "main" && r.Week == week {
			return r
		}
	}
	t.Fatalf("no record of %s among %d", week, len(recs))
	return domain.WeeklyRecord{}
}

func TestSource_SheetDryRunThenSwitchOnThenScheduledSyncs(t *testing.T) {
	h := newSourcesHarness(t, false)
	h.setUp(leadership)
	sheet := newSheetServer(t, weeklySheet)
	h.send(leadership, anna, "/source add "+sheet.link()).contains("Added “sheet”", "nothing is saved")

	dry := h.sync()
	dry.contains("Dry run of “sheet”", "2026-W11", "120", "80", "30", "Switch it on")
	if recs := h.records(leadership); len(recs) != 0 {
		t.Fatalf("the dry run saved %d records", len(recs))
	}
	if a, _ := h.press(leadership, anna, dry.id(), dry.button("src:on:", "Switch on")).answer(); !strings.Contains(a, "Switched on") {
		t.Errorf("switching on answered %q", a)
	}
	h.sync().contains("“sheet” is on", "figures saved: 6", "/undo 1")
	recs := h.records(leadership)
	if r := recordOf(t, recs, domain.Week{Year: 2026, Num: 10}); r.Counts["leads"] != 100 || r.Counts["qualified"] != 60 || r.Counts["meetings"] != 20 {
		t.Errorf("W10 = %v, want the sheet's 100/60/20", r.Counts)
	}
	revs := h.revisions()
	if len(revs) != 1 || revs[0].Source != "source sheet" || revs[0].By.UserID != anna.ID {
		t.Fatalf("revisions = %+v, want one by the source, on Anna's behalf", revs)
	}

	// A manual figure the sheet does not provide stays; a locked one is
	// never overwritten, even with a number that would not validate.
	preview := h.send(leadership, anna, "/log last week spend=350000")
	h.press(leadership, anna, preview.id(), preview.button(":y", ""))
	h.send(leadership, anna, "/source lock sheet qualified").contains("kept by hand", "Qualified")
	sheet.set(strings.Replace(weeklySheet, "120,80,30", "125,999,31", 1), http.StatusOK)
	spend := recordOf(t, h.records(leadership), domain.Week{Year: 2026, Num: 11}).Spend
	if spend == 0 {
		t.Fatal("the manual spend was not saved")
	}

	// The next day's 06:00 Moscow run saves by itself, silently when
	// nothing looks implausible.
	h.advance(18 * time.Hour) // 19 March 04:00 UTC, after 06:00 Moscow
	if out := h.sync(); len(out.jobs) != 0 {
		t.Errorf("a quiet scheduled sync said %s", out)
	}
	w11 := recordOf(t, h.records(leadership), domain.Week{Year: 2026, Num: 11})
	if w11.Counts["leads"] != 125 || w11.Counts["meetings"] != 31 || w11.Counts["qualified"] != 80 || w11.Spend != spend {
		t.Errorf("after the sync W11 = %v spend %v; want leads 125, meetings 31, qualified kept at 80, spend kept", w11.Counts, w11.Spend)
	}
	if src := h.source("sheet"); src.Done.IsZero() || src.Failures != 0 || !src.Last.OK || src.Last.Figures != 2 {
		t.Errorf("after the run: %+v", src.Last)
	}
	if out := h.sync(); len(out.jobs) != 0 || len(h.revisions()) != 3 {
		t.Errorf("the same run synced twice: %s, %d revisions", out, len(h.revisions()))
	}
	h.send(leadership, anna, "/source").contains("sheet", "on", "figures changed: 2", "kept by hand: Qualified")
}

func TestSource_FailedSyncSavesNothingAndTellsTheCEOsPrivately(t *testing.T) {
	h := newSourcesHarness(t, false)
	ws := h.setUp(leadership)
	sheet := newSheetServer(t, weeklySheet)
	h.send(leadership, anna, "/source add "+sheet.link())
	dry := h.sync()
	h.press(leadership, anna, dry.id(), dry.button("src:on:", ""))
	h.sync()
	before := h.records(leadership)

	sheet.set("", http.StatusInternalServerError)
	h.advance(18 * time.Hour)
	out := h.sync()
	if len(out.to(leadership.ID).jobs) != 0 {
		t.Errorf("a failed scheduled sync spoke in the group: %s", out)
	}
	out.to(anna.ID).contains("“sheet” could not sync", "500", "Nothing was saved", "try again at")
	if got := h.records(leadership); len(got) != len(before) || recordOf(t, got, domain.Week{Year: 2026, Num: 11}).Counts["leads"] != 120 {
		t.Errorf("a failed sync changed the records")
	}
	// A retry before the backoff does nothing; after it, failing the same
	// way again is not told again, but counts.
	h.advance(5 * time.Minute)
	if out := h.sync(); len(out.jobs) != 0 || h.source("sheet").Failures != 1 {
		t.Errorf("retried before the backoff: %s", out)
	}
	h.advance(6 * time.Minute)
	if out := h.sync(); len(out.jobs) != 0 || h.source("sheet").Failures != 2 {
		t.Errorf("the second failure: %s, failures %d", out, h.source("sheet").Failures)
	}
	// Two failures in a row are in the weekly snapshot.
	ws = h.workspace(leadership)
	jobs, err := h.b.buildPost(ws, domain.ScheduleSnapshot, h.now)
	if err != nil || len(jobs) == 0 || !strings.Contains(htmlPlain(jobs[0].Text), "Source “sheet” failed 2 times in a row: the server answered 500") {
		t.Errorf("the snapshot does not mention the failing source: %v\n%s", err, htmlPlain(jobs[0].Text))
	}
	// Fixed, the next retry works and the streak ends.
	sheet.set(weeklySheet, http.StatusOK)
	h.advance(31 * time.Minute)
	h.sync()
	if s := h.source("sheet"); s.Failures != 0 || !s.Last.OK {
		t.Errorf("after the fix: failures %d, last %+v", s.Failures, s.Last)
	}
	if jobs, _ := h.b.buildPost(h.workspace(leadership), domain.ScheduleSnapshot, h.now); strings.Contains(jobs[0].Text, "failed") {
		t.Errorf("the snapshot still mentions a fixed source")
	}
}

func TestSource_SyncCommandShowsAPreviewToConfirm(t *testing.T) {
	h := newSourcesHarness(t, false)
	h.setUp(leadership)
	sheet := newSheetServer(t, weeklySheet)
	h.send(leadership, anna, "/source add "+sheet.link()+" weekly")
	h.sync()
	h.send(leadership, anna, "/source sync").contains("Reading “weekly”")
	preview := h.sync()
	preview.contains("source weekly", "2026-W10", "2026-W11")
	if len(h.records(leadership)) != 0 {
		t.Fatal("a preview saved")
	}
	// Another CEO's head cannot confirm it; the CEO can.
	h.grant(leadership, mark, domain.RoleHead, domain.DeptMarketing)
	h.press(leadership, mark, preview.id(), preview.button(":y", ""))
	if len(h.records(leadership)) != 0 {
		t.Fatal("a head confirmed a CEO's sync")
	}
	h.press(leadership, anna, preview.id(), preview.button(":y", "")).contains("Saved")
	if revs := h.revisions(); len(revs) != 1 || revs[0].Source != "source weekly" {
		t.Errorf("revisions %+v", revs)
	}
	// A sheet that breaks the import's rules is refused whole, naming the cell.
	sheet.set("segment,week,leads\nAll clients,2026-W11,-5\n", http.StatusOK)
	h.send(leadership, anna, "/source sync weekly")
	h.sync().contains("“weekly” could not sync", "Nothing was saved")
}

func TestSource_SheetLinksThatCannotWork(t *testing.T) {
	h := newSourcesHarness(t, false)
	h.setUp(leadership)
	h.grant(leadership, mark, domain.RoleHead, domain.DeptMarketing)
	h.send(leadership, mark, "/source add https://example.com/a.csv").contains("Only a CEO")
	h.send(leadership, anna, "/source add ftp://example.com/a.csv").contains("is not a link to a file")
	h.send(leadership, anna, "/source add file:///etc/passwd").contains("is not a link to a file")

	page := newSheetServer(t, "<!DOCTYPE html><html><body>Sign in</body></html>")
	h.send(leadership, anna, "/source add "+page.link()+" page")
	h.sync().contains("“page” could not sync", "opens a web page", "Publish to web")

	// Without sources.allow_private the loopback server is out of reach.
	h.b.sources.HTTP = fetch.NewClient(fetch.Options{})
	local := newSheetServer(t, weeklySheet)
	h.send(leadership, anna, "/source add "+local.link()+" local")
	h.sync().contains("“local” could not sync", "private or local address")
	if n := local.served(); n != 0 {
		t.Errorf("the private server was asked %d times", n)
	}
	h.send(leadership, anna, "/source pause local").contains("paused")
	h.send(leadership, anna, "/source remove local").contains("Removed “local”")
	h.send(leadership, anna, "/source sync local").contains("There is no source “local”")
}

// An XLSX by link reads as an uploaded XLSX does.
func TestSource_XLSXByLink(t *testing.T) {
	h := newSourcesHarness(t, false)
	h.setUp(leadership)
	rec := domain.WeeklyRecord{Segment: "main", Week: domain.Week{Year: 2026, Num: 11}, Counts: map[string]int64{"leads": 140, "qualified": 90}}
	data, err := sheets.Export(h.workspace(leadership), domain.English, []domain.WeeklyRecord{rec}, sheets.FormatXLSX)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(data) }))
	defer srv.Close()
	h.send(leadership, anna, "/source add "+srv.URL+"/numbers/weekly.xlsx")
	h.sync().contains("Dry run of “sheet”", "2026-W11", "140", "90")
}
