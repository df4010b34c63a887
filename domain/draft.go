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

	// LeftOut are the figures of a department head's file that belong to
	// other departments: not saved unless a CEO accepts them (AcceptLeftOut).
	LeftOut []Entry
	// AcceptedBy is the CEO who accepted the left-out figures; the entries
	// are then checked against the CEO's role instead of the author's.
	AcceptedBy *Person
}

// DraftTTL is how long a draft waits for confirmation; an older one is
// stale, because the numbers may have changed since.
const DraftTTL = 24 * time.Hour

// Expired reports whether the draft has waited longer than DraftTTL at now.
func (d *Draft) Expired(now time.Time) bool { return now.Sub(d.CreatedAt) > DraftTTL }

// CheckConfirmer returns an EFORBIDDEN error unless the user may confirm or
// cancel the draft: its author, or a CEO, who answers for every number.
func (d *Draft) CheckConfirmer(ws *Workspace, userID int64) error {
	if d.By.UserID != userID && !ws.IsCEO(userID) {
		return Errorf(EFORBIDDEN, "log.not_yours")
	}
	return nil
}

// DraftStore keeps drafts until they are confirmed or cancelled.
type DraftStore interface {
	// Create assigns the draft an id and stores it.
	Create(d *Draft) error
	// Get returns the draft or an ENOTFOUND error.
	Get(id int64) (*Draft, error)
	// Delete removes the draft; deleting a missing draft is not an error.
	Delete(id int64) error
}

// ProposeDraft checks the entries by as their author — the role allows
// each figure, and each merges into the record it would change without a
// problem — and stores them as a draft waiting for confirmation.
// corrections counts the entries that change a figure already stored, so
// the preview can warn about them.
func ProposeDraft(tx Tx, ws *Workspace, by Person, source string, entries []Entry, now time.Time) (d *Draft, corrections int, err error) {
	return proposeDraft(tx, ws, &Draft{Workspace: ws.ID, By: by, Source: source, Entries: entries, CreatedAt: now})
}

// proposeDraft checks a draft's entries as ProposeDraft says and stores it.
func proposeDraft(tx Tx, ws *Workspace, d *Draft) (*Draft, int, error) {
	corrections := 0
	for _, e := range d.Entries {
		if err := CanEnter(ws, d.enterer(), e); err != nil {
			return nil, 0, err
		}
		old, found, err := tx.Records().Get(ws.ID, e.Segment, e.Week)
		if err != nil {
			return nil, 0, err
		}
		if found && e.Corrects(old) {
			corrections++
		}
		if _, err := e.Merge(ws, old); err != nil {
			return nil, 0, err
		}
	}
	if err := tx.Drafts().Create(d); err != nil {
		return nil, 0, err
	}
	return d, corrections, nil
}

// enterer is the user whose role the draft's figures are checked against:
// the CEO who accepted figures of other departments, else the author.
func (d *Draft) enterer() int64 {
	if d.AcceptedBy != nil {
		return d.AcceptedBy.UserID
	}
	return d.By.UserID
}

// ConfirmDraft saves the draft for by, who must be allowed to confirm it,
// and deletes it. An expired draft is an ECONFLICT error, and each entry is
// checked against its author's role again, as roles may have changed since
// the preview. The records are merged as they are now, all or nothing.
func ConfirmDraft(tx Tx, ws *Workspace, d *Draft, by Person, now time.Time) error {
	if err := d.CheckConfirmer(ws, by.UserID); err != nil {
		return err
	}
	if d.Expired(now) {
		return Errorf(ECONFLICT, "log.expired")
	}
	for _, e := range d.Entries {
		if err := CanEnter(ws, d.enterer(), e); err != nil {
			return err
		}
	}
	if err := SaveEntries(tx, ws, d.Entries, d.By.UserID, now); err != nil {
		return err
	}
	return tx.Drafts().Delete(d.ID)
}

// SaveEntries merges every entry into its stored record, as user by at
// now; the replaced versions go to the records' history. Any problem fails
// the whole set, and since it runs in one transaction nothing is saved.
func SaveEntries(tx Tx, ws *Workspace, entries []Entry, by int64, now time.Time) error {
	for _, e := range entries {
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
