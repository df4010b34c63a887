package bot

import (
	"context"
	"fmt"
	"strings"
	"time"

	"trackbot/domain"
)

// What a sync does with what it read, and what people are told.

// syncDryRun shows last week's numbers as a sync would save them, with
// the button that switches the source on. Nothing is saved.
func (b *Bot) syncDryRun(ctx context.Context, w dueSource, now time.Time) error {
	last := w.ws.LastCompleteWeek(now)
	entries, err := b.readSource(ctx, w.ws, w.src, last, last)
	if err != nil {
		return err
	}
	week, shown := domain.DryRunWeek(entries, last)
	c := b.requestContext(w, now)
	var sum domain.DraftSummary
	var warnings []domain.Warning
	if err := b.store.View(func(tx domain.Tx) error {
		var err error
		sum, warnings, err = domain.DryRunSync(tx, w.ws, w.src, shown, now)
		return err
	}); err != nil {
		return err
	}
	head := c.T("source.dry_title", escape(w.src.Name), escape(sum.Extent(w.ws, c.Lang)))
	if week != last {
		head += "\n" + c.T("source.dry_latest", last.String())
	}
	tail := joinBlocks(previewWarningLines(c, sum), plausibilityLines(c, &domain.Draft{Warnings: warnings}),
		c.T("source.dry_switch", domain.ClockLabel(domain.SourceSyncHour, 0)))
	text := joinBlocks(head, tablesHTML(entryTables(c, sum, true), maxMessage), tail)
	if visibleLen(text) > maxMessage {
		text = joinBlocks(head, segmentLines(c, sum, true), tail)
	}
	kb := []domain.Button{{Text: c.T("source.button.on"), Data: fmt.Sprintf("src:on:%d", w.src.ID)}}
	if w.src.Kind.NeedsMapping() {
		kb = append(kb, domain.Button{Text: c.T("source.button.mapping"), Data: fmt.Sprintf("src:m:%d", w.src.ID)})
	}
	c.Change(func(tx domain.Tx) error {
		_, err := updateSource(tx, w, func(*domain.Source) {})
		return err
	})
	c.Reply(text, kb)
	return b.commitSync(c)
}

// syncPreview reads the source into a draft that the CEO who asked
// confirms from its preview, as an uploaded file.
func (b *Bot) syncPreview(ctx context.Context, w dueSource, now time.Time) error {
	from, to := w.src.SyncWeeks(w.ws, now)
	entries, err := b.readSource(ctx, w.ws, w.src, from, to)
	if err != nil {
		return err
	}
	c := b.requestContext(w, now)
	c.Change(func(tx domain.Tx) error {
		if _, err := updateSource(tx, w, func(*domain.Source) {}); err != nil {
			return err
		}
		d, _, err := domain.ProposeSync(tx, w.ws, w.src, w.due.Request.By, entries, now)
		if err != nil {
			return err
		}
		view, err := previewDraft(c, tx, d)
		if err != nil {
			return err
		}
		c.Reply(view.text, draftButtons(c, d))
		return nil
	})
	return b.commitSync(c)
}

// syncSave saves what the source read as one revision: a scheduled run,
// or the first sync after switching on. Warnings go to the CEOs.
func (b *Bot) syncSave(ctx context.Context, w dueSource, now time.Time) error {
	from, to := w.src.SyncWeeks(w.ws, now)
	entries, err := b.readSource(ctx, w.ws, w.src, from, to)
	if err != nil {
		return err
	}
	var c *Context
	if w.due.Request != nil {
		c = b.requestContext(w, now)
	} else {
		c = b.syncContext(w, w.ws.ChatID, 0, w.src.AddedBy, now)
	}
	c.Change(func(tx domain.Tx) error {
		rev, warnings, err := domain.SaveSync(tx, w.ws, w.src, entries, now)
		if err != nil {
			return err
		}
		figures := revisionFigures(rev)
		s, err := updateSource(tx, w, func(s *domain.Source) {
			s.Synced(domain.SyncResult{At: now, Figures: figures, Revision: rev.ID}, w.due.Run)
		})
		if err != nil {
			return err
		}
		saved := c.T("source.nothing_new")
		if figures > 0 {
			saved = c.T("source.saved", figures, rev.ID)
		}
		warn := plausibilityLines(c, &domain.Draft{Warnings: warnings})
		switch {
		case w.due.Request != nil:
			c.Reply(joinBlocks(c.T("source.on", escape(s.Name), saved), warn))
		case figures > 0 && len(warnings) > 0:
			tellCEOs(c, joinBlocks(c.T("source.synced_warn", escape(s.Name), figures, rev.ID), warn))
		}
		return nil
	})
	return b.commitSync(c)
}

// revisionFigures counts the figures a revision changed.
func revisionFigures(rev *domain.Revision) int {
	n := 0
	for _, r := range rev.Records {
		n += len(r.Figures)
	}
	return n
}

// tellCEOs sends text to every CEO of the workspace in a private chat.
func tellCEOs(c *Context, text string) {
	for _, ceo := range c.Workspace.CEOs() {
		c.Queue(&domain.OutboxJob{ChatID: ceo.UserID, Kind: domain.SendText, Text: text, Priority: domain.PriorityBulk})
	}
}

// syncFailed records a failed sync — nothing of it was saved — and says
// what to fix: to whoever asked, or, for a scheduled run, to the CEOs
// privately on the first failure in a row and when the problem changes.
// It reports whether the failure was recorded.
func (b *Bot) syncFailed(w dueSource, cause error, now time.Time) bool {
	key, detail := syncProblem(w.ws.Lang, w.src, cause)
	b.log.Warn("a source sync failed", "workspace", w.ws.ID, "source", w.src.Name, "problem", key, "detail", b.red.String(detail))
	scheduled := w.due.Request == nil
	var c *Context
	if scheduled {
		c = b.syncContext(w, w.ws.ChatID, 0, w.src.AddedBy, now)
	} else {
		c = b.requestContext(w, now)
	}
	c.Change(func(tx domain.Tx) error {
		var tell bool
		s, err := updateSource(tx, w, func(s *domain.Source) {
			tell = s.Failed(domain.SyncResult{At: now, Problem: key, Detail: detail}, scheduled)
		})
		if err != nil {
			return err
		}
		msg := c.T("source.failed", escape(s.Name), escape(domain.Text(c.Lang, key, detail)))
		switch {
		case !scheduled:
			c.Reply(msg)
		case tell:
			retry := s.RetryAt().In(w.ws.Location()).Format("15:04")
			tellCEOs(c, msg+"\n"+c.T("source.failed_retry", retry, escape(s.Name)))
		}
		return nil
	})
	if err := b.commitSync(c); err != nil {
		b.log.Error("recording a failed sync failed", "workspace", w.ws.ID, "source", w.src.Name, "err", b.red.Err(err))
		return false
	}
	return true
}

// failingSourcesLine is the weekly snapshot's note about sources that
// failed SourceAlarmFailures times in a row; "" when none did.
func (b *Bot) failingSourcesLine(ws *domain.Workspace) string {
	list, err := b.sourcesOf(ws)
	if err != nil {
		b.log.Error("reading the sources for the snapshot failed", "workspace", ws.ID, "err", b.red.Err(err))
		return ""
	}
	var lines []string
	for _, s := range list {
		if s.Alarming() {
			problem := domain.Text(ws.Lang, s.Last.Problem, s.Last.Detail)
			lines = append(lines, domain.Text(ws.Lang, "source.snapshot_failing", escape(s.Name), s.Failures, escape(problem)))
		}
	}
	return strings.Join(lines, "\n")
}
