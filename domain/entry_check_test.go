package domain

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestWorkspace_CheckWeekRefusesWeeksThatCannotHoldNumbers(t *testing.T) {
	ws := newTestWorkspace() // created on testNow, Friday of 2026-W48
	later := testNow.AddDate(1, 0, 0)
	tests := []struct {
		name    string
		week    Week
		now     time.Time
		wantKey string
	}{
		{"this week", Week{2026, 48}, testNow, ""},
		{"last week", Week{2026, 47}, testNow, ""},
		{"the week five years before the workspace began", Week{2021, 47}, testNow, ""}, // 27.11.2021
		{"a week more than five years before", Week{2021, 46}, testNow, "entry.week_too_old"},
		{"1970", Week{1970, 1}, testNow, "entry.week_too_old"},
		{"1900", Week{1900, 1}, testNow, "entry.week_too_old"},
		{"the window starts at creation, not today", Week{2021, 46}, later, "entry.week_too_old"},
		{"next week", Week{2026, 49}, testNow, "entry.future_week"},
		{"next week once it has begun", Week{2026, 49}, testNow.AddDate(0, 0, 3), ""},
		{"next year", Week{2027, 10}, testNow, "entry.future_week"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ws.CheckWeek(tt.week, tt.now)
			var e *Error
			switch {
			case tt.wantKey == "" && err != nil:
				t.Errorf("CheckWeek(%s) = %v, want nil", tt.week, err)
			case tt.wantKey != "" && (!errors.As(err, &e) || e.Key != tt.wantKey || e.Code != EINVALID):
				t.Errorf("CheckWeek(%s) = %v, want EINVALID %s", tt.week, err, tt.wantKey)
			}
		})
	}
}

func TestWorkspace_CheckWeekNamesTheEarliestWeek(t *testing.T) {
	msg := UserMessage(English, newTestWorkspace().CheckWeek(Week{1970, 1}, testNow))
	for _, want := range []string{"1970-W01", "5 years", "2021-W47"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
}

func TestWorkspace_CheckWeekInTheWorkspaceTimeZone(t *testing.T) {
	ws := newTestWorkspace()
	ws.TimeZone = "Asia/Vladivostok" // UTC+10: Sunday 20:00 UTC is already Monday there
	sunday := time.Date(2026, time.November, 29, 20, 0, 0, 0, time.UTC)
	if err := ws.CheckWeek(Week{2026, 49}, sunday); err != nil {
		t.Errorf("the week that has begun in Vladivostok: %v", err)
	}
}
