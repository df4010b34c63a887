package domain

import "time"

// StageRole marks the stages the unit-economics formulas need, so that
// renaming or reordering stages keeps CPL, CAC and the rest working.
type StageRole string

// Stage roles. Most stages have none.
const (
	RoleNone      StageRole = ""
	RoleLeads     StageRole = "leads"     // CPL denominator, non-target share base
	RoleQualified StageRole = "qualified" // cost per qualified lead
	RoleDeals     StageRole = "deals"     // deals won
	RolePaid      StageRole = "paid"      // new paying customers: CAC and average check
)

// Stage is one step of the end-to-end funnel, owned by a department.
type Stage struct {
	Key        string // stable id used in records, files and buttons
	Name       Name
	Aliases    []string // extra names accepted in /log and files
	Department string   // department key
	Role       StageRole
	Archived   bool // removed from the funnel, history kept
	// DropOffReasons is the CEO's choice whether reports say why items were
	// lost on the way into this stage; see Workspace.AsksDropOffReasons.
	DropOffReasons Switch
}

// Matches reports whether name names the stage (see NamedBy).
func (s Stage) Matches(name string) bool {
	return NamedBy(name, s.Key, s.Name, s.Aliases)
}

// NamedBy reports whether s names the thing with this key, name and
// aliases: stages, segments, reasons and departments are all found by any
// of them, in either language, compared as NormalizeName leaves them.
func NamedBy(s, key string, name Name, aliases []string) bool {
	n := NormalizeName(s)
	if n == "" {
		return false
	}
	for _, form := range nameForms(key, name, aliases) {
		if NormalizeName(form) == n {
			return true
		}
	}
	return false
}

// nameForms lists everything a thing may be called, in the order a
// lookup prefers them.
func nameForms(key string, name Name, aliases []string) []string {
	return append([]string{key, name.En, name.Ru}, aliases...)
}

// Segment is a client segment with its own funnel numbers.
type Segment struct {
	Key        string
	Name       Name
	Aliases    []string
	Focus      bool     // the segment that brings the money
	SkipStages []string // stage keys this segment does not use
	Archived   bool
}

// Matches reports whether name names the segment (see NamedBy).
func (s Segment) Matches(name string) bool {
	return NamedBy(name, s.Key, s.Name, s.Aliases)
}

// Reason is a lead qualification (non-target) reason or a drop-off reason.
type Reason struct {
	Key      string
	Name     Name
	Aliases  []string
	Archived bool
}

// Matches reports whether name names the reason (see NamedBy).
func (r Reason) Matches(name string) bool {
	return NamedBy(name, r.Key, r.Name, r.Aliases)
}

// OtherReason is the key of the catch-all reason every list ends with.
const OtherReason = "other"

// Money is an amount in hundredths of the workspace currency (kopecks,
// cents), so sums are exact.
type Money int64

// Units returns the amount in whole currency units.
func (m Money) Units() float64 { return float64(m) / 100 }

// WeeklyRecord is what a segment did in one ISO week. A stage missing from
// Counts was not reported, which is different from a reported zero.
type WeeklyRecord struct {
	Segment string
	Week    Week
	Counts  map[string]int64 // stage key → count

	Spend   Money // marketing spend
	Revenue Money
	// Margin is the gross margin as a fraction of revenue (0.35 = 35%);
	// HasMargin tells a reported 0 from a missing value.
	Margin    float64
	HasMargin bool

	NonTarget map[string]int64            // qualification reason key → leads
	DropOffs  map[string]map[string]int64 // stage key → drop-off reason key → items lost
	Managers  map[string]map[string]int64 // sales manager name → stage key → count

	UpdatedBy int64
	UpdatedAt time.Time
}

// GrossProfit returns revenue × margin; ok is false without a margin.
func (r WeeklyRecord) GrossProfit() (Money, bool) {
	if !r.HasMargin {
		return 0, false
	}
	return Money(float64(r.Revenue)*r.Margin + 0.5), true
}
