package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"trackbot/bot"
	"trackbot/bot/telegramtest"
	"trackbot/charts"
	"trackbot/domain"
	"trackbot/storage"
)

// The people and chats the end-to-end tests play.
var (
	ceo       = telegramtest.User{ID: 101, FirstName: "Anna", LastName: "Petrova", Username: "anna_ceo", LanguageCode: "en"}
	marketer  = telegramtest.User{ID: 102, FirstName: "Mark", Username: "mark_head", LanguageCode: "en"}
	seller    = telegramtest.User{ID: 103, FirstName: "Sergey", Username: "sales_head", LanguageCode: "ru"}
	outsider  = telegramtest.User{ID: 104, FirstName: "Olga", LanguageCode: "en"}
	leaders   = telegramtest.Chat{ID: -1001000000001, Type: "supergroup", Title: "Leadership"}
	otherTeam = telegramtest.Chat{ID: -1001000000002, Type: "supergroup", Title: "Other company"}
)

// syncBuffer is a log sink safe for the bot's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// fastLimits are the flood limits of the end-to-end tests. None of them
// tests pacing (the sender's tests in bot/ do, on a fake clock), so they
// need not wait on Telegram's real second and minute.
var fastLimits = bot.Limits{ChatInterval: time.Millisecond, GroupPerMinute: 1000, GlobalPerSecond: 1000}

// memDir returns a directory for the test's database in memory (/dev/shm)
// when the machine has one, else t.TempDir(). bbolt syncs every commit to
// disk, which on a shared disk costs about 10 ms each and was most of the
// end-to-end tests' time; the tests kill processes, not machines, so the
// page cache already keeps what a commit wrote.
func memDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("/dev/shm", "trackbot-test-")
	if err != nil {
		return t.TempDir()
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

var (
	rendererOnce sync.Once
	renderer     *charts.Renderer
)

// sharedRenderer is one chart renderer for every harness's bot (a Renderer
// is safe for concurrent use). It keeps its PNGs: the tests draw the same
// pictures many times, and under -race encoding is most of a render's time.
func sharedRenderer(t *testing.T) *charts.Renderer {
	rendererOnce.Do(func() {
		r, err := charts.New()
		if err != nil {
			t.Fatal(err)
		}
		r.KeepPNGs()
		renderer = r
	})
	return renderer
}

// harness runs the real bot, wired by serve exactly as main wires it,
// against a fake Telegram server.
type harness struct {
	t     *testing.T
	tg    *telegramtest.Server
	cfg   Config
	seams seams // the clock, when a test fixes it
	log   *syncBuffer
	stop  context.CancelFunc
	done  chan error

	mu  sync.Mutex
	bot *bot.Bot // the running bot, once built
}

func newHarness(t *testing.T, opts ...telegramtest.Option) *harness {
	t.Helper()
	// Each harness has its own fake server and database, and the tests
	// mostly wait on Telegram's per-chat pacing: they run side by side.
	t.Parallel()
	tg := telegramtest.New(t, opts...)
	h := &harness{t: t, tg: tg, log: &syncBuffer{}, seams: seams{renderer: sharedRenderer(t)}, cfg: Config{
		Token:       tg.Token(),
		APIURL:      tg.URL(),
		StoragePath: filepath.Join(memDir(t), "trackbot.db"),
		TimeZone:    "Europe/Moscow",
		LogFormat:   "text",
		Limits:      fastLimits,
	}}
	tg.SetChatMember(leaders.ID, ceo, "creator")
	return h
}

// start runs the bot until the test ends or stopBot is called.
func (h *harness) start() {
	h.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	h.stop, h.done = cancel, make(chan error, 1)
	s := h.seams
	s.built = func(b *bot.Bot) {
		h.mu.Lock()
		h.bot = b
		h.mu.Unlock()
	}
	go func() { h.done <- serveWith(ctx, h.cfg, h.log, s) }()
	h.t.Cleanup(func() { h.stopBot() })
}

// stopBot shuts the bot down as SIGTERM would and returns Run's error.
func (h *harness) stopBot() error {
	if h.stop == nil {
		return nil
	}
	h.stop()
	h.stop = nil
	select {
	case err := <-h.done:
		return err
	case <-time.After(15 * time.Second):
		h.t.Fatal("the bot did not stop within 15 s")
		return nil
	}
}

// idle reports whether the bot has taken every update the fake holds and
// has sent everything those updates made it queue: Telegram forgets an
// update only when the bot asks for the next offset, which it does after
// the update's replies are committed and queued.
func (h *harness) idle() bool {
	h.mu.Lock()
	b := h.bot
	h.mu.Unlock()
	return b != nil && h.tg.PendingUpdates() == 0 && b.Idle()
}

// waitIdle waits until the bot is idle. It polls every millisecond rather
// than waiting on the fake's changes: the bot turns idle when it marks its
// last job sent, which the fake does not see.
func (h *harness) waitIdle() {
	h.t.Helper()
	for deadline := time.Now().Add(60 * time.Second); !h.idle(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			h.t.Fatal("the bot did not handle and send everything within 60 s")
		}
	}
}

// replyTo waits for the bot's message replying to msgID and returns it.
func (h *harness) replyTo(chat telegramtest.Chat, msgID int) telegramtest.Message {
	h.t.Helper()
	var got telegramtest.Message
	h.tg.WaitFor(h.t, 20*time.Second, "a reply to message", func() bool {
		for _, m := range h.tg.Messages(chat.ID) {
			if m.FromBot && m.ReplyToMessageID == msgID {
				got = m
				return true
			}
		}
		return false
	})
	return got
}

// say sends text as the user and returns the bot's reply to it.
func (h *harness) say(chat telegramtest.Chat, from telegramtest.User, text string) telegramtest.Message {
	h.t.Helper()
	return h.replyTo(chat, h.tg.SendText(chat, from, text))
}

// setUp makes the leadership chat a workspace with the CEO.
func (h *harness) setUp() {
	h.t.Helper()
	reply := h.say(leaders, ceo, "/setup")
	if !strings.Contains(reply.Text, "is set up") {
		h.t.Fatalf("/setup reply = %q", reply.Text)
	}
}

// workspace reads the stored workspace of the chat from the database,
// with the bot stopped (bbolt allows one process at a time).
func (h *harness) workspace(chatID int64) *domain.Workspace {
	h.t.Helper()
	var ws *domain.Workspace
	h.view(func(tx domain.Tx) error {
		var err error
		ws, err = tx.Workspaces().ByChat(chatID)
		if domain.ErrorCode(err) == domain.ENOTFOUND {
			return nil
		}
		return err
	})
	return ws
}

// view opens the database read-only for a look; the bot must be stopped.
func (h *harness) view(fn func(domain.Tx) error) {
	h.t.Helper()
	if h.stop != nil {
		if err := h.stopBot(); err != nil {
			h.t.Fatalf("bot stopped with %v", err)
		}
	}
	db, err := storage.Open(h.cfg.StoragePath, storage.Options{Timeout: time.Second})
	if err != nil {
		h.t.Fatal(err)
	}
	defer db.Close()
	if err := db.View(fn); err != nil {
		h.t.Fatal(err)
	}
}

// noReply checks that the bot never replied to msgID, once it has handled
// every update and sent everything they made it queue.
func (h *harness) noReply(chat telegramtest.Chat, msgID int) {
	h.t.Helper()
	h.waitIdle()
	for _, m := range h.tg.Messages(chat.ID) {
		if m.FromBot && m.ReplyToMessageID == msgID {
			h.t.Errorf("the bot replied to message %d: %q", msgID, m.Text)
		}
	}
}
