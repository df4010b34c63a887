package bot

import (
	"bytes"
	"image/png"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"trackbot/domain"
)

// twoSegments gives the chat's workspace dealers (the focus) and retail.
func (h *handlerHarness) twoSegments(chat tgbotapi.Chat) {
	h.t.Helper()
	h.changeWorkspace(chat, func(ws *domain.Workspace) error {
		ws.Segments = []domain.Segment{
			{Key: "dealers", Name: domain.Name{En: "Dealers", Ru: "Дилеры"}, Focus: true},
			{Key: "retail", Name: domain.Name{En: "Retail", Ru: "Розница"}},
		}
		return nil
	})
}

// onePhoto is the one picture a photo job carries, decoded.
func onePhoto(t *testing.T, out sent) (domain.Attachment, int) {
	t.Helper()
	jobs := out.ofKind(domain.SendPhoto)
	if len(jobs) != 1 || len(jobs[0].Files) != 1 {
		t.Fatalf("want one photo, got %s", out)
	}
	f := jobs[0].Files[0]
	img, err := png.Decode(bytes.NewReader(f.Data))
	if err != nil {
		t.Fatalf("%s is not a PNG: %v", f.Name, err)
	}
	return f, img.Bounds().Dx()
}

func TestHandlerFunnel_PictureAndTable(t *testing.T) {
	h := numbersTeam(t)
	h.twoSegments(leadership)
	h.putRecords(leadership,
		domain.WeeklyRecord{Segment: "dealers", Week: weekW11.Add(-1), Counts: map[string]int64{"leads": 100, "qualified": 50}},
		domain.WeeklyRecord{Segment: "dealers", Week: weekW11,
			Counts: map[string]int64{"leads": 120, "qualified": 80, "meetings": 40, "deals": 8, "paid": 6},
			Spend:  350_000_00, Revenue: 1_200_000_00, NonTarget: map[string]int64{"no_budget": 12}},
	)
	out := h.send(leadership, anna, "/funnel")
	f, width := onePhoto(t, out)
	if f.Caption != "Funnel: Dealers, 2026-W11" || width < 600 {
		t.Errorf("funnel picture: caption %q, width %d", f.Caption, width)
	}
	out.contains("Dealers · 2026-W11", "Stage", "Count", "120", "80", "67%", "40",
		"CPL: 2 917 ₽", "Avg check: 200 000 ₽", "Spend: 350 000 ₽", "Non-target: 10%")

	// A week written out, and another segment by name.
	h.send(leadership, anna, "/funnel dealers w10").contains("Dealers · 2026-W10", "100", "50%")
	h.send(leadership, anna, "/funnel dealers month").contains("Dealers · March 2026", "220")
	h.send(privateChat(mark), mark, "/funnel Dealers").contains("Dealers · 2026-W11")
}

func TestHandlerFunnel_NoDataAndUnknownSegment(t *testing.T) {
	h := numbersTeam(t)
	h.twoSegments(leadership)
	out := h.send(leadership, anna, "/funnel retail")
	out.contains("No numbers for Retail in 2026-W11 yet", "/log")
	if len(out.ofKind(domain.SendPhoto)) != 0 {
		t.Error("an empty funnel was drawn")
	}
	h.send(leadership, anna, "/funnel wholesale").contains("Segments: Dealers, Retail")
}

func TestHandlerFocus_FlagsTheSegmentThatTakesEffortNotMoney(t *testing.T) {
	h := numbersTeam(t)
	h.twoSegments(leadership)
	h.send(leadership, anna, "/focus").contains("No numbers for 2026-W08 – 2026-W11 yet")
	for i := range 4 {
		w := weekW11.Add(-i)
		h.putRecords(leadership,
			domain.WeeklyRecord{Segment: "dealers", Week: w, Counts: map[string]int64{"leads": 100}, Spend: 100_000_00, Revenue: 1_000_000_00},
			domain.WeeklyRecord{Segment: "retail", Week: w, Counts: map[string]int64{"leads": 300}, Spend: 300_000_00, Revenue: 100_000_00},
		)
	}
	out := h.send(leadership, anna, "/focus")
	if f, width := onePhoto(t, out); f.Caption != "Segment mix, 2026-W08 – 2026-W11" || width < 400 {
		t.Errorf("focus picture: caption %q, width %d", f.Caption, width)
	}
	out.contains("Focus check, 2026-W08 – 2026-W11", "*Dealers", "!Retail", "25%", "75%", "91%",
		"Retail takes more leads or spend than the money it brings")
	if strings.Contains(out.text(), "Dealers takes more") {
		t.Errorf("the focus segment was flagged:\n%s", out.text())
	}
	h.send(privateChat(sergey), sergey, "/focus month").contains("Focus check, March 2026")
}
