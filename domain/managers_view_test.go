package domain

import "testing"

// weakManager is 16 weeks of Main where four managers each take 30
// qualified leads a week and Gleb's meetings fell to 4 of them (13%)
// for the last six weeks while the others hold 18 (60%).
func weakManager(last Week) []WeeklyRecord {
	return steady("main", last, 16, func(i int, r *WeeklyRecord) {
		r.Managers = map[string]map[string]int64{}
		var meetings int64
		for _, m := range []string{"Anna", "Boris", "Vera", "Gleb"} {
			got := int64(18)
			if m == "Gleb" && i >= 10 {
				got = 4
			}
			r.Managers[m] = map[string]int64{"qualified": 30, "meetings": got, "proposals": got / 2}
			meetings += got
		}
		r.Counts["qualified"], r.Counts["meetings"] = 120, meetings
	})
}

func TestManagers_MarksWhatTheReviewAsks(t *testing.T) {
	ws, last := rulesWorkspace(), wk(2026, 10)
	v := Managers(ws, ws.Segments[0], WeekPeriod(last), weakManager(last))
	if v.Window != LastWeeks(last, ManagerWeeks) || len(v.Rows) != 4 {
		t.Fatalf("window %v, %d rows; want the last %d weeks and four managers", v.Window, len(v.Rows), ManagerWeeks)
	}
	if len(v.Columns) != 2 || v.Columns[0].Stage.Key != "meetings" || v.Columns[1].Stage.Key != "proposals" ||
		v.Columns[0].From.Key != "qualified" {
		t.Fatalf("columns = %+v, want qualified → meetings → proposals", v.Columns)
	}
	// The team over four weeks: 3·18 + 4 = 58 meetings a week of 120.
	if c := v.Columns[0]; c.TeamK != 4*58 || c.TeamN != 4*120 {
		t.Errorf("team = %d of %d, want %d of %d", c.TeamK, c.TeamN, 4*58, 4*120)
	}
	for _, row := range v.Rows {
		meetings, ok := row.At(v.Columns[0])
		if !ok {
			t.Fatalf("%s has no conversion into meetings", row.Manager)
		}
		if want := row.Manager == "Gleb"; meetings.Asked != want {
			t.Errorf("%s: asked %v, want %v", row.Manager, meetings.Asked, want)
		}
		if proposals, _ := row.At(v.Columns[1]); proposals.Asked {
			t.Errorf("%s: proposals asked, want only Gleb's meetings", row.Manager)
		}
	}
}

func TestManagers_NoManagerCounts(t *testing.T) {
	ws, last := rulesWorkspace(), wk(2026, 10)
	v := Managers(ws, ws.Segments[0], PeriodOf(PeriodMonth, last), steady("main", last, 8, nil))
	if len(v.Rows) != 0 || len(v.Columns) != 0 || v.Window != v.Period {
		t.Errorf("view = %+v, want no rows and the month as the window", v)
	}
}
