package bitrix24test

import (
	"cmp"
	"slices"
	"time"

	"trackbot/sources/internal/crmgen"
)

// Dataset is everything the fake portal holds, as Bitrix24's REST shows it.
type Dataset struct {
	Categories []Category
	Stages     []Stage // stored out of SORT order on purpose
	Users      []User
	Deals      []Deal // by ID
	History    []HistoryItem
	Zone       *time.Location // the portal's time zone, in which times are written
}

// Category is a deal pipeline ("direction"); 0 is the default one.
type Category struct {
	ID   int
	Name string
	Sort int
}

// Stage is a deal stage: an item of reference DEAL_STAGE (category 0) or
// DEAL_STAGE_<id>. Semantics is "" for a stage in progress, "S" for won
// and "F" for lost.
type Stage struct {
	StatusID   string
	Name       string
	Sort       int
	CategoryID int
	Semantics  string
}

// EntityID is the reference the stage belongs to.
func (s Stage) EntityID() string {
	if s.CategoryID == 0 {
		return "DEAL_STAGE"
	}
	return "DEAL_STAGE_" + itoa(s.CategoryID)
}

// User is a portal user, responsible for deals.
type User struct {
	ID             int
	Name, LastName string
}

// Deal is a deal as it stands now.
type Deal struct {
	ID, CategoryID, AssignedByID int
	StageID                      string
	DateCreate, DateModify       time.Time
}

// HistoryItem is a record of crm.stagehistory.list: TypeID 1 is the
// deal's creation, 2 a move to a stage in progress, 3 to a final one.
type HistoryItem struct {
	ID, TypeID, OwnerID, CategoryID int
	CreatedTime                     time.Time
	StageID, Semantic               string // Semantic: P, S or F
}

// Generate returns a portal with two deal categories (0 dealers, 1
// retail), four users, two lost stages per category and n deals created
// in [from, to) with their stage history until to; the same seed gives
// the same portal.
func Generate(seed uint64, n int, from, to time.Time, zone *time.Location) *Dataset {
	ds := &Dataset{
		Zone:       zone,
		Categories: []Category{{0, "Dealers", 100}, {1, "Retail", 200}},
		Stages: []Stage{
			{"NEW", "New", 10, 0, ""}, {"PREPARATION", "Preparing documents", 20, 0, ""},
			{"PREPAYMENT_INVOICE", "Prepayment invoice", 30, 0, ""}, {"EXECUTING", "In progress", 40, 0, ""},
			{"FINAL_INVOICE", "Final invoice", 50, 0, ""}, {"WON", "Deal won", 60, 0, "S"},
			{"LOSE", "Deal lost", 70, 0, "F"}, {"APOLOGY", "Analyze failure", 80, 0, "F"},
			{"C1:EXECUTING", "Invoice sent", 30, 1, ""}, {"C1:LOSE", "Deal lost", 50, 1, "F"},
			{"C1:NEW", "New", 10, 1, ""}, {"C1:WON", "Deal won", 40, 1, "S"},
			{"C1:PREPARATION", "Contacted", 20, 1, ""}, {"C1:APOLOGY", "Analyze failure", 60, 1, "F"},
		},
		Users: []User{{1, "Anna", "Petrova"}, {2, "Boris", "Ivanov"}, {3, "Chen", "Li"}, {4, "Dina", "Sokolova"}},
	}
	open := [][]string{{"NEW", "PREPARATION", "PREPAYMENT_INVOICE", "EXECUTING", "FINAL_INVOICE"}, {"C1:NEW", "C1:PREPARATION", "C1:EXECUTING"}}
	won := []string{"WON", "C1:WON"}
	lost := [][]string{{"LOSE", "APOLOGY"}, {"C1:LOSE", "C1:APOLOGY"}}
	stage := func(s crmgen.Step) (string, string) {
		switch {
		case s.Lost:
			return lost[s.Pipe][max(s.Reason, 0)], "F" // no reason: "Deal lost"
		case s.Pos == len(open[s.Pipe]):
			return won[s.Pipe], "S"
		}
		return open[s.Pipe][s.Pos], "P"
	}
	shape := crmgen.Shape{Open: []int{5, 3}, Weights: []int{3, 2}, Reasons: 2, Managers: 4}
	for i, g := range crmgen.Generate(seed, n, from, to, shape) {
		d := Deal{ID: 1001 + i, AssignedByID: ds.Users[g.Manager].ID, DateCreate: g.Steps[0].At}
		for j, s := range g.Steps {
			h := HistoryItem{TypeID: 2, OwnerID: d.ID, CategoryID: s.Pipe, CreatedTime: s.At}
			h.StageID, h.Semantic = stage(s)
			switch {
			case j == 0:
				h.TypeID = 1
			case h.Semantic != "P":
				h.TypeID = 3
			}
			ds.History = append(ds.History, h)
			d.CategoryID, d.StageID, d.DateModify = s.Pipe, h.StageID, s.At
		}
		ds.Deals = append(ds.Deals, d)
	}
	// Record ids grow with time, as an auto-increment does.
	slices.SortFunc(ds.History, func(a, b HistoryItem) int {
		return cmp.Or(a.CreatedTime.Compare(b.CreatedTime), cmp.Compare(a.OwnerID, b.OwnerID))
	})
	for i := range ds.History {
		ds.History[i].ID = i + 1
	}
	return ds
}
