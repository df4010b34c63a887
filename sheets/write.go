package sheets

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"trackbot/domain"
)

// table is a file's content before it is written as CSV or XLSX.
type table struct {
	header []string
	rows   [][]value
}

// valueKind is how a cell is written.
type valueKind int

const (
	valueEmpty valueKind = iota
	valueString
	valueCount
	valueMoney
	valueFraction
)

// value is one cell to write. Every kind is written so that Read gets the
// same number back: counts whole, money with at most two decimals, margins
// as exact percentages (CSV) or fractions (XLSX).
type value struct {
	kind     valueKind
	str      string
	count    int64
	money    domain.Money
	fraction float64
}

// text returns the cell as CSV text in lang's number style; a string is
// neutralised (see csvText).
func (v value) text(lang domain.Lang) string {
	switch v.kind {
	case valueString:
		return csvText(v.str)
	case valueCount:
		return strconv.FormatInt(v.count, 10)
	case valueMoney:
		return moneyText(v.money, lang)
	case valueFraction:
		return percentText(v.fraction, lang)
	}
	return ""
}

// xlsx returns the cell for the XLSX stream writer. A string is written
// as an inline string, which a spreadsheet never runs as a formula, in the
// Text format, so it stays text even when someone edits the cell.
func (v value) xlsx(percentStyle, textStyle int) any {
	switch v.kind {
	case valueString:
		return excelize.Cell{StyleID: textStyle, Value: v.str}
	case valueCount:
		return v.count
	case valueMoney:
		return v.money.Units()
	case valueFraction:
		return excelize.Cell{StyleID: percentStyle, Value: v.fraction}
	}
	return nil
}

// moneyText writes hundredths without grouping: "350000", "1234.56".
// Two decimals never read as thousands (that rule needs exactly three).
func moneyText(m domain.Money, lang domain.Lang) string {
	sign := ""
	if m < 0 {
		sign, m = "-", -m
	}
	whole := strconv.FormatInt(int64(m/100), 10)
	if m%100 == 0 {
		return sign + whole
	}
	return sign + whole + domain.DecimalMark(lang) + fmt.Sprintf("%02d", int64(m%100))
}

// percentText writes a fraction as a percentage by moving the decimal
// point of its shortest form two places (0.355 → "35.5%"), so it reads back
// as exactly the same float; multiplying by 100 would not.
func percentText(f float64, lang domain.Lang) string {
	sign := ""
	if f < 0 {
		sign, f = "-", -f
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	whole, frac, _ := strings.Cut(s, ".")
	frac += "00"
	whole = strings.TrimLeft(whole+frac[:2], "0")
	frac = strings.TrimRight(frac[2:], "0")
	if whole == "" {
		whole = "0"
	}
	if frac != "" {
		whole += domain.DecimalMark(lang) + frac
	}
	return sign + whole + "%"
}

// templateFields returns the figure columns of a template: the active
// stages, money, the active non-target reasons, and drop-offs by active
// reason for the stages that ask for them (Workspace.DropOffStages).
func templateFields(ws *domain.Workspace) []domain.Field {
	var fs []domain.Field
	for _, st := range ws.Stages {
		if !st.Archived {
			fs = append(fs, domain.Field{Kind: domain.FieldCount, Stage: st.Key})
		}
	}
	fs = append(fs, domain.Field{Kind: domain.FieldSpend}, domain.Field{Kind: domain.FieldRevenue}, domain.Field{Kind: domain.FieldMargin})
	for _, r := range ws.NonTarget {
		if !r.Archived {
			fs = append(fs, domain.Field{Kind: domain.FieldNonTarget, Reason: r.Key})
		}
	}
	for _, st := range ws.DropOffStages() {
		for _, r := range ws.DropOff {
			if !r.Archived {
				fs = append(fs, domain.Field{Kind: domain.FieldDropOff, Stage: st.Key, Reason: r.Key})
			}
		}
	}
	return fs
}

// headerRow returns the identifying headers and the field headers in lang.
func headerRow(ws *domain.Workspace, lang domain.Lang, fields []domain.Field) []string {
	h := []string{domain.Text(lang, "entry.label.segment"), domain.Text(lang, "entry.label.week")}
	for _, f := range fields {
		h = append(h, f.Header(ws, lang))
	}
	return h
}

// Template returns a ready-to-fill file (format "csv" or "xlsx") in lang
// with a row for each active segment and week; see TemplateWith.
func Template(ws *domain.Workspace, lang domain.Lang, weeks []domain.Week, format string) ([]byte, error) {
	return TemplateWith(ws, lang, TemplateSpec{Weeks: weeks}, format)
}

// TemplateWith returns a ready-to-fill file (format "csv" or "xlsx") in
// lang for the workspace's active stages and reasons. A CSV is one wide
// table with an empty row per active segment and week. An XLSX has a sheet
// per concern (funnel and money, non-target reasons, drop-off reasons, the
// managers' counts) with frozen headers and number formats, and a sheet of
// instructions; Read takes either back.
func TemplateWith(ws *domain.Workspace, lang domain.Lang, spec TemplateSpec, format string) ([]byte, error) {
	if err := checkFormat(format); err != nil {
		return nil, err
	}
	if format == FormatXLSX {
		return writeTemplateXLSX(ws, lang, spec)
	}
	fields := templateFields(ws)
	t := table{header: headerRow(ws, lang, fields)}
	for _, seg := range ws.ActiveSegments() {
		for _, w := range spec.Weeks {
			row := make([]value, len(t.header))
			row[0] = value{kind: valueString, str: seg.Name.In(lang)}
			row[1] = value{kind: valueString, str: w.String()}
			t.rows = append(t.rows, row)
		}
	}
	return writeCSV(t, lang)
}

// Export returns every record in the template's layout (format "csv" or
// "xlsx"), ordered by segment and week, so the file re-imports to the same
// numbers. Columns are the template's plus any figure a record holds
// beyond them (manager counts, drop-offs at other stages). Records of
// archived segments or stages are exported but would not re-import. An
// XLSX also holds the workspace's plans on a sheet of their own, which
// ReadBook takes back.
func Export(ws *domain.Workspace, lang domain.Lang, recs []domain.WeeklyRecord, format string) ([]byte, error) {
	if err := checkFormat(format); err != nil {
		return nil, err
	}
	t := exportTable(ws, lang, recs)
	if format == FormatCSV {
		return writeCSV(t, lang)
	}
	return writeExportXLSX(t, planTable(ws, lang), lang)
}

// exportTable is the records in the template's layout (see Export).
func exportTable(ws *domain.Workspace, lang domain.Lang, recs []domain.WeeklyRecord) table {
	entries := make([]domain.Entry, len(recs))
	for i, r := range recs {
		entries[i] = domain.EntryFromRecord(r)
	}
	sortEntries(ws, entries)
	fields := exportFields(ws, entries)
	t := table{header: headerRow(ws, lang, fields)}
	for _, e := range entries {
		row := []value{
			{kind: valueString, str: ws.SegmentName(e.Segment, lang)},
			{kind: valueString, str: e.Week.String()},
		}
		for _, f := range fields {
			row = append(row, fieldValue(e, f))
		}
		t.rows = append(t.rows, row)
	}
	return t
}

// sortEntries orders entries by the workspace's segment order, then week.
func sortEntries(ws *domain.Workspace, entries []domain.Entry) {
	segIndex := func(key string) int {
		return slices.IndexFunc(ws.Segments, func(s domain.Segment) bool { return s.Key == key })
	}
	slices.SortStableFunc(entries, func(a, b domain.Entry) int {
		return cmp.Or(
			cmp.Compare(segIndex(a.Segment), segIndex(b.Segment)),
			cmp.Compare(a.Segment, b.Segment),
			cmp.Compare(a.Week.Year, b.Week.Year),
			cmp.Compare(a.Week.Num, b.Week.Num),
		)
	})
}

// exportFields returns the template's fields plus every other field the
// entries name, in funnel order.
func exportFields(ws *domain.Workspace, entries []domain.Entry) []domain.Field {
	fields := templateFields(ws)
	seen := map[string]bool{}
	for _, f := range fields {
		seen[f.Key()] = true
	}
	for _, e := range entries {
		for _, f := range e.Fields() {
			if !seen[f.Key()] {
				seen[f.Key()] = true
				fields = append(fields, f)
			}
		}
	}
	domain.SortFields(ws, fields)
	return fields
}

// fieldValue returns the entry's value of f, empty when not reported.
func fieldValue(e domain.Entry, f domain.Field) value {
	if !e.Has(f) {
		return value{}
	}
	switch f.Kind {
	case domain.FieldSpend:
		return value{kind: valueMoney, money: *e.Spend}
	case domain.FieldRevenue:
		return value{kind: valueMoney, money: *e.Revenue}
	case domain.FieldMargin:
		if math.IsNaN(*e.Margin) || math.IsInf(*e.Margin, 0) {
			return value{}
		}
		return value{kind: valueFraction, fraction: *e.Margin}
	case domain.FieldCount:
		return value{kind: valueCount, count: e.Counts[f.Stage]}
	case domain.FieldNonTarget:
		return value{kind: valueCount, count: e.NonTarget[f.Reason]}
	case domain.FieldDropOff:
		return value{kind: valueCount, count: e.DropOffs[f.Stage][f.Reason]}
	case domain.FieldManager:
		return value{kind: valueCount, count: e.Managers[f.Manager][f.Stage]}
	}
	return value{}
}
