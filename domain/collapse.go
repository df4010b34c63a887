package domain

import (
	"math"
	"slices"
)

// Small numbers are not a reason to stay silent about the money. A focus
// segment closing eight deals a week cannot pass a proportion test when
// they fall to two, yet that is the collapse a CEO must hear about. So
// the paid deals and the revenue of an analysed segment have a rule of
// their own, outside the pack's false-discovery control: the period's
// figure is at most CollapseShare of the median of the earlier periods
// (at least minAmountHistory of them), and its lower-tail probability is
// under CollapseP — for the paid deals a negative binomial with the
// median as its mean and the robust spread of the earlier periods as its
// variance (never below a Poisson's), for the revenue the prediction
// t-test of amounts (amounts.go). Robust, so an earlier bad week neither
// hides this one nor widens the range. The question says honestly that
// the numbers are small.
const (
	CollapseShare = 0.4
	CollapseP     = 0.05
	// smallDeals is how few usual paid deals make the numbers "small".
	smallDeals = 20
)

// Collapse is a fall of the paid deals or the revenue far below their
// usual range, scaled to the period's weeks.
type Collapse struct {
	Paid         int64
	PaidUsual    float64 // the median of the earlier periods
	PaidLow      float64 // the lowest of them
	Revenue      float64 // currency units
	RevenueUsual float64
	RevenueLow   float64
	// PaidFell and RevenueFell say which of the two broke the range.
	PaidFell, RevenueFell bool
	// Small is set when too few deals are behind the figures for the usual
	// tests: the question carries the caveat.
	Small bool
}

// collapseSignal applies the rule to one segment; nil when the money is
// within its range or the history is too short to know the range.
func collapseSignal(h *history) *signal {
	paid, ok := h.cur.RoleFigure(RolePaid)
	if !ok || h.cur.Weeks == 0 {
		return nil
	}
	var paidHist, revHist []float64
	for _, r := range h.slots {
		scale := float64(h.cur.Weeks) / float64(r.Weeks)
		if f, ok := r.RoleFigure(RolePaid); ok {
			paidHist = append(paidHist, float64(f.Count)*scale)
			revHist = append(revHist, r.Revenue.Units()*scale)
		}
	}
	if len(paidHist) < minAmountHistory {
		return nil
	}
	c := &Collapse{Paid: paid.Count, Revenue: h.cur.Revenue.Units()}
	c.PaidUsual, c.PaidLow = median(slices.Clone(paidHist)), slices.Min(paidHist)
	c.RevenueUsual, c.RevenueLow = median(slices.Clone(revHist)), slices.Min(revHist)
	c.Small = c.PaidUsual < smallDeals

	_, spread := robustScale(paidHist)
	mean, variance := c.PaidUsual, math.Max(c.PaidUsual, spread*spread)
	pCount := countLowerP(paid.Count, mean, variance)
	k := float64(paid.Count)
	// Two looks at the deals, each at half the level: their count against
	// its range, and against this period's intake (a season or a budget
	// that moved the volume widens the range but not the conversion).
	pConv, expected := h.intakeToPaid(paid)
	pPaid := math.Min(1, 2*math.Min(pCount, pConv))
	c.PaidFell = k <= CollapseShare*c.PaidUsual && pCount <= CollapseP/2 ||
		k <= CollapseShare*expected && pConv <= CollapseP/2

	// Revenue is the paid deals times their average check, two independent
	// draws: its evidence combines the deals' tail with the check's test
	// (Fisher's method), so a week of one odd deal is not a collapse.
	pRev := pPaid
	if t, _, df, ok := checkTest(h); ok {
		pRev = fisherCombine(pPaid, studentCDF(t, float64(df)))
	}
	revEv := Evidence{Test: TestRevenue, Metric: MetricRevenue, Now: Some(c.Revenue), Base: Some(c.RevenueUsual),
		Low: Some(c.RevenueLow), High: Some(slices.Max(revHist)), Slots: len(revHist), P: pRev}
	c.RevenueFell = c.Revenue <= CollapseShare*c.RevenueUsual && pRev <= CollapseP
	if !c.PaidFell && !c.RevenueFell {
		return nil
	}
	s := &signal{kind: signalCollapse, h: h, stage: paid.Stage, collapse: c, guard: true, material: true}
	if c.PaidFell {
		s.ev = Evidence{Test: TestCount, Metric: ConvMetric(paid.Stage.Key), Now: Some(k), Base: Some(mean),
			Low: Some(c.PaidLow), High: Some(slices.Max(paidHist)), Slots: len(paidHist), P: pPaid}
		s.now, s.base = Some(k), Some(c.PaidUsual)
	} else {
		s.ev = revEv
		s.now, s.base = Some(c.Revenue), Some(c.RevenueUsual)
	}
	return s
}

// intakeToPaid tests the period's paid deals against its intake — the
// qualified leads, or the leads without such a stage — at the usual rate
// from one to the other (usualRate over the baseline slots). It returns
// the one-sided p-value and the deals the intake usually brings; 1 and 0
// when the rate has no baseline.
func (h *history) intakeToPaid(paid StageFigure) (p, expected float64) {
	role := RoleQualified
	if _, ok := h.cur.RoleFigure(role); !ok {
		role = RoleLeads
	}
	in, ok := h.cur.RoleFigure(role)
	if !ok || in.Count == 0 || h.baseSlots < minBaselineSlots {
		return 1, 0
	}
	var ks, ns []int64
	for _, r := range h.slots[:h.baseSlots] {
		f, ok1 := r.RoleFigure(role)
		g, ok2 := r.RoleFigure(RolePaid)
		if ok1 && ok2 {
			ks, ns = append(ks, g.Count), append(ns, f.Count)
		}
	}
	k, n, phi := usualRate(ks, ns)
	if n == 0 {
		return 1, 0
	}
	return proportionLowerP(paid.Count, in.Count, k, n, phi), float64(in.Count) * float64(k) / float64(n)
}
