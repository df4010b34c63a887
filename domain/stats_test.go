package domain

import (
	"math"
	"slices"
	"testing"
)

func closeTo(got, want, tol float64) bool { return math.Abs(got-want) <= tol }

func TestStats_KnownValues(t *testing.T) {
	for _, tc := range []struct {
		name      string
		got, want float64
		tol       float64
	}{
		{"Φ(−1.96)", normalCDF(-1.959963984540054), 0.025, 1e-9},
		{"Φ(0)", normalCDF(0), 0.5, 1e-12},
		// 1 of 10 against 9 of 10: P(X=0) = 1/C(20,10), P(X=1) = 100/C(20,10).
		{"Fisher mid-p 1/10 vs 9/10", fisherLowerMidP(1, 10, 9, 10), (1 + 50.0) / 184756, 1e-12},
		{"Fisher of equal rates is about a half", fisherLowerMidP(5, 10, 5, 10), 0.5, 1e-9},
		// t = 2 with 10 degrees of freedom: two-sided p = 0.07339.
		{"Student t(10) at 2", studentCDF(2, 10), 1 - 0.07339/2, 1e-5},
		{"Student t(3) at −3.182", studentCDF(-3.182446, 3), 0.025, 1e-5},
		// Poisson(8): P(X ≤ 2) = e⁻⁸(1 + 8 + 32).
		{"Poisson lower tail", countLowerP(2, 8, 8), math.Exp(-8) * 41, 1e-12},
		// Negative binomial with r = 2, mean 4 (q = 1/3): P(0) = 1/9, P(1) = 2·(1/9)·(2/3).
		{"negative binomial lower tail", countLowerP(1, 4, 12), 1.0/9 + 4.0/27, 1e-9},
		{"I_0.5(2,2)", regIncBeta(2, 2, 0.5), 0.5, 1e-12},
	} {
		if !closeTo(tc.got, tc.want, tc.tol) {
			t.Errorf("%s = %.8g, want %.8g", tc.name, tc.got, tc.want)
		}
	}
}

func TestWilson_StaysInsideAndCoversSmallCounts(t *testing.T) {
	lo, hi := wilson(0, 10)
	if !closeTo(lo.V, 0, 1e-12) || !closeTo(hi.V, 0.2775, 1e-4) {
		t.Errorf("0 of 10: %v–%v, want 0–0.2775", lo.V, hi.V)
	}
	lo, hi = wilson(5, 10)
	if !closeTo(lo.V, 0.2366, 1e-4) || !closeTo(hi.V, 0.7634, 1e-4) {
		t.Errorf("5 of 10: %v–%v, want 0.2366–0.7634", lo.V, hi.V)
	}
	if lo, hi := wilson(0, 0); lo.OK || hi.OK {
		t.Error("0 of 0 has an interval")
	}
}

func TestProportionLowerP_SmallAndLargeCounts(t *testing.T) {
	// A big fall on big numbers is certain; the same rates on 3 items are not.
	if p := proportionLowerP(240, 1000, 600, 1000, 1); p > 1e-12 {
		t.Errorf("24%% of 1000 vs 60%% of 1000: p = %v", p)
	}
	if p := proportionLowerP(1, 3, 2, 3, 1); p < 0.2 {
		t.Errorf("1 of 3 vs 2 of 3: p = %v, want no evidence", p)
	}
	// A rise is no evidence of a fall.
	if p := proportionLowerP(70, 100, 50, 100, 1); p < 0.99 {
		t.Errorf("a rise: p = %v", p)
	}
	// Overdispersion weakens the evidence.
	if a, b := proportionLowerP(45, 100, 60, 100, 1), proportionLowerP(45, 100, 60, 100, 3); b <= a {
		t.Errorf("phi 3 gives p %v, not above phi 1's %v", b, a)
	}
}

func TestBenjaminiHochberg(t *testing.T) {
	ps := []float64{0.01, 0.04, 0.03, 0.005, 0.5}
	// Sorted: 0.005 (≤ 0.01), 0.01 (≤ 0.02), 0.03 (≤ 0.03), 0.04 (> 0.04? no: 0.04 ≤ 0.04), 0.5.
	got := benjaminiHochberg(ps, 0.05)
	want := []bool{true, true, true, true, false}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if got := benjaminiHochberg([]float64{0.02, 0.9, 0.9}, 0.05); got[0] {
		t.Errorf("0.02 among 3 is a discovery at 5%%: %v", got)
	}
}

func TestOverdispersion(t *testing.T) {
	if got := overdispersion([]int64{50, 50, 50, 50}, []int64{100, 100, 100, 100}); got != 1 {
		t.Errorf("identical weeks: %v, want the floor 1", got)
	}
	// 30%, 70%, 30%, 70% of 100: χ² = 4·20²/(100·0.25) = 64 over 3 df.
	if got := overdispersion([]int64{30, 70, 30, 70}, []int64{100, 100, 100, 100}); !closeTo(got, 64.0/3, 1e-9) {
		t.Errorf("swinging weeks: %v, want %v", got, 64.0/3)
	}
}

func TestFitLine(t *testing.T) {
	a, b, se, ok := fitLine([]float64{0, 1, 2, 3}, []float64{1, 3, 5, 7}, []float64{1, 1, 1, 1})
	if !ok || !closeTo(a, 1, 1e-12) || !closeTo(b, 2, 1e-12) || !closeTo(se, 1/math.Sqrt(5), 1e-12) {
		t.Errorf("line = %v + %v·t ± %v (%v), want 1 + 2·t ± %v", a, b, se, ok, 1/math.Sqrt(5))
	}
	if _, _, _, ok := fitLine([]float64{0, 1}, []float64{1, 2}, []float64{1, 1}); ok {
		t.Error("two points gave a line")
	}
}

func TestBinomialLowerMidP(t *testing.T) {
	// 1 of 4 at a half: P(0) = 1/16, P(1) = 4/16.
	if got := binomialLowerMidP(1, 4, 0.5); !closeTo(got, 1.0/16+2.0/16, 1e-12) {
		t.Errorf("got %v, want %v", got, 3.0/16)
	}
}

func TestSatterthwaiteDF(t *testing.T) {
	if !math.IsInf(satterthwaiteDF(1, 10), 1) {
		t.Error("binomial noise has finite degrees of freedom")
	}
	if got := satterthwaiteDF(3, 10); !closeTo(got, 22.5, 1e-9) {
		t.Errorf("phi 3, 10 df: %v, want 22.5", got)
	}
}

func TestRobustScale_IgnoresOneOddWeek(t *testing.T) {
	c, s := robustScale([]float64{10, 11, 9, 10, 100})
	if c != 10 || !closeTo(s, 1.4826, 1e-9) {
		t.Errorf("center, scale = %v, %v; want 10, 1.4826", c, s)
	}
}
