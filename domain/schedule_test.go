package domain

import (
	"slices"
	"testing"
	"time"
)

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("LoadLocation(%s): %v", name, err)
	}
	return loc
}

func utc(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC)
}

func weekly(day time.Weekday, h, m int) Schedule {
	return Schedule{Kind: ScheduleSnapshot, Days: []time.Weekday{day}, Hour: h, Minute: m}
}

// The 2026 clock changes: London goes 01:00 GMT → 02:00 BST on 29 March
// and 02:00 BST → 01:00 GMT on 25 October (both at 01:00 UTC); New York
// goes 02:00 EST → 03:00 EDT on 8 March (07:00 UTC) and 02:00 EDT → 01:00
// EST on 1 November (06:00 UTC). Moscow has no clock changes.
func TestNextRun(t *testing.T) {
	tests := []struct {
		name  string
		zone  string
		s     Schedule
		after time.Time
		want  time.Time
	}{
		{"London winter Monday 09:00 is 09:00 UTC", "Europe/London", weekly(time.Monday, 9, 0), utc(2026, 3, 20, 12, 0), utc(2026, 3, 23, 9, 0)},
		{"London Monday after spring forward is 08:00 UTC", "Europe/London", weekly(time.Monday, 9, 0), utc(2026, 3, 27, 12, 0), utc(2026, 3, 30, 8, 0)},
		{"London skipped 01:30 runs when the gap ends (02:00 BST)", "Europe/London", weekly(time.Sunday, 1, 30), utc(2026, 3, 28, 12, 0), utc(2026, 3, 29, 1, 0)},
		{"London repeated 01:30 runs at the first (BST) occurrence", "Europe/London", weekly(time.Sunday, 1, 30), utc(2026, 10, 24, 12, 0), utc(2026, 10, 25, 0, 30)},
		{"London repeated 01:30 does not run again at the GMT occurrence", "Europe/London", weekly(time.Sunday, 1, 30), utc(2026, 10, 25, 0, 30), utc(2026, 11, 1, 1, 30)},
		{"London Monday after fall back is 09:00 UTC again", "Europe/London", weekly(time.Monday, 9, 0), utc(2026, 10, 24, 0, 0), utc(2026, 10, 26, 9, 0)},
		{"New York skipped 02:30 runs at 03:00 EDT", "America/New_York", weekly(time.Sunday, 2, 30), utc(2026, 3, 7, 12, 0), utc(2026, 3, 8, 7, 0)},
		{"New York repeated 01:30 runs at 01:30 EDT", "America/New_York", weekly(time.Sunday, 1, 30), utc(2026, 10, 31, 12, 0), utc(2026, 11, 1, 5, 30)},
		{"New York Friday 15:00 in summer is 19:00 UTC", "America/New_York", weekly(time.Friday, 15, 0), utc(2026, 6, 1, 0, 0), utc(2026, 6, 5, 19, 0)},
		{"Moscow Monday 09:00 is 06:00 UTC", "Europe/Moscow", weekly(time.Monday, 9, 0), utc(2026, 3, 27, 0, 0), utc(2026, 3, 30, 6, 0)},
		{"a run exactly at after is not next", "Europe/Moscow", weekly(time.Monday, 9, 0), utc(2026, 3, 30, 6, 0), utc(2026, 4, 6, 6, 0)},
		{"later the same day", "Europe/Moscow", weekly(time.Monday, 9, 0), utc(2026, 3, 30, 5, 59), utc(2026, 3, 30, 6, 0)},
		{"working-day digest skips the weekend", "Europe/Moscow", DefaultSchedule(ScheduleDigest), utc(2026, 4, 3, 7, 0), utc(2026, 4, 6, 7, 0)},
		{"switched off never runs", "Europe/Moscow", Schedule{Kind: ScheduleDigest, Days: WorkingDays, Hour: 10, Off: true}, utc(2026, 4, 3, 7, 0), time.Time{}},
		{"no days never runs", "Europe/Moscow", Schedule{Kind: ScheduleDigest, Hour: 10}, utc(2026, 4, 3, 7, 0), time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := NextRun(tt.s, tt.after, mustZone(t, tt.zone))
			if !got.Equal(tt.want) {
				t.Errorf("NextRun(after %s) = %s, want %s", tt.after, got.UTC(), tt.want)
			}
		})
	}
}

func TestLastRun(t *testing.T) {
	tests := []struct {
		name string
		zone string
		s    Schedule
		at   time.Time
		want time.Time
	}{
		{"a run exactly at at counts", "Europe/London", weekly(time.Monday, 9, 0), utc(2026, 3, 30, 8, 0), utc(2026, 3, 30, 8, 0)},
		{"a minute before goes back a week, across the clock change", "Europe/London", weekly(time.Monday, 9, 0), utc(2026, 3, 30, 7, 59), utc(2026, 3, 23, 9, 0)},
		{"skipped time reads as the end of the gap", "Europe/London", weekly(time.Sunday, 1, 30), utc(2026, 3, 29, 3, 0), utc(2026, 3, 29, 1, 0)},
		{"repeated time reads as its first occurrence", "Europe/London", weekly(time.Sunday, 1, 30), utc(2026, 10, 25, 1, 45), utc(2026, 10, 25, 0, 30)},
		{"weekend digest looks back to Friday", "Europe/Moscow", DefaultSchedule(ScheduleDigest), utc(2026, 4, 5, 12, 0), utc(2026, 4, 3, 7, 0)},
		{"off has no runs", "Europe/Moscow", Schedule{Kind: ScheduleReminder, Days: []time.Weekday{time.Friday}, Off: true}, utc(2026, 4, 5, 12, 0), time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := LastRun(tt.s, tt.at, mustZone(t, tt.zone))
			if !got.Equal(tt.want) {
				t.Errorf("LastRun(at %s) = %s, want %s", tt.at, got.UTC(), tt.want)
			}
		})
	}
}

func TestNextRun_EveryWeekOfAYearIsOneRunAt0900Local(t *testing.T) {
	for _, zone := range []string{"Europe/London", "America/New_York", "Europe/Moscow"} {
		t.Run(zone, func(t *testing.T) {
			loc := mustZone(t, zone)
			s := DefaultSchedule(ScheduleSnapshot)
			run := utc(2026, 1, 1, 0, 0)
			seen := map[Week]bool{}
			for range 53 {
				run = NextRun(s, run, loc)
				local := run.In(loc)
				if local.Weekday() != time.Monday || local.Hour() != 9 || local.Minute() != 0 {
					t.Fatalf("run at %s local, want Monday 09:00", local)
				}
				if seen[WeekOf(local)] {
					t.Fatalf("two runs in %s", WeekOf(local))
				}
				seen[WeekOf(local)] = true
			}
		})
	}
}

func TestSchedule_Owed(t *testing.T) {
	run := utc(2026, 3, 30, 8, 0)
	tests := []struct {
		name string
		s    Schedule
		want bool
	}{
		{"never handled, set before", Schedule{Since: run.Add(-time.Hour)}, true},
		{"set after the run", Schedule{Since: run.Add(time.Minute)}, false},
		{"set exactly at the run", Schedule{Since: run}, false},
		{"already handled", Schedule{Since: run.Add(-time.Hour), Done: run}, false},
		{"an older run handled", Schedule{Since: run.Add(-time.Hour), Done: run.Add(-7 * 24 * time.Hour)}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.s.Owed(run); got != tt.want {
				t.Errorf("Owed = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSchedule_TooLate(t *testing.T) {
	run := utc(2026, 3, 30, 8, 0)
	tests := []struct {
		name string
		now  time.Time
		want bool
	}{
		{"on time", run, false},
		{"the same evening", run.Add(11 * time.Hour), false},
		{"exactly a day late", run.Add(24 * time.Hour), false},
		{"a day and a minute late", run.Add(24*time.Hour + time.Minute), true},
		{"a week late", run.Add(7 * 24 * time.Hour), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DefaultSchedule(ScheduleSnapshot).TooLate(run, tt.now); got != tt.want {
				t.Errorf("TooLate(%s after the run) = %v, want %v", tt.now.Sub(run), got, tt.want)
			}
		})
	}
}

func TestSchedule_PeriodAndKey(t *testing.T) {
	loc := mustZone(t, "Europe/Moscow")
	// Monday 30 March 2026 09:00 Moscow is in ISO week 14.
	run := utc(2026, 3, 30, 6, 0)
	tests := []struct {
		kind ScheduleKind
		want string
	}{
		{ScheduleSnapshot, "snapshot:7:2026-W13"},
		{ScheduleReminder, "reminder:7:2026-W14"},
		{ScheduleDigest, "digest:7:2026-03-30"},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			s := DefaultSchedule(tt.kind)
			if got := PostKey(tt.kind, 7, s.Period(run, loc)); got != tt.want {
				t.Errorf("key = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSchedule_PeriodUsesTheWorkspaceDate(t *testing.T) {
	// 23:30 UTC on Sunday is already Monday in Moscow.
	got := DefaultSchedule(ScheduleDigest).Period(utc(2026, 3, 29, 23, 30), mustZone(t, "Europe/Moscow"))
	if want := "2026-03-30"; got != want {
		t.Errorf("period = %q, want %q", got, want)
	}
}

func TestWorkspace_ScheduleDefaultsAndSet(t *testing.T) {
	created := utc(2026, 3, 2, 10, 0)
	ws := &Workspace{CreatedAt: created}

	got := ws.Schedule(ScheduleReminder)
	if got.Hour != 15 || !slices.Equal(got.Days, []time.Weekday{time.Friday}) || got.Off || !got.Since.Equal(created) {
		t.Errorf("default reminder = %+v, want Friday 15:00, on, since creation", got)
	}

	changed := got.Reset(created.Add(time.Hour))
	changed.Off = true
	ws.SetSchedule(changed)
	ws.SetSchedule(changed)
	if len(ws.Schedules) != 1 {
		t.Fatalf("stored schedules = %d, want 1 (set twice replaces)", len(ws.Schedules))
	}
	if got := ws.Schedule(ScheduleReminder); !got.Off {
		t.Errorf("stored reminder = %+v, want off", got)
	}
	if got := ws.Schedule(ScheduleSnapshot); got.Hour != 9 || got.Off {
		t.Errorf("snapshot = %+v, want the default", got)
	}
}

func TestParseClock(t *testing.T) {
	tests := []struct {
		in     string
		h, m   int
		wantOK bool
	}{
		{"09:00", 9, 0, true},
		{"9:30", 9, 30, true},
		{"15", 15, 0, true},
		{"23:59", 23, 59, true},
		{"24:00", 0, 0, false},
		{"9:5", 0, 0, false},
		{"9:60", 0, 0, false},
		{"noon", 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			h, m, ok := ParseClock(tt.in)
			if ok != tt.wantOK || ok && (h != tt.h || m != tt.m) {
				t.Errorf("ParseClock(%q) = %d, %d, %v; want %d, %d, %v", tt.in, h, m, ok, tt.h, tt.m, tt.wantOK)
			}
		})
	}
}

func TestParseDaysAndLabel(t *testing.T) {
	tests := []struct {
		in       string
		wantEn   string
		wantRu   string
		wantDays int
	}{
		{"mon", "Mon", "пн", 1},
		{"Пятница", "Fri", "пт", 1},
		{"weekdays", "Mon–Fri", "пн–пт", 5},
		{"ежедневно", "daily", "ежедневно", 7},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			days, ok := ParseDays(tt.in)
			if !ok || len(days) != tt.wantDays {
				t.Fatalf("ParseDays(%q) = %v, %v; want %d days", tt.in, days, ok, tt.wantDays)
			}
			if got := DaysLabel(days, English); got != tt.wantEn {
				t.Errorf("English label = %q, want %q", got, tt.wantEn)
			}
			if got := DaysLabel(days, Russian); got != tt.wantRu {
				t.Errorf("Russian label = %q, want %q", got, tt.wantRu)
			}
		})
	}
	if _, ok := ParseDays("someday"); ok {
		t.Error(`ParseDays("someday") accepted`)
	}
}

func TestSubjectOf_WeekAndDayOfARun(t *testing.T) {
	loc := mustZone(t, "Europe/Moscow")
	// 23:30 UTC on Sunday 29 March is Monday 30 March (week 14) in Moscow.
	run := utc(2026, 3, 29, 23, 30)
	tests := []struct {
		kind ScheduleKind
		want PostSubject
	}{
		{ScheduleSnapshot, PostSubject{Week: Week{2026, 13}, Day: Date{2026, time.March, 30}}},
		{ScheduleReminder, PostSubject{Week: Week{2026, 14}, Day: Date{2026, time.March, 30}}},
		{ScheduleDigest, PostSubject{Week: Week{2026, 14}, Day: Date{2026, time.March, 30}}},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			if got := SubjectOf(tt.kind, run, loc); got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}
