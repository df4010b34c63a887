package bot

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"trackbot/domain"
	"trackbot/sheets"
)

// longFileName is an upload's name as people make them: long, with the
// characters HTML must escape.
const longFileName = "Воронка продаж & маркетинга <итог> — все сегменты (дилеры, застройщики, розница), " +
	"полный год по неделям 2025–2026, версия после сверки с отделами продаж и маркетинга, v17 final final.csv"

// threeSegments gives the chat's workspace three segments instead of the
// default one.
func (h *handlerHarness) threeSegments(chat tgbotapi.Chat) {
	h.t.Helper()
	h.changeWorkspace(chat, func(ws *domain.Workspace) error {
		ws.Segments = []domain.Segment{
			{Key: "dealers", Name: domain.Name{En: "Dealers", Ru: "Дилеры"}, Focus: true},
			{Key: "developers", Name: domain.Name{En: "Developers", Ru: "Застройщики"}},
			{Key: "retail", Name: domain.Name{En: "Retail buyers", Ru: "Розница"}},
		}
		return nil
	})
}

// filledTemplate is the CSV template of the workspace for the weeks up to
// last, with every cell of every column filled with plausible numbers: each
// stage well below the one before, reasons well inside what was lost.
func filledTemplate(t testing.TB, ws *domain.Workspace, last domain.Week, weeks int) []byte {
	t.Helper()
	var ws52 []domain.Week
	for i := weeks - 1; i >= 0; i-- {
		ws52 = append(ws52, last.Add(-i))
	}
	tmpl, err := sheets.Template(ws, domain.English, ws52, sheets.FormatCSV)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(tmpl, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	base := []int64{100_000, 8_000, 1_000, 600, 300, 150, 80, 60}
	stageCount := func(key string, row int) int64 {
		for i, st := range ws.Stages {
			if st.Key == key {
				if i < len(base) {
					return base[i] + int64(row%5)
				}
				return 40 + int64(row%5)
			}
		}
		t.Fatalf("no stage %q", key)
		return 0
	}
	names := domain.NewFieldNames(ws)
	for r, row := range rows[1:] {
		for c := 2; c < len(row); c++ {
			f, prob := names.Parse(rows[0][c])
			if prob != nil {
				t.Fatalf("template column %q does not read: %v", rows[0][c], prob.Localize(domain.English))
			}
			switch f.Kind {
			case domain.FieldCount:
				row[c] = strconv.FormatInt(stageCount(f.Stage, r), 10)
			case domain.FieldManager:
				row[c] = strconv.FormatInt(stageCount(f.Stage, r)/3, 10)
			case domain.FieldSpend:
				row[c] = strconv.Itoa(350_000 + 1_000*(r%7))
			case domain.FieldRevenue:
				row[c] = strconv.Itoa(4_000_000 + 10_000*(r%7))
			case domain.FieldMargin:
				row[c] = "35%"
			case domain.FieldNonTarget:
				row[c] = strconv.Itoa(10 + r%3)
			case domain.FieldDropOff:
				row[c] = strconv.Itoa(1 + r%2)
			}
		}
	}
	var buf bytes.Buffer
	if err := csv.NewWriter(&buf).WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The done-when of the import: a year of a fully filled template for three
// segments gives a preview Telegram accepts (the harness checks every job)
// with a confirm button, and confirming saves every figure.
func TestHandlerImport_FullYearOfEveryColumnPreviewsAndSaves(t *testing.T) {
	h := numbersTeam(t)
	h.threeSegments(leadership)
	ws := h.workspace(leadership)
	file := filledTemplate(t, ws, weekW11, 52)
	want, err := sheets.Read(ws, longFileName, bytes.NewReader(file), h.now, sheets.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	columns := len(strings.Split(strings.SplitN(string(file), "\n", 2)[0], ",")) - 2
	if len(want) != 156 || len(want[0].Fields()) != columns {
		t.Fatalf("the file reads as %d rows of %d figures, want 156 of %d", len(want), len(want[0].Fields()), columns)
	}

	preview := h.document(leadership, anna, longFileName, file, "/import", 0)
	msg := preview.message()
	if visibleLen(msg.Text) > maxMessage/2 {
		t.Errorf("the summary takes %d of the message's %d units", visibleLen(msg.Text), maxMessage)
	}
	figures := strings.ReplaceAll(domain.FormatCount(int64(52*columns)), "\u00a0", " ") // as read: "2 704"
	preview.contains("rows read: 156 — 3 segments × 52 weeks.",
		"Dealers: 2025-W12 – 2026-W11 (weeks: 52) — new: "+figures,
		"Developers: 2025-W12", "Retail buyers: 2025-W12", "in the file above", "Confirm to save")
	if !strings.Contains(msg.Text, "<b>Воронка продаж &amp; маркетинга &lt;итог&gt;") {
		t.Errorf("the file name is not escaped in the preview:\n%s", msg.Text)
	}
	details := documentFile(t, preview, ".txt")
	detailsText := htmlPlain(escape(string(details.Data))) // grouped thousands as plain spaces
	if got := strings.Count(detailsText, "\nWeek "); got != 156 {
		t.Errorf("the details file has %d weekly tables, want 156", got)
	}
	for _, label := range []string{"Impressions", "Margin", "Non-target: No budget", "Lost before", "4 000 000 ₽"} {
		if !strings.Contains(detailsText, label) {
			t.Errorf("the details file lacks %q", label)
		}
	}
	if i, j := jobIndex(preview, details.Name), jobIndex(preview, msg.Text); i > j {
		t.Errorf("the details file comes after the preview; the buttons should be last")
	}

	h.confirm(leadership, anna, preview).contains("Saved: 3 segments × 52 weeks, numbers from @anna_ceo",
		"Dealers: 2025-W12 – 2026-W11 (weeks: 52), figures: "+figures)
	recs := h.records(leadership)
	if len(recs) != 156 {
		t.Fatalf("%d records stored, want 156", len(recs))
	}
	stored := map[string]domain.WeeklyRecord{} // by segment and week, read once
	for _, r := range recs {
		stored[r.Segment+" "+r.Week.String()] = r
	}
	for _, e := range want {
		r, ok := stored[e.Segment+" "+e.Week.String()]
		if !ok {
			t.Fatalf("no record of %s %s", e.Segment, e.Week)
		}
		d := domain.EntryDiff{Entry: e, Stored: domain.EntryFromRecord(r)}
		for _, f := range e.Fields() {
			if d.Status(f) != domain.FigureUnchanged {
				t.Fatalf("%s %s: %s was not stored as read", e.Segment, e.Week, f.Key())
			}
		}
	}

	// The same file again changes nothing, and the preview says so.
	again := h.document(leadership, anna, "again.csv", file, "/import", 0)
	again.contains("Dealers: 2025-W12 – 2026-W11 (weeks: 52) — unchanged: " + figures)
	if strings.Contains(again.text(), "changes numbers already saved") {
		t.Errorf("an unchanged file is called a correction:\n%s", again.text())
	}
}

// jobIndex is the position of the first job whose text or file name is s.
func jobIndex(out sent, s string) int {
	for i, j := range out.jobs {
		if j.Text == s || len(j.Files) == 1 && j.Files[0].Name == s {
			return i
		}
	}
	return -1
}

// A correction of a few figures in a big file is counted per segment and
// warned about with the figures and weeks it changes.
func TestHandlerImport_CorrectionsAreCountedAndShownOldToNew(t *testing.T) {
	h := numbersTeam(t)
	h.threeSegments(leadership)
	ws := h.workspace(leadership)
	h.confirm(leadership, anna, h.document(leadership, anna, "year.csv", filledTemplate(t, ws, weekW11, 8), "/import", 0))

	file := strings.Replace(string(filledTemplate(t, ws, weekW11, 8)), "Dealers,2026-W04,100000,", "Dealers,2026-W04,100777,", 1)
	preview := h.document(leadership, anna, "fix.csv", []byte(file), "/import", 0)
	preview.contains("Dealers: 2026-W04 – 2026-W11 (weeks: 8) — corrected: 1, unchanged: ",
		"changes numbers already saved (figures: 1, weeks: 1)")
	if !strings.Contains(htmlPlain(escape(string(documentFile(t, preview, ".txt").Data))), "100 000 → 100 777") {
		t.Error("the details file does not show the correction as old → new")
	}
	h.confirm(leadership, anna, preview).contains("Saved: 3 segments × 8 weeks")
	if r := h.record(leadership, "dealers", domain.Week{Year: 2026, Num: 4}); r.Counts["impressions"] != 100777 {
		t.Errorf("impressions after the correction = %d", r.Counts["impressions"])
	}
}

// A few weeks of one segment fit the preview whole: the tables are shown
// and no file is sent.
func TestHandlerImport_SmallFileShowsEveryFigure(t *testing.T) {
	h := numbersTeam(t)
	preview := h.document(leadership, anna, "numbers.csv", h.exportFile(leadership, fileRecords(), sheets.FormatCSV), "/import", 0)
	preview.contains("rows read: 2 — All clients, 2 weeks.", "2026-W09", "Qualified", "150", "2026-W10", "400 000 ₽")
	if docs := preview.ofKind(domain.SendDocument); len(docs) != 0 {
		t.Errorf("a preview that fits came with %d files", len(docs))
	}
}
