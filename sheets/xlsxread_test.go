package sheets

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"trackbot/domain"
)

// readSheetXML reads a workbook whose first sheet's <sheetData> holds
// rows and whose shared strings part, when sst is not empty, holds sst.
func readSheetXML(t *testing.T, rows, sst string) ([][]string, error) {
	t.Helper()
	parts := workbookParts(text(rows))
	if sst != "" {
		parts = append(parts, zipPart{name: "xl/sharedStrings.xml", content: text(sst)})
	}
	var got [][]string
	err := readXLSX(buildZip(parts...), DefaultLimits(), oneSheet(func(num int, cells []cell) error {
		for len(got) < num-1 {
			got = append(got, nil) // a row readSheet skipped would show here as missing
		}
		var row []string
		for _, c := range cells {
			row = append(row, c.text)
		}
		got = append(got, row)
		return nil
	}))
	return got, err
}

// oneSheet gives every sheet of a workbook the same row reader.
func oneSheet(row func(int, []cell) error) func(string, int) func(int, []cell) error {
	return func(string, int) func(int, []cell) error { return row }
}

func TestReadXLSX_Cells(t *testing.T) {
	sst := `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
		`<si><t>plain</t></si>` +
		`<si><r><rPr><b/></rPr><t>rich </t></r><r><t xml:space="preserve">text</t></r></si>` +
		`<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></si>` +
		`<si><t>a &amp; b</t></si>` +
		`</sst>`
	tests := []struct {
		name string
		rows string
		want [][]string
	}{
		{"shared, rich, phonetic and escaped strings",
			`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>`,
			[][]string{{"plain", "rich text", "漢字", "a & b"}}},
		{"numbers, formulas, booleans and inline strings",
			`<row r="1"><c r="A1"><v>1.5</v></c><c r="B1"><f>A1*2</f><v>3</v></c><c r="C1" t="b"><v>1</v></c><c r="D1" t="inlineStr"><is><t>inline</t></is></c><c r="E1" t="str"><f>"x"</f><v>x</v></c></row>`,
			[][]string{{"1.5", "3", "1", "inline", "x"}}},
		{"skipped rows and columns keep their places",
			`<row r="2"><c r="C2"><v>1</v></c></row><row r="4"><c r="A4"><v>2</v></c><c r="D4"><v>3</v></c></row>`,
			[][]string{nil, {"", "", "1"}, nil, {"2", "", "", "3"}}},
		{"rows and cells without references follow the last",
			`<row><c><v>1</v></c><c><v>2</v></c></row><row><c r="B2"><v>3</v></c><c><v>4</v></c></row>`,
			[][]string{{"1", "2"}, {"", "3", "4"}}},
		{"empty and style-only cells",
			`<row r="1"><c r="A1" s="1"/><c r="B1" t="s"/><c r="C1"><v>7</v></c></row>`,
			[][]string{{"", "", "7"}}},
		{"a far cell is kept once past the last header column",
			`<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>2</v></c></row>`,
			[][]string{append(append([]string{"1"}, make([]string, maxColumns-1)...), "2")}},
		{"prefixed namespace, comments and CDATA",
			`<!-- a comment with <tags> inside --><row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[<b>&]]></t></is></c></row>`,
			[][]string{{"<b>&"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readSheetXML(t, tt.rows, sst)
			if err != nil {
				t.Fatalf("readXLSX error: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("rows\ngot  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestReadXLSX_PrefixedSpreadsheetML(t *testing.T) {
	parts := workbookParts(nil)
	parts[len(parts)-1] = zipPart{name: "xl/worksheets/sheet1.xml", content: text(
		`<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` +
			`<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>segment</x:t></x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>week</x:t></x:is></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>leads</x:t></x:is></x:c></x:row>` +
			`<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>dealers</x:t></x:is></x:c><x:c r="B2" t="inlineStr"><x:is><x:t>2026-W47</x:t></x:is></x:c><x:c r="C2"><x:v>120</x:v></x:c></x:row>` +
			`</x:sheetData></x:worksheet>`)}
	got, err := Read(newTestWorkspace(), "a.xlsx", bytes.NewReader(buildZip(parts...)), testNow, Limits{})
	want := []domain.Entry{{Segment: "dealers", Week: domain.Week{Year: 2026, Num: 47}, Counts: map[string]int64{"leads": 120}}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("Read = %+v, %v; want %+v", got, err, want)
	}
}

func TestReadXLSX_DamagedParts(t *testing.T) {
	tests := []struct{ name, rows, sst string }{
		{"a shared string index out of range", `<row r="1"><c r="A1" t="s"><v>5</v></c></row>`, `<sst><si><t>x</t></si></sst>`},
		{"a shared string index that is not a number", `<row r="1"><c r="A1" t="s"><v>x</v></c></row>`, `<sst><si><t>x</t></si></sst>`},
		{"rows going back", `<row r="2"/><row r="1"/>`, ""},
		{"a bad cell reference", `<row r="1"><c r="1A"><v>1</v></c></row>`, ""},
		{"a column past XFD", `<row r="1"><c r="XFE1"><v>1</v></c></row>`, ""},
		{"unbalanced tags", `<row r="1"><c r="A1"><v>1</c></row>`, ""},
		{"a DOCTYPE", `<!DOCTYPE x [<!ENTITY a "b">]><row/>`, ""},
		{"a token over the span limit", `<row r="1"><c r="A1" t="inlineStr"><is><t>` + strings.Repeat("x", maxXMLSpan) + `</t></is></c></row>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readSheetXML(t, tt.rows, tt.sst)
			var de *domain.Error
			if !errors.As(err, &de) || de.Key != "sheets.bad_xlsx" {
				t.Errorf("readXLSX error = %v, want sheets.bad_xlsx", err)
			}
		})
	}
}

func TestReadXLSX_CellLimit(t *testing.T) {
	rows := `<row r="1">` + strings.Repeat(`<c><v>1</v></c>`, 11) + `</row>`
	lim := DefaultLimits()
	lim.MaxCells = 10
	err := readXLSX(buildZip(workbookParts(text(rows))...), lim, oneSheet(func(int, []cell) error { return nil }))
	var de *domain.Error
	if !errors.As(err, &de) || de.Key != "sheets.too_many_cells" {
		t.Fatalf("readXLSX error = %v, want sheets.too_many_cells", err)
	}
	if msg := domain.UserMessage(domain.English, err); !strings.Contains(msg, "more than 10 cells") {
		t.Errorf("message %q does not name the limit", msg)
	}
}

func TestReadXLSX_LongSharedStringIsCutNotHeld(t *testing.T) {
	long := strings.Repeat("я", 1000)
	got, err := readSheetXML(t, `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`, `<sst><si><t>`+long+`</t></si></sst>`)
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Repeat("я", DefaultLimits().MaxCellLen+1); got[0][0] != want {
		t.Errorf("kept %d characters, want %d: enough to refuse the cell, no more", len([]rune(got[0][0])), len([]rune(want)))
	}
}

func TestSpanGuard_EndsCommentsAndPIs(t *testing.T) {
	doc := `<?xml version="1.0"?>` + strings.Repeat(`<!-- <x> -- -->`, 10) + `<a>` + strings.Repeat("<b>t</b><![CDATA[<]]>", 50) + `</a>`
	if _, err := io.ReadAll(&spanGuard{r: strings.NewReader(doc), max: 64}); err != nil {
		t.Errorf("a document of short tokens: %v", err)
	}
	for _, doc := range []string{
		`<!-- ` + strings.Repeat("<x>", 50) + ` -->`,
		`<![CDATA[` + strings.Repeat("<x>", 50) + `]]>`,
		`<?pi ` + strings.Repeat("<x>", 50) + `?>`,
	} {
		if _, err := io.ReadAll(&spanGuard{r: strings.NewReader(doc), max: 64}); !errors.Is(err, errXMLSpan) {
			t.Errorf("%.20q… over the span: error %v, want errXMLSpan", doc, err)
		}
	}
}
