package domain

// A slow slide hides from a week-against-baseline test: every week is
// only a little worse than the few before it, and after two months the
// conversion is a third lower. The trend rule looks at the weeks ending
// with the period:
//
//   - the level: the last TrendRecentWeeks pooled against up to 12 weeks
//     before the last TrendWeeks (a proportion test; this p-value enters
//     the pack's false-discovery control);
//   - the shape: over the last TrendWeeks the weighted slope of the weekly
//     rates is negative with z ≤ −TrendSlopeZ, and so it is without the
//     last week (z ≤ −TrendPriorZ), so one bad week is not told as a drift;
//   - the size: both the level's fall and the fitted line's fall are
//     material (materialFall).
//
// The story names how long the slide runs (the longest window up to 12
// weeks whose slope still passes) and the fitted rates at its ends.
const (
	TrendWeeks       = 8
	TrendRecentWeeks = 4
	TrendSlopeZ      = 2.0
	TrendPriorZ      = 1.5
	trendLongRun     = 12
	trendMinLongRun  = 4
	trendMaxWeeks    = 12
	trendMinWeeks    = 6
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
	span := trendLongRun + TrendWeeks
	weeks := make([]FunnelReport, span)
	for i, w := range LastWeeks(h.p.To, span).Weeks() {
		weeks[i] = BuildReport(ws, h.seg.Key, WeekPeriod(w), h.recs)
	}
	var out []*signal
	for _, f := range h.cur.Stages {
		from, ok := h.cur.PreviousReported(f.Stage.Key)
		if !f.Reported || !ok {
			continue
		}
		rates := make([]weekRate, span)
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
	n := len(rates)
	window, long := rates[n-TrendWeeks:], rates[max(0, n-TrendWeeks-trendLongRun):n-TrendWeeks]
	var lk, ln []int64
	for _, r := range long {
		if r.n > 0 {
			lk, ln = append(lk, r.k), append(ln, r.n)
		}
	}
	if len(lk) < trendMinLongRun || weeksWithData(window) < trendMinWeeks {
		return nil
	}
	longK, longN, phi := usualRate(lk, ln)
	var recentK, recentN int64
	for _, r := range rates[n-TrendRecentWeeks:] {
		recentK, recentN = recentK+r.k, recentN+r.n
	}
	if recentN == 0 {
		return nil
	}
	ev := rateEvidence(TestTrend, ConvMetric(st.Key), recentK, recentN, longK, longN, phi, len(lk))
	s := &signal{kind: signalTrend, h: h, stage: st, from: from, now: ev.Now, base: ev.Base}
	z, b, a := rateSlope(window, phi)
	zPrior, _, _ := rateSlope(window[:len(window)-1], phi)
	ev.Z, ev.Slope, ev.Weeks = z, b, TrendWeeks
	s.ev = ev
	fitted := func(t float64) float64 { return a + b*t }
	s.material = z <= -TrendSlopeZ && zPrior <= -TrendPriorZ &&
		materialFall(ev.Now.V, ev.Base.V) && materialFall(fitted(float64(TrendWeeks-1)), fitted(0))
	if !s.material {
		return s
	}
	s.trend = &Trend{Weeks: TrendWeeks, From: Some(fitted(0)), To: Some(fitted(float64(TrendWeeks - 1))), Slope: b}
	for l := min(trendMaxWeeks, n); l > TrendWeeks; l-- {
		if z, b, a := rateSlope(rates[n-l:], phi); z <= -TrendSlopeZ && weeksWithData(rates[n-l:]) >= l-1 {
			s.trend = &Trend{Weeks: l, From: Some(max(0, a)), To: Some(max(0, a+b*float64(l-1))), Slope: b}
			break
		}
	}
	return s
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

// rateSlope fits the weekly rates against the week's index by weighted
// least squares (each week weighted by its items over the binomial
// variance times phi) and returns the slope's z, the slope and the
// intercept at the first week.
func rateSlope(rates []weekRate, phi float64) (z, b, a float64) {
	var k, n int64
	for _, r := range rates {
		k, n = k+r.k, n+r.n
	}
	if n == 0 || k == 0 || k == n {
		return 0, 0, 0
	}
	pooled := float64(k) / float64(n)
	ts, ys, ws := make([]float64, len(rates)), make([]float64, len(rates)), make([]float64, len(rates))
	var sw, st, sy float64
	for i, r := range rates {
		ts[i] = float64(i)
		if r.n > 0 {
			ys[i] = float64(r.k) / float64(r.n)
			ws[i] = float64(r.n) / (phi * pooled * (1 - pooled))
			sw, st, sy = sw+ws[i], st+ws[i]*ts[i], sy+ws[i]*ys[i]
		}
	}
	b, se, ok := slope(ts, ys, ws)
	if !ok || se == 0 {
		return 0, 0, 0
	}
	return b / se, b, sy/sw - b*st/sw
}
