package domain

import (
	"slices"
	"time"
)

// Grant gives the person a role: RoleCEO, or RoleHead of dept. The
// anonymous group admin never gets a role, because anyone among the chat's
// admins may be behind it.
func (w *Workspace) Grant(p Person, role Role, dept string, now time.Time) error {
	if p.UserID == AnonymousAdminID {
		return Errorf(EINVALID, "role.anonymous")
	}
	if role == RoleHead {
		if _, ok := w.ActiveDepartment(dept); !ok {
			return Errorf(ENOTFOUND, "role.no_department", dept)
		}
	}
	m := w.memberRef(p, now)
	switch role {
	case RoleCEO:
		m.CEO = true
	case RoleHead:
		if !slices.Contains(m.HeadOf, dept) {
			m.HeadOf = append(m.HeadOf, dept)
		}
	default:
		return Errorf(EINVALID, "role.unknown", string(role))
	}
	m.UpdatedAt = now
	return nil
}

// Revoke takes a role away: RoleCEO, RoleHead of dept, or every role when
// role is empty. The last CEO cannot be removed, or nobody could manage
// the workspace any more.
func (w *Workspace) Revoke(userID int64, role Role, dept string, now time.Time) error {
	i := slices.IndexFunc(w.Members, func(m Member) bool { return m.UserID == userID })
	if i < 0 {
		return Errorf(ENOTFOUND, "role.not_member")
	}
	m := &w.Members[i]
	if m.CEO && role != RoleHead && len(w.CEOs()) == 1 {
		return Errorf(ECONFLICT, "role.last_ceo")
	}
	switch role {
	case RoleCEO:
		m.CEO = false
	case RoleHead:
		m.HeadOf = slices.DeleteFunc(m.HeadOf, func(d string) bool { return d == dept })
	case "":
		m.CEO, m.HeadOf = false, nil
	default:
		return Errorf(EINVALID, "role.unknown", string(role))
	}
	m.UpdatedAt = now
	if !m.CEO && len(m.HeadOf) == 0 {
		w.Members = slices.Delete(w.Members, i, i+1)
	}
	return nil
}

// memberRef returns the stored member for p, adding p when new, with the
// name refreshed from Telegram.
func (w *Workspace) memberRef(p Person, now time.Time) *Member {
	for i := range w.Members {
		if w.Members[i].UserID == p.UserID {
			w.Members[i].Name, w.Members[i].Username = p.Name, p.Username
			return &w.Members[i]
		}
	}
	w.Members = append(w.Members, Member{UserID: p.UserID, Name: p.Name, Username: p.Username, UpdatedAt: now})
	return &w.Members[len(w.Members)-1]
}

// RequestJoin records the person's request to head dept and returns it.
// Asking again for the same department returns the pending request. Ids
// follow the clock so a decided request's id is never reused and an old
// card's buttons cannot act on a newer request.
func (w *Workspace) RequestJoin(p Person, dept string, now time.Time) JoinRequest {
	next := now.UnixMilli()
	for _, j := range w.Joins {
		if j.Person.UserID == p.UserID && j.Department == dept {
			return j
		}
		next = max(next, j.ID+1)
	}
	req := JoinRequest{ID: next, Person: p, Department: dept, At: now}
	w.Joins = append(w.Joins, req)
	return req
}

// DecideJoin approves or declines a pending join request.
func (w *Workspace) DecideJoin(id int64, approve bool, now time.Time) error {
	i := slices.IndexFunc(w.Joins, func(j JoinRequest) bool { return j.ID == id })
	if i < 0 {
		return Errorf(ENOTFOUND, "join.handled")
	}
	req := w.Joins[i]
	w.Joins = slices.Delete(w.Joins, i, i+1)
	if !approve {
		return nil
	}
	return w.Grant(req.Person, RoleHead, req.Department, now)
}
