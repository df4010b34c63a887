package domain

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Week expressions name the week a report is about. Accepted forms:
//
//   - "" (nothing), "this week", "эта неделя", "текущая": the current week;
//   - "last week", "прошлая неделя", "прошлая": the week before;
//   - "w47", "W47", "н47", "week 47", "неделя 47": the most recent week 47
//     that is not in the future (this year's, or last year's when this
//     year's week 47 has not come yet);
//   - "2026-W47", "2026-w47", "2026 W47", "47/2026", "W47/2026": that week;
//   - a date: "2026-11-20", "20.11.2026", "20.11.26", or "20.11", which is
//     the most recent 20 November not in the future: the week holding it.
//
// Now is read in the workspace time zone: early Monday in Moscow is already
// the new week although UTC still says Sunday.

var (
	reWeekNum  = regexp.MustCompile(`^` + oneOf(weekNumMarks) + `\s*(\d{1,2})$`)
	reYearWeek = regexp.MustCompile(`^(\d{4})\s*-?\s*` + oneOf(weekMarks) + `\s*(\d{1,2})$`)
	reWeekYear = regexp.MustCompile(`^` + oneOf(weekMarks) + `?\s*(\d{1,2})\s*/\s*(\d{4})$`)
	reISODate  = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)
	reDotDate  = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$`)
	reDayMonth = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})$`)
)

// ParseWeekExpr returns the week named by s (see the forms above), reading
// relative forms against now in loc. Errors are EINVALID and show examples.
func ParseWeekExpr(s string, now time.Time, loc *time.Location) (Week, error) {
	w, err := parseWeekExpr(s, now, loc)
	if err != nil {
		return w, err
	}
	// Numbers are reported for weeks that have begun; a later week is a
	// typo (2026-W50 for W45), not a plan.
	if current := WeekOf(now.In(locOrUTC(loc))); current.Before(w) {
		return Week{}, Errorf(EINVALID, "entry.future_week", w.String(), current.String())
	}
	return w, nil
}

func locOrUTC(loc *time.Location) *time.Location {
	if loc == nil {
		return time.UTC
	}
	return loc
}

func parseWeekExpr(s string, now time.Time, loc *time.Location) (Week, error) {
	if loc == nil {
		loc = time.UTC
	}
	now = now.In(loc)
	current := WeekOf(now)
	t := strings.ReplaceAll(strings.ToLower(strings.Join(strings.Fields(s), " ")), "ё", "е")
	switch {
	case slices.Contains(weekThis, t):
		return current, nil
	case slices.Contains(weekLast, t):
		return current.Add(-1), nil
	}
	if m := reWeekNum.FindStringSubmatch(t); m != nil {
		return recentWeek(parseDigits(m[1]), current)
	}
	if m := reYearWeek.FindStringSubmatch(t); m != nil {
		return exactWeek(parseDigits(m[1]), parseDigits(m[2]), s)
	}
	if m := reWeekYear.FindStringSubmatch(t); m != nil {
		return exactWeek(parseDigits(m[2]), parseDigits(m[1]), s)
	}
	if m := reISODate.FindStringSubmatch(t); m != nil {
		return weekOfDate(parseDigits(m[1]), parseDigits(m[2]), parseDigits(m[3]), s)
	}
	if m := reDotDate.FindStringSubmatch(t); m != nil {
		year := parseDigits(m[3])
		if len(m[3]) == 2 {
			year += 2000
		}
		return weekOfDate(year, parseDigits(m[2]), parseDigits(m[1]), s)
	}
	if m := reDayMonth.FindStringSubmatch(t); m != nil {
		return recentDate(parseDigits(m[1]), parseDigits(m[2]), now, s)
	}
	return Week{}, badWeek(s)
}

// parseDigits reads digits the regular expressions already checked.
func parseDigits(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func badWeek(s string) error {
	return Errorf(EINVALID, "entry.bad_week", strings.TrimSpace(s))
}

// recentWeek returns the latest week num that is not after current: a head
// reporting "w52" in the first days of January means the December week.
func recentWeek(num int, current Week) (Week, error) {
	if num < 1 || num > 53 {
		return Week{}, Errorf(EINVALID, "entry.no_such_week", num, current.Year)
	}
	for _, year := range []int{current.Year, current.Year - 1} {
		w := Week{Year: year, Num: num}
		if w.Valid() && !current.Before(w) {
			return w, nil
		}
	}
	return Week{}, Errorf(EINVALID, "entry.no_such_week", num, current.Year-1)
}

// exactWeek returns year-Wnum when that week exists.
func exactWeek(year, num int, s string) (Week, error) {
	w := Week{Year: year, Num: num}
	if !w.Valid() {
		if year < 1900 || year > 9999 {
			return Week{}, badWeek(s)
		}
		return Week{}, Errorf(EINVALID, "entry.no_such_week", num, year)
	}
	return w, nil
}

// weekOfDate returns the week holding the calendar date, refusing dates
// such as 31.02 that time.Date would silently roll over.
func weekOfDate(year, month, day int, s string) (Week, error) {
	if year < 1900 || year > 9999 {
		return Week{}, badWeek(s)
	}
	d := time.Date(year, time.Month(month), day, 12, 0, 0, 0, time.UTC)
	if d.Year() != year || int(d.Month()) != month || d.Day() != day {
		return Week{}, badWeek(s)
	}
	return WeekOf(d), nil
}

// recentDate returns the week of the latest day.month not after now.
func recentDate(day, month int, now time.Time, s string) (Week, error) {
	for _, year := range []int{now.Year(), now.Year() - 1} {
		d := time.Date(year, time.Month(month), day, 0, 0, 0, 0, now.Location())
		if d.Day() != day || int(d.Month()) != month {
			continue // 29.02 in a year without it: try the previous one
		}
		if !d.After(now) {
			return WeekOf(d), nil
		}
	}
	return Week{}, badWeek(s)
}
