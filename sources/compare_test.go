package sources_test

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	"trackbot/domain"
)

// compareEntries reports every way a sync's entries differ from the
// expected ones: which segments and weeks, which stages each names, and
// every figure.
func compareEntries(t *testing.T, got, want []domain.Entry) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d entries, want %d", len(got), len(want))
	}
	diff := 0
	report := func(e domain.Entry, what string, g, w int64) {
		if g != w {
			if diff < 20 {
				t.Errorf("%s %s %s = %d, want %d", e.Segment, e.Week, what, g, w)
			}
			diff++
		}
	}
	for i, w := range want {
		g := got[i]
		if g.Segment != w.Segment || g.Week != w.Week {
			t.Fatalf("entry %d is %s %s, want %s %s", i, g.Segment, g.Week, w.Segment, w.Week)
		}
		if gs, ws := slices.Sorted(maps.Keys(g.Counts)), slices.Sorted(maps.Keys(w.Counts)); !slices.Equal(gs, ws) {
			t.Errorf("%s %s names stages %v, want %v", w.Segment, w.Week, gs, ws)
		}
		if g.Spend != nil || g.Revenue != nil || g.Margin != nil || g.NonTarget != nil {
			t.Errorf("%s %s has figures a CRM does not hold", w.Segment, w.Week)
		}
		for _, k := range union(g.Counts, w.Counts) {
			report(w, "count "+k, g.Counts[k], w.Counts[k])
		}
		for what, pair := range map[string][2]map[string]map[string]int64{"lost": {g.DropOffs, w.DropOffs}, "manager": {g.Managers, w.Managers}} {
			for _, a := range union(pair[0], pair[1]) {
				if pair[0] != nil && pair[0][a] != nil && len(pair[0][a]) == 0 {
					t.Errorf("%s %s %s %s is an empty map", w.Segment, w.Week, what, a)
				}
				for _, b := range union(pair[0][a], pair[1][a]) {
					report(w, fmt.Sprintf("%s %s/%s", what, a, b), pair[0][a][b], pair[1][a][b])
				}
			}
		}
	}
	if diff > 0 {
		t.Errorf("%d figures differ", diff)
	}
}

func union[V any](a, b map[string]V) []string {
	keys := slices.Collect(maps.Keys(a))
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// totals sums the entries' counts, drop-offs and managers' counts, so a
// test can check its data exercised every rule.
func totals(es []domain.Entry) (counts, drops, managers int64) {
	for _, e := range es {
		for _, n := range e.Counts {
			counts += n
		}
		for _, in := range e.DropOffs {
			for _, n := range in {
				drops += n
			}
		}
		for _, in := range e.Managers {
			for _, n := range in {
				managers += n
			}
		}
	}
	return counts, drops, managers
}
