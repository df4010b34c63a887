package kommotest

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"trackbot/sources/internal/crmgen"
)

// Won and Lost are the statuses every Kommo pipeline has, with these ids.
const (
	Won  int64 = 142
	Lost int64 = 143
)

// Dataset is everything the fake account holds, as Kommo's API shows it.
type Dataset struct {
	Pipelines   []Pipeline
	Users       []User
	LossReasons []Named
	Leads       []Lead // by id
	Events      []Event
}

// Pipeline is a sales pipeline with its statuses, listed in the order the
// dataset stores them (not necessarily their sort order).
type Pipeline struct {
	ID       int64
	Name     string
	Sort     int
	Statuses []Status
}

// Status is a pipeline's stage; 142 and 143 close a lead as won or lost.
type Status struct {
	ID   int64
	Name string
	Sort int
}

// User is an account user, the one responsible for leads.
type User struct {
	ID   int64
	Name string
}

// Named is a loss reason.
type Named struct {
	ID   int64
	Name string
	Sort int
}

// Lead is a lead as it stands now. LossReasonID 0 means none: Kommo keeps
// only the last reason a lead was lost for.
type Lead struct {
	ID, PipelineID, StatusID int64
	ResponsibleUserID        int64
	LossReasonID             int64
	CreatedAt, UpdatedAt     int64
}

// Event is a lead_status_changed event.
type Event struct {
	ID                           string
	LeadID                       int64
	CreatedAt                    int64
	BeforePipeline, BeforeStatus int64
	AfterPipeline, AfterStatus   int64
}

// The fake account's ids.
const (
	Dealers int64 = 7001
	Retail  int64 = 7002
)

// Generate returns an account with two pipelines (dealers and retail),
// four users, five loss reasons and n leads created in [from, to) with
// their status changes until to; the same seed gives the same account.
func Generate(seed uint64, n int, from, to time.Time) *Dataset {
	ds := &Dataset{
		Pipelines: []Pipeline{
			{ID: Dealers, Name: "Dealers", Sort: 1, Statuses: []Status{
				{70011, "New lead", 10}, {70012, "Qualified", 20}, {70013, "Meeting", 30},
				{70014, "Proposal", 40}, {70015, "Negotiation", 50},
				{Won, "Closed - won", 10000}, {Lost, "Closed - lost", 11000},
			}},
			// Stored out of order on purpose: the sort field decides.
			{ID: Retail, Name: "Retail", Sort: 2, Statuses: []Status{
				{70023, "Invoice sent", 30}, {70021, "New request", 10}, {Lost, "Closed - lost", 11000},
				{70022, "Contacted", 20}, {Won, "Closed - won", 10000},
			}},
		},
		Users: []User{{901, "Anna Petrova"}, {902, "Boris Ivanov"}, {903, "Chen Li"}, {904, "Dina Sokolova"}},
		LossReasons: []Named{
			{801, "Price", 1}, {802, "No budget", 2}, {803, "Chose a competitor", 3},
			{804, "No answer", 4}, {805, "Wrong phone", 5},
		},
	}
	open := [][]int64{{70011, 70012, 70013, 70014, 70015}, {70021, 70022, 70023}}
	pipes := []int64{Dealers, Retail}
	status := func(s crmgen.Step) (int64, int64) {
		switch {
		case s.Lost:
			return pipes[s.Pipe], Lost
		case s.Pos == len(open[s.Pipe]):
			return pipes[s.Pipe], Won
		}
		return pipes[s.Pipe], open[s.Pipe][s.Pos]
	}
	shape := crmgen.Shape{Open: []int{5, 3}, Weights: []int{3, 2}, Reasons: 5, Managers: 4}
	for i, g := range crmgen.Generate(seed, n, from, to, shape) {
		l := Lead{ID: int64(30001 + i), ResponsibleUserID: ds.Users[g.Manager].ID, CreatedAt: g.Steps[0].At.Unix()}
		l.PipelineID, l.StatusID = status(g.Steps[0])
		for _, s := range g.Steps[1:] {
			e := Event{LeadID: l.ID, CreatedAt: s.At.Unix(), BeforePipeline: l.PipelineID, BeforeStatus: l.StatusID}
			e.AfterPipeline, e.AfterStatus = status(s)
			ds.Events = append(ds.Events, e)
			l.PipelineID, l.StatusID = e.AfterPipeline, e.AfterStatus
			if s.Lost && s.Reason >= 0 {
				l.LossReasonID = ds.LossReasons[s.Reason].ID
			}
		}
		l.UpdatedAt = g.Steps[len(g.Steps)-1].At.Unix()
		ds.Leads = append(ds.Leads, l)
	}
	// Event ids sort like time, as Kommo's do.
	slices.SortFunc(ds.Events, func(a, b Event) int {
		return cmp.Or(cmp.Compare(a.CreatedAt, b.CreatedAt), cmp.Compare(a.LeadID, b.LeadID))
	})
	for i := range ds.Events {
		ds.Events[i].ID = fmt.Sprintf("01%024x", i+1)
	}
	return ds
}
