package domain

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Parsing /competitor and /positioning, in the key=value style of /log:
//
//	/competitor add dealers ИгроМир share=25% price=300-700k advantage=Быстрая доставка
//	/competitor edit dealers ИгроМир price=350-800k checked=01.03.2026
//	/competitor remove dealers ИгроМир
//	/competitor market dealers volume=2 млрд source=Росстат
//
// Before the first key come the segment (optional when the workspace has
// one) and the player's name. A value runs up to the next key, so it may
// hold spaces; lists (products, features, advantages) are split at commas,
// semicolons and new lines. Numbers are read like /log's (ParsePercent,
// ParseMoney); "—" clears a field.

// CompetitorCommand is a parsed /competitor command.
type CompetitorCommand struct {
	Verb   Word             // WordAdd, WordEdit, WordRemove or WordMarket
	Change CompetitorChange // the player (add, edit, remove)
	Market MarketChange     // market
}

// The keys of a command besides the player's fields.
const (
	keyName    = "name"
	keyUs      = "us"
	keyChecked = "checked"
	keyVolume  = "volume"
)

// commandKeys maps each normalized spelling of a key to the key.
var commandKeys = func() map[string]string {
	keys := map[string]string{}
	add := func(key string, spellings []string) {
		for _, s := range spellings {
			keys[NormalizeName(s)] = key
		}
	}
	for f, words := range playerFieldWords {
		add(string(f), words)
	}
	add(keyName, playerNameWords)
	add(keyUs, playerUsWords)
	add(keyChecked, playerCheckedWords)
	add(keyVolume, marketVolumeWords)
	return keys
}()

// ParseCompetitorCommand reads the arguments of /competitor on day today
// (the default date of every fact named). Every problem is reported at
// once, with a correct example.
func ParseCompetitorCommand(ws *Workspace, args string, today Date) (CompetitorCommand, error) {
	verbText, rest, _ := strings.Cut(strings.TrimSpace(args), " ")
	verb, _ := ParseWord(verbText)
	switch verb {
	case WordAdd, WordEdit, WordRemove, WordMarket:
	default:
		return CompetitorCommand{}, Errorf(EINVALID, "competitor.usage", CompetitorExample(ws))
	}
	header, pairs, probs := splitAssignments(rest, commandKeys)
	cmd := CompetitorCommand{Verb: verb}
	if verb == WordMarket {
		seg, ok := segmentOnly(ws, header)
		if !ok {
			probs = append(probs, Errorf(EINVALID, "competitor.unknown_segment", strings.TrimSpace(header), segmentList(ws)))
		}
		cmd.Market = MarketChange{Segment: seg.Key}
		for _, p := range pairs {
			probs = append(probs, setMarketValue(&cmd.Market, p, today)...)
		}
		if !slices.ContainsFunc(pairs, func(p assignment) bool { return p.key == keyVolume }) && len(probs) == 0 {
			probs = append(probs, Errorf(EINVALID, "competitor.no_volume"))
		}
		return cmd, problemsError(ws, probs)
	}
	seg, name, err := segmentAndName(ws, header)
	if err != nil {
		probs = append([]*Error{asError(err)}, probs...)
	}
	cmd.Change = CompetitorChange{Segment: seg.Key, Name: name}
	if verb == WordRemove && len(pairs) > 0 {
		probs = append(probs, Errorf(EINVALID, "competitor.remove_usage"))
	}
	for _, p := range pairs {
		if p.key == keyName && verb != WordEdit {
			probs = append(probs, Errorf(EINVALID, "competitor.rename_on_edit"))
			continue
		}
		probs = append(probs, setChangeValue(&cmd.Change, p, today)...)
	}
	if verb == WordAdd && cmd.Change.Us == nil && IsOurselves(name) {
		cmd.Change.Us = new(true) // "/competitor add dealers мы …"
	}
	if verb == WordEdit && len(pairs) == 0 && len(probs) == 0 {
		probs = append(probs, Errorf(EINVALID, "competitor.nothing_to_edit"))
	}
	return cmd, problemsError(ws, probs)
}

// problemsError is nil without problems, else the refusal listing them.
func problemsError(ws *Workspace, probs []*Error) error {
	if len(probs) == 0 {
		return nil
	}
	return Errorf(EINVALID, "competitor.invalid", errorList(probs), CompetitorExample(ws))
}

// segmentNameList renders segment names, for messages.
type segmentNameList []Segment

// Localize renders the names in lang.
func (l segmentNameList) Localize(lang Lang) string {
	names := make([]string, len(l))
	for i, s := range l {
		names[i] = s.Name.In(lang)
	}
	return strings.Join(names, ", ")
}

// segmentList lists the workspace's active segments.
func segmentList(ws *Workspace) segmentNameList { return ws.ActiveSegments() }

// segmentOnly reads a header that is just a segment, optional when the
// workspace has one.
func segmentOnly(ws *Workspace, header string) (Segment, bool) {
	header = strings.TrimSpace(header)
	if seg, ok := MatchSegment(ws, header); ok {
		return seg, true
	}
	if live := ws.ActiveSegments(); header == "" && len(live) == 1 {
		return live[0], true
	}
	return Segment{}, false
}

// segmentAndName splits "<segment> <player>": the segment is the longest
// run of leading words naming one, optional when the workspace has a
// single segment.
func segmentAndName(ws *Workspace, header string) (Segment, string, error) {
	words := strings.Fields(header)
	if len(words) == 0 {
		return Segment{}, "", Errorf(EINVALID, "competitor.no_name")
	}
	for n := len(words) - 1; n >= 1; n-- {
		if seg, ok := MatchSegment(ws, strings.Join(words[:n], " ")); ok {
			return seg, strings.Join(words[n:], " "), nil
		}
	}
	if _, ok := MatchSegment(ws, header); ok {
		return Segment{}, "", Errorf(EINVALID, "competitor.no_name")
	}
	if live := ws.ActiveSegments(); len(live) == 1 {
		return live[0], strings.Join(words, " "), nil
	}
	return Segment{}, "", Errorf(EINVALID, "competitor.unknown_segment", words[0], segmentList(ws))
}

// assignment is one key=value as written.
type assignment struct {
	key   string // the key it spells (see commandKeys)
	raw   string // the key as written
	value string
}

// splitAssignments finds the keys in text: a known key (one to three
// words) followed by "=" or ":". The text before the first key is the
// header; each value runs to the next key. A word before "=" that is no
// key is a problem; a ":" after other words belongs to the value.
func splitAssignments(text string, keys map[string]string) (header string, pairs []assignment, probs []*Error) {
	type mark struct {
		start, end int // of the key and of the assignment mark, in bytes
		key, raw   string
	}
	var marks []mark
	for i, r := range text {
		if r != '=' && r != ':' {
			continue
		}
		if n := len(marks); n > 0 && i < marks[n-1].end {
			continue
		}
		words := precedingWords(text[:i], 3)
		found := false
		for n := len(words); n >= 1; n-- {
			start := words[len(words)-n]
			raw := strings.TrimSpace(text[start:i])
			if key, ok := keys[NormalizeName(raw)]; ok {
				marks = append(marks, mark{start: start, end: i + utf8.RuneLen(r), key: key, raw: raw})
				found = true
				break
			}
		}
		if !found && r == '=' {
			raw := "="
			if len(words) > 0 {
				raw = strings.TrimSpace(text[words[len(words)-1]:i])
			}
			probs = append(probs, Errorf(EINVALID, "competitor.unknown_key", raw, keyList{}))
		}
	}
	if len(marks) == 0 {
		return strings.TrimSpace(text), nil, probs
	}
	header = strings.TrimSpace(text[:marks[0].start])
	for i, m := range marks {
		end := len(text)
		if i+1 < len(marks) {
			end = marks[i+1].start
		}
		value := strings.TrimFunc(text[m.end:end], func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == ';' })
		pairs = append(pairs, assignment{key: m.key, raw: m.raw, value: value})
	}
	return header, pairs, probs
}

// precedingWords returns the byte offsets where each of the last n words
// of s starts, oldest first; words end at spaces, commas and semicolons.
func precedingWords(s string, n int) []int {
	var starts []int
	end := len(s)
	for len(starts) < n {
		trimmed := strings.TrimRightFunc(s[:end], unicode.IsSpace)
		if trimmed == "" || strings.HasSuffix(trimmed, ",") || strings.HasSuffix(trimmed, ";") ||
			strings.HasSuffix(trimmed, "=") || strings.HasSuffix(trimmed, ":") {
			break
		}
		start := strings.LastIndexFunc(trimmed, func(r rune) bool {
			return unicode.IsSpace(r) || r == ',' || r == ';' || r == '=' || r == ':'
		}) + 1
		starts = append([]int{start}, starts...)
		end = start
	}
	return starts
}

// keyList renders the keys a command knows, for "unknown key" messages.
type keyList struct{}

// Localize lists the first spelling of each key in lang.
func (keyList) Localize(lang Lang) string {
	var names []string
	for _, f := range PlayerFields {
		names = append(names, PlayerFieldWord(f, lang))
	}
	return strings.Join(names, ", ")
}

// PlayerFieldWord is the key of a field as the bot writes it in lang:
// "share" or "доля". Sheet headers and examples use it.
func PlayerFieldWord(f PlayerField, lang Lang) string {
	words := playerFieldWords[f]
	for _, w := range words {
		if cyrillic := strings.ContainsFunc(w, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }); cyrillic == (lang == Russian) {
			return w
		}
	}
	return words[0]
}

// ParsePositioning reads a positioning statement: "who=… what=… why=…"
// (кому/что/почему), or three parts split by new lines, "|", ";" or " — ".
// "—" alone clears the statement.
func ParsePositioning(text string) (Positioning, error) {
	text = strings.TrimSpace(text)
	if slices.Contains(clearWords, text) {
		return Positioning{}, nil
	}
	keys := map[string]string{}
	for i, words := range positioningWords {
		for _, w := range words {
			keys[w] = positioningWords[i][0]
		}
	}
	var parts [3]string
	header, pairs, probs := splitAssignments(text, keys)
	switch {
	case len(pairs) > 0 && header == "" && len(probs) == 0:
		for _, p := range pairs {
			for i, words := range positioningWords {
				if p.key == words[0] {
					parts[i] = p.value
				}
			}
		}
	default:
		split := splitPositioning(text)
		if split == nil {
			return Positioning{}, Errorf(EINVALID, "positioning.bad")
		}
		copy(parts[:], split)
	}
	for i := range parts {
		parts[i] = CleanName(parts[i])
		if parts[i] == "" {
			return Positioning{}, Errorf(EINVALID, "positioning.bad")
		}
		if utf8.RuneCountInString(parts[i]) > maxPositionText {
			return Positioning{}, Errorf(EINVALID, "competitor.too_long", maxPositionText)
		}
	}
	return Positioning{Who: parts[0], What: parts[1], Why: parts[2]}, nil
}

// splitPositioning splits text into exactly three parts by the first
// separator that gives three, or returns nil.
func splitPositioning(text string) []string {
	for _, sep := range []string{"\n", "|", ";", " — ", " – ", " - "} {
		var parts []string
		for _, p := range strings.Split(text, sep) {
			if p = strings.TrimSpace(p); p != "" {
				parts = append(parts, p)
			}
		}
		if len(parts) == 3 {
			return parts
		}
	}
	return nil
}
