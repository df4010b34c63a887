package domain

// EvidenceTest names the test behind a question, for "why this question".
type EvidenceTest string

// The tests a question can come from.
const (
	// TestProportion compares a rate with its baseline (see proportionLowerP).
	TestProportion EvidenceTest = "proportion"
	// TestShare compares a reason's share of the losses with its baseline.
	TestShare EvidenceTest = "share"
	// TestAmount places an amount in its own recent range (a robust z-score
	// on the logarithm).
	TestAmount EvidenceTest = "amount"
	// TestRevenue combines the paid deals' count with the average check's
	// test (Fisher's method) for a fall of the revenue.
	TestRevenue EvidenceTest = "revenue"
	// TestCount places a count of paid deals in its usual weekly spread (a
	// negative binomial tail).
	TestCount EvidenceTest = "count"
	// TestTrend compares the last weeks with the weeks before a drift and
	// checks the drift's slope.
	TestTrend EvidenceTest = "trend"
	// TestManager compares one manager's rate with the pooled rate of the
	// other managers.
	TestManager EvidenceTest = "manager"
	// TestFocus is the focus check's misfocus rule.
	TestFocus EvidenceTest = "focus"
)

// Evidence is one test behind a question, with everything needed to redo
// it by hand: the values compared, the counts behind a rate, the interval
// or usual range, and the p-value.
type Evidence struct {
	Test   EvidenceTest
	Metric Metric
	// Now and Base are the values compared: rates as fractions, amounts in
	// currency units, counts as counts.
	Now, Base Value
	// The counts behind a rate: NowK of NowN against BaseK of BaseN.
	NowK, NowN, BaseK, BaseN int64
	// Low..High is the 95% Wilson interval of Now for a rate, and the
	// range of the earlier periods' values for an amount or a count.
	Low, High Value
	// Slots is how many earlier periods the baseline spans.
	Slots int
	// Phi is how much more than binomial noise the rate varies from week to
	// week (1 = pure binomial); the test widens its noise by it.
	Phi float64
	// Z is the robust z-score of an amount or the slope's z of a trend.
	Z float64
	// P is the one-sided p-value: the chance of a move at least this bad
	// if nothing had changed.
	P float64
	// Family is the number of tests in the pack among which false
	// discoveries are controlled; 0 for a rule outside that control (a
	// collapse of the money, a misfocus).
	Family int
	// Slope (per week) and Weeks describe a trend.
	Slope float64
	Weeks int
}
