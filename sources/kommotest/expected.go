package kommotest

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	"trackbot/domain"
	"trackbot/sources/internal/crmref"
)

// Expected returns what a sync of weeks from..to (in loc) with mapping m
// should produce, counted from the account's raw leads and events with
// their whole history by a plain replay that shares no code with the
// connector. Kommo keeps only a lead's last loss reason, so every loss
// of a lead counts under it, as a sync can only see it.
func (ds *Dataset) Expected(m domain.SourceMapping, from, to domain.Week, loc *time.Location) []domain.Entry {
	s := func(n int64) string { return strconv.FormatInt(n, 10) }
	pipes := map[string]crmref.Pipe{}
	for _, p := range ds.Pipelines {
		sts := slices.Clone(p.Statuses)
		slices.SortFunc(sts, func(a, b Status) int { return cmp.Compare(a.Sort, b.Sort) })
		rp := crmref.Pipe{Lost: map[string]bool{s(Lost): true}}
		for _, st := range sts {
			if st.ID != Lost {
				rp.Order = append(rp.Order, s(st.ID))
			}
		}
		pipes[s(p.ID)] = rp
	}
	byLead := map[int64][]Event{}
	for _, e := range ds.Events {
		byLead[e.LeadID] = append(byLead[e.LeadID], e)
	}
	var items []crmref.Item
	for _, l := range ds.Leads {
		evs := byLead[l.ID]
		reason := ""
		if l.LossReasonID != 0 {
			reason = s(l.LossReasonID)
		}
		first := crmref.Step{At: time.Unix(l.CreatedAt, 0), Pipe: s(l.PipelineID), Status: s(l.StatusID), Reason: reason}
		if len(evs) > 0 {
			first.Pipe, first.Status = s(evs[0].BeforePipeline), s(evs[0].BeforeStatus)
		}
		it := crmref.Item{User: s(l.ResponsibleUserID), Steps: []crmref.Step{first}}
		for _, e := range evs {
			it.Steps = append(it.Steps, crmref.Step{At: time.Unix(e.CreatedAt, 0), Pipe: s(e.AfterPipeline), Status: s(e.AfterStatus), Reason: reason})
		}
		items = append(items, it)
	}
	return crmref.Expected(m, pipes, items, from, to, loc)
}
