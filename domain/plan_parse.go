package domain

import (
	"errors"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Reading /plan. A plan's period is written as
//
//   - "month", "quarter", "this month", "next quarter", "месяц",
//     "следующий квартал": relative to the current week;
//   - a month's name, optionally with the year: "march", "март 2026",
//     "марта"; or "2026-03", "03.2026";
//   - a quarter: "Q2", "q2 2026", "2026-Q2", "2 кв", "2 кв. 2026",
//     "2 квартал".
//
// A month or a quarter without a year is the nearest one that has not
// ended: this year's, or next year's once this year's is over ("january"
// written in December plans the coming January).

var (
	reYearMonth    = regexp.MustCompile(`^(\d{4})-(\d{1,2})$`)
	reMonthDotYear = regexp.MustCompile(`^(\d{1,2})[./](\d{4})$`)
	reQuarter      = regexp.MustCompile(`^(?:(\d{4})\s*-?\s*)?q\s*([1-4])(?:\s*[-/]?\s*(\d{4}))?$`)
	reQuarterRu    = regexp.MustCompile(`^([1-4])\s*` + oneOf(planQuarterMarks) + `\.?(?:\s+(\d{4}))?$`)
	reMonthName    = regexp.MustCompile(`^(\pL+)\.?(?:\s+(\d{4}))?$`)
)

// PlanPeriod is a month or a quarter as a plan names it.
type PlanPeriod struct {
	Kind PeriodKind
	Year int
	Num  int
}

// Period returns the weeks of the month or quarter.
func (p PlanPeriod) Period() Period {
	return Plan{Kind: p.Kind, Year: p.Year, Num: p.Num}.Period()
}

// ParsePlanPeriod reads a plan's period (see the forms above) against now
// in loc; ok is false when s is not one.
func ParsePlanPeriod(s string, now time.Time, loc *time.Location) (PlanPeriod, bool) {
	t := strings.ReplaceAll(strings.ToLower(strings.Join(strings.Fields(s), " ")), "ё", "е")
	current := WeekOf(now.In(locOrUTC(loc)))
	relative := func(kind PeriodKind, next bool) PlanPeriod {
		year, num := PlanPeriodOf(kind, current)
		p := PlanPeriod{Kind: kind, Year: year, Num: num}
		if next {
			p = p.next()
		}
		return p
	}
	words := strings.Fields(t)
	switch {
	case len(words) == 1:
		if k, ok := ParsePeriodKind(words[0]); ok && k != PeriodWeek {
			return relative(k, false), true
		}
	case len(words) == 2:
		k, ok := ParsePeriodKind(words[1])
		if ok && k != PeriodWeek && slices.Contains(planThisWords, words[0]) {
			return relative(k, false), true
		}
		if ok && k != PeriodWeek && slices.Contains(planNextWords, words[0]) {
			return relative(k, true), true
		}
	}
	if m := reYearMonth.FindStringSubmatch(t); m != nil {
		return monthPeriod(parseDigits(m[1]), parseDigits(m[2]))
	}
	if m := reMonthDotYear.FindStringSubmatch(t); m != nil {
		return monthPeriod(parseDigits(m[2]), parseDigits(m[1]))
	}
	if m := reQuarter.FindStringSubmatch(t); m != nil {
		if m[1] != "" && m[3] != "" {
			return PlanPeriod{}, false
		}
		return nearest(PlanPeriod{Kind: PeriodQuarter, Num: parseDigits(m[2])}, m[1]+m[3], current)
	}
	if m := reQuarterRu.FindStringSubmatch(t); m != nil {
		return nearest(PlanPeriod{Kind: PeriodQuarter, Num: parseDigits(m[1])}, m[2], current)
	}
	if m := reMonthName.FindStringSubmatch(t); m != nil {
		for i, names := range monthWords {
			if slices.Contains(names, m[1]) {
				return nearest(PlanPeriod{Kind: PeriodMonth, Num: i + 1}, m[2], current)
			}
		}
	}
	return PlanPeriod{}, false
}

func monthPeriod(year, month int) (PlanPeriod, bool) {
	if month < 1 || month > 12 || year < 1900 || year > 9999 {
		return PlanPeriod{}, false
	}
	return PlanPeriod{Kind: PeriodMonth, Year: year, Num: month}, true
}

// nearest fills in the year: the one written, else this year's period
// unless it has ended before the current week, then next year's.
func nearest(p PlanPeriod, year string, current Week) (PlanPeriod, bool) {
	if year != "" {
		p.Year = parseDigits(year)
		return p, p.Year >= 1900 && p.Year <= 9999
	}
	p.Year = current.Thursday().Year()
	if p.Period().To.Before(current) {
		p.Year++
	}
	return p, true
}

// next returns the month or quarter after p.
func (p PlanPeriod) next() PlanPeriod {
	last := 12
	if p.Kind == PeriodQuarter {
		last = 4
	}
	if p.Num == last {
		return PlanPeriod{Kind: p.Kind, Year: p.Year + 1, Num: 1}
	}
	return PlanPeriod{Kind: p.Kind, Year: p.Year, Num: p.Num + 1}
}

// PlanRequest is what a /plan message asks for.
type PlanRequest struct {
	Segment *Segment    // nil when the message names none
	Period  *PlanPeriod // nil when the message names none
	Targets []PlanTarget
	Remove  bool // "/plan dealers march remove"
}

// maxPlanHeaderWords is how far into a /plan message its period is looked
// for: the segment and the period come before the figures.
const maxPlanHeaderWords = 8

// ParsePlanRequest reads a /plan message: "<segment> <period>
// key=value…" sets targets with /log's keys and number formats;
// "<segment> <period> remove" removes a plan; a segment or a period alone
// (or nothing) asks to see the plans. Targets may be stage counts, spend
// and revenue. Errors are EINVALID and list every problem with an example.
func ParsePlanRequest(ws *Workspace, text string, now time.Time) (PlanRequest, error) {
	words := strings.Fields(text)
	header := len(words)
	for i, w := range words {
		if strings.ContainsAny(w, "=:") {
			header = i
			break
		}
	}
	var req PlanRequest
	if p, at, n, ok := findPlanPeriod(words[:min(header, maxPlanHeaderWords)], now, ws.Location()); ok {
		req.Period = &p
		words = slices.Delete(slices.Clone(words), at, at+n)
		header -= n
	}
	if header > 0 && IsWord(words[header-1], WordRemove) {
		req.Remove = true
		words = slices.Delete(words, header-1, header)
		header--
	}
	if header == len(words) { // no figures: show, or remove
		if name := strings.Join(words, " "); name != "" {
			seg, ok := MatchSegment(ws, name)
			if !ok {
				return PlanRequest{}, Errorf(EINVALID, "plan.unknown_segment", name, segmentNames(ws))
			}
			req.Segment = &seg
		}
		if req.Remove && (req.Period == nil || req.Segment == nil && len(ws.ActiveSegments()) != 1) {
			return PlanRequest{}, planUsage(ws)
		}
		if req.Remove && req.Segment == nil {
			seg := ws.ActiveSegments()[0]
			req.Segment = &seg
		}
		return req, nil
	}
	if req.Period == nil || req.Remove {
		return PlanRequest{}, planUsage(ws)
	}
	return req, req.readTargets(ws, strings.Join(words, " "), now)
}

// readTargets reads the segment and the figures as /log does, and keeps
// those a plan may set.
func (req *PlanRequest) readTargets(ws *Workspace, text string, now time.Time) error {
	e, err := ParseEntry(ws, text, now)
	var ee *EntryError
	if errors.As(err, &ee) {
		return Errorf(EINVALID, "plan.problems", problemList(ee.Problems), newPlanExample(ws))
	}
	if err != nil {
		return err
	}
	seg, _ := entrySegmentByKey(ws, e.Segment)
	req.Segment = &seg
	var problems []Problem
	for _, f := range e.Fields() {
		if !PlannableField(f) {
			problems = append(problems, Problem{Key: f.Label(ws, ws.Lang), Text: "plan.bad_field"})
			continue
		}
		t := PlanTarget{Kind: f.Kind, Stage: f.Stage}
		switch f.Kind {
		case FieldCount:
			t.Value = e.Counts[f.Stage]
		case FieldSpend:
			t.Value = int64(*e.Spend)
		case FieldRevenue:
			t.Value = int64(*e.Revenue)
		}
		if t.Value < 0 {
			problems = append(problems, Problem{Key: f.Label(ws, ws.Lang), Text: "plan.negative"})
			continue
		}
		req.Targets = append(req.Targets, t)
	}
	if len(problems) > 0 {
		return Errorf(EINVALID, "plan.problems", problemList(problems), newPlanExample(ws))
	}
	sortTargets(ws, req.Targets)
	return nil
}

// findPlanPeriod finds the longest run of up to three words that names a
// period; at is its first word, n its length.
func findPlanPeriod(words []string, now time.Time, loc *time.Location) (p PlanPeriod, at, n int, ok bool) {
	for i := range words {
		for n := min(3, len(words)-i); n >= 1; n-- {
			if p, ok := ParsePlanPeriod(strings.Join(words[i:i+n], " "), now, loc); ok {
				return p, i, n, true
			}
		}
	}
	return PlanPeriod{}, 0, 0, false
}

// planUsage is the refusal of a /plan message that is not one, with an
// example in the workspace's own words.
func planUsage(ws *Workspace) error {
	return Errorf(EINVALID, "plan.usage", newPlanExample(ws))
}

// PlanExample is a correct /plan line in the workspace's own words.
func PlanExample(ws *Workspace, lang Lang) string { return newPlanExample(ws).Localize(lang) }

// planExample is a correct /plan line built from the workspace's names.
type planExample struct{ segment, deals Name }

// Localize renders the example in lang.
func (x planExample) Localize(lang Lang) string {
	lower := func(n Name) string { return strings.ToLower(n.In(lang)) }
	return Text(lang, "plan.example", lower(x.segment), lower(x.deals))
}

func newPlanExample(ws *Workspace) planExample {
	ex := planExample{segment: Name{En: "dealers", Ru: "дилеры"}, deals: Name{En: "deals", Ru: "сделки"}}
	if segs := ws.ActiveSegments(); len(segs) > 0 {
		ex.segment = segs[0].Name
	}
	if st, ok := entryRoleStage(ws, RoleDeals); ok {
		ex.deals = st.Name
	}
	return ex
}
