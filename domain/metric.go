package domain

import (
	"math"
	"strings"
)

// This file holds the arithmetic of one metric: its value in a report,
// how it changes between two values, and its path over weeks. Compare
// (compare.go) decides which changes matter; calc.go fills the reports.

// MetricValue returns the report's value of a metric: a stage conversion,
// a unit-economics metric or an amount, in currency units. Unknown metrics
// are None.
func (r FunnelReport) MetricValue(m Metric) Value {
	if key, ok := m.ConvStage(); ok {
		f, _ := r.Figure(key)
		return f.Conv
	}
	switch m {
	case MetricCPL:
		return r.CPL
	case MetricCostPerQualified:
		return r.CostPerQualified
	case MetricCAC:
		return r.CAC
	case MetricAvgCheck:
		return r.AvgCheck
	case MetricROMI:
		return r.ROMI
	case MetricNonTargetShare:
		return r.NonTargetShare
	case MetricSpend:
		return Some(r.Spend.Units())
	case MetricRevenue:
		return Some(r.Revenue.Units())
	}
	return None
}

// ConvStage returns the stage key of a conversion metric; ok is false for
// the other metrics.
func (m Metric) ConvStage() (string, bool) {
	return strings.CutPrefix(string(m), "conv:")
}

// IsRate reports whether the metric is a rate (changes in percentage
// points) rather than an amount (changes in percent).
func (m Metric) IsRate() bool {
	if _, ok := m.ConvStage(); ok {
		return true
	}
	return m == MetricROMI || m == MetricNonTargetShare
}

// PaidBack reports whether the marketing spend paid back (ROMI ≥ 0); known
// is false when ROMI is unknown.
func (r FunnelReport) PaidBack() (paid, known bool) {
	return r.ROMI.OK && r.ROMI.V >= 0, r.ROMI.OK
}

// ratio returns num/den, or None when den is zero.
func ratio(num, den float64) Value {
	if den == 0 {
		return None
	}
	v := num / den
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return None
	}
	return Some(v)
}

// PointChange is the change of a rate in points: now − before, None when
// either side is unknown.
func PointChange(now, before Value) Value {
	if !now.OK || !before.OK {
		return None
	}
	return Some(now.V - before.V)
}

// RelativeChange is the change of an amount in percent of where it was:
// now/before − 1, None when either side is unknown or before is zero.
func RelativeChange(now, before Value) Value {
	if !now.OK || !before.OK {
		return None
	}
	r := ratio(now.V, before.V)
	if !r.OK {
		return None
	}
	return Some(r.V - 1)
}

// averageWeek turns the money of a report over several weeks into an
// average week: spend, revenue and gross profit are divided by the weeks
// that had records. Rates stay ratios of sums and stage counts stay sums,
// as they are the volume behind the rates.
func (r FunnelReport) averageWeek() FunnelReport {
	if r.Weeks > 1 {
		n := float64(r.Weeks)
		r.Spend = perWeek(r.Spend, n)
		r.Revenue = perWeek(r.Revenue, n)
		r.GrossProfit = perWeek(r.GrossProfit, n)
	}
	return r
}

func perWeek(m Money, weeks float64) Money {
	return Money(math.Round(float64(m) / weeks))
}

// WeekValue is a metric's value in one week.
type WeekValue struct {
	Week  Week
	Value Value
}

// MetricBaseline returns the metric of the segment over the BaselineWeeks
// weeks ending with week last, amounts as an average week: the number a
// hypothesis logged after week last sets out to move.
func MetricBaseline(ws *Workspace, segment string, m Metric, last Week, recs []WeeklyRecord) Value {
	return Baseline(ws, segment, last.Add(1), recs).MetricValue(m)
}

// MetricSince returns the metric of the segment in every week from..to that
// has a record, and its value over all those weeks together (rates as
// ratios of sums, amounts as an average week), so a CEO verifying a
// hypothesis sees the path and the outcome against the baseline.
func MetricSince(ws *Workspace, segment string, m Metric, from, to Week, recs []WeeklyRecord) ([]WeekValue, Value) {
	var weekly []WeekValue
	for _, w := range (Period{Kind: PeriodRange, From: from, To: to}).Weeks() {
		r := BuildReport(ws, segment, WeekPeriod(w), recs)
		if r.Weeks > 0 {
			weekly = append(weekly, WeekValue{Week: w, Value: r.MetricValue(m)})
		}
	}
	if len(weekly) == 0 {
		return nil, None
	}
	total := BuildReport(ws, segment, Period{Kind: PeriodRange, From: from, To: to}, recs).averageWeek()
	return weekly, total.MetricValue(m)
}
