package domain

import (
	"testing"
	"unicode"
)

// A spelling that is not already normalized could never match, and one
// shared by two words would make ParseWord pick at random.
func TestWords_EverySpellingMatchesAndMeansOneWord(t *testing.T) {
	owner := map[string]Word{}
	for w, spellings := range wordSpellings {
		hasRussian := false
		for _, sp := range spellings {
			if NormalizeName(sp) != sp {
				t.Errorf("%s: spelling %q is not normalized (%q)", w, sp, NormalizeName(sp))
			}
			if other, dup := owner[sp]; dup {
				t.Errorf("%q spells both %s and %s", sp, other, w)
			}
			owner[sp] = w
			for _, r := range sp {
				hasRussian = hasRussian || unicode.Is(unicode.Cyrillic, r)
			}
		}
		if !hasRussian {
			t.Errorf("%s has no Russian spelling", w)
		}
	}
}

func TestParseWord(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Word
		ok   bool
	}{
		{"add", WordAdd, true},
		{" Добавить ", WordAdd, true},
		{"ВЫКЛ", WordOff, true},
		{"Non_Target", WordNonTarget, true},
		{"drop-off", WordDropOff, true},
		{"все", WordAll, true},
		{"стоп", WordEnd, true},
		{"added", "", false},
		{"", "", false},
	} {
		got, ok := ParseWord(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ParseWord(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
	if !IsWord("Гендир", WordCEO) || IsWord("ceo", WordAll) {
		t.Error("IsWord does not tell the words apart")
	}
}

func TestCutWord_SplitsAtTheWordStandingAlone(t *testing.T) {
	for _, tc := range []struct {
		in, before, after string
		found             bool
	}{
		{"Demo after Meetings", "Demo", "Meetings", true},
		{"Демо ПОСЛЕ Встречи", "Демо", "Встречи", true},
		{"Aftercare", "Aftercare", "", false},
		{"  Demo  ", "Demo", "", false},
	} {
		before, after, found := CutWord(tc.in, WordAfter)
		if before != tc.before || after != tc.after || found != tc.found {
			t.Errorf("CutWord(%q) = %q, %q, %v; want %q, %q, %v", tc.in, before, after, found, tc.before, tc.after, tc.found)
		}
	}
}

func TestParsePeriodKindAndReasonKind(t *testing.T) {
	if k, ok := ParsePeriodKind("Месяц"); !ok || k != PeriodMonth {
		t.Errorf("ParsePeriodKind(Месяц) = %q, %v", k, ok)
	}
	if _, ok := ParsePeriodKind("year"); ok {
		t.Error("ParsePeriodKind accepts year")
	}
	if k, ok := ParseReasonKind("отвалы"); !ok || k != ListDropOff {
		t.Errorf("ParseReasonKind(отвалы) = %q, %v", k, ok)
	}
	if k, ok := ParseReasonKind("квалификация"); !ok || k != ListNonTarget {
		t.Errorf("ParseReasonKind(квалификация) = %q, %v", k, ok)
	}
	if _, ok := ParseReasonKind("add"); ok {
		t.Error("ParseReasonKind accepts a command word")
	}
}
