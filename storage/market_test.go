package storage

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"trackbot/domain"
)

// fullCompetitor has every field set.
func fullCompetitor(segment, key string) domain.Competitor {
	return domain.Competitor{
		Segment: segment, Key: key, Name: "ИгроМир " + key, Us: true,
		Share: domain.Some(0.25), Revenue: 120_000_000_00, Source: "РБК 2025",
		Products: []string{"Площадки"}, Features: []string{"Монтаж", "Гарантия"},
		Price:      domain.PriceRange{Min: 300_000_00, Max: 700_000_00},
		Target:     "Дилеры",
		Advantages: []string{"Быстрая доставка"},
		Checked:    map[domain.Fact]domain.Date{domain.FactShare: {Year: 2026, Month: time.January, Day: 10}, domain.FactPrice: {Year: 2026, Month: time.March, Day: 1}},
		UpdatedBy:  42,
		UpdatedAt:  t0,
	}
}

// fullMarket has every field set.
func fullMarket(segment string) domain.Market {
	return domain.Market{
		Segment: segment, Volume: 2_000_000_000_00, VolumeSource: "Росстат",
		VolumeChecked: domain.Date{Year: 2026, Month: time.February, Day: 2},
		Positioning:   domain.Positioning{Who: "Дилерам", What: "Проекты", Why: "Отгрузка за 2 недели", By: 42, At: t0},
		Players:       []domain.Competitor{fullCompetitor(segment, "a"), fullCompetitor(segment, "b")},
	}
}

func getMarket(t *testing.T, db *DB, ws int64, segment string) domain.Market {
	t.Helper()
	var m domain.Market
	view(t, db, func(tx domain.Tx) error {
		var err error
		m, err = tx.Market().Get(ws, segment)
		return err
	})
	return m
}

func TestMarket_RoundTripSurvivesRestart(t *testing.T) {
	db := mustOpen(t)
	want := fullMarket("dealers")
	requireAllFieldsSet(t, "Market", want)
	update(t, db, func(tx domain.Tx) error { return tx.Market().Put(1, want) })
	db = reopen(t, db, nil)
	if got := getMarket(t, db, 1, "dealers"); !reflect.DeepEqual(got, want) {
		t.Errorf("after a restart:\n got %+v\nwant %+v", got, want)
	}
}

func TestMarket_PutReplacesThePlayersOfOneSegmentOnly(t *testing.T) {
	db := mustOpen(t)
	// "dealers" is a prefix of "dealers2": the 0x00 after a segment keeps
	// their players apart.
	update(t, db, func(tx domain.Tx) error {
		for _, m := range []domain.Market{fullMarket("dealers"), fullMarket("dealers2")} {
			if err := tx.Market().Put(1, m); err != nil {
				return err
			}
		}
		return tx.Market().Put(2, fullMarket("dealers"))
	})
	m := getMarket(t, db, 1, "dealers")
	m.Players = m.Players[1:]
	m.Volume, m.Positioning = 0, domain.Positioning{}
	update(t, db, func(tx domain.Tx) error { return tx.Market().Put(1, m) })

	got := getMarket(t, db, 1, "dealers")
	if len(got.Players) != 1 || got.Players[0].Key != "b" || got.Volume != 0 || !got.Positioning.IsZero() {
		t.Errorf("dealers after the put: %+v", got)
	}
	if other := getMarket(t, db, 1, "dealers2"); len(other.Players) != 2 {
		t.Errorf("dealers2 has %d players, want its 2 untouched", len(other.Players))
	}
	if other := getMarket(t, db, 2, "dealers"); len(other.Players) != 2 {
		t.Errorf("workspace 2 has %d players, want its 2 untouched", len(other.Players))
	}
	var list []domain.Market
	view(t, db, func(tx domain.Tx) error {
		var err error
		list, err = tx.Market().List(1)
		return err
	})
	if len(list) != 2 || list[0].Segment != "dealers" || list[1].Segment != "dealers2" {
		t.Errorf("list = %+v", list)
	}
	if empty := getMarket(t, db, 3, "dealers"); !empty.IsEmpty() || empty.Segment != "dealers" {
		t.Errorf("an unknown workspace's market = %+v, want an empty one", empty)
	}
}

func TestMarketImport_RoundTrip(t *testing.T) {
	db := mustOpen(t)
	values := fullCompetitor("dealers", "x")
	values.Key, values.Segment, values.UpdatedBy, values.UpdatedAt = "", "", 0, time.Time{}
	want := &domain.MarketImport{
		Workspace: 1, By: domain.Person{UserID: 42, Name: "Anna", Username: "anna"}, Source: "market.xlsx",
		Players: []domain.CompetitorChange{{
			Segment: "dealers", Name: "ИгроМир", Rename: "", Us: new(true), Values: values,
			Fields: []domain.PlayerField{domain.PlayerShare, domain.PlayerPrice},
			On:     domain.Date{Year: 2026, Month: time.March, Day: 1},
			FactDates: map[domain.Fact]domain.Date{
				domain.FactShare: {Year: 2026, Month: time.January, Day: 3},
			},
		}},
		Markets:   []domain.MarketChange{{Segment: "dealers", Volume: 5, Source: "x", On: domain.Date{Year: 2026, Month: time.March, Day: 2}}},
		CreatedAt: t0,
	}
	update(t, db, func(tx domain.Tx) error { return tx.Market().CreateImport(want) })
	if want.ID == 0 {
		t.Fatal("no id assigned")
	}
	var got *domain.MarketImport
	view(t, db, func(tx domain.Tx) error {
		var err error
		got, err = tx.Market().Import(1, want.ID)
		return err
	})
	if !reflect.DeepEqual(got, want) {
		t.Errorf("import:\n got %+v\nwant %+v", got, want)
	}
	update(t, db, func(tx domain.Tx) error { return tx.Market().DeleteImport(1, want.ID) })
	view(t, db, func(tx domain.Tx) error {
		if _, err := tx.Market().Import(1, want.ID); domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Errorf("a deleted import: %v, want not found", err)
		}
		if _, err := tx.Market().Import(2, want.ID); domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Errorf("another workspace's import: %v, want not found", err)
		}
		return nil
	})
}

func TestChangeCompetitor_OnlyCEOsAndNothingHalfSaved(t *testing.T) {
	db := mustOpen(t)
	ws := ucWorkspace(t, db)
	change := func(by domain.Person, args string) error {
		cmd, err := domain.ParseCompetitorCommand(ws, args, ws.Today(t0))
		if err != nil {
			t.Fatalf("parse %q: %v", args, err)
		}
		return db.Update(func(tx domain.Tx) error {
			_, err := domain.ChangeCompetitor(tx, ws, by, cmd.Change, domain.ChangeAdd, t0)
			return err
		})
	}
	if err := change(ucMarketing, "add PlayMax share=30%"); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Errorf("a head adding: %v, want forbidden", err)
	}
	if err := change(ucCEO, "add PlayMax share=70%"); err != nil {
		t.Fatal(err)
	}
	err := change(ucCEO, "add Rival share=40%")
	if domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(err.Error(), "110%") || !strings.Contains(err.Error(), "Example: /competitor add") {
		t.Errorf("shares over 100%%: %v", err)
	}
	m := getMarket(t, db, ws.ID, "main")
	if len(m.Players) != 1 || m.Players[0].Name != "PlayMax" {
		t.Errorf("stored players = %+v, want PlayMax alone", m.Players)
	}
}

func TestMarketImport_ConfirmAppliesOnceAllOrNothing(t *testing.T) {
	db, clock := mustOpenWithClock(t)
	ws := ucWorkspace(t, db)
	rows := []domain.CompetitorChange{
		{Segment: "main", Name: "PlayMax", Values: domain.Competitor{Share: domain.Some(0.3)}, Fields: []domain.PlayerField{domain.PlayerShare}},
		{Segment: "main", Name: "Us", Us: new(true), Values: domain.Competitor{Features: []string{"Installation"}}, Fields: []domain.PlayerField{domain.PlayerFeatures}},
	}
	markets := []domain.MarketChange{{Segment: "main", Volume: 1_000_000_00}}
	var imp *domain.MarketImport
	update(t, db, func(tx domain.Tx) error {
		var err error
		imp, _, err = domain.ProposeMarketImport(tx, ws, ucCEO, "market.csv", rows, markets, t0)
		return err
	})
	if m := getMarket(t, db, ws.ID, "main"); !m.IsEmpty() {
		t.Fatalf("a proposed import changed the market: %+v", m)
	}
	var sum domain.ImportSummary
	if err := db.Update(func(tx domain.Tx) error {
		_, err := domain.ConfirmMarketImport(tx, ws, ucSales, imp.ID, t0)
		return err
	}); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Errorf("a head confirming: %v, want forbidden", err)
	}
	update(t, db, func(tx domain.Tx) error {
		var err error
		sum, err = domain.ConfirmMarketImport(tx, ws, ucCEO, imp.ID, t0)
		return err
	})
	want := domain.ImportSummary{Segments: []domain.SegmentImport{{Segment: "main", Added: []string{"PlayMax", "Us"}, Volume: true}}}
	if !reflect.DeepEqual(sum, want) {
		t.Errorf("summary = %+v, want %+v", sum, want)
	}
	m := getMarket(t, db, ws.ID, "main")
	if len(m.Players) != 2 || m.Volume != 1_000_000_00 {
		t.Errorf("market after confirming = %+v", m)
	}
	if err := db.Update(func(tx domain.Tx) error {
		_, err := domain.ConfirmMarketImport(tx, ws, ucCEO, imp.ID, t0)
		return err
	}); domain.ErrorCode(err) != domain.ESTALE {
		t.Errorf("confirming twice: %v, want stale", err)
	}

	// An import that has waited past a day is refused, and changes nothing.
	update(t, db, func(tx domain.Tx) error {
		var err error
		imp, _, err = domain.ProposeMarketImport(tx, ws, ucCEO, "late.csv", rows[:1], nil, t0)
		return err
	})
	clock.now = t0.Add(domain.DraftTTL + time.Minute)
	if err := db.Update(func(tx domain.Tx) error {
		_, err := domain.ConfirmMarketImport(tx, ws, ucCEO, imp.ID, clock.now)
		return err
	}); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("an expired import: %v, want a conflict", err)
	}
}
