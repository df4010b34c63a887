package domain

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestLexEntry_MarksAndSeparators(t *testing.T) {
	tests := []struct {
		in   string
		want string // tokens: words as is, marks as =, separators as ",", lines as ¶
	}{
		{"лиды=120", "лиды = 120"},
		{"лиды: 120, целевые 80", "лиды = 120 , целевые 80"},
		{"лиды — 120; встречи – 3", "лиды = 120 , встречи = 3"},
		{"лиды - 120", "лиды = 120"},
		{"лиды-120", "лиды = 120"},
		{"кол-во 2026-W47 -5 non-target.spam", "кол-во 2026-W47 -5 non-target.spam"},
		{"выручка 1,2 млн,расход 5", "выручка 1,2 млн , расход 5"},
		{"a => 1 -> 2 == 3", "a = 1 = 2 = 3"},
		{"• лиды\n\n**целевые**", "лиды ¶ целевые"},
		{"дилеры. 120. т.р. lost.meetings.", "дилеры 120 т.р. lost.meetings."},
	}
	for _, tt := range tests {
		var got []string
		for _, tok := range lexEntry(tt.in) {
			switch tok.kind {
			case tokWord:
				got = append(got, tok.text)
			case tokMark:
				got = append(got, "=")
			case tokSep:
				got = append(got, ",")
			case tokLine:
				got = append(got, "¶")
			}
		}
		if s := strings.Join(got, " "); s != tt.want {
			t.Errorf("lexEntry(%q) = %q, want %q", tt.in, s, tt.want)
		}
	}
}

func TestParseNumber_SpokenMultipliers(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"1.5кк", 1500000},
		{"1,5 кк", 1500000},
		{"2 ляма", 2000000},
		{"62 т.р.", 62000},
		{"62 тр", 62000},
		{"62т.р", 62000},
		{"60 тыс", 60000},
		{"1,5 млн ₽", 1500000},
	}
	for _, tt := range tests {
		if got, err := ParseNumber(tt.in); err != nil || got != tt.want {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestParseEntry_RefusesSeveralSegments(t *testing.T) {
	ws := newTestWorkspace()
	if _, err := ParseEntries(ws, "/log дилеры лиды 5\nзастройщики лиды 6", testNow); err != nil {
		t.Fatalf("ParseEntries: %v", err)
	}
	_, err := ParseEntry(ws, "/log дилеры лиды 5\nзастройщики лиды 6", testNow)
	var ee *EntryError
	if !errors.As(err, &ee) || len(ee.Problems) != 1 || ee.Problems[0].Text != "entry.one_segment" {
		t.Errorf("ParseEntry of two segments = %v, want one entry.one_segment problem", err)
	}
}

func TestParseEntries_RefusesAMessageOverTelegramsLimit(t *testing.T) {
	text := "/log дилеры лиды 5 " + strings.Repeat("я", maxEntryText)
	_, err := ParseEntries(newTestWorkspace(), text, testNow)
	var ee *EntryError
	if !errors.As(err, &ee) || ee.Problems[0].Text != "entry.too_long" {
		t.Fatalf("ParseEntries of %d bytes = %v, want entry.too_long", len(text), err)
	}
}

func TestEntryError_ListsTheFirstProblemsOnly(t *testing.T) {
	text := "/log дилеры" + strings.Repeat(" лиды=x", 25)
	_, err := ParseEntries(newTestWorkspace(), text, testNow)
	msg := UserMessage(English, err)
	if got := strings.Count(msg, "• "); got != maxShownProblems+1 {
		t.Errorf("message lists %d lines, want %d and a last one:\n%s", got, maxShownProblems+1, msg)
	}
	if !strings.Contains(msg, "…and 15 more.") {
		t.Errorf("message does not count the rest:\n%s", msg)
	}
}

func TestParseField_ReadsTheBotsOwnLabels(t *testing.T) {
	ws := newTestWorkspace()
	tests := map[string]Field{
		"Нецелевые: Нет бюджета":                   {Kind: FieldNonTarget, Reason: "no_budget"},
		"Non-target: Duplicate or spam":            {Kind: FieldNonTarget, Reason: "duplicate"},
		"Отвал до этапа «Встречи»: Цена":           {Kind: FieldDropOff, Stage: "meetings", Reason: "price"},
		"Lost before Deals: Chose a competitor":    {Kind: FieldDropOff, Stage: "deals", Reason: "competitor"},
		"lost before proposals: no decision maker": {Kind: FieldDropOff, Stage: "proposals", Reason: "no_decision_maker"},
	}
	for label, want := range tests {
		if got, prob := ParseField(ws, label); prob != nil || got != want {
			t.Errorf("ParseField(%q) = %+v, %v; want %+v", label, got, prob, want)
		}
	}
	// Every label the preview shows reads back to its field.
	for _, f := range []Field{{Kind: FieldSpend}, {Kind: FieldRevenue}, {Kind: FieldMargin}, {Kind: FieldCount, Stage: "paid"},
		{Kind: FieldNonTarget, Reason: "unreachable"}, {Kind: FieldDropOff, Stage: "paid", Reason: "other"}} {
		for _, lang := range Langs {
			if got, prob := ParseField(ws, f.Label(ws, lang)); prob != nil || got != f {
				t.Errorf("ParseField(Label(%s) = %q) = %+v, %v; want %+v", lang, f.Label(ws, lang), got, prob, f)
			}
		}
	}
}

func TestParseEntries_UnknownWordsAreNamedWithTheClosestNames(t *testing.T) {
	_, err := ParseEntries(newTestWorkspace(), "/log дилеры лиды 120 прошлоя неделя", testNow)
	var ee *EntryError
	if !errors.As(err, &ee) {
		t.Fatalf("error = %v, want *EntryError", err)
	}
	i := slices.IndexFunc(ee.Problems, func(p Problem) bool { return p.Text == "entry.unknown_words_hint" })
	if i < 0 || !strings.Contains(ee.Problems[i].Localize(Russian), "прошлая неделя") {
		t.Errorf("problems = %+v, want «прошлоя неделя» to suggest «прошлая неделя»", ee.Problems)
	}
}

func TestParseEntriesFor_AWeekNamedInTheMessageWinsOverTheAskedOne(t *testing.T) {
	ws := newTestWorkspace()
	asked := WeekOf(testNow) // the reminder chases the week it runs in
	tests := []struct {
		text string
		want []Week
	}{
		{"дилеры лиды 120 целевые 80", []Week{asked}},
		{"дилеры прошлая неделя лиды 120", []Week{ws.LastCompleteWeek(testNow)}},
		{"дилеры лиды 5\nзастройщики н40 лиды 6", []Week{{2026, 40}, {2026, 40}}},
	}
	for _, tt := range tests {
		entries, err := ParseEntriesFor(ws, tt.text, testNow, asked)
		if err != nil {
			t.Fatalf("ParseEntriesFor(%q): %v", tt.text, err)
		}
		var got []Week
		for _, e := range entries {
			got = append(got, e.Week)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("ParseEntriesFor(%q) weeks = %v, want %v", tt.text, got, tt.want)
		}
	}
	// ParseEntries asks for the last complete week.
	entries, err := ParseEntries(ws, "дилеры лиды 120", testNow)
	if err != nil || entries[0].Week != ws.LastCompleteWeek(testNow) {
		t.Errorf("ParseEntries without a week = %+v, %v; want the last complete week", entries, err)
	}
}
