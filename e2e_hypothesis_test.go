package main

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"trackbot/bot/telegramtest"
	"trackbot/domain"
)

// logAndConfirm sends /log as the user and confirms the preview.
func (h *harness) logAndConfirm(who telegramtest.User, text string) {
	h.t.Helper()
	h.confirmDraft(leaders, who, h.say(leaders, who, text))
}

// A hypothesis through the real bot: marketing owns a fix that should
// move a sales conversion of the dealers by +10 pp; it cannot be confirmed
// on numbers before a week after its start has them, and once the heads
// enter that week the card shows the verdict. A head's proposal waits for
// a CEO, and a deadline is moved in place.
func TestHypothesis_TargetVerdictProposalAndDeadline(t *testing.T) {
	h := newHarness(t)
	// Wednesday 18 March 2026 (2026-W12); the clock jumps two weeks later.
	var jump atomic.Int64
	offset := time.Date(2026, time.March, 18, 10, 0, 0, 0, time.UTC).Sub(time.Now())
	h.seams.now = func() time.Time { return time.Now().Add(offset + time.Duration(jump.Load())) }
	h.start()
	h.setUp()
	h.makeHead(marketer, "marketing")
	h.makeHead(seller, "sales")
	if r := h.say(leaders, ceo, "/segment rename All clients = Dealers"); !strings.Contains(r.Text, "Dealers") {
		t.Fatalf("renaming the segment: %q", r.Text)
	}
	for w := 8; w <= 11; w++ {
		h.logAndConfirm(ceo, fmt.Sprintf("/log dealers 2026-W%02d leads=100 qualified=60 meetings=30", w))
	}

	card := h.logHypothesis("Ask for the budget in the lead form", "Marketing", "Qualified → Meetings")
	for _, want := range []string{"H-1 · new", "Owner: Marketing @mark_head", "Target metric: Qualified → Meetings · Dealers", "Baseline: 50%", "→ 60%"} {
		if !strings.Contains(card.Text, want) {
			t.Errorf("card H-1 lacks %q:\n%s", want, card.Text)
		}
	}

	// A head's proposal waits for a CEO's press.
	draft := h.say(leaders, marketer, "/hyp Retarget dealers who left the form")
	draft = h.waitText(leaders, draft.MessageID, "Which department")
	draft = h.pressAndWait(leaders, marketer, draft.MessageID, button(t, draft, ":d:", "Marketing"), "Which metric")
	draft = h.pressAndWait(leaders, marketer, draft.MessageID, button(t, draft, ":m:", "Leads → Qualified"), "By when")
	draft = h.pressAndWait(leaders, marketer, draft.MessageID, button(t, draft, ":t:2w", ""), "By how much")
	draft = h.pressAndWait(leaders, marketer, draft.MessageID, button(t, draft, ":e:0", ""), "ICE")
	proposal := h.pressAndWait(leaders, marketer, draft.MessageID, button(t, draft, ":i:skip", ""), "H-2 · proposed")
	if !strings.Contains(proposal.Text, "waits for a CEO to approve it: @anna_ceo") {
		t.Errorf("the proposal does not ask the CEO:\n%s", proposal.Text)
	}
	approve := button(t, proposal, ":p:", "Approve")
	button(t, proposal, ":n:", "Decline")
	for _, who := range []telegramtest.User{marketer, seller} {
		if a := h.press(leaders, who, proposal.MessageID, approve); !a.ShowAlert || !strings.Contains(a.Text, "Only a CEO") {
			t.Errorf("%s's Approve answered %+v", who.FirstName, a)
		}
	}
	h.pressAndWait(leaders, ceo, proposal.MessageID, approve, "H-2 · new")

	// /hyp H-3 deadline edits H-3 and its card, and creates nothing.
	third := h.logHypothesis("Call back every lost dealer", "Sales", "Meetings → Proposals")
	if r := h.say(leaders, ceo, "/hyp H-3 deadline 20.04.2026"); !strings.Contains(r.Text, "Deadline: 25 Mar 2026 → 20 Apr 2026") {
		t.Errorf("the deadline command answered %q", r.Text)
	}
	h.waitText(leaders, third.MessageID, "Deadline: 20 Apr 2026")

	// The work is done the same week: no week after its start has ended.
	h.press(leaders, marketer, card.MessageID, button(t, card, ":s:", ""))
	card = h.waitText(leaders, card.MessageID, "in progress")
	h.press(leaders, marketer, card.MessageID, button(t, card, ":d:", ""))
	prompt := h.botMessage(leaders, card.MessageID, "the result prompt", "H-1", "reply to this message with a short result")
	h.replyTo(leaders, h.tg.ReplyText(leaders, marketer, prompt.MessageID, "The form asks for the budget"))
	card = h.waitText(leaders, card.MessageID, "H-1 · done")
	button(t, card, ":C:", "Confirm without data")
	for _, row := range card.ReplyMarkup {
		for _, b := range row {
			if strings.Contains(b.CallbackData, ":c:") {
				t.Errorf("a card without a measured week offers %q", b.Text)
			}
		}
	}
	// A forged Confirm (the card does not show one) is refused as out of date.
	if a := h.press(leaders, ceo, card.MessageID, "h:1:c:3"); !strings.Contains(a.Text, "out of date") {
		t.Errorf("confirming before a measured week answered %+v", a)
	}

	// Two weeks on, the heads enter 2026-W13, the week after the start.
	jump.Store(int64(14 * 24 * time.Hour))
	h.logAndConfirm(marketer, "/log dealers 2026-W13 leads=100 qualified=60")
	h.logAndConfirm(seller, "/log dealers 2026-W13 встречи=45")
	again := h.say(leaders, ceo, "/hyp H-1")
	for _, want := range []string{"Verdict: met · beyond the usual noise", "Baseline 50% → measured 75%", "target 60%", "W13 75%"} {
		if !strings.Contains(again.Text, want) {
			t.Errorf("the card after the week lacks %q:\n%s", want, again.Text)
		}
	}
	h.pressAndWait(leaders, ceo, again.MessageID, button(t, again, ":c:", "Confirm"), "H-1 · confirmed")

	h.view(func(tx domain.Tx) error {
		ws, err := tx.Workspaces().ByChat(leaders.ID)
		if err != nil {
			return err
		}
		hyps, err := tx.Hypotheses().List(ws.ID)
		if err != nil {
			return err
		}
		if len(hyps) != 3 {
			t.Fatalf("%d hypotheses stored, want 3", len(hyps))
		}
		if h1 := hyps[0]; h1.Status != domain.StatusConfirmed || h1.Verdict != domain.VerdictMet || h1.Measured != domain.Some(0.75) ||
			h1.Effect != (domain.Effect{Kind: domain.EffectPoints, Value: 0.1}) {
			t.Errorf("H-1 stored as %+v", h1)
		}
		if h2 := hyps[1]; h2.Status != domain.StatusNew || h2.CreatedBy != marketer.ID {
			t.Errorf("H-2 stored as %+v", h2)
		}
		if h3 := hyps[2]; h3.Deadline != (domain.Date{Year: 2026, Month: time.April, Day: 20}) || h3.History[len(h3.History)-1].Field != domain.FieldDeadline {
			t.Errorf("H-3 stored as %+v", h3)
		}
		return nil
	})
}
