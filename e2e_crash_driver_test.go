package main

import (
	"fmt"
	"strings"
	"time"

	"trackbot/bot/telegramtest"
)

// The people's side of the crash run (see e2e_crash_test.go): they send
// the stream's commands and react to what the bot shows, whichever process
// is running at the moment.

// release sends the stream's next n commands.
func (r *crashRun) release(n int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for ; n > 0 && r.released < len(r.commands); n-- {
		r.commands[r.released]()
		r.released++
	}
}

// drive plays the people until stop is closed: every bot message they see
// gets the reaction its flow asks for, once per copy.
func (r *crashRun) drive(stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		case <-time.After(5 * time.Millisecond):
		}
		r.react()
	}
}

func (r *crashRun) react() {
	r.mu.Lock()
	defer r.mu.Unlock()
	msgs := r.tg.Messages(leaders.ID)
	for _, m := range msgs {
		if !m.FromBot {
			continue
		}
		for _, l := range r.logs {
			if l.cmd != 0 && m.ReplyToMessageID == l.cmd && !l.pressed[m.MessageID] {
				if data := buttonData(m, "lg:", ":y", ":f"); data != "" {
					l.pressed[m.MessageID] = true
					r.tg.PressButton(leaders, marketer, m.MessageID, data)
				}
			}
		}
		for _, h := range r.hyps {
			r.reactToHyp(h, m)
		}
	}
}

// reactToHyp presses Start on every copy of the card, Done once, and
// replies to the first copy of the prompt once.
func (r *crashRun) reactToHyp(h *crashHyp, m telegramtest.Message) {
	if h.cmd == 0 {
		return
	}
	start, done := fmt.Sprintf("h:%d:s:1", h.id), fmt.Sprintf("h:%d:d:2", h.id)
	if m.ReplyToMessageID == h.cmd && !h.started[m.MessageID] && buttonData(m, start) != "" {
		h.started[m.MessageID] = true
		r.tg.PressButton(leaders, marketer, m.MessageID, start)
	}
	if !h.done && buttonData(m, done) != "" {
		h.done = true
		r.tg.PressButton(leaders, marketer, m.MessageID, done)
	}
	if strings.Contains(m.RawText, fmt.Sprintf("start=hr-1-%d\"", h.id)) {
		seen := false
		for _, id := range h.prompts {
			seen = seen || id == m.MessageID
		}
		if !seen {
			h.prompts = append(h.prompts, m.MessageID)
		}
		if h.answered == 0 {
			// Messages come in id order: this is the first copy.
			h.answered = m.MessageID
			h.reply = r.tg.ReplyText(leaders, marketer, m.MessageID, fmt.Sprintf("result %d", h.n))
		}
	}
}

// buttonData is the data of the message's first button that starts with
// prefix and ends with one of the suffixes (any end without suffixes).
func buttonData(m telegramtest.Message, prefix string, suffixes ...string) string {
	for _, row := range m.ReplyMarkup {
		for _, b := range row {
			if !strings.HasPrefix(b.CallbackData, prefix) {
				continue
			}
			if len(suffixes) == 0 {
				return b.CallbackData
			}
			for _, s := range suffixes {
				if strings.HasSuffix(b.CallbackData, s) {
					return b.CallbackData
				}
			}
		}
	}
	return ""
}

// finished reports whether every flow has reached its end in the chat
// and every update and press was answered.
func (r *crashRun) finished() bool {
	done, all := r.progress()
	return done == all && r.tg.PendingUpdates() == 0 && len(r.tg.UnansweredCallbacks()) == 0
}

// progress counts the flows that reached their end in the chat: a result
// reply answered, a preview saved.
func (r *crashRun) progress() (done, all int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	saved := map[int]bool{}
	replied := map[int]bool{}
	for _, m := range r.tg.Messages(leaders.ID) {
		if m.FromBot {
			replied[m.ReplyToMessageID] = true
			if strings.Contains(m.Text, "Saved") {
				saved[m.ReplyToMessageID] = true
			}
		}
	}
	for _, h := range r.hyps {
		if h.reply != 0 && replied[h.reply] {
			done++
		}
	}
	for _, l := range r.logs {
		if l.cmd != 0 && saved[l.cmd] {
			done++
		}
	}
	return done, len(r.hyps) + len(r.logs)
}

// settle waits until every flow finished, or nothing has happened for
// two seconds with every update taken (a lost effect leaves a flow
// waiting for good; the checks then name it), or d has passed.
func (r *crashRun) settle(d time.Duration) bool {
	calls, quietSince := -1, time.Now()
	for deadline := time.Now().Add(d); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if r.finished() {
			return true
		}
		n := len(r.tg.Calls()) - len(r.tg.CallsTo("getUpdates"))
		if n != calls || r.tg.PendingUpdates() > 0 {
			calls, quietSince = n, time.Now()
		}
		if time.Since(quietSince) > 2*time.Second {
			return false
		}
	}
	return false
}
