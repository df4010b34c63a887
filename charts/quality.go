package charts

import (
	"image"
	"image/color"
	"math"

	"trackbot/domain"
)

// qualityReasons is how many non-target reasons the right panel lists.
const qualityReasons = 6

// Lead quality layout: the weekly bars on the left, the reasons on the
// right.
const (
	qualityPlotLeft  = margin + 92
	qualityPlotRight = 800
	qualityPanelLeft = 850
)

// LeadQuality draws the share of non-target leads per week (weekly reports
// of one segment, oldest first; from the first with a record, the last
// weeks whose labels fit are shown,
// eight on a phone-readable picture) as bars on a percent
// axis from zero, and next to it the split of the latest week's non-target
// leads by reason. The latest bar is red when the share grew significantly,
// green when it fell so, because a higher non-target share is worse.
func (r *Renderer) LeadQuality(ws *domain.Workspace, weekly []domain.FunnelReport) ([]byte, error) {
	lang := wsLang(ws)
	weekly = sinceFirstRecord(weekly)
	if len(weekly) == 0 {
		return r.noData(lang, domain.Text(lang, "chart.quality.title", segmentName(lang, domain.Segment{}), "—"))
	}
	c, err := newCanvas(r.font, pictureWide, 720)
	if err != nil {
		return nil, err
	}
	plot := image.Rect(qualityPlotLeft, contentTop+30, qualityPlotRight, c.h-80)
	if n := plot.Dx() / c.weekSlot(lang); len(weekly) > n {
		weekly = weekly[len(weekly)-n:]
	}
	latest := weekly[len(weekly)-1]
	title := titleFor(lang, "chart.quality.title", latest.Segment, spanOf(weekly))
	if !anyShare(weekly) {
		return r.noData(lang, title)
	}
	c.header(title, "")
	c.text(c.fit(domain.Text(lang, "chart.quality.share"), sizeSmall, qualityPanelLeft-margin-30), margin, titleBase+44, sizeSmall, colMuted, alignLeft, false)
	c.shareHistory(lang, plot, weekly)
	c.reasonPanel(lang, image.Rect(qualityPanelLeft, titleBase+44, c.w-margin, c.h-margin), latest)
	return c.encode()
}

func anyShare(weekly []domain.FunnelReport) bool {
	for _, rep := range weekly {
		if rep.NonTargetShare.OK {
			return true
		}
	}
	return false
}

// shareHistory draws one bar per week with its percent above it.
func (c *canvas) shareHistory(lang domain.Lang, plot image.Rectangle, weekly []domain.FunnelReport) {
	var top float64
	for _, rep := range weekly {
		if rep.NonTargetShare.OK {
			top = math.Max(top, rep.NonTargetShare.V)
		}
	}
	axisTop, step := niceAxis(top)
	c.percentAxis(lang, plot, axisTop, step)
	slot := plot.Dx() / len(weekly)
	barW := min(70, slot*2/3)
	size := float64(sizeSmall)
	for i, rep := range weekly {
		cx := plot.Min.X + slot*i + slot/2
		c.text(weekLabel(rep.Period.To), cx, plot.Max.Y+40, size, colMuted, alignCenter, false)
		v := rep.NonTargetShare
		if !v.OK {
			c.text("—", cx, plot.Max.Y-12, size, colMuted, alignCenter, false)
			continue
		}
		h := int(math.Round(v.V / axisTop * float64(plot.Dy())))
		col := colGhost
		if i == len(weekly)-1 {
			col = latestShareColour(weekly)
		}
		if v.V > 0 {
			h = max(h, minBar)
		}
		c.bar(cx-barW/2, plot.Max.Y-h, cx+barW/2, plot.Max.Y, col)
		c.text(percent(v.V, lang), cx, plot.Max.Y-h-10, size, colInk, alignCenter, i == len(weekly)-1)
	}
}

// weekSlot is the width one week needs on an axis: its label or a percent
// above its bar, whichever is wider, and a gap.
func (c *canvas) weekSlot(lang domain.Lang) int {
	return max(c.textWidth("W00", sizeSmall), c.textWidth(percent(0.888, lang), sizeSmall)+1) + 14
}

// latestShareColour colours the latest week against the one before it:
// red or green when domain finds the change of the share significant, the
// weeks before the latest being its history.
func latestShareColour(weekly []domain.FunnelReport) color.RGBA {
	n := len(weekly)
	if n < 2 {
		return colBar
	}
	var earlier []domain.FunnelReport
	for i := n - 2; i >= 0; i-- {
		if weekly[i].Weeks > 0 {
			earlier = append(earlier, weekly[i])
		}
	}
	change, _ := domain.CompareMetric(weekly[n-1], weekly[n-2], earlier, domain.MetricNonTargetShare)
	if !change.Significant {
		return colBar
	}
	return changeColour(change)
}

// reasonPanel lists the latest period's non-target reasons, a name over
// each bar because the panel is narrow.
func (c *canvas) reasonPanel(lang domain.Lang, box image.Rectangle, rep domain.FunnelReport) {
	c.text(c.fit(domain.Text(lang, "chart.quality.reasons", rep.Period.Label(lang)), sizeSmall, box.Dx()), box.Min.X, box.Min.Y, sizeSmall, colMuted, alignLeft, false)
	rows := reasonRows(lang, rep.NonTarget, qualityReasons)
	if len(rows) == 0 {
		c.text("—", box.Min.X, box.Min.Y+80, sizeLabel, colMuted, alignLeft, false)
		return
	}
	scale := maxShare(rows)
	y := box.Min.Y + 50
	rowH := min(86, (box.Max.Y-y)/len(rows))
	for _, row := range rows {
		c.text(c.fit(row.name, sizeSmall, box.Dx()), box.Min.X, y+sizeSmall, sizeSmall, colInk, alignLeft, false)
		c.shareBar(lang, box.Min.X, y+sizeSmall+12, 32, box.Dx()-110, scale, row, false)
		y += rowH
	}
}
