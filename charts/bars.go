package charts

import (
	"image/color"
	"math"

	"trackbot/domain"
)

// shareRow is one labelled horizontal bar of a share.
type shareRow struct {
	name  string
	share domain.Value
	count int64
	col   color.RGBA
}

// reasonRows turns reason shares into bars, keeping the largest first (as
// domain sorts them) and folding everything past limit into one last row so
// the picture stays short and the shares still add up.
func reasonRows(lang domain.Lang, reasons []domain.ReasonShare, limit int) []shareRow {
	var rows []shareRow
	for i, rs := range reasons {
		if i == limit-1 && len(reasons) > limit {
			rows = append(rows, foldRest(lang, reasons[i:]))
			break
		}
		rows = append(rows, shareRow{name: rs.Reason.Name.In(lang), share: rs.Share, count: rs.Count, col: colBar})
	}
	return rows
}

func foldRest(lang domain.Lang, rest []domain.ReasonShare) shareRow {
	row := shareRow{name: domain.Text(lang, "chart.other_reasons", len(rest)), col: colGhost}
	var share float64
	for _, rs := range rest {
		row.count += rs.Count
		if rs.Share.OK {
			share += rs.Share.V
			row.share.OK = true
		}
	}
	row.share.V = share
	return row
}

// maxShare is the longest bar, so bars use the width they have.
func maxShare(rows []shareRow) float64 {
	var top float64
	for _, r := range rows {
		if r.share.OK {
			top = math.Max(top, r.share.V)
		}
	}
	return top
}

// shareBar draws a bar of the share from x over up to barMax pixels and
// writes "38%" after it, with the count in grey when it is known.
func (c *canvas) shareBar(lang domain.Lang, x, top, height, barMax int, scale float64, row shareRow, showCount bool) {
	mid := top + height/2
	if !row.share.OK {
		c.text("—", x, mid+sizeValue/3, sizeValue, colMuted, alignLeft, false)
		return
	}
	w := 0
	if scale > 0 && row.share.V > 0 {
		w = max(minBar, int(math.Round(row.share.V/scale*float64(barMax))))
	}
	c.bar(x, top, x+w, top+height, row.col)
	tx := x + w + 10
	tx += c.text(percent(row.share.V, lang), tx, mid+sizeValue/3, sizeValue, colInk, alignLeft, true)
	if showCount && row.count > 0 {
		c.text("· "+domain.FormatCount(row.count), tx+10, mid+sizeSmall/3, sizeSmall, colMuted, alignLeft, false)
	}
}
