package domain

import (
	"fmt"
	"strings"
	"time"
)

// Date is a calendar day in the workspace time zone: deadlines are days,
// not instants.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the day of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d == Date{} }

// Time returns midnight of the day in loc.
func (d Date) Time(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// AddDays returns the date n days later.
func (d Date) AddDays(n int) Date { return DateOf(d.Time(time.UTC).AddDate(0, 0, n)) }

// Before reports whether d is earlier than o.
func (d Date) Before(o Date) bool { return d.Time(time.UTC).Before(o.Time(time.UTC)) }

// Week returns the ISO week holding the day.
func (d Date) Week() Week { return WeekOf(d.Time(time.UTC)) }

// String formats the date as 2026-03-27, the form buttons and files use.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// Localize formats the date for people: "27.03.2026" in Russian, "27 Mar
// 2026" in English.
func (d Date) Localize(lang Lang) string {
	if d.IsZero() {
		return NoValue
	}
	if lang == Russian {
		return fmt.Sprintf("%02d.%02d.%04d", d.Day, d.Month, d.Year)
	}
	return d.Time(time.UTC).Format("2 Jan 2006")
}

// ParseDate reads a day typed by a person: 27.03.2026, 27.03 (the next
// such day from today), 27/03/2026 or 2026-03-27. A day before today is
// refused, as a deadline in the past helps nobody.
func ParseDate(s string, today Date) (Date, error) {
	s = strings.TrimSpace(s)
	var d Date
	switch {
	case parseLayout(s, "2006-01-02", &d):
	case parseLayout(strings.ReplaceAll(s, "/", "."), "2.1.2006", &d):
	case parseLayout(strings.ReplaceAll(s, "/", "."), "2.1", &d):
		d.Year = today.Year
		if d.Before(today) {
			d.Year++
		}
	default:
		return Date{}, Errorf(EINVALID, "hyp.bad_date", s)
	}
	if d.Before(today) {
		return Date{}, Errorf(EINVALID, "hyp.past_date", d.Localize(English))
	}
	return d, nil
}

func parseLayout(s, layout string, d *Date) bool {
	t, err := time.Parse(layout, s)
	if err != nil {
		return false
	}
	*d = DateOf(t)
	return true
}
