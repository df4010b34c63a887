package bot

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"trackbot/domain"
)

// twoCompanies is Mark heading marketing at Leadership and a CEO at the
// other company; Anna is a CEO of both.
func twoCompanies(t *testing.T) (h *handlerHarness, lead, other *domain.Workspace) {
	h = newHandlerHarness(t)
	lead, other = h.setUp(leadership), h.setUp(otherTeam)
	h.grant(leadership, mark, domain.RoleHead, domain.DeptMarketing)
	h.grant(otherTeam, mark, domain.RoleCEO, "")
	return h, h.workspace(leadership), h.workspace(otherTeam)
}

// privately checks that nothing of out leaves the person's private chat.
func privately(t *testing.T, out sent, who tgbotapi.User) sent {
	t.Helper()
	for _, j := range out.jobs {
		if j.ChatID != who.ID {
			t.Errorf("a %s job of a private command goes to chat %d: %s", j.Kind, j.ChatID, out)
		}
	}
	return out
}

func pick(ws *domain.Workspace) string { return "co:" + strconv.FormatInt(ws.ID, 10) }

func TestHandlerCompany_PickRememberAndSwitch(t *testing.T) {
	h, lead, other := twoCompanies(t)
	pm := privateChat(mark)

	// Before a choice, a read command asks which company.
	picker := privately(t, h.send(pm, mark, "/funnel"), mark)
	picker.contains("You are in several companies")
	picker.button(pick(lead), "Leadership")
	picker.button(pick(other), "Other company")

	chosen := privately(t, h.press(pm, mark, picker.id(), pick(other)), mark)
	chosen.contains("now work with Other company")
	if text, _ := chosen.answer(); text != "Company: Other company" {
		t.Errorf("the press answered %q", text)
	}
	if h.workspace(otherTeam).Member(mark.ID).ChosenAt.IsZero() {
		t.Error("the choice is not stored")
	}
	privately(t, h.send(pm, mark, "/team"), mark).contains("Team of Other company")

	// /company shows the current one and switches.
	current := privately(t, h.send(pm, mark, "/company"), mark)
	current.contains("In this chat I work with Other company")
	current.button(pick(other), "✓ Other company")
	privately(t, h.press(pm, mark, current.id(), current.button(pick(lead), "Leadership")), mark)
	privately(t, h.send(pm, mark, "/team"), mark).contains("Team of Leadership")
	privately(t, h.send(pm, mark, "/hyps"), mark)
	privately(t, h.send(pm, mark, "/focus"), mark)

	// In the group the company is the group's whatever was chosen.
	h.send(otherTeam, mark, "/team").contains("Team of Other company")
	h.send(leadership, mark, "/company").contains("In this group I work with Leadership")
}

func TestHandlerCompany_TheRoleIsTheOneInTheChosenCompany(t *testing.T) {
	h, lead, other := twoCompanies(t)
	pm := privateChat(mark)
	picker := h.send(pm, mark, "/company")
	h.press(pm, mark, picker.id(), pick(lead))
	// A head at Leadership cannot do a CEO's things there, in private too.
	privately(t, h.send(pm, mark, "/segment add Wholesale"), mark).contains("Only a CEO")
	// A pick turns the picker into a note: another pick needs /company again.
	picker = h.send(pm, mark, "/company")
	h.press(pm, mark, picker.id(), pick(other))
	privately(t, h.send(pm, mark, "/segment add Wholesale"), mark)
	has := func(ws *domain.Workspace) bool {
		return slices.ContainsFunc(ws.Segments, func(s domain.Segment) bool { return s.Name.In(domain.English) == "Wholesale" })
	}
	if !has(h.workspace(otherTeam)) || has(h.workspace(leadership)) {
		t.Error("the CEO's segment went to the wrong company")
	}
}

func TestHandlerCompany_APrivateButtonActsOnItsOwnCompany(t *testing.T) {
	h, lead, other := twoCompanies(t)
	pm := privateChat(mark)
	picker := h.send(pm, mark, "/company")
	h.press(pm, mark, picker.id(), pick(lead))
	preview := privately(t, h.send(pm, mark, "/log last week leads=33"), mark)
	// Switching before confirming does not move the numbers.
	picker = h.send(pm, mark, "/company")
	h.press(pm, mark, picker.id(), pick(other))
	h.confirm(pm, mark, preview)
	if n := len(h.records(leadership)); n != 1 {
		t.Errorf("Leadership has %d records, want the one confirmed", n)
	}
	if n := len(h.records(otherTeam)); n != 0 {
		t.Errorf("the other company got %d records from Leadership's preview", n)
	}
	// The button names its company, and Telegram's 64 bytes still hold.
	if data := preview.button(":y", "Confirm"); !strings.HasSuffix(data, "~"+strconv.FormatInt(lead.ID, 10)) {
		t.Errorf("a private button's data %q does not name its company", data)
	}
}

func TestHandlerCompany_ForeignOrForgedPicksChangeNothing(t *testing.T) {
	h, lead, _ := twoCompanies(t)
	h.grant(leadership, sergey, domain.RoleHead, domain.DeptSales)
	ps := privateChat(sergey)
	// Sergey is in one company: it needs no choice, and none is offered.
	privately(t, h.send(ps, sergey, "/company"), sergey).contains("Leadership, the only company you are in")
	privately(t, h.send(ps, sergey, "/team"), sergey).contains("Leadership")
	// A pick of a company one is not in, or of none, is refused: no
	// picker offers it, so it is data no message has a button for.
	other := h.workspace(otherTeam)
	out := h.press(ps, sergey, 1, pick(other))
	if text, _ := out.answer(); !strings.Contains(text, "out of date") {
		t.Errorf("a foreign pick answered %q", text)
	}
	out.unchanged("a foreign pick")
	if !h.workspace(otherTeam).Member(sergey.ID).ChosenAt.IsZero() || h.workspace(otherTeam).Knows(sergey.ID) {
		t.Error("a foreign pick made Sergey a member of the other company")
	}
	if text, _ := h.press(ps, sergey, 1, "co:999").answer(); !strings.Contains(text, "out of date") {
		t.Errorf("a pick of no company answered %q", text)
	}
	// In a group the picker's data means nothing.
	if text, _ := h.press(leadership, anna, 1, pick(lead)).answer(); !strings.Contains(text, "out of date") {
		t.Errorf("a pick in a group answered %q", text)
	}
	// Someone in no company is told how to start.
	privately(t, h.send(privateChat(olga), olga, "/company"), olga).contains("I don't know your workspace yet")
}

func TestCompany_OfferedInPrivateMenusOnly(t *testing.T) {
	h := newHandlerHarness(t)
	has := func(private bool) bool {
		return slices.ContainsFunc(h.b.menu(private, domain.English), func(c menuCommand) bool { return c.name == "company" })
	}
	if !has(true) || has(false) {
		t.Errorf("/company in the private menu: %v, in the group menu: %v; want only private", has(true), has(false))
	}
}

func TestHandlerCompany_AReplyToAPrivatePromptAnswersItsOwnCompany(t *testing.T) {
	h, lead, other := twoCompanies(t)
	h.twoSegments(leadership)
	pm := privateChat(mark)
	picker := h.send(pm, mark, "/company")
	h.press(pm, mark, picker.id(), pick(lead))
	h.logHyp(leadership, "Answer every lead within an hour", "Marketing", "Leads")
	card := privately(t, h.send(pm, mark, "/hyp H-1"), mark)
	ask := privately(t, h.press(pm, mark, card.id(), card.button(":d:1", "Done")), mark)
	// Mark switches to the other company before he answers.
	picker = h.send(pm, mark, "/company")
	h.press(pm, mark, picker.id(), pick(other))
	// The reply is about Leadership's H-1: its cards, the group's too, show it.
	h.replyTo(pm, mark, ask.id(), "Done in a day").contains("H-1 is done", "H-1 · done")
	if hyp := h.hypothesis(leadership, 1); hyp.Status != domain.StatusDone || hyp.Result != "Done in a day" {
		t.Errorf("Leadership's H-1 after the private reply: %s, %q", hyp.Status, hyp.Result)
	}
}
