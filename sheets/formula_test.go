package sheets

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"trackbot/domain"
)

func TestCSVText_NeutralisesFormulasAndRoundTrips(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Retail", "Retail"},
		{"=1+1", "'=1+1"},
		{"+7 900", "'+7 900"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tcmd", "'\tcmd"},
		{"\rcmd", "'\rcmd"},
		{"'=1+1", "''=1+1"},
		{"''", "'''"},
		{"'quoted'", "'quoted'"},
		{"'", "'"},
		{"", ""},
		{"2026-W47", "2026-W47"},
	}
	for _, tt := range tests {
		got := csvText(tt.in)
		if got != tt.want {
			t.Errorf("csvText(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if back := fromCSVText(got); back != tt.in {
			t.Errorf("fromCSVText(%q) = %q, want %q back", got, back, tt.in)
		}
	}
}

// formulaWorkspace has names a spreadsheet would run as formulas.
func formulaWorkspace(t *testing.T) (*domain.Workspace, []domain.WeeklyRecord) {
	t.Helper()
	ws := newTestWorkspace()
	var keys []string
	for _, name := range []string{`=HYPERLINK("http://e.x","Retail")`, "@SUM(A1)", "-10% wholesale"} {
		key, err := ws.Add(domain.ListSegments, name, "")
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, key)
	}
	if err := ws.Rename(domain.ListStages, "leads", "+1 leads"); err != nil {
		t.Fatal(err)
	}
	var recs []domain.WeeklyRecord
	for i, key := range keys {
		recs = append(recs, domain.WeeklyRecord{
			Segment: key, Week: domain.Week{Year: 2026, Num: 47},
			Counts: map[string]int64{"leads": int64(120 + i)}, Spend: 3500050,
			Managers: map[string]map[string]int64{"=cmd": {"deals": 2}},
		})
	}
	return ws, recs
}

func TestExport_CSVCellsNeverStartAFormula(t *testing.T) {
	ws, recs := formulaWorkspace(t)
	for _, lang := range domain.Langs {
		data, err := Export(ws, lang, recs, FormatCSV)
		if err != nil {
			t.Fatal(err)
		}
		rows := csvRows(t, data, lang)
		var quoted []string
		for _, row := range rows {
			for _, c := range row {
				if c != "" && strings.ContainsRune(formulaStarts, rune(c[0])) {
					t.Errorf("%s: cell %q starts a formula", lang, c)
				}
				if strings.HasPrefix(c, "'") {
					quoted = append(quoted, c)
				}
			}
		}
		want := []string{"'+1 leads", `'=HYPERLINK("http://e.x","Retail")`, "'@SUM(A1)", "'-10% wholesale"}
		if !reflect.DeepEqual(quoted, want) {
			t.Errorf("%s: neutralised cells %q, want %q", lang, quoted, want)
		}
		if !strings.Contains(string(data), "35000.50") && !strings.Contains(string(data), "35000,50") {
			t.Errorf("%s: money is not written as a plain number:\n%s", lang, data)
		}
		checkReimport(t, ws, lang, FormatCSV, data, recs)
	}
}

func TestExport_XLSXTextCellsAreTextNotFormulas(t *testing.T) {
	ws, recs := formulaWorkspace(t)
	data, err := Export(ws, domain.English, recs, FormatXLSX)
	if err != nil {
		t.Fatal(err)
	}
	f := openXLSX(t, data)
	sheet := f.GetSheetName(0)
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		for c, value := range row {
			axis, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if formula, _ := f.GetCellFormula(sheet, axis); formula != "" {
				t.Errorf("%s holds formula %q", axis, formula)
			}
			typ, _ := f.GetCellType(sheet, axis)
			styleID, _ := f.GetCellStyle(sheet, axis)
			style, _ := f.GetStyle(styleID)
			isText := value != "" && strings.ContainsRune(formulaStarts, rune(value[0]))
			if isText && (typ != excelize.CellTypeInlineString || style == nil || style.NumFmt != textFormat) {
				t.Errorf("%s %q: type %v, number format %v; want an inline string in the Text format", axis, value, typ, style)
			}
			if typ == excelize.CellTypeNumber && style != nil && style.NumFmt == textFormat {
				t.Errorf("%s %q: a number in the Text format", axis, value)
			}
		}
	}
	if rows[0][4] != "+1 leads" || rows[1][0] != `=HYPERLINK("http://e.x","Retail")` {
		t.Errorf("names changed on the way: header %q, first row %q", rows[0], rows[1])
	}
	checkReimport(t, ws, domain.English, FormatXLSX, data, recs)
}

// checkReimport reads an export back and compares it with the records.
func checkReimport(t *testing.T, ws *domain.Workspace, lang domain.Lang, format string, data []byte, recs []domain.WeeklyRecord) {
	t.Helper()
	entries, err := Read(ws, "export."+format, bytes.NewReader(data), testNow, Limits{})
	if err != nil {
		t.Fatalf("%s %s: Read(Export) error: %v", format, lang, err)
	}
	if len(entries) != len(recs) {
		t.Fatalf("%s %s: re-imported %d records, want %d", format, lang, len(entries), len(recs))
	}
	for i, e := range entries {
		if got := e.Apply(domain.WeeklyRecord{}); !reflect.DeepEqual(got, recs[i]) {
			t.Errorf("%s %s: re-imported\ngot  %+v\nwant %+v", format, lang, got, recs[i])
		}
	}
}
