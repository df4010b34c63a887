package main

import (
	"regexp"
	"strings"
	"sync"
	"testing"

	"trackbot/bot/telegramtest"
	"trackbot/domain"
)

// A head answers the numbers reminder by replying to it with the numbers,
// as they would write them after /log; the reply works on a copy of the
// reminder the bot never learnt of (Telegram took a send whose answer was
// lost, and the bot sent it again).
func TestLog_ReplyToAnyCopyOfTheReminderIsReadAsLog(t *testing.T) {
	h := newHarness(t)
	var mu sync.Mutex
	lost := false
	h.tg.SetHook(func(c telegramtest.Call) *telegramtest.Failure {
		if c.Method != "sendMessage" || !strings.Contains(c.Params["text"], "?start=nw-") {
			return nil
		}
		mu.Lock()
		defer mu.Unlock()
		if lost {
			return nil
		}
		lost = true
		return &telegramtest.Failure{Drop: true, AfterEffect: true}
	})
	h.start()
	h.setUp()
	h.makeHead(marketer, "marketing")

	card := h.say(leaders, ceo, "/settings")
	h.pressSetting(leaders, ceo, card.MessageID, "st:now:r")
	var copies []telegramtest.Message
	h.tg.WaitFor(t, rhythmWait, "the reminder in the chat twice", func() bool {
		copies = nil
		for _, m := range h.tg.Messages(leaders.ID) {
			if m.FromBot && strings.Contains(m.Text, "are still missing") {
				copies = append(copies, m)
			}
		}
		return len(copies) == 2
	})
	week := regexp.MustCompile(`\d{4}-W\d{2}`).FindString(copies[0].Text)
	if week == "" || !strings.Contains(copies[0].Text, "or reply to this message with the numbers") {
		t.Fatalf("reminder = %q, want its week and how to reply", copies[0].Text)
	}

	// A member without a role is refused as /log refuses them.
	refused := h.replyTo(leaders, h.tg.ReplyText(leaders, outsider, copies[1].MessageID, "лиды 120 целевые 80"))
	if !strings.Contains(refused.Text, "Only CEOs and department heads can enter numbers") || len(refused.ReplyMarkup) != 0 {
		t.Errorf("a member's reply got %q with buttons %v", refused.Text, refused.ReplyMarkup)
	}
	// The head's reply to the copy the bot never learnt of: the numbers
	// of the reminded week, saved once confirmed.
	preview := h.replyTo(leaders, h.tg.ReplyText(leaders, marketer, copies[0].MessageID, "лиды 120 целевые 80"))
	for _, want := range []string{"This is what I understood", week, "Leads", "120", "Qualified", "80"} {
		if !strings.Contains(preview.Text, want) {
			t.Errorf("preview lacks %q:\n%s", want, preview.Text)
		}
	}
	h.confirmDraft(leaders, marketer, preview)

	var recs []domain.WeeklyRecord
	h.view(func(tx domain.Tx) error {
		ws, err := tx.Workspaces().ByChat(leaders.ID)
		if err != nil {
			return err
		}
		recs, err = tx.Records().Range(ws.ID, "", domain.Week{Year: 1900, Num: 1}, domain.Week{Year: 9999, Num: 52})
		return err
	})
	if len(recs) != 1 || recs[0].Week.String() != week || recs[0].Counts["leads"] != 120 || recs[0].Counts["qualified"] != 80 || recs[0].UpdatedBy != marketer.ID {
		t.Errorf("stored records = %+v, want %s's leads 120 and qualified 80 by the head", recs, week)
	}
}
