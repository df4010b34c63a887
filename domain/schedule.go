package domain

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ScheduleKind is one of the posts the bot makes by itself.
type ScheduleKind string

// The scheduled posts.
const (
	// ScheduleSnapshot posts the previous week's funnel with its charts.
	ScheduleSnapshot ScheduleKind = "snapshot"
	// ScheduleReminder reminds the heads whose numbers for the week are missing.
	ScheduleReminder ScheduleKind = "reminder"
	// ScheduleDigest lists the hypotheses due soon or overdue.
	ScheduleDigest ScheduleKind = "digest"
)

// ScheduleKinds lists the scheduled posts in the order settings show them.
var ScheduleKinds = []ScheduleKind{ScheduleSnapshot, ScheduleReminder, ScheduleDigest}

// Schedule is when one kind of post goes out, in the workspace's time zone.
type Schedule struct {
	Kind   ScheduleKind
	Days   []time.Weekday // the days it runs on
	Hour   int
	Minute int
	Off    bool // switched off by a CEO
	// Since is when the schedule was last set: runs before it are not owed,
	// so a new time that has just passed today does not fire at once.
	Since time.Time
	// Done is the last run the bot has handled (posted, found nothing to
	// say, or skipped as too late), so each run is handled once.
	Done time.Time
}

// WorkingDays are Monday to Friday.
var WorkingDays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}

// DefaultSchedule returns the schedule a new workspace has for kind: the
// snapshot on Monday at 09:00, the reminder on Friday at 15:00 and the
// digest at 10:00 on working days.
func DefaultSchedule(kind ScheduleKind) Schedule {
	switch kind {
	case ScheduleSnapshot:
		return Schedule{Kind: kind, Days: []time.Weekday{time.Monday}, Hour: 9}
	case ScheduleReminder:
		return Schedule{Kind: kind, Days: []time.Weekday{time.Friday}, Hour: 15}
	}
	return Schedule{Kind: ScheduleDigest, Days: slices.Clone(WorkingDays), Hour: 10}
}

// Schedule returns the workspace's schedule of kind: the stored one, or
// the default counted from when the workspace was created.
func (w *Workspace) Schedule(kind ScheduleKind) Schedule {
	for _, s := range w.Schedules {
		if s.Kind == kind {
			return s
		}
	}
	s := DefaultSchedule(kind)
	s.Since = w.CreatedAt
	return s
}

// SetSchedule stores s in place of the workspace's schedule of its kind.
func (w *Workspace) SetSchedule(s Schedule) {
	for i := range w.Schedules {
		if w.Schedules[i].Kind == s.Kind {
			w.Schedules[i] = s
			return
		}
	}
	w.Schedules = append(w.Schedules, s)
}

// Reset returns the schedule changed at now: runs from now on are owed,
// earlier ones are not.
func (s Schedule) Reset(now time.Time) Schedule {
	s.Since = now
	s.Done = time.Time{}
	return s
}

// NextRun returns the first run of s strictly after after, or the zero
// time when s is off or has no days. Times are wall-clock times in loc,
// so a run stays at 09:00 across clock changes. A time that does not
// exist on a day (the clock jumps over it in spring) runs at the first
// instant after the gap; a time that happens twice (the clock goes back in
// autumn) runs once, at its first occurrence.
func NextRun(s Schedule, after time.Time, loc *time.Location) time.Time {
	if s.Off || len(s.Days) == 0 {
		return time.Time{}
	}
	day := after.In(loc)
	for i := 0; i <= 7; i++ {
		d := day.AddDate(0, 0, i)
		if !slices.Contains(s.Days, d.Weekday()) {
			continue
		}
		if run := wallTime(d.Year(), d.Month(), d.Day(), s.Hour, s.Minute, loc); run.After(after) {
			return run
		}
	}
	return time.Time{}
}

// LastRun returns the latest run of s at or before at, or the zero time
// when s is off or has no days.
func LastRun(s Schedule, at time.Time, loc *time.Location) time.Time {
	if s.Off || len(s.Days) == 0 {
		return time.Time{}
	}
	day := at.In(loc)
	for i := 0; i <= 7; i++ {
		d := day.AddDate(0, 0, -i)
		if !slices.Contains(s.Days, d.Weekday()) {
			continue
		}
		if run := wallTime(d.Year(), d.Month(), d.Day(), s.Hour, s.Minute, loc); !run.After(at) {
			return run
		}
	}
	return time.Time{}
}

// Owed reports whether the run at run is still to be handled: after the
// schedule was set and after the last run handled.
func (s Schedule) Owed(run time.Time) bool {
	return !run.IsZero() && run.After(s.Since) && run.After(s.Done)
}

// MissedRunDeadline is how late a scheduled post may still go out after
// downtime. A day keeps a post useful (Monday's snapshot on Monday
// evening); an older one would report stale news, so it is skipped and the
// CEOs are told once instead.
const MissedRunDeadline = 24 * time.Hour

// TooLate reports whether the run at run, handled at now, is past
// MissedRunDeadline and must be skipped rather than posted.
func (s Schedule) TooLate(run, now time.Time) bool {
	return now.Sub(run) > MissedRunDeadline
}

// wallTime returns the instant the clocks in loc show the date and time.
// time.Date leaves the choice unspecified when that wall time is skipped
// or repeated by a clock change, so both cases are decided here.
func wallTime(year int, month time.Month, day, hour, minute int, loc *time.Location) time.Time {
	wall := time.Date(year, month, day, hour, minute, 0, 0, time.UTC)
	// A day has at most one clock change, so the offsets in force a day and
	// a half either side are the only ones the wall time can be read in.
	var found time.Time
	for _, probe := range []time.Time{wall.Add(-36 * time.Hour), wall.Add(36 * time.Hour)} {
		_, offset := probe.In(loc).Zone()
		at := wall.Add(-time.Duration(offset) * time.Second)
		if shows(at.In(loc), wall) && (found.IsZero() || at.Before(found)) {
			found = at
		}
	}
	if !found.IsZero() {
		return found
	}
	// Skipped: read with the offset before the change, the wall time lands
	// after the change; the zone in force there starts at the change.
	_, before := wall.Add(-36 * time.Hour).In(loc).Zone()
	start, _ := wall.Add(-time.Duration(before) * time.Second).In(loc).ZoneBounds()
	return start
}

// shows reports whether local reads the same date and time as wall.
func shows(local, wall time.Time) bool {
	y, m, d := local.Date()
	wy, wm, wd := wall.Date()
	return y == wy && m == wm && d == wd && local.Hour() == wall.Hour() && local.Minute() == wall.Minute()
}

// PostSubject is what one run of a scheduled post covers.
type PostSubject struct {
	Week Week // the snapshot's last complete week; the reminder's own week
	Day  Date // the day of the run, from which due and overdue are counted
}

// SubjectOf returns what the run at run of the post of kind covers, in
// loc: the snapshot reports the last complete week, the reminder chases
// the week the run falls in, the digest is about the run's day.
func SubjectOf(kind ScheduleKind, run time.Time, loc *time.Location) PostSubject {
	local := run.In(loc)
	sub := PostSubject{Week: WeekOf(local), Day: DateOf(local)}
	if kind == ScheduleSnapshot {
		sub.Week = lastCompleteWeek(run, loc)
	}
	return sub
}

// Period names what a run of the schedule covers (see SubjectOf) for its
// outbox key: a week, or the digest's day.
func (s Schedule) Period(run time.Time, loc *time.Location) string {
	sub := SubjectOf(s.Kind, run, loc)
	if s.Kind == ScheduleDigest {
		return sub.Day.String()
	}
	return sub.Week.String()
}

// PostKey is the outbox key of a scheduled post, so it goes out once per
// workspace and period whatever restarts happen.
func PostKey(kind ScheduleKind, workspace int64, period string) string {
	return fmt.Sprintf("%s:%d:%s", kind, workspace, period)
}

// ParseClock reads a time of day written as 9:00, 09:30 or 15.
func ParseClock(s string) (hour, minute int, ok bool) {
	h, m, hasMinutes := strings.Cut(strings.TrimSpace(s), ":")
	hour, err := strconv.Atoi(h)
	if err != nil || hour < 0 || hour > 23 {
		return 0, 0, false
	}
	if !hasMinutes {
		return hour, 0, true
	}
	minute, err = strconv.Atoi(m)
	if err != nil || len(m) != 2 || minute < 0 || minute > 59 {
		return 0, 0, false
	}
	return hour, minute, true
}

// ParseDays reads the days of a schedule: a weekday (mon, пн, monday),
// "weekdays"/"будни" for Monday to Friday, or "daily"/"ежедневно".
func ParseDays(s string) ([]time.Weekday, bool) {
	word := strings.ToLower(strings.TrimSpace(s))
	switch {
	case slices.Contains(workingDaysWords, word):
		return slices.Clone(WorkingDays), true
	case slices.Contains(dailyWords, word):
		return []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}, true
	}
	for d, names := range weekdayNames {
		if slices.Contains(names, word) {
			return []time.Weekday{time.Weekday(d)}, true
		}
	}
	return nil, false
}

// DaysLabel names the days of a schedule for people: "Mon", "Mon–Fri",
// "daily", or a list.
func DaysLabel(days []time.Weekday, lang Lang) string {
	sorted := slices.Clone(days)
	// Monday first, as the week starts on Monday.
	slices.SortFunc(sorted, func(a, b time.Weekday) int { return (int(a)+6)%7 - (int(b)+6)%7 })
	switch {
	case len(sorted) == 7:
		return Text(lang, "schedule.daily")
	case slices.Equal(sorted, WorkingDays):
		return Text(lang, "schedule.weekdays")
	}
	names := make([]string, len(sorted))
	for i, d := range sorted {
		names[i] = Text(lang, "schedule.day."+weekdayNames[d][0])
	}
	return strings.Join(names, ", ")
}

// ClockLabel formats a time of day as 09:00.
func ClockLabel(hour, minute int) string {
	return fmt.Sprintf("%02d:%02d", hour, minute)
}

// NextReviewDay is the day a protocol names for the next review: the
// first day after the review closed (at after) on which the weekly
// snapshot brings a new week's numbers; a ReviewInterval later when the
// snapshot is off.
func NextReviewDay(ws *Workspace, after time.Time) Date {
	loc := ws.Location()
	day := DateOf(after.In(loc))
	// From the start of the next day, so a snapshot later the same day
	// does not make the next review today.
	from := day.AddDays(1).Time(loc).Add(-time.Nanosecond)
	if run := NextRun(ws.Schedule(ScheduleSnapshot), from, loc); !run.IsZero() {
		return DateOf(run.In(loc))
	}
	return day.AddDays(ReviewInterval)
}
