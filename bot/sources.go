package bot

import (
	"fmt"
	"strings"

	"trackbot/domain"
	"trackbot/fetch"
)

// /source: the sources the numbers sync from. Handlers only change the
// source and leave a request for the syncer (sources_sync.go), which does
// the network work outside the poll loop and answers when it is done.

// sourceCmd answers /source and its subcommands.
func (b *Bot) sourceCmd(c *Context) error {
	// A token pasted into the group is refused before anything else.
	if !c.Chat.IsPrivate() && domain.LooksLikeSecret(c.Args) {
		return b.refuseGroupSecret(c)
	}
	sub, rest := cutWord(c.Args, " ")
	switch strings.ToLower(sub) {
	case "":
		return b.sourceList(c)
	case "help":
		c.Reply(c.T("source.usage"))
		return nil
	}
	if err := c.Workspace.RequireCEO(c.From); err != nil {
		return err
	}
	switch strings.ToLower(sub) {
	case "add":
		return b.sourceAdd(c, rest)
	case "sync":
		return b.sourceAsk(c, rest, domain.SyncPreview)
	case "test", "check":
		return b.sourceAsk(c, rest, domain.SyncTest)
	case "dry", "dryrun":
		return b.sourceAsk(c, rest, domain.SyncDryRun)
	case "map":
		return b.sourceMapCmd(c, rest)
	case "token":
		return b.sourceToken(c, rest)
	case "pause", "resume", "remove", "delete":
		return b.sourceSwitch(c, strings.ToLower(sub), rest)
	case "lock", "unlock":
		return b.sourceLock(c, strings.ToLower(sub) == "lock", rest)
	}
	c.Reply(c.T("source.usage"))
	return nil
}

// sourcesOf reads the workspace's sources.
func (b *Bot) sourcesOf(ws *domain.Workspace) ([]*domain.Source, error) {
	var list []*domain.Source
	err := b.store.View(func(tx domain.Tx) error {
		var err error
		list, err = tx.Sources().List(ws.ID)
		return err
	})
	return list, err
}

// sourceNamed reads the workspace's source named name (the only one when
// name is empty; see domain.FindSource).
func (b *Bot) sourceNamed(ws *domain.Workspace, name string) (*domain.Source, error) {
	list, err := b.sourcesOf(ws)
	if err != nil {
		return nil, err
	}
	return domain.FindSource(list, name)
}

// sourceList shows the sources with their state and the buttons to test
// and map them.
func (b *Bot) sourceList(c *Context) error {
	list, err := b.sourcesOf(c.Workspace)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		c.Reply(c.T("source.none") + "\n\n" + c.T("source.usage"))
		return nil
	}
	lines := []string{c.T("source.list_title")}
	var kb [][]domain.Button
	for _, s := range list {
		lines = append(lines, sourceLine(c, s))
		row := []domain.Button{{Text: c.T("source.button.test", clipRunes(s.Name, 20)), Data: fmt.Sprintf("src:t:%d", s.ID)}}
		if s.Kind.NeedsMapping() && len(s.Catalog.Segments) > 0 {
			row = append(row, domain.Button{Text: c.T("source.button.map", clipRunes(s.Name, 20)), Data: fmt.Sprintf("src:m:%d", s.ID)})
		}
		kb = append(kb, row)
	}
	lines = append(lines, "", c.T("source.list_hint", domain.ClockLabel(domain.SourceSyncHour, 0)))
	c.Reply(strings.Join(lines, "\n"), kb...)
	return nil
}

// sourceAdd answers /source add <link> [name] and /source add kommo|bitrix24 [name].
func (b *Bot) sourceAdd(c *Context, args string) error {
	what, name := cutWord(args, " ")
	if kind, ok := domain.ParseSourceKind(what); ok {
		return b.sourceAddCRM(c, kind, name)
	}
	u, err := fetch.ParseURL(what)
	if what == "" || err != nil {
		return domain.Errorf(domain.EINVALID, "source.bad_link", what)
	}
	ws := c.Workspace
	c.Change(func(tx domain.Tx) error {
		list, err := tx.Sources().List(ws.ID)
		if err != nil {
			return err
		}
		n, err := domain.NewSourceName(list, domain.SourceSheet, name)
		if err != nil {
			return err
		}
		src := &domain.Source{Workspace: ws.ID, Kind: domain.SourceSheet, Name: n, Link: u.String(),
			AddedBy: c.From, AddedAt: c.now, Request: c.syncRequest(domain.SyncDryRun)}
		if err := tx.Sources().Create(src); err != nil {
			return err
		}
		c.Reply(c.T("source.added_sheet", escape(n)))
		return nil
	})
	b.requestSync()
	return nil
}

// syncRequest is a request answered in the context's chat, as a reply to
// its message.
func (c *Context) syncRequest(kind domain.SyncRequestKind) *domain.SyncRequest {
	r := &domain.SyncRequest{Kind: kind, By: c.From, ChatID: c.Chat.ID, At: c.now}
	if c.callbackID == "" && c.Message != nil {
		r.ReplyTo = c.Message.MessageID
	}
	return r
}

// sourceAddCRM creates a CRM source that waits for its secret from the
// CEO in a private chat.
func (b *Bot) sourceAddCRM(c *Context, kind domain.SourceKind, name string) error {
	ws := c.Workspace
	c.Change(func(tx domain.Tx) error {
		if !tx.Sources().CanKeepSecrets() {
			return domain.Errorf(domain.ECONFLICT, "source.no_key")
		}
		list, err := tx.Sources().List(ws.ID)
		if err != nil {
			return err
		}
		n, err := domain.NewSourceName(list, kind, name)
		if err != nil {
			return err
		}
		src := &domain.Source{Workspace: ws.ID, Kind: kind, Name: n, AddedBy: c.From, AddedAt: c.now,
			Awaiting: c.From.UserID, AwaitingUntil: c.now.Add(domain.SecretWait)}
		if err := tx.Sources().Create(src); err != nil {
			return err
		}
		b.askSecret(c, src)
		return nil
	})
	return nil
}

// sourceToken asks again for a CRM source's secret: a new token after
// the old one was refused or leaked.
func (b *Bot) sourceToken(c *Context, name string) error {
	return b.changeSource(c, name, func(tx domain.Tx, s *domain.Source) error {
		if !s.Kind.NeedsSecret() {
			return domain.Errorf(domain.EINVALID, "source.bad_link", s.Name)
		}
		if !tx.Sources().CanKeepSecrets() {
			return domain.Errorf(domain.ECONFLICT, "source.no_key")
		}
		s.Awaiting, s.AwaitingUntil = c.From.UserID, c.now.Add(domain.SecretWait)
		b.askSecret(c, s)
		return nil
	})
}

// sourceAsk leaves a request for the syncer: a test, a dry run or a sync
// to preview.
func (b *Bot) sourceAsk(c *Context, name string, kind domain.SyncRequestKind) error {
	err := b.changeSource(c, name, func(_ domain.Tx, s *domain.Source) error {
		switch {
		case kind == domain.SyncPreview || kind == domain.SyncDryRun:
			if err := s.Ready(); err != nil {
				return err
			}
		case s.Kind.NeedsSecret() && (s.Secret.IsZero() || s.SecretLost):
			return domain.Errorf(domain.ECONFLICT, "source.no_secret", s.Name)
		}
		s.Request = c.syncRequest(kind)
		c.Reply(c.T("source.reading", escape(s.Name)))
		return nil
	})
	b.requestSync()
	return err
}

// sourceSwitch pauses, resumes or removes a source.
func (b *Bot) sourceSwitch(c *Context, verb, name string) error {
	if verb == "remove" || verb == "delete" {
		s, err := b.sourceNamed(c.Workspace, name)
		if err != nil {
			return err
		}
		c.Change(func(tx domain.Tx) error { return tx.Sources().Delete(s.Workspace, s.ID) })
		text := c.T("source.removed", escape(s.Name))
		if s.Kind.NeedsSecret() {
			text += " " + c.T("source.removed_secret")
		}
		c.Reply(text)
		return nil
	}
	return b.changeSource(c, name, func(_ domain.Tx, s *domain.Source) error {
		s.Paused = verb == "pause"
		if s.Paused {
			c.Reply(c.T("source.paused", escape(s.Name)))
		} else {
			c.Reply(c.T("source.resumed", escape(s.Name)))
		}
		return nil
	})
}

// sourceLock keeps a figure by hand (/source lock kommo qualified) or
// lets the source write it again.
func (b *Bot) sourceLock(c *Context, lock bool, args string) error {
	name, figure := cutWord(args, " ")
	if figure == "" {
		return domain.Errorf(domain.EINVALID, "source.lock_usage", name)
	}
	f, prob := domain.ParseField(c.Workspace, figure)
	if prob != nil {
		c.Reply(escape(prob.Localize(c.Lang)))
		return nil
	}
	label := escape(f.Label(c.Workspace, c.Lang))
	return b.changeSource(c, name, func(_ domain.Tx, s *domain.Source) error {
		switch {
		case lock && s.Lock(f):
			c.Reply(c.T("source.locked_now", label, escape(s.Name)))
		case lock:
			c.Reply(c.T("source.already_locked", label))
		case s.Unlock(f):
			c.Reply(c.T("source.unlocked_now", label, escape(s.Name)))
		default:
			c.Reply(c.T("source.not_locked", label))
		}
		return nil
	})
}

// changeSource finds the source named name (the only one when name is
// empty) in the transaction, applies fn and stores it.
func (b *Bot) changeSource(c *Context, name string, fn func(tx domain.Tx, s *domain.Source) error) error {
	ws := c.Workspace
	c.Change(func(tx domain.Tx) error {
		list, err := tx.Sources().List(ws.ID)
		if err != nil {
			return err
		}
		s, err := domain.FindSource(list, name)
		if err != nil {
			return err
		}
		if err := fn(tx, s); err != nil {
			return err
		}
		return tx.Sources().Put(s)
	})
	return nil
}

// sourceLine is one source in the list: name, kind, where, state, the
// last sync and the figures kept by hand.
func sourceLine(c *Context, s *domain.Source) string {
	where := s.Link
	if s.Kind.NeedsSecret() && s.Hint != "" {
		where = strings.TrimSpace(where + " " + s.Hint)
	}
	parts := []string{sourceState(c, s)}
	if !s.Last.At.IsZero() {
		at := s.Last.At.In(c.Workspace.Location()).Format("02.01 15:04")
		if s.Last.OK {
			parts = append(parts, c.T("source.last_ok", at, s.Last.Figures))
		} else {
			parts = append(parts, c.T("source.last_failed", at, escape(domain.Text(c.Lang, s.Last.Problem, s.Last.Detail))))
		}
	}
	if s.Failures > 1 {
		parts = append(parts, c.T("source.failures", s.Failures))
	}
	if len(s.Locked) > 0 {
		var names []string
		for _, f := range s.Locked {
			names = append(names, f.Label(c.Workspace, c.Lang))
		}
		parts = append(parts, c.T("source.locked", escape(strings.Join(names, ", "))))
	}
	return c.T("source.line", escape(s.Name), c.T("source.kind."+string(s.Kind)), escape(clipRunes(where, 80)), strings.Join(parts, "; "))
}

// sourceState says in a few words where the source stands.
func sourceState(c *Context, s *domain.Source) string {
	name := escape(s.Name)
	switch {
	case s.AwaitsSecretFrom(s.Awaiting, c.now):
		return c.T("source.state.awaiting")
	case s.Kind.NeedsSecret() && (s.SecretLost || s.Secret.IsZero()):
		return c.T("source.state.lost", name)
	case s.Kind.NeedsMapping() && s.Ready() != nil:
		return c.T("source.state.unmapped", name)
	case !s.On:
		return c.T("source.state.off", name)
	case s.Paused:
		return c.T("source.state.paused")
	}
	return c.T("source.state.on")
}
