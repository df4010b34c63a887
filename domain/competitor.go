package domain

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The market of a segment, after the seed's fourth post: before looking
// for growth elsewhere, a CEO lays out the segment's market — its volume
// and each player's share, their products and features, prices, the
// audience they sell to and the advantage they claim — with the company
// itself as one of the players, and then writes down "who we sell to —
// what we sell — why they buy from us".

// Fact is one thing known about a player. Each fact carries the date it
// was last checked, because facts age at different speeds: a share comes
// from a yearly report while prices move every month, and refreshing the
// price must not make a two-year-old share look current. StaleFacts lists
// the ones to check again.
type Fact string

// The facts known about a player.
const (
	FactShare     Fact = "share"     // market share or revenue estimate, with its source
	FactProducts  Fact = "products"  // products and their key features
	FactPrice     Fact = "price"     // price range
	FactTarget    Fact = "target"    // the audience they sell to
	FactAdvantage Fact = "advantage" // what they claim sets them apart
)

// Facts lists the facts in the order they are shown.
var Facts = []Fact{FactShare, FactProducts, FactPrice, FactTarget, FactAdvantage}

// Limits of a segment's market table: what a chat message and a picture
// read on a phone can still show.
const (
	MaxPlayers      = 20  // players per segment
	MaxPlayerItems  = 12  // products, features or advantages of one player
	maxPlayerName   = 40  // runes, like segment and stage names
	maxPlayerItem   = 60  // runes of one product, feature or advantage
	maxPlayerText   = 120 // runes of a source, a target audience
	maxPositionText = 300 // runes of one part of the positioning statement
)

// PriceRange is what a player charges, in hundredths like Money. A zero
// end is open: "from 300k" has no Max, "up to 700k" no Min.
type PriceRange struct {
	Min, Max Money
}

// IsZero reports whether no price is known.
func (p PriceRange) IsZero() bool { return p.Min == 0 && p.Max == 0 }

// Localize formats the range compactly in lang with the currency:
// "300–700k ₽", "from 300k ₽", "500k ₽".
func (p PriceRange) Localize(currency string, lang Lang) string {
	lo, hi := p.Min.Units(), p.Max.Units()
	switch {
	case p.IsZero():
		return NoValue
	case p.Max == 0:
		return Text(lang, "competitor.price_from", FormatMoneyShort(lo, currency, lang))
	case p.Min == 0:
		return Text(lang, "competitor.price_to", FormatMoneyShort(hi, currency, lang))
	case p.Min == p.Max:
		return FormatMoneyShort(lo, currency, lang)
	}
	// One unit for both ends when they share it: "300–700k ₽".
	loText, hiText := FormatMoneyShort(lo, "", lang), FormatMoneyShort(hi, currency, lang)
	if u := moneyUnit(loText); u != "" && u == moneyUnit(FormatMoneyShort(hi, "", lang)) {
		loText = strings.TrimSuffix(strings.TrimSuffix(loText, u), GroupSeparator)
	}
	return loText + "–" + hiText
}

// moneyUnit returns the unit word of a compact amount ("k", "млн"), or "".
func moneyUnit(s string) string {
	i := strings.LastIndexFunc(s, func(r rune) bool { return unicode.IsDigit(r) })
	return strings.TrimPrefix(s[i+1:], GroupSeparator)
}

// Competitor is a player in a segment's market. The company itself is one
// of them (Us), so it is compared by the same facts as everyone else.
type Competitor struct {
	Segment string // segment key
	Key     string // ASCII, unique within the segment: button data carries it
	Name    string
	Us      bool

	Share   Value  // fraction of the segment's market
	Revenue Money  // yearly revenue estimate; 0 is unknown
	Source  string // where the share or the revenue comes from

	Products []string
	Features []string
	Price    PriceRange
	Target   string // the audience they sell to
	// Advantages is what they claim sets them apart.
	Advantages []string

	// Checked holds the day each known fact was last checked; an unknown
	// fact has no date.
	Checked   map[Fact]Date
	UpdatedBy int64
	UpdatedAt time.Time
}

// Has reports whether the fact is known.
func (c Competitor) Has(f Fact) bool {
	switch f {
	case FactShare:
		return c.Share.OK || c.Revenue != 0
	case FactProducts:
		return len(c.Products) > 0 || len(c.Features) > 0
	case FactPrice:
		return !c.Price.IsZero()
	case FactTarget:
		return c.Target != ""
	case FactAdvantage:
		return len(c.Advantages) > 0
	}
	return false
}

// Positioning is a segment's answer to the seed's question "who we sell to
// — what we sell — why they buy from us".
type Positioning struct {
	Who, What, Why string
	By             int64
	At             time.Time
}

// IsZero reports whether no statement was written.
func (p Positioning) IsZero() bool { return p.Who == "" && p.What == "" && p.Why == "" }

// Market is a segment's market: its yearly volume, the players (us among
// them) and the segment's positioning statement.
type Market struct {
	Segment       string
	Volume        Money // yearly; 0 is unknown
	VolumeSource  string
	VolumeChecked Date
	Positioning   Positioning
	Players       []Competitor
}

// IsEmpty reports whether nothing is known about the market.
func (m Market) IsEmpty() bool {
	return len(m.Players) == 0 && m.Volume == 0 && m.Positioning.IsZero()
}

// Us returns our own row, if we are in the table.
func (m Market) Us() (Competitor, bool) {
	for _, c := range m.Players {
		if c.Us {
			return c, true
		}
	}
	return Competitor{}, false
}

// Player returns the player named s (its name or key, compared like other
// names).
func (m Market) Player(s string) (Competitor, bool) {
	i := m.playerIndex(s)
	if i < 0 {
		return Competitor{}, false
	}
	return m.Players[i], true
}

func (m Market) playerIndex(s string) int {
	n := NormalizeName(CleanName(s))
	if n == "" {
		return -1
	}
	return slices.IndexFunc(m.Players, func(c Competitor) bool {
		return NormalizeName(c.Name) == n || c.Key == s
	})
}

// ShareOf is the player's share of the market: the share as written, or
// its revenue over the market's volume when both are known.
func (m Market) ShareOf(c Competitor) Value {
	if c.Share.OK {
		return c.Share
	}
	if c.Revenue > 0 && m.Volume > 0 {
		return Some(float64(c.Revenue) / float64(m.Volume))
	}
	return None
}

// Ranked returns the players largest first: by share, then by revenue,
// then by name, so every view lists them in the same order whichever way
// they were entered.
func (m Market) Ranked() []Competitor {
	out := slices.Clone(m.Players)
	slices.SortStableFunc(out, func(a, b Competitor) int {
		sa, sb := m.ShareOf(a), m.ShareOf(b)
		switch {
		case sa.OK != sb.OK:
			if sa.OK {
				return -1
			}
			return 1
		case sa.OK && sa.V != sb.V:
			return cmp.Compare(sb.V, sa.V)
		case a.Revenue != b.Revenue:
			return cmp.Compare(b.Revenue, a.Revenue)
		}
		return cmp.Or(cmp.Compare(NormalizeName(a.Name), NormalizeName(b.Name)), cmp.Compare(a.Key, b.Key))
	})
	return out
}

// checkPlayerName refuses an empty or over-long name.
func checkPlayerName(name string) error {
	if name == "" || utf8.RuneCountInString(name) > maxPlayerName {
		return Errorf(EINVALID, "competitor.bad_name", maxPlayerName)
	}
	return nil
}

// playerKey returns a key for name not yet taken in the market.
func (m Market) playerKey(name string) string {
	base := Slug(name)
	if base == "" {
		base = "player"
	}
	key := base
	for n := 2; slices.ContainsFunc(m.Players, func(c Competitor) bool { return c.Key == key }); n++ {
		key = base + "_" + itoa(n)
	}
	return key
}

// Validate checks the market as a whole: names unique, one "us" at most,
// shares that fit in the market, revenues within its volume, each price
// range in order, each fact checked on a real day no later than today. It
// returns every problem found, so one reply says all that is wrong.
func (m Market) Validate(today Date) []*Error {
	var probs []*Error
	if len(m.Players) > MaxPlayers {
		probs = append(probs, Errorf(EINVALID, "competitor.too_many", MaxPlayers))
	}
	seen := map[string]bool{}
	var total float64
	us := 0
	for _, c := range m.Players {
		if err := checkPlayerName(c.Name); err != nil {
			probs = append(probs, err.(*Error))
		}
		if n := NormalizeName(c.Name); seen[n] {
			probs = append(probs, Errorf(ECONFLICT, "competitor.duplicate", c.Name))
		} else {
			seen[n] = true
		}
		if c.Us {
			us++
		}
		if c.Share.OK {
			if c.Share.V <= 0 || c.Share.V > 1 || math.IsNaN(c.Share.V) {
				probs = append(probs, Errorf(EINVALID, "competitor.bad_share_range", c.Name))
			} else {
				total += c.Share.V
			}
		}
		if c.Revenue < 0 {
			probs = append(probs, Errorf(EINVALID, "competitor.negative", c.Name))
		}
		if m.Volume > 0 && c.Revenue > m.Volume {
			probs = append(probs, Errorf(EINVALID, "competitor.revenue_over_volume", c.Name))
		}
		if c.Price.Min < 0 || c.Price.Max < 0 {
			probs = append(probs, Errorf(EINVALID, "competitor.negative", c.Name))
		} else if c.Price.Max != 0 && c.Price.Min > c.Price.Max {
			probs = append(probs, Errorf(EINVALID, "competitor.price_order", c.Name))
		}
		for _, f := range Facts {
			if d, ok := c.Checked[f]; ok && today.Before(d) {
				probs = append(probs, Errorf(EINVALID, "competitor.future_date", c.Name, d.String()))
				break
			}
		}
	}
	if us > 1 {
		probs = append(probs, Errorf(ECONFLICT, "competitor.two_us"))
	}
	// Shares typed from different sources rarely add up exactly: half a
	// point of slack, no more.
	if total > 1.005 {
		probs = append(probs, Errorf(EINVALID, "competitor.shares_over", percentText(total)))
	}
	if m.Volume < 0 {
		probs = append(probs, Errorf(EINVALID, "competitor.negative", m.Segment))
	}
	return probs
}

// percentText is a share rendered in the reader's language: "130%".
type percentText float64

// Localize formats the share in lang.
func (p percentText) Localize(lang Lang) string { return FormatPercent(Some(float64(p)), lang) }

// HasSizes reports whether any player's share or revenue is known: the
// market picture has something to draw.
func (m Market) HasSizes() bool {
	return slices.ContainsFunc(m.Players, func(c Competitor) bool { return m.ShareOf(c).OK || c.Revenue > 0 })
}

// HasOffers reports whether any player's features or price are known: the
// comparison grid has something to draw.
func (m Market) HasOffers() bool {
	return slices.ContainsFunc(m.Players, func(c Competitor) bool { return len(c.Features) > 0 || !c.Price.IsZero() })
}
