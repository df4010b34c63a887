package telegramtest

import "encoding/json"

// This file holds the JSON shapes the fake speaks. They are kept private
// and independent of any client library on purpose: the fake must answer
// exactly what Telegram answers, not what one library happens to decode.

// wireUser is Telegram's User object.
type wireUser struct {
	ID           int64  `json:"id"`
	IsBot        bool   `json:"is_bot"`
	FirstName    string `json:"first_name"`
	LastName     string `json:"last_name,omitempty"`
	Username     string `json:"username,omitempty"`
	LanguageCode string `json:"language_code,omitempty"`
}

// wireBotUser is what getMe answers: a User with the bot-only flags.
type wireBotUser struct {
	wireUser
	CanJoinGroups           bool `json:"can_join_groups"`
	CanReadAllGroupMessages bool `json:"can_read_all_group_messages"`
	SupportsInlineQueries   bool `json:"supports_inline_queries"`
}

// wireChat is Telegram's Chat object as embedded in messages.
type wireChat struct {
	ID        int64  `json:"id"`
	Type      string `json:"type"`
	Title     string `json:"title,omitempty"`
	Username  string `json:"username,omitempty"`
	FirstName string `json:"first_name,omitempty"`
	LastName  string `json:"last_name,omitempty"`
	IsForum   bool   `json:"is_forum,omitempty"`
}

// wireEntity is a MessageEntity; offsets and lengths are in UTF-16 code
// units, as in Telegram.
type wireEntity struct {
	Type   string `json:"type"`
	Offset int    `json:"offset"`
	Length int    `json:"length"`
	URL    string `json:"url,omitempty"`
}

// wirePhotoSize is one PhotoSize of a photo message.
type wirePhotoSize struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	FileSize     int    `json:"file_size,omitempty"`
}

// wireDocument is Telegram's Document object.
type wireDocument struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	FileName     string `json:"file_name,omitempty"`
	MimeType     string `json:"mime_type,omitempty"`
	FileSize     int    `json:"file_size,omitempty"`
}

// wireFile is what getFile answers.
type wireFile struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	FileSize     int    `json:"file_size,omitempty"`
	FilePath     string `json:"file_path,omitempty"`
}

// wireButton is an InlineKeyboardButton. Only the fields a bot of this
// project may use are typed; the rest are carried as raw JSON so that the
// fake echoes them back unchanged.
type wireButton struct {
	Text                         string          `json:"text"`
	URL                          *string         `json:"url,omitempty"`
	CallbackData                 *string         `json:"callback_data,omitempty"`
	LoginURL                     json.RawMessage `json:"login_url,omitempty"`
	WebApp                       json.RawMessage `json:"web_app,omitempty"`
	SwitchInlineQuery            *string         `json:"switch_inline_query,omitempty"`
	SwitchInlineQueryCurrentChat *string         `json:"switch_inline_query_current_chat,omitempty"`
	CallbackGame                 json.RawMessage `json:"callback_game,omitempty"`
	Pay                          bool            `json:"pay,omitempty"`
}

// wireKeyboard is an InlineKeyboardMarkup.
type wireKeyboard struct {
	InlineKeyboard [][]wireButton `json:"inline_keyboard"`
}

// wireMessage is Telegram's Message object, reduced to the fields the
// fake produces.
type wireMessage struct {
	MessageID         int             `json:"message_id"`
	MessageThreadID   int             `json:"message_thread_id,omitempty"`
	IsTopicMessage    bool            `json:"is_topic_message,omitempty"`
	From              *wireUser       `json:"from,omitempty"`
	SenderChat        *wireChat       `json:"sender_chat,omitempty"`
	Date              int64           `json:"date"`
	Chat              wireChat        `json:"chat"`
	ReplyToMessage    *wireMessage    `json:"reply_to_message,omitempty"`
	EditDate          int64           `json:"edit_date,omitempty"`
	MediaGroupID      string          `json:"media_group_id,omitempty"`
	Text              string          `json:"text,omitempty"`
	Entities          []wireEntity    `json:"entities,omitempty"`
	Document          *wireDocument   `json:"document,omitempty"`
	Photo             []wirePhotoSize `json:"photo,omitempty"`
	Caption           string          `json:"caption,omitempty"`
	CaptionEntities   []wireEntity    `json:"caption_entities,omitempty"`
	MigrateToChatID   int64           `json:"migrate_to_chat_id,omitempty"`
	MigrateFromChatID int64           `json:"migrate_from_chat_id,omitempty"`
	ReplyMarkup       *wireKeyboard   `json:"reply_markup,omitempty"`
}

// wireCallbackQuery is Telegram's CallbackQuery object.
type wireCallbackQuery struct {
	ID           string       `json:"id"`
	From         wireUser     `json:"from"`
	Message      *wireMessage `json:"message,omitempty"`
	ChatInstance string       `json:"chat_instance"`
	Data         string       `json:"data,omitempty"`
}

// wireChatMember is a ChatMember object (all variants share this shape
// closely enough for the statuses the fake supports).
type wireChatMember struct {
	Status      string   `json:"status"`
	User        wireUser `json:"user"`
	IsAnonymous bool     `json:"is_anonymous,omitempty"`
	// Administrators get the permission flags a typical admin has, so
	// that code checking them sees something plausible.
	CanBeEdited         *bool `json:"can_be_edited,omitempty"`
	CanManageChat       *bool `json:"can_manage_chat,omitempty"`
	CanDeleteMessages   *bool `json:"can_delete_messages,omitempty"`
	CanRestrictMembers  *bool `json:"can_restrict_members,omitempty"`
	CanPromoteMembers   *bool `json:"can_promote_members,omitempty"`
	CanChangeInfo       *bool `json:"can_change_info,omitempty"`
	CanInviteUsers      *bool `json:"can_invite_users,omitempty"`
	CanPinMessages      *bool `json:"can_pin_messages,omitempty"`
	CanManageVoiceChats *bool `json:"can_manage_voice_chats,omitempty"`
}

// wireChatMemberUpdated is the payload of a my_chat_member update.
type wireChatMemberUpdated struct {
	Chat          wireChat       `json:"chat"`
	From          wireUser       `json:"from"`
	Date          int64          `json:"date"`
	OldChatMember wireChatMember `json:"old_chat_member"`
	NewChatMember wireChatMember `json:"new_chat_member"`
}

// wireUpdate is one element of getUpdates' result.
type wireUpdate struct {
	UpdateID      int                    `json:"update_id"`
	Message       *wireMessage           `json:"message,omitempty"`
	CallbackQuery *wireCallbackQuery     `json:"callback_query,omitempty"`
	MyChatMember  *wireChatMemberUpdated `json:"my_chat_member,omitempty"`
}

// wireBotCommand is a BotCommand as setMyCommands receives it.
type wireBotCommand struct {
	Command     string `json:"command"`
	Description string `json:"description"`
}

// wireScope is a BotCommandScope.
type wireScope struct {
	Type   string          `json:"type"`
	ChatID json.RawMessage `json:"chat_id,omitempty"`
	UserID int64           `json:"user_id,omitempty"`
}

// cloneMessage returns a deep-enough copy of m for handing out of the
// lock: slices and pointers are copied so later edits do not leak into
// JSON already queued or returned.
func cloneMessage(m *wireMessage) *wireMessage {
	if m == nil {
		return nil
	}
	c := *m
	c.Entities = append([]wireEntity(nil), m.Entities...)
	c.CaptionEntities = append([]wireEntity(nil), m.CaptionEntities...)
	c.Photo = append([]wirePhotoSize(nil), m.Photo...)
	if m.Document != nil {
		d := *m.Document
		c.Document = &d
	}
	c.ReplyMarkup = cloneKeyboard(m.ReplyMarkup)
	c.ReplyToMessage = cloneMessage(m.ReplyToMessage)
	return &c
}

// cloneKeyboard copies the rows of a keyboard; buttons themselves are
// never mutated after parsing, so a shallow copy of each row suffices.
func cloneKeyboard(k *wireKeyboard) *wireKeyboard {
	if k == nil {
		return nil
	}
	rows := make([][]wireButton, len(k.InlineKeyboard))
	for i, row := range k.InlineKeyboard {
		rows[i] = append([]wireButton(nil), row...)
	}
	return &wireKeyboard{InlineKeyboard: rows}
}
