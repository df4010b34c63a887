package domain

import "time"

// Draft is numbers waiting for their author's confirmation: a /log
// message or an uploaded file, parsed and checked, shown back as a table.
// Nothing reaches the weekly records until the draft is confirmed, and a
// confirmed draft is applied whole or not at all.
type Draft struct {
	ID        int64
	Workspace int64
	By        Person
	Source    string // "/log" or the uploaded file's name
	Entries   []Entry
	CreatedAt time.Time
}

// DraftTTL is how long a draft waits for confirmation; an older one is
// stale, because the numbers may have changed since.
const DraftTTL = 24 * time.Hour

// DraftStore keeps drafts until they are confirmed or cancelled.
type DraftStore interface {
	// Create assigns the draft an id and stores it.
	Create(d *Draft) error
	// Get returns the draft or an ENOTFOUND error.
	Get(id int64) (*Draft, error)
	// Delete removes the draft; deleting a missing draft is not an error.
	Delete(id int64) error
}

// SaveEntries merges every entry into its stored record, as user by at
// now; the replaced versions go to the records' history. Any problem (a
// week outside Workspace.CheckWeek included) fails the whole set, and
// since it runs in one transaction nothing is saved.
func SaveEntries(tx Tx, ws *Workspace, entries []Entry, by int64, now time.Time) error {
	for _, e := range entries {
		if err := ws.CheckWeek(e.Week, now); err != nil {
			return err
		}
		old, _, err := tx.Records().Get(ws.ID, e.Segment, e.Week)
		if err != nil {
			return err
		}
		rec, err := e.Merge(ws, old)
		if err != nil {
			return err
		}
		rec.Segment, rec.Week, rec.UpdatedBy, rec.UpdatedAt = e.Segment, e.Week, by, now
		if err := tx.Records().Put(ws.ID, rec); err != nil {
			return err
		}
	}
	return nil
}
