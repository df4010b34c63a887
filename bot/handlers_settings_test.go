package bot

import (
	"slices"
	"strings"
	"testing"
	"time"

	"trackbot/domain"
)

// schedule is the stored schedule of a kind in the leadership workspace.
func (h *handlerHarness) schedule(kind domain.ScheduleKind) domain.Schedule {
	h.t.Helper()
	return h.workspace(leadership).Schedule(kind)
}

func TestHandlerSettings_CardShowsTheSchedules(t *testing.T) {
	h := numbersTeam(t)
	h.send(leadership, mark, "/settings").contains("Only a CEO")
	card := h.send(leadership, anna, "/settings")
	card.contains("Scheduled posts · time zone Europe/Moscow", "Weekly snapshot: Mon at 09:00",
		"Numbers reminder: Fri at 15:00", "Hypothesis digest: Mon–Fri at 10:00")
	for _, data := range []string{"st:off:s", "st:time:r", "st:now:d"} {
		card.button(data, "")
	}
}

func TestHandlerSettings_TypedChanges(t *testing.T) {
	h := numbersTeam(t)
	h.send(leadership, anna, "/settings digest weekdays 11:30").contains("Hypothesis digest: Mon–Fri at 11:30")
	if s := h.schedule(domain.ScheduleDigest); s.Hour != 11 || s.Minute != 30 || !slices.Equal(s.Days, domain.WorkingDays) || s.Off {
		t.Errorf("stored digest = %+v", s)
	}
	h.send(leadership, anna, "/settings reminder off").contains("Numbers reminder: off (was Fri at 15:00)")
	if !h.schedule(domain.ScheduleReminder).Off {
		t.Error("the reminder is still on")
	}
	h.send(leadership, anna, "/settings snapshot fri 18:00").contains("Weekly snapshot: Fri at 18:00")
	if s := h.schedule(domain.ScheduleSnapshot); s.Hour != 18 || !slices.Equal(s.Days, []time.Weekday{time.Friday}) {
		t.Errorf("stored snapshot = %+v", s)
	}
	h.send(leadership, anna, "/settings snapshot sometimes").contains("I didn't understand “snapshot sometimes”")
	h.send(leadership, mark, "/settings reminder on").contains("Only a CEO")
	if !h.schedule(domain.ScheduleReminder).Off {
		t.Error("a head switched the reminder back on")
	}
}

func TestHandlerSettings_ButtonsSwitchAndPickTime(t *testing.T) {
	h := numbersTeam(t)
	card := h.send(leadership, anna, "/settings")
	off := card.button("st:off:r", "Numbers reminder")
	copied := h.copyOf(leadership, card.id())
	out := h.press(leadership, anna, card.id(), off)
	out.contains("Numbers reminder: off (was Fri at 15:00)")
	if text, _ := out.answer(); text != "Saved." {
		t.Errorf("switching off answered %q", text)
	}
	if !h.schedule(domain.ScheduleReminder).Off {
		t.Fatal("the reminder is still on")
	}
	// The outdated button of a copy (it still says "on") refreshes the
	// copy, and does not switch the reminder back.
	out = h.press(leadership, anna, copied, off)
	if text, _ := out.answer(); !strings.Contains(text, "out of date") {
		t.Errorf("an outdated toggle answered %q", text)
	}
	out.contains("Numbers reminder: off")
	if !h.schedule(domain.ScheduleReminder).Off {
		t.Error("an outdated toggle switched the reminder back on")
	}
	h.press(leadership, anna, card.id(), out.button("st:on:r", "")).contains("Numbers reminder: Fri at 15:00")
	if h.schedule(domain.ScheduleReminder).Off {
		t.Error("the reminder did not come back on")
	}

	pick := h.press(leadership, anna, card.id(), "st:time:s")
	pick.contains("Weekly snapshot: pick when it goes out (time zone Europe/Moscow)")
	h.press(leadership, anna, card.id(), pick.button("st:set:s:", "Fri 18:00")).contains("Weekly snapshot: Fri at 18:00")
	if s := h.schedule(domain.ScheduleSnapshot); s.Hour != 18 || !slices.Equal(s.Days, []time.Weekday{time.Friday}) {
		t.Errorf("stored snapshot = %+v", s)
	}
	pick = h.press(leadership, anna, card.id(), "st:time:r")
	h.press(leadership, anna, card.id(), pick.button("st:back", "")).contains("Scheduled posts")
}

func TestHandlerSettings_ForeignAndForgedPressesChangeNothing(t *testing.T) {
	h := numbersTeam(t)
	card := h.send(leadership, anna, "/settings")
	before := h.workspace(leadership).Schedules
	out := h.press(leadership, mark, card.id(), "st:off:s")
	if text, alert := out.answer(); !alert || !strings.Contains(text, "Only a CEO") {
		t.Errorf("a head's press answered %q (alert %v)", text, alert)
	}
	for _, data := range []string{"st:set:s:9", "st:set:s", "st:off:z", "st:bogus:s", "st", "lg:999999:y", "h:1:s:99"} {
		out := h.press(leadership, anna, card.id(), data)
		if text, _ := out.answer(); !strings.Contains(text, "out of date") {
			t.Errorf("%s answered %q", data, text)
		}
		out.unchanged(data)
	}
	if after := h.workspace(leadership).Schedules; !slices.EqualFunc(before, after, func(a, b domain.Schedule) bool {
		return a.Off == b.Off && a.Hour == b.Hour && a.Minute == b.Minute && slices.Equal(a.Days, b.Days)
	}) {
		t.Errorf("schedules changed: %+v → %+v", before, after)
	}
}

func TestHandlerSettings_SendNow(t *testing.T) {
	h := numbersTeam(t)
	card := h.send(leadership, anna, "/settings")
	out := h.press(leadership, anna, card.id(), "st:now:r")
	out.contains("Numbers for 2026-W12 are still missing", "Marketing (All clients): @mark_head", "Sales (All clients): @sales_head")
	if text, _ := out.answer(); text != "On its way." {
		t.Errorf("send now answered %q", text)
	}
	if j := out.message(); j.Priority != domain.PriorityReply || j.Key == "" {
		t.Errorf("the post sent now has priority %d and key %q; want a reply's priority and a key of its own", j.Priority, j.Key)
	}
	h.press(leadership, anna, card.id(), "st:now:s").contains("Weekly snapshot · 2026-W11", "No numbers for 2026-W11 yet")
	out = h.press(leadership, anna, card.id(), "st:now:d")
	if text, alert := out.answer(); !alert || !strings.Contains(text, "No hypothesis is due or overdue") || len(out.ofKind(domain.SendText)) != 0 {
		t.Errorf("an empty digest: %s (alert %v)", out, alert)
	}
}
