package domain

import (
	"slices"
	"time"
)

// The history of the numbers. Every confirmed save and every undo is a
// Revision: who, when, from which source, and each figure it changed from
// what to what. Revisions are only ever added; an undo is a new revision
// that puts the figures back, so nothing anyone saved is ever deleted.

// RevisionKind tells a save from an undo.
type RevisionKind string

// The kinds of revision.
const (
	RevisionSave RevisionKind = "save"
	RevisionUndo RevisionKind = "undo"
)

// UndoWindow is how long a save can be undone: long enough to notice a
// mistake before the next weekly review, short enough that an undo does not
// pull the ground from under conclusions already drawn from the numbers.
const UndoWindow = 7 * 24 * time.Hour

// Revision is one confirmed change of the numbers.
type Revision struct {
	ID        int64 // per workspace, from 1
	Workspace int64
	Kind      RevisionKind
	By        Person // whose numbers (a save) or who undid (an undo)
	// ConfirmedBy pressed the button, when someone else than By (a CEO
	// confirming a head's numbers).
	ConfirmedBy Person
	At          time.Time
	Source      string // "/log", a file's name, "/undo"
	// Forced is set for a save confirmed with "save anyway" despite the
	// plausibility Warnings, kept by code (see WarningName).
	Forced   bool
	Warnings []string
	Undoes   int64 // the revision an undo reverts
	Records  []RecordDiff
}

// RevisionStore keeps the revisions of each workspace. There is no way
// to change or delete one.
type RevisionStore interface {
	// Add assigns the revision its workspace's next id and stores it.
	Add(r *Revision) error
	// List returns the workspace's revisions, oldest first.
	List(workspace int64) ([]*Revision, error)
}

// Involves reports whether the user made or confirmed the revision.
func (r *Revision) Involves(userID int64) bool {
	return r.By.UserID == userID || r.ConfirmedBy.UserID == userID
}

// Touches reports whether the revision changed the segment's week; an
// empty segment or a zero week matches any.
func (r *Revision) Touches(segment string, week Week) bool {
	for _, d := range r.Records {
		if (segment == "" || d.Segment == segment) && (week == Week{} || d.Week == week) {
			return true
		}
	}
	return false
}

// CheckUndo returns an error unless user may undo the save r at now: a CEO
// may undo anyone's save, a department head only their own; a save older
// than UndoWindow, an undo, or a save already undone cannot be undone.
func CheckUndo(ws *Workspace, userID int64, r *Revision, undone bool, now time.Time) error {
	m := ws.Member(userID)
	switch {
	case !m.CEO && len(m.HeadOf) == 0:
		return Errorf(EFORBIDDEN, "undo.forbidden_member")
	case !m.CEO && !r.Involves(userID):
		return Errorf(EFORBIDDEN, "undo.not_yours", r.ID)
	case r.Kind != RevisionSave:
		return Errorf(EINVALID, "undo.not_a_save", r.ID)
	case undone:
		return Errorf(ECONFLICT, "undo.already", r.ID)
	case now.Sub(r.At) > UndoWindow:
		return Errorf(ECONFLICT, "undo.too_old", r.ID, int(UndoWindow/(24*time.Hour)))
	}
	return nil
}

// undoneSaves returns the ids of the saves an undo has reverted.
func undoneSaves(revs []*Revision) map[int64]bool {
	out := map[int64]bool{}
	for _, r := range revs {
		if r.Kind == RevisionUndo {
			out[r.Undoes] = true
		}
	}
	return out
}

// UndoTarget picks the save /undo reverts: the one numbered id, or with id
// 0 the user's latest save not undone yet. ENOTFOUND when there is none.
func UndoTarget(revs []*Revision, userID, id int64) (*Revision, bool, error) {
	undone := undoneSaves(revs)
	for _, r := range slices.Backward(revs) {
		if id != 0 && r.ID == id {
			return r, undone[r.ID], nil
		}
		if id == 0 && r.Kind == RevisionSave && r.Involves(userID) && !undone[r.ID] {
			return r, false, nil
		}
	}
	if id != 0 {
		return nil, false, Errorf(ENOTFOUND, "undo.no_such", id)
	}
	return nil, false, Errorf(ENOTFOUND, "undo.nothing")
}

// Undo reverts the save numbered id (0: the user's latest) for by at now,
// as a new revision, all or nothing, and returns it with the undone save. Each figure goes back to what it was
// before the save; a figure changed again since then is an ECONFLICT
// error, so an undo never overwrites someone's later correction.
func Undo(tx Tx, ws *Workspace, by Person, id int64, now time.Time) (undo, target *Revision, err error) {
	revs, err := tx.Revisions().List(ws.ID)
	if err != nil {
		return nil, nil, err
	}
	target, undone, err := UndoTarget(revs, by.UserID, id)
	if err != nil {
		return nil, nil, err
	}
	if err := CheckUndo(ws, by.UserID, target, undone, now); err != nil {
		return nil, nil, err
	}
	undo = &Revision{Workspace: ws.ID, Kind: RevisionUndo, By: by, At: now, Source: "/undo", Undoes: target.ID}
	for _, d := range target.Records {
		rec, found, err := tx.Records().Get(ws.ID, d.Segment, d.Week)
		if err != nil {
			return nil, nil, err
		}
		if !found {
			rec = WeeklyRecord{Segment: d.Segment, Week: d.Week}
		}
		back := RecordDiff{Segment: d.Segment, Week: d.Week}
		for _, fc := range d.Figures {
			if rec.Figure(fc.Field) != fc.New {
				return nil, nil, Errorf(ECONFLICT, "undo.changed_since", target.ID, fieldLabel(ws, fc.Field), localName(entrySegmentName(ws, d.Segment)), d.Week.String())
			}
			back.Figures = append(back.Figures, FigureChange{Field: fc.Field, Old: fc.New, New: fc.Old})
			rec = rec.WithFigure(fc.Field, fc.Old)
		}
		rec.UpdatedBy, rec.UpdatedAt = by.UserID, now
		if err := tx.Records().Put(ws.ID, rec); err != nil {
			return nil, nil, err
		}
		undo.Records = append(undo.Records, back)
	}
	if err := tx.Revisions().Add(undo); err != nil {
		return nil, nil, err
	}
	return undo, target, nil
}

// HistoryOf returns the revisions that changed the segment's week (an
// empty segment or zero week: any), newest first, at most limit of them,
// and how many more there are.
func HistoryOf(revs []*Revision, segment string, week Week, limit int) ([]*Revision, int) {
	var out []*Revision
	more := 0
	for _, r := range slices.Backward(revs) {
		if !r.Touches(segment, week) {
			continue
		}
		if len(out) < limit {
			out = append(out, r)
		} else {
			more++
		}
	}
	return out, more
}
