package main

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"trackbot/bot"
	"trackbot/bot/telegramtest"
	"trackbot/domain"
	"trackbot/storage"
)

// freeListener listens on a free loopback port.
func freeListener(t *testing.T) net.Listener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return ln
}

// get fetches url and returns the status and body.
func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

// metricValue finds the sample of name with exactly the labels given (in
// the exposition's order, which sorts them by name, e.g.
// `method="sendMessage",result="ok"`) and returns its value.
func metricValue(t *testing.T, exposition, name, labels string) float64 {
	t.Helper()
	want := name
	if labels != "" {
		want += "{" + labels + "}"
	}
	sc := bufio.NewScanner(strings.NewReader(exposition))
	for sc.Scan() {
		series, value, ok := strings.Cut(sc.Text(), " ")
		if !ok || series != want {
			continue
		}
		v, err := strconv.ParseFloat(value, 64)
		if err != nil {
			t.Fatalf("%s: unreadable value %q", want, value)
		}
		return v
	}
	t.Fatalf("no sample %s in /metrics", want)
	return 0
}

func TestOps_MetricsCountASessionWithInjected429s(t *testing.T) {
	h := newHarness(t)
	ln := freeListener(t)
	h.seams.metricsListener = ln
	base := "http://" + ln.Addr().String()
	// Telegram answers the first replies 429: the sender waits and sends
	// them again.
	h.tg.FailNext("sendMessage", telegramtest.Failure{Code: 429, RetryAfter: 1})
	h.tg.FailNext("sendMessage", telegramtest.Failure{Code: 429, RetryAfter: 1})
	h.start()

	h.setUp()
	h.say(leaders, ceo, "/team")
	h.say(leaders, ceo, "/segment add Wholesale")
	h.say(leaders, ceo, "/funnel nosuchsegment")
	h.waitIdle()
	status, body := get(t, base+"/metrics")

	if status != http.StatusOK {
		t.Fatalf("/metrics answered %d", status)
	}
	if n := metricValue(t, body, "trackbot_updates_handled_total", `kind="command"`); n < 4 {
		t.Errorf("commands handled = %v, want at least 4", n)
	}
	if n := metricValue(t, body, "trackbot_sends_total", `method="sendMessage",result="ok"`); n < 4 {
		t.Errorf("messages sent = %v, want at least 4", n)
	}
	if n := metricValue(t, body, "trackbot_sends_total", `method="sendMessage",result="429"`); n != 2 {
		t.Errorf("429 answers counted = %v, want the 2 the fake injected", n)
	}
	if n := metricValue(t, body, "trackbot_retry_after_waits_total", ""); n != 2 {
		t.Errorf("retry_after waits = %v, want 2", n)
	}
	if n := metricValue(t, body, "trackbot_handler_errors_total", `code="invalid",command="funnel"`); n != 1 {
		t.Errorf("/funnel with an unknown segment counted %v handler errors, want 1", n)
	}
	if n := metricValue(t, body, "trackbot_update_duration_seconds_count", ""); n < 4 {
		t.Errorf("update latencies observed = %v, want at least 4", n)
	}
	if n := metricValue(t, body, "trackbot_outbox_depth", ""); n != 0 {
		t.Errorf("outbox depth once idle = %v, want 0", n)
	}
	metricValue(t, body, "trackbot_source_syncs_total", `result="ok"`)
	metricValue(t, body, "trackbot_schedule_misses_total", `kind="snapshot"`)
	for _, path := range []string{"/healthz", "/readyz"} {
		if status, body := get(t, base+path); status != http.StatusOK {
			t.Errorf("%s answered %d: %s", path, status, body)
		}
	}
}

func TestOps_BackupWhileTheBotRuns(t *testing.T) {
	h := newHarness(t)
	h.cfg.Ops.AdminSocket = h.cfg.StoragePath + ".sock"
	h.cfg.Ops.BackupKeep = 7
	h.start()
	h.setUp()
	h.waitIdle()
	target := filepath.Join(t.TempDir(), "copy.db")

	// The bot holds the database: opening it here would fail.
	if db, err := storage.Open(h.cfg.StoragePath, storage.Options{Timeout: 100 * time.Millisecond}); err == nil {
		db.Close()
		t.Fatal("the database opened beside the running bot: the test proves nothing")
	}
	var out strings.Builder
	if err := backup(h.cfg, []string{target}, &out); err != nil {
		t.Fatalf("backup while the bot runs: %v", err)
	}
	h.say(leaders, ceo, "/team") // the bot goes on after the copy

	if !strings.Contains(out.String(), "from the running bot") {
		t.Errorf("backup said %q, want it to name the running bot as the source", out.String())
	}
	db, err := storage.Open(target, storage.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.View(func(tx domain.Tx) error {
		_, err := tx.Workspaces().ByChat(leaders.ID)
		return err
	}); err != nil {
		t.Errorf("the copy lacks the workspace: %v", err)
	}
}

func TestOps_DailyBackupWhileRunning(t *testing.T) {
	h := newHarness(t)
	h.cfg.Ops.BackupDir = filepath.Join(t.TempDir(), "backups")
	h.cfg.Ops.BackupKeep = 7
	h.start()
	h.setUp()

	// No copy exists yet, so the first is due at the start.
	h.tg.WaitFor(t, 20*time.Second, "the first daily backup", func() bool {
		times, _ := storage.Backups(h.cfg.Ops.BackupDir)
		return len(times) == 1
	})
}

func TestWebhook_EndToEnd(t *testing.T) {
	h := newHarness(t)
	ln := freeListener(t)
	h.seams.webhookListener = ln
	h.cfg.Ops.Webhook = bot.Webhook{URL: "http://" + ln.Addr().String() + "/tg", Listen: ln.Addr().String(), Secret: "e2e-secret"}
	h.start()
	h.tg.WaitForCalls(t, "setWebhook", 1, 10*time.Second)

	// Anyone on the internet can post: without the secret nothing happens.
	forged := []byte(`{"update_id":99,"message":{"message_id":1,"date":1,"chat":{"id":-1001000000001,"type":"supergroup","title":"Leadership"},"from":{"id":104,"first_name":"Olga"},"text":"/setup","entities":[{"type":"bot_command","offset":0,"length":6}]}}`)
	for _, secret := range []string{"", "guess"} {
		if status, err := h.tg.PostWebhook(secret, forged); err != nil || status != http.StatusUnauthorized {
			t.Errorf("a request with secret %q: %d (%v), want 401", secret, status, err)
		}
	}

	h.setUp()
	msg := h.tg.SendText(leaders, ceo, "/segment add Wholesale")
	h.replyTo(leaders, msg)
	h.waitIdle()
	deliveries := h.tg.WebhookDeliveries()
	repeated := deliveries[len(deliveries)-1].UpdateID
	// Telegram repeats an update whose answer it lost.
	if status, err := h.tg.Redeliver(repeated); err != nil || status != http.StatusOK {
		t.Fatalf("redelivery: %d (%v), want 200", status, err)
	}
	h.waitIdle()

	if n := countReplies(h.tg, leaders, msg); n != 1 {
		t.Errorf("replies to the command delivered twice = %d, want 1", n)
	}
	ws := h.workspace(leaders.ID)
	n := 0
	for _, s := range ws.Segments {
		if s.Name.En == "Wholesale" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("segments named Wholesale = %d, want 1", n)
	}
	if len(h.tg.CallsTo("getUpdates")) != 0 {
		t.Error("the bot polled although a webhook is configured")
	}
}
