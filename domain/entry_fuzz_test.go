package domain

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// FuzzParseEntry checks that no message crashes the /log parser, that a
// refusal always names its problems in both languages, and that what is
// accepted is sound and reads back the same when written as plain
// key=value lines. The corpus messages are its seeds, besides
// testdata/fuzz/FuzzParseEntry.
func FuzzParseEntry(f *testing.F) {
	ws := newCorpusWorkspace()
	for _, s := range []string{
		"/log dealers w47 leads=120 qualified=80 meetings=30 spend=350к revenue=1,2 млн margin=35% nontarget.no_budget=12 нецелевые.спам=3 lost.meetings.wrong_phone=14 отвал.встречи.цена=2",
		"/log дилеры прошлая неделя лиды=120 целевые=80 бюджет=350 000",
		"retail buyers\nqualified leads: 5, leads = 9; manager.Anna.deals=1",
		"/log dealers leads==,,=;;::",
		"= = =",
		"/log",
	} {
		f.Add(s)
	}
	_, cases := readCorpus(f)
	for _, c := range cases {
		f.Add(c.message)
	}
	current := WeekOf(testNow)
	f.Fuzz(func(t *testing.T, text string) {
		entries, err := ParseEntries(ws, text, testNow)
		if err != nil {
			var ee *EntryError
			if !errors.As(err, &ee) || len(ee.Problems) == 0 || entries != nil {
				t.Fatalf("ParseEntries(%q) = %v, %v; want only an *EntryError with problems", text, entries, err)
			}
			for _, p := range ee.Problems {
				if !HasText(p.Text) {
					t.Fatalf("ParseEntries(%q): problem %q has no text in both languages", text, p.Text)
				}
			}
			for _, lang := range Langs {
				if msg := UserMessage(lang, err); strings.Contains(msg, "%!") {
					t.Fatalf("ParseEntries(%q): broken %s message %q", text, lang, msg)
				}
			}
			return
		}
		if len(entries) == 0 {
			t.Fatalf("ParseEntries(%q) gave neither entries nor an error", text)
		}
		var seen []string
		for _, e := range entries {
			checkFuzzedEntry(t, ws, text, e, current)
			id := e.Segment + " " + e.Week.String()
			if slices.Contains(seen, id) {
				t.Fatalf("ParseEntries(%q) gave %s twice", text, id)
			}
			seen = append(seen, id)
		}
		again, err := ParseEntries(ws, text, testNow)
		if err != nil || !reflect.DeepEqual(again, entries) {
			t.Fatalf("ParseEntries(%q) is not deterministic: %+v, then %+v, %v", text, entries, again, err)
		}
		if slices.ContainsFunc(entries, func(e Entry) bool { return e.Margin != nil && (*e.Margin > 1 || *e.Margin < -1) }) {
			return // a margin over 100% has no exact plain form, and Merge refuses it anyway
		}
		plain := plainLogMessage(entries)
		back, err := ParseEntries(ws, plain, testNow)
		if err != nil || !reflect.DeepEqual(back, entries) {
			t.Fatalf("ParseEntries(%q) = %+v, but its plain form %q reads as %+v, %v", text, entries, plain, back, err)
		}
	})
}

// checkFuzzedEntry checks one accepted entry: figures for an active
// segment's stages, a week that has begun, no negative counts.
func checkFuzzedEntry(t *testing.T, ws *Workspace, text string, e Entry, current Week) {
	t.Helper()
	i := slices.IndexFunc(ws.ActiveSegments(), func(s Segment) bool { return s.Key == e.Segment })
	if e.IsEmpty() || !e.Week.Valid() || current.Before(e.Week) || i < 0 {
		t.Fatalf("ParseEntries(%q) gave %+v: want figures, an active segment and a week that has begun", text, e)
	}
	for _, st := range e.Stages() {
		if slices.Contains(ws.ActiveSegments()[i].SkipStages, st) {
			t.Fatalf("ParseEntries(%q) gave a figure of %s, which %s skips", text, st, e.Segment)
		}
	}
	for _, f := range e.Fields() {
		if f.Kind == FieldCount && e.Counts[f.Stage] < 0 || f.Kind == FieldNonTarget && e.NonTarget[f.Reason] < 0 {
			t.Fatalf("ParseEntries(%q) gave a negative count: %+v", text, e)
		}
	}
	_ = e.Summary(ws, English)
}

// plainLogMessage writes entries the plainest way: a line per entry with
// the segment key, the week and key=value pairs.
func plainLogMessage(entries []Entry) string {
	var lines []string
	for _, e := range entries {
		lines = append(lines, plainEntry(e, e.Fields()))
	}
	return strings.Join(lines, "\n")
}

// BenchmarkParseEntry_LongMessage measures a message at Telegram's 4096
// character limit full of words without keys, the worst case for splitting.
func BenchmarkParseEntry_LongMessage(b *testing.B) {
	ws := newTestWorkspace()
	text := "/log dealers leads=" + strings.Repeat("word 1 200 qualifed ", 200) + "=5"
	text = text[:min(len(text), 4096)] + "=5"
	b.ReportAllocs()
	for b.Loop() {
		_, _ = ParseEntry(ws, text, testNow)
	}
}
