package bot

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"trackbot/domain"
)

// seedHyp stores a published hypothesis H-n of the leadership workspace
// with the status and deadline, as if it had been logged and moved.
func (h *handlerHarness) seedHyp(n int, text, dept string, status domain.HypothesisStatus, deadline domain.Date) {
	h.t.Helper()
	ws := h.workspace(leadership)
	seg := ws.DefaultSegment().Key
	hyp := &domain.Hypothesis{Workspace: ws.ID, Number: n, Text: text, Department: dept, Segment: seg,
		Metric: domain.HypothesisMetrics(ws, seg)[0], Deadline: deadline, Status: status, CreatedBy: anna.ID, CreatedAt: h.now,
		History: []domain.HypothesisEvent{{At: h.now, By: anna.ID, ByName: "Anna", From: domain.StatusDraft, To: status}}}
	h.update(func(tx domain.Tx) error { return tx.Hypotheses().Create(hyp) })
}

// marchDay is a day of March 2026.
func marchDay(day int) domain.Date { return domain.Date{Year: 2026, Month: time.March, Day: day} }

func TestHandlerHyps_FiltersAndOverdueMark(t *testing.T) {
	h := numbersTeam(t)
	h.send(leadership, olga, "/hyps").contains("No hypotheses here")
	h.seedHyp(1, "Call every lead within an hour", domain.DeptMarketing, domain.StatusNew, marchDay(10))
	h.seedHyp(2, "Send quotes the same day", domain.DeptSales, domain.StatusInProgress, marchDay(25))
	h.seedHyp(3, "Drop the retail campaign", domain.DeptMarketing, domain.StatusDone, marchDay(20))
	h.seedHyp(4, "Hire a second closer", domain.DeptSales, domain.StatusConfirmed, marchDay(1))
	// A draft is nobody's business but its author's.
	h.update(func(tx domain.Tx) error {
		return tx.Hypotheses().Create(&domain.Hypothesis{Workspace: h.workspace(leadership).ID, Text: "secret draft", Status: domain.StatusDraft})
	})

	open := h.send(leadership, olga, "/hyps")
	open.contains("Hypotheses: 3 · page 1 of 1", "H-1 · new · Marketing · ⚠ 10 Mar 2026 — Call every lead",
		"H-2 · in progress · Sales · 25 Mar 2026", "H-3 · done")
	if text := open.text(); strings.Contains(text, "H-4") || strings.Contains(text, "secret draft") || strings.Contains(text, "⚠ 20 Mar") {
		t.Errorf("open list shows a closed one, a draft or a done one as overdue:\n%s", text)
	}
	if len(open.buttons()) != 0 {
		t.Errorf("one page has paging buttons: %v", open.buttons())
	}
	h.send(leadership, olga, "/hyps all").contains("Hypotheses: 4", "H-4 · confirmed")
	sales := h.send(privateChat(sergey), sergey, "/hyps sales")
	sales.contains("Hypotheses: 1", "H-2")
	h.send(leadership, olga, "/hyps confirmed").contains("Hypotheses: 1", "H-4")
	h.send(leadership, olga, "/hyps whatever").contains("Use /hyps, /hyps all")
}

func TestHandlerHyps_OpenOnesAndProposalsByICE(t *testing.T) {
	h := numbersTeam(t)
	h.seedHyp(1, "Unscored idea", domain.DeptMarketing, domain.StatusNew, marchDay(28))
	h.seedHyp(2, "Small win", domain.DeptSales, domain.StatusInProgress, marchDay(28))
	h.seedHyp(3, "Big bet", domain.DeptMarketing, domain.StatusProposed, marchDay(28))
	h.seedHyp(4, "Settled", domain.DeptSales, domain.StatusConfirmed, marchDay(28))
	for n, ice := range map[int]domain.ICE{2: {Impact: 3, Confidence: 5, Ease: 8}, 3: {Impact: 9, Confidence: 6, Ease: 5}, 4: {Impact: 10, Confidence: 10, Ease: 10}} {
		h.update(func(tx domain.Tx) error {
			hyps, err := tx.Hypotheses().List(h.workspace(leadership).ID)
			if err != nil {
				return err
			}
			hyp := hyps[n-1]
			hyp.ICE = ice
			return tx.Hypotheses().Put(hyp)
		})
	}
	text := h.send(leadership, olga, "/hyps").text()
	big, small, unscored := strings.Index(text, "H-3 · proposed"), strings.Index(text, "H-2 · in progress"), strings.Index(text, "H-1 · new")
	if big < 0 || small < big || unscored < small || strings.Contains(text, "H-4") {
		t.Errorf("/hyps does not list the proposal and the open ones by ICE, unscored last:\n%s", text)
	}
	if !strings.Contains(text, "Big bet · ICE 270") || !strings.Contains(text, "Small win · ICE 120") {
		t.Errorf("/hyps does not show the scores:\n%s", text)
	}
	h.send(leadership, olga, "/hyps proposed").contains("Hypotheses: 1", "H-3")
}

func TestHandlerHyps_Paging(t *testing.T) {
	h := numbersTeam(t)
	for n := 1; n <= 12; n++ {
		h.seedHyp(n, fmt.Sprintf("Idea number %d", n), domain.DeptMarketing, domain.StatusNew, marchDay(28))
	}
	first := h.send(leadership, anna, "/hyps")
	first.contains("Hypotheses: 12 · page 1 of 2", "H-10 ")
	if strings.Contains(first.text(), "H-11") {
		t.Errorf("page 1 shows H-11:\n%s", first.text())
	}
	next := h.press(leadership, anna, first.id(), first.button("hl:1:", "›"))
	next.contains("page 2 of 2", "H-11", "H-12")
	if e := next.edit(); e.EditMessageID != first.id() {
		t.Errorf("paging edited %d, want the list %d", e.EditMessageID, first.id())
	}
	h.press(leadership, anna, first.id(), next.button("hl:0:", "‹")).contains("page 1 of 2")
	for _, data := range []string{"hl:99:", "hl:x:"} {
		out := h.press(leadership, anna, first.id(), data)
		if text, _ := out.answer(); !strings.Contains(text, "out of date") {
			t.Errorf("a made-up page %q answered %q", data, text)
		}
		out.unchanged("a made-up page")
	}
}

func TestHandlerMy_HeadsSeeTheirOpenHypotheses(t *testing.T) {
	h := numbersTeam(t)
	h.seedHyp(1, "Call every lead within an hour", domain.DeptMarketing, domain.StatusNew, marchDay(28))
	h.seedHyp(2, "Send quotes the same day", domain.DeptSales, domain.StatusConfirmed, marchDay(25))
	h.seedHyp(3, "Drop the retail campaign", domain.DeptMarketing, domain.StatusInProgress, marchDay(20))

	my := h.send(privateChat(mark), mark, "/my")
	my.contains("Your open hypotheses", "H-1 · new · Marketing", "H-3 · in progress")
	if strings.Contains(my.text(), "H-2") {
		t.Errorf("/my of the marketing head shows sales' H-2:\n%s", my.text())
	}
	h.send(leadership, sergey, "/my").contains("Your departments have no open hypotheses")
	h.send(leadership, olga, "/my").contains("/my is for department heads")
	h.send(leadership, anna, "/my").contains("/my is for department heads")
}
