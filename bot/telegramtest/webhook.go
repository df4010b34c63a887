package telegramtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"time"
)

// SecretHeader is the header Telegram puts a webhook's secret_token in.
const SecretHeader = "X-Telegram-Bot-Api-Secret-Token"

// webhookConflictDescription is Telegram's answer to getUpdates while a
// webhook is set.
const webhookConflictDescription = "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"

// webhookSecretShape is what Telegram accepts as secret_token.
var webhookSecretShape = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

// defaultWebhookRetry is how long the fake waits before delivering an
// update again after the bot did not answer 2xx. Telegram waits longer;
// tests should not.
const defaultWebhookRetry = 20 * time.Millisecond

// WebhookInfo is the webhook the bot set, as a test sees it.
type WebhookInfo struct {
	URL            string
	Secret         string
	AllowedUpdates []string
	MaxConnections int
}

// WebhookDelivery is one attempt of the fake to post an update to the
// bot's webhook.
type WebhookDelivery struct {
	UpdateID int
	// Status is the bot's HTTP answer, 0 when the connection failed.
	Status int
	// Err says why the connection failed.
	Err  string
	Time time.Time
}

// webhookState is the webhook part of the server; it is guarded by
// Server.mu.
type webhookState struct {
	info       WebhookInfo
	deliveries []WebhookDelivery
	// delivered keeps the JSON of every update delivered, for Redeliver.
	delivered  map[int]json.RawMessage
	lastErrAt  time.Time
	lastErrMsg string
	running    bool
	retry      time.Duration
}

// WithWebhookRetry sets the wait before the fake delivers an update again
// after a failed delivery (default 20 ms).
func WithWebhookRetry(d time.Duration) Option {
	return func(c *config) { c.webhookRetry = d }
}

func init() {
	register("setWebhook", handleSetWebhook)
	register("deleteWebhook", handleDeleteWebhook)
	register("getWebhookInfo", handleGetWebhookInfo)
}

// handleSetWebhook implements setWebhook: an empty url removes the
// webhook, as Telegram documents. While a webhook is set, the fake posts
// pending updates to it one at a time, in order, with the secret in
// SecretHeader, until the bot answers 2xx.
func handleSetWebhook(s *Server, r *request) (any, *apiError) {
	raw := r.params["url"]
	if raw == "" {
		s.mu.Lock()
		s.hook.info = WebhookInfo{}
		s.touchLocked()
		s.mu.Unlock()
		return true, nil
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return nil, badRequest("bad webhook: Failed to resolve host: Name or service not known")
	}
	// Telegram demands https; the fake also takes http on the loopback,
	// where the tests' bots listen.
	if u.Scheme != "https" && !(u.Scheme == "http" && (u.Hostname() == "127.0.0.1" || u.Hostname() == "localhost")) {
		return nil, badRequest("bad webhook: An HTTPS URL must be provided for webhook")
	}
	secret := r.params["secret_token"]
	if secret != "" && !webhookSecretShape.MatchString(secret) {
		return nil, badRequest("secret token contains unallowed characters")
	}
	var allowed []string
	if a := r.params["allowed_updates"]; a != "" {
		if err := json.Unmarshal([]byte(a), &allowed); err != nil {
			return nil, badRequest("can't parse allowed updates JSON array")
		}
	}
	maxConn, aerr := intParam(r, "max_connections")
	if aerr != nil {
		return nil, aerr
	}
	if maxConn == 0 {
		maxConn = 40
	}
	if maxConn < 1 || maxConn > 100 {
		return nil, badRequest("max_connections must be between 1 and 100")
	}
	drop, _ := strconv.ParseBool(r.params["drop_pending_updates"])
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hook.info = WebhookInfo{URL: raw, Secret: secret, AllowedUpdates: allowed, MaxConnections: maxConn}
	if drop {
		s.updates.pending = nil
	}
	// A long poll in progress ends, as Telegram ends it.
	if s.updates.active != nil {
		close(s.updates.active.terminated)
		s.updates.active = nil
	}
	if !s.hook.running {
		s.hook.running = true
		go s.deliverLoop()
	}
	s.touchLocked()
	return true, nil
}

// handleDeleteWebhook implements deleteWebhook (bots often call it before
// polling); drop_pending_updates empties the queue.
func handleDeleteWebhook(s *Server, r *request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hook.info = WebhookInfo{}
	if b, _ := strconv.ParseBool(r.params["drop_pending_updates"]); b {
		s.updates.pending = nil
	}
	s.touchLocked()
	return true, nil
}

// handleGetWebhookInfo reports the webhook, if any, and the queue.
func handleGetWebhookInfo(s *Server, _ *request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	info := map[string]any{
		"url":                    s.hook.info.URL,
		"has_custom_certificate": false,
		"pending_update_count":   len(s.updates.pending),
	}
	if s.hook.info.URL != "" {
		info["max_connections"] = s.hook.info.MaxConnections
		if len(s.hook.info.AllowedUpdates) > 0 {
			info["allowed_updates"] = s.hook.info.AllowedUpdates
		}
		if !s.hook.lastErrAt.IsZero() {
			info["last_error_date"] = s.hook.lastErrAt.Unix()
			info["last_error_message"] = s.hook.lastErrMsg
		}
	}
	return info, nil
}

// webhookActiveLocked reports whether getUpdates must be refused. s.mu
// must be held.
func (s *Server) webhookActiveLocked() bool { return s.hook.info.URL != "" }

// deliverLoop posts pending updates to the webhook until the server
// closes.
func (s *Server) deliverLoop() {
	client := &http.Client{Timeout: 60 * time.Second}
	for {
		s.mu.Lock()
		info := s.hook.info
		var next *queuedUpdate
		if info.URL != "" && len(s.updates.pending) > 0 {
			u := s.updates.pending[0]
			next = &u
		}
		changed := s.changed
		s.mu.Unlock()
		if next == nil {
			select {
			case <-changed:
				continue
			case <-s.done:
				return
			}
		}
		status, err := s.post(client, info.URL, info.Secret, next.raw)
		ok := s.recordDelivery(*next, status, err)
		if !ok && !s.sleep(context.Background(), s.hook.retry) {
			return
		}
	}
}

// recordDelivery records an attempt and, when the bot answered 2xx, takes
// the update off the queue. It reports whether the delivery succeeded.
func (s *Server) recordDelivery(u queuedUpdate, status int, err error) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := WebhookDelivery{UpdateID: u.id, Status: status, Time: time.Now()}
	if err != nil {
		d.Err = err.Error()
	}
	s.hook.deliveries = append(s.hook.deliveries, d)
	ok := err == nil && status >= 200 && status < 300
	if ok {
		s.hook.delivered[u.id] = u.raw
		for i, p := range s.updates.pending {
			if p.id == u.id && p.epoch == u.epoch {
				s.updates.pending = append(s.updates.pending[:i:i], s.updates.pending[i+1:]...)
				break
			}
		}
	} else {
		s.hook.lastErrAt = d.Time
		s.hook.lastErrMsg = "Connection refused"
		if status != 0 {
			s.hook.lastErrMsg = fmt.Sprintf("Wrong response from the webhook: %d %s", status, http.StatusText(status))
		}
	}
	s.touchLocked()
	return ok
}

// post sends one update to the webhook with secret in SecretHeader (none
// when secret is empty) and returns the status the bot answered.
func (s *Server) post(client *http.Client, url, secret string, body []byte) (int, error) {
	// Closing the server ends a delivery in flight.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		select {
		case <-s.done:
			cancel()
		case <-ctx.Done():
		}
	}()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set(SecretHeader, secret)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}

// Webhook returns the webhook the bot set; a zero URL means none.
func (s *Server) Webhook() WebhookInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	w := s.hook.info
	w.AllowedUpdates = append([]string(nil), w.AllowedUpdates...)
	return w
}

// WebhookDeliveries returns every delivery attempt so far, oldest first.
func (s *Server) WebhookDeliveries() []WebhookDelivery {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]WebhookDelivery(nil), s.hook.deliveries...)
}

// PostWebhook posts body to the webhook the bot set, with secret in
// SecretHeader (no header when secret is empty), as anyone on the
// internet could, and returns the bot's HTTP status. It does not touch the
// update queue.
func (s *Server) PostWebhook(secret string, body []byte) (int, error) {
	s.mu.Lock()
	url := s.hook.info.URL
	s.mu.Unlock()
	if url == "" {
		return 0, fmt.Errorf("telegramtest: no webhook is set")
	}
	return s.post(&http.Client{Timeout: 60 * time.Second}, url, secret, body)
}

// Redeliver posts an update that was already delivered once again, with
// the webhook's secret, as Telegram does when the bot's answer was lost,
// and returns the bot's HTTP status.
func (s *Server) Redeliver(updateID int) (int, error) {
	s.mu.Lock()
	raw, ok := s.hook.delivered[updateID]
	secret := s.hook.info.Secret
	s.mu.Unlock()
	if !ok {
		return 0, fmt.Errorf("telegramtest: update %d was never delivered to a webhook", updateID)
	}
	return s.PostWebhook(secret, raw)
}
