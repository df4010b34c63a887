package sheets

import (
	"archive/zip"
	"bytes"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"trackbot/domain"
)

// testRecord is a hypothesis with a hostile text and its history, and a
// closed review with an answered and an unanswered question.
func testRecord(ws *domain.Workspace) Record {
	at := testNow.Add(-48 * time.Hour)
	mark := domain.Person{UserID: 2, Name: "Mark", Username: "mark_head"}
	h := &domain.Hypothesis{
		ID: 1, Number: 3, Text: "=HYPERLINK(\"http://evil\")", Department: "marketing", Segment: "dealers",
		Metric: domain.ConvMetric("qualified"), Baseline: domain.Some(0.4), Measured: domain.Some(0.52), Status: domain.StatusConfirmed,
		Deadline: domain.Date{Year: 2026, Month: time.November, Day: 30}, Review: 1, CreatedAt: at,
		History: []domain.HypothesisEvent{
			{At: at, ByName: "Anna", From: domain.StatusDraft, To: domain.StatusNew},
			{At: at.Add(time.Hour), ByName: "Anna", From: domain.StatusDone, To: domain.StatusConfirmed, Comment: "+12 pp"},
		},
	}
	draft := &domain.Hypothesis{ID: 2, Text: "a draft", Status: domain.StatusDraft}
	r := &domain.Review{ID: 1, Workspace: ws.ID, Period: domain.WeekPeriod(domain.Week{Year: 2026, Num: 47}), OpenedAt: at,
		ClosedAt: at.Add(2 * time.Hour), Participants: []domain.Person{{UserID: 1, Name: "Anna"}, mark},
		NextReview: domain.Date{Year: 2026, Month: time.November, Day: 30}, Protocol: "<b>Review protocol · 2026-W47</b>\nNo answer."}
	r.Questions = []domain.ReviewQuestion{
		{Number: 1, Text: "Conversion fell. What changed?", Department: "marketing", Segment: "dealers", Metric: domain.ConvMetric("qualified"),
			Heads: []domain.Person{mark}, AskedAt: at, Answer: domain.QuestionAnswer{By: mark, At: at.Add(time.Hour), Text: "+the form broke"}},
		{Number: 2, Text: "Why retail?", Department: "marketing", AskedAt: at, NudgedAt: at.Add(24 * time.Hour)},
	}
	open := &domain.Review{ID: 2, Workspace: ws.ID, OpenedAt: testNow}
	return Record{Hypotheses: []*domain.Hypothesis{h, draft}, Reviews: []*domain.Review{r, open}}
}

func TestExportBook_SheetsOfTheRecordBesideNumbersThatStillImport(t *testing.T) {
	ws := newTestWorkspace()
	recs := []domain.WeeklyRecord{{Segment: "dealers", Week: domain.Week{Year: 2026, Num: 47}, Counts: map[string]int64{"leads": 120, "qualified": 50}}}
	data, err := ExportBook(ws, domain.English, recs, testRecord(ws))
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, want := f.GetSheetList(), []string{"Funnel", "Hypotheses", "Hypothesis history", "Review questions", "Protocols"}; !reflect.DeepEqual(got, want) {
		t.Errorf("sheets = %v, want %v", got, want)
	}
	cell := func(sheet, axis string) string {
		v, err := f.GetCellValue(sheet, axis)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, tt := range []struct{ sheet, axis, want string }{
		{"Hypotheses", "A2", "H-3"},
		{"Hypotheses", "B2", "=HYPERLINK(\"http://evil\")"},
		{"Hypotheses", "G2", "40%"},
		{"Hypotheses", "M2", "confirmed: metric: 40% → 52%"},
		{"Hypotheses", "A3", ""}, // the draft is left out
		{"Hypothesis history", "E3", "confirmed"},
		{"Hypothesis history", "F3", "+12 pp"},
		{"Review questions", "G2", "Mark"},
		{"Review questions", "K2", "Mark"},
		{"Review questions", "M2", "+the form broke"},
		{"Review questions", "J3", "2026-11-26 12:00"},
		{"Review questions", "M3", ""},
		{"Protocols", "F2", "Anna, Mark"},
		{"Protocols", "H2", "Review protocol · 2026-W47\nNo answer."},
		{"Protocols", "A3", ""}, // the open review has no protocol
	} {
		if got := cell(tt.sheet, tt.axis); got != tt.want {
			t.Errorf("%s!%s = %q, want %q", tt.sheet, tt.axis, got, tt.want)
		}
	}
	// A text that looks like a formula stays a string.
	if formula, _ := f.GetCellFormula("Hypotheses", "B2"); formula != "" {
		t.Errorf("Hypotheses!B2 holds the formula %q", formula)
	}
	// The workbook imports back to the same numbers as the plain export:
	// none of the record's sheets reads as numbers.
	book, err := ReadBook(ws, "export.xlsx", bytes.NewReader(data), testNow, Limits{})
	if err != nil {
		t.Fatalf("ReadBook(ExportBook) = %v", err)
	}
	if len(book.Entries) != 1 || book.Entries[0].Counts["qualified"] != 50 {
		t.Errorf("read back %+v", book.Entries)
	}
}

func TestExportArchive_CSVFilesOfNumbersAndRecord(t *testing.T) {
	ws := newTestWorkspace()
	recs := []domain.WeeklyRecord{{Segment: "dealers", Week: domain.Week{Year: 2026, Num: 47}, Counts: map[string]int64{"leads": 120}}}
	data, err := ExportArchive(ws, domain.Russian, recs, testRecord(ws))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	var names []string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		files[f.Name] = string(b)
		names = append(names, f.Name)
	}
	if want := []string{"numbers.csv", "hypotheses.csv", "hypothesis_history.csv", "questions.csv", "protocols.csv"}; !reflect.DeepEqual(names, want) {
		t.Errorf("files = %v, want %v", names, want)
	}
	for _, tt := range []struct{ file, want string }{
		{"hypotheses.csv", "Гипотеза;Текст;Статус"},
		{"hypotheses.csv", `H-3;"'=HYPERLINK(""http://evil"")";подтверждена`},
		{"questions.csv", "Mark;2026-11-25 13:00;'+the form broke"},
		{"protocols.csv", "Anna, Mark"},
	} {
		if !strings.Contains(files[tt.file], tt.want) {
			t.Errorf("%s lacks %q:\n%s", tt.file, tt.want, files[tt.file])
		}
	}
	entries, err := Read(ws, "numbers.csv", strings.NewReader(files["numbers.csv"]), testNow, Limits{})
	if err != nil || len(entries) != 1 || entries[0].Counts["leads"] != 120 {
		t.Errorf("numbers.csv read back %+v, %v", entries, err)
	}
}

func TestRecord_Empty(t *testing.T) {
	if !(Record{Hypotheses: []*domain.Hypothesis{{Status: domain.StatusDraft}}}).Empty() {
		t.Error("a record of drafts only is not empty")
	}
	if (Record{Reviews: []*domain.Review{{ID: 1}}}).Empty() {
		t.Error("a record with a review is empty")
	}
}
