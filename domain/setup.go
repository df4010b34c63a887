package domain

import (
	"slices"
	"strings"
	"unicode"
)

// ListKind names one of the workspace's editable lists.
type ListKind string

// The editable lists of a workspace.
const (
	ListSegments  ListKind = "segment"
	ListStages    ListKind = "stage"
	ListNonTarget ListKind = "nontarget"
	ListDropOff   ListKind = "dropoff"
)

// item is the part of a segment, stage or reason that list editing needs.
type item struct {
	key      *string
	name     *Name
	aliases  []string
	archived *bool
}

func (w *Workspace) items(kind ListKind) []item {
	var out []item
	switch kind {
	case ListSegments:
		for i := range w.Segments {
			s := &w.Segments[i]
			out = append(out, item{&s.Key, &s.Name, s.Aliases, &s.Archived})
		}
	case ListStages:
		for i := range w.Stages {
			s := &w.Stages[i]
			out = append(out, item{&s.Key, &s.Name, s.Aliases, &s.Archived})
		}
	case ListNonTarget, ListDropOff:
		reasons := w.reasons(kind)
		for i := range *reasons {
			r := &(*reasons)[i]
			out = append(out, item{&r.Key, &r.Name, r.Aliases, &r.Archived})
		}
	}
	return out
}

func (w *Workspace) reasons(kind ListKind) *[]Reason {
	if kind == ListDropOff {
		return &w.DropOff
	}
	return &w.NonTarget
}

// Find returns the key of the active item of kind named s (key, name or
// alias, either language).
func (w *Workspace) Find(kind ListKind, s string) (string, bool) {
	for _, it := range w.items(kind) {
		if *it.archived {
			continue
		}
		if NamedBy(s, *it.key, *it.name, it.aliases) {
			return *it.key, true
		}
	}
	return "", false
}

// ItemName returns the name in lang of the item of kind with key, or the
// key when there is none.
func (w *Workspace) ItemName(kind ListKind, key string, lang Lang) string {
	for _, it := range w.items(kind) {
		if *it.key == key {
			return it.name.In(lang)
		}
	}
	return key
}

// Add appends a new item named name to the list and returns its key. A new
// stage goes after the stage named after (at the end when empty) and is
// owned by that stage's department. The name is stored as CleanName
// returns it; one that compares equal to a name on the list is taken.
func (w *Workspace) Add(kind ListKind, name, after string) (string, error) {
	name = CleanName(name)
	if name == "" || len([]rune(name)) > 40 {
		return "", Errorf(EINVALID, "setup.bad_name")
	}
	if _, taken := w.Find(kind, name); taken {
		return "", Errorf(ECONFLICT, "setup.name_taken", name)
	}
	key := w.uniqueKey(kind, Slug(name))
	n := Name{En: name, Ru: name}
	switch kind {
	case ListSegments:
		w.Segments = append(w.Segments, Segment{Key: key, Name: n})
	case ListStages:
		return key, w.addStage(Stage{Key: key, Name: n}, after)
	default:
		reasons := w.reasons(kind)
		// Keep "other" last: it is the catch-all.
		at := len(*reasons)
		if i := slices.IndexFunc(*reasons, func(r Reason) bool { return r.Key == OtherReason }); i >= 0 {
			at = i
		}
		*reasons = slices.Insert(*reasons, at, Reason{Key: key, Name: n})
	}
	return key, nil
}

// AddList adds every name of a list typed in one command ("Застройщики,
// Розница"; see SplitNames) and returns
// their keys. It is all or nothing: any bad or taken name, or a name twice
// in the list, adds none. New stages go one after another after the stage
// named after.
func (w *Workspace) AddList(kind ListKind, list, after string) ([]string, error) {
	names := SplitNames(list)
	if len(names) == 0 {
		return nil, Errorf(EINVALID, "setup.bad_name")
	}
	for i, name := range names {
		if len([]rune(name)) > maxItemName {
			return nil, Errorf(EINVALID, "setup.bad_name")
		}
		if _, taken := w.Find(kind, name); taken {
			return nil, Errorf(ECONFLICT, "setup.name_taken", name)
		}
		if slices.ContainsFunc(names[:i], func(n string) bool { return NormalizeName(n) == NormalizeName(name) }) {
			return nil, Errorf(EINVALID, "setup.name_twice", name)
		}
	}
	if _, ok := w.Find(ListStages, after); kind == ListStages && after != "" && !ok {
		return nil, Errorf(ENOTFOUND, "setup.not_found", after)
	}
	keys := make([]string, 0, len(names))
	for _, name := range names {
		key, err := w.Add(kind, name, after)
		if err != nil {
			return nil, err // checked above; kept so a new rule in Add cannot be skipped
		}
		keys = append(keys, key)
		if kind == ListStages && after != "" {
			after = key
		}
	}
	return keys, nil
}

func (w *Workspace) addStage(s Stage, after string) error {
	at := len(w.Stages)
	if after != "" {
		key, ok := w.Find(ListStages, after)
		if !ok {
			return Errorf(ENOTFOUND, "setup.not_found", after)
		}
		at = slices.IndexFunc(w.Stages, func(st Stage) bool { return st.Key == key }) + 1
	}
	prev := w.Stages[max(at-1, 0)]
	s.Department = prev.Department
	w.Stages = slices.Insert(w.Stages, at, s)
	return nil
}

// Rename gives the item a new name. The typed name is what the company
// calls it, so it replaces both languages; the old name stays an alias so
// older messages and files still parse.
func (w *Workspace) Rename(kind ListKind, old, name string) error {
	name = CleanName(name)
	if name == "" || len([]rune(name)) > 40 {
		return Errorf(EINVALID, "setup.bad_name")
	}
	key, ok := w.Find(kind, old)
	if !ok {
		return Errorf(ENOTFOUND, "setup.not_found", old)
	}
	if other, taken := w.Find(kind, name); taken && other != key {
		return Errorf(ECONFLICT, "setup.name_taken", name)
	}
	for _, it := range w.items(kind) {
		if *it.key == key {
			oldNames := []string{it.name.En, it.name.Ru}
			*it.name = Name{En: name, Ru: name}
			w.addAliases(kind, key, oldNames)
		}
	}
	return nil
}

func (w *Workspace) addAliases(kind ListKind, key string, names []string) {
	add := func(aliases []string) []string {
		for _, n := range names {
			if n != "" && !slices.Contains(aliases, n) {
				aliases = append(aliases, n)
			}
		}
		return aliases
	}
	switch kind {
	case ListSegments:
		i := slices.IndexFunc(w.Segments, func(s Segment) bool { return s.Key == key })
		w.Segments[i].Aliases = add(w.Segments[i].Aliases)
	case ListStages:
		i := slices.IndexFunc(w.Stages, func(s Stage) bool { return s.Key == key })
		w.Stages[i].Aliases = add(w.Stages[i].Aliases)
	default:
		reasons := *w.reasons(kind)
		i := slices.IndexFunc(reasons, func(r Reason) bool { return r.Key == key })
		reasons[i].Aliases = add(reasons[i].Aliases)
	}
}

// Move puts the item at 1-based position pos among the list.
func (w *Workspace) Move(kind ListKind, name string, pos int) error {
	key, ok := w.Find(kind, name)
	if !ok {
		return Errorf(ENOTFOUND, "setup.not_found", name)
	}
	n := len(w.items(kind))
	if pos < 1 || pos > n {
		return Errorf(EINVALID, "setup.bad_position", n)
	}
	switch kind {
	case ListSegments:
		w.Segments = moveTo(w.Segments, func(s Segment) bool { return s.Key == key }, pos-1)
	case ListStages:
		w.Stages = moveTo(w.Stages, func(s Stage) bool { return s.Key == key }, pos-1)
	default:
		reasons := w.reasons(kind)
		*reasons = moveTo(*reasons, func(r Reason) bool { return r.Key == key }, pos-1)
	}
	return nil
}

func moveTo[T any](list []T, match func(T) bool, to int) []T {
	from := slices.IndexFunc(list, match)
	v := list[from]
	list = slices.Delete(list, from, from+1)
	return slices.Insert(list, min(to, len(list)), v)
}

// CanRemove reports why the item cannot be removed at all: the last
// segment, a stage the unit-economics formulas need, or the catch-all
// "other" reason.
func (w *Workspace) CanRemove(kind ListKind, key string) error {
	switch kind {
	case ListSegments:
		active := 0
		for _, s := range w.Segments {
			if !s.Archived {
				active++
			}
		}
		if active <= 1 {
			return Errorf(ECONFLICT, "setup.last_segment")
		}
	case ListStages:
		for _, s := range w.Stages {
			if s.Key == key && s.Role != RoleNone {
				return Errorf(ECONFLICT, "setup.role_stage", localName(s.Name))
			}
		}
	default:
		if key == OtherReason {
			return Errorf(ECONFLICT, "setup.other_reason")
		}
	}
	return nil
}

// Remove takes the item out of the list. With keepHistory the item is
// archived: hidden from entry and views, while the numbers recorded under
// it stay. Without it the item is deleted, which callers do only when no
// record uses it.
func (w *Workspace) Remove(kind ListKind, key string, keepHistory bool) error {
	if err := w.CanRemove(kind, key); err != nil {
		return err
	}
	found := false
	for _, it := range w.items(kind) {
		if *it.key == key {
			found = true
			*it.archived = true
		}
	}
	if !found {
		return Errorf(ENOTFOUND, "setup.not_found", key)
	}
	if keepHistory {
		return nil
	}
	switch kind {
	case ListSegments:
		w.Segments = slices.DeleteFunc(w.Segments, func(s Segment) bool { return s.Key == key })
	case ListStages:
		w.Stages = slices.DeleteFunc(w.Stages, func(s Stage) bool { return s.Key == key })
	default:
		reasons := w.reasons(kind)
		*reasons = slices.DeleteFunc(*reasons, func(r Reason) bool { return r.Key == key })
	}
	return nil
}

// SetFocus marks the segment as a focus segment or clears the mark.
// Setting is explicit, not a toggle: repeating "focus Dealers" must not
// quietly take the focus away.
func (w *Workspace) SetFocus(name string, on bool) error {
	key, ok := w.Find(ListSegments, name)
	if !ok {
		return Errorf(ENOTFOUND, "setup.not_found", name)
	}
	i := slices.IndexFunc(w.Segments, func(s Segment) bool { return s.Key == key })
	w.Segments[i].Focus = on
	return nil
}

// SetStageOwner hands a stage to another department.
func (w *Workspace) SetStageOwner(stage, dept string) error {
	key, ok := w.Find(ListStages, stage)
	if !ok {
		return Errorf(ENOTFOUND, "setup.not_found", stage)
	}
	d, ok := w.ActiveDepartment(dept)
	if !ok {
		return Errorf(ENOTFOUND, "role.no_department", dept)
	}
	i := slices.IndexFunc(w.Stages, func(s Stage) bool { return s.Key == key })
	w.Stages[i].Department = d.Key
	return nil
}

// UsedBy reports whether any record holds numbers under the item.
func UsedBy(kind ListKind, key string, recs []WeeklyRecord) bool {
	for _, r := range recs {
		switch kind {
		case ListSegments:
			if r.Segment == key {
				return true
			}
		case ListStages:
			if _, ok := r.Counts[key]; ok {
				return true
			}
			if _, ok := r.DropOffs[key]; ok {
				return true
			}
		case ListNonTarget:
			if _, ok := r.NonTarget[key]; ok {
				return true
			}
		case ListDropOff:
			for _, byReason := range r.DropOffs {
				if _, ok := byReason[key]; ok {
					return true
				}
			}
		}
	}
	return false
}

func (w *Workspace) uniqueKey(kind ListKind, base string) string {
	taken := map[string]bool{}
	for _, it := range w.items(kind) {
		taken[*it.key] = true
	}
	if base == "" {
		base = string(kind)
	}
	key := base
	for n := 2; taken[key]; n++ {
		key = base + "_" + itoa(n)
	}
	return key
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// translit spells Cyrillic letters in Latin so keys stay ASCII: they go
// into button data, where every byte counts.
var translit = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh",
	'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "h", 'ц': "ts",
	'ч': "ch", 'ш': "sh", 'щ': "sch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya",
}

// Slug makes a short ASCII key from a name: "Застройщики" → "zastroyschiki".
func Slug(name string) string {
	var b strings.Builder
	lastSep := true
	for _, r := range strings.ToLower(name) {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
			lastSep = false
		case translit[r] != "" || r == 'ъ' || r == 'ь':
			b.WriteString(translit[r])
			lastSep = false
		case !lastSep:
			b.WriteByte('_')
			lastSep = true
		}
	}
	s := strings.Trim(b.String(), "_")
	if len(s) > 24 {
		s = strings.TrimRight(s[:24], "_")
	}
	return s
}
