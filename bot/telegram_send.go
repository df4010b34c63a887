package bot

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"trackbot/domain"
)

// This file, telegram.go and telegram_webhook.go are the only ones that
// call the Telegram library: here outbox jobs and the command menu become
// Bot API requests.

// transmit performs one job against the Bot API and returns the ids of
// the messages it created. A refusal by Telegram comes back as an
// *apiError; any other error is a network failure, scrubbed of the token.
func (t *telegram) transmit(job *domain.OutboxJob) ([]int, error) {
	ids, err := t.call(job)
	if err != nil && job.ThreadID != 0 && topicGone(err) {
		// The topic was deleted or closed since: General beats nothing.
		general := *job
		general.ThreadID, general.ReplyTo = 0, 0
		ids, err = t.call(&general)
	}
	if err == nil {
		return ids, nil
	}
	if e := classify(err); e != nil {
		e.Description = t.red.String(e.Description)
		return nil, e
	}
	// A connection that could not be made carried no request.
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return nil, notSentError{errors.New(t.red.Err(err))}
	}
	return nil, errors.New(t.red.Err(err))
}

// call maps one outbox job to its library call.
func (t *telegram) call(job *domain.OutboxJob) ([]int, error) {
	api := t.api
	if job.ThreadID != 0 && job.Kind != domain.EditText && job.Kind != domain.AnswerCallback {
		return t.callInTopic(job)
	}
	switch job.Kind {
	case domain.SendText:
		m := tgbotapi.NewMessage(job.ChatID, job.Text)
		m.ParseMode = tgbotapi.ModeHTML
		m.DisableWebPagePreview = true
		m.ReplyToMessageID = job.ReplyTo
		m.AllowSendingWithoutReply = true
		if kb := keyboard(job.Keyboard); kb != nil {
			m.ReplyMarkup = *kb
		}
		return one(api.Send(m))
	case domain.SendPhoto:
		f := job.Files[0]
		p := tgbotapi.NewPhoto(job.ChatID, tgbotapi.FileBytes{Name: f.Name, Bytes: f.Data})
		p.Caption = f.Caption
		p.ParseMode = tgbotapi.ModeHTML
		p.ReplyToMessageID = job.ReplyTo
		if kb := keyboard(job.Keyboard); kb != nil {
			p.ReplyMarkup = *kb
		}
		return one(api.Send(p))
	case domain.SendDocument:
		f := job.Files[0]
		d := tgbotapi.NewDocument(job.ChatID, tgbotapi.FileBytes{Name: f.Name, Bytes: f.Data})
		d.Caption = f.Caption
		d.ParseMode = tgbotapi.ModeHTML
		d.ReplyToMessageID = job.ReplyTo
		return one(api.Send(d))
	case domain.SendMediaGroup:
		return t.sendMediaGroup(job)
	case domain.EditText:
		e := tgbotapi.NewEditMessageText(job.ChatID, job.EditMessageID, job.Text)
		e.ParseMode = tgbotapi.ModeHTML
		e.DisableWebPagePreview = true
		e.ReplyMarkup = keyboard(job.Keyboard)
		if e.ReplyMarkup == nil {
			// An empty keyboard removes the old buttons.
			e.ReplyMarkup = &tgbotapi.InlineKeyboardMarkup{InlineKeyboard: [][]tgbotapi.InlineKeyboardButton{}}
		}
		return one(api.Send(e))
	case domain.AnswerCallback:
		c := tgbotapi.NewCallback(job.CallbackID, job.Text)
		c.ShowAlert = job.ShowAlert
		_, err := api.Request(c)
		return nil, err
	case domain.ChatAction:
		_, err := api.Request(tgbotapi.NewChatAction(job.ChatID, job.Action))
		return nil, err
	case domain.DeleteMessage:
		_, err := api.Request(tgbotapi.NewDeleteMessage(job.ChatID, job.EditMessageID))
		if e := classify(err); e != nil && e.Code == http.StatusBadRequest {
			// Best effort: in a group the bot needs the right to delete
			// others' messages, and the person was told to delete it.
			return nil, nil
		}
		return nil, err
	}
	return nil, errors.New("unknown outbox job kind " + string(job.Kind))
}

func (t *telegram) sendMediaGroup(job *domain.OutboxJob) ([]int, error) {
	media := make([]any, len(job.Files))
	for i, f := range job.Files {
		// Values, not pointers: the library serialises pointers' raw bytes.
		p := tgbotapi.NewInputMediaPhoto(tgbotapi.FileBytes{Name: f.Name, Bytes: f.Data})
		p.Caption = f.Caption
		p.ParseMode = tgbotapi.ModeHTML
		media[i] = p
	}
	msgs, err := t.api.SendMediaGroup(tgbotapi.NewMediaGroup(job.ChatID, media))
	if err != nil {
		return nil, err
	}
	ids := make([]int, len(msgs))
	for i, m := range msgs {
		ids[i] = m.MessageID
	}
	return ids, nil
}

func one(m tgbotapi.Message, err error) ([]int, error) {
	if err != nil {
		return nil, err
	}
	return []int{m.MessageID}, nil
}

func keyboard(rows [][]domain.Button) *tgbotapi.InlineKeyboardMarkup {
	if len(rows) == 0 {
		return nil
	}
	kb := tgbotapi.InlineKeyboardMarkup{}
	for _, row := range rows {
		var r []tgbotapi.InlineKeyboardButton
		for _, btn := range row {
			r = append(r, tgbotapi.NewInlineKeyboardButtonData(btn.Text, btn.Data))
		}
		kb.InlineKeyboard = append(kb.InlineKeyboard, r)
	}
	return &kb
}

// menuCommand is one entry of the command menu Telegram shows.
type menuCommand struct {
	name, description string
}

// setCommands sets the command menu of private chats or of groups for
// users whose Telegram language is langCode ("" for everyone else).
func (t *telegram) setCommands(private bool, langCode string, cmds []menuCommand) error {
	scope := tgbotapi.NewBotCommandScopeAllGroupChats()
	if private {
		scope = tgbotapi.NewBotCommandScopeAllPrivateChats()
	}
	list := make([]tgbotapi.BotCommand, len(cmds))
	for i, c := range cmds {
		list[i] = tgbotapi.BotCommand{Command: c.name, Description: c.description}
	}
	_, err := t.api.Request(tgbotapi.NewSetMyCommandsWithScopeAndLanguage(scope, langCode, list...))
	if err != nil {
		return errors.New(t.red.Err(err))
	}
	return nil
}

// Forum topics: the library predates message_thread_id, so a new message
// for a topic is sent here, through its raw request calls, with the same
// parameters its typed calls send plus the thread. This is the only place
// the bot sends a thread id.

// callInTopic sends a job to its forum topic.
func (t *telegram) callInTopic(job *domain.OutboxJob) ([]int, error) {
	p := tgbotapi.Params{}
	p.AddNonZero64("chat_id", job.ChatID)
	p.AddNonZero("message_thread_id", job.ThreadID)
	if job.Kind == domain.ChatAction {
		p.AddNonEmpty("action", job.Action)
		_, err := t.api.MakeRequest("sendChatAction", p)
		return nil, err
	}
	p.AddNonZero("reply_to_message_id", job.ReplyTo)
	p.AddBool("allow_sending_without_reply", job.ReplyTo != 0)
	p.AddNonEmpty("parse_mode", tgbotapi.ModeHTML)
	if err := p.AddInterface("reply_markup", keyboard(job.Keyboard)); err != nil {
		return nil, err
	}
	switch job.Kind {
	case domain.SendText:
		p.AddNonEmpty("text", job.Text)
		p.AddBool("disable_web_page_preview", true)
		return oneRaw(t.api.MakeRequest("sendMessage", p))
	case domain.SendPhoto, domain.SendDocument:
		f := job.Files[0]
		method, field := "sendPhoto", "photo"
		if job.Kind == domain.SendDocument {
			method, field = "sendDocument", "document"
		}
		p.AddNonEmpty("caption", f.Caption)
		file := tgbotapi.RequestFile{Name: field, Data: tgbotapi.FileBytes{Name: f.Name, Bytes: f.Data}}
		return oneRaw(t.api.UploadFiles(method, p, []tgbotapi.RequestFile{file}))
	case domain.SendMediaGroup:
		delete(p, "parse_mode") // per item
		delete(p, "reply_markup")
		type item struct {
			Type      string `json:"type"`
			Media     string `json:"media"`
			Caption   string `json:"caption,omitempty"`
			ParseMode string `json:"parse_mode,omitempty"`
		}
		media := make([]item, len(job.Files))
		files := make([]tgbotapi.RequestFile, len(job.Files))
		for i, f := range job.Files {
			name := fmt.Sprintf("file-%d", i)
			media[i] = item{Type: "photo", Media: "attach://" + name, Caption: f.Caption, ParseMode: tgbotapi.ModeHTML}
			files[i] = tgbotapi.RequestFile{Name: name, Data: tgbotapi.FileBytes{Name: f.Name, Bytes: f.Data}}
		}
		if err := p.AddInterface("media", media); err != nil {
			return nil, err
		}
		resp, err := t.api.UploadFiles("sendMediaGroup", p, files)
		if err != nil {
			return nil, err
		}
		var msgs []tgbotapi.Message
		if err := json.Unmarshal(resp.Result, &msgs); err != nil {
			return nil, errors.New("sendMediaGroup: unreadable result")
		}
		ids := make([]int, len(msgs))
		for i, m := range msgs {
			ids[i] = m.MessageID
		}
		return ids, nil
	}
	return nil, errors.New("unknown outbox job kind " + string(job.Kind))
}

// oneRaw reads the message a raw send created.
func oneRaw(resp *tgbotapi.APIResponse, err error) ([]int, error) {
	if err != nil {
		return nil, err
	}
	var m tgbotapi.Message
	if err := json.Unmarshal(resp.Result, &m); err != nil {
		return nil, errors.New("send: unreadable result")
	}
	return []int{m.MessageID}, nil
}

// topicGone reports whether Telegram refused a send because its topic is
// deleted or closed (or the group no longer has topics).
func topicGone(err error) bool {
	e := classify(err)
	if e == nil || e.Code != http.StatusBadRequest {
		return false
	}
	d := strings.ToLower(e.Description)
	return strings.Contains(d, "message thread not found") || strings.Contains(d, "topic_deleted") || strings.Contains(d, "topic_closed")
}
