package domain

import (
	"slices"
	"testing"
	"time"
)

func wk(year, num int) Week { return Week{Year: year, Num: num} }

func TestMonthPeriod(t *testing.T) {
	tests := []struct {
		name     string
		year     int
		month    time.Month
		from, to Week
	}{
		// Nov 1 2026 is a Sunday: its week (W44) has its Thursday in October.
		{"november 2026", 2026, time.November, wk(2026, 45), wk(2026, 48)},
		// 2026-W49 starts on Monday Nov 30 but its Thursday is Dec 3; Dec 31
		// is the Thursday of 2026-W53.
		{"december 2026 ends with week 53", 2026, time.December, wk(2026, 49), wk(2026, 53)},
		{"january 2027", 2027, time.January, wk(2027, 1), wk(2027, 4)},
		{"december 2020 ends with week 53", 2020, time.December, wk(2020, 49), wk(2020, 53)},
		// 2021-W52 ends on Jan 2 2022 but its Thursday is Dec 30 2021.
		{"december 2021", 2021, time.December, wk(2021, 48), wk(2021, 52)},
		{"january 2022", 2022, time.January, wk(2022, 1), wk(2022, 4)},
		// Oct 1 2026 is a Thursday: the first day decides the first week.
		{"october 2026 starts on a thursday", 2026, time.October, wk(2026, 40), wk(2026, 44)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := MonthPeriod(tt.year, tt.month)
			want := Period{Kind: PeriodMonth, From: tt.from, To: tt.to}
			if got != want {
				t.Errorf("MonthPeriod(%d, %v) = %v, want %v", tt.year, tt.month, got, want)
			}
		})
	}
}

func TestQuarterPeriod(t *testing.T) {
	tests := []struct {
		year, q  int
		from, to Week
		weeks    int
	}{
		{2026, 4, wk(2026, 40), wk(2026, 53), 14},
		{2027, 1, wk(2027, 1), wk(2027, 12), 12},
		{2026, 1, wk(2026, 1), wk(2026, 13), 13},
		{2021, 4, wk(2021, 40), wk(2021, 52), 13}, // Sep 30 2021, a Thursday, keeps W39 in Q3
	}
	for _, tt := range tests {
		t.Run(QuarterPeriod(tt.year, tt.q).Label(English), func(t *testing.T) {
			got := QuarterPeriod(tt.year, tt.q)
			if got.From != tt.from || got.To != tt.to || got.Kind != PeriodQuarter {
				t.Errorf("got %v, want %v..%v", got, tt.from, tt.to)
			}
			if got, want := len(got.Weeks()), tt.weeks; got != want {
				t.Errorf("len(Weeks()) = %d, want %d", got, want)
			}
			if got, want := got.Len(), tt.weeks; got != want {
				t.Errorf("Len() = %d, want %d", got, want)
			}
		})
	}
}

func TestPeriodOf(t *testing.T) {
	tests := []struct {
		name string
		kind PeriodKind
		w    Week
		want Period
	}{
		{"week", PeriodWeek, wk(2026, 47), WeekPeriod(wk(2026, 47))},
		{"week 53 belongs to december", PeriodMonth, wk(2026, 53), MonthPeriod(2026, time.December)},
		{"week 53 belongs to Q4", PeriodQuarter, wk(2026, 53), QuarterPeriod(2026, 4)},
		{"2020-W53 belongs to december 2020", PeriodMonth, wk(2020, 53), MonthPeriod(2020, time.December)},
		{"2021-W52 belongs to december 2021", PeriodMonth, wk(2021, 52), MonthPeriod(2021, time.December)},
		{"2022-W01 belongs to january 2022", PeriodMonth, wk(2022, 1), MonthPeriod(2022, time.January)},
		{"week straddling months goes by thursday", PeriodMonth, wk(2026, 49), MonthPeriod(2026, time.December)},
		{"week 13 of 2026 is in march, Q1", PeriodQuarter, wk(2026, 13), QuarterPeriod(2026, 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PeriodOf(tt.kind, tt.w); got != tt.want {
				t.Errorf("PeriodOf(%s, %v) = %v, want %v", tt.kind, tt.w, got, tt.want)
			}
		})
	}
}

func TestPeriod_Weeks(t *testing.T) {
	got := LastWeeks(wk(2027, 2), 4).Weeks()
	want := []Week{wk(2026, 52), wk(2026, 53), wk(2027, 1), wk(2027, 2)}
	if !slices.Equal(got, want) {
		t.Errorf("Weeks() = %v, want %v", got, want)
	}
	if got := (Period{From: wk(2026, 5), To: wk(2026, 4)}).Weeks(); got != nil {
		t.Errorf("Weeks() of an empty period = %v, want nil", got)
	}
}

func TestPeriod_Previous(t *testing.T) {
	tests := []struct {
		name string
		p    Period
		want Period
	}{
		{"week across new year", WeekPeriod(wk(2027, 1)), WeekPeriod(wk(2026, 53))},
		{"month across new year", MonthPeriod(2027, time.January), MonthPeriod(2026, time.December)},
		{"month", MonthPeriod(2026, time.November), MonthPeriod(2026, time.October)},
		{"quarter across new year", QuarterPeriod(2027, 1), QuarterPeriod(2026, 4)},
		{"quarter", QuarterPeriod(2026, 3), QuarterPeriod(2026, 2)},
		{"range keeps its length", LastWeeks(wk(2027, 2), 2), Period{Kind: PeriodRange, From: wk(2026, 52), To: wk(2026, 53)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.Previous(); got != tt.want {
				t.Errorf("Previous() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestPeriod_Contains(t *testing.T) {
	q4 := QuarterPeriod(2026, 4)
	tests := []struct {
		w    Week
		want bool
	}{
		{wk(2026, 39), false},
		{wk(2026, 40), true},
		{wk(2026, 53), true},
		{wk(2027, 1), false},
		{wk(2025, 45), false},
	}
	for _, tt := range tests {
		t.Run(tt.w.String(), func(t *testing.T) {
			if got := q4.Contains(tt.w); got != tt.want {
				t.Errorf("Q4 2026 Contains(%v) = %v, want %v", tt.w, got, tt.want)
			}
		})
	}
}

func TestPeriod_Label(t *testing.T) {
	tests := []struct {
		p    Period
		lang Lang
		want string
	}{
		{WeekPeriod(wk(2026, 47)), Russian, "2026-W47"},
		{MonthPeriod(2026, time.November), English, "November 2026"},
		{MonthPeriod(2026, time.November), Russian, "ноябрь 2026"},
		{PeriodOf(PeriodMonth, wk(2026, 53)), Russian, "декабрь 2026"},
		{QuarterPeriod(2026, 4), English, "Q4 2026"},
		{QuarterPeriod(2026, 4), Russian, "4 кв. 2026"},
		{LastWeeks(wk(2027, 2), 4), English, "2026-W52 – 2027-W02"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.p.Label(tt.lang); got != tt.want {
				t.Errorf("Label(%s) = %q, want %q", tt.lang, got, tt.want)
			}
		})
	}
}
