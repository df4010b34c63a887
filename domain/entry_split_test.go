package domain

import (
	"reflect"
	"testing"
)

func TestEntry_SplitThenJoinGivesTheEntryBack(t *testing.T) {
	spend, margin := Money(350_000_00), 0.3
	e := Entry{
		Segment: "dealers", Week: Week{Year: 2026, Num: 47},
		Counts: map[string]int64{"leads": 120, "meetings": 20}, Spend: &spend, Margin: &margin,
		NonTarget: map[string]int64{"no_budget": 7},
		DropOffs:  map[string]map[string]int64{"meetings": {"price": 3}},
		Managers:  map[string]map[string]int64{"Ivan": {"meetings": 5}},
	}
	ws := newSetupWorkspace()
	marketing, sales := e.Split(func(f Field) bool { return f.Department(ws) == DeptMarketing })
	wantMarketing := Entry{Segment: "dealers", Week: e.Week, Counts: map[string]int64{"leads": 120}, Spend: &spend, NonTarget: map[string]int64{"no_budget": 7}}
	if !reflect.DeepEqual(marketing, wantMarketing) {
		t.Errorf("marketing part = %+v, want %+v", marketing, wantMarketing)
	}
	if sales.Has(Field{Kind: FieldCount, Stage: "leads"}) || !sales.Has(Field{Kind: FieldMargin}) || !sales.Has(Field{Kind: FieldManager, Stage: "meetings", Manager: "Ivan"}) {
		t.Errorf("sales part = %+v", sales)
	}
	marketing.Join(sales)
	if !reflect.DeepEqual(marketing, e) {
		t.Errorf("joined = %+v, want %+v", marketing, e)
	}
	sales.DropOffs["meetings"]["price"] = 99
	if e.DropOffs["meetings"]["price"] != 3 || marketing.DropOffs["meetings"]["price"] != 3 {
		t.Error("a split or joined entry shares its maps")
	}
}
