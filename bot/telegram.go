package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// pollTimeout is how long one getUpdates call waits for updates on
// Telegram's side; the HTTP timeout is longer so a quiet poll never counts
// as a network failure.
const pollTimeout = 25 * time.Second

// telegram is the thin layer over the Bot API: the library for sending, and
// our own getUpdates so the offset and errors stay under our control.
type telegram struct {
	api     *tgbotapi.BotAPI
	http    *http.Client
	baseURL string // e.g. https://api.telegram.org
	token   string
	red     *redactor
}

// The Bot API's update types the handlers read, named here so that the
// library is named in as few places as possible.
type (
	tgUpdate  = tgbotapi.Update
	tgMessage = tgbotapi.Message
	tgUser    = tgbotapi.User
)

// contextTransport ties every request to a stop context as well as to its
// own: the library builds requests without a context, and a shutdown would
// otherwise wait for in-flight calls to time out. A request with a context
// of its own (the long poll) ends with whichever ends first.
type contextTransport struct {
	stop context.Context
	next http.RoundTripper
}

func (t contextTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithCancel(req.Context())
	unhook := context.AfterFunc(t.stop, cancel)
	resp, err := t.next.RoundTrip(req.WithContext(ctx))
	if err != nil {
		unhook()
		cancel()
		return nil, err
	}
	// The body is read after RoundTrip returns: the context lives until it
	// is closed.
	resp.Body = &cancelOnClose{ReadCloser: resp.Body, release: func() { unhook(); cancel() }}
	return resp, nil
}

// cancelOnClose releases a request's context when its body is closed.
type cancelOnClose struct {
	io.ReadCloser
	release func()
}

func (b *cancelOnClose) Close() error {
	err := b.ReadCloser.Close()
	b.release()
	return err
}

// newTelegram connects to the Bot API at baseURL. stop cancels in-flight
// requests when the process shuts down. It calls getMe once and retries
// network failures until ctx ends, because a bot that starts while Telegram
// is briefly unreachable should wait rather than exit.
func newTelegram(ctx, stop context.Context, baseURL, token string, red *redactor) (*telegram, error) {
	baseURL = strings.TrimRight(baseURL, "/")
	client := &http.Client{
		Timeout:   pollTimeout + 15*time.Second,
		Transport: contextTransport{stop: stop, next: http.DefaultTransport},
	}
	t := &telegram{http: client, baseURL: baseURL, token: token, red: red}
	backoff := newBackoff(time.Second, 30*time.Second)
	for {
		api, err := tgbotapi.NewBotAPIWithClient(token, baseURL+"/bot%s/%s", client)
		if err == nil {
			t.api = api
			return t, nil
		}
		var apiErr *tgbotapi.Error
		if errors.As(err, &apiErr) && apiErr.Code == http.StatusUnauthorized {
			return nil, errors.New("telegram rejected the bot token (401 Unauthorized): check telegram.token")
		}
		if errors.As(err, &apiErr) && apiErr.Code != 0 && apiErr.Code < 500 && apiErr.Code != 429 {
			return nil, fmt.Errorf("telegram getMe: %s", red.Err(err))
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("telegram getMe: %s", red.Err(err))
		case <-time.After(backoff.next()):
		}
	}
}

// errConflict means another process polls with the same token.
var errConflict = errors.New("telegram answered 409 Conflict: another trackbot instance is polling with this token; stop it first")

// apiError is an error answer of the Bot API.
type apiError struct {
	Code        int
	Description string
	RetryAfter  int
	MigrateTo   int64
}

func (e *apiError) Error() string { return fmt.Sprintf("telegram %d: %s", e.Code, e.Description) }

// getUpdates long-polls for updates from offset. It returns errConflict on
// 409, an *apiError for other API errors and a plain error for network
// failures.
func (t *telegram) getUpdates(ctx context.Context, offset int) ([]tgUpdate, error) {
	form := url.Values{}
	form.Set("offset", strconv.Itoa(offset))
	form.Set("limit", "100")
	form.Set("timeout", strconv.Itoa(int(pollTimeout/time.Second)))
	form.Set("allowed_updates", allowedUpdates)
	endpoint := t.baseURL + "/bot" + t.token + "/getUpdates"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, errors.New(t.red.Err(err))
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := t.http.Do(req)
	if err != nil {
		return nil, errors.New(t.red.Err(err))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, errors.New(t.red.Err(err))
	}
	var answer struct {
		OK          bool       `json:"ok"`
		Result      []tgUpdate `json:"result"`
		ErrorCode   int        `json:"error_code"`
		Description string     `json:"description"`
		Parameters  *struct {
			RetryAfter int `json:"retry_after"`
		} `json:"parameters"`
	}
	if err := json.Unmarshal(body, &answer); err != nil {
		return nil, fmt.Errorf("getUpdates: HTTP %d with an unreadable body", resp.StatusCode)
	}
	if answer.OK {
		return answer.Result, nil
	}
	if answer.ErrorCode == http.StatusConflict {
		return nil, errConflict
	}
	e := &apiError{Code: answer.ErrorCode, Description: t.red.String(answer.Description)}
	if answer.Parameters != nil {
		e.RetryAfter = answer.Parameters.RetryAfter
	}
	return nil, e
}

// classify turns a library error into an *apiError when Telegram answered,
// or nil for a network failure. Uploads build their error without Code, so
// retry_after and migrate_to_chat_id are looked at directly.
func classify(err error) *apiError {
	var tgErr *tgbotapi.Error
	if !errors.As(err, &tgErr) {
		return nil
	}
	e := &apiError{Code: tgErr.Code, Description: tgErr.Message,
		RetryAfter: tgErr.RetryAfter, MigrateTo: tgErr.MigrateToChatID}
	if e.RetryAfter > 0 {
		e.Code = http.StatusTooManyRequests
	}
	if e.Code == 0 {
		e.Code = codeFromDescription(e.Description)
	}
	return e
}

// codeFromDescription recovers the HTTP code of an upload error from
// Telegram's description ("Bad Request: ...", "Forbidden: ...").
func codeFromDescription(d string) int {
	switch {
	case strings.HasPrefix(d, "Bad Request"):
		return http.StatusBadRequest
	case strings.HasPrefix(d, "Forbidden"):
		return http.StatusForbidden
	case strings.HasPrefix(d, "Too Many Requests"):
		return http.StatusTooManyRequests
	case strings.HasPrefix(d, "Conflict"):
		return http.StatusConflict
	}
	return 0
}

// download fetches a file the user sent, from the configured API base
// (the library's File.Link ignores a custom endpoint), reading at most
// limit bytes. tooBig is true when the file is larger.
func (t *telegram) download(ctx context.Context, fileID string, limit int64) (data []byte, tooBig bool, err error) {
	f, err := t.api.GetFile(tgbotapi.FileConfig{FileID: fileID})
	if err != nil {
		return nil, false, errors.New(t.red.Err(err))
	}
	if f.FileSize > 0 && int64(f.FileSize) > limit {
		return nil, true, nil
	}
	endpoint := t.baseURL + "/file/bot" + t.token + "/" + f.FilePath
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, endpoint, nil)
	if err != nil {
		return nil, false, errors.New(t.red.Err(err))
	}
	resp, err := t.http.Do(req)
	if err != nil {
		return nil, false, errors.New(t.red.Err(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, false, fmt.Errorf("file download: HTTP %d", resp.StatusCode)
	}
	data, err = io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, false, errors.New(t.red.Err(err))
	}
	if int64(len(data)) > limit {
		return nil, true, nil
	}
	return data, false, nil
}

// chatMemberStatus asks Telegram for the user's status in the chat:
// creator, administrator, member, restricted, left or kicked.
func (t *telegram) chatMemberStatus(chatID, userID int64) (string, error) {
	m, err := t.api.GetChatMember(tgbotapi.GetChatMemberConfig{
		ChatConfigWithUser: tgbotapi.ChatConfigWithUser{ChatID: chatID, UserID: userID},
	})
	if err != nil {
		return "", errors.New(t.red.Err(err))
	}
	return m.Status, nil
}

// backoff grows a delay exponentially up to a cap.
type backoff struct {
	min, max, cur time.Duration
}

func newBackoff(min, max time.Duration) *backoff { return &backoff{min: min, max: max} }

func (b *backoff) next() time.Duration {
	if b.cur == 0 {
		b.cur = b.min
	} else {
		b.cur = min(b.cur*2, b.max)
	}
	return b.cur
}

func (b *backoff) reset() { b.cur = 0 }
