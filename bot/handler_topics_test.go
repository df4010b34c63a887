package bot

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"trackbot/domain"
)

// The harness's forum topics: a message sent with sendIn is in a topic,
// the bot's messages are in the topic their job named, and an update
// carries the topic of its message as Telegram's JSON would (see topicOf).

// sendIn delivers a text message written in a topic of a forum group (0
// for its General topic).
func (h *handlerHarness) sendIn(chat tgbotapi.Chat, thread int, from tgbotapi.User, text string) sent {
	h.t.Helper()
	m := h.message(chat, from, text)
	h.markForum(chat.ID)
	h.setThread(chat.ID, m.MessageID, thread)
	return h.handle(tgbotapi.Update{Message: m})
}

// markForum makes the chat a group with topics.
func (h *handlerHarness) markForum(chat int64) {
	h.forums[chat] = true
}

func (h *handlerHarness) setThread(chat int64, msg, thread int) {
	if thread != 0 {
		h.threads[[2]int64{chat, int64(msg)}] = thread
	}
}

// topicOf is where the update's message (or pressed message) is.
func (h *handlerHarness) topicOf(u tgbotapi.Update) updateTopic {
	m := u.Message
	if u.CallbackQuery != nil {
		m = u.CallbackQuery.Message
	}
	if m == nil || m.Chat == nil {
		return updateTopic{}
	}
	return updateTopic{Thread: h.threads[[2]int64{m.Chat.ID, int64(m.MessageID)}], Forum: h.forums[m.Chat.ID]}
}

// noteThread remembers the topic of the messages a delivered job created.
func (h *handlerHarness) noteThread(j *domain.OutboxJob) {
	if j.Kind == domain.EditText {
		return
	}
	for _, id := range j.MessageIDs {
		h.setThread(j.ChatID, id, j.ThreadID)
	}
}

// inTopic checks that every new message of out goes to the topic.
func inTopic(t *testing.T, what string, out sent, thread int) {
	t.Helper()
	n := 0
	for _, j := range out.jobs {
		if j.Kind == domain.EditText || j.Kind == domain.AnswerCallback {
			continue
		}
		n++
		if j.ThreadID != thread {
			t.Errorf("%s: a %s job goes to topic %d, want %d: %s", what, j.Kind, j.ThreadID, thread, out)
		}
	}
	if n == 0 {
		t.Errorf("%s: no new message: %s", what, out)
	}
}

func TestTopicUpdate_DecodesTheTopicOfTopicMessagesOnly(t *testing.T) {
	for _, tc := range []struct {
		name string
		json string
		want updateTopic
	}{
		{"a command in a topic", `{"update_id":1,"message":{"message_id":9,"message_thread_id":555,"is_topic_message":true,
			"chat":{"id":-100,"type":"supergroup","is_forum":true},"text":"/funnel"}}`, updateTopic{Thread: 555, Forum: true}},
		{"a command in General", `{"update_id":1,"message":{"message_id":9,"chat":{"id":-100,"type":"supergroup","is_forum":true},"text":"/funnel"}}`,
			updateTopic{Forum: true}},
		{"a reply thread of a group without topics", `{"update_id":1,"message":{"message_id":9,"message_thread_id":4,
			"chat":{"id":-100,"type":"supergroup"},"text":"/funnel"}}`, updateTopic{}},
		{"a press on a message in a topic", `{"update_id":1,"callback_query":{"id":"q","from":{"id":1,"first_name":"A"},"data":"st:back",
			"message":{"message_id":10,"message_thread_id":555,"is_topic_message":true,"chat":{"id":-100,"type":"supergroup","is_forum":true}}}}`,
			updateTopic{Thread: 555, Forum: true}},
	} {
		var u tgUpdate
		if err := json.Unmarshal([]byte(tc.json), &u); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if u.topic != tc.want || u.UpdateID != 1 {
			t.Errorf("%s: topic %+v (update %d), want %+v", tc.name, u.topic, u.UpdateID, tc.want)
		}
	}
	// A list of updates, as getUpdates answers, decodes each.
	var us []tgUpdate
	if err := json.Unmarshal([]byte(`[{"update_id":5,"message":{"message_id":1,"message_thread_id":7,"is_topic_message":true,"chat":{"id":-1,"type":"supergroup"}}}]`), &us); err != nil ||
		len(us) != 1 || us[0].topic.Thread != 7 || us[0].Message == nil || us[0].Message.MessageID != 1 {
		t.Errorf("getUpdates' list decoded to %+v (%v)", us, err)
	}
}

func TestHandlerTopics_AnsweredInTheTopicButtonsIncluded(t *testing.T) {
	h := numbersTeam(t)
	preview := h.sendIn(leadership, 555, mark, "/log last week leads=120 qualified=80")
	inTopic(t, "the /log preview", preview, 555)
	if len(preview.message().Keyboard) == 0 {
		t.Fatalf("the preview has no buttons: %s", preview)
	}
	// The press is answered and its card edited in place; nothing goes to
	// General.
	saved := h.confirm(leadership, mark, preview)
	for _, j := range saved.jobs {
		if j.Kind != domain.EditText && j.Kind != domain.AnswerCallback && j.ThreadID != 555 {
			t.Errorf("the press sent a %s to topic %d, want 555", j.Kind, j.ThreadID)
		}
	}
	inTopic(t, "/funnel", h.sendIn(leadership, 555, mark, "/funnel"), 555)
	// The same group's General topic, and a group without topics.
	inTopic(t, "/team in General", h.sendIn(leadership, 0, mark, "/team"), 0)
	inTopic(t, "/team in a plain group", h.send(leadership, mark, "/team"), 0)
}

func TestHandlerTopics_ANewMessageFromAPressGoesToThePressedTopic(t *testing.T) {
	h := numbersTeam(t)
	card := h.sendIn(leadership, 555, anna, "/settings")
	inTopic(t, "the settings card", card, 555)
	out := h.press(leadership, anna, card.id(), "st:now:r")
	out.contains("Numbers for 2026-W12 are still missing")
	inTopic(t, "send now", out, 555)
}

func TestHandlerTopics_CEODirectsTheSnapshotToATopic(t *testing.T) {
	h := numbersTeam(t)
	// A group without topics offers no topics.
	for _, b := range h.send(leadership, anna, "/settings").buttons() {
		if b.Data == "st:topics" {
			t.Error("a group without topics offers the Topics button")
		}
	}
	card := h.sendIn(leadership, 555, anna, "/settings")
	card.button("st:topics", "Topics")
	topics := h.press(leadership, anna, card.id(), "st:topics")
	if e := topics.edit(); !strings.Contains(htmlPlain(e.Text), "Weekly snapshot — General") {
		t.Errorf("the topics card:\n%s", htmlPlain(e.Text))
	}
	// A head may not direct posts, whatever the button says.
	refused := h.press(leadership, mark, card.id(), "st:here:s")
	if text, alert := refused.answer(); !alert || !strings.Contains(text, "Only a CEO") {
		t.Errorf("a head's press answered %q", text)
	}
	if got := h.workspace(leadership).Topic(domain.PostSnapshot); got != 0 {
		t.Fatalf("a head's press directed the snapshot to %d", got)
	}
	here := h.press(leadership, anna, card.id(), "st:here:s")
	if text, _ := here.answer(); text != "Saved." {
		t.Errorf("the CEO's press answered %q", text)
	}
	if e := here.edit(); !strings.Contains(htmlPlain(e.Text), "Weekly snapshot — this topic") ||
		!strings.Contains(htmlPlain(e.Text), "Review pack — where /review is typed") {
		t.Errorf("the topics card after the press:\n%s", htmlPlain(e.Text))
	}
	if got := h.workspace(leadership).Topic(domain.PostSnapshot); got != 555 {
		t.Fatalf("stored snapshot topic = %d, want 555", got)
	}

	// Monday 23 March, 09:00 in Moscow: the snapshot goes to topic 555;
	// the note about the reminder and digest missed since the workspace
	// was made goes where they go, to General.
	h.now = time.Date(2026, 3, 23, 6, 0, 30, 0, time.UTC)
	posts := h.tick()
	var snapshot, note bool
	for _, j := range posts.jobs {
		switch {
		case strings.HasPrefix(j.Key, "snapshot:"):
			snapshot = true
			if j.ThreadID != 555 {
				t.Errorf("a snapshot job (%s) goes to topic %d, want 555", j.Kind, j.ThreadID)
			}
		case strings.HasPrefix(j.Key, "missed:"):
			note = true
			if j.ThreadID != 0 {
				t.Errorf("the missed-posts note goes to topic %d, want General", j.ThreadID)
			}
		}
	}
	if !snapshot || !note {
		t.Errorf("the scheduler posted %s; want the snapshot and the missed note", posts)
	}
}

func TestHandlerTopics_TheReviewPackGoesToTheReviewTopic(t *testing.T) {
	h := reviewTeam(t)
	card := h.sendIn(leadership, 777, anna, "/settings")
	h.press(leadership, anna, card.id(), "st:topics")
	h.press(leadership, anna, card.id(), "st:here:v")
	out := h.sendIn(leadership, 555, anna, "/review")
	var told bool
	for _, j := range out.jobs {
		switch {
		case j.ThreadID == 555:
			told = told || strings.Contains(j.Text, "topic chosen for reviews") && j.ReplyTo != 0
		case j.ThreadID != 777 || j.ReplyTo != 0:
			t.Errorf("a %s job of the pack goes to topic %d replying to %d, want 777 and no reply", j.Kind, j.ThreadID, j.ReplyTo)
		}
	}
	if !told {
		t.Errorf("the command's topic is not told where the review went: %s", out)
	}
	// Closing it from the headline's button posts the protocol there too.
	var head int
	for _, j := range out.jobs {
		if len(j.Keyboard) > 0 && j.Keyboard[0][0].Data == "rv:end" {
			head = j.MessageIDs[0]
		}
	}
	inTopic(t, "the protocol", h.press(leadership, anna, head, "rv:end"), 777)
}
