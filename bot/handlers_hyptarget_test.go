package bot

import (
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"trackbot/domain"
)

// logNumbers sends /log as the head and confirms it.
func (h *handlerHarness) logNumbers(chat tgbotapi.Chat, who tgbotapi.User, text string) {
	h.t.Helper()
	h.confirm(chat, who, h.send(chat, who, text))
}

func TestHandlerHyp_MarketingMovesASalesConversionAndGetsAVerdict(t *testing.T) {
	h := hypTeam(t)
	card := h.logHyp(leadership, "Ask for the budget in the lead form", "Marketing", "Qualified → Meetings")
	h.shownContains(leadership, card, "Owner: Marketing @mark_head", "Target metric: Qualified → Meetings · Dealers",
		"Baseline: 50% (4 weeks to 2026-W11)", "Expected effect: +10 pp → 60%")

	h.press(leadership, mark, card, "h:1:s:1")
	prompt := h.press(leadership, mark, card, "h:1:d:2")
	h.replyTo(leadership, mark, prompt.id(), "The form asks for the budget")

	// Before any measured week a plain Confirm is refused (a forged press
	// of a button the card does not show is out of date), and the card
	// offers only the decision without data.
	if text, _ := h.press(leadership, anna, card, "h:1:c:3").answer(); !strings.Contains(text, "out of date") {
		t.Errorf("an early Confirm answered %q", text)
	}
	if hyp := h.hypothesis(leadership, 1); hyp.Status != domain.StatusDone {
		t.Fatalf("an early Confirm moved H-1 to %s", hyp.Status)
	}
	h.shownContains(leadership, card, "Verdict: not enough data", "measured from 2026-W13")
	if kb := h.shown[[2]int64{leadership.ID, int64(card)}].Keyboard; !hasButton(kb, ":C:3") || hasButton(kb, ":c:3") {
		t.Errorf("the card without data offers %v", kb)
	}

	// Two weeks later the heads enter 2026-W12 (the start's week, not
	// measured) and 2026-W13.
	h.advance(14 * 24 * time.Hour)
	h.logNumbers(leadership, mark, "/log dealers 2026-W12 leads=100 qualified=60")
	h.logNumbers(leadership, sergey, "/log дилеры 2026-W12 встречи=20")
	h.logNumbers(leadership, mark, "/log dealers 2026-W13 leads=100 qualified=60")
	h.logNumbers(leadership, sergey, "/log дилеры 2026-W13 встречи=45")

	// The review lists it as waiting with its verdict, and refreshes its card.
	review := h.send(leadership, anna, "/review")
	review.contains("Done, waiting for verification (1)", "verdict: met (50% → 75%, beyond the usual noise)")
	refreshed := false
	for _, e := range review.ofKind(domain.EditText) {
		refreshed = refreshed || e.EditMessageID == card && strings.Contains(htmlPlain(e.Text), "Verdict: met")
	}
	if !refreshed {
		t.Errorf("the review did not refresh H-1's card: %s", review)
	}

	again := h.send(leadership, anna, "/hyp H-1")
	again.contains("Verdict: met · beyond the usual noise", "Baseline 50% → measured 75% (+25 pp) · target 60%",
		"Measured 2026-W13: W13 75%")
	out := h.press(leadership, anna, again.id(), again.button(":c:3", "Confirm"))
	out.contains("H-1 · confirmed", "Verdict: met")
	hyp := h.hypothesis(leadership, 1)
	if hyp.Status != domain.StatusConfirmed || hyp.Verdict != domain.VerdictMet || hyp.Measured != domain.Some(0.75) ||
		hyp.MeasuredFrom != weekW11.Add(2) || hyp.MeasuredWeek != weekW11.Add(2) {
		t.Errorf("stored hypothesis = %+v", hyp)
	}
}

func TestHandlerHyp_ConfirmWithoutDataNeedsAReason(t *testing.T) {
	h := hypTeam(t)
	card := h.logHyp(leadership, "Ask for the budget in the lead form", "Marketing", "Qualified → Meetings")
	prompt := h.press(leadership, mark, card, "h:1:d:1")
	h.replyTo(leadership, mark, prompt.id(), "Done")
	ask := h.press(leadership, anna, card, "h:1:C:2")
	ask.contains("the numbers give no verdict yet", "why you confirm it anyway")
	if hyp := h.hypothesis(leadership, 1); hyp.Status != domain.StatusDone || hyp.Awaiting != domain.PromptConfirmNoData {
		t.Fatalf("the press alone moved H-1: %s, awaiting %q", hyp.Status, hyp.Awaiting)
	}
	h.replyTo(leadership, anna, ask.id(), "Dealers called to thank us").contains("H-1 is confirmed without data",
		"confirmed without data — Dealers called to thank us")
	hyp := h.hypothesis(leadership, 1)
	if e := hyp.History[len(hyp.History)-1]; hyp.Status != domain.StatusConfirmed || !e.WithoutData || e.Comment != "Dealers called to thank us" {
		t.Errorf("stored %s with last event %+v", hyp.Status, e)
	}
}

func TestHandlerHyp_DeadlineEditedByCommandInBothLanguages(t *testing.T) {
	h := hypTeam(t)
	h.logHyp(leadership, "First", "Marketing", "Leads → Qualified")
	h.logHyp(leadership, "Second", "Sales", "Qualified → Meetings")
	third := h.logHyp(leadership, "Third", "Sales", "Qualified → Meetings")

	out := h.send(leadership, anna, "/hyp H-3 deadline 10.12")
	out.contains("H-3 · Deadline: 25 Mar 2026 → 10 Dec 2026", "H-3 · new", "Deadline: 10 Dec 2026", "Anna Petrova: Deadline: 25 Mar 2026 → 10 Dec 2026")
	edited := false
	for _, e := range out.ofKind(domain.EditText) {
		edited = edited || e.EditMessageID == third
	}
	if !edited {
		t.Errorf("the command did not edit H-3's card: %s", out)
	}
	if n := len(h.hypotheses(leadership)); n != 3 {
		t.Errorf("editing left %d hypotheses, want 3", n)
	}
	h.send(leadership, anna, "/hyp Г-3 срок 12.12.2026").contains("H-3 · Deadline: 10 Dec 2026 → 12 Dec 2026")
	if hyp := h.hypothesis(leadership, 3); hyp.Deadline != (domain.Date{Year: 2026, Month: time.December, Day: 12}) || hyp.Version() != 3 {
		t.Errorf("H-3 deadline %s, version %d", hyp.Deadline, hyp.Version())
	}

	h.send(leadership, mark, "/hyp H-3 deadline 20.12").contains("Only a CEO edits")
	h.send(leadership, anna, "/hyp H-3 colour blue").contains("To change a hypothesis: /hyp H-3 deadline 10.12")
	h.send(leadership, anna, "/hyp H-3 deadline 01.01.2026").contains("has passed")
	h.send(leadership, anna, "/hyp H-9 deadline 20.12").contains("There is no hypothesis H-9")
	h.send(leadership, anna, "/hyp H-3 effect +5 pp").contains("H-3 · Expected effect: +10 pp → +5 pp")
	// A bare number followed by words is a new hypothesis.
	h.send(leadership, anna, "/hyp 3 dealers churn every spring").contains("New hypothesis", "3 dealers churn every spring")
	if n := len(h.hypotheses(leadership)); n != 4 {
		t.Errorf("%d hypotheses, want the three and a draft", n)
	}
}

func TestHandlerHyp_CardMenusEditInPlace(t *testing.T) {
	h := hypTeam(t)
	card := h.logHyp(leadership, "Answer every lead within an hour", "Marketing", "Leads → Qualified")
	if text, alert := h.press(leadership, mark, card, "h:1:w:1").answer(); !alert || !strings.Contains(text, "Only a CEO edits") {
		t.Errorf("a head's Deadline answered %q", text)
	}
	menu := h.press(leadership, anna, card, "h:1:w:1")
	out := h.press(leadership, anna, card, menu.button("h:1:w:1:1w", "+1 week → 1 Apr 2026"))
	out.contains("Deadline: 1 Apr 2026")
	if text, _ := out.answer(); !strings.Contains(text, "Deadline: 25 Mar 2026 → 1 Apr 2026") {
		t.Errorf("extending answered %q", text)
	}
	// The menu of the old version is outdated now.
	if text, _ := h.press(leadership, anna, card, menu.button("h:1:w:1:2w", "")).answer(); !strings.Contains(text, "out of date") {
		t.Errorf("an outdated menu answered %q", text)
	}

	edit := h.press(leadership, anna, card, "h:1:e:2")
	effects := h.press(leadership, anna, card, edit.button("h:1:e:2:effect", "Expected effect"))
	h.press(leadership, anna, card, effects.button("h:1:e:2:effect:2", "→ 80%")).contains("Expected effect: +20 pp → 80%")
	edit = h.press(leadership, anna, card, "h:1:e:3")
	ask := h.press(leadership, anna, card, edit.button("h:1:e:3:text", "Text"))
	ask.contains("reply to this message with the new text")
	h.replyTo(leadership, mark, ask.id(), "Mine now").contains("Only a CEO edits")
	h.replyTo(leadership, anna, ask.id(), "Answer every lead within 15 minutes").contains(
		"H-1 · Text: «Answer every lead within an hour» → «Answer every lead within 15 minutes»")
	edit = h.press(leadership, anna, card, "h:1:e:4")
	ice := h.press(leadership, anna, card, edit.button("h:1:e:4:ice", "ICE"))
	h.replyTo(leadership, anna, ice.id(), "9 9 9 9").contains("three numbers from 1 to 10")
	h.replyTo(leadership, anna, ice.id(), "9 7 8").contains("ICE: 9 × 7 × 8 = 504")
	hyp := h.hypothesis(leadership, 1)
	if hyp.Text != "Answer every lead within 15 minutes" || hyp.Effect.Value != 0.2 || hyp.ICE.Score() != 504 || len(h.hypotheses(leadership)) != 1 {
		t.Errorf("stored hypothesis = %+v", hyp)
	}
	h.shownContains(leadership, card, "H-1 · new", "Answer every lead within 15 minutes")

	// A new target metric comes with an effect on it, and its baseline
	// over the same weeks.
	edit = h.press(leadership, anna, card, "h:1:e:5")
	metrics := h.press(leadership, anna, card, edit.button("h:1:e:5:metric", "Target metric"))
	metrics.button("h:1:e:5:metric:1", "⇄ Retail")
	presets := h.press(leadership, anna, card, metrics.button("h:1:e:5:metric:0:", "Qualified → Meetings · Dealers"))
	out = h.press(leadership, anna, card, presets.button("h:1:e:5:metric:0:3:1", "Qualified → Meetings +10"))
	out.contains("Target metric: Qualified → Meetings · Dealers", "Baseline: 50% (4 weeks to 2026-W11)", "Expected effect: +10 pp → 60%",
		"Anna Petrova: Target metric: «Leads → Qualified · Dealers» → «Qualified → Meetings · Dealers»")
	if hyp := h.hypothesis(leadership, 1); hyp.Metric != domain.ConvMetric("meetings") || hyp.Baseline != domain.Some(0.5) {
		t.Errorf("retargeted hypothesis = %+v", hyp)
	}
}

func TestHandlerHyp_HeadProposesAndOnlyACEOApproves(t *testing.T) {
	h := hypTeam(t)
	h.send(leadership, olga, "/hyp Paint the office").contains("Only a CEO logs hypotheses")
	draft := h.send(leadership, mark, "/hyp Ask for the budget in the lead form")
	id := draft.id()
	if text, _ := h.press(leadership, sergey, id, draft.button(":d:", "Marketing")).answer(); !strings.Contains(text, "Only a CEO") {
		t.Errorf("another head's press on the draft answered %q", text)
	}
	step := h.press(leadership, mark, id, draft.button(":d:", "Marketing"))
	step = h.press(leadership, mark, id, step.button(":m:", "Qualified → Meetings"))
	step = h.press(leadership, mark, id, step.button(":t:2w", ""))
	step = h.press(leadership, mark, id, step.button(":e:1", ""))
	card := h.press(leadership, mark, id, step.button(":i:skip", ""))
	card.contains("H-1 · proposed", "Proposed by Mark; waits for a CEO to approve it: @anna_ceo")
	card.button("h:1:p:1", "Approve")
	card.button("h:1:n:1", "Decline")
	for _, who := range []tgbotapi.User{mark, sergey, olga} {
		if text, alert := h.press(leadership, who, id, "h:1:p:1").answer(); !alert || !strings.Contains(text, "Only a CEO") {
			t.Errorf("%s's Approve answered %q", who.FirstName, text)
		}
	}
	if hyp := h.hypothesis(leadership, 1); hyp.Status != domain.StatusProposed {
		t.Fatalf("a non-CEO's press moved the proposal to %s", hyp.Status)
	}
	h.press(leadership, anna, id, "h:1:p:1").contains("H-1 · new", "Anna Petrova: new")

	// A proposal made in private is posted to the group for the CEOs.
	pm := privateChat(mark)
	draft = h.send(pm, mark, "/hyp Retarget dealers who left the form")
	id = draft.id()
	step = h.press(pm, mark, id, draft.button(":d:", "Marketing"))
	step = h.press(pm, mark, id, step.button(":m:", "Leads → Qualified"))
	step = h.press(pm, mark, id, step.button(":t:1w", ""))
	step = h.press(pm, mark, id, step.button(":e:0", ""))
	out := h.press(pm, mark, id, step.button(":i:skip", ""))
	var group *domain.OutboxJob
	for _, j := range out.ofKind(domain.SendText) {
		if j.ChatID == leadership.ID {
			group = j
		}
	}
	if group == nil || !strings.Contains(htmlPlain(group.Text), "H-2 · proposed") || !hasButton(group.Keyboard, "h:2:n:1") {
		t.Fatalf("the private proposal did not reach the group with the buttons: %s", out)
	}
	h.press(leadership, anna, group.MessageIDs[0], "h:2:n:1").contains("H-2 · declined")
	if hyp := h.hypothesis(leadership, 2); hyp.Status != domain.StatusDeclined {
		t.Errorf("H-2 is %s, want declined", hyp.Status)
	}
}

// shownContains checks the chat shows the bot message with each part.
func (h *handlerHarness) shownContains(chat tgbotapi.Chat, id int, parts ...string) {
	h.t.Helper()
	shown := h.shownText(chat, id)
	for _, p := range parts {
		if !strings.Contains(shown, p) {
			h.t.Errorf("message %d lacks %q:\n%s", id, p, shown)
		}
	}
}

func hasButton(kb [][]domain.Button, dataSuffix string) bool {
	for _, row := range kb {
		for _, b := range row {
			if strings.HasSuffix(b.Data, dataSuffix) {
				return true
			}
		}
	}
	return false
}
