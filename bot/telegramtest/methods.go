package telegramtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

func init() {
	register("getMe", handleGetMe)
	register("answerCallbackQuery", handleAnswerCallbackQuery)
	register("sendChatAction", handleSendChatAction)
	register("setMyCommands", handleSetMyCommands)
	register("getMyCommands", handleGetMyCommands)
	register("deleteMyCommands", handleDeleteMyCommands)
	register("getChatMember", handleGetChatMember)
	register("getChatAdministrators", handleGetChatAdministrators)
	register("getFile", handleGetFile)
}

func handleGetMe(s *Server, _ *request) (any, *apiError) {
	return wireBotUser{wireUser: s.bot, CanJoinGroups: true}, nil
}

// queryInvalid is Telegram's answer for unknown or already answered
// callback queries.
const queryInvalid = "query is too old and response timeout expired or query ID is invalid"

// handleAnswerCallbackQuery accepts one answer per query the server
// issued through PressButton.
func handleAnswerCallbackQuery(s *Server, r *request) (any, *apiError) {
	text := r.params["text"]
	if textLen(text) > maxAnswerTextLen {
		return nil, badRequest("MESSAGE_TOO_LONG")
	}
	alert, _ := strconv.ParseBool(r.params["show_alert"])
	s.mu.Lock()
	defer s.mu.Unlock()
	cb := s.callbacks[r.params["callback_query_id"]]
	if cb == nil || cb.Answered {
		return nil, badRequest(queryInvalid)
	}
	cb.Answered, cb.Text, cb.ShowAlert, cb.URL = true, text, alert, r.params["url"]
	s.touchLocked()
	return true, nil
}

// chatActions are the actions sendChatAction accepts.
var chatActions = []string{
	"typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
	"upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note",
}

func handleSendChatAction(s *Server, r *request) (any, *apiError) {
	if !slices.Contains(chatActions, r.params["action"]) {
		return nil, badRequest("wrong parameter action in request")
	}
	thread, aerr := intParam(r, "message_thread_id")
	if aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if aerr := s.checkChatLocked(r.chatID); aerr != nil {
		return nil, aerr
	}
	if aerr := checkThreadLocked(s.chatLocked(r.chatID), thread); aerr != nil {
		return nil, aerr
	}
	return true, nil
}

// commandKey identifies one stored command menu.
type commandKey struct {
	scope  string
	chatID int64
	userID int64
	lang   string
}

// scopeTypes are the valid BotCommandScope types.
var scopeTypes = []string{
	"default", "all_private_chats", "all_group_chats", "all_chat_administrators",
	"chat", "chat_administrators", "chat_member",
}

// parseCommandKey reads scope and language_code.
func parseCommandKey(r *request) (commandKey, *apiError) {
	k := commandKey{scope: "default", lang: r.params["language_code"]}
	if k.lang != "" && (len(k.lang) != 2 || strings.ToLower(k.lang) != k.lang) {
		return k, badRequest("invalid language code specified")
	}
	raw := strings.TrimSpace(r.params["scope"])
	if raw == "" {
		return k, nil
	}
	var sc wireScope
	if err := json.Unmarshal([]byte(raw), &sc); err != nil || !slices.Contains(scopeTypes, sc.Type) {
		return k, badRequest("can't parse BotCommandScope JSON object")
	}
	k.scope, k.userID = sc.Type, sc.UserID
	if strings.HasPrefix(sc.Type, "chat") {
		k.chatID = parseChatID(strings.Trim(string(sc.ChatID), `"`))
		if k.chatID == 0 {
			return k, badRequest("chat not found")
		}
	}
	if sc.Type == "chat_member" && k.userID == 0 {
		return k, badRequest("user not found")
	}
	return k, nil
}

func handleSetMyCommands(s *Server, r *request) (any, *apiError) {
	var cmds []wireBotCommand
	if err := json.Unmarshal([]byte(r.params["commands"]), &cmds); err != nil {
		return nil, badRequest("can't parse commands JSON object")
	}
	if aerr := validateCommands(cmds); aerr != nil {
		return nil, aerr
	}
	key, aerr := parseCommandKey(r)
	if aerr != nil {
		return nil, aerr
	}
	set := CommandSet{Scope: key.scope, ChatID: key.chatID, UserID: key.userID, LanguageCode: key.lang}
	for _, c := range cmds {
		set.Commands = append(set.Commands, BotCommand{Command: c.Command, Description: c.Description})
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(cmds) == 0 {
		delete(s.commands, key) // an empty list is how clients delete a menu
	} else {
		s.commands[key] = set
	}
	s.touchLocked()
	return true, nil
}

func handleGetMyCommands(s *Server, r *request) (any, *apiError) {
	key, aerr := parseCommandKey(r)
	if aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []wireBotCommand{}
	for _, c := range s.commands[key].Commands {
		out = append(out, wireBotCommand{Command: c.Command, Description: c.Description})
	}
	return out, nil
}

func handleDeleteMyCommands(s *Server, r *request) (any, *apiError) {
	key, aerr := parseCommandKey(r)
	if aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.commands, key)
	s.touchLocked()
	return true, nil
}

// userLocked returns the user object for id: the one a test used, or a
// made-up one.
func (s *Server) userLocked(id int64) wireUser {
	if id == s.bot.ID {
		return s.bot
	}
	if u, ok := s.users[id]; ok {
		return u
	}
	return wireUser{ID: id, FirstName: fmt.Sprintf("User%d", id)}
}

// memberLocked builds the ChatMember of user in chat.
func (s *Server) memberLocked(cs *chatState, userID int64) wireChatMember {
	status := cs.members[userID]
	if status == "" {
		status = "member"
	}
	m := wireChatMember{Status: status, User: s.userLocked(userID)}
	if status == "administrator" {
		t, f := true, false
		m.CanBeEdited, m.CanManageChat, m.CanDeleteMessages, m.CanRestrictMembers = &f, &t, &t, &t
		m.CanPromoteMembers, m.CanChangeInfo, m.CanInviteUsers, m.CanPinMessages, m.CanManageVoiceChats = &f, &t, &t, &t, &t
	}
	return m
}

func handleGetChatMember(s *Server, r *request) (any, *apiError) {
	userID, err := strconv.ParseInt(r.params["user_id"], 10, 64)
	if err != nil || userID == 0 {
		return nil, badRequest("user not found")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if aerr := s.checkChatLocked(r.chatID); aerr != nil {
		return nil, aerr
	}
	return s.memberLocked(s.chatLocked(r.chatID), userID), nil
}

// handleGetChatAdministrators lists creators and administrators in a
// stable order (by user id).
func handleGetChatAdministrators(s *Server, r *request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if aerr := s.checkChatLocked(r.chatID); aerr != nil {
		return nil, aerr
	}
	cs := s.chatLocked(r.chatID)
	if cs.chat.Type == "private" {
		return nil, badRequest("there are no administrators in the private chat")
	}
	ids := make([]int64, 0, len(cs.members))
	for id, st := range cs.members {
		if st == "creator" || st == "administrator" {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	out := make([]wireChatMember, 0, len(ids))
	for _, id := range ids {
		out = append(out, s.memberLocked(cs, id))
	}
	return out, nil
}

func handleGetFile(s *Server, r *request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.files[r.params["file_id"]]
	if f == nil {
		return nil, badRequest("invalid file_id")
	}
	if len(f.data) > maxDownloadBytes {
		return nil, badRequest("file is too big")
	}
	return wireFile{FileID: f.id, FileUniqueID: f.uniqueID, FileSize: len(f.data), FilePath: f.path}, nil
}

// serveFile is the download route /file/bot<token>/<file_path>. It is
// recorded as a call to "downloadFile" with the path in Params.
func (s *Server) serveFile(w http.ResponseWriter, rest string) {
	token, filePath, _ := strings.Cut(rest, "/")
	idx := s.recordCall("downloadFile", map[string]string{"file_path": filePath}, nil)
	if token != s.token {
		s.answer(w, idx, nil, &apiError{code: http.StatusUnauthorized, desc: "Unauthorized"}, "")
		return
	}
	s.mu.Lock()
	f := s.filePaths[filePath]
	s.mu.Unlock()
	if f == nil {
		s.answer(w, idx, nil, &apiError{code: http.StatusNotFound, desc: "Not Found"}, "")
		return
	}
	s.finishCall(idx, http.StatusOK, nil, "")
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", strconv.Itoa(len(f.data)))
	_, _ = w.Write(f.data)
}
