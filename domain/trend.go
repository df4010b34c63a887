package domain

import "math"

// A slow slide hides from a week-against-baseline test: every week is
// only a little worse than the few before it, and after two months the
// conversion is a third lower. The trend rule fits a line through the
// weekly rates of the last TrendWeeks weeks ending with the period, each
// week weighted by its items, and asks when
//
//   - the slope is negative beyond the rates' noise: a one-sided t-test,
//     the noise measured by the weeks' scatter around the line (never less
//     than binomial), its uncertainty counted in the degrees of freedom
//     (this p-value enters the pack's false-discovery control);
//   - it is a drift, not one bad week: without the last week the slope's
//     t is still at most −TrendPriorT;
//   - it is material: the fitted line and the last TrendRecentWeeks against
//     the first ones both fell by materialFall.
//
// The story tells how long the slide runs: the flat-then-falling line
// (over the last trendStoryWeeks weeks) that fits the rates best, between
// TrendMinWeeks and TrendWeeks long, with its rates at the start and now.
const (
	TrendWeeks       = 12
	TrendMinWeeks    = 6
	TrendRecentWeeks = 4
	TrendPriorT      = 1.5
	trendStoryWeeks  = 20
	// minTrendItems is how many items a week, kept and lost, a rate needs
	// on average for its drift to be tested (see minRateItems).
	minTrendItems = 10
)

// Trend is the story of a drift: the rate fell for Weeks weeks, from From
// to To on the fitted line, by Slope a week.
type Trend struct {
	Weeks    int
	From, To Value
	Slope    float64
}

// weekRate is one week's counts behind a conversion.
type weekRate struct{ k, n int64 }

// trendSignals tests every conversion of the period for a drift down.
func trendSignals(ws *Workspace, h *history) []*signal {
	weeks := make([]FunnelReport, trendStoryWeeks)
	for i, w := range LastWeeks(h.p.To, trendStoryWeeks).Weeks() {
		weeks[i] = BuildReport(ws, h.seg.Key, WeekPeriod(w), h.recs)
	}
	var out []*signal
	for _, f := range h.cur.Stages {
		from, ok := h.cur.PreviousReported(f.Stage.Key)
		if !f.Reported || !ok {
			continue
		}
		rates := make([]weekRate, trendStoryWeeks)
		for i, r := range weeks {
			if k, n, ok := rateCounts(r, f.Stage.Key, from.Stage.Key); ok {
				rates[i] = weekRate{k, n}
			}
		}
		if s := trendSignal(h, f.Stage, from.Stage, rates); s != nil {
			out = append(out, s)
		}
	}
	return out
}

// trendSignal applies the rule to one conversion's weekly counts, oldest
// first, the last being the period's last week.
func trendSignal(h *history, st, from Stage, rates []weekRate) *signal {
	window := rates[len(rates)-TrendWeeks:]
	all := pool(window)
	if weeksWithData(window) < TrendWeeks-2 || min(all.k, all.n-all.k) < minTrendItems*TrendWeeks {
		return nil
	}
	line, ok := rateLine(window)
	if !ok {
		return nil
	}
	prior, _ := rateLine(window[:len(window)-1])
	early, recent := pool(window[:TrendRecentWeeks]), pool(window[len(window)-TrendRecentWeeks:])
	ev := rateEvidence(TestTrend, ConvMetric(st.Key), recent.k, recent.n, early.k, early.n, line.phi, TrendWeeks)
	ev.Z, ev.Slope, ev.Weeks = line.t, line.b, TrendWeeks
	ev.P = studentCDF(line.t, line.df)
	s := &signal{kind: signalTrend, h: h, stage: st, from: from, now: ev.Now, base: ev.Base, ev: ev}
	end := line.a + line.b*float64(TrendWeeks-1)
	s.material = ev.Now.OK && ev.Base.OK && prior.t <= -TrendPriorT &&
		materialFall(end, line.a) && materialFall(ev.Now.V, ev.Base.V)
	if s.material {
		s.trend = story(rates)
	}
	return s
}

// line is a weighted straight line through weekly rates: y = a + b·week,
// its t statistic, the rates' noise over binomial and the degrees of
// freedom of the test.
type line struct {
	a, b, t, phi, df float64
}

// rateLine fits the line through the weeks with data.
func rateLine(rates []weekRate) (line, bool) {
	all := pool(rates)
	if all.n == 0 || all.k == 0 || all.k == all.n {
		return line{}, false
	}
	pooled := float64(all.k) / float64(all.n)
	ts, ys, ws := make([]float64, len(rates)), make([]float64, len(rates)), make([]float64, len(rates))
	points := 0
	for i, r := range rates {
		ts[i] = float64(i)
		if r.n > 0 {
			ys[i] = float64(r.k) / float64(r.n)
			ws[i] = float64(r.n) / (pooled * (1 - pooled))
			points++
		}
	}
	a, b, se, ok := fitLine(ts, ys, ws)
	if !ok || se == 0 {
		return line{}, false
	}
	var chi float64
	for i := range rates {
		if ws[i] > 0 {
			d := ys[i] - (a + b*ts[i])
			chi += d * d * ws[i]
		}
	}
	phi := math.Max(1, chi/float64(points-2))
	return line{a: a, b: b, t: b / (se * math.Sqrt(phi)), phi: phi, df: satterthwaiteDF(phi, points-2)}, true
}

// pool sums weekly counts.
func pool(rates []weekRate) weekRate {
	var out weekRate
	for _, r := range rates {
		out.k, out.n = out.k+r.k, out.n+r.n
	}
	return out
}

func weeksWithData(rates []weekRate) int {
	n := 0
	for _, r := range rates {
		if r.n > 0 {
			n++
		}
	}
	return n
}

// story finds how long the slide runs: among flat-then-falling lines
// whose fall starts TrendMinWeeks to TrendWeeks weeks before the end, the
// one with the least weighted squared error.
func story(rates []weekRate) *Trend {
	ts, ys, ws := make([]float64, len(rates)), make([]float64, len(rates)), make([]float64, len(rates))
	for i, r := range rates {
		if r.n > 0 {
			ys[i], ws[i] = float64(r.k)/float64(r.n), float64(r.n)
		}
	}
	var best *Trend
	bestErr := math.Inf(1)
	for weeks := TrendMinWeeks; weeks <= TrendWeeks; weeks++ {
		start := len(rates) - weeks
		for i := range ts {
			ts[i] = math.Max(0, float64(i-start))
		}
		a, b, _, ok := fitLine(ts, ys, ws)
		if !ok || b >= 0 {
			continue
		}
		var sse float64
		for i := range ts {
			d := ys[i] - (a + b*ts[i])
			sse += ws[i] * d * d
		}
		if sse < bestErr {
			bestErr = sse
			best = &Trend{Weeks: weeks, From: Some(a), To: Some(math.Max(0, a+b*float64(weeks-1))), Slope: b}
		}
	}
	return best
}
