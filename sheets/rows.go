package sheets

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"trackbot/domain"
)

// maxProblems is how many bad cells a FileError lists; the rest are
// counted, so the reply stays readable and within a chat message.
const maxProblems = 30

// maxColumns bounds the header: a real file has a few dozen columns.
const maxColumns = 1000

// cell is one cell as read. An XLSX stores numbers in machine form, which
// number is set for: they skip the rules for human-written numbers.
type cell struct {
	text   string
	number bool
	value  float64
}

// The headers of the two identifying columns, compared after NormalizeName.
var (
	segmentHeaders = []string{"segment", "сегмент"}
	weekHeaders    = []string{"week", "неделя", "нед"}
)

// columnKind is what a column holds.
type columnKind int

const (
	columnIgnored columnKind = iota // no header: ignored
	columnSegment
	columnWeek
	columnField
)

// column is a header cell read.
type column struct {
	kind   columnKind
	field  domain.Field
	header string
	letter string
}

// rowKey identifies a row's report, to refuse the same week twice.
type rowKey struct {
	segment string
	week    domain.Week
}

// rowParser turns rows into entries, collecting every problem.
type rowParser struct {
	ws    *domain.Workspace
	now   time.Time
	lim   Limits
	names *domain.FieldNames

	columns   []column // nil until the header row is read
	headerRow int
	dataRows  int

	entries  []domain.Entry
	seen     map[rowKey]int // → row number of the first occurrence
	problems []CellProblem
	more     int
}

func newRowParser(ws *domain.Workspace, now time.Time, lim Limits) *rowParser {
	return &rowParser{ws: ws, now: now, lim: lim, names: domain.NewFieldNames(ws), seen: map[rowKey]int{}}
}

// row reads one row; num is its 1-based number as a spreadsheet shows it.
// The error stops reading: a limit was hit or the header is unusable.
func (p *rowParser) row(num int, cells []cell) error {
	if p.columns == nil {
		if isEmptyRow(cells) {
			return nil
		}
		return p.header(num, cells)
	}
	p.dataRows++
	if p.dataRows > p.lim.MaxRows {
		return domain.Errorf(domain.EINVALID, "sheets.too_many_rows", p.lim.MaxRows)
	}
	if isEmptyRow(cells) {
		return nil
	}
	p.data(num, cells)
	return nil
}

func isEmptyRow(cells []cell) bool {
	for _, c := range cells {
		if strings.TrimSpace(c.text) != "" {
			return false
		}
	}
	return true
}

// header reads the header row; problems there make the rows meaningless,
// so they stop reading.
func (p *rowParser) header(num int, cells []cell) error {
	if len(cells) > maxColumns {
		return domain.Errorf(domain.EINVALID, "sheets.too_many_columns", maxColumns)
	}
	p.headerRow = num
	p.columns = make([]column, len(cells))
	firstOf := map[string]string{} // field key → column letter
	hasSegment, hasWeek := false, false
	for i, c := range cells {
		h := strings.TrimSpace(c.text)
		col := column{header: h, letter: columnLetter(i)}
		switch norm := domain.NormalizeName(h); {
		case h == "":
			col.kind = columnIgnored
		case utf8.RuneCountInString(h) > p.lim.MaxCellLen:
			p.addProblem(CellProblem{Row: num, Column: col.letter, Value: clip(h), Text: "sheets.cell_too_long", Args: []any{p.lim.MaxCellLen}})
		case slices.Contains(segmentHeaders, norm) && !hasSegment:
			col.kind, hasSegment = columnSegment, true
		case slices.Contains(weekHeaders, norm) && !hasWeek:
			col.kind, hasWeek = columnWeek, true
		default:
			f, prob := p.names.Parse(h)
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
	if !hasWeek {
		p.addProblem(CellProblem{Row: num, Text: "sheets.no_week_column"})
	}
	if !hasSegment && len(p.ws.ActiveSegments()) != 1 {
		p.addProblem(CellProblem{Row: num, Text: "sheets.no_segment_column", Args: []any{segmentList(p.ws.ActiveSegments())}})
	}
	if len(p.problems) > 0 {
		return p.fileError()
	}
	return nil
}

// data reads one filled row into an entry, or into problems.
func (p *rowParser) data(num int, cells []cell) {
	before := len(p.problems) + p.more
	problem := func(col column, c cell, text string, args ...any) {
		p.addProblem(CellProblem{Row: num, Column: col.letter, Header: col.header, Value: clip(c.text), Text: text, Args: args})
	}
	if len(cells) > len(p.columns) {
		cells = cells[:len(p.columns)] // beyond the header: nothing to read them as
	}
	for i, c := range cells {
		if utf8.RuneCountInString(c.text) > p.lim.MaxCellLen {
			problem(p.columns[i], c, "sheets.cell_too_long", p.lim.MaxCellLen)
		}
	}
	if len(p.problems)+p.more > before {
		return // the rest of a row with an oversized cell is not worth reading
	}
	if !hasFigures(p.columns, cells) {
		return // a template row nobody filled: its segment and week do not matter
	}
	var segCell, weekCell cell
	var segCol, weekCol column
	for i, c := range cells {
		switch col := p.columns[i]; col.kind {
		case columnSegment:
			segCell, segCol = c, col
		case columnWeek:
			weekCell, weekCol = c, col
		}
	}
	seg, segOK := p.segment(segCell)
	if !segOK {
		text := "sheets.unknown_segment"
		if strings.TrimSpace(segCell.text) == "" {
			text = "sheets.no_segment"
		}
		problem(segCol, segCell, text, segmentList(p.ws.ActiveSegments()))
	}
	week, err := p.week(weekCell)
	if err == nil {
		err = p.ws.CheckWeek(week, p.now)
	}
	if err != nil {
		problem(weekCol, weekCell, errorText(err), errorArgs(err)...)
	}
	e := domain.Entry{Segment: seg.Key, Week: week}
	for i, c := range cells {
		if p.columns[i].kind != columnField || strings.TrimSpace(c.text) == "" {
			continue
		}
		col := p.columns[i]
		if col.field.Stage != "" && slices.Contains(seg.SkipStages, col.field.Stage) {
			problem(col, c, "entry.stage_skipped", seg.Name.In(p.ws.Lang))
			continue
		}
		if err := e.Set(col.field, valueText(c)); err != nil {
			problem(col, c, errorText(err), errorArgs(err)...)
		}
	}
	if len(p.problems)+p.more > before {
		return
	}
	key := rowKey{e.Segment, e.Week}
	if first, dup := p.seen[key]; dup {
		problem(weekCol, weekCell, "sheets.duplicate_row", first)
		return
	}
	p.seen[key] = num
	p.entries = append(p.entries, e)
}

// hasFigures reports whether any figure cell of the row is filled.
func hasFigures(columns []column, cells []cell) bool {
	for i, c := range cells {
		if columns[i].kind == columnField && strings.TrimSpace(c.text) != "" {
			return true
		}
	}
	return false
}

// segment reads a segment cell; without a segment column the workspace's
// only segment is meant.
func (p *rowParser) segment(c cell) (domain.Segment, bool) {
	if active := p.ws.ActiveSegments(); len(active) == 1 && !p.hasColumn(columnSegment) {
		return active[0], true
	}
	return domain.MatchSegment(p.ws, strings.TrimSpace(c.text))
}

func (p *rowParser) hasColumn(kind columnKind) bool {
	for _, c := range p.columns {
		if c.kind == kind {
			return true
		}
	}
	return false
}

// week reads a week cell: any form of domain.ParseWeekExpr except the
// empty one (a row must say its week), or an XLSX date (in the usual 1900
// date system; workbooks in the old Mac 1904 system are off by four years).
func (p *rowParser) week(c cell) (domain.Week, error) {
	if c.number && c.value >= firstDateSerial && c.value < lastDateSerial {
		t, err := excelize.ExcelDateToTime(c.value, false)
		if err == nil {
			return domain.WeekOf(t), nil
		}
	}
	if strings.TrimSpace(c.text) == "" {
		return domain.Week{}, domain.Errorf(domain.EINVALID, "sheets.no_week")
	}
	return domain.ParseWeekExpr(c.text, p.now, p.ws.Location())
}

// Excel date serials: 367 is 1 January 1901 (smaller numbers are more
// likely week numbers or typos), 2958466 is past 9999.
const (
	firstDateSerial = 367
	lastDateSerial  = 2958466
)

// addProblem records a problem, counting those beyond maxProblems.
func (p *rowParser) addProblem(c CellProblem) {
	if len(p.problems) >= maxProblems {
		p.more++
		return
	}
	p.problems = append(p.problems, c)
}

func (p *rowParser) fileError() *FileError {
	return &FileError{Problems: p.problems, More: p.more}
}

// finish returns the entries, or every problem found.
func (p *rowParser) finish() ([]domain.Entry, error) {
	if len(p.problems) > 0 {
		return nil, p.fileError()
	}
	if len(p.entries) == 0 {
		return nil, domain.Errorf(domain.EINVALID, "sheets.empty")
	}
	return p.entries, nil
}

// machineNumber matches a number as an XLSX stores it: no grouping, a dot
// for the decimal mark, maybe an exponent.
var machineNumber = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$`)

// xlsxCell reads a raw XLSX cell value.
func xlsxCell(raw string) cell {
	if machineNumber.MatchString(raw) {
		if v, err := strconv.ParseFloat(raw, 64); err == nil {
			return cell{text: raw, number: true, value: v}
		}
	}
	return cell{text: raw}
}

// valueText returns the text the domain parsers read. A machine number is
// written out plainly; when it ends in exactly three decimals a zero is
// added, because "1.125" with a one-to-three-digit whole part would be read
// as 1125 by the rule for human-written thousands.
func valueText(c cell) string {
	if !c.number {
		return c.text
	}
	s := strconv.FormatFloat(c.value, 'f', -1, 64)
	if _, frac, ok := strings.Cut(s, "."); ok && len(frac) == 3 {
		s += "0"
	}
	return s
}

// errorText and errorArgs take a domain error apart for a CellProblem.
func errorText(err error) string {
	if e, ok := err.(*domain.Error); ok {
		return e.Key
	}
	return "error.internal"
}

func errorArgs(err error) []any {
	if e, ok := err.(*domain.Error); ok {
		return e.Args
	}
	return nil
}

// columnLetter returns the spreadsheet name of a 0-based column: A, B, … Z, AA.
func columnLetter(i int) string {
	name, err := excelize.ColumnNumberToName(i + 1)
	if err != nil {
		return strconv.Itoa(i + 1)
	}
	return name
}

// clip shortens a value quoted back in a problem.
func clip(s string) string {
	const max = 40
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	return string([]rune(s)[:max]) + "…"
}

// segmentList renders segment names in the reader's language.
type segmentList []domain.Segment

// Localize renders the list in lang.
func (l segmentList) Localize(lang domain.Lang) string {
	names := make([]string, len(l))
	for i, s := range l {
		names[i] = s.Name.In(lang)
	}
	return strings.Join(names, ", ")
}

// CellProblem is one bad cell: where it is, what it holds, and the catalog
// text saying what is wrong and what to write instead.
type CellProblem struct {
	Row    int    // 1-based, as a spreadsheet shows it
	Column string // A, B, … AA; empty for the row as a whole
	Header string // the column's header as written
	Value  string // the cell as written, shortened
	Text   string // catalog key
	Args   []any
}

// Localize renders the problem in lang: "Row 3, column D (Leads): …".
func (c CellProblem) Localize(lang domain.Lang) string {
	where := domain.Text(lang, "sheets.row", c.Row)
	if c.Column != "" {
		where = domain.Text(lang, "sheets.row_column", c.Row, c.Column)
	}
	if c.Header != "" {
		where += " (" + c.Header + ")"
	}
	return where + ": " + domain.Text(lang, c.Text, c.Args...)
}

// FileError lists every bad cell of a file; nothing of the file was taken.
// It unwraps to an EINVALID *domain.Error whose text renders the list in
// the reader's language, so domain.UserMessage shows all of it.
type FileError struct {
	Problems []CellProblem
	More     int // problems found beyond the listed ones
}

// Error renders the problems in English, for logs and the command line.
func (e *FileError) Error() string { return e.Unwrap().Error() }

// Unwrap returns the *domain.Error the bot renders.
func (e *FileError) Unwrap() error {
	return domain.Errorf(domain.EINVALID, "sheets.problems", cellProblemList(e.Problems), moreProblems(e.More))
}

// cellProblemList renders problems one per line.
type cellProblemList []CellProblem

// Localize renders the list in lang.
func (l cellProblemList) Localize(lang domain.Lang) string {
	lines := make([]string, len(l))
	for i, c := range l {
		lines[i] = "• " + c.Localize(lang)
	}
	return strings.Join(lines, "\n")
}

// moreProblems renders the count of problems not listed, or nothing.
type moreProblems int

// Localize renders the note in lang.
func (n moreProblems) Localize(lang domain.Lang) string {
	if n == 0 {
		return ""
	}
	return "\n" + domain.Text(lang, "sheets.more", int(n))
}
