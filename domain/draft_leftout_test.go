package domain

import (
	"reflect"
	"testing"
	"time"
)

func TestSplitForAuthor(t *testing.T) {
	ws := newSetupWorkspace() // user 1 is the CEO
	now := time.Unix(0, 0)
	if err := ws.Grant(Person{UserID: 2}, RoleHead, DeptMarketing, now); err != nil {
		t.Fatal(err)
	}
	spend, revenue := Money(100), Money(900)
	w47 := Week{Year: 2026, Num: 47}
	whole := []Entry{
		{Segment: "main", Week: w47, Counts: map[string]int64{"leads": 120, "meetings": 20}, Spend: &spend, Revenue: &revenue},
		{Segment: "main", Week: w47.Add(1), Counts: map[string]int64{"paid": 2}},
	}

	kept, leftOut, err := SplitForAuthor(ws, 2, whole)
	if err != nil {
		t.Fatal(err)
	}
	wantKept := []Entry{{Segment: "main", Week: w47, Counts: map[string]int64{"leads": 120}, Spend: &spend}}
	wantLeft := []Entry{
		{Segment: "main", Week: w47, Counts: map[string]int64{"meetings": 20}, Revenue: &revenue},
		{Segment: "main", Week: w47.Add(1), Counts: map[string]int64{"paid": 2}},
	}
	if !reflect.DeepEqual(kept, wantKept) || !reflect.DeepEqual(leftOut, wantLeft) {
		t.Errorf("a marketing head's split:\nkept %+v\nwant %+v\nleft %+v\nwant %+v", kept, wantKept, leftOut, wantLeft)
	}
	if got := joinEntries(kept, leftOut); !reflect.DeepEqual(got, whole) {
		t.Errorf("joined back = %+v, want %+v", got, whole)
	}
	var keys []string
	for _, f := range LeftOutFields(ws, leftOut) {
		keys = append(keys, f.Key())
	}
	if !reflect.DeepEqual(keys, []string{"meetings", "paid", "revenue"}) {
		t.Errorf("LeftOutFields = %v", keys)
	}

	if kept, leftOut, err := SplitForAuthor(ws, 1, whole); err != nil || !reflect.DeepEqual(kept, whole) || leftOut != nil {
		t.Errorf("a CEO's split = %+v, %+v, %v; want everything kept", kept, leftOut, err)
	}
	if _, _, err := SplitForAuthor(ws, 2, whole[1:]); ErrorCode(err) != EFORBIDDEN {
		t.Errorf("a head's file with none of their figures: %v, want EFORBIDDEN", err)
	}
	if _, _, err := SplitForAuthor(ws, 3, whole); ErrorCode(err) != EFORBIDDEN {
		t.Errorf("a member's file: %v, want EFORBIDDEN", err)
	}
	if err := CanAcceptLeftOut(ws, 2); ErrorCode(err) != EFORBIDDEN {
		t.Errorf("a head accepting the left-out figures: %v, want EFORBIDDEN", err)
	}
	if err := CanAcceptLeftOut(ws, 1); err != nil {
		t.Errorf("a CEO accepting the left-out figures: %v", err)
	}
}
