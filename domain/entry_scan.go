package domain

import (
	"slices"
	"strings"
	"time"
)

// Reading the tokens of a /log message into items: segments, weeks,
// key/value pairs and what was not understood. Which segment and week a
// pair belongs to is decided later, by entryBuilder.

// entryItemKind says what an item of a /log message is.
type entryItemKind uint8

// The kinds of items.
const (
	itemPair    entryItemKind = iota // a key and its value (possibly empty)
	itemSegment                      // a segment named
	itemWeek                         // a week named
	itemUnknown                      // words not understood, no value after them
	itemProblem                      // something that cannot be read
)

// entryItem is one thing a /log message says.
type entryItem struct {
	kind      entryItemKind
	pos       int  // index of its first token: problems are listed in this order
	lineStart bool // the item starts a line
	written   string
	seg       Segment
	week      Week
	field     Field
	value     string
	problem   Problem
}

// Bounds on phrases, in tokens.
const (
	maxKeyTokens     = maxEntryKeyWords + 2 // a key may hold a mark: "Нецелевые: Нет бюджета"
	maxSegmentTokens = 6
	maxWeekTokens    = 4
	maxValueWords    = 6
)

// entryScanner reads the tokens of one message. What starts at a token
// is asked many times (is this word the end of a value, the start of a
// key?), so the answers are kept: a message costs linear time.
type entryScanner struct {
	ws       *Workspace
	names    *FieldNames
	segs     []segmentName
	now      time.Time
	toks     []entryToken
	norm     []string // labelNorm of each word
	items    []entryItem
	keys     []memo[keyMatch]
	weeks    []memo[weekMatch]
	segments []memo[segmentMatch]
	hints    int // unknown keys left to explain with the closest names
}

// memo is an answer kept for a token.
type memo[T any] struct {
	done bool
	v    T
}

// remember returns the kept answer at i, computing it once.
func remember[T any](m []memo[T], i int, compute func(int) T) T {
	if !m[i].done {
		m[i] = memo[T]{true, compute(i)}
	}
	return m[i].v
}

type keyMatch struct {
	n int
	f Field
}

type weekMatch struct {
	n    int
	w    Week
	prob *Problem
}

type segmentMatch struct {
	n         int
	seg       Segment
	ambiguous []Segment
}

// maxHintedProblems bounds the problems explained with the closest names:
// the reply lists only the first ones, and edit distances are not free.
const maxHintedProblems = 2 * maxShownProblems

// segmentName is one way to name a segment, normalized by labelNorm.
type segmentName struct {
	name  string
	words []string
	seg   Segment
}

func newEntryScanner(ws *Workspace, names *FieldNames, toks []entryToken, now time.Time) *entryScanner {
	s := &entryScanner{ws: ws, names: names, now: now, toks: toks, hints: maxHintedProblems,
		norm: make([]string, len(toks)), keys: make([]memo[keyMatch], len(toks)),
		weeks: make([]memo[weekMatch], len(toks)), segments: make([]memo[segmentMatch], len(toks))}
	for i, t := range toks {
		if t.kind == tokWord {
			s.norm[i] = labelNorm(t.text)
		}
	}
	for _, seg := range ws.ActiveSegments() {
		for _, n := range append([]string{seg.Key, seg.Name.En, seg.Name.Ru}, seg.Aliases...) {
			if n = labelNorm(n); n != "" {
				s.segs = append(s.segs, segmentName{n, strings.Fields(n), seg})
			}
		}
	}
	return s
}

// scan reads every token. At each word the readings are tried in order:
// a key followed by its value, a week, a segment, a key without a value,
// a filler word before a week or a segment, a value without a key, and
// last the words nothing matches.
func (s *entryScanner) scan() []entryItem {
	for i := 0; i < len(s.toks); {
		switch s.toks[i].kind {
		case tokLine, tokSep:
			i++
			continue
		case tokMark: // "Дилеры:", "- лиды 120": a mark after no key says nothing
			if end, v := s.numericRun(i+1, true); v != "" {
				s.add(itemProblem, i, entryItem{problem: Problem{Value: v, Text: "entry.no_key", Args: []any{v}}})
				i = end
			} else {
				i++
			}
			continue
		}
		i = s.word(i)
	}
	return s.items
}

// word reads the item starting at the word toks[i] and returns where the
// next one starts.
func (s *entryScanner) word(i int) int {
	n, f, isKey := s.keyAt(i)
	if isKey && s.valueFollows(i+n) {
		return s.pair(i, n, f)
	}
	if end, ok := s.header(i); ok {
		return end
	}
	if n, w, prob, ok := s.weekAt(i); ok {
		s.addWeek(i, w, prob)
		return i + n
	}
	if n, ok := s.segment(i); ok {
		return i + n
	}
	if isKey {
		return s.pair(i, n, f)
	}
	if s.isFiller(i) && s.startsKnown(i+1) || slices.Contains(entryHeadingWords, s.norm[i]) {
		return i + 1
	}
	if end, v := s.numericRun(i, true); v != "" {
		s.add(itemProblem, i, entryItem{problem: Problem{Value: v, Text: "entry.no_key", Args: []any{v}}})
		return end
	}
	return s.unknown(i)
}

// add appends an item that starts at token i. It starts a line when only
// marks and filler words come before it on the line ("- по дилерам").
func (s *entryScanner) add(kind entryItemKind, i int, it entryItem) {
	it.kind, it.pos = kind, i
	k := i - 1
	for k >= 0 && (s.isMark(k) || s.isFiller(k)) {
		k--
	}
	it.lineStart = k < 0 || s.toks[k].kind == tokLine
	s.items = append(s.items, it)
}

func (s *entryScanner) isWord(i int) bool {
	return i >= 0 && i < len(s.toks) && s.toks[i].kind == tokWord
}

func (s *entryScanner) isMark(i int) bool {
	return i < len(s.toks) && s.toks[i].kind == tokMark
}

// written renders tokens i..end-1 as the user wrote them, near enough:
// words spaced, marks kept after the word they follow.
func (s *entryScanner) written(i, end int) string {
	var sb strings.Builder
	for j := i; j < end; j++ {
		t := s.toks[j]
		if t.kind == tokWord && sb.Len() > 0 {
			sb.WriteByte(' ')
		}
		if t.kind == tokWord || t.kind == tokMark {
			sb.WriteString(t.text)
		}
	}
	return sb.String()
}

// keyAt finds the longest key starting at word i and returns its length in
// tokens. A key never holds a number after its first word, so
// "manager.Ivan.meetings 3 manager.Petr.meetings" is two keys; it holds a
// mark only when it is one of the bot's own labels ("Нецелевые: Нет бюджета").
// Phrases stop growing as soon as no known key begins with them.
func (s *entryScanner) keyAt(i int) (int, Field, bool) {
	if !s.isWord(i) || isNumberStart(s.toks[i].text) {
		return 0, Field{}, false
	}
	m := remember(s.keys, i, s.findKey)
	return m.n, m.f, m.n > 0
}

func (s *entryScanner) findKey(i int) keyMatch {
	var words, norms []string
	best, bestField, crossedMark := 0, Field{}, false
	for j := i; j < len(s.toks) && j-i < maxKeyTokens; j++ {
		t := s.toks[j]
		if t.kind == tokMark && j > i {
			crossedMark = true
			continue
		}
		if t.kind != tokWord || j > i && isNumberStart(t.text) {
			break
		}
		words, norms = append(words, t.text), append(norms, s.norm[j])
		if !s.names.mayStartKey(strings.Join(norms, " ")) {
			break
		}
		phrase := strings.Join(words, " ")
		// A dotted key ends with its first dotted word after the first one:
		// "менеджер.Анна Петрова.встречи".
		last := j > i && strings.Contains(t.text, ".")
		if crossedMark {
			if f, ok := s.names.label(phrase); ok {
				best, bestField = j-i+1, f
			}
		} else if f, prob := s.names.resolve(phrase, false); prob == nil {
			best, bestField = j-i+1, f
		}
		if last {
			break
		}
	}
	return keyMatch{best, bestField}
}

// valueFollows reports whether a value starts at token i: a mark or a number.
func (s *entryScanner) valueFollows(i int) bool {
	return s.isMark(i) || s.isWord(i) && isNumberStart(s.toks[i].text)
}

// pair reads the key of n tokens at i and its value. After a mark the
// value is whatever follows up to the next thing known ("margin=много" is
// a bad margin, not an unknown word); without a mark only a number is a
// value, so "лиды целевые 80" reports leads without a value.
func (s *entryScanner) pair(i, n int, f Field) int {
	j := i + n
	marked := s.isMark(j)
	if marked {
		j++
	}
	end, value := s.numericRun(j, marked)
	if value == "" && marked {
		end, value = s.wordValue(j)
	}
	s.add(itemPair, i, entryItem{written: s.written(i, i+n), field: f, value: value})
	return max(end, j)
}

// numericRun reads a number written over several words starting at i:
// "1 200 000", "1,5 млн ₽", "62 т.р.", "35 %". After a mark any word
// starting with a digit continues it ("leads=120 80" is one bad value);
// without one only groups of three digits do ("лиды 120 80" is a value and
// a stray number).
func (s *entryScanner) numericRun(i int, greedy bool) (end int, value string) {
	if !s.isWord(i) || !isNumberStart(s.toks[i].text) {
		return i, ""
	}
	j, suffixed := i+1, false
	for ; s.isWord(j); j++ {
		w := s.toks[j].text
		if isNumberSuffix(w) {
			suffixed = true
			continue
		}
		if suffixed || !isThousandsGroup(w) && !(greedy && isNumberStart(w) && !s.startsKnown(j)) {
			break
		}
	}
	return j, s.written(i, j)
}

// wordValue reads a value that is not a number, after a mark: words up to
// the next mark, separator, number or known name, and not the word just
// before a mark (that is the next key).
func (s *entryScanner) wordValue(i int) (end int, value string) {
	j := i
	for ; s.isWord(j) && j-i < maxValueWords; j++ {
		if isNumberStart(s.toks[j].text) || s.isMark(j+1) || s.startsKnown(j) {
			break
		}
	}
	return j, s.written(i, j)
}

// startsKnown reports whether a key, a week or a segment starts at token i.
func (s *entryScanner) startsKnown(i int) bool {
	if !s.isWord(i) {
		return false
	}
	if _, _, ok := s.keyAt(i); ok {
		return true
	}
	if n, _, _, _ := s.weekAt(i); n > 0 {
		return true
	}
	if n, _, _ := s.segmentAt(i); n > 0 {
		return true
	}
	return s.isHeaderWord(i)
}

// isFiller reports whether word i is a filler word (entryFillers).
func (s *entryScanner) isFiller(i int) bool {
	return s.isWord(i) && slices.Contains(entryFillers, s.norm[i])
}

// unknown reads words nothing matches, up to the next known thing. Before
// a value they are an unknown key, named with the closest keys; otherwise
// the builder names them (an unknown segment at the start of a block,
// unknown words elsewhere).
func (s *entryScanner) unknown(i int) int {
	j := i + 1
	for ; s.isWord(j) && j-i < maxEntryKeyWords; j++ {
		if isNumberStart(s.toks[j].text) || s.startsKnown(j) || s.isFiller(j) && s.startsKnown(j+1) ||
			slices.Contains(entryHeadingWords, s.norm[j]) {
			break
		}
	}
	phrase := s.written(i, j)
	// "по дилерам: лиды 120": a mark before a known name ends a heading,
	// not a key.
	if !s.valueFollows(j) || s.isMark(j) && s.startsKnown(j+1) {
		s.add(itemUnknown, i, entryItem{written: phrase})
		return j
	}
	f, prob := s.names.resolve(phrase, s.hints > 0)
	if prob == nil { // longer than any key keyAt tries, yet known
		return s.pair(i, j-i, f)
	}
	s.hints--
	if prob == errUnexplained {
		prob = &Problem{Key: phrase, Text: "entry.unknown_key", Args: []any{stageNames(s.ws)}}
	}
	s.add(itemProblem, i, entryItem{problem: *prob})
	k := j
	marked := s.isMark(k)
	if marked {
		k++
	}
	end, value := s.numericRun(k, marked)
	if value == "" && marked {
		end, _ = s.wordValue(k)
	}
	return max(end, k)
}
