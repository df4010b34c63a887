package sources_test

import (
	"maps"
	"slices"
	"testing"
	"time"

	"trackbot/domain"
)

// The reference count: a plain replay of every item's whole history, as
// the fakes hold it, by the rules the package documents (see tally in
// funnel.go). It shares no code with the connectors: it sees history
// before the range, which they never fetch, and keeps sets of reached
// statuses instead of positions.

// refPipe is a pipeline: statuses in funnel order (won last) and lost ones.
type refPipe struct {
	order []string
	lost  map[string]bool
}

// refStep is an item entering a status; reason is the loss reason id.
type refStep struct {
	at           time.Time
	pipe, status string
	reason       string
}

// refItem is a lead or deal: its whole history, creation first.
type refItem struct {
	steps []refStep
	user  string
}

type refKey struct {
	seg  string
	week domain.Week
}

// refResult is what a sync should produce, zeros left out.
type refResult struct {
	counts   map[refKey]map[string]int64
	drops    map[refKey]map[string]map[string]int64
	managers map[refKey]map[string]map[string]int64
}

func newRefResult() refResult {
	return refResult{map[refKey]map[string]int64{}, map[refKey]map[string]map[string]int64{}, map[refKey]map[string]map[string]int64{}}
}

func bump(m map[refKey]map[string]map[string]int64, k refKey, a, b string) {
	if m[k] == nil {
		m[k] = map[string]map[string]int64{}
	}
	if m[k][a] == nil {
		m[k][a] = map[string]int64{}
	}
	m[k][a][b]++
}

func reference(m domain.SourceMapping, pipes map[string]refPipe, items []refItem, from, to domain.Week, loc *time.Location) refResult {
	start, end := from.Monday(loc), to.Add(1).Monday(loc)
	out := newRefResult()
	for _, it := range items {
		var pipe, cur string
		reached := map[string]bool{} // statuses reached in pipe
		seen := map[string]bool{}    // stage keys counted in pipe
		unknown := false
		reach := func(p refPipe, upTo string, k *refKey, manager string) {
			for _, s := range p.order {
				if !reached[s] {
					reached[s] = true
					if key := m.Stages[s]; key != "" && !seen[key] {
						seen[key] = true
						if k != nil {
							if out.counts[*k] == nil {
								out.counts[*k] = map[string]int64{}
							}
							out.counts[*k][key]++
							if manager != "" {
								bump(out.managers, *k, manager, key)
							}
						}
					}
				}
				if s == upTo {
					return
				}
			}
		}
		for i, st := range it.steps {
			if !st.at.Before(end) {
				break
			}
			inRange := !st.at.Before(start)
			if i == 0 && !inRange {
				// Created before the range: the status it stood in when the
				// range began decides what it had reached.
				last := st
				for _, s := range it.steps {
					if s.at.Before(start) {
						last = s
					}
				}
				pipe, cur = last.pipe, last.status
				p := pipes[pipe]
				if p.lost[cur] || !slices.Contains(p.order, cur) {
					unknown = true
				} else {
					reach(p, cur, nil, "")
				}
				continue
			}
			if !inRange {
				continue
			}
			if st.pipe != pipe {
				pipe, cur, unknown = st.pipe, "", false
				reached, seen = map[string]bool{}, map[string]bool{}
			}
			p := pipes[pipe]
			k := refKey{m.Segments[pipe], domain.WeekOf(st.at.In(loc))}
			if p.lost[st.status] {
				if k.seg != "" && slices.Contains(p.order, cur) {
					own := m.Stages[cur]
					for _, s := range p.order[slices.Index(p.order, cur)+1:] {
						if key := m.Stages[s]; key != "" && key != own {
							if r := m.Reasons[st.reason]; r != "" {
								bump(out.drops, k, key, r)
							}
							break
						}
					}
				}
				cur = st.status
				continue
			}
			if unknown {
				// Reopened from a loss before the range: everything before
				// the status counts as reached already.
				i := slices.Index(p.order, st.status)
				if i > 0 {
					reach(p, p.order[i-1], nil, "")
				}
				unknown = false
			}
			var kp *refKey
			if k.seg != "" {
				kp = &k
			}
			reach(p, st.status, kp, m.Managers[it.user])
			cur = st.status
		}
	}
	return out
}

// flatten turns a sync's entries into a refResult, checking on the way
// that every entry names every stage its segment maps to.
func flatten(t *testing.T, entries []domain.Entry, stagesOf map[string][]string) refResult {
	t.Helper()
	out := newRefResult()
	for _, e := range entries {
		k := refKey{e.Segment, e.Week}
		if got, want := slices.Sorted(maps.Keys(e.Counts)), stagesOf[e.Segment]; !slices.Equal(got, want) {
			t.Errorf("%s %s names stages %v, want %v", e.Segment, e.Week, got, want)
		}
		if e.Spend != nil || e.Revenue != nil || e.Margin != nil {
			t.Errorf("%s %s has money figures; a CRM has none", e.Segment, e.Week)
		}
		for key, n := range e.Counts {
			if n != 0 {
				if out.counts[k] == nil {
					out.counts[k] = map[string]int64{}
				}
				out.counts[k][key] = n
			}
		}
		for a, inner := range e.DropOffs {
			for b, n := range inner {
				for range n {
					bump(out.drops, k, a, b)
				}
			}
		}
		for a, inner := range e.Managers {
			for b, n := range inner {
				for range n {
					bump(out.managers, k, a, b)
				}
			}
		}
	}
	return out
}

// compareResults reports every figure that differs.
func compareResults(t *testing.T, got, want refResult) {
	t.Helper()
	diff := 0
	report := func(what string, k refKey, name string, g, w int64) {
		if g != w && diff < 20 {
			t.Errorf("%s %s %s %s = %d, want %d", k.seg, k.week, what, name, g, w)
		}
		if g != w {
			diff++
		}
	}
	for _, k := range unionKeys(got.counts, want.counts) {
		for _, st := range unionKeys(got.counts[k], want.counts[k]) {
			report("count", k, st, got.counts[k][st], want.counts[k][st])
		}
	}
	for _, pair := range [][2]map[refKey]map[string]map[string]int64{{got.drops, want.drops}, {got.managers, want.managers}} {
		for _, k := range unionKeys(pair[0], pair[1]) {
			for _, a := range unionKeys(pair[0][k], pair[1][k]) {
				for _, b := range unionKeys(pair[0][k][a], pair[1][k][a]) {
					report("nested", k, a+"/"+b, pair[0][k][a][b], pair[1][k][a][b])
				}
			}
		}
	}
	if diff > 0 {
		t.Errorf("%d figures differ", diff)
	}
}

func unionKeys[K comparable, V any](a, b map[K]V) []K {
	seen := map[K]bool{}
	var out []K
	for _, m := range []map[K]V{a, b} {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	return out
}

// totals sums a result's counts, drop-offs and managers' counts, so a
// test can check the data exercised every rule.
func totals(r refResult) (counts, drops, managers int64) {
	for _, c := range r.counts {
		for _, n := range c {
			counts += n
		}
	}
	for _, c := range r.drops {
		for _, in := range c {
			for _, n := range in {
				drops += n
			}
		}
	}
	for _, c := range r.managers {
		for _, in := range c {
			for _, n := range in {
				managers += n
			}
		}
	}
	return counts, drops, managers
}
