package bot

import (
	"strings"
	"testing"

	"trackbot/domain"
)

// weakManagerWeeks are 16 weeks of dealers up to W11 in which four managers
// take 30 qualified leads a week each and Gleb's meetings fell to 4 of
// them (13%) for the last six weeks while the others hold 18 (60%).
func weakManagerWeeks() []domain.WeeklyRecord {
	var recs []domain.WeeklyRecord
	for i := range 16 {
		d := int64(i%2*2 - 1)
		r := domain.WeeklyRecord{Segment: "dealers", Week: weekW11.Add(i - 15),
			Counts: map[string]int64{"leads": 200 + 4*d, "qualified": 120, "proposals": 40, "deals": 20, "paid": 18},
			Spend:  100_000_00, Revenue: 900_000_00, Managers: map[string]map[string]int64{}}
		var meetings int64
		for _, m := range []string{"Anna", "Boris", "Vera", "Gleb"} {
			got := int64(18)
			if m == "Gleb" && i >= 10 {
				got = 4
			}
			r.Managers[m] = map[string]int64{"qualified": 30, "meetings": got}
			meetings += got
		}
		r.Counts["meetings"] = meetings
		recs = append(recs, r)
	}
	return recs
}

func TestHandlerManagers_PictureAndTableMarkTheWeakManager(t *testing.T) {
	h := numbersTeam(t)
	h.twoSegments(leadership)
	h.putRecords(leadership, weakManagerWeeks()...)

	out := h.send(leadership, anna, "/managers")
	f, width := onePhoto(t, out)
	if f.Caption != "Managers: Dealers, 2026-W08 – 2026-W11" || width < 600 {
		t.Errorf("managers picture: caption %q, width %d", f.Caption, width)
	}
	out.contains("Managers · Dealers · 2026-W08 – 2026-W11", "Qualified → Meetings",
		"Team", "Anna", "60%", "72/120", "Gleb", "13%", "16/120 ⚠", "the review asks the sales head")
	if strings.Contains(out.text(), "Anna          60%    72/120 ⚠") {
		t.Error("Anna is marked though she converts as the team does")
	}
	// A month is judged over the month; in private too.
	h.send(privateChat(sergey), sergey, "/managers dealers month").contains("Managers · Dealers · March 2026", "Gleb")
}

func TestHandlerManagers_NoManagerNumbersAndUnknownSegment(t *testing.T) {
	h := numbersTeam(t)
	h.twoSegments(leadership)
	h.putRecords(leadership, weakManagerWeeks()...)
	out := h.send(leadership, anna, "/managers retail")
	out.contains("No per-manager numbers for Retail in 2026-W08 – 2026-W11", "/log retail manager.Anna.qualified=30 manager.Anna.meetings=18")
	if len(out.ofKind(domain.SendPhoto)) != 0 {
		t.Error("a picture was drawn without manager numbers")
	}
	// The example is one /log understands.
	h.send(leadership, anna, "/log retail manager.Anna.qualified=30 manager.Anna.meetings=18").contains("Anna: Qualified", "Anna: Meetings")
	h.send(leadership, anna, "/managers wholesale").contains("/managers dealers month", "Segments: Dealers, Retail")
}

func TestHandlerManagers_Russian(t *testing.T) {
	h := numbersTeam(t)
	h.changeWorkspace(leadership, func(ws *domain.Workspace) error { ws.Lang = domain.Russian; return nil })
	h.twoSegments(leadership)
	h.putRecords(leadership, weakManagerWeeks()...)
	h.send(leadership, anna, "/managers дилеры").contains("Менеджеры · Дилеры", "Целевые → Встречи", "Команда", "16/120 ⚠",
		"руководителя продаж")
}
