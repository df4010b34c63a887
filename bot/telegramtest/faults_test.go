package telegramtest

import (
	"fmt"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

func TestRetryAfterViolations(t *testing.T) {
	t.Parallel() // it waits out a real retry_after, beside the other waits
	srv, bot := newBot(t)
	srv.SetFaults(Faults{RateLimit429: 1, RetryAfter: 1, EnforceRetryAfter: true})
	_, err := bot.Send(tgbotapi.NewMessage(7, "x"))
	te := apiErr(t, err)
	if te.Code != 429 || te.RetryAfter != 1 || te.Message != "Too Many Requests: retry after 1" {
		t.Fatalf("429: %+v", te)
	}
	if len(srv.Messages(7)) != 0 {
		t.Fatal("a 429 must have no effect")
	}
	srv.SetFaults(Faults{EnforceRetryAfter: true})
	// Another chat is not affected.
	if _, err := bot.Send(tgbotapi.NewMessage(8, "x")); err != nil {
		t.Fatal(err)
	}
	if len(srv.Violations()) != 0 {
		t.Fatal("violation for another chat")
	}
	// Not waiting is a violation.
	if _, err := bot.Send(tgbotapi.NewMessage(7, "x")); apiErr(t, err).Code != 429 {
		t.Fatalf("early retry: %v", err)
	}
	if v := srv.Violations(); len(v) != 1 {
		t.Fatalf("violations: %v", v)
	}
	time.Sleep(1100 * time.Millisecond)
	if _, err := bot.Send(tgbotapi.NewMessage(7, "x")); err != nil {
		t.Fatalf("after waiting: %v", err)
	}
	if v := srv.Violations(); len(v) != 1 || srv.Count429() != 2 {
		t.Fatalf("violations %v, 429s %d", v, srv.Count429())
	}
}

func TestUpload429HasNoCodeButRetryAfter(t *testing.T) {
	srv, bot := newBot(t)
	srv.FailNext("sendPhoto", Failure{Code: 429, RetryAfter: 3})
	_, err := bot.Send(tgbotapi.NewPhoto(7, tgbotapi.FileBytes{Name: "a.png", Bytes: pngBytes(t, 2, 2)}))
	if te := apiErr(t, err); te.RetryAfter != 3 {
		t.Fatalf("upload 429: %+v", te)
	}
}

func TestServerErrorAndDrop(t *testing.T) {
	srv, bot := newBot(t)
	srv.FailNext("sendMessage", Failure{Code: 502})
	srv.FailNext("sendMessage", Failure{Drop: true})
	for range 2 {
		if _, err := bot.Send(tgbotapi.NewMessage(7, "x")); err == nil {
			t.Fatal("fault not injected")
		}
	}
	if len(srv.Messages(7)) != 0 {
		t.Fatal("faulted requests must have no effect")
	}
	calls := srv.CallsTo("sendMessage")
	if calls[0].Status != 502 || calls[0].Fault != "hook" || calls[1].Status != 0 {
		t.Fatalf("calls: %+v", calls)
	}
	// After the effect: the message exists although the bot saw an error.
	srv.SetFaults(Faults{DropConnection: 1, FailAfterEffect: true})
	if _, err := bot.Send(tgbotapi.NewMessage(7, "dup?")); err == nil {
		t.Fatal("drop not injected")
	}
	if m := srv.Messages(7); len(m) != 1 || m[0].Text != "dup?" {
		t.Fatalf("after-effect: %+v", m)
	}
	if c := srv.CallsTo("sendMessage")[2]; c.Fault != "drop_after_effect" || c.MessageID != 1 {
		t.Fatalf("call: %+v", c)
	}
	// getUpdates is not faulted by default.
	if _, err := bot.GetUpdates(tgbotapi.UpdateConfig{}); err != nil {
		t.Fatal(err)
	}
}

func TestFaultsAreDeterministic(t *testing.T) {
	run := func() string {
		srv, bot := newBot(t)
		srv.SetFaults(Faults{Seed: 42, RateLimit429: 0.3, ServerError5xx: 0.3})
		out := ""
		for i := range 20 {
			bot.Send(tgbotapi.NewMessage(int64(100+i), "x"))
		}
		for _, c := range srv.CallsTo("sendMessage") {
			out += fmt.Sprint(c.Status, " ")
		}
		return out
	}
	a, b := run(), run()
	if a != b {
		t.Fatalf("same seed, different faults:\n%s\n%s", a, b)
	}
}

func TestFloodLimits(t *testing.T) {
	srv, bot := newBot(t)
	srv.SetFaults(Faults{EnforceFloodLimits: true})
	var errs []error
	for range 4 {
		_, err := bot.Send(tgbotapi.NewMessage(7, "x"))
		errs = append(errs, err)
	}
	for i := range 3 {
		if errs[i] != nil {
			t.Fatalf("burst message %d: %v", i, errs[i])
		}
	}
	if te := apiErr(t, errs[3]); te.Code != 429 || te.RetryAfter != 1 {
		t.Fatalf("4th: %+v", te)
	}
	if srv.Count429() != 1 || len(srv.Messages(7)) != 3 {
		t.Fatalf("429s %d, messages %d", srv.Count429(), len(srv.Messages(7)))
	}
	// Group limit: 20 per minute.
	srv.SetFaults(Faults{EnforceFloodLimits: true, Flood: FloodLimits{PerChatBurst: 100, GlobalPerSecond: 1000}})
	n := 0
	for range 25 {
		if _, err := bot.Send(tgbotapi.NewMessage(group.ID, "x")); err == nil {
			n++
		} else if te := apiErr(t, err); te.RetryAfter < 50 {
			t.Fatalf("group retry_after should be about a minute: %+v", te)
		}
	}
	if n != 20 {
		t.Fatalf("group messages accepted: %d", n)
	}
}

func TestDelayAndHook(t *testing.T) {
	srv, bot := newBot(t)
	srv.SetFaults(Faults{Delay: 200 * time.Millisecond})
	start := time.Now()
	if _, err := bot.Send(tgbotapi.NewMessage(7, "slow")); err != nil || time.Since(start) < 200*time.Millisecond {
		t.Fatalf("delay: %v %v", err, time.Since(start))
	}
	srv.SetFaults(Faults{})
	srv.SetHook(func(c Call) *Failure {
		if c.Params["text"] == "forbidden" {
			return &Failure{Code: 403, Description: "Forbidden: bot was blocked by the user"}
		}
		return nil
	})
	if _, err := bot.Send(tgbotapi.NewMessage(7, "forbidden")); apiErr(t, err).Code != 403 {
		t.Fatalf("hook: %v", err)
	}
	if _, err := bot.Send(tgbotapi.NewMessage(7, "fine")); err != nil {
		t.Fatal(err)
	}
}

func TestConcurrentRequests(t *testing.T) {
	srv, bot := newBot(t)
	srv.SetFaults(Faults{Seed: 1, RateLimit429: 0.1, ServerError5xx: 0.1})
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 20 {
				bot.Send(tgbotapi.NewMessage(int64(g+1), fmt.Sprint(i)))
				srv.Messages(int64(g + 1))
			}
		})
	}
	wg.Go(func() {
		for range 20 {
			srv.SendText(group, alice, "/start")
			bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 0})
		}
	})
	wg.Wait()
	if got := len(srv.CallsTo("sendMessage")); got != 160 {
		t.Fatalf("calls: %d", got)
	}
}
