package domain

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
)

// A draft's preview must fit one chat message whatever the draft holds (a
// year of three segments is thousands of figures), so it is told as a
// summary: per segment, the weeks and how many figures are new, corrected
// or unchanged against what is stored. The figures themselves are the
// details, shown whole when they fit and sent as a file when not.

// FigureStatus is how a reported figure compares with the stored one.
type FigureStatus int

// The statuses of a reported figure.
const (
	FigureNew       FigureStatus = iota // nothing is stored for it yet
	FigureCorrected                     // it replaces a different stored value
	FigureUnchanged                     // it repeats the stored value
)

// EntryDiff is an entry beside the record it would change.
type EntryDiff struct {
	Entry  Entry
	Stored Entry // what the record holds now, as an entry; empty when none

	fields    []Field // the entry's, in funnel order, once summarised
	corrected int     // how many of them are corrections
}

// Status compares the entry's figure f with the stored one.
func (d EntryDiff) Status(f Field) FigureStatus {
	switch {
	case !d.Stored.Has(f):
		return FigureNew
	case sameFigure(d.Entry, d.Stored, f):
		return FigureUnchanged
	}
	return FigureCorrected
}

// DiffRow is one line of a draft's detailed table: a figure's label, its
// value, and the stored value it replaces when it corrects one.
type DiffRow struct {
	Label, Value string
	Old          string // the stored value, for a correction only
	Status       FigureStatus
}

// Rows returns the entry's figures in funnel order as the detailed table
// shows them, in lang.
func (d EntryDiff) Rows(ws *Workspace, lang Lang) []DiffRow {
	fields := d.fields
	if fields == nil {
		fields = d.Entry.Fields()
		SortFields(ws, fields)
	}
	rows := make([]DiffRow, len(fields))
	for i, f := range fields {
		rows[i] = DiffRow{Label: f.Label(ws, lang), Value: d.Entry.formatValue(ws, f, lang), Status: d.Status(f)}
		if rows[i].Status == FigureCorrected {
			rows[i].Old = d.Stored.formatValue(ws, f, lang)
		}
	}
	return rows
}

// sameFigure reports whether a and b hold the same value of f; both name it.
func sameFigure(a, b Entry, f Field) bool {
	switch f.Kind {
	case FieldSpend:
		return *a.Spend == *b.Spend
	case FieldRevenue:
		return *a.Revenue == *b.Revenue
	case FieldMargin:
		return math.Abs(*a.Margin-*b.Margin) < 1e-9
	case FieldCount:
		return a.Counts[f.Stage] == b.Counts[f.Stage]
	case FieldNonTarget:
		return a.NonTarget[f.Reason] == b.NonTarget[f.Reason]
	case FieldDropOff:
		return a.DropOffs[f.Stage][f.Reason] == b.DropOffs[f.Stage][f.Reason]
	case FieldManager:
		return a.Managers[f.Manager][f.Stage] == b.Managers[f.Manager][f.Stage]
	}
	return false
}

// SegmentChanges is what a draft does to one segment.
type SegmentChanges struct {
	Segment                   string // segment key
	Weeks                     []Week // ascending, each once
	New, Corrected, Unchanged int    // figures
}

// Figures is how many figures the draft names for the segment.
func (s SegmentChanges) Figures() int { return s.New + s.Corrected + s.Unchanged }

// DraftSummary is what a draft would change, segment by segment, with
// each entry beside its stored record for the details.
type DraftSummary struct {
	Segments []SegmentChanges // in the workspace's segment order
	Diffs    []EntryDiff      // the entries, in the draft's order
}

// SummarizeDraft compares each entry with the record it would change.
func SummarizeDraft(tx Tx, ws *Workspace, entries []Entry) (DraftSummary, error) {
	return summarize(ws, entries, func(e Entry) (WeeklyRecord, bool, error) {
		return tx.Records().Get(ws.ID, e.Segment, e.Week)
	})
}

// SummarizeEntries summarises entries as if nothing were stored, for what
// does not depend on the store: the extent, the weeks, the figure counts.
func SummarizeEntries(ws *Workspace, entries []Entry) DraftSummary {
	s, _ := summarize(ws, entries, func(Entry) (WeeklyRecord, bool, error) { return WeeklyRecord{}, false, nil })
	return s
}

func summarize(ws *Workspace, entries []Entry, stored func(Entry) (WeeklyRecord, bool, error)) (DraftSummary, error) {
	s := DraftSummary{Diffs: make([]EntryDiff, len(entries))}
	bySegment := map[string]*SegmentChanges{}
	for i, e := range entries {
		old, found, err := stored(e)
		if err != nil {
			return DraftSummary{}, err
		}
		d := EntryDiff{Entry: e, fields: e.Fields()}
		if found {
			d.Stored = EntryFromRecord(old)
		}
		SortFields(ws, d.fields)
		seg := bySegment[e.Segment]
		if seg == nil {
			seg = &SegmentChanges{Segment: e.Segment}
			bySegment[e.Segment] = seg
		}
		if !slices.Contains(seg.Weeks, e.Week) {
			seg.Weeks = append(seg.Weeks, e.Week)
		}
		for _, f := range d.fields {
			switch d.Status(f) {
			case FigureNew:
				seg.New++
			case FigureCorrected:
				seg.Corrected++
				d.corrected++
			default:
				seg.Unchanged++
			}
		}
		s.Diffs[i] = d
	}
	segIndex := func(key string) int {
		return slices.IndexFunc(ws.Segments, func(s Segment) bool { return s.Key == key })
	}
	for _, seg := range bySegment {
		slices.SortFunc(seg.Weeks, compareWeeks)
		s.Segments = append(s.Segments, *seg)
	}
	slices.SortFunc(s.Segments, func(a, b SegmentChanges) int {
		return cmp.Or(cmp.Compare(segIndex(a.Segment), segIndex(b.Segment)), cmp.Compare(a.Segment, b.Segment))
	})
	return s, nil
}

func compareWeeks(a, b Week) int {
	return cmp.Or(cmp.Compare(a.Year, b.Year), cmp.Compare(a.Num, b.Num))
}

// Corrected counts the figures that replace different stored values, and
// the entries (weeks of a segment) they are in.
func (s DraftSummary) Corrected() (figures, weeks int) {
	for _, d := range s.Diffs {
		if d.corrected > 0 {
			figures, weeks = figures+d.corrected, weeks+1
		}
	}
	return figures, weeks
}

// Figures counts every figure the draft names.
func (s DraftSummary) Figures() int {
	n := 0
	for _, seg := range s.Segments {
		n += seg.Figures()
	}
	return n
}

// Extent says in lang what the draft covers, in the words of the people
// who reported it: "Dealers, 2026-W11", "Dealers, 8 weeks",
// "3 segments × 8 weeks", "3 segments × 2–8 weeks".
func (s DraftSummary) Extent(ws *Workspace, lang Lang) string {
	if len(s.Segments) == 0 {
		return ""
	}
	least, most := len(s.Segments[0].Weeks), 0
	for _, seg := range s.Segments {
		least, most = min(least, len(seg.Weeks)), max(most, len(seg.Weeks))
	}
	if len(s.Segments) == 1 {
		name := ws.SegmentName(s.Segments[0].Segment, lang)
		if most == 1 {
			return name + ", " + s.Segments[0].Weeks[0].String()
		}
		return name + ", " + Plural(lang, most, "noun.week")
	}
	weeks := Plural(lang, most, "noun.week")
	if least != most {
		weeks = fmt.Sprintf("%d–%s", least, weeks)
	}
	return Plural(lang, len(s.Segments), "noun.segment") + " × " + weeks
}

// WeekSpans writes weeks (ascending) as runs of consecutive weeks:
// "2025-W12 – 2026-W11", "2026-W01, 2026-W03 – 2026-W05"; after max runs
// it ends with an ellipsis.
func WeekSpans(weeks []Week, max int) string {
	var spans []string
	for i := 0; i < len(weeks); {
		j := i
		for j+1 < len(weeks) && weeks[j].Add(1) == weeks[j+1] {
			j++
		}
		if len(spans) == max {
			spans = append(spans, "…")
			break
		}
		if j == i {
			spans = append(spans, weeks[i].String())
		} else {
			spans = append(spans, weeks[i].String()+" – "+weeks[j].String())
		}
		i = j + 1
	}
	return strings.Join(spans, ", ")
}
