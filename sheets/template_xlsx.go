package sheets

import (
	"strings"

	"github.com/xuri/excelize/v2"

	"trackbot/domain"
)

// The XLSX template has a sheet per concern, so nobody scrolls past 50
// columns: funnel and money, non-target reasons, drop-off reasons, and the
// sales managers' own counts. Every sheet repeats the segment and week
// columns; Read joins the sheets back into one entry per segment's week.

// TemplateSpec says what a template pre-fills.
type TemplateSpec struct {
	Weeks []domain.Week // a row for each active segment and week, in this order
	// Managers are the sales managers named in recent weeks: the managers'
	// sheet has a row for each of them per segment and week (one row with
	// the name to fill in when there is none).
	Managers []string
}

// templateSheet is one sheet of the template before it is written.
type templateSheet struct {
	name   string
	ids    []string       // the identifying headers: segment, week (, manager)
	fields []domain.Field // the figure columns after them
	rows   [][]string     // the identifying cells of each row
}

// templateSheets returns the template's sheets with data in lang; a sheet
// with no columns (no active reasons, no stage asking why) is left out.
func templateSheets(ws *domain.Workspace, lang domain.Lang, spec TemplateSpec) []templateSheet {
	var funnel, nonTarget, dropOff, managers []domain.Field
	for _, f := range templateFields(ws) {
		switch f.Kind {
		case domain.FieldNonTarget:
			nonTarget = append(nonTarget, f)
		case domain.FieldDropOff:
			dropOff = append(dropOff, f)
		default:
			funnel = append(funnel, f)
		}
	}
	for _, st := range ws.ManagerStages() {
		managers = append(managers, domain.Field{Kind: domain.FieldCount, Stage: st.Key})
	}
	ids := []string{domain.Text(lang, "entry.label.segment"), domain.Text(lang, "entry.label.week")}
	var weekRows, managerRows [][]string
	names := spec.Managers
	if len(names) == 0 {
		names = []string{""}
	}
	for _, seg := range ws.ActiveSegments() {
		for _, w := range spec.Weeks {
			weekRows = append(weekRows, []string{seg.Name.In(lang), w.String()})
			for _, m := range names {
				managerRows = append(managerRows, []string{seg.Name.In(lang), w.String(), m})
			}
		}
	}
	all := []templateSheet{
		{name: domain.Text(lang, "sheets.sheet.data"), ids: ids, fields: funnel, rows: weekRows},
		{name: domain.Text(lang, "sheets.sheet.nontarget"), ids: ids, fields: nonTarget, rows: weekRows},
		{name: domain.Text(lang, "sheets.sheet.dropoff"), ids: ids, fields: dropOff, rows: weekRows},
		{name: domain.Text(lang, "sheets.sheet.managers"), ids: append(ids[:2:2], domain.Text(lang, "sheets.label.manager")),
			fields: managers, rows: managerRows},
	}
	all = append(all, planTemplateSheet(ws, lang, spec))
	var out []templateSheet
	for _, s := range all {
		if len(s.fields) > 0 {
			out = append(out, s)
		}
	}
	return out
}

// templateStyles are the cell styles of the template.
type templateStyles struct {
	header, text, count, money, percent int
}

func newTemplateStyles(f *excelize.File) (templateStyles, error) {
	var s templateStyles
	var err error
	fmtText, fmtCount, fmtPercent := "@", "#,##0", "0.00%"
	for _, st := range []struct {
		id    *int
		style excelize.Style
	}{
		{&s.header, excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EDEDED"}}}},
		{&s.text, excelize.Style{CustomNumFmt: &fmtText}},
		{&s.count, excelize.Style{CustomNumFmt: &fmtCount}},
		{&s.money, excelize.Style{CustomNumFmt: &fmtCount}},
		{&s.percent, excelize.Style{CustomNumFmt: &fmtPercent}},
	} {
		if *st.id, err = f.NewStyle(&st.style); err != nil {
			return s, err
		}
	}
	return s, nil
}

// fieldStyle is the number format of a figure's column.
func (s templateStyles) fieldStyle(f domain.Field) int {
	switch f.Kind {
	case domain.FieldSpend, domain.FieldRevenue:
		return s.money
	case domain.FieldMargin:
		return s.percent
	}
	return s.count
}

// writeTemplateXLSX writes the template workbook: the sheets of numbers
// with a frozen, bold header and number formats on the columns people
// fill, then the instructions.
func writeTemplateXLSX(ws *domain.Workspace, lang domain.Lang, spec TemplateSpec) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	styles, err := newTemplateStyles(f)
	if err != nil {
		return nil, err
	}
	for i, sh := range templateSheets(ws, lang, spec) {
		if i == 0 {
			err = f.SetSheetName(f.GetSheetName(0), sh.name)
		} else {
			_, err = f.NewSheet(sh.name)
		}
		if err != nil {
			return nil, err
		}
		if err := writeTemplateSheet(f, ws, lang, sh, styles); err != nil {
			return nil, err
		}
	}
	lines := strings.Split(domain.Text(lang, "sheets.instructions"), "\n")
	if err := writeInstructions(f, domain.Text(lang, "sheets.sheet.instructions"), lines); err != nil {
		return nil, err
	}
	f.SetActiveSheet(0)
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeTemplateSheet streams one sheet. Column styles come first, as the
// stream writer requires, so a number typed into an empty cell gets the
// column's format.
func writeTemplateSheet(f *excelize.File, ws *domain.Workspace, lang domain.Lang, sh templateSheet, styles templateStyles) error {
	sw, err := f.NewStreamWriter(sh.name)
	if err != nil {
		return err
	}
	nIDs, nCols := len(sh.ids), len(sh.ids)+len(sh.fields)
	topLeft, err := excelize.CoordinatesToCellName(nIDs+1, 2)
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: nIDs, YSplit: 1, TopLeftCell: topLeft, ActivePane: "bottomRight"}); err != nil {
		return err
	}
	header := make([]any, 0, nCols)
	for _, h := range sh.ids {
		header = append(header, excelize.Cell{StyleID: styles.header, Value: h})
	}
	for _, fd := range sh.fields {
		header = append(header, excelize.Cell{StyleID: styles.header, Value: fd.Header(ws, lang)})
	}
	for col := 1; col <= nCols; col++ {
		style, width := styles.text, 14.0
		if col > nIDs {
			style = styles.fieldStyle(sh.fields[col-nIDs-1])
			width = min(max(12, float64(len([]rune(header[col-1].(excelize.Cell).Value.(string))))*0.9), 30)
		} else if col == 1 {
			width = 22
		}
		if err := sw.SetColWidth(col, col, width); err != nil {
			return err
		}
		if err := sw.SetColStyle(col, col, style); err != nil {
			return err
		}
	}
	if err := sw.SetRow("A1", header, excelize.RowOpts{Height: 32}); err != nil {
		return err
	}
	for n, ids := range sh.rows {
		cells := make([]any, len(ids))
		for i, v := range ids {
			cells[i] = excelize.Cell{StyleID: styles.text, Value: v}
		}
		axis, err := excelize.CoordinatesToCellName(1, n+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(axis, cells); err != nil {
			return err
		}
	}
	return sw.Flush()
}
