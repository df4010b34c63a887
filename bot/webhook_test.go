package bot

import (
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"trackbot/bot/telegramtest"
	"trackbot/domain"
)

const testSecret = "s3cret-token_1"

// webhookConfig is a bot configuration that receives updates on a fresh
// loopback port, and the listener to hand the bot.
func webhookConfig(t *testing.T, tg *telegramtest.Server) (Config, net.Listener) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return Config{
		Token: tg.Token(), APIURL: tg.URL(), ShutdownGrace: 200 * time.Millisecond,
		Limits:  Limits{ChatInterval: time.Millisecond, GroupPerMinute: 1000, GlobalPerSecond: 1000},
		Webhook: Webhook{URL: "http://" + ln.Addr().String() + "/telegram", Listen: ln.Addr().String(), Secret: testSecret},
	}, ln
}

// repliesTo counts the bot's messages in the chat that reply to msgID.
func repliesTo(tg *telegramtest.Server, chat int64, msgID int) int {
	n := 0
	for _, m := range tg.Messages(chat) {
		if m.FromBot && m.ReplyToMessageID == msgID {
			n++
		}
	}
	return n
}

// waitDelivered waits until the fake has no update left to deliver and
// the bot has sent everything.
func waitDelivered(t *testing.T, tg *telegramtest.Server, b *Bot) {
	t.Helper()
	tg.WaitFor(t, 20*time.Second, "every update delivered and answered", func() bool {
		return tg.PendingUpdates() == 0 && b.Idle()
	})
}

// segmentCount counts the workspace's segments named name.
func segmentCount(t *testing.T, db domain.Store, chat int64, name string) int {
	t.Helper()
	n := 0
	mustView(t, db, func(tx domain.Tx) error {
		ws, err := tx.Workspaces().ByChat(chat)
		if err != nil {
			return err
		}
		for _, s := range ws.Segments {
			if s.Name.En == name {
				n++
			}
		}
		return nil
	})
	return n
}

func mustView(t *testing.T, db domain.Store, fn func(domain.Tx) error) {
	t.Helper()
	if err := db.View(fn); err != nil {
		t.Fatal(err)
	}
}

// TestWebhook_KilledBetweenReceiveAndAnswerAppliesOnce kills the bot after
// an update arrived by webhook, before or after its effects committed, and
// starts another on the same database: Telegram, having no answer,
// delivers the update again, and it takes effect exactly once.
func TestWebhook_KilledBetweenReceiveAndAnswerAppliesOnce(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		kill killPoint
	}{
		{"killed before the commit", webhookReceived},
		{"killed after the commit, before the answer", webhookCommitted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tg := telegramtest.New(t)
			clock := shiftedClock(time.Date(2026, 3, 30, 8, 0, 0, 0, time.UTC))
			db := openDB(t, clock)
			ws := createWorkspace(t, db, testWorkspace(-1001234, "Europe/London", clock().Add(-48*time.Hour)))
			chat := telegramtest.Chat{ID: ws.ChatID, Type: "supergroup", Title: ws.Title}
			ceo := telegramtest.User{ID: 1, FirstName: "Anna", Username: "anna", LanguageCode: "en"}

			// A killed process answers nothing more: once the kill point is
			// reached, every later request is cut too.
			var dead atomic.Bool
			killed := make(chan struct{})
			var once sync.Once
			crash := func(p killPoint) bool {
				if p != webhookReceived && p != webhookCommitted {
					return false
				}
				if dead.Load() {
					return true
				}
				if p != tt.kill {
					return false
				}
				dead.Store(true)
				once.Do(func() { close(killed) })
				return true
			}
			cfg, ln := webhookConfig(t, tg)
			stop := runBot(t, newTestBot(t, cfg, db, clock, WithWebhookListener(ln), withCrash(crash)))
			tg.WaitForCalls(t, "setWebhook", 1, 10*time.Second)
			msg := tg.SendText(chat, ceo, "/segment add Wholesale")
			select {
			case <-killed:
			case <-time.After(20 * time.Second):
				t.Fatal("the bot never reached the kill point")
			}
			stop()

			cfg, ln = webhookConfig(t, tg)
			second := newTestBot(t, cfg, db, clock, WithWebhookListener(ln))
			stop = runBot(t, second)
			waitDelivered(t, tg, second)
			stop()

			if n := repliesTo(tg, chat.ID, msg); n != 1 {
				t.Errorf("replies to the command = %d, want 1", n)
			}
			if n := segmentCount(t, db, chat.ID, "Wholesale"); n != 1 {
				t.Errorf("segments named Wholesale = %d, want 1", n)
			}
			deliveries := 0
			for _, d := range tg.WebhookDeliveries() {
				if d.Status == 0 || d.Status == 200 {
					deliveries++
				}
			}
			if deliveries < 2 {
				t.Errorf("the update was delivered %d times, want at least 2 (the lost one and the repeat)", deliveries)
			}
		})
	}
}

func TestWebhook_RefusesRequestsWithoutTheSecret(t *testing.T) {
	t.Parallel()
	tg := telegramtest.New(t)
	clock := shiftedClock(time.Date(2026, 3, 30, 8, 0, 0, 0, time.UTC))
	db := openDB(t, clock)
	cfg, ln := webhookConfig(t, tg)
	b := newTestBot(t, cfg, db, clock, WithWebhookListener(ln))
	stop := runBot(t, b)
	defer stop()
	tg.WaitForCalls(t, "setWebhook", 1, 10*time.Second)

	update := []byte(`{"update_id":1,"message":{"message_id":1,"date":1,"chat":{"id":-100,"type":"supergroup","title":"X"},"from":{"id":9,"first_name":"Eve"},"text":"/setup","entities":[{"type":"bot_command","offset":0,"length":6}]}}`)
	for _, secret := range []string{"", "wrong", testSecret + "x"} {
		status, err := tg.PostWebhook(secret, update)
		if err != nil {
			t.Fatal(err)
		}
		if status != 401 {
			t.Errorf("a request with secret %q got %d, want 401", secret, status)
		}
	}
	status, err := tg.PostWebhook(testSecret, []byte("not json"))
	if err != nil || status != 400 {
		t.Errorf("a body that is no update got %d (%v), want 400", status, err)
	}
	if n := len(tg.CallsTo("getChatMember")); n != 0 {
		t.Errorf("a refused request reached a handler (%d getChatMember calls)", n)
	}
	if got := tg.Webhook(); got.Secret != testSecret || got.MaxConnections != 1 || len(got.AllowedUpdates) == 0 {
		t.Errorf("setWebhook registered %+v, want the secret, max_connections 1 and the allowed updates", got)
	}
}

func TestWebhook_BackToPollingDeletesTheWebhook(t *testing.T) {
	t.Parallel()
	tg := telegramtest.New(t)
	clock := shiftedClock(time.Date(2026, 3, 30, 8, 0, 0, 0, time.UTC))
	db := openDB(t, clock)
	ws := createWorkspace(t, db, testWorkspace(-1001234, "Europe/London", clock().Add(-48*time.Hour)))
	chat := telegramtest.Chat{ID: ws.ChatID, Type: "supergroup", Title: ws.Title}
	ceo := telegramtest.User{ID: 1, FirstName: "Anna", Username: "anna", LanguageCode: "en"}
	cfg, ln := webhookConfig(t, tg)
	hooked := newTestBot(t, cfg, db, clock, WithWebhookListener(ln))
	stop := runBot(t, hooked)
	first := tg.SendText(chat, ceo, "/team")
	waitDelivered(t, tg, hooked)
	stop()

	cfg.Webhook = Webhook{}
	polling := newTestBot(t, cfg, db, clock)
	stop = runBot(t, polling)
	defer stop()
	second := tg.SendText(chat, ceo, "/team")
	waitDelivered(t, tg, polling)

	if n := len(tg.CallsTo("deleteWebhook")); n != 1 {
		t.Errorf("deleteWebhook calls = %d, want 1", n)
	}
	if url := tg.Webhook().URL; url != "" {
		t.Errorf("the webhook is still set to %q", url)
	}
	if repliesTo(tg, chat.ID, first) != 1 || repliesTo(tg, chat.ID, second) != 1 {
		t.Errorf("replies: by webhook %d, by polling %d; want 1 each", repliesTo(tg, chat.ID, first), repliesTo(tg, chat.ID, second))
	}
}
