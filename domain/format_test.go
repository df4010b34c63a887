package domain

import (
	"math"
	"strings"
	"testing"
)

// nb writes expectations readably: the spaces in want strings stand for
// the no-break GroupSeparator the formatters emit.
func nb(s string) string { return strings.ReplaceAll(s, " ", GroupSeparator) }

func TestFormatCount(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{
		{0, "0"},
		{7, "7"},
		{999, "999"},
		{1000, "1 000"},
		{12345, "12 345"},
		{1234567, "1 234 567"},
		{-1200, "−1 200"},
		{math.MinInt64, "−9 223 372 036 854 775 808"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got, want := FormatCount(tt.n), nb(tt.want); got != want {
				t.Errorf("FormatCount(%d) = %q, want %q", tt.n, got, want)
			}
		})
	}
}

func TestFormatMoney(t *testing.T) {
	tests := []struct {
		name     string
		m        float64
		currency string
		lang     Lang
		want     string
	}{
		{"millions", 1200000, "₽", Russian, "1 200 000 ₽"},
		{"large amounts drop kopecks", 1234.56, "₽", Russian, "1 235 ₽"},
		{"small amount keeps kopecks ru", 45.5, "₽", Russian, "45,50 ₽"},
		{"small amount keeps kopecks en", 45.5, "$", English, "45.50 $"},
		{"whole small amount", 45, "₽", Russian, "45 ₽"},
		{"zero", 0, "₽", English, "0 ₽"},
		{"rounds up to 100", 99.999, "₽", English, "100 ₽"},
		{"negative", -500000, "₽", Russian, "−500 000 ₽"},
		{"no currency", 1200, "", English, "1 200"},
		{"NaN", math.NaN(), "₽", English, "—"},
		{"Inf", math.Inf(1), "₽", English, "—"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := FormatMoney(tt.m, tt.currency, tt.lang), nb(tt.want); got != want {
				t.Errorf("FormatMoney(%v) = %q, want %q", tt.m, got, want)
			}
		})
	}
}

func TestFormatMoneyValue_UndefinedIsDash(t *testing.T) {
	if got, want := FormatMoneyValue(None, "₽", Russian), "—"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := FormatMoneyValue(Some(500), "₽", Russian), nb("500 ₽"); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestFormatMoneyShort(t *testing.T) {
	tests := []struct {
		m    float64
		lang Lang
		want string
	}{
		{1200000, English, "1.2 M ₽"},
		{1200000, Russian, "1,2 млн ₽"},
		{12500000, Russian, "13 млн ₽"},
		{450000, English, "450 k ₽"},
		{450000, Russian, "450 тыс. ₽"},
		{999999, English, "1 M ₽"},
		{2500000000, English, "2.5 B ₽"},
		{500, Russian, "500 ₽"},
		{-45000, English, "−45 k ₽"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got, want := FormatMoneyShort(tt.m, "₽", tt.lang), nb(tt.want); got != want {
				t.Errorf("FormatMoneyShort(%v) = %q, want %q", tt.m, got, want)
			}
		})
	}
}

func TestFormatPercent(t *testing.T) {
	tests := []struct {
		name string
		v    Value
		lang Lang
		want string
	}{
		{"whole", Some(0.64), English, "64%"},
		{"one decimal below 10%", Some(0.045), English, "4.5%"},
		{"russian decimal comma", Some(0.045), Russian, "4,5%"},
		{"no trailing zero", Some(0.04), English, "4%"},
		{"zero", Some(0), English, "0%"},
		{"rounds to 10", Some(0.0996), English, "10%"},
		{"rounds whole above 10", Some(0.12345), English, "12%"},
		{"ROMI above 100%", Some(23.48), Russian, "2 348%"},
		{"negative", Some(-0.55), English, "−55%"},
		{"undefined", None, English, "—"},
		{"NaN guarded", Some(math.NaN()), English, "—"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := FormatPercent(tt.v, tt.lang), nb(tt.want); got != want {
				t.Errorf("FormatPercent(%v) = %q, want %q", tt.v, got, want)
			}
		})
	}
}

func TestFormatPoints(t *testing.T) {
	tests := []struct {
		delta float64
		lang  Lang
		want  string
	}{
		{0.12, English, "+12 pp"},
		{-0.12, Russian, "−12 п.п."},
		{-0.045, English, "−4.5 pp"},
		{0.045, Russian, "+4,5 п.п."},
		{0.0004, English, "0 pp"},
		{-0.0004, English, "0 pp"},
		{math.NaN(), English, "—"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got, want := FormatPoints(tt.delta, tt.lang), nb(tt.want); got != want {
				t.Errorf("FormatPoints(%v) = %q, want %q", tt.delta, got, want)
			}
		})
	}
}

func TestFormatDelta(t *testing.T) {
	tests := []struct {
		delta float64
		lang  Lang
		want  string
	}{
		{0.15, English, "+15%"},
		{-0.5, Russian, "−50%"},
		{2.21, English, "+221%"},
		{0.053, Russian, "+5,3%"},
		{0, English, "0%"},
		{math.Inf(1), English, "—"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got, want := FormatDelta(tt.delta, tt.lang), nb(tt.want); got != want {
				t.Errorf("FormatDelta(%v) = %q, want %q", tt.delta, got, want)
			}
		})
	}
}
