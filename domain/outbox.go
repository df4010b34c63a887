package domain

import "time"

// OutboxKind is what a job asks Telegram to do.
type OutboxKind string

// The kinds of outgoing jobs.
const (
	SendText       OutboxKind = "text"
	SendPhoto      OutboxKind = "photo"
	SendMediaGroup OutboxKind = "media_group"
	SendDocument   OutboxKind = "document"
	EditText       OutboxKind = "edit_text"
	AnswerCallback OutboxKind = "answer_callback"
	ChatAction     OutboxKind = "chat_action"
	// DeleteMessage deletes the message EditMessageID, where the bot may:
	// a secret someone posted. Telegram refusing it is not a failure.
	DeleteMessage OutboxKind = "delete"
)

// Priorities: replies to people go ahead of bulk scheduled posts.
const (
	PriorityReply = 0
	PriorityBulk  = 1
)

// Button is an inline keyboard button; Data is opaque and at most 64 bytes.
type Button struct {
	Text string
	Data string
}

// Attachment is a file sent with a job: a chart PNG or an exported table.
type Attachment struct {
	Name    string
	Data    []byte
	Caption string // HTML, at most 1024 characters
}

// OutboxJob is one thing the bot has to send. Jobs are stored in the same
// transaction as the change that caused them and removed from the queue
// only after Telegram took them, so a crash loses no reply.
type OutboxJob struct {
	ID        int64
	Key       string // deduplication key; empty for none
	Workspace int64
	ChatID    int64
	Priority  int
	Kind      OutboxKind

	Text          string // HTML
	Keyboard      [][]Button
	ReplyTo       int // message id to reply to
	ThreadID      int // forum topic (message_thread_id) of a new message; 0: General, or no topics
	EditMessageID int // for EditText, and the message DeleteMessage deletes
	Files         []Attachment
	CallbackID    string // for AnswerCallback
	ShowAlert     bool
	Action        string // for ChatAction, e.g. upload_photo

	CreatedAt time.Time
	NotBefore time.Time // earliest time to send
	Deadline  time.Time // give up after; zero means never
	Attempts  int
	LastError string

	// MaybeSent is set, before the request leaves, on a job whose repeat
	// would not be harmless (see RepeatHarmless): if the bot dies before
	// it learns Telegram's answer, the job may be in the chat already.
	MaybeSent bool

	Sent       bool
	Failed     bool // given up: rejected by Telegram or past its deadline
	SentAt     time.Time
	MessageIDs []int
}

// RepeatHarmless reports whether sending the job a second time does no
// harm, so a send that may have reached Telegram (the bot died or the
// connection broke before the answer) is repeated rather than risk that
// it is lost. Telegram has no idempotency key, so for the other jobs a
// possible duplicate is worse than a possible loss and they are not
// repeated.
//
// Edits, answers to presses and chat actions are idempotent. A text or a
// file in reply to a person is harmless twice: a reply to either copy of a
// prompt answers it (see Prompt) and either copy's buttons work once,
// while a lost reply leaves the person without an answer. Scheduled posts
// ("never twice") and pictures are not repeated.
func (j *OutboxJob) RepeatHarmless() bool {
	switch j.Kind {
	case EditText, AnswerCallback, ChatAction:
		return true
	case SendText, SendDocument:
		return j.Priority == PriorityReply
	}
	return false
}
