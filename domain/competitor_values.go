package domain

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The values of /competitor and of the competitor sheet's cells: shares
// and amounts as /log reads them, price ranges, lists of claims, the day a
// fact was checked.

// setChangeValue reads one assignment of a player's change.
func setChangeValue(ch *CompetitorChange, p assignment, today Date) []*Error {
	v := strings.TrimSpace(p.value)
	if v == "" {
		return []*Error{Errorf(EINVALID, "competitor.no_value", p.raw)}
	}
	cleared := slices.Contains(clearWords, v)
	switch p.key {
	case keyName:
		ch.Rename = v
		return nil
	case keyUs:
		us, ok := ParseYesNo(v)
		if !ok {
			return []*Error{Errorf(EINVALID, "competitor.bad_us", v)}
		}
		ch.Us = &us
		return nil
	case keyChecked:
		d, err := ParseCheckedDate(v, today)
		if err != nil {
			return []*Error{asError(err)}
		}
		ch.On = d
		return nil
	case keyVolume:
		return []*Error{Errorf(EINVALID, "competitor.volume_on_market")}
	}
	f := PlayerField(p.key)
	if slices.Contains(ch.Fields, f) {
		return []*Error{Errorf(EINVALID, "competitor.twice", p.raw)}
	}
	if !cleared {
		if err := SetPlayerField(&ch.Values, f, v); err != nil {
			return []*Error{asError(err)}
		}
	}
	ch.Fields = append(ch.Fields, f)
	return nil
}

// SetPlayerField reads the text of one field into c: a share, money, a
// price range, a text or a list, as typed in a command or a sheet cell.
func SetPlayerField(c *Competitor, f PlayerField, v string) error {
	v = strings.TrimSpace(v)
	switch f {
	case PlayerShare:
		share, err := ParsePercent(v)
		if err != nil || share <= 0 || share > 1 {
			return Errorf(EINVALID, "competitor.bad_share", v)
		}
		c.Share = Some(share)
	case PlayerRevenue:
		m, err := ParseMoney(v)
		if err != nil || m <= 0 {
			return Errorf(EINVALID, "competitor.bad_money", v)
		}
		c.Revenue = m
	case PlayerPrice:
		p, err := ParsePriceRange(v)
		if err != nil {
			return err
		}
		c.Price = p
	case PlayerSource, PlayerTarget:
		text := CleanName(v)
		if utf8.RuneCountInString(text) > maxPlayerText {
			return Errorf(EINVALID, "competitor.too_long", maxPlayerText)
		}
		if f == PlayerSource {
			c.Source = text
		} else {
			c.Target = text
		}
	case PlayerProducts, PlayerFeatures, PlayerAdvantages:
		items, err := splitClaims(v)
		if err != nil {
			return err
		}
		switch f {
		case PlayerProducts:
			c.Products = items
		case PlayerFeatures:
			c.Features = items
		default:
			c.Advantages = items
		}
	}
	return nil
}

// splitClaims splits a list at commas (not between digits: "1,5 года"),
// semicolons, bars and new lines, dropping empty items and repeats.
func splitClaims(v string) ([]string, error) {
	runes := []rune(v)
	var items []string
	var cur []rune
	flush := func() {
		item := CleanName(string(cur))
		cur = cur[:0]
		if item != "" && !containsClaim(items, item) {
			items = append(items, item)
		}
	}
	for i, r := range runes {
		switch {
		case r == ',' && i > 0 && i+1 < len(runes) && unicode.IsDigit(runes[i-1]) && unicode.IsDigit(runes[i+1]):
			cur = append(cur, r)
		case r == ',' || r == ';' || r == '|' || r == '\n':
			flush()
		default:
			cur = append(cur, r)
		}
	}
	flush()
	if len(items) > MaxPlayerItems {
		return nil, Errorf(EINVALID, "competitor.too_many_items", MaxPlayerItems)
	}
	for _, it := range items {
		if utf8.RuneCountInString(it) > maxPlayerItem {
			return nil, Errorf(EINVALID, "competitor.item_too_long", Shorten(it, 20), maxPlayerItem)
		}
	}
	return items, nil
}

// setMarketValue reads one assignment of /competitor market.
func setMarketValue(ch *MarketChange, p assignment, today Date) []*Error {
	v := strings.TrimSpace(p.value)
	if v == "" {
		return []*Error{Errorf(EINVALID, "competitor.no_value", p.raw)}
	}
	switch p.key {
	case keyVolume:
		if slices.Contains(clearWords, v) {
			ch.Volume = 0
			return nil
		}
		m, err := ParseMoney(v)
		if err != nil || m <= 0 {
			return []*Error{Errorf(EINVALID, "competitor.bad_money", v)}
		}
		ch.Volume = m
	case string(PlayerSource):
		ch.Source = CleanName(v)
		if utf8.RuneCountInString(ch.Source) > maxPlayerText {
			return []*Error{Errorf(EINVALID, "competitor.too_long", maxPlayerText)}
		}
	case keyChecked:
		d, err := ParseCheckedDate(v, today)
		if err != nil {
			return []*Error{asError(err)}
		}
		ch.On = d
	default:
		return []*Error{Errorf(EINVALID, "competitor.market_keys", p.raw)}
	}
	return nil
}

// ParsePriceRange reads a price or a range of prices: "500k", "300-700k"
// (the unit of the upper end applies to a bare lower end), "300k – 1,2 млн",
// "от 300к" / "from 300k", "до 700к" / "up to 700k".
func ParsePriceRange(s string) (PriceRange, error) {
	raw := strings.TrimSpace(s)
	bad := Errorf(EINVALID, "competitor.bad_price", raw)
	lower := strings.ToLower(raw)
	for _, w := range []string{"from ", "от "} {
		if rest, ok := strings.CutPrefix(lower, w); ok {
			m, err := ParseMoney(raw[len(raw)-len(rest):])
			if err != nil || m <= 0 {
				return PriceRange{}, bad
			}
			return PriceRange{Min: m}, nil
		}
	}
	for _, w := range []string{"up to ", "to ", "до "} {
		if rest, ok := strings.CutPrefix(lower, w); ok {
			m, err := ParseMoney(raw[len(raw)-len(rest):])
			if err != nil || m <= 0 {
				return PriceRange{}, bad
			}
			return PriceRange{Max: m}, nil
		}
	}
	lo, hi, ranged := cutRange(raw)
	if !ranged {
		m, err := ParseMoney(raw)
		if err != nil || m <= 0 {
			return PriceRange{}, bad
		}
		return PriceRange{Min: m, Max: m}, nil
	}
	hiM, err := ParseMoney(hi)
	if err != nil || hiM <= 0 {
		return PriceRange{}, bad
	}
	if !strings.ContainsFunc(lo, unicode.IsLetter) {
		// "300-700k": the lower end borrows the unit of the upper one.
		unit := strings.TrimLeftFunc(hi, func(r rune) bool {
			return unicode.IsDigit(r) || unicode.IsSpace(r) || r == '.' || r == ','
		})
		lo = strings.TrimSpace(lo) + unit
	}
	loM, err := ParseMoney(lo)
	if err != nil || loM <= 0 {
		return PriceRange{}, bad
	}
	if loM > hiM {
		return PriceRange{}, Errorf(EINVALID, "competitor.bad_price_order", raw)
	}
	return PriceRange{Min: loM, Max: hiM}, nil
}

// cutRange splits "a-b" at the first dash (or "..") after the first digit.
func cutRange(s string) (lo, hi string, ok bool) {
	first := strings.IndexFunc(s, unicode.IsDigit)
	if first < 0 {
		return "", "", false
	}
	for _, sep := range []string{"–", "—", "..", "-"} {
		if i := strings.Index(s[first:], sep); i >= 0 {
			return s[:first+i], s[first+i+len(sep):], true
		}
	}
	return "", "", false
}

// ParseCheckedDate reads the day a fact was checked: "today"/"сегодня",
// 2026-03-01, 01.03.2026 or 01.03 (the last such day up to today). A day
// after today is refused: nobody checks a fact in the future.
func ParseCheckedDate(s string, today Date) (Date, error) {
	s = strings.TrimSpace(s)
	switch NormalizeName(s) {
	case "today", "сегодня":
		return today, nil
	}
	var d Date
	switch norm := strings.ReplaceAll(s, "/", "."); {
	case parseLayout(s, "2006-01-02", &d), parseLayout(norm, "2.1.2006", &d):
	case parseLayout(norm, "2.1", &d):
		d.Year = today.Year
		if today.Before(d) {
			d.Year--
		}
	default:
		return Date{}, Errorf(EINVALID, "competitor.bad_date", s)
	}
	if today.Before(d) {
		return Date{}, Errorf(EINVALID, "competitor.future_date_typed", d.Localize(English))
	}
	return d, nil
}
