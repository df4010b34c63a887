package telegramtest

import "slices"

// Forum topics. A supergroup with topics is a forum: every message is in
// a topic, named by message_thread_id (is_topic_message set), except those
// in General, which carry neither. A bot sends to a topic with
// message_thread_id; a thread the chat does not have (a deleted topic, a
// chat without topics) is refused as Telegram refuses it.

// threadNotFound is Telegram's answer for a topic the chat does not have.
const threadNotFound = "message thread not found"

// AddForumTopic makes the chat a forum, if it is not one yet, with a topic
// whose message_thread_id is threadID. Real ids are those of the topic's
// first message; tests pick any positive id, like a topic made long ago.
func (s *Server) AddForumTopic(chat Chat, threadID int, name string) {
	if threadID <= 0 {
		panic("telegramtest: AddForumTopic: the thread id must be positive")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cs := s.registerChatLocked(chat)
	cs.chat.IsForum = true
	if cs.topics == nil {
		cs.topics = map[int]string{}
	}
	cs.topics[threadID] = name
	s.touchLocked()
}

// DeleteForumTopic removes a topic; sends to it fail from now on.
func (s *Server) DeleteForumTopic(chatID int64, threadID int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if cs := s.chats[chatID]; cs != nil {
		delete(cs.topics, threadID)
	}
	s.touchLocked()
}

// SendTextInTopic queues a text message a user writes in a forum topic
// (0 for General) and returns its message id. The chat must be a forum.
func (s *Server) SendTextInTopic(chat Chat, threadID int, from User, text string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs := s.userChatLocked(chat, from)
	if _, ok := cs.topics[threadID]; !cs.chat.IsForum || threadID != 0 && !ok {
		panic("telegramtest: SendTextInTopic: no such topic; add it with AddForumTopic")
	}
	m := textMessage(from.wire(), text)
	m.wire.MessageThreadID, m.wire.IsTopicMessage = threadID, threadID != 0
	return s.postLocked(cs, m, 0)
}

// TopicMessages returns what a topic shows from the bot (0: General),
// oldest first.
func (s *Server) TopicMessages(chatID int64, threadID int) []Message {
	return slices.DeleteFunc(s.Messages(chatID), func(m Message) bool { return m.ThreadID != threadID })
}

// checkThreadLocked refuses a thread the chat does not have.
func checkThreadLocked(cs *chatState, thread int) *apiError {
	if thread == 0 {
		return nil
	}
	if _, ok := cs.topics[thread]; !ok || !cs.chat.IsForum {
		return badRequest(threadNotFound)
	}
	return nil
}

// threadOf is the topic of a message (0 for General).
func threadOf(m *wireMessage) int {
	if !m.IsTopicMessage {
		return 0
	}
	return m.MessageThreadID
}
