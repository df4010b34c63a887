package bot

import (
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"trackbot/domain"
)

// weekW11 is the last complete week at handlerStart.
var weekW11 = domain.Week{Year: 2026, Num: 11}

// numbersTeam is a workspace with Mark heading marketing and Sergey sales.
func numbersTeam(t *testing.T) *handlerHarness {
	h := newHandlerHarness(t)
	h.setUp(leadership)
	h.grant(leadership, mark, domain.RoleHead, domain.DeptMarketing)
	h.grant(leadership, sergey, domain.RoleHead, domain.DeptSales)
	return h
}

// record is the stored record of a segment and week; the test fails
// when there is none.
func (h *handlerHarness) record(chat tgbotapi.Chat, segment string, week domain.Week) domain.WeeklyRecord {
	h.t.Helper()
	for _, r := range h.records(chat) {
		if r.Segment == segment && r.Week == week {
			return r
		}
	}
	h.t.Fatalf("no record of %s %s; stored: %+v", segment, week, h.records(chat))
	return domain.WeeklyRecord{}
}

// confirm presses a preview's Confirm as who and checks it was saved.
func (h *handlerHarness) confirm(chat tgbotapi.Chat, who tgbotapi.User, preview sent) sent {
	h.t.Helper()
	out := h.press(chat, who, preview.id(), preview.button(":y", "Confirm"))
	if !strings.Contains(out.text(), "Saved") {
		h.t.Fatalf("confirming answered %s", out)
	}
	return out
}

func TestHandlerLog_PreviewConfirmSaves(t *testing.T) {
	h := numbersTeam(t)
	preview := h.send(leadership, mark, "/log last week leads=120 qualified=80 spend=350 000 nontarget.no_budget=12")
	preview.contains("This is what I understood", "All clients", "2026-W11", "Leads", "120", "Qualified", "80", "350 000", "No budget", "12", "Confirm to save")
	if n := len(h.records(leadership)); n != 0 {
		t.Fatalf("a preview stored %d records before the confirmation", n)
	}
	saved := h.confirm(leadership, mark, preview)
	saved.contains("Saved: All clients, 2026-W11, numbers from @mark_head", "120")
	if e := saved.edit(); e.EditMessageID != preview.id() || len(e.Keyboard) != 0 {
		t.Errorf("the saved card edits message %d with buttons %v; want the preview %d without", e.EditMessageID, e.Keyboard, preview.id())
	}
	if text, _ := saved.answer(); text != "Saved." {
		t.Errorf("confirm answered %q", text)
	}
	r := h.record(leadership, "main", weekW11)
	if r.Counts["leads"] != 120 || r.Counts["qualified"] != 80 || r.Spend != 350_000_00 || r.NonTarget["no_budget"] != 12 || r.UpdatedBy != mark.ID {
		t.Errorf("stored record = %+v", r)
	}

	// The sales head adds their stages to the same week in Russian; a CEO
	// may confirm someone else's numbers.
	ru := h.send(leadership, sergey, "/log прошлая неделя встречи=40 сделки=8 оплаты=6 выручка=1,2 млн")
	ru.contains("Meetings", "40", "Revenue")
	if strings.Contains(ru.text(), "changes numbers already saved") {
		t.Errorf("adding other stages was called a correction:\n%s", ru.text())
	}
	h.confirm(leadership, anna, ru)
	r = h.record(leadership, "main", weekW11)
	if r.Counts["leads"] != 120 || r.Counts["meetings"] != 40 || r.Counts["paid"] != 6 || r.Revenue != 1_200_000_00 {
		t.Errorf("record after the sales numbers = %+v", r)
	}
}

func TestHandlerLog_OnlyTheAuthorOrACEOConfirms(t *testing.T) {
	h := numbersTeam(t)
	preview := h.send(leadership, mark, "/log last week leads=120")
	out := h.press(leadership, sergey, preview.id(), preview.button(":y", ""))
	if text, alert := out.answer(); !alert || !strings.Contains(text, "Only the person who sent these numbers") {
		t.Errorf("a stranger's confirm answered %q (alert %v)", text, alert)
	}
	h.press(leadership, olga, preview.id(), preview.button(":n", ""))
	if len(h.records(leadership)) != 0 {
		t.Fatal("a stranger's press stored numbers")
	}
	// The preview still works for its author.
	h.confirm(leadership, mark, preview)
	if r := h.record(leadership, "main", weekW11); r.Counts["leads"] != 120 {
		t.Errorf("stored leads = %d", r.Counts["leads"])
	}
}

func TestHandlerLog_StaleAndForgedPressesChangeNothing(t *testing.T) {
	h := numbersTeam(t)
	h.setUp(otherTeam)
	foreign := h.send(otherTeam, anna, "/log last week leads=7")
	preview := h.send(leadership, mark, "/log last week leads=120")
	// Copies of the preview, as a send Telegram took twice leaves them.
	copies := []int{h.copyOf(leadership, preview.id()), h.copyOf(leadership, preview.id()), h.copyOf(leadership, preview.id())}
	h.confirm(leadership, mark, preview)

	// Presses the message has no button for: a short answer, nothing else.
	for _, tc := range []struct{ name, data string }{
		{"confirmed twice on the saved card", preview.button(":y", "")},
		{"a made-up id", "lg:999:y"},
		{"another workspace's draft", foreign.button(":y", "")},
		{"a made-up verdict", "lg:1:maybe"},
		{"an unknown prefix", "zz:1"},
	} {
		out := h.press(leadership, anna, preview.id(), tc.data)
		if text, _ := out.answer(); !strings.Contains(text, "out of date") {
			t.Errorf("%s: answer = %q, want out of date", tc.name, text)
		}
		out.unchanged(tc.name)
	}
	// Buttons of a copy: another member's press changes nothing; the
	// author's or a CEO's says the numbers were handled and clears the copy.
	if text, alert := h.press(leadership, olga, copies[0], preview.button(":y", "")).answer(); !alert || !strings.Contains(text, "Only the person who sent") {
		t.Errorf("a member's press on a copy answered %q", text)
	}
	h.shownUnchanged(leadership, copies[0], preview.message().Text)
	for i, tc := range []struct {
		who  tgbotapi.User
		data string
	}{{mark, preview.button(":y", "")}, {anna, preview.button(":n", "")}, {mark, preview.button(":n", "")}} {
		out := h.press(leadership, tc.who, copies[i], tc.data)
		if text, _ := out.answer(); !strings.Contains(text, "already saved or cancelled") {
			t.Errorf("press %d on a copy: answer = %q", i, text)
		}
		if e := out.edit(); e.EditMessageID != copies[i] || len(e.Keyboard) != 0 {
			t.Errorf("press %d on a copy edited %d with %v, want the copy without buttons", i, e.EditMessageID, e.Keyboard)
		}
	}
	if recs := h.records(leadership); len(recs) != 1 || recs[0].Counts["leads"] != 120 {
		t.Errorf("records after stale presses: %+v", recs)
	}
	// The other workspace's draft was left alone and still saves there.
	h.confirm(otherTeam, anna, foreign)
	if r := h.record(otherTeam, "main", weekW11); r.Counts["leads"] != 7 {
		t.Errorf("the other team's leads = %d", r.Counts["leads"])
	}
}

func TestHandlerLog_CorrectionCancelAndExpiry(t *testing.T) {
	h := numbersTeam(t)
	h.confirm(leadership, mark, h.send(leadership, mark, "/log last week leads=120"))

	fix := h.send(leadership, mark, "/log last week leads=130")
	fix.contains("120 → 130", "changes numbers already saved (figures: 1, weeks: 1)")
	out := h.press(leadership, mark, fix.id(), fix.button(":n", "Cancel"))
	out.contains("Cancelled; nothing was saved.")
	if r := h.record(leadership, "main", weekW11); r.Counts["leads"] != 120 {
		t.Errorf("a cancelled correction changed leads to %d", r.Counts["leads"])
	}

	late := h.send(leadership, mark, "/log last week leads=140")
	h.advance(domain.DraftTTL + time.Minute)
	out = h.press(leadership, mark, late.id(), late.button(":y", ""))
	out.contains("more than a day old; nothing was saved")
	if r := h.record(leadership, "main", weekW11); r.Counts["leads"] != 120 {
		t.Errorf("an expired preview changed leads to %d", r.Counts["leads"])
	}
}

func TestHandlerLog_PermissionsAtPreviewAndAtConfirm(t *testing.T) {
	h := numbersTeam(t)
	refused := h.send(leadership, sergey, "/log last week leads=5")
	refused.contains("Leads")
	if len(refused.buttons()) != 0 {
		t.Errorf("a sales head logging leads was offered %v", refused.buttons())
	}
	h.send(leadership, olga, "/log last week leads=5").contains("Only CEOs and department heads can enter numbers")
	// Roles may change between the preview and the confirmation.
	preview := h.send(leadership, mark, "/log last week leads=120")
	h.changeWorkspace(leadership, func(ws *domain.Workspace) error {
		return ws.Revoke(mark.ID, domain.RoleHead, domain.DeptMarketing, h.now)
	})
	out := h.press(leadership, mark, preview.id(), preview.button(":y", ""))
	if text, _ := out.answer(); strings.Contains(out.text(), "Saved") || !strings.Contains(text, "Only CEOs and department heads") {
		t.Errorf("a demoted head's confirm got %s", out)
	}
	if n := len(h.records(leadership)); n != 0 {
		t.Errorf("refused numbers stored %d records", n)
	}
}

func TestHandlerLog_BadInputExplains(t *testing.T) {
	h := numbersTeam(t)
	bad := h.send(leadership, anna, "/log leeds=12 qualified=abc")
	bad.contains("leeds", "abc")
	if len(bad.buttons()) != 0 {
		t.Error("a bad /log offered to confirm")
	}
	h.send(leadership, anna, "/log").contains("/log all clients last week leads=120 qualified=80")
	// In private a head logs into their one workspace.
	preview := h.send(privateChat(mark), mark, "/log last week leads=33")
	h.confirm(privateChat(mark), mark, preview)
	if r := h.record(leadership, "main", weekW11); r.Counts["leads"] != 33 {
		t.Errorf("leads logged in private = %d", r.Counts["leads"])
	}
}
