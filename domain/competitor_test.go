package domain

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

var marchNow = time.Date(2026, 3, 18, 10, 0, 0, 0, time.UTC)

// apply parses a /competitor add or edit and applies it, failing the test
// on any error.
func apply(t *testing.T, ws *Workspace, m *Market, args string) {
	t.Helper()
	cmd, err := ParseCompetitorCommand(ws, args, marchToday)
	if err != nil {
		t.Fatalf("parse %q: %v", args, err)
	}
	mode := ChangeAdd
	if cmd.Verb == WordEdit {
		mode = ChangeEdit
	}
	if err := m.Apply(cmd.Change, mode, 1, marchNow, marchToday); err != nil {
		t.Fatalf("apply %q: %v", args, err)
	}
}

func TestMarketApply_EachFactKeepsItsOwnDate(t *testing.T) {
	ws := marketWorkspace(t, English)
	m := Market{Segment: "dealers"}
	apply(t, ws, &m, "add dealers PlayMax share=25% source=Report 2025 price=300-700k checked=10.01.2026")
	apply(t, ws, &m, "edit dealers playmax price=350-800k")
	c, _ := m.Player("PLAYMAX")
	want := map[Fact]Date{FactShare: {2026, time.January, 10}, FactPrice: marchToday}
	if !reflect.DeepEqual(c.Checked, want) {
		t.Errorf("checked = %v, want %v: a new price must not refresh the share's date", c.Checked, want)
	}
	if c.Price != (PriceRange{350_000_00, 800_000_00}) || c.Share != Some(0.25) || c.Key != "playmax" {
		t.Errorf("player = %+v", c)
	}

	apply(t, ws, &m, "edit dealers PlayMax checked=01.03.2026")
	c, _ = m.Player("PlayMax")
	march1 := Date{2026, time.March, 1}
	if want := (map[Fact]Date{FactShare: march1, FactPrice: march1}); !reflect.DeepEqual(c.Checked, want) {
		t.Errorf("checked alone: %v, want every known fact on %v", c.Checked, march1)
	}

	apply(t, ws, &m, "edit dealers PlayMax price=—")
	c, _ = m.Player("PlayMax")
	if c.Has(FactPrice) || !reflect.DeepEqual(c.Checked, map[Fact]Date{FactShare: march1}) {
		t.Errorf("a cleared price: %+v, checked %v; want it unknown and undated", c.Price, c.Checked)
	}
}

func TestMarketApply_NamesAreComparedLikeOtherNames(t *testing.T) {
	ws := marketWorkspace(t, English)
	m := Market{Segment: "dealers"}
	apply(t, ws, &m, "add dealers Игро Мир share=10%")
	// A zero-width space or a direction mark would make an invisible
	// lookalike: they are dropped, so "Игро\u200b Мир" is "Игро Мир".
	for _, dup := range []string{"add dealers игро  мир", "add dealers Игро-Мир", "add dealers Игро\u200b Мир", "add dealers \u200fИГРО МИР"} {
		cmd, _ := ParseCompetitorCommand(ws, dup, marchToday)
		if err := m.Apply(cmd.Change, ChangeAdd, 1, marchNow, marchToday); ErrorCode(err) != ECONFLICT {
			t.Errorf("%q: %v, want a conflict with Игро Мир", dup, err)
		}
	}
	cmd, _ := ParseCompetitorCommand(ws, "edit dealers Nobody share=1%", marchToday)
	err := m.Apply(cmd.Change, ChangeEdit, 1, marchNow, marchToday)
	if ErrorCode(err) != ENOTFOUND || !strings.Contains(UserMessage(English, err), "Игро Мир") {
		t.Errorf("editing a stranger: %v, want not found with the players listed", err)
	}
}

func TestMarketValidate(t *testing.T) {
	ws := marketWorkspace(t, English)
	tests := []struct {
		name string
		cmds []string
		vol  Money
		want []string
	}{
		{name: "valid", cmds: []string{"add dealers A share=60% us=yes", "add dealers B share=40%"}},
		{name: "shares over the market", cmds: []string{"add dealers A share=60%", "add dealers B share=45%"}, want: []string{"shares add up to 105%"}},
		{name: "half a point of slack", cmds: []string{"add dealers A share=60,3%", "add dealers B share=40%"}},
		{name: "two of us", cmds: []string{"add dealers A us=yes", "add dealers B us=yes"}, want: []string{"only one row can be us"}},
		{name: "revenue over volume", cmds: []string{"add dealers A revenue=3bn"}, vol: 2_000_000_000_00, want: []string{"revenue of A is larger"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Market{Segment: "dealers", Volume: tt.vol}
			for _, c := range tt.cmds {
				apply(t, ws, &m, c)
			}
			probs := m.Validate(marchToday)
			var msgs []string
			for _, p := range probs {
				msgs = append(msgs, p.Localize(English))
			}
			got := strings.Join(msgs, "\n")
			if len(tt.want) == 0 && len(probs) > 0 {
				t.Errorf("problems: %s", got)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("problems lack %q: %q", w, got)
				}
			}
		})
	}
}

func TestMarketShareOf_FromRevenueAndVolume(t *testing.T) {
	m := Market{Volume: 1_000_000_00, Players: []Competitor{
		{Name: "A", Share: Some(0.3), Revenue: 100_000_00},
		{Name: "B", Revenue: 250_000_00},
		{Name: "C"},
	}}
	for i, want := range []Value{Some(0.3), Some(0.25), None} {
		if got := m.ShareOf(m.Players[i]); got != want {
			t.Errorf("%s: %v, want %v", m.Players[i].Name, got, want)
		}
	}
	m.Volume = 0
	if got := m.ShareOf(m.Players[1]); got.OK {
		t.Errorf("without a volume B's share = %v, want unknown", got)
	}
	var names []string
	for _, c := range (Market{Players: []Competitor{{Name: "b"}, {Name: "A", Revenue: 5}, {Name: "c", Share: Some(0.1)}, {Name: "a"}}}).Ranked() {
		names = append(names, c.Name)
	}
	if got := strings.Join(names, " "); got != "c A a b" {
		t.Errorf("ranked = %q: share first, then revenue, then name", got)
	}
}

// market builds a market from /competitor add commands.
func market(t *testing.T, cmds ...string) Market {
	t.Helper()
	ws := marketWorkspace(t, English)
	m := Market{Segment: "dealers"}
	for _, c := range cmds {
		apply(t, ws, &m, "add dealers "+c)
	}
	return m
}

func TestNotDifferent(t *testing.T) {
	tests := []struct {
		name string
		m    Market
		want Sameness
	}{
		{
			name: "every feature of ours is offered by others",
			m: market(t,
				"Us share=10% us=yes features=Installation, Warranty advantage=Fast delivery target=Dealers",
				"Big share=40% features=installation; Catalogue advantage=Fast  delivery target=dealers",
				"Small share=5% features=Warranty, Installation advantage=Low price target=Retail"),
			want: Sameness{
				HasUs:             true,
				Features:          []Overlap{{"Installation", []string{"Big", "Small"}}, {"Warranty", []string{"Small"}}},
				Advantages:        []Overlap{{"Fast delivery", []string{"Big"}}},
				SameTarget:        []string{"Big"},
				AllFeaturesShared: true,
				BlendIn:           true,
			},
		},
		{
			name: "an advantage others offer as a plain feature",
			m: market(t,
				"Us us=yes features=3D design advantage=Installation in a day, Own factory",
				"Big features=Installation in a day"),
			want: Sameness{
				HasUs:      true,
				Advantages: []Overlap{{"Installation in a day", []string{"Big"}}},
				Distinct:   []string{"3D design", "Own factory"},
			},
		},
		{
			name: "nothing shared",
			m:    market(t, "Us us=yes features=A advantage=B target=X", "Them features=C advantage=D target=Y"),
			want: Sameness{HasUs: true, Distinct: []string{"A", "B"}},
		},
		{
			name: "we claim nothing: nothing to compare, no alarm",
			m:    market(t, "Us us=yes share=5%", "Them features=C"),
			want: Sameness{HasUs: true},
		},
		{
			name: "without us",
			m:    market(t, "Them features=C", "Other features=C"),
			want: Sameness{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.m.NotDifferent(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestStaleFacts_OlderThanAQuarter(t *testing.T) {
	d := func(y int, m time.Month, day int) Date { return Date{y, m, day} }
	m := Market{Segment: "dealers", Volume: 1e9, VolumeChecked: d(2025, time.December, 1), Players: []Competitor{
		{Name: "Fresh", Key: "fresh", Share: Some(0.2), Price: PriceRange{Min: 1}, Checked: map[Fact]Date{FactShare: d(2025, time.December, 18), FactPrice: d(2026, time.March, 1)}},
		{Name: "Old", Key: "old", Share: Some(0.3), Target: "x", Checked: map[Fact]Date{FactShare: d(2025, time.December, 17)}},
		{Name: "Unknown", Key: "unknown"}, // knows nothing, so nothing is stale
	}}
	got := StaleFacts([]Market{m}, d(2026, time.March, 18))
	want := []StaleFact{
		{Segment: "dealers", Fact: FactVolume, Checked: d(2025, time.December, 1)},
		{Segment: "dealers", Player: "Old", Key: "old", Fact: FactShare, Checked: d(2025, time.December, 17)},
		{Segment: "dealers", Player: "Old", Key: "old", Fact: FactTarget}, // known but never dated
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestFirstReviewOfQuarter(t *testing.T) {
	ws := marketWorkspace(t, English) // Moscow, UTC+3
	at := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	march := &Review{ID: 1, OpenedAt: at("2026-03-30T09:00:00Z")}
	april := &Review{ID: 2, OpenedAt: at("2026-03-31T21:30:00Z")} // 1 April 00:30 in Moscow
	later := &Review{ID: 3, OpenedAt: at("2026-04-07T09:00:00Z")}
	all := []*Review{march, april, later}
	for _, tt := range []struct {
		r    *Review
		want bool
	}{{march, true}, {april, true}, {later, false}, {&Review{OpenedAt: at("2026-04-01T12:00:00Z")}, false}} {
		if got := ws.FirstReviewOfQuarter(all, tt.r); got != tt.want {
			t.Errorf("review opened %v: first = %v, want %v", tt.r.OpenedAt, got, tt.want)
		}
	}
}
