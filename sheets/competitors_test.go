package sheets

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"trackbot/domain"
)

// testMarket is a dealers' market with every kind of fact.
func testMarket() domain.Market {
	k := domain.Money(1000_00)
	d := func(m time.Month, day int) domain.Date { return domain.Date{Year: 2026, Month: m, Day: day} }
	return domain.Market{Segment: "dealers", Volume: 2_000_000 * k, VolumeSource: "Росстат", VolumeChecked: d(time.October, 1),
		Players: []domain.Competitor{
			{Key: "igromir", Name: "ИгроМир", Share: domain.Some(0.125), Source: "РБК", Products: []string{"Площадки", "Горки"},
				Features: []string{"Монтаж", "Гарантия 1,5 года"}, Price: domain.PriceRange{Min: 300 * k, Max: 700 * k},
				Target: "Дилеры", Advantages: []string{"Быстрая доставка"},
				Checked: map[domain.Fact]domain.Date{domain.FactShare: d(time.January, 10), domain.FactProducts: d(time.November, 2),
					domain.FactPrice: d(time.November, 3), domain.FactTarget: d(time.November, 4), domain.FactAdvantage: d(time.November, 5)}},
			{Key: "my", Name: "Мы", Us: true, Revenue: 123_456_78, Price: domain.PriceRange{Min: 150_000_50},
				Checked: map[domain.Fact]domain.Date{domain.FactShare: d(time.November, 1), domain.FactPrice: d(time.November, 1)}},
			{Key: "gorka", Name: "Gorka", Price: domain.PriceRange{Max: 90 * k},
				Checked: map[domain.Fact]domain.Date{domain.FactPrice: d(time.November, 6)}},
		}}
}

// applySheet applies a read sheet to empty markets, as a confirmed import
// would.
func applySheet(t *testing.T, ws *domain.Workspace, sheet CompetitorSheet) map[string]domain.Market {
	t.Helper()
	today := ws.Today(testNow)
	out := map[string]domain.Market{}
	for _, ch := range sheet.Markets {
		m := out[ch.Segment]
		m.Segment = ch.Segment
		m.ApplyVolume(ch, today)
		out[ch.Segment] = m
	}
	for _, ch := range sheet.Players {
		m := out[ch.Segment]
		m.Segment = ch.Segment
		if err := m.Apply(ch, domain.ChangeUpsert, 0, time.Time{}, today); err != nil {
			t.Fatalf("apply %s: %v", ch.Name, err)
		}
		out[ch.Segment] = m
	}
	return out
}

// sameMarket compares markets as a file carries them: players by name.
func sameMarket(t *testing.T, got, want domain.Market) {
	t.Helper()
	byName := func(m domain.Market) map[string]domain.Competitor {
		out := map[string]domain.Competitor{}
		for _, c := range m.Players {
			c.UpdatedBy, c.UpdatedAt, c.Segment = 0, time.Time{}, ""
			out[c.Name] = c
		}
		return out
	}
	if !reflect.DeepEqual(byName(got), byName(want)) {
		t.Errorf("players:\n got %+v\nwant %+v", byName(got), byName(want))
	}
	if got.Volume != want.Volume || got.VolumeSource != want.VolumeSource || got.VolumeChecked != want.VolumeChecked {
		t.Errorf("volume: got %v %q %v, want %v %q %v", got.Volume, got.VolumeSource, got.VolumeChecked, want.Volume, want.VolumeSource, want.VolumeChecked)
	}
}

func TestCompetitors_ExportReadsBackToTheSameTable(t *testing.T) {
	ws := newTestWorkspace()
	for _, lang := range domain.Langs {
		for _, format := range []string{FormatCSV, FormatXLSX} {
			t.Run(string(lang)+" "+format, func(t *testing.T) {
				data, err := Competitors(ws, lang, []domain.Market{testMarket()}, format, false)
				if err != nil {
					t.Fatal(err)
				}
				sheet, err := ReadCompetitors(ws, "competitors."+format, data, testNow, Limits{})
				if err != nil {
					t.Fatalf("read back: %v", err)
				}
				if !sheet.Found || !sheet.Alone {
					t.Errorf("found %v alone %v, want a sheet of its own", sheet.Found, sheet.Alone)
				}
				sameMarket(t, applySheet(t, ws, sheet)["dealers"], testMarket())
			})
		}
	}
}

func TestCompetitors_TemplateHasARowPerEmptySegment(t *testing.T) {
	ws := newTestWorkspace()
	data, err := Competitors(ws, domain.Russian, []domain.Market{testMarket()}, FormatCSV, true)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(strings.TrimPrefix(string(data), "\uFEFF")), "\n")
	if !strings.HasPrefix(lines[0], "Сегмент;Игрок;Мы;Доля;Выручка;Источник;Проверено: доля;Продукты") {
		t.Errorf("header = %s", lines[0])
	}
	// The market row, three players, an empty row for each other segment.
	if len(lines) != 1+1+3+2 || !strings.HasPrefix(lines[5], "Застройщики;;") || !strings.HasPrefix(lines[6], "Физлица;;") {
		t.Errorf("rows:\n%s", strings.Join(lines, "\n"))
	}
	if !strings.HasPrefix(lines[1], "Дилеры;Весь рынок;;;2000000000;Росстат;2026-10-01") {
		t.Errorf("market row = %s", lines[1])
	}
	// An empty template row is skipped; the rest reads back.
	if _, err := ReadCompetitors(ws, "t.csv", data, testNow, Limits{}); err != nil {
		t.Errorf("the template reads back with: %v", err)
	}
	xlsx, err := Competitors(ws, domain.English, nil, FormatXLSX, true)
	if err != nil {
		t.Fatal(err)
	}
	f := openXLSX(t, xlsx)
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{"Competitors", "Instructions"}) {
		t.Errorf("sheets = %v", got)
	}
	if _, err := ReadCompetitors(ws, "t.xlsx", xlsx, testNow, Limits{}); domain.ErrorCode(err) != domain.EINVALID ||
		!strings.Contains(err.Error(), "no player filled in") {
		t.Errorf("an untouched empty template: %v, want “no player filled in”", err)
	}
}

func TestReadCompetitors_TypedByHand(t *testing.T) {
	ws := newTestWorkspace()
	csv := "segment,player,us,share,price,features,advantage,checked\n" +
		"Dealers,PlayMax,,25%,300-700k,\"Installation; 3D design\",Fast delivery,01.11.2026\n" +
		"dealers,Kidsworld,yes,12,250k-600k,Installation,,\n" +
		"Developers,Whole market,,,,,,\n"
	sheet, err := ReadCompetitors(ws, "market.csv", []byte(csv), testNow, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	got := applySheet(t, ws, sheet)["dealers"]
	play, _ := got.Player("PlayMax")
	nov1 := domain.Date{Year: 2026, Month: time.November, Day: 1}
	if play.Share != domain.Some(0.25) || len(play.Features) != 2 || play.Checked[domain.FactPrice] != nov1 || play.Checked[domain.FactShare] != nov1 {
		t.Errorf("PlayMax = %+v", play)
	}
	kids, _ := got.Player("Kidsworld")
	if !kids.Us || kids.Share != domain.Some(0.12) || kids.Checked[domain.FactShare] != ws.Today(testNow) {
		t.Errorf("Kidsworld = %+v: want ours, 12%%, checked today", kids)
	}
	if len(sheet.Markets) != 0 {
		t.Errorf("a whole-market row without a volume gave %+v", sheet.Markets)
	}
}

func TestReadCompetitors_ProblemsNameTheCell(t *testing.T) {
	ws := newTestWorkspace()
	tests := []struct {
		name, csv string
		want      []string
	}{
		{"bad values", "segment,player,share,price,checked: price\n" +
			"Dealers,A,lots,cheap,2027-01-01\n" +
			"Nowhere,B,5%,,\n" +
			"Dealers,a,5%,,\n",
			[]string{`Row 2, column C (share): share "lots"`, `Row 2, column D (price): price "cheap"`, "Row 2, column E (checked: price)", "in the future",
				"Row 3, column A (segment): unknown segment", "Row 4, column B (player): this player of this segment is already in row 2"}},
		{"unknown column", "segment,player,colour\nDealers,A,red\n", []string{"Row 1, column C: unknown column"}},
		{"market row", "segment,player,revenue,features\nDealers,Весь рынок,1 млрд,Монтаж\n", []string{"whole market's row holds only its volume"}},
		{"shares over the market", "segment,player,share\nDealers,A,60%\nDealers,B,50%\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sheet, err := ReadCompetitors(ws, "x.csv", []byte(tt.csv), testNow, Limits{})
			if tt.want == nil {
				// Values are read here; the table as a whole is the domain's
				// to check when the import is proposed.
				if err != nil || len(sheet.Players) != 2 {
					t.Errorf("got %+v, %v", sheet, err)
				}
				return
			}
			if err == nil {
				t.Fatalf("accepted: %+v", sheet)
			}
			msg := domain.UserMessage(domain.English, err)
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message lacks %q:\n%s", w, msg)
				}
			}
		})
	}
}

func TestReadCompetitors_FindsTheSheetBesideTheNumbers(t *testing.T) {
	ws := newTestWorkspace()
	numbers, err := Template(ws, domain.English, []domain.Week{{Year: 2026, Num: 47}}, FormatXLSX)
	if err != nil {
		t.Fatal(err)
	}
	if sheet, err := ReadCompetitors(ws, "numbers.xlsx", numbers, testNow, Limits{}); err != nil || sheet.Found {
		t.Errorf("the numbers template: found %v, %v; want no competitor sheet", sheet.Found, err)
	}
	f := openXLSX(t, numbers)
	if _, err := f.NewSheet("Конкуренты"); err != nil {
		t.Fatal(err)
	}
	for i, row := range [][]any{{"Сегмент", "Игрок", "Доля"}, {"Дилеры", "ИгроМир", 0.25}} {
		if err := f.SetSheetRow("Конкуренты", "A"+string(rune('1'+i)), &row); err != nil {
			t.Fatal(err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	sheet, err := ReadCompetitors(ws, "both.xlsx", buf.Bytes(), testNow, Limits{})
	if err != nil || !sheet.Found || sheet.Alone || len(sheet.Players) != 1 || sheet.Players[0].Values.Share != domain.Some(0.25) {
		t.Errorf("got %+v, %v; want the competitor sheet found beside the numbers", sheet, err)
	}
	plain := "segment,week,leads\nDealers,2026-W47,5\n"
	if sheet, err := ReadCompetitors(ws, "n.csv", []byte(plain), testNow, Limits{}); err != nil || sheet.Found {
		t.Errorf("a numbers CSV: found %v, %v", sheet.Found, err)
	}
}
