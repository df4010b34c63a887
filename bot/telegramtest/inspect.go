package telegramtest

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"
)

// Calls returns every request received so far, in arrival order.
func (s *Server) Calls() []Call {
	return s.CallsTo("")
}

// CallsTo returns the requests to one method (compared case-insensitively,
// like Telegram does); "" means all.
func (s *Server) CallsTo(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if method == "" || strings.EqualFold(c.Method, method) {
			out = append(out, copyCall(c))
		}
	}
	return out
}

// copyCall copies the maps and slices of a call so callers cannot change
// the record.
func copyCall(c Call) Call {
	c.Params = maps.Clone(c.Params)
	c.Files = maps.Clone(c.Files)
	c.MessageIDs = slices.Clone(c.MessageIDs)
	return c
}

// Messages returns what the chat currently shows from the bot, oldest
// first, with edits applied and deleted messages left out.
func (s *Server) Messages(chatID int64) []Message {
	return s.history(chatID, true)
}

// ChatHistory is like Messages but includes the users' messages and
// service messages.
func (s *Server) ChatHistory(chatID int64) []Message {
	return s.history(chatID, false)
}

func (s *Server) history(chatID int64, botOnly bool) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs := s.chats[chatID]
	if cs == nil {
		return nil
	}
	var out []Message
	for _, id := range cs.order {
		m := cs.messages[id]
		if m.deleted || botOnly && !m.fromBot {
			continue
		}
		out = append(out, s.viewLocked(m))
	}
	return out
}

// Message returns one message of a chat as currently shown.
func (s *Server) Message(chatID int64, messageID int) (Message, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.findMessageLocked(chatID, messageID)
	if m == nil {
		return Message{}, false
	}
	return s.viewLocked(m), true
}

// CallbackAnswers returns every callback query issued by PressButton,
// keyed by query id, with how the bot answered it.
func (s *Server) CallbackAnswers() map[string]CallbackAnswer {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]CallbackAnswer, len(s.callbacks))
	for id, cb := range s.callbacks {
		out[id] = *cb
	}
	return out
}

// UnansweredCallbacks returns the ids of presses the bot has not answered
// yet, in press order. A bot must answer every press, or the user's
// client shows a spinner.
func (s *Server) UnansweredCallbacks() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, id := range s.cbOrder {
		if !s.callbacks[id].Answered {
			out = append(out, id)
		}
	}
	return out
}

// Commands returns the command menus set with setMyCommands, sorted by
// scope, chat, user and language.
func (s *Server) Commands() []CommandSet {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]CommandSet, 0, len(s.commands))
	for _, set := range s.commands {
		set.Commands = slices.Clone(set.Commands)
		out = append(out, set)
	}
	slices.SortFunc(out, func(a, b CommandSet) int {
		return strings.Compare(fmt.Sprintf("%s|%020d|%020d|%s", a.Scope, a.ChatID, a.UserID, a.LanguageCode),
			fmt.Sprintf("%s|%020d|%020d|%s", b.Scope, b.ChatID, b.UserID, b.LanguageCode))
	})
	return out
}

// WaitFor waits until cond returns true and fails the test (with a dump
// of recent calls) if it does not within timeout. cond is re-evaluated
// on every change of the server's state and at least every 10 ms, so it
// may also look at state outside the server.
func (s *Server) WaitFor(t testing.TB, timeout time.Duration, desc string, cond func() bool) {
	t.Helper()
	if !s.waitUntil(timeout, cond) {
		t.Fatalf("telegramtest: timed out after %v waiting for %s\n%s", timeout, desc, s.dumpCalls(30))
	}
}

// waitUntil is WaitFor without the test: it reports whether cond became
// true in time.
func (s *Server) waitUntil(timeout time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(timeout)
	for {
		s.mu.Lock()
		changed := s.changed
		s.mu.Unlock()
		if cond() {
			return true
		}
		left := time.Until(deadline)
		if left <= 0 {
			return false
		}
		t := time.NewTimer(min(left, 10*time.Millisecond))
		select {
		case <-changed:
		case <-t.C:
		}
		t.Stop()
	}
}

// WaitForMessages waits until the chat shows at least n messages from the
// bot and returns them all; on timeout it fails the test with the chat's
// history and the recent calls.
func (s *Server) WaitForMessages(t testing.TB, chatID int64, n int, timeout time.Duration) []Message {
	t.Helper()
	var msgs []Message
	ok := s.waitUntil(timeout, func() bool {
		msgs = s.Messages(chatID)
		return len(msgs) >= n
	})
	if !ok {
		t.Fatalf("telegramtest: timed out after %v waiting for %d bot messages in chat %d, have %d\n%s%s",
			timeout, n, chatID, len(msgs), s.dumpChat(chatID), s.dumpCalls(30))
	}
	return msgs
}

// WaitForCalls waits until method was called at least n times and returns
// those calls.
func (s *Server) WaitForCalls(t testing.TB, method string, n int, timeout time.Duration) []Call {
	t.Helper()
	var calls []Call
	ok := s.waitUntil(timeout, func() bool {
		calls = s.CallsTo(method)
		return len(calls) >= n
	})
	if !ok {
		t.Fatalf("telegramtest: timed out after %v waiting for %d calls to %s, have %d\n%s",
			timeout, n, method, len(calls), s.dumpCalls(30))
	}
	return calls
}

// dumpChat describes everything a chat shows, for failure messages.
func (s *Server) dumpChat(chatID int64) string {
	var b strings.Builder
	fmt.Fprintf(&b, "chat %d history:\n", chatID)
	for _, m := range s.ChatHistory(chatID) {
		who := fmt.Sprintf("user %d", m.From.ID)
		if m.FromBot {
			who = "bot"
		}
		fmt.Fprintf(&b, "  #%d %s: %q", m.MessageID, who, m.Text+m.Caption)
		if len(m.Photos) > 0 {
			fmt.Fprintf(&b, " [photo]")
		}
		if m.Document != nil {
			fmt.Fprintf(&b, " [document %s]", m.Document.FileName)
		}
		if len(m.ReplyMarkup) > 0 {
			fmt.Fprintf(&b, " keyboard=%v", m.ReplyMarkup)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// dumpCalls describes the last n calls, for failure messages. Parameter
// values are cut short: they are there to orient, not to be complete.
func (s *Server) dumpCalls(n int) string {
	calls := s.Calls()
	var b strings.Builder
	fmt.Fprintf(&b, "last calls (of %d):\n", len(calls))
	for _, c := range calls[max(0, len(calls)-n):] {
		fmt.Fprintf(&b, "  %s %s chat=%d status=%d", c.Time.Format("15:04:05.000"), c.Method, c.ChatID, c.Status)
		if c.Description != "" {
			fmt.Fprintf(&b, " %q", c.Description)
		}
		if c.Fault != "" {
			fmt.Fprintf(&b, " fault=%s", c.Fault)
		}
		for _, k := range []string{"text", "caption", "callback_query_id", "offset"} {
			if v, ok := c.Params[k]; ok {
				if r := []rune(v); len(r) > 60 {
					v = string(r[:60]) + "…"
				}
				fmt.Fprintf(&b, " %s=%q", k, v)
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}
