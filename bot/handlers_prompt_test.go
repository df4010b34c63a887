package bot

import (
	"strconv"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"trackbot/domain"
)

// A prompt sent twice (Telegram took it, the bot died before it stored the
// message id, and sent it again) leaves a copy whose id the bot never
// learnt. A reply to either copy answers the prompt, and only once.

func TestHandlerPrompt_ResultReplyToAnUnrecordedCopyMarksDoneOnce(t *testing.T) {
	h := hypTeam(t)
	card := h.logHyp(leadership, "Answer every lead within an hour", "Marketing", "Leads → Qualified")
	ask := h.press(leadership, mark, card, "h:1:d:1")
	ask.contains("H-1 · @mark_head, reply to this message with a short result")
	if html := ask.message().Text; !strings.Contains(html, `<a href="https://t.me/trackbot_test_bot?start=hr-1-1">H-1</a>`) {
		t.Errorf("the prompt carries no link naming it:\n%s", html)
	}
	first := h.copyOf(leadership, ask.id())

	done := h.replyTo(leadership, mark, first, "Leads answered within 40 minutes")
	done.contains("H-1 is done and waits for a CEO to verify it", "Result: Leads answered within 40 minutes")
	again := h.replyTo(leadership, mark, ask.id(), "A second result")
	again.contains("H-1", "done")
	hyp := h.hypothesis(leadership, 1)
	if hyp.Status != domain.StatusDone || hyp.Result != "Leads answered within 40 minutes" {
		t.Errorf("after replies to both copies: status %q, result %q", hyp.Status, hyp.Result)
	}
	dones := 0
	for _, e := range hyp.History {
		if e.To == domain.StatusDone {
			dones++
		}
	}
	if dones != 1 {
		t.Errorf("the hypothesis was marked done %d times, want once", dones)
	}
}

func TestHandlerPrompt_DraftDateRepliedToACopy(t *testing.T) {
	h := hypTeam(t)
	draft := h.send(leadership, anna, "/hyp Call back within an hour")
	id := draft.id()
	step := h.press(leadership, anna, id, draft.button(":d:", "Sales"))
	step = h.press(leadership, anna, id, step.button(":m:", "Qualified → Meetings"))
	h.press(leadership, anna, id, step.button(":t:typed", "")).contains("Reply to this message with the date")
	copied := h.copyOf(leadership, id)

	// Someone who may not edit the draft is refused; the CEO's date moves
	// the copy replied to to the next step.
	h.replyTo(leadership, mark, copied, "28.03.2026").contains("Only a CEO")
	out := h.replyTo(leadership, anna, copied, "28.03.2026")
	out.contains("Deadline: 28 Mar 2026", "By how much should it move")
	if e := out.edit(); e.EditMessageID != copied {
		t.Errorf("the next step edits %d, want the copy replied to %d", e.EditMessageID, copied)
	}
	h.replyTo(leadership, anna, copied, "+10 pp")
	card := h.replyTo(leadership, anna, copied, "8 6 7")
	card.contains("H-1 · new", "+10 pp")
	if hyp := h.hypothesis(leadership, 1); hyp.Deadline.String() != "2026-03-28" || hyp.Effect.String() != "points:0.1" || hyp.ICE.Impact != 8 {
		t.Errorf("stored draft = deadline %s, effect %q, ICE %+v", hyp.Deadline, hyp.Effect, hyp.ICE)
	}
}

func TestHandlerPrompt_RepliesToOtherBotMessagesAreIgnored(t *testing.T) {
	h := hypTeam(t)
	draft := h.send(leadership, anna, "/hyp Call back within an hour")
	// A draft that waits for no typed answer takes no reply, copy or not.
	for _, id := range []int{draft.id(), h.copyOf(leadership, draft.id())} {
		if out := h.replyTo(leadership, anna, id, "28.03.2026"); len(out.jobs) != 0 {
			t.Errorf("a reply to a draft at its department step was taken: %s", out)
		}
	}
	team := h.send(leadership, anna, "/team")
	if out := h.replyTo(leadership, anna, team.id(), "thanks"); len(out.jobs) != 0 {
		t.Errorf("a reply to /team was taken: %s", out)
	}
}

// pressInaccessible presses a button on a message Telegram no longer shows
// the bot (too old): the press carries the chat and the message id only.
func (h *handlerHarness) pressInaccessible(chat tgbotapi.Chat, from tgbotapi.User, msgID int, data string) sent {
	h.t.Helper()
	h.upd++
	old := &tgbotapi.Message{MessageID: msgID, Chat: &chat}
	return h.handle(tgbotapi.Update{CallbackQuery: &tgbotapi.CallbackQuery{ID: "q" + strconv.Itoa(h.upd), From: &from, Message: old, Data: data}})
}

func TestHandlerButtons_PressesOnInaccessibleMessagesAreLeftToTheHandlers(t *testing.T) {
	h := hypTeam(t)
	card := h.logHyp(leadership, "Answer every lead within an hour", "Marketing", "Leads → Qualified")
	// What cannot be checked against the message is checked by the
	// handler before it changes anything.
	for _, tc := range []struct{ data, want string }{
		{"lg:999999:y", "Only the person who sent"},
		{"h:1:s:99", "Only a head of Marketing"},
		{"h:1:s:1", "Only a head of Marketing"},
	} {
		out := h.pressInaccessible(leadership, olga, card, tc.data)
		if text, _ := out.answer(); !strings.Contains(text, tc.want) {
			t.Errorf("a member's %s on an old message answered %q, want %q", tc.data, text, tc.want)
		}
		out.unchanged(tc.data)
	}
	// A genuine press on an old card still works.
	h.pressInaccessible(leadership, mark, card, "h:1:s:1").contains("H-1 · in progress")
	if hyp := h.hypothesis(leadership, 1); hyp.Status != domain.StatusInProgress {
		t.Errorf("status after Start on an old card = %s", hyp.Status)
	}
}
