package main

import (
	"net"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/spf13/viper"

	"trackbot/bot"
)

// Ops is the operations part of the configuration: how updates arrive,
// where metrics are served and where backups go.
type Ops struct {
	// Webhook, when its URL is set, makes Telegram push updates instead of
	// the bot polling for them.
	Webhook bot.Webhook
	// MetricsListen is the address of /metrics, /healthz and /readyz;
	// empty means off.
	MetricsListen string
	// BackupDir gets a consistent copy of the database every day; empty
	// means no automatic backups.
	BackupDir string
	// BackupKeep is how many of those daily copies stay.
	BackupKeep int
	// AdminSocket is the unix socket `trackbot backup` asks the running
	// bot through; it defaults to the database path + ".sock".
	AdminSocket string
}

// secretShape is what Telegram accepts as a webhook's secret_token.
var secretShape = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

// opsDefaults registers the keys, so the environment can set each of them.
func opsDefaults(v *viper.Viper) {
	v.SetDefault("telegram.webhook.url", "")
	v.SetDefault("telegram.webhook.listen", ":8080")
	v.SetDefault("telegram.webhook.secret", "")
	v.SetDefault("metrics.listen", "")
	v.SetDefault("storage.backup_dir", "")
	v.SetDefault("storage.backup_keep", 7)
	v.SetDefault("storage.admin_socket", "")
}

// parseOps reads and validates the operations keys; storagePath is the
// database the admin socket defaults beside.
func parseOps(v *viper.Viper, storagePath string) (Ops, error) {
	o := Ops{
		Webhook: bot.Webhook{
			URL:    strings.TrimSpace(v.GetString("telegram.webhook.url")),
			Listen: strings.TrimSpace(v.GetString("telegram.webhook.listen")),
			Secret: strings.TrimSpace(v.GetString("telegram.webhook.secret")),
		},
		MetricsListen: strings.TrimSpace(v.GetString("metrics.listen")),
		BackupDir:     strings.TrimSpace(v.GetString("storage.backup_dir")),
		AdminSocket:   strings.TrimSpace(v.GetString("storage.admin_socket")),
	}
	if o.AdminSocket == "" {
		o.AdminSocket = storagePath + ".sock"
	}
	if err := validateWebhook(o.Webhook); err != nil {
		return o, err
	}
	if o.MetricsListen != "" && !validListen(o.MetricsListen) {
		return o, &configError{key: "metrics.listen", value: o.MetricsListen, expected: "host:port such as 127.0.0.1:9090, or empty for no metrics"}
	}
	raw := strings.TrimSpace(v.GetString("storage.backup_keep"))
	keep, err := strconv.Atoi(raw)
	if err != nil || keep < 1 {
		return o, &configError{key: "storage.backup_keep", value: raw, expected: "a whole number of daily backups to keep, 1 or more"}
	}
	o.BackupKeep = keep
	return o, nil
}

// validateWebhook checks the webhook keys only when a URL is set: polling
// needs none of them.
func validateWebhook(w bot.Webhook) error {
	if w.URL == "" {
		return nil
	}
	u, err := url.Parse(w.URL)
	if err != nil || u.Host == "" || !(u.Scheme == "https" || u.Scheme == "http" && isLoopback(u.Hostname())) {
		return &configError{key: "telegram.webhook.url", value: w.URL, expected: "the public https URL Telegram posts updates to, such as https://bot.example.com/telegram (http only for localhost tests)"}
	}
	if !validListen(w.Listen) {
		return &configError{key: "telegram.webhook.listen", value: w.Listen, expected: "host:port the bot listens on for the webhook, such as :8080"}
	}
	if !secretShape.MatchString(w.Secret) {
		// The value is a secret: it is never shown.
		return &configError{key: "telegram.webhook.secret", expected: "required with telegram.webhook.url: 1–256 characters of A–Z, a–z, 0–9, _ and - (set TRACKBOT_TELEGRAM_WEBHOOK_SECRET; the value is not shown)"}
	}
	return nil
}

// validListen reports whether s is a host:port a listener can take.
func validListen(s string) bool {
	_, port, err := net.SplitHostPort(s)
	if err != nil {
		return false
	}
	n, err := strconv.Atoi(port)
	return err == nil && n >= 0 && n <= 65535
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
