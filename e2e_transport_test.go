package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"trackbot/bot/telegramtest"
	"trackbot/domain"
)

func TestTransport_FaultsStillGetExactlyOneReplyAndRespectRetryAfter(t *testing.T) {
	h := newHarness(t)
	h.cfg.LogLevel = -4 // debug: the more the bot logs, the more a leak would show
	// Failed sends are retried after 50 ms, doubling, rather than a second:
	// the test is about how many replies arrive and retry_after, which the
	// sender keeps whatever this delay.
	h.seams.retryDelay = 50 * time.Millisecond
	h.start()
	h.setUp()
	h.tg.SetFaults(telegramtest.Faults{
		Seed:              7,
		RateLimit429:      0.25,
		RetryAfter:        2,
		EnforceRetryAfter: true,
		ServerError5xx:    0.25,
		DropConnection:    0.05,
	})
	type sent struct {
		chat telegramtest.Chat
		id   int
	}
	var commands []sent
	users := []telegramtest.User{marketer, seller, outsider,
		{ID: 201, FirstName: "Ivan", LanguageCode: "ru"}, {ID: 202, FirstName: "Kate", LanguageCode: "en"}}
	for round := 0; round < 3; round++ {
		commands = append(commands, sent{leaders, h.tg.SendText(leaders, ceo, "/team")})
		for _, u := range users {
			chat := telegramtest.PrivateChat(u)
			commands = append(commands, sent{chat, h.tg.SendText(chat, u, "/help")})
		}
	}
	h.tg.WaitFor(t, 90*time.Second, "every command answered", func() bool {
		for _, c := range commands {
			if countReplies(h.tg, c.chat, c.id) == 0 {
				return false
			}
		}
		return true
	})
	if err := h.stopBot(); err != nil {
		t.Fatalf("bot stopped with %v", err)
	}
	for _, c := range commands {
		if n := countReplies(h.tg, c.chat, c.id); n != 1 {
			t.Errorf("command %d in chat %d got %d replies, want exactly 1", c.id, c.chat.ID, n)
		}
	}
	if v := h.tg.Violations(); len(v) > 0 {
		t.Errorf("requests sent before retry_after passed:\n%s", strings.Join(v, "\n"))
	}
	if h.tg.Count429() == 0 || countStatus(h.tg, 502) == 0 {
		t.Fatalf("the fault injection did not fire (429s: %d, 502s: %d)", h.tg.Count429(), countStatus(h.tg, 502))
	}
	assertNoTokenIn(t, h.log.String(), h.tg.Token())
}

func countReplies(tg *telegramtest.Server, chat telegramtest.Chat, msgID int) int {
	n := 0
	for _, m := range tg.Messages(chat.ID) {
		if m.FromBot && m.ReplyToMessageID == msgID {
			n++
		}
	}
	return n
}

func countStatus(tg *telegramtest.Server, status int) int {
	n := 0
	for _, c := range tg.Calls() {
		if c.Status == status {
			n++
		}
	}
	return n
}

// assertNoTokenIn fails if text holds the token or any 8-character piece
// of its secret part.
func assertNoTokenIn(t *testing.T, text, token string) {
	t.Helper()
	if text == "" {
		t.Fatal("the captured log is empty: the check would prove nothing")
	}
	secret := token[strings.IndexByte(token, ':')+1:]
	for i := 0; i+8 <= len(secret); i++ {
		if strings.Contains(text, secret[i:i+8]) {
			t.Fatalf("the log contains part of the token (%q)", secret[i:i+8])
		}
	}
}

func TestTransport_ConflictStopsWithClearError(t *testing.T) {
	h := newHarness(t)
	h.start()
	h.tg.WaitForCalls(t, "getUpdates", 1, 10*time.Second)
	h.tg.SimulateConflict()
	select {
	case err := <-h.done:
		h.stop = nil
		if err == nil || !strings.Contains(err.Error(), "another trackbot instance") {
			t.Errorf("Run returned %v, want the conflict error", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the bot kept running after 409 Conflict")
	}
}

func TestTransport_LowerUpdateIDsAfterIdleWeekAreHandled(t *testing.T) {
	h := newHarness(t)
	h.start()
	h.setUp()
	h.tg.WaitFor(t, 10*time.Second, "queue drained", func() bool { return h.tg.PendingUpdates() == 0 })
	h.tg.RestartUpdateIDs(1000)
	team := h.say(leaders, ceo, "/team")
	if !strings.Contains(team.RawText, "@anna_ceo") {
		t.Errorf("reply after the id restart = %q", team.Text)
	}
}

func TestTransport_ShutdownIsQuickDuringLongPoll(t *testing.T) {
	h := newHarness(t)
	h.start()
	h.say(leaders, ceo, "/help")
	h.tg.WaitForCalls(t, "getUpdates", 2, 10*time.Second)
	began := time.Now()
	if err := h.stopBot(); err != nil {
		t.Fatalf("clean shutdown returned %v", err)
	}
	if d := time.Since(began); d > 8*time.Second {
		t.Errorf("shutdown took %v during a long poll, want a few seconds", d)
	}
}

// binary builds trackbot once for the tests that need a real process.
var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

func trackbotBinary(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "trackbot-bin")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "trackbot")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// process is trackbot running as a real process against the fake server.
type process struct {
	cmd  *exec.Cmd
	out  *syncBuffer
	done chan error
}

func startProcess(t *testing.T, h *harness) *process {
	t.Helper()
	cmd := exec.Command(trackbotBinary(t), "serve", "--config", filepath.Join(t.TempDir(), "none.yaml"))
	os.WriteFile(filepath.Join(filepath.Dir(cmd.Args[3]), "none.yaml"), nil, 0o600)
	cmd.Env = append(os.Environ(),
		"TRACKBOT_TELEGRAM_TOKEN="+h.cfg.Token,
		"TRACKBOT_TELEGRAM_API_URL="+h.cfg.APIURL,
		"TRACKBOT_STORAGE_PATH="+h.cfg.StoragePath,
		"TRACKBOT_LOG_LEVEL=debug",
		"TRACKBOT_TELEGRAM_LIMITS_CHAT_INTERVAL="+h.cfg.Limits.ChatInterval.String(),
		fmt.Sprintf("TRACKBOT_TELEGRAM_LIMITS_GROUP_PER_MINUTE=%d", h.cfg.Limits.GroupPerMinute),
		fmt.Sprintf("TRACKBOT_TELEGRAM_LIMITS_GLOBAL_PER_SECOND=%d", h.cfg.Limits.GlobalPerSecond),
	)
	p := &process{cmd: cmd, out: &syncBuffer{}, done: make(chan error, 1)}
	cmd.Stdout, cmd.Stderr = p.out, p.out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.done <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-p.done
	})
	return p
}

func TestTransport_SecondInstanceOnSameDatabaseExitsQuickly(t *testing.T) {
	h := newHarness(t)
	first := startProcess(t, h)
	h.tg.WaitForCalls(t, "getUpdates", 1, 20*time.Second)
	began := time.Now()
	second := startProcess(t, h)
	select {
	case err := <-second.done:
		second.done <- err
		if err == nil {
			t.Fatal("the second instance exited 0")
		}
		if !strings.Contains(second.out.String(), "is in use by another trackbot process") {
			t.Errorf("second instance said %q", second.out.String())
		}
	case <-time.After(5*time.Second + time.Since(began)):
		t.Fatal("the second instance did not exit within 5 seconds")
	}
	select {
	case err := <-first.done:
		first.done <- err
		t.Fatalf("the first instance stopped: %v\n%s", err, first.out.String())
	default:
	}
	_ = first.cmd.Process.Signal(syscall.SIGTERM)
}

// TestTransport_CrashMidBurstNeitherLosesNorRepeats kills the process
// without a clean shutdown several times while a burst of state-changing
// commands is being handled. Afterwards the stored state must equal
// applying every command once: each join request stored once, each
// granted role present, and exactly one stored reply per command (a
// command applied twice would have queued its reply twice).
func TestTransport_CrashMidBurstNeitherLosesNorRepeats(t *testing.T) {
	h := newHarness(t)
	h.start()
	h.setUp()
	if err := h.stopBot(); err != nil {
		t.Fatal(err)
	}
	// The burst: 30 people ask to join; the CEO makes every third one a
	// marketing head by replying to their first message.
	var commandIDs []int
	var people []telegramtest.User
	for i := range 30 {
		u := telegramtest.User{ID: int64(5000 + i), FirstName: fmt.Sprintf("P%02d", i), LanguageCode: "en"}
		people = append(people, u)
		hello := h.tg.SendText(leaders, u, "hello")
		commandIDs = append(commandIDs, h.tg.SendText(leaders, u, "/join sales"))
		if i%3 == 0 {
			commandIDs = append(commandIDs, h.tg.ReplyText(leaders, ceo, hello, "/head marketing"))
		}
	}
	total := len(commandIDs)
	for crash := 0; crash < 3; crash++ {
		p := startProcess(t, h)
		handled := countAllReplies(h.tg, leaders)
		// Kill as soon as the process has made progress, in the middle of the burst.
		h.tg.WaitFor(t, 30*time.Second, "progress", func() bool {
			return countAllReplies(h.tg, leaders) > handled || len(h.tg.CallsTo("getUpdates")) > 0 && h.tg.PendingUpdates() == 0
		})
		_ = p.cmd.Process.Kill()
		<-p.done
		p.done <- nil
	}
	final := startProcess(t, h)
	h.tg.WaitFor(t, 120*time.Second, "every command answered", func() bool {
		return h.tg.PendingUpdates() == 0 && everyCommandAnswered(h.tg, leaders, commandIDs)
	})
	_ = final.cmd.Process.Signal(syscall.SIGTERM)
	<-final.done
	final.done <- nil

	ws := h.workspace(leaders.ID)
	if len(ws.Joins) != 30 {
		t.Errorf("pending joins = %d, want one per person who asked (30)", len(ws.Joins))
	}
	for i, u := range people {
		if got, want := ws.IsHeadOf(u.ID, domain.DeptMarketing), i%3 == 0; got != want {
			t.Errorf("%s heads marketing = %v, want %v", u.FirstName, got, want)
		}
	}
	// Exactly one stored reply per command.
	replies := map[int]int{}
	h.view(func(tx domain.Tx) error {
		for id := int64(1); ; id++ {
			job, err := tx.Outbox().Get(id)
			if domain.ErrorCode(err) == domain.ENOTFOUND {
				return nil
			}
			if err != nil {
				return err
			}
			if job.ChatID == leaders.ID && job.ReplyTo != 0 {
				replies[job.ReplyTo]++
			}
		}
	})
	for _, id := range commandIDs {
		if replies[id] != 1 {
			t.Errorf("command message %d has %d stored replies, want 1", id, replies[id])
		}
	}
	if len(replies) < total {
		t.Errorf("stored replies cover %d commands, want %d", len(replies), total)
	}
}

func countAllReplies(tg *telegramtest.Server, chat telegramtest.Chat) int {
	n := 0
	for _, m := range tg.Messages(chat.ID) {
		if m.ReplyToMessageID != 0 {
			n++
		}
	}
	return n
}

func everyCommandAnswered(tg *telegramtest.Server, chat telegramtest.Chat, ids []int) bool {
	for _, id := range ids {
		if countReplies(tg, chat, id) == 0 {
			return false
		}
	}
	return true
}
