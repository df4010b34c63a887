package telegramtest

import (
	"fmt"
	"io"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

// chatState is everything the fake knows about one chat; it is guarded
// by Server.mu.
type chatState struct {
	chat       wireChat
	nextMsgID  int
	messages   map[int]*storedMessage
	order      []int
	members    map[int64]string // user id -> status
	topics     map[int]string   // forum topics: thread id -> name
	kicked     bool
	migratedTo int64
}

// storedMessage is a message of a chat (from the bot or from a user).
type storedMessage struct {
	wire       wireMessage
	fromBot    bool
	rawText    string
	rawCaption string
	parseMode  string
	photos     []Photo
	document   *Document
	edits      int
	deleted    bool
}

// storedFile is a file reachable through getFile and the download route.
type storedFile struct {
	kind     string // "photo" or "document"
	id       string
	uniqueID string
	path     string
	name     string
	mimeType string
	data     []byte
	width    int // photos only
	height   int
}

// inferChatType guesses a chat's type from its id the way Telegram
// numbers chats.
func inferChatType(id int64) string {
	switch {
	case id > 0:
		return "private"
	case id < -1000000000000:
		return "supergroup"
	default:
		return "group"
	}
}

// chatLocked returns the state of chat id, creating it on first use.
func (s *Server) chatLocked(id int64) *chatState {
	cs := s.chats[id]
	if cs == nil {
		cs = &chatState{
			chat:      wireChat{ID: id, Type: inferChatType(id)},
			nextMsgID: 1,
			messages:  map[int]*storedMessage{},
			members:   map[int64]string{},
		}
		if cs.chat.Type != "private" {
			cs.chat.Title = fmt.Sprintf("Group %d", -id)
		}
		s.chats[id] = cs
	}
	return cs
}

// registerChatLocked records what a test said about a chat and returns
// its state.
func (s *Server) registerChatLocked(c Chat) *chatState {
	cs := s.chatLocked(c.ID)
	if c.Type != "" {
		cs.chat.Type = c.Type
	}
	if c.Title != "" {
		cs.chat.Title = c.Title
	}
	return cs
}

// chatTypeLocked returns the type of a known chat or infers it.
func (s *Server) chatTypeLocked(id int64) string {
	if cs := s.chats[id]; cs != nil {
		return cs.chat.Type
	}
	return inferChatType(id)
}

// checkChatLocked answers what Telegram answers for chats the bot can no
// longer write to.
func (s *Server) checkChatLocked(id int64) *apiError {
	if id == 0 {
		return badRequest("chat not found")
	}
	cs := s.chats[id]
	if cs == nil {
		return nil
	}
	if cs.migratedTo != 0 {
		return &apiError{code: http.StatusBadRequest, desc: "Bad Request: group chat was upgraded to a supergroup chat", migrateTo: cs.migratedTo}
	}
	if cs.kicked {
		switch cs.chat.Type {
		case "private":
			return &apiError{code: http.StatusForbidden, desc: "Forbidden: bot was blocked by the user"}
		case "supergroup":
			return &apiError{code: http.StatusForbidden, desc: "Forbidden: bot was kicked from the supergroup chat"}
		default:
			return &apiError{code: http.StatusForbidden, desc: "Forbidden: bot was kicked from the group chat"}
		}
	}
	return nil
}

// addMessageLocked assigns the next message id of the chat to m, stores
// it and returns it.
func (s *Server) addMessageLocked(cs *chatState, m *storedMessage) *storedMessage {
	m.wire.MessageID = cs.nextMsgID
	cs.nextMsgID++
	m.wire.Chat = cs.chat
	if m.wire.Date == 0 {
		m.wire.Date = time.Now().Unix()
	}
	cs.messages[m.wire.MessageID] = m
	cs.order = append(cs.order, m.wire.MessageID)
	s.touchLocked()
	return m
}

// findMessageLocked returns a message that is still shown in the chat.
func (s *Server) findMessageLocked(chatID int64, id int) *storedMessage {
	cs := s.chats[chatID]
	if cs == nil {
		return nil
	}
	m := cs.messages[id]
	if m == nil || m.deleted {
		return nil
	}
	return m
}

// replyCopyLocked returns the message embedded as reply_to_message:
// Telegram does not nest replies further.
func (s *Server) replyCopyLocked(chatID int64, id int) *wireMessage {
	m := s.findMessageLocked(chatID, id)
	if m == nil {
		return nil
	}
	c := cloneMessage(&m.wire)
	c.ReplyToMessage = nil
	return c
}

// botFrom returns a fresh copy of the bot's user for message.from.
func (s *Server) botFrom() *wireUser {
	u := s.bot
	return &u
}

// storeFileLocked registers file data under a new file id. kind selects
// the id prefix and the directory of file_path, like Telegram's
// "photos/file_3.jpg".
func (s *Server) storeFileLocked(kind, name string, data []byte) *storedFile {
	n := s.nextSeqLocked()
	prefix, dir, ext := "BQACAgIAAxkBAAI", "documents", path.Ext(name)
	if kind == "photo" {
		prefix, dir, ext = "AgACAgIAAxkBAAI", "photos", ".jpg"
	}
	f := &storedFile{
		kind:     kind,
		id:       fmt.Sprintf("%s%06dfake", prefix, n),
		uniqueID: fmt.Sprintf("AQADfake%06d", n),
		path:     fmt.Sprintf("%s/file_%d%s", dir, n, ext),
		name:     name,
		mimeType: mimeTypeFor(name),
		data:     append([]byte(nil), data...),
	}
	s.files[f.id] = f
	s.filePaths[f.path] = f
	return f
}

// mimeTypeFor guesses a MIME type from a file name as Telegram does from
// the upload.
func mimeTypeFor(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".csv":
		return "text/csv"
	case ".xlsx":
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		t, _, _ = strings.Cut(t, ";")
		return t
	}
	return "application/octet-stream"
}

// readAllClose reads and closes r.
func readAllClose(r io.ReadCloser) ([]byte, error) {
	defer r.Close()
	return io.ReadAll(r)
}

// viewLocked converts a stored message into the user-level view.
func (s *Server) viewLocked(m *storedMessage) Message {
	w := &m.wire
	v := Message{
		MessageID: w.MessageID, ChatID: w.Chat.ID, FromBot: m.fromBot,
		Date: time.Unix(w.Date, 0), Text: w.Text, RawText: m.rawText,
		Caption: w.Caption, RawCaption: m.rawCaption, ParseMode: m.parseMode,
		MediaGroupID: w.MediaGroupID, EditCount: m.edits,
		MigrateToChatID: w.MigrateToChatID, MigrateFromChatID: w.MigrateFromChatID,
	}
	if w.From != nil {
		v.From = User{ID: w.From.ID, FirstName: w.From.FirstName, LastName: w.From.LastName, Username: w.From.Username, LanguageCode: w.From.LanguageCode}
	}
	if w.ReplyToMessage != nil {
		v.ReplyToMessageID = w.ReplyToMessage.MessageID
	}
	if w.IsTopicMessage {
		v.ThreadID = w.MessageThreadID
	}
	for _, e := range append(w.Entities, w.CaptionEntities...) {
		v.Entities = append(v.Entities, Entity{Type: e.Type, Offset: e.Offset, Length: e.Length, URL: e.URL})
	}
	v.Photos = append([]Photo(nil), m.photos...)
	if m.document != nil {
		d := *m.document
		v.Document = &d
	}
	if w.ReplyMarkup != nil {
		v.ReplyMarkup = viewKeyboard(w.ReplyMarkup)
	}
	return v
}

// viewKeyboard converts an inline keyboard into rows of Buttons.
func viewKeyboard(k *wireKeyboard) [][]Button {
	rows := make([][]Button, 0, len(k.InlineKeyboard))
	for _, row := range k.InlineKeyboard {
		out := make([]Button, 0, len(row))
		for _, b := range row {
			vb := Button{Text: b.Text}
			if b.CallbackData != nil {
				vb.CallbackData = *b.CallbackData
			}
			if b.URL != nil {
				vb.URL = *b.URL
			}
			out = append(out, vb)
		}
		rows = append(rows, out)
	}
	return rows
}
