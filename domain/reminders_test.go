package domain

import (
	"slices"
	"testing"
	"time"
)

// reminderWorkspace has the default stages, a head for each department and
// two segments: dealers use the whole funnel, retail skips the sales
// meetings and proposals.
func reminderWorkspace() *Workspace {
	ws := NewWorkspace(-100, "Acme", English, "Europe/London", Person{UserID: 1, Name: "Ceo"}, time.Time{})
	ws.Segments = []Segment{
		{Key: "dealers", Name: Name{En: "Dealers"}, Focus: true},
		{Key: "retail", Name: Name{En: "Retail"}, SkipStages: []string{"meetings", "proposals"}},
		{Key: "old", Name: Name{En: "Old"}, Archived: true},
	}
	ws.Members = append(ws.Members,
		Member{UserID: 2, Name: "Mark", HeadOf: []string{DeptMarketing}},
		Member{UserID: 3, Name: "Sam", HeadOf: []string{DeptSales}})
	return ws
}

func counts(segment string, w Week, kv map[string]int64) WeeklyRecord {
	return WeeklyRecord{Segment: segment, Week: w, Counts: kv}
}

func TestMissingReports(t *testing.T) {
	week := Week{2026, 14}
	tests := []struct {
		name string
		recs []WeeklyRecord
		want map[string][]string // department → segments missing
	}{
		{"nothing reported: both departments, both live segments", nil,
			map[string][]string{DeptMarketing: {"dealers", "retail"}, DeptSales: {"dealers", "retail"}}},
		{"marketing in everywhere: only sales", []WeeklyRecord{
			counts("dealers", week, map[string]int64{"leads": 10}),
			counts("retail", week, map[string]int64{"clicks": 0}),
		}, map[string][]string{DeptSales: {"dealers", "retail"}}},
		{"sales in for dealers only: sales for retail", []WeeklyRecord{
			counts("dealers", week, map[string]int64{"leads": 10, "deals": 2}),
			counts("retail", week, map[string]int64{"leads": 30}),
		}, map[string][]string{DeptSales: {"retail"}}},
		{"a record of another week does not count", []WeeklyRecord{
			counts("dealers", week.Add(-1), map[string]int64{"leads": 10, "deals": 2}),
			counts("retail", week.Add(-1), map[string]int64{"leads": 10, "deals": 2}),
		}, map[string][]string{DeptMarketing: {"dealers", "retail"}, DeptSales: {"dealers", "retail"}}},
		{"everything in: nobody to remind", []WeeklyRecord{
			counts("dealers", week, map[string]int64{"leads": 10, "meetings": 4}),
			counts("retail", week, map[string]int64{"impressions": 1000, "paid": 3}),
		}, map[string][]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := map[string][]string{}
			for _, m := range MissingReports(reminderWorkspace(), week, tt.recs) {
				for _, s := range m.Segments {
					got[m.Department.Key] = append(got[m.Department.Key], s.Key)
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("missing = %v, want %v", got, tt.want)
			}
			for d, segs := range tt.want {
				if !slices.Equal(got[d], segs) {
					t.Errorf("%s missing for %v, want %v", d, got[d], segs)
				}
			}
		})
	}
}

func TestMissingReports_NamesTheHeadsOnly(t *testing.T) {
	week := Week{2026, 14}
	ws := reminderWorkspace()
	recs := []WeeklyRecord{
		counts("dealers", week, map[string]int64{"leads": 10}),
		counts("retail", week, map[string]int64{"leads": 10}),
	}
	got := MissingReports(ws, week, recs)
	if len(got) != 1 || len(got[0].Heads) != 1 || got[0].Heads[0].UserID != 3 {
		t.Fatalf("got %+v, want only the sales head (user 3)", got)
	}
}

func TestMissingReports_SegmentWithoutTheDepartmentsStagesIsNotAsked(t *testing.T) {
	week := Week{2026, 14}
	ws := reminderWorkspace()
	// Retail skips every sales stage: sales has nothing to report for it.
	ws.Segments[1].SkipStages = []string{"meetings", "proposals", "deals", "paid"}
	recs := []WeeklyRecord{
		counts("dealers", week, map[string]int64{"leads": 10, "deals": 1}),
		counts("retail", week, map[string]int64{"leads": 10}),
	}
	if got := MissingReports(ws, week, recs); len(got) != 0 {
		t.Errorf("got %+v, want nothing missing", got)
	}
}

func TestDueSoon(t *testing.T) {
	today := Date{2026, time.March, 28}
	hyp := func(n int, st HypothesisStatus, day int) *Hypothesis {
		h := &Hypothesis{Number: n, Status: st}
		if day > 0 {
			h.Deadline = Date{2026, time.March, day}
		}
		return h
	}
	hyps := []*Hypothesis{
		hyp(1, StatusInProgress, 25),
		hyp(2, StatusNew, 28),
		hyp(3, StatusNew, 29),
		hyp(4, StatusNew, 30),
		hyp(5, StatusNew, 20),
		hyp(6, StatusDone, 20),
		hyp(7, StatusConfirmed, 28),
		hyp(8, StatusDraft, 28),
		hyp(9, StatusNew, 0),
		hyp(10, StatusDropped, 1),
	}
	got := DueSoon(hyps, today)
	numbers := func(list []*Hypothesis) []int {
		var out []int
		for _, h := range list {
			out = append(out, h.Number)
		}
		return out
	}
	if want := []int{5, 1}; !slices.Equal(numbers(got.Overdue), want) {
		t.Errorf("overdue = %v, want %v (by deadline)", numbers(got.Overdue), want)
	}
	if want := []int{2}; !slices.Equal(numbers(got.Today), want) {
		t.Errorf("today = %v, want %v", numbers(got.Today), want)
	}
	if want := []int{3}; !slices.Equal(numbers(got.Tomorrow), want) {
		t.Errorf("tomorrow = %v, want %v", numbers(got.Tomorrow), want)
	}
	if got.Empty() {
		t.Error("Empty() = true with hypotheses due")
	}
	if later := DueSoon([]*Hypothesis{hyp(4, StatusNew, 30), hyp(6, StatusDone, 20)}, today); !later.Empty() {
		t.Errorf("only a deadline in two days and a done one: got %+v, want an empty digest", later)
	}
}

func TestTallyHypotheses(t *testing.T) {
	moscow, err := time.LoadLocation("Europe/Moscow")
	if err != nil {
		t.Skip(err)
	}
	week := Week{2026, 13} // 23–29 March 2026
	today := Date{2026, time.March, 30}
	closedAt := func(status HypothesisStatus, at time.Time) *Hypothesis {
		return &Hypothesis{Status: status, History: []HypothesisEvent{{To: status, At: at}}}
	}
	hyps := []*Hypothesis{
		{Status: StatusDraft},
		{Status: StatusNew, Deadline: Date{2026, time.March, 29}},        // overdue
		{Status: StatusInProgress, Deadline: Date{2026, time.March, 30}}, // due today, not overdue
		{Status: StatusDone, Deadline: Date{2026, time.March, 1}},        // waits for a CEO: not overdue work
		closedAt(StatusConfirmed, time.Date(2026, 3, 25, 12, 0, 0, 0, time.UTC)),
		// Sunday 22:30 UTC is Monday in Moscow: closed in the next week.
		closedAt(StatusRejected, time.Date(2026, 3, 29, 22, 30, 0, 0, time.UTC)),
		// Sunday 20:30 UTC is still Sunday in Moscow.
		closedAt(StatusDropped, time.Date(2026, 3, 29, 20, 30, 0, 0, time.UTC)),
	}
	got := TallyHypotheses(hyps, week, today, moscow)
	if want := (HypothesisTally{InWork: 2, Overdue: 1, Awaiting: 1, Closed: 2}); got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if got.Empty() || !TallyHypotheses(hyps[:1], week, today, moscow).Empty() {
		t.Error("Empty: want false with hypotheses to count, true with only a draft")
	}
}
