package sources

import (
	"cmp"
	"context"
	"net/url"
	"slices"
	"strconv"
	"time"

	"trackbot/domain"
)

// kommoEvent is a lead_status_changed event: which lead, when, and the
// status (with its pipeline) before and after.
type kommoEvent struct {
	ID         string           `json:"id"`
	Type       string           `json:"type"`
	EntityID   int64            `json:"entity_id"`
	EntityType string           `json:"entity_type"`
	CreatedAt  int64            `json:"created_at"`
	Before     []kommoEventItem `json:"value_before"`
	After      []kommoEventItem `json:"value_after"`
}

type kommoEventItem struct {
	LeadStatus *struct {
		ID         int64 `json:"id"`
		PipelineID int64 `json:"pipeline_id"`
	} `json:"lead_status"`
}

// kommoChange is a status change kept compactly: a sync of 20,000 leads
// holds around a hundred thousand of them.
type kommoChange struct {
	lead, at       int64
	id             string
	fromPipe, from int64
	toPipe, to     int64
	hasFrom, hasTo bool
}

type kommoLead struct {
	ID          int64  `json:"id"`
	StatusID    int64  `json:"status_id"`
	PipelineID  int64  `json:"pipeline_id"`
	Responsible int64  `json:"responsible_user_id"`
	LossReason  *int64 `json:"loss_reason_id"`
	CreatedAt   int64  `json:"created_at"`
}

func statusOf(items []kommoEventItem) (pipe, status int64, ok bool) {
	for _, it := range items {
		if it.LeadStatus != nil {
			return it.LeadStatus.PipelineID, it.LeadStatus.ID, true
		}
	}
	return 0, 0, false
}

// Weeks reads the status changes from the start of week from until now
// (later ones only tell what status a lead was created in) and the leads
// changed since then, and counts them by the rules of tally.
func (k *kommo) Weeks(ctx context.Context, m domain.SourceMapping, from, to domain.Week, loc *time.Location) ([]domain.Entry, error) {
	loc, err := checkWeeks(from, to, loc)
	if err != nil {
		return nil, err
	}
	ps, err := k.pipelines(ctx)
	if err != nil {
		return nil, err
	}
	pipes := kommoPipes(ps)
	var reasons map[string]bool
	if len(m.Reasons) > 0 {
		rs, err := k.named(ctx, "/api/v4/leads/loss_reasons", "loss_reasons")
		if err != nil {
			return nil, err
		}
		reasons = map[string]bool{}
		for _, r := range rs {
			reasons[id(r.ID)] = true
		}
	}
	if err := checkMapping(m, pipes, reasons); err != nil {
		err.(*Error).CRM, err.(*Error).Op = "kommo", "mapping"
		return nil, err
	}
	t := newTally(m, pipes, from, to, loc)
	until := t.end
	if now := k.now(); now.After(until) {
		until = now
	}
	changes, err := k.changes(ctx, t.start, until)
	if err != nil {
		return nil, err
	}
	leads := map[int64]kommoLead{}
	// A second early: a lead changed exactly at the start must not be missed.
	err = kommoList(ctx, k, "/api/v4/leads", "leads", nil, 250, t.start.Add(-time.Second), func(l kommoLead) { leads[l.ID] = l })
	if err != nil {
		return nil, err
	}
	k.replay(t, changes, leads)
	return t.entries(), nil
}

// changes lists lead status changes created in [from, to], sorted by
// lead, then time, then event id.
func (k *kommo) changes(ctx context.Context, from, to time.Time) ([]kommoChange, error) {
	q := url.Values{}
	q.Set("filter[type]", "lead_status_changed")
	q.Set("filter[entity]", "lead")
	q.Set("filter[created_at][from]", strconv.FormatInt(from.Unix(), 10))
	q.Set("filter[created_at][to]", strconv.FormatInt(to.Unix(), 10))
	var out []kommoChange
	err := kommoList(ctx, k, "/api/v4/events", "events", q, 100, time.Time{}, func(e kommoEvent) {
		if e.Type != "lead_status_changed" || e.EntityType != "lead" {
			return
		}
		c := kommoChange{lead: e.EntityID, at: e.CreatedAt, id: e.ID}
		c.fromPipe, c.from, c.hasFrom = statusOf(e.Before)
		c.toPipe, c.to, c.hasTo = statusOf(e.After)
		if c.hasTo {
			out = append(out, c)
		}
	})
	slices.SortFunc(out, func(a, b kommoChange) int {
		return cmp.Or(cmp.Compare(a.lead, b.lead), cmp.Compare(a.at, b.at), cmp.Compare(a.id, b.id))
	})
	return out, err
}

// replay hands every lead that was created in the range or changed status
// in it to the tally. A lead's status at creation is the status before
// its first change, or its status now when it never changed.
func (k *kommo) replay(t *tally, changes []kommoChange, leads map[int64]kommoLead) {
	start, end := t.start.Unix(), t.end.Unix()
	byLead := map[int64][]kommoChange{}
	for i := 0; i < len(changes); {
		j := i
		for j < len(changes) && changes[j].lead == changes[i].lead {
			j++
		}
		byLead[changes[i].lead] = changes[i:j]
		i = j
	}
	ids := make([]int64, 0, len(leads)+len(byLead))
	for lid := range leads {
		ids = append(ids, lid)
	}
	for lid := range byLead {
		if _, ok := leads[lid]; !ok {
			ids = append(ids, lid) // deleted since: its moves still count
		}
	}
	slices.Sort(ids)
	var moves []move
	for _, lid := range ids {
		l, known := leads[lid]
		cs := byLead[lid]
		reason := ""
		if l.LossReason != nil && *l.LossReason != 0 {
			reason = id(*l.LossReason)
		}
		moves = moves[:0]
		var at *position
		switch {
		case known && l.CreatedAt >= start && l.CreatedAt < end:
			pipe, status := l.PipelineID, l.StatusID
			if len(cs) > 0 && cs[0].hasFrom {
				pipe, status = cs[0].fromPipe, cs[0].from
			}
			moves = append(moves, move{at: time.Unix(l.CreatedAt, 0), pipe: id(pipe), status: id(status), reason: reason})
		case len(cs) > 0 && (!known || l.CreatedAt < start):
			at = &position{pipe: id(cs[0].fromPipe), status: id(cs[0].from)}
			if !cs[0].hasFrom {
				at.status = ""
			}
		default:
			continue
		}
		for _, c := range cs {
			if c.at >= start {
				moves = append(moves, move{at: time.Unix(c.at, 0), pipe: id(c.toPipe), status: id(c.to), reason: reason})
			}
		}
		t.add(at, moves, id(l.Responsible))
	}
}
