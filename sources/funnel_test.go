package sources

import (
	"testing"
	"time"

	"trackbot/domain"
)

// One pipeline p: statuses s1..s5 then won, lost apart; the week of the
// test is 2026-W10 in UTC, starting Monday 2 March.
func testTally() *tally {
	m := domain.SourceMapping{
		Segments: map[string]string{"p": "seg", "q": "other"},
		Stages: map[string]string{"s1": "leads", "s2": "qualified", "s3": "meetings", "s4": "proposals",
			"s5": "proposals", "won": "deals", "q1": "leads", "q2": "deals"},
		Reasons:  map[string]string{"price": "price"},
		Managers: map[string]string{"u1": "Anna"},
	}
	pipes := map[string]*pipeline{
		"p": newPipeline("p", []string{"s1", "s2", "s3", "s4", "s5", "won"}, []string{"lost"}),
		"q": newPipeline("q", []string{"q1", "q2"}, []string{"qlost"}),
	}
	w := domain.Week{Year: 2026, Num: 10}
	return newTally(m, pipes, w, w, time.UTC)
}

var day = time.Date(2026, 3, 3, 12, 0, 0, 0, time.UTC) // Tuesday of W10

func mv(h int, pipe, status, reason string) move {
	return move{at: day.Add(time.Duration(h) * time.Hour), pipe: pipe, status: status, reason: reason}
}

func TestTally_Rules(t *testing.T) {
	w := domain.Week{Year: 2026, Num: 10}
	cases := []struct {
		name   string
		at     *position
		moves  []move
		counts map[string]int64 // segment "seg"
		other  map[string]int64 // segment "other"
		drops  map[string]map[string]int64
	}{
		{name: "a jump counts every status on the way",
			at: &position{"p", "s2"}, moves: []move{mv(1, "p", "s5", "")},
			counts: map[string]int64{"meetings": 1, "proposals": 1}},
		{name: "created in the range counts from the first status",
			moves:  []move{mv(0, "p", "s3", "")},
			counts: map[string]int64{"leads": 1, "qualified": 1, "meetings": 1}},
		{name: "back and forward again counts once",
			at: &position{"p", "s1"}, moves: []move{mv(1, "p", "s3", ""), mv(2, "p", "s2", ""), mv(3, "p", "s3", "")},
			counts: map[string]int64{"qualified": 1, "meetings": 1}},
		{name: "two statuses of one stage count once",
			at: &position{"p", "s3"}, moves: []move{mv(1, "p", "s4", ""), mv(2, "p", "s5", "")},
			counts: map[string]int64{"proposals": 1}},
		{name: "a status of a stage already reached before the range does not count",
			at: &position{"p", "s4"}, moves: []move{mv(1, "p", "s5", "")}, counts: map[string]int64{}},
		{name: "won counts the statuses it skipped",
			at: &position{"p", "s3"}, moves: []move{mv(1, "p", "won", "")},
			counts: map[string]int64{"proposals": 1, "deals": 1}},
		{name: "a loss is a drop-off of the stage it was heading into",
			at: &position{"p", "s2"}, moves: []move{mv(1, "p", "lost", "price")},
			counts: map[string]int64{}, drops: map[string]map[string]int64{"meetings": {"price": 1}}},
		{name: "a loss skips later statuses of the same stage",
			at: &position{"p", "s4"}, moves: []move{mv(1, "p", "lost", "price")},
			counts: map[string]int64{}, drops: map[string]map[string]int64{"deals": {"price": 1}}},
		{name: "an unmapped reason is no drop-off",
			at: &position{"p", "s2"}, moves: []move{mv(1, "p", "lost", "competitor")}, counts: map[string]int64{}},
		{name: "reopened after a loss in the range counts only what is new",
			at: &position{"p", "s3"}, moves: []move{mv(1, "p", "lost", "price"), mv(2, "p", "s4", "")},
			counts: map[string]int64{"proposals": 1}, drops: map[string]map[string]int64{"proposals": {"price": 1}}},
		{name: "reopened from a loss before the range counts only its status",
			at: &position{"p", "lost"}, moves: []move{mv(1, "p", "s3", ""), mv(2, "p", "s4", "")},
			counts: map[string]int64{"meetings": 1, "proposals": 1}},
		{name: "another pipeline's funnel is entered anew",
			at: &position{"p", "s3"}, moves: []move{mv(1, "q", "q2", "")},
			counts: map[string]int64{}, other: map[string]int64{"leads": 1, "deals": 1}},
		{name: "moves after the range do not count",
			at: &position{"p", "s1"}, moves: []move{mv(7*24, "p", "s2", "")}, counts: map[string]int64{}},
		{name: "a status the pipeline does not list counts nothing",
			at: &position{"p", "s1"}, moves: []move{mv(1, "p", "gone", ""), mv(2, "p", "s2", "")},
			counts: map[string]int64{"qualified": 1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tl := testTally()
			tl.add(c.at, c.moves, "u1")
			got := tl.counts[segWeek{"seg", w}]
			if !sameCounts(got, c.counts) {
				t.Errorf("counts %v, want %v", got, c.counts)
			}
			if got := tl.counts[segWeek{"other", w}]; !sameCounts(got, c.other) {
				t.Errorf("other pipeline's counts %v, want %v", got, c.other)
			}
			if got := tl.managers[segWeek{"seg", w}]["Anna"]; !sameCounts(got, c.counts) {
				t.Errorf("Anna's counts %v, want the counts %v", got, c.counts)
			}
			gotDrops := tl.drops[segWeek{"seg", w}]
			if len(gotDrops) != len(c.drops) {
				t.Fatalf("drop-offs %v, want %v", gotDrops, c.drops)
			}
			for st, byReason := range c.drops {
				if !sameCounts(gotDrops[st], byReason) {
					t.Errorf("drop-offs %v, want %v", gotDrops, c.drops)
				}
			}
		})
	}
}

func sameCounts(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestTally_EntriesNameEveryMappedStageOfTheirSegment(t *testing.T) {
	tl := testTally()
	tl.add(nil, []move{mv(0, "p", "s1", "")}, "nobody")
	es := tl.entries()
	if len(es) != 2 || es[0].Segment != "other" || es[1].Segment != "seg" {
		t.Fatalf("entries %+v, want one for other and one for seg", es)
	}
	want := map[string]int64{"leads": 1, "qualified": 0, "meetings": 0, "proposals": 0, "deals": 0}
	if !sameCounts(es[1].Counts, want) || es[1].Managers != nil || es[1].DropOffs != nil {
		t.Errorf("seg's entry %+v, want counts %v and no managers or drop-offs", es[1], want)
	}
	if !sameCounts(es[0].Counts, map[string]int64{"leads": 0, "deals": 0}) {
		t.Errorf("other's counts %v", es[0].Counts)
	}
}

func TestLimiter_SpacesRequestsAfterTheBurst(t *testing.T) {
	l := newLimiter(4, 2) // 250 ms a token
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l.now = func() time.Time { return now }
	var waits []time.Duration
	for range 5 {
		waits = append(waits, l.reserve())
	}
	want := []time.Duration{0, 0, 250 * time.Millisecond, 500 * time.Millisecond, 750 * time.Millisecond}
	for i := range want {
		if waits[i] != want[i] {
			t.Fatalf("waits %v, want %v", waits, want)
		}
	}
	now = now.Add(2 * time.Second) // the line drained, the bucket refilled to its burst
	if w1, w2, w3 := l.reserve(), l.reserve(), l.reserve(); w1 != 0 || w2 != 0 || w3 != 250*time.Millisecond {
		t.Errorf("after a pause: waits %v %v %v, want 0 0 250ms", w1, w2, w3)
	}
	if newLimiter(-1, 1) != nil || newLimiter(0, 1) != nil {
		t.Error("a rate that is not positive should mean no limiter")
	}
}
