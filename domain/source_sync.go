package domain

import "time"

// A sync goes the way of every import: the same validation, plausibility
// warnings, history and undo. A scheduled sync saves at once, as a
// revision named after the source, because nobody is there to confirm it;
// /source sync makes a draft and shows its preview, as an upload does.

// SaveSync saves the entries a source read, without the figures it may
// not write, as one revision by the CEO who connected it, labelled with
// the source's name. Plausibility warnings do not stop a sync — nobody is
// there to press "save anyway" — so the revision records them and they
// come back for the CEOs. Any problem fails the whole set; the caller's
// transaction then rolls back and nothing is saved. A save that changes
// nothing returns a revision with no records.
func SaveSync(tx Tx, ws *Workspace, src *Source, entries []Entry, now time.Time) (*Revision, []Warning, error) {
	entries = src.Unlocked(entries)
	if len(entries) == 0 {
		return &Revision{}, nil, nil
	}
	warnings, err := CheckPlausibility(tx, ws, entries)
	if err != nil {
		return nil, nil, err
	}
	rev, err := SaveEntries(tx, ws, entries, Save{By: src.AddedBy, Source: src.Label(), Anyway: true, At: now})
	if err != nil {
		return nil, nil, err
	}
	return rev, warnings, nil
}

// ProposeSync makes the draft of a sync a person asked for, the way an
// upload does: by, who must be a CEO, confirms it from the preview.
func ProposeSync(tx Tx, ws *Workspace, src *Source, by Person, entries []Entry, now time.Time) (*Draft, int, error) {
	if err := ws.RequireCEO(by); err != nil {
		return nil, 0, err
	}
	entries = src.Unlocked(entries)
	if len(entries) == 0 {
		return nil, 0, Errorf(EINVALID, "source.empty", src.Name)
	}
	return ProposeDraft(tx, ws, by, src.Label(), entries, now)
}

// EntriesOfWeek returns the entries about week, for a dry run.
func EntriesOfWeek(entries []Entry, week Week) []Entry {
	var out []Entry
	for _, e := range entries {
		if e.Week == week {
			out = append(out, e)
		}
	}
	return out
}

// Synced records a sync that worked. A scheduled run (run not zero) is
// done, and the failures in a row end.
func (s *Source) Synced(r SyncResult, run time.Time) {
	r.OK = true
	s.Last = r
	if !run.IsZero() {
		s.Done = run
		s.Failures = 0
	}
}

// Failed records a sync that failed; only scheduled ones count as
// failures in a row (a person who asked is told at once). It reports
// whether the CEOs should be told privately now: on the first failure in
// a row and whenever the problem changes, not on every retry.
func (s *Source) Failed(r SyncResult, scheduled bool) (tell bool) {
	r.OK = false
	changed := s.Last.OK || s.Last.Problem != r.Problem
	s.Last = r
	if !scheduled {
		return false
	}
	s.Failures++
	return s.Failures == 1 || changed
}

// SwitchOn starts the source's own syncs at now, after its dry run.
func (s *Source) SwitchOn(now time.Time) error {
	if err := s.Ready(); err != nil {
		return err
	}
	s.On, s.Paused, s.Since = true, false, now
	return nil
}

// DryRunSync checks the entries exactly as a sync would save them —
// without the locked figures, merged into the stored records, with the
// plausibility warnings — and saves nothing, so a CEO sees last week's
// numbers as they would arrive before switching the source on.
func DryRunSync(tx Tx, ws *Workspace, src *Source, entries []Entry, now time.Time) (DraftSummary, []Warning, error) {
	entries = src.Unlocked(entries)
	if len(entries) == 0 {
		return DraftSummary{}, nil, Errorf(EINVALID, "source.empty", src.Name)
	}
	for _, e := range entries {
		if err := ws.CheckWeek(e.Week, now); err != nil {
			return DraftSummary{}, nil, err
		}
		old, _, err := tx.Records().Get(ws.ID, e.Segment, e.Week)
		if err != nil {
			return DraftSummary{}, nil, err
		}
		if _, err := e.Merge(ws, old); err != nil {
			return DraftSummary{}, nil, err
		}
	}
	warnings, err := CheckPlausibility(tx, ws, entries)
	if err != nil {
		return DraftSummary{}, nil, err
	}
	sum, err := SummarizeDraft(tx, ws, entries)
	return sum, warnings, err
}

// DryRunWeek picks the week a dry run shows: last complete week, or, when
// the source has nothing for it, the latest week it has.
func DryRunWeek(entries []Entry, last Week) (Week, []Entry) {
	if of := EntriesOfWeek(entries, last); len(of) > 0 {
		return last, of
	}
	var latest Week
	for _, e := range entries {
		if !e.Week.Before(last) {
			continue
		}
		if latest == (Week{}) || latest.Before(e.Week) {
			latest = e.Week
		}
	}
	return latest, EntriesOfWeek(entries, latest)
}
