package telegramtest

import (
	"encoding/json"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

var forum = Chat{ID: -1009000000001, Type: "supergroup", Title: "Forum"}

// sendIn sends text to a topic through the raw call, as a client of a
// library that predates topics must.
func sendIn(bot *tgbotapi.BotAPI, chat int64, thread, replyTo int, text string) (*tgbotapi.APIResponse, error) {
	p := tgbotapi.Params{"text": text}
	p.AddNonZero64("chat_id", chat)
	p.AddNonZero("message_thread_id", thread)
	p.AddNonZero("reply_to_message_id", replyTo)
	return bot.MakeRequest("sendMessage", p)
}

func TestTopics_UpdatesSendsAndPressesCarryTheThread(t *testing.T) {
	srv, bot := newBot(t)
	srv.AddForumTopic(forum, 555, "Numbers")
	asked := srv.SendTextInTopic(forum, 555, alice, "/funnel")
	srv.SendTextInTopic(forum, 0, alice, "/help")

	resp, err := bot.MakeRequest("getUpdates", tgbotapi.Params{"timeout": "0"})
	if err != nil {
		t.Fatal(err)
	}
	var ups []struct {
		Message struct {
			ThreadID int  `json:"message_thread_id"`
			IsTopic  bool `json:"is_topic_message"`
			Chat     struct {
				IsForum bool `json:"is_forum"`
			} `json:"chat"`
		} `json:"message"`
	}
	if err := json.Unmarshal(resp.Result, &ups); err != nil || len(ups) != 2 {
		t.Fatalf("updates %s (%v)", resp.Result, err)
	}
	if m := ups[0].Message; m.ThreadID != 555 || !m.IsTopic || !m.Chat.IsForum {
		t.Errorf("a topic message's update: %+v", m)
	}
	if m := ups[1].Message; m.ThreadID != 0 || m.IsTopic || !m.Chat.IsForum {
		t.Errorf("a General message's update: %+v", m)
	}

	if _, err := sendIn(bot, forum.ID, 555, asked, "answer"); err != nil {
		t.Fatal(err)
	}
	got := srv.TopicMessages(forum.ID, 555)
	if len(got) != 1 || got[0].Text != "answer" || got[0].ReplyToMessageID != asked {
		t.Fatalf("topic 555 shows %+v", got)
	}
	if c := srv.CallsTo("sendMessage")[0]; c.Params["message_thread_id"] != "555" {
		t.Errorf("the call's params: %v", c.Params)
	}
	if n := len(srv.TopicMessages(forum.ID, 0)); n != 0 {
		t.Errorf("General shows %d bot messages, want none", n)
	}

	// A press on the answer carries the message with its topic.
	srv.PressButton(forum, alice, got[0].MessageID, "x")
	resp, _ = bot.MakeRequest("getUpdates", tgbotapi.Params{"timeout": "0", "offset": "-1"})
	if !strings.Contains(string(resp.Result), `"message_thread_id":555`) {
		t.Errorf("the press's update lacks the topic: %s", resp.Result)
	}
}

func TestTopics_UnknownOrForeignThreadsAreRefused(t *testing.T) {
	srv, bot := newBot(t)
	srv.AddForumTopic(forum, 555, "Numbers")
	srv.AddForumTopic(forum, 777, "Reviews")
	for _, tc := range []struct {
		name   string
		chat   int64
		thread int
	}{
		{"a topic the forum lacks", forum.ID, 9},
		{"a group without topics", group.ID, 555},
	} {
		_, err := sendIn(bot, tc.chat, tc.thread, 0, "x")
		if te := apiErr(t, err); te.Code != 400 || !strings.Contains(te.Message, "message thread not found") {
			t.Errorf("%s: %+v", tc.name, te)
		}
	}
	// A reply across topics finds no message to reply to.
	other := srv.SendTextInTopic(forum, 777, alice, "hi")
	if _, err := sendIn(bot, forum.ID, 555, other, "x"); !strings.Contains(apiErr(t, err).Message, "message to be replied not found") {
		t.Errorf("a reply across topics: %v", err)
	}
	// A deleted topic takes nothing more.
	srv.DeleteForumTopic(forum.ID, 555)
	if _, err := sendIn(bot, forum.ID, 555, 0, "x"); !strings.Contains(apiErr(t, err).Message, "message thread not found") {
		t.Errorf("a deleted topic: %v", err)
	}
	p := tgbotapi.Params{"action": "typing", "message_thread_id": "555"}
	p.AddNonZero64("chat_id", forum.ID)
	if _, err := bot.MakeRequest("sendChatAction", p); !strings.Contains(apiErr(t, err).Message, "message thread not found") {
		t.Errorf("a chat action to a deleted topic: %v", err)
	}
}
