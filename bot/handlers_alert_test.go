package bot

import (
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"trackbot/domain"
)

// alertOf is the alert message among the jobs, or nil.
func (s sent) alertOf() *domain.OutboxJob {
	for _, j := range s.jobs {
		if strings.HasPrefix(j.Key, "alert:") {
			return j
		}
	}
	return nil
}

// logAndConfirm sends a /log as who and confirms it.
func (h *handlerHarness) logAndConfirm(who tgbotapi.User, text string) sent {
	h.t.Helper()
	return h.confirm(leadership, who, h.send(leadership, who, text))
}

func TestHandlerAlert_FiresOnceMentionsTheOwnerMutesAndDeletes(t *testing.T) {
	h := numbersTeam(t)
	h.twoSegments(leadership)
	h.send(leadership, mark, "/alert dealers qualified→meetings < 35%").contains("Only a CEO")
	h.send(leadership, anna, "/alert dealers meetings").contains("Write the segment, the metric")
	h.send(leadership, anna, "/alert dealers leads→meetings < 35%").contains("the one into Meetings is from Qualified")
	h.send(leadership, anna, "/alert dealers qualified→meetings < 35%").
		contains("Alert #1: Dealers · Qualified → Meetings below 35%", "tell the heads of Sales")
	h.send(leadership, anna, "/alert dealers qualified->meetings<35").contains("This rule is already there: #1")
	h.send(leadership, olga, "/alerts").contains("#1 Dealers · Qualified → Meetings below 35%", "has not fired yet")

	h.logAndConfirm(mark, "/log dealers last week leads=100 qualified=60")
	fired := h.logAndConfirm(sergey, "/log dealers last week meetings=18")
	alert := fired.alertOf()
	if alert == nil {
		t.Fatalf("crossing the line sent no alert: %s", fired)
	}
	text := htmlPlain(alert.Text)
	for _, want := range []string{"Alert · Dealers · 2026-W11", "Qualified → Meetings: 30%", "Rule: Qualified → Meetings below 35%", "@sales_head, please take a look"} {
		if !strings.Contains(text, want) {
			t.Errorf("alert lacks %q:\n%s", want, text)
		}
	}
	if alert.Key != "alert:1:1:2026-W12" || len(alert.Keyboard) != 1 || len(alert.Keyboard[0]) != 2 {
		t.Errorf("alert key %q, buttons %+v", alert.Key, alert.Keyboard)
	}
	if again := h.logAndConfirm(sergey, "/log dealers last week meetings=15"); again.alertOf() != nil {
		t.Errorf("the same week alerted twice: %s", again)
	}
	h.send(leadership, olga, "/alerts").contains("last fired 18 Mar 2026 about 2026-W11: 30%")

	msg := alert.MessageIDs[0]
	copied := h.copyOf(leadership, msg)
	out := h.press(leadership, olga, msg, "al:1:m")
	if a, _ := out.answer(); !strings.Contains(a, "Only a CEO or the head") || len(out.ofKind(domain.EditText)) != 0 {
		t.Errorf("a member's mute: answer %q, jobs %s", a, out)
	}
	h.press(leadership, mark, msg, "al:1:d")
	out = h.press(leadership, sergey, msg, "al:1:m")
	if a, _ := out.answer(); a != "Muted for a week." {
		t.Errorf("mute answered %q", a)
	}
	out.contains("Muted until 25 Mar 2026 by Sergey")
	if b := out.edit().Keyboard; len(b) != 1 || len(b[0]) != 1 || b[0][0].Data != "al:1:d" {
		t.Errorf("after mute the buttons are %+v, want delete only", b)
	}
	h.send(leadership, olga, "/alerts").contains("muted until 25 Mar 2026")

	// Muted next week; after the week it fires again.
	h.advance(6 * 24 * time.Hour)
	h.logAndConfirm(mark, "/log dealers last week leads=100 qualified=50")
	if muted := h.logAndConfirm(sergey, "/log dealers last week meetings=10"); muted.alertOf() != nil {
		t.Errorf("a muted rule alerted: %s", muted)
	}
	h.advance(2 * 24 * time.Hour)
	if back := h.logAndConfirm(sergey, "/log dealers last week meetings=12"); back.alertOf() == nil {
		t.Errorf("the rule stayed silent after its mute ended")
	}

	out = h.press(leadership, sergey, msg, "al:1:d")
	if a, _ := out.answer(); !strings.Contains(a, "Only a CEO") {
		t.Errorf("a head deleted the rule: %q", a)
	}
	out = h.press(leadership, anna, msg, "al:1:d")
	out.contains("Rule #1 (Qualified → Meetings below 35%) deleted by Anna Petrova")
	if b := out.edit().Keyboard; len(b) != 0 {
		t.Errorf("a deleted rule's alert keeps buttons %+v", b)
	}
	h.send(leadership, olga, "/alerts").contains("No alert rules yet")
	if a, _ := h.press(leadership, anna, copied, "al:1:m").answer(); !strings.Contains(a, "This alert rule was deleted") {
		t.Errorf("muting a deleted rule on a copy of the alert answered %q", a)
	}
	if a, _ := h.press(leadership, anna, msg, "al:x:m").answer(); !strings.Contains(a, "out of date") {
		t.Errorf("forged data answered %q", a)
	}
}

func TestHandlerAlert_RussianChangeRule(t *testing.T) {
	h := dealersTeam(t)
	for i := 1; i <= 4; i++ {
		h.putRecords(leadership, domain.WeeklyRecord{Segment: "dealers", Week: weekW11.Add(-i), Counts: map[string]int64{"leads": 100}})
	}
	h.send(leadership, anna, "/alert дилеры лиды падает 30%").contains("Алерт №1: Дилеры · Лиды падает на 30% к среднему за 4 недели")
	preview := h.send(leadership, mark, "/log дилеры прошлая неделя лиды=60")
	out := h.press(leadership, mark, preview.id(), preview.button(":", "Подтвердить"))
	alert := out.alertOf()
	if alert == nil {
		t.Fatalf("60 leads against 100 sent no alert: %s", out)
	}
	if text := htmlPlain(alert.Text); !strings.Contains(text, "Лиды: 60 (−40% к среднему за 4 недели 100)") || !strings.Contains(text, "@mark_head, посмотрите") {
		t.Errorf("alert text:\n%s", text)
	}
}
