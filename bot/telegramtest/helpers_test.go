package telegramtest

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// newBot points the real client library at a fresh fake server.
func newBot(t *testing.T, opts ...Option) (*Server, *tgbotapi.BotAPI) {
	t.Helper()
	srv := New(t, opts...)
	bot, err := tgbotapi.NewBotAPIWithClient(srv.Token(), srv.URL()+"/bot%s/%s", &http.Client{Timeout: 30 * time.Second})
	if err != nil {
		t.Fatalf("NewBotAPIWithClient: %v", err)
	}
	return srv, bot
}

// apiErr extracts the library's error, failing the test if err is not
// one.
func apiErr(t *testing.T, err error) *tgbotapi.Error {
	t.Helper()
	var te *tgbotapi.Error
	if !errors.As(err, &te) {
		t.Fatalf("want *tgbotapi.Error, got %T %v", err, err)
	}
	return te
}

// pngBytes makes a real PNG of the given size.
func pngBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	img.Set(0, 0, color.RGBA{R: 255, A: 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var (
	alice = User{ID: 1001, FirstName: "Alice", Username: "alice", LanguageCode: "en"}
	bob   = User{ID: 1002, FirstName: "Bob"}
	group = Chat{ID: -4001, Type: "group", Title: "Team"}
)
