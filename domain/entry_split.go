package domain

// Entries are split and joined by field: a file's sheets each hold some
// figures of a segment's week, and a department head's upload holds
// figures of other departments that are left out until a CEO accepts them.

// Union returns an entry of e's segment and week with the figures of both
// e and o; where both name a figure, o's value wins. Neither is modified.
func (e Entry) Union(o Entry) Entry {
	out := Entry{Segment: e.Segment, Week: e.Week}
	for _, f := range e.Fields() {
		out.copyField(e, f)
	}
	for _, f := range o.Fields() {
		out.copyField(o, f)
	}
	return out
}

// Split returns the figures of e that keep accepts and the rest, each as
// an entry of e's segment and week; either may be empty.
func (e Entry) Split(keep func(Field) bool) (kept, rest Entry) {
	kept = Entry{Segment: e.Segment, Week: e.Week}
	rest = Entry{Segment: e.Segment, Week: e.Week}
	for _, f := range e.Fields() {
		if keep(f) {
			kept.copyField(e, f)
		} else {
			rest.copyField(e, f)
		}
	}
	return kept, rest
}

// copyField sets f in e to its value in src, which names it.
func (e *Entry) copyField(src Entry, f Field) {
	switch f.Kind {
	case FieldCount:
		e.Counts = setCount(e.Counts, f.Stage, src.Counts[f.Stage])
	case FieldSpend:
		v := *src.Spend
		e.Spend = &v
	case FieldRevenue:
		v := *src.Revenue
		e.Revenue = &v
	case FieldMargin:
		v := *src.Margin
		e.Margin = &v
	case FieldNonTarget:
		e.NonTarget = setCount(e.NonTarget, f.Reason, src.NonTarget[f.Reason])
	case FieldDropOff:
		e.DropOffs = setNested(e.DropOffs, f.Stage, f.Reason, src.DropOffs[f.Stage][f.Reason])
	case FieldManager:
		e.Managers = setNested(e.Managers, f.Manager, f.Stage, src.Managers[f.Manager][f.Stage])
	}
}
