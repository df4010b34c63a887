package main

import (
	"slices"
	"strings"
	"testing"
	"time"

	"trackbot/bot/telegramtest"
	"trackbot/domain"
)

// rhythmWait bounds every wait of the rhythm tests.
const rhythmWait = 20 * time.Second

// pressSetting presses a button and returns Telegram's record of the answer.
func (h *harness) pressSetting(chat telegramtest.Chat, who telegramtest.User, msgID int, data string) telegramtest.CallbackAnswer {
	h.t.Helper()
	q := h.tg.PressButton(chat, who, msgID, data)
	h.tg.WaitFor(h.t, rhythmWait, "the press of "+data+" answered", func() bool { return h.tg.CallbackAnswers()[q].Answered })
	return h.tg.CallbackAnswers()[q]
}

// settingsMessage returns the chat's message as it is now (after edits).
func (h *harness) settingsMessage(chat telegramtest.Chat, msgID int) telegramtest.Message {
	h.t.Helper()
	m, ok := h.tg.Message(chat.ID, msgID)
	if !ok {
		h.t.Fatalf("message %d not found", msgID)
	}
	return m
}

// hasButton reports whether the message offers a button with data.
func offersButton(m telegramtest.Message, data string) bool {
	for _, row := range m.ReplyMarkup {
		for _, b := range row {
			if b.CallbackData == data {
				return true
			}
		}
	}
	return false
}

func TestSettings_CEOSwitchesAndMovesPostsOthersCannot(t *testing.T) {
	h := newHarness(t)
	h.start()
	h.setUp()

	card := h.say(leaders, ceo, "/settings")
	for _, want := range []string{"Weekly snapshot: Mon at 09:00", "Numbers reminder: Fri at 15:00", "Hypothesis digest: Mon–Fri at 10:00"} {
		if !strings.Contains(card.Text, want) {
			t.Errorf("card lacks %q:\n%s", want, card.Text)
		}
	}
	if !offersButton(card, "st:off:d") || !offersButton(card, "st:now:s") {
		t.Fatalf("card buttons = %+v, want switch-off and send-now buttons", card.ReplyMarkup)
	}

	// A head who is not a CEO is refused and nothing changes.
	answer := h.pressSetting(leaders, outsider, card.MessageID, "st:off:d")
	if !answer.ShowAlert || !strings.Contains(answer.Text, "Only a CEO") {
		t.Errorf("outsider's press answered %+v, want a CEO-only alert", answer)
	}
	if got := h.settingsMessage(leaders, card.MessageID); got.EditCount != 0 {
		t.Errorf("the card was edited %d times after a refused press, want 0", got.EditCount)
	}

	// The CEO switches the digest off; the card shows it.
	answer = h.pressSetting(leaders, ceo, card.MessageID, "st:off:d")
	if answer.Text != "Saved." {
		t.Errorf("CEO's press answered %q, want Saved.", answer.Text)
	}
	h.tg.WaitFor(t, rhythmWait, "the card edited", func() bool {
		return strings.Contains(h.settingsMessage(leaders, card.MessageID).Text, "Hypothesis digest: off")
	})
	if !offersButton(h.settingsMessage(leaders, card.MessageID), "st:on:d") {
		t.Error("the edited card offers no switch-on button for the digest")
	}

	// The same, now outdated, button changes nothing and says so.
	answer = h.pressSetting(leaders, ceo, card.MessageID, "st:off:d")
	if !strings.Contains(answer.Text, "out of date") {
		t.Errorf("outdated press answered %q, want the out-of-date note", answer.Text)
	}

	// A preset from the time picker, and a typed time.
	h.pressSetting(leaders, ceo, card.MessageID, "st:time:r")
	h.tg.WaitFor(t, rhythmWait, "the time picker", func() bool {
		return offersButton(h.settingsMessage(leaders, card.MessageID), "st:set:r:0")
	})
	h.pressSetting(leaders, ceo, card.MessageID, "st:set:r:0")
	h.tg.WaitFor(t, rhythmWait, "the card back with the new time", func() bool {
		return strings.Contains(h.settingsMessage(leaders, card.MessageID).Text, "Numbers reminder: Thu at 15:00")
	})
	typed := h.say(leaders, ceo, "/settings snapshot fri 17:30")
	if !strings.Contains(typed.Text, "Weekly snapshot: Fri at 17:30") {
		t.Errorf("typed change replied:\n%s", typed.Text)
	}
	bad := h.say(leaders, ceo, "/settings snapshot someday")
	if !strings.Contains(bad.Text, "didn't understand") || !strings.Contains(bad.Text, "/settings snapshot mon 09:00") {
		t.Errorf("a bad typed change replied %q, want the problem and an example", bad.Text)
	}
	refused := h.say(leaders, outsider, "/settings reminder off")
	if !strings.Contains(refused.Text, "Only a CEO") {
		t.Errorf("a typed change by a non-CEO replied %q, want a refusal", refused.Text)
	}

	ws := h.workspace(leaders.ID)
	if s := ws.Schedule(domain.ScheduleDigest); !s.Off {
		t.Errorf("stored digest = %+v, want off", s)
	}
	if s := ws.Schedule(domain.ScheduleSnapshot); s.Off || s.Hour != 17 || s.Minute != 30 || !slices.Equal(s.Days, []time.Weekday{time.Friday}) {
		t.Errorf("stored snapshot = %+v, want on, Friday 17:30", s)
	}
	if s := ws.Schedule(domain.ScheduleReminder); s.Off || s.Hour != 15 || !slices.Equal(s.Days, []time.Weekday{time.Thursday}) {
		t.Errorf("stored reminder = %+v, want on, Thursday 15:00", s)
	}
}

func TestSettings_SendNowPostsAtOnceAndEachPressAgain(t *testing.T) {
	h := newHarness(t)
	h.start()
	h.setUp()
	card := h.say(leaders, ceo, "/settings")

	snapshots := func() int {
		n := 0
		for _, m := range h.tg.Messages(leaders.ID) {
			if m.FromBot && strings.Contains(m.Text, "Weekly snapshot ·") {
				n++
			}
		}
		return n
	}
	for want := 1; want <= 2; want++ {
		if a := h.pressSetting(leaders, ceo, card.MessageID, "st:now:s"); a.Text != "On its way." {
			t.Errorf("send now answered %q, want On its way.", a.Text)
		}
		h.tg.WaitFor(t, rhythmWait, "the snapshot posted", func() bool { return snapshots() >= want })
	}
	if n := snapshots(); n != 2 {
		t.Errorf("snapshots posted = %d, want 2 (one per press)", n)
	}
	var post string
	for _, m := range h.tg.Messages(leaders.ID) {
		if m.FromBot && strings.Contains(m.Text, "Weekly snapshot ·") {
			post = m.Text
		}
	}
	if !strings.Contains(post, "No numbers for") {
		t.Errorf("snapshot of a workspace without numbers = %q, want the no-numbers text", post)
	}

	// Nothing is due in a new workspace: the digest says so instead of posting.
	if a := h.pressSetting(leaders, ceo, card.MessageID, "st:now:d"); !strings.Contains(a.Text, "digest would be empty") {
		t.Errorf("digest send-now answered %q, want the nothing-due note", a.Text)
	}
}
