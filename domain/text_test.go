package domain

import (
	"fmt"
	"strings"
	"testing"
)

// Every text is shown in both languages, with the same placeholders, so a
// Russian workspace never falls back to English and no argument is lost.
func TestCatalog_EveryTextInBothLanguagesWithTheSamePlaceholders(t *testing.T) {
	catalogMu.RLock()
	defer catalogMu.RUnlock()
	if len(catalog) < 100 {
		t.Fatalf("catalog has %d texts: the registrations did not run", len(catalog))
	}
	for key, entry := range catalog {
		en, ru := entry[English], entry[Russian]
		if strings.TrimSpace(en) == "" || strings.TrimSpace(ru) == "" {
			t.Errorf("%s: missing a language", key)
			continue
		}
		if got, want := verbs(ru), verbs(en); got != want {
			t.Errorf("%s: Russian placeholders %q, English %q", key, got, want)
		}
	}
}

// verbs lists a format's fmt verbs in order (flags and widths are not
// used in the catalog).
func verbs(format string) string {
	var out []string
	for i := 0; i < len(format)-1; i++ {
		if format[i] != '%' {
			continue
		}
		if format[i+1] == '%' {
			i++
			continue
		}
		verb := format[i+1]
		if verb == 'q' {
			verb = 's' // Russian quotes with «%s» where English uses %q
		}
		out = append(out, fmt.Sprintf("%c", verb))
	}
	return strings.Join(out, "")
}
