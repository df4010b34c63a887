package domain

import (
	"slices"
	"time"
)

// A person may be in several companies (a tracker who advises two, an
// owner of two businesses). In a group chat the company is the group's; in
// the private chat with the bot it is the one the person chose, remembered
// on their membership (Member.ChosenAt), so it survives restarts and needs
// no store of its own.

// Knows reports whether the user counts as in the workspace for the private
// chat with the bot: a member the workspace stores, with the role they hold
// there. Today a member is stored only with a role (a CEO or a head; taking
// the last role away removes them), so people who only read the group do
// not count; a plain member the workspace stored would.
func (w *Workspace) Knows(userID int64) bool {
	return slices.ContainsFunc(w.Members, func(m Member) bool { return m.UserID == userID })
}

// Companies returns the workspaces, of all, that the user is in, in the
// order given.
func Companies(all []*Workspace, userID int64) []*Workspace {
	var mine []*Workspace
	for _, w := range all {
		if w.Knows(userID) {
			mine = append(mine, w)
		}
	}
	return mine
}

// ChosenCompany is the workspace the user's private chat works with, among
// the companies they are in: the only one, or the one they chose last; nil
// while they have not chosen among several.
func ChosenCompany(mine []*Workspace, userID int64) *Workspace {
	if len(mine) == 1 {
		return mine[0]
	}
	var chosen *Workspace
	var at time.Time
	for _, w := range mine {
		if t := w.Member(userID).ChosenAt; !t.IsZero() && t.After(at) {
			chosen, at = w, t
		}
	}
	return chosen
}

// ChooseCompany records that the person's private chat works with the
// workspace with id, one of all, from now on, and returns it to be stored.
// Only a person the workspace counts in (see Knows) may choose it. The
// choice is stamped after every earlier one, so it wins even when two come
// within one clock tick or the clock was set back.
func ChooseCompany(all []*Workspace, id int64, p Person, now time.Time) (*Workspace, error) {
	mine := Companies(all, p.UserID)
	i := slices.IndexFunc(mine, func(w *Workspace) bool { return w.ID == id })
	if i < 0 {
		return nil, Errorf(EFORBIDDEN, "company.not_member")
	}
	at := now
	for _, w := range mine {
		if t := w.Member(p.UserID).ChosenAt; !t.Before(at) {
			at = t.Add(time.Nanosecond)
		}
	}
	ws := mine[i]
	m := slices.IndexFunc(ws.Members, func(m Member) bool { return m.UserID == p.UserID })
	ws.Members[m].ChosenAt = at
	return ws, nil
}
