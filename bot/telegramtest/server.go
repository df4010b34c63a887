// Package telegramtest is an in-process fake of the Telegram Bot API for
// tests. It serves the methods the bot uses over real HTTP (so the real
// client library, its encoding and its error handling are exercised),
// rejects what Telegram rejects, records every call, lets a test play
// users and injects faults deterministically.
//
// It is a normal package only so that tests of several packages can share
// it; nothing but tests should import it.
package telegramtest

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"mime"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Server is a running fake Bot API. All methods are safe for concurrent
// use.
type Server struct {
	hs    *httptest.Server
	token string
	bot   wireUser
	// done is closed by Close so that long polls and delays end at once
	// instead of holding httptest.Server.Close hostage.
	done      chan struct{}
	closeOnce sync.Once

	mu sync.Mutex
	// changed is closed and replaced on every state change; waiters
	// (long polls, WaitFor) select on it instead of sleeping.
	changed   chan struct{}
	calls     []Call
	chats     map[int64]*chatState
	users     map[int64]wireUser
	files     map[string]*storedFile
	filePaths map[string]*storedFile
	seq       int64 // source of file ids, query ids and media group ids
	updates   updateQueue
	callbacks map[string]*CallbackAnswer
	cbOrder   []string
	commands  map[commandKey]CommandSet
	faults    faultState
	hook      webhookState
}

// config collects what the options set before the server starts.
type config struct {
	botID         int64
	botUsername   string
	firstUpdateID int
	faults        Faults
	webhookRetry  time.Duration
}

// Option configures New.
type Option func(*config)

// WithBotUsername sets the bot's username (default "trackbot_test_bot"),
// which matters for commands addressed as /cmd@name.
func WithBotUsername(name string) Option {
	return func(c *config) { c.botUsername = name }
}

// WithBotID sets the bot's user id, which is also the part of the token
// before the colon.
func WithBotID(id int64) Option {
	return func(c *config) { c.botID = id }
}

// WithFirstUpdateID sets the update_id of the first queued update; the
// default is a large number, like Telegram's.
func WithFirstUpdateID(id int) Option {
	return func(c *config) { c.firstUpdateID = id }
}

// WithFaults installs faults from the start, as SetFaults would.
func WithFaults(f Faults) Option {
	return func(c *config) { c.faults = f }
}

// New starts a fake Bot API server and stops it when the test ends.
func New(t testing.TB, opts ...Option) *Server {
	t.Helper()
	cfg := config{botID: 6123456789, botUsername: "trackbot_test_bot", firstUpdateID: 734100001, webhookRetry: defaultWebhookRetry}
	for _, o := range opts {
		o(&cfg)
	}
	s := &Server{
		token:     makeToken(cfg.botID),
		bot:       wireUser{ID: cfg.botID, IsBot: true, FirstName: "Trackbot Test", Username: cfg.botUsername},
		done:      make(chan struct{}),
		changed:   make(chan struct{}),
		chats:     map[int64]*chatState{},
		users:     map[int64]wireUser{},
		files:     map[string]*storedFile{},
		filePaths: map[string]*storedFile{},
		callbacks: map[string]*CallbackAnswer{},
		commands:  map[commandKey]CommandSet{},
		updates:   newUpdateQueue(cfg.firstUpdateID),
		hook:      webhookState{delivered: map[int]json.RawMessage{}, retry: cfg.webhookRetry},
	}
	s.faults.set(cfg.faults)
	s.hs = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	t.Cleanup(s.Close)
	return s
}

// makeToken builds a token shaped like a real one: the bot id, a colon
// and 35 characters starting with "AA". It is derived from the id so that
// runs are reproducible.
func makeToken(botID int64) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
	rng := rand.New(rand.NewPCG(uint64(botID), 0x7e1e))
	b := []byte("AAF")
	for len(b) < 35 {
		b = append(b, alphabet[rng.IntN(len(alphabet))])
	}
	return strconv.FormatInt(botID, 10) + ":" + string(b)
}

// URL returns the API base: the bot calls URL()+"/bot<token>/<method>"
// and downloads files from URL()+"/file/bot<token>/<file_path>". For
// tgbotapi use NewBotAPIWithAPIEndpoint(token, URL()+"/bot%s/%s").
func (s *Server) URL() string { return s.hs.URL }

// Token returns the only token the server accepts.
func (s *Server) Token() string { return s.token }

// BotUser returns the bot's own user, e.g. for SetChatMember.
func (s *Server) BotUser() User {
	return User{ID: s.bot.ID, FirstName: s.bot.FirstName, Username: s.bot.Username}
}

// Close ends pending long polls and stops the server. New registers it as
// test cleanup; calling it again is harmless.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.done)
		s.hs.CloseClientConnections()
		s.hs.Close()
	})
}

// touchLocked wakes everyone waiting for a state change. s.mu must be
// held.
func (s *Server) touchLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// nextSeqLocked returns a fresh number for ids. s.mu must be held.
func (s *Server) nextSeqLocked() int64 {
	s.seq++
	return s.seq
}

// apiError is a Bot API error answer.
type apiError struct {
	code       int
	desc       string
	retryAfter int
	migrateTo  int64
}

// badRequest builds the most common error; desc is without the
// "Bad Request: " prefix.
func badRequest(format string, args ...any) *apiError {
	return &apiError{code: http.StatusBadRequest, desc: "Bad Request: " + fmt.Sprintf(format, args...)}
}

// request is one parsed Bot API call as handlers see it.
type request struct {
	ctx     context.Context
	method  string
	params  map[string]string
	files   map[string]UploadedFile
	chatID  int64
	created []int
}

// handlerFunc implements one method. It returns the result to put in
// {"ok":true,"result":...} or an error answer.
type handlerFunc func(s *Server, r *request) (any, *apiError)

// methods maps lower-cased method names (Telegram ignores case) to their
// canonical spelling and implementation.
var methods = map[string]struct {
	name string
	fn   handlerFunc
}{}

// register adds a method to the table; it is called from init functions
// of the files implementing the methods.
func register(name string, fn handlerFunc) {
	methods[strings.ToLower(name)] = struct {
		name string
		fn   handlerFunc
	}{name, fn}
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case strings.HasPrefix(r.URL.Path, "/file/bot"):
		s.serveFile(w, strings.TrimPrefix(r.URL.Path, "/file/bot"))
	case strings.HasPrefix(r.URL.Path, "/bot"):
		s.serveMethod(w, r, strings.TrimPrefix(r.URL.Path, "/bot"))
	default:
		writeError(w, &apiError{code: http.StatusNotFound, desc: "Not Found"})
	}
}

// serveMethod runs one Bot API call: authentication, parsing, fault
// injection, the method itself, and recording.
func (s *Server) serveMethod(w http.ResponseWriter, r *http.Request, rest string) {
	token, method, _ := strings.Cut(rest, "/")
	params, files, perr := parseParams(r)
	idx := s.recordCall(method, params, files)
	if token != s.token {
		s.answer(w, idx, nil, &apiError{code: http.StatusUnauthorized, desc: "Unauthorized"}, "")
		return
	}
	m, ok := methods[strings.ToLower(method)]
	if !ok {
		s.answer(w, idx, nil, &apiError{code: http.StatusNotFound, desc: "Not Found"}, "")
		return
	}
	if perr != nil {
		s.answer(w, idx, nil, badRequest("%v", perr), "")
		return
	}
	req := &request{ctx: r.Context(), method: m.name, params: params, files: files, chatID: parseChatID(params["chat_id"])}
	plan := s.planFaults(req)
	if plan.delay > 0 && !s.sleep(r.Context(), plan.delay) {
		s.answer(w, idx, nil, &apiError{code: 499, desc: "client went away"}, "")
		return
	}
	if plan.before != nil {
		s.inject(w, idx, plan.before, nil)
		return
	}
	result, aerr := m.fn(s, req)
	if plan.after != nil && aerr == nil {
		s.inject(w, idx, plan.after, req.created)
		return
	}
	s.setCreated(idx, req.created)
	s.answer(w, idx, result, aerr, "")
}

// sleep waits d unless the request or the server ends first; it reports
// whether the full delay passed.
func (s *Server) sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	case <-s.done:
		return false
	}
}

// parseChatID reads a numeric chat_id; "@username" ids are not supported
// and read as 0.
func parseChatID(v string) int64 {
	id, _ := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	return id
}

// parseParams collects parameters from the query string and from a
// form-urlencoded, multipart or JSON body, as Telegram accepts all of
// them.
func parseParams(r *http.Request) (map[string]string, map[string]UploadedFile, error) {
	params := map[string]string{}
	files := map[string]UploadedFile{}
	for k, v := range r.URL.Query() {
		params[k] = v[0]
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "multipart/form-data":
		return parseMultipart(r, params, files)
	case "application/json":
		return params, files, parseJSONBody(r, params)
	default:
		if err := r.ParseForm(); err != nil {
			return params, files, err
		}
		for k, v := range r.PostForm {
			params[k] = v[0]
		}
		return params, files, nil
	}
}

// parseMultipart reads a multipart body; file parts are read into memory
// because tests want to inspect them.
func parseMultipart(r *http.Request, params map[string]string, files map[string]UploadedFile) (map[string]string, map[string]UploadedFile, error) {
	if err := r.ParseMultipartForm(32 << 20); err != nil {
		return params, files, err
	}
	defer r.MultipartForm.RemoveAll()
	for k, v := range r.MultipartForm.Value {
		params[k] = v[0]
	}
	for k, hs := range r.MultipartForm.File {
		f, err := hs[0].Open()
		if err != nil {
			return params, files, err
		}
		data, err := readAllClose(f)
		if err != nil {
			return params, files, err
		}
		files[k] = UploadedFile{Name: hs[0].Filename, Data: data}
	}
	return params, files, nil
}

// parseJSONBody reads a JSON object body; non-string values are kept as
// their JSON text, which is how form-encoded clients send them too.
func parseJSONBody(r *http.Request, params map[string]string) error {
	var obj map[string]json.RawMessage
	if err := json.NewDecoder(r.Body).Decode(&obj); err != nil {
		return fmt.Errorf("can't parse JSON body: %v", err)
	}
	for k, raw := range obj {
		var str string
		if json.Unmarshal(raw, &str) == nil {
			params[k] = str
		} else {
			params[k] = string(raw)
		}
	}
	return nil
}

// recordCall appends a Call for an arriving request and returns its
// index, so that Calls lists requests in arrival order even when a long
// poll finishes late.
func (s *Server) recordCall(method string, params map[string]string, files map[string]UploadedFile) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, Call{
		Method: method, ChatID: parseChatID(params["chat_id"]),
		Params: params, Files: files, Time: time.Now(),
	})
	s.touchLocked()
	return len(s.calls) - 1
}

// setCreated stores the messages a call created.
func (s *Server) setCreated(idx int, created []int) {
	if len(created) == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls[idx].MessageIDs = append([]int(nil), created...)
	s.calls[idx].MessageID = created[0]
}

// finishCall records the outcome of a call.
func (s *Server) finishCall(idx, status int, aerr *apiError, fault string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := &s.calls[idx]
	c.Status = status
	c.Fault = fault
	if aerr != nil {
		c.Description = aerr.desc
		c.RetryAfter = aerr.retryAfter
	}
	s.touchLocked()
}

// answer writes a JSON answer and records it.
func (s *Server) answer(w http.ResponseWriter, idx int, result any, aerr *apiError, fault string) {
	if aerr != nil {
		s.finishCall(idx, aerr.code, aerr, fault)
		writeError(w, aerr)
		return
	}
	s.finishCall(idx, http.StatusOK, nil, fault)
	writeJSON(w, http.StatusOK, map[string]any{"ok": true, "result": result})
}

// writeError writes Telegram's error envelope.
func writeError(w http.ResponseWriter, e *apiError) {
	body := map[string]any{"ok": false, "error_code": e.code, "description": e.desc}
	p := map[string]any{}
	if e.retryAfter > 0 {
		p["retry_after"] = e.retryAfter
	}
	if e.migrateTo != 0 {
		p["migrate_to_chat_id"] = e.migrateTo
	}
	if len(p) > 0 {
		body["parameters"] = p
	}
	writeJSON(w, e.code, body)
}

// writeJSON writes v as the JSON body with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(data)
}
