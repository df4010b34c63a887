package domain

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Splitting a /log message into tokens: words, assignment marks,
// separators and line ends. Everything above works on these.

// entryTokenKind says what a token of a /log message is.
type entryTokenKind uint8

// The kinds of tokens.
const (
	tokWord entryTokenKind = iota
	tokMark                // an assignment mark: = : — – → or a lone -
	tokSep                 // a comma or a semicolon between pairs
	tokLine                // a line end
)

// entryToken is one token as written.
type entryToken struct {
	kind entryTokenKind
	text string
}

// lexEntry splits a message into tokens. Marks in a row count as one
// ("==", ": -", "=>"). A comma between two digits belongs to a number
// ("1,2 млн"); a hyphen is a mark when it stands alone ("лиды - 120") or
// joins a word to a number ("лиды-120"), and part of the word otherwise
// ("кол-во", "2026-W47", "-5").
func lexEntry(text string) []entryToken {
	var toks []entryToken
	var word []rune
	flush := func() {
		if len(word) > 0 {
			toks = append(toks, entryToken{kind: tokWord, text: trimWordDot(string(word))})
			word = word[:0]
		}
	}
	push := func(kind entryTokenKind, text string) {
		flush()
		if n := len(toks); n > 0 && toks[n-1].kind == kind && (kind == tokMark || kind == tokLine) {
			return
		}
		toks = append(toks, entryToken{kind: kind, text: text})
	}
	runes := []rune(text)
	at := func(i int) rune {
		if i < 0 || i >= len(runes) {
			return 0
		}
		return runes[i]
	}
	for i, r := range runes {
		switch {
		case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
			push(tokLine, "\n")
		case r == ';':
			push(tokSep, ";")
		case r == ',':
			if unicode.IsDigit(at(i-1)) && unicode.IsDigit(at(i+1)) {
				word = append(word, r)
			} else {
				push(tokSep, ",")
			}
		case r == '=' || r == ':' || r == '—' || r == '–' || r == '→':
			push(tokMark, string(r))
		case r == '>' && len(word) == 0 && len(toks) > 0 && toks[len(toks)-1].kind == tokMark:
			// the tail of "=>" or "->"
		case r == '-':
			next := at(i + 1)
			standalone := len(word) == 0 && (next == 0 || next == '>' || unicode.IsSpace(next))
			joins := len(word) > 0 && unicode.IsLetter(word[len(word)-1]) && unicode.IsDigit(next)
			if standalone || joins {
				push(tokMark, "-")
			} else {
				word = append(word, r)
			}
		case unicode.IsSpace(r) || strings.ContainsRune(entryIgnoredRunes, r):
			flush()
		default:
			word = append(word, r)
		}
	}
	flush()
	return toks
}

// trimWordDot drops the full stop ending a sentence ("лиды 120.",
// "дилеры.") but keeps the dots of abbreviations and dotted keys
// ("т.р.", "lost.meetings.").
func trimWordDot(w string) string {
	if len(w) > 1 && strings.HasSuffix(w, ".") && strings.Count(w, ".") == 1 {
		return w[:len(w)-1]
	}
	return w
}

// dropCommand removes the command word (/log, /log@bot) at the start.
func dropCommand(toks []entryToken) []entryToken {
	if len(toks) > 0 && toks[0].kind == tokWord && strings.HasPrefix(toks[0].text, "/") {
		return toks[1:]
	}
	return toks
}

// isNumberStart reports whether a word starts a number: a digit, or a
// sign, a currency mark or a decimal mark followed by one ("-5", "$350",
// ",5").
func isNumberStart(w string) bool {
	r, size := utf8.DecodeRuneInString(w)
	if unicode.IsDigit(r) {
		return true
	}
	if !strings.ContainsRune("+-−$€₽.,", r) {
		return false
	}
	next, _ := utf8.DecodeRuneInString(w[size:])
	return unicode.IsDigit(next) || strings.ContainsRune("$€₽", next)
}

// isNumberSuffix reports whether a word is a multiplier, a currency or a
// percent sign written apart from its number: "млн", "тыс.", "₽", "%".
func isNumberSuffix(w string) bool {
	if isNumberStart(w) || strings.Trim(w, ". ") == "" {
		return false
	}
	_, _, ok := parseSuffix(strings.ToLower(w))
	return ok
}

// reThousands is a group of three digits, possibly with decimals: the
// second and later words of "1 200 000" and "12 345,67".
var reThousands = regexp.MustCompile(`^\d{3}(?:[.,]\d+)?$`)

// isThousandsGroup reports whether a word continues a number written
// with spaces ("000", "345,67", "000₽").
func isThousandsGroup(w string) bool {
	core, suffix := splitNumberCore(strings.ToLower(w))
	if !reThousands.MatchString(core) {
		return false
	}
	_, _, ok := parseSuffix(suffix)
	return ok
}
