package domain

import (
	"fmt"
	"html"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Pieces of the chat's HTML that texts built in domain (the review pack)
// and in the bot share, so a person or a hypothesis reads the same in
// every message.

// Mention renders a person so the chat notifies them: @username when they
// have one, a user link otherwise.
func Mention(m Member) string {
	if m.Username != "" {
		return "@" + esc(m.Username)
	}
	name := m.Name
	if name == "" {
		name = strconv.FormatInt(m.UserID, 10)
	}
	return fmt.Sprintf(`<a href="tg://user?id=%d">%s</a>`, m.UserID, esc(name))
}

// Mentions renders several people, comma-separated; "—" for nobody.
func Mentions(ms []Member) string {
	if len(ms) == 0 {
		return "—"
	}
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = Mention(m)
	}
	return strings.Join(out, ", ")
}

// HypothesisLine is one hypothesis in a list: number, status, department,
// deadline (marked when overdue on day today) and the start of its text.
func HypothesisLine(ws *Workspace, h *Hypothesis, l Lang, today Date) string {
	due := h.Deadline.Localize(l)
	if h.Overdue(today) {
		due = "⚠ " + due
	}
	return fmt.Sprintf("<b>%s</b> · %s · %s · %s — %s", h.Label(), esc(h.Status.Localize(l)),
		esc(ws.DepartmentName(h.Department, l)), due, esc(Shorten(h.Text, 80)))
}

// Shorten cuts s to at most n runes, ending with "…" when it was longer.
func Shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// StripTags removes HTML tags and decodes entities: a message as a reader
// sees it.
func StripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>' && in:
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return html.UnescapeString(b.String())
}
