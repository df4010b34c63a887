package main

import (
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/viper"

	"trackbot/bot"
)

// Config is trackbot's configuration: config.yaml overridden by TRACKBOT_*
// environment variables.
type Config struct {
	Token        string
	APIURL       string
	StoragePath  string
	TimeZone     string
	AllowedChats []int64
	LogLevel     slog.Level
	LogFormat    string
	// Limits are Telegram's flood limits the sender keeps. Only tests that
	// do not test pacing lower them.
	Limits bot.Limits
	// ShutdownGrace bounds a clean stop (see bot.Config.ShutdownGrace).
	ShutdownGrace time.Duration
	// Ops is the webhook, metrics and backup configuration.
	Ops Ops
	// Sources are the settings of the sources numbers sync from
	// (config_sources.go).
	Sources SourcesConfig
}

// configError is a bad configuration value, said in one line that names
// the key, the value and what is expected.
type configError struct {
	key, value, expected string
}

func (e *configError) Error() string {
	if e.value == "" {
		return fmt.Sprintf("config: %s: %s", e.key, e.expected)
	}
	return fmt.Sprintf("config: %s = %q: %s", e.key, e.value, e.expected)
}

// tokenShape is what @BotFather hands out: the bot id, a colon, a secret.
var tokenShape = regexp.MustCompile(`^[0-9]{5,12}:[A-Za-z0-9_-]{30,}$`)

// loadConfig reads the file at path (a missing file is fine: everything can
// come from the environment), applies the environment and defaults, and
// validates every value.
func loadConfig(path string, explicit bool) (Config, error) {
	v := viper.New()
	v.SetConfigType("yaml")
	v.SetDefault("telegram.token", "")
	v.SetDefault("telegram.api_url", "https://api.telegram.org")
	v.SetDefault("storage.path", "./trackbot.db")
	v.SetDefault("timezone", "Europe/Moscow")
	v.SetDefault("access.allowed_chats", "")
	v.SetDefault("log.level", "info")
	v.SetDefault("log.format", "text")
	limits := bot.DefaultLimits()
	v.SetDefault("telegram.limits.chat_interval", limits.ChatInterval.String())
	v.SetDefault("telegram.limits.group_per_minute", limits.GroupPerMinute)
	v.SetDefault("telegram.limits.global_per_second", limits.GlobalPerSecond)
	v.SetDefault("telegram.shutdown_grace", bot.DefaultShutdownGrace.String())
	opsDefaults(v)
	v.SetEnvPrefix("TRACKBOT")
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	v.AutomaticEnv()

	if err := readConfigFile(v, path, explicit); err != nil {
		return Config{}, err
	}
	cfg := Config{
		Token:       strings.TrimSpace(v.GetString("telegram.token")),
		APIURL:      strings.TrimRight(strings.TrimSpace(v.GetString("telegram.api_url")), "/"),
		StoragePath: strings.TrimSpace(v.GetString("storage.path")),
		TimeZone:    strings.TrimSpace(v.GetString("timezone")),
		LogFormat:   strings.ToLower(strings.TrimSpace(v.GetString("log.format"))),
	}
	var err error
	if cfg.AllowedChats, err = parseChatIDs(v.Get("access.allowed_chats")); err != nil {
		return Config{}, err
	}
	if cfg.LogLevel, err = parseLevel(v.GetString("log.level")); err != nil {
		return Config{}, err
	}
	if cfg.Limits, err = parseLimits(v); err != nil {
		return Config{}, err
	}
	raw := strings.TrimSpace(v.GetString("telegram.shutdown_grace"))
	if cfg.ShutdownGrace, err = time.ParseDuration(raw); err != nil || cfg.ShutdownGrace <= 0 || cfg.ShutdownGrace > 5*time.Minute {
		return Config{}, &configError{key: "telegram.shutdown_grace", value: raw, expected: "a duration from 1s to 5m such as 10s"}
	}
	if cfg.Ops, err = parseOps(v, cfg.StoragePath); err != nil {
		return Config{}, err
	}
	if cfg.Sources, err = loadSourcesConfig(v); err != nil {
		return Config{}, err
	}
	return cfg, cfg.validate()
}

func readConfigFile(v *viper.Viper, path string, explicit bool) error {
	f, err := os.Open(path)
	if os.IsNotExist(err) && !explicit {
		return nil
	}
	if err != nil {
		return &configError{key: "--config", value: path, expected: "a readable YAML file (" + err.Error() + ")"}
	}
	defer f.Close()
	if err := v.ReadConfig(f); err != nil {
		return &configError{key: "--config", value: path, expected: "valid YAML: " + oneLine(err.Error())}
	}
	return nil
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// validate checks the values every command needs; serve also needs the
// token (see requireToken).
func (c Config) validate() error {
	u, err := url.Parse(c.APIURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return &configError{key: "telegram.api_url", value: c.APIURL, expected: "an http(s) URL such as https://api.telegram.org"}
	}
	if c.StoragePath == "" {
		return &configError{key: "storage.path", expected: "a file path such as ./trackbot.db"}
	}
	if _, err := time.LoadLocation(c.TimeZone); err != nil || c.TimeZone == "" || c.TimeZone == "Local" {
		return &configError{key: "timezone", value: c.TimeZone, expected: "an IANA time zone such as Europe/Moscow"}
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return &configError{key: "log.format", value: c.LogFormat, expected: "text or json"}
	}
	return nil
}

// requireToken checks the token without ever printing it.
func (c Config) requireToken() error {
	if c.Token == "" {
		return &configError{key: "telegram.token", expected: "missing: set TRACKBOT_TELEGRAM_TOKEN to the token from @BotFather"}
	}
	if !tokenShape.MatchString(c.Token) {
		return &configError{key: "telegram.token", expected: "does not look like a bot token (expected <bot id>:<secret> from @BotFather; the value is not shown)"}
	}
	return nil
}

// parseChatIDs accepts a YAML list or a comma-separated string (the form
// an environment variable takes).
func parseChatIDs(raw any) ([]int64, error) {
	var parts []string
	switch v := raw.(type) {
	case nil:
	case string:
		parts = strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == ';' })
	case []any:
		for _, p := range v {
			parts = append(parts, fmt.Sprint(p))
		}
	case []string:
		parts = v
	default:
		parts = []string{fmt.Sprint(v)}
	}
	ids := make([]int64, 0, len(parts))
	for _, p := range parts {
		id, err := strconv.ParseInt(strings.TrimSpace(p), 10, 64)
		if err != nil || id == 0 {
			return nil, &configError{key: "access.allowed_chats", value: p, expected: "a list of chat ids such as -1001234567890 (comma-separated in TRACKBOT_ACCESS_ALLOWED_CHATS)"}
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// parseLimits reads telegram.limits.*: every value must be positive, as a
// zero would mean no limit at all.
func parseLimits(v *viper.Viper) (bot.Limits, error) {
	var l bot.Limits
	raw := strings.TrimSpace(v.GetString("telegram.limits.chat_interval"))
	d, err := time.ParseDuration(raw)
	if err != nil || d <= 0 {
		return l, &configError{key: "telegram.limits.chat_interval", value: raw, expected: "a positive duration such as 1s"}
	}
	l.ChatInterval = d
	for _, f := range []struct {
		key string
		to  *int
	}{
		{"telegram.limits.group_per_minute", &l.GroupPerMinute},
		{"telegram.limits.global_per_second", &l.GlobalPerSecond},
	} {
		raw := strings.TrimSpace(v.GetString(f.key))
		n, err := strconv.Atoi(raw)
		if err != nil || n <= 0 {
			return l, &configError{key: f.key, value: raw, expected: "a positive whole number"}
		}
		*f.to = n
	}
	return l, nil
}

func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(strings.TrimSpace(s))); err != nil {
		return 0, &configError{key: "log.level", value: s, expected: "debug, info, warn or error"}
	}
	return l, nil
}

// logger builds the process logger; the bot wraps it so the token never
// reaches a line.
func (c Config) logger(w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: c.LogLevel}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
