package bot

import (
	"bytes"
	"image"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"trackbot/domain"
)

// marketTeam is numbersTeam with the dealers and retail segments.
func marketTeam(t *testing.T) *handlerHarness {
	h := numbersTeam(t)
	h.twoSegments(leadership)
	return h
}

// The table of charts/market_test.go's sampleMarket, typed as commands and
// as a sheet: both must give its golden pictures.
var (
	sampleMarketCommands = []string{
		"/competitor market dealers volume=2bn source=Rosstat 2025",
		"/competitor add dealers PlayMax share=25% price=300-700k advantage=Fast delivery features=Installation, 5-year warranty, Catalogue of 3000 items target=Dealers",
		"/competitor add dealers Kidsworld us=yes share=12% features=Installation; 3D design; 5-year warranty price=250-600k advantage=Fast delivery, Own factory target=Dealers",
		"/competitor add dealers Gorka share=8% features=Installation price=from 150k advantage=Low price",
		"/competitor add dealers StroyPark Group revenue=90m features=3D design price=1-1.5m",
	}
	sampleMarketCSV = "Segment;Player;Us;Share;Revenue;Source;Features;Price;Target;Advantage\n" +
		"Dealers;Whole market;;;2 000 000 000;Rosstat 2025;;;;\n" +
		"Dealers;PlayMax;;25%;;;\"Installation; 5-year warranty; Catalogue of 3000 items\";300-700k;Dealers;Fast delivery\n" +
		"Dealers;Kidsworld;yes;12%;;;Installation, 3D design, 5-year warranty;250k-600k;Dealers;\"Fast delivery; Own factory\"\n" +
		"Dealers;Gorka;;8%;;;Installation;from 150000;;Low price\n" +
		"Dealers;StroyPark Group;;;90 млн;;3D design;1-1,5 млн;;\n"
)

// marketPictures sends /competitors dealers and returns its two pictures.
func marketPictures(t *testing.T, h *handlerHarness) []domain.Attachment {
	t.Helper()
	out := h.send(leadership, olga, "/competitors dealers")
	groups := out.ofKind(domain.SendMediaGroup)
	if len(groups) != 1 || len(groups[0].Files) != 2 {
		t.Fatalf("want one media group of two pictures; got %s", out)
	}
	return groups[0].Files
}

// decodePNG decodes a picture into RGBA pixels.
func decodePNG(t *testing.T, data []byte) *image.RGBA {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	rgba := image.NewRGBA(img.Bounds())
	draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
	return rgba
}

// samePixels reports whether two pictures have the same size and pixels.
func samePixels(a, b *image.RGBA) bool {
	return a.Bounds() == b.Bounds() && bytes.Equal(a.Pix, b.Pix)
}

func TestHandlerCompetitors_CommandsAndFileGiveTheSamePictures(t *testing.T) {
	var byCommands, byFile []domain.Attachment
	t.Run("entered", func(t *testing.T) { // returns once both harnesses are done
		t.Run("by commands", func(t *testing.T) {
			h := marketTeam(t)
			for _, cmd := range sampleMarketCommands {
				h.send(leadership, anna, cmd).contains("✅")
			}
			byCommands = marketPictures(t, h)
		})
		t.Run("by file", func(t *testing.T) {
			h := marketTeam(t)
			preview := h.document(leadership, anna, "market.csv", []byte(sampleMarketCSV), "/import", 0)
			preview.contains("Competitor sheet from market.csv", "Dealers: new — PlayMax, Kidsworld, Gorka, StroyPark Group; market volume")
			if n := len(h.records(leadership)); n != 0 {
				t.Fatalf("a competitor sheet stored %d weekly records", n)
			}
			h.press(leadership, anna, preview.id(), preview.button("cm:i:", "Confirm")).contains("Competitor sheet saved")
			byFile = marketPictures(t, h)
		})
	})
	if len(byCommands) != 2 || len(byFile) != 2 {
		t.Fatal("the pictures were not drawn")
	}
	for i, name := range []string{"market", "grid"} {
		golden, err := os.ReadFile(filepath.Join("..", "charts", "testdata", name+"_en.png"))
		if err != nil {
			t.Fatal(err)
		}
		want := decodePNG(t, golden)
		if !samePixels(decodePNG(t, byCommands[i].Data), want) {
			t.Errorf("%s: the table typed as commands does not give charts/testdata/%s_en.png", name, name)
		}
		if !samePixels(decodePNG(t, byFile[i].Data), want) {
			t.Errorf("%s: the table sent as a file does not give charts/testdata/%s_en.png", name, name)
		}
	}
}

func TestHandlerCompetitors_TableAndWhereWeAreNotDifferent(t *testing.T) {
	h := marketTeam(t)
	for _, cmd := range sampleMarketCommands {
		h.send(leadership, anna, cmd)
	}
	out := h.send(leadership, mark, "/competitors")
	out.contains("Competitors · Dealers", "Market volume a year: 2 B ₽ (Rosstat 2025)",
		"PlayMax        25% 300–700 k", "*Kidsworld      12% 250–600 k",
		"★ Kidsworld (us)", "Share: 12% · 18 Mar 2026",
		"Where we are not different",
		"Our features others offer too: Installation (PlayMax, Gorka); 3D design (StroyPark Group); 5-year warranty (PlayMax)",
		"Our advantages others claim or offer too: Fast delivery (PlayMax)",
		"Selling to the same audience (Dealers): PlayMax",
		"Ours alone: Own factory",
		"Every feature we claim is offered by others too.",
		"Dealers: who we sell to — what — why they buy from us is not written yet")
	if strings.Contains(out.text(), "Change with /competitor") {
		t.Error("a head is shown the CEO's editing hint")
	}
	if got := len(out.buttons()); got != 4 {
		t.Errorf("player buttons = %d, want one per player", got)
	}

	// Giving up our only distinct advantage: we blend in.
	h.send(leadership, anna, "/competitor edit dealers Kidsworld advantage=Fast delivery")
	h.send(leadership, anna, "/competitors dealers").contains("We blend in with the rest", "/positioning")

	h.send(leadership, anna, "/competitors retail").contains("No competitor table for Retail yet", "Tables exist for: Dealers (4).")
	h.send(leadership, anna, "/competitors wholesale").contains(`I don't know the segment "wholesale"`, "Dealers, Retail")
}

func TestHandlerCompetitor_OnlyCEOsChangeTheTable(t *testing.T) {
	h := marketTeam(t)
	for _, cmd := range []string{
		"/competitor add dealers PlayMax share=25%",
		"/competitor market dealers volume=1bn",
		"/competitor remove dealers PlayMax",
		"/positioning dealers Dealers | Projects | Fast shipping",
	} {
		h.send(leadership, mark, cmd).contains("Only a CEO changes the competitor table.")
	}
	h.document(leadership, sergey, "market.csv", []byte(sampleMarketCSV), "/import", 0).contains("Only a CEO changes the competitor table.")

	ask := h.send(leadership, anna, "/competitor add dealers PlayMax share=25%")
	for _, data := range []string{ask.button("cm:c:", ""), ask.button("cm:r:", "")} {
		if text, alert := h.press(leadership, mark, ask.id(), data).answer(); !alert || !strings.Contains(text, "Only a CEO") {
			t.Errorf("a head pressing %s: %q", data, text)
		}
	}
	// Data the message has no button for is refused before anyone looks
	// at who pressed.
	for _, data := range []string{"cm:d:dealers:playmax", "cm:x"} {
		out := h.press(leadership, mark, ask.id(), data)
		if text, _ := out.answer(); !strings.Contains(text, "out of date") {
			t.Errorf("a head pressing %s: %q", data, text)
		}
		out.unchanged(data)
	}
	var m domain.Market
	h.view(func(tx domain.Tx) error {
		var err error
		m, err = tx.Market().Get(h.workspace(leadership).ID, "dealers")
		return err
	})
	if len(m.Players) != 1 || !m.Positioning.IsZero() || m.Volume != 0 {
		t.Errorf("after the refusals the market is %+v", m)
	}
	// Reading is for everyone.
	h.send(leadership, sergey, "/competitors").contains("PlayMax")
	docs := h.send(leadership, sergey, "/competitor шаблон csv").ofKind(domain.SendDocument)
	if len(docs) != 1 || docs[0].Files[0].Name != "trackbot-competitors.csv" || !strings.Contains(string(docs[0].Files[0].Data), "Dealers,PlayMax,,25%") {
		t.Errorf("template = %+v", docs)
	}
}

func TestHandlerCompetitor_BadInputSaysWhatAndShowsAnExample(t *testing.T) {
	h := marketTeam(t)
	tests := []struct{ cmd, want string }{
		{"/competitor add dealers PlayMax share=abc", `share "abc": write a percentage above 0 and up to 100`},
		{"/competitor add dealers PlayMax price=cheap", `price "cheap": write one price or a range`},
		{"/competitor add wholesale PlayMax share=5%", `"wholesale" is not a segment; segments: Dealers, Retail`},
		{"/competitor add dealers PlayMax colour=red", `I don't know the key "colour"`},
		{"/competitor edit dealers Nobody share=5%", `"Nobody" is not in the table`},
		{"/competitor remove dealers Nobody", `"Nobody" is not in the table`},
	}
	for _, tt := range tests {
		out := h.send(leadership, anna, tt.cmd)
		out.contains(tt.want)
		if !strings.Contains(tt.cmd, "remove") {
			out.contains("Example: /competitor add dealers PlayMax share=25% price=300-700k advantage=Fast delivery")
		}
	}
	h.send(leadership, anna, "/competitor add dealers A share=70%")
	h.send(leadership, anna, "/competitor add dealers B share=40%").contains("Nothing was saved", "the shares add up to 110%")
	h.send(leadership, anna, "/competitor add dealers a").contains("A is already in the table: change it with /competitor edit")
	h.send(leadership, anna, "/competitor").contains("Add a player of a segment's market", "/competitor remove")
	h.send(leadership, anna, "/competitor sell dealers A").contains("Add a player of a segment's market")
	h.send(leadership, anna, "/positioning dealers just one part").contains("Write three parts", "/positioning dealers who=")
}

func TestHandlerCompetitor_RemoveAndConfirmByButtons(t *testing.T) {
	h := marketTeam(t)
	h.send(leadership, anna, "/competitor add dealers PlayMax share=25% price=300-700k checked=01.10.2025")
	ask := h.send(leadership, anna, "/competitor remove dealers playmax")
	ask.contains("Remove PlayMax from the Dealers table?")
	h.press(leadership, anna, ask.id(), ask.button("cm:x", "Cancel")).contains("Nothing was removed.")

	// The card: facts older than a quarter are marked, and one press dates
	// them all today.
	table := h.send(leadership, anna, "/competitors")
	table.contains("Share: 25% · 1 Oct 2025 ⚠️")
	card := h.press(leadership, anna, table.id(), table.button("cm:o:dealers:playmax", "PlayMax"))
	card.contains("PlayMax", "Price: 300–700 k ₽ · 1 Oct 2025 ⚠️")
	h.press(leadership, anna, card.id(), card.button("cm:c:", "Checked today")).contains("Share: 25% · 18 Mar 2026", "Price: 300–700 k ₽ · 18 Mar 2026")
	if strings.Contains(h.shownText(leadership, card.id()), "⚠️") {
		t.Errorf("the card still marks stale facts:\n%s", h.shownText(leadership, card.id()))
	}

	confirm := h.press(leadership, anna, card.id(), card.button("cm:r:", "Remove"))
	confirm.contains("Remove PlayMax from the Dealers table?")
	h.press(leadership, anna, card.id(), confirm.button("cm:d:", "Remove")).contains("PlayMax removed from the Dealers table.")
	if text, _ := h.press(leadership, anna, card.id(), "cm:d:dealers:playmax").answer(); !strings.Contains(text, "out of date") {
		t.Errorf("removing twice answered %q", text)
	}
	h.send(leadership, anna, "/competitors").contains("No competitor table for Dealers yet")
}

func TestHandlerPositioning_IsShownInFocus(t *testing.T) {
	h := marketTeam(t)
	h.send(leadership, anna, "/positioning dealers who=Dealers of playgrounds what=Projects of 10–12 elements why=Shipping in 2 weeks").
		contains("Saved", "Who: Dealers of playgrounds", "What: Projects of 10–12 elements", "Why us: Shipping in 2 weeks")
	h.send(leadership, olga, "/positioning").contains("Dealers: who we sell to", "Shipping in 2 weeks", "Retail: who we sell to — what — why they buy from us is not written yet")
	h.send(leadership, olga, "/focus").contains("Dealers: who we sell to — what — why they buy from us", "Why us: Shipping in 2 weeks")
	h.putRecords(leadership, domain.WeeklyRecord{Segment: "dealers", Week: weekW11, Counts: map[string]int64{"leads": 10}, Revenue: 100_00})
	h.send(leadership, olga, "/focus").contains("Focus check", "Why us: Shipping in 2 weeks")
	h.send(leadership, anna, "/positioning dealers —").contains("The statement of Dealers is removed.")
	h.send(leadership, olga, "/focus").contains("is not written yet: /positioning dealers who=… what=… why=…")
}

func TestHandlerReview_FirstOfTheQuarterListsStaleFacts(t *testing.T) {
	h := reviewTeam(t)
	h.send(leadership, anna, "/competitor add dealers PlayMax share=25% price=300-700k checked=10.12.2025")
	h.send(leadership, anna, "/competitor edit dealers PlayMax price=350-800k")
	h.send(leadership, anna, "/competitor market dealers volume=1bn checked=01.11.2025")
	first := h.send(leadership, anna, "/review")
	first.contains("Competitor facts older than a quarter", "Dealers · Market volume a year (1 Nov 2025)", "Dealers · PlayMax: Share (10 Dec 2025)",
		"/competitor edit dealers PlayMax checked=today")
	if strings.Contains(first.text(), "Price (") {
		t.Errorf("the price was checked today, yet listed:\n%s", first.text())
	}
	last := first.jobs[len(first.jobs)-1]
	if last.Priority != domain.PriorityBulk || !strings.Contains(last.Text, "older than a quarter") {
		t.Errorf("the stale list is not the last part of the pack: %s", first)
	}
	h.send(leadership, anna, "/review end")

	h.advance(7 * 24 * time.Hour) // 25 March: the second review of Q1
	h.putRecords(leadership, domain.WeeklyRecord{Segment: "dealers", Week: weekW11.Add(1), Counts: map[string]int64{"leads": 90}})
	if out := h.send(leadership, anna, "/review"); strings.Contains(out.text(), "older than a quarter") {
		t.Errorf("the second review of the quarter lists stale facts again:\n%s", out.text())
	}
	h.send(leadership, anna, "/review end")

	h.advance(8 * 24 * time.Hour) // 2 April: the first review of Q2
	h.putRecords(leadership, domain.WeeklyRecord{Segment: "dealers", Week: weekW11.Add(2), Counts: map[string]int64{"leads": 95}})
	h.send(leadership, anna, "/review").contains("Competitor facts older than a quarter", "Dealers · PlayMax: Share (10 Dec 2025)")
}

func TestHandlerExport_SendsTheCompetitorSheet(t *testing.T) {
	h := marketTeam(t)
	h.send(leadership, anna, "/export").contains("No numbers yet")
	h.send(leadership, anna, "/competitor add dealers PlayMax share=25%")
	out := h.send(leadership, anna, "/export")
	docs := out.ofKind(domain.SendDocument)
	if len(docs) != 2 || docs[0].Files[0].Name != "trackbot-competitors.csv" || docs[1].Files[0].Name != "trackbot-competitors.xlsx" {
		t.Fatalf("export = %s", out)
	}
	if csv := string(docs[0].Files[0].Data); !strings.Contains(csv, "Dealers,PlayMax,,25%") {
		t.Errorf("competitor CSV:\n%s", csv)
	}
	h.putRecords(leadership, domain.WeeklyRecord{Segment: "dealers", Week: weekW11, Counts: map[string]int64{"leads": 10}})
	if docs := h.send(leadership, anna, "/export").ofKind(domain.SendDocument); len(docs) != 4 {
		t.Errorf("with numbers too: %d documents, want the numbers and the competitors as CSV and XLSX", len(docs))
	}
}

func TestHandlerCompetitors_InRussian(t *testing.T) {
	h := marketTeam(t)
	h.changeWorkspace(leadership, func(ws *domain.Workspace) error { ws.Lang = domain.Russian; return nil })
	h.send(leadership, anna, "/competitor add дилеры ИгроМир доля=25% цена=300-700к преимущество=Быстрая доставка функции=Монтаж, Гарантия 5 лет").
		contains("✅ Сохранено в сегменте Дилеры.", "Доля: 25%", "Цены: 300–700 тыс. ₽")
	h.send(leadership, anna, "/competitor add дилеры мы доля=10% функции=монтаж преимущество=быстрая доставка").contains("★ мы\nДоля: 10%")
	h.send(leadership, anna, "/competitors").contains("Конкуренты · Дилеры", "Где мы не отличаемся",
		"Наши функции, которые есть и у других: монтаж (ИгроМир)", "Мы сливаемся с остальными", "кому продаём, что продаём, почему покупают именно у нас")
	h.send(leadership, anna, "/competitor add дилеры Горка доля=много").contains(`доля "много"`, "Пример: /competitor add дилеры ИгроМир доля=25%")
}
