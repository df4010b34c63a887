package domain

import (
	"strings"
	"unicode"
)

// Names people type (segments, stages, reasons) are stored as CleanName
// returns them and compared as NormalizeName returns them, so a name that
// only looks like another ("Re<zero-width space>tail" beside "Retail") is
// the same name, not a lookalike duplicate.
//
// Both leave Unicode composition alone: "é" as one character or as "e"
// and a combining accent compare equal only after NFC, whose tables are
// not in the standard library. The bot composes every command's text
// (golang.org/x/text/unicode/norm) and sheets every cell before a name
// reaches domain, so names here are already composed.

// invisible reports whether r is a default-ignorable character: zero-width
// spaces and joiners, bidirectional controls, the soft hyphen, the BOM,
// variation selectors, Hangul fillers. They draw nothing (or reorder what
// is drawn), so a name keeps none of them.
func invisible(r rune) bool {
	return unicode.In(r, unicode.Cf, unicode.Variation_Selector, unicode.Other_Default_Ignorable_Code_Point)
}

// separator reports whether r separates words in a name: any Unicode space
// or control character (tabs and line breaks included).
func separator(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r)
}

// CleanName returns a typed name as it is stored: invisible characters
// removed, any run of spaces and control characters turned into one space,
// the ends trimmed. Letters and case are kept.
func CleanName(s string) string {
	return foldName(s, false)
}

// NormalizeName is the form names are compared in: CleanName's, lower
// case, ё folded to е, and underscores and hyphens as spaces, so
// "Lead_to  Qualified", "lead to qualified" and "Lead‍-to qualified"
// compare equal.
func NormalizeName(s string) string {
	return foldName(s, true)
}

// foldName is CleanName, and NormalizeName when compare is set, in one pass.
func foldName(s string, compare bool) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false // a space is due before the next character
	for _, r := range s {
		switch {
		case invisible(r):
			continue
		case separator(r) || compare && (r == '_' || r == '-'):
			space = b.Len() > 0
			continue
		case compare && (r == 'ё' || r == 'Ё'):
			r = 'е'
		case compare:
			r = unicode.ToLower(r)
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}
