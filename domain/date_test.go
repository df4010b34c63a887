package domain

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	today := Date{2026, time.March, 10}
	for _, tc := range []struct {
		in       string
		want     Date
		wantCode string
	}{
		{"27.03.2026", Date{2026, time.March, 27}, ""},
		{"2026-04-01", Date{2026, time.April, 1}, ""},
		{"5/4/2026", Date{2026, time.April, 5}, ""},
		{"27.03", Date{2026, time.March, 27}, ""},
		{"01.02", Date{2027, time.February, 1}, ""},
		{"10.03.2026", today, ""},
		{"09.03.2026", Date{}, EINVALID},
		{"tomorrow", Date{}, EINVALID},
		{"31.02.2026", Date{}, EINVALID},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseDate(tc.in, today)
			if code := ErrorCode(err); code != tc.wantCode {
				t.Fatalf("code %q (%v), want %q", code, err, tc.wantCode)
			}
			if got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestDate_Localize(t *testing.T) {
	d := Date{2026, time.March, 7}
	if got := d.Localize(Russian); got != "07.03.2026" {
		t.Errorf("ru = %q", got)
	}
	if got := d.Localize(English); got != "7 Mar 2026" {
		t.Errorf("en = %q", got)
	}
}
