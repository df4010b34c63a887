package domain

import (
	"fmt"
	"time"
)

// Week is an ISO 8601 week: weeks start on Monday and week 1 is the one
// holding the year's first Thursday, so a year has 52 or 53 weeks.
type Week struct {
	Year int
	Num  int
}

// WeekOf returns the ISO week holding t, in t's location.
func WeekOf(t time.Time) Week {
	y, w := t.ISOWeek()
	return Week{Year: y, Num: w}
}

// lastCompleteWeek is the most recent week that has ended at t in loc.
// Workspace.LastCompleteWeek and the snapshot's schedule read it.
func lastCompleteWeek(t time.Time, loc *time.Location) Week {
	return WeekOf(t.In(loc)).Add(-1)
}

// Monday returns midnight of the week's Monday in loc.
func (w Week) Monday(loc *time.Location) time.Time {
	// January 4th is always in ISO week 1.
	jan4 := time.Date(w.Year, time.January, 4, 0, 0, 0, 0, loc)
	offset := (int(jan4.Weekday()) + 6) % 7 // days since Monday
	return jan4.AddDate(0, 0, -offset+(w.Num-1)*7)
}

// Thursday returns the week's Thursday, which decides its month and year.
func (w Week) Thursday() time.Time {
	return w.Monday(time.UTC).AddDate(0, 0, 3)
}

// Add returns the week n weeks later (earlier for negative n).
func (w Week) Add(n int) Week {
	return WeekOf(w.Monday(time.UTC).AddDate(0, 0, 7*n))
}

// Before reports whether w is earlier than o.
func (w Week) Before(o Week) bool {
	return w.Year < o.Year || w.Year == o.Year && w.Num < o.Num
}

// String formats the week as 2026-W47.
func (w Week) String() string {
	return fmt.Sprintf("%04d-W%02d", w.Year, w.Num)
}

// Valid reports whether the week exists (week 53 only in long years).
func (w Week) Valid() bool {
	if w.Num < 1 || w.Num > 53 || w.Year < 1900 || w.Year > 9999 {
		return false
	}
	return WeekOf(w.Monday(time.UTC)) == w
}
