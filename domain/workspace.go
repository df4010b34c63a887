package domain

import (
	"slices"
	"time"
)

// AnonymousAdminID is the user id Telegram shows for an anonymous group
// administrator (GroupAnonymousBot). Many people hide behind it, so it never
// gets a role.
const AnonymousAdminID int64 = 1087968824

// Workspace is one company, bound to one leadership group chat.
type Workspace struct {
	ID       int64
	ChatID   int64 // changes when the group is upgraded to a supergroup
	Title    string
	Lang     Lang
	TimeZone string // IANA name, e.g. Europe/Moscow
	Currency string // symbol shown after amounts, e.g. ₽

	Departments []Department
	Stages      []Stage // in funnel order
	Segments    []Segment
	NonTarget   []Reason // lead qualification reasons
	DropOff     []Reason // reasons items are lost at a stage
	Members     []Member
	Joins       []JoinRequest
	// Schedules are the scheduled posts a CEO changed; a kind missing here
	// runs on its default schedule (see Workspace.Schedule).
	Schedules []Schedule
	// Topics are the forum topics a CEO directed posts to (see Topic).
	Topics map[PostKind]int
	// Plans are the CEOs' targets per segment and month or quarter.
	Plans []Plan
	// AnswerHours is how long heads have to answer a review's question
	// before they are reminded; zero means DefaultAnswerHours.
	AnswerHours int

	// Parked is set when Telegram says the bot was removed from the chat:
	// nothing is sent there until the bot is added back.
	Parked    bool
	CreatedAt time.Time
}

// Location returns the workspace's time zone, UTC when the name is unknown.
func (w *Workspace) Location() *time.Location {
	if loc, err := time.LoadLocation(w.TimeZone); err == nil {
		return loc
	}
	return time.UTC
}

// Department is a part of the company that owns funnel stages and
// hypotheses, e.g. marketing or sales. The company's CEOs add, rename and
// remove them (see departments.go).
type Department struct {
	Key  string // stable id used in records and buttons
	Name Name
	// Aliases are former names, so older messages still find it.
	Aliases []string
	// Archived departments are removed from every choice but keep naming
	// the hypotheses and history that point at them.
	Archived bool
}

// ActiveSegments returns the segments not archived, in their order.
func (w *Workspace) ActiveSegments() []Segment {
	var segs []Segment
	for _, s := range w.Segments {
		if !s.Archived {
			segs = append(segs, s)
		}
	}
	return segs
}

// SegmentName returns the segment's name in lang, or the key when the
// segment is gone (an old record or hypothesis may name it).
func (w *Workspace) SegmentName(key string, lang Lang) string {
	for _, s := range w.Segments {
		if s.Key == key {
			return s.Name.In(lang)
		}
	}
	return key
}

// DepartmentName returns the department's name in lang, or the key when
// the department is gone.
func (w *Workspace) DepartmentName(key string, lang Lang) string {
	if d, ok := w.Department(key); ok {
		return d.Name.In(lang)
	}
	return key
}

// Department returns the department with key, a name in either language
// or a former name (see NamedBy), removed ones included, so history keeps
// its names; an active department wins over a removed one of that name.
// ActiveDepartment is for choosing one.
func (w *Workspace) Department(keyOrName string) (Department, bool) {
	if d, ok := w.ActiveDepartment(keyOrName); ok {
		return d, true
	}
	for _, d := range w.Departments {
		if NamedBy(keyOrName, d.Key, d.Name, d.Aliases) {
			return d, true
		}
	}
	return Department{}, false
}

// Role is what a member may do in a workspace.
type Role string

// Roles, from the most to the least powerful.
const (
	RoleCEO    Role = "ceo"
	RoleHead   Role = "head"
	RoleMember Role = "member"
)

// Member is a person the workspace knows. A person is a CEO, a head of one
// or more departments, or a plain member who reads.
type Member struct {
	UserID    int64
	Name      string // first and last name as Telegram shows them
	Username  string // without @, may be empty
	CEO       bool
	HeadOf    []string // department keys
	UpdatedAt time.Time
	// ChosenAt is when the person last chose this company for their
	// private chat with the bot (see ChosenCompany); zero if never.
	ChosenAt time.Time
}

// Role returns the member's most powerful role.
func (m Member) Role() Role {
	switch {
	case m.CEO:
		return RoleCEO
	case len(m.HeadOf) > 0:
		return RoleHead
	}
	return RoleMember
}

// Member returns the member with the user id; a stranger is a plain member.
func (w *Workspace) Member(userID int64) Member {
	for _, m := range w.Members {
		if m.UserID == userID {
			return m
		}
	}
	return Member{UserID: userID}
}

// IsCEO reports whether the user is a CEO of the workspace.
func (w *Workspace) IsCEO(userID int64) bool {
	return w.Member(userID).CEO
}

// IsHeadOf reports whether the user heads the department.
func (w *Workspace) IsHeadOf(userID int64, dept string) bool {
	return slices.Contains(w.Member(userID).HeadOf, dept)
}

// Heads returns the members heading the department, in the order they were added.
func (w *Workspace) Heads(dept string) []Member {
	var heads []Member
	for _, m := range w.Members {
		if slices.Contains(m.HeadOf, dept) {
			heads = append(heads, m)
		}
	}
	return heads
}

// CEOs returns the workspace's CEOs.
func (w *Workspace) CEOs() []Member {
	var ceos []Member
	for _, m := range w.Members {
		if m.CEO {
			ceos = append(ceos, m)
		}
	}
	return ceos
}

// Person is who acts: the Telegram user behind a command or a button.
type Person struct {
	UserID   int64
	Name     string
	Username string
}

// RequireCEO returns an EFORBIDDEN error unless the person is a CEO.
func (w *Workspace) RequireCEO(p Person) error {
	if !w.IsCEO(p.UserID) {
		return Errorf(EFORBIDDEN, "error.ceo_only")
	}
	return nil
}

// RequireLead returns an EFORBIDDEN error unless the person is a CEO or
// heads a department: the people who run the review and answer its
// questions.
func (w *Workspace) RequireLead(p Person) error {
	if m := w.Member(p.UserID); !m.CEO && len(m.HeadOf) == 0 {
		return Errorf(EFORBIDDEN, "error.leads_only")
	}
	return nil
}

// JoinRequest is a person's request to become the head of a department,
// waiting for a CEO's approval.
type JoinRequest struct {
	ID         int64
	Person     Person
	Department string
	At         time.Time
}

// FocusSegments are the live segments the workspace focuses on: those
// marked focus, or the first live segment when none is marked. Reviews,
// snapshots and the default of /funnel all look at these.
func (w *Workspace) FocusSegments() []Segment {
	var out []Segment
	for _, s := range w.ActiveSegments() {
		if s.Focus {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		if live := w.ActiveSegments(); len(live) > 0 {
			out = append(out, live[0])
		}
	}
	return out
}

// DefaultSegment is the segment a command looks at when none is named: the
// first focus segment, or the zero Segment in a workspace with none.
func (w *Workspace) DefaultSegment() Segment {
	if focus := w.FocusSegments(); len(focus) > 0 {
		return focus[0]
	}
	return Segment{}
}

// ReviewSegments are the segments a review looks at: the live segment with
// key when one is asked for, the focus segments otherwise.
func (w *Workspace) ReviewSegments(key string) []Segment {
	if key != "" {
		for _, s := range w.ActiveSegments() {
			if s.Key == key {
				return []Segment{s}
			}
		}
	}
	return w.FocusSegments()
}

// Today is the calendar day it is now in the workspace's time zone:
// deadlines and "overdue" are counted in it.
func (w *Workspace) Today(now time.Time) Date {
	return DateOf(now.In(w.Location()))
}

// LastCompleteWeek is the most recent week that has ended in the
// workspace's time zone: the week a review, a snapshot and a template look
// at by default, since the current week's numbers are not in yet.
func (w *Workspace) LastCompleteWeek(now time.Time) Week {
	return lastCompleteWeek(now, w.Location())
}
