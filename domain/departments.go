package domain

import (
	"slices"
	"time"
)

// The company's departments are its own: CEOs add, rename and remove them
// (/department), and any of them can have heads, own stages and get
// hypotheses. A removed department is archived, never deleted: the
// hypotheses, stages and history that name it keep its name.

// ActiveDepartments returns the departments not removed, in their order.
func (w *Workspace) ActiveDepartments() []Department {
	var out []Department
	for _, d := range w.Departments {
		if !d.Archived {
			out = append(out, d)
		}
	}
	return out
}

// ActiveDepartment returns the department not removed with key, a name in
// either language or a former name: the one a head, a stage or a
// hypothesis may be given to.
func (w *Workspace) ActiveDepartment(keyOrName string) (Department, bool) {
	for _, d := range w.Departments {
		if !d.Archived && NamedBy(keyOrName, d.Key, d.Name, d.Aliases) {
			return d, true
		}
	}
	return Department{}, false
}

// AddDepartment adds a department named name and returns its key. A
// removed department of that name (or former name) comes back with its
// history, under the name typed, rather than as a stranger of that name.
func (w *Workspace) AddDepartment(name string) (string, error) {
	name = CleanName(name)
	if name == "" || len([]rune(name)) > 40 {
		return "", Errorf(EINVALID, "dept.bad_name")
	}
	if _, taken := w.ActiveDepartment(name); taken {
		return "", Errorf(ECONFLICT, "dept.name_taken", name)
	}
	for i, d := range w.Departments {
		if NamedBy(name, d.Key, d.Name, d.Aliases) {
			w.Departments[i].Archived = false
			if NamedBy(name, "", d.Name, nil) {
				return d.Key, nil
			}
			return d.Key, w.RenameDepartment(d.Key, name)
		}
	}
	taken := map[string]bool{}
	for _, d := range w.Departments {
		taken[d.Key] = true
	}
	base := Slug(name)
	if base == "" {
		base = "department"
	}
	key := base
	for n := 2; taken[key]; n++ {
		key = base + "_" + itoa(n)
	}
	w.Departments = append(w.Departments, Department{Key: key, Name: Name{En: name, Ru: name}})
	return key, nil
}

// RenameDepartment gives the department named old a new name in both
// languages (the typed name is what the company calls it); the old names
// stay as aliases, so older messages still find it.
func (w *Workspace) RenameDepartment(old, name string) error {
	name = CleanName(name)
	if name == "" || len([]rune(name)) > 40 {
		return Errorf(EINVALID, "dept.bad_name")
	}
	d, ok := w.ActiveDepartment(old)
	if !ok {
		return Errorf(ENOTFOUND, "dept.not_found", old)
	}
	if other, taken := w.ActiveDepartment(name); taken && other.Key != d.Key {
		return Errorf(ECONFLICT, "dept.name_taken", name)
	}
	i := slices.IndexFunc(w.Departments, func(x Department) bool { return x.Key == d.Key })
	dep := &w.Departments[i]
	for _, n := range []string{dep.Name.En, dep.Name.Ru} {
		if n != "" && n != name && !slices.Contains(dep.Aliases, n) {
			dep.Aliases = append(dep.Aliases, n)
		}
	}
	dep.Name = Name{En: name, Ru: name}
	return nil
}

// RemoveDepartment archives the department named name. Stages it owns must
// go to another department first (a stage always has an owner who is
// asked for its numbers), and the last department stays. Its heads lose
// that role and its pending join requests are dropped; its hypotheses keep
// pointing at it until a CEO reassigns them.
func (w *Workspace) RemoveDepartment(name string, now time.Time) (Department, error) {
	d, ok := w.ActiveDepartment(name)
	if !ok {
		return Department{}, Errorf(ENOTFOUND, "dept.not_found", name)
	}
	var owned nameList
	for _, s := range w.Stages {
		if s.Department == d.Key && !s.Archived {
			owned = append(owned, s.Name)
		}
	}
	if len(owned) > 0 {
		return Department{}, Errorf(ECONFLICT, "dept.owns_stages", localName(d.Name), owned, localName(owned[0]))
	}
	if len(w.ActiveDepartments()) == 1 {
		return Department{}, Errorf(ECONFLICT, "dept.last")
	}
	for i := range w.Departments {
		if w.Departments[i].Key == d.Key {
			w.Departments[i].Archived = true
		}
	}
	for i := range w.Members {
		m := &w.Members[i]
		if slices.Contains(m.HeadOf, d.Key) {
			m.HeadOf = slices.DeleteFunc(m.HeadOf, func(k string) bool { return k == d.Key })
			m.UpdatedAt = now
		}
	}
	// A member left without a role is no member, as after /demote.
	w.Members = slices.DeleteFunc(w.Members, func(m Member) bool { return !m.CEO && len(m.HeadOf) == 0 })
	w.Joins = slices.DeleteFunc(w.Joins, func(j JoinRequest) bool { return j.Department == d.Key })
	return d, nil
}
