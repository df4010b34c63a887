package charts

import (
	"image/color"
	"math"

	"trackbot/domain"
)

// Funnel layout: stage names on the left, bars in the middle, conversions
// on the right.
const (
	funnelNameRight = 300
	funnelBarLeft   = 320
	funnelConvLeft  = 1000
	funnelRowHeight = 88
	funnelBarHeight = 40
	funnelGhostGap  = 6
	funnelGhost     = 12
)

// Funnel draws the stages of cur top to bottom as horizontal bars, longer for
// larger counts on an axis from zero, each with its count and its conversion
// from the previous stage. The comparison report (the previous week or the
// 4-week baseline, named by beforeLabel) shows as a thin grey bar under each
// stage, scaled to the current period's number of weeks. A conversion's
// change is red or green only when domain.Compare finds it significant,
// which a conversion over 100% (a data problem) never is.
func (r *Renderer) Funnel(ws *domain.Workspace, cur, before domain.FunnelReport, beforeLabel string) ([]byte, error) {
	lang := wsLang(ws)
	title := titleFor(lang, "chart.funnel.title", cur.Segment, cur.Period)
	if !anyReported(cur) {
		return r.noData(lang, title)
	}
	stages := shownStages(cur, before)
	height := max(480, contentTop+len(stages)*funnelRowHeight+margin/2)
	c, err := newCanvas(r.font, pictureWide, height)
	if err != nil {
		return nil, err
	}
	c.header(title, "")
	c.funnelLegend(cur.Period.Label(lang), beforeLabel, domain.Text(lang, "chart.funnel.conv"))

	ghost := perWeekOf(before, cur.Weeks)
	prev := stagesByKey(ghost)
	scale := funnelScale(cur, ghost)
	// The longest bar leaves room for its count before the conversions.
	barMax := funnelConvLeft - funnelBarLeft - c.textWidth(domain.FormatCount(int64(scale)), sizeValue) - 30
	firstReported := true
	for i, st := range stages {
		top := contentTop + i*funnelRowHeight
		if i%2 == 1 {
			c.rect(margin/2, top-10, c.w-margin/2, top+funnelRowHeight-10, colBand)
		}
		old, hasOld := prev[st.Stage.Key]
		c.funnelRow(lang, top, barMax, scale, st, old, hasOld && old.Reported)
		change, _ := domain.CompareMetric(cur, before, domain.ConvMetric(st.Stage.Key))
		c.funnelConversion(lang, top, st, old, hasOld, change, firstReported)
		firstReported = firstReported && !st.Reported
	}
	return c.encode()
}

// shownStages leaves out the stages neither period reported: a company
// that does not count impressions should not see an empty row for them in
// every picture.
func shownStages(cur, before domain.FunnelReport) []domain.StageFigure {
	reportedBefore := map[string]bool{}
	for _, f := range before.Stages {
		reportedBefore[f.Stage.Key] = f.Reported
	}
	var out []domain.StageFigure
	for _, f := range cur.Stages {
		if f.Reported || reportedBefore[f.Stage.Key] {
			out = append(out, f)
		}
	}
	return out
}

// funnelLegend explains the blue and grey bars on the subtitle line.
func (c *canvas) funnelLegend(nowLabel, beforeLabel, convHeader string) {
	y := titleBase + 44
	x := margin
	c.rect(x, y-20, x+28, y+2, colBar)
	x += 38
	x += c.text(c.fit(nowLabel, sizeSmall, 300), x, y, sizeSmall, colInk, alignLeft, false) + 36
	if beforeLabel != "" {
		c.rect(x, y-13, x+28, y-5, colGhost)
		x += 38
		c.text(c.fit(beforeLabel, sizeSmall, funnelConvLeft-x-20), x, y, sizeSmall, colMuted, alignLeft, false)
	}
	c.text(convHeader, funnelConvLeft, y, sizeSmall, colMuted, alignLeft, false)
}

// funnelRow draws one stage's name, its bar with the count, and the ghost bar
// of the comparison period.
func (c *canvas) funnelRow(lang domain.Lang, top, barMax int, scale float64, st, old domain.StageFigure, hasOld bool) {
	mid := top + funnelBarHeight/2
	nameCol := colInk
	if !st.Reported {
		nameCol = colMuted
	}
	name := c.fit(st.Stage.Name.In(lang), sizeLabel, funnelNameRight-margin/2)
	c.text(name, funnelNameRight, mid+sizeLabel/3, sizeLabel, nameCol, alignRight, st.Reported)

	if !st.Reported {
		c.text("—", funnelBarLeft, mid+sizeValue/3, sizeValue, colMuted, alignLeft, false)
	} else {
		w := barLength(st.Count, scale, barMax)
		c.rect(funnelBarLeft, top, funnelBarLeft+w, top+funnelBarHeight, colBar)
		c.text(domain.FormatCount(st.Count), funnelBarLeft+w+10, mid+sizeValue/3, sizeValue, colInk, alignLeft, true)
	}
	if hasOld {
		gy := top + funnelBarHeight + funnelGhostGap
		w := barLength(old.Count, scale, barMax)
		c.rect(funnelBarLeft, gy, funnelBarLeft+w, gy+funnelGhost, colGhost)
		c.text(domain.FormatCount(old.Count), funnelBarLeft+w+10, gy+funnelGhost, sizeSmall-4, colMuted, alignLeft, false)
	}
}

// funnelConversion draws the conversion into the stage, the comparison
// period's conversion under it, and the change with its direction and
// colour. The first reported stage has nothing to convert from and shows
// no conversion.
func (c *canvas) funnelConversion(lang domain.Lang, top int, st, old domain.StageFigure, hasOld bool, change domain.Change, first bool) {
	mid := top + funnelBarHeight/2
	if !st.Conv.OK {
		if st.Reported && !first {
			c.text("—", funnelConvLeft, mid+sizeValue/3, sizeValue, colMuted, alignLeft, false)
		}
		return
	}
	w := c.text(percent(st.Conv.V, lang), funnelConvLeft, mid+sizeValue/3, sizeValue, colInk, alignLeft, true)
	if !hasOld || !old.Conv.OK || !change.Delta.OK {
		return
	}
	gy := top + funnelBarHeight + funnelGhostGap + funnelGhost
	c.text(percent(old.Conv.V, lang), funnelConvLeft, gy, sizeSmall-4, colMuted, alignLeft, false)

	delta := change.Delta.V
	col := changeColour(change)
	x := funnelConvLeft + w + 16
	if change.Moved() {
		c.triangle(x, mid, 18, delta > 0, col)
		x += 24
	}
	c.text(c.fit(domain.FormatPoints(delta, lang), sizeSmall, c.w-x-margin/2), x, mid+sizeSmall/3, sizeSmall, col, alignLeft, true)
}

// changeColour colours a change of a metric that has a better direction
// (a conversion, the non-target share) by domain's significance rule: red
// when it is significant and bad for the business, green when significant
// and good, grey otherwise.
func changeColour(ch domain.Change) color.RGBA {
	switch {
	case !ch.Significant:
		return colMuted
	case ch.Worse:
		return colBad
	}
	return colGood
}

// perWeekOf rescales the comparison's counts to the length of the current
// period: the 4-week baseline sums its counts, and its bars must read as an
// average week next to one week. Conversions, being ratios, do not change.
func perWeekOf(before domain.FunnelReport, weeks int) domain.FunnelReport {
	if before.Weeks <= 0 || weeks <= 0 || before.Weeks == weeks {
		return before
	}
	scaled := before
	scaled.Stages = make([]domain.StageFigure, len(before.Stages))
	for i, st := range before.Stages {
		st.Count = int64(math.Round(float64(st.Count) * float64(weeks) / float64(before.Weeks)))
		scaled.Stages[i] = st
	}
	return scaled
}

// funnelScale is the largest count of either report, the full bar length.
func funnelScale(reps ...domain.FunnelReport) float64 {
	var top int64
	for _, rep := range reps {
		for _, st := range rep.Stages {
			if st.Reported {
				top = max(top, st.Count)
			}
		}
	}
	return float64(top)
}

// barLength maps a count onto [0, barMax] pixels; a non-zero count always
// shows at least a sliver so it is not mistaken for zero.
func barLength(n int64, scale float64, barMax int) int {
	if n <= 0 || scale <= 0 {
		return 0
	}
	return max(3, int(math.Round(float64(n)/scale*float64(barMax))))
}

func stagesByKey(rep domain.FunnelReport) map[string]domain.StageFigure {
	m := make(map[string]domain.StageFigure, len(rep.Stages))
	for _, st := range rep.Stages {
		m[st.Stage.Key] = st
	}
	return m
}

func anyReported(rep domain.FunnelReport) bool {
	for _, st := range rep.Stages {
		if st.Reported {
			return true
		}
	}
	return false
}
