package charts

import (
	"image/color"

	"trackbot/domain"
)

// mixSegments caps the segments drawn; a workspace rarely has more.
const mixSegments = 6

// Segment mix layout: a name column, then four thin bars per segment.
const (
	mixNameRight = 350
	mixBarLeft   = 375
	mixBar       = 30
	mixBarStep   = 38
	mixGap       = 30
)

// mixMeasure is one of the four shares drawn per segment.
type mixMeasure struct {
	key   string
	col   color.RGBA
	value func(domain.FocusRow) domain.Value
}

// mixMeasures puts effort (leads, spend, in blues) above money (revenue,
// gross profit, in golds) so a segment that takes more than it brings shows
// long blue bars over short gold ones.
var mixMeasures = []mixMeasure{
	{"chart.mix.leads", colLeads, func(r domain.FocusRow) domain.Value { return r.LeadsShare }},
	{"chart.mix.spend", colSpend, func(r domain.FocusRow) domain.Value { return r.SpendShare }},
	{"chart.mix.revenue", colRevenue, func(r domain.FocusRow) domain.Value { return r.RevenueShare }},
	{"chart.mix.gross_profit", colGrossProfit, func(r domain.FocusRow) domain.Value { return r.GrossProfitShare }},
}

// SegmentMix draws, per segment, its share of leads and spend against its
// share of revenue and gross profit over the period; a segment with no
// figures is left out. The focus segment is starred and bold; a segment
// flagged as misfocus is marked in red.
func (r *Renderer) SegmentMix(ws *domain.Workspace, p domain.Period, rows []domain.FocusRow) ([]byte, error) {
	lang := wsLang(ws)
	title := domain.Text(lang, "chart.mix.title", p.Label(lang))
	rows = domain.FocusRowsWithFigures(rows)
	if !anyMix(rows) {
		return r.noData(lang, title)
	}
	rows = rows[:min(len(rows), mixSegments)]
	block := len(mixMeasures)*mixBarStep + mixGap
	c, err := newCanvas(r.font, pictureWide, max(480, contentTop+len(rows)*block+margin/2))
	if err != nil {
		return nil, err
	}
	c.header(title, "")
	c.mixLegend(lang)

	var scale float64
	for _, row := range rows {
		for _, m := range mixMeasures {
			if v := m.value(row); v.OK {
				scale = max(scale, v.V)
			}
		}
	}
	barMax := c.w - margin - mixBarLeft - 100
	for i, row := range rows {
		top := contentTop + i*block
		c.mixName(lang, top, len(mixMeasures)*mixBarStep, row)
		for j, m := range mixMeasures {
			sr := shareRow{share: m.value(row), col: m.col}
			c.shareBar(lang, mixBarLeft, top+j*mixBarStep, mixBar, barMax, scale, sr, false)
		}
	}
	return c.encode()
}

func anyMix(rows []domain.FocusRow) bool {
	for _, row := range rows {
		for _, m := range mixMeasures {
			if m.value(row).OK {
				return true
			}
		}
	}
	return false
}

// mixLegend names the four bar colours on the subtitle line.
func (c *canvas) mixLegend(lang domain.Lang) {
	x, y := margin, titleBase+44
	for _, m := range mixMeasures {
		c.rect(x, y-20, x+28, y+2, m.col)
		x += 38 + c.text(domain.Text(lang, m.key), x+38, y, sizeSmall, colInk, alignLeft, false) + 34
	}
}

// mixName draws the segment name beside its bars: a star and bold for the
// focus segment, red with a note for a misfocus one.
func (c *canvas) mixName(lang domain.Lang, top, height int, row domain.FocusRow) {
	mid := top + height/2
	col := colInk
	if row.Misfocus {
		col = colBad
		c.rect(margin/2, top, margin/2+8, top+height-6, colBad)
	}
	nameW := mixNameRight - margin
	if row.Segment.Focus {
		nameW -= 40
	}
	name := c.fit(segmentName(lang, row.Segment), sizeLabel, nameW)
	nameY := mid + sizeLabel/3
	if row.Misfocus {
		nameY -= 20
	}
	w := c.text(name, mixNameRight, nameY, sizeLabel, col, alignRight, row.Segment.Focus)
	if row.Segment.Focus {
		c.star(mixNameRight-w-22, nameY-sizeLabel/3, 15, colFocus)
	}
	if row.Misfocus {
		note := c.fit(domain.Text(lang, "chart.mix.misfocus"), sizeSmall, mixNameRight-margin)
		c.text(note, mixNameRight, nameY+40, sizeSmall, colBad, alignRight, false)
	}
}
