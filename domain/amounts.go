package domain

import (
	"math"
	"slices"
)

// Amounts are judged against their own recent range, never by a fixed
// number of points, on a log scale, over the earlier periods (12 weeks, 6
// months or 4 quarters, at least minAmountHistory). Spend and leads wander
// with budgets and seasons, so they are compared with their recent level
// and the noise of their changes (levelTest). An average check does not
// wander so: the periods that were incidents are left out (further than
// amountIncident robust standard deviations from the median) and the
// period under review is compared with the mean of the rest by a
// prediction t-test; a week of few deals is noisier, so each period weighs
// by its deals and the spread scales with the deals of this one.

// amountIncident is how far from the median (in robust standard
// deviations) an earlier period's amount is left out as an incident.
const amountIncident = 3.5

// minLogSpread keeps a perfectly steady history (the same budget every
// week) from turning any small move into a "significant" one: 5%.
const minLogSpread = 0.05

// amountTest places now among the earlier values on a log scale. weights
// (nil for equal ones) are the deals behind each value and nowWeight those
// behind now. It returns the t statistic, the usual value, the degrees of
// freedom, and ok false with too short a history.
func amountTest(now float64, hist, weights []float64, nowWeight float64) (t, usual float64, df int, ok bool) {
	var xs, ws []float64
	for i, x := range hist {
		if x > 0 {
			xs = append(xs, math.Log(x))
			w := 1.0
			if weights != nil {
				w = weights[i]
			}
			ws = append(ws, w)
		}
	}
	if len(xs) < minAmountHistory || now <= 0 || nowWeight <= 0 {
		return 0, 0, 0, false
	}
	c, s := robustScale(xs)
	limit := amountIncident * math.Max(s, minLogSpread)
	var sw, sx float64
	var kx, kw []float64
	for i, x := range xs {
		if math.Abs(x-c) <= limit {
			kx, kw = append(kx, x), append(kw, ws[i])
			sw, sx = sw+ws[i], sx+ws[i]*x
		}
	}
	if len(kx) < minAmountHistory-1 {
		return 0, 0, 0, false
	}
	mean := sx / sw
	var ss float64
	for i, x := range kx {
		ss += kw[i] * (x - mean) * (x - mean)
	}
	unit := math.Sqrt(ss / float64(len(kx)-1))
	unit = math.Max(unit, minLogSpread*math.Sqrt(median(slices.Clone(kw))))
	se := unit * math.Sqrt(1/nowWeight+1/sw)
	return (math.Log(now) - mean) / se, math.Exp(mean), len(kx) - 1, true
}

// levelTest places now against the recent level of a wandering amount:
// spend and leads follow budgets and seasons, so the last levelWeeks
// periods (their median on a log scale) say more about this one than a
// year's mean, and the noise is the spread of the changes from one period
// to the next (robust, so an incident's two jumps do not count), not of
// the levels. hist is the earlier periods' values, the most recent first.
func levelTest(now float64, hist []float64) (t, usual float64, df int, ok bool) {
	var xs []float64
	for _, x := range hist {
		if x > 0 {
			xs = append(xs, math.Log(x))
		}
	}
	if len(xs) < minAmountHistory || now <= 0 {
		return 0, 0, 0, false
	}
	diffs := make([]float64, len(xs)-1)
	for i := range diffs {
		diffs[i] = xs[i] - xs[i+1]
	}
	// The standard deviation of the changes that were not jumps (further
	// than amountIncident robust deviations): as robust as the median
	// deviation, and a sharper estimate of the noise.
	c, spread := robustScale(diffs)
	limit := amountIncident * math.Max(spread, minLogSpread)
	var ss float64
	kept := 0
	for _, d := range diffs {
		if math.Abs(d-c) <= limit {
			ss += d * d
			kept++
		}
	}
	if kept < minAmountHistory-2 {
		return 0, 0, 0, false
	}
	noise := math.Max(math.Sqrt(ss/float64(kept))/math.Sqrt2, minLogSpread)
	level := median(slices.Clone(xs[:levelWeeks]))
	se := noise * math.Sqrt(1+1.0/levelWeeks)
	return (math.Log(now) - level) / se, math.Exp(level), kept, true
}

// levelWeeks is how many recent periods make an amount's level.
const levelWeeks = 4

// amountEvidence describes an amount's test; upper asks about a rise.
func amountEvidence(m Metric, now float64, hist []float64, t, usual float64, df int, upper bool) Evidence {
	p := studentCDF(t, float64(df))
	if upper {
		p = 1 - p
	}
	return Evidence{Test: TestAmount, Metric: m, Now: Some(now), Base: Some(usual), Low: Some(slices.Min(hist)),
		High: Some(slices.Max(hist)), Slots: len(hist), Z: t, P: p}
}

// costSignals test the spend and the leads a week against their own
// ranges: marketing is asked about spend that rose beyond its noise while
// the leads did not follow, or leads that fell beyond theirs while the
// spend did not, and in either case only when a lead now costs at least
// MinAmountMove more than usual.
func costSignals(h *history) []*signal {
	leads, ok := h.cur.RoleFigure(RoleLeads)
	if !ok || leads.Count == 0 || h.cur.Spend <= 0 {
		return nil
	}
	var cpls, spends, counts []float64
	for _, r := range h.slots {
		if l, ok := r.RoleFigure(RoleLeads); ok && l.Count > 0 && r.Spend > 0 {
			cpls = append(cpls, r.Spend.Units()/float64(l.Count))
			spends = append(spends, perWeekOf(r, r.Spend.Units()))
			counts = append(counts, perWeekOf(r, float64(l.Count)))
		}
	}
	spend, n := h.cur.Spend.Units()/h.weeks(), float64(leads.Count)/h.weeks()
	tSpend, usualSpend, dfSpend, ok1 := levelTest(spend, spends)
	tLeads, usualLeads, dfLeads, ok2 := levelTest(n, counts)
	_, usualCPL, _, ok3 := levelTest(h.cur.CPL.V, cpls)
	if !ok1 || !ok2 || !ok3 {
		return nil
	}
	dearer := h.cur.CPL.V >= usualCPL*(1+MinAmountMove)
	common := signal{h: h, stage: leads.Stage, now: h.cur.CPL, base: Some(usualCPL),
		spend: spend, usualSpend: usualSpend, leads: n, usualLeads: usualLeads}
	up, down := common, common
	up.kind, down.kind = signalSpend, signalVolume
	up.ev = amountEvidence(MetricSpend, spend, spends, tSpend, usualSpend, dfSpend, true)
	down.ev = amountEvidence(ConvMetric(leads.Stage.Key), n, counts, tLeads, usualLeads, dfLeads, false)
	down.ev.Test = TestCount
	up.material = dearer && up.spendUp() && spend >= usualSpend*(1+MinAmountMove)
	down.material = dearer && !down.spendUp() && n <= usualLeads*(1-MinAmountMove)
	return []*signal{&up, &down}
}

// spendUp reports whether a dearer lead comes from the spend rather than
// from fewer leads: the spend rose more (on a log scale) than the leads fell.
func (s *signal) spendUp() bool {
	return s.usualSpend > 0 && s.leads > 0 && math.Log(s.spend/s.usualSpend) >= math.Log(s.usualLeads/s.leads)
}

// checkTest places the period's average check among the earlier ones,
// each weighed by its paid deals.
func checkTest(h *history) (t, usual float64, df int, ok bool) {
	paid, ok := h.cur.RoleFigure(RolePaid)
	if !ok || paid.Count == 0 || !h.cur.AvgCheck.OK || h.cur.Revenue <= 0 {
		return 0, 0, 0, false
	}
	var hist, deals []float64
	for _, r := range h.slots {
		if f, ok := r.RoleFigure(RolePaid); ok && f.Count > 0 && r.AvgCheck.OK && r.Revenue > 0 {
			hist = append(hist, r.AvgCheck.V)
			deals = append(deals, float64(f.Count))
		}
	}
	return amountTest(h.cur.AvgCheck.V, hist, deals, float64(paid.Count))
}

// checkSignal tests whether the average check fell against its own
// range, each period weighed by its paid deals.
func checkSignal(h *history) *signal {
	t, usual, df, ok := checkTest(h)
	if !ok {
		return nil
	}
	paid, _ := h.cur.RoleFigure(RolePaid)
	now := h.cur.AvgCheck.V
	var hist []float64
	for _, r := range h.slots {
		if f, ok := r.RoleFigure(RolePaid); ok && f.Count > 0 && r.AvgCheck.OK && r.Revenue > 0 {
			hist = append(hist, r.AvgCheck.V)
		}
	}
	s := &signal{kind: signalCheck, h: h, stage: paid.Stage, now: Some(now), base: Some(usual)}
	s.ev = amountEvidence(MetricAvgCheck, now, hist, t, usual, df, false)
	s.material = now <= usual*(1-MinAmountMove)
	return s
}

// perWeekOf returns a figure of a report per week with a record.
func perWeekOf(r FunnelReport, x float64) float64 {
	if r.Weeks == 0 {
		return 0
	}
	return x / float64(r.Weeks)
}
