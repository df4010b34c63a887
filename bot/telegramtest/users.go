package telegramtest

import (
	"fmt"
	"slices"
	"time"
)

// AnonymousAdminID is the user id Telegram puts in from for messages of
// anonymous group administrators (GroupAnonymousBot). It must never be
// treated as a real person.
const AnonymousAdminID = 1087968824

// groupAnonymousBot is the from of anonymous admin and channel-like
// service messages.
var groupAnonymousBot = wireUser{ID: AnonymousAdminID, IsBot: true, FirstName: "Group", Username: "GroupAnonymousBot"}

// wire converts a test user into Telegram's User.
func (u User) wire() wireUser {
	return wireUser{ID: u.ID, FirstName: u.FirstName, LastName: u.LastName, Username: u.Username, LanguageCode: u.LanguageCode}
}

// userChatLocked registers the sender and the chat. A private chat always
// gets the user's id and names, as in Telegram.
func (s *Server) userChatLocked(chat Chat, from User) *chatState {
	s.users[from.ID] = from.wire()
	if chat.Type == "private" || chat.Type == "" && inferChatType(chat.ID) == "private" {
		cs := s.registerChatLocked(Chat{ID: from.ID, Type: "private"})
		cs.chat.FirstName, cs.chat.LastName, cs.chat.Username = from.FirstName, from.LastName, from.Username
		return cs
	}
	return s.registerChatLocked(chat)
}

// postLocked stores a message that is not from the bot and queues the
// update announcing it.
func (s *Server) postLocked(cs *chatState, m *storedMessage, replyTo int) int {
	if replyTo != 0 {
		m.wire.ReplyToMessage = s.replyCopyLocked(cs.chat.ID, replyTo)
	}
	s.addMessageLocked(cs, m)
	s.enqueueLocked(wireUpdate{Message: cloneMessage(&m.wire)})
	return m.wire.MessageID
}

// textMessage builds a user text message with the bot_command entity of
// a leading command.
func textMessage(from wireUser, text string) *storedMessage {
	return &storedMessage{rawText: text, wire: wireMessage{From: &from, Text: text, Entities: commandEntities(text)}}
}

// SendText queues a text message from a user and returns its message id.
// A leading /command (or /command@bot) gets a bot_command entity, so
// tgbotapi's IsCommand and Command work. For private chats the chat id is
// the user's id whatever chat.ID says.
func (s *Server) SendText(chat Chat, from User, text string) int {
	return s.ReplyText(chat, from, 0, text)
}

// ReplyText queues a text message replying to message replyToMsgID of the
// chat (from a user or from the bot); reply_to_message carries that
// message as it currently looks. A replyToMsgID that does not exist (or
// was deleted) gives a message without reply_to_message, as Telegram
// does. It returns the new message id.
func (s *Server) ReplyText(chat Chat, from User, replyToMsgID int, text string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs := s.userChatLocked(chat, from)
	return s.postLocked(cs, textMessage(from.wire(), text), replyToMsgID)
}

// SendDocument queues a document message from a user. The file is stored
// so that getFile and the download route return content; a leading
// command in the caption gets a bot_command caption entity (which
// tgbotapi's IsCommand does not look at). It returns the message id.
func (s *Server) SendDocument(chat Chat, from User, filename string, content []byte, caption string) int {
	return s.sendDocument(chat, from, 0, filename, content, caption)
}

// ReplyDocument queues a document without caption sent as a reply to
// message replyToMsgID, as a user answering the bot's "send the file"
// prompt does. It returns the new message id.
func (s *Server) ReplyDocument(chat Chat, from User, replyToMsgID int, filename string, content []byte) int {
	return s.sendDocument(chat, from, replyToMsgID, filename, content, "")
}

func (s *Server) sendDocument(chat Chat, from User, replyTo int, filename string, content []byte, caption string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs := s.userChatLocked(chat, from)
	f := s.storeFileLocked("document", filename, content)
	w := from.wire()
	m := &storedMessage{rawCaption: caption, wire: wireMessage{From: &w, Caption: caption, CaptionEntities: commandEntities(caption)}}
	attachFile(m, f)
	return s.postLocked(cs, m, replyTo)
}

// SendAnonymousAdmin queues a message an anonymous administrator wrote in
// a group: from is GroupAnonymousBot and sender_chat the group itself.
func (s *Server) SendAnonymousAdmin(chat Chat, text string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs := s.registerChatLocked(chat)
	m := textMessage(groupAnonymousBot, text)
	sender := cs.chat
	m.wire.SenderChat = &sender
	return s.postLocked(cs, m, 0)
}

// PressButton queues a callback_query from a user pressing a button of
// message messageID and returns the query id. The query carries the
// message as it currently looks and data as given: nothing checks that
// the message has such a button, so forged presses (made-up data, a
// message id from another chat) are possible, as they are with real
// clients. If the message does not exist in the chat, a minimal message
// with just that id is sent.
func (s *Server) PressButton(chat Chat, from User, messageID int, data string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs := s.userChatLocked(chat, from)
	var msg *wireMessage
	if m := s.findMessageLocked(cs.chat.ID, messageID); m != nil {
		msg = cloneMessage(&m.wire)
	} else {
		msg = &wireMessage{MessageID: messageID, From: s.botFrom(), Chat: cs.chat, Date: time.Now().Unix()}
	}
	id := fmt.Sprintf("%d", 4410000000000000000+s.nextSeqLocked())
	s.callbacks[id] = &CallbackAnswer{QueryID: id, ChatID: cs.chat.ID, MessageID: messageID, Data: data}
	s.cbOrder = append(s.cbOrder, id)
	s.enqueueLocked(wireUpdate{CallbackQuery: &wireCallbackQuery{
		ID: id, From: from.wire(), Message: msg, Data: data,
		ChatInstance: fmt.Sprintf("%d", -cs.chat.ID*7919+13),
	}})
	return id
}

// MigrateChat upgrades a group to the supergroup newID: it queues the
// service message migrate_to_chat_id in the old chat and
// migrate_from_chat_id in the new one (from GroupAnonymousBot with
// sender_chat, as Telegram sends it), copies member statuses, and makes
// later requests to the old id answer 400 with migrate_to_chat_id.
func (s *Server) MigrateChat(oldChat Chat, newID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.registerChatLocked(oldChat)
	old.migratedTo = newID
	nw := s.registerChatLocked(Chat{ID: newID, Type: "supergroup", Title: old.chat.Title})
	for id, st := range old.members {
		nw.members[id] = st
	}
	from := s.chatOwnerLocked(old)
	s.postLocked(old, &storedMessage{wire: wireMessage{From: &from, MigrateToChatID: newID}}, 0)
	sender := nw.chat
	anon := groupAnonymousBot
	s.postLocked(nw, &storedMessage{wire: wireMessage{From: &anon, SenderChat: &sender, MigrateFromChatID: old.chat.ID}}, 0)
}

// chatOwnerLocked returns the creator (or else the first administrator)
// of a chat, or a made-up user, to act as the author of service events.
func (s *Server) chatOwnerLocked(cs *chatState) wireUser {
	var admins []int64
	for id, st := range cs.members {
		if st == "creator" {
			return s.userLocked(id)
		}
		if st == "administrator" && id != s.bot.ID {
			admins = append(admins, id)
		}
	}
	if len(admins) > 0 {
		return s.userLocked(slices.Min(admins))
	}
	return wireUser{ID: 100000001, FirstName: "Chat", LastName: "Owner"}
}

// KickBot removes the bot from a group (or, for a private chat, makes
// the user block it): later requests to the chat answer 403. It queues
// the my_chat_member update Telegram sends in that case (new status
// "left" in basic groups, "kicked" otherwise).
func (s *Server) KickBot(chat Chat) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs := s.registerChatLocked(chat)
	cs.kicked = true
	status, from := "kicked", s.chatOwnerLocked(cs)
	switch cs.chat.Type {
	case "group":
		status = "left"
	case "private":
		from = s.userLocked(cs.chat.ID)
	}
	s.enqueueLocked(wireUpdate{MyChatMember: &wireChatMemberUpdated{
		Chat: cs.chat, From: from, Date: time.Now().Unix(),
		OldChatMember: wireChatMember{Status: "member", User: s.bot},
		NewChatMember: wireChatMember{Status: status, User: s.bot},
	}})
}

// memberStatuses are the statuses SetChatMember accepts.
var memberStatuses = []string{"creator", "administrator", "member", "restricted", "left", "kicked"}

// SetChatMember sets the status getChatMember and getChatAdministrators
// report for user in chat ("creator", "administrator", "member",
// "restricted", "left" or "kicked"; unknown users are "member"). It
// panics on other statuses, which are mistakes in the test.
func (s *Server) SetChatMember(chatID int64, user User, status string) {
	if !slices.Contains(memberStatuses, status) {
		panic(fmt.Sprintf("telegramtest: SetChatMember: unknown status %q", status))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if user.ID != s.bot.ID {
		s.users[user.ID] = user.wire()
	}
	s.chatLocked(chatID).members[user.ID] = status
	s.touchLocked()
}
