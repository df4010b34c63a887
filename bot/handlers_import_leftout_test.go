package bot

import (
	"strings"
	"testing"
)

// wholeSheet is a company's weekly sheet: marketing's columns (leads,
// spend) and sales' (meetings, paid, revenue, a drop-off reason).
const wholeSheet = "segment,week,leads,spend,meetings,paid,revenue,lost.Meetings.Price\n" +
	"All clients,2026-W11,120,350000,30,3,1200000,4\n"

func TestHandlerImport_HeadsWholeSheetLeavesOutOtherDepartments(t *testing.T) {
	h := numbersTeam(t)
	preview := h.document(leadership, mark, "company.csv", []byte(wholeSheet), "/import", 0)
	preview.contains("Left out, not your department's: Sales — 4 figures (Meetings, Paid, Revenue, Lost before Meetings: Price)",
		"Apply all columns")
	preview.button(":a", "Apply all columns")

	// The head confirms: only marketing's figures are saved.
	h.confirm(leadership, mark, preview)
	r := h.record(leadership, "main", weekW11)
	if r.Counts["leads"] != 120 || r.Spend != 350_000_00 {
		t.Errorf("marketing's figures were not saved: %+v", r)
	}
	if _, ok := r.Counts["meetings"]; ok || r.Revenue != 0 || len(r.DropOffs) != 0 {
		t.Errorf("figures of sales were saved from marketing's upload: %+v", r)
	}
}

func TestHandlerImport_CEOAcceptsTheLeftOutColumnsWithOnePress(t *testing.T) {
	h := numbersTeam(t)
	preview := h.document(leadership, mark, "company.csv", []byte(wholeSheet), "/import", 0)
	accept := preview.button(":a", "Apply all columns")
	for _, u := range []string{"sales head", "marketing head"} {
		who := sergey
		if u == "marketing head" {
			who = mark
		}
		if text, alert := h.press(leadership, who, preview.id(), accept).answer(); !alert || !strings.Contains(text, "Only a CEO can accept") {
			t.Errorf("the %s's press answered %q", u, text)
		}
	}

	copies := []int{h.copyOf(leadership, preview.id()), h.copyOf(leadership, preview.id())}
	accepted := h.press(leadership, anna, preview.id(), accept)
	if text, _ := accepted.answer(); !strings.Contains(text, "All columns added") {
		t.Errorf("the CEO's press answered %q", text)
	}
	accepted.contains("All columns of the file, accepted by", "Meetings", "Confirm to save")
	if strings.Contains(accepted.text(), "Left out") || len(accepted.buttons()) != 2 {
		t.Errorf("after accepting, the preview still leaves columns out: %s %+v", accepted.text(), accepted.buttons())
	}
	if e := accepted.edit(); e.EditMessageID != preview.id() {
		t.Errorf("the accepted draft edited message %d, want the preview %d", e.EditMessageID, preview.id())
	}
	if len(h.records(leadership)) != 0 {
		t.Fatal("accepting the columns saved numbers before the confirmation")
	}

	// The old draft's buttons are gone with it: the preview no longer has
	// them, and on a copy of the old preview they find the draft handled.
	for i, data := range []string{preview.button(":y", "Confirm"), accept} {
		if text, _ := h.press(leadership, anna, preview.id(), data).answer(); !strings.Contains(text, "out of date") {
			t.Errorf("the replaced draft's %s on the preview answered %q", data, text)
		}
		if text, _ := h.press(leadership, anna, copies[i], data).answer(); !strings.Contains(text, "already saved or cancelled") {
			t.Errorf("the replaced draft's %s on a copy answered %q", data, text)
		}
	}

	// The author confirms the whole file, vouched for by the CEO.
	saved := h.press(leadership, mark, preview.id(), accepted.button(":y", "Confirm"))
	saved.contains("Saved")
	r := h.record(leadership, "main", weekW11)
	if r.Counts["leads"] != 120 || r.Counts["meetings"] != 30 || r.Revenue != 1_200_000_00 || r.DropOffs["meetings"]["price"] != 4 || r.UpdatedBy != mark.ID {
		t.Errorf("stored after accepting = %+v", r)
	}
}

func TestHandlerImport_HeadsFileWithNoneOfTheirColumnsIsRefused(t *testing.T) {
	h := numbersTeam(t)
	sales := "segment,week,meetings,revenue\nAll clients,2026-W11,30,1200000\n"
	out := h.document(leadership, mark, "sales.csv", []byte(sales), "/import", 0)
	out.contains("Your department does not own these figures: Meetings, Revenue")
	if len(out.buttons()) != 0 {
		t.Errorf("a file with none of the head's columns offered buttons: %+v", out.buttons())
	}
	// A CEO's upload takes every column and has nothing left out.
	ceo := h.document(leadership, anna, "company.csv", []byte(wholeSheet), "/import", 0)
	if strings.Contains(ceo.text(), "Left out") || len(ceo.buttons()) != 2 {
		t.Errorf("a CEO's upload: %s %+v", ceo.text(), ceo.buttons())
	}
}
