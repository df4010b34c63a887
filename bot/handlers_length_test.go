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
		{"2,040 emoji", "/log " + strings.Repeat("😀", 2040), "is not a week"},
		{"3,995 characters", "/log " + strings.Repeat("a", 3990), "is not a week"},
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

// A reply that cannot be shortened (many problems, each stated) goes out
// in parts Telegram accepts, every problem kept.
func TestHandlerLog_ManyProblemsGoOutInParts(t *testing.T) {
	h := numbersTeam(t)
	out := h.send(leadership, mark, "/log "+strings.Repeat("leads=1 ", 499))
	if n := len(out.jobs); n < 2 {
		t.Fatalf("%d jobs, want the reply in parts", n)
	}
	if got := strings.Count(out.text(), "written twice"); got != 498 {
		t.Errorf("the parts state %d problems, want 498", got)
	}
	for i, j := range out.jobs {
		if (j.ReplyTo != 0) != (i == 0) {
			t.Errorf("part %d replies to %d; want only the first to reply", i, j.ReplyTo)
		}
	}
}
