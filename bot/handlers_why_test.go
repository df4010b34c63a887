package bot

import (
	"strconv"
	"strings"
	"testing"

	"trackbot/domain"
)

// questionsJob is the pack's message with the tracker questions.
func questionsJob(t *testing.T, out sent) *domain.OutboxJob {
	t.Helper()
	for _, j := range out.ofKind(domain.SendText) {
		if strings.Contains(j.Text, "Tracker questions") {
			return j
		}
	}
	t.Fatalf("no questions message in %s", out)
	return nil
}

// TestHandlerReview_WhyButtonsShowTheTests opens a review, presses "Why 1"
// as the head asked and gets the tests behind the question as a reply to
// the questions; a member is refused, and once the numbers are corrected
// so the question is no longer asked, the button says so.
func TestHandlerReview_WhyButtonsShowTheTests(t *testing.T) {
	h := reviewTeam(t)
	out := h.send(leadership, anna, "/review")
	q := questionsJob(t, out)
	review := h.reviews()[0]
	// Each question's row: "→ hypothesis", then "Why n?".
	if len(q.Keyboard) == 0 || len(q.Keyboard[0]) < 2 {
		t.Fatalf("questions buttons = %v, want a row per question with its Why button", q.Keyboard)
	}
	first := q.Keyboard[0][1]
	if first.Text != "Why 1?" || !strings.HasPrefix(first.Data, "rq:"+itoa(review.ID)+":1:") || len(first.Data) > 64 {
		t.Errorf("first button = %+v, want Why 1? naming review %d and question 1", first, review.ID)
	}

	why := h.press(leadership, mark, q.MessageIDs[0], first.Data)
	why.contains("Why question 1", "Conversion Leads → Qualified in Dealers fell from 64% to 41%",
		"41 of 100", "one-sided p", "False alarms kept down", "At stake")
	if msg := why.message(); msg.ReplyTo != q.MessageIDs[0] {
		t.Errorf("details reply to %d, want the questions message %d", msg.ReplyTo, q.MessageIDs[0])
	}
	if text, alert := h.press(leadership, olga, q.MessageIDs[0], first.Data).answer(); !alert || !strings.Contains(text, "Only CEOs and department heads") {
		t.Errorf("a member's press answered %q (alert %v)", text, alert)
	}

	// The week is corrected: qualified back to 64, no budget back to 10.
	h.putRecords(leadership, domain.WeeklyRecord{Segment: "dealers", Week: weekW11,
		Counts: map[string]int64{"leads": 100, "qualified": 64, "meetings": 30, "deals": 10, "paid": 8},
		Spend:  100_000_00, Revenue: 800_000_00, NonTarget: map[string]int64{"no_budget": 10}})
	gone := h.press(leadership, anna, q.MessageIDs[0], first.Data)
	if text, _ := gone.answer(); !strings.Contains(text, "The numbers changed since this pack") {
		t.Errorf("press after the correction answered %q", text)
	}
	if len(gone.ofKind(domain.SendText)) != 0 {
		t.Errorf("details of another question were sent: %s", gone)
	}
	// A button that names no review is stale.
	if text, _ := h.press(leadership, anna, q.MessageIDs[0], "rq:99:1:"+strings.Split(first.Data, ":")[3]).answer(); !strings.Contains(text, "out of date") {
		t.Errorf("press on an unknown review answered %q", text)
	}
}

func TestHandlerReview_Details(t *testing.T) {
	h := reviewTeam(t)
	h.send(leadership, mark, "/review details").contains("No review yet")
	pack := h.send(leadership, anna, "/review")
	asked := len(questionsJob(t, pack).Keyboard) // a row per question

	one := h.send(leadership, sergey, "/review details 1")
	one.contains("Why question 1", "41 of 100", "At stake")
	if strings.Contains(one.text(), "Why question 2") {
		t.Errorf("/review details 1 showed more than question 1:\n%s", one.text())
	}
	all := h.send(leadership, mark, "/review details")
	for n := 1; n <= asked; n++ {
		all.contains("Why question " + itoa(int64(n)))
	}
	if asked < 2 || strings.Contains(all.text(), "Why question "+itoa(int64(asked+1))) {
		t.Errorf("/review details of %d questions:\n%s", asked, all.text())
	}
	h.send(leadership, anna, "/review почему 9").contains("questions 1 to", "/review details 1")
	h.send(leadership, olga, "/review details").contains("Only CEOs and department heads")

	// After the review is closed, details still read it.
	h.send(leadership, anna, "/review end")
	h.send(leadership, mark, "/review details 1").contains("Why question 1")
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
