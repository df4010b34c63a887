package domain

import (
	"strings"
	"unicode/utf8"
)

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

// AddNames adds every name of a typed list (see SplitNames) to the list of
// kind and returns their keys, in order. It is all or nothing: every name
// is checked first (not empty, not too long, not taken, not written twice)
// and so is the stage named after, so a refused list changes nothing. New
// stages follow one another after that stage, at the end when it is empty.
func (w *Workspace) AddNames(kind ListKind, list, after string) ([]string, error) {
	names := SplitNames(list)
	if len(names) == 0 {
		return nil, Errorf(EINVALID, "setup.bad_name")
	}
	for i, name := range names {
		if utf8.RuneCountInString(name) > maxItemName {
			return nil, Errorf(EINVALID, "setup.bad_name")
		}
		if _, taken := w.Find(kind, name); taken {
			return nil, Errorf(ECONFLICT, "setup.name_taken", name)
		}
		for _, earlier := range names[:i] {
			if NormalizeName(earlier) == NormalizeName(name) {
				return nil, Errorf(ECONFLICT, "setup.name_taken", name)
			}
		}
	}
	if after = strings.TrimSpace(after); kind == ListStages && after != "" {
		if _, ok := w.Find(ListStages, after); !ok {
			return nil, Errorf(ENOTFOUND, "setup.not_found", after)
		}
	}
	var keys []string
	for _, name := range names {
		key, err := w.Add(kind, name, after)
		if err != nil { // the checks above leave nothing for Add to refuse
			return keys, err
		}
		keys = append(keys, key)
		if kind == ListStages && after != "" {
			after = name
		}
	}
	return keys, nil
}
