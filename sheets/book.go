package sheets

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"trackbot/domain"
)

// bookParser reads the sheets of one file into entries. Each sheet is
// parsed on its own (sheetParser); the figures one segment's week has on
// several sheets — funnel and money, non-target reasons, drop-offs,
// managers — join into one entry. A figure given on two sheets is a
// problem: the file would not say which value is meant.
type bookParser struct {
	ws    *domain.Workspace
	now   time.Time
	lim   Limits
	names *domain.FieldNames

	dataRows   int // across sheets, for lim.MaxRows
	dataSheets int

	// The first sheet skipped for naming no column, with its first row:
	// when no sheet holds numbers, that row's problems explain why.
	first      *sheetParser
	firstRow   int
	firstCells []cell

	// Lookups of the segment and week cells, which repeat on every sheet.
	segments map[string]segmentMatch
	weeks    map[string]weekMatch

	entries []domain.Entry
	plans   []domain.Plan  // from a sheet of plans (plans.go)
	index   map[rowKey]int // segment and week (no manager) → entries
	from    [][]string     // per entry, the sheets its figures came from

	problems []CellProblem
	more     int
}

func newBookParser(ws *domain.Workspace, now time.Time, lim Limits) *bookParser {
	return &bookParser{ws: ws, now: now, lim: lim, names: domain.NewFieldNames(ws), index: map[rowKey]int{},
		segments: map[string]segmentMatch{}, weeks: map[string]weekMatch{}}
}

// csv returns the row reader of a CSV file: its one table is always read.
func (b *bookParser) csv() func(int, []cell) error {
	return (&sheetParser{b: b, seen: map[rowKey]int{}}).row
}

// sheet returns the row reader of the workbook sheet named name, one of
// count sheets. A sheet whose first row names no column (instructions,
// notes) is skipped; problems name the sheet when there are several.
func (b *bookParser) sheet(name string, count int) func(int, []cell) error {
	p := &sheetParser{b: b, optional: true, seen: map[rowKey]int{}}
	if count > 1 {
		p.name = name
	}
	return b.planOr(p)
}

// namesAColumn reports whether any cell of a first row is a header the
// reader knows: an identifying column or a figure.
func (b *bookParser) namesAColumn(cells []cell) bool {
	for _, c := range cells {
		h := strings.TrimSpace(c.text)
		if h == "" || utf8.RuneCountInString(h) > b.lim.MaxCellLen {
			continue
		}
		norm := domain.NormalizeName(h)
		if slices.Contains(segmentHeaders, norm) || slices.Contains(weekHeaders, norm) || slices.Contains(managerHeaders, norm) {
			return true
		}
		if _, prob := b.names.Parse(h); prob == nil {
			return true
		}
	}
	return false
}

// skipped remembers the first skipped sheet and its first row.
func (b *bookParser) skipped(p *sheetParser, num int, cells []cell) {
	if b.first == nil {
		b.first, b.firstRow, b.firstCells = p, num, cells
	}
}

// add joins a row's entry into the entry of its segment and week. A figure
// the entry already has from another sheet is a problem at its cell.
func (b *bookParser) add(p *sheetParser, num int, cells []cell, e domain.Entry, manager string) {
	key := rowKey{segment: e.Segment, week: e.Week}
	i, ok := b.index[key]
	if !ok {
		b.index[key] = len(b.entries)
		b.entries = append(b.entries, e)
		b.from = append(b.from, []string{p.name})
		return
	}
	clash := false
	for ci, c := range cells {
		col := p.columns[ci]
		if col.kind == columnField && !c.blank() && b.entries[i].Has(p.fieldOf(col, manager)) {
			p.addProblem(CellProblem{Row: num, Column: col.letter, Header: col.header, Value: clip(c.text),
				Text: "sheets.figure_twice", Args: []any{strings.Join(b.from[i], ", ")}})
			clash = true
		}
	}
	if clash {
		return
	}
	b.entries[i].Join(e)
	if !slices.Contains(b.from[i], p.name) {
		b.from[i] = append(b.from[i], p.name)
	}
}

// addProblem records a problem, counting those beyond maxProblems.
func (b *bookParser) addProblem(c CellProblem) {
	if len(b.problems) >= maxProblems {
		b.more++
		return
	}
	b.problems = append(b.problems, c)
}

// problemCount is every problem found so far, listed or not.
func (b *bookParser) problemCount() int { return len(b.problems) + b.more }

func (b *bookParser) fileError() *FileError {
	return &FileError{Problems: b.problems, More: b.more}
}

// finish returns the entries and plans, or every problem found. A
// workbook with no sheet of numbers or plans is explained by its first
// sheet's first row, read as the header it should have been.
func (b *bookParser) finish() (Book, error) {
	if b.dataSheets == 0 && len(b.plans) == 0 && b.first != nil {
		b.first.optional = false
		if err := b.first.header(b.firstRow, b.firstCells); err != nil {
			return Book{}, err
		}
	}
	if len(b.problems) > 0 || b.more > 0 {
		return Book{}, b.fileError()
	}
	if len(b.entries) == 0 && len(b.plans) == 0 {
		return Book{}, domain.Errorf(domain.EINVALID, "sheets.empty")
	}
	return Book{Entries: b.entries, Plans: b.plans}, nil
}

type segmentMatch struct {
	seg domain.Segment
	ok  bool
}

type weekMatch struct {
	week domain.Week
	err  error
}

// segment finds the segment a cell names, once per distinct text.
func (b *bookParser) segment(text string) (domain.Segment, bool) {
	m, seen := b.segments[text]
	if !seen {
		m.seg, m.ok = domain.MatchSegment(b.ws, text)
		b.segments[text] = m
	}
	return m.seg, m.ok
}

// week reads a week written as text, once per distinct text.
func (b *bookParser) week(text string) (domain.Week, error) {
	m, seen := b.weeks[text]
	if !seen {
		m.week, m.err = domain.ParseWeekExpr(text, b.now, b.ws.Location())
		b.weeks[text] = m
	}
	return m.week, m.err
}
