package domain

import "strings"

// Adding several items of a list in one command: "/segment add
// Застройщики, Розница" adds two segments, not one named with a comma.

// maxItemName is the longest name of a segment, stage or reason, in letters.
const maxItemName = 40

// SplitNames reads the names of a list typed in one command, separated by
// commas, semicolons or new lines. A separator inside brackets belongs to
// the name ("Розница (физлица, ИП)"); empty names are dropped.
func SplitNames(s string) []string {
	var names []string
	var cur strings.Builder
	depth := 0
	flush := func() {
		if name := strings.Join(strings.Fields(cur.String()), " "); name != "" {
			names = append(names, name)
		}
		cur.Reset()
	}
	for _, r := range s {
		switch {
		case strings.ContainsRune("([{«", r):
			depth++
		case strings.ContainsRune(")]}»", r):
			depth = max(depth-1, 0)
		case depth == 0 && strings.ContainsRune(",;\n", r):
			flush()
			continue
		}
		cur.WriteRune(r)
	}
	flush()
	return names
}
