package domain

import (
	"slices"
	"strings"
	"time"
)

// PlayerField is one field of a player that a command or a file row sets.
type PlayerField string

// The fields of a player.
const (
	PlayerShare      PlayerField = "share"
	PlayerRevenue    PlayerField = "revenue"
	PlayerSource     PlayerField = "source"
	PlayerProducts   PlayerField = "products"
	PlayerFeatures   PlayerField = "features"
	PlayerPrice      PlayerField = "price"
	PlayerTarget     PlayerField = "target"
	PlayerAdvantages PlayerField = "advantage"
)

// PlayerFields lists the fields in the order files and examples show them.
var PlayerFields = []PlayerField{PlayerShare, PlayerRevenue, PlayerSource, PlayerProducts, PlayerFeatures,
	PlayerPrice, PlayerTarget, PlayerAdvantages}

// Fact returns the fact the field belongs to: its date changes with it.
func (f PlayerField) Fact() Fact {
	switch f {
	case PlayerShare, PlayerRevenue, PlayerSource:
		return FactShare
	case PlayerProducts, PlayerFeatures:
		return FactProducts
	case PlayerPrice:
		return FactPrice
	case PlayerTarget:
		return FactTarget
	}
	return FactAdvantage
}

// copyField sets field f of c to its value in from.
func copyField(c *Competitor, from Competitor, f PlayerField) {
	switch f {
	case PlayerShare:
		c.Share = from.Share
	case PlayerRevenue:
		c.Revenue = from.Revenue
	case PlayerSource:
		c.Source = from.Source
	case PlayerProducts:
		c.Products = slices.Clone(from.Products)
	case PlayerFeatures:
		c.Features = slices.Clone(from.Features)
	case PlayerPrice:
		c.Price = from.Price
	case PlayerTarget:
		c.Target = from.Target
	case PlayerAdvantages:
		c.Advantages = slices.Clone(from.Advantages)
	}
}

// CompetitorChange is what a command or a file row says about one player:
// the fields it names with their new values (an empty value clears the
// field), and when the facts it names were checked.
type CompetitorChange struct {
	Segment string
	Name    string // the player as named
	Rename  string // a new name, when editing
	Us      *bool  // mark or unmark the row as ours; nil leaves it
	Values  Competitor
	Fields  []PlayerField
	// On is the day the named facts were checked (checked=…); zero means
	// the day the change is applied. FactDates overrides it per fact (a
	// file has a date column per fact).
	On        Date
	FactDates map[Fact]Date
}

// facts lists the facts the change names, in Facts order.
func (ch CompetitorChange) facts() []Fact {
	var out []Fact
	for _, f := range Facts {
		if slices.ContainsFunc(ch.Fields, func(pf PlayerField) bool { return pf.Fact() == f }) {
			out = append(out, f)
		}
	}
	return out
}

// ChangeMode says whether a change adds a player, edits one, or does
// either (a file row).
type ChangeMode int

// The change modes.
const (
	ChangeAdd ChangeMode = iota
	ChangeEdit
	ChangeUpsert
)

// Apply makes the change to the market on day today, by the user at now.
// Adding a player that is there is an ECONFLICT error; editing one that is
// not, ENOTFOUND. Every fact the change names is dated On (or its own date,
// or today); a change naming no field but a date (checked=…) confirms every
// known fact of the player on that day. Apply does not validate the market
// as a whole: see Validate.
func (m *Market) Apply(ch CompetitorChange, mode ChangeMode, by int64, now time.Time, today Date) error {
	name := CleanName(ch.Name)
	if err := checkPlayerName(name); err != nil {
		return err
	}
	i := m.playerIndex(name)
	switch {
	case i >= 0 && mode == ChangeAdd:
		return Errorf(ECONFLICT, "competitor.exists", m.Players[i].Name)
	case i < 0 && mode == ChangeEdit:
		return Errorf(ENOTFOUND, "competitor.not_found", name, playerNames(m.Players))
	case i < 0:
		m.Players = append(m.Players, Competitor{Segment: m.Segment, Key: m.playerKey(name), Name: name})
		i = len(m.Players) - 1
	}
	c := &m.Players[i]
	if ch.Rename != "" {
		rename := CleanName(ch.Rename)
		if err := checkPlayerName(rename); err != nil {
			return err
		}
		if j := m.playerIndex(rename); j >= 0 && j != i {
			return Errorf(ECONFLICT, "competitor.exists", m.Players[j].Name)
		}
		c.Name = rename
	}
	if ch.Us != nil {
		c.Us = *ch.Us
	}
	for _, f := range ch.Fields {
		copyField(c, ch.Values, f)
	}
	facts := ch.facts()
	if len(ch.Fields) == 0 && !ch.On.IsZero() {
		facts = Facts // "checked=…" alone: everything known was checked again
	}
	if c.Checked == nil {
		c.Checked = map[Fact]Date{}
	}
	for _, f := range facts {
		day := today
		if !ch.On.IsZero() {
			day = ch.On
		}
		if d, ok := ch.FactDates[f]; ok && !d.IsZero() {
			day = d
		}
		c.Checked[f] = day
	}
	for _, f := range Facts {
		if !c.Has(f) {
			delete(c.Checked, f) // an unknown fact has no date
		}
	}
	c.UpdatedBy, c.UpdatedAt = by, now
	return nil
}

// Remove takes the player named s out of the market.
func (m *Market) Remove(s string) (Competitor, error) {
	i := m.playerIndex(s)
	if i < 0 {
		return Competitor{}, Errorf(ENOTFOUND, "competitor.not_found", CleanName(s), playerNames(m.Players))
	}
	c := m.Players[i]
	m.Players = slices.Delete(m.Players, i, i+1)
	return c, nil
}

// ConfirmChecked dates every known fact of the player with key on today:
// the CEO looked and nothing changed.
func (m *Market) ConfirmChecked(key string, by int64, now time.Time, today Date) (Competitor, error) {
	i := slices.IndexFunc(m.Players, func(c Competitor) bool { return c.Key == key })
	if i < 0 {
		return Competitor{}, Errorf(ESTALE, "button.stale")
	}
	c := &m.Players[i]
	c.Checked = map[Fact]Date{}
	for _, f := range Facts {
		if c.Has(f) {
			c.Checked[f] = today
		}
	}
	c.UpdatedBy, c.UpdatedAt = by, now
	return *c, nil
}

// MarketChange sets a segment's market volume and its source.
type MarketChange struct {
	Segment string
	Volume  Money // 0 clears it
	Source  string
	On      Date // when it was checked; zero is today
}

// ApplyVolume sets the market's volume as checked on ch.On, or today.
func (m *Market) ApplyVolume(ch MarketChange, today Date) {
	m.Volume, m.VolumeSource, m.VolumeChecked = ch.Volume, ch.Source, ch.On
	if m.VolumeChecked.IsZero() {
		m.VolumeChecked = today
	}
	if m.Volume == 0 {
		m.VolumeSource, m.VolumeChecked = "", Date{}
	}
}

// playerNames lists the players for "not found" messages.
type playerNames []Competitor

// Localize renders the names, or a hint when the table is empty.
func (l playerNames) Localize(lang Lang) string {
	if len(l) == 0 {
		return Text(lang, "competitor.none_yet")
	}
	names := make([]string, len(l))
	for i, c := range l {
		names[i] = c.Name
	}
	return strings.Join(names, ", ")
}

// errorList renders several problems, one per line.
type errorList []*Error

// Localize renders the list in lang.
func (l errorList) Localize(lang Lang) string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = "• " + e.Localize(lang)
	}
	return strings.Join(lines, "\n")
}

// competitorExample is a correct /competitor command in the workspace's
// words, shown under every refusal of a typed command.
type competitorExample struct{ segment Name }

// Localize renders the example in lang.
func (e competitorExample) Localize(lang Lang) string {
	return Text(lang, "competitor.example", strings.ToLower(e.segment.In(lang)))
}

// CompetitorExample is a correct /competitor command for ws, in the name
// of its first focus segment, rendered in the reader's language.
func CompetitorExample(ws *Workspace) Localizer {
	seg := ws.DefaultSegment()
	if seg.Key == "" {
		seg.Name = Name{En: "dealers", Ru: "дилеры"}
	}
	return competitorExample{segment: seg.Name}
}

// invalidMarket is the refusal of a change that leaves the market wrong,
// listing every problem and a correct example.
func invalidMarket(ws *Workspace, probs []*Error) error {
	code := EINVALID
	for _, p := range probs {
		if p.Code == ECONFLICT {
			code = ECONFLICT
		}
	}
	return Errorf(code, "competitor.invalid", errorList(probs), CompetitorExample(ws))
}
