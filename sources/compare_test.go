package sources_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"trackbot/domain"
	"trackbot/sources"
)

// What the CRM connectors' tests share: the synced range and its time
// zone, and the checks of a sync's entries.

var (
	// The synced range: twelve weeks, counted in Moscow time, with data
	// from three weeks before it to one week after it.
	syncFrom = domain.Week{Year: 2026, Num: 10}
	syncTo   = domain.Week{Year: 2026, Num: 21}
)

func moscow(t testing.TB) *time.Location {
	loc, err := time.LoadLocation("Europe/Moscow")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// dataSpan is when the fakes' leads live: from three weeks before the
// synced range to one week after it.
func dataSpan(loc *time.Location) (time.Time, time.Time) {
	return syncFrom.Add(-3).Monday(loc), syncTo.Add(2).Monday(loc)
}

// syncWeeks syncs the synced range with c, failing the test on an error.
func syncWeeks(t *testing.T, c sources.Connector, m domain.SourceMapping, loc *time.Location) []domain.Entry {
	t.Helper()
	got, err := c.Weeks(context.Background(), m, syncFrom, syncTo, loc)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// compareFullSync checks a sync of the whole range of a two-segment
// fake against what its data should give, and that the data was rich
// enough to exercise every rule being compared.
func compareFullSync(t *testing.T, got, want []domain.Entry) {
	t.Helper()
	if len(got) != 2*12 {
		t.Fatalf("got %d entries, want 24 (2 segments × 12 weeks)", len(got))
	}
	compareEntries(t, got, want)
	counts, drops, managers := totals(want)
	if counts < 3000 || drops < 300 || managers < 1500 {
		t.Errorf("the dataset is too thin to test anything: %d counts, %d drop-offs, %d manager counts", counts, drops, managers)
	}
}

// wantUnauthorized checks that a sync refused halfway returned nothing
// and an ErrUnauthorized whose text names what to make anew (hint) and
// never holds the secret.
func wantUnauthorized(t *testing.T, got []domain.Entry, err error, hint, secret string) {
	t.Helper()
	if !errors.Is(err, sources.ErrUnauthorized) {
		t.Fatalf("err = %v, want ErrUnauthorized", err)
	}
	if got != nil {
		t.Errorf("got %d entries with the error, want none", len(got))
	}
	if !strings.Contains(err.Error(), hint) || strings.Contains(err.Error(), secret) {
		t.Errorf("error %q should say %q and never hold the secret", err, hint)
	}
}

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
