package domain

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text renders the question in lang as plain text, without the mention of
// the heads the bot puts in front of it: the move with its cause, the
// reason and the drift behind it, what it did to the compound metrics,
// the money at stake with its assumptions, and the question itself.
func (q Question) Text(ws *Workspace, lang Lang) string {
	if q.Plan != nil {
		return q.Plan.Text(ws, q.Segment.Name.In(lang), lang)
	}
	parts := []string{q.main(ws, lang)}
	if q.Reason != nil && q.Kind != QuestionReason && q.Kind != QuestionFocus {
		parts = append(parts, q.reasonText(ws, lang))
	}
	if q.Trend != nil && (q.Kind == QuestionChange || q.Kind == QuestionManager) {
		parts = append(parts, Text(lang, "question.trend_inside", q.Trend.Weeks, FormatPercent(q.Trend.From, lang)))
	}
	if c := q.Collapse; c != nil && q.Kind != QuestionMoney {
		parts = append(parts, Text(lang, "question.collapse_inside", FormatCount(c.Paid), compactNumber(c.PaidUsual, lang),
			FormatMoneyShort(c.Revenue, ws.Currency, lang), FormatMoneyShort(c.RevenueUsual, ws.Currency, lang)))
	}
	if c := q.Collapse; c != nil && c.Small {
		parts = append(parts, Text(lang, "question.small_numbers"))
	}
	if len(q.Compound) > 0 {
		var moves []string
		for _, c := range q.Compound {
			key := "question.compound_rose"
			if c.Delta.V < 0 {
				key = "question.compound_fell"
			}
			moves = append(moves, Text(lang, key, midSentence(MetricLabel(ws, c.Metric, lang)),
				FormatMetricValue(c.Metric, c.Before, ws.Currency, lang), FormatMetricValue(c.Metric, c.Now, ws.Currency, lang)))
		}
		parts = append(parts, Text(lang, "question.compound", strings.Join(moves, ", ")))
	}
	text := strings.Join(parts, "; ")
	if !strings.HasSuffix(text, ".") {
		text += "."
	}
	return text + " " + q.Stake.Text(ws, lang) + " " + q.ask(lang)
}

// main is the question's first clause: what moved, where, from what to what.
func (q Question) main(ws *Workspace, lang Lang) string {
	seg := q.Segment.Name.In(lang)
	money := func(v Value) string { return FormatMoneyShort(v.V, ws.Currency, lang) }
	rate := func(v Value) string { return FormatPercent(v, lang) }
	switch q.Kind {
	case QuestionReason:
		key := "question.reason_held"
		if q.NonTarget {
			key = "question.reason_nontarget"
		}
		return Text(lang, key, q.Reason.Reason.Name.In(lang), q.Change.Stage.Name.In(lang), seg,
			rate(q.ReasonWas), rate(q.Reason.Share), rate(q.Change.Now), rate(q.Change.Before))
	case QuestionFocus:
		return q.focusText(lang)
	case QuestionTrend:
		return Text(lang, "question.trend", q.convLabel(ws, lang), seg, q.Trend.Weeks, rate(q.Trend.From), rate(q.Trend.To))
	case QuestionSpend:
		return Text(lang, "question.spend", seg, FormatPercent(Some(math.Abs(q.Change.Delta.V)), lang), money(q.Change.Now), money(q.Change.Before),
			compactNumber(q.Leads, lang), compactNumber(q.UsualLeads, lang))
	case QuestionVolume:
		return Text(lang, "question.volume", seg, compactNumber(q.Leads, lang), compactNumber(q.UsualLeads, lang), money(q.Change.Now))
	case QuestionCheck:
		return Text(lang, "question.check", seg, FormatPercent(Some(math.Abs(q.Change.Delta.V)), lang), money(q.Change.Now), money(q.Change.Before),
			compactNumber(q.Leads, lang))
	case QuestionMoney:
		c := q.Collapse
		return Text(lang, "question.money", seg, FormatCount(c.Paid), compactNumber(c.PaidUsual, lang), compactNumber(c.PaidLow, lang),
			FormatMoneyShort(c.Revenue, ws.Currency, lang), FormatMoneyShort(c.RevenueUsual, ws.Currency, lang))
	case QuestionManager:
		ev := q.Evidence[0]
		return Text(lang, "question.manager", q.Manager, seg, q.Change.Label(ws, lang), rate(q.Change.Now), rate(q.Change.Before),
			q.windowText(lang), ev.NowK, ev.NowN)
	}
	key := "question.fell"
	if q.Change.Delta.OK && q.Change.Delta.V > 0 {
		key = "question.rose"
	}
	return Text(lang, key, q.convLabel(ws, lang), seg, rate(q.Change.Before), rate(q.Change.Now), q.againstText(lang))
}

// convLabel names the conversion asked about: "Conversion Leads → Qualified".
func (q Question) convLabel(ws *Workspace, lang Lang) string {
	label := q.Change.Label(ws, lang)
	if _, ok := q.Change.Metric.ConvStage(); ok {
		label = Text(lang, "question.conversion", label)
	}
	return label
}

// againstText says what the baseline of a change is.
func (q Question) againstText(lang Lang) string {
	slots := 0
	if len(q.Evidence) > 0 {
		slots = q.Evidence[0].Slots
	}
	if slots <= 1 {
		return Text(lang, "question.against.previous")
	}
	switch q.Period.Kind {
	case PeriodMonth:
		return Text(lang, "question.against.months", slots)
	case PeriodQuarter:
		return Text(lang, "question.against.quarters", slots)
	}
	return Text(lang, "question.against.weeks", slots)
}

// windowText names the weeks a manager or a misfocus is judged over.
func (q Question) windowText(lang Lang) string {
	if q.Period.Kind == PeriodWeek || q.Period.Kind == "" {
		n := ManagerWeeks
		if q.Kind == QuestionFocus && len(q.Evidence) > 0 {
			n = q.Evidence[0].Slots
		}
		return Text(lang, "question.window.weeks", n)
	}
	return q.Period.Label(lang)
}

// reasonText tells the reason behind a move: its rise, or its weight.
func (q Question) reasonText(ws *Workspace, lang Lang) string {
	name, share := q.Reason.Reason.Name.In(lang), FormatPercent(q.Reason.Share, lang)
	switch {
	case q.ReasonWas.OK && q.NonTarget:
		return Text(lang, "question.reason_rose_nontarget", name, FormatPercent(q.ReasonWas, lang), share)
	case q.ReasonWas.OK:
		return Text(lang, "question.reason_rose_dropoff", name, FormatPercent(q.ReasonWas, lang), share)
	case q.NonTarget:
		return Text(lang, "question.top_nontarget", name, share)
	}
	return Text(lang, "question.top_dropoff", name, share)
}

// focusText is the misfocus: growing, or standing still.
func (q Question) focusText(lang Lang) string {
	seg := q.Segment.Name.In(lang)
	var text string
	if q.Change.Delta.OK {
		text = Text(lang, "question.focus", seg, FormatPercent(q.Change.Delta, lang),
			FormatPercent(q.Focus.LeadsShare, lang), FormatPercent(q.Focus.SpendShare, lang), FormatPercent(q.moneyShare(), lang))
	} else {
		text = Text(lang, "question.focus_standing", seg, FormatPercent(q.Focus.LeadsShare, lang), FormatPercent(q.Focus.SpendShare, lang),
			FormatPercent(q.moneyShare(), lang), q.windowText(lang))
	}
	if q.Reason != nil {
		text += " " + Text(lang, "question.focus_quality", FormatPercent(q.Change.Now, lang), q.Reason.Reason.Name.In(lang), FormatPercent(q.Reason.Share, lang))
	}
	return text
}

// moneyShare is the segment's share of gross profit, or of revenue when
// margins are missing, as the focus check weighs it.
func (q Question) moneyShare() Value {
	if q.Focus.GrossProfitShare.OK {
		return q.Focus.GrossProfitShare
	}
	return q.Focus.RevenueShare
}

// ask is the closing question, in the words of the department asked.
func (q Question) ask(lang Lang) string {
	switch q.Kind {
	case QuestionFocus:
		return Text(lang, "question.ask.focus")
	case QuestionManager:
		return Text(lang, "question.ask.manager")
	}
	key := "question.ask." + q.Department
	if !HasText(key) {
		key = "question.ask.other"
	}
	return Text(lang, key)
}

// Text renders the money at stake with its assumptions in one line.
func (s Stake) Text(ws *Workspace, lang Lang) string {
	money := func(x float64) string { return FormatMoneyShort(x, ws.Currency, lang) }
	if !s.PerWeek.OK {
		why := "stake.unknown.revenue"
		if s.Basis == "" {
			why = "stake.unknown.held"
		}
		return Text(lang, "stake.unknown", Text(lang, why))
	}
	var basis string
	switch s.Basis {
	case StakeFunnel:
		basis = Text(lang, "stake.funnel", compactNumber(s.Items, lang), s.Stage.Name.In(lang),
			FormatPercent(s.Downstream, lang), money(s.AvgCheck.V))
	case StakeSpend:
		basis = Text(lang, "stake.spend", money(s.Spend), money(s.Usual))
	case StakeCheck:
		basis = Text(lang, "stake.check", compactNumber(s.Paid, lang), money(s.Usual-s.Now))
	case StakeRevenue:
		basis = Text(lang, "stake.revenue", money(s.Now), money(s.Usual))
	case StakeFocus:
		basis = Text(lang, "stake.focus", money(s.Spend), money(s.Usual))
	}
	return Text(lang, "stake.line", money(s.PerWeek.V), basis)
}

// StakeHeadline sums up the money at stake of a pack's questions in one
// line for its headline; empty when there are no questions.
func StakeHeadline(ws *Workspace, qs []Question, lang Lang) string {
	total, n, unknown := StakeTotal(qs)
	var parts []string
	if n > 0 {
		parts = append(parts, Text(lang, "stake.total", FormatMoneyShort(total, ws.Currency, lang)))
	}
	switch {
	case unknown > 0 && n > 0:
		parts = append(parts, Text(lang, "stake.total_unknown", strconv.Itoa(unknown)))
	case unknown > 0:
		parts = append(parts, Text(lang, "stake.total_none", strconv.Itoa(unknown)))
	}
	return strings.Join(parts, " ")
}

// midSentence lowers the first letter of a name used inside a sentence
// ("Cost per qualified lead" → "cost per qualified lead"), leaving
// acronyms such as CPL and ROMI alone.
func midSentence(name string) string {
	first, n := utf8.DecodeRuneInString(name)
	second, _ := utf8.DecodeRuneInString(name[n:])
	if !unicode.IsLower(second) {
		return name
	}
	return string(unicode.ToLower(first)) + name[n:]
}
