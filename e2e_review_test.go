package main

import (
	"bytes"
	"fmt"
	"image/png"
	"strings"
	"testing"
	"time"

	"trackbot/bot/telegramtest"
	"trackbot/domain"
	"trackbot/sample"
	"trackbot/storage"
)

// reviewWait is how long a step of the review tests may take: the sender
// spaces messages to one chat by a second and keeps a group to 20 messages
// a minute, and a review with its hypotheses is a few dozen of them.
const reviewWait = 90 * time.Second

// seedDemo gives the leadership workspace the demo's segments and its 26
// weeks of records, written straight into the database with the bot
// stopped, then starts the bot again.
func (h *harness) seedDemo() {
	h.t.Helper()
	if err := h.stopBot(); err != nil {
		h.t.Fatalf("bot stopped with %v", err)
	}
	demo, recs := sample.Workspace(time.Now())
	db, err := storage.Open(h.cfg.StoragePath, storage.Options{Timeout: time.Second})
	if err != nil {
		h.t.Fatal(err)
	}
	err = db.Update(func(tx domain.Tx) error {
		ws, err := tx.Workspaces().ByChat(leaders.ID)
		if err != nil {
			return err
		}
		ws.Segments = demo.Segments
		if err := tx.Workspaces().Put(ws); err != nil {
			return err
		}
		for _, r := range recs {
			if err := tx.Records().Put(ws.ID, r); err != nil {
				return err
			}
		}
		return nil
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		h.t.Fatal(err)
	}
	h.start()
}

// botMessage waits for a bot message in the chat after message after
// whose text contains all the parts.
func (h *harness) botMessage(chat telegramtest.Chat, after int, desc string, parts ...string) telegramtest.Message {
	h.t.Helper()
	var got telegramtest.Message
	h.tg.WaitFor(h.t, reviewWait, desc, func() bool {
		for _, m := range h.tg.Messages(chat.ID) {
			if m.FromBot && m.MessageID > after && containsAll(m.RawText, parts) {
				got = m
				return true
			}
		}
		return false
	})
	return got
}

func containsAll(s string, parts []string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

// press presses a button and waits for its answer; it returns the answer.
func (h *harness) press(chat telegramtest.Chat, who telegramtest.User, msgID int, data string) telegramtest.CallbackAnswer {
	h.t.Helper()
	q := h.tg.PressButton(chat, who, msgID, data)
	h.tg.WaitFor(h.t, reviewWait, "the press of "+data+" answered", func() bool { return h.tg.CallbackAnswers()[q].Answered })
	return h.tg.CallbackAnswers()[q]
}

// pressAndWait presses a button and waits until the message shows text.
func (h *harness) pressAndWait(chat telegramtest.Chat, who telegramtest.User, msgID int, data, text string) telegramtest.Message {
	h.t.Helper()
	h.press(chat, who, msgID, data)
	return h.waitText(chat, msgID, text)
}

// waitText waits until the message's text contains text.
func (h *harness) waitText(chat telegramtest.Chat, msgID int, text string) telegramtest.Message {
	h.t.Helper()
	var m telegramtest.Message
	h.tg.WaitFor(h.t, reviewWait, fmt.Sprintf("message %d to show %q", msgID, text), func() bool {
		m, _ = h.tg.Message(chat.ID, msgID)
		return strings.Contains(m.Text, text)
	})
	return m
}

// button returns the data of the message's button whose data contains
// part (and whose text contains label, when given).
func button(t *testing.T, m telegramtest.Message, part, label string) string {
	t.Helper()
	for _, row := range m.ReplyMarkup {
		for _, b := range row {
			if strings.Contains(b.CallbackData, part) && strings.Contains(b.Text, label) {
				return b.CallbackData
			}
		}
	}
	t.Fatalf("message %d has no button %q %q: %+v", m.MessageID, part, label, m.ReplyMarkup)
	return ""
}

// logHypothesis walks /hyp through its buttons with a preset deadline,
// the second preset effect (+10 pp for a conversion) and no ICE score, and
// returns the card.
func (h *harness) logHypothesis(text, dept, metric string) telegramtest.Message {
	h.t.Helper()
	draft := h.say(leaders, ceo, "/hyp "+text)
	h.waitText(leaders, draft.MessageID, "Which department")
	draft, _ = h.tg.Message(leaders.ID, draft.MessageID)
	draft = h.pressAndWait(leaders, ceo, draft.MessageID, button(h.t, draft, ":d:", dept), "Which metric")
	draft = h.pressAndWait(leaders, ceo, draft.MessageID, button(h.t, draft, ":m:", metric), "By when")
	draft = h.pressAndWait(leaders, ceo, draft.MessageID, button(h.t, draft, ":t:1w", ""), "By how much")
	draft = h.pressAndWait(leaders, ceo, draft.MessageID, button(h.t, draft, ":e:1", ""), "ICE")
	return h.pressAndWait(leaders, ceo, draft.MessageID, button(h.t, draft, ":i:skip", ""), "H-")
}

func TestReview_WholeLoop(t *testing.T) {
	h := newHarness(t)
	h.start()
	h.setUp()
	h.makeHead(marketer, "marketing")
	h.makeHead(seller, "sales")
	h.seedDemo()

	// The pack: headline, a media group of real pictures, questions to the
	// right heads, and the hypotheses block.
	cmd := h.tg.SendText(leaders, ceo, "/review")
	head := h.replyTo(leaders, cmd)
	for _, want := range []string{"Review", "Dealers", "Leads", "w/w", "vs 4 wk", "Money at stake: about"} {
		if !strings.Contains(head.Text, want) {
			t.Errorf("headline lacks %q:\n%s", want, head.Text)
		}
	}
	questions := h.botMessage(leaders, cmd, "the tracker questions", "Tracker questions")
	block := h.botMessage(leaders, cmd, "the hypotheses block", "Hypotheses")
	var photos []telegramtest.Message
	for _, m := range h.tg.Messages(leaders.ID) {
		if m.FromBot && m.MessageID > cmd && m.MediaGroupID != "" {
			photos = append(photos, m)
		}
	}
	if len(photos) < 2 || len(photos) > 10 {
		t.Fatalf("media group has %d pictures, want 2..10", len(photos))
	}
	for _, p := range photos {
		if len(p.Photos) == 0 {
			t.Fatalf("media message %d has no photo", p.MessageID)
		}
		img, err := png.Decode(bytes.NewReader(p.Photos[0].Data))
		if err != nil || img.Bounds().Dx() < 400 {
			t.Errorf("picture %q is not a real PNG chart: %v", p.Caption, err)
		}
	}
	if !strings.Contains(photos[0].Caption, "Funnel") {
		t.Errorf("first caption = %q, want the funnel", photos[0].Caption)
	}
	if calls := h.tg.CallsTo("sendChatAction"); len(calls) == 0 {
		t.Error("no upload_photo chat action before the charts")
	}
	sales := strings.Index(questions.RawText, "@sales_head")
	if sales < 0 || !strings.Contains(questions.RawText[sales:], "Wrong phone number") {
		t.Errorf("no question to the sales head about wrong phone numbers:\n%s", questions.RawText)
	}
	if mk := strings.Index(questions.RawText, "@mark_head"); mk < 0 || !strings.Contains(questions.RawText[mk:], "Retail buyers") {
		t.Errorf("no question to the marketing head about retail buyers:\n%s", questions.RawText)
	}
	if n := strings.Count(questions.RawText, "At stake: about"); n < 2 {
		t.Errorf("%d questions carry the money at stake, want both:\n%s", n, questions.RawText)
	}
	if !strings.Contains(block.Text, "Nothing overdue") {
		t.Errorf("hypotheses block = %q", block.Text)
	}

	// Two hypotheses through the buttons; the second with a typed date and
	// an expected effect typed as replies.
	h1 := h.logHypothesis("Move the retail budget to dealer campaigns", "Marketing", "Leads → Qualified")
	for _, want := range []string{"H-1", "new", "Marketing @mark_head", "Leads → Qualified · Dealers", "Baseline"} {
		if !strings.Contains(h1.Text, want) {
			t.Errorf("card H-1 lacks %q:\n%s", want, h1.Text)
		}
	}
	draft := h.say(leaders, ceo, "/hyp Check phone numbers before handing leads to sales")
	draft = h.waitText(leaders, draft.MessageID, "Which department")
	draft = h.pressAndWait(leaders, ceo, draft.MessageID, button(t, draft, ":d:", "Sales"), "Which metric")
	draft = h.pressAndWait(leaders, ceo, draft.MessageID, button(t, draft, ":m:", "Qualified → Meetings"), "By when")
	draft = h.pressAndWait(leaders, ceo, draft.MessageID, button(t, draft, ":t:typed", ""), "Reply to this message with the date")
	due := time.Now().AddDate(0, 0, 10).Format("02.01.2006")
	h.tg.ReplyText(leaders, ceo, draft.MessageID, due)
	h.waitText(leaders, draft.MessageID, "By how much")
	h.tg.ReplyText(leaders, ceo, draft.MessageID, "+20 pp")
	h.waitText(leaders, draft.MessageID, "ICE")
	h.tg.ReplyText(leaders, ceo, draft.MessageID, "8 6 7")
	h2 := h.waitText(leaders, draft.MessageID, "H-2")
	if !strings.Contains(h2.Text, "Expected effect: +20\u00a0pp") || !strings.Contains(h2.Text, "ICE: 8 × 6 × 7") || !strings.Contains(h2.Text, "@sales_head") {
		t.Errorf("card H-2:\n%s", h2.Text)
	}

	// The sales head may not mark marketing's hypothesis done.
	done := button(t, h1, ":d:", "")
	if a := h.press(leaders, seller, h1.MessageID, done); !a.ShowAlert || !strings.Contains(a.Text, "Only a head of Marketing") {
		t.Errorf("the sales head's Done was answered %+v", a)
	}
	// The marketing head marks it done with a short result.
	h.press(leaders, marketer, h1.MessageID, done)
	prompt := h.botMessage(leaders, h2.MessageID, "the result prompt", "H-1", "reply to this message with a short result")
	h.replyTo(leaders, h.tg.ReplyText(leaders, marketer, prompt.MessageID, "Retail campaigns paused, dealer budget doubled"))
	h1 = h.waitText(leaders, h1.MessageID, "H-1 · done")
	if !strings.Contains(h1.Text, "Retail campaigns paused") || !strings.Contains(h1.Text, "Verdict: not enough data") {
		t.Errorf("done card:\n%s", h1.Text)
	}

	// No week after the start has ended: the CEO confirms it without data,
	// giving the reason.
	h.press(leaders, ceo, h1.MessageID, button(t, h1, ":C:", "Confirm without data"))
	ask := h.botMessage(leaders, prompt.MessageID, "the reason prompt", "H-1", "why you confirm it anyway")
	h.replyTo(leaders, h.tg.ReplyText(leaders, ceo, ask.MessageID, "Dealer calls doubled"))
	h1 = h.waitText(leaders, h1.MessageID, "H-1 · confirmed")
	if !strings.Contains(h1.Text, "confirmed without data — Dealer calls doubled") {
		t.Errorf("confirmed card:\n%s", h1.Text)
	}
	if len(h1.ReplyMarkup) != 0 {
		t.Errorf("a confirmed card still has buttons: %+v", h1.ReplyMarkup)
	}

	// The protocol: who does what by when.
	protocol := h.say(leaders, ceo, "/review end")
	for _, want := range []string{"Review protocol", "H-1", "H-2", "@mark_head", "@sales_head", time.Now().AddDate(0, 0, 10).Format("2 Jan 2006")} {
		if !strings.Contains(protocol.RawText, want) {
			t.Errorf("protocol lacks %q:\n%s", want, protocol.RawText)
		}
	}

	// The next review reports the outcome.
	next := h.tg.SendText(leaders, ceo, "/review")
	block = h.botMessage(leaders, next, "the next hypotheses block", "Results since the last review")
	if !strings.Contains(block.Text, "H-1 · confirmed") {
		t.Errorf("next review's hypotheses block:\n%s", block.Text)
	}

	h.view(func(tx domain.Tx) error {
		ws, err := tx.Workspaces().ByChat(leaders.ID)
		if err != nil {
			return err
		}
		hyps, err := tx.Hypotheses().List(ws.ID)
		if err != nil {
			return err
		}
		if len(hyps) != 2 || hyps[0].Status != domain.StatusConfirmed || hyps[1].Status != domain.StatusNew {
			t.Errorf("stored hypotheses: %+v", hyps)
		}
		reviews, err := tx.Reviews().List(ws.ID)
		if err != nil {
			return err
		}
		if len(reviews) != 2 || reviews[0].IsOpen() || !reviews[1].IsOpen() || hyps[0].Review != reviews[0].ID {
			t.Errorf("stored reviews: %+v", reviews)
		}
		return nil
	})
}

func TestReview_NoNumbersSaysHowToEnterThem(t *testing.T) {
	h := newHarness(t)
	h.start()
	h.setUp()
	r := h.say(leaders, ceo, "/review")
	if !strings.Contains(r.Text, "No numbers") || !strings.Contains(r.Text, "/log") {
		t.Errorf("/review without numbers = %q", r.Text)
	}
	h.makeHead(marketer, "marketing")
	if r := h.say(leaders, marketer, "/review"); !strings.Contains(r.Text, "Only a CEO") {
		t.Errorf("a head's /review = %q", r.Text)
	}
}

func TestHypothesis_ForgedPressesChangeNothing(t *testing.T) {
	h := newHarness(t)
	h.start()
	h.setUp()
	h.makeHead(marketer, "marketing")
	h.tg.SetChatMember(otherTeam.ID, ceo, "creator")
	if r := h.say(otherTeam, ceo, "/setup"); !strings.Contains(r.Text, "is set up") {
		t.Fatalf("/setup of the other team = %q", r.Text)
	}
	card := h.logHypothesis("Answer every lead within an hour", "Marketing", "Leads → Qualified")
	drop := button(t, card, ":x:", "")

	for _, tc := range []struct {
		name string
		chat telegramtest.Chat
		who  telegramtest.User
		data string
		want string
	}{
		{"another hypothesis id", leaders, ceo, strings.Replace(drop, "h:1:", "h:99:", 1), "out of date"},
		{"another workspace", otherTeam, ceo, drop, "out of date"},
		{"a member pressing a CEO-only button", leaders, outsider, drop, "Only a CEO"},
		{"a head pressing a CEO-only button", leaders, marketer, drop, "Only a CEO"},
		{"a made-up action", leaders, ceo, "h:1:z:1", "out of date"},
		{"an old version the card does not show", leaders, ceo, strings.Replace(drop, ":x:1", ":x:0", 1), "out of date"},
		{"a made-up version on the card", leaders, ceo, "h:1:s:99", "out of date"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if a := h.press(tc.chat, tc.who, card.MessageID, tc.data); !strings.Contains(a.Text, tc.want) {
				t.Errorf("answer = %q, want %q", a.Text, tc.want)
			}
		})
	}
	h.view(func(tx domain.Tx) error {
		ws, err := tx.Workspaces().ByChat(leaders.ID)
		if err != nil {
			return err
		}
		hyp, err := tx.Hypotheses().Get(ws.ID, 1)
		if err != nil {
			return err
		}
		if hyp.Status != domain.StatusNew || hyp.Version() != 1 {
			t.Errorf("after forged presses: status %q, version %d; want new, 1", hyp.Status, hyp.Version())
		}
		return nil
	})
}
