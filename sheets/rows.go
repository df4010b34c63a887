package sheets

import (
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"trackbot/domain"
)

// maxColumns bounds the header: a real file has a few dozen columns.
const maxColumns = 1000

// maxManagerName bounds a manager's name, as in a /log key.
const maxManagerName = 64

// The headers of the identifying columns, compared after NormalizeName.
var (
	segmentHeaders = []string{"segment", "сегмент"}
	weekHeaders    = []string{"week", "неделя", "нед"}
	managerHeaders = []string{"manager", "менеджер"}
)

// columnKind is what a column holds.
type columnKind int

const (
	columnIgnored columnKind = iota // no header: ignored
	columnSegment
	columnWeek
	columnManager
	columnField
)

// column is a header cell read.
type column struct {
	kind   columnKind
	field  domain.Field
	header string
	letter string
}

// rowKey identifies a row's report, to refuse the same week twice in a
// sheet; in a sheet of managers' counts a row is one manager's.
type rowKey struct {
	segment string
	week    domain.Week
	manager string
}

// errSkipSheet stops reading a sheet that holds no numbers.
var errSkipSheet = errors.New("sheets: not a sheet of numbers")

// sheetParser reads the rows of one sheet (or of a CSV) into its book: a
// header row, then one row per segment and week, or per segment, week and
// manager when the sheet has a manager column.
type sheetParser struct {
	b        *bookParser
	name     string // named in problems; empty for a CSV or a one-sheet workbook
	optional bool   // a workbook's sheet: skipped when its first row names no column

	columns []column // nil until the header row is read
	manager bool     // the stage columns are the counts of the row's manager
	seen    map[rowKey]int
}

// row reads one row; num is its 1-based number as a spreadsheet shows it.
// The error stops reading: a limit was hit, the header is unusable, or
// errSkipSheet when the sheet holds no numbers.
func (p *sheetParser) row(num int, cells []cell) error {
	if p.columns == nil {
		if isEmptyRow(cells) {
			return nil
		}
		if p.optional && !p.b.namesAColumn(cells) {
			p.b.skipped(p, num, cells)
			return errSkipSheet
		}
		p.b.dataSheets++
		return p.header(num, cells)
	}
	p.b.dataRows++
	if p.b.dataRows > p.b.lim.MaxRows {
		return domain.Errorf(domain.EINVALID, "sheets.too_many_rows", p.b.lim.MaxRows)
	}
	if isEmptyRow(cells) {
		return nil
	}
	p.data(num, cells)
	return nil
}

func isEmptyRow(cells []cell) bool {
	for _, c := range cells {
		if !c.blank() {
			return false
		}
	}
	return true
}

// addProblem records a problem of this sheet.
func (p *sheetParser) addProblem(c CellProblem) {
	c.Sheet = p.name
	p.b.addProblem(c)
}

// header reads the header row; problems there make the rows meaningless,
// so they stop reading.
func (p *sheetParser) header(num int, cells []cell) error {
	if len(cells) > maxColumns {
		return domain.Errorf(domain.EINVALID, "sheets.too_many_columns", maxColumns)
	}
	before := p.b.problemCount()
	p.columns = make([]column, len(cells))
	firstOf := map[string]string{} // field key → column letter
	hasSegment, hasWeek := false, false
	for i, c := range cells {
		h := strings.TrimSpace(c.text)
		col := column{header: h, letter: columnLetter(i)}
		switch norm := domain.NormalizeName(h); {
		case h == "":
			col.kind = columnIgnored
		case utf8.RuneCountInString(h) > p.b.lim.MaxCellLen:
			p.addProblem(CellProblem{Row: num, Column: col.letter, Value: clip(h), Text: "sheets.cell_too_long", Args: []any{p.b.lim.MaxCellLen}})
		case slices.Contains(segmentHeaders, norm) && !hasSegment:
			col.kind, hasSegment = columnSegment, true
		case slices.Contains(weekHeaders, norm) && !hasWeek:
			col.kind, hasWeek = columnWeek, true
		case slices.Contains(managerHeaders, norm) && !p.manager:
			col.kind, p.manager = columnManager, true
		default:
			f, prob := p.b.names.Parse(h)
			if prob != nil {
				p.addProblem(CellProblem{Row: num, Column: col.letter, Value: h, Text: prob.Text, Args: prob.Args})
				break
			}
			if first, dup := firstOf[f.Key()]; dup {
				p.addProblem(CellProblem{Row: num, Column: col.letter, Value: h, Text: "sheets.duplicate_column", Args: []any{first}})
				break
			}
			firstOf[f.Key()] = col.letter
			col.kind, col.field = columnField, f
		}
		p.columns[i] = col
	}
	if p.manager {
		// A manager's row holds that manager's stage counts and nothing else.
		for _, col := range p.columns {
			if col.kind == columnField && col.field.Kind != domain.FieldCount {
				p.addProblem(CellProblem{Row: num, Column: col.letter, Value: col.header, Text: "sheets.manager_sheet_column"})
			}
		}
	}
	if !hasWeek {
		p.addProblem(CellProblem{Row: num, Text: "sheets.no_week_column"})
	}
	if !hasSegment && len(p.b.ws.ActiveSegments()) != 1 {
		p.addProblem(CellProblem{Row: num, Text: "sheets.no_segment_column", Args: []any{segmentList(p.b.ws.ActiveSegments())}})
	}
	if p.b.problemCount() > before {
		return p.b.fileError()
	}
	return nil
}

// data reads one filled row into an entry and hands it to the book, or
// records its problems.
func (p *sheetParser) data(num int, cells []cell) {
	before := p.b.problemCount()
	problem := func(col column, c cell, text string, args ...any) {
		p.addProblem(CellProblem{Row: num, Column: col.letter, Header: col.header, Value: clip(c.text), Text: text, Args: args})
	}
	if len(cells) > len(p.columns) {
		cells = cells[:len(p.columns)] // beyond the header: nothing to read them as
	}
	for i, c := range cells {
		if utf8.RuneCountInString(c.text) > p.b.lim.MaxCellLen {
			problem(p.columns[i], c, "sheets.cell_too_long", p.b.lim.MaxCellLen)
		}
	}
	if p.b.problemCount() > before {
		return // the rest of a row with an oversized cell is not worth reading
	}
	if !hasFigures(p.columns, cells) {
		return // a template row nobody filled: its segment and week do not matter
	}
	var segCell, weekCell, mgrCell cell
	var segCol, weekCol, mgrCol column
	for i, c := range cells {
		switch col := p.columns[i]; col.kind {
		case columnSegment:
			segCell, segCol = c, col
		case columnWeek:
			weekCell, weekCol = c, col
		case columnManager:
			mgrCell, mgrCol = c, col
		}
	}
	seg, segOK := p.segment(segCell)
	if !segOK {
		text := "sheets.unknown_segment"
		if segCell.blank() {
			text = "sheets.no_segment"
		}
		problem(segCol, segCell, text, segmentList(p.b.ws.ActiveSegments()))
	}
	week, err := p.week(weekCell)
	if err == nil {
		err = p.b.ws.CheckWeek(week, p.b.now)
	}
	if err != nil {
		problem(weekCol, weekCell, errorText(err), errorArgs(err)...)
	}
	manager := strings.Join(strings.Fields(mgrCell.text), " ")
	switch {
	case !p.manager:
	case manager == "":
		problem(mgrCol, mgrCell, "sheets.no_manager")
	case utf8.RuneCountInString(manager) > maxManagerName:
		problem(mgrCol, mgrCell, "sheets.manager_too_long", maxManagerName)
	}
	e := domain.Entry{Segment: seg.Key, Week: week}
	for i, c := range cells {
		col := p.columns[i]
		if col.kind != columnField || c.blank() {
			continue
		}
		if col.field.Stage != "" && slices.Contains(seg.SkipStages, col.field.Stage) {
			problem(col, c, "entry.stage_skipped", seg.Name.In(p.b.ws.Lang))
			continue
		}
		if err := e.Set(p.fieldOf(col, manager), valueText(c)); err != nil {
			problem(col, c, errorText(err), errorArgs(err)...)
		}
	}
	if p.b.problemCount() > before {
		return
	}
	key := rowKey{e.Segment, e.Week, manager}
	if first, dup := p.seen[key]; dup {
		text := "sheets.duplicate_row"
		if p.manager {
			text = "sheets.duplicate_manager_row"
		}
		problem(weekCol, weekCell, text, first)
		return
	}
	p.seen[key] = num
	p.b.add(p, num, cells, e, manager)
}

// fieldOf returns the figure a column's cell holds in a row of manager: in
// a sheet of managers' counts a stage column is the manager's count.
func (p *sheetParser) fieldOf(col column, manager string) domain.Field {
	if p.manager && col.field.Kind == domain.FieldCount {
		return domain.Field{Kind: domain.FieldManager, Stage: col.field.Stage, Manager: manager}
	}
	return col.field
}

// hasFigures reports whether any figure cell of the row is filled.
func hasFigures(columns []column, cells []cell) bool {
	for i, c := range cells {
		if columns[i].kind == columnField && !c.blank() {
			return true
		}
	}
	return false
}

// segment reads a segment cell; without a segment column the workspace's
// only segment is meant.
func (p *sheetParser) segment(c cell) (domain.Segment, bool) {
	if active := p.b.ws.ActiveSegments(); len(active) == 1 && !p.hasColumn(columnSegment) {
		return active[0], true
	}
	return p.b.segment(strings.TrimSpace(c.text))
}

func (p *sheetParser) hasColumn(kind columnKind) bool {
	for _, c := range p.columns {
		if c.kind == kind {
			return true
		}
	}
	return false
}
