package domain

import (
	"slices"
	"strings"
	"time"
	"unicode"
)

// Parsing a /log message.

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
			written := strings.Join(words, " ")
			// "/log last week leads=5": the week is there, the segment is not.
			if _, err := ParseWeekExpr(written, now, ws.Location()); len(words) == 0 || err == nil {
				return Segment{}, Week{}, []Problem{{Text: "entry.no_segment", Args: []any{segmentNames(ws)}}}
			}
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
