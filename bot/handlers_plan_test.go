package bot

import (
	"strings"
	"testing"
	"time"

	"trackbot/domain"
)

// planTeam is numbersTeam with Dealers and Retail, a week later than
// handlerStart: Wednesday 25 March 2026, so the last complete week is
// 2026-W12, the third of March's four (W10–W13). Dealers reported three
// weeks: 100 leads, 3 paid deals and 1, 1 and 1.1 M revenue.
func planTeam(t *testing.T) *handlerHarness {
	h := numbersTeam(t)
	h.twoSegments(leadership)
	h.advance(7 * 24 * time.Hour)
	for i, millions := range []int64{100, 100, 110} {
		h.putRecords(leadership, domain.WeeklyRecord{Segment: "dealers", Week: domain.Week{Year: 2026, Num: 10 + i},
			Counts: map[string]int64{"leads": 100, "qualified": 60, "meetings": 30, "deals": 4, "paid": 3},
			Spend:  150_000_00, Revenue: domain.Money(millions * 1_000_000_00 / 100)})
	}
	return h
}

func TestHandlerPlan_CEOSetsThePlanAndReviewShowsThePace(t *testing.T) {
	h := planTeam(t)
	h.send(leadership, mark, "/plan dealers march revenue=5m").contains("Only a CEO")
	saved := h.send(leadership, anna, "/plan dealers march revenue=5 млн paid=8 leads=400")
	saved.contains("Plan saved by Anna Petrova", "Dealers", "Plan · March 2026",
		"• Leads: 75% of the month's plan at 75% of the month; projected 100% (300 of 400)",
		"• Paid: 113% of the month's plan at 75% of the month; projected 150% (9 of 8)",
		"⚠ Revenue: 62% of the month's plan at 75% of the month; projected 83% (3.1 M ₽ of 5 M ₽)")
	ws := h.workspace(leadership)
	if len(ws.Plans) != 1 || len(ws.Plans[0].Targets) != 3 || ws.Plans[0].SetBy != anna.ID {
		t.Fatalf("stored plans = %+v", ws.Plans)
	}

	out := h.send(leadership, anna, "/review")
	head := htmlPlain(out.message().Text)
	for _, want := range []string{"Review · 2026-W12", "Plan · March 2026",
		"Revenue: 62% of the month's plan at 75% of the month; projected 83%"} {
		if !strings.Contains(head, want) {
			t.Errorf("review headline lacks %q:\n%s", want, head)
		}
	}
	media := out.ofKind(domain.SendMediaGroup)
	if len(media) != 1 || len(media[0].Files) < 2 || media[0].Files[1].Name != "plan.png" ||
		!strings.Contains(media[0].Files[1].Caption, "Plan vs fact · Dealers") {
		t.Fatalf("review pictures = %s, want the plan picture after the funnel", out)
	}
	questions := htmlPlain(out.ofKind(domain.SendText)[1].Text)
	if !strings.Contains(questions, "1. @sales_head, At the current pace Revenue in Dealers ends March 2026 at 4.1 M ₽ against the plan of 5 M ₽ (83%)") {
		t.Errorf("the first question is not the plan's, to sales:\n%s", questions)
	}

	funnel := h.send(leadership, olga, "/funnel dealers")
	funnel.contains("Dealers · 2026-W12", "Plan · March 2026", "projected 83%")

	shown := h.send(leadership, olga, "/plan")
	if p := shown.ofKind(domain.SendPhoto); len(p) != 1 || p[0].Files[0].Name != "plan.png" {
		t.Errorf("/plan = %s, want the picture of Dealers' plan", shown)
	}
	shown.contains("Dealers", "projected 83%")
	if strings.Contains(shown.text(), "Retail") {
		t.Errorf("/plan lists Retail, which has no plan:\n%s", shown.text())
	}
}

func TestHandlerPlan_SnapshotShowsThePace(t *testing.T) {
	h := planTeam(t)
	h.send(leadership, anna, "/plan dealers month revenue=5m")
	ws := h.workspace(leadership)
	jobs, err := h.b.snapshotPost(ws, domain.Week{Year: 2026, Num: 12}, domain.Date{Year: 2026, Month: time.March, Day: 23})
	if err != nil {
		t.Fatal(err)
	}
	if text := htmlPlain(jobs[0].Text); !strings.Contains(text, "Revenue: 62% of the month's plan at 75% of the month; projected 83%") {
		t.Errorf("snapshot lacks the plan's pace:\n%s", text)
	}
}

func TestHandlerPlan_EditsRemovalAndMistakes(t *testing.T) {
	h := planTeam(t)
	h.send(leadership, anna, "/plan dealers q2 revenue=15m deals=30")
	h.send(leadership, anna, "/plan dealers Q2 revenue=18m").contains("Plan · Q2 2026", "Deals: plan 30; the period has not started", "Revenue: plan 18 M ₽; the period has not started")
	plans := h.workspace(leadership).Plans
	if len(plans) != 1 || len(plans[0].Targets) != 2 {
		t.Fatalf("after an edit: %+v, want one plan with both targets", plans)
	}
	h.send(leadership, anna, "/plan dealers march margin=35%").contains("Nothing was saved", "a plan sets stage counts, spend or revenue", "Example: /plan dealers march")
	h.send(leadership, anna, "/plan dealers revenue=5m").contains("Write the segment, the month or quarter")
	h.send(leadership, anna, "/plan nobody").contains(`There is no segment "nobody"`)
	h.send(leadership, olga, "/plan").contains("No plans for this period yet", "/plan dealers march revenue=5m")
	h.send(leadership, mark, "/plan dealers q2 remove").contains("Only a CEO")
	h.send(leadership, anna, "/plan dealers q2 remove").contains("The plan of Dealers for Q2 2026 was removed by Anna Petrova")
	if plans := h.workspace(leadership).Plans; len(plans) != 0 {
		t.Errorf("after removal: %+v", plans)
	}
	h.send(leadership, anna, "/plan dealers q2 remove").contains("There is no such plan")
}

func TestHandlerPlan_RussianWorkspace(t *testing.T) {
	h := dealersTeam(t)
	h.advance(7 * 24 * time.Hour)
	h.send(leadership, anna, "/plan дилеры март выручка=5 млн сделки=12").
		contains("План сохранил(а) Anna Petrova", "План · март 2026", "Сделки: 0% плана месяца при 75% месяца; прогноз —")
}

// TestHandlerPlan_FromAFile exports the numbers and plans, removes the
// plan, and uploads the export: a CEO's upload brings the plan back on
// confirm, a head's leaves it out.
func TestHandlerPlan_FromAFile(t *testing.T) {
	h := planTeam(t)
	h.send(leadership, anna, "/plan dealers march revenue=5m paid=8")
	var export []byte
	for _, j := range h.send(leadership, anna, "/export").ofKind(domain.SendDocument) {
		if strings.HasSuffix(j.Files[0].Name, ".xlsx") {
			export = j.Files[0].Data
		}
	}
	if export == nil {
		t.Fatal("/export sent no XLSX")
	}
	h.send(leadership, anna, "/plan dealers march remove")

	byHead := h.document(leadership, mark, "export.xlsx", export, "/import", 0)
	byHead.contains("The file's plans (1) were left out: plans are set by CEOs")

	preview := h.document(leadership, anna, "export.xlsx", export, "/import", 0)
	preview.contains("export.xlsx: rows read: 3", "Plans in the file: Dealers · March 2026: 2 targets. They are saved with the numbers")
	if plans := h.workspace(leadership).Plans; len(plans) != 0 {
		t.Fatalf("the preview saved plans: %+v", plans)
	}
	h.confirm(leadership, anna, preview)
	plans := h.workspace(leadership).Plans
	if len(plans) != 1 || len(plans[0].Targets) != 2 || plans[0].SetBy != anna.ID {
		t.Errorf("after confirming: %+v, want the plan back", plans)
	}
}
