package telegramtest

import (
	"net/http"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// pollActive reports whether a getUpdates call is waiting on the server.
func (s *Server) pollActive() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.updates.active != nil
}

func TestGetUpdatesOffsetConfirmAndLongPoll(t *testing.T) {
	t.Parallel() // it waits out a real long poll, beside the other waits
	srv, bot := newBot(t)
	id := srv.SendText(group, alice, "/start@trackbot_test_bot now")
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil || len(ups) != 1 {
		t.Fatalf("updates: %v %+v", err, ups)
	}
	m := ups[0].Message
	if m.MessageID != id || !m.IsCommand() || m.Command() != "start" || m.CommandArguments() != "now" || m.From.ID != alice.ID || m.Chat.Title != "Team" {
		t.Fatalf("message: %+v", m)
	}
	// Not confirmed yet: delivered again.
	again, _ := bot.GetUpdates(tgbotapi.UpdateConfig{})
	if len(again) != 1 || again[0].UpdateID != ups[0].UpdateID {
		t.Fatalf("redelivery: %+v", again)
	}
	// Confirmed by offset = update_id + 1.
	next := ups[0].UpdateID + 1
	if none, _ := bot.GetUpdates(tgbotapi.UpdateConfig{Offset: next}); len(none) != 0 || srv.PendingUpdates() != 0 {
		t.Fatalf("after confirm: %+v", none)
	}
	// Long poll: blocks until an update arrives.
	type polled struct {
		ups []tgbotapi.Update
		err error
	}
	done := make(chan polled, 1)
	start := time.Now()
	go func() {
		ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{Offset: next, Timeout: 10})
		done <- polled{ups, err}
	}()
	srv.WaitFor(t, 2*time.Second, "the poll waiting", srv.pollActive)
	select {
	case p := <-done:
		t.Fatalf("the long poll returned before any update: %v %+v", p.err, p.ups)
	default:
	}
	srv.SendText(PrivateChat(bob), bob, "hello")
	p := <-done
	ups, err = p.ups, p.err
	if err != nil || len(ups) != 1 || ups[0].Message.Chat.ID != bob.ID || ups[0].Message.Chat.Type != "private" {
		t.Fatalf("long poll: %v %+v", err, ups)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Fatalf("long poll took %v", d)
	}
	// And returns empty when the timeout passes.
	start = time.Now()
	ups, err = bot.GetUpdates(tgbotapi.UpdateConfig{Offset: ups[0].UpdateID + 1, Timeout: 1})
	if err != nil || len(ups) != 0 || time.Since(start) < 900*time.Millisecond {
		t.Fatalf("timeout: %v %+v after %v", err, ups, time.Since(start))
	}
}

func TestGetUpdatesLimit(t *testing.T) {
	srv, bot := newBot(t)
	for range 5 {
		srv.SendText(group, alice, "x")
	}
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{Limit: 2})
	if err != nil || len(ups) != 2 || ups[1].UpdateID != ups[0].UpdateID+1 {
		t.Fatalf("limit: %v %+v", err, ups)
	}
}

func TestRestartUpdateIDs(t *testing.T) {
	srv, bot := newBot(t)
	srv.SendText(group, alice, "before")
	ups, _ := bot.GetUpdates(tgbotapi.UpdateConfig{})
	oldOffset := ups[0].UpdateID + 1
	bot.GetUpdates(tgbotapi.UpdateConfig{Offset: oldOffset})
	if srv.PendingUpdates() != 0 {
		t.Fatal("not confirmed")
	}
	srv.RestartUpdateIDs(10)
	srv.SendText(group, alice, "after")
	// The stale, higher offset must not hide the new, lower ids.
	for range 2 {
		ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{Offset: oldOffset})
		if err != nil || len(ups) != 1 || ups[0].UpdateID != 10 || ups[0].Message.Text != "after" {
			t.Fatalf("after restart: %v %+v", err, ups)
		}
	}
	if ups, _ := bot.GetUpdates(tgbotapi.UpdateConfig{Offset: 11}); len(ups) != 0 {
		t.Fatalf("offset of the new numbering must confirm: %+v", ups)
	}
}

func TestConflict(t *testing.T) {
	srv, bot := newBot(t)
	first := make(chan error, 1)
	go func() {
		_, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 10})
		first <- err
	}()
	srv.WaitFor(t, 2*time.Second, "first poll waiting", srv.pollActive)
	second := make(chan error, 1)
	go func() {
		_, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 10})
		second <- err
	}()
	select {
	case err := <-first:
		if te := apiErr(t, err); te.Code != http.StatusConflict || te.Message != conflictDescription {
			t.Fatalf("older poll: %+v", te)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("older poll was not terminated")
	}
	srv.WaitFor(t, 2*time.Second, "second poll active", srv.pollActive)
	srv.SimulateConflict()
	if err := <-second; apiErr(t, err).Code != http.StatusConflict {
		t.Fatalf("simulated on active: %v", err)
	}
	srv.SimulateConflict()
	if _, err := bot.GetUpdates(tgbotapi.UpdateConfig{}); apiErr(t, err).Code != http.StatusConflict {
		t.Fatalf("simulated on next: %v", err)
	}
	if _, err := bot.GetUpdates(tgbotapi.UpdateConfig{}); err != nil {
		t.Fatalf("conflict must be one-shot: %v", err)
	}
}

func TestCloseEndsLongPoll(t *testing.T) {
	srv, bot := newBot(t)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 30})
	}()
	srv.WaitForCalls(t, "getUpdates", 1, 2*time.Second)
	start := time.Now()
	srv.Close()
	wg.Wait()
	if time.Since(start) > 2*time.Second {
		t.Fatal("Close waited for the long poll")
	}
}
