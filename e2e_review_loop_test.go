package main

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"trackbot/bot/telegramtest"
	"trackbot/domain"
)

// questionNumber is the number the questions message gives the question
// addressed to the user: "2. @mark_head, …".
func questionNumber(t *testing.T, questions telegramtest.Message, u telegramtest.User) int {
	t.Helper()
	m := regexp.MustCompile(`(?m)^(\d+)\. @` + u.Username + `,`).FindStringSubmatch(questions.Text)
	if m == nil {
		t.Fatalf("no question to @%s:\n%s", u.Username, questions.Text)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// botMessages are the bot's messages in the chat whose text contains part.
func (h *harness) botMessages(chat telegramtest.Chat, part string) []telegramtest.Message {
	var out []telegramtest.Message
	for _, m := range h.tg.Messages(chat.ID) {
		if m.FromBot && strings.Contains(m.Text, part) {
			out = append(out, m)
		}
	}
	return out
}

// TestReviewLoop_AnswerOnRecordAndOneReminder is the loop through the fake
// Bot API: the marketing head answers a question by replying to the
// questions message, which then shows who answered; the sales head does
// not, and is reminded once, across restarts; the protocol has the
// answer with the head's name and "no answer" for the other question.
func TestReviewLoop_AnswerOnRecordAndOneReminder(t *testing.T) {
	h := newHarness(t)
	clock := newMovableClock(time.Now())
	h.seams.now = clock.now
	h.start()
	h.setUp()
	h.makeHead(marketer, "marketing")
	h.makeHead(seller, "sales")
	h.seedDemo()
	if r := h.say(leaders, ceo, "/settings answers 2"); !strings.Contains(r.Text, "reminded after 2 h") {
		t.Fatalf("/settings answers 2 = %q", r.Text)
	}

	cmd := h.tg.SendText(leaders, ceo, "/review")
	questions := h.botMessage(leaders, cmd, "the tracker questions", "Tracker questions")
	mine, theirs := questionNumber(t, questions, marketer), questionNumber(t, questions, seller)
	h.tg.ReplyText(leaders, marketer, questions.MessageID, strconv.Itoa(mine)+": Retail campaigns took half the budget; moved it to dealers")
	shown := h.waitText(leaders, questions.MessageID, "answered by @mark_head")
	if n := strings.Count(shown.Text, "answered by"); n != 1 {
		t.Errorf("the questions message shows %d answers, want 1:\n%s", n, shown.Text)
	}

	// Two hours on, after a restart the sales head is reminded, once.
	clock.advance(2*time.Hour + time.Minute)
	if err := h.stopBot(); err != nil {
		t.Fatalf("bot stopped with %v", err)
	}
	h.start()
	nudge := h.botMessage(leaders, questions.MessageID, "the reminder", "still without an answer")
	if !strings.Contains(nudge.Text, "@sales_head") || strings.Contains(nudge.Text, "@mark_head") ||
		!strings.Contains(nudge.Text, strconv.Itoa(theirs)+". Sales") {
		t.Errorf("reminder:\n%s", nudge.Text)
	}
	clock.advance(time.Hour)
	if err := h.stopBot(); err != nil {
		t.Fatalf("bot stopped with %v", err)
	}
	h.start()
	h.waitIdle()

	protocol := h.say(leaders, ceo, "/review end")
	for _, want := range []string{"Review protocol", "Took part: Anna Petrova, Mark",
		"Answer — Mark, ", ": Retail campaigns took half the budget; moved it to dealers",
		strconv.Itoa(theirs) + ". Sales: ", "No answer (reminded ", "Next review: "} {
		if !strings.Contains(protocol.Text, want) {
			t.Errorf("protocol lacks %q:\n%s", want, protocol.Text)
		}
	}
	if n := len(h.botMessages(leaders, "still without an answer")); n != 1 {
		t.Errorf("%d reminders, want exactly one", n)
	}

	h.view(func(tx domain.Tx) error {
		ws, err := tx.Workspaces().ByChat(leaders.ID)
		if err != nil {
			return err
		}
		r, err := tx.Reviews().Latest(ws.ID)
		if err != nil {
			return err
		}
		a, _ := r.Question(mine)
		b, _ := r.Question(theirs)
		if a.Answer.By.UserID != marketer.ID || !a.NudgedAt.IsZero() {
			t.Errorf("question %d = %+v, want Mark's answer and no reminder", mine, a)
		}
		if b.Answer.Given() || b.NudgedAt.IsZero() || r.IsOpen() || r.Protocol != protocol.RawText {
			t.Errorf("question %d = %+v, review open %v", theirs, b, r.IsOpen())
		}
		return nil
	})
}
