package charts

import (
	"cmp"
	"image"
	"math"
	"slices"

	"trackbot/domain"
)

// trendWeeks and trendLines keep the trend readable rather than complete.
const (
	trendWeeks = 12
	trendLines = 4
)

// conversionSeries is one stage's conversion over the weeks.
type conversionSeries struct {
	index  int // stage position in the funnel, for a stable order
	name   string
	values []domain.Value
	moved  float64 // max − min of the defined values
}

// Trend draws the conversions of the last weeks of one segment (weekly
// reports, oldest first, from the first with a record; only the last 12,
// or fewer if their labels would not fit, are shown) as lines on a percent axis from zero. Of all
// conversions it keeps the four that moved most, so the picture shows what
// changed instead of every line at once.
func (r *Renderer) Trend(ws *domain.Workspace, weekly []domain.FunnelReport) ([]byte, error) {
	lang := wsLang(ws)
	weekly = sinceFirstRecord(weekly)
	if len(weekly) == 0 {
		return r.noData(lang, domain.Text(lang, "chart.trend.title", segmentName(lang, domain.Segment{}), "—"))
	}
	c, err := newCanvas(r.font, pictureWide, 720)
	if err != nil {
		return nil, err
	}
	plotLeft, plotRight := margin+90, c.w-margin-110
	// No more weeks than their labels fit apart.
	if n := min(trendWeeks, (plotRight-plotLeft-40)/c.weekSlot(lang)+1); len(weekly) > n {
		weekly = weekly[len(weekly)-n:]
	}
	title := titleFor(lang, "chart.trend.title", weekly[len(weekly)-1].Segment, spanOf(weekly))
	series := pickMovers(conversionSeriesOf(lang, weekly), trendLines)
	if len(series) == 0 {
		return r.noData(lang, title)
	}
	c.header(title, "")
	legendBottom := c.seriesLegend(series, titleBase+44)

	var top float64
	for _, s := range series {
		for _, v := range s.values {
			if v.OK {
				top = math.Max(top, v.V)
			}
		}
	}
	plot := image.Rect(plotLeft, legendBottom+40, plotRight, c.h-80)
	axisTop, step := niceAxis(top)
	c.percentAxis(lang, plot, axisTop, step)
	xs := c.weekAxis(plot, weekly)
	c.trendLines(lang, plot, axisTop, xs, series)
	return c.encode()
}

// sinceFirstRecord drops the weeks before the first one with a record, so
// a young workspace's trend starts at its first week instead of after
// empty space.
func sinceFirstRecord(weekly []domain.FunnelReport) []domain.FunnelReport {
	for i, rep := range weekly {
		if rep.Weeks > 0 {
			return weekly[i:]
		}
	}
	return weekly
}

// spanOf is the period from the first report's start to the last one's end.
func spanOf(weekly []domain.FunnelReport) domain.Period {
	first, last := weekly[0].Period, weekly[len(weekly)-1].Period
	if first.From == last.To {
		return domain.WeekPeriod(first.From)
	}
	return domain.Period{Kind: domain.PeriodRange, From: first.From, To: last.To}
}

// conversionSeriesOf collects, for every stage after the first, its
// conversion in each week, named "Leads → Qualified" after the latest
// report's stage order.
func conversionSeriesOf(lang domain.Lang, weekly []domain.FunnelReport) []conversionSeries {
	latest := weekly[len(weekly)-1].Stages
	var out []conversionSeries
	for i := 1; i < len(latest); i++ {
		key := latest[i].Stage.Key
		s := conversionSeries{index: i, name: latest[i-1].Stage.Name.In(lang) + " " + arrowText + " " + latest[i].Stage.Name.In(lang)}
		lo, hi, any := math.Inf(1), math.Inf(-1), false
		for _, rep := range weekly {
			v := domain.None
			if st, ok := stagesByKey(rep)[key]; ok {
				v = st.Conv
			}
			s.values = append(s.values, v)
			if v.OK {
				lo, hi, any = math.Min(lo, v.V), math.Max(hi, v.V), true
			}
		}
		if any {
			s.moved = hi - lo
			out = append(out, s)
		}
	}
	return out
}

// pickMovers keeps the n series that moved most, in funnel order.
func pickMovers(all []conversionSeries, n int) []conversionSeries {
	byMove := slices.Clone(all)
	slices.SortStableFunc(byMove, func(a, b conversionSeries) int { return cmp.Compare(b.moved, a.moved) })
	byMove = byMove[:min(n, len(byMove))]
	slices.SortFunc(byMove, func(a, b conversionSeries) int { return cmp.Compare(a.index, b.index) })
	return byMove
}

// seriesLegend draws coloured swatches with names, wrapping to a new line
// when needed, and returns the y below it.
func (c *canvas) seriesLegend(series []conversionSeries, y int) int {
	x := margin
	for i, s := range series {
		name := c.fit(s.name, sizeSmall, 520)
		w := 40 + c.textWidth(name, sizeSmall) + 36
		if x+w > c.w-margin && x > margin {
			x, y = margin, y+38
		}
		col := colSeries[i%len(colSeries)]
		c.rect(x, y-12, x+30, y-6, col)
		c.text(name, x+40, y, sizeSmall, colInk, alignLeft, false)
		x += w
	}
	return y
}

// niceAxis returns an axis top at or above v and a round tick step, about
// four ticks from zero; an all-zero axis still gets a range.
func niceAxis(v float64) (top, step float64) {
	if !(v > 0) || math.IsInf(v, 0) {
		return 0.1, 0.025
	}
	raw := v / 4
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if step = m * mag; step >= raw {
			break
		}
	}
	return math.Ceil(v/step-1e-9) * step, step
}

// percentAxis draws horizontal grid lines with percent labels from 0 to top.
func (c *canvas) percentAxis(lang domain.Lang, plot image.Rectangle, top, step float64) {
	for i := 0; float64(i)*step <= top+step/1000; i++ {
		v := float64(i) * step
		y := plot.Max.Y - int(math.Round(v/top*float64(plot.Dy())))
		col := colGrid
		if i == 0 {
			col = colMuted
		}
		c.rect(plot.Min.X, y-1, plot.Max.X, y+1, col)
		c.text(percent(v, lang), plot.Min.X-14, y+sizeSmall/3, sizeSmall, colMuted, alignRight, false)
	}
}

// weekAxis labels each week under the plot and returns the x of each week.
func (c *canvas) weekAxis(plot image.Rectangle, weekly []domain.FunnelReport) []int {
	xs := make([]int, len(weekly))
	for i, rep := range weekly {
		xs[i] = (plot.Min.X + plot.Max.X) / 2
		if len(weekly) > 1 {
			xs[i] = plot.Min.X + 20 + i*(plot.Dx()-40)/(len(weekly)-1)
		}
		c.text(weekLabel(rep.Period.To), xs[i], plot.Max.Y+40, sizeSmall, colMuted, alignCenter, false)
	}
	return xs
}

// trendLines draws each series as a line with dots, broken where a week has
// no value, and labels its last value at the right edge.
func (c *canvas) trendLines(lang domain.Lang, plot image.Rectangle, top float64, xs []int, series []conversionSeries) {
	yOf := func(v float64) int { return plot.Max.Y - int(math.Round(v/top*float64(plot.Dy()))) }
	type endLabel struct {
		y    int
		text string
		i    int
	}
	var ends []endLabel
	for i, s := range series {
		col := colSeries[i%len(colSeries)]
		var run []image.Point
		for w, v := range s.values {
			if !v.OK {
				c.polyline(run, 6, col)
				run = nil
				continue
			}
			run = append(run, image.Point{xs[w], yOf(v.V)})
		}
		c.polyline(run, 6, col)
		last := -1
		for w, v := range s.values {
			if v.OK {
				c.dot(xs[w], yOf(v.V), 7, col)
				last = w
			}
		}
		ends = append(ends, endLabel{y: yOf(s.values[last].V), text: percent(s.values[last].V, lang), i: i})
	}
	// Push end labels apart so close lines keep readable numbers.
	slices.SortStableFunc(ends, func(a, b endLabel) int { return cmp.Compare(a.y, b.y) })
	for k := 1; k < len(ends); k++ {
		ends[k].y = max(ends[k].y, ends[k-1].y+32)
	}
	for _, e := range ends {
		c.text(e.text, plot.Max.X+14, e.y+sizeSmall/3, sizeValue, colSeries[e.i%len(colSeries)], alignLeft, true)
	}
}
