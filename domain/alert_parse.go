package domain

import (
	"slices"
	"strings"
)

// Reading /alert. A rule is "<segment> <metric> <comparison> <value>":
//
//   - the segment by name or alias; it may be left out in a workspace with
//     one segment;
//   - the metric: a conversion "qualified→meetings" (or "->"; the stages
//     must follow each other in the segment's funnel), a stage's count
//     ("leads"), spend, revenue, or cpl, cpq, cac, avg check, romi,
//     non-target, in either language;
//   - the comparison: "<", ">", "<=", ">=", "below", "above", "ниже",
//     "выше" for a line; "falls", "rises", "падает", "растёт" for a change
//     against the 4-week baseline;
//   - the value in /log's number formats: a rate in percent ("35%"), an
//     amount ("1500", "1,5к"), a count; a change in percent of the
//     baseline ("30%") or, for a rate, in points ("5 pp", "5 п.п.").

// alertSymbols are the comparisons written as signs, longest first.
var alertSymbols = []struct {
	sign string
	op   AlertOp
}{{"<=", AlertBelow}, {">=", AlertAbove}, {"≤", AlertBelow}, {"≥", AlertAbove}, {"<", AlertBelow}, {">", AlertAbove}}

// ParseAlertRule reads a rule as /alert takes it. Errors are EINVALID and
// show an example in the workspace's own words.
func ParseAlertRule(ws *Workspace, text string) (*AlertRule, error) {
	t := strings.Join(strings.Fields(strings.ReplaceAll(text, "->", "→")), " ")
	left, op, right, ok := cutAlertOp(t)
	if !ok || strings.TrimSpace(left) == "" || strings.TrimSpace(right) == "" {
		return nil, alertUsage(ws)
	}
	seg, metricText, err := alertSegment(ws, strings.Fields(left))
	if err != nil {
		return nil, err
	}
	m, err := parseAlertMetric(ws, seg, metricText)
	if err != nil {
		return nil, err
	}
	r := &AlertRule{Segment: seg.Key, Metric: m, Op: op}
	if err := r.readThreshold(strings.TrimSpace(right)); err != nil {
		return nil, err
	}
	return r, nil
}

// cutAlertOp splits the rule at its comparison: the first sign, else the
// first operator word (two-word forms first).
func cutAlertOp(t string) (left string, op AlertOp, right string, ok bool) {
	at := -1
	for _, s := range alertSymbols {
		if i := strings.Index(t, s.sign); i >= 0 && (at < 0 || i < at) {
			at, op, left, right = i, s.op, t[:i], t[i+len(s.sign):]
		}
	}
	if at >= 0 {
		return left, op, right, true
	}
	words := strings.Fields(t)
	for i := range words {
		for n := min(3, len(words)-i); n >= 1; n-- {
			if op, ok := alertOpWord(strings.Join(words[i:i+n], " ")); ok {
				return strings.Join(words[:i], " "), op, strings.Join(words[i+n:], " "), true
			}
		}
	}
	return "", "", "", false
}

func alertOpWord(s string) (AlertOp, bool) {
	n := NormalizeName(s)
	for _, w := range []struct {
		words []string
		op    AlertOp
	}{{alertBelowWords, AlertBelow}, {alertAboveWords, AlertAbove}, {alertFallsWords, AlertFalls}, {alertRisesWords, AlertRises}} {
		if slices.Contains(w.words, n) {
			return w.op, true
		}
	}
	return "", false
}

// alertSegment finds the segment the leading words name (the longest run
// that does) and returns the rest as the metric; with one segment it may
// be left out.
func alertSegment(ws *Workspace, words []string) (Segment, string, error) {
	for n := len(words) - 1; n >= 1; n-- {
		if seg, ok := MatchSegment(ws, strings.Join(words[:n], " ")); ok {
			return seg, strings.Join(words[n:], " "), nil
		}
	}
	if segs := ws.ActiveSegments(); len(segs) == 1 {
		return segs[0], strings.Join(words, " "), nil
	}
	return Segment{}, "", Errorf(EINVALID, "alert.no_segment", segmentNames(ws), newAlertExample(ws))
}

// parseAlertMetric reads the metric of a rule about segment seg.
func parseAlertMetric(ws *Workspace, seg Segment, s string) (Metric, error) {
	names := NewFieldNames(ws)
	if from, to, ok := strings.Cut(s, "→"); ok {
		a, probA := names.Parse(strings.TrimSpace(from))
		b, probB := names.Parse(strings.TrimSpace(to))
		if probA != nil || probB != nil || a.Kind != FieldCount || b.Kind != FieldCount {
			return "", Errorf(EINVALID, "alert.unknown_metric", s, stageNames(ws))
		}
		prev, ok := previousStage(ws, seg, b.Stage)
		if !ok || prev.Key != a.Stage {
			return "", Errorf(EINVALID, "alert.not_next", entryStageName(ws, b.Stage).In(ws.Lang), prev.Name.In(ws.Lang))
		}
		return ConvMetric(b.Stage), nil
	}
	norm := NormalizeName(s)
	for _, m := range []Metric{MetricCPL, MetricCostPerQualified, MetricCAC, MetricAvgCheck, MetricROMI, MetricNonTargetShare} {
		if slices.Contains(alertMetricWords[m], norm) {
			return m, nil
		}
	}
	f, prob := names.Parse(s)
	switch {
	case prob != nil:
	case f.Kind == FieldSpend:
		return MetricSpend, nil
	case f.Kind == FieldRevenue:
		return MetricRevenue, nil
	case f.Kind == FieldCount && !slices.Contains(seg.SkipStages, f.Stage):
		return CountMetric(f.Stage), nil
	}
	return "", Errorf(EINVALID, "alert.unknown_metric", s, stageNames(ws))
}

// previousStage is the stage before the one with key in the segment's
// funnel: active and not skipped by the segment.
func previousStage(ws *Workspace, seg Segment, key string) (Stage, bool) {
	var prev *Stage
	for i := range ws.Stages {
		st := &ws.Stages[i]
		if st.Archived || slices.Contains(seg.SkipStages, st.Key) {
			continue
		}
		if st.Key == key {
			if prev == nil {
				return Stage{}, false
			}
			return *prev, true
		}
		prev = st
	}
	return Stage{}, false
}

// readThreshold reads the rule's value for its metric and comparison.
func (r *AlertRule) readThreshold(s string) error {
	bad := func() error { return Errorf(EINVALID, "alert.bad_value", s) }
	if r.Op.IsChange() {
		if rest, ok := cutPointsMark(s); ok && r.Metric.IsRate() {
			v, err := ParseNumber(rest)
			if err != nil || v <= 0 {
				return bad()
			}
			r.Threshold, r.Points = v/100, true
			return nil
		}
		v, err := ParsePercent(s)
		if err != nil || v <= 0 {
			return bad()
		}
		r.Threshold = v
		return nil
	}
	switch _, count := r.Metric.CountStage(); {
	case count:
		n, err := ParseCount(s)
		if err != nil {
			return bad()
		}
		r.Threshold = float64(n)
	case r.Metric.IsRate():
		v, err := ParsePercent(s)
		if err != nil {
			return bad()
		}
		r.Threshold = v
	default:
		v, err := ParseNumber(s)
		if err != nil || v < 0 {
			return bad()
		}
		r.Threshold = v
	}
	return nil
}

// cutPointsMark removes a trailing mark of percentage points ("5 pp",
// "5п.п."); ok is false without one.
func cutPointsMark(s string) (string, bool) {
	lower := strings.ToLower(strings.TrimSpace(s))
	for _, mark := range alertPointsMarks {
		if rest, ok := strings.CutSuffix(lower, mark); ok && rest != "" {
			return strings.TrimSpace(rest), true
		}
	}
	return s, false
}

// alertUsage is the refusal of an /alert that is not a rule.
func alertUsage(ws *Workspace) error {
	return Errorf(EINVALID, "alert.usage", newAlertExample(ws))
}

// alertExample shows rules in the workspace's own words.
type alertExample struct{ segment, leads, qualified, meetings Name }

func newAlertExample(ws *Workspace) alertExample {
	ex := alertExample{
		segment: Name{En: "dealers", Ru: "дилеры"}, leads: Name{En: "leads", Ru: "лиды"},
		qualified: Name{En: "qualified", Ru: "целевые"}, meetings: Name{En: "meetings", Ru: "встречи"},
	}
	if segs := ws.ActiveSegments(); len(segs) > 0 {
		ex.segment = segs[0].Name
	}
	if st, ok := entryRoleStage(ws, RoleLeads); ok {
		ex.leads = st.Name
	}
	if st, ok := entryRoleStage(ws, RoleQualified); ok {
		ex.qualified = st.Name
		if next, ok := nextStage(ws, st.Key); ok {
			ex.meetings = next.Name
		}
	}
	return ex
}

func nextStage(ws *Workspace, key string) (Stage, bool) {
	for i, st := range ws.Stages {
		if st.Key == key {
			for _, next := range ws.Stages[i+1:] {
				if !next.Archived {
					return next, true
				}
			}
		}
	}
	return Stage{}, false
}

// Localize renders the example in lang.
func (x alertExample) Localize(lang Lang) string {
	lower := func(n Name) string { return strings.ToLower(n.In(lang)) }
	return Text(lang, "alert.example", lower(x.segment), lower(x.qualified), lower(x.meetings), lower(x.leads))
}
