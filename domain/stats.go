package domain

import (
	"math"
	"slices"
)

// The statistics behind the tracker questions. Every test here is
// one-sided: a tracker asks about a move for the worse, so the p-value is
// the chance of a move at least this bad if nothing had changed. The
// helpers are plain functions of counts, so they are table-tested against
// values computed by hand or by R.

// normalCDF is Φ(z), the standard normal distribution function.
func normalCDF(z float64) float64 {
	return 0.5 * math.Erfc(-z/math.Sqrt2)
}

// normalQuantile975 is the z of a two-sided 95% interval.
const normalQuantile975 = 1.959963984540054

// proportionLowerP is the one-sided p-value that the rate k1/n1 is below
// the rate k2/n2 only by chance. phi ≥ 1 is the overdispersion of the
// weekly rates (see overdispersion): real funnels vary more from week to
// week than coin flips do, and the test treats phi items as one.
//
// With enough items (every expected cell at least 5 after dividing by phi)
// it is the pooled two-proportion z-test; otherwise Fisher's exact test
// with the mid-p correction, which stays valid for a handful of deals
// where the z-test is not.
func proportionLowerP(k1, n1, k2, n2 int64, phi float64) float64 {
	if n1 <= 0 || n2 <= 0 {
		return 1
	}
	phi = max(phi, 1)
	z, flat, small := pooledZ(k1, n1, k2, n2, phi)
	switch {
	case flat:
		return 1
	case small:
		return fisherLowerMidP(roundCount(float64(k1)/phi), roundCount(float64(n1)/phi), roundCount(float64(k2)/phi), roundCount(float64(n2)/phi))
	}
	return normalCDF(z)
}

// pooledZ is the z of the pooled two-proportion test of k1 of n1 against
// k2 of n2 with phi items counted as one (a phi below 1 counts as 1). It
// says when the z cannot be read: flat when the pooled rate is 0 or 1, so
// nothing can differ, small when an expected cell is under 5 (or nothing
// was counted), where only an exact test holds.
func pooledZ(k1, n1, k2, n2 int64, phi float64) (z float64, flat, small bool) {
	phi = max(phi, 1)
	e1, f1, e2, f2 := float64(k1)/phi, float64(n1)/phi, float64(k2)/phi, float64(n2)/phi
	pooled := (e1 + e2) / (f1 + f2)
	if pooled <= 0 || pooled >= 1 {
		return 0, true, false
	}
	if min(f1*pooled, f1*(1-pooled), f2*pooled, f2*(1-pooled)) >= 5 {
		se := math.Sqrt(pooled * (1 - pooled) * (1/f1 + 1/f2))
		return (e1/f1 - e2/f2) / se, false, false
	}
	return 0, false, true
}

func roundCount(x float64) int64 { return int64(math.Round(x)) }

// fisherLowerMidP is Fisher's exact one-sided mid-p-value for the 2×2
// table (k1 of n1, k2 of n2): P(X < k1) + P(X = k1)/2 where X, the first
// row's successes, is hypergeometric given the margins.
func fisherLowerMidP(k1, n1, k2, n2 int64) float64 {
	if n1 <= 0 || n2 <= 0 {
		return 1
	}
	k1 = min(max(k1, 0), n1)
	k2 = min(max(k2, 0), n2)
	total := k1 + k2
	lo := max(0, total-n2)
	logDenom := logChoose(n1+n2, total)
	p := 0.0
	for x := lo; x <= k1; x++ {
		px := math.Exp(logChoose(n1, x) + logChoose(n2, total-x) - logDenom)
		if x == k1 {
			px /= 2
		}
		p += px
	}
	return min(p, 1)
}

// logChoose is ln C(n, k).
func logChoose(n, k int64) float64 {
	a, _ := math.Lgamma(float64(n) + 1)
	b, _ := math.Lgamma(float64(k) + 1)
	c, _ := math.Lgamma(float64(n-k) + 1)
	return a - b - c
}

// wilson returns the 95% Wilson score interval of the rate k/n, which
// stays inside 0..1 and honest for small n; None for n = 0.
func wilson(k, n int64) (lo, hi Value) {
	if n <= 0 {
		return None, None
	}
	z := normalQuantile975
	nf, p := float64(n), float64(k)/float64(n)
	center := (p + z*z/(2*nf)) / (1 + z*z/nf)
	half := z / (1 + z*z/nf) * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf))
	return Some(max(0, center-half)), Some(min(1, center+half))
}

// overdispersion estimates how much more the weekly rates k[i]/n[i] vary
// than binomial noise would make them (Pearson's χ² over its degrees of
// freedom), never below 1. Two weeks or fewer say nothing about it: 1.
func overdispersion(k, n []int64) float64 {
	var sk, sn float64
	weeks := 0
	for i := range k {
		if n[i] > 0 {
			sk += float64(k[i])
			sn += float64(n[i])
			weeks++
		}
	}
	if weeks < 3 || sn == 0 {
		return 1
	}
	p := sk / sn
	if p <= 0 || p >= 1 {
		return 1
	}
	var chi float64
	for i := range k {
		if n[i] > 0 {
			e := float64(n[i]) * p
			d := float64(k[i]) - e
			chi += d * d / (e * (1 - p))
		}
	}
	return min(max(chi/float64(weeks-1), 1), maxOverdispersion)
}

// usualRate returns the baseline of a rate from its weekly (or monthly)
// counts: the pooled k of n of the periods that were not incidents
// themselves, and the overdispersion of those periods. A period is an
// incident when its rate lies more than incidentSigma robust standard
// deviations from the median period's rate (the spread measured by the
// median squared residual), so a past problem neither lowers the usual
// rate nor widens its noise. With fewer than three periods nothing can be
// left out and the noise is taken as binomial.
func usualRate(k, n []int64) (sk, sn int64, phi float64) {
	var rates []float64
	for i := range k {
		if n[i] > 0 {
			sk, sn = sk+k[i], sn+n[i]
			rates = append(rates, float64(k[i])/float64(n[i]))
		}
	}
	if len(rates) < 3 {
		return sk, sn, 1
	}
	c := median(rates)
	if c <= 0 || c >= 1 {
		c = (float64(sk) + 0.5) / (float64(sn) + 1)
	}
	res := make([]float64, len(k))
	var sq []float64
	for i := range k {
		if n[i] > 0 {
			res[i] = (float64(k[i]) - float64(n[i])*c) / math.Sqrt(float64(n[i])*c*(1-c))
			sq = append(sq, res[i]*res[i])
		}
	}
	limit := incidentSigma * math.Sqrt(max(1, median(sq)/medianChiSquare1))
	var keptK, keptN []int64
	sk, sn = 0, 0
	for i := range k {
		if n[i] > 0 && math.Abs(res[i]) <= limit {
			keptK, keptN = append(keptK, k[i]), append(keptN, n[i])
			sk, sn = sk+k[i], sn+n[i]
		}
	}
	return sk, sn, overdispersion(keptK, keptN)
}

// incidentSigma is how far from the median period a period's rate must lie
// to be left out of the baseline as an incident; medianChiSquare1 is the
// median of χ² with one degree of freedom, which turns a median squared
// residual into a variance.
const (
	incidentSigma    = 3
	medianChiSquare1 = 0.4549364231195724
)

// maxOverdispersion caps the estimate: a rate that swings more than this
// is not measured consistently, and a wider cap would silence every test.
const maxOverdispersion = 25

// benjaminiHochberg returns which of the p-values are discoveries when
// the expected share of false ones among them is kept at q.
func benjaminiHochberg(ps []float64, q float64) []bool {
	m := len(ps)
	order := make([]int, m)
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		switch {
		case ps[a] < ps[b]:
			return -1
		case ps[a] > ps[b]:
			return 1
		}
		return a - b
	})
	cut := -1
	for rank, i := range order {
		if ps[i] <= q*float64(rank+1)/float64(m) {
			cut = rank
		}
	}
	out := make([]bool, m)
	for rank := 0; rank <= cut; rank++ {
		out[order[rank]] = true
	}
	return out
}

// median returns the median of xs (which it sorts); 0 for none.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	slices.Sort(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// robustScale returns the median of xs and the median absolute deviation
// scaled to estimate a standard deviation (×1.4826), so one odd week does
// not widen the usual range the way it would widen a standard deviation.
func robustScale(xs []float64) (center, scale float64) {
	c := median(slices.Clone(xs))
	dev := make([]float64, len(xs))
	for i, x := range xs {
		dev[i] = math.Abs(x - c)
	}
	return c, 1.4826 * median(dev)
}

// studentCDF is the distribution function of Student's t with df degrees
// of freedom.
func studentCDF(t, df float64) float64 {
	if df <= 0 || math.IsInf(df, 1) || df > 1e6 {
		return normalCDF(t)
	}
	x := df / (df + t*t)
	tail := 0.5 * regIncBeta(df/2, 0.5, x)
	if t > 0 {
		return 1 - tail
	}
	return tail
}

// regIncBeta is the regularized incomplete beta function I_x(a, b), by
// the continued fraction of Numerical Recipes (betacf).
func regIncBeta(a, b, x float64) float64 {
	if x <= 0 {
		return 0
	}
	if x >= 1 {
		return 1
	}
	la, _ := math.Lgamma(a + b)
	lb, _ := math.Lgamma(a)
	lc, _ := math.Lgamma(b)
	front := math.Exp(la - lb - lc + a*math.Log(x) + b*math.Log(1-x))
	if x < (a+1)/(a+b+2) {
		return front * betaCF(a, b, x) / a
	}
	return 1 - front*betaCF(b, a, 1-x)/b
}

// betaCF is the continued fraction of the regularized incomplete beta
// function, evaluated by the modified Lentz method.
func betaCF(a, b, x float64) float64 {
	const tiny = 1e-300
	c, d := 1.0, 1-(a+b)*x/(a+1)
	if math.Abs(d) < tiny {
		d = tiny
	}
	d = 1 / d
	h := d
	// step takes in one coefficient and returns the factor it puts on h.
	step := func(aa float64) float64 {
		d = 1 + aa*d
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = 1 + aa/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		return d * c
	}
	for m := 1.0; m <= 200; m++ {
		m2 := 2 * m
		h *= step(m * (b - m) * x / ((a + m2 - 1) * (a + m2)))
		del := step(-(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1)))
		h *= del
		if math.Abs(del-1) < 1e-12 {
			break
		}
	}
	return h
}

// countLowerP is the one-sided p-value of a week's count k when its usual
// weekly counts have the given mean and variance: the lower tail P(X ≤ k)
// of a negative binomial with that mean and variance, or of a Poisson
// when the counts vary no more than a Poisson's would. Counts are what a
// few deals are, so this stays exact where a z-score would not.
func countLowerP(k int64, mean, variance float64) float64 {
	if mean <= 0 {
		return 1
	}
	if k < 0 {
		return 0
	}
	var logPMF func(x float64) float64
	if variance <= mean*1.0001 {
		logPMF = func(x float64) float64 {
			lg, _ := math.Lgamma(x + 1)
			return -mean + x*math.Log(mean) - lg
		}
	} else {
		r := mean * mean / (variance - mean)
		q := r / (r + mean)
		lr, _ := math.Lgamma(r)
		logPMF = func(x float64) float64 {
			a, _ := math.Lgamma(x + r)
			b, _ := math.Lgamma(x + 1)
			return a - lr - b + r*math.Log(q) + x*math.Log(1-q)
		}
	}
	p := 0.0
	for x := int64(0); x <= k; x++ {
		p += math.Exp(logPMF(float64(x)))
	}
	return min(p, 1)
}

// fitLine fits y = a + b·t by weighted least squares (weights w, taken
// as inverse variances) and returns a, b and the standard error of b. ok
// is false with fewer than three usable points.
func fitLine(t, y, w []float64) (a, b, se float64, ok bool) {
	var sw, st, sy float64
	n := 0
	for i := range t {
		if w[i] > 0 {
			sw += w[i]
			st += w[i] * t[i]
			sy += w[i] * y[i]
			n++
		}
	}
	if n < 3 {
		return 0, 0, 0, false
	}
	tm, ym := st/sw, sy/sw
	var sxx, sxy float64
	for i := range t {
		if w[i] > 0 {
			sxx += w[i] * (t[i] - tm) * (t[i] - tm)
			sxy += w[i] * (t[i] - tm) * (y[i] - ym)
		}
	}
	if sxx == 0 {
		return 0, 0, 0, false
	}
	b = sxy / sxx
	return ym - b*tm, b, math.Sqrt(1 / sxx), true
}

// binomialLowerMidP is the one-sided mid-p-value of k successes in n
// trials at rate p: P(X < k) + P(X = k)/2.
func binomialLowerMidP(k, n int64, p float64) float64 {
	if n <= 0 || p <= 0 {
		return 1
	}
	if p >= 1 {
		if k >= n {
			return 0.5
		}
		return 0
	}
	var sum float64
	for x := int64(0); x <= min(k, n); x++ {
		px := math.Exp(logChoose(n, x) + float64(x)*math.Log(p) + float64(n-x)*math.Log(1-p))
		if x == k {
			px /= 2
		}
		sum += px
	}
	return min(sum, 1)
}

// fisherCombine is Fisher's method for two independent p-values: the
// chance that −2·ln(p1·p2) is at least this large, a χ² with four degrees
// of freedom.
func fisherCombine(p1, p2 float64) float64 {
	x := -math.Log(math.Max(p1, 1e-300)) - math.Log(math.Max(p2, 1e-300)) // half the statistic
	return math.Min(1, math.Exp(-x)*(1+x))
}

// satterthwaiteDF is the effective degrees of freedom of a variance that
// is binomial (known) times phi, where the part above binomial was
// estimated with df degrees of freedom: nearly normal when phi is near 1,
// nearly df when the estimated part dominates.
func satterthwaiteDF(phi float64, df int) float64 {
	if phi <= 1 || df <= 0 {
		return math.Inf(1)
	}
	return float64(df) * phi * phi / ((phi - 1) * (phi - 1))
}
