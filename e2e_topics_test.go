package main

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"trackbot/bot/telegramtest"
)

// TestTopics_AnsweredInTopic555AndTheSnapshotPostedThere plays a forum
// group end to end: a command from topic 555 is answered there with its
// buttons, a press's new messages go there, and the weekly snapshot a CEO
// directed to the topic is posted there on its schedule; every request
// the bot made for the topic names it in message_thread_id.
func TestTopics_AnsweredInTopic555AndTheSnapshotPostedThere(t *testing.T) {
	h := newHarness(t)
	// Monday 23 March 2026, 08:30 in Moscow; the clock jumps to the
	// snapshot's 09:00 later on.
	var jump atomic.Int64
	offset := time.Date(2026, 3, 23, 5, 30, 0, 0, time.UTC).Sub(time.Now())
	h.seams.now = func() time.Time { return time.Now().Add(offset + time.Duration(jump.Load())) }
	h.tg.AddForumTopic(leaders, 555, "Numbers")
	h.start()
	h.setUp() // in General
	inTopic := func(who telegramtest.User, text string) telegramtest.Message {
		t.Helper()
		return h.replyTo(leaders, h.tg.SendTextInTopic(leaders, 555, who, text))
	}

	preview := inTopic(ceo, "/log last week leads=120 qualified=80 spend=350k")
	if preview.ThreadID != 555 || len(preview.ReplyMarkup) == 0 {
		t.Fatalf("the preview is in topic %d with buttons %v, want 555 with buttons", preview.ThreadID, preview.ReplyMarkup)
	}
	var confirm string
	for _, b := range preview.ReplyMarkup[0] {
		if strings.HasSuffix(b.CallbackData, ":y") {
			confirm = b.CallbackData
		}
	}
	if a := h.pressSetting(leaders, ceo, preview.MessageID, confirm); a.Text != "Saved." {
		t.Errorf("confirming answered %q", a.Text)
	}

	card := inTopic(ceo, "/settings")
	if card.ThreadID != 555 || !offersButton(card, "st:topics") {
		t.Fatalf("the settings card is in topic %d with buttons %v", card.ThreadID, card.ReplyMarkup)
	}
	snapshots := func(thread int) int {
		n := 0
		for _, m := range h.tg.TopicMessages(leaders.ID, thread) {
			if strings.Contains(m.Text, "Weekly snapshot ·") {
				n++
			}
		}
		return n
	}
	// A press's new messages go to the pressed card's topic.
	h.pressSetting(leaders, ceo, card.MessageID, "st:now:s")
	h.tg.WaitFor(t, rhythmWait, "the snapshot sent now in topic 555", func() bool { return snapshots(555) == 1 })

	h.pressSetting(leaders, ceo, card.MessageID, "st:topics")
	// The answer to a press goes ahead of the edit it comes with: press
	// what the card shows once it shows it.
	h.tg.WaitFor(t, rhythmWait, "the topics on the card", func() bool {
		m, _ := h.tg.Message(leaders.ID, card.MessageID)
		return offersButton(m, "st:here:s")
	})
	jump.Store(int64(30*time.Minute + 20*time.Second)) // 09:00:20: the snapshot is due
	if a := h.pressSetting(leaders, ceo, card.MessageID, "st:here:s"); a.Text != "Saved." {
		t.Errorf("directing the snapshot answered %q", a.Text)
	}
	h.tg.WaitFor(t, rhythmWait, "the scheduled snapshot in topic 555", func() bool { return snapshots(555) == 2 })
	h.waitIdle()
	if n := snapshots(0); n != 0 {
		t.Errorf("General shows %d snapshots, want none", n)
	}
	photos := 0
	for _, m := range h.tg.TopicMessages(leaders.ID, 555) {
		photos += len(m.Photos)
	}
	if photos < 2 {
		t.Errorf("topic 555 shows %d pictures, want the funnel of each snapshot", photos)
	}

	// Every message the bot sent after /setup's reply went to topic 555,
	// and the requests said so.
	var sends int
	for _, c := range h.tg.Calls() {
		if !strings.HasPrefix(c.Method, "send") || c.ChatID != leaders.ID || c.Status != 200 {
			continue
		}
		if sends++; sends == 1 {
			continue // /setup's reply, in General
		}
		if c.Params["message_thread_id"] != "555" {
			t.Errorf("%s (message %d) was sent with message_thread_id %q, want 555", c.Method, c.MessageID, c.Params["message_thread_id"])
		}
	}
	if sends < 6 {
		t.Errorf("the bot made %d sends to the group, want the setup reply, the preview, the card and two snapshots with pictures", sends)
	}
}
