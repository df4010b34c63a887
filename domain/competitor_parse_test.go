package domain

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

// marketWorkspace has three segments, Dealers in focus.
func marketWorkspace(t *testing.T, lang Lang) *Workspace {
	t.Helper()
	ws := NewWorkspace(-100, "Playgrounds", lang, "Europe/Moscow", Person{UserID: 1, Name: "Anna"}, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	ws.Segments = []Segment{
		{Key: "dealers", Name: Name{En: "Dealers", Ru: "Дилеры"}, Focus: true},
		{Key: "developers", Name: Name{En: "Developers", Ru: "Застройщики"}},
		{Key: "retail", Name: Name{En: "Retail buyers", Ru: "Розница"}},
	}
	return ws
}

var marchToday = Date{2026, time.March, 18}

func TestParseCompetitorCommand_Add(t *testing.T) {
	ws := marketWorkspace(t, Russian)
	cmd, err := ParseCompetitorCommand(ws, "add дилеры ИгроМир доля=25% цена=300-700к преимущество=Быстрая доставка функции=Монтаж, Гарантия 1,5 года; Доставка источник: отчёт РБК 2025", marchToday)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	ch := cmd.Change
	if cmd.Verb != WordAdd || ch.Segment != "dealers" || ch.Name != "ИгроМир" {
		t.Fatalf("verb %q segment %q name %q", cmd.Verb, ch.Segment, ch.Name)
	}
	want := Competitor{
		Share:      Some(0.25),
		Price:      PriceRange{Min: 300_000_00, Max: 700_000_00},
		Advantages: []string{"Быстрая доставка"},
		Features:   []string{"Монтаж", "Гарантия 1,5 года", "Доставка"},
		Source:     "отчёт РБК 2025",
	}
	if !reflect.DeepEqual(ch.Values, want) {
		t.Errorf("values:\n got %+v\nwant %+v", ch.Values, want)
	}
	if got := ch.facts(); !reflect.DeepEqual(got, []Fact{FactShare, FactProducts, FactPrice, FactAdvantage}) {
		t.Errorf("facts named = %v", got)
	}
}

func TestParseCompetitorCommand_Forms(t *testing.T) {
	ws := marketWorkspace(t, English)
	tests := []struct {
		name, args string
		verb       Word
		segment    string
		player     string
		check      func(t *testing.T, cmd CompetitorCommand)
	}{
		{name: "multi-word segment and player", args: "edit Retail buyers Mega Toys price=5k", verb: WordEdit, segment: "retail", player: "Mega Toys",
			check: func(t *testing.T, cmd CompetitorCommand) {
				if cmd.Change.Values.Price != (PriceRange{Min: 5000_00, Max: 5000_00}) {
					t.Errorf("price = %+v", cmd.Change.Values.Price)
				}
			}},
		{name: "checked alone", args: "edit dealers PlayMax checked=01.03", verb: WordEdit, segment: "dealers", player: "PlayMax",
			check: func(t *testing.T, cmd CompetitorCommand) {
				if cmd.Change.On != (Date{2026, time.March, 1}) || len(cmd.Change.Fields) != 0 {
					t.Errorf("on %v fields %v", cmd.Change.On, cmd.Change.Fields)
				}
			}},
		{name: "clear and rename", args: "edit dealers PlayMax price=— name=Play Max us=yes", verb: WordEdit, segment: "dealers", player: "PlayMax",
			check: func(t *testing.T, cmd CompetitorCommand) {
				ch := cmd.Change
				if !ch.Values.Price.IsZero() || len(ch.Fields) != 1 || ch.Rename != "Play Max" || ch.Us == nil || !*ch.Us {
					t.Errorf("change = %+v", ch)
				}
			}},
		{name: "remove", args: "remove developers Stroy Group", verb: WordRemove, segment: "developers", player: "Stroy Group"},
		{name: "multi-word key", args: "add dealers Acme market share = 12,5 %", verb: WordAdd, segment: "dealers", player: "Acme",
			check: func(t *testing.T, cmd CompetitorCommand) {
				if cmd.Change.Values.Share != Some(0.125) {
					t.Errorf("share = %v", cmd.Change.Values.Share)
				}
			}},
		{name: "market", args: "market dealers volume=2 bn source=Rosstat checked=2026-01-10", verb: WordMarket,
			check: func(t *testing.T, cmd CompetitorCommand) {
				want := MarketChange{Segment: "dealers", Volume: 2_000_000_000_00, Source: "Rosstat", On: Date{2026, time.January, 10}}
				if cmd.Market != want {
					t.Errorf("market = %+v, want %+v", cmd.Market, want)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd, err := ParseCompetitorCommand(ws, tt.args, marchToday)
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			if cmd.Verb != tt.verb || tt.player != "" && (cmd.Change.Segment != tt.segment || cmd.Change.Name != tt.player) {
				t.Errorf("verb %q segment %q player %q; want %q %q %q", cmd.Verb, cmd.Change.Segment, cmd.Change.Name, tt.verb, tt.segment, tt.player)
			}
			if tt.check != nil {
				tt.check(t, cmd)
			}
		})
	}
}

func TestParseCompetitorCommand_OneSegmentNeedsNoSegment(t *testing.T) {
	ws := marketWorkspace(t, English)
	ws.Segments = ws.Segments[:1]
	cmd, err := ParseCompetitorCommand(ws, "add Play Max share=10%", marchToday)
	if err != nil || cmd.Change.Segment != "dealers" || cmd.Change.Name != "Play Max" {
		t.Errorf("got %+v, %v", cmd.Change, err)
	}
}

func TestParseCompetitorCommand_RefusalsSayWhatAndShowAnExample(t *testing.T) {
	ws := marketWorkspace(t, English)
	tests := []struct {
		args string
		want []string
	}{
		{"", []string{"Add a player", "/competitor add dealers PlayMax"}},
		{"buy dealers X", []string{"Add a player"}},
		{"add Wholesale PlayMax share=10%", []string{`"Wholesale" is not a segment`, "Dealers, Developers, Retail buyers", "Example: /competitor add dealers"}},
		{"add dealers PlayMax share=abc", []string{`share "abc": write a percentage`}},
		{"add dealers PlayMax share=150%", []string{`share "150%"`}},
		{"add dealers PlayMax colour=red share=10%", []string{`I don't know the key "colour"`, "share, revenue, source"}},
		{"add dealers PlayMax price=700-300k", []string{"the lower end comes first"}},
		{"add dealers PlayMax price=cheap revenue=-5", []string{`price "cheap"`, `"-5" is not an amount`}},
		{"add dealers PlayMax checked=01.12.2026", []string{"in the future"}},
		{"add dealers PlayMax name=Other", []string{"rename a player with /competitor edit"}},
		{"add dealers", []string{"write the segment and then the player's name"}},
		{"edit dealers PlayMax", []string{"say what to change"}},
		{"remove dealers PlayMax share=1%", []string{"remove takes only the segment and the player"}},
		{"add dealers PlayMax share=", []string{"share= has no value"}},
		{"add dealers PlayMax share=1% доля=2%", []string{"доля is written twice"}},
		{"market dealers source=x", []string{"write the market's yearly volume"}},
		{"market dealers volume=1bn price=5", []string{"price= does not belong to the market"}},
	}
	for _, tt := range tests {
		t.Run(tt.args, func(t *testing.T) {
			_, err := ParseCompetitorCommand(ws, tt.args, marchToday)
			if err == nil {
				t.Fatal("accepted")
			}
			if ErrorCode(err) != EINVALID {
				t.Errorf("code %s, want invalid", ErrorCode(err))
			}
			msg := UserMessage(English, err)
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message lacks %q:\n%s", w, msg)
				}
			}
		})
	}
}

func TestParsePriceRange(t *testing.T) {
	k := Money(1000_00)
	tests := []struct {
		in   string
		want PriceRange
	}{
		{"500k", PriceRange{500 * k, 500 * k}},
		{"300-700k", PriceRange{300 * k, 700 * k}},
		{"300–700 тыс ₽", PriceRange{300 * k, 700 * k}},
		{"300к - 1,2 млн", PriceRange{300 * k, 1200 * k}},
		{"1,5-2 млн", PriceRange{1500 * k, 2000 * k}},
		{"300 000 — 700 000", PriceRange{300 * k, 700 * k}},
		{"от 300к", PriceRange{Min: 300 * k}},
		{"up to 700k", PriceRange{Max: 700 * k}},
		{"до 1 млн ₽", PriceRange{Max: 1000 * k}},
	}
	for _, tt := range tests {
		got, err := ParsePriceRange(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParsePriceRange(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "cheap", "0", "-300", "700-300k", "от", "300-", "a-b"} {
		if got, err := ParsePriceRange(bad); err == nil {
			t.Errorf("ParsePriceRange(%q) = %+v, want an error", bad, got)
		}
	}
}

func TestPriceRange_Localize(t *testing.T) {
	k := Money(1000_00)
	tests := []struct {
		p    PriceRange
		lang Lang
		want string
	}{
		{PriceRange{300 * k, 700 * k}, English, "300–700\u00a0k\u00a0₽"},
		{PriceRange{300 * k, 1200 * k}, Russian, "300\u00a0тыс.–1,2\u00a0млн\u00a0₽"},
		{PriceRange{Min: 300 * k}, Russian, "от 300\u00a0тыс.\u00a0₽"},
		{PriceRange{Max: 700 * k}, English, "up to 700\u00a0k\u00a0₽"},
		{PriceRange{500 * k, 500 * k}, English, "500\u00a0k\u00a0₽"},
		{PriceRange{}, English, NoValue},
	}
	for _, tt := range tests {
		if got := tt.p.Localize("₽", tt.lang); got != tt.want {
			t.Errorf("%+v in %s = %q, want %q", tt.p, tt.lang, got, tt.want)
		}
	}
}

func TestParseCheckedDate(t *testing.T) {
	tests := []struct {
		in   string
		want Date
	}{
		{"сегодня", marchToday},
		{"2026-03-01", Date{2026, time.March, 1}},
		{"01.03.2026", Date{2026, time.March, 1}},
		{"18.03", marchToday},
		{"20.03", Date{2025, time.March, 20}}, // the last such day: a year ago
		{"1/2/2026", Date{2026, time.February, 1}},
	}
	for _, tt := range tests {
		if got, err := ParseCheckedDate(tt.in, marchToday); err != nil || got != tt.want {
			t.Errorf("ParseCheckedDate(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"tomorrow", "19.03.2026", "31.02.2026", "2026"} {
		if _, err := ParseCheckedDate(bad, marchToday); err == nil {
			t.Errorf("ParseCheckedDate(%q) accepted", bad)
		}
	}
}

func TestParsePositioning(t *testing.T) {
	want := Positioning{Who: "Дилерам площадок", What: "Проекты из 10–12 элементов", Why: "Отгрузка за 2 недели"}
	for _, in := range []string{
		"кому=Дилерам площадок что=Проекты из 10–12 элементов почему=Отгрузка за 2 недели",
		"Дилерам площадок | Проекты из 10–12 элементов | Отгрузка за 2 недели",
		"Дилерам площадок\nПроекты из 10–12 элементов\nОтгрузка за 2 недели",
		"Дилерам площадок — Проекты из 10–12 элементов — Отгрузка за 2 недели",
		"why=Отгрузка за 2 недели who: Дилерам площадок what = Проекты из 10–12 элементов",
	} {
		if got, err := ParsePositioning(in); err != nil || got != want {
			t.Errorf("ParsePositioning(%q) = %+v, %v", in, got, err)
		}
	}
	if got, err := ParsePositioning("—"); err != nil || !got.IsZero() {
		t.Errorf("a dash = %+v, %v; want the statement removed", got, err)
	}
	for _, bad := range []string{"просто текст", "a | b", "кому=Дилерам что=Проекты", "a | b | c | d"} {
		if _, err := ParsePositioning(bad); err == nil || !strings.Contains(UserMessage(English, err), "who we sell to") {
			t.Errorf("ParsePositioning(%q) = %v, want the three-part advice", bad, err)
		}
	}
}
