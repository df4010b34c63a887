package storage

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// Secrets (CRM tokens, webhook URLs) are sealed with AES-256-GCM before
// they reach the file: the database is copied into backups and onto
// laptops, and a token there is the keys to a company's CRM. The key
// lives outside the file (secrets.key / TRACKBOT_SECRETS_KEY), so a copy
// of the file alone reveals nothing. Each sealed value is bound to its
// workspace and source (the GCM additional data), so it cannot be moved
// to another row.

// SecretsKeySize is the key length: AES-256.
const SecretsKeySize = 32

// ErrNoSecretsKey means a secret was to be stored but no key is set.
var ErrNoSecretsKey = errors.New("no secrets key is configured")

// ParseSecretsKey reads a key written as base64 (what `openssl rand
// -base64 32` prints) or as 64 hex digits. It never echoes the value.
func ParseSecretsKey(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	if len(s) == 2*SecretsKeySize {
		if key, err := hex.DecodeString(s); err == nil {
			return key, nil
		}
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if key, err := enc.DecodeString(s); err == nil && len(key) == SecretsKeySize {
			return key, nil
		}
	}
	return nil, fmt.Errorf("want %d random bytes as base64 (openssl rand -base64 32) or 64 hex digits", SecretsKeySize)
}

// sealer seals and opens secrets; a nil sealer has no key.
type sealer struct{ aead cipher.AEAD }

// newSealer returns the sealer for key, or nil for no key.
func newSealer(key []byte) (*sealer, error) {
	if len(key) == 0 {
		return nil, nil
	}
	if len(key) != SecretsKeySize {
		return nil, fmt.Errorf("secrets key: want %d bytes, got %d", SecretsKeySize, len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &sealer{aead: aead}, nil
}

// seal encrypts plain with a fresh random nonce, returned in front of the
// ciphertext; bound names the row the value belongs to.
func (s *sealer) seal(plain string, bound []byte) ([]byte, error) {
	if s == nil {
		return nil, ErrNoSecretsKey
	}
	nonce := make([]byte, s.aead.NonceSize(), s.aead.NonceSize()+len(plain)+s.aead.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	return s.aead.Seal(nonce, nonce, []byte(plain), bound), nil
}

// open decrypts a sealed value of the row bound; a missing or different
// key, or a value moved from another row, fails.
func (s *sealer) open(sealed, bound []byte) (string, error) {
	if s == nil {
		return "", ErrNoSecretsKey
	}
	n := s.aead.NonceSize()
	if len(sealed) < n+s.aead.Overhead() {
		return "", errors.New("sealed secret too short")
	}
	plain, err := s.aead.Open(nil, sealed[:n], sealed[n:], bound)
	if err != nil {
		return "", errors.New("the secret does not open with this key")
	}
	return string(plain), nil
}
