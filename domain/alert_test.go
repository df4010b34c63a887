package domain

import (
	"strings"
	"testing"
	"time"
)

func alertWorkspace() *Workspace {
	ws := planWorkspace()
	ws.Segments = append(ws.Segments, Segment{Key: "retail", Name: Name{En: "Retail", Ru: "Розница"}, SkipStages: []string{"meetings", "proposals"}})
	return ws
}

func TestParseAlertRule(t *testing.T) {
	ws := alertWorkspace()
	tests := []struct {
		in   string
		want AlertRule
	}{
		{"dealers qualified→meetings < 35%", AlertRule{Segment: "dealers", Metric: ConvMetric("meetings"), Op: AlertBelow, Threshold: 0.35}},
		{"dealers qualified->meetings<35", AlertRule{Segment: "dealers", Metric: ConvMetric("meetings"), Op: AlertBelow, Threshold: 0.35}},
		{"Dealers CPL > 1500", AlertRule{Segment: "dealers", Metric: MetricCPL, Op: AlertAbove, Threshold: 1500}},
		{"дилеры cpl выше 1,5к", AlertRule{Segment: "dealers", Metric: MetricCPL, Op: AlertAbove, Threshold: 1500}},
		{"dealers leads falls 30%", AlertRule{Segment: "dealers", Metric: CountMetric("leads"), Op: AlertFalls, Threshold: 0.3}},
		{"дилеры лиды падает на 30%", AlertRule{Segment: "dealers", Metric: CountMetric("leads"), Op: AlertFalls, Threshold: 0.3}},
		{"dealers leads below 100", AlertRule{Segment: "dealers", Metric: CountMetric("leads"), Op: AlertBelow, Threshold: 100}},
		{"dealers leads→qualified falls 5 pp", AlertRule{Segment: "dealers", Metric: ConvMetric("qualified"), Op: AlertFalls, Threshold: 0.05, Points: true}},
		{"dealers non-target rises 10 п.п.", AlertRule{Segment: "dealers", Metric: MetricNonTargetShare, Op: AlertRises, Threshold: 0.10, Points: true}},
		{"retail qualified→deals <= 20%", AlertRule{Segment: "retail", Metric: ConvMetric("deals"), Op: AlertBelow, Threshold: 0.2}},
		{"retail revenue < 1,2 млн", AlertRule{Segment: "retail", Metric: MetricRevenue, Op: AlertBelow, Threshold: 1_200_000}},
		{"dealers средний чек растёт 20%", AlertRule{Segment: "dealers", Metric: MetricAvgCheck, Op: AlertRises, Threshold: 0.2}},
	}
	for _, tt := range tests {
		got, err := ParseAlertRule(ws, tt.in)
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		if !got.Same(&tt.want) {
			t.Errorf("%q = %+v, want %+v", tt.in, *got, tt.want)
		}
	}
	bad := []struct{ in, says string }{
		{"dealers cpl", "Write the segment, the metric"},
		{"cpl > 1500", "Name the segment first"},
		{"dealers happiness > 3", `I don't know the metric "happiness"`},
		{"dealers leads→meetings < 30%", "the one into Meetings is from Qualified"},
		{"retail meetings < 10", `I don't know the metric "meetings"`},
		{"dealers leads falls lots", `I can't read the value "lots"`},
		{"dealers leads falls 0%", `I can't read the value "0%"`},
	}
	for _, tt := range bad {
		_, err := ParseAlertRule(ws, tt.in)
		if ErrorCode(err) != EINVALID || !strings.Contains(UserMessage(English, err), tt.says) {
			t.Errorf("%q: %v, want EINVALID saying %q", tt.in, err, tt.says)
		}
	}
	// With one segment it may be left out.
	one := planWorkspace()
	if r, err := ParseAlertRule(one, "cpl > 1500"); err != nil || r.Segment != "dealers" {
		t.Errorf("one segment: %+v, %v", r, err)
	}
}

// funnelWeek is a week of dealers with leads, qualified and meetings and
// a spend, as marketing and sales report them.
func funnelWeek(w Week, leads, qualified, meetings int64, spend Money) WeeklyRecord {
	return WeeklyRecord{Segment: "dealers", Week: w, Spend: spend,
		Counts: map[string]int64{"leads": leads, "qualified": qualified, "meetings": meetings}}
}

func TestCheckAlert(t *testing.T) {
	ws := alertWorkspace()
	w := week(2026, 12)
	history := []WeeklyRecord{
		funnelWeek(week(2026, 8), 100, 60, 30, 150_000_00),
		funnelWeek(week(2026, 9), 120, 60, 30, 150_000_00),
		funnelWeek(week(2026, 10), 80, 60, 30, 150_000_00),
		funnelWeek(week(2026, 11), 100, 60, 30, 150_000_00),
	}
	with := func(cur WeeklyRecord) []WeeklyRecord { return append(append([]WeeklyRecord{}, history...), cur) }
	tests := []struct {
		name   string
		rule   AlertRule
		recs   []WeeklyRecord
		value  float64
		change float64
		fired  bool
	}{
		{"28% is below a 35% line", AlertRule{Segment: "dealers", Metric: ConvMetric("meetings"), Op: AlertBelow, Threshold: 0.35},
			with(funnelWeek(w, 100, 50, 14, 0)), 0.28, 0, true},
		{"40% is not below it", AlertRule{Segment: "dealers", Metric: ConvMetric("meetings"), Op: AlertBelow, Threshold: 0.35},
			with(funnelWeek(w, 100, 50, 20, 0)), 0.40, 0, false},
		{"CPL 2 000 is above 1 500", AlertRule{Segment: "dealers", Metric: MetricCPL, Op: AlertAbove, Threshold: 1500},
			with(funnelWeek(w, 100, 50, 20, 200_000_00)), 2000, 0, true},
		// The baseline is (100+120+80+100)/4 = 100 leads a week.
		{"65 leads fell 35% against 100", AlertRule{Segment: "dealers", Metric: CountMetric("leads"), Op: AlertFalls, Threshold: 0.3},
			with(funnelWeek(w, 65, 40, 20, 0)), 65, -0.35, true},
		{"75 leads fell 25%: not 30%", AlertRule{Segment: "dealers", Metric: CountMetric("leads"), Op: AlertFalls, Threshold: 0.3},
			with(funnelWeek(w, 75, 40, 20, 0)), 75, -0.25, false},
		// Leads→qualified: 240 of 400 in the baseline is 60%; 45 of 100 is 45%.
		{"a rate falls 15 pp, past 10 pp", AlertRule{Segment: "dealers", Metric: ConvMetric("qualified"), Op: AlertFalls, Threshold: 0.10, Points: true},
			with(funnelWeek(w, 100, 45, 20, 0)), 0.45, -0.15, true},
		{"a change needs two weeks of baseline", AlertRule{Segment: "dealers", Metric: CountMetric("leads"), Op: AlertFalls, Threshold: 0.3},
			[]WeeklyRecord{history[3], funnelWeek(w, 10, 5, 2, 0)}, 10, 0, false},
		{"a stage the week did not report is not judged", AlertRule{Segment: "dealers", Metric: CountMetric("deals"), Op: AlertBelow, Threshold: 5},
			with(funnelWeek(w, 100, 50, 20, 0)), 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := CheckAlert(ws, &tt.rule, w, tt.recs)
			if c.Fired != tt.fired {
				t.Errorf("fired = %v (%+v), want %v", c.Fired, c, tt.fired)
			}
			if tt.value != 0 && !near(c.Value.V, tt.value) {
				t.Errorf("value %v, want %v", c.Value.V, tt.value)
			}
			if tt.change != 0 && !near(c.Change.V, tt.change) {
				t.Errorf("change %v, want %v", c.Change.V, tt.change)
			}
		})
	}
}

func TestAlertMessage_MentionsTheOwnerWithButtons(t *testing.T) {
	ws := alertWorkspace()
	r := &AlertRule{ID: 3, Segment: "dealers", Metric: ConvMetric("meetings"), Op: AlertBelow, Threshold: 0.35}
	job := AlertMessage(ws, r, AlertCheck{Week: week(2026, 12), Value: Some(0.28), Fired: true})
	want := "🔔 Alert · Dealers · 2026-W12\nQualified → Meetings: 28%\nRule: Qualified → Meetings below 35%\nSergey, please take a look."
	if got := StripTags(job.Text); got != want || !strings.Contains(job.Text, `<a href="tg://user?id=`) {
		t.Errorf("text:\n got %q\nwant %q", got, want)
	}
	if job.ChatID != ws.ChatID || len(job.Keyboard) != 1 || job.Keyboard[0][0].Data != "al:3:m" || job.Keyboard[0][1].Data != "al:3:d" {
		t.Errorf("job %+v, want the chat and mute/delete buttons", job)
	}
	change := &AlertRule{ID: 4, Segment: "dealers", Metric: CountMetric("leads"), Op: AlertFalls, Threshold: 0.3}
	text := StripTags(AlertMessage(ws, change, AlertCheck{Week: week(2026, 12), Value: Some(65), Base: Some(100), Change: Some(-0.35)}).Text)
	if want := "Leads: 65 (−35% against the 4-week average of 100)\nRule: Leads falls 30% against the 4-week average\nMark, please take a look."; !strings.Contains(text, want) {
		t.Errorf("change text %q", text)
	}
}

func TestAlertDepartment(t *testing.T) {
	ws := alertWorkspace()
	for m, want := range map[Metric]string{
		CountMetric("leads"): DeptMarketing, CountMetric("deals"): DeptSales,
		ConvMetric("meetings"): DeptSales, MetricCPL: DeptMarketing, MetricAvgCheck: DeptSales,
	} {
		if got := AlertDepartment(ws, m); got != want {
			t.Errorf("AlertDepartment(%s) = %q, want %q", m, got, want)
		}
	}
}

// FuzzParseRules reads any text as an alert rule and as a /plan message:
// neither panics, and what they accept renders.
func FuzzParseRules(f *testing.F) {
	for _, s := range []string{
		"dealers qualified→meetings < 35%", "dealers cpl > 1500", "dealers leads falls 30%", "дилеры лиды падает на 5 п.п.",
		"dealers march revenue=5m deals=12", "2 кв дилеры выручка=1,2 млн", "dealers q2 remove", "<<>>→→", "",
	} {
		f.Add(s)
	}
	ws := alertWorkspace()
	now := time.Date(2026, 3, 18, 10, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		if r, err := ParseAlertRule(ws, s); err == nil {
			if r.Segment == "" || r.Metric == "" || AlertRuleText(ws, r, Russian) == "" {
				t.Errorf("%q gave the rule %+v", s, r)
			}
		} else if ErrorCode(err) != EINVALID {
			t.Errorf("%q: %v, want EINVALID", s, err)
		}
		if req, err := ParsePlanRequest(ws, s, now); err == nil {
			for _, target := range req.Targets {
				if !PlannableField(target.Field()) || target.Value < 0 {
					t.Errorf("%q gave the target %+v", s, target)
				}
			}
		} else if c := ErrorCode(err); c != EINVALID {
			t.Errorf("%q: %v, want EINVALID", s, err)
		}
	})
}
