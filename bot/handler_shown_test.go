package bot

import (
	"html"
	"strings"
	"unicode/utf16"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"trackbot/domain"
)

// original is the bot message with the id as the chat shows it, as
// Telegram puts it into a reply or a button press: its plain text with
// the link entities, its buttons and the message it replies to.
func (h *handlerHarness) original(chat tgbotapi.Chat, id int) *tgbotapi.Message {
	shown := h.shown[[2]int64{chat.ID, int64(id)}]
	text, links := linkEntities(shown.Text)
	m := &tgbotapi.Message{MessageID: id, From: &botUser, Chat: &chat, Date: int(h.now.Unix()), Text: text, Entities: links,
		ReplyMarkup: inlineKeyboard(shown.Keyboard)}
	if shown.ReplyTo != 0 {
		m.ReplyToMessage = h.said[[2]int64{chat.ID, int64(shown.ReplyTo)}]
	}
	return m
}

// inlineKeyboard is a keyboard as Telegram sends it back, nil for none.
func inlineKeyboard(rows [][]domain.Button) *tgbotapi.InlineKeyboardMarkup {
	if len(rows) == 0 {
		return nil
	}
	kb := &tgbotapi.InlineKeyboardMarkup{}
	for _, row := range rows {
		var r []tgbotapi.InlineKeyboardButton
		for _, b := range row {
			r = append(r, tgbotapi.NewInlineKeyboardButtonData(b.Text, b.Data))
		}
		kb.InlineKeyboard = append(kb.InlineKeyboard, r)
	}
	return kb
}

// linkEntities turns the bot's HTML into the plain text Telegram shows and
// the text_link entities of its <a href> tags, with offsets in UTF-16
// units. Other tags only vanish: the handlers read links alone.
func linkEntities(src string) (string, []tgbotapi.MessageEntity) {
	var plain strings.Builder
	var links []tgbotapi.MessageEntity
	units := 0
	open := -1
	href := ""
	for len(src) > 0 {
		lt := strings.IndexByte(src, '<')
		if lt < 0 {
			lt = len(src)
		}
		text := html.UnescapeString(src[:lt])
		plain.WriteString(text)
		units += len(utf16.Encode([]rune(text)))
		src = src[lt:]
		if src == "" {
			break
		}
		gt := strings.IndexByte(src, '>')
		tag := src[1:gt]
		src = src[gt+1:]
		switch {
		case strings.HasPrefix(tag, "a href="):
			open, href = units, html.UnescapeString(strings.Trim(strings.TrimPrefix(tag, "a href="), `"'`))
		case tag == "/a" && open >= 0:
			links = append(links, tgbotapi.MessageEntity{Type: "text_link", Offset: open, Length: units - open, URL: href})
			open = -1
		}
	}
	return plain.String(), links
}

// copyOf shows a second copy of a bot message under a new id, as a send
// Telegram took twice leaves it (the bot died before it recorded the
// first), and returns the copy's id.
func (h *handlerHarness) copyOf(chat tgbotapi.Chat, id int) int {
	h.msg++
	h.shown[[2]int64{chat.ID, int64(h.msg)}] = h.shown[[2]int64{chat.ID, int64(id)}]
	return h.msg
}

// unchanged fails the test when a press edited or sent a message.
func (s sent) unchanged(what string) {
	s.t.Helper()
	if n := len(s.ofKind(domain.SendText, domain.EditText, domain.SendPhoto, domain.SendMediaGroup)); n > 0 {
		s.t.Errorf("%s changed the chat: %s", what, s)
	}
}

// shownUnchanged fails the test unless the chat still shows the message
// with the HTML text.
func (h *handlerHarness) shownUnchanged(chat tgbotapi.Chat, id int, text string) {
	h.t.Helper()
	if got := h.shown[[2]int64{chat.ID, int64(id)}].Text; got != text {
		h.t.Errorf("message %d now shows %q, want it unchanged (%q)", id, got, text)
	}
}
