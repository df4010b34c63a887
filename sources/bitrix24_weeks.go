package sources

import (
	"cmp"
	"context"
	"encoding/json"
	"slices"
	"time"

	"trackbot/domain"
)

// bitrixRecord is one crm.stagehistory.list record: deal owner entered
// stage of category at a moment; typ 1 is the deal's creation.
type bitrixRecord struct {
	id, typ, owner int
	at             time.Time
	cat, stage     string
}

// ownerChunk is how many deals one "stage before the range" query names.
const ownerChunk = 50

// history lists deals' stage history records matching filter.
func (b *bitrix) history(ctx context.Context, filter map[string]any) ([]bitrixRecord, error) {
	params := map[string]any{
		"entityTypeId": 2,
		"order":        map[string]any{"ID": "ASC"},
		"filter":       filter,
		"select":       []string{"ID", "TYPE_ID", "OWNER_ID", "CREATED_TIME", "CATEGORY_ID", "STAGE_ID"},
	}
	var out []bitrixRecord
	err := bitrixList(ctx, b, "crm.stagehistory.list", params, func(raw json.RawMessage) error {
		var r struct {
			Items []struct {
				ID          bxString `json:"ID"`
				TypeID      bxString `json:"TYPE_ID"`
				OwnerID     bxString `json:"OWNER_ID"`
				CategoryID  bxString `json:"CATEGORY_ID"`
				CreatedTime string   `json:"CREATED_TIME"`
				StageID     string   `json:"STAGE_ID"`
			} `json:"items"`
		}
		if err := json.Unmarshal(raw, &r); err != nil {
			return err
		}
		for _, it := range r.Items {
			at, err := time.Parse(time.RFC3339, it.CreatedTime)
			if err != nil {
				return err
			}
			out = append(out, bitrixRecord{id: it.ID.int(), typ: it.TypeID.int(), owner: it.OwnerID.int(),
				at: at, cat: string(it.CategoryID), stage: it.StageID})
		}
		return nil
	})
	return out, err
}

// Weeks reads the stage history of the range, the stage each deal that
// moved in it stood in when the range began, and (when managers are
// mapped) who is responsible for the deals changed since; then counts by
// the rules of tally. A lost stage is the drop-off reason.
func (b *bitrix) Weeks(ctx context.Context, m domain.SourceMapping, from, to domain.Week, loc *time.Location) ([]domain.Entry, error) {
	loc, err := checkWeeks(from, to, loc)
	if err != nil {
		return nil, err
	}
	cats, err := b.categories(ctx)
	if err != nil {
		return nil, err
	}
	pipes, lostStages := bitrixPipes(cats)
	if err := checkMapping(m, pipes, lostStages); err != nil {
		err.(*Error).CRM, err.(*Error).Op = "bitrix24", "mapping"
		return nil, err
	}
	t := newTally(m, pipes, from, to, loc)
	recs, err := b.history(ctx, map[string]any{
		">=CREATED_TIME": t.start.Format(time.RFC3339),
		"<CREATED_TIME":  t.end.Format(time.RFC3339),
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(recs, func(a, b bitrixRecord) int {
		return cmp.Or(cmp.Compare(a.owner, b.owner), a.at.Compare(b.at), cmp.Compare(a.id, b.id))
	})
	var owners, older []int // every deal that moved; those created before the range
	for i, r := range recs {
		if i == 0 || r.owner != recs[i-1].owner {
			owners = append(owners, r.owner)
			if r.typ != 1 {
				older = append(older, r.owner)
			}
		}
	}
	before, err := b.stagesBefore(ctx, older, t.start)
	if err != nil {
		return nil, err
	}
	users := map[int]string{}
	if len(m.Managers) > 0 {
		if users, err = b.responsible(ctx, t.start); err != nil {
			return nil, err
		}
	}
	var moves []move
	for i := 0; i < len(recs); {
		owner := recs[i].owner
		var at *position
		if recs[i].typ != 1 {
			p, ok := before[owner]
			if !ok {
				p = position{pipe: recs[i].cat} // its past is unknown
			}
			at = &p
		}
		moves = moves[:0]
		for ; i < len(recs) && recs[i].owner == owner; i++ {
			r := recs[i]
			moves = append(moves, move{at: r.at, pipe: r.cat, status: r.stage, reason: r.stage})
		}
		t.add(at, moves, users[owner])
	}
	return t.entries(), nil
}

// stagesBefore returns the stage each of owners stood in at start: its
// last history record before then.
func (b *bitrix) stagesBefore(ctx context.Context, owners []int, start time.Time) (map[int]position, error) {
	out := map[int]position{}
	last := map[int]bitrixRecord{}
	for chunk := range slices.Chunk(owners, ownerChunk) {
		recs, err := b.history(ctx, map[string]any{"OWNER_ID": chunk, "<CREATED_TIME": start.Format(time.RFC3339)})
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			if l, ok := last[r.owner]; !ok || r.at.After(l.at) || r.at.Equal(l.at) && r.id > l.id {
				last[r.owner] = r
			}
		}
	}
	for owner, r := range last {
		out[owner] = position{pipe: r.cat, status: r.stage}
	}
	return out, nil
}

// responsible returns who is responsible for every deal changed since
// start (a deal that moved in the range was changed then).
func (b *bitrix) responsible(ctx context.Context, start time.Time) (map[int]string, error) {
	out := map[int]string{}
	params := map[string]any{
		"filter": map[string]any{">=DATE_MODIFY": start.Add(-time.Second).Format(time.RFC3339)},
		"select": []string{"ID", "CATEGORY_ID", "ASSIGNED_BY_ID"},
		"order":  map[string]any{"ID": "ASC"},
	}
	err := bitrixList(ctx, b, "crm.deal.list", params, func(raw json.RawMessage) error {
		var deals []struct {
			ID         bxString `json:"ID"`
			AssignedBy bxString `json:"ASSIGNED_BY_ID"`
		}
		err := json.Unmarshal(raw, &deals)
		for _, d := range deals {
			out[d.ID.int()] = string(d.AssignedBy)
		}
		return err
	})
	return out, err
}
