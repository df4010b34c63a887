package domain

import (
	"maps"
	"slices"
	"strings"
)

// Mapping a CRM's names to the workspace's: the bot proposes the obvious
// matches by name, in either language, and a CEO corrects them by buttons.

// MapPart is one part of a mapping, as the buttons show it.
type MapPart string

// The parts of a mapping.
const (
	MapSegments MapPart = "sg"
	MapStages   MapPart = "st"
	MapReasons  MapPart = "rs"
	MapManagers MapPart = "mg"
)

// MapParts lists the parts in the order the mapping card shows them.
var MapParts = []MapPart{MapSegments, MapStages, MapReasons, MapManagers}

// Items returns the catalog's things of the part.
func (c SourceCatalog) Items(p MapPart) []SourceItem {
	switch p {
	case MapSegments:
		return c.Segments
	case MapStages:
		return c.Stages
	case MapReasons:
		return c.Reasons
	case MapManagers:
		return c.Managers
	}
	return nil
}

// Part returns the mapping of the part, CRM id → workspace key (or, for
// managers, name); nil when nothing is mapped.
func (m SourceMapping) Part(p MapPart) map[string]string {
	switch p {
	case MapSegments:
		return m.Segments
	case MapStages:
		return m.Stages
	case MapReasons:
		return m.Reasons
	case MapManagers:
		return m.Managers
	}
	return nil
}

// Set maps the CRM id of the part to target; an empty target leaves the
// CRM thing out of the sync.
func (m *SourceMapping) Set(p MapPart, id, target string) {
	ptr := map[MapPart]*map[string]string{MapSegments: &m.Segments, MapStages: &m.Stages, MapReasons: &m.Reasons, MapManagers: &m.Managers}[p]
	if ptr == nil {
		return
	}
	if target == "" {
		delete(*ptr, id)
		return
	}
	if *ptr == nil {
		*ptr = map[string]string{}
	}
	(*ptr)[id] = target
}

// Clone returns a deep copy of the mapping.
func (m SourceMapping) Clone() SourceMapping {
	return SourceMapping{Segments: maps.Clone(m.Segments), Stages: maps.Clone(m.Stages), Reasons: maps.Clone(m.Reasons), Managers: maps.Clone(m.Managers)}
}

// MapTarget is a workspace thing a CRM thing can be mapped to.
type MapTarget struct {
	Key     string
	Name    Name
	Aliases []string
}

// MapTargets lists what the part's CRM things can become in the
// workspace: its active segments, stages or drop-off reasons. Managers
// keep their CRM names, so they have no list.
func MapTargets(ws *Workspace, p MapPart) []MapTarget {
	var out []MapTarget
	switch p {
	case MapSegments:
		for _, s := range ws.ActiveSegments() {
			out = append(out, MapTarget{s.Key, s.Name, s.Aliases})
		}
	case MapStages:
		for _, s := range ws.Stages {
			if !s.Archived {
				out = append(out, MapTarget{s.Key, s.Name, s.Aliases})
			}
		}
	case MapReasons:
		for _, r := range ws.DropOff {
			if !r.Archived {
				out = append(out, MapTarget{r.Key, r.Name, r.Aliases})
			}
		}
	}
	return out
}

// ProposeMapping maps what plainly matches by name: a pipeline called
// "Дилеры" to the segment Dealers, a status "Встреча назначена" to the
// stage Meetings, a loss reason "Дорого" to Price. A CRM stage marked won
// becomes the deals stage when no name matched; loss reasons that match
// nothing count as "other"; managers keep their CRM names. With one
// pipeline and one segment, they belong together.
func ProposeMapping(ws *Workspace, cat SourceCatalog) SourceMapping {
	var m SourceMapping
	segs := MapTargets(ws, MapSegments)
	for _, it := range cat.Segments {
		if key := matchTarget(it.Name, segs); key != "" {
			m.Set(MapSegments, it.ID, key)
		}
	}
	if len(cat.Segments) == 1 && len(segs) == 1 {
		m.Set(MapSegments, cat.Segments[0].ID, segs[0].Key)
	}
	stages := MapTargets(ws, MapStages)
	won := ws.StageWithRole(RoleDeals)
	for _, it := range cat.Stages {
		switch key := matchTarget(it.Name, stages); {
		case it.Lost:
		case key != "":
			m.Set(MapStages, it.ID, key)
		case it.Won && won != "":
			m.Set(MapStages, it.ID, won)
		}
	}
	reasons := MapTargets(ws, MapReasons)
	hasOther := slices.ContainsFunc(reasons, func(t MapTarget) bool { return t.Key == OtherReason })
	for _, it := range cat.Reasons {
		key := matchTarget(it.Name, reasons)
		if key == "" && hasOther {
			key = OtherReason
		}
		m.Set(MapReasons, it.ID, key)
	}
	for _, it := range cat.Managers {
		if name := CleanName(it.Name); name != "" {
			m.Set(MapManagers, it.ID, clipName(name, maxManagerName))
		}
	}
	return m
}

// StageWithRole returns the key of the first active stage with the role,
// or "" when there is none.
func (w *Workspace) StageWithRole(role StageRole) string {
	for _, s := range w.Stages {
		if s.Role == role && !s.Archived {
			return s.Key
		}
	}
	return ""
}

// matchTarget finds the target a CRM name means: the same name (key, name
// in either language, alias) first, then a name that contains a target's whole
// name as words ("Дилеры и партнёры" → Dealers). The longest contained
// name wins, so "Qualified leads" is Qualified rather than Leads.
func matchTarget(name string, targets []MapTarget) string {
	n := NormalizeName(name)
	if n == "" {
		return ""
	}
	best, bestLen := "", 0
	for _, t := range targets {
		for _, form := range nameForms(t.Key, t.Name, t.Aliases) {
			f := NormalizeName(form)
			if f == "" {
				continue
			}
			if f == n {
				return t.Key
			}
			// An English plural matches its singular: "Meetings" is in
			// "Meeting scheduled", "Leads" in "New lead".
			for i, g := range []string{f, strings.TrimSuffix(f, "s")} {
				if (i == 0 || len(g) >= 4) && strings.Contains(" "+n+" ", " "+g+" ") && len(g) > bestLen {
					best, bestLen = t.Key, len(g)
				}
			}
		}
	}
	return best
}

// clipName shortens a name to n characters.
func clipName(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}

// CheckMapping finds what broke a mapping since it was made: CRM things it
// maps that the CRM no longer has (a pipeline or a status deleted) and
// workspace things it maps to that are gone. Either way the sync would
// count wrongly, so it stops and the problem names what to re-map.
func CheckMapping(ws *Workspace, m SourceMapping, cat SourceCatalog) error {
	var gone []string
	for _, p := range MapParts {
		items := cat.Items(p)
		targets := MapTargets(ws, p)
		for _, id := range slices.Sorted(maps.Keys(m.Part(p))) {
			if !slices.ContainsFunc(items, func(it SourceItem) bool { return it.ID == id }) {
				gone = append(gone, string(p)+" "+id)
				continue
			}
			key := m.Part(p)[id]
			if p != MapManagers && !slices.ContainsFunc(targets, func(t MapTarget) bool { return t.Key == key }) {
				gone = append(gone, key)
			}
		}
	}
	if len(gone) == 0 {
		return nil
	}
	if len(gone) > 5 {
		gone = append(gone[:5], "…")
	}
	return Errorf(ECONFLICT, "source.fail.changed", strings.Join(gone, ", "))
}

// ItemName returns the catalog's name of the part's CRM id, or the id.
func (c SourceCatalog) ItemName(p MapPart, id string) string {
	for _, it := range c.Items(p) {
		if it.ID == id {
			return it.Name
		}
	}
	return id
}
