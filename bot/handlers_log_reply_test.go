package bot

import (
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"trackbot/domain"
)

// A reply with numbers to the bot's numbers reminder, to its /log help or
// to the problems of a /log message is read as /log: by the person who
// replies, with their role's rules, through the same preview and confirm.

// weekW12 is the week handlerStart falls in: the week the reminder chases.
var weekW12 = domain.Week{Year: 2026, Num: 12}

// reminder has a CEO send the numbers reminder now, from /settings, and
// returns the reminder's message id.
func (h *handlerHarness) reminder(chat tgbotapi.Chat) int {
	h.t.Helper()
	card := h.send(chat, anna, "/settings")
	out := h.press(chat, anna, card.id(), "st:now:r")
	out.contains("Numbers for 2026-W12 are still missing")
	return out.id()
}

// promptHref is the link a numbers prompt of the chat's workspace carries.
func (h *handlerHarness) promptHref(chat tgbotapi.Chat, kind domain.PromptKind, id int64) string {
	p := domain.Prompt{Kind: kind, Workspace: h.workspace(chat).ID, ID: id}
	return `href="https://t.me/trackbot_test_bot?start=` + p.Token() + `"`
}

func TestHandlerLogReply_ReminderRepliesAreLogForTheRemindedWeek(t *testing.T) {
	h := numbersTeam(t)
	h.twoSegments(leadership)
	reminder := h.reminder(leadership)
	if html := h.shown[[2]int64{leadership.ID, int64(reminder)}].Text; !strings.Contains(html, h.promptHref(leadership, domain.PromptWeekNumbers, 202612)) {
		t.Fatalf("the reminder carries no link asking for 2026-W12's numbers:\n%s", html)
	}

	// The marketing head's numbers, without a week, are the reminded week's.
	preview := h.replyTo(leadership, mark, reminder, "дилеры лиды 120 целевые 80")
	preview.contains("This is what I understood", "Dealers", "2026-W12", "Leads", "120", "Qualified", "80", "Confirm to save")
	if n := len(h.records(leadership)); n != 0 {
		t.Fatalf("a reply stored %d records before the confirmation", n)
	}
	h.confirm(leadership, mark, preview).contains("Saved: Dealers, 2026-W12, numbers from @mark_head")
	r := h.record(leadership, "dealers", weekW12)
	if r.Counts["leads"] != 120 || r.Counts["qualified"] != 80 || r.UpdatedBy != mark.ID {
		t.Errorf("stored record = %+v", r)
	}

	// A copy the bot never learnt the id of is the same reminder. The
	// sales head may not enter marketing's figures, as with /log, and
	// enters their own.
	copied := h.copyOf(leadership, reminder)
	h.replyTo(leadership, sergey, copied, "дилеры лиды 5").contains("Your department does not own these figures: Leads")
	preview = h.replyTo(leadership, sergey, copied, "дилеры встречи 30")
	preview.contains("2026-W12", "Meetings", "30")
	h.confirm(leadership, sergey, preview)
	if r := h.record(leadership, "dealers", weekW12); r.Counts["leads"] != 120 || r.Counts["meetings"] != 30 {
		t.Errorf("record after the reply to the copy = %+v", r)
	}

	// A week named in the reply wins.
	h.replyTo(leadership, mark, reminder, "розница прошлая неделя лиды 40").contains("Retail", "2026-W11", "40")
}

func TestHandlerLogReply_HelpRepliesInTheGroupAndInPrivate(t *testing.T) {
	h := numbersTeam(t)
	h.twoSegments(leadership)
	help := h.send(leadership, mark, "/log")
	help.contains("Send the week's numbers in one message", "Or just reply to this message with the numbers.")
	if html := help.message().Text; !strings.Contains(html, h.promptHref(leadership, domain.PromptNumbers, 1)+">reply to this message</a>") {
		t.Fatalf("the /log help carries no link asking for numbers:\n%s", html)
	}

	// Anyone who may enter numbers may answer: the CEO replies to Mark's
	// help, to a copy of it, with the last complete week by default.
	preview := h.replyTo(leadership, anna, h.copyOf(leadership, help.id()), "dealers leads=120 qualified=80")
	preview.contains("Dealers", "2026-W11", "120", "80")
	h.confirm(leadership, anna, preview)
	if r := h.record(leadership, "dealers", weekW11); r.Counts["leads"] != 120 || r.UpdatedBy != anna.ID {
		t.Errorf("stored record = %+v", r)
	}

	// In a private chat, the help and the reply are the head's workspace's.
	private := privateChat(mark)
	help = h.send(private, mark, "/log")
	preview = h.replyTo(private, mark, help.id(), "retail w10 leads=70")
	preview.contains("Retail", "2026-W10", "70")
	if j := preview.message(); j.ChatID != private.ID {
		t.Errorf("the preview went to chat %d, want the private chat", j.ChatID)
	}
	h.confirm(private, mark, preview)
	if r := h.record(leadership, "retail", domain.Week{Year: 2026, Num: 10}); r.Counts["leads"] != 70 {
		t.Errorf("stored record = %+v", r)
	}
}

func TestHandlerLogReply_GarbageGetsTheLogErrorWhichAsksAgain(t *testing.T) {
	h := numbersTeam(t)
	h.twoSegments(leadership)
	help := h.send(leadership, mark, "/log")

	// The same problems, "did you mean" and example as /log gives.
	byLog := h.send(leadership, mark, "/log dealers leeds=120")
	byReply := h.replyTo(leadership, mark, help.id(), "dealers leeds=120")
	byReply.contains("Nothing was saved", "leeds: unknown name. Did you mean: leads?", "Example: /log dealers w47")
	if byReply.html() != byLog.html() {
		t.Errorf("a reply's problems differ from /log's:\nreply: %s\n/log:  %s", byReply.html(), byLog.html())
	}
	if len(byReply.buttons()) != 0 {
		t.Errorf("a reply not understood got buttons: %+v", byReply.buttons())
	}

	// The problems ask again: a reply with the fixed numbers is read.
	if !strings.Contains(byReply.html(), h.promptHref(leadership, domain.PromptNumbers, 1)+">reply to this message</a> with the corrected numbers") {
		t.Fatalf("the problems carry no link asking for numbers:\n%s", byReply.html())
	}
	h.replyTo(leadership, mark, byReply.id(), "dealers leads=120").contains("This is what I understood", "2026-W11")

	// The problems of a reply to the reminder ask for the reminded week.
	reminder := h.reminder(leadership)
	problems := h.replyTo(leadership, mark, reminder, "дилеры лидов сто")
	problems.contains("Nothing was saved")
	if !strings.Contains(problems.html(), h.promptHref(leadership, domain.PromptWeekNumbers, 202612)) {
		t.Fatalf("the problems of a reply to the reminder do not ask for its week:\n%s", problems.html())
	}
	h.replyTo(leadership, mark, problems.id(), "дилеры лиды 100").contains("2026-W12", "100")

	// Numbers that contradict each other are refused with the example too,
	// and the refusal asks again.
	bad := h.replyTo(leadership, mark, help.id(), "dealers leads=60 qualified=70")
	bad.contains("Nothing was saved", "more than Leads (60)", "corrected numbers")
	if len(h.records(leadership)) != 0 {
		t.Errorf("a reply not understood stored numbers: %+v", h.records(leadership))
	}
}

func TestHandlerLogReply_AMemberWithoutARoleIsRefusedAsByLog(t *testing.T) {
	h := numbersTeam(t)
	h.twoSegments(leadership)
	reminder := h.reminder(leadership)
	help := h.send(leadership, mark, "/log")
	byLog := h.send(leadership, olga, "/log дилеры лиды 120 целевые 80")
	byLog.contains("Only CEOs and department heads can enter numbers")
	for i, to := range []int{reminder, help.id(), h.copyOf(leadership, reminder)} {
		out := h.replyTo(leadership, olga, to, "дилеры лиды 120 целевые 80")
		if out.html() != byLog.html() || len(out.buttons()) != 0 {
			t.Errorf("reply %d: a member got %s, want what /log gives: %s", i, out, byLog)
		}
	}
	if n := len(h.records(leadership)); n != 0 {
		t.Errorf("a member's replies stored %d records", n)
	}
}
