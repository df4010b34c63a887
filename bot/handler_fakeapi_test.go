package bot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// fakeAPI answers the few Bot API calls a handler makes while handling an
// update (getChatMember for /setup, getFile and the file download for
// /import) in memory: no socket is opened. Any other call fails the test,
// since handlers must leave sending to the outbox.
type fakeAPI struct {
	t       *testing.T
	mu      sync.Mutex
	members map[[2]int64]string // chat, user → status
	files   map[string][]byte
	calls   []string
}

const (
	fakeToken   = "123:fake"
	fakeBaseURL = "http://telegram.invalid"
)

// installFakeAPI makes the bot's Telegram client talk to a new fakeAPI.
func installFakeAPI(t *testing.T, b *Bot) *fakeAPI {
	t.Helper()
	f := &fakeAPI{t: t, members: map[[2]int64]string{}, files: map[string][]byte{}}
	client := &http.Client{Transport: f}
	api, err := tgbotapi.NewBotAPIWithClient(fakeToken, fakeBaseURL+"/bot%s/%s", client)
	if err != nil {
		t.Fatal(err)
	}
	b.tg = &telegram{api: api, http: client, baseURL: fakeBaseURL, token: fakeToken, red: b.red}
	f.calls = nil // getMe is the client's own business
	return f
}

// setMember sets a user's status in a chat for getChatMember.
func (f *fakeAPI) setMember(chat, user int64, status string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.members[[2]int64{chat, user}] = status
}

// putFile makes a file downloadable by its id.
func (f *fakeAPI) putFile(id string, data []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.files[id] = data
}

// callsTo counts the calls of a method.
func (f *fakeAPI) callsTo(method string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.calls {
		if c == method {
			n++
		}
	}
	return n
}

// RoundTrip answers a request as the Bot API would.
func (f *fakeAPI) RoundTrip(req *http.Request) (*http.Response, error) {
	path := req.URL.Path
	if name, ok := strings.CutPrefix(path, "/file/bot"+fakeToken+"/documents/"); ok {
		f.mu.Lock()
		f.calls = append(f.calls, "download")
		data, found := f.files[name]
		f.mu.Unlock()
		if !found {
			return fakeRespond(http.StatusNotFound, []byte("not found")), nil
		}
		return fakeRespond(http.StatusOK, data), nil
	}
	method, ok := strings.CutPrefix(path, "/bot"+fakeToken+"/")
	if !ok {
		return nil, fmt.Errorf("fakeAPI: unexpected request %s", req.URL)
	}
	if err := req.ParseForm(); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, method)
	switch method {
	case "getMe":
		return fakeOK(botUser), nil
	case "getChatMember":
		chat, _ := strconv.ParseInt(req.PostForm.Get("chat_id"), 10, 64)
		user, _ := strconv.ParseInt(req.PostForm.Get("user_id"), 10, 64)
		status, found := f.members[[2]int64{chat, user}]
		if !found {
			status = "member"
		}
		return fakeOK(map[string]any{"status": status, "user": map[string]any{"id": user, "is_bot": false, "first_name": "x"}}), nil
	case "getFile":
		id := req.PostForm.Get("file_id")
		data, found := f.files[id]
		if !found {
			return fakeFail(http.StatusBadRequest, "Bad Request: invalid file_id"), nil
		}
		return fakeOK(map[string]any{"file_id": id, "file_unique_id": id, "file_size": len(data), "file_path": "documents/" + id}), nil
	}
	f.t.Errorf("a handler called the Bot API method %s directly; replies go through the outbox", method)
	return fakeFail(http.StatusBadRequest, "Bad Request: not faked"), nil
}

func fakeOK(result any) *http.Response {
	body, _ := json.Marshal(map[string]any{"ok": true, "result": result})
	return fakeRespond(http.StatusOK, body)
}

func fakeFail(code int, description string) *http.Response {
	body, _ := json.Marshal(map[string]any{"ok": false, "error_code": code, "description": description})
	return fakeRespond(code, body)
}

func fakeRespond(code int, body []byte) *http.Response {
	return &http.Response{StatusCode: code, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body))}
}
