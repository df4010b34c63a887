package storage

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"trackbot/domain"
)

// testToken is a Kommo-like long-lived token; no byte of it may reach the file.
const testToken = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ0cmFja2JvdCJ9.SECRET-signature-a1b2"

func testKey(tb testing.TB) []byte {
	tb.Helper()
	key := make([]byte, SecretsKeySize)
	if _, err := rand.Read(key); err != nil {
		tb.Fatal(err)
	}
	return key
}

// fullSource sets every field, so the round trip proves each is stored.
func fullSource() *domain.Source {
	s := &domain.Source{
		Workspace: 1, Kind: domain.SourceKommo, Name: "kommo", Link: "https://acme.kommo.com",
		Awaiting: 101, AwaitingUntil: t0.Add(time.Hour),
		Mapping: domain.SourceMapping{
			Segments: map[string]string{"p1": "dealers"}, Stages: map[string]string{"s1": "leads"},
			Reasons: map[string]string{"r1": "price"}, Managers: map[string]string{"u1": "Ivan"},
		},
		Catalog: domain.SourceCatalog{
			Segments: []domain.SourceItem{{ID: "p1", Name: "Дилеры", Parent: "x", Won: true, Lost: true}},
			Stages:   []domain.SourceItem{{ID: "s1", Name: "Новая", Parent: "p1", Won: true, Lost: true}},
			Reasons:  []domain.SourceItem{{ID: "r1", Name: "Дорого", Parent: "x", Won: true, Lost: true}},
			Managers: []domain.SourceItem{{ID: "u1", Name: "Ivan", Parent: "x", Won: true, Lost: true}},
		},
		CatalogVersion: 3, On: true, Since: t0, Paused: true,
		Locked:  []domain.Field{{Kind: domain.FieldDropOff, Stage: "meetings", Reason: "price", Manager: "Ivan"}},
		AddedBy: domain.Person{UserID: 101, Name: "Anna", Username: "anna"}, AddedAt: t0,
		Request:  &domain.SyncRequest{Kind: domain.SyncPreview, By: domain.Person{UserID: 101, Name: "Anna", Username: "anna"}, ChatID: -100, ReplyTo: 7, At: t0},
		Last:     domain.SyncResult{At: t0, OK: true, Figures: 12, Revision: 4, Problem: "source.fail.network", Detail: "timeout"},
		Failures: 2, Done: t0.Add(-time.Hour),
	}
	s.SetSecret(domain.NewSecret(testToken))
	s.Awaiting, s.AwaitingUntil = 101, t0.Add(time.Hour) // SetSecret clears them
	s.SecretLost = true                                  // set for the field check; Put clears it by sealing the secret
	return s
}

func TestSources_RoundTripKeepsEveryField(t *testing.T) {
	db := mustOpenAt(t, filepath.Join(t.TempDir(), "trackbot.db"), Options{Now: func() time.Time { return t0 }, SecretsKey: testKey(t)})
	want := fullSource()
	update(t, db, func(tx domain.Tx) error { return tx.Sources().Create(want) })
	requireAllFieldsSet(t, "Source", *want)
	want.SecretLost = false
	var got *domain.Source
	view(t, db, func(tx domain.Tx) error {
		var err error
		got, err = tx.Sources().Get(1, want.ID)
		return err
	})
	if got.Secret.Reveal() != testToken {
		t.Errorf("the secret came back as %q", got.Secret.Reveal())
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, want)
	}
}

// The token is sealed: the file holds neither the token nor any long
// part of it, and it opens only with the key it was sealed with.
func TestSources_SecretIsNotInTheFileInClear(t *testing.T) {
	path := filepath.Join(t.TempDir(), "trackbot.db")
	key := testKey(t)
	db := mustOpenAt(t, path, Options{SecretsKey: key})
	src := fullSource()
	update(t, db, func(tx domain.Tx) error { return tx.Sources().Create(src) })
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range []string{testToken, "SECRET-signature", "eyJhdWQiOiJ0cmFja2JvdCJ9", base64.StdEncoding.EncodeToString([]byte(testToken))[:24]} {
		if bytes.Contains(data, []byte(part)) {
			t.Errorf("the database file holds %q in clear", part)
		}
	}
	if !bytes.Contains(data, []byte("…a1b2")) {
		t.Error("the masked hint is not stored for the list")
	}

	// Without the key, and with another one, the source reads as lost, not as garbage.
	for name, opts := range map[string]Options{"no key": {}, "another key": {SecretsKey: testKey(t)}} {
		other, err := Open(path, opts)
		if err != nil {
			t.Fatal(err)
		}
		var got *domain.Source
		err = other.View(func(tx domain.Tx) error {
			got, err = tx.Sources().Get(1, src.ID)
			return err
		})
		if err != nil || !got.SecretLost || !got.Secret.IsZero() || got.Hint != "…a1b2" {
			t.Errorf("%s: %+v, %v; want the secret lost and the hint kept", name, got, err)
		}
		// Saving it back (paused, say) keeps the sealed secret for the right key.
		got.Paused = false
		if name == "no key" {
			if err := other.Update(func(tx domain.Tx) error { return tx.Sources().Put(got) }); err != nil {
				t.Fatalf("%s: Put of a lost secret: %v", name, err)
			}
		}
		other.Close()
	}
	db = mustOpenAt(t, path, Options{SecretsKey: key})
	view(t, db, func(tx domain.Tx) error {
		got, err := tx.Sources().Get(1, src.ID)
		if err != nil || got.Secret.Reveal() != testToken || got.Paused {
			t.Errorf("with the key again: %+v, %v", got, err)
		}
		return nil
	})
}

func TestSources_WithoutAKeyASecretIsRefused(t *testing.T) {
	db := mustOpen(t)
	src := fullSource()
	var can bool
	err := db.Update(func(tx domain.Tx) error {
		can = tx.Sources().CanKeepSecrets()
		return tx.Sources().Create(src)
	})
	if can || domain.ErrorCode(err) != domain.ECONFLICT || !strings.Contains(err.Error(), "TRACKBOT_SECRETS_KEY") {
		t.Errorf("CanKeepSecrets = %v, Create = %v; want a refusal saying how to set the key", can, err)
	}
	sheet := &domain.Source{Workspace: 1, Kind: domain.SourceSheet, Name: "sheet", Link: "https://example.com/a.csv"}
	update(t, db, func(tx domain.Tx) error { return tx.Sources().Create(sheet) })
	view(t, db, func(tx domain.Tx) error {
		list, err := tx.Sources().List(1)
		if err != nil || len(list) != 1 || list[0].Name != "sheet" {
			t.Errorf("List = %v, %v; want the sheet alone", list, err)
		}
		return nil
	})
	update(t, db, func(tx domain.Tx) error { return tx.Sources().Delete(1, sheet.ID) })
	view(t, db, func(tx domain.Tx) error {
		if _, err := tx.Sources().Get(1, sheet.ID); domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Errorf("Get after Delete: %v", err)
		}
		return nil
	})
}

func TestParseSecretsKey(t *testing.T) {
	key := testKey(t)
	for _, s := range []string{base64.StdEncoding.EncodeToString(key), base64.RawURLEncoding.EncodeToString(key), " " + strings.ToUpper(hexString(key)) + "\n"} {
		if got, err := ParseSecretsKey(s); err != nil || !bytes.Equal(got, key) {
			t.Errorf("ParseSecretsKey(%q) = %x, %v", s, got, err)
		}
	}
	for _, s := range []string{"", "short", base64.StdEncoding.EncodeToString(key[:16])} {
		if _, err := ParseSecretsKey(s); err == nil || strings.Contains(err.Error(), s) && s != "" {
			t.Errorf("ParseSecretsKey(%q) = %v; want an error that does not echo it", s, err)
		}
	}
	if _, err := Open(filepath.Join(t.TempDir(), "x.db"), Options{SecretsKey: key[:16]}); err == nil {
		t.Error("Open took a 16-byte key")
	}
}

func hexString(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 0, 2*len(b))
	for _, c := range b {
		out = append(out, digits[c>>4], digits[c&15])
	}
	return string(out)
}
