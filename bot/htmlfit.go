package bot

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"trackbot/domain"
)

// Telegram counts every length in UTF-16 code units of the text after
// entity parsing (an emoji outside the BMP counts 2), and answers 400 to a
// text over the limit or with a tag left open. Builders keep messages well
// under the limits; this file is the net under every job: a long message
// is split into valid parts, and what cannot be split (an edit, a caption,
// a press's answer) is shortened, never cut into invalid HTML.

// Telegram's size limits.
const (
	maxMessage        = 4096
	maxCaption        = 1024
	maxCallbackAnswer = 200
	maxCallbackData   = 64
)

// fitJob returns the jobs that deliver job within Telegram's limits, job
// itself last. A text message over the limit becomes several messages:
// the first replies where job replied, the last is job itself and carries
// its buttons, so a caller that keeps the pointer (to set a key it looks
// the message up by) gets the message with the buttons. Edits, captions and
// answers are shortened in place.
func fitJob(job *domain.OutboxJob) []*domain.OutboxJob {
	for i := range job.Files {
		job.Files[i].Caption = shortenHTML(job.Files[i].Caption, maxCaption)
	}
	switch job.Kind {
	case domain.AnswerCallback:
		job.Text = domain.ShortenUnits(job.Text, maxCallbackAnswer)
	case domain.EditText:
		job.Text = shortenHTML(job.Text, maxMessage)
	case domain.SendText:
		parts := splitHTML(job.Text, maxMessage)
		if len(parts) == 1 {
			job.Text = parts[0]
			return []*domain.OutboxJob{job}
		}
		jobs := make([]*domain.OutboxJob, 0, len(parts))
		for i, text := range parts[:len(parts)-1] {
			part := *job
			part.Text, part.Keyboard = text, nil
			if job.Key != "" {
				part.Key = job.Key + "#" + strconv.Itoa(i+1)
			}
			if i > 0 {
				part.ReplyTo = 0
			}
			jobs = append(jobs, &part)
		}
		job.Text, job.ReplyTo = parts[len(parts)-1], 0
		return append(jobs, job)
	}
	return []*domain.OutboxJob{job}
}

// fitJobs applies fitJob to each job, keeping their order.
func fitJobs(jobs []*domain.OutboxJob) []*domain.OutboxJob {
	var out []*domain.OutboxJob
	for _, j := range jobs {
		out = append(out, fitJob(j)...)
	}
	return out
}

// visibleLen is the length of an HTML text as Telegram counts it: without
// tags, with entities decoded, in UTF-16 units.
func visibleLen(s string) int {
	n := 0
	for t := range htmlTokens(s) {
		n += t.width
	}
	return n
}

// shortenHTML shortens an HTML text to limit visible units: it keeps what
// fits (cut at a line break where one is near), ends it with an ellipsis
// and closes the tags still open.
func shortenHTML(s string, limit int) string {
	if visibleLen(s) <= limit {
		return s
	}
	cut, open := cutHTML(s, limit-1, nil)
	return strings.TrimRight(s[:cut], " \n") + "…" + closing(open)
}

// splitHTML splits an HTML text into parts of at most limit visible units,
// cutting at a paragraph, a line or a word where one is in the second half
// of a part. Tags open at a cut are closed at the end of the part and
// opened again, with their attributes, at the start of the next one.
func splitHTML(s string, limit int) []string {
	if visibleLen(s) <= limit {
		return []string{s}
	}
	var parts []string
	var open []string // start tags to open again at the next part
	for s != "" {
		prefix := strings.Join(open, "")
		cut, stillOpen := cutHTML(s, limit, open)
		if cut == 0 {
			cut = len(s) // a limit narrower than one character; never so in practice
		}
		parts = appendPart(parts, prefix+s[:cut]+closing(stillOpen))
		open, s = stillOpen, strings.TrimLeft(s[cut:], "\n")
	}
	return parts
}

// appendPart adds a part unless it shows nothing, which Telegram refuses.
func appendPart(parts []string, p string) []string {
	if strings.TrimSpace(htmlText(p)) == "" {
		return parts
	}
	return append(parts, p)
}

// cutHTML finds where to end a part of s that shows at most limit units,
// given the tags open before s, and returns the byte offset and the tags
// still open there; all of s when it fits. It cuts only between tokens,
// prefers a paragraph, a line or a word break in the second half of the
// part, and takes the end tags that follow the cut along, so no part ends
// with an empty block.
func cutHTML(s string, limit int, open []string) (int, []string) {
	width, end := 0, 0
	var para, line, word int
	for t := range htmlTokens(s) {
		if width+t.width > limit {
			break
		}
		if t.end == len(s) {
			para, line, word = len(s), 0, 0 // the rest fits whole
		}
		width += t.width
		end = t.end
		if width*2 < limit {
			continue
		}
		switch {
		case t.text == "\n" && strings.HasSuffix(s[:t.start], "\n"):
			para = t.end
		case t.text == "\n":
			line = t.end
		case t.text == " ":
			word = t.end
		}
	}
	cut := end
	for _, c := range []int{para, line, word} {
		if c > 0 {
			cut = c
			break
		}
	}
	stack := append([]string(nil), open...)
	for t := range htmlTokens(s) {
		if t.start >= cut && !(t.closes && len(stack) > 0) {
			break
		}
		switch {
		case t.opens:
			stack = append(stack, t.text)
		case t.closes && len(stack) > 0:
			stack = stack[:len(stack)-1]
		}
		if t.start >= cut {
			cut = t.end // an end tag right after the cut goes with the part
		}
	}
	return cut, stack
}

// closing returns the end tags of the open start tags, innermost first.
func closing(open []string) string {
	var sb strings.Builder
	for i := len(open) - 1; i >= 0; i-- {
		sb.WriteString("</" + tagName(open[i]) + ">")
	}
	return sb.String()
}

// tagName is the lowercase name of a start or end tag.
func tagName(tag string) string {
	name := strings.TrimLeft(tag, "</")
	if i := strings.IndexAny(name, " \t\n>"); i >= 0 {
		name = name[:i]
	}
	return strings.ToLower(name)
}

// htmlText is what an HTML text shows: tags dropped, entities decoded.
func htmlText(s string) string {
	var sb strings.Builder
	for t := range htmlTokens(s) {
		if t.width > 0 {
			sb.WriteString(decodeToken(t.text))
		}
	}
	return sb.String()
}

// htmlToken is a piece of an HTML text: a tag, a character reference or
// one character.
type htmlToken struct {
	start, end    int    // byte offsets in the text
	text          string // as written
	width         int    // UTF-16 units it shows
	opens, closes bool   // a start or an end tag
}

// htmlTokens yields the tokens of an HTML text in order. A '<' or '&' that
// starts no tag or reference counts as the character itself.
func htmlTokens(s string) func(yield func(htmlToken) bool) {
	return func(yield func(htmlToken) bool) {
		for i := 0; i < len(s); {
			t := htmlToken{start: i}
			switch s[i] {
			case '<':
				if j := strings.IndexByte(s[i:], '>'); j > 0 {
					t.end = i + j + 1
					t.closes = strings.HasPrefix(s[i:], "</")
					t.opens = !t.closes
				}
			case '&':
				if j := strings.IndexByte(s[i:], ';'); j > 1 && j <= 10 {
					t.end = i + j + 1
					t.width = domain.UTF16Len(decodeToken(s[i:t.end]))
				}
			}
			if t.end == 0 {
				r, size := utf8.DecodeRuneInString(s[i:])
				t.end, t.width = i+size, utf16.RuneLen(r)
				if t.width < 0 {
					t.width = 1 // an invalid byte; Telegram refuses the text anyway
				}
			}
			t.text = s[t.start:t.end]
			if !yield(t) {
				return
			}
			i = t.end
		}
	}
}

// decodeToken decodes a character reference; any other token is itself.
func decodeToken(t string) string {
	if len(t) < 3 || t[0] != '&' {
		return t
	}
	switch t {
	case "&lt;":
		return "<"
	case "&gt;":
		return ">"
	case "&amp;":
		return "&"
	case "&quot;":
		return `"`
	}
	var r rune
	digits, base := t[2:len(t)-1], 10
	if strings.HasPrefix(digits, "x") || strings.HasPrefix(digits, "X") {
		digits, base = digits[1:], 16
	}
	if t[1] != '#' || digits == "" {
		return t
	}
	for _, c := range strings.ToLower(digits) {
		d := strings.IndexRune("0123456789abcdef"[:base], c)
		if d < 0 || r > utf8.MaxRune {
			return t
		}
		r = r*rune(base) + rune(d)
	}
	if !utf8.ValidRune(r) {
		return t
	}
	return string(r)
}
