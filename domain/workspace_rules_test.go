package domain

import (
	"slices"
	"testing"
	"time"
)

func segmentKeys(segs []Segment) []string {
	var keys []string
	for _, s := range segs {
		keys = append(keys, s.Key)
	}
	return keys
}

func TestWorkspace_FocusSegments(t *testing.T) {
	tests := []struct {
		name     string
		segments []Segment
		want     []string
	}{
		{"the marked ones in order", []Segment{{Key: "a"}, {Key: "b", Focus: true}, {Key: "c", Focus: true}}, []string{"b", "c"}},
		{"an archived focus segment is left out", []Segment{{Key: "a", Focus: true, Archived: true}, {Key: "b", Focus: true}}, []string{"b"}},
		{"the first live segment when none is marked", []Segment{{Key: "a", Archived: true}, {Key: "b"}, {Key: "c"}}, []string{"b"}},
		{"none without live segments", []Segment{{Key: "a", Focus: true, Archived: true}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws := &Workspace{Segments: tt.segments}
			if got := segmentKeys(ws.FocusSegments()); !slices.Equal(got, tt.want) {
				t.Errorf("FocusSegments = %v, want %v", got, tt.want)
			}
			want := ""
			if len(tt.want) > 0 {
				want = tt.want[0]
			}
			if got := ws.DefaultSegment().Key; got != want {
				t.Errorf("DefaultSegment = %q, want %q", got, want)
			}
		})
	}
}

func TestWorkspace_ReviewSegments(t *testing.T) {
	ws := &Workspace{Segments: []Segment{{Key: "a"}, {Key: "b", Focus: true}, {Key: "c", Archived: true}}}
	for _, tt := range []struct {
		key  string
		want []string
	}{
		{"", []string{"b"}},
		{"a", []string{"a"}},
		{"c", []string{"b"}}, // archived: back to the focus
		{"gone", []string{"b"}},
	} {
		if got := segmentKeys(ws.ReviewSegments(tt.key)); !slices.Equal(got, tt.want) {
			t.Errorf("ReviewSegments(%q) = %v, want %v", tt.key, got, tt.want)
		}
	}
}

func TestWorkspace_TodayAndLastCompleteWeekInItsZone(t *testing.T) {
	tests := []struct {
		name  string
		zone  string
		now   time.Time
		today Date
		last  Week
	}{
		// Sunday 22:30 UTC is already Monday in Moscow: a new week began.
		{"Monday in Moscow, Sunday in UTC", "Europe/Moscow", utc(2026, 3, 29, 22, 30), Date{2026, time.March, 30}, wk(2026, 13)},
		{"Sunday in UTC", "UTC", utc(2026, 3, 29, 22, 30), Date{2026, time.March, 29}, wk(2026, 12)},
		// Monday 03:00 UTC is still Sunday in New York.
		{"Sunday in New York", "America/New_York", utc(2026, 3, 30, 3, 0), Date{2026, time.March, 29}, wk(2026, 12)},
		{"the 53rd week before a new year", "UTC", utc(2027, 1, 6, 12, 0), Date{2027, time.January, 6}, wk(2026, 53)},
		{"an unknown zone counts in UTC", "Mars/Olympus", utc(2026, 3, 29, 22, 30), Date{2026, time.March, 29}, wk(2026, 12)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws := &Workspace{TimeZone: tt.zone}
			if got := ws.Today(tt.now); got != tt.today {
				t.Errorf("Today = %v, want %v", got, tt.today)
			}
			if got := ws.LastCompleteWeek(tt.now); got != tt.last {
				t.Errorf("LastCompleteWeek = %v, want %v", got, tt.last)
			}
		})
	}
}

func TestNamedBy(t *testing.T) {
	name := Name{En: "No answer", Ru: "Не берёт трубку"}
	aliases := []string{"silent", "молчит"}
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"no_answer", true}, // the key itself
		{"No-Answer", true}, // the key or the name, normalized
		{"  NO   ANSWER ", true},
		{"не берет трубку", true}, // ё folded
		{"Silent", true},
		{"молчит", true},
		{"no", false},
		{"", false},
		{"   ", false},
	} {
		if got := NamedBy(tt.s, "no_answer", name, aliases); got != tt.want {
			t.Errorf("NamedBy(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
	// Stages, segments, reasons and departments all match this way.
	st := Stage{Key: "no_answer", Name: name, Aliases: aliases}
	seg := Segment{Key: "no_answer", Name: name, Aliases: aliases}
	r := Reason{Key: "no_answer", Name: name, Aliases: aliases}
	ws := &Workspace{Departments: []Department{{Key: "no_answer", Name: name}}}
	for _, s := range []string{"no answer", "НЕ БЕРЁТ ТРУБКУ"} {
		_, dept := ws.Department(s)
		if !st.Matches(s) || !seg.Matches(s) || !r.Matches(s) || !dept {
			t.Errorf("%q: stage %v segment %v reason %v department %v, want all true", s, st.Matches(s), seg.Matches(s), r.Matches(s), dept)
		}
	}
}

func TestFocusPeriod(t *testing.T) {
	w := wk(2026, 10)
	if got, want := FocusPeriod(WeekPeriod(w)), LastWeeks(w, BaselineWeeks); got != want {
		t.Errorf("week: got %+v, want the %d weeks ending with it %+v", got, BaselineWeeks, want)
	}
	for _, p := range []Period{PeriodOf(PeriodMonth, w), PeriodOf(PeriodQuarter, w), LastWeeks(w, 6)} {
		if got := FocusPeriod(p); got != p {
			t.Errorf("%s: got %+v, want the period itself", p.Kind, got)
		}
	}
}

func TestFunnelReport_PaidBack(t *testing.T) {
	for _, tt := range []struct {
		romi        Value
		paid, known bool
	}{{Some(0.4), true, true}, {Some(0), true, true}, {Some(-0.2), false, true}, {None, false, false}} {
		paid, known := FunnelReport{ROMI: tt.romi}.PaidBack()
		if paid != tt.paid || known != tt.known {
			t.Errorf("ROMI %v: paid %v known %v, want %v %v", tt.romi, paid, known, tt.paid, tt.known)
		}
	}
}
