package sheets

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"trackbot/domain"
)

// Plans in a workbook: a sheet whose header has a period column holds the
// CEOs' plans, one row per segment and month or quarter ("2026-03",
// "2026-Q2", "март", "Q2 2026": domain.ParsePlanPeriod), with a column per
// planned figure named like the data sheet's (a stage, spend, revenue). The
// template has such a sheet with a row per segment for this month, next
// month and this quarter; an empty cell sets nothing.

// periodHeaders name the period column, compared after NormalizeName.
var periodHeaders = []string{"period", "период"}

// Book is what a file holds: the weekly numbers and the plans.
type Book struct {
	Entries []domain.Entry
	Plans   []domain.Plan
}

// planOr returns the row reader of a workbook sheet: the plan reader when
// its first row has a period column, else the data sheet's reader p.
func (b *bookParser) planOr(p *sheetParser) func(int, []cell) error {
	var read func(int, []cell) error
	return func(num int, cells []cell) error {
		if read == nil {
			if isEmptyRow(cells) {
				return nil
			}
			read = p.row
			if hasPeriodHeader(cells) {
				read = (&planSheet{b: b, name: p.name, seen: map[string]int{}}).row
			}
		}
		return read(num, cells)
	}
}

func hasPeriodHeader(cells []cell) bool {
	return slices.ContainsFunc(cells, func(c cell) bool {
		return slices.Contains(periodHeaders, domain.NormalizeName(c.text))
	})
}

// planSheet reads the rows of a sheet of plans into its book.
type planSheet struct {
	b       *bookParser
	name    string
	columns []column // nil until the header is read; a period column is columnWeek
	seen    map[string]int
}

func (s *planSheet) addProblem(c CellProblem) {
	c.Sheet = s.name
	s.b.addProblem(c)
}

// row reads the header, then one plan per row.
func (s *planSheet) row(num int, cells []cell) error {
	if s.columns == nil {
		return s.header(num, cells)
	}
	s.b.dataRows++
	if s.b.dataRows > s.b.lim.MaxRows {
		return domain.Errorf(domain.EINVALID, "sheets.too_many_rows", s.b.lim.MaxRows)
	}
	if !isEmptyRow(cells) {
		s.data(num, cells)
	}
	return nil
}

// header reads the columns: segment, period and plannable figures.
func (s *planSheet) header(num int, cells []cell) error {
	if len(cells) > maxColumns {
		return domain.Errorf(domain.EINVALID, "sheets.too_many_columns", maxColumns)
	}
	before := s.b.problemCount()
	s.columns = make([]column, len(cells))
	hasSegment := false
	for i, c := range cells {
		h := strings.TrimSpace(c.text)
		col := column{header: h, letter: columnLetter(i)}
		switch norm := domain.NormalizeName(h); {
		case h == "":
		case utf8.RuneCountInString(h) > s.b.lim.MaxCellLen:
			s.addProblem(CellProblem{Row: num, Column: col.letter, Value: clip(h), Text: "sheets.cell_too_long", Args: []any{s.b.lim.MaxCellLen}})
		case slices.Contains(segmentHeaders, norm) && !hasSegment:
			col.kind, hasSegment = columnSegment, true
		case slices.Contains(periodHeaders, norm):
			col.kind = columnWeek
		default:
			f, prob := s.b.names.Parse(h)
			switch {
			case prob != nil:
				s.addProblem(CellProblem{Row: num, Column: col.letter, Value: h, Text: prob.Text, Args: prob.Args})
			case !domain.PlannableField(f):
				s.addProblem(CellProblem{Row: num, Column: col.letter, Value: h, Text: "plan.bad_field"})
			default:
				col.kind, col.field = columnField, f
			}
		}
		s.columns[i] = col
	}
	if !hasSegment && len(s.b.ws.ActiveSegments()) != 1 {
		s.addProblem(CellProblem{Row: num, Text: "sheets.no_segment_column", Args: []any{segmentList(s.b.ws.ActiveSegments())}})
	}
	if s.b.problemCount() > before {
		return s.b.fileError()
	}
	return nil
}

// data reads one row into a plan; a row with no target is skipped.
func (s *planSheet) data(num int, cells []cell) {
	before := s.b.problemCount()
	cells = cells[:min(len(cells), len(s.columns))]
	if !hasFigures(s.columns, cells) {
		return
	}
	problem := func(col column, c cell, text string, args ...any) {
		s.addProblem(CellProblem{Row: num, Column: col.letter, Header: col.header, Value: clip(c.text), Text: text, Args: args})
	}
	var seg domain.Segment
	segOK := false
	if active := s.b.ws.ActiveSegments(); len(active) == 1 {
		seg, segOK = active[0], true
	}
	var period domain.PlanPeriod
	var periodCol column
	var periodCell cell
	periodOK := false
	var targets []domain.PlanTarget
	for i, c := range cells {
		col := s.columns[i]
		switch col.kind {
		case columnSegment:
			if seg, segOK = s.b.segment(strings.TrimSpace(c.text)); !segOK {
				problem(col, c, "sheets.unknown_segment", segmentList(s.b.ws.ActiveSegments()))
			}
		case columnWeek:
			periodCol, periodCell = col, c
			period, periodOK = domain.ParsePlanPeriod(c.text, s.b.now, s.b.ws.Location())
			if !periodOK {
				problem(col, c, "sheets.bad_period")
			}
		case columnField:
			if c.blank() {
				continue
			}
			var e domain.Entry
			if err := e.Set(col.field, valueText(c)); err != nil {
				problem(col, c, errorText(err), errorArgs(err)...)
				continue
			}
			t := domain.PlanTarget{Kind: col.field.Kind, Stage: col.field.Stage}
			switch col.field.Kind {
			case domain.FieldCount:
				t.Value = e.Counts[col.field.Stage]
			case domain.FieldSpend:
				t.Value = int64(*e.Spend)
			case domain.FieldRevenue:
				t.Value = int64(*e.Revenue)
			}
			if t.Value < 0 {
				problem(col, c, "plan.negative")
				continue
			}
			targets = append(targets, t)
		}
	}
	if periodCol.letter == "" {
		s.addProblem(CellProblem{Row: num, Text: "sheets.bad_period"})
	}
	if s.b.problemCount() > before || !segOK || !periodOK {
		return
	}
	key := seg.Key + "|" + string(period.Kind) + "|" + period.Period().From.String()
	if first, dup := s.seen[key]; dup {
		problem(periodCol, periodCell, "sheets.duplicate_row", first)
		return
	}
	s.seen[key] = num
	s.b.plans = append(s.b.plans, domain.Plan{Segment: seg.Key, Kind: period.Kind, Year: period.Year, Num: period.Num, Targets: targets})
}

// planTemplateSheet is the template's sheet of plans: a row per active
// segment for the month of the week after the template's last, the month
// after it and its quarter, with a column per stage, spend and revenue.
func planTemplateSheet(ws *domain.Workspace, lang domain.Lang, spec TemplateSpec) templateSheet {
	sh := templateSheet{
		name: domain.Text(lang, "sheets.sheet.plan"),
		ids:  []string{domain.Text(lang, "entry.label.segment"), domain.Text(lang, "sheets.label.period")},
	}
	if len(spec.Weeks) == 0 {
		return sh // no columns: left out of the workbook
	}
	for _, f := range templateFields(ws) {
		if domain.PlannableField(f) {
			sh.fields = append(sh.fields, f)
		}
	}
	current := spec.Weeks[len(spec.Weeks)-1].Add(1)
	year, month := domain.PlanPeriodOf(domain.PeriodMonth, current)
	next := domain.PlanPeriod{Kind: domain.PeriodMonth, Year: year, Num: month%12 + 1}
	if month == 12 {
		next.Year++
	}
	qYear, quarter := domain.PlanPeriodOf(domain.PeriodQuarter, current)
	periods := []string{periodText(domain.PlanPeriod{Kind: domain.PeriodMonth, Year: year, Num: month}), periodText(next),
		periodText(domain.PlanPeriod{Kind: domain.PeriodQuarter, Year: qYear, Num: quarter})}
	for _, seg := range ws.ActiveSegments() {
		for _, p := range periods {
			sh.rows = append(sh.rows, []string{seg.Name.In(lang), p})
		}
	}
	return sh
}

// periodText writes a plan period as the plan sheet reads it back:
// "2026-03" or "2026-Q2".
func periodText(p domain.PlanPeriod) string {
	if p.Kind == domain.PeriodQuarter {
		return fmt.Sprintf("%04d-Q%d", p.Year, p.Num)
	}
	return fmt.Sprintf("%04d-%02d", p.Year, p.Num)
}

// planTable is the workspace's plans as the plan sheet of an export: a row
// per plan, ordered by segment and period, with a column per stage, spend
// and revenue; nil without plans.
func planTable(ws *domain.Workspace, lang domain.Lang) *table {
	if len(ws.Plans) == 0 {
		return nil
	}
	var fields []domain.Field
	for _, f := range templateFields(ws) {
		if domain.PlannableField(f) {
			fields = append(fields, f)
		}
	}
	for _, p := range ws.Plans {
		for _, t := range p.Targets {
			if !slices.Contains(fields, t.Field()) {
				fields = append(fields, t.Field())
			}
		}
	}
	domain.SortFields(ws, fields)
	t := &table{header: []string{domain.Text(lang, "entry.label.segment"), domain.Text(lang, "sheets.label.period")}}
	for _, f := range fields {
		t.header = append(t.header, f.Header(ws, lang))
	}
	plans := slices.Clone(ws.Plans)
	segIndex := func(key string) int {
		return slices.IndexFunc(ws.Segments, func(s domain.Segment) bool { return s.Key == key })
	}
	slices.SortStableFunc(plans, func(a, b domain.Plan) int {
		return cmp.Or(cmp.Compare(segIndex(a.Segment), segIndex(b.Segment)), cmp.Compare(a.Kind, b.Kind),
			cmp.Compare(a.Year, b.Year), cmp.Compare(a.Num, b.Num))
	})
	for _, p := range plans {
		row := []value{
			{kind: valueString, str: ws.SegmentName(p.Segment, lang)},
			{kind: valueString, str: periodText(domain.PlanPeriod{Kind: p.Kind, Year: p.Year, Num: p.Num})},
		}
		for _, f := range fields {
			target, ok := p.Target(f)
			switch {
			case !ok:
				row = append(row, value{})
			case f.Kind == domain.FieldCount:
				row = append(row, value{kind: valueCount, count: target.Value})
			default:
				row = append(row, value{kind: valueMoney, money: domain.Money(target.Value)})
			}
		}
		t.rows = append(t.rows, row)
	}
	return t
}

// writeExportXLSX writes an export workbook: the numbers, then the plans
// when there are any.
func writeExportXLSX(data table, plans *table, lang domain.Lang) ([]byte, error) {
	if plans == nil {
		return writeXLSX(data, lang, nil)
	}
	f := excelize.NewFile()
	defer f.Close()
	name := domain.Text(lang, "sheets.sheet.data")
	if err := f.SetSheetName(f.GetSheetName(0), name); err != nil {
		return nil, err
	}
	if err := writeDataSheet(f, name, data); err != nil {
		return nil, err
	}
	planSheetName := domain.Text(lang, "sheets.sheet.plan")
	if _, err := f.NewSheet(planSheetName); err != nil {
		return nil, err
	}
	if err := writeDataSheet(f, planSheetName, *plans); err != nil {
		return nil, err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
