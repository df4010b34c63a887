package bitrix24test

import (
	"strconv"
	"time"

	"trackbot/domain"
	"trackbot/sources/internal/crmref"
)

// Expected returns what a sync of weeks from..to (in loc) with mapping m
// should produce, counted from the portal's raw stage history by a plain
// replay that shares no code with the connector. A deal's loss reason is
// the lost stage it landed in.
func (ds *Dataset) Expected(m domain.SourceMapping, from, to domain.Week, loc *time.Location) []domain.Entry {
	pipes := map[string]crmref.Pipe{}
	for _, c := range ds.Categories {
		var open, won []Stage
		rp := crmref.Pipe{Lost: map[string]bool{}}
		for _, s := range ds.Stages {
			switch {
			case s.CategoryID != c.ID:
			case s.Semantics == "F":
				rp.Lost[s.StatusID] = true
			case s.Semantics == "S":
				won = append(won, s)
			default:
				open = append(open, s)
			}
		}
		for _, group := range [][]Stage{open, won} {
			for len(group) > 0 { // a selection sort: the reference's own way to order
				least := 0
				for i, s := range group {
					if s.Sort < group[least].Sort {
						least = i
					}
				}
				rp.Order = append(rp.Order, group[least].StatusID)
				group = append(group[:least:least], group[least+1:]...)
			}
		}
		pipes[strconv.Itoa(c.ID)] = rp
	}
	assigned := map[int]string{}
	for _, d := range ds.Deals {
		assigned[d.ID] = strconv.Itoa(d.AssignedByID)
	}
	byDeal := map[int]*crmref.Item{}
	var order []int
	for _, h := range ds.History {
		it := byDeal[h.OwnerID]
		if it == nil {
			it = &crmref.Item{User: assigned[h.OwnerID]}
			byDeal[h.OwnerID] = it
			order = append(order, h.OwnerID)
		}
		it.Steps = append(it.Steps, crmref.Step{At: h.CreatedTime, Pipe: strconv.Itoa(h.CategoryID), Status: h.StageID, Reason: h.StageID})
	}
	items := make([]crmref.Item, 0, len(order))
	for _, id := range order {
		items = append(items, *byDeal[id])
	}
	return crmref.Expected(m, pipes, items, from, to, loc)
}
