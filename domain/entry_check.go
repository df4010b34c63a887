package domain

import (
	"slices"
	"time"
)

// Validation and permissions shared by the chat, files and the CLI.

// HistoryYears is how far before a workspace was created its numbers may
// go: a company may bring a few years of history, but a week in 1900 or
// 1970 is a date cell or a typo read as a week, not data.
const HistoryYears = 5

// CheckWeek refuses a week that cannot hold numbers: one more than
// HistoryYears before the workspace was created, or one that has not begun
// at now in the workspace's time zone. Every source of numbers (/log,
// files, the command line) passes through it before anything is saved.
func (w *Workspace) CheckWeek(week Week, now time.Time) error {
	loc := w.Location()
	created := w.CreatedAt
	if created.IsZero() {
		created = now
	}
	first := WeekOf(created.In(loc).AddDate(-HistoryYears, 0, 0))
	if week.Before(first) {
		return Errorf(EINVALID, "entry.week_too_old", week.String(), HistoryYears, first.String())
	}
	if current := WeekOf(now.In(loc)); current.Before(week) {
		return Errorf(EINVALID, "entry.future_week", week.String(), current.String())
	}
	return nil
}

// Merge applies the entry to the stored record and validates the result;
// problems come back as an *EntryError and nothing should be saved.
func (e Entry) Merge(ws *Workspace, old WeeklyRecord) (WeeklyRecord, error) {
	r := e.Apply(old)
	if problems := ValidateRecord(ws, r); len(problems) > 0 {
		return WeeklyRecord{}, &EntryError{Problems: problems, example: newEntryExample(ws)}
	}
	return r, nil
}

// ValidateRecord checks a record's figures against each other. Weekly
// counts are flows, not cohorts: this week's meetings may come from last
// week's leads, so a stage may exceed the one before it. Only what holds by
// definition within a week is checked:
//   - qualified plus non-target leads do not exceed leads (every lead is
//     qualified, non-target or not yet sorted);
//   - items lost at a stage with a reason do not exceed that stage's count;
//   - managers' counts at a stage do not add up to more than the stage;
//   - counts and money are not negative; the margin is within 0–100%.
//
// A rule applies only when the figures it compares were reported. The
// problems have no Key: their texts name the figures in the reader's
// language, and a stored key like "leads" would show through untranslated.
func ValidateRecord(ws *Workspace, r WeeklyRecord) []Problem {
	var problems []Problem
	for _, st := range ws.Stages {
		if n, ok := r.Counts[st.Key]; ok && n < 0 {
			problems = append(problems, Problem{Text: "entry.negative_count", Args: []any{localName(st.Name)}})
		}
	}
	problems = append(problems, checkLeadSplit(ws, r)...)
	problems = append(problems, checkLostAndManagers(ws, r)...)
	if r.Spend < 0 {
		problems = append(problems, Problem{Text: "entry.negative_money", Args: []any{localName(Name{En: "Spend", Ru: "Расход"})}})
	}
	if r.Revenue < 0 {
		problems = append(problems, Problem{Text: "entry.negative_money", Args: []any{localName(Name{En: "Revenue", Ru: "Выручка"})}})
	}
	if r.HasMargin && (r.Margin < 0 || r.Margin > 1) {
		problems = append(problems, Problem{Text: "entry.margin_range", Args: []any{FormatPercent(Some(r.Margin), ws.Lang)}})
	}
	return problems
}

// checkLeadSplit checks qualified + non-target ≤ leads.
func checkLeadSplit(ws *Workspace, r WeeklyRecord) []Problem {
	leadsStage, ok := entryRoleStage(ws, RoleLeads)
	leads, reported := r.Counts[leadsStage.Key]
	if !ok || !reported {
		return nil
	}
	var qualified, nonTarget int64
	qualifiedName := Name{En: "qualified", Ru: "целевые"}
	if st, ok := entryRoleStage(ws, RoleQualified); ok {
		qualified, qualifiedName = r.Counts[st.Key], st.Name
	}
	for _, n := range r.NonTarget {
		nonTarget += n
	}
	if qualified+nonTarget <= leads {
		return nil
	}
	return []Problem{{Text: "entry.split_over_leads",
		Args: []any{localName(qualifiedName), qualified, nonTarget, localName(leadsStage.Name), leads}}}
}

// checkLostAndManagers checks drop-offs and manager counts. Drop-offs at a
// stage are the items lost on the way into it (see StageFigure.Lost), so
// they cannot exceed the previous reported stage; managers' counts cannot
// exceed their own stage.
func checkLostAndManagers(ws *Workspace, r WeeklyRecord) []Problem {
	var problems []Problem
	var prev *Stage
	for i := range ws.Stages {
		st := ws.Stages[i]
		count, reported := r.Counts[st.Key]
		var lost, managed int64
		for _, n := range r.DropOffs[st.Key] {
			lost += n
		}
		for _, stages := range r.Managers {
			managed += stages[st.Key]
		}
		if prev != nil {
			if before := r.Counts[prev.Key]; before >= 0 && lost > before {
				problems = append(problems, Problem{Text: "entry.lost_over_stage", Args: []any{localName(st.Name), lost, localName(prev.Name), before}})
			}
		}
		if reported && count >= 0 && managed > count { // a negative count is reported on its own
			problems = append(problems, Problem{Text: "entry.managers_over_stage", Args: []any{localName(st.Name), managed, count}})
		}
		if reported {
			prev = &ws.Stages[i]
		}
	}
	return problems
}

// CanEnter checks that the user may report every figure of the entry: a CEO
// enters anything; a department head only the figures their departments own
// (see Field.Department); anyone else nothing. The EFORBIDDEN error names
// the figures the user may not enter.
func CanEnter(ws *Workspace, userID int64, e Entry) error {
	m := ws.Member(userID)
	if m.CEO {
		return nil
	}
	if len(m.HeadOf) == 0 {
		return Errorf(EFORBIDDEN, "entry.forbidden_member")
	}
	var denied nameList
	fields := e.Fields()
	SortFields(ws, fields)
	for _, f := range fields {
		if d := f.Department(ws); d == "" || !slices.Contains(m.HeadOf, d) {
			denied = append(denied, Name{En: f.Label(ws, English), Ru: f.Label(ws, Russian)})
		}
	}
	if len(denied) > 0 {
		return Errorf(EFORBIDDEN, "entry.forbidden", denied)
	}
	return nil
}
