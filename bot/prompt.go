package bot

import (
	"net/url"
	"strings"

	"trackbot/domain"
)

// Prompts: bot messages that ask to be answered by a reply (see
// domain.Prompt). Every prompt carries what it asks as a link on a piece
// of its visible text (the label H-17, a heading) to the bot's deep link
// https://t.me/<bot>?start=<token>: Telegram keeps a link's URL in the
// message's entities and hands the replied-to message back with every
// reply, so a reply to any copy of a prompt names the prompt, including a
// copy whose message id the bot never learnt. Tapping the link opens the
// bot's private chat, where /start shows the help. Message ids the bot did
// store stay the first way to recognise a prompt (prompts sent before the
// links existed have only those).
//
// A new kind of prompt is a domain.PromptKind, its answer in
// promptAnswers, and promptLink around a visible piece of the prompt's
// text (its label or heading); the answer must refuse a second reply by
// its own rules (a status, a version), since every copy can be replied to.

// promptAnswer takes the reply text to a prompt of its kind; replied is
// the copy of the prompt the reply answers.
type promptAnswer func(c *Context, p domain.Prompt, replied *tgMessage, text string) error

// promptAnswers maps each kind of prompt to what answers it.
func (b *Bot) promptAnswers() map[domain.PromptKind]promptAnswer {
	return map[domain.PromptKind]promptAnswer{
		domain.PromptHypothesisResult: b.answerResult,
		domain.PromptHypothesisDraft:  b.answerDraft,
		domain.PromptNumbers:          b.answerNumbers,
		domain.PromptWeekNumbers:      b.answerNumbers,

		// A review's tracker questions (review_questions.go).
		domain.PromptReviewQuestion: b.answerQuestion,
		domain.PromptQuestionNudge:  b.answerQuestion,
	}
}

// promptError is a user error whose reply is a prompt too: the reply shows
// the error, then hint, the HTML that carries the prompt's link and says
// what a reply to it does (see Context.tell).
type promptError struct {
	err  error
	hint string
}

func (e *promptError) Error() string { return e.err.Error() }

// Unwrap returns the error the reply shows.
func (e *promptError) Unwrap() error { return e.err }

// promptLink marks visible, an HTML fragment of the prompt's text, as the
// prompt p.
func (b *Bot) promptLink(p domain.Prompt, visible string) string {
	return `<a href="` + b.promptURL(p) + `">` + visible + `</a>`
}

func (b *Bot) promptURL(p domain.Prompt) string {
	return "https://t.me/" + b.self.UserName + "?start=" + p.Token()
}

// onReplyToBot handles a reply to one of the bot's messages. A reply to a
// prompt goes to the answer of the prompt's kind; other replies are
// ignored, as the bot only answers commands.
func (b *Bot) onReplyToBot(c *Context) error {
	m := c.Message
	r := m.ReplyToMessage
	text := strings.TrimSpace(m.Text)
	if r == nil || r.From == nil || r.From.ID != b.self.ID || text == "" {
		return nil
	}
	if err := b.promptCompany(c, r); err != nil {
		return err
	}
	if c.Workspace == nil {
		return nil
	}
	p, ok, err := b.promptOf(c, r)
	if err != nil || !ok {
		return err
	}
	answer, known := b.promptAnswers()[p.Kind]
	if !known || p.Workspace != c.Workspace.ID {
		return nil
	}
	return answer(c, p, r, text)
}

// promptCompany makes a reply in a private chat answer the company the
// prompt was about, as a private button does (see loadCompany), when the
// person is in it: a head in several companies may have switched since.
func (b *Bot) promptCompany(c *Context, prompt *tgMessage) error {
	p, ok := b.promptInText(prompt)
	if !ok || !c.Chat.IsPrivate() || c.Workspace != nil && c.Workspace.ID == p.Workspace {
		return nil
	}
	mine, err := b.companiesOf(c.From.UserID)
	if err != nil {
		return err
	}
	for _, w := range mine {
		if w.ID == p.Workspace {
			c.Workspace, c.Lang = w, w.Lang
		}
	}
	return nil
}

// promptOf identifies the prompt a bot message is: by its message id when
// the bot stored it, else by the link the message carries.
func (b *Bot) promptOf(c *Context, m *tgMessage) (domain.Prompt, bool, error) {
	p, ok, err := b.promptByID(c, m.MessageID)
	if err != nil || ok {
		return p, ok, err
	}
	p, ok = b.promptInText(m)
	return p, ok, nil
}

// promptInText reads the prompt from the links of a bot message's text or
// caption: the first, when it carries several.
func (b *Bot) promptInText(m *tgMessage) (domain.Prompt, bool) {
	if ps := b.promptsInText(m); len(ps) > 0 {
		return ps[0], true
	}
	return domain.Prompt{}, false
}

// promptsInText reads every prompt a bot message's links carry, in order:
// a message may ask several things (a review's questions).
func (b *Bot) promptsInText(m *tgMessage) []domain.Prompt {
	var out []domain.Prompt
	for _, e := range append(m.Entities, m.CaptionEntities...) {
		if e.Type != "text_link" {
			continue
		}
		u, err := url.Parse(e.URL)
		if err != nil || u.Scheme != "https" || u.Host != "t.me" || !strings.EqualFold(strings.TrimPrefix(u.Path, "/"), b.self.UserName) {
			continue
		}
		if p, ok := domain.ParsePromptToken(u.Query().Get("start")); ok {
			out = append(out, p)
		}
	}
	return out
}

// promptByID finds the prompt whose message id the bot stored: a
// hypothesis's prompt (its result, or a draft's typed answer).
func (b *Bot) promptByID(c *Context, messageID int) (domain.Prompt, bool, error) {
	h, err := b.promptedBy(c.Workspace, c.Chat.ID, messageID)
	if err != nil || h == nil {
		return domain.Prompt{}, false, err
	}
	kind := domain.PromptHypothesisResult
	if h.Status == domain.StatusDraft {
		kind = domain.PromptHypothesisDraft
	}
	return domain.Prompt{Kind: kind, Workspace: h.Workspace, ID: h.ID}, true, nil
}
