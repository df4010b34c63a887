package domain

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Numbers arrive typed by people in two languages: "1 200 000", "1,2 млн",
// "350k", "12 345,67 ₽", "12,345.67", "1'200'000". The parsers below accept
// all of these and resolve the ambiguous ones by fixed rules:
//
//   - Spaces (also no-break and narrow no-break spaces) and apostrophes
//     group thousands: the first group has 1–3 digits, every next one exactly
//     3, so "120 80" (two numbers run together) is refused, not read as 12080.
//   - When both "." and "," appear, the last one is the decimal mark and the
//     other groups thousands: "12,345.67" and "1.234.567,89".
//   - The same mark appearing twice or more groups thousands: "1,200,000".
//   - A single "," or "." followed by exactly three digits, with no other
//     separator, a whole part of 1–3 digits other than "0", and no
//     multiplier or percent sign, groups thousands: "1,200" and "1.200" are
//     1200. Anything else with a single mark is a decimal: "1,2", "0,125",
//     "1234,567", "1,250 млн", "12.125%".
//   - Multipliers: к/k/тыс (thousand), m/млн/mln (million), млрд/bn/b
//     (billion), and the spoken ones of slangMultipliers (кк, лям, т.р.).
//     Currency marks (₽, руб, р., $, €, rub, usd, eur) are ignored.
//
// Values above MaxNumber, NaN and infinities are refused, so a typo never
// turns into a figure that breaks every chart.

// MaxNumber is the largest magnitude the parsers accept (a quadrillion):
// far above any real weekly figure, far below float and Money limits.
const MaxNumber = 1e15

// maxNumberLen bounds the text of one number, so a pasted paragraph is
// refused at once.
const maxNumberLen = 64

// maxDigits is the most significant digits a number may carry; 18 digits
// always fit in an int64.
const maxDigits = 18

// decimal is an exact number: digits × 10^exp, negative when neg is set.
type decimal struct {
	digits uint64
	exp    int
	neg    bool
}

// numberText is what parseDecimal found besides the digits.
type numberText struct {
	percent    bool // a trailing % sign
	multiplier bool // a multiplier such as "млн" or "k"
}

// ParseNumber reads a number written the way people write them (see the
// rules above) and returns its value. Errors are EINVALID with the
// "entry.bad_number" text, which shows the accepted formats.
func ParseNumber(s string) (float64, error) {
	d, meta, err := parseDecimal(s)
	if err != nil {
		return 0, err
	}
	if meta.percent {
		return 0, badNumber(s)
	}
	return d.float(), nil
}

// ParseMoney reads an amount like ParseNumber and returns it in hundredths
// of the currency, rounding half away from zero. Negative amounts are
// accepted here (a refund is an amount); ValidateRecord refuses negative
// spend and revenue.
func ParseMoney(s string) (Money, error) {
	d, meta, err := parseDecimal(s)
	if err != nil {
		return 0, err
	}
	if meta.percent {
		return 0, badNumber(s)
	}
	return d.hundredths(), nil
}

// ParseCount reads a count of people or items: a whole number of zero or
// more, written like ParseNumber ("1 200", "1,2 тыс" and "12k" are fine,
// "2.5" and "-3" are not).
func ParseCount(s string) (int64, error) {
	d, meta, err := parseDecimal(s)
	if err != nil {
		return 0, err
	}
	n, whole := d.integer()
	if meta.percent || !whole || (d.neg && n != 0) {
		return 0, Errorf(EINVALID, "entry.bad_count", strings.TrimSpace(s))
	}
	return n, nil
}

// ParsePercent reads a share such as a margin and returns it as a fraction:
// "35%" and "35" are 0.35, "0.35" is 0.35 too. The rule: with a % sign the
// number is percent; without it a number whose magnitude is above 1 is
// percent and one of 1 or less is already a fraction (so "1" is 100%).
func ParsePercent(s string) (float64, error) {
	d, meta, err := parseDecimal(s)
	if err != nil {
		return 0, Errorf(EINVALID, "entry.bad_percent", strings.TrimSpace(s))
	}
	v := d.float()
	if meta.multiplier {
		return 0, Errorf(EINVALID, "entry.bad_percent", strings.TrimSpace(s))
	}
	if meta.percent || math.Abs(v) > 1 {
		d.exp -= 2 // shift the decimal point instead of dividing: 35.5% is exactly 0.355
		v = d.float()
	}
	return v, nil
}

// badNumber is the error for text that is not a number.
func badNumber(s string) error {
	return Errorf(EINVALID, "entry.bad_number", strings.TrimSpace(s))
}

// parseDecimal splits s into sign, digits and suffix and reads each.
func parseDecimal(s string) (decimal, numberText, error) {
	raw := s
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" || len(s) > maxNumberLen || !utf8.ValidString(s) {
		return decimal{}, numberText{}, badNumber(raw)
	}
	s = trimCurrencyPrefix(s)
	neg := false
	if rest, ok := cutSign(s); ok {
		neg, s = true, trimCurrencyPrefix(rest)
	} else if rest, ok := strings.CutPrefix(s, "+"); ok {
		s = trimCurrencyPrefix(rest)
	}
	core, suffix := splitNumberCore(s)
	exp, meta, ok := parseSuffix(suffix)
	if !ok || core == "" {
		return decimal{}, numberText{}, badNumber(raw)
	}
	multiplied := exp != 0 || meta.percent
	digits, frac, ok := normalizeDigits(core, multiplied)
	if !ok {
		return decimal{}, numberText{}, badNumber(raw)
	}
	d, ok := makeDecimal(digits, frac, exp, neg)
	if !ok {
		return decimal{}, numberText{}, badNumber(raw)
	}
	if math.Abs(d.float()) > MaxNumber {
		return decimal{}, numberText{}, Errorf(EINVALID, "entry.too_big", strings.TrimSpace(raw))
	}
	return d, meta, nil
}

// cutSign removes a leading minus: a hyphen or the real minus sign.
func cutSign(s string) (string, bool) {
	for _, minus := range []string{"-", "−", "–"} {
		if rest, ok := strings.CutPrefix(s, minus); ok {
			return rest, true
		}
	}
	return s, false
}

// currencyPrefixes are marks written before an amount: $350, € 1 200.
var currencyPrefixes = []string{"$", "€", "₽"}

func trimCurrencyPrefix(s string) string {
	for _, c := range currencyPrefixes {
		s = strings.TrimSpace(strings.TrimPrefix(s, c))
	}
	return s
}

// isGroupSpace reports whether r separates thousands: a space, a no-break
// space, a narrow no-break space or a thin space.
func isGroupSpace(r rune) bool {
	return r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2009'
}

// isApostrophe reports whether r is an apostrophe used to group thousands
// (the Swiss way: 1'200'000).
func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// splitNumberCore returns the leading run of digits and separators, and
// what follows it (a multiplier, a currency, a percent sign).
func splitNumberCore(s string) (core, suffix string) {
	end := 0
	for i, r := range s {
		if !(r >= '0' && r <= '9' || r == '.' || r == ',' || isGroupSpace(r) || isApostrophe(r)) {
			break
		}
		end = i + utf8.RuneLen(r)
	}
	return strings.TrimFunc(s[:end], isGroupSpace), strings.TrimSpace(s[end:])
}

// parseSuffix reads what follows the digits: an optional multiplier, an
// optional currency, or a percent sign alone.
func parseSuffix(suffix string) (exp int, meta numberText, ok bool) {
	compact := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '.' {
			return -1
		}
		return r
	}, suffix)
	if compact == "%" {
		return 0, numberText{percent: true}, true
	}
	for _, c := range currencySuffixes {
		if rest, found := strings.CutSuffix(compact, c); found {
			compact = rest
			break
		}
	}
	exp, ok = multipliers[compact]
	if !ok {
		exp, ok = slangMultipliers[compact]
	}
	return exp, numberText{multiplier: exp != 0}, ok
}

// normalizeDigits resolves grouping and the decimal mark of core (see the
// rules at the top of the file) and returns the whole and fractional digits.
func normalizeDigits(core string, multiplied bool) (whole, frac string, ok bool) {
	groups := strings.FieldsFunc(core, func(r rune) bool { return isGroupSpace(r) || isApostrophe(r) })
	if len(groups) > 1 {
		return joinSpacedGroups(groups)
	}
	dots, commas := strings.Count(core, "."), strings.Count(core, ",")
	switch {
	case dots == 0 && commas == 0:
		return core, "", allDigits(core)
	case dots > 0 && commas > 0:
		return splitMixedMarks(core)
	case dots+commas > 1:
		return joinMarkedGroups(core)
	}
	whole, frac, _ = strings.Cut(strings.ReplaceAll(core, ",", "."), ".")
	if len(frac) == 3 && !multiplied && len(whole) >= 1 && len(whole) <= 3 && whole != "0" {
		return whole + frac, "", allDigits(whole) && allDigits(frac)
	}
	return whole, frac, frac != "" && (whole == "" || allDigits(whole)) && allDigits(frac)
}

// joinSpacedGroups reads "1 200 000" and "12 345,67": thousands split by
// spaces or apostrophes, a decimal mark allowed only in the last group.
func joinSpacedGroups(groups []string) (whole, frac string, ok bool) {
	last := groups[len(groups)-1]
	lastWhole, frac, hasFrac := strings.Cut(strings.ReplaceAll(last, ",", "."), ".")
	if hasFrac && !allDigits(frac) {
		return "", "", false
	}
	groups = append(groups[:len(groups)-1:len(groups)-1], lastWhole)
	if !validGroups(groups) {
		return "", "", false
	}
	return strings.Join(groups, ""), frac, true
}

// splitMixedMarks reads "12,345.67" and "1.234.567,89": the last mark is
// the decimal one and must appear once.
func splitMixedMarks(core string) (whole, frac string, ok bool) {
	i := strings.LastIndexAny(core, ".,")
	decimalMark, groupMark := core[i:i+1], ","
	if decimalMark == "," {
		groupMark = "."
	}
	head := core[:i]
	if strings.Contains(head, decimalMark) {
		return "", "", false
	}
	frac = core[i+1:]
	if !allDigits(frac) || frac == "" || !validGroups(strings.Split(head, groupMark)) {
		return "", "", false
	}
	return strings.ReplaceAll(head, groupMark, ""), frac, true
}

// joinMarkedGroups reads "1,200,000" and "1.200.000".
func joinMarkedGroups(core string) (whole, frac string, ok bool) {
	groups := strings.FieldsFunc(core, func(r rune) bool { return r == '.' || r == ',' })
	if len(groups) != strings.Count(core, ".")+strings.Count(core, ",")+1 || !validGroups(groups) {
		return "", "", false
	}
	return strings.Join(groups, ""), "", true
}

// validGroups checks thousands groups: the first of 1–3 digits, the rest of 3.
func validGroups(groups []string) bool {
	for i, g := range groups {
		if !allDigits(g) || len(g) > 3 || i > 0 && len(g) != 3 {
			return false
		}
	}
	return true
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// makeDecimal builds whole.frac × 10^exp exactly, refusing more
// significant digits than an int64 holds.
func makeDecimal(whole, frac string, exp int, neg bool) (decimal, bool) {
	all := strings.TrimLeft(whole+frac, "0")
	if len(all) > maxDigits {
		return decimal{}, false
	}
	d := decimal{exp: exp - len(frac), neg: neg}
	if all != "" {
		n, err := strconv.ParseUint(all, 10, 64)
		if err != nil {
			return decimal{}, false
		}
		d.digits = n
	}
	return d, true
}

// float returns the nearest float64, rounded correctly by strconv.
func (d decimal) float() float64 {
	s := strconv.FormatUint(d.digits, 10) + "e" + strconv.Itoa(d.exp)
	v, err := strconv.ParseFloat(s, 64)
	if err != nil { // only out-of-range exponents, which MaxNumber refuses anyway
		return math.Inf(1)
	}
	if d.neg {
		return -v
	}
	return v
}

// integer returns the value as an int64 and whether it is whole. Values
// here are below MaxNumber, so they fit.
func (d decimal) integer() (int64, bool) {
	n, rem := d.scaled(0)
	return n, rem == 0
}

// hundredths returns the value in hundredths, rounded half away from zero.
func (d decimal) hundredths() Money {
	n, rem := d.scaled(2)
	if rem >= 5 {
		if n >= 0 {
			n++
		} else {
			n--
		}
	}
	return Money(n)
}

// scaled returns the value × 10^shift truncated toward zero, and the first
// dropped digit (1..9 when something nonzero was dropped and the first
// dropped digit is 0, so a remainder is never mistaken for none).
func (d decimal) scaled(shift int) (int64, int) {
	n, e := d.digits, d.exp+shift
	for ; e > 0; e-- {
		n *= 10
	}
	first, rest := 0, false
	for ; e < 0; e++ {
		rest = rest || first != 0
		first = int(n % 10)
		n /= 10
	}
	if first == 0 && rest {
		first = 1
	}
	v := int64(n)
	if d.neg {
		v = -v
	}
	return v, first
}
