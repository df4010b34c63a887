package domain

import "testing"

func TestPromptToken_RoundTrips(t *testing.T) {
	p := Prompt{Kind: PromptHypothesisResult, Workspace: 3, ID: 17}
	if got := p.Token(); got != "hr-3-17" {
		t.Fatalf("Token() = %q, want hr-3-17", got)
	}
	back, ok := ParsePromptToken(p.Token())
	if !ok || back != p {
		t.Errorf("ParsePromptToken(%q) = %+v, %v; want %+v", p.Token(), back, ok, p)
	}
}

func TestParsePromptToken_RefusesWhatTokenNeverWrites(t *testing.T) {
	for _, s := range []string{"", "hr", "hr-3", "hr-3-17-1", "-3-17", "HR-3-17", "h1-3-17", "hr-0-17", "hr-3-0", "hr--3-17", "hr-x-17", "hr-3-99999999999999999999"} {
		if p, ok := ParsePromptToken(s); ok {
			t.Errorf("ParsePromptToken(%q) = %+v, want refused", s, p)
		}
	}
}

func TestNumbersPrompt_CarriesTheWeekItAsksFor(t *testing.T) {
	week := Week{Year: 2026, Num: 12}
	p := NumbersPrompt(3, week)
	if p.Token() != "nw-3-202612" {
		t.Errorf("the reminder's token = %q, want nw-3-202612", p.Token())
	}
	back, ok := ParsePromptToken(p.Token())
	if got, asks := back.NumbersWeek(); !ok || !asks || got != week {
		t.Errorf("week read back = %s, %v; want %s", got, asks, week)
	}
	help := NumbersPrompt(3, Week{})
	if help.Token() != "nl-3-1" {
		t.Errorf("the /log help's token = %q, want nl-3-1", help.Token())
	}
	if w, asks := help.NumbersWeek(); asks {
		t.Errorf("the /log help asks for %s, want no week of its own", w)
	}
	// A week that does not exist, and other kinds, ask for none.
	for _, p := range []Prompt{{Kind: PromptWeekNumbers, Workspace: 3, ID: 202654}, {Kind: PromptWeekNumbers, Workspace: 3, ID: 7}, {Kind: PromptHypothesisResult, Workspace: 3, ID: 202612}} {
		if w, asks := p.NumbersWeek(); asks {
			t.Errorf("%s asks for week %s, want none", p.Token(), w)
		}
	}
}
