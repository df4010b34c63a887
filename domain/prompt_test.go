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
