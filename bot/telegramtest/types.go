package telegramtest

import "time"

// User is a Telegram user a test plays. It is deliberately smaller than
// Telegram's User: these are the fields a bot is expected to read.
type User struct {
	ID           int64
	FirstName    string
	LastName     string
	Username     string
	LanguageCode string
}

// Chat is a chat a test plays in. Type is "private", "group" or
// "supergroup"; when empty it is inferred from the ID (positive IDs are
// private chats, IDs below -1000000000000 supergroups, other negative
// IDs basic groups), which matches how Telegram numbers chats.
type Chat struct {
	ID    int64
	Type  string
	Title string
}

// PrivateChat returns the private chat between the bot and u. Telegram
// gives a private chat the ID of the user, and so does the fake.
func PrivateChat(u User) Chat {
	return Chat{ID: u.ID, Type: "private"}
}

// Message is the user-level view of one message as the chat currently
// shows it: edits are applied and deleted messages are gone. It is a copy;
// changing it does not affect the server.
type Message struct {
	MessageID int
	ChatID    int64
	// FromBot tells whether the bot sent the message; From is the sender
	// (the bot's own user for bot messages).
	FromBot bool
	From    User
	Date    time.Time
	// Text and Caption are what a user sees: HTML tags stripped and
	// entities decoded. RawText and RawCaption are what the bot sent,
	// with the markup of ParseMode still in place.
	Text       string
	RawText    string
	Caption    string
	RawCaption string
	ParseMode  string
	// Entities are those of Text, or of Caption for media messages, with
	// UTF-16 offsets as Telegram reports them.
	Entities []Entity
	// Photos holds the photo of a photo message (one entry: the fake
	// does not make thumbnails).
	Photos   []Photo
	Document *Document
	// ReplyMarkup is the inline keyboard currently attached, row by row.
	ReplyMarkup      [][]Button
	MediaGroupID     string
	ReplyToMessageID int
	// ThreadID is the forum topic the message is in (0 for General and
	// chats without topics).
	ThreadID int
	// EditCount is how many successful edit* calls changed the message.
	EditCount int
	// MigrateToChatID and MigrateFromChatID are set on the service
	// messages created by MigrateChat.
	MigrateToChatID   int64
	MigrateFromChatID int64
}

// Entity is a formatting entity of a message (bold, text_link, ...).
type Entity struct {
	Type   string
	Offset int
	Length int
	URL    string
}

// Photo is one photo of a message with its decoded size and raw bytes.
type Photo struct {
	FileID string
	Width  int
	Height int
	Data   []byte
}

// Document is the file attached to a document message.
type Document struct {
	FileID   string
	FileName string
	MimeType string
	Data     []byte
}

// Button is one inline keyboard button. Exactly one of CallbackData and
// URL is set for the buttons a bot normally sends.
type Button struct {
	Text         string
	CallbackData string
	URL          string
}

// UploadedFile is one file part of a multipart request.
type UploadedFile struct {
	Name string
	Data []byte
}

// Call records one HTTP request the fake received.
type Call struct {
	// Method is the Bot API method as the client spelled it, or
	// "downloadFile" for the file route.
	Method string
	// ChatID is the parsed chat_id parameter (0 when absent or not
	// numeric).
	ChatID int64
	// Params are the form values (first value of each key); file parts
	// are in Files instead.
	Params map[string]string
	Files  map[string]UploadedFile
	// Time is when the request arrived.
	Time time.Time
	// Status is the HTTP status the fake answered, or 0 if it dropped the
	// connection (or the request is still in progress, like a long poll).
	Status int
	// Description and RetryAfter repeat the error the fake answered.
	Description string
	RetryAfter  int
	// MessageID is the first message the call created (0 if none);
	// MessageIDs lists all of them (several for sendMediaGroup).
	MessageID  int
	MessageIDs []int
	// Fault names the injected fault, if any: "rate_limit", "flood",
	// "retry_after_violation", "server_error", "drop", "hook", with an
	// "_after_effect" suffix when the method still took effect.
	Fault string
}

// CallbackAnswer describes one callback query the fake issued through
// PressButton and how the bot answered it.
type CallbackAnswer struct {
	QueryID   string
	ChatID    int64
	MessageID int
	Data      string
	Answered  bool
	Text      string
	ShowAlert bool
	URL       string
}

// BotCommand is one entry of a command menu set with setMyCommands.
type BotCommand struct {
	Command     string
	Description string
}

// CommandSet is the command menu stored for one scope and language.
type CommandSet struct {
	// Scope is the BotCommandScope type ("default", "all_group_chats",
	// "chat", ...); ChatID and UserID are set for the scopes that take
	// them.
	Scope        string
	ChatID       int64
	UserID       int64
	LanguageCode string
	Commands     []BotCommand
}
