package charts

import (
	"image/color"
	"math"

	"trackbot/domain"
)

// Funnel layout: stage names on the left, bars in the middle, conversions
// on the right; under each bar the comparison period's, thinner and grey.
const (
	funnelNameRight = 290
	funnelBarLeft   = 310
	funnelConvLeft  = 950
	funnelRowHeight = 96
	funnelBarHeight = 40
	funnelGhostGap  = 6
	funnelGhost     = 12
	// funnelSecondLine is the baseline of a row's grey figures.
	funnelSecondLine = 74
)

// funnelReadableBar is the shortest bar, in pixels, a stage may get on a
// linear scale: about eight pixels on a phone. A funnel whose smallest
// stage would get less is drawn on a log scale.
const funnelReadableBar = 8 * pictureWide / phoneWidth

// Funnel draws the stages of cur top to bottom as horizontal bars, longer for
// larger counts, each with its count and its conversion from the previous
// stage. The bars are on a linear axis from zero when every stage gets a
// readable bar that way; a funnel from impressions to payments spans too
// many orders of magnitude for that, so it is drawn on a log scale, said
// in the legend, with the counts written. The comparison report (the
// previous week or the 4-week baseline, named by beforeLabel) shows as a
// thin grey bar under each stage with its count in grey, scaled to the
// current period's number of weeks. A conversion's change is red or green
// only when domain.Compare finds it significant against the noise of the
// earlier periods (domain.EarlierReports, the same the review's headline
// lists moves by), which a conversion over 100% (a data problem) never is.
func (r *Renderer) Funnel(ws *domain.Workspace, cur, before domain.FunnelReport, earlier []domain.FunnelReport, beforeLabel string) ([]byte, error) {
	lang := wsLang(ws)
	title := titleFor(lang, "chart.funnel.title", cur.Segment, cur.Period)
	if !anyReported(cur) {
		return r.noData(lang, title)
	}
	stages := shownStages(cur, before)
	height := max(480, contentTop+len(stages)*funnelRowHeight+10)
	c, err := newCanvas(r.font, pictureWide, height)
	if err != nil {
		return nil, err
	}
	ghost := perWeekOf(before, cur.Weeks)
	prev := stagesByKey(ghost)
	// The longest bar leaves room for its count before the conversions.
	barMax := funnelConvLeft - funnelBarLeft - c.textWidth(domain.FormatCount(int64(funnelScale(cur, ghost).top)), sizeValue) - 30
	scale := funnelScale(cur, ghost)
	scale.log = scale.top > 0 && float64(barMax)*float64(scale.least)/scale.top < funnelReadableBar

	c.header(title, "")
	scaleNote := ""
	if scale.log {
		scaleNote = domain.Text(lang, "chart.funnel.log_scale")
	}
	c.funnelLegend(cur.Period.Label(lang), beforeLabel, scaleNote, domain.Text(lang, "chart.funnel.conv"))
	changes := map[domain.Metric]domain.Change{}
	for _, ch := range domain.Compare(cur, before, earlier) {
		changes[ch.Metric] = ch
	}
	firstReported := true
	for i, st := range stages {
		top := contentTop + i*funnelRowHeight
		if i%2 == 1 {
			c.rect(margin/2, top-10, c.w-margin/2, top+funnelRowHeight-10, colBand)
		}
		old, hasOld := prev[st.Stage.Key]
		c.funnelRow(lang, top, barMax, scale, st, old, hasOld && old.Reported)
		c.funnelConversion(lang, top, st, old, hasOld, changes[domain.ConvMetric(st.Stage.Key)], firstReported)
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

// funnelLegend explains the blue and grey bars on the subtitle line, and
// says when the bars are on a log scale.
func (c *canvas) funnelLegend(nowLabel, beforeLabel, scaleNote, convHeader string) {
	y := titleBase + 44
	x := margin
	c.rect(x, y-22, x+28, y+2, colBar)
	x += 38
	x += c.text(c.fit(nowLabel, sizeSmall, 300), x, y, sizeSmall, colInk, alignLeft, false) + 30
	if beforeLabel != "" {
		c.rect(x, y-14, x+28, y-6, colGhost)
		x += 38
		x += c.text(c.fit(beforeLabel, sizeSmall, funnelConvLeft-x-20), x, y, sizeSmall, colMuted, alignLeft, false) + 30
	}
	if scaleNote != "" {
		c.text(c.fit("· "+scaleNote, sizeSmall, funnelConvLeft-x-20), x, y, sizeSmall, colMuted, alignLeft, false)
	}
	c.text(c.fit(convHeader, sizeSmall, c.w-margin/2-funnelConvLeft), funnelConvLeft, y, sizeSmall, colMuted, alignLeft, false)
}

// funnelRow draws one stage's name, its bar with the count, and the ghost bar
// of the comparison period.
func (c *canvas) funnelRow(lang domain.Lang, top, barMax int, scale countScale, st, old domain.StageFigure, hasOld bool) {
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
		w := scale.length(st.Count, barMax)
		c.bar(funnelBarLeft, top, funnelBarLeft+w, top+funnelBarHeight, colBar)
		c.text(domain.FormatCount(st.Count), funnelBarLeft+w+10, mid+sizeValue/3, sizeValue, colInk, alignLeft, true)
	}
	if hasOld {
		gy := top + funnelBarHeight + funnelGhostGap
		w := scale.length(old.Count, barMax)
		c.bar(funnelBarLeft, gy, funnelBarLeft+w, gy+funnelGhost, colGhost)
		c.text(domain.FormatCount(old.Count), funnelBarLeft+w+10, top+funnelSecondLine, sizeSmall, colMuted, alignLeft, false)
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
	c.text(percent(old.Conv.V, lang), funnelConvLeft, top+funnelSecondLine, sizeSmall, colMuted, alignLeft, false)

	delta := change.Delta.V
	col := changeColour(change)
	x := funnelConvLeft + w + 16
	if change.Moved() {
		c.triangle(x, mid, 20, delta > 0, col)
		x += 26
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

// countScale maps counts onto bar lengths: linear from zero up to top, or
// logarithmic when the smallest count would not get a readable bar.
type countScale struct {
	top   float64 // the largest count, the full bar length
	least int64   // the smallest non-zero count
	log   bool
}

// funnelScale is the largest and the smallest non-zero count of the reports.
func funnelScale(reps ...domain.FunnelReport) countScale {
	var s countScale
	for _, rep := range reps {
		for _, st := range rep.Stages {
			if !st.Reported || st.Count <= 0 {
				continue
			}
			s.top = math.Max(s.top, float64(st.Count))
			if s.least == 0 || st.Count < s.least {
				s.least = st.Count
			}
		}
	}
	return s
}

// length maps a count onto [0, barMax] pixels; a non-zero count always
// shows at least minBar so it is not mistaken for zero. On the log scale
// a count of n is as long as log(1+n), so one item still gets a bar.
func (s countScale) length(n int64, barMax int) int {
	if n <= 0 || s.top <= 0 {
		return 0
	}
	f := float64(n) / s.top
	if s.log {
		f = math.Log1p(float64(n)) / math.Log1p(s.top)
	}
	return max(minBar, int(math.Round(f*float64(barMax))))
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
