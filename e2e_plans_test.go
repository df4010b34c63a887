package main

import (
	"strings"
	"sync"
	"testing"
	"time"

	"trackbot/bot/telegramtest"
)

// movableClock runs from start and can be moved forward while the bot runs.
type movableClock struct {
	mu     sync.Mutex
	offset time.Duration
}

func newMovableClock(start time.Time) *movableClock {
	return &movableClock{offset: start.Sub(time.Now())}
}

func (c *movableClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

func (c *movableClock) advance(d time.Duration) {
	c.mu.Lock()
	c.offset += d
	c.mu.Unlock()
}

// importWeeks uploads a CSV of the main segment's weeks as the CEO and
// confirms it.
func (h *harness) importWeeks(name, rows string) {
	h.t.Helper()
	csv := "segment,week,leads,qualified,meetings,deals,paid,revenue\n" + rows
	preview := h.replyTo(leaders, h.tg.SendDocument(leaders, ceo, name, []byte(csv), "/import"))
	h.confirmDraft(leaders, ceo, preview)
}

// alerts are the alert messages the bot has posted in the chat.
func (h *harness) alerts() []telegramtest.Message {
	var out []telegramtest.Message
	for _, m := range h.tg.Messages(leaders.ID) {
		if m.FromBot && strings.HasPrefix(m.Text, "🔔 Alert") {
			out = append(out, m)
		}
	}
	return out
}

// TestPlanAndAlert_ThroughTheBot: with a monthly plan and three weeks of
// numbers, /review shows plan vs fact with the pace; an alert rule fires
// once when an import crosses it, not again after a restart or a second
// import in the same week, mentions the owning head, and "mute" silences
// it until the week is over.
func TestPlanAndAlert_ThroughTheBot(t *testing.T) {
	h := newHarness(t)
	// Wednesday 25 March 2026 in Moscow: the last complete week is W12,
	// the third of March's four (W10–W13).
	clock := newMovableClock(time.Date(2026, 3, 25, 10, 0, 0, 0, time.UTC))
	h.seams.now = clock.now
	h.start()
	h.setUp()
	h.makeHead(marketer, "marketing")
	h.makeHead(seller, "sales")

	plan := h.say(leaders, ceo, "/plan march revenue=5m paid=8")
	if !strings.Contains(plan.Text, "Plan saved") {
		t.Fatalf("/plan = %q", plan.Text)
	}
	h.importWeeks("march.csv", "All clients,2026-W10,100,60,30,4,3,1000000\n"+
		"All clients,2026-W11,100,60,30,4,3,1000000\n"+
		"All clients,2026-W12,100,60,30,4,3,1100000\n")
	review := h.say(leaders, ceo, "/review")
	for _, want := range []string{"Review · 2026-W12", "Plan · March 2026",
		"Revenue: 62% of the month's plan at 75% of the month; projected 83% (3.1\u00a0M\u00a0₽ of 5\u00a0M\u00a0₽)",
		"Paid: 113% of the month's plan at 75% of the month; projected 150%"} {
		if !strings.Contains(review.Text, want) {
			t.Errorf("review headline lacks %q:\n%s", want, review.Text)
		}
	}
	h.botMessage(leaders, review.MessageID, "the plan question", "Tracker questions", "@sales_head, At the current pace Revenue")
	h.say(leaders, ceo, "/review end")

	rule := h.say(leaders, ceo, "/alert qualified→meetings < 35%")
	if !strings.Contains(rule.Text, "Alert #1") {
		t.Fatalf("/alert = %q", rule.Text)
	}
	h.importWeeks("fix.csv", "All clients,2026-W12,100,60,15,4,3,1100000\n")
	h.waitIdle()
	alerts := h.alerts()
	if len(alerts) != 1 {
		for _, m := range h.tg.Messages(leaders.ID) {
			t.Logf("%d %v %q", m.MessageID, m.FromBot, m.Text)
		}
		t.Fatalf("crossing the line posted %d alerts, want 1", len(alerts))
	}
	alert := alerts[0]
	for _, want := range []string{"Alert · All clients · 2026-W12", "Qualified → Meetings: 25%", "below 35%", "@sales_head"} {
		if !strings.Contains(alert.Text, want) {
			t.Errorf("alert lacks %q:\n%s", want, alert.Text)
		}
	}

	// A restart and a second import in the same week: no second alert.
	if err := h.stopBot(); err != nil {
		t.Fatalf("bot stopped with %v", err)
	}
	h.start()
	h.importWeeks("again.csv", "All clients,2026-W12,100,60,12,4,3,1100000\n")
	h.waitIdle()
	if n := len(h.alerts()); n != 1 {
		t.Errorf("after a restart and another import: %d alerts, want 1", n)
	}

	// Sales mutes it: next week's crossing stays silent until the week
	// from the mute is over, then it fires again.
	h.pressAndWait(leaders, seller, alert.MessageID, button(t, alert, ":m", ""), "Muted until")
	clock.advance(6 * 24 * time.Hour) // Tuesday 31 March, week 14
	h.importWeeks("w13.csv", "All clients,2026-W13,100,60,10,4,3,1000000\n")
	h.waitIdle()
	if n := len(h.alerts()); n != 1 {
		t.Errorf("a muted rule posted: %d alerts", n)
	}
	clock.advance(2 * 24 * time.Hour) // Thursday 2 April: the mute is over
	h.importWeeks("w13-fix.csv", "All clients,2026-W13,100,60,11,4,3,1000000\n")
	h.waitIdle()
	if got := h.alerts(); len(got) != 2 || !strings.Contains(got[1].Text, "2026-W13") {
		t.Errorf("after the mute: %d alerts, want a second one about W13", len(got))
	}

	list := h.say(leaders, outsider, "/alerts")
	if !strings.Contains(list.Text, "last fired 2 Apr 2026 about 2026-W13: 18%") {
		t.Errorf("/alerts = %q", list.Text)
	}
}
