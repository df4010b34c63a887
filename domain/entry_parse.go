package domain

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Parsing a /log message.

// ParseEntries reads a /log message the way heads write it:
//
//   - pairs "key=value", "key value", "key: value", "key — value" or
//     "key - value", separated by spaces, commas, semicolons or new lines;
//     keys are stages (key, name or alias in either language, any case),
//     money, dotted reason and manager keys (see ParseField) or the bot's
//     own labels, so the preview table can be sent back;
//   - numbers as people write them (see ParseNumber): "1 200 000",
//     "1,2 млн", "1.5кк", "62 т.р."; a stage count may be a share of the
//     stage before it ("целевые 35%" with "лиды 200" is 70);
//   - segments by key, name, alias or an unambiguous beginning of a name,
//     anywhere; a segment named after another one starts its own block, so
//     one message may report several segments;
//   - the week anywhere (see ParseWeekExpr, plus "за прошлую неделю" and
//     "неделя: 47"); without one, the last complete week.
//
// Nothing is returned unless the whole message is understood: every
// problem is collected, in the order written, into one *EntryError, each
// unknown word with the closest known names. Entries for the same segment
// and week are merged. Figures are checked against each other and the
// stored record by Merge.
func ParseEntries(ws *Workspace, text string, now time.Time) ([]Entry, error) {
	return ParseEntriesFor(ws, text, now, ws.LastCompleteWeek(now))
}

// ParseEntriesFor is ParseEntries for a message that answers a request
// for week's numbers (a reply to the reminder): a part that names no week,
// in a message that names none, reports week instead of the last complete
// week.
func ParseEntriesFor(ws *Workspace, text string, now time.Time, week Week) ([]Entry, error) {
	if len(text) > maxEntryText {
		return nil, &EntryError{Problems: []Problem{{Text: "entry.too_long", Args: []any{telegramTextLimit}}}, example: newEntryExample(ws)}
	}
	names := NewFieldNames(ws)
	items := newEntryScanner(ws, names, dropCommand(lexEntry(text)), now).scan()
	b := &entryBuilder{ws: ws, week: week, hints: maxHintedProblems}
	b.collect(items)
	entries := b.entries()
	if len(b.problems) == 0 && len(entries) == 0 {
		b.problem(0, Problem{Text: "entry.empty"})
	}
	if len(b.problems) > 0 {
		slices.SortStableFunc(b.problems, func(x, y posProblem) int { return cmp.Compare(x.pos, y.pos) })
		problems := make([]Problem, len(b.problems))
		for i, p := range b.problems {
			problems[i] = p.Problem
		}
		return nil, &EntryError{Problems: problems, example: newEntryExample(ws)}
	}
	return entries, nil
}

// maxEntryText is the longest message ParseEntries reads, in bytes:
// Telegram's limit of 4096 characters at up to three bytes each.
const (
	telegramTextLimit = 4096
	maxEntryText      = 3 * telegramTextLimit
)

// ParseEntry is ParseEntries for a message about one segment's week; a
// message naming several segments or weeks is refused.
func ParseEntry(ws *Workspace, text string, now time.Time) (Entry, error) {
	entries, err := ParseEntries(ws, text, now)
	if err != nil {
		return Entry{}, err
	}
	if len(entries) > 1 {
		return Entry{}, &EntryError{Problems: []Problem{{Text: "entry.one_segment"}}, example: newEntryExample(ws)}
	}
	return entries[0], nil
}

// posProblem is a problem and the token it was found at.
type posProblem struct {
	pos int
	Problem
}

// entryBlock is the part of a message about one segment.
type entryBlock struct {
	pos            int
	seg            Segment
	segWritten     string
	hasSeg         bool
	segReported    bool // a problem with the segment was reported already
	week           Week
	hasWeek        bool
	pairs          []entryItem
	unknowns       []entryItem // words not understood, reported once the segment is known
	unknownAtStart bool        // the first unknown words came before any segment or figure
}

// entryBuilder groups the items of a message into blocks and the blocks
// into entries.
type entryBuilder struct {
	ws       *Workspace
	week     Week // the week of a block when the message names none
	blocks   []*entryBlock
	problems []posProblem
	hints    int                         // unknown words left to explain with the closest names
	known    map[string][]normalizedName // name lists searched for hints, normalized once
}

// hintsFor returns the closest names of a list to written, while the
// budget of explained problems lasts.
func (b *entryBuilder) hintsFor(written, list string, known func(*Workspace) []string) []string {
	if b.hints <= 0 {
		return nil
	}
	b.hints--
	if b.known == nil {
		b.known = map[string][]normalizedName{}
	}
	names, ok := b.known[list]
	if !ok {
		names = normalizeNames(known(b.ws))
		b.known[list] = names
	}
	return closestOf(written, names, false)
}

func (b *entryBuilder) problem(pos int, p Problem) {
	b.problems = append(b.problems, posProblem{pos, p})
}

// collect sorts the items into blocks. A segment names the block it is in
// when that block has none yet ("лиды 120 по дилерам"), unless it stands
// at the start of a line after figures: then, like any segment after
// another one, it starts a new block. A week written just before a new
// block's segment belongs to that block.
func (b *entryBuilder) collect(items []entryItem) {
	cur := &entryBlock{}
	b.blocks = append(b.blocks, cur)
	var pending *entryItem
	for k, it := range items {
		switch it.kind {
		case itemSegment:
			if cur.hasSeg || cur.segReported || len(cur.pairs) > 0 && it.lineStart {
				cur = &entryBlock{pos: it.pos}
				b.blocks = append(b.blocks, cur)
			}
			if it.problem.Text != "" {
				b.problem(it.pos, it.problem)
				cur.segReported = true
			} else {
				cur.seg, cur.segWritten, cur.hasSeg = it.seg, it.written, true
			}
			if pending != nil {
				b.setWeek(cur, *pending)
				pending = nil
			}
		case itemWeek:
			if (len(cur.pairs) > 0 || cur.hasWeek) && k+1 < len(items) && items[k+1].kind == itemSegment {
				pending = &items[k]
				continue
			}
			b.setWeek(cur, it)
		case itemPair:
			cur.pairs = append(cur.pairs, it)
		case itemProblem:
			b.problem(it.pos, it.problem)
		case itemUnknown:
			// Unknown words opening a line of figures after another
			// block are a misspelt segment: its figures are not the
			// block's before ("dealers leads 120\ndevelopres leads 40").
			if it.lineStart && (cur.hasSeg || len(cur.pairs) > 0) && k+1 < len(items) && items[k+1].kind == itemPair && len(b.ws.ActiveSegments()) > 1 {
				cur = &entryBlock{pos: it.pos}
				b.blocks = append(b.blocks, cur)
			}
			if len(cur.unknowns) == 0 {
				cur.unknownAtStart = !cur.hasSeg && !cur.segReported && len(cur.pairs) == 0
			}
			cur.unknowns = append(cur.unknowns, it)
		}
	}
	if pending != nil {
		b.setWeek(cur, *pending)
	}
	for _, blk := range b.blocks {
		b.unknownWords(blk)
	}
}

func (b *entryBuilder) setWeek(blk *entryBlock, it entryItem) {
	if blk.hasWeek && blk.week != it.week {
		b.problem(it.pos, Problem{Text: "entry.two_weeks", Args: []any{blk.week.String(), it.week.String()}})
		return
	}
	blk.week, blk.hasWeek = it.week, true
}

// unknownWords reports the words of a block nothing matched. The first
// ones are taken for a misspelt segment when they open a block that never
// names one ("дилры лиды 120"); a greeting before a segment ("Привет!
// Дилеры: …") is just not understood.
func (b *entryBuilder) unknownWords(blk *entryBlock) {
	for k, it := range blk.unknowns {
		if k == 0 && blk.unknownAtStart && !blk.hasSeg && !blk.segReported && len(b.ws.ActiveSegments()) > 1 {
			blk.segReported = true
			if hints := b.hintsFor(it.written, "segments", segmentWords); len(hints) > 0 {
				b.problem(it.pos, Problem{Value: it.written, Text: "entry.unknown_segment_hint", Args: []any{it.written, strings.Join(hints, ", ")}})
			} else {
				b.problem(it.pos, Problem{Value: it.written, Text: "entry.unknown_segment", Args: []any{it.written, segmentNames(b.ws)}})
			}
			continue
		}
		if hints := b.hintsFor(it.written, "vocabulary", entryVocabulary); len(hints) > 0 {
			b.problem(it.pos, Problem{Value: it.written, Text: "entry.unknown_words_hint", Args: []any{it.written, strings.Join(hints, ", ")}})
		} else {
			b.problem(it.pos, Problem{Value: it.written, Text: "entry.unknown_words", Args: []any{it.written}})
		}
	}
}

// entryRate is a stage count written as a share, converted once every
// count of its entry is known.
type entryRate struct {
	item     entryItem
	fraction float64
}

// entries turns the blocks into entries: each block's segment (the only
// one when the workspace has one) and week (its own, else the one week the
// message names, else b.week), then its figures.
func (b *entryBuilder) entries() []Entry {
	active := b.ws.ActiveSegments()
	var weeks []Week
	for _, blk := range b.blocks {
		if blk.hasWeek && !slices.Contains(weeks, blk.week) {
			weeks = append(weeks, blk.week)
		}
	}
	var entries []Entry
	var segs []Segment
	rates := map[int][]entryRate{}
	noSegment := false
	for _, blk := range b.blocks {
		if len(blk.pairs) == 0 {
			if blk.hasSeg && len(b.blocks) > 1 {
				b.problem(blk.pos, Problem{Key: blk.segWritten, Text: "entry.empty"})
			}
			continue
		}
		seg, known := blk.seg, true
		switch {
		case blk.hasSeg:
		case blk.segReported:
			known = false
		case len(active) == 1:
			seg = active[0]
		default:
			if !noSegment {
				b.problem(blk.pos, Problem{Text: "entry.no_segment", Args: []any{segmentNames(b.ws)}})
			}
			noSegment, known = true, false
		}
		week := b.week
		switch {
		case blk.hasWeek:
			week = blk.week
		case len(weeks) == 1:
			week = weeks[0]
		case len(weeks) > 1 && known:
			b.problem(blk.pos, Problem{Text: "entry.which_week", Args: []any{localName(seg.Name)}})
			known = false
		}
		if !known {
			// Still read the figures, so their problems are named now
			// and not one attempt later.
			var scratch Entry
			var scratchRates []entryRate
			for _, p := range blk.pairs {
				if r, ok := b.setPair(&scratch, seg, p, scratchRates); ok {
					scratchRates = append(scratchRates, r)
				}
			}
			continue
		}
		i := slices.IndexFunc(entries, func(e Entry) bool { return e.Segment == seg.Key && e.Week == week })
		if i < 0 {
			entries, segs = append(entries, Entry{Segment: seg.Key, Week: week}), append(segs, seg)
			i = len(entries) - 1
		}
		for _, p := range blk.pairs {
			if r, ok := b.setPair(&entries[i], seg, p, rates[i]); ok {
				rates[i] = append(rates[i], r)
			}
		}
	}
	for i := range entries {
		b.convertRates(&entries[i], segs[i], rates[i])
	}
	return slices.DeleteFunc(entries, Entry.IsEmpty)
}

// setPair stores one pair in e, or reports its problem. A count written as
// a percentage comes back as a rate to convert later.
func (b *entryBuilder) setPair(e *Entry, seg Segment, p entryItem, rates []entryRate) (entryRate, bool) {
	f := p.field
	switch {
	case p.value == "":
		b.problem(p.pos, Problem{Key: p.written, Text: "entry.no_value"})
	case f.Stage != "" && slices.Contains(seg.SkipStages, f.Stage):
		b.problem(p.pos, Problem{Key: p.written, Value: p.value, Text: "entry.stage_skipped", Args: []any{localName(seg.Name)}})
	case isPercentValue(p.value) && f.Kind != FieldMargin && f.Kind != FieldSpend && f.Kind != FieldRevenue:
		if f.Kind != FieldCount && f.Kind != FieldNonTarget {
			b.problem(p.pos, Problem{Key: p.written, Value: p.value, Text: "entry.rate_not_allowed", Args: []any{p.value}})
			break
		}
		if e.Has(f) || slices.ContainsFunc(rates, func(r entryRate) bool { return r.item.field == f }) {
			b.problem(p.pos, Problem{Key: p.written, Value: p.value, Text: "entry.duplicate_key"})
			break
		}
		fraction, err := ParsePercent(p.value)
		if err != nil {
			b.problem(p.pos, problemOf(p.written, p.value, err))
			break
		}
		return entryRate{p, fraction}, true
	default:
		err := e.Set(f, p.value)
		// "лиды 120." at the end of a sentence: the full stop is not the number's.
		if trimmed := strings.TrimRight(p.value, "."); err != nil && ErrorCode(err) == EINVALID && trimmed != p.value && trimmed != "" {
			if e.Set(f, trimmed) == nil {
				err = nil
			}
		}
		if err != nil {
			b.problem(p.pos, problemOf(p.written, p.value, err))
		}
	}
	return entryRate{}, false
}

// isPercentValue reports whether a value is a number with a percent sign.
func isPercentValue(v string) bool {
	_, meta, err := parseDecimal(v)
	return err == nil && meta.percent
}

// convertRates turns shares into counts: a stage's share is of the stage
// before it in the segment's funnel, a non-target reason's share is of the
// leads. Stages are converted in funnel order, so "целевые 50%, встречи
// 50%" after "лиды 200" gives 100 and 50. A share whose base the message
// does not give is refused: the stored figure may be stale or missing.
func (b *entryBuilder) convertRates(e *Entry, seg Segment, rates []entryRate) {
	stageIndex := func(key string) int {
		return slices.IndexFunc(b.ws.Stages, func(st Stage) bool { return st.Key == key })
	}
	slices.SortStableFunc(rates, func(x, y entryRate) int {
		return cmp.Or(cmp.Compare(x.item.field.Kind, y.item.field.Kind), cmp.Compare(stageIndex(x.item.field.Stage), stageIndex(y.item.field.Stage)))
	})
	for _, r := range rates {
		p := r.item
		base, ok := b.rateBase(seg, p.field)
		if !ok {
			b.problem(p.pos, Problem{Key: p.written, Value: p.value, Text: "entry.rate_not_allowed", Args: []any{p.value}})
			continue
		}
		n, given := e.Counts[base.Key]
		if !given {
			b.problem(p.pos, Problem{Key: p.written, Value: p.value, Text: "entry.rate_no_base", Args: []any{p.value, localName(base.Name), localName(base.Name)}})
			continue
		}
		count := int64(math.Round(float64(n) * r.fraction))
		if err := e.Set(p.field, strconv.FormatInt(count, 10)); err != nil {
			b.problem(p.pos, problemOf(p.written, p.value, err))
		}
	}
}

// rateBase returns the stage a share of f is taken of.
func (b *entryBuilder) rateBase(seg Segment, f Field) (Stage, bool) {
	if f.Kind == FieldNonTarget {
		return entryRoleStage(b.ws, RoleLeads)
	}
	var prev *Stage
	for i, st := range b.ws.Stages {
		if st.Archived || slices.Contains(seg.SkipStages, st.Key) {
			continue
		}
		if st.Key == f.Stage {
			return derefStage(prev)
		}
		prev = &b.ws.Stages[i]
	}
	return Stage{}, false
}

func derefStage(st *Stage) (Stage, bool) {
	if st == nil {
		return Stage{}, false
	}
	return *st, true
}
