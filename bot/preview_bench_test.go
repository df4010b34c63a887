package bot

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"trackbot/domain"
	"trackbot/sheets"
	"trackbot/storage"
)

// previewBench is a store with a three-segment workspace and the full
// year's file, to measure building its preview.
type previewBench struct {
	db   *storage.DB
	ws   *domain.Workspace
	bot  *Bot
	file []byte
	now  time.Time
}

func newPreviewBench(tb testing.TB) *previewBench {
	tb.Helper()
	p := &previewBench{now: handlerStart}
	db, err := storage.Open(filepath.Join(tb.TempDir(), "trackbot.db"), storage.Options{Now: func() time.Time { return p.now }})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = db.Close() })
	ws := domain.NewWorkspace(leadership.ID, leadership.Title, domain.English, "Europe/Moscow", person(&anna), p.now.Add(-30*24*time.Hour))
	ws.Segments = []domain.Segment{
		{Key: "dealers", Name: domain.Name{En: "Dealers"}, Focus: true},
		{Key: "developers", Name: domain.Name{En: "Developers"}},
		{Key: "retail", Name: domain.Name{En: "Retail buyers"}},
	}
	if err := db.Update(func(tx domain.Tx) error { return tx.Workspaces().Create(ws) }); err != nil {
		tb.Fatal(err)
	}
	p.db, p.ws = db, ws
	p.bot = New(Config{TimeZone: "Europe/Moscow"}, db, slog.New(slog.DiscardHandler), WithClock(func() time.Time { return p.now }))
	p.file = filledTemplate(tb, ws, weekW11, 52)
	return p
}

// read reads the file as an upload is read.
func (p *previewBench) read(tb testing.TB) []domain.Entry {
	entries, err := sheets.Read(p.ws, longFileName, bytes.NewReader(p.file), p.now, sheets.DefaultLimits())
	if err != nil || len(entries) != 156 {
		tb.Fatalf("read %d entries: %v", len(entries), err)
	}
	return entries
}

// build reads the file, compares it with the store and renders the
// preview with its details file.
func (p *previewBench) build(tb testing.TB) draftView {
	entries := p.read(tb)
	var view draftView
	err := p.db.View(func(tx domain.Tx) error {
		sum, err := domain.SummarizeDraft(tx, p.ws, entries)
		if err != nil {
			return err
		}
		c := &Context{Workspace: p.ws, Lang: domain.English}
		view = renderPreview(c, &domain.Draft{Source: longFileName, Entries: entries}, sum)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	if view.details == nil || visibleLen(view.text) > maxMessage {
		tb.Fatalf("the preview does not fit or has no details file")
	}
	return view
}

// update handles the upload but its download: the build, plus storing the
// draft and the replies in one committed transaction.
func (p *previewBench) update(tb testing.TB, id int) {
	msg := &tgbotapi.Message{MessageID: id, From: &anna, Chat: &leadership, Date: int(p.now.Unix()),
		Document: &tgbotapi.Document{FileID: "f", FileName: longFileName, FileSize: len(p.file)}}
	c := p.bot.newContext(context.Background(), tgbotapi.Update{UpdateID: id, Message: msg})
	if err := p.bot.proposeDraft(c, longFileName, p.read(tb)); err != nil {
		tb.Fatal(err)
	}
	if jobs, err := p.bot.commit(c, func(tx domain.Tx) error { return tx.Poll().SetOffset(id + 1) }); err != nil || len(jobs) != 2 {
		tb.Fatalf("committed %d jobs: %v", len(jobs), err)
	}
}

// The budget for the full year's preview is 30 MB allocated (and
// 100 ms, which BenchmarkImportPreview_FullYear reports: time is too noisy
// on a shared machine to assert).
func TestImportPreview_FullYearWithinMemoryBudget(t *testing.T) {
	p := newPreviewBench(t)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	p.update(t, 1)
	runtime.ReadMemStats(&after)
	if got := after.TotalAlloc - before.TotalAlloc; got > 30<<20 {
		t.Errorf("the preview of 3 segments × 52 weeks allocated %d MB, want under 30", got>>20)
	}
}

// BenchmarkImportPreview_FullYear measures the preview of a fully filled
// template for 3 segments × 52 weeks (the budget: under 100 ms and
// 30 MB allocated). "build" reads the file, compares it with the store and
// renders the preview and its details file; "update" is the whole update
// but the download: the same, plus storing the draft and the replies in
// one committed transaction.
func BenchmarkImportPreview_FullYear(b *testing.B) {
	p := newPreviewBench(b)
	b.Run("build", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			p.build(b)
		}
	})
	b.Run("update", func(b *testing.B) {
		b.ReportAllocs()
		id := 0
		for b.Loop() {
			id++
			p.update(b, id)
		}
	})
}
