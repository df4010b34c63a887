package charts

import (
	"image/color"

	"trackbot/domain"
)

// Table layout.
const (
	tableNameW    = 300
	tableColW     = 220
	tableHeadH    = 64
	tableStageH   = 82
	tableMetricH  = 60
	tableMinWidth = 1080
)

// tableSegments caps the columns at what fits a picture as wide as the
// others with readable cells.
const tableSegments = (pictureWide - 2*margin - tableNameW) / tableColW

// tableCell is what one cell shows: a main value and an optional grey line.
type tableCell struct {
	main  string
	sub   string
	col   color.RGBA
	muted bool
}

// tableRow is a labelled row of cells, one per segment.
type tableRow struct {
	name   string
	height int
	cells  []tableCell
}

// Table draws the method's "one table with everything": stages with counts
// and conversions, then CPL, CAC, average check and ROMI, one column per
// segment with figures (reports of the same period; as many as fit).
// Undefined numbers show as "—"; ROMI is red when the spend did not pay
// back and green when it did.
func (r *Renderer) Table(ws *domain.Workspace, reports []domain.FunnelReport) ([]byte, error) {
	lang := wsLang(ws)
	period := domain.Period{}
	if len(reports) > 0 {
		period = reports[0].Period
	}
	title := domain.Text(lang, "chart.table.title", periodLabel(lang, period, len(reports) > 0))
	var withFigures []domain.FunnelReport
	for _, rep := range reports {
		if rep.HasFigures() {
			withFigures = append(withFigures, rep)
		}
	}
	reports = withFigures[:min(len(withFigures), tableSegments)]
	if len(reports) == 0 {
		return r.noData(lang, title)
	}
	rows := append(stageRows(lang, reports), metricRows(lang, wsCurrency(ws), reports)...)
	colW := max(tableColW, (tableMinWidth-2*margin-tableNameW)/len(reports))
	width := 2*margin + tableNameW + colW*len(reports)
	height := contentTop - 30 + tableHeadH + margin/2
	for _, row := range rows {
		height += row.height
	}
	c, err := newCanvas(r.font, width, height)
	if err != nil {
		return nil, err
	}
	c.header(title, "")
	y := contentTop - 30
	c.tableHeader(lang, y, colW, reports)
	y += tableHeadH
	for i, row := range rows {
		if i%2 == 0 {
			c.rect(margin/2, y, c.w-margin/2, y+row.height, colBand)
		}
		c.tableRow(y, colW, row)
		y += row.height
	}
	return c.encode()
}

// periodLabel names the period, or a dash when there is no report at all.
func periodLabel(lang domain.Lang, p domain.Period, known bool) string {
	if !known {
		return "—"
	}
	return p.Label(lang)
}

// tableHeader writes the segment names over the columns, the focus
// segment starred and bold.
func (c *canvas) tableHeader(lang domain.Lang, y, colW int, reports []domain.FunnelReport) {
	for i, rep := range reports {
		cx := margin + tableNameW + i*colW + colW/2
		nameW := colW - 16
		if rep.Segment.Focus {
			nameW -= 36
		}
		size := c.fitSize(segmentName(lang, rep.Segment), sizeLabel, nameW)
		name := c.fit(segmentName(lang, rep.Segment), size, nameW)
		w := c.textWidth(name, size)
		x := cx - w/2
		if rep.Segment.Focus {
			x += 18
			c.star(x-22, y+tableHeadH/2+sizeLabel/3-sizeLabel*35/100, 14, colFocus)
		}
		c.text(name, x, y+tableHeadH/2+sizeLabel/3, size, colInk, alignLeft, rep.Segment.Focus)
	}
	c.rect(margin/2, y+tableHeadH-3, c.w-margin/2, y+tableHeadH-1, colMuted)
}

// stageRows lists each stage, in funnel order, with its count and the
// conversion from the previous stage.
func stageRows(lang domain.Lang, reports []domain.FunnelReport) []tableRow {
	var keys []string
	names := map[string]string{}
	for _, rep := range reports {
		for _, st := range rep.Stages {
			if _, seen := names[st.Stage.Key]; !seen {
				keys = append(keys, st.Stage.Key)
				names[st.Stage.Key] = st.Stage.Name.In(lang)
			}
		}
	}
	var rows []tableRow
	for _, key := range keys {
		row := tableRow{name: names[key], height: tableStageH}
		for _, rep := range reports {
			st, ok := stagesByKey(rep)[key]
			if !ok || !st.Reported {
				row.cells = append(row.cells, tableCell{main: "—", muted: true})
				continue
			}
			cell := tableCell{main: domain.FormatCount(st.Count)}
			if st.Conv.OK {
				cell.sub = percent(st.Conv.V, lang)
			}
			row.cells = append(row.cells, cell)
		}
		rows = append(rows, row)
	}
	return rows
}

// metricRows lists the unit economics under the stages.
func metricRows(lang domain.Lang, currency string, reports []domain.FunnelReport) []tableRow {
	money := func(key string, get func(domain.FunnelReport) domain.Value) tableRow {
		row := tableRow{name: domain.Text(lang, key), height: tableMetricH}
		for _, rep := range reports {
			v := get(rep)
			row.cells = append(row.cells, tableCell{main: domain.FormatMoneyValue(v, currency, lang), muted: !v.OK})
		}
		return row
	}
	romi := tableRow{name: domain.Text(lang, "chart.table.romi"), height: tableMetricH}
	for _, rep := range reports {
		cell := tableCell{main: domain.FormatPercent(rep.ROMI, lang), muted: !rep.ROMI.OK}
		if paid, known := rep.PaidBack(); known {
			cell.col = colGood
			if !paid {
				cell.col = colBad
			}
		}
		romi.cells = append(romi.cells, cell)
	}
	return []tableRow{
		money("chart.table.cpl", func(r domain.FunnelReport) domain.Value { return r.CPL }),
		money("chart.table.cac", func(r domain.FunnelReport) domain.Value { return r.CAC }),
		money("chart.table.avg_check", func(r domain.FunnelReport) domain.Value { return r.AvgCheck }),
		romi,
	}
}

// tableRow draws a row: the name on the left, each cell centred in its
// column, its number shrinking rather than losing digits.
func (c *canvas) tableRow(y, colW int, row tableRow) {
	nameSize := float64(sizeLabel - 2)
	mid := y + row.height/2
	c.text(c.fit(row.name, nameSize, tableNameW-10), margin, mid+int(nameSize)/3, nameSize, colInk, alignLeft, false)
	for i, cell := range row.cells {
		cx := margin + tableNameW + i*colW + colW/2
		col := colInk
		switch {
		case cell.muted:
			col = colMuted
		case cell.col != (color.RGBA{}):
			col = cell.col
		}
		main := cell.main
		size := c.fitSize(main, sizeValue, colW-16)
		if size <= minFontSize {
			main = c.fit(main, size, colW-16)
		}
		if cell.sub == "" {
			c.text(main, cx, mid+int(size)/3, size, col, alignCenter, !cell.muted)
			continue
		}
		c.text(main, cx, mid-4, size, col, alignCenter, true)
		c.text(cell.sub, cx, mid+30, sizeSmall, colMuted, alignCenter, false)
	}
}
