package domain

import (
	"maps"
)

// A figure is one number of a weekly record: a stage count, spend,
// revenue, the margin, a non-target reason, a drop-off or a manager's
// count. History, undo and the correction preview speak of figures, so a
// change reads "Meetings 40 → 50" whatever its source.

// Figure is the value of one field of a record: counts and money (in
// hundredths) in N, the margin fraction in Fraction. Set is false for a
// figure the record does not hold, which differs from a reported zero for
// counts; spend and revenue of zero count as not held, as everywhere else
// (see EntryFromRecord).
type Figure struct {
	Set      bool
	N        int64
	Fraction float64
}

// Figure returns the record's value of f.
func (r WeeklyRecord) Figure(f Field) Figure {
	switch f.Kind {
	case FieldCount:
		return countFigure(r.Counts, f.Stage)
	case FieldSpend:
		return Figure{Set: r.Spend != 0, N: int64(r.Spend)}
	case FieldRevenue:
		return Figure{Set: r.Revenue != 0, N: int64(r.Revenue)}
	case FieldMargin:
		return Figure{Set: r.HasMargin, Fraction: r.Margin}
	case FieldNonTarget:
		return countFigure(r.NonTarget, f.Reason)
	case FieldDropOff:
		return countFigure(r.DropOffs[f.Stage], f.Reason)
	case FieldManager:
		return countFigure(r.Managers[f.Manager], f.Stage)
	}
	return Figure{}
}

func countFigure(m map[string]int64, key string) Figure {
	n, ok := m[key]
	return Figure{Set: ok, N: n}
}

// WithFigure returns a copy of the record with f set to v, or removed when
// v is not set; the record's own maps are not modified.
func (r WeeklyRecord) WithFigure(f Field, v Figure) WeeklyRecord {
	out := r
	switch f.Kind {
	case FieldCount:
		out.Counts = withCount(r.Counts, f.Stage, v)
	case FieldSpend:
		out.Spend = Money(v.N)
	case FieldRevenue:
		out.Revenue = Money(v.N)
	case FieldMargin:
		out.Margin, out.HasMargin = v.Fraction, v.Set
		if !v.Set {
			out.Margin = 0
		}
	case FieldNonTarget:
		out.NonTarget = withCount(r.NonTarget, f.Reason, v)
	case FieldDropOff:
		out.DropOffs = withNested(r.DropOffs, f.Stage, f.Reason, v)
	case FieldManager:
		out.Managers = withNested(r.Managers, f.Manager, f.Stage, v)
	}
	return out
}

func withCount(m map[string]int64, key string, v Figure) map[string]int64 {
	out := maps.Clone(m)
	if !v.Set {
		delete(out, key)
		if len(out) == 0 {
			return nil
		}
		return out
	}
	if out == nil {
		out = map[string]int64{}
	}
	out[key] = v.N
	return out
}

func withNested(m map[string]map[string]int64, outer, inner string, v Figure) map[string]map[string]int64 {
	out := maps.Clone(m)
	if out == nil {
		out = map[string]map[string]int64{}
	}
	if sub := withCount(m[outer], inner, v); sub != nil {
		out[outer] = sub
	} else {
		delete(out, outer)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// Format renders the figure of f for people; a figure not held is "—".
func (v Figure) Format(ws *Workspace, f Field, lang Lang) string {
	if !v.Set {
		return NoValue
	}
	switch f.Kind {
	case FieldSpend, FieldRevenue:
		return FormatMoney(Money(v.N).Units(), ws.Currency, lang)
	case FieldMargin:
		return FormatPercent(Some(v.Fraction), lang)
	}
	return FormatCount(v.N)
}

// FigureChange is one figure of a record going from Old to New.
type FigureChange struct {
	Field    Field
	Old, New Figure
}

// RecordDiff is what one save or undo changed in one segment's week.
type RecordDiff struct {
	Segment string
	Week    Week
	Figures []FigureChange
}

// DiffRecords lists every figure that differs between old and new, in
// funnel order (see SortFields).
func DiffRecords(ws *Workspace, old, new WeeklyRecord) []FigureChange {
	seen := map[string]bool{}
	var fields []Field
	for _, r := range []WeeklyRecord{old, new} {
		for _, f := range EntryFromRecord(r).Fields() {
			if !seen[f.Key()] {
				seen[f.Key()] = true
				fields = append(fields, f)
			}
		}
	}
	SortFields(ws, fields)
	var out []FigureChange
	for _, f := range fields {
		if o, n := old.Figure(f), new.Figure(f); o != n {
			out = append(out, FigureChange{Field: f, Old: o, New: n})
		}
	}
	return out
}

// Line renders the change as "Meetings: 40 → 50".
func (c FigureChange) Line(ws *Workspace, lang Lang) string {
	return c.Field.Label(ws, lang) + ": " + c.Old.Format(ws, c.Field, lang) + " → " + c.New.Format(ws, c.Field, lang)
}

// IsEmpty reports whether the record holds no figure at all, as after an
// undo of the save that created it.
func (r WeeklyRecord) IsEmpty() bool { return EntryFromRecord(r).IsEmpty() }
