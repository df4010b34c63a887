package domain

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A hypothesis says by how much its target metric should move: a target
// value ("≥ 45%", "≤ 1 500 ₽") or a change from the baseline ("+10 pp" for
// a rate, "−20%" for either). The verdict checks the measured value
// against it, so it is a number, not words.

// EffectKind is how an expected effect is stated.
type EffectKind string

// The kinds of effect. Value is a fraction for rates and percent changes
// (0.45 is 45%, 0.1 is +10 pp or +10%) and currency units for amounts.
const (
	EffectAtLeast EffectKind = "at_least" // reach at least Value
	EffectAtMost  EffectKind = "at_most"  // come down to at most Value
	EffectPoints  EffectKind = "points"   // change a rate by Value percentage points
	EffectPercent EffectKind = "percent"  // change the metric by Value of its baseline
)

// Effect is the expected effect on a hypothesis's target metric; the zero
// Effect is none stated.
type Effect struct {
	Kind  EffectKind
	Value float64
}

// Set reports whether an effect is stated.
func (e Effect) Set() bool { return e.Kind != "" }

// Target returns the value the metric should reach from baseline: the
// target itself, or the baseline moved by the change; None when the change
// has no baseline to start from.
func (e Effect) Target(baseline Value) Value {
	switch e.Kind {
	case EffectAtLeast, EffectAtMost:
		return Some(e.Value)
	case EffectPoints:
		if baseline.OK {
			return Some(baseline.V + e.Value)
		}
	case EffectPercent:
		if baseline.OK {
			return Some(baseline.V * (1 + e.Value))
		}
	}
	return None
}

// Up reports whether the effect wants the metric higher; a target wants
// it up to at least, or down to at most, its value.
func (e Effect) Up() bool {
	switch e.Kind {
	case EffectAtLeast:
		return true
	case EffectAtMost:
		return false
	}
	return e.Value > 0
}

// Format writes the effect as people read it: "≥ 45%", "+10 pp", "−20%".
func (e Effect) Format(m Metric, currency string, l Lang) string {
	switch e.Kind {
	case EffectAtLeast:
		return "≥ " + FormatMetricValue(m, Some(e.Value), currency, l)
	case EffectAtMost:
		return "≤ " + FormatMetricValue(m, Some(e.Value), currency, l)
	case EffectPoints:
		return FormatPoints(e.Value, l)
	case EffectPercent:
		return FormatDelta(e.Value, l)
	}
	return NoValue
}

// String is the effect's stored form, "points:0.1"; ParseStoredEffect
// reads it back. An effect not stated is "".
func (e Effect) String() string {
	if !e.Set() {
		return ""
	}
	return string(e.Kind) + ":" + strconv.FormatFloat(e.Value, 'g', -1, 64)
}

// ParseStoredEffect reads an effect written by Effect.String; ok is false
// for anything else.
func ParseStoredEffect(s string) (Effect, bool) {
	kind, value, found := strings.Cut(s, ":")
	v, err := strconv.ParseFloat(value, 64)
	e := Effect{Kind: EffectKind(kind), Value: v}
	switch e.Kind {
	case EffectAtLeast, EffectAtMost, EffectPoints, EffectPercent:
		return e, found && err == nil
	}
	return Effect{}, false
}

// Validate checks the effect makes sense for the metric: points only for
// rates, a share within 0–100%, an amount above zero, a change that is not
// nothing and does not take an amount below zero.
func (e Effect) Validate(m Metric) error {
	bad := func() error { return Errorf(EINVALID, "hyp.effect_out_of_range", effectExamples{m}) }
	share := m.IsRate() && m != MetricROMI
	v := e.Value
	switch e.Kind {
	case EffectAtLeast, EffectAtMost:
		if share && (v < 0 || v > 1) || m == MetricROMI && v < -1 || !m.IsRate() && v <= 0 {
			return bad()
		}
	case EffectPoints:
		if !m.IsRate() {
			return Errorf(EINVALID, "hyp.effect_points_amount")
		}
		if v == 0 || share && math.Abs(v) > 1 || math.Abs(v) > 10 {
			return bad()
		}
	case EffectPercent:
		if v == 0 || v <= -1 || v > 10 {
			return bad()
		}
	default:
		return bad()
	}
	return nil
}

// ParseEffect reads an expected effect typed for metric m, in either
// language, and returns it with the text that followed it, the "why":
//
//   - "≥ 45%", "не менее 45%", "at most 1 500 ₽" is a target;
//   - a bare value ("45%", "1 500") is a target too, at least for a metric
//     that is better higher and at most for one better lower;
//   - a signed number is a change: "+10 pp" ("+10 п.п.") moves a rate by
//     points, "−20%" moves either by percent of the baseline, and without a
//     unit a rate moves by points and an amount by percent, as the bot
//     shows changes.
//
// Numbers are read like ParseNumber ("1 500", "1,5k"); a rate's target
// without "%" is percent above 1 and a fraction below (ParsePercent).
func ParseEffect(s string, m Metric) (Effect, string, error) {
	bad := Errorf(EINVALID, "hyp.effect_bad", strings.TrimSpace(s), effectExamples{m})
	rest := strings.TrimSpace(s)
	kind, rest := cutComparator(rest)
	sign := 0.0
	if r, ok := cutSign(rest); ok {
		sign, rest = -1, strings.TrimSpace(r)
	} else if r, ok := strings.CutPrefix(rest, "+"); ok {
		sign, rest = 1, strings.TrimSpace(r)
	}
	if kind != "" && sign != 0 {
		return Effect{}, "", bad
	}
	core, after := splitNumberCore(rest)
	core = strings.TrimRight(core, ".,")
	if core == "" {
		return Effect{}, "", bad
	}
	unit, why := cutEffectUnit(core, after)
	d, meta, err := parseDecimal(core + " " + unit.multiplier)
	if err != nil {
		return Effect{}, "", bad
	}
	v := d.float()
	var e Effect
	switch {
	case sign != 0 && (unit.points || !unit.percent && m.IsRate()):
		e = Effect{EffectPoints, sign * v / 100}
	case sign != 0:
		e = Effect{EffectPercent, sign * v / 100}
	case unit.points:
		return Effect{}, "", Errorf(EINVALID, "hyp.effect_points_unsigned", strings.TrimSpace(s))
	case m.IsRate():
		if unit.percent || v > 1 {
			v /= 100
		}
		e = Effect{kind, v}
	case unit.percent || meta.percent:
		return Effect{}, "", bad
	default:
		e = Effect{kind, v}
	}
	if e.Kind == "" {
		e.Kind = EffectAtLeast
		if metricDirection(m) == lowerIsBetter {
			e.Kind = EffectAtMost
		}
	}
	if err := e.Validate(m); err != nil {
		return Effect{}, "", err
	}
	return e, why, nil
}

// cutComparator cuts a leading "≥", "at most", "не менее"… from s.
func cutComparator(s string) (EffectKind, string) {
	lower := strings.ToLower(s)
	for _, c := range []struct {
		kind  EffectKind
		words []string
	}{{EffectAtLeast, effectAtLeastWords}, {EffectAtMost, effectAtMostWords}} {
		for _, w := range c.words {
			rest, ok := strings.CutPrefix(lower, w)
			if !ok {
				continue
			}
			// A word stands alone: "от 40%", not "отдел".
			if r, _ := utf8.DecodeRuneInString(rest); unicode.IsLetter(r) {
				continue
			}
			return c.kind, strings.TrimSpace(s[len(w):])
		}
	}
	return "", s
}

// effectUnit is what follows an effect's number.
type effectUnit struct {
	points, percent bool
	multiplier      string // "k", "млн", a currency: read with the number
}

// cutEffectUnit reads the unit after an effect's number and returns the
// rest of the text, the "why", without the punctuation that set it apart.
func cutEffectUnit(core, after string) (effectUnit, string) {
	var u effectUnit
	lower := strings.ToLower(after)
	standsAlone := func(rest string) bool {
		r, _ := utf8.DecodeRuneInString(rest)
		return !unicode.IsLetter(r)
	}
	switch {
	case strings.HasPrefix(lower, "%"):
		u.percent, after = true, after[1:]
	default:
		found := false
		for _, w := range pointUnitWords {
			if rest, ok := strings.CutPrefix(lower, w); ok && standsAlone(rest) {
				u.points, after, found = true, after[len(w):], true
				break
			}
		}
		if !found {
			// A multiplier or a currency is the next word, when the number
			// reads with it: "1,5 млн", "1 500 ₽".
			word, rest, _ := strings.Cut(strings.TrimSpace(after), " ")
			word = strings.TrimRight(word, ",;:")
			if _, _, err := parseDecimal(core + " " + word); err == nil && word != "" {
				u.multiplier, after = word, rest
			}
		}
	}
	return u, strings.TrimSpace(strings.TrimLeft(after, " \t\n.,;:—–-"))
}

// EffectExamples shows in lang how to write an effect for the metric: two
// preset changes and a target.
func EffectExamples(m Metric, l Lang) string { return effectExamples{m}.Localize(l) }

// effectExamples shows how to write an effect for the metric, in the
// language of the message it is part of.
type effectExamples struct{ m Metric }

// Localize lists two preset changes and a target for the metric.
func (x effectExamples) Localize(l Lang) string {
	m := x.m
	var ex []string
	for _, e := range EffectPresets(m) {
		ex = append(ex, e.Format(m, "", l))
	}
	target := Effect{EffectAtLeast, 0.45}
	switch {
	case m == MetricNonTargetShare:
		target = Effect{EffectAtMost, 0.15}
	case !m.IsRate() && metricDirection(m) == lowerIsBetter:
		target = Effect{EffectAtMost, 1500}
	case !m.IsRate():
		target = Effect{EffectAtLeast, 50000}
	case m == MetricROMI:
		target = Effect{EffectAtLeast, 1.5}
	}
	return strings.Join(append(ex[:min(2, len(ex))], target.Format(m, "", l)), ", ")
}

// EffectPresets returns the effects offered as buttons for the metric:
// changes the way it gets better, in its unit.
func EffectPresets(m Metric) []Effect {
	down := metricDirection(m) == lowerIsBetter
	var steps []float64
	kind := EffectPercent
	switch {
	case m == MetricROMI:
		kind, steps = EffectPoints, []float64{0.2, 0.5, 1}
	case m.IsRate():
		kind, steps = EffectPoints, []float64{0.05, 0.1, 0.2}
	case down:
		steps = []float64{0.1, 0.2, 0.3}
	default:
		steps = []float64{0.1, 0.2, 0.5}
	}
	out := make([]Effect, len(steps))
	for i, v := range steps {
		if down {
			v = -v
		}
		out[i] = Effect{kind, v}
	}
	return out
}

// metricDirection says which way the metric gets better: conversions and
// the metrics Compare reports by their rule.
func metricDirection(m Metric) direction {
	if _, ok := m.ConvStage(); ok {
		return higherIsBetter
	}
	for _, r := range comparedMetrics {
		if r.metric == m {
			return r.better
		}
	}
	return neutral
}

// ParseICE reads an ICE score typed as three numbers 1–10: "8 6 7",
// "8/6/7", "8×6×7".
func ParseICE(s string) (ICE, error) {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	if len(parts) != 3 {
		return ICE{}, Errorf(EINVALID, "hyp.bad_ice")
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil {
			return ICE{}, Errorf(EINVALID, "hyp.bad_ice")
		}
		n[i] = v
	}
	ice := ICE{Impact: n[0], Confidence: n[1], Ease: n[2]}
	return ice, ice.Validate()
}

// String is the ICE score as stored in the history: "8 6 7".
func (s ICE) String() string {
	if !s.Set() {
		return ""
	}
	return fmt.Sprintf("%d %d %d", s.Impact, s.Confidence, s.Ease)
}
