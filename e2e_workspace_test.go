package main

import (
	"slices"
	"strings"
	"testing"
	"time"

	"trackbot/bot/telegramtest"
	"trackbot/domain"
)

func TestSetup_AdminBindsGroupWithDefaultsAndBecomesCEO(t *testing.T) {
	h := newHarness(t)
	h.start()
	reply := h.say(leaders, ceo, "/setup")
	for _, want := range []string{"Leadership", "Europe/Moscow", "Marketing, Sales", "Impressions → Clicks → Leads → Qualified → Meetings → Proposals → Deals → Paid"} {
		if !strings.Contains(reply.Text, want) {
			t.Errorf("setup reply lacks %q:\n%s", want, reply.Text)
		}
	}
	again := h.say(leaders, ceo, "/setup ru")
	if !strings.Contains(again.Text, "already set up") {
		t.Errorf("second /setup = %q, want 'already set up'", again.Text)
	}
	ws := h.workspace(leaders.ID)
	if ws == nil {
		t.Fatal("no workspace stored")
	}
	if ws.Lang != domain.English {
		t.Errorf("lang = %q: a second /setup must change nothing", ws.Lang)
	}
	if !ws.IsCEO(ceo.ID) || len(ws.Members) != 1 {
		t.Errorf("members = %+v, want the caller as the only CEO", ws.Members)
	}
	if len(ws.Stages) != 8 || len(ws.Departments) != 2 || ws.TimeZone != "Europe/Moscow" {
		t.Errorf("workspace = %d stages, %d departments, tz %q", len(ws.Stages), len(ws.Departments), ws.TimeZone)
	}
}

func TestSetup_LanguageFromCallerAndOptions(t *testing.T) {
	h := newHarness(t)
	h.tg.SetChatMember(leaders.ID, seller, "administrator")
	h.tg.SetChatMember(otherTeam.ID, seller, "administrator")
	h.start()
	reply := h.say(leaders, seller, "/setup Asia/Novosibirsk")
	if !strings.Contains(reply.Text, "настроен") || !strings.Contains(reply.Text, "Asia/Novosibirsk") {
		t.Errorf("a Russian-speaking admin's setup reply = %q, want Russian with the time zone", reply.Text)
	}
	bad := h.say(otherTeam, seller, "/setup Mars/Base")
	if !strings.Contains(bad.Text, "Mars/Base") {
		t.Errorf("bad time zone reply = %q, want it to name the value", bad.Text)
	}
}

func TestSetup_NonAdminIsRefusedAndNothingIsStored(t *testing.T) {
	h := newHarness(t)
	h.tg.SetChatMember(leaders.ID, outsider, "member")
	h.start()
	reply := h.say(leaders, outsider, "/setup")
	if !strings.Contains(reply.Text, "Only a chat administrator") {
		t.Errorf("reply = %q, want a refusal", reply.Text)
	}
	anon := h.tg.SendAnonymousAdmin(leaders, "/setup")
	if r := h.replyTo(leaders, anon); !strings.Contains(r.Text, "anonymous") {
		t.Errorf("anonymous admin reply = %q", r.Text)
	}
	if ws := h.workspace(leaders.ID); ws != nil {
		t.Errorf("a refused /setup stored a workspace: %+v", ws)
	}
	if calls := h.tg.CallsTo("getChatMember"); len(calls) == 0 {
		t.Error("the bot trusted the message instead of asking getChatMember")
	}
}

func TestRoles_CEOGrantsByReplyAndNonCEOIsRefused(t *testing.T) {
	h := newHarness(t)
	h.start()
	h.setUp()
	hello := h.tg.SendText(leaders, marketer, "hi all")
	if r := h.replyTo(leaders, h.tg.ReplyText(leaders, ceo, hello, "/head marketing")); !strings.Contains(r.Text, "now heads Marketing") {
		t.Fatalf("grant reply = %q", r.Text)
	}
	// A head is not a CEO: their attempts change nothing.
	sellerMsg := h.tg.SendText(leaders, seller, "привет")
	refused := h.replyTo(leaders, h.tg.ReplyText(leaders, marketer, sellerMsg, "/ceo"))
	if !strings.Contains(refused.Text, "Only a CEO") {
		t.Errorf("non-CEO /ceo reply = %q", refused.Text)
	}
	refused = h.replyTo(leaders, h.tg.ReplyText(leaders, marketer, sellerMsg, "/head sales"))
	if !strings.Contains(refused.Text, "Only a CEO") {
		t.Errorf("non-CEO /head reply = %q", refused.Text)
	}
	anon := h.tg.SendAnonymousAdmin(leaders, "whoever")
	if r := h.replyTo(leaders, h.tg.ReplyText(leaders, ceo, anon, "/ceo")); !strings.Contains(r.Text, "Anonymous admins") {
		t.Errorf("granting the anonymous admin = %q", r.Text)
	}
	team := h.say(leaders, outsider, "/team")
	if !strings.Contains(team.RawText, "@mark_head") || !strings.Contains(team.RawText, "@anna_ceo") {
		t.Errorf("/team = %q", team.RawText)
	}
	ws := h.workspace(leaders.ID)
	if !ws.IsHeadOf(marketer.ID, domain.DeptMarketing) || ws.IsCEO(marketer.ID) {
		t.Errorf("marketer roles = %+v", ws.Member(marketer.ID))
	}
	if ws.Member(seller.ID).Role() != domain.RoleMember || ws.IsCEO(domain.AnonymousAdminID) {
		t.Errorf("refused grants changed roles: %+v", ws.Members)
	}
}

func TestRoles_LastCEOCannotBeDemoted(t *testing.T) {
	h := newHarness(t)
	h.start()
	h.setUp()
	self := h.tg.SendText(leaders, ceo, "me")
	r := h.replyTo(leaders, h.tg.ReplyText(leaders, ceo, self, "/demote"))
	if !strings.Contains(r.Text, "only CEO") {
		t.Errorf("demoting the last CEO = %q", r.Text)
	}
	if ws := h.workspace(leaders.ID); !ws.IsCEO(ceo.ID) {
		t.Error("the last CEO was demoted")
	}
}

func TestJoin_CEOApprovesWithButtonOthersAreRefused(t *testing.T) {
	h := newHarness(t)
	h.start()
	h.setUp()
	card := h.say(leaders, seller, "/join sales")
	if !strings.Contains(card.RawText, "@anna_ceo") || len(card.ReplyMarkup) == 0 {
		t.Fatalf("join card = %q with buttons %v", card.RawText, card.ReplyMarkup)
	}
	approve := card.ReplyMarkup[0][0].CallbackData
	// The requester cannot approve themselves.
	q := h.tg.PressButton(leaders, seller, card.MessageID, approve)
	h.tg.WaitFor(t, 10*time.Second, "the refused press is answered", func() bool {
		return h.tg.CallbackAnswers()[q].Answered
	})
	if a := h.tg.CallbackAnswers()[q]; !strings.Contains(a.Text, "Only a CEO") {
		t.Errorf("requester's press answered %q", a.Text)
	}
	// A forged press with another request id changes nothing.
	forged := h.tg.PressButton(leaders, ceo, card.MessageID, "j:999:y")
	q = h.tg.PressButton(leaders, ceo, card.MessageID, approve)
	h.tg.WaitFor(t, 10*time.Second, "the card shows the approval", func() bool {
		m, _ := h.tg.Message(leaders.ID, card.MessageID)
		return strings.Contains(m.Text, "now heads Sales")
	})
	h.tg.WaitFor(t, 10*time.Second, "every press answered", func() bool {
		a := h.tg.CallbackAnswers()
		return a[q].Answered && a[forged].Answered
	})
	ws := h.workspace(leaders.ID)
	if !ws.IsHeadOf(seller.ID, domain.DeptSales) || len(ws.Joins) != 0 {
		t.Errorf("after approval: head=%v joins=%v", ws.IsHeadOf(seller.ID, domain.DeptSales), ws.Joins)
	}
	if n := len(h.tg.UnansweredCallbacks()); n != 0 {
		t.Errorf("%d presses left unanswered", n)
	}
}

func TestCommands_AddressedToAnotherBotAreIgnored(t *testing.T) {
	h := newHarness(t)
	h.start()
	other := h.tg.SendText(leaders, ceo, "/help@someotherbot")
	h.noReply(leaders, other)
	mine := h.say(leaders, ceo, "/help@"+h.tg.BotUser().Username)
	if !strings.Contains(mine.Text, "/setup") {
		t.Errorf("/help@ourbot = %q", mine.Text)
	}
}

func TestAccess_ChatOutsideAllowListGetsOneLineAndNothingStored(t *testing.T) {
	h := newHarness(t)
	h.cfg.AllowedChats = []int64{leaders.ID}
	h.tg.SetChatMember(otherTeam.ID, ceo, "creator")
	h.start()
	reply := h.say(otherTeam, ceo, "/setup")
	if !strings.Contains(reply.Text, "not enabled for this chat") {
		t.Errorf("reply = %q", reply.Text)
	}
	if ws := h.workspace(otherTeam.ID); ws != nil {
		t.Error("a chat outside the allow list was set up")
	}
}

func TestMigration_SupergroupKeepsItsWorkspace(t *testing.T) {
	h := newHarness(t)
	group := telegramtest.Chat{ID: -4000001, Type: "group", Title: "Leadership"}
	h.tg.SetChatMember(group.ID, ceo, "creator")
	h.start()
	if r := h.say(group, ceo, "/setup"); !strings.Contains(r.Text, "is set up") {
		t.Fatalf("setup = %q", r.Text)
	}
	newID := int64(-1004000001)
	h.tg.MigrateChat(group, newID)
	super := telegramtest.Chat{ID: newID, Type: "supergroup", Title: "Leadership"}
	team := h.say(super, ceo, "/team")
	if !strings.Contains(team.RawText, "@anna_ceo") {
		t.Errorf("/team in the supergroup = %q", team.Text)
	}
	if ws := h.workspace(newID); ws == nil || !ws.IsCEO(ceo.ID) {
		t.Error("the workspace did not move to the supergroup")
	}
	if ws := h.workspace(group.ID); ws != nil {
		t.Error("the old group id still has a workspace")
	}
}

func TestHelp_PrivateChatAndRussianWorkspace(t *testing.T) {
	h := newHarness(t)
	h.start()
	private := h.say(telegramtest.PrivateChat(seller), seller, "/start")
	if !strings.Contains(private.Text, "trackbot ведёт трекинг") {
		t.Errorf("private /start for a Russian speaker = %q", private.Text)
	}
	h.say(leaders, ceo, "/setup ru")
	help := h.say(leaders, marketer, "/help")
	if !strings.Contains(help.Text, "Трекинг") {
		t.Errorf("/help in a Russian workspace = %q", help.Text)
	}
}

func TestCommands_MenuRegisteredPerScopeAndLanguage(t *testing.T) {
	h := newHarness(t)
	h.start()
	h.tg.WaitFor(t, 10*time.Second, "four command menus", func() bool { return len(h.tg.Commands()) >= 4 })
	var seen []string
	for _, set := range h.tg.Commands() {
		seen = append(seen, set.Scope+"/"+set.LanguageCode)
		names := make([]string, len(set.Commands))
		for i, c := range set.Commands {
			names[i] = c.Command
		}
		if !slices.Contains(names, "help") {
			t.Errorf("%s/%s menu lacks help: %v", set.Scope, set.LanguageCode, names)
		}
		if set.Scope == "all_private_chats" && slices.Contains(names, "setup") {
			t.Errorf("the private menu offers /setup, which works only in groups")
		}
	}
	slices.Sort(seen)
	want := []string{"all_group_chats/", "all_group_chats/ru", "all_private_chats/", "all_private_chats/ru"}
	if !slices.Equal(seen, want) {
		t.Errorf("menus = %v, want %v", seen, want)
	}
}
