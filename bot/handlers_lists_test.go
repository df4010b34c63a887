package bot

import (
	"slices"
	"strings"
	"testing"

	"trackbot/domain"
)

// activeNames lists the names of a list's active items in order.
func activeNames(ws *domain.Workspace, kind domain.ListKind) []string {
	var out []string
	switch kind {
	case domain.ListSegments:
		for _, s := range ws.ActiveSegments() {
			out = append(out, s.Name.En)
		}
	case domain.ListStages:
		for _, s := range ws.Stages {
			if !s.Archived {
				out = append(out, s.Name.En)
			}
		}
	case domain.ListNonTarget, domain.ListDropOff:
		reasons := ws.NonTarget
		if kind == domain.ListDropOff {
			reasons = ws.DropOff
		}
		for _, r := range reasons {
			if !r.Archived {
				out = append(out, r.Name.En)
			}
		}
	}
	return out
}

func TestHandlerSegment_CEOEditsTheList(t *testing.T) {
	h := numbersTeam(t)
	h.send(leadership, mark, "/segment").contains("Segments", "1. All clients ★ focus", "/segment add Dealers")
	h.send(leadership, anna, "/segment add Dealers").contains("Saved", "2. Dealers")
	h.send(leadership, anna, "/segment rename All clients = Retail").contains("1. Retail")
	h.send(leadership, anna, "/segment focus Dealers").contains("Dealers ★ focus")
	h.send(leadership, anna, "/segment focus Retail off").contains("1. Retail\n")
	h.send(leadership, anna, "/segment move Dealers 1").contains("1. Dealers ★ focus", "2. Retail")
	h.send(leadership, anna, "/segment add dealers").contains("already in the list")
	h.send(leadership, anna, "/segment move Dealers first").contains("Write the name and the new position")
	h.send(leadership, anna, "/segment split Dealers").contains("CEOs change segments with")
	h.send(leadership, mark, "/segment add Developers").contains("Only a CEO")

	ws := h.workspace(leadership)
	if got := strings.Join(activeNames(ws, domain.ListSegments), ", "); got != "Dealers, Retail" {
		t.Errorf("segments = %s", got)
	}
	for _, s := range ws.ActiveSegments() {
		if s.Focus != (s.Name.En == "Dealers") {
			t.Errorf("segment %s focus = %v", s.Name.En, s.Focus)
		}
	}
}

func TestHandlerSegment_FocusOffWarnsWhenNoneIsLeft(t *testing.T) {
	h := numbersTeam(t)
	h.send(leadership, anna, "/segment focus All clients off").contains("All clients is no longer a focus segment",
		"No segment is in focus now", "/segment focus All clients")
	if h.workspace(leadership).ActiveSegments()[0].Focus {
		t.Error("the focus mark is still set")
	}
}

func TestHandlerSegment_RemovalAsksWhenThereAreNumbers(t *testing.T) {
	h := numbersTeam(t)
	h.send(leadership, anna, "/segment add Dealers")
	h.send(leadership, anna, "/segment remove All clients").contains("✅ All clients removed.") // no numbers: removed at once
	h.send(leadership, anna, "/segment add Retail")
	h.send(leadership, anna, "/segment add Wholesale")
	h.send(leadership, anna, "/segment remove Wholesale").contains("✅ Wholesale removed.")
	h.send(leadership, anna, "/segment remove Nowhere").contains("I can't find \"Nowhere\"")
	ws := h.workspace(leadership)
	retail, _ := ws.Find(domain.ListSegments, "Retail")
	h.putRecords(leadership, domain.WeeklyRecord{Segment: retail, Week: weekW11, Counts: map[string]int64{"leads": 50}})

	ask := h.send(leadership, anna, "/segment remove Retail")
	ask.contains("Retail has numbers recorded", "keep its history")
	yes := ask.button("rm:s:", "")
	if text, alert := h.press(leadership, mark, ask.id(), yes).answer(); !alert || !strings.Contains(text, "Only a CEO") {
		t.Errorf("a head's press answered %q", text)
	}
	h.press(leadership, mark, ask.id(), "rm:x")
	if _, ok := h.workspace(leadership).Find(domain.ListSegments, "Retail"); !ok {
		t.Fatal("a head's press removed the segment")
	}
	if text, _ := h.press(leadership, anna, ask.id(), "rm:q:"+retail).answer(); !strings.Contains(text, "out of date") {
		t.Errorf("a made-up list code answered %q", text)
	}
	copied := h.copyOf(leadership, ask.id())
	h.press(leadership, anna, ask.id(), yes).contains("Retail removed from the lists; its history is kept")
	if _, ok := h.workspace(leadership).Find(domain.ListSegments, "Retail"); ok {
		t.Error("the removed segment is still active")
	}
	if recs := h.records(leadership); len(recs) != 1 || recs[0].Counts["leads"] != 50 {
		t.Errorf("the archived segment's history = %+v", recs)
	}
	if text, _ := h.press(leadership, anna, ask.id(), yes).answer(); !strings.Contains(text, "out of date") {
		t.Errorf("a second press on the answered question answered %q", text)
	}
	h.press(leadership, anna, copied, yes).contains("already removed or renamed; nothing changed")

	h.send(leadership, anna, "/segment remove Dealers").contains("This is the only segment")
	if got := activeNames(h.workspace(leadership), domain.ListSegments); len(got) != 1 || got[0] != "Dealers" {
		t.Errorf("segments left = %v, want the last one kept", got)
	}
}

func TestHandlerSegment_CancelRemoval(t *testing.T) {
	h := numbersTeam(t)
	h.send(leadership, anna, "/segment add Dealers")
	h.putRecords(leadership, domain.WeeklyRecord{Segment: "main", Week: weekW11, Counts: map[string]int64{"leads": 5}})
	ask := h.send(leadership, anna, "/segment remove All clients")
	out := h.press(leadership, anna, ask.id(), ask.button("rm:x", ""))
	out.contains("Nothing was removed.")
	if e := out.edit(); e.EditMessageID != ask.id() || len(e.Keyboard) != 0 {
		t.Errorf("cancelling edits %d with %v", e.EditMessageID, e.Keyboard)
	}
	if _, ok := h.workspace(leadership).Find(domain.ListSegments, "All clients"); !ok {
		t.Error("a cancelled removal removed the segment")
	}
}

func TestHandlerStage_CEOEditsTheFunnel(t *testing.T) {
	h := numbersTeam(t)
	h.send(leadership, olga, "/stage").contains("Funnel stages", "3. Leads — Marketing", "5. Meetings — Sales")
	h.send(leadership, anna, "/stage add Tenders after Meetings").contains("6. Tenders — Sales")
	h.send(leadership, anna, "/stage rename Proposals = Quotes").contains("7. Quotes — Sales")
	h.send(leadership, anna, "/stage owner Qualified = Sales").contains("4. Qualified — Sales")
	h.send(leadership, anna, "/stage move Clicks 1").contains("1. Clicks — Marketing", "2. Impressions — Marketing")
	h.send(leadership, anna, "/stage remove Leads").contains("CPL")
	h.send(leadership, anna, "/stage remove Impressions").contains("✅ Impressions removed.")
	h.send(leadership, anna, "/stage move Meetings 50").contains("from 1 to")
	h.send(leadership, anna, "/stage focus Leads").contains("CEOs change stages with")
	h.send(leadership, mark, "/stage add Calls after Leads").contains("Only a CEO")

	ws := h.workspace(leadership)
	want := "Clicks, Leads, Qualified, Meetings, Tenders, Quotes, Deals, Paid"
	if got := strings.Join(activeNames(ws, domain.ListStages), ", "); got != want {
		t.Errorf("stages = %s, want %s", got, want)
	}
	for _, st := range ws.Stages {
		if st.Key == "qualified" && st.Department != domain.DeptSales {
			t.Errorf("Qualified is owned by %q", st.Department)
		}
	}
}

func TestHandlerReason_CEOEditsBothLists(t *testing.T) {
	h := numbersTeam(t)
	h.send(leadership, sergey, "/reason").contains("Non-target lead reasons", "1. No budget", "Drop-off reasons", "1. Wrong phone number")
	h.send(leadership, anna, "/reason add nontarget No license").contains("No license")
	h.send(leadership, anna, "/reason rename dropoff Price = Too expensive").contains("Too expensive")
	h.send(leadership, anna, "/reason remove dropoff Timing").contains("✅ Timing removed.")
	h.send(leadership, anna, "/reason remove nontarget Other").contains("catch-all")
	h.send(leadership, anna, "/reason add somewhere Bad luck").contains("CEOs change reasons with")
	h.send(leadership, anna, "/reason focus dropoff Price").contains("CEOs change reasons with")
	h.send(leadership, mark, "/reason add dropoff Long delivery").contains("Only a CEO")

	ws := h.workspace(leadership)
	if got := activeNames(ws, domain.ListNonTarget); !slices.Contains(got, "No license") || !slices.Contains(got, "Other") {
		t.Errorf("non-target reasons = %v", got)
	}
	dropoff := strings.Join(activeNames(ws, domain.ListDropOff), ", ")
	if !strings.Contains(dropoff, "Too expensive") || strings.Contains(dropoff, "Price") || strings.Contains(dropoff, "Timing") ||
		strings.Contains(dropoff, "Long delivery") {
		t.Errorf("drop-off reasons = %s", dropoff)
	}
}

func TestHandlerStage_CEOSwitchesDropOffReasonsPerStage(t *testing.T) {
	h := numbersTeam(t)
	h.send(leadership, olga, "/stage").contains("3. Leads — Marketing\n", "5. Meetings — Sales · drop-off reasons", "8. Paid — Sales · drop-off reasons")
	h.send(leadership, mark, "/stage reasons Meetings off").contains("Only a CEO")
	h.send(leadership, anna, "/stage reasons Meetings off").contains("no longer ask why items were lost on the way into Meetings", "5. Meetings — Sales\n")
	h.send(leadership, anna, "/stage reasons Leads on").contains("on the way into Leads", "3. Leads — Marketing · drop-off reasons")
	h.send(leadership, anna, "/stage reasons Impressions on").contains("Nothing comes before Impressions")
	h.send(leadership, anna, "/stage reasons Nowhere on").contains("I can't find \"Nowhere\"")
	h.send(leadership, sergey, "/reason").contains("Asked for the items lost on the way into: Leads, Proposals, Deals, Paid")

	// The switch is stored with the workspace, and the template follows it.
	ws := h.workspace(leadership)
	if ws.AsksDropOffReasons("meetings") || !ws.AsksDropOffReasons("leads") || !ws.AsksDropOffReasons("paid") {
		t.Errorf("stored switches: meetings %v, leads %v, paid %v", ws.AsksDropOffReasons("meetings"), ws.AsksDropOffReasons("leads"), ws.AsksDropOffReasons("paid"))
	}
	header := string(documentFile(t, h.send(leadership, anna, "/template csv"), ".csv").Data)
	header, _, _ = strings.Cut(header, "\n")
	if !strings.Contains(header, "lost.Leads.Price") || strings.Contains(header, "lost.Meetings.") || !strings.Contains(header, "lost.Paid.Price") {
		t.Errorf("template header = %s", header)
	}
}

func TestHandlerSegment_AddAList(t *testing.T) {
	h := numbersTeam(t)
	h.send(leadership, anna, "/segment add Застройщики, Розница").contains("Saved", "2. Застройщики", "3. Розница")
	h.send(leadership, anna, "/segment add Dealers; Розница").contains("already in the list")
	h.send(leadership, anna, "/stage add Site visits, Tenders after Meetings").contains("6. Site visits — Sales", "7. Tenders — Sales")
	h.send(leadership, anna, "/reason add dropoff Long delivery,\nNo stock").contains("Long delivery", "No stock")

	ws := h.workspace(leadership)
	if got := strings.Join(activeNames(ws, domain.ListSegments), "|"); got != "All clients|Застройщики|Розница" {
		t.Errorf("segments = %s, want two new ones and none with a comma (nor Dealers from the refused list)", got)
	}
	if got := activeNames(ws, domain.ListDropOff); !slices.Contains(got, "Long delivery") || !slices.Contains(got, "No stock") {
		t.Errorf("drop-off reasons = %v", got)
	}
}
