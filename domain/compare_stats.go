package domain

import "math"

// How Compare judges a change. A headline, a snapshot and a chart must
// never call significant what the tracker questions call noise, so a
// change is judged with the questions' statistics (stats.go, amounts.go)
// and their material effects:
//
//   - a rate (a stage conversion, the non-target share) on at least
//     minRateItems items now: k of n against bk of bn by the proportion test
//     that stays valid for a handful of items (proportionLowerP, in both
//     directions), its noise widened by how much the rate varied beyond
//     coin flips over the baseline's earlier periods (overdispersion: 8
//     weeks, 3 months or 2 quarters); material when it moved by at least
//     MinRelativeFall of where it was and MinPointFall;
//   - an amount: on a log scale, by a t-test against the noise of its
//     changes from one earlier period to the next (changeSpread); a
//     per-item amount (CPL, cost per qualified lead, CAC, average check) is
//     the noisier the fewer items it rests on, an amount of the period
//     (spend, revenue, ROMI taken as gross profit per unit of spend,
//     1 + ROMI) the fewer weeks; material when it moved by at least
//     MinAmountMove. An amount that falls to zero after a history without
//     zeros is beyond its noise;
//   - unlike the questions' baselines, the noise here keeps the earlier
//     periods' incidents and jumps: a headline compares with one earlier
//     period, which may be such a jump itself (on the evaluation's healthy
//     funnels the trimmed noise marked a move in a fifth of the headlines,
//     the untrimmed one in a tenth; the old fixed thresholds in nearly all);
//   - the moves tested are discoveries by Benjamini–Hochberg at
//     FalseDiscoveryRate across the metrics of the comparison, an
//     immaterial move counting as no evidence, as in a pack of questions;
//   - with too little history to know the noise (fewer than
//     minBaselineSlots earlier periods with the rate, minAmountHistory with
//     the amount: a new workspace, two periods on hand) a conservative rule
//     decides instead. A rate is tested as if it were fallbackPhi times as
//     noisy as coin flips, at p ≤ fallbackAlpha, and must move
//     fallbackMaterial times as far to be material. An amount must have
//     grown or shrunk FallbackAmountMove times, be nonzero now, and rest on
//     at least MinVolume items on both sides: leads for CPL, qualified
//     leads for their cost, paying customers for CAC, the average check,
//     ROMI and revenue. Such a verdict stands outside the false-discovery
//     control;
//   - a conversion over 100% on either side (Implausible) or from another
//     stage than before is never significant.
const (
	// MinVolume is the items both sides need behind an amount without
	// history.
	MinVolume = 20
	// FallbackAmountMove is how many times an amount without history must
	// grow or shrink to be significant: doubled or halved.
	FallbackAmountMove = 2.0
	// fallbackPhi is the overdispersion assumed for a rate without
	// history: weekly funnels commonly vary two to five times as much as
	// coin flips would.
	fallbackPhi = 4
	// fallbackMaterial multiplies the material effect of a rate without
	// history, and fallbackAlpha is the p-value its move must reach.
	fallbackMaterial = 2
	fallbackAlpha    = 0.01
)

// changeTest is the evidence about one change of a comparison.
type changeTest struct {
	// tested is false for a change nothing can be said about (an undefined
	// move, an implausible rate, a conversion from another stage).
	tested bool
	// p is the two-sided p-value of the move; material says it is large
	// enough to matter.
	p        float64
	material bool
	// ruled marks a verdict of the rule without history: sig.
	ruled, sig bool
}

// judgeChanges sets Significant on each change from its test: the
// discoveries among the tested moves by Benjamini–Hochberg, or the
// verdict of the rule without history.
func judgeChanges(changes []Change, tests []changeTest) {
	var idx []int
	var ps []float64
	for i, t := range tests {
		switch {
		case !t.tested:
		case t.ruled:
			changes[i].Significant = t.sig
		default:
			p := 1.0
			if t.material {
				p = t.p
			}
			idx, ps = append(idx, i), append(ps, p)
		}
	}
	found := benjaminiHochberg(ps, FalseDiscoveryRate)
	for j, i := range idx {
		changes[i].Significant = found[j] && tests[i].material
	}
}

// rateChangeTest tests the move of a rate from bk of bn to k of n; ks, ns
// are the counts of the earlier periods that make its noise.
func rateChangeTest(k, n, bk, bn int64, ks, ns []int64) changeTest {
	if n < minRateItems || bn <= 0 {
		return changeTest{}
	}
	history := len(ks) >= minBaselineSlots
	phi, df, factor := float64(fallbackPhi), math.Inf(1), float64(fallbackMaterial)
	if history {
		phi, factor = overdispersion(ks, ns), 1
		df = satterthwaiteDF(phi, len(ks)-1)
	}
	now, before := float64(k)/float64(n), float64(bk)/float64(bn)
	move := math.Abs(now - before)
	p := rateMoveP(k, n, bk, bn, phi, df)
	material := move >= factor*MinPointFall-1e-12 && move >= factor*MinRelativeFall*before-1e-12
	if !history {
		return changeTest{tested: true, ruled: true, sig: material && p <= fallbackAlpha}
	}
	return changeTest{tested: true, p: p, material: material}
}

// rateMoveP is the two-sided p-value of the move from bk of bn to k of n
// when the rate varies phi times as much as coin flips: the test of
// proportionLowerP, its z read on Student's t with df degrees of freedom,
// as phi is itself estimated from a few periods (satterthwaiteDF).
func rateMoveP(k, n, bk, bn int64, phi, df float64) float64 {
	z, flat, small := pooledZ(k, n, bk, bn, phi)
	switch {
	case flat:
		return 1
	case small:
		return min(1, 2*min(proportionLowerP(k, n, bk, bn, phi), proportionLowerP(n-k, n, bn-bk, bn, phi)))
	}
	c := studentCDF(z, df)
	return min(1, 2*min(c, 1-c))
}

// amountSample is an amount's value in a report and the volume behind it:
// items for a per-item amount, weeks for an amount of the period. count
// is the items the amount rests on (paying customers behind revenue,
// leads behind CPL), when it rests on any (counted).
type amountSample struct {
	value, volume float64
	count         float64
	counted, ok   bool
}

// amountChangeTest tests the move of an amount from before to now against
// the earlier periods' samples; ok is false with too short a history.
func amountChangeTest(now, before amountSample, hist []amountSample) (t changeTest, ok bool) {
	var xs, vols []float64
	zeros := 0
	for _, h := range hist {
		switch {
		case !h.ok:
		case h.value > 0 && h.volume > 0:
			xs, vols = append(xs, math.Log(h.value)), append(vols, h.volume)
		default:
			zeros++
		}
	}
	if len(xs)+zeros < minAmountHistory {
		return changeTest{}, false
	}
	noise, df, ok := changeSpread(xs)
	if !ok || !now.ok || !before.ok || before.value <= 0 || before.volume <= 0 {
		return changeTest{}, ok
	}
	move := now.value/before.value - 1
	t = changeTest{tested: true, p: 1, material: math.Abs(move) >= MinAmountMove-1e-12}
	switch {
	case now.value <= 0:
		t.p = zeroP(now, hist, zeros)
	case now.volume > 0:
		typical := median(vols)
		z := math.Log(now.value/before.value) / (noise * math.Sqrt(typical/now.volume+typical/before.volume))
		c := studentCDF(z, float64(df))
		t.p = min(1, 2*min(c, 1-c))
	}
	return t, true
}

// zeroP is the two-sided p-value of an amount that fell to zero. One that
// rests on a count (no paying customers, no revenue) is as unusual as the
// count's fall is in the spread of its earlier values (countLowerP: a week
// without deals is common where two a week are usual); one that does not
// (spend) is beyond its noise after a history without zeros.
func zeroP(now amountSample, hist []amountSample, zeros int) float64 {
	if !now.counted {
		if zeros == 0 {
			return 0
		}
		return 1
	}
	var counts []float64
	var sum float64
	for _, h := range hist {
		if h.ok && h.counted {
			counts, sum = append(counts, h.count), sum+h.count
		}
	}
	mean := sum / float64(len(counts))
	var ss float64
	for _, c := range counts {
		ss += (c - mean) * (c - mean)
	}
	return min(1, 2*countLowerP(int64(now.count), mean, ss/float64(max(1, len(counts)-1))))
}

// amountFallback is the rule for an amount without history.
func amountFallback(c Change, cur, before FunnelReport, rule metricRule) changeTest {
	if !c.Delta.OK {
		return changeTest{}
	}
	move := c.Delta.V
	if rule.metric == MetricROMI {
		move = (1+c.Now.V)/(1+c.Before.V) - 1
	}
	enough := c.Now.V != 0
	if rule.fallback != RoleNone {
		now, _ := cur.RoleFigure(rule.fallback)
		was, _ := before.RoleFigure(rule.fallback)
		enough = enough && now.Count >= MinVolume && was.Count >= MinVolume
	}
	return changeTest{tested: true, ruled: true,
		sig: enough && math.Abs(math.Log1p(move)) >= math.Log(FallbackAmountMove)-1e-9}
}

// sampleOf returns an amount's value in a report with its volume. ROMI is
// taken as 1 + ROMI, gross profit per unit of spend, so it lives on a log
// scale like the others.
func sampleOf(r FunnelReport, rule metricRule) amountSample {
	v := r.MetricValue(rule.metric)
	if !v.OK {
		return amountSample{}
	}
	if rule.metric == MetricROMI {
		v.V++
	}
	s := amountSample{value: v.V, volume: float64(r.Weeks), ok: true}
	if rule.volume != RoleNone {
		f, _ := r.RoleFigure(rule.volume)
		s.volume = float64(f.Count)
	}
	if rule.fallback != RoleNone {
		f, _ := r.RoleFigure(rule.fallback)
		s.count, s.counted = float64(f.Count), true
	}
	return s
}

// nonTargetCounts returns the non-target leads of a report and the leads
// they are a share of (those of the weeks that reported the split).
func nonTargetCounts(r FunnelReport) (k, n int64, ok bool) {
	leads, ok := r.RoleFigure(RoleLeads)
	if !ok || !r.NonTargetShare.OK {
		return 0, 0, false
	}
	n = leads.Count
	if r.NonTargetShare.V > 0 {
		n = int64(math.Round(float64(r.NonTargetLeads) / r.NonTargetShare.V))
	}
	return r.NonTargetLeads, n, true
}

// changeSpread returns the noise of one period's value of an amount from
// its earlier values xs (logarithms, the most recent first): the root mean
// square of the changes from one period to the next, jumps included,
// divided by √2 as each change carries the noise of two periods; never
// below minLogSpread. df is how many changes it rests on; ok is false with
// fewer than minAmountHistory values.
func changeSpread(xs []float64) (noise float64, df int, ok bool) {
	if len(xs) < minAmountHistory {
		return 0, 0, false
	}
	var ss float64
	for i := 0; i+1 < len(xs); i++ {
		d := xs[i] - xs[i+1]
		ss += d * d
	}
	df = len(xs) - 1
	return math.Max(math.Sqrt(ss/float64(df))/math.Sqrt2, minLogSpread), df, true
}
