package storage

import (
	"reflect"
	"testing"
	"time"

	"trackbot/domain"
)

func TestDrafts_RoundTripAndDelete(t *testing.T) {
	db := mustOpen(t)
	spend, revenue, margin := domain.Money(35000000), domain.Money(120000000), 0.35
	want := &domain.Draft{
		Workspace: 7,
		By:        domain.Person{UserID: 42, Name: "Mark", Username: "mark_head"},
		Source:    "numbers.xlsx",
		CreatedAt: time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC),
		Entries: []domain.Entry{{
			Segment: "dealers", Week: domain.Week{Year: 2026, Num: 47},
			Counts: map[string]int64{"leads": 120, "qualified": 80},
			Spend:  &spend, Revenue: &revenue, Margin: &margin,
			NonTarget: map[string]int64{"no_budget": 12},
			DropOffs:  map[string]map[string]int64{"meetings": {"wrong_phone": 14}},
			Managers:  map[string]map[string]int64{"Ivan": {"deals": 3}},
		}, {Segment: "retail", Week: domain.Week{Year: 2026, Num: 53}, Counts: map[string]int64{"leads": 0}}},
		LeftOut: []domain.Entry{{
			Segment: "dealers", Week: domain.Week{Year: 2026, Num: 47},
			Counts: map[string]int64{"meetings": 30}, DropOffs: map[string]map[string]int64{"paid": {"price": 1}},
		}},
		AcceptedBy: &domain.Person{UserID: 1, Name: "Anna", Username: "anna_ceo"},
		Plans: []domain.Plan{{Segment: "dealers", Kind: domain.PeriodMonth, Year: 2026, Num: 12,
			Targets: []domain.PlanTarget{{Kind: domain.FieldRevenue, Value: 5_000_000_00}}}},
	}
	if err := db.Update(func(tx domain.Tx) error { return tx.Drafts().Create(want) }); err != nil {
		t.Fatal(err)
	}
	if want.ID == 0 {
		t.Fatal("Create assigned no id")
	}
	var got *domain.Draft
	if err := db.View(func(tx domain.Tx) error {
		var err error
		got, err = tx.Drafts().Get(want.ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, want)
	}
	if err := db.Update(func(tx domain.Tx) error { return tx.Drafts().Delete(want.ID) }); err != nil {
		t.Fatal(err)
	}
	err := db.View(func(tx domain.Tx) error { _, err := tx.Drafts().Get(want.ID); return err })
	if domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("after delete: %v, want ENOTFOUND", err)
	}
}
