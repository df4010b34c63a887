package domain

import (
	"cmp"
	"slices"
)

// Plausibility checks. ValidateRecord refuses what cannot be true by
// definition; these rules warn about what is possible but most likely a
// typo — 50 meetings from 45 qualified leads, revenue with no paid deals, a
// figure ten times its usual size. A warned save needs an explicit "save
// anyway", which the history records, because a wrong number drawn as a
// green "111%" costs the numbers their credibility. Every source (/log,
// files, the command line) goes through ProposeDraft or SaveEntries, which
// apply these rules.

// The thresholds of the plausibility rules.
const (
	// MedianFactor is how far (either way) from its recent median a figure
	// may be before it is questioned.
	MedianFactor = 10
	// MedianWeeks is how many weeks before a figure's week make its median,
	// and MedianMinWeeks how many of them must hold the figure.
	MedianWeeks    = 8
	MedianMinWeeks = 3
	// MedianMinCount keeps small counts out of the median rule: 1 paid deal
	// against a usual 0–2 is not a typo. Either the figure or its median
	// must reach it.
	MedianMinCount = 20
	// AbsurdCount and AbsurdMoney are the largest values one segment's week
	// can plausibly hold: 100 million items, 100 billion in money.
	AbsurdCount int64 = 100_000_000
	AbsurdMoney Money = 100_000_000_000 * 100
)

// Warning codes: a warning's name, kept in the history of a save made
// anyway.
const (
	WarnStageOverPrevious  = "stage_over_previous"
	WarnLostOverDrop       = "lost_over_drop"
	WarnFarFromMedian      = "far_from_median"
	WarnRevenueWithoutPaid = "revenue_without_paid"
	WarnAbsurdValue        = "absurd_value"
)

// warningNames are the catalog keys naming each code.
var warningNames = map[string]string{
	WarnStageOverPrevious:  "plausible.name.stage_over_previous",
	WarnLostOverDrop:       "plausible.name.lost_over_drop",
	WarnFarFromMedian:      "plausible.name.far_from_median",
	WarnRevenueWithoutPaid: "plausible.name.revenue_without_paid",
	WarnAbsurdValue:        "plausible.name.absurd_value",
}

// WarningName names a warning code in lang: "stage larger than the one
// before". An unknown code (from a newer build) shows as itself.
func WarningName(code string, lang Lang) string {
	if key, ok := warningNames[code]; ok {
		return Text(lang, key)
	}
	return code
}

// Warning is one implausible figure of a report about to be saved.
type Warning struct {
	Code    string
	Segment string
	Week    Week
	Text    string // catalog key; its first two arguments are the segment's name and the week
	Args    []any
}

// Localize renders the warning in lang.
func (w Warning) Localize(lang Lang) string { return Text(lang, w.Text, w.Args...) }

// WarningCodes returns the distinct codes of the warnings, in first-seen order.
func WarningCodes(ws []Warning) []string {
	var codes []string
	for _, w := range ws {
		if !slices.Contains(codes, w.Code) {
			codes = append(codes, w.Code)
		}
	}
	return codes
}

// CheckPlausibility returns the warnings about entries about to be saved,
// judged against the records as they are stored and as the entries
// themselves would leave them (a file's earlier weeks make the median of
// its later ones).
func CheckPlausibility(tx Tx, ws *Workspace, entries []Entry) ([]Warning, error) {
	bySegment := map[string][]Entry{}
	var order []string
	for _, e := range entries {
		if _, ok := bySegment[e.Segment]; !ok {
			order = append(order, e.Segment)
		}
		bySegment[e.Segment] = append(bySegment[e.Segment], e)
	}
	var recs []WeeklyRecord
	for _, seg := range order {
		es := bySegment[seg]
		from, to := es[0].Week, es[0].Week
		for _, e := range es {
			if e.Week.Before(from) {
				from = e.Week
			}
			if to.Before(e.Week) {
				to = e.Week
			}
		}
		got, err := tx.Records().Range(ws.ID, seg, from.Add(-MedianWeeks), to)
		if err != nil {
			return nil, err
		}
		recs = append(recs, got...)
	}
	return PlausibilityWarnings(ws, entries, recs), nil
}

// PlausibilityWarnings applies the rules to entries merged into the stored
// records recs (which should cover MedianWeeks before each entry's week).
// Only figures an entry names are questioned: a report is not blamed for a
// figure someone else saved earlier.
func PlausibilityWarnings(ws *Workspace, entries []Entry, recs []WeeklyRecord) []Warning {
	type key struct {
		seg  string
		week Week
	}
	view := map[key]WeeklyRecord{}
	for _, r := range recs {
		view[key{r.Segment, r.Week}] = r
	}
	for _, e := range entries {
		k := key{e.Segment, e.Week}
		view[k] = e.Apply(view[k])
	}
	var out []Warning
	for _, e := range entries {
		r := view[key{e.Segment, e.Week}]
		var history []WeeklyRecord
		for i := 1; i <= MedianWeeks; i++ {
			if old, ok := view[key{e.Segment, e.Week.Add(-i)}]; ok {
				history = append(history, old)
			}
		}
		p := plausibility{ws: ws, e: e, r: r, seg: localName(entrySegmentName(ws, e.Segment)), week: e.Week}
		p.stagesOverPrevious()
		p.lostOverDrop()
		p.revenueWithoutPaid()
		p.absurdValues()
		p.farFromMedian(history)
		out = append(out, p.out...)
	}
	return out
}

// plausibility collects the warnings about one entry merged into record r.
type plausibility struct {
	ws   *Workspace
	e    Entry
	r    WeeklyRecord
	seg  localName
	week Week
	out  []Warning
}

func (p *plausibility) warn(code, text string, args ...any) {
	p.out = append(p.out, Warning{Code: code, Segment: p.e.Segment, Week: p.week, Text: text,
		Args: append([]any{p.seg, p.week.String()}, args...)})
}

// reportedStages returns the record's reported, non-archived stages in
// funnel order.
func (p *plausibility) reportedStages() []Stage {
	var out []Stage
	for _, st := range p.ws.Stages {
		if _, ok := p.r.Counts[st.Key]; ok && !st.Archived {
			out = append(out, st)
		}
	}
	return out
}

// stagesOverPrevious: a stage larger than the reported stage before it is
// a conversion over 100%. Weekly counts are flows, so it can happen, but
// far more often it is a typo or a stage entered for the wrong week.
func (p *plausibility) stagesOverPrevious() {
	stages := p.reportedStages()
	for i := 1; i < len(stages); i++ {
		prev, st := stages[i-1], stages[i]
		if !p.names(Field{Kind: FieldCount, Stage: st.Key}) && !p.names(Field{Kind: FieldCount, Stage: prev.Key}) {
			continue
		}
		if n, before := p.r.Counts[st.Key], p.r.Counts[prev.Key]; n > before {
			p.warn(WarnStageOverPrevious, "plausible.stage_over_previous",
				localName(st.Name), FormatCount(n), localName(prev.Name), FormatCount(before))
		}
	}
}

// lostOverDrop: items lost with a reason on the way into a stage should
// not outnumber the items the stage lost against the one before it.
func (p *plausibility) lostOverDrop() {
	stages := p.reportedStages()
	for i := 1; i < len(stages); i++ {
		prev, st := stages[i-1], stages[i]
		var lost int64
		named := false
		for reason, n := range p.r.DropOffs[st.Key] {
			lost += n
			named = named || p.names(Field{Kind: FieldDropOff, Stage: st.Key, Reason: reason})
		}
		named = named || p.names(Field{Kind: FieldCount, Stage: st.Key}) || p.names(Field{Kind: FieldCount, Stage: prev.Key})
		drop := max(0, p.r.Counts[prev.Key]-p.r.Counts[st.Key])
		if named && lost > drop {
			p.warn(WarnLostOverDrop, "plausible.lost_over_drop",
				localName(st.Name), FormatCount(lost), FormatCount(drop), localName(prev.Name))
		}
	}
}

// revenueWithoutPaid: revenue comes from paid deals, so revenue in a week
// with no paid deals reported is most likely in the wrong week or segment.
func (p *plausibility) revenueWithoutPaid() {
	paid, ok := entryRoleStage(p.ws, RolePaid)
	if !ok || p.r.Revenue <= 0 || !p.names(Field{Kind: FieldRevenue}) && !p.names(Field{Kind: FieldCount, Stage: paid.Key}) {
		return
	}
	if p.r.Counts[paid.Key] <= 0 {
		p.warn(WarnRevenueWithoutPaid, "plausible.revenue_without_paid",
			localFigure{p.ws, Field{Kind: FieldRevenue}, p.r.Figure(Field{Kind: FieldRevenue})}, localName(paid.Name))
	}
}

// absurdValues: a count or an amount no segment's week can hold.
func (p *plausibility) absurdValues() {
	for _, f := range p.sortedFields() {
		v := p.r.Figure(f)
		absurd := v.N > AbsurdCount
		if f.Kind == FieldSpend || f.Kind == FieldRevenue {
			absurd = Money(v.N) > AbsurdMoney
		} else if f.Kind == FieldMargin {
			absurd = false // ValidateRecord keeps it within 0–100%
		}
		if absurd {
			p.warn(WarnAbsurdValue, "plausible.absurd_value", fieldLabel(p.ws, f), localFigure{p.ws, f, v})
		}
	}
}

// farFromMedian: a stage count, spend or revenue ten times above or below
// its median over the weeks before (a misplaced zero or a thousand
// separator read as a decimal mark).
func (p *plausibility) farFromMedian(history []WeeklyRecord) {
	for _, f := range p.sortedFields() {
		if f.Kind != FieldCount && f.Kind != FieldSpend && f.Kind != FieldRevenue {
			continue
		}
		var past []int64
		for _, r := range history {
			if v := r.Figure(f); v.Set {
				past = append(past, v.N)
			}
		}
		if len(past) < MedianMinWeeks {
			continue
		}
		med := medianOf(past)
		v := p.r.Figure(f).N
		if med <= 0 || f.Kind == FieldCount && max(v, med) < MedianMinCount {
			continue
		}
		text := ""
		switch {
		case v >= MedianFactor*med:
			text = "plausible.above_median"
		case v*MedianFactor <= med:
			text = "plausible.below_median"
		default:
			continue
		}
		p.warn(WarnFarFromMedian, text, fieldLabel(p.ws, f), localFigure{p.ws, f, Figure{Set: true, N: v}},
			MedianFactor, localFigure{p.ws, f, Figure{Set: true, N: med}}, len(past))
	}
}

// names reports whether the entry names f.
func (p *plausibility) names(f Field) bool { return p.e.Has(f) }

// sortedFields returns the entry's fields in funnel order.
func (p *plausibility) sortedFields() []Field {
	fs := p.e.Fields()
	SortFields(p.ws, fs)
	return fs
}

// medianOf returns the median of the values, the lower middle for an even
// count so the result is one of the values.
func medianOf(vs []int64) int64 {
	s := slices.Clone(vs)
	slices.SortFunc(s, cmp.Compare[int64])
	return s[(len(s)-1)/2]
}

// fieldLabel names a field in the reader's language.
func fieldLabel(ws *Workspace, f Field) localName {
	return localName{En: f.Label(ws, English), Ru: f.Label(ws, Russian)}
}

// localFigure renders a figure in the reader's language.
type localFigure struct {
	ws *Workspace
	f  Field
	v  Figure
}

// Localize renders the figure in lang.
func (x localFigure) Localize(lang Lang) string { return x.v.Format(x.ws, x.f, lang) }

// entrySegmentName returns a segment's name, or its key when it is gone.
func entrySegmentName(ws *Workspace, key string) Name {
	if seg, ok := entrySegmentByKey(ws, key); ok {
		return seg.Name
	}
	return Name{En: key}
}

// ImplausibleRate reports whether a conversion is over 100%: a data
// problem, never an improvement to celebrate (see compareConversion).
func ImplausibleRate(v Value) bool { return v.OK && v.V > 1+1e-9 }
