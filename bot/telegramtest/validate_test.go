package telegramtest

import (
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Lengths are counted in UTF-16 units after entity parsing, in every place
// Telegram limits a text: a message in HTML, a caption, a press's answer.
func TestLimitsCountUTF16UnitsAfterParsing(t *testing.T) {
	srv, bot := newBot(t)
	send := func(text string) error {
		msg := tgbotapi.NewMessage(7, text)
		msg.ParseMode = tgbotapi.ModeHTML
		_, err := bot.Send(msg)
		return err
	}
	// 2048 emoji are 2048 runes but 4096 units: the most a message holds.
	if err := send("<b>" + strings.Repeat("😀", 2048) + "</b>"); err != nil {
		t.Fatalf("2048 emoji in bold: %v", err)
	}
	if err := send("<pre>" + strings.Repeat("😀", 2040) + strings.Repeat("&lt;", 20) + "</pre>"); apiErr(t, err).Message != "Bad Request: message is too long" {
		t.Fatalf("2040 emoji and 20 entities (2060 characters, 4100 units): %v", err)
	}
	// The edit of a message is held to the same limit.
	edit := tgbotapi.NewEditMessageText(7, 1, strings.Repeat("😀", 2049))
	edit.ParseMode = tgbotapi.ModeHTML
	if _, err := bot.Send(edit); apiErr(t, err).Message != "Bad Request: message is too long" {
		t.Fatalf("edit with 2049 emoji: %v", err)
	}

	doc := tgbotapi.NewDocument(7, tgbotapi.FileBytes{Name: "a.csv", Bytes: []byte("x")})
	doc.ParseMode = tgbotapi.ModeHTML
	doc.Caption = "<i>" + strings.Repeat("😀", 512) + "</i>"
	if _, err := bot.Send(doc); err != nil {
		t.Fatalf("512 emoji as a caption: %v", err)
	}
	doc.Caption = strings.Repeat("😀", 513)
	if _, err := bot.Send(doc); apiErr(t, err).Message != "Bad Request: message caption is too long" {
		t.Fatalf("513 emoji as a caption: %v", err)
	}

	msg := tgbotapi.NewMessage(group.ID, "Delete?")
	msg.ReplyMarkup = tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("Yes", "del:1")))
	sent, err := bot.Send(msg)
	if err != nil {
		t.Fatal(err)
	}
	qid := srv.PressButton(group, bob, sent.MessageID, "del:1")
	if _, err := bot.Request(tgbotapi.NewCallback(qid, strings.Repeat("😀", 101))); apiErr(t, err).Message != "Bad Request: MESSAGE_TOO_LONG" {
		t.Fatalf("an answer of 101 emoji (202 units): %v", err)
	}
	if _, err := bot.Request(tgbotapi.NewCallback(qid, strings.Repeat("😀", 100))); err != nil {
		t.Fatalf("an answer of 100 emoji: %v", err)
	}
}

// The exported checks refuse what the server refuses, with its words.
func TestChecksApplyTheServersRules(t *testing.T) {
	refused := []struct {
		name string
		err  error
		want string
	}{
		{"unclosed tag", CheckText("<b>bold"), "can't parse entities"},
		{"unknown tag", CheckText("<table>x</table>"), "Unsupported start tag"},
		{"crossed tags", CheckText("<b><i>x</b></i>"), "Unmatched end tag"},
		{"raw ampersand", CheckText("Tom & Jerry"), "must be escaped"},
		{"empty text", CheckText("<b> </b>"), "message text is empty"},
		{"text of 2049 emoji", CheckText(strings.Repeat("😀", 2049)), "message is too long"},
		{"text of 4097 letters after entities", CheckText(strings.Repeat("&amp;", 4097)), "message is too long"},
		{"caption of 513 emoji", CheckCaption(strings.Repeat("😀", 513)), "message caption is too long"},
		{"caption with an open tag", CheckCaption("<pre>x"), "can't parse entities"},
		{"answer of 101 emoji", CheckAnswer(strings.Repeat("😀", 101)), "MESSAGE_TOO_LONG"},
		{"button data of 33 Cyrillic letters", CheckButton("x", strings.Repeat("ж", 33)), "BUTTON_DATA_INVALID"},
		{"empty button data", CheckButton("x", ""), "BUTTON_DATA_INVALID"},
		{"button without a label", CheckButton("", "a"), "BUTTON_TEXT_EMPTY"},
		{"a media group of one", CheckMediaGroup(1), "media group must contain"},
		{"a media group of eleven", CheckMediaGroup(11), "media group must contain"},
	}
	for _, c := range refused {
		if c.err == nil || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error with %q", c.name, c.err, c.want)
		}
	}
	accepted := []struct {
		name string
		err  error
	}{
		{"text of 2048 emoji in a block", CheckText("<pre>" + strings.Repeat("😀", 2048) + "</pre>")},
		{"text with entities", CheckText("<b>a</b> &lt;b&gt; &quot;q&quot; &#39;")},
		{"empty caption", CheckCaption("")},
		{"caption of 512 emoji", CheckCaption(strings.Repeat("😀", 512))},
		{"answer of 100 emoji", CheckAnswer(strings.Repeat("😀", 100))},
		{"button data of 64 bytes", CheckButton("x", strings.Repeat("d", 64))},
		{"a media group of ten", CheckMediaGroup(10)},
	}
	for _, c := range accepted {
		if c.err != nil {
			t.Errorf("%s: %v", c.name, c.err)
		}
	}
}
