// Package crmref is the reference count the fakes offer tests: a plain
// replay of every lead's or deal's whole history, as a fake holds it, by
// the rules package sources documents (see tally in sources/funnel.go).
// It shares no code with the connectors: it sees history before the
// synced range, which they never fetch, and keeps sets of reached
// statuses where they keep positions.
package crmref

import (
	"maps"
	"slices"
	"time"

	"trackbot/domain"
)

// Pipe is a pipeline: its statuses in funnel order (won last) and the
// lost ones.
type Pipe struct {
	Order []string
	Lost  map[string]bool
}

// Step is an item entering a status; Reason is the loss reason id for a
// lost status.
type Step struct {
	At           time.Time
	Pipe, Status string
	Reason       string
}

// Item is a lead or deal: its whole history, creation first, and who is
// responsible for it now.
type Item struct {
	Steps []Step
	User  string
}

type key struct {
	seg  string
	week domain.Week
}

// Expected returns the entries a sync of weeks from..to in loc should
// produce: one per mapped segment and week, naming every stage the
// segment's statuses map to (zero included), drop-offs and managers'
// counts where not zero.
func Expected(m domain.SourceMapping, pipes map[string]Pipe, items []Item, from, to domain.Week, loc *time.Location) []domain.Entry {
	r := replay{m: m, pipes: pipes, loc: loc, start: from.Monday(loc), end: to.Add(1).Monday(loc),
		counts: map[key]map[string]int64{}, drops: map[key]map[string]map[string]int64{}, managers: map[key]map[string]map[string]int64{}}
	for _, it := range items {
		r.item(it)
	}
	stages := map[string]map[string]bool{}
	for id, p := range pipes {
		if seg := m.Segments[id]; seg != "" {
			if stages[seg] == nil {
				stages[seg] = map[string]bool{}
			}
			for _, s := range p.Order {
				if k := m.Stages[s]; k != "" {
					stages[seg][k] = true
				}
			}
		}
	}
	var out []domain.Entry
	for _, seg := range slices.Sorted(maps.Keys(stages)) {
		for w := from; !to.Before(w); w = w.Add(1) {
			k := key{seg, w}
			e := domain.Entry{Segment: seg, Week: w, Counts: map[string]int64{}, DropOffs: r.drops[k], Managers: r.managers[k]}
			for st := range stages[seg] {
				e.Counts[st] = r.counts[k][st]
			}
			out = append(out, e)
		}
	}
	return out
}

type replay struct {
	m          domain.SourceMapping
	pipes      map[string]Pipe
	loc        *time.Location
	start, end time.Time
	counts     map[key]map[string]int64
	drops      map[key]map[string]map[string]int64
	managers   map[key]map[string]map[string]int64
}

func bump(m map[key]map[string]map[string]int64, k key, a, b string) {
	if m[k] == nil {
		m[k] = map[string]map[string]int64{}
	}
	if m[k][a] == nil {
		m[k][a] = map[string]int64{}
	}
	m[k][a][b]++
}

func (r *replay) item(it Item) {
	m := r.m
	var pipe, cur string
	reached := map[string]bool{} // statuses reached in pipe
	seen := map[string]bool{}    // stage keys counted in pipe
	unknown := false
	// reach marks every status up to upTo reached, counting the stages
	// newly reached under k (none when k is nil: reached before).
	reach := func(p Pipe, upTo string, k *key, manager string) {
		for _, s := range p.Order {
			if !reached[s] {
				reached[s] = true
				if st := m.Stages[s]; st != "" && !seen[st] {
					seen[st] = true
					if k != nil {
						if r.counts[*k] == nil {
							r.counts[*k] = map[string]int64{}
						}
						r.counts[*k][st]++
						if manager != "" {
							bump(r.managers, *k, manager, st)
						}
					}
				}
			}
			if s == upTo {
				return
			}
		}
	}
	for i, st := range it.Steps {
		if !st.At.Before(r.end) {
			return
		}
		inRange := !st.At.Before(r.start)
		if i == 0 && !inRange {
			// Created before the range: the status it stood in when the
			// range began decides what it had reached.
			last := st
			for _, s := range it.Steps {
				if s.At.Before(r.start) {
					last = s
				}
			}
			pipe, cur = last.Pipe, last.Status
			p := r.pipes[pipe]
			if p.Lost[cur] || !slices.Contains(p.Order, cur) {
				unknown = true
			} else {
				reach(p, cur, nil, "")
			}
			continue
		}
		if !inRange {
			continue
		}
		if st.Pipe != pipe {
			pipe, cur, unknown = st.Pipe, "", false
			reached, seen = map[string]bool{}, map[string]bool{}
		}
		p := r.pipes[pipe]
		k := key{m.Segments[pipe], domain.WeekOf(st.At.In(r.loc))}
		if p.Lost[st.Status] {
			if k.seg != "" && slices.Contains(p.Order, cur) {
				own := m.Stages[cur]
				for _, s := range p.Order[slices.Index(p.Order, cur)+1:] {
					if stage := m.Stages[s]; stage != "" && stage != own {
						if reason := m.Reasons[st.Reason]; reason != "" {
							bump(r.drops, k, stage, reason)
						}
						break
					}
				}
			}
			cur = st.Status
			continue
		}
		if unknown {
			// Reopened from a loss before the range: everything before
			// the status counts as reached already.
			if i := slices.Index(p.Order, st.Status); i > 0 {
				reach(p, p.Order[i-1], nil, "")
			}
			unknown = false
		}
		var kp *key
		if k.seg != "" {
			kp = &k
		}
		reach(p, st.Status, kp, m.Managers[it.User])
		cur = st.Status
	}
}
