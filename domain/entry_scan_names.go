package domain

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Weeks and segments in a /log message, wherever they are written.

// minSegmentPrefix is the shortest beginning of a segment's name that
// names it ("розн" for «Розница (физлица)»): shorter ones match too much.
const minSegmentPrefix = 4

// weekAt finds the longest week expression starting at word i. A phrase
// that looks like a week but names none ("w60", a future week) comes back
// as a problem, so it is not also reported as unknown words.
func (s *entryScanner) weekAt(i int) (int, Week, *Problem, bool) {
	if !s.isWord(i) {
		return 0, Week{}, nil, false
	}
	m := remember(s.weeks, i, s.findWeek)
	return m.n, m.w, m.prob, m.n > 0
}

func (s *entryScanner) findWeek(i int) weekMatch {
	if first := s.norm[i]; !strings.ContainsAny(first, "0123456789") && !entryWeekStarts[first] {
		return weekMatch{}
	}
	var words, norms []string
	for j := i; j-i < maxWeekTokens && s.isWord(j); j++ {
		words, norms = append(words, s.toks[j].text), append(norms, s.norm[j])
	}
	current := WeekOf(s.now.In(s.ws.Location()))
	for n := len(words); n >= 1; n-- {
		phrase := strings.Join(words[:n], " ")
		if back, ok := entryWeekPhrases[strings.Join(norms[:n], " ")]; ok {
			return weekMatch{n, current.Add(-back), nil}
		}
		// Relative forms have at most two words; longer ones hold a number.
		if n > 2 && !strings.ContainsAny(phrase, "0123456789") {
			continue
		}
		w, err := ParseWeekExpr(phrase, s.now, s.ws.Location())
		if err == nil {
			return weekMatch{n, w, nil}
		}
		if e, ok := err.(*Error); ok && e.Key != "entry.bad_week" {
			p := problemOf("", phrase, err)
			return weekMatch{n, Week{}, &p}
		}
	}
	return weekMatch{}
}

// addWeek records a week named at token i, or the problem with it.
func (s *entryScanner) addWeek(i int, w Week, prob *Problem) {
	if prob != nil {
		s.add(itemProblem, i, entryItem{problem: *prob})
		return
	}
	s.add(itemWeek, i, entryItem{week: w})
}

// isHeaderWord reports whether word i announces a week or a segment that
// follows it.
func (s *entryScanner) isHeaderWord(i int) bool {
	w := s.norm[i]
	if !slices.Contains(entryWeekWords, w) && !slices.Contains(entrySegmentWords, w) {
		return false
	}
	j := i + 1
	if s.isMark(j) {
		j++
	}
	if n, _, _ := s.segmentAt(j); n > 0 {
		return true
	}
	n, _, _, _ := s.weekAt(j)
	return n > 0 || s.isWord(j) && len(s.toks[j].text) <= 2 && allDigits(s.toks[j].text)
}

// header reads "неделя: 47", "week 2026-W47", "сегмент: дилеры": a word
// announcing a week or a segment, an optional mark, then the week or the
// segment. A bare number after the week word is the week's number.
func (s *entryScanner) header(i int) (int, bool) {
	w := s.norm[i]
	j := i + 1
	if s.isMark(j) {
		j++
	}
	switch {
	case slices.Contains(entryWeekWords, w):
		if n, week, prob, ok := s.weekAt(j); ok {
			s.addWeek(i, week, prob)
			return j + n, true
		}
		if s.isWord(j) && len(s.toks[j].text) <= 2 && allDigits(s.toks[j].text) {
			num := s.toks[j].text
			week, err := ParseWeekExpr("w"+num, s.now, s.ws.Location())
			var prob *Problem
			if err != nil {
				p := problemOf("", num, err)
				prob = &p
			}
			s.addWeek(i, week, prob)
			return j + 1, true
		}
	case slices.Contains(entrySegmentWords, w):
		if n, ok := s.segmentItem(i, j); ok {
			return j + n, true
		}
	}
	return 0, false
}

// segment reads a segment named at word i.
func (s *entryScanner) segment(i int) (int, bool) {
	return s.segmentItem(i, i)
}

// segmentItem reads the segment named at word j and records it as an item
// starting at token at (the announcing word, when there is one).
func (s *entryScanner) segmentItem(at, j int) (int, bool) {
	n, seg, ambiguous := s.segmentAt(j)
	if n == 0 {
		return 0, false
	}
	written := s.written(j, j+n)
	it := entryItem{written: written, seg: seg}
	if len(ambiguous) > 0 {
		var names nameList
		for _, a := range ambiguous {
			names = append(names, a.Name)
		}
		it.problem = Problem{Value: written, Text: "entry.ambiguous_segment", Args: []any{written, names}}
	}
	s.add(itemSegment, at, it)
	return n, true
}

// segmentAt finds the longest run of words starting at i that names an
// active segment by key, name or alias, in either language, or by the
// beginning of one of them when only one segment begins so. When several
// do, it returns them as ambiguous.
func (s *entryScanner) segmentAt(i int) (int, Segment, []Segment) {
	if !s.isWord(i) {
		return 0, Segment{}, nil
	}
	m := remember(s.segments, i, s.findSegment)
	return m.n, m.seg, m.ambiguous
}

func (s *entryScanner) findSegment(i int) segmentMatch {
	var words []string
	bestN, best := 0, Segment{}
	var ambiguous []Segment
	for j := i; j-i < maxSegmentTokens && s.isWord(j); j++ {
		if s.norm[j] == "" {
			continue
		}
		words = append(words, s.norm[j])
		typed := strings.Join(words, " ")
		if seg, ok := s.exactSegment(typed); ok {
			bestN, best, ambiguous = j-i+1, seg, nil
			continue
		}
		switch cands := s.segmentsLike(typed); len(cands) {
		case 0:
			if !s.segmentMayGrow(typed) {
				return segmentMatch{bestN, best, ambiguous}
			}
		case 1:
			bestN, best, ambiguous = j-i+1, cands[0], nil
		default:
			bestN, best, ambiguous = j-i+1, Segment{}, cands
		}
	}
	return segmentMatch{bestN, best, ambiguous}
}

// segmentMayGrow reports whether a longer phrase could still name a
// segment: some name begins with typed and more words.
func (s *entryScanner) segmentMayGrow(typed string) bool {
	return slices.ContainsFunc(s.segs, func(n segmentName) bool { return strings.HasPrefix(n.name, typed+" ") })
}

func (s *entryScanner) exactSegment(typed string) (Segment, bool) {
	for _, n := range s.segs {
		if n.name == typed {
			return n.seg, true
		}
	}
	return Segment{}, false
}

// segmentsLike returns the segments one of whose names begins with typed
// ("розн" for «Розница (физлица)»), each once; when none does, those whose
// name's words typed writes with other endings ("по дилерам",
// "для застройщиков", "по рознице").
func (s *entryScanner) segmentsLike(typed string) []Segment {
	if utf8.RuneCountInString(typed) < minSegmentPrefix {
		return nil
	}
	var out []Segment
	add := func(seg Segment) {
		if !slices.ContainsFunc(out, func(o Segment) bool { return o.Key == seg.Key }) {
			out = append(out, seg)
		}
	}
	for _, n := range s.segs {
		if strings.HasPrefix(n.name, typed) {
			add(n.seg)
		}
	}
	if len(out) > 0 {
		return out
	}
	// A name with as many words as typed beats a longer one: "для
	// застройщиков" is Застройщики, not Застройщики премиум.
	words := strings.Fields(typed)
	for _, whole := range []bool{true, false} {
		for _, n := range s.segs {
			if (len(n.words) == len(words)) == whole && sameStems(words, n.words) {
				add(n.seg)
			}
		}
		if len(out) > 0 {
			break
		}
	}
	return out
}

// sameStems reports whether the typed words are the first words of a name
// with other endings: each shares with the name's word a beginning of at
// least minSegmentPrefix letters that leaves at most two letters of the
// name's word and three of the typed one.
func sameStems(typed, name []string) bool {
	if len(typed) == 0 || len(typed) > len(name) {
		return false
	}
	for i, tw := range typed {
		t, n := []rune(tw), []rune(name[i])
		common := 0
		for common < len(t) && common < len(n) && t[common] == n[common] {
			common++
		}
		if common < minSegmentPrefix || len(n)-common > 2 || len(t)-common > 3 {
			return false
		}
	}
	return true
}
