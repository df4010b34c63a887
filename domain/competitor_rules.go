package domain

import (
	"slices"
	"time"
)

// Overlap is one of our claims that other players make too.
type Overlap struct {
	Claim   string   // as we wrote it
	Players []string // the others who offer or claim it, largest first
}

// Sameness is where we are not different from the other players of a
// market — the seed's test of competitiveness: "do we offer the clients
// something that suits them better than the other offers?".
type Sameness struct {
	HasUs bool // we are in the table; without us there is nothing to compare
	// Features are our features that others offer too.
	Features []Overlap
	// Advantages are the advantages we claim that others claim too, or
	// simply offer as a feature: either way it sets nobody apart.
	Advantages []Overlap
	// SameTarget are the players selling to the audience we sell to.
	SameTarget []string
	// Distinct are our features and advantages nobody else has.
	Distinct []string
	// AllFeaturesShared: every feature we claim is offered by others.
	AllFeaturesShared bool
	// BlendIn: we claim features or advantages and none is ours alone —
	// the seed's "we blend in with the rest", which sends the CEO back to
	// "who we sell to — what we sell — why they buy from us".
	BlendIn bool
}

// NotDifferent compares our row with every other player of the market.
// Claims are compared like names (case, ё, spaces and dashes do not
// matter); players are taken largest first, so the lists read in the same
// order as the table.
func (m Market) NotDifferent() Sameness {
	us, ok := m.Us()
	if !ok {
		return Sameness{}
	}
	s := Sameness{HasUs: true}
	var others []Competitor
	for _, c := range m.Ranked() {
		if !c.Us {
			others = append(others, c)
		}
	}
	offering := func(claim string, lists func(Competitor) [][]string) []string {
		var names []string
		for _, c := range others {
			for _, list := range lists(c) {
				if containsClaim(list, claim) {
					names = append(names, c.Name)
					break
				}
			}
		}
		return names
	}
	shared := 0
	for _, f := range us.Features {
		if who := offering(f, func(c Competitor) [][]string { return [][]string{c.Features} }); len(who) > 0 {
			s.Features = append(s.Features, Overlap{Claim: f, Players: who})
			shared++
		} else {
			s.Distinct = append(s.Distinct, f)
		}
	}
	s.AllFeaturesShared = len(us.Features) > 0 && shared == len(us.Features)
	for _, a := range us.Advantages {
		who := offering(a, func(c Competitor) [][]string { return [][]string{c.Advantages, c.Features} })
		if len(who) > 0 {
			s.Advantages = append(s.Advantages, Overlap{Claim: a, Players: who})
		} else if !containsClaim(s.Distinct, a) {
			s.Distinct = append(s.Distinct, a)
		}
	}
	if us.Target != "" {
		for _, c := range others {
			if NormalizeName(c.Target) == NormalizeName(us.Target) {
				s.SameTarget = append(s.SameTarget, c.Name)
			}
		}
	}
	claims := len(us.Features) + len(us.Advantages)
	s.BlendIn = claims > 0 && len(s.Distinct) == 0
	return s
}

// containsClaim reports whether list holds claim, compared like names.
func containsClaim(list []string, claim string) bool {
	n := NormalizeName(claim)
	return slices.ContainsFunc(list, func(s string) bool { return NormalizeName(s) == n })
}

// FactVolume is the market's volume, a fact of the segment rather than of
// a player; StaleFacts lists it too.
const FactVolume Fact = "volume"

// FactMaxAgeMonths is how long a fact stays current: a quarter. An older
// one is put before the CEO in the first review of the next quarter.
const FactMaxAgeMonths = 3

// StaleFact is a fact not checked for longer than a quarter.
type StaleFact struct {
	Segment string
	Player  string // empty for the market's volume
	Key     string // the player's key
	Fact    Fact
	Checked Date // zero when it was never dated
}

// Stale reports whether a fact checked on day d is older than a quarter
// on day today. A known fact without a date is stale: nobody knows when
// it was true.
func Stale(d, today Date) bool {
	if d.IsZero() {
		return true
	}
	return d.Time(time.UTC).AddDate(0, FactMaxAgeMonths, 0).Before(today.Time(time.UTC))
}

// StaleFacts lists the known facts of the markets older than a quarter on
// day today, market by market, players largest first.
func StaleFacts(markets []Market, today Date) []StaleFact {
	var out []StaleFact
	for _, m := range markets {
		if m.Volume != 0 && Stale(m.VolumeChecked, today) {
			out = append(out, StaleFact{Segment: m.Segment, Fact: FactVolume, Checked: m.VolumeChecked})
		}
		for _, c := range m.Ranked() {
			for _, f := range Facts {
				if c.Has(f) && Stale(c.Checked[f], today) {
					out = append(out, StaleFact{Segment: m.Segment, Player: c.Name, Key: c.Key, Fact: f, Checked: c.Checked[f]})
				}
			}
		}
	}
	return out
}

// FirstReviewOfQuarter reports whether the review is the first one opened
// in the calendar quarter of its opening day, in the workspace's time
// zone: that review puts the facts older than a quarter before the CEO.
// The same session posted again stays the first.
func (w *Workspace) FirstReviewOfQuarter(reviews []*Review, r *Review) bool {
	quarter := func(t time.Time) [2]int {
		d := w.Today(t)
		return [2]int{d.Year, (int(d.Month)-1)/3 + 1}
	}
	q := quarter(r.OpenedAt)
	for _, other := range reviews {
		if other.ID != r.ID && other.OpenedAt.Before(r.OpenedAt) && quarter(other.OpenedAt) == q {
			return false
		}
	}
	return true
}
