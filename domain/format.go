package domain

import (
	"math"
	"strconv"
	"strings"
)

// Number formatting shared by the chat texts, the charts and the files, so
// a figure reads the same everywhere.
const (
	// NoValue is how an undefined number (a zero denominator) is shown.
	NoValue = "—"
	// GroupSeparator splits thousands: a no-break space, so Telegram never
	// wraps "1 200 000" across lines.
	GroupSeparator = "\u00a0"
	// Minus is the real minus sign, wider and clearer than a hyphen.
	Minus = "−"
)

// FormatCount formats a count with grouped thousands: "12 345".
func FormatCount(n int64) string {
	s := groupThousands(strconv.FormatUint(absInt(n), 10))
	if n < 0 {
		return Minus + s
	}
	return s
}

// FormatMoney formats an amount in currency units with grouped thousands
// and the currency after it: "1 200 000 ₽". Kopecks are shown only for
// amounts below 100 that have them, where they matter (a CPL of 45,50 ₽).
func FormatMoney(m float64, currency string, lang Lang) string {
	if math.IsNaN(m) || math.IsInf(m, 0) {
		return NoValue
	}
	decimals := 0
	if cents := math.Round(m * 100); math.Abs(cents) < 100*100 && math.Mod(cents, 100) != 0 {
		decimals = 2
	}
	return withCurrency(formatNumber(m, decimals, lang), currency)
}

// FormatMoneyValue formats a possibly undefined amount like FormatMoney.
func FormatMoneyValue(v Value, currency string, lang Lang) string {
	if !v.OK {
		return NoValue
	}
	return FormatMoney(v.V, currency, lang)
}

// FormatMoneyShort formats an amount compactly for chart axes and labels:
// "1.2 M ₽" or "1,2 млн ₽", "450 k ₽" or "450 тыс. ₽"; amounts below a
// thousand are formatted like FormatMoney.
func FormatMoneyShort(m float64, currency string, lang Lang) string {
	if math.IsNaN(m) || math.IsInf(m, 0) {
		return NoValue
	}
	units := []struct {
		size   float64
		en, ru string
	}{{1e9, "B", "млрд"}, {1e6, "M", "млн"}, {1e3, "k", "тыс."}}
	for _, u := range units {
		if math.Abs(roundCompact(m/u.size)) >= 1 {
			unit := u.en
			if lang == Russian {
				unit = u.ru
			}
			return withCurrency(compactNumber(m/u.size, lang)+GroupSeparator+unit, currency)
		}
	}
	return FormatMoney(m, currency, lang)
}

// FormatPercent formats a fraction as a percentage: 0.64 → "64%", with one
// decimal below 10% where it carries information: 0.045 → "4.5%" ("4,5%" in
// Russian).
func FormatPercent(v Value, lang Lang) string {
	if !v.OK || math.IsNaN(v.V) || math.IsInf(v.V, 0) {
		return NoValue
	}
	return compactNumber(v.V*100, lang) + "%"
}

// FormatPoints formats a change of a rate in percentage points, with its
// sign: 0.12 → "+12 pp" or "+12 п.п.", −0.045 → "−4.5 pp".
func FormatPoints(delta float64, lang Lang) string {
	if math.IsNaN(delta) || math.IsInf(delta, 0) {
		return NoValue
	}
	unit := "pp"
	if lang == Russian {
		unit = "п.п."
	}
	return signed(delta*100, lang) + GroupSeparator + unit
}

// FormatDelta formats a change of an amount in percent, with its sign:
// 0.15 → "+15%", −0.5 → "−50%".
func FormatDelta(delta float64, lang Lang) string {
	if math.IsNaN(delta) || math.IsInf(delta, 0) {
		return NoValue
	}
	return signed(delta*100, lang) + "%"
}

// compactNumber formats x with one decimal when |x| < 10 and the decimal is
// not zero, else as a whole number: 4.5, 4, 64, 250.
func compactNumber(x float64, lang Lang) string {
	r := roundCompact(x)
	if r == math.Trunc(r) {
		return formatNumber(r, 0, lang)
	}
	return formatNumber(r, 1, lang)
}

// roundCompact rounds x the way compactNumber shows it.
func roundCompact(x float64) float64 {
	if r := math.Round(x*10) / 10; math.Abs(r) < 10 {
		return r
	}
	return math.Round(x)
}

// signed is compactNumber with an explicit "+" or "−"; a change that rounds
// to zero has no sign.
func signed(x float64, lang Lang) string {
	r := roundCompact(x)
	switch {
	case r > 0:
		return "+" + compactNumber(r, lang)
	case r < 0:
		return compactNumber(r, lang)
	}
	return "0"
}

// formatNumber formats x with the given decimals, grouped thousands, the
// language's decimal mark and the real minus sign.
func formatNumber(x float64, decimals int, lang Lang) string {
	s := strconv.FormatFloat(math.Abs(x), 'f', decimals, 64)
	whole, frac, hasFrac := strings.Cut(s, ".")
	out := groupThousands(whole)
	if hasFrac {
		out += DecimalMark(lang) + frac
	}
	if x < 0 && strings.Trim(s, "0.") != "" {
		out = Minus + out
	}
	return out
}

// DecimalMark is the decimal mark of numbers written in lang: a comma in
// Russian, a dot in English. Chat texts and exported files share it, so a
// number reads the same everywhere.
func DecimalMark(lang Lang) string {
	if lang == Russian {
		return ","
	}
	return "."
}

// groupThousands puts GroupSeparator between groups of three digits.
func groupThousands(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	head := len(digits) % 3
	if head > 0 {
		b.WriteString(digits[:head])
	}
	for i := head; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteString(GroupSeparator)
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

func withCurrency(number, currency string) string {
	if currency == "" {
		return number
	}
	return number + GroupSeparator + currency
}

func absInt(n int64) uint64 {
	if n < 0 {
		return uint64(-(n + 1)) + 1
	}
	return uint64(n)
}
