package bot

import "trackbot/domain"

// Forum topics: in a supergroup with topics every message belongs to one
// (General has no id), and the bot answers in the topic it was asked in:
// a reply, a card, and any new message a button press causes go to the
// topic of the message that carried the command or the button. Edits stay
// where their message is. The posts the bot makes on its own go to the
// topic a CEO chose for them (domain.Workspace.Topic).
//
// The library (Bot API 5.5) predates topics: incoming, tgUpdate
// (telegram.go) decodes what it lacks from the same JSON; outgoing,
// telegram_send.go sends jobs with a thread through the library's raw
// request call.

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
