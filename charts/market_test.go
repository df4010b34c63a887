package charts

import (
	"image"
	"path/filepath"
	"testing"

	"trackbot/domain"
)

// Golden pictures of the competitor table. bot's handler tests enter the
// same table by commands and by file and compare their pictures with these
// files, so keep sampleMarket and those tests in step.

// sampleMarket is the dealers' market of the handler tests: four players,
// us among them, one known by its revenue only, a market volume.
func sampleMarket() domain.Market {
	k := domain.Money(1000_00)
	return domain.Market{Segment: "dealers", Volume: 2_000_000 * k, VolumeSource: "Rosstat 2025", Players: []domain.Competitor{
		{Key: "playmax", Name: "PlayMax", Share: domain.Some(0.25),
			Features: []string{"Installation", "5-year warranty", "Catalogue of 3000 items"},
			Price:    domain.PriceRange{Min: 300 * k, Max: 700 * k}, Advantages: []string{"Fast delivery"}, Target: "Dealers"},
		{Key: "kidsworld", Name: "Kidsworld", Us: true, Share: domain.Some(0.12),
			Features: []string{"Installation", "3D design", "5-year warranty"},
			Price:    domain.PriceRange{Min: 250 * k, Max: 600 * k}, Advantages: []string{"Fast delivery", "Own factory"}, Target: "Dealers"},
		{Key: "gorka", Name: "Gorka", Share: domain.Some(0.08), Features: []string{"Installation"},
			Price: domain.PriceRange{Min: 150 * k}, Advantages: []string{"Low price"}},
		{Key: "stroypark", Name: "StroyPark Group", Revenue: 90_000 * k, Features: []string{"3D design"},
			Price: domain.PriceRange{Min: 1000 * k, Max: 1500 * k}},
	}}
}

// marketCharts renders both competitor pictures of a market.
func marketCharts(lang domain.Lang, m domain.Market) map[string]func(*Renderer) ([]byte, error) {
	ws := testWorkspace(lang)
	return map[string]func(*Renderer) ([]byte, error){
		"market": func(r *Renderer) ([]byte, error) { return r.MarketShares(ws, dealers, m) },
		"grid":   func(r *Renderer) ([]byte, error) { return r.CompetitorGrid(ws, dealers, m) },
	}
}

func TestMarketCharts_MatchGolden(t *testing.T) {
	t.Parallel()
	r := newRenderer(t)
	for _, lang := range domain.Langs {
		for name, render := range marketCharts(lang, sampleMarket()) {
			file := filepath.Join("testdata", name+"_"+string(lang)+".png")
			t.Run(file, func(t *testing.T) {
				t.Parallel()
				checkGolden(t, file, must(t)(render(r)))
			})
		}
	}
}

func TestMarketShares_BarsAreSortedAndOursIsAmber(t *testing.T) {
	t.Parallel()
	img := pixels(t, func(r *Renderer) ([]byte, error) {
		return r.MarketShares(testWorkspace(domain.English), dealers, sampleMarket())
	})
	// Rows: PlayMax 25%, Kidsworld 12%, Gorka 8%, StroyPark 4.5% (its
	// revenue over the volume), then the rest of the market, 50.5%.
	wantShares := []float64{0.25, 0.12, 0.08, 0.045, 0.505}
	wantCols := []struct {
		name string
		col  [3]uint8
	}{{"PlayMax", [3]uint8{colBar.R, colBar.G, colBar.B}}, {"Kidsworld", [3]uint8{colFocus.R, colFocus.G, colFocus.B}},
		{"Gorka", [3]uint8{colBar.R, colBar.G, colBar.B}}, {"StroyPark", [3]uint8{colBar.R, colBar.G, colBar.B}},
		{"rest", [3]uint8{colGhost.R, colGhost.G, colGhost.B}}}
	var first int
	for i, share := range wantShares {
		mid := contentTop + i*shareRowH + shareRowH/2
		px := img.RGBAAt(shareBarLeft+1, mid)
		if got := [3]uint8{px.R, px.G, px.B}; got != wantCols[i].col {
			t.Errorf("row %d (%s): bar colour %v, want %v", i, wantCols[i].name, got, wantCols[i].col)
			continue
		}
		n := runLength(img, shareBarLeft, mid, px)
		if i == 0 {
			first = n
			continue
		}
		if want := int(float64(first) * share / wantShares[0]); n < want-2 || n > want+2 {
			t.Errorf("row %d (%s): bar %d px, want about %d (proportional to the first)", i, wantCols[i].name, n, want)
		}
	}
	// Kidsworld's star sits left of its name.
	row := contentTop + shareRowH
	if got := countColour(img, image.Rect(margin, row, shareNameRight, row+shareRowH), colFocus); got < 100 {
		t.Errorf("star pixels beside our name: %d", got)
	}
}

func TestMarketShares_RevenueModeAndNoData(t *testing.T) {
	t.Parallel()
	ws := testWorkspace(domain.English)
	k := domain.Money(1000_00)
	revenues := domain.Market{Players: []domain.Competitor{
		{Key: "a", Name: "A", Revenue: 100 * k}, {Key: "b", Name: "B", Revenue: 50 * k, Us: true}, {Key: "c", Name: "C"},
	}}
	img := pixels(t, func(r *Renderer) ([]byte, error) { return r.MarketShares(ws, dealers, revenues) })
	if got, want := img.Bounds().Dy(), contentTop+3*shareRowH+margin; got != want {
		t.Errorf("height %d, want %d: three rows and no rest-of-market row in revenue mode", got, want)
	}
	a := runLength(img, shareBarLeft, contentTop+shareRowH/2, colBar)
	b := runLength(img, shareBarLeft, contentTop+shareRowH+shareRowH/2, colFocus)
	if b < a/2-2 || b > a/2+2 {
		t.Errorf("bars %d and %d px, want the second half the first", a, b)
	}
	empty := pixels(t, func(r *Renderer) ([]byte, error) {
		return r.MarketShares(ws, dealers, domain.Market{Players: []domain.Competitor{{Key: "x", Name: "X", Features: []string{"f"}}}})
	})
	if got := empty.Bounds().Size(); got != (image.Point{pictureWide, 720}) {
		t.Errorf("no share and no revenue: size %v, want the no-data picture", got)
	}
}

func TestCompetitorGrid_ChecksWhereAPlayerOffersTheFeature(t *testing.T) {
	t.Parallel()
	m := sampleMarket()
	img := pixels(t, func(r *Renderer) ([]byte, error) { return r.CompetitorGrid(testWorkspace(domain.English), dealers, m) })
	players := gridColumns(m)
	features, _ := gridRows(players)
	if got, want := len(features), 4; got != want {
		t.Fatalf("features %v, want 4 (ours first, each once)", features)
	}
	if features[0] != "Installation" || features[1] != "3D design" {
		t.Errorf("features %v: ours come first, in our order", features)
	}
	colW := (pictureWide - 2*margin - gridNameW) / len(players)
	for j, f := range features {
		for i, p := range players {
			mid := contentTop + gridHeadH + j*gridRowH + gridRowH/2
			cx := margin + gridNameW + i*colW + colW/2
			cell := image.Rect(cx-22, mid-20, cx+22, mid+20)
			green := countColour(img, cell, colGood) > 40
			if want := containsClaimOf(p.Features, f); green != want {
				t.Errorf("%s × %s: tick %v, want %v", p.Name, f, green, want)
			}
		}
	}
	// Our column is shaded amber from the header down.
	usCol := margin + gridNameW + 1*colW
	if got := countColour(img, image.Rect(usCol+2, contentTop+2, usCol+12, img.Bounds().Dy()-margin), colUsBand); got < 300 {
		t.Errorf("amber pixels down our column: %d", got)
	}
}

func TestCompetitorGrid_KeepsUsAmongTheLargest(t *testing.T) {
	var m domain.Market
	for i, name := range []string{"A", "B", "C", "D", "E", "F", "G", "H"} {
		m.Players = append(m.Players, domain.Competitor{Key: name, Name: name, Share: domain.Some(0.1 - float64(i)/100), Us: name == "H"})
	}
	var names string
	for _, p := range gridColumns(m) {
		names += p.Name
	}
	if names != "ABCDEH" {
		t.Errorf("columns %q, want the five largest and us", names)
	}
	m.Players[7].Us, m.Players[1].Us = false, true
	names = ""
	for _, p := range gridColumns(m) {
		names += p.Name
	}
	if names != "ABCDEF" {
		t.Errorf("columns %q, want the six largest when we are among them", names)
	}
}

func TestMarketCharts_EdgeCasesRenderSaneSizes(t *testing.T) {
	t.Parallel()
	long := "Очень длинное название игрока рынка детских площадок"
	var many domain.Market
	for i := range domain.MaxPlayers {
		f := []string{long + string(rune('А'+i)), "Монтаж"}
		many.Players = append(many.Players, domain.Competitor{Key: string(rune('a' + i)), Name: long, Share: domain.Some(0.04),
			Features: f, Price: domain.PriceRange{Min: 1e12, Max: 1e13}, Us: i == 19})
	}
	for name, render := range marketCharts(domain.Russian, many) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			img := pixels(t, render)
			w, h := img.Bounds().Dx(), img.Bounds().Dy()
			if w+h > 10000 || max(w, h) > 20*min(w, h) || w != pictureWide {
				t.Errorf("size %dx%d is outside Telegram's photo limits", w, h)
			}
			if got := countColour(img, img.Bounds(), colInk); got < 200 {
				t.Errorf("ink pixels: %d", got)
			}
		})
	}
}

// The competitor pictures are read on phones like the others: every text
// and bar legible at phone width.
func TestMarketCharts_LegibleAtPhoneWidth(t *testing.T) {
	for _, lang := range domain.Langs {
		for name, render := range marketCharts(lang, sampleMarket()) {
			t.Run(name+"_"+string(lang), func(t *testing.T) {
				t.Parallel()
				for _, l := range layoutsOf(t, render) {
					checkPhoneWidth(t, l)
				}
			})
		}
	}
}
