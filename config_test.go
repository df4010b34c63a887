package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"trackbot/bot"
)

func writeConfig(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestConfig_EnvironmentOverridesFile(t *testing.T) {
	path := writeConfig(t, "timezone: Asia/Tokyo\nstorage:\n  path: /tmp/a.db\naccess:\n  allowed_chats: [-100123, 42]\n")
	t.Setenv("TRACKBOT_STORAGE_PATH", "/tmp/b.db")
	cfg, err := loadConfig(path, true)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.StoragePath != "/tmp/b.db" {
		t.Errorf("storage path = %q, want the environment's /tmp/b.db", cfg.StoragePath)
	}
	if cfg.TimeZone != "Asia/Tokyo" {
		t.Errorf("timezone = %q, want the file's Asia/Tokyo", cfg.TimeZone)
	}
	if len(cfg.AllowedChats) != 2 || cfg.AllowedChats[0] != -100123 || cfg.AllowedChats[1] != 42 {
		t.Errorf("allowed chats = %v, want [-100123 42]", cfg.AllowedChats)
	}
}

func TestConfig_MissingDefaultFileUsesDefaults(t *testing.T) {
	cfg, err := loadConfig(filepath.Join(t.TempDir(), "none.yaml"), false)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.APIURL != "https://api.telegram.org" || cfg.StoragePath != "./trackbot.db" || cfg.TimeZone != "Europe/Moscow" {
		t.Errorf("defaults = %+v", cfg)
	}
	if cfg.Limits != bot.DefaultLimits() {
		t.Errorf("limits = %+v, want Telegram's %+v", cfg.Limits, bot.DefaultLimits())
	}
	if cfg.ShutdownGrace != bot.DefaultShutdownGrace {
		t.Errorf("shutdown grace = %v, want %v", cfg.ShutdownGrace, bot.DefaultShutdownGrace)
	}
}

func TestConfig_BadValueNamesKeyValueAndExpectation(t *testing.T) {
	cases := []struct {
		env, value, wantKey string
	}{
		{"TRACKBOT_TIMEZONE", "Mars/Base", "timezone"},
		{"TRACKBOT_TELEGRAM_API_URL", "ftp://x", "telegram.api_url"},
		{"TRACKBOT_ACCESS_ALLOWED_CHATS", "-100,abc", "access.allowed_chats"},
		{"TRACKBOT_LOG_LEVEL", "loud", "log.level"},
		{"TRACKBOT_LOG_FORMAT", "xml", "log.format"},
		{"TRACKBOT_TELEGRAM_LIMITS_CHAT_INTERVAL", "fast", "telegram.limits.chat_interval"},
		{"TRACKBOT_TELEGRAM_LIMITS_GROUP_PER_MINUTE", "0", "telegram.limits.group_per_minute"},
		{"TRACKBOT_TELEGRAM_LIMITS_GLOBAL_PER_SECOND", "-3", "telegram.limits.global_per_second"},
		{"TRACKBOT_TELEGRAM_SHUTDOWN_GRACE", "0s", "telegram.shutdown_grace"},
		{"TRACKBOT_TELEGRAM_SHUTDOWN_GRACE", "an hour", "telegram.shutdown_grace"},
	}
	for _, tc := range cases {
		t.Run(tc.wantKey, func(t *testing.T) {
			t.Setenv(tc.env, tc.value)
			_, err := loadConfig(filepath.Join(t.TempDir(), "none.yaml"), false)
			if err == nil {
				t.Fatalf("%s=%s accepted", tc.env, tc.value)
			}
			msg := err.Error()
			if !strings.Contains(msg, tc.wantKey) || strings.Count(msg, "\n") > 0 {
				t.Errorf("error %q should be one line naming %s", msg, tc.wantKey)
			}
		})
	}
}

func TestConfig_TokenProblemsNeverPrintTheToken(t *testing.T) {
	secret := "12345:short-secret"
	t.Setenv("TRACKBOT_TELEGRAM_TOKEN", secret)
	cfg, err := loadConfig(filepath.Join(t.TempDir(), "none.yaml"), false)
	if err != nil {
		t.Fatal(err)
	}
	err = cfg.requireToken()
	if err == nil {
		t.Fatal("a malformed token was accepted")
	}
	if strings.Contains(err.Error(), "short-secret") {
		t.Errorf("error %q shows the token", err)
	}
}

func TestRun_ServeWithoutTokenExitsWithOneLine(t *testing.T) {
	t.Setenv("TRACKBOT_TELEGRAM_TOKEN", "")
	var out, errOut strings.Builder
	code := run(t.Context(), []string{"serve"}, &out, &errOut)
	if code == 0 {
		t.Fatal("serve without a token exited 0")
	}
	if !strings.Contains(errOut.String(), "TRACKBOT_TELEGRAM_TOKEN") {
		t.Errorf("stderr = %q, want a hint about TRACKBOT_TELEGRAM_TOKEN", errOut.String())
	}
}
