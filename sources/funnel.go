package sources

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"trackbot/domain"
)

// pipeline is a Kommo pipeline or a Bitrix24 deal category: its statuses
// in funnel order (the CRM's sort, won included) and its lost statuses.
type pipeline struct {
	id    string
	order []string       // open and won statuses, earliest first
	pos   map[string]int // status → index in order
	lost  map[string]bool
}

// newPipeline builds a pipeline from statuses already in the CRM's order.
func newPipeline(id string, order, lost []string) *pipeline {
	p := &pipeline{id: id, order: order, pos: map[string]int{}, lost: map[string]bool{}}
	for i, s := range order {
		p.pos[s] = i
	}
	for _, s := range lost {
		p.lost[s] = true
	}
	return p
}

// move is an item (a lead, a deal) entering a status at a moment. For a
// lost status, reason is the CRM's loss reason id (Kommo) or the lost
// status itself (Bitrix24).
type move struct {
	at             time.Time
	pipe, status   string
	reason         string
	createdInRange bool
}

// position is where an item stood when the synced range began.
type position struct{ pipe, status string }

// tally turns items' moves into weekly counts, drop-offs and manager
// counts. The rules, the same for every CRM:
//   - an item counts at a stage in the week it first reaches a status
//     mapped to that stage, or passes it on the way to a later status
//     (jumps count every status in between; lost statuses are not on the
//     way). Moving back and forward again does not count twice;
//   - what an item reached before the range is judged by its status when
//     the range began: every status up to that one counts as reached. An
//     item that stood in a lost status then (its history unknown) counts
//     only at the status it is reopened into;
//   - an item moved to another pipeline enters that pipeline's funnel anew;
//   - an item lost from status S is a drop-off of the first later stage
//     whose key differs from S's, under the mapped loss reason;
//   - managers' counts follow the item's responsible user, as the CRM
//     shows it now (neither CRM offers a cheap history of it).
type tally struct {
	m          domain.SourceMapping
	pipes      map[string]*pipeline
	loc        *time.Location
	from, to   domain.Week
	start, end time.Time
	counts     map[segWeek]map[string]int64
	drops      map[segWeek]map[string]map[string]int64
	managers   map[segWeek]map[string]map[string]int64
}

type segWeek struct {
	seg  string
	week domain.Week
}

func newTally(m domain.SourceMapping, pipes map[string]*pipeline, from, to domain.Week, loc *time.Location) *tally {
	return &tally{
		m: m, pipes: pipes, loc: loc, from: from, to: to,
		start:    from.Monday(loc),
		end:      to.Add(1).Monday(loc),
		counts:   map[segWeek]map[string]int64{},
		drops:    map[segWeek]map[string]map[string]int64{},
		managers: map[segWeek]map[string]map[string]int64{},
	}
}

// track is one item's progress while its moves are replayed.
type track struct {
	pipe    string
	cur     string          // current status; "" when not known
	reached int             // highest position reached in pipe; -1 none
	unknown bool            // what was reached before is not known
	counted map[string]bool // stage keys already counted in pipe
}

// add replays one item: at is its position when the range began (nil when
// it was created in the range, moves[0] being its creation), moves its
// status changes in the range in time order, user its responsible user.
func (t *tally) add(at *position, moves []move, user string) {
	tr := track{reached: -1, counted: map[string]bool{}}
	if at != nil {
		tr.pipe, tr.cur = at.pipe, at.status
		if p := t.pipes[at.pipe]; p != nil {
			if i, ok := p.pos[at.status]; ok {
				t.markReached(&tr, p, i)
			} else {
				tr.unknown = true
			}
		}
	}
	manager := t.m.Managers[user]
	for _, mv := range moves {
		if !mv.at.Before(t.end) {
			break
		}
		if mv.pipe != tr.pipe {
			tr = track{pipe: mv.pipe, reached: -1, counted: map[string]bool{}}
		}
		p := t.pipes[mv.pipe]
		if p == nil {
			tr.cur = mv.status
			continue
		}
		sw := segWeek{t.m.Segments[mv.pipe], domain.WeekOf(mv.at.In(t.loc))}
		counting := sw.seg != "" && !mv.at.Before(t.start)
		if p.lost[mv.status] {
			if i, ok := p.pos[tr.cur]; ok && counting {
				t.dropOff(sw, t.nextKey(p, i), t.m.Reasons[mv.reason])
			}
			tr.cur = mv.status
			continue
		}
		i, ok := p.pos[mv.status]
		if !ok { // a status the pipeline does not list: nothing to count
			tr.cur = mv.status
			continue
		}
		lo := tr.reached + 1
		if tr.unknown {
			t.markReached(&tr, p, i-1)
			lo = i
		}
		for q := lo; q <= i; q++ {
			key := t.m.Stages[p.order[q]]
			if key == "" || tr.counted[key] {
				continue
			}
			tr.counted[key] = true
			if counting {
				t.count(sw, key, manager)
			}
		}
		tr.reached = max(tr.reached, i)
		tr.cur = mv.status
	}
}

// markReached records positions up to i as reached before the range, so
// their stages are not counted again.
func (t *tally) markReached(tr *track, p *pipeline, i int) {
	for q := 0; q <= i; q++ {
		if key := t.m.Stages[p.order[q]]; key != "" {
			tr.counted[key] = true
		}
	}
	tr.reached, tr.unknown = max(tr.reached, i), false
}

// nextKey is the stage an item standing at position i was heading into:
// the first later status mapped to a stage other than i's own.
func (t *tally) nextKey(p *pipeline, i int) string {
	own := t.m.Stages[p.order[i]]
	for _, s := range p.order[i+1:] {
		if k := t.m.Stages[s]; k != "" && k != own {
			return k
		}
	}
	return ""
}

func (t *tally) count(sw segWeek, key, manager string) {
	if t.counts[sw] == nil {
		t.counts[sw] = map[string]int64{}
	}
	t.counts[sw][key]++
	if manager != "" {
		addNested(t.managers, sw, manager, key)
	}
}

func (t *tally) dropOff(sw segWeek, stage, reason string) {
	if stage != "" && reason != "" {
		addNested(t.drops, sw, stage, reason)
	}
}

func addNested(m map[segWeek]map[string]map[string]int64, sw segWeek, outer, inner string) {
	if m[sw] == nil {
		m[sw] = map[string]map[string]int64{}
	}
	if m[sw][outer] == nil {
		m[sw][outer] = map[string]int64{}
	}
	m[sw][outer][inner]++
}

// entries returns one entry per mapped segment and week, in segment then
// week order. Every stage a segment's statuses map to is named, zero
// included, since the CRM does say "no leads this week"; drop-offs and
// managers' counts are named only where they are not zero.
func (t *tally) entries() []domain.Entry {
	stages := map[string]map[string]bool{} // segment → stage keys
	for id, p := range t.pipes {
		seg := t.m.Segments[id]
		if seg == "" {
			continue
		}
		if stages[seg] == nil {
			stages[seg] = map[string]bool{}
		}
		for _, s := range p.order {
			if k := t.m.Stages[s]; k != "" {
				stages[seg][k] = true
			}
		}
	}
	var out []domain.Entry
	for _, seg := range slices.Sorted(maps.Keys(stages)) {
		for w := t.from; !t.to.Before(w); w = w.Add(1) {
			sw := segWeek{seg, w}
			e := domain.Entry{Segment: seg, Week: w, Counts: map[string]int64{}}
			for k := range stages[seg] {
				e.Counts[k] = t.counts[sw][k]
			}
			e.DropOffs, e.Managers = t.drops[sw], t.managers[sw]
			out = append(out, e)
		}
	}
	return out
}

// checkWeeks validates a sync's range and returns loc, UTC when nil.
func checkWeeks(from, to domain.Week, loc *time.Location) (*time.Location, error) {
	if !from.Valid() || !to.Valid() || to.Before(from) {
		return nil, fmt.Errorf("sources: weeks %s..%s are not a range", from, to)
	}
	if loc == nil {
		loc = time.UTC
	}
	return loc, nil
}

// checkMapping reports the pipelines, statuses and loss reasons the
// mapping names but the CRM no longer has; reasons nil skips them.
func checkMapping(m domain.SourceMapping, pipes map[string]*pipeline, reasons map[string]bool) error {
	statuses := map[string]bool{}
	for _, p := range pipes {
		for _, s := range p.order {
			statuses[s] = true
		}
		for s := range p.lost {
			statuses[s] = true
		}
	}
	var missing []string
	for _, id := range slices.Sorted(maps.Keys(m.Segments)) {
		if pipes[id] == nil {
			missing = append(missing, "pipeline "+id)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(m.Stages)) {
		if !statuses[id] {
			missing = append(missing, "status "+id)
		}
	}
	if reasons != nil {
		for _, id := range slices.Sorted(maps.Keys(m.Reasons)) {
			if id != "" && !reasons[id] {
				missing = append(missing, "loss reason "+id)
			}
		}
	}
	if len(missing) == 0 {
		return nil
	}
	return &Error{Err: ErrMappingChanged, Hint: "the CRM no longer has " + strings.Join(missing, ", ") + "; map the source again"}
}
