package telegramtest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

func TestPressButtonAndAnswer(t *testing.T) {
	srv, bot := newBot(t)
	msg := tgbotapi.NewMessage(group.ID, "Delete?")
	msg.ReplyMarkup = tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("Yes", "del:1")))
	sent, err := bot.Send(msg)
	if err != nil {
		t.Fatal(err)
	}
	qid := srv.PressButton(group, bob, sent.MessageID, "del:1")
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil || len(ups) != 1 || ups[0].CallbackQuery == nil {
		t.Fatalf("updates: %v %+v", err, ups)
	}
	cq := ups[0].CallbackQuery
	if cq.ID != qid || cq.Data != "del:1" || cq.From.ID != bob.ID || cq.Message.MessageID != sent.MessageID ||
		cq.Message.Text != "Delete?" || cq.Message.ReplyMarkup == nil || cq.Message.From.ID != bot.Self.ID {
		t.Fatalf("callback: %+v", cq)
	}
	if got := srv.UnansweredCallbacks(); len(got) != 1 {
		t.Fatalf("unanswered: %v", got)
	}
	if _, err := bot.Request(tgbotapi.NewCallback(qid, "Deleted")); err != nil {
		t.Fatalf("answer: %v", err)
	}
	if _, err := bot.Request(tgbotapi.NewCallback(qid, "again")); apiErr(t, err).Code != 400 {
		t.Fatalf("second answer: %v", err)
	}
	if _, err := bot.Request(tgbotapi.NewCallback("12345", "")); apiErr(t, err).Code != 400 {
		t.Fatalf("unknown query: %v", err)
	}
	if a := srv.CallbackAnswers()[qid]; !a.Answered || a.Text != "Deleted" || a.Data != "del:1" {
		t.Fatalf("answer record: %+v", a)
	}
	if got := srv.UnansweredCallbacks(); len(got) != 0 {
		t.Fatalf("unanswered: %v", got)
	}
	// Forged presses: data no button carries, and a message id of another
	// chat.
	srv.PressButton(group, bob, sent.MessageID, "del:999")
	srv.PressButton(PrivateChat(bob), bob, sent.MessageID, "del:1")
	ups, _ = bot.GetUpdates(tgbotapi.UpdateConfig{Offset: ups[0].UpdateID + 1})
	if len(ups) != 2 || ups[0].CallbackQuery.Data != "del:999" || ups[1].CallbackQuery.Message.Chat.ID != bob.ID || ups[1].CallbackQuery.Message.Text != "" {
		t.Fatalf("forged: %+v %+v", ups[0].CallbackQuery, ups[1].CallbackQuery)
	}
}

func TestReplyCarriesReplyToMessage(t *testing.T) {
	srv, bot := newBot(t)
	sent, err := bot.Send(tgbotapi.NewMessage(group.ID, "How much?"))
	if err != nil {
		t.Fatal(err)
	}
	srv.ReplyText(group, alice, sent.MessageID, "42")
	first := srv.SendText(group, bob, "hi all")
	srv.ReplyText(group, alice, first, "hi bob")
	ups, _ := bot.GetUpdates(tgbotapi.UpdateConfig{})
	if len(ups) != 3 {
		t.Fatalf("updates: %+v", ups)
	}
	r := ups[0].Message.ReplyToMessage
	if r == nil || r.MessageID != sent.MessageID || r.Text != "How much?" || r.From.ID != bot.Self.ID || !r.From.IsBot {
		t.Fatalf("reply to bot: %+v", r)
	}
	r = ups[2].Message.ReplyToMessage
	if r == nil || r.Text != "hi all" || r.From.ID != bob.ID {
		t.Fatalf("reply to user: %+v", r)
	}
	// The bot can reply too.
	reply := tgbotapi.NewMessage(group.ID, "noted")
	reply.ReplyToMessageID = ups[0].Message.MessageID
	got, err := bot.Send(reply)
	if err != nil || got.ReplyToMessage == nil || got.ReplyToMessage.Text != "42" {
		t.Fatalf("bot reply: %v %+v", err, got)
	}
	if m := srv.Messages(group.ID); m[1].ReplyToMessageID != ups[0].Message.MessageID {
		t.Fatalf("view: %+v", m[1])
	}
}

func TestAnonymousAdmin(t *testing.T) {
	srv, bot := newBot(t)
	srv.SendAnonymousAdmin(group, "/settings")
	ups, _ := bot.GetUpdates(tgbotapi.UpdateConfig{})
	m := ups[0].Message
	if m.From.ID != AnonymousAdminID || m.From.UserName != "GroupAnonymousBot" || m.SenderChat == nil || m.SenderChat.ID != group.ID || !m.IsCommand() {
		t.Fatalf("anonymous: %+v", m)
	}
}

func TestKickAndMigrate(t *testing.T) {
	srv, bot := newBot(t)
	srv.KickBot(group)
	_, err := bot.Send(tgbotapi.NewMessage(group.ID, "x"))
	if te := apiErr(t, err); te.Code != 403 || te.Message != "Forbidden: bot was kicked from the group chat" {
		t.Fatalf("kicked: %+v", te)
	}
	old := Chat{ID: -5001, Type: "group", Title: "Old"}
	srv.MigrateChat(old, -1005001)
	_, err = bot.Send(tgbotapi.NewMessage(old.ID, "x"))
	if te := apiErr(t, err); te.Code != 400 || te.MigrateToChatID != -1005001 {
		t.Fatalf("migrated: %+v", te)
	}
	if _, err := bot.Send(tgbotapi.NewMessage(-1005001, "moved")); err != nil {
		t.Fatal(err)
	}
	ups, _ := bot.GetUpdates(tgbotapi.UpdateConfig{})
	if len(ups) != 3 || ups[0].MyChatMember == nil || ups[0].MyChatMember.NewChatMember.Status != "left" {
		t.Fatalf("updates: %+v", ups)
	}
	if ups[1].Message.MigrateToChatID != -1005001 || ups[2].Message.MigrateFromChatID != old.ID || ups[2].Message.Chat.Type != "supergroup" {
		t.Fatalf("migration messages: %+v %+v", ups[1].Message, ups[2].Message)
	}
}

func TestWaitForMessages(t *testing.T) {
	srv, bot := newBot(t)
	// The messages arrive while WaitForMessages waits (or just before).
	go func() {
		bot.Send(tgbotapi.NewMessage(9, "one"))
		bot.Send(tgbotapi.NewMessage(9, "two"))
	}()
	msgs := srv.WaitForMessages(t, 9, 2, 5*time.Second)
	if msgs[0].Text != "one" || msgs[1].Text != "two" {
		t.Fatalf("messages: %+v", msgs)
	}
}

// fatalRecorder captures Fatalf instead of stopping the test, to check
// the failure message.
type fatalRecorder struct {
	testing.TB
	msg string
}

func (f *fatalRecorder) Fatalf(format string, args ...any) { f.msg = fmt.Sprintf(format, args...) }
func (f *fatalRecorder) Helper()                           {}

func TestWaitForMessagesDumpsOnTimeout(t *testing.T) {
	srv, bot := newBot(t)
	bot.Send(tgbotapi.NewMessage(9, "only one"))
	srv.SendText(PrivateChat(User{ID: 9, FirstName: "N"}), User{ID: 9, FirstName: "N"}, "/start")
	rec := &fatalRecorder{TB: t}
	srv.WaitForMessages(rec, 9, 2, 50*time.Millisecond)
	for _, want := range []string{"waiting for 2 bot messages in chat 9, have 1", `#1 bot: "only one"`, `#2 user 9: "/start"`, "sendMessage chat=9 status=200"} {
		if !strings.Contains(rec.msg, want) {
			t.Errorf("dump lacks %q:\n%s", want, rec.msg)
		}
	}
}
