package charts

import (
	"fmt"

	"trackbot/domain"
)

// Managers layout: the names on the left, one column per conversion, the
// header naming the stage converted from over the stage converted into.
const (
	managerNameW  = 280
	managerColW   = 225
	managerHeadH  = 100
	managerRowH   = 96
	managerTrackH = 14
	// managerRows caps the managers drawn; the chat's table lists them all.
	managerRows = 12
)

// managerColumns caps the conversions at what fits a picture as wide as
// the others with readable cells; the ones nearest the money are kept.
const managerColumns = (pictureWide - 2*margin - managerNameW) / managerColW

// managerCell is what one cell of the managers picture shows.
type managerCell struct {
	rate, team domain.Value
	k, n       int64
	asked      bool
	reported   bool
}

// Managers draws each manager's conversion at every stage the managers
// report against the team's: in each cell the rate, red where the review
// asks the sales head about it, the items behind it, and a bar of the
// rate with a dark tick at the team's rate; the team's row comes last.
// As many conversions as fit are drawn, those nearest the money.
func (r *Renderer) Managers(ws *domain.Workspace, v domain.ManagersView) ([]byte, error) {
	lang := wsLang(ws)
	title := titleFor(lang, "chart.managers.title", v.Segment, v.Window)
	if len(v.Rows) == 0 || len(v.Columns) == 0 {
		return r.noData(lang, title)
	}
	cols := v.Columns[max(0, len(v.Columns)-managerColumns):]
	rows := v.Rows[:min(len(v.Rows), managerRows)]
	c, err := newCanvas(r.font, pictureWide, contentTop+managerHeadH+(len(rows)+1)*managerRowH+margin/2)
	if err != nil {
		return nil, err
	}
	c.header(title, domain.Text(lang, "chart.managers.legend"))
	y := contentTop - 20
	for i, col := range cols {
		x := margin + managerNameW + i*managerColW
		c.text(c.fit(col.From.Name.In(lang), sizeSmall, managerColW-16), x, y+38, sizeSmall, colMuted, alignLeft, false)
		c.text(c.fit(arrowText+" "+col.Stage.Name.In(lang), sizeSmall, managerColW-16), x, y+82, sizeSmall, colInk, alignLeft, true)
	}
	y += managerHeadH
	c.rect(margin/2, y-3, c.w-margin/2, y-1, colMuted)
	for i, row := range rows {
		if i%2 == 1 {
			c.rect(margin/2, y, c.w-margin/2, y+managerRowH, colBand)
		}
		cells := make([]managerCell, len(cols))
		for j, col := range cols {
			if ms, ok := row.At(col); ok {
				cells[j] = managerCell{rate: ms.Rate, team: ms.Team, k: ms.K, n: ms.N, asked: ms.Asked, reported: true}
			}
		}
		c.managerRow(lang, y, row.Manager, false, cells)
		y += managerRowH
	}
	c.rect(margin/2, y+1, c.w-margin/2, y+3, colMuted)
	team := make([]managerCell, len(cols))
	for j, col := range cols {
		team[j] = managerCell{rate: col.Team, team: col.Team, k: col.TeamK, n: col.TeamN, reported: true}
	}
	c.managerRow(lang, y, domain.Text(lang, "chart.managers.team"), true, team)
	return c.encode()
}

// managerRow draws a name and its cells: the rate and the items behind it
// over a bar of the rate with the team's tick.
func (c *canvas) managerRow(lang domain.Lang, y int, name string, bold bool, cells []managerCell) {
	c.text(c.fit(name, sizeLabel, managerNameW-20), margin, y+managerRowH/2+sizeLabel/3, sizeLabel, colInk, alignLeft, bold)
	track := managerColW - 30
	for i, cell := range cells {
		x := margin + managerNameW + i*managerColW
		base := y + 44
		if !cell.reported || !cell.rate.OK {
			c.text("—", x, base, sizeValue, colMuted, alignLeft, false)
			continue
		}
		col := colInk
		fill := colBar
		if cell.asked {
			col, fill = colBad, colBad
		}
		w := c.text(percent(cell.rate.V, lang), x, base, sizeValue, col, alignLeft, true)
		if items := fmt.Sprintf("%s/%s", domain.FormatCount(cell.k), domain.FormatCount(cell.n)); c.textWidth(items, sizeSmall) <= managerColW-24-w-12 {
			c.text(items, x+w+12, base, sizeSmall, colMuted, alignLeft, false)
		}
		top := base + 16
		c.rect(x, top, x+track, top+managerTrackH, colGrid)
		if length := int(min(cell.rate.V, 1) * float64(track)); cell.rate.V > 0 {
			c.bar(x, top, x+max(length, minBar), top+managerTrackH, fill)
		}
		if cell.team.OK {
			tx := x + int(min(cell.team.V, 1)*float64(track))
			c.rect(tx-2, top-8, tx+2, top+managerTrackH+8, colInk)
		}
	}
}
