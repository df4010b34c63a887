package sheets

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"trackbot/domain"
)

// namedSheet is one sheet of a workbook built for a test.
type namedSheet struct {
	name string
	rows [][]any
}

// buildBook writes a workbook with the sheets in order.
func buildBook(t testing.TB, sheets ...namedSheet) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			axis, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(s.name, axis, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRead_SheetsOfOneWorkbookJoinBySegmentAndWeek(t *testing.T) {
	t.Parallel()
	ws := newTestWorkspace()
	data := buildBook(t,
		namedSheet{"Notes", [][]any{{"Filled in by Mark, checked by Anna"}, {"segment", "week", "leads"}}},
		namedSheet{"Funnel", [][]any{
			{"Сегмент", "Неделя", "Лиды", "Расход"},
			{"Дилеры", "2026-W47", 120, 350000},
			{"Застройщики", "2026-W47", 30, ""},
		}},
		namedSheet{"Drop-offs", [][]any{
			{"segment", "week", "отвал.Встречи.Цена"},
			{"Dealers", "2026-W47", 4},
		}},
		namedSheet{"Managers", [][]any{
			{"segment", "week", "менеджер", "Встречи", "Сделки"},
			{"Dealers", "2026-W47", "Anna  Petrova", 10, 2},
			{"Dealers", "2026-W47", "Ivan", 5, ""},
			{"Dealers", "2026-W48", "Ivan", "", ""}, // a template row nobody filled
			{"Developers", "2026-W46", "Ivan", 1, 0},
		}},
	)
	got, err := Read(ws, "week.xlsx", bytes.NewReader(data), testNow, Limits{})
	if err != nil {
		t.Fatalf("Read error: %v", err)
	}
	w46, w47 := domain.Week{Year: 2026, Num: 46}, domain.Week{Year: 2026, Num: 47}
	want := []domain.Entry{
		{
			Segment: "dealers", Week: w47, Counts: map[string]int64{"leads": 120}, Spend: money(35000000),
			DropOffs: map[string]map[string]int64{"meetings": {"price": 4}},
			Managers: map[string]map[string]int64{"Anna Petrova": {"meetings": 10, "deals": 2}, "Ivan": {"meetings": 5}},
		},
		{Segment: "developers", Week: w47, Counts: map[string]int64{"leads": 30}},
		{Segment: "developers", Week: w46, Managers: map[string]map[string]int64{"Ivan": {"meetings": 1, "deals": 0}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Read\ngot  %+v\nwant %+v", got, want)
	}
}

func TestRead_WorkbookProblemsNameTheSheet(t *testing.T) {
	t.Parallel()
	ws := newTestWorkspace()
	tests := []struct {
		name   string
		sheets []namedSheet
		want   []string // each problem as rendered in English, in part
	}{
		{"a figure on two sheets", []namedSheet{
			{"Funnel", [][]any{{"segment", "week", "leads"}, {"Dealers", "2026-W47", 120}}},
			{"More", [][]any{{"segment", "week", "leads"}, {"Dealers", "2026-W47", 121}}},
		}, []string{"Row 2, column C (leads), sheet “More”: this segment and week already have this figure on sheet Funnel"}},
		{"a manager row without a manager", []namedSheet{
			{"Funnel", [][]any{{"segment", "week", "leads"}, {"Dealers", "2026-W47", 120}}},
			{"Managers", [][]any{{"segment", "week", "manager", "meetings"}, {"Dealers", "2026-W47", "", 3}}},
		}, []string{"Row 2, column C (manager), sheet “Managers”: the manager is missing"}},
		{"the same manager twice", []namedSheet{
			{"Managers", [][]any{{"segment", "week", "manager", "meetings"}, {"Dealers", "2026-W47", "Ivan", 3}, {"Dealers", "2026-W47", " Ivan ", 4}}},
		}, []string{"Row 3, column B (week): this segment, week and manager are already in row 2"}},
		{"money on the managers' sheet", []namedSheet{
			{"Funnel", [][]any{{"segment", "week", "leads"}, {"Dealers", "2026-W47", 120}}},
			{"Managers", [][]any{{"segment", "week", "manager", "meetings", "spend"}}},
		}, []string{"Row 1, column E, sheet “Managers”: a sheet with a “manager” column holds the managers’ stage counts only"}},
		{"a data sheet with a broken header", []namedSheet{
			{"Funnel", [][]any{{"segment", "week", "leads"}, {"Dealers", "2026-W47", 120}}},
			{"Drop-offs", [][]any{{"segment", "week", "lost.Meetings.Weather"}}},
		}, []string{"Row 1, column C, sheet “Drop-offs”: unknown drop-off reason"}},
		{"no sheet of numbers: the first sheet's header explains", []namedSheet{
			{"Sheet one", [][]any{{"segmant", "wek", "leeds"}}},
			{"Instructions", [][]any{{"How to fill in this file"}}},
		}, []string{"Row 1, sheet “Sheet one”: there is no “week” column"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(ws, "week.xlsx", bytes.NewReader(buildBook(t, tt.sheets...)), testNow, Limits{})
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("Read error = %v, want a FileError", err)
			}
			text := domain.UserMessage(domain.English, err)
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("problems lack %q:\n%s", w, text)
				}
			}
		})
	}
}
