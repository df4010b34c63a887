package bot

import (
	"context"
	"errors"
	"html"
	"strings"
	"time"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"trackbot/domain"
)

// Context is one update being handled: who acts, in which chat and
// workspace, and what the handler wants to change and say. Nothing it
// collects takes effect until the bot commits it with the update's offset.
type Context struct {
	ctx    context.Context
	b      *Bot
	Update tgbotapi.Update
	// Message is the message that carried the command, or the bot message
	// whose button was pressed.
	Message   *tgbotapi.Message
	Chat      *tgbotapi.Chat
	From      domain.Person
	Workspace *domain.Workspace // nil when the chat is not set up
	Lang      domain.Lang
	Command   string // lowercase, without slash and @botname
	Args      string
	Thread    int  // the forum topic the update came from (topics.go): new messages go there
	Forum     bool // the chat has topics
	now       time.Time

	callbackID   string
	callbackData string
	answer       *domain.OutboxJob // the press's answer, once queued
	changes      []func(domain.Tx) error
	out          []*domain.OutboxJob
}

func (b *Bot) newContext(ctx context.Context, u tgUpdate) *Context {
	c := &Context{ctx: ctx, b: b, Update: u.Update, now: b.now(), Lang: domain.English,
		Thread: u.topic.Thread, Forum: u.topic.Forum}
	var user *tgbotapi.User
	switch {
	case u.Message != nil:
		c.Message, user = u.Message, u.Message.From
	case u.CallbackQuery != nil:
		c.Message, user = u.CallbackQuery.Message, u.CallbackQuery.From
		c.callbackID, c.callbackData = u.CallbackQuery.ID, u.CallbackQuery.Data
	case u.MyChatMember != nil:
		c.Chat, user = &u.MyChatMember.Chat, &u.MyChatMember.From
	}
	if c.Message != nil {
		c.Chat = c.Message.Chat
	}
	if user != nil {
		c.From = person(user)
		c.Lang = domain.LangFromCode(user.LanguageCode)
	}
	if c.Chat != nil {
		c.loadWorkspace()
	}
	return c
}

func person(u *tgbotapi.User) domain.Person {
	name := strings.TrimSpace(u.FirstName + " " + u.LastName)
	return domain.Person{UserID: u.ID, Name: name, Username: u.UserName}
}

// loadWorkspace finds the chat's workspace. In a private chat it is the
// company the person works with there (see loadCompany), so heads can use
// the bot directly.
func (c *Context) loadWorkspace() {
	_ = c.b.store.View(func(tx domain.Tx) error {
		ws, err := tx.Workspaces().ByChat(c.Chat.ID)
		if err == nil {
			c.Workspace = ws
			return nil
		}
		if !c.Chat.IsPrivate() {
			return nil
		}
		return c.loadCompany(tx)
	})
	if c.Workspace != nil {
		c.Lang = c.Workspace.Lang
	}
}

// T renders a catalog text in the context's language. Arguments are not
// escaped: pass user-supplied strings through escape first.
func (c *Context) T(key string, args ...any) string {
	return domain.Text(c.Lang, key, args...)
}

// Change registers a state change to apply when the update commits. A use
// case runs here, in the transaction that also stores the update's replies
// and offset, so what it reads, what it writes and what the chat is told
// are one step: fn may queue replies (Reply, Edit, Answer, Queue) that
// render the use case's outcome. When fn fails, nothing of the update is
// kept and the error is shown instead.
func (c *Context) Change(fn func(tx domain.Tx) error) {
	c.changes = append(c.changes, fn)
}

// ChangeWorkspace registers a change to the context's workspace. It reads
// the workspace again inside the transaction so it applies to the latest
// state, not to the copy the handler looked at.
func (c *Context) ChangeWorkspace(fn func(ws *domain.Workspace) error) {
	id := c.Workspace.ID
	c.Change(func(tx domain.Tx) error {
		ws, err := tx.Workspaces().Get(id)
		if err != nil {
			return err
		}
		if err := fn(ws); err != nil {
			return err
		}
		return tx.Workspaces().Put(ws)
	})
}

// Reply queues an HTML message to the chat, as a reply to the message that
// carried the command. It returns the job so a change can still fill in
// what is known only at commit, such as a new draft's id in its buttons.
func (c *Context) Reply(text string, kb ...[]domain.Button) *domain.OutboxJob {
	job := c.textJob(text, kb)
	if c.callbackID == "" && c.Message != nil {
		job.ReplyTo = c.Message.MessageID
	}
	c.Queue(job)
	return job
}

// Say queues an HTML message to the chat that is not a reply.
func (c *Context) Say(text string, kb ...[]domain.Button) {
	c.Queue(c.textJob(text, kb))
}

// Edit queues an edit of a bot message's text and buttons.
func (c *Context) Edit(messageID int, text string, kb ...[]domain.Button) {
	job := c.textJob(text, kb)
	job.Kind = domain.EditText
	job.EditMessageID = messageID
	c.Queue(job)
}

func (c *Context) textJob(text string, kb [][]domain.Button) *domain.OutboxJob {
	return &domain.OutboxJob{
		ChatID:   c.Chat.ID,
		ThreadID: c.Thread,
		Kind:     domain.SendText,
		Text:     text,
		Keyboard: kb,
		Priority: domain.PriorityReply,
	}
}

// Queue adds a prepared job for the context's chat and workspace, made to
// fit Telegram's limits (see fitJob): a long message goes out in parts. A
// job without a chat goes to the context's chat, in its topic.
func (c *Context) Queue(job *domain.OutboxJob) {
	if job.ChatID == 0 {
		job.ChatID, job.ThreadID = c.Chat.ID, c.Thread
	}
	if c.Workspace != nil {
		job.Workspace = c.Workspace.ID
	}
	tagCompany(job)
	c.out = append(c.out, fitJob(job)...)
}

// Answer answers the button press being handled; every press gets exactly
// one answer, and a press the handler did not answer gets an empty one.
// The first answer with text wins; an empty answer only stands in for
// none, so a use case that runs at commit can still answer after the
// router has filled in the empty default.
func (c *Context) Answer(text string, alert bool) {
	if c.callbackID == "" {
		return
	}
	if c.answer != nil {
		if c.answer.Text == "" && text != "" {
			c.answer.Text, c.answer.ShowAlert = domain.ShortenUnits(text, maxCallbackAnswer), alert
		}
		return
	}
	c.answer = &domain.OutboxJob{
		ChatID:     c.Chat.ID,
		Kind:       domain.AnswerCallback,
		CallbackID: c.callbackID,
		Text:       domain.ShortenUnits(text, maxCallbackAnswer),
		ShowAlert:  alert,
		Priority:   domain.PriorityReply,
		// Telegram forgets a press after a while; an answer past that is
		// useless and would only be refused.
		Deadline: c.now.Add(2 * time.Minute),
	}
	c.out = append(c.out, c.answer)
}

// Refuse tells the person why the bot will not do what they asked, and
// keeps what the handler has queued and changed so far: a card refreshed
// to its current state, a stale draft removed. It returns nil, so a
// handler ends with `return c.Refuse(err)`; an internal error is returned
// as it is, for the bot to log and drop the update's effects.
func (c *Context) Refuse(err error) error {
	if domain.ErrorCode(err) == domain.EINTERNAL {
		return err
	}
	c.tell(err)
	return nil
}

// tell shows err to the person in the context's language. It is the one
// place a domain error becomes what the user sees: the answer to a press
// (an alert to dismiss, except a notice that a button is stale) or a reply
// to the message, which a promptError makes a prompt. Errors that are not
// domain errors read as a generic line.
func (c *Context) tell(err error) {
	if c.Chat == nil {
		return
	}
	msg := domain.UserMessage(c.Lang, err)
	if c.callbackID != "" {
		c.Answer(msg, domain.ErrorCode(err) != domain.ESTALE)
		return
	}
	text := escape(msg)
	if p := (*promptError)(nil); errors.As(err, &p) {
		text += "\n\n" + p.hint
	}
	c.Reply(text)
}

// staleButton is the refusal of a press on a button the bot no longer
// acts on: data it never made, or an object that is gone.
func staleButton() error { return domain.Errorf(domain.ESTALE, "button.stale") }

// IsCEO reports whether the person acting is a CEO of the workspace.
func (c *Context) IsCEO() bool {
	return c.Workspace != nil && c.Workspace.IsCEO(c.From.UserID)
}

// escape makes a user-supplied string safe inside an HTML message.
func escape(s string) string { return html.EscapeString(s) }

// clipRunes shortens s to n characters for a label or a line that must
// stay short, such as a button or a digest item; Telegram's own limits
// are kept by fitJob.
func clipRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
