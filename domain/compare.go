package domain

import "math"

// Significance rule. Small numbers swing wildly from week to week, so a
// change is Significant only when it is both large and backed by volume:
//
//   - a stage conversion: both reports converted from the same stage, both
//     denominators (the previous stage's count) are at least MinVolume,
//     |Δ| ≥ MinRateDelta (5 pp), and neither side is over 100% (a data
//     problem, see ImplausibleRate);
//   - the non-target share: leads on both sides ≥ MinVolume, |Δ| ≥ 5 pp;
//   - CPL and cost per qualified lead: leads (qualified leads) on both sides
//     ≥ MinVolume, both amounts nonzero, |Δ| ≥ MinAmountDelta (20%);
//   - CAC, average check and revenue: paying customers on both sides ≥
//     MinDeals, both amounts nonzero, |Δ| ≥ 20% — a few big deals decide them;
//   - ROMI: paying customers on both sides ≥ MinDeals and |Δ| ≥
//     MinROMIDelta (20 pp), as ROMI moves in hundreds of percent;
//   - spend: both amounts nonzero and |Δ| ≥ 20%.
const (
	MinVolume      = 20   // items behind a rate or a per-lead amount
	MinDeals       = 5    // paying customers behind CAC, average check, revenue and ROMI
	MinRateDelta   = 0.05 // 5 percentage points
	MinROMIDelta   = 0.20 // 20 percentage points
	MinAmountDelta = 0.20 // 20 percent
)

func init() {
	RegisterTexts(Texts{
		"calc.metric.cpl":        {English: "CPL", Russian: "CPL"},
		"calc.metric.cpq":        {English: "Cost per qualified lead", Russian: "Цена целевого лида"},
		"calc.metric.cac":        {English: "CAC", Russian: "CAC"},
		"calc.metric.avg_check":  {English: "Average check", Russian: "Средний чек"},
		"calc.metric.romi":       {English: "ROMI", Russian: "ROMI"},
		"calc.metric.non_target": {English: "Non-target share", Russian: "Доля нецелевых"},
		"calc.metric.spend":      {English: "Marketing spend", Russian: "Расходы на маркетинг"},
		"calc.metric.revenue":    {English: "Revenue", Russian: "Выручка"},
	})
}

// direction says which way a metric moves for the better.
type direction int

const (
	neutral direction = iota
	higherIsBetter
	lowerIsBetter
)

// metricRule is how one unit-economics metric is compared.
type metricRule struct {
	metric    Metric
	rate      bool
	better    direction
	volume    StageRole // the count behind the metric; RoleNone for none
	minVolume int64
	minDelta  float64
}

// comparedMetrics are the metrics Compare reports after the conversions, in
// the order a review reads them.
var comparedMetrics = []metricRule{
	{MetricCPL, false, lowerIsBetter, RoleLeads, MinVolume, MinAmountDelta},
	{MetricCostPerQualified, false, lowerIsBetter, RoleQualified, MinVolume, MinAmountDelta},
	{MetricCAC, false, lowerIsBetter, RolePaid, MinDeals, MinAmountDelta},
	{MetricAvgCheck, false, higherIsBetter, RolePaid, MinDeals, MinAmountDelta},
	{MetricROMI, true, higherIsBetter, RolePaid, MinDeals, MinROMIDelta},
	{MetricNonTargetShare, true, lowerIsBetter, RoleLeads, MinVolume, MinRateDelta},
	{MetricSpend, false, neutral, RoleNone, 0, MinAmountDelta},
	{MetricRevenue, false, higherIsBetter, RolePaid, MinDeals, MinAmountDelta},
}

// Compare returns how cur moved against before: every stage conversion of
// cur in funnel order, then CPL, cost per qualified lead, CAC, average
// check, ROMI, non-target share, spend and revenue. Significance follows
// the rule documented with MinVolume.
func Compare(cur, before FunnelReport) []Change {
	var changes []Change
	for _, f := range cur.Stages {
		if c, ok := compareConversion(cur, before, f); ok {
			changes = append(changes, c)
		}
	}
	for _, rule := range comparedMetrics {
		changes = append(changes, compareMetric(cur, before, rule))
	}
	return changes
}

// CompareMetric returns how one metric moved between the reports, by the
// rule Compare follows; ok is false for a metric Compare does not report
// (a conversion cur does not have, an unknown metric).
func CompareMetric(cur, before FunnelReport, m Metric) (Change, bool) {
	if key, ok := m.ConvStage(); ok {
		f, ok := cur.Figure(key)
		if !ok {
			return Change{}, false
		}
		return compareConversion(cur, before, f)
	}
	for _, rule := range comparedMetrics {
		if rule.metric == m {
			return compareMetric(cur, before, rule), true
		}
	}
	return Change{}, false
}

// MinVisibleDelta is the smallest move shown with a direction: under half
// a point (or half a percent) a change reads as no change at all.
const MinVisibleDelta = 0.005

// Moved reports whether the change is large enough to show which way it
// went, significant or not.
func (c Change) Moved() bool {
	return bigEnough(c.Delta, MinVisibleDelta)
}

// compareConversion compares the conversion into stage f; ok is false when
// cur has no conversion into it (unreported or the first reported stage).
func compareConversion(cur, before FunnelReport, f StageFigure) (Change, bool) {
	from, ok := cur.PreviousReported(f.Stage.Key)
	if !f.Reported || !ok {
		return Change{}, false
	}
	b, _ := before.Figure(f.Stage.Key)
	bFrom, bOK := before.PreviousReported(f.Stage.Key)
	c := Change{
		Metric: ConvMetric(f.Stage.Key),
		Stage:  f.Stage,
		From:   from.Stage,
		Now:    f.Conv,
		Before: b.Conv,
		IsRate: true,
		Volume: from.Count,
	}
	c.Delta = PointChange(c.Now, c.Before)
	sameBase := bOK && bFrom.Stage.Key == from.Stage.Key
	c.Implausible = ImplausibleRate(c.Now) || ImplausibleRate(c.Before)
	c.Significant = sameBase && from.Count >= MinVolume && bFrom.Count >= MinVolume &&
		bigEnough(c.Delta, MinRateDelta) && !c.Implausible
	c.Worse = worse(c.Delta, higherIsBetter)
	return c, true
}

// compareMetric compares one unit-economics metric or amount.
func compareMetric(cur, before FunnelReport, rule metricRule) Change {
	c := Change{
		Metric: rule.metric,
		Now:    cur.MetricValue(rule.metric),
		Before: before.MetricValue(rule.metric),
		IsRate: rule.rate,
	}
	enough := true
	if rule.volume != RoleNone {
		now, _ := cur.RoleFigure(rule.volume)
		was, _ := before.RoleFigure(rule.volume)
		c.Volume = now.Count
		enough = now.Count >= rule.minVolume && was.Count >= rule.minVolume
	}
	if rule.rate {
		c.Delta = PointChange(c.Now, c.Before)
	} else {
		c.Delta = RelativeChange(c.Now, c.Before)
		enough = enough && c.Now.V != 0
	}
	c.Significant = enough && bigEnough(c.Delta, rule.minDelta)
	c.Worse = worse(c.Delta, rule.better)
	return c
}

// bigEnough reports whether |delta| reaches min, allowing for the float
// error of a difference that is exactly min on paper.
func bigEnough(delta Value, threshold float64) bool {
	return delta.OK && math.Abs(delta.V) >= threshold-1e-9
}

func worse(delta Value, better direction) bool {
	if !delta.OK {
		return false
	}
	switch better {
	case higherIsBetter:
		return delta.V < 0
	case lowerIsBetter:
		return delta.V > 0
	}
	return false
}

// Baseline returns the four weeks before week w as one report to compare a
// week against: rates are ratios of the four weeks' sums, while spend,
// revenue and gross profit are divided by the number of weeks that had
// records, so they read as an average week. Stage counts stay sums, as they
// are the volume behind the baseline's rates.
func Baseline(ws *Workspace, segment string, w Week, recs []WeeklyRecord) FunnelReport {
	return BuildReport(ws, segment, LastWeeks(w.Add(-1), BaselineWeeks), recs).averageWeek()
}

// BaselineWeeks is how many weeks before a week its baseline covers.
const BaselineWeeks = 4

// Label names the changed metric: "Leads → Qualified" or "Лиды → Целевые"
// for a conversion, "CPL", "Средний чек" and so on for the others.
func (c Change) Label(ws *Workspace, lang Lang) string {
	if _, ok := c.Metric.ConvStage(); ok && c.From.Key != "" {
		return c.From.Name.In(lang) + " → " + c.Stage.Name.In(lang)
	}
	return MetricLabel(ws, c.Metric, lang)
}

// MetricLabel names a metric; a conversion is named after the stage it
// converts into and the workspace stage before it.
func MetricLabel(ws *Workspace, m Metric, lang Lang) string {
	key, ok := m.ConvStage()
	if !ok {
		if text := "calc.metric." + string(m); HasText(text) {
			return Text(lang, text)
		}
		return string(m)
	}
	var prev *Stage
	for i := range ws.Stages {
		st := &ws.Stages[i]
		if st.Archived {
			continue
		}
		if st.Key == key {
			if prev == nil {
				return st.Name.In(lang)
			}
			return prev.Name.In(lang) + " → " + st.Name.In(lang)
		}
		prev = st
	}
	return key
}

// FormatMetricValue formats a metric's value: rates as percentages,
// amounts as money in the currency.
func FormatMetricValue(m Metric, v Value, currency string, lang Lang) string {
	if m.IsRate() {
		return FormatPercent(v, lang)
	}
	return FormatMoneyValue(v, currency, lang)
}

// DeltaText formats the change: points for rates ("−12 pp"), percent for
// amounts ("+15%"), "—" when it is undefined.
func (c Change) DeltaText(lang Lang) string {
	if !c.Delta.OK {
		return NoValue
	}
	if c.IsRate {
		return FormatPoints(c.Delta.V, lang)
	}
	return FormatDelta(c.Delta.V, lang)
}
