package bot

import (
	"strings"
	"testing"
	"time"

	"trackbot/domain"
)

// reviewTeam is hypTeam's people with five weeks of numbers to 2026-W11:
// dealers qualify 64 of 100 leads every week until 2026-W11, when only
// 41 qualify and "no budget" jumps; retail brings little money.
func reviewTeam(t *testing.T) *handlerHarness {
	h := numbersTeam(t)
	h.twoSegments(leadership)
	for i := range 5 {
		qualified, noBudget := int64(64), int64(10)
		if i == 0 {
			qualified, noBudget = 41, 40
		}
		h.putRecords(leadership,
			domain.WeeklyRecord{Segment: "dealers", Week: weekW11.Add(-i),
				Counts: map[string]int64{"leads": 100, "qualified": qualified, "meetings": 30, "deals": 10, "paid": 8},
				Spend:  100_000_00, Revenue: 800_000_00, NonTarget: map[string]int64{"no_budget": noBudget}},
			domain.WeeklyRecord{Segment: "retail", Week: weekW11.Add(-i),
				Counts: map[string]int64{"leads": 50, "qualified": 20, "deals": 3, "paid": 3}, Spend: 50_000_00, Revenue: 30_000_00},
		)
	}
	return h
}

// reviews reads the stored reviews of the leadership workspace.
func (h *handlerHarness) reviews() []*domain.Review {
	h.t.Helper()
	id := h.workspace(leadership).ID
	var rs []*domain.Review
	h.view(func(tx domain.Tx) error {
		var err error
		rs, err = tx.Reviews().List(id)
		return err
	})
	return rs
}

// TestHandlerReview_WholeLoop runs a review, logs a hypothesis in it,
// closes it with the protocol, works the hypothesis and opens the next
// review, which reports it; each review pack is drawn once, as drawing is
// the slow part.
func TestHandlerReview_WholeLoop(t *testing.T) {
	h := reviewTeam(t)
	out := h.send(leadership, anna, "/review")
	head := out.message()
	for _, want := range []string{"Review · 2026-W11", "Dealers", "Qualified: 41 (−36% w/w, −36% vs 4 wk)",
		"Leads → Qualified 41% (▼ −23 pp w/w", "/review end closes the review"} {
		if !strings.Contains(htmlPlain(head.Text), want) {
			t.Errorf("headline lacks %q:\n%s", want, htmlPlain(head.Text))
		}
	}
	if head.Keyboard[0][0].Data != "rv:end" {
		t.Errorf("headline buttons = %v, want the close button", head.Keyboard)
	}
	var kinds []domain.OutboxKind
	for _, j := range out.jobs {
		kinds = append(kinds, j.Kind)
	}
	// The questions have a message of their own, answered by replies; the
	// hypotheses block follows.
	want := []domain.OutboxKind{domain.SendText, domain.ChatAction, domain.SendMediaGroup, domain.SendText, domain.SendText}
	if !sameKinds(kinds, want) {
		t.Fatalf("pack = %v, want %v", kinds, want)
	}
	pictures := out.jobs[2].Files
	if len(pictures) < 2 || len(pictures) > 10 || !strings.HasPrefix(pictures[0].Caption, "Funnel · Dealers · 2026-W11") {
		t.Errorf("pictures = %d, first captioned %q", len(pictures), pictures[0].Caption)
	}
	checkPackDelivery(t, out.jobs)
	questions := htmlPlain(out.jobs[3].Text)
	for _, want := range []string{"Tracker questions", "@mark_head, Conversion Leads → Qualified in Dealers fell from 64% to 41%",
		"top non-target reason: No budget", "Leads from Retail"} {
		if !strings.Contains(questions, want) {
			t.Errorf("questions lack %q:\n%s", want, questions)
		}
	}
	if block := htmlPlain(out.jobs[4].Text); !strings.Contains(block, "Nothing overdue or waiting") {
		t.Errorf("hypotheses block = %q", block)
	}
	if rs := h.reviews(); len(rs) != 1 || !rs[0].IsOpen() || rs[0].Period.From != weekW11 {
		t.Errorf("stored reviews = %+v", rs)
	}

	// A hypothesis logged during the review is in its protocol.
	card := h.logHyp(leadership, "Move the retail budget to dealer campaigns", "Marketing", "Leads → Qualified")
	protocol := h.send(leadership, anna, "/review end")
	protocol.contains("Review protocol · 2026-W11", "H-1 Move the retail budget", "Owner: Marketing @mark_head · by: 25 Mar 2026 · new")
	rs := h.reviews()
	if len(rs) != 1 || rs[0].IsOpen() {
		t.Fatalf("stored reviews = %+v", rs)
	}
	if hyp := h.hypothesis(leadership, 1); hyp.Review != rs[0].ID {
		t.Errorf("H-1 belongs to review %d, want %d", hyp.Review, rs[0].ID)
	}
	// The pack's close button on a closed review changes nothing.
	if text, _ := h.press(leadership, anna, out.id(), "rv:end").answer(); !strings.Contains(text, "No review is open") {
		t.Errorf("closing twice answered %q", text)
	}

	// H-1 is done and confirmed; the next review reports it.
	prompt := h.press(leadership, mark, card, "h:1:d:1")
	h.replyTo(leadership, mark, prompt.id(), "Retail paused")
	// It is measured from 2026-W13, the week after the work started.
	h.advance(14 * 24 * time.Hour)
	for _, w := range []domain.Week{weekW11.Add(1), weekW11.Add(2)} {
		h.putRecords(leadership, domain.WeeklyRecord{Segment: "dealers", Week: w, Counts: map[string]int64{"leads": 100, "qualified": 70}})
	}
	shown := h.send(leadership, anna, "/hyp H-1") // the card drawn again offers Confirm on the numbers
	h.press(leadership, anna, shown.id(), shown.button(":c:2", "Confirm")).contains("H-1 · confirmed")
	next := h.send(leadership, anna, "/review")
	next.contains("Review · 2026-W13", "Results since the last review (1)", "H-1 · confirmed")

	// The close button of the next pack: CEOs only, and a made-up one
	// changes nothing.
	if text, alert := h.press(leadership, mark, next.id(), "rv:end").answer(); !alert || !strings.Contains(text, "Only a CEO") {
		t.Errorf("a head's press answered %q", text)
	}
	if text, _ := h.press(leadership, anna, next.id(), "rv:open").answer(); !strings.Contains(text, "out of date") {
		t.Errorf("a made-up review button answered %q", text)
	}
	if !h.reviews()[1].IsOpen() {
		t.Fatal("a refused press closed the review")
	}
	h.press(leadership, anna, next.id(), "rv:end").contains("Review protocol · 2026-W13", "No hypotheses were logged in this review")
	if h.reviews()[1].IsOpen() {
		t.Error("the close button left the review open")
	}
}

// checkPackDelivery checks what a review pack costs against the group's
// twenty messages a minute (a media group counts one per photo), and that
// only the answer to /review goes as a reply: the rest is bulk, so the
// replies to the commands after it go first.
func checkPackDelivery(t *testing.T, jobs []*domain.OutboxJob) {
	t.Helper()
	cost := 0
	for i, j := range jobs {
		if countsAsMessage(j) {
			cost += messageWeight(j)
		}
		wantReply := i == 0 || j.Kind == domain.ChatAction
		if got := j.Priority == domain.PriorityReply; got != wantReply {
			t.Errorf("pack job %d (%s) has priority %d, want reply %v", i, j.Kind, j.Priority, wantReply)
		}
	}
	if cost > domain.ReviewPackBudget || domain.ReviewPackBudget > DefaultLimits().GroupPerMinute/2 {
		t.Errorf("the pack costs %d messages of a group's %d a minute, want at most %d",
			cost, DefaultLimits().GroupPerMinute, domain.ReviewPackBudget)
	}
}

func sameKinds(a, b []domain.OutboxKind) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestHandlerReview_RefusalsAndArguments(t *testing.T) {
	h := numbersTeam(t)
	h.send(leadership, anna, "/review").contains("No numbers for 2026-W11 yet, so there is nothing to review", "/log")
	h.twoSegments(leadership)
	h.putRecords(leadership, domain.WeeklyRecord{Segment: "retail", Week: weekW11, Counts: map[string]int64{"leads": 10}})
	h.send(leadership, mark, "/review").contains("Only a CEO")
	h.send(leadership, anna, "/review wholesale").contains("Segments: Dealers, Retail")
	h.send(leadership, anna, "/review end").contains("No review is open")
	if n := len(h.reviews()); n != 0 {
		t.Fatalf("refusals stored %d reviews", n)
	}
	h.send(leadership, anna, "/review retail month").contains("Review · March 2026", "Retail")
	if rs := h.reviews(); len(rs) != 1 || rs[0].Period.Kind != domain.PeriodMonth || rs[0].Segment != "retail" {
		t.Errorf("stored reviews = %+v", rs)
	}
}

// A workspace with one week of numbers: the review sends the week's funnel
// and table, no trend of one dot, and says why in the headline.
func TestHandlerReview_OneWeekSendsNoChartWithTooLittleData(t *testing.T) {
	h := numbersTeam(t)
	h.twoSegments(leadership)
	h.putRecords(leadership,
		domain.WeeklyRecord{Segment: "dealers", Week: weekW11,
			Counts: map[string]int64{"leads": 100, "qualified": 64, "meetings": 30, "deals": 10, "paid": 8},
			Spend:  100_000_00, Revenue: 800_000_00, NonTarget: map[string]int64{"no_budget": 20}},
		domain.WeeklyRecord{Segment: "retail", Week: weekW11, Counts: map[string]int64{"leads": 0}},
	)
	out := h.send(leadership, anna, "/review")
	head := htmlPlain(out.message().Text)
	for _, want := range []string{"Left out of the charts:",
		"Conversion trend · Dealers — needs 3 weeks with numbers, has 1",
		"Lead quality · Dealers — needs 3 weeks with numbers, has 1",
		"Drop-off reasons · Dealers — no losses with a reason in 2026-W11",
		"Segment mix — needs 2 segments with numbers"} {
		if !strings.Contains(head, want) {
			t.Errorf("headline lacks %q:\n%s", want, head)
		}
	}
	var names []string
	for _, j := range out.ofKind(domain.SendMediaGroup, domain.SendPhoto) {
		for _, f := range j.Files {
			names = append(names, f.Name)
		}
	}
	if strings.Join(names, " ") != "funnel.png table.png" {
		t.Errorf("pictures %v, want the funnel and the table only", names)
	}
	checkPackDelivery(t, out.jobs)
}
