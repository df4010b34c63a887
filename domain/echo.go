package domain

import "unicode/utf16"

// MaxEcho is how much of a user's own input a message quotes back, in
// UTF-16 units (Telegram's measure). A reply that quoted a whole pasted
// paragraph would run over the chat's message limit and lose the reason
// it exists to give.
const MaxEcho = 100

// Echo shortens s, something a person wrote, to quote it back in a
// message: at most MaxEcho units, ending with an ellipsis when cut.
func Echo(s string) string { return ShortenUnits(s, MaxEcho) }

// ShortenUnits cuts s to at most limit UTF-16 units, ending it with an
// ellipsis when something was cut (Shorten counts runes instead).
func ShortenUnits(s string, limit int) string {
	if UTF16Len(s) <= limit {
		return s
	}
	n := 0
	for i, r := range s {
		if n += utf16.RuneLen(r); n > limit-1 {
			return s[:i] + "…"
		}
	}
	return s
}

// UTF16Len is the length of s in UTF-16 units, as Telegram counts every
// length (an emoji outside the BMP counts 2).
func UTF16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// echoArgs shortens the plain string arguments of a user-facing text:
// those are what the person wrote (a value, a name, a file name), while
// the catalog's own parts (lists, examples) are Localizers and stay whole.
func echoArgs(args []any) []any {
	var out []any
	for i, a := range args {
		s, ok := a.(string)
		if !ok || UTF16Len(s) <= MaxEcho {
			continue
		}
		if out == nil {
			out = append([]any(nil), args...)
		}
		out[i] = Echo(s)
	}
	if out == nil {
		return args
	}
	return out
}
