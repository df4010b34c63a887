package domain

import (
	"errors"
	"testing"
	"time"
)

func TestParseWeekExpr(t *testing.T) {
	moscow := time.FixedZone("MSK", 3*3600)
	// Friday 27 November 2026 is in ISO week 48; 2026 has 53 weeks, 2025 has 52.
	now := time.Date(2026, time.November, 27, 12, 0, 0, 0, moscow)
	tests := []struct {
		in   string
		want Week
	}{
		{"", Week{2026, 48}},
		{"this week", Week{2026, 48}},
		{"эта неделя", Week{2026, 48}},
		{"текущая", Week{2026, 48}},
		{"last week", Week{2026, 47}},
		{"Прошлая неделя", Week{2026, 47}},
		{"прошлая", Week{2026, 47}},
		{"w47", Week{2026, 47}},
		{"W47", Week{2026, 47}},
		{"н47", Week{2026, 47}},
		{"week 47", Week{2026, 47}},
		{"w48", Week{2026, 48}}, // the current week counts as past-or-current
		{"w50", Week{2025, 50}}, // this year's week 50 is still ahead: last year's
		{"2026-W47", Week{2026, 47}},
		{"2026-w47", Week{2026, 47}},
		{"2026 W47", Week{2026, 47}},
		{"47/2026", Week{2026, 47}},
		{"W47/2026", Week{2026, 47}},
		{"2026-11-20", Week{2026, 47}},
		{"20.11.2026", Week{2026, 47}},
		{"20.11.26", Week{2026, 47}},
		{"20.11", Week{2026, 47}},
		{"20.12", Week{2025, 51}}, // 20 December 2026 is ahead: last year's
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseWeekExpr(tt.in, now, moscow)
			if err != nil {
				t.Fatalf("ParseWeekExpr(%q) error: %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseWeekExpr(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseWeekExpr_Week53(t *testing.T) {
	// 2026 has 53 weeks; on 5 January 2027 they are in the past.
	now := time.Date(2027, time.January, 5, 12, 0, 0, 0, time.UTC)
	for _, in := range []string{"2026-W53", "01.01.2027", "w53"} {
		if got, err := ParseWeekExpr(in, now, time.UTC); err != nil || got != (Week{2026, 53}) {
			t.Errorf("ParseWeekExpr(%q) = %v, %v; want 2026-W53", in, got, err)
		}
	}
}

func TestParseWeekExpr_FutureWeekIsRefused(t *testing.T) {
	now := time.Date(2026, time.November, 27, 12, 0, 0, 0, time.UTC) // week 48
	for _, in := range []string{"2026-W50", "2026-W53", "50/2026", "01.01.2027"} {
		_, err := ParseWeekExpr(in, now, time.UTC)
		var e *Error
		if !errors.As(err, &e) || e.Key != "entry.future_week" {
			t.Errorf("ParseWeekExpr(%q) error = %v, want entry.future_week", in, err)
		}
	}
}

func TestParseWeekExpr_Rejections(t *testing.T) {
	now := time.Date(2026, time.November, 27, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in      string
		wantKey string
	}{
		{"w54", "entry.no_such_week"},
		{"w0", "entry.no_such_week"},
		{"2025-W53", "entry.no_such_week"}, // 2025 has 52 weeks
		{"w53", "entry.no_such_week"},      // 2026-W53 is ahead and 2025 has none
		{"54/2026", "entry.no_such_week"},
		{"31.02.2026", "entry.bad_week"},
		{"2026-13-01", "entry.bad_week"},
		{"someday", "entry.bad_week"},
		{"47", "entry.bad_week"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseWeekExpr(tt.in, now, time.UTC)
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("ParseWeekExpr(%q) = %v, %v; want an *Error", tt.in, got, err)
			}
			if e.Code != EINVALID || e.Key != tt.wantKey {
				t.Errorf("ParseWeekExpr(%q) error = %s %s, want %s %s", tt.in, e.Code, e.Key, EINVALID, tt.wantKey)
			}
		})
	}
}

func TestParseWeekExpr_UsesWorkspaceTimeZone(t *testing.T) {
	// Sunday 22:30 UTC is already Monday 01:30 in Moscow: the next week there.
	now := time.Date(2026, time.November, 29, 22, 30, 0, 0, time.UTC)
	moscow := time.FixedZone("MSK", 3*3600)
	for _, tt := range []struct {
		loc  *time.Location
		want Week
	}{{time.UTC, Week{2026, 48}}, {moscow, Week{2026, 49}}} {
		got, err := ParseWeekExpr("", now, tt.loc)
		if err != nil || got != tt.want {
			t.Errorf("ParseWeekExpr(\"\") in %s = %v, %v; want %v", tt.loc, got, err, tt.want)
		}
	}
}
