package domain

import (
	"math"
	"time"
)

// A hypothesis is judged by its numbers: from the week after the work
// started to its deadline, the bot measures the target metric and compares
// it with the baseline taken when the hypothesis was logged and with the
// target its expected effect sets. Whether the move stands out from the
// metric's usual noise is judged by the same statistics the tracker
// questions use (stats.go, amounts.go): a proportion test for rates, the
// metric's own week-to-week range for amounts.

// VerdictKind is what the numbers say about a hypothesis.
type VerdictKind string

// The verdicts. Partly means the metric moved the way the effect wants,
// visibly, without reaching the target; no data means no week of the
// window has the metric yet.
const (
	VerdictMet     VerdictKind = "met"
	VerdictPartly  VerdictKind = "partly"
	VerdictNotMet  VerdictKind = "not_met"
	VerdictNoData  VerdictKind = "no_data"
	verdictUnknown VerdictKind = ""
)

// VerdictKinds lists the verdicts, best first.
var VerdictKinds = []VerdictKind{VerdictMet, VerdictPartly, VerdictNotMet, VerdictNoData}

// Localize names the verdict in lang.
func (k VerdictKind) Localize(lang Lang) string {
	if k == verdictUnknown {
		return NoValue
	}
	return Text(lang, "hyp.verdict."+string(k))
}

// Noise is how a measured move compares with the metric's usual noise.
type Noise string

// Noise judgements. Unknown: too little history (or too few items) to
// tell what the metric's usual swing is.
const (
	NoiseBeyond  Noise = "beyond"
	NoiseWithin  Noise = "within"
	NoiseUnknown Noise = "unknown"
)

// Localize says in lang how the move compares with the noise.
func (n Noise) Localize(lang Lang) string { return Text(lang, "hyp.noise."+string(n)) }

// Noises lists the judgements.
var Noises = []Noise{NoiseBeyond, NoiseWithin, NoiseUnknown}

// Tuning of the verdict. A move is beyond the noise when the one-sided
// p-value of a move at least this large by chance is under
// VerdictNoiseLevel; an amount's noise is read from up to
// verdictNoiseWeeks weeks up to the baseline week, as the tracker reads it.
const (
	VerdictNoiseLevel = 0.05
	verdictNoiseWeeks = 12
)

// Verdict is the measured outcome of a hypothesis: the metric's baseline,
// its value over the weeks From..To that had numbers (Weekly), the target
// the effect sets, the change against the baseline (points for rates,
// percent for amounts), and whether that change is beyond the noise.
type Verdict struct {
	Kind     VerdictKind
	Baseline Value
	Measured Value
	Target   Value
	Change   Value
	IsRate   bool
	From, To Week
	Weekly   []WeekValue
	Noise    Noise
	P        float64 // the noise test's one-sided p-value; 1 when unknown
}

// StartedAt returns when the work on the hypothesis started: its first
// move into in progress or, for one done straight from new, when it
// became new; ok is false for one never approved.
func (h *Hypothesis) StartedAt() (time.Time, bool) {
	var became time.Time
	for _, e := range h.History {
		if e.Field != "" || e.From == e.To {
			continue
		}
		switch {
		case e.To == StatusInProgress:
			return e.At, true
		case e.To == StatusNew && became.IsZero():
			became = e.At
		}
	}
	return became, !became.IsZero()
}

// MeasureWindow returns the weeks the hypothesis is measured over: from
// the week after its work started to the week of its deadline (at least
// that one week, when the deadline is sooner). ok is false before the work
// could start.
func MeasureWindow(ws *Workspace, h *Hypothesis) (from, to Week, ok bool) {
	start, ok := h.StartedAt()
	if !ok {
		return Week{}, Week{}, false
	}
	from = WeekOf(start.In(ws.Location())).Add(1)
	to = from
	if !h.Deadline.IsZero() && from.Before(h.Deadline.Week()) {
		to = h.Deadline.Week()
	}
	return from, to, true
}

// JudgeHypothesis measures the hypothesis over its window, cut at the last
// complete week, from recs, which must hold the segment's weeks from
// verdictNoiseWeeks before the baseline week to the window's end.
func JudgeHypothesis(ws *Workspace, h *Hypothesis, last Week, recs []WeeklyRecord) Verdict {
	v := Verdict{Kind: VerdictNoData, Baseline: h.Baseline, Target: h.Effect.Target(h.Baseline),
		IsRate: h.Metric.IsRate(), Noise: NoiseUnknown, P: 1}
	from, to, ok := MeasureWindow(ws, h)
	if !ok {
		return v
	}
	if last.Before(to) {
		to = last
	}
	v.From, v.To = from, to
	if to.Before(from) {
		return v
	}
	v.Weekly, v.Measured = MetricSince(ws, h.Segment, h.Metric, from, to, recs)
	if !v.Measured.OK {
		return v
	}
	if v.IsRate {
		v.Change = PointChange(v.Measured, v.Baseline)
	} else {
		v.Change = RelativeChange(v.Measured, v.Baseline)
	}
	v.Noise, v.P = moveNoise(ws, h, from, to, v, recs)
	up := h.Effect.Up()
	if !h.Effect.Set() {
		up = metricDirection(h.Metric) != lowerIsBetter
	}
	moved := v.Change.OK && bigEnough(v.Change, MinVisibleDelta) && (v.Change.V > 0) == up
	switch {
	case h.Effect.Set() && !v.Target.OK:
		v.Kind = VerdictNoData // a change with no baseline to start from
	case h.Effect.Set() && reached(v.Measured.V, v.Target.V, up):
		v.Kind = VerdictMet
	case !h.Effect.Set() && moved && v.Noise == NoiseBeyond:
		v.Kind = VerdictMet
	case moved:
		v.Kind = VerdictPartly
	default:
		v.Kind = VerdictNotMet
	}
	return v
}

// reached reports whether value is at or beyond target the way up says,
// allowing for float error in a target computed from the baseline.
func reached(value, target float64, up bool) bool {
	if up {
		return value >= target-1e-9
	}
	return value <= target+1e-9
}

// moveNoise tests the move of the measured value from the baseline in the
// direction it went: a rate with a proportion test widened by the
// baseline weeks' overdispersion, an amount (ROMI as 1 + ROMI, a ratio of
// money) against its weekly range before the baseline.
func moveNoise(ws *Workspace, h *Hypothesis, from, to Week, v Verdict, recs []WeeklyRecord) (Noise, float64) {
	if !v.Baseline.OK || !v.Change.OK {
		return NoiseUnknown, 1
	}
	up := v.Change.V > 0
	var p float64
	if h.Metric.IsRate() && h.Metric != MetricROMI {
		k, n, ok := rateCountsOf(ws, h, Period{Kind: PeriodRange, From: from, To: to}, recs)
		bk, bn, bok := rateCountsOf(ws, h, LastWeeks(h.BaselineWeek, BaselineWeeks), recs)
		if !ok || !bok {
			return NoiseUnknown, 1
		}
		var ks, ns []int64
		for i := range BaselineWeeks {
			if wk, wn, ok := rateCountsOf(ws, h, WeekPeriod(h.BaselineWeek.Add(-i)), recs); ok {
				ks, ns = append(ks, wk), append(ns, wn)
			}
		}
		phi := overdispersion(ks, ns)
		if up {
			p = proportionLowerP(bk, bn, k, n, phi)
		} else {
			p = proportionLowerP(k, n, bk, bn, phi)
		}
	} else {
		shift := 0.0
		if h.Metric == MetricROMI {
			shift = 1
		}
		var hist []float64
		for i := range verdictNoiseWeeks {
			r := BuildReport(ws, h.Segment, WeekPeriod(h.BaselineWeek.Add(-i)), recs)
			if x := r.MetricValue(h.Metric); r.Weeks > 0 && x.OK {
				hist = append(hist, x.V+shift)
			}
		}
		t, _, df, ok := amountTest(v.Measured.V+shift, hist, nil, float64(len(v.Weekly)))
		if !ok {
			return NoiseUnknown, 1
		}
		p = studentCDF(t, float64(df))
		if up {
			p = 1 - p
		}
	}
	if math.IsNaN(p) {
		return NoiseUnknown, 1
	}
	if p < VerdictNoiseLevel {
		return NoiseBeyond, p
	}
	return NoiseWithin, p
}

// rateCountsOf returns the counts behind the hypothesis's rate in period
// p: the conversion's k of n from the stage before it, or the non-target
// leads of all leads.
func rateCountsOf(ws *Workspace, h *Hypothesis, p Period, recs []WeeklyRecord) (k, n int64, ok bool) {
	r := BuildReport(ws, h.Segment, p, recs)
	if r.Weeks == 0 {
		return 0, 0, false
	}
	if h.Metric == MetricNonTargetShare {
		leads, found := r.RoleFigure(RoleLeads)
		return r.NonTargetLeads, leads.Count, found && leads.Count > 0
	}
	stage, isConv := h.Metric.ConvStage()
	prev, found := r.PreviousReported(stage)
	if !isConv || !found {
		return 0, 0, false
	}
	k, n, ok = rateCounts(r, stage, prev.Stage.Key)
	return k, n, ok && n > 0
}

// HypothesisVerdict measures h as of now from the stored records.
func HypothesisVerdict(tx Tx, ws *Workspace, h *Hypothesis, now time.Time) (Verdict, error) {
	last := ws.LastCompleteWeek(now)
	to := last
	if _, end, ok := MeasureWindow(ws, h); ok && end.Before(last) {
		to = end
	}
	from := h.BaselineWeek.Add(1 - verdictNoiseWeeks)
	if to.Before(h.BaselineWeek) {
		to = h.BaselineWeek
	}
	recs, err := tx.Records().Range(ws.ID, "", from, to)
	if err != nil {
		return Verdict{}, err
	}
	return JudgeHypothesis(ws, h, last, recs), nil
}

// ShowsVerdict reports whether a card shows the verdict on day today: once
// the work is done or decided on its numbers, and for work still open from
// its deadline on.
func (h *Hypothesis) ShowsVerdict(today Date) bool {
	switch h.Status {
	case StatusDone, StatusConfirmed, StatusRejected:
		return true
	case StatusNew, StatusInProgress:
		return !h.Deadline.IsZero() && !today.Before(h.Deadline)
	}
	return false
}
