package domain

import (
	"cmp"
	"slices"
	"strings"
	"time"
	"unicode"
)

// An entry is what one /log message, one file row or one CLI line reports
// about a segment's week. It names only the fields that were written: a
// correction overwrites those and leaves the rest of the stored record as it
// was. Parsing, permissions and validation live here so the chat, the file
// import and the CLI accept and refuse exactly the same things.

// FieldKind is what a reported figure is.
type FieldKind int

// The kinds of reported figures.
const (
	FieldCount     FieldKind = iota + 1 // a stage count
	FieldSpend                          // marketing spend
	FieldRevenue                        // revenue
	FieldMargin                         // gross margin, a fraction
	FieldNonTarget                      // non-target leads with a qualification reason
	FieldDropOff                        // items lost at a stage with a drop-off reason
	FieldManager                        // one sales manager's count at a stage
)

// Field names one figure of a weekly record.
type Field struct {
	Kind    FieldKind
	Stage   string // stage key: counts, drop-offs, manager counts
	Reason  string // reason key: non-target and drop-offs
	Manager string // manager name as written
}

// The words accepted for the money fields and the prefixes of the dotted
// keys, compared after NormalizeName.
var (
	spendWords      = []string{"spend", "cost", "costs", "budget", "ad spend", "расход", "расходы", "бюджет", "затраты"}
	revenueWords    = []string{"revenue", "sales revenue", "income", "выручка", "оборот"}
	marginWords     = []string{"margin", "gross margin", "маржа", "маржинальность"}
	nonTargetPrefix = []string{"nontarget", "non target", "nt", "нецелевые", "нецелевой", "нецел"}
	dropOffPrefix   = []string{"lost", "drop off", "dropoff", "отвал", "отвалы", "потери"}
	managerPrefix   = []string{"manager", "mgr", "менеджер", "мен"}
)

// Bounds on keys, so a pasted paragraph costs little.
const (
	maxManagerName   = 64
	maxEntryKeyWords = 8 // the longest key: "manager.Ivan Petrov.commercial proposals"
	maxSuggestedKey  = 100
)

// ParseField reads a key as written in /log or in a file header: a stage
// (key, name or alias in either language), "spend", "revenue", "margin",
// "nontarget.<reason>", "lost.<stage>.<reason>" or "manager.<name>.<stage>"
// (with the Russian words too). An unknown key returns a Problem that names
// the closest known keys or lists them. Callers reading many keys use a
// FieldNames index instead.
func ParseField(ws *Workspace, s string) (Field, *Problem) {
	return NewFieldNames(ws).Parse(s)
}

// FieldNames is an index of the names of a workspace's active stages and
// reasons, normalized once: a /log line or a file header is matched against
// many candidate keys, and normalizing every name for each would dominate.
type FieldNames struct {
	ws        *Workspace
	stages    map[string]string // normalized key, name or alias → stage key
	nonTarget map[string]string // → non-target reason key
	dropOff   map[string]string // → drop-off reason key
}

// NewFieldNames indexes the workspace's active stages and reasons. Keys
// are indexed normalized too (Stage.Matches compares the raw key with the
// normalized input, so "no_answer" would not match itself). When two
// things share a name the first one in the workspace's order wins.
func NewFieldNames(ws *Workspace) *FieldNames {
	n := &FieldNames{ws: ws, stages: map[string]string{}, nonTarget: map[string]string{}, dropOff: map[string]string{}}
	for _, st := range ws.Stages {
		if !st.Archived {
			indexNames(n.stages, st.Key, st.Name, st.Aliases)
		}
	}
	for _, r := range ws.NonTarget {
		if !r.Archived {
			indexNames(n.nonTarget, r.Key, r.Name, r.Aliases)
		}
	}
	for _, r := range ws.DropOff {
		if !r.Archived {
			indexNames(n.dropOff, r.Key, r.Name, r.Aliases)
		}
	}
	return n
}

func indexNames(index map[string]string, key string, name Name, aliases []string) {
	for _, s := range append([]string{key, name.En, name.Ru}, aliases...) {
		if n := NormalizeName(s); n != "" {
			if _, taken := index[n]; !taken {
				index[n] = key
			}
		}
	}
}

// Parse reads a key like ParseField.
func (n *FieldNames) Parse(s string) (Field, *Problem) {
	return n.resolve(s, true)
}

// errUnexplained stands for any problem when the caller only asks whether
// a key is known: splitting a /log line tries many candidate keys, and
// suggestions for each would cost edit distances for nothing.
var errUnexplained = &Problem{Text: "entry.unknown_key"}

// known reports whether s is a known key.
func (n *FieldNames) known(s string) bool {
	_, prob := n.resolve(s, false)
	return prob == nil
}

// resolve is Parse; without explain an unknown key returns errUnexplained.
func (n *FieldNames) resolve(s string, explain bool) (Field, *Problem) {
	ws := n.ws
	key := strings.TrimSpace(s)
	if f, ok := n.plain(key); ok {
		return f, nil
	}
	prefix, rest, dotted := strings.Cut(key, ".")
	switch {
	case dotted && matchesWord(prefix, nonTargetPrefix):
		reason, ok := n.nonTarget[NormalizeName(rest)]
		if !ok {
			return Field{}, &Problem{Key: key, Text: "entry.unknown_nontarget", Args: []any{reasonNames(ws.NonTarget)}}
		}
		return Field{Kind: FieldNonTarget, Reason: reason}, nil
	case dotted && matchesWord(prefix, dropOffPrefix):
		stageName, reasonName, _ := strings.Cut(rest, ".")
		stage, ok := n.stages[NormalizeName(stageName)]
		if !ok {
			return Field{}, &Problem{Key: key, Text: "entry.unknown_stage", Args: []any{stageNames(ws)}}
		}
		reason, ok := n.dropOff[NormalizeName(reasonName)]
		if !ok {
			return Field{}, &Problem{Key: key, Text: "entry.unknown_dropoff", Args: []any{reasonNames(ws.DropOff)}}
		}
		return Field{Kind: FieldDropOff, Stage: stage, Reason: reason}, nil
	case dotted && matchesWord(prefix, managerPrefix):
		i := strings.LastIndex(rest, ".")
		if i < 0 {
			return Field{}, &Problem{Key: key, Text: "entry.bad_manager_key"}
		}
		name := strings.Join(strings.Fields(rest[:i]), " ")
		stage, ok := n.stages[NormalizeName(rest[i+1:])]
		if !ok {
			return Field{}, &Problem{Key: key, Text: "entry.unknown_stage", Args: []any{stageNames(ws)}}
		}
		if name == "" || len([]rune(name)) > maxManagerName {
			return Field{}, &Problem{Key: key, Text: "entry.bad_manager_key"}
		}
		return Field{Kind: FieldManager, Stage: stage, Manager: name}, nil
	}
	if !explain {
		return Field{}, errUnexplained
	}
	return Field{}, unknownKey(ws, key)
}

// plain reads a key without dots: a stage or a money field.
func (n *FieldNames) plain(key string) (Field, bool) {
	norm := NormalizeName(key)
	switch {
	case slices.Contains(spendWords, norm):
		return Field{Kind: FieldSpend}, true
	case slices.Contains(revenueWords, norm):
		return Field{Kind: FieldRevenue}, true
	case slices.Contains(marginWords, norm):
		return Field{Kind: FieldMargin}, true
	}
	if stage, ok := n.stages[norm]; ok {
		return Field{Kind: FieldCount, Stage: stage}, true
	}
	return Field{}, false
}

func matchesWord(s string, words []string) bool {
	return slices.Contains(words, NormalizeName(s))
}

// entryStageByKey finds a stage, archived or not, by its key.
func entryStageByKey(ws *Workspace, key string) (Stage, bool) {
	i := slices.IndexFunc(ws.Stages, func(st Stage) bool { return st.Key == key })
	if i < 0 {
		return Stage{}, false
	}
	return ws.Stages[i], true
}

// entryRoleStage finds the active stage with a role.
func entryRoleStage(ws *Workspace, role StageRole) (Stage, bool) {
	for _, st := range ws.Stages {
		if !st.Archived && st.Role == role {
			return st, true
		}
	}
	return Stage{}, false
}

// Key returns the canonical key of the field, the form files and logs use:
// "leads", "spend", "nontarget.no_budget", "lost.meetings.price",
// "manager.Ivan.meetings".
func (f Field) Key() string {
	switch f.Kind {
	case FieldCount:
		return f.Stage
	case FieldSpend:
		return "spend"
	case FieldRevenue:
		return "revenue"
	case FieldMargin:
		return "margin"
	case FieldNonTarget:
		return "nontarget." + f.Reason
	case FieldDropOff:
		return "lost." + f.Stage + "." + f.Reason
	case FieldManager:
		return "manager." + f.Manager + "." + f.Stage
	}
	return ""
}

// Label returns the field's name for people: "Лиды", "Расход",
// "Нецелевые: Нет бюджета".
func (f Field) Label(ws *Workspace, lang Lang) string {
	switch f.Kind {
	case FieldCount:
		return entryStageName(ws, f.Stage).In(lang)
	case FieldSpend:
		return Text(lang, "entry.label.spend")
	case FieldRevenue:
		return Text(lang, "entry.label.revenue")
	case FieldMargin:
		return Text(lang, "entry.label.margin")
	case FieldNonTarget:
		return Text(lang, "entry.label.nontarget", entryReasonName(ws.NonTarget, f.Reason).In(lang))
	case FieldDropOff:
		return Text(lang, "entry.label.dropoff", entryStageName(ws, f.Stage).In(lang), entryReasonName(ws.DropOff, f.Reason).In(lang))
	case FieldManager:
		return Text(lang, "entry.label.manager", f.Manager, entryStageName(ws, f.Stage).In(lang))
	}
	return ""
}

// Header returns the field's column header for files in lang. ParseField
// reads it back to the same field: names are used unless they hold a dot,
// which would split a dotted key, and then the key is used.
func (f Field) Header(ws *Workspace, lang Lang) string {
	stage := headerName(f.Stage, entryStageName(ws, f.Stage), lang)
	prefix := func(en, ru string) string {
		if lang == Russian {
			return ru
		}
		return en
	}
	switch f.Kind {
	case FieldCount:
		return stage
	case FieldNonTarget:
		return prefix("nontarget.", "нецелевые.") + headerName(f.Reason, entryReasonName(ws.NonTarget, f.Reason), lang)
	case FieldDropOff:
		return prefix("lost.", "отвал.") + stage + "." + headerName(f.Reason, entryReasonName(ws.DropOff, f.Reason), lang)
	case FieldManager:
		return prefix("manager.", "менеджер.") + f.Manager + "." + stage
	}
	return f.Label(ws, lang)
}

func headerName(key string, n Name, lang Lang) string {
	if name := n.In(lang); name != "" && !strings.Contains(name, ".") {
		return name
	}
	return key
}

// entryStageName returns a stage's name, or its key as the name when the
// stage is gone from the workspace.
func entryStageName(ws *Workspace, key string) Name {
	if st, ok := entryStageByKey(ws, key); ok {
		return st.Name
	}
	return Name{En: key}
}

func entryReasonName(reasons []Reason, key string) Name {
	for _, r := range reasons {
		if r.Key == key {
			return r.Name
		}
	}
	return Name{En: key}
}

// Department returns the key of the department that owns the figure: a
// stage's count, drop-offs and manager counts belong to the stage's
// department; spend and non-target reasons to the department owning the
// leads stage (marketing); revenue and margin to the department owning the
// paid stage (sales). Empty when no department owns it: only a CEO may
// enter such a figure.
func (f Field) Department(ws *Workspace) string {
	var st Stage
	var ok bool
	switch f.Kind {
	case FieldSpend, FieldNonTarget:
		st, ok = entryRoleStage(ws, RoleLeads)
	case FieldRevenue, FieldMargin:
		st, ok = entryRoleStage(ws, RolePaid)
	default:
		st, ok = entryStageByKey(ws, f.Stage)
	}
	if !ok {
		return ""
	}
	return st.Department
}

// SortFields orders fields the way the funnel reads: stage counts in funnel
// order, spend, revenue, margin, non-target reasons, drop-offs by stage,
// then manager counts.
func SortFields(ws *Workspace, fields []Field) {
	stageIndex := func(key string) int {
		return slices.IndexFunc(ws.Stages, func(st Stage) bool { return st.Key == key })
	}
	reasonIndex := func(reasons []Reason, key string) int {
		return slices.IndexFunc(reasons, func(r Reason) bool { return r.Key == key })
	}
	slices.SortStableFunc(fields, func(a, b Field) int {
		return cmp.Or(
			cmp.Compare(a.Kind, b.Kind),
			cmp.Compare(a.Manager, b.Manager),
			cmp.Compare(stageIndex(a.Stage), stageIndex(b.Stage)),
			cmp.Compare(a.Stage, b.Stage),
			cmp.Compare(reasonIndex(ws.NonTarget, a.Reason)+reasonIndex(ws.DropOff, a.Reason), reasonIndex(ws.NonTarget, b.Reason)+reasonIndex(ws.DropOff, b.Reason)),
			cmp.Compare(a.Reason, b.Reason),
		)
	})
}

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

// MatchSegment returns the active segment named s (key, name or alias; keys
// compared normalized, as in entryStage).
func MatchSegment(ws *Workspace, s string) (Segment, bool) {
	for _, seg := range ws.ActiveSegments() {
		if seg.Matches(s) || NormalizeName(seg.Key) == NormalizeName(s) {
			return seg, true
		}
	}
	return Segment{}, false
}

// Problem is one thing wrong with a report: a key as written, its value,
// and the catalog text that says what is wrong and what to write instead.
type Problem struct {
	Key   string // as written by the user; empty for the report as a whole
	Value string // as written; may be empty
	Text  string // catalog key
	Args  []any
}

// Localize renders the problem in lang, prefixed with its key.
func (p Problem) Localize(lang Lang) string {
	text := Text(lang, p.Text, p.Args...)
	if p.Key == "" {
		return text
	}
	return p.Key + ": " + text
}

// problemOf turns an error from a value parser into a problem with the key
// and value it was about.
func problemOf(key, value string, err error) Problem {
	if e, ok := err.(*Error); ok {
		return Problem{Key: key, Value: value, Text: e.Key, Args: e.Args}
	}
	return Problem{Key: key, Value: value, Text: "error.internal"}
}

// EntryError lists every problem of a report, so a head fixes them all in
// one go instead of one per attempt.
//
// It unwraps to an EINVALID *Error whose text renders the whole list and a
// correct example in the reader's language (list and example are Localizer
// arguments), so ErrorCode reports EINVALID and UserMessage shows everything.
type EntryError struct {
	Problems []Problem
	example  entryExample
}

// Error renders the problems in English, for logs and the command line.
func (e *EntryError) Error() string { return e.Unwrap().Error() }

// Unwrap returns the *Error the bot renders.
func (e *EntryError) Unwrap() error {
	return Errorf(EINVALID, "entry.problems", problemList(e.Problems), e.example)
}

// problemList renders problems one per line.
type problemList []Problem

// Localize renders the list in lang.
func (l problemList) Localize(lang Lang) string {
	lines := make([]string, len(l))
	for i, p := range l {
		lines[i] = "• " + p.Localize(lang)
	}
	return strings.Join(lines, "\n")
}

// entryExample is a correct /log line built from the workspace's own names.
type entryExample struct {
	segment, leads, qualified Name
}

func newEntryExample(ws *Workspace) entryExample {
	ex := entryExample{
		segment:   Name{En: "dealers", Ru: "дилеры"},
		leads:     Name{En: "leads", Ru: "лиды"},
		qualified: Name{En: "qualified", Ru: "целевые"},
	}
	if segs := ws.ActiveSegments(); len(segs) > 0 {
		ex.segment = segs[0].Name
	}
	if st, ok := entryRoleStage(ws, RoleLeads); ok {
		ex.leads = st.Name
	}
	if st, ok := entryRoleStage(ws, RoleQualified); ok {
		ex.qualified = st.Name
	}
	return ex
}

// Localize renders the example in lang.
func (x entryExample) Localize(lang Lang) string {
	lower := func(n Name) string { return strings.ToLower(n.In(lang)) }
	return Text(lang, "entry.example", lower(x.segment), lower(x.leads), lower(x.qualified))
}

// localName renders a name in the reader's language.
type localName Name

// Localize renders the name in lang.
func (n localName) Localize(lang Lang) string { return Name(n).In(lang) }

// nameList renders names in the reader's language, comma-separated.
type nameList []Name

// Localize renders the list in lang.
func (l nameList) Localize(lang Lang) string {
	names := make([]string, len(l))
	for i, n := range l {
		names[i] = n.In(lang)
	}
	return strings.Join(names, ", ")
}

func stageNames(ws *Workspace) nameList {
	var l nameList
	for _, st := range ws.Stages {
		if !st.Archived {
			l = append(l, st.Name)
		}
	}
	return l
}

func reasonNames(reasons []Reason) nameList {
	var l nameList
	for _, r := range reasons {
		if !r.Archived {
			l = append(l, r.Name)
		}
	}
	return l
}

func segmentNames(ws *Workspace) nameList {
	var l nameList
	for _, s := range ws.ActiveSegments() {
		l = append(l, s.Name)
	}
	return l
}

// unknownKey is the problem for a key nothing matches: it suggests the
// closest known keys by edit distance, or lists the stages when nothing is close.
func unknownKey(ws *Workspace, key string) *Problem {
	if key == "" {
		return &Problem{Text: "entry.empty_key"}
	}
	if close := closestKeys(ws, key); len(close) > 0 {
		return &Problem{Key: key, Text: "entry.unknown_key_hint", Args: []any{strings.Join(close, ", ")}}
	}
	return &Problem{Key: key, Text: "entry.unknown_key", Args: []any{stageNames(ws)}}
}

// closestKeys returns up to three known keys within a small edit distance
// of key (a third of its length, at least 1 and at least 2 for longer words).
func closestKeys(ws *Workspace, key string) []string {
	var known []string
	for _, st := range ws.Stages {
		if !st.Archived {
			known = append(known, st.Key, st.Name.En, st.Name.Ru)
			known = append(known, st.Aliases...)
		}
	}
	known = append(known, "spend", "расход", "revenue", "выручка", "margin", "маржа")
	_, rest, dotted := strings.Cut(key, ".")
	if dotted {
		for _, r := range ws.NonTarget {
			if !r.Archived {
				known = append(known, "nontarget."+r.Key, "нецелевые."+r.Name.Ru)
			}
		}
		known = append(known, "lost."+rest, "отвал."+rest, "manager."+rest, "менеджер."+rest)
	}
	target := NormalizeName(key)
	if len(target) > maxSuggestedKey {
		return nil // nothing known is that long; spare the edit distances
	}
	limit := max(1, min(len([]rune(target))/3, 3))
	if len([]rune(target)) >= 5 {
		limit = max(limit, 2)
	}
	type hit struct {
		name string
		dist int
	}
	var hits []hit
	seen := map[string]bool{}
	for _, k := range known {
		n := NormalizeName(k)
		if n == "" || seen[n] || dotted != strings.Contains(n, ".") { // compare dotted keys with dotted keys only
			continue
		}
		seen[n] = true
		if d := editDistance(target, n); d <= limit {
			hits = append(hits, hit{k, d})
		}
	}
	slices.SortStableFunc(hits, func(a, b hit) int { return cmp.Compare(a.dist, b.dist) })
	var out []string
	for _, h := range hits[:min(3, len(hits))] {
		out = append(out, h.name)
	}
	return out
}

// editDistance is the Levenshtein distance between a and b in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// ParseEntry reads a /log message: the segment (optional when the
// workspace has one), an optional week expression (see ParseWeekExpr;
// the current week when missing), then key=value pairs. Keys are read by
// ParseField; "key: value" and "key = value" work too; pairs are separated
// by spaces, new lines, commas or semicolons. Values may hold spaces
// ("1 200 000", "1,2 млн"): a value runs up to the next key.
//
// ParseEntry checks the syntax and every value; it collects all problems
// and returns them as one *EntryError. Figures are checked against each
// other and the stored record by Merge.
func ParseEntry(ws *Workspace, text string, now time.Time) (Entry, error) {
	lines := entryLines(text)
	if len(lines) > 0 && len(lines[0]) > 0 && strings.HasPrefix(lines[0][0].word, "/") {
		lines[0] = lines[0][1:] // the command itself: /log or /log@bot
	}
	names := NewFieldNames(ws)
	header, pairs, problems := splitPairs(names, lines)
	var e Entry
	seg, week, headerProblems := parseEntryHeader(ws, header, now)
	problems = append(headerProblems, problems...)
	e.Segment, e.Week = seg.Key, week
	for _, p := range pairs {
		if p.key == "" {
			problems = append(problems, Problem{Value: p.value, Text: "entry.no_key", Args: []any{p.value}})
			continue
		}
		f, prob := names.Parse(p.key)
		if prob != nil {
			problems = append(problems, *prob)
			continue
		}
		if p.value == "" {
			problems = append(problems, Problem{Key: p.key, Text: "entry.no_value"})
			continue
		}
		if f.Stage != "" && slices.Contains(seg.SkipStages, f.Stage) {
			problems = append(problems, Problem{Key: p.key, Value: p.value, Text: "entry.stage_skipped", Args: []any{localName(seg.Name)}})
			continue
		}
		if err := e.Set(f, p.value); err != nil {
			problems = append(problems, problemOf(p.key, p.value, err))
		}
	}
	if len(problems) == 0 && e.IsEmpty() {
		problems = append(problems, Problem{Text: "entry.empty"})
	}
	if len(problems) > 0 {
		return Entry{}, &EntryError{Problems: problems, example: newEntryExample(ws)}
	}
	return e, nil
}

// entryToken is a word or an assignment mark ("=" or ":") of a /log message.
type entryToken struct {
	word   string
	assign bool
}

// entryLines splits a message into lines of tokens. New lines, semicolons
// and commas end a line, except a comma between two digits, which belongs
// to a number ("1,2 млн", "12,345").
func entryLines(text string) [][]entryToken {
	var lines [][]entryToken
	var line []entryToken
	var word []rune
	flushWord := func() {
		if len(word) > 0 {
			line = append(line, entryToken{word: string(word)})
			word = word[:0]
		}
	}
	flushLine := func() {
		flushWord()
		if len(line) > 0 {
			lines = append(lines, line)
			line = nil
		}
	}
	runes := []rune(text)
	for i, r := range runes {
		switch {
		case r == '\n' || r == ';':
			flushLine()
		case r == ',':
			if i > 0 && i+1 < len(runes) && unicode.IsDigit(runes[i-1]) && unicode.IsDigit(runes[i+1]) {
				word = append(word, r)
			} else {
				flushLine()
			}
		case r == '=' || r == ':':
			flushWord()
			if n := len(line); n == 0 || !line[n-1].assign { // "==" and ":=" are one mark
				line = append(line, entryToken{assign: true})
			}
		case unicode.IsSpace(r):
			flushWord()
		default:
			word = append(word, r)
		}
	}
	flushLine()
	return lines
}

// entryPair is one key=value as written.
type entryPair struct {
	key, value string
}

// splitPairs finds the header words (before the first key) and the pairs.
// Between two assignment marks the words are the value of the first and the
// key of the second; splitValueKey decides where one ends.
func splitPairs(names *FieldNames, lines [][]entryToken) (header []string, pairs []entryPair, problems []Problem) {
	for _, line := range lines {
		chunks := [][]string{{}}
		for _, t := range line {
			if t.assign {
				chunks = append(chunks, []string{})
				continue
			}
			chunks[len(chunks)-1] = append(chunks[len(chunks)-1], t.word)
		}
		if len(chunks) == 1 { // no key=value on this line
			if len(pairs) == 0 {
				header = append(header, chunks[0]...)
			} else {
				problems = append(problems, Problem{Key: strings.Join(chunks[0], " "), Text: "entry.no_value"})
			}
			continue
		}
		key := strings.Join(chunks[0], " ")
		if len(pairs) == 0 {
			var head []string
			head, key = splitHeaderKey(names, chunks[0])
			header = append(header, head...)
		}
		for i := 1; i < len(chunks); i++ {
			if i == len(chunks)-1 {
				pairs = append(pairs, entryPair{key: key, value: strings.Join(chunks[i], " ")})
				break
			}
			value, next := splitValueKey(names, key, chunks[i])
			pairs = append(pairs, entryPair{key: key, value: value})
			key = next
		}
	}
	return header, pairs, problems
}

// splitHeaderKey splits the words before the first "=" into the header
// (segment and week) and the key: the longest known key at the end, else
// the last word.
func splitHeaderKey(names *FieldNames, words []string) (header []string, key string) {
	if len(words) == 0 {
		return nil, ""
	}
	for n := min(len(words), maxEntryKeyWords); n >= 1; n-- {
		k := strings.Join(words[len(words)-n:], " ")
		if names.known(k) {
			return words[:len(words)-n], k
		}
	}
	return words[:len(words)-1], words[len(words)-1]
}

// splitValueKey splits the words between two assignment marks into the
// value of prevKey and the next key. Preferred, in order: a known key after
// a valid value, a valid value (the key is then reported as unknown), a
// known key (the value is then reported as bad), else the first word as
// the value. Among equals the longest value wins: values are greedy.
func splitValueKey(names *FieldNames, prevKey string, words []string) (value, key string) {
	if len(words) < 2 {
		return strings.Join(words, " "), ""
	}
	prev, prevProb := names.resolve(prevKey, false)
	valueOK := func(v string) bool {
		if prevProb != nil {
			_, err := ParseNumber(v)
			return err == nil
		}
		var probe Entry
		return probe.Set(prev, v) == nil
	}
	best, bestRank := 1, 0
	for j := len(words) - 1; j >= max(1, len(words)-maxEntryKeyWords); j-- {
		known := names.known(strings.Join(words[j:], " "))
		ok := valueOK(strings.Join(words[:j], " "))
		rank := 0
		switch {
		case known && ok:
			rank = 3
		case ok:
			rank = 2
		case known:
			rank = 1
		}
		if rank > bestRank {
			best, bestRank = j, rank
		}
	}
	return strings.Join(words[:best], " "), strings.Join(words[best:], " ")
}

// parseEntryHeader reads the segment and the week from the header words.
// The segment is the longest run of words at the start (or at the end)
// that names a segment; what remains is the week expression.
func parseEntryHeader(ws *Workspace, words []string, now time.Time) (Segment, Week, []Problem) {
	seg, rest, ok := findSegmentWords(ws, words)
	if !ok {
		segs := ws.ActiveSegments()
		if len(segs) != 1 {
			if len(words) == 0 {
				return Segment{}, Week{}, []Problem{{Text: "entry.no_segment", Args: []any{segmentNames(ws)}}}
			}
			written := strings.Join(words, " ")
			return Segment{}, Week{}, []Problem{{Value: written, Text: "entry.unknown_segment", Args: []any{written, segmentNames(ws)}}}
		}
		seg, rest = segs[0], words
	}
	week, err := ParseWeekExpr(strings.Join(rest, " "), now, ws.Location())
	if err != nil {
		return seg, Week{}, []Problem{problemOf("", strings.Join(rest, " "), err)}
	}
	return seg, week, nil
}

// findSegmentWords finds a segment named by leading or trailing words.
func findSegmentWords(ws *Workspace, words []string) (Segment, []string, bool) {
	for n := len(words); n >= 1; n-- {
		if seg, ok := MatchSegment(ws, strings.Join(words[:n], " ")); ok {
			return seg, words[n:], true
		}
		if seg, ok := MatchSegment(ws, strings.Join(words[len(words)-n:], " ")); ok {
			return seg, words[:len(words)-n], true
		}
	}
	return Segment{}, nil, false
}

// Merge applies the entry to the stored record and validates the result;
// problems come back as an *EntryError and nothing should be saved.
func (e Entry) Merge(ws *Workspace, old WeeklyRecord) (WeeklyRecord, error) {
	r := e.Apply(old)
	if problems := ValidateRecord(ws, r); len(problems) > 0 {
		return WeeklyRecord{}, &EntryError{Problems: problems, example: newEntryExample(ws)}
	}
	return r, nil
}

// ValidateRecord checks a record's figures against each other. Weekly
// counts are flows, not cohorts: this week's meetings may come from last
// week's leads, so a stage may exceed the one before it. Only what holds by
// definition within a week is checked:
//   - qualified plus non-target leads do not exceed leads (every lead is
//     qualified, non-target or not yet sorted);
//   - items lost at a stage with a reason do not exceed that stage's count;
//   - managers' counts at a stage do not add up to more than the stage;
//   - counts and money are not negative; the margin is within 0–100%.
//
// A rule applies only when the figures it compares were reported.
func ValidateRecord(ws *Workspace, r WeeklyRecord) []Problem {
	var problems []Problem
	for _, st := range ws.Stages {
		if n, ok := r.Counts[st.Key]; ok && n < 0 {
			problems = append(problems, Problem{Key: st.Key, Text: "entry.negative_count", Args: []any{localName(st.Name)}})
		}
	}
	problems = append(problems, checkLeadSplit(ws, r)...)
	problems = append(problems, checkLostAndManagers(ws, r)...)
	if r.Spend < 0 {
		problems = append(problems, Problem{Key: "spend", Text: "entry.negative_money"})
	}
	if r.Revenue < 0 {
		problems = append(problems, Problem{Key: "revenue", Text: "entry.negative_money"})
	}
	if r.HasMargin && (r.Margin < 0 || r.Margin > 1) {
		problems = append(problems, Problem{Key: "margin", Text: "entry.margin_range", Args: []any{FormatPercent(Some(r.Margin), ws.Lang)}})
	}
	return problems
}

// checkLeadSplit checks qualified + non-target ≤ leads.
func checkLeadSplit(ws *Workspace, r WeeklyRecord) []Problem {
	leadsStage, ok := entryRoleStage(ws, RoleLeads)
	leads, reported := r.Counts[leadsStage.Key]
	if !ok || !reported {
		return nil
	}
	var qualified, nonTarget int64
	qualifiedName := Name{En: "qualified", Ru: "целевые"}
	if st, ok := entryRoleStage(ws, RoleQualified); ok {
		qualified, qualifiedName = r.Counts[st.Key], st.Name
	}
	for _, n := range r.NonTarget {
		nonTarget += n
	}
	if qualified+nonTarget <= leads {
		return nil
	}
	return []Problem{{Key: leadsStage.Key, Text: "entry.split_over_leads",
		Args: []any{localName(qualifiedName), qualified, nonTarget, localName(leadsStage.Name), leads}}}
}

// checkLostAndManagers checks drop-offs and manager counts. Drop-offs at a
// stage are the items lost on the way into it (see StageFigure.Lost), so
// they cannot exceed the previous reported stage; managers' counts cannot
// exceed their own stage.
func checkLostAndManagers(ws *Workspace, r WeeklyRecord) []Problem {
	var problems []Problem
	var prev *Stage
	for i := range ws.Stages {
		st := ws.Stages[i]
		count, reported := r.Counts[st.Key]
		var lost, managed int64
		for _, n := range r.DropOffs[st.Key] {
			lost += n
		}
		for _, stages := range r.Managers {
			managed += stages[st.Key]
		}
		if prev != nil {
			if before := r.Counts[prev.Key]; before >= 0 && lost > before {
				problems = append(problems, Problem{Key: st.Key, Text: "entry.lost_over_stage", Args: []any{localName(st.Name), lost, localName(prev.Name), before}})
			}
		}
		if reported && count >= 0 && managed > count { // a negative count is reported on its own
			problems = append(problems, Problem{Key: st.Key, Text: "entry.managers_over_stage", Args: []any{localName(st.Name), managed, count}})
		}
		if reported {
			prev = &ws.Stages[i]
		}
	}
	return problems
}

// CanEnter checks that the user may report every figure of the entry: a CEO
// enters anything; a department head only the figures their departments own
// (see Field.Department); anyone else nothing. The EFORBIDDEN error names
// the figures the user may not enter.
func CanEnter(ws *Workspace, userID int64, e Entry) error {
	m := ws.Member(userID)
	if m.CEO {
		return nil
	}
	if len(m.HeadOf) == 0 {
		return Errorf(EFORBIDDEN, "entry.forbidden_member")
	}
	var denied nameList
	fields := e.Fields()
	SortFields(ws, fields)
	for _, f := range fields {
		if d := f.Department(ws); d == "" || !slices.Contains(m.HeadOf, d) {
			denied = append(denied, Name{En: f.Label(ws, English), Ru: f.Label(ws, Russian)})
		}
	}
	if len(denied) > 0 {
		return Errorf(EFORBIDDEN, "entry.forbidden", denied)
	}
	return nil
}
