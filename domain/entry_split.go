package domain

// Entries are split and joined by field: a file's sheets each hold some
// figures of a segment's week, and a department head's upload holds
// figures of other departments that are left out until a CEO accepts them.

// Join writes o's figures into e, which must be of the same segment and
// week; where both name a figure, o's value wins. o is not modified, nor
// shares its maps with e afterwards. It walks the maps directly: a file of
// a year of weeks joins thousands of figures.
func (e *Entry) Join(o Entry) {
	for k, n := range o.Counts {
		e.Counts = setCount(e.Counts, k, n)
	}
	if o.Spend != nil {
		v := *o.Spend
		e.Spend = &v
	}
	if o.Revenue != nil {
		v := *o.Revenue
		e.Revenue = &v
	}
	if o.Margin != nil {
		v := *o.Margin
		e.Margin = &v
	}
	for k, n := range o.NonTarget {
		e.NonTarget = setCount(e.NonTarget, k, n)
	}
	for st, byReason := range o.DropOffs {
		for r, n := range byReason {
			e.DropOffs = setNested(e.DropOffs, st, r, n)
		}
	}
	for m, byStage := range o.Managers {
		for st, n := range byStage {
			e.Managers = setNested(e.Managers, m, st, n)
		}
	}
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
