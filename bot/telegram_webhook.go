package bot

import (
	"encoding/json"
	"errors"
	"strconv"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// allowedUpdates are the update kinds the handlers read; polling and the
// webhook ask Telegram for the same ones.
const allowedUpdates = `["message","edited_message","callback_query","my_chat_member"]`

// setWebhook tells Telegram to post updates to url with the secret in
// every request's X-Telegram-Bot-Api-Secret-Token header. The library
// predates secret_token, so this goes through its raw request call.
// max_connections is 1 because updates are handled one at a time, in
// order, as polling does.
func (t *telegram) setWebhook(url, secret string) error {
	_, err := t.api.MakeRequest("setWebhook", tgbotapi.Params{
		"url":             url,
		"secret_token":    secret,
		"allowed_updates": allowedUpdates,
		"max_connections": "1",
	})
	return t.scrub(err)
}

// deleteWebhook switches the bot back to getUpdates. Pending updates stay
// with Telegram, so polling picks them up.
func (t *telegram) deleteWebhook() error {
	_, err := t.api.MakeRequest("deleteWebhook", tgbotapi.Params{"drop_pending_updates": strconv.FormatBool(false)})
	return t.scrub(err)
}

// webhookInfo is the part of getWebhookInfo the bot reads.
type webhookInfo struct {
	URL              string `json:"url"`
	PendingCount     int    `json:"pending_update_count"`
	LastErrorDate    int64  `json:"last_error_date"`
	LastErrorMessage string `json:"last_error_message"`
}

// webhookInfo returns the webhook Telegram has for the bot; an empty URL
// means none (the bot polls).
func (t *telegram) webhookInfo() (webhookInfo, error) {
	var info webhookInfo
	resp, err := t.api.MakeRequest("getWebhookInfo", tgbotapi.Params{})
	if err != nil {
		return info, t.scrub(err)
	}
	if err := json.Unmarshal(resp.Result, &info); err != nil {
		return info, errors.New("getWebhookInfo: unreadable result")
	}
	return info, nil
}

// scrub turns a library error into an *apiError when Telegram answered and
// a token-free error otherwise.
func (t *telegram) scrub(err error) error {
	if err == nil {
		return nil
	}
	if e := classify(err); e != nil {
		e.Description = t.red.String(e.Description)
		return e
	}
	return errors.New(t.red.Err(err))
}
