package domain

import (
	"strings"
)

// Rendering of revisions and corrections as plain text lines; the chat
// escapes them, the command line prints them as they are.

// historyTime is how a revision's time reads: day, month, year and time in
// the workspace's time zone.
const historyTime = "02.01.2006 15:04"

// Lines renders the revision for /history: a header (number, time, who,
// source, "saved anyway" and why) and one line per segment's week with its
// figures old → new, at most maxFigures figures per week.
func (r *Revision) Lines(ws *Workspace, lang Lang, maxFigures int) []string {
	at := r.At.In(ws.Location()).Format(historyTime)
	var head string
	switch {
	case r.Kind == RevisionUndo:
		head = Text(lang, "history.undo", r.ID, at, personName(r.By, lang), r.Undoes)
	case r.ConfirmedBy.UserID != 0:
		head = Text(lang, "history.save_confirmed", r.ID, at, personName(r.By, lang), personName(r.ConfirmedBy, lang), r.Source)
	default:
		head = Text(lang, "history.save", r.ID, at, personName(r.By, lang), r.Source)
	}
	lines := []string{head}
	if r.Forced {
		names := make([]string, len(r.Warnings))
		for i, code := range r.Warnings {
			names[i] = WarningName(code, lang)
		}
		lines = append(lines, Text(lang, "history.forced", strings.Join(names, ", ")))
	}
	for _, d := range r.Records {
		lines = append(lines, d.Line(ws, lang, maxFigures))
	}
	return lines
}

// Line renders the diff as "Dealers, 2025-W48: Meetings 40 → 50; Leads
// — → 120", with at most maxFigures figures and a count of the rest.
func (d RecordDiff) Line(ws *Workspace, lang Lang, maxFigures int) string {
	var parts []string
	for _, fc := range d.Figures[:min(len(d.Figures), maxFigures)] {
		parts = append(parts, fc.Field.Label(ws, lang)+" "+fc.Old.Format(ws, fc.Field, lang)+" → "+fc.New.Format(ws, fc.Field, lang))
	}
	line := entrySegmentName(ws, d.Segment).In(lang) + ", " + d.Week.String() + ": " + strings.Join(parts, "; ")
	if rest := len(d.Figures) - maxFigures; rest > 0 {
		line += " " + Text(lang, "history.figures_more", rest)
	}
	return line
}

// Origin names where a save came from and whose numbers they were:
// "/log, Mark".
func (r *Revision) Origin(lang Lang) string {
	return r.Source + ", " + personName(r.By, lang)
}

// personName is how the history names a person: their name, else their
// username, else the command line (user 0, a file imported on the server).
func personName(p Person, lang Lang) string {
	switch {
	case p.Name != "":
		return p.Name
	case p.Username != "":
		return "@" + p.Username
	case p.UserID == 0:
		return Text(lang, "history.cli")
	}
	return Text(lang, "history.user", p.UserID)
}
