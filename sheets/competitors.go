package sheets

import (
	"errors"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"trackbot/domain"
)

// The competitor sheet: one row per player of a segment's market, with
// the columns of domain.PlayerColumns after the segment; a row whose
// player is the whole market ("Весь рынок") gives the market's volume in
// its revenue cell. A CSV file holds the sheet alone; in a workbook it is
// the sheet named "Competitors" or "Конкуренты" (or any sheet whose header
// names a player column). An empty cell leaves the stored fact as it is,
// as in the numbers sheet; "—" clears it.

// competitorSheetNames are the names of the competitor sheet in a
// workbook, compared after NormalizeName.
var competitorSheetNames = []string{"competitors", "конкуренты", "market", "рынок"}

// CompetitorSheet is what a file holds for the competitor table.
type CompetitorSheet struct {
	Found   bool // the file has a competitor sheet
	Alone   bool // and nothing else to read: a CSV, or a workbook whose first sheet it is
	Players []domain.CompetitorChange
	Markets []domain.MarketChange
}

// ReadCompetitors finds and reads the competitor sheet of an uploaded file
// (see Read for name, now and lim). Without one it returns Found false and
// no error. Any bad cell returns a *FileError naming them all, with Found
// and Alone still telling what the file is: the sheet is taken whole or
// not at all.
func ReadCompetitors(ws *domain.Workspace, name string, data []byte, now time.Time, lim Limits) (CompetitorSheet, error) {
	lim = lim.withDefaults()
	if int64(len(data)) > lim.MaxBytes {
		return CompetitorSheet{}, domain.Errorf(domain.EINVALID, "sheets.too_big", megabytes(lim.MaxBytes))
	}
	format, err := detectFormat(name, data)
	if err != nil {
		return CompetitorSheet{}, err
	}
	p := &competitorParser{ws: ws, today: ws.Today(now), lim: lim, seen: map[[2]string]int{}}
	if format == FormatCSV {
		if err := readCSV(data, lim, p.header); err != nil && err != errHeaderRead || !p.found {
			return CompetitorSheet{}, nil // not a competitor sheet: the numbers reader judges it
		}
		if err := readCSV(data, lim, p.row); err != nil {
			return CompetitorSheet{Found: true, Alone: true}, err
		}
		return p.finish(true)
	}
	alone, found, err := readCompetitorXLSX(data, lim, p)
	if err != nil || !found {
		return CompetitorSheet{Found: found, Alone: alone}, err
	}
	return p.finish(alone)
}

// readCompetitorXLSX reads the workbook's competitor sheet, if any: the
// first sheet named so, or whose header names a player. It streams the
// workbook once, within the limits of any upload.
func readCompetitorXLSX(data []byte, lim Limits, p *competitorParser) (alone, found bool, err error) {
	index, at := -1, -1
	err = readXLSX(data, lim, func(name string, _ int) func(int, []cell) error {
		index++
		if at >= 0 {
			return func(int, []cell) error { return errSkipSheet } // read already
		}
		this, named, started := index, slices.Contains(competitorSheetNames, domain.NormalizeName(name)), false
		return func(num int, cells []cell) error {
			if !started {
				if !named {
					if err := p.header(num, cells); err == nil {
						return nil // blank rows above the header
					} else if err != errHeaderRead || !p.found {
						return errSkipSheet
					}
				}
				started, at, p.found = true, this, false
			}
			return p.row(num, cells)
		}
	})
	if at < 0 {
		return false, false, err
	}
	return at == 0, true, err
}

// errHeaderRead stops a scan after the header row.
var errHeaderRead = errors.New("sheets: header read")

// competitorColumn is a competitor sheet column as read.
type competitorColumn struct {
	segment bool
	col     domain.PlayerColumn
	header  string
	letter  string
}

// competitorParser turns the sheet's rows into changes.
type competitorParser struct {
	ws    *domain.Workspace
	today domain.Date
	lim   Limits

	found    bool
	columns  []competitorColumn
	dataRows int
	seen     map[[2]string]int // segment and normalized player → first row

	players  []domain.CompetitorChange
	markets  []domain.MarketChange
	problems []CellProblem
	more     int
}

// header reads the first non-empty row and stops: found tells whether it
// names a player column.
func (p *competitorParser) header(num int, cells []cell) error {
	if isEmptyRow(cells) {
		return nil
	}
	p.found = false
	for _, c := range cells {
		if col, ok := domain.ParsePlayerColumn(c.text); ok && col.Kind == domain.ColumnPlayerName {
			p.found = true
		}
	}
	return errHeaderRead
}

// row reads the header row, then every data row.
func (p *competitorParser) row(num int, cells []cell) error {
	if p.columns == nil {
		if isEmptyRow(cells) {
			return nil
		}
		return p.readHeader(num, cells)
	}
	p.dataRows++
	if p.dataRows > p.lim.MaxRows {
		return domain.Errorf(domain.EINVALID, "sheets.too_many_rows", p.lim.MaxRows)
	}
	if !isEmptyRow(cells) {
		p.data(num, cells)
	}
	return nil
}

func (p *competitorParser) readHeader(num int, cells []cell) error {
	if len(cells) > maxColumns {
		return domain.Errorf(domain.EINVALID, "sheets.too_many_columns", maxColumns)
	}
	p.columns = make([]competitorColumn, len(cells))
	first := map[domain.PlayerColumn]string{}
	hasSegment, hasPlayer := false, false
	for i, c := range cells {
		h := strings.TrimSpace(c.text)
		col := competitorColumn{header: h, letter: columnLetter(i)}
		if h == "" {
			p.columns[i] = col
			continue
		}
		if slices.Contains(segmentHeaders, domain.NormalizeName(h)) && !hasSegment {
			col.segment, hasSegment = true, true
			p.columns[i] = col
			continue
		}
		pc, ok := domain.ParsePlayerColumn(h)
		switch {
		case !ok:
			p.addProblem(CellProblem{Row: num, Column: col.letter, Value: clip(h), Text: "sheets.competitor_column"})
		case first[pc] != "":
			p.addProblem(CellProblem{Row: num, Column: col.letter, Value: h, Text: "sheets.duplicate_column", Args: []any{first[pc]}})
		default:
			first[pc] = col.letter
			col.col = pc
			hasPlayer = hasPlayer || pc.Kind == domain.ColumnPlayerName
		}
		p.columns[i] = col
	}
	if !hasPlayer {
		p.addProblem(CellProblem{Row: num, Text: "sheets.no_player_column"})
	}
	if !hasSegment && len(p.ws.ActiveSegments()) != 1 {
		p.addProblem(CellProblem{Row: num, Text: "sheets.no_segment_column", Args: []any{segmentList(p.ws.ActiveSegments())}})
	}
	p.found = true
	if len(p.problems) > 0 {
		return p.fileError()
	}
	return nil
}

// data reads one filled row: a player's change, or the market's volume.
func (p *competitorParser) data(num int, cells []cell) {
	before := len(p.problems) + p.more
	problem := func(col competitorColumn, c cell, text string, args ...any) {
		p.addProblem(CellProblem{Row: num, Column: col.letter, Header: col.header, Value: clip(c.text), Text: text, Args: args})
	}
	cells = cells[:min(len(cells), len(p.columns))]
	var segCell, nameCell cell
	var segCol, nameCol competitorColumn
	filled := false
	for i, c := range cells {
		col := p.columns[i]
		if utf8.RuneCountInString(c.text) > p.lim.MaxCellLen {
			problem(col, c, "sheets.cell_too_long", p.lim.MaxCellLen)
		}
		switch {
		case col.segment:
			segCell, segCol = c, col
		case col.col.Kind == domain.ColumnPlayerName:
			nameCell, nameCol = c, col
		case strings.TrimSpace(c.text) != "":
			filled = true
		}
	}
	name := strings.TrimSpace(nameCell.text)
	if len(p.problems)+p.more > before || name == "" && !filled {
		return // an oversized cell, or a template row nobody filled
	}
	seg, ok := p.segment(segCell)
	if !ok {
		text := "sheets.unknown_segment"
		if strings.TrimSpace(segCell.text) == "" {
			text = "sheets.no_segment"
		}
		problem(segCol, segCell, text, segmentList(p.ws.ActiveSegments()))
		return
	}
	if name == "" {
		problem(nameCol, nameCell, "sheets.no_player")
		return
	}
	key := [2]string{seg.Key, domain.NormalizeName(domain.CleanName(name))}
	if first, dup := p.seen[key]; dup {
		problem(nameCol, nameCell, "sheets.duplicate_player", first)
		return
	}
	p.seen[key] = num
	if domain.IsWholeMarket(name) {
		p.marketRow(seg, cells, problem)
		return
	}
	ch := domain.CompetitorChange{Segment: seg.Key, Name: name, FactDates: map[domain.Fact]domain.Date{}}
	for i, c := range cells {
		col, text := p.columns[i], strings.TrimSpace(valueText(c))
		if text == "" {
			continue
		}
		switch col.col.Kind {
		case domain.ColumnPlayerUs:
			us, ok := domain.ParseYesNo(text)
			if !ok {
				problem(col, c, "sheets.bad_yes_no")
				continue
			}
			ch.Us = &us
		case domain.ColumnPlayerField:
			if !slices.Contains([]string{"-", "—", "–"}, text) {
				if err := domain.SetPlayerField(&ch.Values, col.col.Field, text); err != nil {
					problem(col, c, errorText(err), errorArgs(err)...)
					continue
				}
			}
			ch.Fields = append(ch.Fields, col.col.Field)
		case domain.ColumnPlayerChecked:
			d, err := p.date(c)
			if err != nil {
				problem(col, c, errorText(err), errorArgs(err)...)
				continue
			}
			if col.col.Fact == "" {
				ch.On = d
			} else {
				ch.FactDates[col.col.Fact] = d
			}
		}
	}
	if len(p.problems)+p.more == before {
		p.players = append(p.players, ch)
	}
}

// marketRow reads the whole market's row: the volume in the revenue cell.
func (p *competitorParser) marketRow(seg domain.Segment, cells []cell, problem func(competitorColumn, cell, string, ...any)) {
	ch := domain.MarketChange{Segment: seg.Key}
	hasVolume := false
	for i, c := range cells {
		col, text := p.columns[i], strings.TrimSpace(valueText(c))
		if text == "" || col.col.Kind == domain.ColumnPlayerName || col.segment {
			continue
		}
		switch {
		case col.col.Kind == domain.ColumnPlayerField && col.col.Field == domain.PlayerRevenue:
			var v domain.Competitor
			if err := domain.SetPlayerField(&v, domain.PlayerRevenue, text); err != nil {
				problem(col, c, errorText(err), errorArgs(err)...)
				continue
			}
			ch.Volume, hasVolume = v.Revenue, true
		case col.col.Kind == domain.ColumnPlayerField && col.col.Field == domain.PlayerSource:
			ch.Source = domain.CleanName(text)
		case col.col.Kind == domain.ColumnPlayerChecked && (col.col.Fact == "" || col.col.Fact == domain.FactShare):
			d, err := p.date(c)
			if err != nil {
				problem(col, c, errorText(err), errorArgs(err)...)
				continue
			}
			ch.On = d
		default:
			problem(col, c, "sheets.market_row")
		}
	}
	if hasVolume {
		p.markets = append(p.markets, ch)
	}
}

// date reads a checked cell: a workbook date, or a typed one.
func (p *competitorParser) date(c cell) (domain.Date, error) {
	if c.number && c.value >= firstDateSerial && c.value < lastDateSerial {
		if t, err := excelize.ExcelDateToTime(c.value, false); err == nil {
			d := domain.DateOf(t)
			if p.today.Before(d) {
				return domain.Date{}, domain.Errorf(domain.EINVALID, "competitor.future_date_typed", d.Localize(domain.English))
			}
			return d, nil
		}
	}
	return domain.ParseCheckedDate(c.text, p.today)
}

// segment reads a segment cell; without a segment column the workspace's
// only segment is meant.
func (p *competitorParser) segment(c cell) (domain.Segment, bool) {
	hasColumn := slices.ContainsFunc(p.columns, func(col competitorColumn) bool { return col.segment })
	if active := p.ws.ActiveSegments(); len(active) == 1 && !hasColumn {
		return active[0], true
	}
	return domain.MatchSegment(p.ws, strings.TrimSpace(c.text))
}

func (p *competitorParser) addProblem(c CellProblem) {
	if len(p.problems) >= maxProblems {
		p.more++
		return
	}
	p.problems = append(p.problems, c)
}

func (p *competitorParser) fileError() *FileError {
	return &FileError{Problems: p.problems, More: p.more}
}

// finish returns the sheet, or every problem found.
func (p *competitorParser) finish(alone bool) (CompetitorSheet, error) {
	if len(p.problems) > 0 {
		return CompetitorSheet{Found: true, Alone: alone}, p.fileError()
	}
	if len(p.players) == 0 && len(p.markets) == 0 {
		return CompetitorSheet{Found: true, Alone: alone}, domain.Errorf(domain.EINVALID, "sheets.competitors_empty")
	}
	return CompetitorSheet{Found: true, Alone: alone, Players: p.players, Markets: p.markets}, nil
}
