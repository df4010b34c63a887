package bot

import (
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"trackbot/domain"
)

// hypTeam is a workspace with dealers (focus) and retail, Mark heading
// marketing and Sergey sales, and four weeks of dealers' numbers to
// 2026-W11 with 60% of the leads qualified.
func hypTeam(t *testing.T) *handlerHarness {
	h := numbersTeam(t)
	h.twoSegments(leadership)
	for i := range 4 {
		h.putRecords(leadership, domain.WeeklyRecord{Segment: "dealers", Week: weekW11.Add(-i),
			Counts: map[string]int64{"leads": 100, "qualified": 60, "meetings": 30}})
	}
	return h
}

// logHyp walks /hyp through its buttons with the 1-week deadline, the
// second preset effect (+10 pp for a conversion) and no ICE score; it
// returns the card's message id.
func (h *handlerHarness) logHyp(chat tgbotapi.Chat, text, dept, metric string) int {
	h.t.Helper()
	draft := h.send(chat, anna, "/hyp "+text)
	id := draft.id()
	step := h.press(chat, anna, id, draft.button(":d:", dept))
	step = h.press(chat, anna, id, step.button(":m:", metric))
	step = h.press(chat, anna, id, step.button(":t:1w", ""))
	step = h.press(chat, anna, id, step.button(":e:1", ""))
	card := h.press(chat, anna, id, step.button(":i:skip", ""))
	if !strings.Contains(card.text(), "H-") {
		h.t.Fatalf("the last step did not post the card: %s", card)
	}
	return id
}

// hypothesis is the stored hypothesis with the number.
func (h *handlerHarness) hypothesis(chat tgbotapi.Chat, n int) *domain.Hypothesis {
	h.t.Helper()
	for _, hyp := range h.hypotheses(chat) {
		if hyp.Number == n {
			return hyp
		}
	}
	h.t.Fatalf("no hypothesis H-%d", n)
	return nil
}

func TestHandlerHyp_WizardByButtonsPostsTheCard(t *testing.T) {
	h := hypTeam(t)
	draft := h.send(leadership, anna, "/hyp Move the retail budget to dealer campaigns")
	draft.contains("New hypothesis", "Move the retail budget to dealer campaigns", "Which department owns it?")
	id := draft.id()

	step := h.press(leadership, anna, id, draft.button(":d:", "Marketing"))
	step.contains("Owner: Marketing", "Which metric should move? Segment: Dealers.")
	if e := step.edit(); e.EditMessageID != id {
		t.Errorf("the step edited message %d, want the draft %d", e.EditMessageID, id)
	}
	// The department owns the work, not the metric: marketing may move a
	// sales conversion.
	step.button(":m:", "Qualified → Meetings")
	// The segment can be switched before the metric is picked.
	step = h.press(leadership, anna, id, step.button(":s:", "Retail"))
	step.contains("Segment: Retail.")
	step = h.press(leadership, anna, id, step.button(":s:", "Dealers"))
	step = h.press(leadership, anna, id, step.button(":m:", "Leads → Qualified"))
	step.contains("Target metric: Leads → Qualified · Dealers", "By when?")
	step = h.press(leadership, anna, id, step.button(":t:1w", "1 week"))
	step.contains("Deadline: 25 Mar 2026", "By how much should it move?", "+10 pp")
	// The effect's presets suit the metric and show the target they set.
	step = h.press(leadership, anna, id, step.button(":e:1", "→ 70%"))
	step.contains("Expected effect: +10 pp → 70%", "impact")
	// ICE, one part per press.
	step = h.press(leadership, anna, id, step.button(":i:8", "8"))
	step.contains("impact 8", "confidence")
	step = h.press(leadership, anna, id, step.button(":i:6", "6"))
	card := h.press(leadership, anna, id, step.button(":i:7", "7"))
	card.contains("H-1 · new", "Move the retail budget", "Owner: Marketing @mark_head",
		"Target metric: Leads → Qualified · Dealers", "Baseline: 60% (4 weeks to 2026-W11)", "Deadline: 25 Mar 2026",
		"Expected effect: +10 pp → 70%", "ICE: 8 × 6 × 7 = 336")
	for _, action := range []string{":s:1", ":d:1", ":x:1", ":a:1", ":e:1", ":w:1"} {
		card.button(action, "")
	}
	hyp := h.hypothesis(leadership, 1)
	if hyp.Status != domain.StatusNew || hyp.Department != domain.DeptMarketing || hyp.Segment != "dealers" ||
		!hyp.Baseline.OK || hyp.Baseline.V != 0.6 || hyp.Deadline != (domain.Date{Year: 2026, Month: time.March, Day: 25}) ||
		hyp.Effect != (domain.Effect{Kind: domain.EffectPoints, Value: 0.1}) || hyp.ICE != (domain.ICE{Impact: 8, Confidence: 6, Ease: 7}) {
		t.Errorf("stored hypothesis = %+v", hyp)
	}
}

func TestHandlerHyp_TypedDeadlineAndExpectedEffect(t *testing.T) {
	h := hypTeam(t)
	draft := h.send(leadership, anna, "/hyp Check phone numbers before handing leads to sales")
	id := draft.id()
	step := h.press(leadership, anna, id, draft.button(":d:", "Sales"))
	step = h.press(leadership, anna, id, step.button(":m:", "Qualified → Meetings"))
	h.press(leadership, anna, id, step.button(":t:typed", "")).contains("Reply to this message with the date")

	h.replyTo(leadership, anna, id, "someday").contains("I can't read the date \"someday\"")
	h.replyTo(leadership, anna, id, "01.03.2026").contains("has passed")
	h.replyTo(leadership, mark, id, "28.03.2026").contains("Only a CEO")
	h.replyTo(leadership, anna, id, "28.03.2026").contains("Deadline: 28 Mar 2026", "By how much")
	h.replyTo(leadership, anna, id, "twice as many").contains("I can't read the expected effect", "+10 pp")
	h.replyTo(leadership, anna, id, "+20 pp, callers confirm the number first").contains(
		"Expected effect: +20 pp → 70% · callers confirm the number first", "impact")
	h.replyTo(leadership, anna, id, "8 6").contains("three numbers from 1 to 10")
	card := h.replyTo(leadership, anna, id, "8 6 7")
	card.contains("H-1 · new", "Expected effect: +20 pp → 70%", "Owner: Sales @sales_head", "Deadline: 28 Mar 2026", "ICE: 8 × 6 × 7")
	if e := card.edit(); e.EditMessageID != id {
		t.Errorf("the card edits message %d, want the draft %d", e.EditMessageID, id)
	}
	if hyp := h.hypothesis(leadership, 1); hyp.Effect != (domain.Effect{Kind: domain.EffectPoints, Value: 0.2}) ||
		hyp.Why != "callers confirm the number first" || hyp.Department != domain.DeptSales {
		t.Errorf("stored hypothesis = %+v", hyp)
	}
	// The card is posted; a reply to it is no longer a step.
	if out := h.replyTo(leadership, anna, id, "29.03.2026"); len(out.jobs) != 0 {
		t.Errorf("a reply to a posted card was taken: %s", out)
	}
}

func TestHandlerHyp_DraftRefusalsStaleStepsAndCancel(t *testing.T) {
	h := hypTeam(t)
	h.send(leadership, anna, "/hyp").contains("Write the hypothesis after the command")
	h.send(leadership, olga, "/hyp Double the ads").contains("Only a CEO logs hypotheses")
	draft := h.send(leadership, anna, "/hyp Double the ads")
	id := draft.id()
	dept := draft.button(":d:", "Marketing")
	if text, alert := h.press(leadership, mark, id, dept).answer(); !alert || !strings.Contains(text, "Only a CEO") {
		t.Errorf("a head's press on the CEO's draft answered %q", text)
	}
	copied := h.copyOf(leadership, id)
	h.press(leadership, anna, id, dept)
	// The department step is over: pressing it on a copy of the draft
	// refreshes that copy.
	out := h.press(leadership, anna, copied, draft.button(":d:", "Sales"))
	if text, _ := out.answer(); !strings.Contains(text, "out of date") {
		t.Errorf("an outdated step answered %q", text)
	}
	out.contains("Owner: Marketing", "Which metric")
	if e := out.edit(); e.EditMessageID != copied {
		t.Errorf("the refresh edited %d, want the copy %d", e.EditMessageID, copied)
	}
	for _, data := range []string{draft.button(":d:", "Sales"), "hd:999:d:0", "hd:1:q:0", "hd:1", "hd:1:m:99", "hd:x:d:0"} {
		out := h.press(leadership, anna, id, data)
		if text, _ := out.answer(); !strings.Contains(text, "out of date") {
			t.Errorf("%s answered %q", data, text)
		}
		out.unchanged(data)
	}
	if hyp := h.hypotheses(leadership)[0]; hyp.Department != domain.DeptMarketing || hyp.Metric != "" {
		t.Errorf("stale presses changed the draft: %+v", hyp)
	}
	h.press(leadership, anna, id, draft.button(":x:", "Cancel")).contains("Cancelled: Double the ads")
	if n := len(h.hypotheses(leadership)); n != 0 {
		t.Errorf("a cancelled draft left %d hypotheses", n)
	}
	if text, _ := h.press(leadership, anna, id, dept).answer(); !strings.Contains(text, "out of date") {
		t.Errorf("a press on a cancelled draft answered %q", text)
	}
	// What people type is escaped in the HTML the bot sends.
	escaped := h.send(leadership, anna, "/hyp Test <b>bold</b> & co")
	if html := escaped.html(); !strings.Contains(html, "Test &lt;b&gt;bold&lt;/b&gt; &amp; co") {
		t.Errorf("the draft does not escape the text:\n%s", html)
	}
}

func TestHandlerHyp_CardMovesThroughItsStatuses(t *testing.T) {
	h := hypTeam(t)
	card := h.logHyp(leadership, "Move the retail budget to dealer campaigns", "Marketing", "Leads → Qualified")
	start := "h:1:s:1"
	if text, alert := h.press(leadership, sergey, card, start).answer(); !alert || !strings.Contains(text, "Only a head of Marketing") {
		t.Errorf("the sales head's Start answered %q", text)
	}
	out := h.press(leadership, mark, card, start)
	out.contains("H-1 · in progress", "Mark: in progress")
	if e := out.edit(); e.EditMessageID != card {
		t.Errorf("Start edited message %d, want the card %d", e.EditMessageID, card)
	}

	// Done asks for a short result; the reply to that prompt marks it done.
	out = h.press(leadership, mark, card, out.button(":d:2", "Done"))
	out.contains("H-1 · @mark_head, reply to this message with a short result")
	if text, _ := out.answer(); !strings.Contains(text, "Reply to my message with the result") {
		t.Errorf("Done answered %q", text)
	}
	if hyp := h.hypothesis(leadership, 1); hyp.Status != domain.StatusInProgress {
		t.Fatalf("status before the result = %s", hyp.Status)
	}
	done := h.replyTo(leadership, mark, out.id(), "Retail campaigns paused, dealer budget doubled")
	done.contains("H-1 is done and waits for a CEO to verify it", "H-1 · done", "Result: Retail campaigns paused",
		"Verdict: not enough data — it is measured from 2026-W13, which has not ended yet")
	// No measured week yet: the card offers only the without-data decisions.
	done.button(":C:3", "Confirm without data")
	for _, b := range done.buttons() {
		if strings.HasSuffix(b.Data, ":c:3") {
			t.Errorf("a card without data offers %q", b.Text)
		}
	}

	// Two weeks later the numbers of 2026-W13, the week after the start,
	// are in; the CEO confirms on them.
	h.advance(14 * 24 * time.Hour)
	h.putRecords(leadership, domain.WeeklyRecord{Segment: "dealers", Week: weekW11.Add(2),
		Counts: map[string]int64{"leads": 100, "qualified": 80}})
	// The card drawn again (here by /hyp H-1) offers Confirm on them.
	shown := h.send(leadership, anna, "/hyp H-1")
	confirm := shown.button(":c:3", "Confirm")
	if text, alert := h.press(leadership, mark, shown.id(), confirm).answer(); !alert || !strings.Contains(text, "Only a CEO") {
		t.Errorf("a head's Confirm answered %q", text)
	}
	out = h.press(leadership, anna, shown.id(), confirm)
	out.contains("H-1 · confirmed", "Verdict: met · beyond the usual noise",
		"Baseline 60% → measured 80% (+20 pp) · target 70%", "Measured 2026-W13: W13 80%")
	if kb := out.edit().Keyboard; len(kb) != 0 {
		t.Errorf("a confirmed card still has buttons: %v", kb)
	}
	if shown := h.shownText(leadership, card); !strings.Contains(shown, "H-1 · confirmed") {
		t.Errorf("the chat shows the card as:\n%s", shown)
	}
	hyp := h.hypothesis(leadership, 1)
	if hyp.Status != domain.StatusConfirmed || hyp.Result != "Retail campaigns paused, dealer budget doubled" ||
		!hyp.Measured.OK || hyp.Measured.V != 0.8 || hyp.MeasuredWeek != weekW11.Add(2) || hyp.Verdict != domain.VerdictMet {
		t.Errorf("stored hypothesis = %+v", hyp)
	}
}

func TestHandlerHyp_RejectDropAndReassign(t *testing.T) {
	h := hypTeam(t)
	first := h.logHyp(leadership, "Answer every lead within an hour", "Marketing", "Leads → Qualified")
	second := h.logHyp(leadership, "Call back lost deals", "Sales", "Qualified → Meetings")

	out := h.press(leadership, anna, first, "h:1:a:1")
	to := out.button("h:1:a:1:", "Sales")
	h.press(leadership, anna, first, to).contains("H-1 · new", "Owner: Sales @sales_head")
	if hyp := h.hypothesis(leadership, 1); hyp.Department != domain.DeptSales {
		t.Errorf("reassigned to %q", hyp.Department)
	}
	h.press(leadership, anna, first, "h:1:x:2").contains("H-1 · dropped")

	prompt := h.press(leadership, sergey, second, "h:2:d:1")
	h.replyTo(leadership, sergey, prompt.id(), "No effect").contains("H-2 · done", "Result: No effect")
	// Without a measured week a plain Reject is refused; "without data"
	// asks for the reason, and the reply decides.
	if text, _ := h.press(leadership, anna, second, "h:2:r:2").answer(); !strings.Contains(text, "out of date") {
		t.Errorf("Reject without data answered %q", text)
	}
	if text, _ := h.press(leadership, sergey, second, "h:2:R:2").answer(); !strings.Contains(text, "Only a CEO") {
		t.Errorf("the head's Reject without data answered %q", text)
	}
	ask := h.press(leadership, anna, second, "h:2:R:2")
	ask.contains("H-2 · @anna_ceo, the numbers give no verdict yet", "why you reject it anyway")
	h.replyTo(leadership, sergey, ask.id(), "because").contains("Only a CEO")
	h.replyTo(leadership, anna, ask.id(), "The calls never happened").contains(
		"H-2 is rejected without data", "H-2 · rejected", "Anna Petrova: rejected without data — The calls never happened")
	a, b := h.hypothesis(leadership, 1), h.hypothesis(leadership, 2)
	if a.Status != domain.StatusDropped || b.Status != domain.StatusRejected || b.Verdict != domain.VerdictNoData {
		t.Errorf("statuses = %s, %s (verdict %q)", a.Status, b.Status, b.Verdict)
	}
	if e := b.History[len(b.History)-1]; !e.WithoutData || e.Comment != "The calls never happened" || e.ByName != "Anna Petrova" {
		t.Errorf("the decision is recorded as %+v", e)
	}
}

func TestHandlerHyp_ForgedAndOutdatedPressesChangeNothing(t *testing.T) {
	h := hypTeam(t)
	h.setUp(otherTeam)
	card := h.logHyp(leadership, "Answer every lead within an hour", "Marketing", "Leads → Qualified")
	for _, tc := range []struct {
		name string
		chat tgbotapi.Chat
		who  tgbotapi.User
		data string
		want string
	}{
		{"another hypothesis id", leadership, anna, "h:99:x:1", "out of date"},
		{"another workspace", otherTeam, anna, "h:1:x:1", "out of date"},
		{"a member pressing a CEO-only button", leadership, olga, "h:1:x:1", "Only a CEO"},
		{"a head pressing a CEO-only button", leadership, mark, "h:1:x:1", "Only a CEO"},
		{"a made-up action", leadership, anna, "h:1:z:1", "out of date"},
		{"a short payload", leadership, anna, "h:1", "out of date"},
		{"an old version", leadership, anna, "h:1:x:0", "out of date"},
		{"a step the status does not allow", leadership, anna, "h:1:c:1", "out of date"},
		{"a made-up version", leadership, anna, "h:1:s:99", "out of date"},
	} {
		out := h.press(tc.chat, tc.who, card, tc.data)
		if text, _ := out.answer(); !strings.Contains(text, tc.want) {
			t.Errorf("%s: answer = %q, want %q", tc.name, text, tc.want)
		}
		out.unchanged(tc.name)
	}
	if hyp := h.hypothesis(leadership, 1); hyp.Status != domain.StatusNew || hyp.Version() != 1 {
		t.Errorf("after forged presses: status %q, version %d; want new, 1", hyp.Status, hyp.Version())
	}

	// A copy of the card that missed the start keeps the old buttons: a
	// press there by someone who may not act changes nothing; by someone
	// who may, it refreshes the copy and says the card has changed.
	old := h.copyOf(leadership, card)
	h.press(leadership, mark, card, "h:1:s:1").contains("H-1 · in progress")
	stale := h.press(leadership, olga, old, "h:1:x:1")
	if text, _ := stale.answer(); !strings.Contains(text, "Only a CEO") {
		t.Errorf("a member's press on an outdated copy answered %q", text)
	}
	stale.unchanged("a member's press on an outdated copy")
	stale = h.press(leadership, anna, old, "h:1:x:1")
	if text, _ := stale.answer(); !strings.Contains(text, "has changed") {
		t.Errorf("a CEO's press on an outdated copy answered %q", text)
	}
	if hyp := h.hypothesis(leadership, 1); hyp.Status != domain.StatusInProgress {
		t.Errorf("a press on an outdated copy moved the hypothesis to %q", hyp.Status)
	}
	refreshed := false
	for _, e := range stale.ofKind(domain.EditText) {
		refreshed = refreshed || e.EditMessageID == old && strings.Contains(htmlPlain(e.Text), "H-1 · in progress")
	}
	if !refreshed {
		t.Errorf("the outdated copy was not refreshed: %s", stale)
	}
}

func TestHandlerHyp_ReshownCardStaysUpToDate(t *testing.T) {
	h := hypTeam(t)
	first := h.logHyp(leadership, "Answer every lead within an hour", "Marketing", "Leads → Qualified")
	again := h.send(privateChat(mark), mark, "/hyp H-1")
	again.contains("H-1 · new", "Answer every lead within an hour")
	h.send(leadership, olga, "/hyp H-7").contains("There is no hypothesis H-7")

	// A press on the group's card edits the re-shown one too.
	out := h.press(leadership, mark, first, "h:1:s:1")
	edited := map[int64]int{}
	for _, e := range out.ofKind(domain.EditText) {
		edited[e.ChatID] = e.EditMessageID
		if !strings.Contains(htmlPlain(e.Text), "H-1 · in progress") {
			t.Errorf("card edit = %q", htmlPlain(e.Text))
		}
	}
	if edited[leadership.ID] != first || edited[mark.ID] != again.id() {
		t.Errorf("edited cards = %v, want the group's %d and the private %d", edited, first, again.id())
	}
}
