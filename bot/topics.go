package bot

import (
	"encoding/json"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"trackbot/domain"
)

// Forum topics: in a supergroup with topics every message belongs to one
// (General has no id), and the bot answers in the topic it was asked in:
// a reply, a card, and any new message a button press causes go to the
// topic of the message that carried the command or the button. Edits stay
// where their message is. The posts the bot makes on its own go to the
// topic a CEO chose for them (domain.Workspace.Topic).
//
// The library (Bot API 5.5) predates topics: incoming, tgUpdate decodes
// what it lacks from the same JSON; outgoing, telegram_send.go sends jobs
// with a thread through the library's raw request call.

// tgUpdate is an update as the bot reads it: the library's Update and,
// beside it, where in a forum it happened. getUpdates and the webhook both
// decode it from Telegram's JSON.
type tgUpdate struct {
	tgbotapi.Update
	topic updateTopic
}

// updateTopic is where an update happened in a forum group.
type updateTopic struct {
	// Thread is the topic (message_thread_id) of the message or of the
	// pressed message; 0 in General and in chats without topics.
	Thread int
	// Forum tells that the chat has topics.
	Forum bool
}

// topicJSON holds the fields of an update the library does not decode.
type topicJSON struct {
	Message       *topicMessageJSON `json:"message"`
	EditedMessage *topicMessageJSON `json:"edited_message"`
	CallbackQuery *struct {
		Message *topicMessageJSON `json:"message"`
	} `json:"callback_query"`
}

// topicMessageJSON is the part of a Message that says where it is.
type topicMessageJSON struct {
	ThreadID int  `json:"message_thread_id"`
	IsTopic  bool `json:"is_topic_message"`
	Chat     struct {
		IsForum bool `json:"is_forum"`
	} `json:"chat"`
}

// UnmarshalJSON decodes the library's Update and the topic beside it. A
// message_thread_id counts only on a topic message: in a group without
// topics Telegram also sets it on replies, naming the reply thread, and a
// send with it there would fail.
func (u *tgUpdate) UnmarshalJSON(data []byte) error {
	if err := json.Unmarshal(data, &u.Update); err != nil {
		return err
	}
	var raw topicJSON
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	m := raw.Message
	if m == nil {
		m = raw.EditedMessage
	}
	if m == nil && raw.CallbackQuery != nil {
		m = raw.CallbackQuery.Message
	}
	u.topic = updateTopic{}
	if m != nil {
		u.topic.Forum = m.Chat.IsForum
		if m.IsTopic {
			u.topic.Thread = m.ThreadID
		}
	}
	return nil
}

// postToTopic moves the messages queued since the first out of c.out to
// the forum topic thread, when that is not the one the update came from
// (a review pack goes to the topic chosen for reviews): they can no longer
// reply to the command, and the command's topic is told where they went.
func (c *Context) postToTopic(first, thread int) {
	if thread == c.Thread {
		return
	}
	for _, job := range c.out[first:] {
		if job.ChatID == c.Chat.ID && job.Kind != domain.EditText && job.Kind != domain.AnswerCallback {
			job.ThreadID, job.ReplyTo = thread, 0
		}
	}
	c.Reply(c.T("review.in_topic"))
}
