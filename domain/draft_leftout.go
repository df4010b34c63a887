package domain

import (
	"slices"
	"time"
)

// A department head may upload the company's whole weekly sheet. Their
// department's figures make the draft; the other departments' figures are
// not an error but are left out, shown in the preview, and a CEO may
// accept them with one press.

// SplitForAuthor splits a file's entries into the figures the user may
// enter and the figures of other departments, left out. A CEO keeps
// everything. Someone who heads no department gets the usual EFORBIDDEN
// error, and so does a head when the file holds none of their figures:
// there is nothing to apply.
func SplitForAuthor(ws *Workspace, userID int64, entries []Entry) (kept, leftOut []Entry, err error) {
	m := ws.Member(userID)
	if m.CEO {
		return entries, nil, nil
	}
	if len(m.HeadOf) == 0 {
		return nil, nil, Errorf(EFORBIDDEN, "entry.forbidden_member")
	}
	own := func(f Field) bool { return slices.Contains(m.HeadOf, f.Department(ws)) }
	for _, e := range entries {
		k, rest := e.Split(own)
		if !k.IsEmpty() {
			kept = append(kept, k)
		}
		if !rest.IsEmpty() {
			leftOut = append(leftOut, rest)
		}
	}
	if len(kept) == 0 {
		for _, e := range entries {
			if err := CanEnter(ws, userID, e); err != nil {
				return nil, nil, err // names the figures the user may not enter
			}
		}
	}
	return kept, leftOut, nil
}

// ProposeFileDraft is ProposeDraft for an uploaded file: the figures of
// other departments than the author's are left out of the entries and kept
// in the draft's LeftOut for a CEO to accept.
func ProposeFileDraft(tx Tx, ws *Workspace, by Person, source string, entries []Entry, now time.Time) (*Draft, int, error) {
	kept, leftOut, err := SplitForAuthor(ws, by.UserID, entries)
	if err != nil {
		return nil, 0, err
	}
	return proposeDraft(tx, ws, &Draft{Workspace: ws.ID, By: by, Source: source, Entries: kept, LeftOut: leftOut, CreatedAt: now})
}

// CanAcceptLeftOut returns an EFORBIDDEN error unless the user may accept
// the figures a head's file left out: only a CEO, who answers for every
// department's numbers.
func CanAcceptLeftOut(ws *Workspace, userID int64) error {
	if !ws.IsCEO(userID) {
		return Errorf(EFORBIDDEN, "import.accept_ceo_only")
	}
	return nil
}

// AcceptLeftOut is a CEO (by) accepting the figures a department head's
// file left out. The draft is replaced by a new one holding every figure,
// its author unchanged and checked against by's role, waiting for
// confirmation again with a fresh time-to-live, since the numbers it
// corrects are read again now. corrections counts as in ProposeDraft.
func AcceptLeftOut(tx Tx, ws *Workspace, d *Draft, by Person, now time.Time) (*Draft, int, error) {
	if err := CanAcceptLeftOut(ws, by.UserID); err != nil {
		return nil, 0, err
	}
	if d.Expired(now) {
		return nil, 0, Errorf(ECONFLICT, "log.expired")
	}
	if len(d.LeftOut) == 0 {
		return nil, 0, Errorf(ESTALE, "import.nothing_left_out")
	}
	if err := tx.Drafts().Delete(d.ID); err != nil {
		return nil, 0, err
	}
	return proposeDraft(tx, ws, &Draft{
		Workspace: ws.ID, By: d.By, Source: d.Source, Entries: joinEntries(d.Entries, d.LeftOut),
		AcceptedBy: &by, CreatedAt: now,
	})
}

// joinEntries joins the figures of b into a by segment and week, keeping
// a's order and appending weeks only b has. Neither is modified.
func joinEntries(a, b []Entry) []Entry {
	type key struct {
		segment string
		week    Week
	}
	out := make([]Entry, 0, len(a)+len(b))
	index := map[key]int{}
	for _, list := range [][]Entry{a, b} {
		for _, e := range list {
			k := key{e.Segment, e.Week}
			i, ok := index[k]
			if !ok {
				index[k] = len(out)
				out = append(out, Entry{Segment: e.Segment, Week: e.Week})
				i = len(out) - 1
			}
			out[i].Join(e)
		}
	}
	return out
}

// LeftOutFields returns the distinct fields the left-out entries name, in
// funnel order, for a preview to list.
func LeftOutFields(ws *Workspace, leftOut []Entry) []Field {
	var fields []Field
	seen := map[string]bool{}
	for _, e := range leftOut {
		for _, f := range e.Fields() {
			if !seen[f.Key()] {
				seen[f.Key()] = true
				fields = append(fields, f)
			}
		}
	}
	SortFields(ws, fields)
	return fields
}
