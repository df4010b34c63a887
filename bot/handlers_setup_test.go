package bot

import (
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"trackbot/domain"
)

// anonymousAdmin is a message posted as the group by an anonymous admin.
func (h *handlerHarness) anonymousAdmin(chat tgbotapi.Chat, text string) *tgbotapi.Message {
	m := h.message(chat, tgbotapi.User{ID: domain.AnonymousAdminID, IsBot: true, FirstName: "Group", UserName: "GroupAnonymousBot"}, text)
	m.SenderChat = &chat
	return m
}

func TestHandlerHelp_BeforeAndAfterSetup(t *testing.T) {
	h := newHandlerHarness(t)
	h.send(leadership, anna, "/help").contains("a chat administrator sends /setup")
	h.send(privateChat(sergey), sergey, "/start").contains("trackbot ведёт трекинг")
	h.send(privateChat(olga), olga, "/start").contains("Add me to your leadership group")

	h.setUp(leadership)
	h.send(leadership, olga, "/help").contains("trackbot for Leadership", "/log", "/review")
	if out := h.send(leadership, anna, "/help@"+botUser.UserName); !strings.Contains(out.text(), "trackbot for Leadership") {
		t.Errorf("/help@ourbot = %s", out)
	}
	if out := h.send(leadership, anna, "/help@someotherbot"); len(out.jobs) != 0 {
		t.Errorf("a command to another bot was answered: %s", out)
	}
	h.changeWorkspace(leadership, func(ws *domain.Workspace) error { ws.Lang = domain.Russian; return nil })
	h.send(leadership, anna, "/help").contains("Трекинг")
}

func TestHandlerRouting_ChatsAndUnknownCommands(t *testing.T) {
	h := newHandlerHarness(t)
	h.send(leadership, anna, "/team").contains("This chat is not set up yet")
	if out := h.send(leadership, anna, "/frobnicate"); len(out.jobs) != 0 {
		t.Errorf("an unknown command in a chat that is not set up was answered: %s", out)
	}
	h.send(privateChat(olga), olga, "/funnel").contains("I don't know your workspace yet")

	h.setUp(leadership)
	h.send(leadership, anna, "/frobnicate").contains("I don't know /frobnicate")
	h.send(privateChat(anna), anna, "/review").contains("/review works in the leadership group chat")
	// In private a CEO reaches their one workspace.
	h.send(privateChat(anna), anna, "/team").contains("Team of Leadership", "@anna_ceo")
	// A plain message, not a reply to the bot, is none of its business.
	if out := h.send(leadership, mark, "good morning"); len(out.jobs) != 0 {
		t.Errorf("a plain message was answered: %s", out)
	}
}

func TestHandlerSetup_AdminBindsTheGroupOnce(t *testing.T) {
	h := newHandlerHarness(t)
	h.api.setMember(leadership.ID, anna.ID, "creator")
	h.send(leadership, anna, "/setup").contains("Leadership is set up", "Europe/Moscow", "Marketing, Sales",
		"Impressions → Clicks → Leads → Qualified → Meetings → Proposals → Deals → Paid", "All clients")
	if h.api.callsTo("getChatMember") != 1 {
		t.Error("/setup trusted the message instead of asking getChatMember")
	}
	h.send(leadership, anna, "/setup ru").contains("already set up")
	ws := h.workspace(leadership)
	if ws == nil {
		t.Fatal("no workspace stored")
	}
	if ws.Lang != domain.English || !ws.IsCEO(anna.ID) || len(ws.Members) != 1 || ws.TimeZone != "Europe/Moscow" {
		t.Errorf("workspace = lang %q, tz %q, members %+v; want English, Moscow, Anna the only CEO", ws.Lang, ws.TimeZone, ws.Members)
	}
}

func TestHandlerSetup_LanguageAndTimeZoneOptions(t *testing.T) {
	h := newHandlerHarness(t)
	h.api.setMember(leadership.ID, sergey.ID, "administrator")
	h.api.setMember(otherTeam.ID, sergey.ID, "administrator")
	h.send(leadership, sergey, "/setup Asia/Novosibirsk").contains("настроен", "Asia/Novosibirsk")
	if ws := h.workspace(leadership); ws.Lang != domain.Russian || ws.TimeZone != "Asia/Novosibirsk" {
		t.Errorf("stored lang %q, tz %q", ws.Lang, ws.TimeZone)
	}
	h.send(otherTeam, sergey, "/setup Mars/Base").contains("Mars/Base")
	if h.workspace(otherTeam) != nil {
		t.Error("a /setup with a bad time zone stored a workspace")
	}
	h.send(otherTeam, sergey, "/setup en UTC").contains("Other company is set up", "UTC")
}

func TestHandlerSetup_RefusalsStoreNothing(t *testing.T) {
	h := newHandlerHarness(t)
	h.api.setMember(leadership.ID, olga.ID, "member")
	h.send(leadership, olga, "/setup").contains("Only a chat administrator")
	h.handle(tgbotapi.Update{Message: h.anonymousAdmin(leadership, "/setup")}).contains("anonymous")
	h.api.setMember(otherTeam.ID, anna.ID, "creator")
	h.b.cfg.AllowedChats = []int64{leadership.ID}
	h.send(otherTeam, anna, "/setup").contains("not enabled for this chat")
	if h.workspace(leadership) != nil || h.workspace(otherTeam) != nil {
		t.Error("a refused /setup stored a workspace")
	}
}

func TestHandlerRoles_CEOGrantsByReply(t *testing.T) {
	h := newHandlerHarness(t)
	h.setUp(leadership)
	hello := h.say(leadership, mark, "hi all")
	h.replyToUser(leadership, anna, hello, "/head marketing").contains("@mark_head now heads Marketing")
	privet := h.say(leadership, sergey, "привет")
	h.replyToUser(leadership, anna, privet, "/ceo").contains("@sales_head is now a CEO")
	h.send(leadership, olga, "/team").contains("@anna_ceo", "@sales_head", "Marketing: @mark_head", "Sales: no head yet")

	ws := h.workspace(leadership)
	if !ws.IsHeadOf(mark.ID, domain.DeptMarketing) || ws.IsCEO(mark.ID) || !ws.IsCEO(sergey.ID) {
		t.Errorf("members after the grants: %+v", ws.Members)
	}
}

func TestHandlerRoles_UsageAndRefusals(t *testing.T) {
	h := newHandlerHarness(t)
	h.setUp(leadership)
	h.grant(leadership, mark, domain.RoleHead, domain.DeptMarketing)
	privet := h.say(leadership, sergey, "привет")
	// A head is not a CEO: their grants change nothing.
	h.replyToUser(leadership, mark, privet, "/ceo").contains("Only a CEO")
	h.replyToUser(leadership, mark, privet, "/head sales").contains("Only a CEO")
	h.replyToUser(leadership, mark, privet, "/demote").contains("Only a CEO")

	h.send(leadership, anna, "/ceo").contains("Reply to the person's message with /ceo")
	h.replyToUser(leadership, anna, privet, "/head finance").contains("Departments: Marketing, Sales")
	h.send(leadership, anna, "/head sales").contains("Reply to the person's message with /head")
	h.replyToUser(leadership, anna, h.anonymousAdmin(leadership, "whoever"), "/ceo").contains("Anonymous admins")
	bot := h.send(leadership, olga, "/help")
	h.replyTo(leadership, anna, bot.id(), "/ceo").contains("Bots can't get a role")
	h.replyToUser(leadership, anna, privet, "/demote boss").contains("/demote ceo")

	ws := h.workspace(leadership)
	if ws.Member(sergey.ID).Role() != domain.RoleMember || len(ws.CEOs()) != 1 || ws.IsCEO(domain.AnonymousAdminID) {
		t.Errorf("refused grants changed roles: %+v", ws.Members)
	}
}

func TestHandlerDemote_RolesAndTheLastCEO(t *testing.T) {
	h := newHandlerHarness(t)
	h.setUp(leadership)
	h.grant(leadership, mark, domain.RoleHead, domain.DeptMarketing)
	h.grant(leadership, mark, domain.RoleHead, domain.DeptSales)
	h.grant(leadership, sergey, domain.RoleCEO, "")

	self := h.say(leadership, anna, "me")
	h.replyToUser(leadership, anna, h.say(leadership, mark, "hi"), "/demote marketing").contains("Roles of Mark updated")
	if ws := h.workspace(leadership); ws.IsHeadOf(mark.ID, domain.DeptMarketing) || !ws.IsHeadOf(mark.ID, domain.DeptSales) {
		t.Errorf("after /demote marketing: %+v", ws.Member(mark.ID))
	}
	h.replyToUser(leadership, anna, h.say(leadership, sergey, "hi"), "/demote ceo").contains("Roles of Sergey updated")
	h.replyToUser(leadership, anna, self, "/demote").contains("only CEO")
	h.replyToUser(leadership, anna, h.say(leadership, mark, "hi"), "/demote").contains("Roles of Mark updated")

	ws := h.workspace(leadership)
	if !ws.IsCEO(anna.ID) || ws.IsCEO(sergey.ID) || ws.Member(mark.ID).Role() != domain.RoleMember {
		t.Errorf("after demotions: %+v", ws.Members)
	}
}

func TestHandlerJoin_CEOApprovesWithTheButton(t *testing.T) {
	h := newHandlerHarness(t)
	h.setUp(leadership)
	card := h.send(leadership, sergey, "/join sales")
	card.contains("@sales_head asks to become the head of Sales", "@anna_ceo, approve?")
	approve := card.button("j:", "Approve")
	h.send(leadership, olga, "/team").contains("Waiting for a CEO's approval", "Sergey → Sales")

	// The requester cannot approve themselves.
	out := h.press(leadership, sergey, card.id(), approve)
	if text, alert := out.answer(); !alert || !strings.Contains(text, "Only a CEO") {
		t.Errorf("the requester's press answered %q (alert %v)", text, alert)
	}
	// A forged press names a request that does not exist.
	out = h.press(leadership, anna, card.id(), "j:999:y")
	if text, _ := out.answer(); !strings.Contains(text, "out of date") {
		t.Errorf("a forged press answered %q", text)
	}
	out.unchanged("a forged press")
	copied := h.copyOf(leadership, card.id())
	if h.workspace(leadership).IsHeadOf(sergey.ID, domain.DeptSales) {
		t.Fatal("a refused press granted the role")
	}
	out = h.press(leadership, anna, card.id(), approve)
	out.contains("@sales_head now heads Sales (approved by @anna_ceo)")
	if out.edit().EditMessageID != card.id() {
		t.Errorf("the approval edited message %d, want the card %d", out.edit().EditMessageID, card.id())
	}
	ws := h.workspace(leadership)
	if !ws.IsHeadOf(sergey.ID, domain.DeptSales) || len(ws.Joins) != 0 {
		t.Errorf("after approval: head=%v joins=%v", ws.IsHeadOf(sergey.ID, domain.DeptSales), ws.Joins)
	}
	// Pressed again on a copy of the card, the copy says it was handled.
	out = h.press(leadership, anna, copied, approve)
	if text, _ := out.answer(); !strings.Contains(text, "already handled") {
		t.Errorf("a second approval answered %q", text)
	}
	if e := out.edit(); e.EditMessageID != copied {
		t.Errorf("the second approval edited %d, want the copy %d", e.EditMessageID, copied)
	}
	h.send(leadership, sergey, "/join sales").contains("You already head Sales")
}

func TestHandlerJoin_DeclineAndUsage(t *testing.T) {
	h := newHandlerHarness(t)
	h.setUp(leadership)
	h.send(leadership, olga, "/join finance").contains("Write the department you head", "Marketing, Sales")
	h.handle(tgbotapi.Update{Message: h.anonymousAdmin(leadership, "/join sales")}).contains("Anonymous admins")
	card := h.send(leadership, olga, "/join marketing")
	h.press(leadership, anna, card.id(), card.button(":n", "Decline")).contains("request of Olga to head Marketing was declined by @anna_ceo")
	if text, _ := h.press(leadership, anna, card.id(), "j:1:maybe").answer(); !strings.Contains(text, "out of date") {
		t.Errorf("a made-up verdict answered %q", text)
	}
	ws := h.workspace(leadership)
	if ws.Member(olga.ID).Role() != domain.RoleMember || len(ws.Joins) != 0 {
		t.Errorf("after declining: %+v, joins %v", ws.Member(olga.ID), ws.Joins)
	}
}

func TestHandlerChatLifecycle_MigrationAndRemoval(t *testing.T) {
	h := newHandlerHarness(t)
	group := tgbotapi.Chat{ID: -4000001, Type: "group", Title: "Leadership"}
	h.setUp(group)
	m := h.message(group, anna, "")
	m.MigrateToChatID = -1004000001
	h.handle(tgbotapi.Update{Message: m})
	super := tgbotapi.Chat{ID: -1004000001, Type: "supergroup", Title: "Leadership"}
	if h.workspace(group) != nil || h.workspace(super) == nil {
		t.Fatal("the workspace did not move to the supergroup")
	}
	h.send(super, anna, "/team").contains("@anna_ceo")

	h.handle(tgbotapi.Update{MyChatMember: &tgbotapi.ChatMemberUpdated{Chat: super, From: anna,
		NewChatMember: tgbotapi.ChatMember{User: &botUser, Status: "kicked"}}})
	if !h.workspace(super).Parked {
		t.Error("removing the bot did not park the workspace")
	}
	h.handle(tgbotapi.Update{MyChatMember: &tgbotapi.ChatMemberUpdated{Chat: super, From: anna,
		NewChatMember: tgbotapi.ChatMember{User: &botUser, Status: "member"}}})
	if h.workspace(super).Parked {
		t.Error("adding the bot back did not unpark the workspace")
	}
}
