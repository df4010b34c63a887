package bot

import (
	"strings"
	"testing"
)

// An over-long /log gets a reply Telegram accepts, with the reason: the
// echo of the input is shortened (lengths counted in UTF-16 units, as
// Telegram counts them), never the reason or the example.
func TestHandlerLog_LongInputGetsItsReason(t *testing.T) {
	h := numbersTeam(t)
	for _, c := range []struct{ name, text, reason string }{
		{"2,040 emoji", "/log " + strings.Repeat("😀", 2040), "is not understood"},
		{"3,995 characters", "/log " + strings.Repeat("a", 3990), "is not understood"},
		{"a long number", "/log leads=" + strings.Repeat("1", 3984), "is not a number"},
	} {
		out := h.send(leadership, mark, c.text)
		if n := len(out.jobs); n != 1 {
			t.Errorf("%s: %d jobs, want one reply: %s", c.name, n, out)
			continue
		}
		out.contains("Nothing was saved", c.reason, "…", "Example: /log")
	}
}

// A message with hundreds of problems gets one reply Telegram accepts: the
// first problems stated and the rest counted, not a wall of text (splitting
// replies that must be long is tested in htmlfit_test.go).
func TestHandlerLog_ManyProblemsAreCappedInOneReply(t *testing.T) {
	h := numbersTeam(t)
	out := h.send(leadership, mark, "/log "+strings.Repeat("leads=1 ", 499))
	if n := len(out.jobs); n != 1 {
		t.Fatalf("%d jobs, want one reply", n)
	}
	if got := strings.Count(out.text(), "written twice"); got == 0 || got > 10 {
		t.Errorf("the reply states %d problems, want 1 to 10", got)
	}
	out.contains("Nothing was saved", "more")
}
