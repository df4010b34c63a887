package domain

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"
)

func TestParseNumber_AcceptedFormats(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"120", 120},
		{"0", 0},
		{"1 200 000", 1200000},
		{"1\u00a0200\u00a0000", 1200000},
		{"1\u202f200\u202f000", 1200000},
		{"1'200'000", 1200000},
		{"1’200’000", 1200000},
		{"1,2 млн", 1200000},
		{"1,2млн", 1200000},
		{"1.2m", 1200000},
		{"1.2M", 1200000},
		{"1.2 mln", 1200000},
		{"350к", 350000},
		{"350К", 350000},
		{"350k", 350000},
		{"350 тыс", 350000},
		{"350 тыс.", 350000},
		{"350 тыс. руб.", 350000},
		{"2,5 млрд", 2500000000},
		{"2.5bn", 2500000000},
		{"12 345,67", 12345.67},
		{"12,345.67", 12345.67},
		{"1.234.567,89", 1234567.89},
		{"1,200,000", 1200000},
		{"1.200.000", 1200000},
		{"1,200", 1200},  // a single mark followed by three digits groups thousands
		{"1.200", 1200},  // the same rule for the dot
		{"1,2", 1.2},     // otherwise a single mark is decimal
		{"12,34", 12.34}, // two decimals
		{"0,125", 0.125}, // a zero whole part is never a thousands group
		{"1234,567", 1234.567},
		{"1,250 млн", 1250000}, // with a multiplier a single mark is decimal
		{",5", 0.5},
		{"350 000 ₽", 350000},
		{"350000₽", 350000},
		{"350 000 руб", 350000},
		{"350 000 р.", 350000},
		{"350 000 рублей", 350000},
		{"$350", 350},
		{"€ 1 200", 1200},
		{"1 200 $", 1200},
		{"1,2 млн ₽", 1200000},
		{"-5", -5},
		{"−5", -5}, // the real minus sign, as FormatMoney writes it
		{"+5", 5},
		{"  42  ", 42},
		{"1 200,5", 1200.5},
		{"1000000000000000", 1e15},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseNumber(tt.in)
			if err != nil {
				t.Fatalf("ParseNumber(%q) error: %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseNumber(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseNumber_Rejections(t *testing.T) {
	tests := []struct {
		in      string
		wantKey string
	}{
		{"", "entry.bad_number"},
		{"abc", "entry.bad_number"},
		{"12a", "entry.bad_number"},
		{"120 80", "entry.bad_number"}, // two numbers run together, not 12080
		{"1 2000", "entry.bad_number"}, // a group of four digits
		{"1,2,3", "entry.bad_number"},  // groups of one digit
		{"1.200,000.5", "entry.bad_number"},
		{"5.", "entry.bad_number"},
		{"1e6", "entry.bad_number"},
		{"NaN", "entry.bad_number"},
		{"Inf", "entry.bad_number"},
		{"35%", "entry.bad_number"}, // a percentage is not a plain number
		{"350 kg", "entry.bad_number"},
		{"1 200 000 000 млрд", "entry.too_big"},
		{"1000000000000001", "entry.too_big"},
		{"12345678901234567890", "entry.bad_number"},
		{strings.Repeat("1", 100), "entry.bad_number"},
		{"\xff\xfe", "entry.bad_number"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := ParseNumber(tt.in)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("ParseNumber(%q) error = %v, want *Error", tt.in, err)
			}
			if e.Code != EINVALID || e.Key != tt.wantKey {
				t.Errorf("ParseNumber(%q) error = %s %s, want %s %s", tt.in, e.Code, e.Key, EINVALID, tt.wantKey)
			}
		})
	}
}

func TestParseNumber_ErrorShowsExamples(t *testing.T) {
	_, err := ParseNumber("двести")
	for lang, want := range map[Lang]string{English: "1 200 000", Russian: "1,2 млн"} {
		if got := UserMessage(lang, err); !strings.Contains(got, want) || !strings.Contains(got, "двести") {
			t.Errorf("UserMessage(%s) = %q, want the value and an example with %q", lang, got, want)
		}
	}
}

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in   string
		want Money
	}{
		{"350 000", 35000000},
		{"12 345,67", 1234567},
		{"45,50 ₽", 4550},
		{"0,005", 1},    // half a kopeck rounds up
		{"0,0049", 0},   // below half rounds down
		{"−0,125", -13}, // rounding is away from zero
		{"1,2 млн", 120000000},
		{"2,5 млрд", 250000000000},
		{"0.1", 10},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseMoney(tt.in)
			if err != nil {
				t.Fatalf("ParseMoney(%q) error: %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseMoney(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseCount(t *testing.T) {
	tests := []struct {
		in      string
		want    int64
		wantErr bool
	}{
		{in: "120", want: 120},
		{in: "1 200", want: 1200},
		{in: "1,2 тыс", want: 1200},
		{in: "12k", want: 12000},
		{in: "0", want: 0},
		{in: "2.5", wantErr: true},
		{in: "-3", wantErr: true},
		{in: "1,2345 тыс", wantErr: true}, // 1234.5 is not whole
		{in: "35%", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseCount(tt.in)
			if tt.wantErr {
				if ErrorCode(err) != EINVALID {
					t.Fatalf("ParseCount(%q) = %d, %v; want an EINVALID error", tt.in, got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("ParseCount(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestParsePercent(t *testing.T) {
	tests := []struct {
		in      string
		want    float64
		wantErr bool
	}{
		{in: "35%", want: 0.35},
		{in: "35 %", want: 0.35},
		{in: "35", want: 0.35},   // above 1 without a sign: percent
		{in: "0.35", want: 0.35}, // 1 or less: already a fraction
		{in: "0,35", want: 0.35},
		{in: "1", want: 1},
		{in: "12,125%", want: 0.12125}, // a percent sign makes a single mark decimal
		{in: "35.5%", want: 0.355},     // shifted exactly, not divided
		{in: "0%", want: 0},
		{in: "35к", wantErr: true},
		{in: "много", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParsePercent(tt.in)
			if tt.wantErr {
				if ErrorCode(err) != EINVALID {
					t.Fatalf("ParsePercent(%q) = %v, %v; want an EINVALID error", tt.in, got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("ParsePercent(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		})
	}
}

// TestParseMoney_ReadsFormatMoney checks that what the bot shows can be
// typed back: every formatted amount parses to the same hundredths.
func TestParseMoney_ReadsFormatMoney(t *testing.T) {
	// FormatMoney shows kopecks only below 100, so larger amounts are whole.
	for _, m := range []Money{0, 1, 4550, 9999, 35000000, 123456700, -4550, 120000000000} {
		for _, lang := range Langs {
			s := FormatMoney(m.Units(), "₽", lang)
			got, err := ParseMoney(s)
			if err != nil || got != m {
				t.Errorf("ParseMoney(FormatMoney(%d) = %q) = %d, %v; want %d", m, s, got, err, m)
			}
		}
	}
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"1 200 000", "1,2 млн", "350к", "12,345.67", "1'200'000", "35%", "−5", "2.5bn", "0,125", "1,200", "$350", ""} {
		f.Add(s, int64(0))
	}
	f.Add("", int64(1200000))
	f.Add("", int64(-999999999999999))
	f.Fuzz(func(t *testing.T, s string, n int64) {
		if v, err := ParseNumber(s); err == nil {
			if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > MaxNumber {
				t.Fatalf("ParseNumber(%q) = %v, outside the accepted range", s, v)
			}
		}
		if c, err := ParseCount(s); err == nil && c < 0 {
			t.Fatalf("ParseCount(%q) = %d, a negative count", s, c)
		}
		_, _ = ParseMoney(s)
		_, _ = ParsePercent(s)

		// Round trip: a formatted integer reads back as itself.
		if n > -int64(MaxNumber) && n < int64(MaxNumber) {
			for _, text := range []string{strconv.FormatInt(n, 10), FormatCount(n)} {
				got, err := ParseNumber(text)
				if err != nil || got != float64(n) {
					t.Fatalf("ParseNumber(%q) = %v, %v; want %d", text, got, err, n)
				}
			}
		}
	})
}
