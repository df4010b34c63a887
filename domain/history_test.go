package domain

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestDiffRecords_EveryChangedFigureOldToNew(t *testing.T) {
	ws := testWorkspace()
	old := WeeklyRecord{Segment: "a", Week: wk(2026, 11), Counts: funnel(120, 45, -1, -1, -1, -1), Spend: rub(1000)}
	new := old.WithFigure(Field{Kind: FieldCount, Stage: "meetings"}, Figure{Set: true, N: 50})
	new = new.WithFigure(Field{Kind: FieldCount, Stage: "leads"}, Figure{Set: true, N: 130})
	new = new.WithFigure(Field{Kind: FieldSpend}, Figure{})
	new = new.WithFigure(Field{Kind: FieldDropOff, Stage: "meetings", Reason: "price"}, Figure{Set: true, N: 3})
	var lines []string
	for _, c := range DiffRecords(ws, old, new) {
		lines = append(lines, c.Line(ws, English))
	}
	want := []string{"Leads: 120 → 130", "Meetings: — → 50", "Spend: 1\u00a0000\u00a0₽ → —", "Lost before Meetings: Price: — → 3"}
	if !reflect.DeepEqual(lines, want) {
		t.Errorf("diff = %q, want %q", lines, want)
	}
	if old.Counts["meetings"] != 0 || len(old.Counts) != 2 {
		t.Errorf("WithFigure changed the original: %v", old.Counts)
	}
	// Removing every figure leaves an empty record.
	empty := new
	for _, c := range DiffRecords(ws, WeeklyRecord{}, new) {
		empty = empty.WithFigure(c.Field, Figure{})
	}
	if !empty.IsEmpty() || empty.DropOffs != nil {
		t.Errorf("record with every figure removed = %+v", empty)
	}
}

// revision is a save of segment a's 2026-W11 by user, at.
func revision(id int64, kind RevisionKind, user int64, at time.Time) *Revision {
	return &Revision{ID: id, Kind: kind, By: Person{UserID: user}, At: at,
		Records: []RecordDiff{{Segment: "dealers", Week: wk(2026, 48)}}}
}

func TestCheckUndo_WhoAndHowLong(t *testing.T) {
	ws := newTestWorkspace()
	mine := revision(1, RevisionSave, testMarketingHead, testNow.Add(-time.Hour))
	tests := []struct {
		name   string
		user   int64
		r      *Revision
		undone bool
		now    time.Time
		want   string
	}{
		{"a head undoes their own save", testMarketingHead, mine, false, testNow, ""},
		{"a CEO undoes anyone's", testCEO, mine, false, testNow, ""},
		{"a head may not undo another head's", testSalesHead, mine, false, testNow, EFORBIDDEN},
		{"a member may not undo", testReader, mine, false, testNow, EFORBIDDEN},
		{"within 7 days", testMarketingHead, mine, false, mine.At.Add(UndoWindow), ""},
		{"not after 7 days", testCEO, mine, false, mine.At.Add(UndoWindow + time.Minute), ECONFLICT},
		{"not twice", testMarketingHead, mine, true, testNow, ECONFLICT},
		{"an undo is not undone", testCEO, revision(2, RevisionUndo, testCEO, testNow), false, testNow, EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckUndo(ws, tt.user, tt.r, tt.undone, tt.now)
			if got := ErrorCode(err); err != nil && got != tt.want || err == nil && tt.want != "" {
				t.Errorf("CheckUndo = %v (code %q), want code %q", err, got, tt.want)
			}
		})
	}
}

func TestUndoTarget_LatestOwnSaveNotUndone(t *testing.T) {
	revs := []*Revision{
		revision(1, RevisionSave, testMarketingHead, testNow),
		revision(2, RevisionSave, testSalesHead, testNow),
		revision(3, RevisionSave, testMarketingHead, testNow),
		{ID: 4, Kind: RevisionUndo, By: Person{UserID: testMarketingHead}, Undoes: 3},
	}
	r, undone, err := UndoTarget(revs, testMarketingHead, 0)
	if err != nil || r.ID != 1 || undone {
		t.Errorf("the head's target = %+v, %v, %v; want save 1 (3 is undone)", r, undone, err)
	}
	if r, undone, err := UndoTarget(revs, testCEO, 3); err != nil || r.ID != 3 || !undone {
		t.Errorf("save 3 by number = %+v, %v, %v; want it, undone", r, undone, err)
	}
	// A CEO who confirmed someone's numbers made that save too.
	revs[1].ConfirmedBy = Person{UserID: testCEO}
	if r, _, err := UndoTarget(revs, testCEO, 0); err != nil || r.ID != 2 {
		t.Errorf("the CEO's target = %+v, %v; want the save they confirmed", r, err)
	}
	if _, _, err := UndoTarget(revs, testReader, 0); ErrorCode(err) != ENOTFOUND {
		t.Errorf("nothing to undo = %v, want ENOTFOUND", err)
	}
	if _, _, err := UndoTarget(revs, testCEO, 9); ErrorCode(err) != ENOTFOUND {
		t.Errorf("save 9 = %v, want ENOTFOUND", err)
	}
}

func TestHistoryOf_NewestFirstFilteredAndCapped(t *testing.T) {
	var revs []*Revision
	for i := int64(1); i <= 5; i++ {
		r := revision(i, RevisionSave, testCEO, testNow)
		if i%2 == 0 {
			r.Records[0].Segment = "retail"
		}
		revs = append(revs, r)
	}
	got, more := HistoryOf(revs, "dealers", Week{}, 2)
	if len(got) != 2 || got[0].ID != 5 || got[1].ID != 3 || more != 1 {
		t.Errorf("dealers' history = %v more %d, want 5, 3 and 1 more", ids(got), more)
	}
	if got, more := HistoryOf(revs, "", wk(2026, 47), 10); len(got) != 0 || more != 0 {
		t.Errorf("another week's history = %v", ids(got))
	}
}

func ids(revs []*Revision) []int64 {
	var out []int64
	for _, r := range revs {
		out = append(out, r.ID)
	}
	return out
}

func TestRevision_LinesSayWhoWhatAndWhy(t *testing.T) {
	ws := newTestWorkspace()
	r := &Revision{ID: 7, Kind: RevisionSave, By: Person{UserID: 5, Name: "Mark"}, ConfirmedBy: Person{UserID: testCEO, Name: "Olga"},
		At: time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC), Source: "/log", Forced: true, Warnings: []string{WarnStageOverPrevious},
		Records: []RecordDiff{{Segment: "dealers", Week: wk(2026, 48), Figures: []FigureChange{
			{Field: Field{Kind: FieldCount, Stage: "meetings"}, Old: Figure{Set: true, N: 40}, New: Figure{Set: true, N: 50}},
		}}}}
	got := strings.Join(r.Lines(ws, Russian, 5), "\n")
	want := "№7 · 27.11.2026 09:30 · Mark, подтвердил(а) Olga (/log)\n⚠ сохранено несмотря на: этап больше предыдущего\nДилеры, 2026-W48: Встречи 40 → 50"
	if got != want {
		t.Errorf("lines =\n%s\nwant\n%s", got, want)
	}
	undo := &Revision{ID: 8, Kind: RevisionUndo, By: Person{UserID: testCEO, Username: "olga"}, At: r.At, Undoes: 7}
	if got := undo.Lines(ws, English, 5)[0]; got != "#8 · 27.11.2026 09:30 · @olga undid #7" {
		t.Errorf("undo line = %q", got)
	}
}
