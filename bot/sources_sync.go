package bot

import (
	"context"
	"sync/atomic"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"trackbot/domain"
)

// The syncer runs the sources: people's requests at once, scheduled runs
// on time (domain.Source.Due), retries after a failure. The network work
// happens outside any transaction; its outcome — the numbers, the
// source's state and what people are told — commits in one, so a sync
// that fails half-way saves nothing. Decided:
//   - a scheduled sync (and the first one after switching on) saves at
//     once as a revision named after the source; nobody is there to
//     confirm it, so plausibility warnings do not stop it but go to the
//     CEOs privately, and /undo reverts it;
//   - /source sync shows a preview with old → new and waits for a
//     confirmation, exactly like an uploaded file.

// syncer wakes the sync loop when an update left a request.
type syncer struct {
	wake      chan struct{}
	requested atomic.Bool
}

func newSyncer() *syncer { return &syncer{wake: make(chan struct{}, 1)} }

// requestSync notes that the update being handled left a request; the
// loop looks once the update is committed.
func (b *Bot) requestSync() { b.syncer.requested.Store(true) }

// afterUpdate wakes the loop after a committed update that left a request.
func (s *syncer) afterUpdate() {
	if s.requested.CompareAndSwap(true, false) {
		select {
		case s.wake <- struct{}{}:
		default:
		}
	}
}

// runSyncer syncs what is due and sleeps until the next run, until ctx ends.
func (b *Bot) runSyncer(ctx context.Context) {
	for ctx.Err() == nil {
		next, worked := b.syncDue(ctx)
		wait := maxSchedulerSleep
		if !next.IsZero() {
			wait = min(wait, next.Sub(b.now()))
		}
		if worked {
			wait = 0 // what was done may have made more due (a request after a run)
		}
		timer := time.NewTimer(max(wait, 0))
		select {
		case <-ctx.Done():
		case <-b.syncer.wake:
		case <-timer.C:
		}
		timer.Stop()
	}
}

// dueSource is one source with what it owes.
type dueSource struct {
	ws  *domain.Workspace
	src *domain.Source
	due domain.SourceDue
}

// syncDue does every due sync and returns when to look again, and
// whether anything was done.
func (b *Bot) syncDue(ctx context.Context) (next time.Time, worked bool) {
	now := b.now()
	var work []dueSource
	err := b.store.View(func(tx domain.Tx) error {
		all, err := tx.Workspaces().List()
		if err != nil {
			return err
		}
		for _, ws := range all {
			if ws.Parked {
				continue
			}
			list, err := tx.Sources().List(ws.ID)
			if err != nil {
				return err
			}
			loc := b.sched.location(ws)
			for _, s := range list {
				if due, ok := s.Due(ws, now, loc); ok {
					work = append(work, dueSource{ws: ws, src: s, due: due})
				}
				if n := s.NextCheck(ws, now, loc); !n.IsZero() && (next.IsZero() || n.Before(next)) {
					next = n
				}
			}
		}
		return nil
	})
	if err != nil {
		b.log.Error("reading the sources failed", "err", b.red.Err(err))
		return now.Add(time.Minute), false
	}
	for _, w := range work {
		if ctx.Err() != nil {
			break
		}
		if b.syncOne(ctx, w) {
			worked = true
		}
	}
	return next, worked
}

// syncOne does what one source owes and reports whether its outcome was
// committed.
func (b *Bot) syncOne(ctx context.Context, w dueSource) bool {
	timeout := b.sources.Timeout
	if timeout <= 0 {
		timeout = syncTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	now := b.now()
	kind := domain.SyncNow
	if w.due.Request != nil {
		kind = w.due.Request.Kind
	}
	if kind == domain.SyncTest && !w.src.Kind.NeedsMapping() {
		kind = domain.SyncDryRun // a sheet has nothing to map: its test is the dry run
	}
	var err error
	switch kind {
	case domain.SyncTest:
		err = b.syncCatalog(ctx, w, now)
	case domain.SyncDryRun:
		err = b.syncDryRun(ctx, w, now)
	case domain.SyncPreview:
		err = b.syncPreview(ctx, w, now)
	default:
		err = b.syncSave(ctx, w, now)
	}
	if err == nil {
		return true
	}
	return b.syncFailed(w, err, now)
}

// syncContext is a context for what the syncer says: in chatID, as a
// reply to replyTo when not zero, on behalf of by.
func (b *Bot) syncContext(w dueSource, chatID int64, replyTo int, by domain.Person, now time.Time) *Context {
	chat := &tgbotapi.Chat{ID: chatID, Type: "supergroup"}
	if chatID > 0 {
		chat.Type = "private"
	}
	c := &Context{ctx: context.Background(), b: b, Chat: chat, From: by, Workspace: w.ws, Lang: w.ws.Lang, now: now}
	if replyTo != 0 {
		c.Message = &tgbotapi.Message{MessageID: replyTo, Chat: chat}
	}
	return c
}

// requestContext answers the request where it was made.
func (b *Bot) requestContext(w dueSource, now time.Time) *Context {
	r := w.due.Request
	return b.syncContext(w, r.ChatID, r.ReplyTo, r.By, now)
}

// commitSync applies the context's changes and stores its replies in one
// transaction, as an update's commit does (alerts a save fires included),
// and hands them to the sender. No poll offset moves: no update is handled.
func (b *Bot) commitSync(c *Context) error {
	added, err := b.commit(c, func(domain.Tx) error { return nil })
	if err != nil {
		return err
	}
	b.sender.enqueue(added)
	return nil
}

// updateSource applies fn to the stored source in tx and clears the
// request just handled, unless a newer one came in meanwhile.
func updateSource(tx domain.Tx, w dueSource, fn func(s *domain.Source)) (*domain.Source, error) {
	s, err := tx.Sources().Get(w.ws.ID, w.src.ID)
	if err != nil {
		return nil, err
	}
	if r := w.due.Request; r != nil && s.Request != nil && s.Request.Kind == r.Kind && s.Request.At.Equal(r.At) {
		s.Request = nil
	}
	fn(s)
	return s, tx.Sources().Put(s)
}

// syncCatalog reads what the CRM offers, refreshes the proposed mapping
// (keeping the CEOs' choices that still fit) and posts the mapping card
// in the group.
func (b *Bot) syncCatalog(ctx context.Context, w dueSource, now time.Time) error {
	conn, err := b.connect(w.src)
	if err != nil {
		return err
	}
	cat, err := conn.Catalog(ctx)
	if err != nil {
		return err
	}
	r := w.due.Request
	replyTo := 0
	if r.ChatID == w.ws.ChatID {
		replyTo = r.ReplyTo
	}
	c := b.syncContext(w, w.ws.ChatID, replyTo, r.By, now)
	c.Change(func(tx domain.Tx) error {
		s, err := updateSource(tx, w, func(s *domain.Source) {
			s.Catalog, s.CatalogVersion = cat, s.CatalogVersion+1
			s.Mapping = refreshMapping(w.ws, s.Mapping, cat)
		})
		if err != nil {
			return err
		}
		text, kb := mapOverview(c, s)
		c.Reply(text, kb...)
		return nil
	})
	return b.commitSync(c)
}

// refreshMapping is the proposal for cat with the choices already made
// on top, where the CRM thing and the workspace thing both still exist.
func refreshMapping(ws *domain.Workspace, old domain.SourceMapping, cat domain.SourceCatalog) domain.SourceMapping {
	m := domain.ProposeMapping(ws, cat)
	for _, p := range domain.MapParts {
		for id, key := range old.Part(p) {
			probe := domain.SourceMapping{}
			probe.Set(p, id, key)
			if domain.CheckMapping(ws, probe, cat) == nil {
				m.Set(p, id, key)
			}
		}
	}
	return m
}
