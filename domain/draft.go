package domain

import (
	"slices"
	"time"
)

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

	// Warnings are filled by ProposeDraft for the preview and not stored:
	// ConfirmDraft judges the numbers again as they are then.
	Warnings []Warning
	// LeftOut are the figures of a department head's file that belong to
	// other departments: not saved unless a CEO accepts them (AcceptLeftOut).
	LeftOut []Entry
	// AcceptedBy is the CEO who accepted the left-out figures; the entries
	// are then checked against the CEO's role instead of the author's.
	AcceptedBy *Person
	// Plans are a CEO's file's plans, saved with the numbers; PlansLeftOut
	// counts those of another author's file, for the preview only
	// (plan_draft.go).
	Plans        []Plan
	PlansLeftOut int
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
// the preview can warn about them. The draft comes back with the
// plausibility Warnings and the Corrections (old → new) for the preview.
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
		if err := ws.CheckWeek(e.Week, d.CreatedAt); err != nil {
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
	warnings, err := CheckPlausibility(tx, ws, d.Entries)
	if err != nil {
		return nil, 0, err
	}
	if err := tx.Drafts().Create(d); err != nil {
		return nil, 0, err
	}
	d.Warnings = warnings
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
// deletes it and returns the revision it made. An expired draft is an
// ECONFLICT error, and each entry is checked against its author's role
// again, as roles may have changed since the preview. The records are merged as they are now, all or nothing;
// numbers that raise plausibility warnings are saved only with anyway
// set (the "save anyway" button), and the history says so.
func ConfirmDraft(tx Tx, ws *Workspace, d *Draft, by Person, now time.Time, anyway bool) (*Revision, error) {
	if err := d.CheckConfirmer(ws, by.UserID); err != nil {
		return nil, err
	}
	if d.Expired(now) {
		return nil, Errorf(ECONFLICT, "log.expired")
	}
	for _, e := range d.Entries {
		if err := CanEnter(ws, d.enterer(), e); err != nil {
			return nil, err
		}
	}
	save := Save{By: d.By, Source: d.Source, Anyway: anyway, At: now}
	if by.UserID != d.By.UserID {
		save.ConfirmedBy = by
	}
	rev, err := SaveEntries(tx, ws, d.Entries, save)
	if err != nil {
		return nil, err
	}
	if err := saveDraftPlans(tx, ws, d, now); err != nil {
		return nil, err
	}
	return rev, tx.Drafts().Delete(d.ID)
}

// Save says who saves numbers, from where and when; Anyway confirms them
// despite plausibility warnings.
type Save struct {
	By          Person
	ConfirmedBy Person // when not By
	Source      string
	Anyway      bool
	At          time.Time
}

// SaveEntries merges every entry into its stored record as s says; the
// replaced versions go to the records' history and the change becomes a
// Revision. Numbers with plausibility warnings are refused with an
// ECONFLICT "plausible.needs_anyway" error unless s.Anyway. Any problem
// fails the whole set, and since it runs in one transaction nothing is
// saved. A week outside Workspace.CheckWeek fails the set too. The alert
// rules are checked against what was saved and their messages queued in
// the same transaction (EvaluateAlerts).
func SaveEntries(tx Tx, ws *Workspace, entries []Entry, s Save) (*Revision, error) {
	warnings, err := CheckPlausibility(tx, ws, entries)
	if err != nil {
		return nil, err
	}
	if len(warnings) > 0 && !s.Anyway {
		return nil, Errorf(ECONFLICT, "plausible.needs_anyway", len(warnings))
	}
	rev := &Revision{Workspace: ws.ID, Kind: RevisionSave, By: s.By, ConfirmedBy: s.ConfirmedBy,
		At: s.At, Source: s.Source, Forced: len(warnings) > 0, Warnings: WarningCodes(warnings)}
	byRecord := map[string]int{} // segment|week → index in rev.Records
	for _, e := range entries {
		if err := ws.CheckWeek(e.Week, s.At); err != nil {
			return nil, err
		}
		old, _, err := tx.Records().Get(ws.ID, e.Segment, e.Week)
		if err != nil {
			return nil, err
		}
		rec, err := e.Merge(ws, old)
		if err != nil {
			return nil, err
		}
		rec.Segment, rec.Week, rec.UpdatedBy, rec.UpdatedAt = e.Segment, e.Week, s.By.UserID, s.At
		if err := tx.Records().Put(ws.ID, rec); err != nil {
			return nil, err
		}
		rev.addDiff(e.Segment, e.Week, DiffRecords(ws, old, rec), byRecord)
	}
	if len(rev.Records) == 0 {
		return rev, nil // the same numbers again: nothing to record or undo
	}
	if err := tx.Revisions().Add(rev); err != nil {
		return nil, err
	}
	if err := EvaluateAlerts(tx, ws, rev, s.At); err != nil {
		return nil, err
	}
	return rev, nil
}

// addDiff adds the figures one entry changed; a week entered twice in one
// save keeps each figure's first old value and last new one.
func (r *Revision) addDiff(segment string, week Week, changes []FigureChange, index map[string]int) {
	if len(changes) == 0 {
		return
	}
	k := segment + "|" + week.String()
	i, ok := index[k]
	if !ok {
		index[k] = len(r.Records)
		r.Records = append(r.Records, RecordDiff{Segment: segment, Week: week, Figures: changes})
		return
	}
	d := &r.Records[i]
	for _, c := range changes {
		j := slices.IndexFunc(d.Figures, func(f FigureChange) bool { return f.Field == c.Field })
		if j < 0 {
			d.Figures = append(d.Figures, c)
			continue
		}
		d.Figures[j].New = c.New
	}
}
