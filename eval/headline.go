package eval

import "trackbot/domain"

// headlineMoves counts the focus segments of a dataset whose review
// headline would list a significant move in week w: the week against the
// one before and against the 4-week baseline, judged by domain.Compare
// against the earlier weeks, as the review's headline judges them. On a
// healthy dataset every such move is a false alarm.
func headlineMoves(d *dataset, w domain.Week) (segments, noisy int) {
	p := domain.WeekPeriod(w)
	for _, s := range d.ws.Segments {
		if !s.Focus {
			continue
		}
		cur := domain.BuildReport(d.ws, s.Key, p, d.recs)
		if cur.Weeks == 0 {
			continue
		}
		segments++
		earlier := domain.EarlierReports(d.ws, s.Key, p, d.recs)
		prev := domain.BuildReport(d.ws, s.Key, p.Previous(), d.recs)
		base := domain.Baseline(d.ws, s.Key, w, d.recs)
		if significant(domain.Compare(cur, prev, earlier)) || significant(domain.Compare(cur, base, earlier)) {
			noisy++
		}
	}
	return segments, noisy
}

func significant(changes []domain.Change) bool {
	for _, c := range changes {
		if c.Significant {
			return true
		}
	}
	return false
}
