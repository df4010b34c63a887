package bot

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"io"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"trackbot/domain"
	"trackbot/sheets"
)

// fileRecords are two weeks of the default segment, as a file carries them.
func fileRecords() []domain.WeeklyRecord {
	return []domain.WeeklyRecord{
		{Segment: "main", Week: domain.Week{Year: 2026, Num: 9}, Counts: map[string]int64{"leads": 200, "qualified": 150, "meetings": 60}, Spend: 500_000_00},
		{Segment: "main", Week: domain.Week{Year: 2026, Num: 10}, Counts: map[string]int64{"leads": 100, "qualified": 70, "meetings": 30}, Spend: 400_000_00},
	}
}

// exportFile writes records as a file of the format for the chat's workspace.
func (h *handlerHarness) exportFile(chat tgbotapi.Chat, recs []domain.WeeklyRecord, format string) []byte {
	h.t.Helper()
	data, err := sheets.Export(h.workspace(chat), domain.English, recs, format)
	if err != nil {
		h.t.Fatal(err)
	}
	return data
}

// documentFile is the one file a document job carries.
func documentFile(t *testing.T, out sent, suffix string) domain.Attachment {
	t.Helper()
	for _, j := range out.ofKind(domain.SendDocument) {
		if len(j.Files) == 1 && strings.HasSuffix(j.Files[0].Name, suffix) {
			return j.Files[0]
		}
	}
	t.Fatalf("no %s document among %s", suffix, out)
	return domain.Attachment{}
}

func TestHandlerImport_CSVAndXLSXPreviewThenSave(t *testing.T) {
	for _, format := range []string{sheets.FormatCSV, sheets.FormatXLSX} {
		t.Run(format, func(t *testing.T) {
			h := numbersTeam(t)
			file := h.exportFile(leadership, fileRecords(), format)
			preview := h.document(leadership, anna, "numbers."+format, file, "/import", 0)
			preview.contains("numbers."+format+": rows read: 2", "2026-W09", "200", "Confirm to save")
			if len(h.records(leadership)) != 0 {
				t.Fatal("an import stored numbers before the confirmation")
			}
			h.confirm(leadership, anna, preview).contains("Saved: All clients, 2 weeks")
			if r := h.record(leadership, "main", domain.Week{Year: 2026, Num: 10}); r.Counts["leads"] != 100 || r.Counts["meetings"] != 30 || r.Spend != 400_000_00 {
				t.Errorf("stored W10 = %+v", r)
			}
			if h.api.callsTo("getFile") != 1 {
				t.Errorf("getFile called %d times, want once", h.api.callsTo("getFile"))
			}
		})
	}
}

func TestHandlerImport_FileReplyingToThePrompt(t *testing.T) {
	h := numbersTeam(t)
	prompt := h.send(leadership, anna, "/import")
	prompt.contains("Send the CSV or XLSX file as a reply to this message")
	good := "segment,week,leads\nAll clients,2026-W10,10\n"
	h.document(leadership, anna, "good.csv", []byte(good), "", prompt.id()).contains("good.csv: rows read: 1")
	// A file that neither has the caption nor replies to the bot is not an import.
	if out := h.document(leadership, anna, "holiday.csv", []byte(good), "", 0); len(out.jobs) != 0 {
		t.Errorf("a file posted to the chat was answered: %s", out)
	}
	if n := len(h.records(leadership)); n != 0 {
		t.Errorf("an unconfirmed import stored %d records", n)
	}
}

func TestHandlerImport_RefusalsStoreNothing(t *testing.T) {
	h := numbersTeam(t)
	bad := h.document(leadership, anna, "numbers.csv",
		[]byte("segment,week,leads,qualified\nAll clients,2026-W09,200,150\nAll clients,2026-W10,1O0,70\n"), "/import", 0)
	bad.contains("Row 3", "column C", "1O0")
	if len(bad.buttons()) != 0 {
		t.Error("a file with a bad cell offered to confirm")
	}
	h.document(leadership, anna, "notes.txt", []byte("hello"), "/import", 0).contains("notes.txt is not a CSV or XLSX file")
	h.document(leadership, anna, "empty.csv", []byte("segment,week,leads\nAll clients,2026-W10,\n"), "/import", 0).contains("The file has no numbers")
	h.document(leadership, olga, "numbers.csv", h.exportFile(leadership, fileRecords(), sheets.FormatCSV), "/import", 0).
		contains("Only CEOs and department heads can enter numbers")

	downloads := h.api.callsTo("getFile")
	big := h.message(leadership, anna, "")
	big.Document = &tgbotapi.Document{FileID: "huge", FileName: "huge.csv", FileSize: int(maxUpload) + 1}
	big.Caption, big.CaptionEntities = "/import", commandEntity("/import")
	h.handle(tgbotapi.Update{Message: big}).contains("larger than 5 MB")
	if h.api.callsTo("getFile") != downloads {
		t.Error("a file over the limit was downloaded")
	}
	lost := h.message(leadership, anna, "")
	lost.Document = &tgbotapi.Document{FileID: "gone", FileName: "gone.csv", FileSize: 10}
	lost.Caption, lost.CaptionEntities = "/import", commandEntity("/import")
	h.handle(tgbotapi.Update{Message: lost}).contains("couldn't download the file")

	if n := len(h.records(leadership)); n != 0 {
		t.Errorf("refused files stored %d records", n)
	}
}

func TestHandlerTemplate_FilledTemplateImports(t *testing.T) {
	h := numbersTeam(t)
	xlsx := h.send(leadership, mark, "/template")
	if f := documentFile(t, xlsx, ".xlsx"); !strings.Contains(f.Caption, "send the file back with the caption /import") {
		t.Errorf("template caption = %q", f.Caption)
	}
	tmpl := documentFile(t, h.send(leadership, mark, "/template csv"), ".csv")
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(tmpl.Data, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	leads := -1
	for i, col := range rows[0] {
		if col == "Leads" {
			leads = i
		}
	}
	filled := false
	for _, row := range rows[1:] {
		if row[0] == "All clients" && row[1] == weekW11.String() && leads > 0 {
			row[leads], filled = "77", true
		}
	}
	if !filled {
		t.Fatalf("the template has no Leads column or no row for All clients %s:\n%s", weekW11, tmpl.Data)
	}
	var buf bytes.Buffer
	if err := csv.NewWriter(&buf).WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	preview := h.document(leadership, mark, "trackbot-template.csv", buf.Bytes(), "/import", 0)
	h.confirm(leadership, mark, preview)
	if r := h.record(leadership, "main", weekW11); r.Counts["leads"] != 77 || r.UpdatedBy != mark.ID {
		t.Errorf("stored from the template = %+v", r)
	}
}

func TestHandlerExport_BothFormatsReadBack(t *testing.T) {
	h := numbersTeam(t)
	h.send(leadership, anna, "/export").contains("No numbers yet")
	h.putRecords(leadership, fileRecords()...)
	out := h.send(privateChat(mark), mark, "/export")
	for _, format := range []string{sheets.FormatCSV, sheets.FormatXLSX} {
		f := documentFile(t, out, "."+format)
		if !strings.Contains(f.Caption, "All numbers: 2 weekly reports") {
			t.Errorf("%s caption = %q", format, f.Caption)
		}
		entries, err := sheets.Read(h.workspace(leadership), f.Name, bytes.NewReader(f.Data), h.now, sheets.DefaultLimits())
		if err != nil {
			t.Fatalf("the %s export does not read back: %v", format, err)
		}
		got := map[domain.Week]int64{}
		for _, e := range entries {
			got[e.Week] = e.Counts["leads"]*1000 + e.Counts["meetings"]
		}
		if got[domain.Week{Year: 2026, Num: 9}] != 200060 || got[domain.Week{Year: 2026, Num: 10}] != 100030 {
			t.Errorf("%s export leads/meetings = %v", format, got)
		}
	}
	for _, j := range out.jobs {
		if j.ChatID != mark.ID {
			t.Errorf("the export went to chat %d, want the private chat it was asked in", j.ChatID)
		}
	}
}

func TestHandlerTemplate_StartsFromTheLastCompleteWeek(t *testing.T) {
	h := numbersTeam(t) // now is Wednesday of 2026-W12
	tmpl := documentFile(t, h.send(leadership, mark, "/template csv"), ".csv")
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(tmpl.Data, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var weeks []string
	for _, row := range rows[1:] {
		weeks = append(weeks, row[1])
	}
	if got, want := strings.Join(weeks, " "), "2026-W08 2026-W09 2026-W10 2026-W11"; got != want {
		t.Errorf("template weeks = %s, want the last four complete weeks %s", got, want)
	}
}

func TestHandlerTemplate_XLSXHasASheetPerConcernWithRecentManagers(t *testing.T) {
	h := numbersTeam(t)
	h.putRecords(leadership, domain.WeeklyRecord{Segment: "main", Week: domain.Week{Year: 2026, Num: 10},
		Counts: map[string]int64{"meetings": 5}, Managers: map[string]map[string]int64{"Ivan Sidorov": {"meetings": 5}}})
	f := documentFile(t, h.send(leadership, mark, "/template"), ".xlsx")
	zr, err := zip.NewReader(bytes.NewReader(f.Data), int64(len(f.Data)))
	if err != nil {
		t.Fatal(err)
	}
	var workbook, strs string // the sheet names; every string of the cells
	for _, part := range zr.File {
		r, err := part.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(r)
		r.Close()
		if part.Name == "xl/workbook.xml" {
			workbook = string(data)
		} else if strings.HasPrefix(part.Name, "xl/worksheets/") || part.Name == "xl/sharedStrings.xml" {
			strs += string(data)
		}
	}
	for _, sheet := range []string{"Funnel", "Non-target", "Drop-offs", "Managers", "Instructions"} {
		if !strings.Contains(workbook, `name="`+sheet+`"`) {
			t.Errorf("the template has no sheet %s: %s", sheet, workbook)
		}
	}
	if !strings.Contains(strs, "Ivan Sidorov") {
		t.Error("the Managers sheet does not list the manager of recent weeks")
	}
}
