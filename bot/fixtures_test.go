package bot

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"trackbot/charts"
	"trackbot/domain"
	"trackbot/storage"
)

// Fixtures shared by the bot's tests: a database, a bot on it, and a
// workspace with numbers.

// shiftedClock reads the running clock (the real one, or synctest's fake
// one) moved so that it showed start when it was made.
func shiftedClock(start time.Time) func() time.Time {
	offset := start.Sub(time.Now())
	return func() time.Time { return time.Now().Add(offset) }
}

// openDB opens a database stamped by now in a temporary directory, in
// memory (/dev/shm) when the machine has one: bbolt syncs every commit,
// which on a shared disk costs about 10 ms, and no test here crashes the
// machine.
func openDB(t testing.TB, now func() time.Time) *storage.DB {
	t.Helper()
	return openDBWith(t, storage.Options{Now: now})
}

// openDBWith opens a test database with opts, in memory (/dev/shm) when
// the machine has it: bbolt syncs every commit.
func openDBWith(t testing.TB, opts storage.Options) *storage.DB {
	t.Helper()
	dir, err := os.MkdirTemp("/dev/shm", "trackbot-test-")
	if err != nil {
		dir = t.TempDir()
	} else {
		t.Cleanup(func() { os.RemoveAll(dir) })
	}
	db, err := storage.Open(filepath.Join(dir, "trackbot.db"), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

var (
	rendererOnce sync.Once
	renderer     *charts.Renderer
)

// testRenderer is one chart renderer for all tests (a Renderer is safe
// for concurrent use). It keeps its PNGs: the tests draw the same pictures
// many times, and under -race encoding was most of this package's time.
func testRenderer(t testing.TB) *charts.Renderer {
	rendererOnce.Do(func() {
		r, err := charts.New()
		if err != nil {
			t.Fatal(err)
		}
		r.KeepPNGs()
		renderer = r
	})
	return renderer
}

// newTestBot builds a bot on db whose clock is now.
func newTestBot(t testing.TB, cfg Config, db domain.Store, now func() time.Time, opts ...Option) *Bot {
	opts = append([]Option{WithClock(now), WithRenderer(testRenderer(t))}, opts...)
	return New(cfg, db, slog.New(slog.DiscardHandler), opts...)
}

// mustUpdate runs fn in a write transaction.
func mustUpdate(t testing.TB, db domain.Store, fn func(tx domain.Tx) error) {
	t.Helper()
	if err := db.Update(fn); err != nil {
		t.Fatal(err)
	}
}

// testWorkspace is a workspace of chat in zone, created at created, with
// a CEO and the heads of marketing (@mark) and sales (@sam), and two
// segments: dealers (focus) and retail, which skips meetings and proposals.
func testWorkspace(chat int64, zone string, created time.Time) *domain.Workspace {
	ws := domain.NewWorkspace(chat, fmt.Sprintf("Company %d", -chat), domain.English, zone,
		domain.Person{UserID: 1, Name: "Anna", Username: "anna"}, created)
	ws.Segments = []domain.Segment{
		{Key: "dealers", Name: domain.Name{En: "Dealers", Ru: "Дилеры"}, Focus: true},
		{Key: "retail", Name: domain.Name{En: "Retail", Ru: "Розница"}, SkipStages: []string{"meetings", "proposals"}},
	}
	ws.Members = append(ws.Members,
		domain.Member{UserID: 2, Name: "Mark", Username: "mark", HeadOf: []string{domain.DeptMarketing}},
		domain.Member{UserID: 3, Name: "Sam", Username: "sam", HeadOf: []string{domain.DeptSales}})
	return ws
}

func createWorkspace(t testing.TB, db domain.Store, ws *domain.Workspace) *domain.Workspace {
	t.Helper()
	mustUpdate(t, db, func(tx domain.Tx) error { return tx.Workspaces().Create(ws) })
	return ws
}

// weekRecord is a segment's week with the numbers of the departments given.
func weekRecord(segment string, w domain.Week, marketing, sales bool) domain.WeeklyRecord {
	r := domain.WeeklyRecord{Segment: segment, Week: w, Counts: map[string]int64{}}
	if marketing {
		r.Counts["impressions"], r.Counts["clicks"], r.Counts["leads"], r.Counts["qualified"] = 40000, 1200, 150, 90
		r.Spend = 300_000_00
	}
	if sales {
		if segment == "dealers" {
			r.Counts["meetings"], r.Counts["proposals"] = 40, 25
		}
		r.Counts["deals"], r.Counts["paid"] = 9, 7
		r.Revenue = 2_100_000_00
	}
	return r
}

// storedJobs returns every job in the outbox by key.
func storedJobs(t testing.TB, db domain.Store) map[string]*domain.OutboxJob {
	t.Helper()
	jobs := map[string]*domain.OutboxJob{}
	err := db.View(func(tx domain.Tx) error {
		pending, err := tx.Outbox().Pending()
		for _, j := range pending {
			checkTelegramRules(t, j)
			jobs[j.Key] = j
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return jobs
}

// postsOf returns the periods of the posts of kind in workspace ws, with
// their first job, from keys like "snapshot:1:2026-W13".
func postsOf(jobs map[string]*domain.OutboxJob, kind domain.ScheduleKind, ws int64) map[string]*domain.OutboxJob {
	prefix := fmt.Sprintf("%s:%d:", kind, ws)
	out := map[string]*domain.OutboxJob{}
	for key, j := range jobs {
		if period, ok := strings.CutPrefix(key, prefix); ok && !strings.Contains(period, ":") {
			out[period] = j
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
