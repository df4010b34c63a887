package bot

import (
	"html"
	"regexp"
	"slices"
	"strings"
	"testing"

	"trackbot/domain"
)

// sent is what the bot queued for one update, in the order queued.
type sent struct {
	t    *testing.T
	jobs []*domain.OutboxJob
}

func (s sent) ofKind(kinds ...domain.OutboxKind) []*domain.OutboxJob {
	var out []*domain.OutboxJob
	for _, j := range s.jobs {
		if slices.Contains(kinds, j.Kind) {
			out = append(out, j)
		}
	}
	return out
}

// text is the plain text of every message sent or edited, joined.
func (s sent) text() string {
	var parts []string
	for _, j := range s.ofKind(domain.SendText, domain.EditText) {
		parts = append(parts, htmlPlain(j.Text))
	}
	return strings.Join(parts, "\n――\n")
}

// html is the HTML of every message sent or edited, joined.
func (s sent) html() string {
	var parts []string
	for _, j := range s.ofKind(domain.SendText, domain.EditText) {
		parts = append(parts, j.Text)
	}
	return strings.Join(parts, "\n――\n")
}

// message is the first new text message; the test fails without one.
func (s sent) message() *domain.OutboxJob {
	s.t.Helper()
	jobs := s.ofKind(domain.SendText)
	if len(jobs) == 0 {
		s.t.Fatalf("no message sent; jobs: %s", s)
	}
	return jobs[0]
}

// id is the message id of the first new text message.
func (s sent) id() int {
	s.t.Helper()
	return s.message().MessageIDs[0]
}

// edit is the first edit; the test fails without one.
func (s sent) edit() *domain.OutboxJob {
	s.t.Helper()
	jobs := s.ofKind(domain.EditText)
	if len(jobs) == 0 {
		s.t.Fatalf("no message edited; jobs: %s", s)
	}
	return jobs[0]
}

// answer is the text of the press's answer and whether it is an alert.
func (s sent) answer() (string, bool) {
	for _, j := range s.ofKind(domain.AnswerCallback) {
		return j.Text, j.ShowAlert
	}
	return "", false
}

// buttons are the buttons of every message sent or edited.
func (s sent) buttons() []domain.Button {
	var out []domain.Button
	for _, j := range s.ofKind(domain.SendText, domain.EditText) {
		for _, row := range j.Keyboard {
			out = append(out, row...)
		}
	}
	return out
}

// button returns the data of the button whose data contains part and
// whose label contains label; the test fails without one.
func (s sent) button(part, label string) string {
	s.t.Helper()
	for _, b := range s.buttons() {
		if strings.Contains(b.Data, part) && strings.Contains(b.Text, label) {
			return b.Data
		}
	}
	s.t.Fatalf("no button %q %q among %+v", part, label, s.buttons())
	return ""
}

// contains fails the test for each part the plain text lacks.
func (s sent) contains(parts ...string) {
	s.t.Helper()
	text := s.text()
	for _, p := range parts {
		if !strings.Contains(text, p) {
			s.t.Errorf("reply lacks %q:\n%s", p, text)
		}
	}
}

// String lists the jobs briefly, for failure messages.
func (s sent) String() string {
	var parts []string
	for _, j := range s.jobs {
		parts = append(parts, string(j.Kind)+" "+strings.ReplaceAll(clipRunes(htmlPlain(j.Text), 80), "\n", " "))
	}
	return "[" + strings.Join(parts, "; ") + "]"
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// htmlPlain is an HTML text as the reader sees it.
func htmlPlain(s string) string {
	return strings.ReplaceAll(html.UnescapeString(tagRE.ReplaceAllString(s, "")), "\u00a0", " ")
}
