package domain

import (
	"cmp"
	"slices"
)

// ManagersView is what /managers shows for a segment: each manager's stage
// conversions against the team's over Window, and the conversions the
// tracker asks the sales head about (a manager question of the period's
// review) marked, so the picture and the table flag exactly what a review
// would raise.
type ManagersView struct {
	Segment Segment
	// Period is the period asked for; Window the weeks the conversions sum:
	// a week is judged over the last ManagerWeeks weeks, as the questions
	// judge it, since a manager's weekly counts are small.
	Period, Window Period
	Rows           []ManagerRow
	// Columns are the conversions any manager reported, in funnel order,
	// with the team's rate.
	Columns []ManagerColumn
}

// ManagerColumn is one conversion of the /managers table: items moved from
// From to Stage, the team's (all managers who reported both) TeamK of TeamN.
type ManagerColumn struct {
	Stage, From  Stage
	TeamK, TeamN int64
	Team         Value
}

// Managers returns the /managers view of a segment for period p; recs
// should reach back to HistoryFrom(p), as the questions behind the marks
// judge against the weeks before.
func Managers(ws *Workspace, seg Segment, p Period, recs []WeeklyRecord) ManagersView {
	v := ManagersView{Segment: seg, Period: p, Window: managerWindow(p), Rows: ManagerConversions(ws, seg.Key, p, recs)}
	if len(v.Rows) == 0 {
		return v
	}
	asked := map[[2]string]bool{}
	for _, q := range TrackerQuestions(ws, seg.Key, p, recs) {
		if q.Kind == QuestionManager && q.Segment.Key == seg.Key {
			asked[[2]string{q.Manager, q.Change.Stage.Key}] = true
		}
	}
	seen := map[[2]string]bool{}
	for i := range v.Rows {
		row := &v.Rows[i]
		for j := range row.Stages {
			ms := &row.Stages[j]
			ms.Asked = asked[[2]string{row.Manager, ms.Stage.Key}]
			if key := [2]string{ms.From.Key, ms.Stage.Key}; !seen[key] {
				seen[key] = true
				v.Columns = append(v.Columns, ManagerColumn{Stage: ms.Stage, From: ms.From, TeamK: ms.TeamK, TeamN: ms.TeamN, Team: ms.Team})
			}
		}
	}
	order := map[string]int{}
	for i, st := range ws.Stages {
		order[st.Key] = i
	}
	slices.SortStableFunc(v.Columns, func(a, b ManagerColumn) int {
		return cmp.Or(cmp.Compare(order[a.Stage.Key], order[b.Stage.Key]), cmp.Compare(order[a.From.Key], order[b.From.Key]))
	})
	return v
}

// At returns the manager's conversion in column col; ok is false when the
// manager did not report it.
func (r ManagerRow) At(col ManagerColumn) (ManagerStage, bool) {
	for _, ms := range r.Stages {
		if ms.Stage.Key == col.Stage.Key && ms.From.Key == col.From.Key {
			return ms, true
		}
	}
	return ManagerStage{}, false
}

// ManagerWindow is the period the managers of a review of p are judged
// over: the last ManagerWeeks weeks of a week, the period itself otherwise.
func ManagerWindow(p Period) Period { return managerWindow(p) }
