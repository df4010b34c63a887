package main

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"trackbot/bot"
	"trackbot/storage"
)

func TestNextBackup(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		latest time.Time
		want   time.Time
	}{
		{"no copy yet: at once", time.Time{}, now},
		{"the newest is a day and more old: at once", now.Add(-25 * time.Hour), now},
		{"the newest is exactly a day old: at once", now.Add(-24 * time.Hour), now},
		{"the newest is an hour old: a day after it", now.Add(-time.Hour), now.Add(23 * time.Hour)},
		{"the newest is from the future (a clock step): a day after it", now.Add(time.Hour), now.Add(25 * time.Hour)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := nextBackup(tt.latest, now); !got.Equal(tt.want) {
				t.Errorf("nextBackup = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestConfig_OpsDefaults(t *testing.T) {
	cfg, err := loadConfig(filepath.Join(t.TempDir(), "none.yaml"), false)
	if err != nil {
		t.Fatal(err)
	}
	o := cfg.Ops
	if o.Webhook.URL != "" || o.MetricsListen != "" || o.BackupDir != "" {
		t.Errorf("polling, no metrics and no backups by default; got %+v", o)
	}
	if o.BackupKeep != 7 {
		t.Errorf("backup_keep = %d, want 7", o.BackupKeep)
	}
	if o.AdminSocket != "./trackbot.db.sock" {
		t.Errorf("admin socket = %q, want beside the database", o.AdminSocket)
	}
}

func TestConfig_WebhookFromTheEnvironment(t *testing.T) {
	t.Setenv("TRACKBOT_TELEGRAM_WEBHOOK_URL", "https://bot.example.com/telegram")
	t.Setenv("TRACKBOT_TELEGRAM_WEBHOOK_LISTEN", "127.0.0.1:8443")
	t.Setenv("TRACKBOT_TELEGRAM_WEBHOOK_SECRET", "abc_DEF-123")
	t.Setenv("TRACKBOT_METRICS_LISTEN", ":9090")
	t.Setenv("TRACKBOT_STORAGE_BACKUP_DIR", "/var/backups/trackbot")
	t.Setenv("TRACKBOT_STORAGE_BACKUP_KEEP", "14")
	cfg, err := loadConfig(filepath.Join(t.TempDir(), "none.yaml"), false)
	if err != nil {
		t.Fatal(err)
	}
	o := cfg.Ops
	if o.Webhook.URL != "https://bot.example.com/telegram" || o.Webhook.Listen != "127.0.0.1:8443" || o.Webhook.Secret != "abc_DEF-123" {
		t.Errorf("webhook = %+v", o.Webhook)
	}
	if o.MetricsListen != ":9090" || o.BackupDir != "/var/backups/trackbot" || o.BackupKeep != 14 {
		t.Errorf("ops = %+v", o)
	}
}

func TestConfig_BadOpsValueNamesTheKey(t *testing.T) {
	cases := []struct {
		name    string
		env     map[string]string
		wantKey string
	}{
		{"plain http to a public host", map[string]string{"TRACKBOT_TELEGRAM_WEBHOOK_URL": "http://bot.example.com/tg", "TRACKBOT_TELEGRAM_WEBHOOK_SECRET": "s"}, "telegram.webhook.url"},
		{"a webhook without a secret", map[string]string{"TRACKBOT_TELEGRAM_WEBHOOK_URL": "https://bot.example.com/tg"}, "telegram.webhook.secret"},
		{"a secret Telegram refuses", map[string]string{"TRACKBOT_TELEGRAM_WEBHOOK_URL": "https://bot.example.com/tg", "TRACKBOT_TELEGRAM_WEBHOOK_SECRET": "has space"}, "telegram.webhook.secret"},
		{"a listen address without a port", map[string]string{"TRACKBOT_TELEGRAM_WEBHOOK_URL": "https://bot.example.com/tg", "TRACKBOT_TELEGRAM_WEBHOOK_SECRET": "s", "TRACKBOT_TELEGRAM_WEBHOOK_LISTEN": "localhost"}, "telegram.webhook.listen"},
		{"metrics without a port", map[string]string{"TRACKBOT_METRICS_LISTEN": "9090"}, "metrics.listen"},
		{"keeping no backups", map[string]string{"TRACKBOT_STORAGE_BACKUP_KEEP": "0"}, "storage.backup_keep"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			_, err := loadConfig(filepath.Join(t.TempDir(), "none.yaml"), false)
			if err == nil {
				t.Fatalf("%v accepted", tc.env)
			}
			if msg := err.Error(); !strings.Contains(msg, tc.wantKey) || strings.Contains(msg, "\n") {
				t.Errorf("error %q should be one line naming %s", msg, tc.wantKey)
			}
			if secret := tc.env["TRACKBOT_TELEGRAM_WEBHOOK_SECRET"]; secret != "" && secret != "s" && strings.Contains(err.Error(), secret) {
				t.Errorf("error %q shows the secret", err)
			}
		})
	}
}

func TestOps_HealthAndReadinessOfABotThatDoesNotReceive(t *testing.T) {
	db, err := storage.Open(filepath.Join(t.TempDir(), "trackbot.db"), storage.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	m := bot.NewMetrics()
	// Built but never run: no poll was ever answered.
	b := bot.New(bot.Config{}, db, slog.New(slog.DiscardHandler), bot.WithMetrics(m))
	o := &operations{db: db, bot: b, metrics: m, log: slog.New(slog.DiscardHandler), now: time.Now, started: time.Now()}
	srv := httptest.NewServer(o.opsHandler())
	defer srv.Close()

	if status, body := get(t, srv.URL+"/healthz"); status != http.StatusOK {
		t.Errorf("/healthz just after the start = %d %q, want 200: the start counts as a sign of life", status, body)
	}
	if status, _ := get(t, srv.URL+"/readyz"); status != http.StatusServiceUnavailable {
		t.Errorf("/readyz before Telegram is reached = %d, want 503", status)
	}
	o.started = time.Now().Add(-3 * time.Minute)
	if status, body := get(t, srv.URL+"/healthz"); status != http.StatusServiceUnavailable || !strings.Contains(body, "2 minutes") {
		t.Errorf("/healthz three minutes without a poll = %d %q, want 503 naming the silence", status, body)
	}
	o.started = time.Now()
	db.Close()
	if status, body := get(t, srv.URL+"/healthz"); status != http.StatusServiceUnavailable || !strings.Contains(body, "database") {
		t.Errorf("/healthz with a closed database = %d %q, want 503 naming the database", status, body)
	}
}
