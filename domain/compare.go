package domain

import "math"

// A change is Significant by the rules of the tracker questions (the
// statistics live in stats.go and amounts.go; the rule is documented with
// judgeChanges in compare_stats.go): a move beyond the metric's own noise,
// read from the earlier periods, and large enough to matter, with false
// discoveries controlled across the metrics of one comparison. So a 7%
// wobble of ROMI is never headline news, and a chart colours a move red or
// green exactly when the review's headline lists it.

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
	metric Metric
	rate   bool
	better direction
	// volume is the count behind the metric: a per-item amount (CPL, CAC,
	// the average check) is as noisy as its items are few; RoleNone for an
	// amount of the period (spend, revenue, ROMI), which is as noisy as its
	// weeks are few.
	volume StageRole
	// fallback is the count both sides need under the rule for a metric
	// without history (see compare_stats.go).
	fallback StageRole
}

// comparedMetrics are the metrics Compare reports after the conversions, in
// the order a review reads them.
var comparedMetrics = []metricRule{
	{MetricCPL, false, lowerIsBetter, RoleLeads, RoleLeads},
	{MetricCostPerQualified, false, lowerIsBetter, RoleQualified, RoleQualified},
	{MetricCAC, false, lowerIsBetter, RolePaid, RolePaid},
	{MetricAvgCheck, false, higherIsBetter, RolePaid, RolePaid},
	{MetricROMI, true, higherIsBetter, RoleNone, RolePaid},
	{MetricNonTargetShare, true, lowerIsBetter, RoleLeads, RoleLeads},
	{MetricSpend, false, neutral, RoleNone, RoleNone},
	{MetricRevenue, false, higherIsBetter, RoleNone, RolePaid},
}

// Compare returns how cur moved against before: every stage conversion of
// cur in funnel order, then CPL, cost per qualified lead, CAC, average
// check, ROMI, non-target share, spend and revenue. earlier are the
// periods of cur's kind before it, the most recent first (EarlierReports):
// the history each metric's noise is read from. Significance follows the
// rule documented in compare_stats.go.
func Compare(cur, before FunnelReport, earlier []FunnelReport) []Change {
	var changes []Change
	var tests []changeTest
	_, baseSlots := historySlots(cur.Period.Kind)
	for _, f := range cur.Stages {
		if c, t, ok := compareConversion(cur, before, earlier[:min(baseSlots, len(earlier))], f); ok {
			changes, tests = append(changes, c), append(tests, t)
		}
	}
	for _, rule := range comparedMetrics {
		c, t := compareMetric(cur, before, earlier, baseSlots, rule)
		changes, tests = append(changes, c), append(tests, t)
	}
	judgeChanges(changes, tests)
	return changes
}

// CompareMetric returns how one metric moved between the reports, as
// Compare judges it among the others; ok is false for a metric Compare
// does not report (a conversion cur does not have, an unknown metric).
func CompareMetric(cur, before FunnelReport, earlier []FunnelReport, m Metric) (Change, bool) {
	for _, c := range Compare(cur, before, earlier) {
		if c.Metric == m {
			return c, true
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

// compareConversion compares the conversion into stage f, its noise from
// the baseline's earlier periods; ok is false when cur has no conversion
// into it (unreported or the first reported stage).
func compareConversion(cur, before FunnelReport, baseline []FunnelReport, f StageFigure) (Change, changeTest, bool) {
	from, ok := cur.PreviousReported(f.Stage.Key)
	if !f.Reported || !ok {
		return Change{}, changeTest{}, false
	}
	b, _ := before.Figure(f.Stage.Key)
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
	c.Implausible = ImplausibleRate(c.Now) || ImplausibleRate(c.Before)
	c.Worse = worse(c.Delta, higherIsBetter)
	bk, bn, sameBase := rateCounts(before, f.Stage.Key, from.Stage.Key)
	if !sameBase || c.Implausible || !c.Delta.OK {
		return c, changeTest{}, true
	}
	var ks, ns []int64
	for _, r := range baseline {
		if k, n, ok := rateCounts(r, f.Stage.Key, from.Stage.Key); ok && n > 0 && k <= n {
			ks, ns = append(ks, k), append(ns, n)
		}
	}
	return c, rateChangeTest(f.Count, from.Count, bk, bn, ks, ns), true
}

// compareMetric compares one unit-economics metric or amount.
func compareMetric(cur, before FunnelReport, earlier []FunnelReport, baseSlots int, rule metricRule) (Change, changeTest) {
	c := Change{
		Metric: rule.metric,
		Now:    cur.MetricValue(rule.metric),
		Before: before.MetricValue(rule.metric),
		IsRate: rule.rate,
	}
	if rule.volume != RoleNone {
		now, _ := cur.RoleFigure(rule.volume)
		c.Volume = now.Count
	}
	if rule.rate {
		c.Delta = PointChange(c.Now, c.Before)
	} else {
		c.Delta = RelativeChange(c.Now, c.Before)
	}
	c.Worse = worse(c.Delta, rule.better)
	if !c.Delta.OK {
		return c, changeTest{}
	}
	if rule.metric == MetricNonTargetShare {
		k, n, _ := nonTargetCounts(cur)
		bk, bn, _ := nonTargetCounts(before)
		var ks, ns []int64
		for _, r := range earlier[:min(baseSlots, len(earlier))] {
			if k, n, ok := nonTargetCounts(r); ok && n > 0 {
				ks, ns = append(ks, k), append(ns, n)
			}
		}
		return c, rateChangeTest(k, n, bk, bn, ks, ns)
	}
	hist := make([]amountSample, len(earlier))
	for i, r := range earlier {
		hist[i] = sampleOf(r, rule)
	}
	if t, ok := amountChangeTest(sampleOf(cur, rule), sampleOf(before, rule), hist); ok {
		return c, t
	}
	return c, amountFallback(c, cur, before, rule)
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
