package domain

import (
	"slices"
	"time"
)

// MissingReport is a department whose numbers for a week are still
// missing, with the segments they are missing for and the heads to remind.
type MissingReport struct {
	Department Department
	Segments   []Segment
	Heads      []Member // empty when the department has no head yet
}

// MissingReports returns the departments whose numbers for week are
// missing, in workspace order. A department's numbers are missing for a
// segment when the segment uses some of the department's stages and the
// week's record of the segment has a count for none of them: one reported
// stage means the head has reported and merely left a stage out. Archived
// segments and stages are not asked for. The result is empty when
// everything is in, and then no reminder is sent.
func MissingReports(ws *Workspace, week Week, recs []WeeklyRecord) []MissingReport {
	var out []MissingReport
	for _, d := range ws.ActiveDepartments() {
		var missing []Segment
		for _, seg := range ws.Segments {
			if seg.Archived {
				continue
			}
			owned := departmentStages(ws, seg, d.Key)
			if len(owned) > 0 && !reportedAny(recordOf(recs, seg.Key, week), owned) {
				missing = append(missing, seg)
			}
		}
		if len(missing) > 0 {
			out = append(out, MissingReport{Department: d, Segments: missing, Heads: ws.Heads(d.Key)})
		}
	}
	return out
}

// departmentStages returns the keys of the live stages of dept that seg uses.
func departmentStages(ws *Workspace, seg Segment, dept string) []string {
	var keys []string
	for _, st := range ws.Stages {
		if st.Department == dept && !st.Archived && !slices.Contains(seg.SkipStages, st.Key) {
			keys = append(keys, st.Key)
		}
	}
	return keys
}

// recordOf finds the segment's record of the week, or an empty record.
func recordOf(recs []WeeklyRecord, segment string, week Week) WeeklyRecord {
	for _, r := range recs {
		if r.Segment == segment && r.Week == week {
			return r
		}
	}
	return WeeklyRecord{}
}

// reportedAny reports whether the record has a count for any of the stages.
func reportedAny(r WeeklyRecord, stages []string) bool {
	for _, k := range stages {
		if _, ok := r.Counts[k]; ok {
			return true
		}
	}
	return false
}

// DueDigest is what the daily hypothesis digest lists: hypotheses being
// worked (new or in progress) that are overdue or due today or tomorrow.
// Done ones wait for a CEO, not for their department, so they are left out.
type DueDigest struct {
	Overdue  []*Hypothesis
	Today    []*Hypothesis
	Tomorrow []*Hypothesis
}

// Empty reports whether nothing is due, and so nothing is posted.
func (d DueDigest) Empty() bool {
	return len(d.Overdue)+len(d.Today)+len(d.Tomorrow) == 0
}

// DueSoon sorts the workspace's hypotheses into the digest on day today
// (a day in the workspace's time zone). Each list is ordered by deadline,
// then number.
func DueSoon(hyps []*Hypothesis, today Date) DueDigest {
	var d DueDigest
	tomorrow := today.AddDays(1)
	for _, h := range hyps {
		if h.Status != StatusNew && h.Status != StatusInProgress || h.Deadline.IsZero() {
			continue
		}
		switch {
		case h.Deadline.Before(today):
			d.Overdue = append(d.Overdue, h)
		case h.Deadline == today:
			d.Today = append(d.Today, h)
		case h.Deadline == tomorrow:
			d.Tomorrow = append(d.Tomorrow, h)
		}
	}
	for _, list := range [][]*Hypothesis{d.Overdue, d.Today, d.Tomorrow} {
		slices.SortFunc(list, func(a, b *Hypothesis) int {
			if a.Deadline != b.Deadline {
				if a.Deadline.Before(b.Deadline) {
					return -1
				}
				return 1
			}
			return a.Number - b.Number
		})
	}
	return d
}

// HypothesisTally is the weekly snapshot's count of the hypotheses.
type HypothesisTally struct {
	InWork   int // new or in progress
	Overdue  int // of those in work, past their deadline
	Awaiting int // done, waiting for a CEO to verify
	Closed   int // reached a final status during the week
}

// Empty reports whether there is nothing to count, and so no line to show.
func (t HypothesisTally) Empty() bool { return t.InWork+t.Awaiting+t.Closed == 0 }

// TallyHypotheses counts the hypotheses for the snapshot of week on day
// today; "closed during the week" is read in the workspace's zone loc.
func TallyHypotheses(hyps []*Hypothesis, week Week, today Date, loc *time.Location) HypothesisTally {
	var t HypothesisTally
	for _, h := range hyps {
		switch {
		case h.Status == StatusNew || h.Status == StatusInProgress:
			t.InWork++
			if h.Overdue(today) {
				t.Overdue++
			}
		case h.Status == StatusDone:
			t.Awaiting++
		case h.Status.Closed():
			if at, ok := h.ClosedAt(); ok && WeekOf(at.In(loc)) == week {
				t.Closed++
			}
		}
	}
	return t
}
