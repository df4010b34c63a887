package domain

import (
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Lang is a workspace language.
type Lang string

// The languages the bot speaks.
const (
	English Lang = "en"
	Russian Lang = "ru"
)

// Langs lists the supported languages in menu order.
var Langs = []Lang{English, Russian}

// ParseLang returns the language for a name such as "ru", "RU" or a Telegram
// language_code like "ru-RU"; ok is false for anything unsupported.
func ParseLang(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i > 0 {
		s = s[:i]
	}
	switch s {
	case "en", "english", "английский":
		return English, true
	case "ru", "russian", "русский":
		return Russian, true
	}
	return "", false
}

// LangFromCode picks the default workspace language from a Telegram
// language_code: Russian speakers get Russian, everyone else English.
func LangFromCode(code string) Lang {
	if l, ok := ParseLang(code); ok {
		return l
	}
	return English
}

// Texts is one part of the message catalog: key → language → format.
// Formats use fmt verbs; user-supplied arguments are escaped by the caller
// that knows the output format (HTML in the chat, plain on the console).
type Texts map[string]map[Lang]string

var (
	catalogMu sync.RWMutex
	catalog   = Texts{}
)

// RegisterTexts adds a part of the catalog. Each file that owns texts calls
// it from init so features can add their words without touching one big map.
// A key registered twice is a programming error and panics at start.
func RegisterTexts(t Texts) {
	catalogMu.Lock()
	defer catalogMu.Unlock()
	for k, v := range t {
		if _, dup := catalog[k]; dup {
			panic("domain: text key registered twice: " + k)
		}
		catalog[k] = v
	}
}

// Text renders the catalog entry key in lang, falling back to English, and
// to the key itself when the entry is missing (so a gap is visible, not silent).
func Text(lang Lang, key string, args ...any) string {
	catalogMu.RLock()
	entry, ok := catalog[key]
	catalogMu.RUnlock()
	args = localizeArgs(lang, args)
	if !ok {
		if len(args) == 0 {
			return key
		}
		return key + ": " + fmt.Sprint(args...)
	}
	format, ok := entry[lang]
	if !ok {
		format = entry[English]
	}
	if len(args) == 0 {
		return format
	}
	return fmt.Sprintf(format, args...)
}

// Localizer is a value that renders itself in a language. Text renders
// such arguments in its own language, so a message can carry parts that are
// themselves localized: a list of problems, a nested *Error.
type Localizer interface {
	Localize(lang Lang) string
}

// localizeArgs replaces Localizer arguments with their text in lang.
func localizeArgs(lang Lang, args []any) []any {
	var out []any // a copy, made only when needed: never write into the caller's slice
	for i, a := range args {
		l, ok := a.(Localizer)
		if !ok {
			continue
		}
		if out == nil {
			out = slices.Clone(args)
		}
		out[i] = l.Localize(lang)
	}
	if out == nil {
		return args
	}
	return out
}

// HasText reports whether key is in the catalog with both languages.
func HasText(key string) bool {
	catalogMu.RLock()
	defer catalogMu.RUnlock()
	e, ok := catalog[key]
	return ok && e[English] != "" && e[Russian] != ""
}

// Name is a thing's display name in both languages. Names typed by users
// have only the language they were typed in; In falls back to the other.
type Name struct {
	En string
	Ru string
}

// In returns the name in lang, or in the other language when it is empty.
func (n Name) In(lang Lang) string {
	if lang == Russian && n.Ru != "" || n.En == "" {
		return n.Ru
	}
	return n.En
}

// Matches reports whether s names this thing in either language, ignoring
// case and surrounding spaces.
func (n Name) Matches(s string) bool {
	s = NormalizeName(s)
	return s != "" && (s == NormalizeName(n.En) || s == NormalizeName(n.Ru))
}

// NormalizeName lowercases s, folds ё to е and collapses spaces and
// underscores, so "Lead_to  Qualified" and "lead to qualified" compare equal.
func NormalizeName(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.ReplaceAll(s, "ё", "е")
	s = nameSeparators.Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// nameSeparators is built once: NormalizeName runs for every word of every
// /log message and file header.
var nameSeparators = strings.NewReplacer("_", " ", "-", " ")
