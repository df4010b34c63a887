package domain

import (
	"fmt"
	"time"
)

// PeriodRange is a run of weeks that is not a calendar week, month or
// quarter, such as the four weeks of a baseline.
const PeriodRange PeriodKind = "range"

// WeekPeriod returns the period of one ISO week.
func WeekPeriod(w Week) Period {
	return Period{Kind: PeriodWeek, From: w, To: w}
}

// MonthPeriod returns the weeks whose Thursday falls in the month, so that
// every week belongs to exactly one month even when it straddles two.
func MonthPeriod(year int, month time.Month) Period {
	first := time.Date(year, month, 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1)
	return Period{Kind: PeriodMonth, From: WeekOf(nextThursday(first)), To: WeekOf(prevThursday(last))}
}

// QuarterPeriod returns the weeks of quarter q (1–4) of the year: the weeks
// of its three months.
func QuarterPeriod(year, q int) Period {
	first := time.Month(3*(q-1) + 1)
	return Period{
		Kind: PeriodQuarter,
		From: MonthPeriod(year, first).From,
		To:   MonthPeriod(year, first+2).To,
	}
}

// PeriodOf returns the week, month or quarter holding week w. A week
// belongs to the month of its Thursday, as ISO assigns it to the year of its
// Thursday. Any other kind gives the week itself.
func PeriodOf(kind PeriodKind, w Week) Period {
	thu := w.Thursday()
	switch kind {
	case PeriodMonth:
		return MonthPeriod(thu.Year(), thu.Month())
	case PeriodQuarter:
		return QuarterPeriod(thu.Year(), quarterOf(thu.Month()))
	}
	return WeekPeriod(w)
}

// LastWeeks returns the n weeks ending with week last, as a range.
func LastWeeks(last Week, n int) Period {
	return Period{Kind: PeriodRange, From: last.Add(1 - n), To: last}
}

// Weeks returns the period's weeks, oldest first.
func (p Period) Weeks() []Week {
	var weeks []Week
	for w := p.From; !p.To.Before(w); w = w.Add(1) {
		weeks = append(weeks, w)
	}
	return weeks
}

// Len returns the number of weeks in the period.
func (p Period) Len() int {
	if p.To.Before(p.From) {
		return 0
	}
	days := p.To.Monday(time.UTC).Sub(p.From.Monday(time.UTC)).Hours() / 24
	return int(days)/7 + 1
}

// Contains reports whether week w is in the period.
func (p Period) Contains(w Week) bool {
	return !w.Before(p.From) && !p.To.Before(w)
}

// Previous returns the period of the same kind just before p: the previous
// week, month or quarter, or for a range the same number of weeks before it.
func (p Period) Previous() Period {
	thu := p.From.Thursday()
	switch p.Kind {
	case PeriodWeek:
		return WeekPeriod(p.From.Add(-1))
	case PeriodMonth:
		before := time.Date(thu.Year(), thu.Month()-1, 1, 0, 0, 0, 0, time.UTC)
		return MonthPeriod(before.Year(), before.Month())
	case PeriodQuarter:
		before := time.Date(thu.Year(), thu.Month()-3, 1, 0, 0, 0, 0, time.UTC)
		return QuarterPeriod(before.Year(), quarterOf(before.Month()))
	}
	return Period{Kind: p.Kind, From: p.From.Add(-p.Len()), To: p.From.Add(-1)}
}

// Label names the period for people: "2026-W47", "November 2026" or
// "ноябрь 2026", "Q4 2026" or "4 кв. 2026"; a range shows its first and last week.
func (p Period) Label(lang Lang) string {
	thu := p.From.Thursday()
	switch p.Kind {
	case PeriodWeek:
		return p.From.String()
	case PeriodMonth:
		if lang == Russian {
			return fmt.Sprintf("%s %d", russianMonths[thu.Month()-1], thu.Year())
		}
		return fmt.Sprintf("%s %d", thu.Month(), thu.Year())
	case PeriodQuarter:
		if lang == Russian {
			return fmt.Sprintf("%d кв. %d", quarterOf(thu.Month()), thu.Year())
		}
		return fmt.Sprintf("Q%d %d", quarterOf(thu.Month()), thu.Year())
	}
	if p.From == p.To {
		return p.From.String()
	}
	return p.From.String() + " – " + p.To.String()
}

// russianMonths are the month names in the nominative case, as a heading
// ("ноябрь 2026") reads them.
var russianMonths = [12]string{
	"январь", "февраль", "март", "апрель", "май", "июнь",
	"июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
}

func quarterOf(m time.Month) int { return (int(m)-1)/3 + 1 }

// nextThursday returns t if it is a Thursday, else the first Thursday after it.
func nextThursday(t time.Time) time.Time {
	return t.AddDate(0, 0, (int(time.Thursday)-int(t.Weekday())+7)%7)
}

// prevThursday returns t if it is a Thursday, else the last Thursday before it.
func prevThursday(t time.Time) time.Time {
	return t.AddDate(0, 0, -((int(t.Weekday())-int(time.Thursday))+7)%7)
}
