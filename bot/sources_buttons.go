package bot

import (
	"strconv"
	"strings"

	"trackbot/domain"
)

// onSourceButton handles the sources' buttons (data src:<verb>:<source
// id>:…): test (t), dry run (d), switch on (on), the mapping card (m) and
// its pages and choices (p, i, s). Only a CEO may press them; the source
// must still exist.
func (b *Bot) onSourceButton(c *Context, payload string) error {
	parts := strings.Split(payload, ":")
	if len(parts) < 2 {
		return c.Refuse(staleButton())
	}
	id, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil {
		return c.Refuse(staleButton())
	}
	if !c.IsCEO() {
		return c.Refuse(domain.Errorf(domain.EFORBIDDEN, "error.ceo_only"))
	}
	var s *domain.Source
	err = b.store.View(func(tx domain.Tx) error {
		var err error
		s, err = tx.Sources().Get(c.Workspace.ID, id)
		return err
	})
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		return c.Refuse(staleButton())
	}
	if err != nil {
		return err
	}
	switch verb := parts[0]; verb {
	case "t":
		return b.requestByButton(c, s, domain.SyncTest)
	case "d":
		return b.requestByButton(c, s, domain.SyncDryRun)
	case "on":
		return b.switchOn(c, s)
	case "m":
		if len(s.Catalog.Segments)+len(s.Catalog.Stages) == 0 {
			return c.Refuse(staleButton())
		}
		text, kb := mapOverview(c, s)
		c.Edit(c.Message.MessageID, text, kb...)
		return nil
	case "p", "i", "s":
		return b.onMapButton(c, s, verb, parts[2:])
	}
	return c.Refuse(staleButton())
}

// requestByButton leaves a request for the syncer, answered in the chat
// of the button.
func (b *Bot) requestByButton(c *Context, s *domain.Source, kind domain.SyncRequestKind) error {
	if kind == domain.SyncTest && s.Kind.NeedsSecret() && (s.Secret.IsZero() || s.SecretLost) {
		return c.Refuse(domain.Errorf(domain.ECONFLICT, "source.no_secret", s.Name))
	}
	if kind == domain.SyncDryRun {
		if err := s.Ready(); err != nil {
			return c.Refuse(err)
		}
	}
	b.changeSourceByID(c, s.ID, func(fresh *domain.Source) error {
		fresh.Request = c.syncRequest(kind)
		return nil
	})
	c.Answer(c.T("source.reading", s.Name), false)
	b.requestSync()
	return nil
}

// switchOn starts the source's own syncs after its dry run and asks for
// the first sync at once, so the numbers arrive now.
func (b *Bot) switchOn(c *Context, s *domain.Source) error {
	if err := s.Ready(); err != nil {
		return c.Refuse(err)
	}
	b.changeSourceByID(c, s.ID, func(fresh *domain.Source) error {
		if err := fresh.SwitchOn(c.now); err != nil {
			return err
		}
		fresh.Request = c.syncRequest(domain.SyncNow)
		return nil
	})
	c.Answer(c.T("source.switched_on"), false)
	b.requestSync()
	return nil
}

// changeSourceByID applies fn to the stored source in the update's
// transaction.
func (b *Bot) changeSourceByID(c *Context, id int64, fn func(s *domain.Source) error) {
	ws := c.Workspace.ID
	c.Change(func(tx domain.Tx) error {
		s, err := tx.Sources().Get(ws, id)
		if err != nil {
			return err
		}
		if err := fn(s); err != nil {
			return err
		}
		return tx.Sources().Put(s)
	})
}
