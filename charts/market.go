package charts

import (
	"image"
	"image/color"
	"math"
	"strings"

	"trackbot/domain"
)

// The competitor pictures are read on a phone, so no text on them is
// smaller than sizePhone: 32 px at 1280 wide is 9 px at 360.
const sizePhone = 32

// Market shares layout: a name column, then one bar per player.
const (
	shareNameRight = 400
	shareBarLeft   = 430
	shareRowH      = 70
	shareBarH      = 46
)

// colUsBand is the light amber behind our column in the grid.
var colUsBand = color.RGBA{254, 243, 199, 255}

// marketBar is one bar of the market picture.
type marketBar struct {
	name  string
	us    bool
	value domain.Value // a share, or an amount in revenue mode
	col   color.RGBA
}

// MarketShares draws each player's share of the segment's market as bars,
// largest first, ours in amber with a star, and the part of the market no
// listed player holds as a grey "rest" bar at the end. When no share is known but
// revenues are, the bars are the revenue estimates. Players with neither
// are listed with a dash, so nobody silently drops out of the picture.
func (r *Renderer) MarketShares(ws *domain.Workspace, seg domain.Segment, m domain.Market) ([]byte, error) {
	lang := wsLang(ws)
	title := domain.Text(lang, "chart.market.title", domain.Shorten(segmentName(lang, seg), 30))
	bars, revenueMode := marketBars(lang, m)
	if bars == nil {
		return r.noData(lang, title)
	}
	c, err := newCanvas(r.font, pictureWide, contentTop+len(bars)*shareRowH+margin)
	if err != nil {
		return nil, err
	}
	c.header(title, "")
	c.text(c.fit(marketSubtitle(lang, wsCurrency(ws), m, revenueMode), sizePhone, c.w-2*margin), margin, titleBase+50, sizePhone, colMuted, alignLeft, false)
	var scale float64
	for _, b := range bars {
		if b.value.OK {
			scale = math.Max(scale, b.value.V)
		}
	}
	barMax := c.w - margin - shareBarLeft - 190
	for i, b := range bars {
		top := contentTop + i*shareRowH
		mid := top + shareRowH/2
		nameW := shareNameRight - margin
		if b.us {
			nameW -= 40
		}
		col := colInk
		if !b.value.OK {
			col = colMuted
		}
		name := c.fit(b.name, sizeLabel, nameW)
		w := c.text(name, shareNameRight, mid+sizeLabel/3, sizeLabel, col, alignRight, b.us)
		if b.us {
			c.star(shareNameRight-w-24, mid, 16, colFocus)
		}
		if !b.value.OK {
			c.text(domain.NoValue, shareBarLeft, mid+sizePhone/3, sizePhone, colMuted, alignLeft, false)
			continue
		}
		bw := 0
		if scale > 0 && b.value.V > 0 {
			bw = max(3, int(math.Round(b.value.V/scale*float64(barMax))))
		}
		c.rect(shareBarLeft, mid-shareBarH/2, shareBarLeft+bw, mid+shareBarH/2, b.col)
		label := percent(b.value.V, lang)
		if revenueMode {
			label = domain.FormatMoneyShort(b.value.V, wsCurrency(ws), lang)
		}
		c.text(label, shareBarLeft+bw+12, mid+sizePhone/3, sizePhone, colInk, alignLeft, true)
	}
	return c.encode()
}

// marketBars lists the bars, largest first: shares when any is known (with
// the rest of the market), else revenues; nil when there is neither.
func marketBars(lang domain.Lang, m domain.Market) (bars []marketBar, revenueMode bool) {
	players := m.Ranked()
	anyShare, anyRevenue := false, false
	for _, c := range players {
		anyShare = anyShare || m.ShareOf(c).OK
		anyRevenue = anyRevenue || c.Revenue > 0
	}
	if !anyShare && !anyRevenue {
		return nil, false
	}
	revenueMode = !anyShare
	var known float64
	for _, c := range players {
		b := marketBar{name: c.Name, us: c.Us, value: m.ShareOf(c), col: colBar}
		if revenueMode {
			b.value = domain.None
			if c.Revenue > 0 {
				b.value = domain.Some(c.Revenue.Units())
			}
		}
		if b.us {
			b.col = colFocus
		}
		if b.value.OK {
			known += b.value.V
		}
		bars = append(bars, b)
	}
	if !revenueMode && known < 0.995 {
		// What no listed player holds goes last, in grey: it is no player.
		bars = append(bars, marketBar{name: domain.Text(lang, "chart.market.rest"), value: domain.Some(1 - known), col: colGhost})
	}
	return bars, revenueMode
}

// marketSubtitle says what the bars measure: the market's volume and its
// source, or that the bars are revenue estimates.
func marketSubtitle(lang domain.Lang, currency string, m domain.Market, revenueMode bool) string {
	switch {
	case revenueMode:
		return domain.Text(lang, "chart.market.revenue_mode")
	case m.Volume > 0 && m.VolumeSource != "":
		return domain.Text(lang, "chart.market.volume_source", domain.FormatMoneyShort(m.Volume.Units(), currency, lang), m.VolumeSource)
	case m.Volume > 0:
		return domain.Text(lang, "chart.market.volume", domain.FormatMoneyShort(m.Volume.Units(), currency, lang))
	}
	return domain.Text(lang, "chart.market.shares")
}

// Comparison grid layout: feature names on the left, a column per player.
const (
	gridPlayers  = 6  // columns; ours is always among them
	gridFeatures = 12 // rows of features
	gridNameW    = 400
	gridHeadH    = 104
	gridRowH     = 62
	gridPriceH   = 100
)

// CompetitorGrid draws the players side by side against the features
// any of them offers — ✓ where a player offers it, ✗ where it does not —
// and each player's price range below. Our column is shaded amber, so a
// row where everyone has a ✓ reads at once as "nothing special about us".
// Our features come first; the largest players are kept when there are
// more than fit.
func (r *Renderer) CompetitorGrid(ws *domain.Workspace, seg domain.Segment, m domain.Market) ([]byte, error) {
	lang := wsLang(ws)
	title := domain.Text(lang, "chart.grid.title", domain.Shorten(segmentName(lang, seg), 30))
	players := gridColumns(m)
	features, more := gridRows(players)
	anyPrice := false
	for _, p := range players {
		anyPrice = anyPrice || !p.Price.IsZero()
	}
	if len(features) == 0 && !anyPrice {
		return r.noData(lang, title)
	}
	height := contentTop + gridHeadH + len(features)*gridRowH + margin
	if anyPrice {
		height += gridPriceH
	}
	c, err := newCanvas(r.font, pictureWide, height)
	if err != nil {
		return nil, err
	}
	c.header(title, "")
	sub := domain.Text(lang, "chart.grid.subtitle_all", len(players))
	if len(players) < len(m.Players) {
		sub = domain.Text(lang, "chart.grid.subtitle", len(players), len(m.Players))
	}
	if more > 0 {
		sub += " · " + domain.Text(lang, "chart.grid.more", more)
	}
	c.text(c.fit(sub, sizePhone, c.w-2*margin), margin, titleBase+50, sizePhone, colMuted, alignLeft, false)

	colW := (c.w - 2*margin - gridNameW) / max(len(players), 1)
	colX := func(i int) int { return margin + gridNameW + i*colW }
	top := contentTop
	for i, p := range players {
		if p.Us {
			c.rect(colX(i), top, colX(i)+colW, c.h-margin/2, colUsBand)
		}
	}
	for i, p := range players {
		c.gridHeader(p, colX(i), top, colW)
	}
	y := top + gridHeadH
	c.rect(margin/2, y-3, c.w-margin/2, y-1, colMuted)
	for j, f := range features {
		if j%2 == 1 {
			c.bandExceptUs(players, colX, colW, y, y+gridRowH)
		}
		mid := y + gridRowH/2
		c.text(c.fit(f, sizePhone, gridNameW-16), margin, mid+sizePhone/3, sizePhone, colInk, alignLeft, false)
		for i, p := range players {
			cx := colX(i) + colW/2
			if containsClaimOf(p.Features, f) {
				c.check(cx, mid, colGood)
			} else {
				c.cross(cx, mid, colGhost)
			}
		}
		y += gridRowH
	}
	if anyPrice {
		c.rect(margin/2, y+1, c.w-margin/2, y+3, colMuted)
		label := domain.Text(lang, "chart.grid.price", wsCurrency(ws))
		c.text(c.fit(label, sizePhone, gridNameW-16), margin, y+gridPriceH/2+sizePhone/3, sizePhone, colInk, alignLeft, true)
		for i, p := range players {
			price := p.Price.Localize("", lang)
			col := colInk
			if p.Price.IsZero() {
				col = colMuted
			}
			c.wrapped(price, colX(i)+colW/2, y+gridPriceH/2, colW-14, col, p.Us)
		}
	}
	return c.encode()
}

// gridColumns picks the players shown: the largest ones, ours always
// among them, in the table's order.
func gridColumns(m domain.Market) []domain.Competitor {
	ranked := m.Ranked()
	if len(ranked) <= gridPlayers {
		return ranked
	}
	var out []domain.Competitor
	for i, p := range ranked {
		usLater := false
		for _, q := range ranked[i+1:] {
			usLater = usLater || q.Us
		}
		if len(out) < gridPlayers-1 || p.Us || len(out) < gridPlayers && !usLater {
			out = append(out, p)
		}
		if len(out) == gridPlayers {
			break
		}
	}
	return out
}

// gridRows lists the features shown: ours first, then the others' in the
// players' order, each once (compared like names); more counts those left
// out.
func gridRows(players []domain.Competitor) (features []string, more int) {
	var all []string
	add := func(list []string) {
		for _, f := range list {
			if !containsClaimOf(all, f) {
				all = append(all, f)
			}
		}
	}
	for _, p := range players {
		if p.Us {
			add(p.Features)
		}
	}
	for _, p := range players {
		add(p.Features)
	}
	if len(all) > gridFeatures {
		return all[:gridFeatures], len(all) - gridFeatures
	}
	return all, 0
}

// containsClaimOf reports whether list holds f, compared like names.
func containsClaimOf(list []string, f string) bool {
	n := domain.NormalizeName(f)
	for _, s := range list {
		if domain.NormalizeName(s) == n {
			return true
		}
	}
	return false
}

// gridHeader writes a player's name over its column on up to two lines,
// ours bold with a star.
func (c *canvas) gridHeader(p domain.Competitor, x, top, colW int) {
	cx := x + colW/2
	lines := c.twoLines(p.Name, colW-14)
	y := top + gridHeadH/2 + sizePhone/3 - (len(lines)-1)*20
	if p.Us {
		c.star(cx, top+14, 12, colFocus)
		y += 8
	}
	for _, line := range lines {
		c.text(line, cx, y, sizePhone, colInk, alignCenter, p.Us)
		y += 40
	}
}

// wrapped writes s centred at (cx, mid) on one line, or on two when it is
// wider than maxW.
func (c *canvas) wrapped(s string, cx, mid, maxW int, col color.RGBA, bold bool) {
	lines := c.twoLines(s, maxW)
	y := mid + sizePhone/3 - (len(lines)-1)*20
	for _, line := range lines {
		c.text(line, cx, y, sizePhone, col, alignCenter, bold)
		y += 40
	}
}

// twoLines splits s at the space that best balances two lines when it does
// not fit maxW at the phone size; each line is cut with "…" if needed.
func (c *canvas) twoLines(s string, maxW int) []string {
	if c.textWidth(s, sizePhone) <= maxW {
		return []string{s}
	}
	words := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\u00a0' })
	best, bestW := -1, math.MaxInt
	for i := 1; i < len(words); i++ {
		w := max(c.textWidth(strings.Join(words[:i], " "), sizePhone), c.textWidth(strings.Join(words[i:], " "), sizePhone))
		if w < bestW {
			best, bestW = i, w
		}
	}
	if best < 0 {
		return []string{c.fit(s, sizePhone, maxW)}
	}
	return []string{c.fit(strings.Join(words[:best], " "), sizePhone, maxW), c.fit(strings.Join(words[best:], " "), sizePhone, maxW)}
}

// bandExceptUs shades a row, leaving our column's amber as it is.
func (c *canvas) bandExceptUs(players []domain.Competitor, colX func(int) int, colW, y0, y1 int) {
	c.rect(margin/2, y0, colX(0), y1, colBand)
	for i, p := range players {
		if !p.Us {
			c.rect(colX(i), y0, colX(i)+colW, y1, colBand)
		}
	}
	c.rect(colX(len(players)), y0, c.w-margin/2, y1, colBand)
}

// check draws a tick centred at (cx, cy); Roboto has no ✓ glyph.
func (c *canvas) check(cx, cy int, col color.RGBA) {
	c.polyline([]image.Point{{cx - 14, cy}, {cx - 4, cy + 11}, {cx + 16, cy - 13}}, 7, col)
}

// cross draws a small ✗ centred at (cx, cy).
func (c *canvas) cross(cx, cy int, col color.RGBA) {
	c.polyline([]image.Point{{cx - 10, cy - 10}, {cx + 10, cy + 10}}, 5, col)
	c.polyline([]image.Point{{cx - 10, cy + 10}, {cx + 10, cy - 10}}, 5, col)
}
