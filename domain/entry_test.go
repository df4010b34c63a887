package domain

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// Members of the test workspace.
const (
	testCEO           int64 = 1
	testMarketingHead int64 = 2
	testSalesHead     int64 = 3
	testReader        int64 = 4
)

// testNow is Friday 27 November 2026, ISO week 48.
var testNow = time.Date(2026, time.November, 27, 12, 0, 0, 0, time.UTC)

// newTestWorkspace returns the default funnel with the playground maker's
// three segments and one member of each role.
func newTestWorkspace() *Workspace {
	ws := NewWorkspace(-100, "Playgrounds", Russian, "UTC", Person{UserID: testCEO, Name: "Olga"}, testNow)
	ws.Segments = []Segment{
		{Key: "dealers", Name: Name{En: "Dealers", Ru: "Дилеры"}, Focus: true},
		{Key: "developers", Name: Name{En: "Developers", Ru: "Застройщики"}},
		{Key: "retail", Name: Name{En: "Retail buyers", Ru: "Физлица"}, Aliases: []string{"розница"}, SkipStages: []string{"proposals"}},
		{Key: "old", Name: Name{En: "Old", Ru: "Старый"}, Archived: true},
	}
	ws.Members = append(ws.Members,
		Member{UserID: testMarketingHead, HeadOf: []string{DeptMarketing}},
		Member{UserID: testSalesHead, HeadOf: []string{DeptSales}},
		Member{UserID: testReader},
	)
	return ws
}

func money(m Money) *Money        { return &m }
func fraction(f float64) *float64 { return &f }

func TestParseEntry_Accepted(t *testing.T) {
	ws := newTestWorkspace()
	tests := []struct {
		name string
		text string
		want Entry
	}{
		{
			name: "english keys, dotted reasons, multipliers",
			text: "/log dealers w47 leads=120 qualified=80 meetings=30 spend=350к revenue=1,2 млн margin=35% nontarget.no_budget=12 нецелевые.спам=3 lost.meetings.wrong_phone=14 отвал.встречи.цена=2",
			want: Entry{
				Segment: "dealers", Week: Week{2026, 47},
				Counts:    map[string]int64{"leads": 120, "qualified": 80, "meetings": 30},
				Spend:     money(35000000),
				Revenue:   money(120000000),
				Margin:    fraction(0.35),
				NonTarget: map[string]int64{"no_budget": 12, "duplicate": 3},
				DropOffs:  map[string]map[string]int64{"meetings": {"wrong_phone": 14, "price": 2}},
			},
		},
		{
			name: "russian names, relative week, spaced number",
			text: "/log дилеры прошлая неделя лиды=120 целевые=80 бюджет=350 000",
			want: Entry{
				Segment: "dealers", Week: Week{2026, 47},
				Counts: map[string]int64{"leads": 120, "qualified": 80},
				Spend:  money(35000000),
			},
		},
		{
			name: "lines, colons, commas and semicolons",
			text: "/log@trackbot_bot Застройщики 2026-W46\nлиды: 1 200, целевые = 800; встречи=40,КП=10\nвыручка: 12 345,67",
			want: Entry{
				Segment: "developers", Week: Week{2026, 46},
				Counts:  map[string]int64{"leads": 1200, "qualified": 800, "meetings": 40, "proposals": 10},
				Revenue: money(1234567),
			},
		},
		{
			name: "multi-word segment and key, no week: the last complete one",
			text: "retail buyers qualified leads=5 leads=9",
			want: Entry{
				Segment: "retail", Week: Week{2026, 47},
				Counts: map[string]int64{"qualified": 5, "leads": 9},
			},
		},
		{
			name: "segment alias after the week, manager counts",
			text: "w47 розница менеджер.Анна Петрова.встречи=4 manager.Ivan.meetings=3",
			want: Entry{
				Segment: "retail", Week: Week{2026, 47},
				Managers: map[string]map[string]int64{"Анна Петрова": {"meetings": 4}, "Ivan": {"meetings": 3}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseEntry(ws, tt.text, testNow)
			if err != nil {
				t.Fatalf("ParseEntry error: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseEntry(%q)\ngot  %+v\nwant %+v", tt.text, got, tt.want)
			}
		})
	}
}

func TestParseEntry_SegmentMayBeOmittedWithOneSegment(t *testing.T) {
	ws := NewWorkspace(-1, "One", English, "UTC", Person{UserID: testCEO}, testNow)
	got, err := ParseEntry(ws, "/log last week leads=5", testNow)
	if err != nil {
		t.Fatal(err)
	}
	want := Entry{Segment: "main", Week: Week{2026, 47}, Counts: map[string]int64{"leads": 5}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestParseEntry_CollectsEveryProblem(t *testing.T) {
	ws := newTestWorkspace()
	text := "/log dealers w47 leads=12a qualifed=80 meetings=5 встречи=6 nontarget.foo=3 lost.meetings.price=-2 margin=много"
	_, err := ParseEntry(ws, text, testNow)
	var ee *EntryError
	if !errors.As(err, &ee) {
		t.Fatalf("ParseEntry error = %v, want *EntryError", err)
	}
	var got []string
	for _, p := range ee.Problems {
		got = append(got, p.Key+" "+p.Text)
	}
	want := []string{
		"leads entry.bad_number",
		"qualifed entry.unknown_key_hint",
		"встречи entry.duplicate_key",
		"nontarget.foo entry.unknown_nontarget",
		"lost.meetings.price entry.bad_count",
		"margin entry.bad_percent",
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems\ngot  %q\nwant %q", got, want)
	}
	if code := ErrorCode(err); code != EINVALID {
		t.Errorf("ErrorCode = %q, want %q", code, EINVALID)
	}
	ru := UserMessage(Russian, err)
	for _, part := range []string{"Ничего не сохранено", "«12a» — не число", "qualified", "указано дважды", "Нет бюджета", "Пример: /log дилеры н47 лиды=120 целевые=80"} {
		if !strings.Contains(ru, part) {
			t.Errorf("Russian message lacks %q:\n%s", part, ru)
		}
	}
	en := UserMessage(English, err)
	for _, part := range []string{"Nothing was saved", "“12a” is not a number", "Did you mean: qualified", "Example: /log dealers w47 leads=120 qualified=80"} {
		if !strings.Contains(en, part) {
			t.Errorf("English message lacks %q:\n%s", part, en)
		}
	}
}

func TestParseEntry_Problems(t *testing.T) {
	ws := newTestWorkspace()
	tests := []struct {
		name string
		text string
		want []string // problem text keys
	}{
		{"unknown segment", "/log partners w47 leads=5", []string{"entry.unknown_segment"}},
		{"archived segment", "/log old leads=5", []string{"entry.unknown_segment"}},
		{"bad week", "/log dealers w60 leads=5", []string{"entry.no_such_week"}},
		{"nothing to log", "/log dealers w47", []string{"entry.empty"}},
		{"no value", "/log dealers leads=", []string{"entry.no_value"}},
		{"line without a value", "/log dealers leads=5\nqualified", []string{"entry.no_value"}},
		{"skipped stage", "/log retail proposals=3", []string{"entry.stage_skipped"}},
		{"unknown drop-off stage", "/log dealers lost.lunch.price=3", []string{"entry.unknown_dropoff_stage"}},
		{"drop-off without a stage", "/log dealers lost.wrong_phone=3", []string{"entry.unknown_dropoff_stage"}},
		{"unknown drop-off reason", "/log dealers lost.meetings.weather=3", []string{"entry.unknown_dropoff"}},
		{"manager without stage", "/log dealers manager.Ivan=3", []string{"entry.bad_manager_key"}},
		{"unknown key far from all", "/log dealers zzzzzzzz=3", []string{"entry.unknown_key"}},
		{"fractional count", "/log dealers leads=2.5", []string{"entry.bad_count"}},
		{"two numbers run together", "/log dealers leads=120 80", []string{"entry.bad_number"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseEntry(ws, tt.text, testNow)
			var ee *EntryError
			if !errors.As(err, &ee) {
				t.Fatalf("ParseEntry(%q) error = %v, want *EntryError", tt.text, err)
			}
			var got []string
			for _, p := range ee.Problems {
				got = append(got, p.Text)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("ParseEntry(%q) problems = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestParseEntry_UnknownSegmentListsSegments(t *testing.T) {
	_, err := ParseEntry(newTestWorkspace(), "/log partners leads=5", testNow)
	got := UserMessage(Russian, err)
	if !strings.Contains(got, "Дилеры, Застройщики, Физлица") || strings.Contains(got, "Старый") {
		t.Errorf("message = %q, want the active segments listed", got)
	}
}

func TestEntry_ApplyOverwritesOnlyNamedFields(t *testing.T) {
	old := WeeklyRecord{
		Segment: "dealers", Week: Week{2026, 47},
		Counts:    map[string]int64{"leads": 100, "qualified": 60},
		Spend:     30000000,
		Revenue:   50000000,
		NonTarget: map[string]int64{"no_budget": 10},
		DropOffs:  map[string]map[string]int64{"meetings": {"price": 4, "timing": 1}},
		UpdatedBy: testCEO,
	}
	e := Entry{
		Segment: "dealers", Week: Week{2026, 47},
		Counts:   map[string]int64{"qualified": 70},
		Spend:    money(0), // a reported zero overwrites
		Margin:   fraction(0.3),
		DropOffs: map[string]map[string]int64{"meetings": {"price": 6}},
	}
	got := e.Apply(old)
	want := WeeklyRecord{
		Segment: "dealers", Week: Week{2026, 47},
		Counts:    map[string]int64{"leads": 100, "qualified": 70},
		Spend:     0,
		Revenue:   50000000,
		Margin:    0.3,
		HasMargin: true,
		NonTarget: map[string]int64{"no_budget": 10},
		DropOffs:  map[string]map[string]int64{"meetings": {"price": 6, "timing": 1}},
		UpdatedBy: testCEO,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Apply\ngot  %+v\nwant %+v", got, want)
	}
	if old.Counts["qualified"] != 60 || old.DropOffs["meetings"]["price"] != 4 {
		t.Errorf("Apply modified the old record: %+v", old)
	}
}

func TestValidateRecord(t *testing.T) {
	ws := newTestWorkspace()
	tests := []struct {
		name string
		rec  WeeklyRecord
		want []string
	}{
		{"consistent", WeeklyRecord{
			Counts:    map[string]int64{"leads": 100, "qualified": 60, "meetings": 80},
			NonTarget: map[string]int64{"no_budget": 40},
			DropOffs:  map[string]map[string]int64{"meetings": {"price": 60}},
			Managers:  map[string]map[string]int64{"Ivan": {"meetings": 50}, "Anna": {"meetings": 30}},
			Margin:    1, HasMargin: true,
		}, nil},
		{"qualified over leads", WeeklyRecord{Counts: map[string]int64{"leads": 10, "qualified": 11}}, []string{"entry.split_over_leads"}},
		{"qualified and non-target over leads", WeeklyRecord{
			Counts: map[string]int64{"leads": 10, "qualified": 6}, NonTarget: map[string]int64{"spam": 3, "no_budget": 2},
		}, []string{"entry.split_over_leads"}},
		{"leads not reported: nothing to compare", WeeklyRecord{Counts: map[string]int64{"qualified": 11}}, nil},
		{"lost over the previous stage", WeeklyRecord{
			Counts: map[string]int64{"qualified": 5, "meetings": 1}, DropOffs: map[string]map[string]int64{"meetings": {"price": 4, "timing": 2}},
		}, []string{"entry.lost_over_stage"}},
		{"lost without the previous stage: nothing to compare", WeeklyRecord{
			Counts: map[string]int64{"meetings": 1}, DropOffs: map[string]map[string]int64{"meetings": {"price": 4}},
		}, nil},
		{"managers over stage", WeeklyRecord{
			Counts: map[string]int64{"deals": 5}, Managers: map[string]map[string]int64{"Ivan": {"deals": 4}, "Anna": {"deals": 2}},
		}, []string{"entry.managers_over_stage"}},
		{"margin over 100%", WeeklyRecord{Margin: 1.2, HasMargin: true}, []string{"entry.margin_range"}},
		{"negative margin", WeeklyRecord{Margin: -0.1, HasMargin: true}, []string{"entry.margin_range"}},
		{"negative money", WeeklyRecord{Spend: -1, Revenue: -1}, []string{"entry.negative_money", "entry.negative_money"}},
		{"negative count", WeeklyRecord{Counts: map[string]int64{"clicks": -1}}, []string{"entry.negative_count"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, p := range ValidateRecord(ws, tt.rec) {
				got = append(got, p.Text)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("ValidateRecord problems = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestEntry_MergeChecksAgainstTheStoredRecord(t *testing.T) {
	ws := newTestWorkspace()
	stored := WeeklyRecord{Segment: "dealers", Week: Week{2026, 47}, Counts: map[string]int64{"leads": 50}}
	e, err := ParseEntry(ws, "/log dealers w47 qualified=60", testNow)
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.Merge(ws, stored)
	if got := UserMessage(English, err); !strings.Contains(got, "Qualified (60) and non-target leads (0) together are more than Leads (50)") {
		t.Errorf("Merge message = %q, want the qualified/leads rule", got)
	}
	stored.Counts["leads"] = 70
	got, err := e.Merge(ws, stored)
	if err != nil || got.Counts["qualified"] != 60 || got.Counts["leads"] != 70 {
		t.Errorf("Merge = %+v, %v; want leads 70 and qualified 60", got, err)
	}
}

func TestCanEnter(t *testing.T) {
	ws := newTestWorkspace()
	marketing := "/log dealers leads=10 spend=5000 nontarget.spam=2"
	sales := "/log dealers meetings=4 revenue=1 млн margin=30% lost.meetings.price=1 manager.Ivan.deals=1"
	tests := []struct {
		name    string
		user    int64
		text    string
		wantErr string // the EFORBIDDEN text key, or "" when allowed
		denied  string // part of the English message
	}{
		{"CEO enters anything", testCEO, marketing + " meetings=1 revenue=5", "", ""},
		{"marketing head enters marketing figures", testMarketingHead, marketing, "", ""},
		{"sales head enters sales figures", testSalesHead, sales, "", ""},
		{"marketing head may not enter revenue", testMarketingHead, marketing + " revenue=5 meetings=2", "entry.forbidden", "Meetings, Revenue"},
		{"sales head may not enter spend", testSalesHead, sales + " spend=5 nontarget.spam=1", "entry.forbidden", "Spend, Non-target: Duplicate or spam"},
		{"a member enters nothing", testReader, marketing, "entry.forbidden_member", ""},
		{"a stranger enters nothing", 99, marketing, "entry.forbidden_member", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := ParseEntry(ws, tt.text, testNow)
			if err != nil {
				t.Fatal(err)
			}
			err = CanEnter(ws, tt.user, e)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("CanEnter = %v, want nil", err)
				}
				return
			}
			var de *Error
			if !errors.As(err, &de) || de.Code != EFORBIDDEN || de.Key != tt.wantErr {
				t.Fatalf("CanEnter = %v, want EFORBIDDEN %s", err, tt.wantErr)
			}
			if got := de.Localize(English); !strings.Contains(got, tt.denied) {
				t.Errorf("message = %q, want it to name %q", got, tt.denied)
			}
		})
	}
}

func TestEntry_StagesAndDepartments(t *testing.T) {
	ws := newTestWorkspace()
	e, err := ParseEntry(ws, "/log dealers leads=10 revenue=5 lost.meetings.price=1 manager.Ivan.deals=1", testNow)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := e.Stages(), []string{"deals", "leads", "meetings"}; !slices.Equal(got, want) {
		t.Errorf("Stages = %q, want %q", got, want)
	}
	if got, want := e.Departments(ws), []string{DeptMarketing, DeptSales}; !slices.Equal(got, want) {
		t.Errorf("Departments = %q, want %q", got, want)
	}
}

func TestEntry_Summary(t *testing.T) {
	ws := newTestWorkspace()
	e, err := ParseEntry(ws, "/log dealers w47 spend=350к qualified=80 leads=120 margin=35% nontarget.no_budget=12 lost.meetings.price=2", testNow)
	if err != nil {
		t.Fatal(err)
	}
	got := e.Summary(ws, Russian)
	want := [][2]string{
		{"Сегмент", "Дилеры"},
		{"Неделя", "2026-W47"},
		{"Лиды", "120"},
		{"Целевые", "80"},
		{"Расход", "350\u00a0000\u00a0₽"},
		{"Маржа", "35%"},
		{"Нецелевые: Нет бюджета", "12"},
		{"Отвал до этапа «Встречи»: Цена", "2"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Summary\ngot  %q\nwant %q", got, want)
	}
}

func TestParseField_HeaderRoundTrip(t *testing.T) {
	ws := newTestWorkspace()
	fields := []Field{
		{Kind: FieldCount, Stage: "proposals"},
		{Kind: FieldSpend}, {Kind: FieldRevenue}, {Kind: FieldMargin},
		{Kind: FieldNonTarget, Reason: "no_budget"},
		{Kind: FieldDropOff, Stage: "meetings", Reason: "no_decision_maker"},
		{Kind: FieldManager, Manager: "A. Petrova", Stage: "deals"},
	}
	for _, f := range fields {
		for _, lang := range Langs {
			h := f.Header(ws, lang)
			got, prob := ParseField(ws, h)
			if prob != nil || got != f {
				t.Errorf("ParseField(Header(%s) = %q) = %+v, %v; want %+v", lang, h, got, prob, f)
			}
			if got, _ := ParseField(ws, f.Key()); got != f {
				t.Errorf("ParseField(Key() = %q) = %+v, want %+v", f.Key(), got, f)
			}
		}
	}
}

func TestParseEntry_MissingSegment(t *testing.T) {
	_, err := ParseEntry(newTestWorkspace(), "/log leads=5", testNow)
	if got, want := UserMessage(English, err), "which segment? Start with one of: Dealers, Developers, Retail buyers."; !strings.Contains(got, want) {
		t.Errorf("message = %q, want it to contain %q", got, want)
	}
}

func TestParseEntry_WeekWithoutSegmentAsksForTheSegment(t *testing.T) {
	ws := newTestWorkspace()
	if len(ws.ActiveSegments()) < 2 {
		t.Fatal("the test needs a workspace with several segments")
	}
	_, err := ParseEntry(ws, "/log last week leads=5", time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC))
	var e *EntryError
	if !errors.As(err, &e) || len(e.Problems) != 1 || e.Problems[0].Text != "entry.no_segment" {
		t.Fatalf("error = %v, want one entry.no_segment problem", err)
	}
}
