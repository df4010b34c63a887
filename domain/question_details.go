package domain

import "math"

// Details renders "why this question": one line per test behind it — the
// values compared, the counts, the interval or the usual range, the
// p-value — then how false alarms were kept down and the money at stake
// with its inputs. Plain text in lang, for a button or /review details.
func (q Question) Details(ws *Workspace, lang Lang) []string {
	var lines []string
	for _, ev := range q.Evidence {
		lines = append(lines, ev.Text(ws, lang))
	}
	if len(q.Evidence) > 0 {
		if n := q.Evidence[0].Family; n > 0 {
			lines = append(lines, Text(lang, "evidence.family", n, formatNumber(FalseDiscoveryRate, 2, lang)))
		} else {
			lines = append(lines, Text(lang, "evidence.guard"))
		}
	}
	return append(lines, q.Stake.Text(ws, lang))
}

// Text renders one test with its numbers.
func (ev Evidence) Text(ws *Workspace, lang Lang) string {
	label := MetricLabel(ws, ev.Metric, lang)
	rate := func(v Value) string { return FormatPercent(v, lang) }
	amount := func(v Value) string {
		if ev.Metric.IsRate() && ev.Test == TestAmount {
			return rate(v)
		}
		return FormatMoneyShort(v.V, ws.Currency, lang)
	}
	count := func(v Value) string { return compactNumber(v.V, lang) }
	p := formatP(ev.P, lang)
	switch ev.Test {
	case TestProportion, TestShare, TestManager:
		key := "evidence.rate"
		switch ev.Test {
		case TestShare:
			key = "evidence.share"
		case TestManager:
			key = "evidence.manager"
		}
		return Text(lang, key, label, ev.NowK, ev.NowN, rate(ev.Now), rate(ev.Low), rate(ev.High),
			ev.BaseK, ev.BaseN, rate(ev.Base), ev.Slots, formatNumber(math.Max(ev.Phi, 1), 1, lang), p)
	case TestTrend:
		return Text(lang, "evidence.trend", label, FormatPoints(ev.Slope, lang), ev.Weeks, formatNumber(ev.Z, 1, lang),
			rate(ev.Now), rate(ev.Base), p)
	case TestAmount:
		return Text(lang, "evidence.amount", label, amount(ev.Now), amount(ev.Base), amount(ev.Low), amount(ev.High),
			ev.Slots, formatNumber(ev.Z, 1, lang), p)
	case TestRevenue:
		return Text(lang, "evidence.revenue", amount(ev.Now), amount(ev.Base), amount(ev.Low), amount(ev.High), ev.Slots, p)
	case TestCount:
		// A count is of a stage's items: name the stage, not the conversion.
		if key, ok := ev.Metric.ConvStage(); ok {
			label = stageName(ws, key, lang)
		}
		return Text(lang, "evidence.count", label, count(ev.Now), count(ev.Base), count(ev.Low), count(ev.High), ev.Slots, p)
	case TestFocus:
		return Text(lang, "evidence.focus", rate(ev.Now), rate(ev.Base), ev.Slots, formatNumber(MisfocusFactor, 0, lang))
	}
	return label
}

// stageName names a stage of the workspace, or returns its key.
func stageName(ws *Workspace, key string, lang Lang) string {
	for _, st := range ws.Stages {
		if st.Key == key {
			return st.Name.In(lang)
		}
	}
	return key
}

// formatP formats a p-value after its sign: "= 0.0036", or "< 0.0001".
func formatP(p float64, lang Lang) string {
	if p < 0.0001 {
		return "< " + formatNumber(0.0001, 4, lang)
	}
	return "= " + formatNumber(p, 4, lang)
}
