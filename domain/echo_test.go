package domain

import (
	"strings"
	"testing"
)

func TestEcho_ShortensInUTF16UnitsAndKeepsShortInput(t *testing.T) {
	for _, c := range []struct {
		name, in string
		want     int // UTF-16 units of the result
		cut      bool
	}{
		{"short stays", "1O0", 3, false},
		{"exactly the limit stays", strings.Repeat("a", MaxEcho), MaxEcho, false},
		{"long text", strings.Repeat("a", 3995), MaxEcho, true},
		{"emoji count two units", strings.Repeat("😀", 2040), MaxEcho - 1, true},
		{"Cyrillic counts one", strings.Repeat("я", MaxEcho+1), MaxEcho, true},
	} {
		got := Echo(c.in)
		if n := UTF16Len(got); n != c.want || strings.HasSuffix(got, "…") != c.cut || !strings.HasPrefix(c.in, strings.TrimSuffix(got, "…")) {
			t.Errorf("%s: Echo gave %d units %.40q…, want %d units, cut %v", c.name, n, got, c.want, c.cut)
		}
	}
}

// A reply to a long paste names what is wrong: the quoted input is cut,
// the reason and the example are whole.
func TestUserMessage_QuotesLongInputShortenedWithTheReasonKept(t *testing.T) {
	ws := NewWorkspace(-1, "Team", English, "UTC", Person{UserID: 1}, testNow)
	for _, args := range []string{strings.Repeat("a", 3990), strings.Repeat("😀", 2040), "leads=" + strings.Repeat("1", 3990)} {
		_, err := ParseEntry(ws, args, testNow)
		if err == nil {
			t.Fatalf("%.20q… parsed", args)
		}
		msg := UserMessage(English, err)
		if n := UTF16Len(msg); n > 600 {
			t.Errorf("the reply to %.20q… is %d units long:\n%s", args, n, msg)
		}
		for _, want := range []string{"Nothing was saved", "is not ", "…", "Example: /log"} {
			if !strings.Contains(msg, want) {
				t.Errorf("the reply to %.20q… lacks %q:\n%s", args, want, msg)
			}
		}
	}
	long := Errorf(EINVALID, "import.bad_type", strings.Repeat("x", 500)+".txt")
	if msg := long.Localize(Russian); UTF16Len(msg) > 300 || !strings.Contains(msg, "xxx…") {
		t.Errorf("a long file name is quoted whole: %d units", UTF16Len(msg))
	}
}
