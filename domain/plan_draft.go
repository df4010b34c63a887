package domain

import "time"

// Plans in an uploaded file (a plan sheet) travel in the draft with the
// numbers and are saved when it is confirmed: a file is applied whole or
// not at all. Plans are set by CEOs, so anyone else's file leaves them out
// and the preview says so.

// ProposeImportDraft is ProposeFileDraft for a file that may also hold
// plans: a CEO's file keeps them in the draft; another author's leaves
// them out, counted in PlansLeftOut for the preview. A file of plans only
// from someone who is not a CEO is refused.
func ProposeImportDraft(tx Tx, ws *Workspace, by Person, source string, entries []Entry, plans []Plan, now time.Time) (*Draft, int, error) {
	if len(plans) == 0 {
		return ProposeFileDraft(tx, ws, by, source, entries, now)
	}
	if !ws.IsCEO(by.UserID) {
		if len(entries) == 0 {
			return nil, 0, Errorf(EFORBIDDEN, "plan.file_ceo_only")
		}
		d, corrections, err := ProposeFileDraft(tx, ws, by, source, entries, now)
		if err != nil {
			return nil, 0, err
		}
		d.PlansLeftOut = len(plans)
		return d, corrections, nil
	}
	for _, p := range plans {
		if _, ok := entrySegmentByKey(ws, p.Segment); !ok {
			return nil, 0, Errorf(EINVALID, "plan.unknown_segment", p.Segment, segmentNames(ws))
		}
	}
	return proposeDraft(tx, ws, &Draft{Workspace: ws.ID, By: by, Source: source, Entries: entries, Plans: plans, CreatedAt: now})
}

// saveDraftPlans stores the plans of a draft being confirmed, set by its
// author, whose role is checked again: it may have changed since.
func saveDraftPlans(tx Tx, ws *Workspace, d *Draft, now time.Time) error {
	if len(d.Plans) == 0 {
		return nil
	}
	cur, err := tx.Workspaces().Get(ws.ID)
	if err != nil {
		return err
	}
	for _, p := range d.Plans {
		if err := cur.SetPlan(d.By, p, now); err != nil {
			return err
		}
	}
	return tx.Workspaces().Put(cur)
}
