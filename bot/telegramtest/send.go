package telegramtest

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

func init() {
	register("sendMessage", handleSendMessage)
	register("sendPhoto", handleSendPhoto)
	register("sendDocument", handleSendDocument)
	register("sendMediaGroup", handleSendMediaGroup)
	register("editMessageText", handleEditMessageText)
	register("editMessageCaption", handleEditMessageCaption)
	register("editMessageReplyMarkup", handleEditMessageReplyMarkup)
	register("deleteMessage", handleDeleteMessage)
}

// notModified is Telegram's answer to an edit that changes nothing.
const notModified = "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"

// sendOptions are the parameters the send methods share.
type sendOptions struct {
	thread       int // message_thread_id: a forum topic
	replyTo      int
	allowNoReply bool
	markup       *wireKeyboard
}

// parseSendOptions reads message_thread_id, reply_to_message_id,
// allow_sending_without_reply and reply_markup.
func parseSendOptions(r *request) (sendOptions, *apiError) {
	var o sendOptions
	var aerr *apiError
	if o.thread, aerr = intParam(r, "message_thread_id"); aerr != nil {
		return o, aerr
	}
	if o.replyTo, aerr = intParam(r, "reply_to_message_id"); aerr != nil {
		return o, aerr
	}
	o.allowNoReply, _ = strconv.ParseBool(r.params["allow_sending_without_reply"])
	o.markup, aerr = parseReplyMarkup(r.params["reply_markup"], true)
	return o, aerr
}

// prepareSendLocked checks the target chat and topic and resolves the
// replied message, which must be in the same topic.
func (s *Server) prepareSendLocked(chatID int64, o sendOptions) (*chatState, *wireMessage, *apiError) {
	if aerr := s.checkChatLocked(chatID); aerr != nil {
		return nil, nil, aerr
	}
	cs := s.chatLocked(chatID)
	if aerr := checkThreadLocked(cs, o.thread); aerr != nil {
		return nil, nil, aerr
	}
	var reply *wireMessage
	if o.replyTo != 0 {
		reply = s.replyCopyLocked(chatID, o.replyTo)
		if reply != nil && threadOf(reply) != o.thread {
			reply = nil
		}
		if reply == nil && !o.allowNoReply {
			return nil, nil, badRequest("message to be replied not found")
		}
	}
	return cs, reply, nil
}

// newBotMessage starts a message from the bot.
func (s *Server) newBotMessage(o sendOptions, reply *wireMessage) *storedMessage {
	return &storedMessage{fromBot: true, wire: wireMessage{From: s.botFrom(), ReplyToMessage: reply, ReplyMarkup: o.markup,
		MessageThreadID: o.thread, IsTopicMessage: o.thread != 0}}
}

// commitLocked stores a new bot message and notes it on the request.
func (s *Server) commitLocked(r *request, cs *chatState, m *storedMessage) *wireMessage {
	s.addMessageLocked(cs, m)
	r.created = append(r.created, m.wire.MessageID)
	return cloneMessage(&m.wire)
}

func handleSendMessage(s *Server, r *request) (any, *apiError) {
	text, aerr := renderText(r.params["text"], r.params["parse_mode"], false)
	if aerr != nil {
		return nil, aerr
	}
	o, aerr := parseSendOptions(r)
	if aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, reply, aerr := s.prepareSendLocked(r.chatID, o)
	if aerr != nil {
		return nil, aerr
	}
	m := s.newBotMessage(o, reply)
	m.rawText, m.parseMode = r.params["text"], r.params["parse_mode"]
	m.wire.Text, m.wire.Entities = text.plain, text.entities
	return s.commitLocked(r, cs, m), nil
}

// mediaInput is a photo or document given to a send method: an upload
// (already validated) or a file_id to look up.
type mediaInput struct {
	kind          string
	upload        *UploadedFile
	fileID        string
	width, height int
}

// readMedia finds the file of field (a multipart part, an attach://
// reference or a file_id) and validates uploads. Photos given by HTTP URL
// are refused: the fake has no network to fetch them from.
func readMedia(r *request, kind, field, value string) (mediaInput, *apiError) {
	in := mediaInput{kind: kind}
	if f, ok := r.files[field]; ok && value == "" {
		in.upload = &f
	} else if name, ok := strings.CutPrefix(value, "attach://"); ok {
		f, ok := r.files[name]
		if !ok {
			return in, badRequest("wrong file identifier/HTTP URL specified")
		}
		in.upload = &f
	}
	switch {
	case in.upload != nil:
		return validateUpload(in)
	case value == "":
		return in, badRequest("there is no %s in the request", kind)
	case strings.HasPrefix(value, "http://") || strings.HasPrefix(value, "https://"):
		return in, badRequest("failed to get HTTP URL content")
	}
	in.fileID = value
	return in, nil
}

// validateUpload checks uploaded bytes.
func validateUpload(in mediaInput) (mediaInput, *apiError) {
	if len(in.upload.Data) == 0 {
		return in, badRequest("file must be non-empty")
	}
	if in.kind == "photo" {
		var aerr *apiError
		in.width, in.height, aerr = validatePhoto(in.upload.Data)
		return in, aerr
	}
	return in, nil
}

// materializeLocked stores an upload or looks up a file_id.
func (s *Server) materializeLocked(in mediaInput) (*storedFile, *apiError) {
	if in.upload != nil {
		name := in.upload.Name
		if name == "" {
			name = "file"
		}
		f := s.storeFileLocked(in.kind, name, in.upload.Data)
		f.width, f.height = in.width, in.height
		return f, nil
	}
	f := s.files[in.fileID]
	if f == nil {
		return nil, badRequest("wrong file identifier/HTTP URL specified")
	}
	if f.kind != in.kind {
		return nil, badRequest("type of file mismatch")
	}
	return f, nil
}

// attachFile puts a stored file on a message as its photo or document.
func attachFile(m *storedMessage, f *storedFile) {
	if f.kind == "photo" {
		m.wire.Photo = []wirePhotoSize{{FileID: f.id, FileUniqueID: f.uniqueID, Width: f.width, Height: f.height, FileSize: len(f.data)}}
		m.photos = []Photo{{FileID: f.id, Width: f.width, Height: f.height, Data: f.data}}
		return
	}
	m.wire.Document = &wireDocument{FileID: f.id, FileUniqueID: f.uniqueID, FileName: f.name, MimeType: f.mimeType, FileSize: len(f.data)}
	m.document = &Document{FileID: f.id, FileName: f.name, MimeType: f.mimeType, Data: f.data}
}

// setCaption puts a rendered caption on a message.
func setCaption(m *storedMessage, raw, parseMode string, c rendered) {
	m.rawCaption, m.parseMode = raw, parseMode
	m.wire.Caption, m.wire.CaptionEntities = c.plain, c.entities
}

func handleSendPhoto(s *Server, r *request) (any, *apiError) {
	return sendFile(s, r, "photo")
}

func handleSendDocument(s *Server, r *request) (any, *apiError) {
	return sendFile(s, r, "document")
}

// sendFile implements sendPhoto and sendDocument, whose parameter is
// named after the kind.
func sendFile(s *Server, r *request, kind string) (any, *apiError) {
	in, aerr := readMedia(r, kind, kind, r.params[kind])
	if aerr != nil {
		return nil, aerr
	}
	caption, aerr := renderText(r.params["caption"], r.params["parse_mode"], true)
	if aerr != nil {
		return nil, aerr
	}
	o, aerr := parseSendOptions(r)
	if aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, reply, aerr := s.prepareSendLocked(r.chatID, o)
	if aerr != nil {
		return nil, aerr
	}
	f, aerr := s.materializeLocked(in)
	if aerr != nil {
		return nil, aerr
	}
	m := s.newBotMessage(o, reply)
	attachFile(m, f)
	setCaption(m, r.params["caption"], r.params["parse_mode"], caption)
	return s.commitLocked(r, cs, m), nil
}

// groupItem is one element of sendMediaGroup's media array.
type groupItem struct {
	Type      string `json:"type"`
	Media     string `json:"media"`
	Caption   string `json:"caption"`
	ParseMode string `json:"parse_mode"`
}

// parsedItem is a validated media group element.
type parsedItem struct {
	item    groupItem
	input   mediaInput
	caption rendered
}

// parseMediaGroup validates the media parameter of sendMediaGroup.
func parseMediaGroup(r *request) ([]parsedItem, *apiError) {
	var items []groupItem
	if err := json.Unmarshal([]byte(r.params["media"]), &items); err != nil {
		return nil, badRequest("can't parse media JSON object")
	}
	if len(items) < minMediaGroupItems || len(items) > maxMediaGroupItems {
		return nil, badRequest("media group must contain %d-%d items, got %d", minMediaGroupItems, maxMediaGroupItems, len(items))
	}
	out := make([]parsedItem, 0, len(items))
	docs := 0
	for _, it := range items {
		if it.Type != "photo" && it.Type != "document" {
			return nil, badRequest("unsupported media type %q (telegramtest supports photo and document)", it.Type)
		}
		if it.Type == "document" {
			docs++
		}
		in, aerr := readMedia(r, it.Type, "", it.Media)
		if aerr != nil {
			return nil, aerr
		}
		caption, aerr := renderText(it.Caption, it.ParseMode, true)
		if aerr != nil {
			return nil, aerr
		}
		out = append(out, parsedItem{item: it, input: in, caption: caption})
	}
	if docs != 0 && docs != len(items) {
		return nil, badRequest("document can't be mixed with other media types")
	}
	return out, nil
}

func handleSendMediaGroup(s *Server, r *request) (any, *apiError) {
	items, aerr := parseMediaGroup(r)
	if aerr != nil {
		return nil, aerr
	}
	o, aerr := parseSendOptions(r)
	if aerr != nil {
		return nil, aerr
	}
	o.markup = nil // Telegram does not put keyboards on album messages
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, reply, aerr := s.prepareSendLocked(r.chatID, o)
	if aerr != nil {
		return nil, aerr
	}
	files := make([]*storedFile, len(items))
	for i, it := range items {
		if files[i], aerr = s.materializeLocked(it.input); aerr != nil {
			return nil, aerr
		}
	}
	groupID := fmt.Sprintf("13%015d", s.nextSeqLocked())
	out := make([]*wireMessage, 0, len(items))
	for i, it := range items {
		m := s.newBotMessage(o, reply)
		m.wire.MediaGroupID = groupID
		attachFile(m, files[i])
		setCaption(m, it.item.Caption, it.item.ParseMode, it.caption)
		out = append(out, s.commitLocked(r, cs, m))
	}
	return out, nil
}

// editTargetLocked finds the message an edit method addresses.
func (s *Server) editTargetLocked(r *request) (*storedMessage, *apiError) {
	if r.params["inline_message_id"] != "" {
		return nil, badRequest("inline messages are not supported by telegramtest")
	}
	if aerr := s.checkChatLocked(r.chatID); aerr != nil {
		return nil, aerr
	}
	id, aerr := intParam(r, "message_id")
	if aerr != nil {
		return nil, aerr
	}
	if id == 0 {
		return nil, badRequest("message identifier is not specified")
	}
	m := s.findMessageLocked(r.chatID, id)
	if m == nil {
		return nil, badRequest("message to edit not found")
	}
	if !m.fromBot {
		return nil, badRequest("message can't be edited")
	}
	return m, nil
}

// sameKeyboard compares keyboards as Telegram does: by content, with an
// empty keyboard equal to none.
func sameKeyboard(a, b *wireKeyboard) bool {
	return keyboardJSON(a) == keyboardJSON(b)
}

func keyboardJSON(k *wireKeyboard) string {
	if k == nil || len(k.InlineKeyboard) == 0 {
		return ""
	}
	data, _ := json.Marshal(k)
	return string(data)
}

// markEdited notes a successful edit.
func (s *Server) markEditedLocked(m *storedMessage) *wireMessage {
	m.edits++
	m.wire.EditDate = time.Now().Unix()
	s.touchLocked()
	return cloneMessage(&m.wire)
}

// handleEditMessageText edits a text message. As in Telegram, omitting
// reply_markup removes the keyboard.
func handleEditMessageText(s *Server, r *request) (any, *apiError) {
	text, aerr := renderText(r.params["text"], r.params["parse_mode"], false)
	if aerr != nil {
		return nil, aerr
	}
	markup, aerr := parseReplyMarkup(r.params["reply_markup"], false)
	if aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m, aerr := s.editTargetLocked(r)
	if aerr != nil {
		return nil, aerr
	}
	if m.wire.Text == "" {
		return nil, badRequest("there is no text in the message to edit")
	}
	if m.wire.Text == text.plain && slices.Equal(m.wire.Entities, text.entities) && sameKeyboard(m.wire.ReplyMarkup, markup) {
		return nil, badRequest(notModified)
	}
	m.rawText, m.parseMode = r.params["text"], r.params["parse_mode"]
	m.wire.Text, m.wire.Entities, m.wire.ReplyMarkup = text.plain, text.entities, markup
	return s.markEditedLocked(m), nil
}

// handleEditMessageCaption edits the caption of a media message; omitting
// reply_markup removes the keyboard.
func handleEditMessageCaption(s *Server, r *request) (any, *apiError) {
	caption, aerr := renderText(r.params["caption"], r.params["parse_mode"], true)
	if aerr != nil {
		return nil, aerr
	}
	markup, aerr := parseReplyMarkup(r.params["reply_markup"], false)
	if aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m, aerr := s.editTargetLocked(r)
	if aerr != nil {
		return nil, aerr
	}
	if m.wire.Photo == nil && m.wire.Document == nil {
		return nil, badRequest("there is no caption in the message to edit")
	}
	if m.wire.Caption == caption.plain && slices.Equal(m.wire.CaptionEntities, caption.entities) && sameKeyboard(m.wire.ReplyMarkup, markup) {
		return nil, badRequest(notModified)
	}
	setCaption(m, r.params["caption"], r.params["parse_mode"], caption)
	m.wire.ReplyMarkup = markup
	return s.markEditedLocked(m), nil
}

// handleEditMessageReplyMarkup replaces or (without reply_markup)
// removes the keyboard.
func handleEditMessageReplyMarkup(s *Server, r *request) (any, *apiError) {
	markup, aerr := parseReplyMarkup(r.params["reply_markup"], false)
	if aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m, aerr := s.editTargetLocked(r)
	if aerr != nil {
		return nil, aerr
	}
	if sameKeyboard(m.wire.ReplyMarkup, markup) {
		return nil, badRequest(notModified)
	}
	m.wire.ReplyMarkup = markup
	return s.markEditedLocked(m), nil
}

// handleDeleteMessage removes a message from the chat's view, as far as
// the bot may delete it.
func handleDeleteMessage(s *Server, r *request) (any, *apiError) {
	id, aerr := intParam(r, "message_id")
	if aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if aerr := s.checkChatLocked(r.chatID); aerr != nil {
		return nil, aerr
	}
	m := s.findMessageLocked(r.chatID, id)
	if m == nil {
		return nil, badRequest("message to delete not found")
	}
	// In a group the bot deletes others' messages only as an
	// administrator (with can_delete_messages); in a private chat it may.
	if cs := s.chatLocked(r.chatID); !m.fromBot && cs.chat.Type != "private" {
		if st := cs.members[s.bot.ID]; st != "administrator" && st != "creator" {
			return nil, badRequest("message can't be deleted")
		}
	}
	m.deleted = true
	s.touchLocked()
	return true, nil
}
