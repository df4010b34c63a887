package domain

import "slices"

// What a weekly report asks for beyond the stage counts: drop-off reasons
// at which stages, and managers' own counts at which stages.
//
// Drop-offs at a stage are the items lost on the way into it (see
// StageFigure.Lost): "lost at Meetings" are qualified leads that never got
// a meeting. The method asks why for the transitions after qualification,
// up to payment; before qualification the non-target reasons say it, and
// at the top of the funnel nobody can tell why a click did not become a
// lead.

// Switch is a setting a CEO turns on or off, or leaves to the default.
type Switch string

// The states of a Switch.
const (
	SwitchDefault Switch = ""
	SwitchOn      Switch = "on"
	SwitchOff     Switch = "off"
)

// AsksDropOffReasons reports whether reports and templates ask why items
// were lost on the way into the active stage with the key. A CEO's switch
// wins; by default the stages after the qualified one up to the paid one
// ask (after leads when there is no qualified stage, up to the last stage
// when there is no paid one). The first stage never asks: nothing comes
// before it.
func (w *Workspace) AsksDropOffReasons(key string) bool {
	stages := w.activeStages()
	i := slices.IndexFunc(stages, func(s Stage) bool { return s.Key == key })
	if i <= 0 {
		return false
	}
	switch stages[i].DropOffReasons {
	case SwitchOn:
		return true
	case SwitchOff:
		return false
	}
	from := afterQualified(stages)
	to := len(stages) - 1
	if p := roleIndex(stages, RolePaid); p >= 0 {
		to = p
	}
	return i >= from && i <= to
}

// DropOffStages returns the active stages that ask for drop-off reasons,
// in funnel order.
func (w *Workspace) DropOffStages() []Stage {
	var out []Stage
	for _, st := range w.activeStages() {
		if w.AsksDropOffReasons(st.Key) {
			out = append(out, st)
		}
	}
	return out
}

// SetDropOffReasons switches asking for drop-off reasons at the stage
// named name on or off. The first stage cannot ask: nothing is lost on
// the way into it.
func (w *Workspace) SetDropOffReasons(name string, on bool) error {
	key, ok := w.Find(ListStages, name)
	if !ok {
		return Errorf(ENOTFOUND, "setup.not_found", name)
	}
	i := slices.IndexFunc(w.Stages, func(s Stage) bool { return s.Key == key })
	if on && w.activeStages()[0].Key == key {
		return Errorf(EINVALID, "setup.reasons_first_stage", localName(w.Stages[i].Name))
	}
	w.Stages[i].DropOffReasons = SwitchOff
	if on {
		w.Stages[i].DropOffReasons = SwitchOn
	}
	return nil
}

// activeStages returns the stages not archived, in funnel order.
func (w *Workspace) activeStages() []Stage {
	var out []Stage
	for _, st := range w.Stages {
		if !st.Archived {
			out = append(out, st)
		}
	}
	return out
}

func roleIndex(stages []Stage, role StageRole) int {
	return slices.IndexFunc(stages, func(s Stage) bool { return s.Role == role })
}

// ManagerStages returns the active stages a sales manager's own counts are
// asked for: from the first stage after the qualified one (after leads
// without one) to the end of the funnel, where leads are a manager's work.
func (w *Workspace) ManagerStages() []Stage {
	stages := w.activeStages()
	return stages[min(afterQualified(stages), len(stages)):]
}

// afterQualified returns the index of the first stage after the qualified
// one, after leads when there is none, else 1: where sales' work starts.
func afterQualified(stages []Stage) int {
	if q := roleIndex(stages, RoleQualified); q >= 0 {
		return q + 1
	}
	if l := roleIndex(stages, RoleLeads); l >= 0 {
		return l + 1
	}
	return 1
}

// ManagerNames returns the names of the sales managers the records hold
// counts for, sorted, each once: whom a template asks about.
func ManagerNames(recs []WeeklyRecord) []string {
	var names []string
	for _, r := range recs {
		for name := range r.Managers {
			if !slices.Contains(names, name) {
				names = append(names, name)
			}
		}
	}
	slices.Sort(names)
	return names
}
