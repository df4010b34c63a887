package bot

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"trackbot/domain"
)

// cardPress is a parsed card button: h:<id>:<code>:<version>[:<arg>…],
// where the code is an action's or a menu's.
type cardPress struct {
	id      int64
	code    string
	action  domain.HypothesisAction // empty for a menu
	version int
	arg     []string // the department index of a reassign, a menu's choice
}

func parseCardPress(payload string) (cardPress, bool) {
	parts := strings.Split(payload, ":")
	if len(parts) < 3 {
		return cardPress{}, false
	}
	id, err1 := strconv.ParseInt(parts[0], 10, 64)
	act, ok := actionOf(parts[1])
	ok = ok || parts[1] == codeEdit || parts[1] == codeDeadline || parts[1] == codeBack
	version, err2 := strconv.Atoi(parts[2])
	if err1 != nil || err2 != nil || !ok {
		return cardPress{}, false
	}
	return cardPress{id: id, code: parts[1], action: act, version: version, arg: parts[3:]}, true
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
		if err := h.CheckRole(ws, c.From.UserID, p.action); err != nil {
			return err
		}
		// The answer goes first: it stops the press's spinner at once,
		// while the edits are paced.
		if err := c.Refuse(stale); err != nil {
			return err
		}
		h.Cards = rememberCard(h.Cards, pressed)
		return b.store.View(func(tx domain.Tx) error { return b.editCards(c, tx, h) })
	}
	switch {
	case p.action == "":
		return b.onCardMenu(c, h, p, pressed)
	case p.action == domain.ActDone:
		return b.askResult(c, h)
	case p.action == domain.ActConfirmNoData || p.action == domain.ActRejectNoData:
		return b.askReason(c, h, p.action)
	case p.action == domain.ActReassign:
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
	b.prompt(c, h, domain.PromptResult, c.T("hyp.ask_result", b.hypPromptLabel(h), mention(c.Workspace.Member(c.From.UserID)), escape(h.Text)))
	c.Answer(c.T("hyp.reply_with_result"), false)
	return nil
}

// askReason asks the CEO why they confirm or reject the hypothesis
// without a measured week; the reply decides it.
func (b *Bot) askReason(c *Context, h *domain.Hypothesis, act domain.HypothesisAction) error {
	if err := h.Check(c.Workspace, c.From.UserID, act); err != nil {
		return err
	}
	purpose, key := domain.PromptConfirmNoData, "hyp.ask_reason_confirm"
	if act == domain.ActRejectNoData {
		purpose, key = domain.PromptRejectNoData, "hyp.ask_reason_reject"
	}
	b.prompt(c, h, purpose, c.T(key, b.hypPromptLabel(h), mention(c.Workspace.Member(c.From.UserID)), escape(h.Text)))
	c.Answer(c.T("hyp.reply_with_reason"), false)
	return nil
}

// hypPromptLabel is the hypothesis's label marked as its prompt, so a
// reply to any copy of the prompt reaches it (see prompt.go).
func (b *Bot) hypPromptLabel(h *domain.Hypothesis) string {
	return b.promptLink(domain.Prompt{Kind: domain.PromptHypothesisResult, Workspace: h.Workspace, ID: h.ID}, h.Label())
}

// prompt posts a question whose reply the hypothesis waits for, and stores
// what the reply is for. The prompt's id is known only once sent, so the
// hypothesis remembers the job's key.
func (b *Bot) prompt(c *Context, h *domain.Hypothesis, purpose domain.PromptPurpose, text string) {
	key := fmt.Sprintf("hprompt:%d:%d:%s:%d", h.Workspace, h.ID, purpose, c.now.UnixNano())
	job := c.textJob(text, nil)
	job.Key = key
	c.Queue(job)
	h.Prompt, h.Awaiting = domain.MessageRef{ChatID: c.Chat.ID, Key: key}, purpose
	c.Change(func(tx domain.Tx) error { return tx.Hypotheses().Put(h) })
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
		return b.showMenu(c, h, buttons)
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

// answerResult takes a reply to a hypothesis's prompt — a result for a
// hypothesis being marked done, a CEO's reason to decide without data, a
// new value of an edited field — by what the hypothesis awaits. A reply
// to a copy after the first answer is refused by the state machine, so
// each takes effect once.
func (b *Bot) answerResult(c *Context, p domain.Prompt, _ *tgMessage, text string) error {
	h, err := b.hypothesisFor(c, p.ID)
	if err != nil || h == nil || h.Status == domain.StatusDraft {
		return err
	}
	return b.promptReply(c, h, clipRunes(text, maxHypothesisText))
}

// hypothesisFor loads the workspace's hypothesis with the id; nil when it
// is gone.
func (b *Bot) hypothesisFor(c *Context, id int64) (*domain.Hypothesis, error) {
	var h *domain.Hypothesis
	err := b.store.View(func(tx domain.Tx) error {
		var err error
		h, err = tx.Hypotheses().Get(c.Workspace.ID, id)
		return err
	})
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		return nil, nil
	}
	return h, err
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
