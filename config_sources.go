package main

import (
	"strconv"
	"strings"

	"github.com/spf13/viper"

	"trackbot/storage"
)

// SourcesConfig is what the sources need from the configuration: the key
// that seals their secrets, and whether links may lead to private
// addresses.
type SourcesConfig struct {
	// SecretsKey seals CRM tokens and webhook URLs in the database
	// (secrets.key, TRACKBOT_SECRETS_KEY); nil means sources with a
	// secret are refused.
	SecretsKey []byte
	// AllowPrivate lets sheet links and CRM addresses reach private and
	// loopback addresses (sources.allow_private): tests, or a CRM on the
	// company's own network. Off, a link can never probe the bot's network.
	AllowPrivate bool
}

// loadSourcesConfig reads secrets.* and sources.*. The key is never
// echoed, not even in an error.
func loadSourcesConfig(v *viper.Viper) (SourcesConfig, error) {
	v.SetDefault("secrets.key", "")
	v.SetDefault("sources.allow_private", "false")
	var c SourcesConfig
	if raw := strings.TrimSpace(v.GetString("secrets.key")); raw != "" {
		key, err := storage.ParseSecretsKey(raw)
		if err != nil {
			return c, &configError{key: "secrets.key", expected: err.Error() + " (the value is not shown)"}
		}
		c.SecretsKey = key
	}
	raw := strings.TrimSpace(v.GetString("sources.allow_private"))
	allow, err := strconv.ParseBool(raw)
	if err != nil {
		return c, &configError{key: "sources.allow_private", value: raw, expected: "true or false"}
	}
	c.AllowPrivate = allow
	return c, nil
}
