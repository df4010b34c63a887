package bot

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"trackbot/domain"
)

// cardPress is a parsed card button: h:<id>:<action>:<version>[:<arg>].
type cardPress struct {
	id      int64
	action  domain.HypothesisAction
	version int
	arg     []string // the department index of a reassign, once chosen
}

func parseCardPress(payload string) (cardPress, bool) {
	parts := strings.Split(payload, ":")
	if len(parts) < 3 {
		return cardPress{}, false
	}
	id, err1 := strconv.ParseInt(parts[0], 10, 64)
	act, ok := actionOf(parts[1])
	version, err2 := strconv.Atoi(parts[2])
	if err1 != nil || err2 != nil || !ok {
		return cardPress{}, false
	}
	return cardPress{id: id, action: act, version: version, arg: parts[3:]}, true
}

// onHypButton handles a card button. A press on an outdated card refreshes
// every card of the hypothesis and says so; otherwise the move is the
// domain's, checked against the presser's role.
func (b *Bot) onHypButton(c *Context, payload string) error {
	p, ok := parseCardPress(payload)
	if !ok {
		return c.Refuse(staleButton())
	}
	var h *domain.Hypothesis
	err := b.store.View(func(tx domain.Tx) error {
		var err error
		h, err = tx.Hypotheses().Get(c.Workspace.ID, p.id)
		return err
	})
	if err != nil || h.Status == domain.StatusDraft {
		return c.Refuse(staleButton())
	}
	ws := c.Workspace
	pressed := domain.MessageRef{ChatID: c.Chat.ID, MessageID: c.Message.MessageID}
	if stale := h.Fresh(p.version); stale != nil {
		// The answer goes first: it stops the press's spinner at once,
		// while the edits are paced.
		if err := c.Refuse(stale); err != nil {
			return err
		}
		h.Cards = rememberCard(h.Cards, pressed)
		return b.store.View(func(tx domain.Tx) error { return b.editCards(c, tx, h) })
	}
	switch p.action {
	case domain.ActDone:
		return b.askResult(c, h)
	case domain.ActReassign:
		return b.reassign(c, h, p.arg, pressed)
	}
	// The pressed card shows the move too, and later ones.
	h.Cards = rememberCard(h.Cards, pressed)
	c.Change(func(tx domain.Tx) error {
		if err := domain.MoveHypothesis(tx, ws, h, p.action, c.From, "", c.now); err != nil {
			return err
		}
		c.Answer(c.T("hyp.moved", h.Label(), h.Status), false)
		return b.editCards(c, tx, h)
	})
	return nil
}

// askResult asks the head for a short result; the reply marks the
// hypothesis done. The prompt's id is known only once sent, so the
// hypothesis remembers the job's key.
func (b *Bot) askResult(c *Context, h *domain.Hypothesis) error {
	if err := h.Check(c.Workspace, c.From.UserID, domain.ActDone); err != nil {
		return err
	}
	key := fmt.Sprintf("hprompt:%d:%d:%d", h.Workspace, h.ID, c.now.UnixNano())
	job := c.textJob(c.T("hyp.ask_result", h.Label(), mention(c.Workspace.Member(c.From.UserID)), escape(h.Text)), nil)
	job.Key = key
	c.Queue(job)
	h.Prompt = domain.MessageRef{ChatID: c.Chat.ID, Key: key}
	c.Change(func(tx domain.Tx) error { return tx.Hypotheses().Put(h) })
	c.Answer(c.T("hyp.reply_with_result"), false)
	return nil
}

// reassign shows the departments to move the hypothesis to, then moves it.
func (b *Bot) reassign(c *Context, h *domain.Hypothesis, arg []string, pressed domain.MessageRef) error {
	ws := c.Workspace
	if err := h.Check(ws, c.From.UserID, domain.ActReassign); err != nil {
		return err
	}
	if len(arg) == 0 {
		var buttons []domain.Button
		for i, d := range ws.Departments {
			if d.Key != h.Department && !d.Archived {
				buttons = append(buttons, domain.Button{Text: "→ " + d.Name.In(c.Lang),
					Data: fmt.Sprintf("h:%d:a:%d:%d", h.ID, h.Version(), i)})
			}
		}
		var text string
		if err := b.store.View(func(tx domain.Tx) error {
			var err error
			text, err = b.cardText(c, tx, h)
			return err
		}); err != nil {
			return err
		}
		c.Edit(c.Message.MessageID, text, buttonRows(buttons, 2)...)
		return nil
	}
	i, err := strconv.Atoi(arg[0])
	if err != nil || i < 0 || i >= len(ws.Departments) {
		return c.Refuse(staleButton())
	}
	h.Cards = rememberCard(h.Cards, pressed)
	c.Change(func(tx domain.Tx) error {
		if err := domain.ReassignHypothesis(tx, ws, h, ws.Departments[i].Key, c.From, c.now); err != nil {
			return err
		}
		c.Answer(c.T("hyp.moved", h.Label(), h.Status), false)
		return b.editCards(c, tx, h)
	})
	return nil
}

// onReplyToBot handles a reply to one of the bot's prompts: a typed
// deadline or expected effect for a draft, a result for a hypothesis being
// marked done. Other replies are ignored, as the bot only answers commands.
func (b *Bot) onReplyToBot(c *Context) error {
	m := c.Message
	r := m.ReplyToMessage
	if c.Workspace == nil || r == nil || r.From == nil || r.From.ID != b.self.ID || strings.TrimSpace(m.Text) == "" {
		return nil
	}
	h, err := b.promptedBy(c.Workspace, c.Chat.ID, r.MessageID)
	if err != nil || h == nil {
		return err
	}
	text := clipRunes(strings.TrimSpace(m.Text), maxHypothesisText)
	if h.Status == domain.StatusDraft {
		return b.draftReply(c, h, text)
	}
	c.Change(func(tx domain.Tx) error {
		if err := domain.MoveHypothesis(tx, c.Workspace, h, domain.ActDone, c.From, text, c.now); err != nil {
			return err
		}
		c.Reply(c.T("hyp.marked_done", h.Label()))
		return b.editCards(c, tx, h)
	})
	return nil
}

// promptedBy finds the hypothesis whose prompt is the message.
func (b *Bot) promptedBy(ws *domain.Workspace, chatID int64, messageID int) (*domain.Hypothesis, error) {
	var found *domain.Hypothesis
	err := b.store.View(func(tx domain.Tx) error {
		all, err := tx.Hypotheses().List(ws.ID)
		if err != nil {
			return err
		}
		for _, h := range all {
			p := h.Prompt
			if p.ChatID != chatID || p.MessageID == 0 && p.Key == "" {
				continue
			}
			if p.MessageID == messageID {
				found = h
				return nil
			}
			if p.Key == "" {
				continue
			}
			job, ok, err := tx.Outbox().ByKey(p.Key)
			if err != nil {
				return err
			}
			if ok && slices.Contains(job.MessageIDs, messageID) {
				found = h
				return nil
			}
		}
		return nil
	})
	return found, err
}
