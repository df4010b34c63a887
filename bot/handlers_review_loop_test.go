package bot

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"trackbot/domain"
)

// quietSchedules switches the weekly posts off, so a scheduler tick does
// only what the reviews owe.
func (h *handlerHarness) quietSchedules() {
	h.t.Helper()
	h.changeWorkspace(leadership, func(ws *domain.Workspace) error {
		for _, kind := range domain.ScheduleKinds {
			s := ws.Schedule(kind)
			s.Off = true
			ws.SetSchedule(s)
		}
		return nil
	})
}

// questionsOf returns the pack's questions message.
func questionsOf(t *testing.T, pack sent) *domain.OutboxJob {
	t.Helper()
	for _, j := range pack.ofKind(domain.SendText) {
		if strings.Contains(j.Text, "Tracker questions") {
			return j
		}
	}
	t.Fatalf("the pack has no questions message: %s", pack)
	return nil
}

// latestReview is the leadership workspace's newest review.
func (h *handlerHarness) latestReview() *domain.Review {
	h.t.Helper()
	rs := h.reviews()
	if len(rs) == 0 {
		h.t.Fatal("no review stored")
	}
	return rs[len(rs)-1]
}

// shownQuestions is the plain text the chat shows for the questions
// message now.
func (h *handlerHarness) shownQuestions(id int) string { return h.shownText(leadership, id) }

func TestHandlerReviewLoop_AnswersByReplyPickTheQuestionAndEditEveryCopy(t *testing.T) {
	h := reviewTeam(t)
	h.quietSchedules()
	pack := h.send(leadership, anna, "/review")
	q := questionsOf(t, pack)
	id := q.MessageIDs[0]
	r := h.latestReview()
	if len(r.Questions) != 2 || len(r.QuestionMessages) != 1 || r.QuestionMessages[0].Ref.Key != q.Key {
		t.Fatalf("stored questions = %+v, messages %+v", r.Questions, r.QuestionMessages)
	}
	for n := 1; n <= 2; n++ {
		link := fmt.Sprintf(`<a href="https://t.me/trackbot_test_bot?start=rq-%d-%d">%d.</a>`, r.Workspace, r.ID*1000+int64(n), n)
		if !strings.Contains(q.Text, link) {
			t.Errorf("question %d carries no link naming it:\n%s", n, q.Text)
		}
	}

	// Several questions and no number: the bot asks which, and keeps nothing.
	h.replyTo(leadership, mark, id, "We paused retail").contains("Which question is it?", "1: …, 2: …")
	// Only the heads of the question's department or a CEO answer it.
	h.replyTo(leadership, sergey, id, "1: Not my funnel").contains("Only a head of Marketing or a CEO answers question 1")
	h.replyTo(leadership, olga, id, "1: A guess").contains("Only a head of Marketing")
	if r := h.latestReview(); r.Questions[0].Answer.Given() || r.Questions[1].Answer.Given() {
		t.Fatalf("a refused reply was stored: %+v", r.Questions)
	}

	h.advance(10 * time.Minute)
	out := h.replyTo(leadership, mark, id, "1: The campaigns lost the budget filter")
	if e := out.edit(); e.EditMessageID != id || len(e.Keyboard) != 2 {
		t.Errorf("the answer edits %d with %v, want the questions message %d with its buttons", e.EditMessageID, e.Keyboard, id)
	}
	if shown := h.shownQuestions(id); !strings.Contains(shown, "What changed in the campaigns?\n✅ answered by @mark_head\n\n2.") {
		t.Errorf("the questions message now shows:\n%s", shown)
	}
	a := h.latestReview().Questions[0].Answer
	if a.Text != "The campaigns lost the budget filter" || a.By.UserID != mark.ID || !a.At.Equal(h.now) {
		t.Errorf("stored answer = %+v", a)
	}

	// A copy of the message whose id the bot never learnt: a reply to it
	// answers through the links, and both copies show it.
	copied := h.copyOf(leadership, id)
	out = h.replyTo(leadership, mark, copied, "2) The agency pushed retail")
	edited := map[int]bool{}
	for _, e := range out.ofKind(domain.EditText) {
		edited[e.EditMessageID] = true
	}
	if !edited[id] || !edited[copied] || len(edited) != 2 {
		t.Errorf("the answer edited %v, want the message %d and its copy %d", edited, id, copied)
	}
	for _, msg := range []int{id, copied} {
		if shown := h.shownQuestions(msg); strings.Count(shown, "answered by @mark_head") != 2 {
			t.Errorf("message %d shows:\n%s", msg, shown)
		}
	}
	// A second answer to a question is refused, from any copy.
	h.replyTo(leadership, anna, copied, "1: Something else").contains("Question 1 already has an answer from Mark")
	if got := h.latestReview().Questions[0].Answer.Text; got != "The campaigns lost the budget filter" {
		t.Errorf("the first answer was replaced by %q", got)
	}
	// Who answered, and who tried, took part.
	var names []string
	for _, p := range h.latestReview().Participants {
		names = append(names, p.Name)
	}
	if got := strings.Join(names, ", "); got != "Anna Petrova, Mark, Sergey, Olga" {
		t.Errorf("participants = %s", got)
	}
}

func TestHandlerReviewLoop_UnansweredQuestionIsRemindedOnceAndTheReviewClosesItself(t *testing.T) {
	h := reviewTeam(t)
	h.quietSchedules()
	h.send(leadership, anna, "/settings answers 6").contains("reminded after 6 h")
	pack := h.send(leadership, anna, "/review")
	id := questionsOf(t, pack).MessageIDs[0]
	h.advance(time.Hour)
	h.replyTo(leadership, mark, id, "1: The campaigns lost the budget filter")

	h.advance(5*time.Hour - time.Minute)
	if out := h.tick(); len(out.jobs) != 0 {
		t.Fatalf("a tick before the window sent %s", out)
	}
	h.advance(time.Minute)
	nudge := h.tick()
	if n := len(nudge.ofKind(domain.SendText)); n != 1 {
		t.Fatalf("the reminder is %d messages: %s", n, nudge)
	}
	nudge.contains("@mark_head, still without an answer — review · 2026-W11:", "2. Marketing: Leads from Retail grew by 300% over four weeks")
	if job := nudge.message(); job.Key != domain.NudgeKey(job.Workspace, h.latestReview().ID, []int{2}) || strings.Contains(job.Text, "rq-") {
		t.Errorf("reminder key %q, text:\n%s", job.Key, job.Text)
	}
	if q := h.latestReview().Questions; !q[1].NudgedAt.Equal(h.now) || !q[0].NudgedAt.IsZero() {
		t.Errorf("nudged at %v and %v, want only question 2 now", q[0].NudgedAt, q[1].NudgedAt)
	}
	// The clock moves on: no second reminder.
	h.advance(2 * time.Hour)
	if out := h.tick(); len(out.jobs) != 0 {
		t.Errorf("a second tick sent %s", out)
	}

	// A day after it opened, the bot closes the review with its protocol:
	// the answer with the head's name, the other question without one.
	h.advance(16 * time.Hour)
	closing := h.tick()
	closing.contains("Review protocol · 2026-W11", "(closed by the bot after 24 h)", "Took part: Anna Petrova, Mark",
		"1. Marketing: Conversion Leads → Qualified", "Answer — Mark, 18 Mar 2026 14:00: The campaigns lost the budget filter",
		"2. Marketing: Leads from Retail", "No answer (reminded 18 Mar 2026 19:00).",
		"Next review: 26 Mar 2026") // a week on: the weekly snapshot is off here
	if job := closing.message(); !strings.HasPrefix(job.Key, domain.AutoCloseKey(job.Workspace, h.latestReview().ID)) {
		t.Errorf("protocol key = %q", job.Key)
	}
	r := h.latestReview()
	if r.IsOpen() || !r.AutoClosed || !strings.Contains(r.Protocol, "No answer") {
		t.Fatalf("stored review = open %v, auto %v, protocol %q", r.IsOpen(), r.AutoClosed, r.Protocol)
	}
	h.advance(24 * time.Hour)
	if out := h.tick(); len(out.jobs) != 0 {
		t.Errorf("a tick after closing sent %s", out)
	}
	// The reminder is a prompt too: a late answer to it is on record, and
	// the questions message shows it.
	out := h.replyTo(leadership, mark, nudge.id(), "The agency pushed retail")
	if e := out.edit(); e.EditMessageID != id || !strings.Contains(htmlPlain(e.Text), "2. @mark_head") {
		t.Errorf("the late answer edited %d:\n%s", e.EditMessageID, htmlPlain(e.Text))
	}
	h.send(leadership, olga, fmt.Sprintf("/reviews %d", r.ID)).contains("No answer (reminded", "Answered after the protocol", "2. Answer — Mark")
}

func TestHandlerReviewLoop_HypothesisFromAQuestion(t *testing.T) {
	h := reviewTeam(t)
	h.quietSchedules()
	pack := h.send(leadership, anna, "/review")
	q := questionsOf(t, pack)
	id := q.MessageIDs[0]
	data := q.Keyboard[0][0].Data
	// A member without a role starts nothing (heads may: theirs become
	// proposals for a CEO, see the hypothesis tests).
	if text, alert := h.press(leadership, olga, id, data).answer(); !alert || text == "" || len(h.hypotheses(leadership)) != 0 {
		t.Errorf("a member's press answered %q and left %d drafts", text, len(h.hypotheses(leadership)))
	}
	draft := h.press(leadership, anna, id, data)
	draft.contains("New hypothesis", "Owner: Marketing", "Leads → Qualified · Dealers", "By when?")
	hyps := h.hypotheses(leadership)
	if len(hyps) != 1 || hyps[0].Status != domain.StatusDraft || hyps[0].Step() != domain.StepDeadline ||
		!strings.HasPrefix(hyps[0].Text, "Conversion Leads → Qualified in Dealers fell from 64% to 41%") {
		t.Fatalf("drafts = %+v", hyps)
	}
	// The wizard goes on from there, and the hypothesis is the review's.
	step := h.press(leadership, anna, draft.id(), draft.button(":t:1w", ""))
	step = h.press(leadership, anna, draft.id(), step.button("hd:1:e:1", ""))
	h.press(leadership, anna, draft.id(), step.button(":i:skip", "")).contains("H-1 · new")
	if got := h.hypothesis(leadership, 1); got.Review != h.latestReview().ID {
		t.Errorf("H-1 belongs to review %d", got.Review)
	}
	// Made-up data, or a press on an old message of a review that is
	// gone, changes nothing.
	if text, _ := h.press(leadership, anna, id, "qh:99:1").answer(); !strings.Contains(text, "out of date") {
		t.Errorf("made-up data answered %q", text)
	}
	old := h.pressInaccessible(leadership, anna, id, "qh:99:1")
	if text, _ := old.answer(); !strings.Contains(text, "out of date") {
		t.Errorf("a gone review's button answered %q", text)
	}
	old.unchanged("a gone review's button")
	if n := len(h.hypotheses(leadership)); n != 1 {
		t.Errorf("%d hypotheses after the refused presses, want 1", n)
	}
}

func TestHandlerReviewLoop_ProtocolOfReviewEnd(t *testing.T) {
	h := reviewTeam(t)
	pack := h.send(leadership, anna, "/review")
	id := questionsOf(t, pack).MessageIDs[0]
	h.advance(15 * time.Minute)
	h.replyTo(leadership, mark, id, "1: The campaigns lost the budget filter")
	card := h.logHyp(leadership, "Bring back the budget filter", "Marketing", "Leads → Qualified")
	h.advance(15 * time.Minute)
	h.press(leadership, mark, card, "h:1:s:1").contains("H-1 · in progress")
	h.send(leadership, sergey, "/team")
	h.send(privateChat(olga), olga, "/hyps") // not in the group: not taking part
	h.advance(30 * time.Minute)
	protocol := h.send(leadership, anna, "/review end")
	protocol.contains(
		"Review protocol · 2026-W11",
		"Held: 18 Mar 2026 13:00–14:00",
		"Took part: Anna Petrova, Mark, Sergey",
		"Numbers\nDealers\nLeads: 100 (0% w/w, 0% vs 4 wk)\nQualified: 41 (−36% w/w, −36% vs 4 wk)",
		"Questions and answers",
		"Answer — Mark, 18 Mar 2026 13:15: The campaigns lost the budget filter",
		"2. Marketing: Leads from Retail grew by 300% over four weeks",
		"No answer.",
		"Hypotheses logged and changed",
		"H-1 Bring back the budget filter\nOwner: Marketing @mark_head · by: 25 Mar 2026 · in progress\nTarget: Leads → Qualified · Dealers",
		"18 Mar 2026 13:30 new → in progress · Mark",
		"Next review: 23 Mar 2026", // Monday's snapshot brings the next week
	)
	if strings.Contains(protocol.text(), "Olga") {
		t.Error("someone who only wrote in private took part")
	}
	r := h.latestReview()
	if r.IsOpen() || r.Protocol != protocol.message().Text || r.NextReview != (domain.Date{Year: 2026, Month: time.March, Day: 23}) {
		t.Errorf("stored review: open %v, next %v, protocol stored %v", r.IsOpen(), r.NextReview, r.Protocol == protocol.message().Text)
	}
	// A closed review takes no more participants.
	h.send(leadership, olga, "/team")
	if n := len(h.latestReview().Participants); n != 3 {
		t.Errorf("%d participants after the review closed, want 3", n)
	}

	// The export holds the record: a sheet each in the workbook, a file
	// each in the ZIP of CSVs.
	docs := h.send(leadership, olga, "/export").ofKind(domain.SendDocument)
	var names []string
	for _, d := range docs {
		names = append(names, d.Files[0].Name)
	}
	if strings.Join(names, " ") != "trackbot-export.csv trackbot-export.xlsx trackbot-export.zip" {
		t.Fatalf("/export sent %v", names)
	}
	files := unzip(t, docs[2].Files[0].Data)
	for file, want := range map[string]string{
		"questions.csv":          "Mark,2026-03-18 13:15,The campaigns lost the budget filter",
		"hypotheses.csv":         "H-1,Bring back the budget filter,in progress,Marketing",
		"hypothesis_history.csv": "H-1,2026-03-18 13:30,Mark,new,in progress",
		"protocols.csv":          "Took part: Anna Petrova, Mark, Sergey",
	} {
		if !strings.Contains(files[file], want) {
			t.Errorf("%s lacks %q:\n%s", file, want, files[file])
		}
	}
}

// unzip returns the files of a ZIP by name.
func unzip(t *testing.T, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = string(b)
	}
	return out
}

// closedReviews stores n closed reviews of consecutive weeks ending in
// 2026-W11.
func (h *handlerHarness) closedReviews(n int) {
	h.t.Helper()
	id := h.workspace(leadership).ID
	h.update(func(tx domain.Tx) error {
		for i := range n {
			week := weekW11.Add(i - n + 1)
			at := h.now.Add(time.Duration(i-n) * 7 * 24 * time.Hour)
			r := &domain.Review{Workspace: id, Period: domain.WeekPeriod(week), OpenedBy: anna.ID, OpenedAt: at,
				ClosedBy: anna.ID, ClosedAt: at.Add(time.Hour), Protocol: "<b>Protocol of " + week.String() + "</b>"}
			if err := tx.Reviews().Create(r); err != nil {
				return err
			}
		}
		return nil
	})
}

func TestHandlerReviewLoop_ReviewsListPagesAndOpensProtocols(t *testing.T) {
	h := numbersTeam(t)
	h.send(leadership, olga, "/reviews").contains("No review has been closed yet")
	h.closedReviews(10)
	list := h.send(leadership, olga, "/reviews")
	list.contains("Past reviews: 10 · page 1 of 2", "#10 · 2026-W11 · closed 11 Mar 2026 · answers 0 of 0", "#3 · 2026-W04")
	if strings.Contains(list.text(), "#2 ·") {
		t.Errorf("the first page lists more than 8:\n%s", list.text())
	}
	kb := list.message().Keyboard
	if got := kb[len(kb)-1]; len(got) != 1 || got[0].Data != "rl:p:1" {
		t.Errorf("paging row = %+v, want only ›", got)
	}
	page2 := h.press(leadership, olga, list.id(), "rl:p:1")
	if e := page2.edit(); e.EditMessageID != list.id() {
		t.Errorf("the page edits %d, want the list %d", e.EditMessageID, list.id())
	}
	page2.contains("page 2 of 2", "#2 · 2026-W03", "#1 · 2026-W02")
	h.press(leadership, olga, list.id(), "rl:o:2").contains("Protocol of 2026-W03")
	h.send(leadership, olga, "/reviews 7").contains("Protocol of 2026-W08")
	h.send(privateChat(mark), mark, "/reviews #7").contains("Protocol of 2026-W08")
	h.send(leadership, olga, "/reviews 42").contains("There is no such review")
	h.send(leadership, olga, "/reviews soon").contains("/reviews 3 to open the protocol")
	// An open review has no protocol yet.
	h.update(func(tx domain.Tx) error {
		return tx.Reviews().Create(&domain.Review{Workspace: h.workspace(leadership).ID, Period: domain.WeekPeriod(weekW11.Add(1)), OpenedBy: anna.ID, OpenedAt: h.now})
	})
	h.send(leadership, olga, "/reviews 11").contains("Review #11 is still open")
	h.send(leadership, olga, "/reviews").contains("Past reviews: 10")
}

func TestHandlerReviewLoop_PackPostedAgainKeepsNumbersAndAnswers(t *testing.T) {
	h := reviewTeam(t)
	h.quietSchedules()
	first := questionsOf(t, h.send(leadership, anna, "/review"))
	h.replyTo(leadership, mark, first.MessageIDs[0], "1: The campaigns lost the budget filter")
	second := questionsOf(t, h.send(leadership, anna, "/review"))
	if shown := htmlPlain(second.Text); !strings.Contains(shown, "1. @mark_head, Conversion") ||
		!strings.Contains(shown, "✅ answered by @mark_head\n\n2. @mark_head, Leads from Retail") {
		t.Errorf("the pack posted again shows:\n%s", shown)
	}
	r := h.latestReview()
	if len(r.Questions) != 2 || len(r.QuestionMessages) != 2 {
		t.Fatalf("after a second pack: %d questions, %d messages", len(r.Questions), len(r.QuestionMessages))
	}
	// An answer to either message edits both.
	out := h.replyTo(leadership, mark, second.MessageIDs[0], "2: The agency pushed retail")
	edited := map[int]bool{}
	for _, e := range out.ofKind(domain.EditText) {
		edited[e.EditMessageID] = true
	}
	if !edited[first.MessageIDs[0]] || !edited[second.MessageIDs[0]] || len(edited) != 2 {
		t.Errorf("the answer edited %v, want both questions messages", edited)
	}
}

func TestHandlerReviewLoop_LongProtocolIsSplitIntoValidParts(t *testing.T) {
	h := reviewTeam(t)
	pack := h.send(leadership, anna, "/review")
	id := questionsOf(t, pack).MessageIDs[0]
	long := strings.Repeat("The <budget> & filter broke again. ", 40) // over 1000 characters, with HTML to escape
	h.replyTo(leadership, mark, id, "1: "+long)
	h.replyTo(leadership, mark, id, "2: "+long)
	for i := range 6 {
		h.logHyp(leadership, fmt.Sprintf("Hypothesis %d: %s", i+1, strings.Repeat("fix the form ", 30)), "Marketing", "Leads → Qualified")
	}
	out := h.send(leadership, anna, "/review end") // every part is checked against Telegram's rules
	parts := out.ofKind(domain.SendText)
	if len(parts) < 2 {
		t.Fatalf("the protocol is %d message(s), want it split", len(parts))
	}
	all := out.text()
	for _, want := range []string{"Review protocol", "Answer — Mark", "H-6 Hypothesis 6", "Next review: 23 Mar 2026"} {
		if !strings.Contains(all, want) {
			t.Errorf("the protocol's parts lack %q", want)
		}
	}
	if q := h.latestReview().Questions[0].Answer.Text; len([]rune(q)) != domain.MaxAnswerLength {
		t.Errorf("the stored answer is %d characters, want it cut at %d", len([]rune(q)), domain.MaxAnswerLength)
	}
}

func TestQuestionsMessage_FiveLongAnsweredQuestionsFitOneMessage(t *testing.T) {
	h := reviewTeam(t)
	ws := h.workspace(leadership)
	r := &domain.Review{ID: 4, Workspace: ws.ID, OpenedAt: h.now}
	var numbers []int
	for n := 1; n <= domain.MaxQuestions; n++ {
		numbers = append(numbers, n)
		r.Questions = append(r.Questions, domain.ReviewQuestion{Number: n, Text: strings.Repeat("Ж&ж ", 500), Department: domain.DeptMarketing,
			Heads:  []domain.Person{{UserID: mark.ID, Name: strings.Repeat("M", 60)}},
			Answer: domain.QuestionAnswer{By: domain.Person{UserID: mark.ID, Name: strings.Repeat("M", 60)}, At: h.now, Text: "x"}})
	}
	text, kb := h.b.questionsMessage(ws, r, numbers)
	if n := visibleLen(text); n > maxMessage {
		t.Errorf("the questions message shows %d characters, over %d", n, maxMessage)
	}
	if strings.Count(htmlPlain(text), "✅ answered by") != domain.MaxQuestions || len(kb) != domain.MaxQuestions {
		t.Errorf("the message lost answers or buttons:\n%s", htmlPlain(text))
	}
	if fitted := fitJob(&domain.OutboxJob{Kind: domain.SendText, Text: text}); len(fitted) != 1 || fitted[0].Text != text {
		t.Error("the questions message had to be split or cut")
	}
}
