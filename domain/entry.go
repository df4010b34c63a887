package domain

import (
	"cmp"
	"slices"
)

// An entry is what one /log message, one file row or one CLI line reports
// about a segment's week. It names only the fields that were written: a
// correction overwrites those and leaves the rest of the stored record as it
// was. Parsing, permissions and validation live here so the chat, the file
// import and the CLI accept and refuse exactly the same things.

// Entry is the figures one report names for a segment's week. Pointers and
// maps hold only what was written; everything else stays as stored.
type Entry struct {
	Segment string // segment key
	Week    Week

	Counts    map[string]int64 // stage key → count
	Spend     *Money
	Revenue   *Money
	Margin    *float64                    // a fraction: 0.35 is 35%
	NonTarget map[string]int64            // reason key → leads
	DropOffs  map[string]map[string]int64 // stage key → reason key → items lost
	Managers  map[string]map[string]int64 // manager name → stage key → count
}

// Set parses raw as the value of f and stores it. A field set twice is an
// EINVALID "entry.duplicate_key" error, so a report never silently keeps
// one of two different numbers.
func (e *Entry) Set(f Field, raw string) error {
	if e.Has(f) {
		return Errorf(EINVALID, "entry.duplicate_key")
	}
	switch f.Kind {
	case FieldSpend, FieldRevenue:
		m, err := ParseMoney(raw)
		if err != nil {
			return err
		}
		if f.Kind == FieldSpend {
			e.Spend = &m
		} else {
			e.Revenue = &m
		}
		return nil
	case FieldMargin:
		p, err := ParsePercent(raw)
		if err != nil {
			return err
		}
		e.Margin = &p
		return nil
	}
	n, err := ParseCount(raw)
	if err != nil {
		return err
	}
	switch f.Kind {
	case FieldCount:
		e.Counts = setCount(e.Counts, f.Stage, n)
	case FieldNonTarget:
		e.NonTarget = setCount(e.NonTarget, f.Reason, n)
	case FieldDropOff:
		e.DropOffs = setNested(e.DropOffs, f.Stage, f.Reason, n)
	case FieldManager:
		e.Managers = setNested(e.Managers, f.Manager, f.Stage, n)
	}
	return nil
}

func setCount(m map[string]int64, key string, n int64) map[string]int64 {
	if m == nil {
		m = map[string]int64{}
	}
	m[key] = n
	return m
}

func setNested(m map[string]map[string]int64, outer, inner string, n int64) map[string]map[string]int64 {
	if m == nil {
		m = map[string]map[string]int64{}
	}
	m[outer] = setCount(m[outer], inner, n)
	return m
}

// Has reports whether the entry names f.
func (e Entry) Has(f Field) bool {
	switch f.Kind {
	case FieldCount:
		_, ok := e.Counts[f.Stage]
		return ok
	case FieldSpend:
		return e.Spend != nil
	case FieldRevenue:
		return e.Revenue != nil
	case FieldMargin:
		return e.Margin != nil
	case FieldNonTarget:
		_, ok := e.NonTarget[f.Reason]
		return ok
	case FieldDropOff:
		_, ok := e.DropOffs[f.Stage][f.Reason]
		return ok
	case FieldManager:
		_, ok := e.Managers[f.Manager][f.Stage]
		return ok
	}
	return false
}

// Fields returns every field the entry names, in a stable order (kind,
// then keys); SortFields puts them in funnel order.
func (e Entry) Fields() []Field {
	var fs []Field
	for st := range e.Counts {
		fs = append(fs, Field{Kind: FieldCount, Stage: st})
	}
	if e.Spend != nil {
		fs = append(fs, Field{Kind: FieldSpend})
	}
	if e.Revenue != nil {
		fs = append(fs, Field{Kind: FieldRevenue})
	}
	if e.Margin != nil {
		fs = append(fs, Field{Kind: FieldMargin})
	}
	for r := range e.NonTarget {
		fs = append(fs, Field{Kind: FieldNonTarget, Reason: r})
	}
	for st, reasons := range e.DropOffs {
		for r := range reasons {
			fs = append(fs, Field{Kind: FieldDropOff, Stage: st, Reason: r})
		}
	}
	for m, stages := range e.Managers {
		for st := range stages {
			fs = append(fs, Field{Kind: FieldManager, Stage: st, Manager: m})
		}
	}
	slices.SortFunc(fs, func(a, b Field) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Key(), b.Key()))
	})
	return fs
}

// IsEmpty reports whether the entry names no figure.
func (e Entry) IsEmpty() bool { return len(e.Fields()) == 0 }

// Stages returns the keys of the stages whose counts, drop-offs or manager
// counts the entry names, sorted.
func (e Entry) Stages() []string {
	var keys []string
	for _, f := range e.Fields() {
		if f.Stage != "" && !slices.Contains(keys, f.Stage) {
			keys = append(keys, f.Stage)
		}
	}
	slices.Sort(keys)
	return keys
}

// Departments returns the keys of the departments owning the figures the
// entry names (see Field.Department), sorted; an ownerless figure adds "".
func (e Entry) Departments(ws *Workspace) []string {
	var keys []string
	for _, f := range e.Fields() {
		if d := f.Department(ws); !slices.Contains(keys, d) {
			keys = append(keys, d)
		}
	}
	slices.Sort(keys)
	return keys
}

// Apply returns old with the entry's figures written over it. Fields the
// entry does not name keep their old values; old's maps are not modified.
func (e Entry) Apply(old WeeklyRecord) WeeklyRecord {
	r := old
	r.Segment, r.Week = e.Segment, e.Week
	r.Counts = mergeCounts(old.Counts, e.Counts)
	r.NonTarget = mergeCounts(old.NonTarget, e.NonTarget)
	r.DropOffs = mergeNested(old.DropOffs, e.DropOffs)
	r.Managers = mergeNested(old.Managers, e.Managers)
	if e.Spend != nil {
		r.Spend = *e.Spend
	}
	if e.Revenue != nil {
		r.Revenue = *e.Revenue
	}
	if e.Margin != nil {
		r.Margin, r.HasMargin = *e.Margin, true
	}
	return r
}

func mergeCounts(old, updates map[string]int64) map[string]int64 {
	if len(old) == 0 && len(updates) == 0 {
		return old
	}
	out := make(map[string]int64, len(old)+len(updates))
	for k, v := range old {
		out[k] = v
	}
	for k, v := range updates {
		out[k] = v
	}
	return out
}

func mergeNested(old, updates map[string]map[string]int64) map[string]map[string]int64 {
	if len(old) == 0 && len(updates) == 0 {
		return old
	}
	out := make(map[string]map[string]int64, len(old)+len(updates))
	for k, v := range old {
		out[k] = mergeCounts(v, nil)
	}
	for k, v := range updates {
		out[k] = mergeCounts(out[k], v)
	}
	return out
}

// Corrects reports whether the entry changes a figure the stored record
// already holds: a sales head adding meetings to the week marketing
// reported corrects nothing, and must not be warned that it does.
func (e Entry) Corrects(stored WeeklyRecord) bool {
	held := EntryFromRecord(stored)
	for _, f := range e.Fields() {
		if held.Has(f) {
			return true
		}
	}
	return false
}

// EntryFromRecord returns an entry naming everything the record holds:
// every count, spend and revenue when not zero, the margin when reported.
// Exports use it so a file re-imports to the same record.
func EntryFromRecord(r WeeklyRecord) Entry {
	e := Entry{
		Segment:   r.Segment,
		Week:      r.Week,
		Counts:    mergeCounts(r.Counts, nil),
		NonTarget: mergeCounts(r.NonTarget, nil),
		DropOffs:  mergeNested(r.DropOffs, nil),
		Managers:  mergeNested(r.Managers, nil),
	}
	if r.Spend != 0 {
		e.Spend = &r.Spend
	}
	if r.Revenue != 0 {
		e.Revenue = &r.Revenue
	}
	if r.HasMargin {
		e.Margin = &r.Margin
	}
	return e
}

// Summary returns the rows of the confirmation table: the segment, the week,
// then each figure with its label and formatted value, in funnel order.
func (e Entry) Summary(ws *Workspace, lang Lang) [][2]string {
	segment := e.Segment
	if seg, ok := entrySegmentByKey(ws, e.Segment); ok {
		segment = seg.Name.In(lang)
	}
	rows := [][2]string{
		{Text(lang, "entry.label.segment"), segment},
		{Text(lang, "entry.label.week"), e.Week.String()},
	}
	fields := e.Fields()
	SortFields(ws, fields)
	for _, f := range fields {
		rows = append(rows, [2]string{f.Label(ws, lang), e.formatValue(ws, f, lang)})
	}
	return rows
}

// formatValue formats the entry's value of f for people.
func (e Entry) formatValue(ws *Workspace, f Field, lang Lang) string {
	switch f.Kind {
	case FieldSpend:
		return FormatMoney(e.Spend.Units(), ws.Currency, lang)
	case FieldRevenue:
		return FormatMoney(e.Revenue.Units(), ws.Currency, lang)
	case FieldMargin:
		return FormatPercent(Some(*e.Margin), lang)
	case FieldCount:
		return FormatCount(e.Counts[f.Stage])
	case FieldNonTarget:
		return FormatCount(e.NonTarget[f.Reason])
	case FieldDropOff:
		return FormatCount(e.DropOffs[f.Stage][f.Reason])
	case FieldManager:
		return FormatCount(e.Managers[f.Manager][f.Stage])
	}
	return ""
}

func entrySegmentByKey(ws *Workspace, key string) (Segment, bool) {
	i := slices.IndexFunc(ws.Segments, func(s Segment) bool { return s.Key == key })
	if i < 0 {
		return Segment{}, false
	}
	return ws.Segments[i], true
}

// MatchSegment returns the active segment named s (see NamedBy).
func MatchSegment(ws *Workspace, s string) (Segment, bool) {
	for _, seg := range ws.ActiveSegments() {
		if seg.Matches(s) {
			return seg, true
		}
	}
	return Segment{}, false
}
