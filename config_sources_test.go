package main

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"strings"
	"testing"
)

func TestConfig_SecretsKeyAndPrivateAddresses(t *testing.T) {
	cfg, err := loadConfig(writeConfig(t, ""), true)
	if err != nil || cfg.Sources.SecretsKey != nil || cfg.Sources.AllowPrivate {
		t.Fatalf("defaults: %+v, %v; want no key and public addresses only", cfg.Sources, err)
	}
	key := make([]byte, 32)
	rand.Read(key)
	t.Setenv("TRACKBOT_SECRETS_KEY", base64.StdEncoding.EncodeToString(key))
	t.Setenv("TRACKBOT_SOURCES_ALLOW_PRIVATE", "true")
	cfg, err = loadConfig(writeConfig(t, "sources:\n  allow_private: false\n"), true)
	if err != nil || !bytes.Equal(cfg.Sources.SecretsKey, key) || !cfg.Sources.AllowPrivate {
		t.Fatalf("from the environment: %v; want the key and allow_private", err)
	}
}

func TestConfig_BadSecretsKeyIsNamedNotShown(t *testing.T) {
	t.Setenv("TRACKBOT_SECRETS_KEY", "hunter2-not-a-key")
	_, err := loadConfig(writeConfig(t, ""), true)
	if err == nil || !strings.Contains(err.Error(), "secrets.key") || !strings.Contains(err.Error(), "openssl rand -base64 32") || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("a bad key: %v", err)
	}
	t.Setenv("TRACKBOT_SECRETS_KEY", "")
	t.Setenv("TRACKBOT_SOURCES_ALLOW_PRIVATE", "maybe")
	if _, err := loadConfig(writeConfig(t, ""), true); err == nil || !strings.Contains(err.Error(), `sources.allow_private = "maybe"`) {
		t.Errorf("a bad allow_private: %v", err)
	}
}
