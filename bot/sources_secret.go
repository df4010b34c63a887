package bot

import (
	"net/url"
	"regexp"
	"strings"

	"trackbot/domain"
	"trackbot/fetch"
)

// Secrets are taken only in a private chat with a CEO of the workspace.
// The message that held one is deleted at once, wherever it was sent, and
// the bot says so; in a group the person is told the token counts as
// leaked. The secret itself goes to storage, which seals it, and is never
// echoed: replies show the hint "…a1b2".

// askSecret asks the CEO for the source's secret: right here in a private
// chat, or, from the group, by a link that opens the private chat.
func (b *Bot) askSecret(c *Context, s *domain.Source) {
	if c.Chat.IsPrivate() {
		c.Reply(c.T("source.ask." + string(s.Kind)))
		return
	}
	link := "https://t.me/" + url.PathEscape(b.self.UserName) + "?start=src"
	c.Reply(c.T("source.go_private", c.T("source.kind."+string(s.Kind)), escape(link), int(domain.SecretWait.Minutes())))
}

// start answers /start: the deep link from /source add (payload "src")
// asks again for the awaited secret; anything else is /help.
func (b *Bot) start(c *Context) error {
	if !c.Chat.IsPrivate() || !strings.HasPrefix(c.Args, "src") {
		return b.help(c)
	}
	ws, s, err := b.awaitedSource(c.From.UserID, c)
	if err != nil {
		return err
	}
	if s == nil {
		c.Reply(c.T("source.no_wait"))
		return nil
	}
	c.Lang = ws.Lang
	c.Reply(c.T("source.ask." + string(s.Kind)))
	return nil
}

// awaitedSource finds the source that waits for userID's secret, in any
// workspace where the person is a CEO; the latest asked wins.
func (b *Bot) awaitedSource(userID int64, c *Context) (*domain.Workspace, *domain.Source, error) {
	var ws *domain.Workspace
	var found *domain.Source
	err := b.store.View(func(tx domain.Tx) error {
		all, err := tx.Workspaces().List()
		if err != nil {
			return err
		}
		for _, w := range all {
			if !w.IsCEO(userID) {
				continue
			}
			list, err := tx.Sources().List(w.ID)
			if err != nil {
				return err
			}
			for _, s := range list {
				if s.AwaitsSecretFrom(userID, c.now) && (found == nil || s.AwaitingUntil.After(found.AwaitingUntil)) {
					ws, found = w, s
				}
			}
		}
		return nil
	})
	return ws, found, err
}

// onSecretText looks at a message without a command: in a group, a
// secret is refused and deleted; in a private chat, it is the secret a
// source waits for. handled is false when the message is none of this.
func (b *Bot) onSecretText(c *Context) (handled bool, err error) {
	text := c.Message.Text
	if text == "" {
		return false, nil
	}
	if !c.Chat.IsPrivate() {
		if !domain.LooksLikeSecret(text) {
			return false, nil
		}
		return true, b.refuseGroupSecret(c)
	}
	ws, s, err := b.awaitedSource(c.From.UserID, c)
	if err != nil {
		return true, err
	}
	if s == nil {
		if !domain.LooksLikeSecret(text) {
			return false, nil
		}
		// A token nobody asked for is still a token: it goes.
		b.deleteMessage(c)
		c.Say(c.T("source.no_wait"))
		return true, nil
	}
	c.Lang = ws.Lang
	sec, link, ok := parseSecret(s.Kind, text)
	if !ok {
		// Other private talk goes on; only what looks like a secret goes.
		if !domain.LooksLikeSecret(text) {
			return false, nil
		}
		b.deleteMessage(c)
		c.Say(c.T("source.secret_bad." + string(s.Kind)))
		return true, nil
	}
	b.deleteMessage(c)
	c.Change(func(tx domain.Tx) error {
		fresh, err := tx.Sources().Get(ws.ID, s.ID)
		if err != nil {
			return err
		}
		if !fresh.AwaitsSecretFrom(c.From.UserID, c.now) {
			return domain.Errorf(domain.ESTALE, "source.no_wait")
		}
		fresh.SetSecret(sec)
		fresh.Link = link
		// The mapping appears in the group, where the other CEOs see it.
		fresh.Request = &domain.SyncRequest{Kind: domain.SyncTest, By: c.From, ChatID: ws.ChatID, At: c.now}
		if err := tx.Sources().Put(fresh); err != nil {
			return err
		}
		c.Say(c.T("source.secret_taken", escape(fresh.Hint), escape(fresh.Name)))
		return nil
	})
	b.requestSync()
	return true, nil
}

// refuseGroupSecret deletes a message with a secret from a group, where
// the bot can, and tells why.
func (b *Bot) refuseGroupSecret(c *Context) error {
	b.deleteMessage(c)
	c.Say(c.T("source.secret_in_group"))
	return nil
}

// deleteMessage queues the deletion of the message being handled.
func (b *Bot) deleteMessage(c *Context) {
	c.Queue(&domain.OutboxJob{Kind: domain.DeleteMessage, EditMessageID: c.Message.MessageID, Priority: domain.PriorityReply})
}

// webhookPath is the path of a Bitrix24 inbound webhook: /rest/<user id>/<secret>/.
var webhookPath = regexp.MustCompile(`^/rest/\d+/[A-Za-z0-9]+/?$`)

// accountShape is a Kommo account written as a subdomain or a host.
var accountShape = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*[a-z0-9]$`)

// parseSecret reads what a CEO sent for a source of kind: Kommo's account
// and token ("mycompany.kommo.com eyJ…"), or Bitrix24's webhook URL. It
// returns the secret and the account's address, which is not secret.
func parseSecret(kind domain.SourceKind, text string) (domain.Secret, string, bool) {
	fields := strings.Fields(text)
	switch kind {
	case domain.SourceKommo:
		if len(fields) != 2 || len(fields[1]) < 20 {
			return domain.Secret{}, "", false
		}
		link, ok := kommoAccount(fields[0])
		if !ok {
			return domain.Secret{}, "", false
		}
		return domain.NewSecret(fields[1]), link, true
	case domain.SourceBitrix24:
		if len(fields) != 1 {
			return domain.Secret{}, "", false
		}
		u, err := fetch.ParseURL(fields[0])
		if err != nil || !webhookPath.MatchString(u.Path) {
			return domain.Secret{}, "", false
		}
		return domain.NewSecret(u.Scheme + "://" + u.Host + strings.TrimRight(u.Path, "/") + "/"), u.Scheme + "://" + u.Host, true
	}
	return domain.Secret{}, "", false
}

// kommoAccount turns "mycompany", "mycompany.kommo.com" or a full URL
// into the account's base URL; the connector checks it is Kommo's.
func kommoAccount(s string) (string, bool) {
	if strings.Contains(s, "://") {
		u, err := fetch.ParseURL(s)
		if err != nil {
			return "", false
		}
		return u.Scheme + "://" + u.Host, true
	}
	s = strings.ToLower(strings.TrimRight(s, "/"))
	if !accountShape.MatchString(s) {
		return "", false
	}
	if !strings.Contains(s, ".") {
		s += ".amocrm.ru" // a bare subdomain, as amoCRM shows it
	}
	return "https://" + s, true
}
