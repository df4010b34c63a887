package domain

import (
	"cmp"
	"maps"
	"slices"
	"strings"
)

// Problems found in a report, rendered in the reader's language with a
// correct example and the closest known names.

// Problem is one thing wrong with a report: a key as written, its value,
// and the catalog text that says what is wrong and what to write instead.
type Problem struct {
	Key   string // as written by the user; empty for the report as a whole
	Value string // as written; may be empty
	Text  string // catalog key
	Args  []any
}

// Localize renders the problem in lang, prefixed with its key; the key and
// values as written are quoted shortened (see Echo).
func (p Problem) Localize(lang Lang) string {
	text := Text(lang, p.Text, echoArgs(p.Args)...)
	if p.Key == "" {
		return text
	}
	return Echo(p.Key) + ": " + text
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

// maxShownProblems is how many problems a reply lists: a pasted page of
// text must still give a reply that fits in a message.
const maxShownProblems = 10

// Localize renders the list in lang, the first maxShownProblems of it.
func (l problemList) Localize(lang Lang) string {
	var lines []string
	for _, p := range l[:min(len(l), maxShownProblems)] {
		lines = append(lines, "• "+p.Localize(lang))
	}
	if len(l) > maxShownProblems {
		lines = append(lines, Text(lang, "entry.more_problems", len(l)-maxShownProblems))
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
func (n *FieldNames) unknownKey(key string) *Problem {
	ws := n.ws
	if key == "" {
		return &Problem{Text: "entry.empty_key"}
	}
	if close := n.closestKeys(key); len(close) > 0 {
		return &Problem{Key: key, Text: "entry.unknown_key_hint", Args: []any{strings.Join(close, ", ")}}
	}
	return &Problem{Key: key, Text: "entry.unknown_key", Args: []any{stageNames(ws)}}
}

// closestKeys returns up to three known keys within a small edit distance
// of key: stages, money and, for a dotted key, dotted keys. The plain keys
// are normalized once per index.
func (n *FieldNames) closestKeys(key string) []string {
	ws := n.ws
	_, rest, dotted := strings.Cut(key, ".")
	if !dotted {
		if n.plainKeys == nil {
			known := stageWords(ws)
			known = append(known, spendWords...)
			known = append(known, revenueWords...)
			n.plainKeys = normalizeNames(append(known, marginWords...))
		}
		return closestOf(key, n.plainKeys, false)
	}
	var known []string
	for _, r := range ws.NonTarget {
		if !r.Archived {
			known = append(known, "nontarget."+r.Key, "нецелевые."+r.Name.Ru)
		}
	}
	known = append(known, "lost."+rest, "отвал."+rest, "manager."+rest, "менеджер."+rest)
	return closestNames(key, known, true)
}

// stageWords returns every name of the active stages: keys, names in both
// languages and aliases.
func stageWords(ws *Workspace) []string {
	var out []string
	for _, st := range ws.Stages {
		if !st.Archived {
			out = append(out, nameForms(st.Key, st.Name, st.Aliases)...)
		}
	}
	return out
}

// segmentWords returns every name of the active segments, in both languages.
func segmentWords(ws *Workspace) []string {
	var out []string
	for _, s := range ws.ActiveSegments() {
		// Names before the key: "did you mean" shows the first it finds.
		out = append(out, s.Name.En, s.Name.Ru, s.Key)
		out = append(out, s.Aliases...)
	}
	return out
}

// entryVocabulary is every name a /log message may hold outside a value:
// segments, stages, money and week words, for "did you mean".
func entryVocabulary(ws *Workspace) []string {
	out := append(segmentWords(ws), stageWords(ws)...)
	out = append(out, spendWords...)
	out = append(out, revenueWords...)
	out = append(out, marginWords...)
	out = append(out, "last week", "this week", "прошлая неделя", "эта неделя")
	// Sorted: map order must not change the hints.
	return append(out, slices.Sorted(maps.Keys(entryWeekPhrases))...)
}

// closestNames returns up to three of the known names within a small edit
// distance of s (a third of its length, at least 1 and at least 2 for
// longer words), closest first. Dotted names are compared with dotted ones
// only.
func closestNames(s string, known []string, dotted bool) []string {
	return closestOf(s, normalizeNames(known), dotted)
}

// normalizedName is a known name and its NormalizeName form, computed once
// when a list is searched many times.
type normalizedName struct {
	name, norm string
}

func normalizeNames(names []string) []normalizedName {
	out := make([]normalizedName, 0, len(names))
	for _, n := range names {
		out = append(out, normalizedName{n, NormalizeName(n)})
	}
	return out
}

// closestOf is closestNames over normalized names.
func closestOf(s string, known []normalizedName, dotted bool) []string {
	target := NormalizeName(s)
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
		n := k.norm
		if n == "" || seen[n] || dotted != strings.Contains(n, ".") {
			continue
		}
		seen[n] = true
		if d := editDistance(target, n); d <= limit {
			hits = append(hits, hit{k.name, d})
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
