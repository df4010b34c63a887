package domain

import (
	"maps"
	"slices"
)

// A manager's weekly counts are small, so a week's review judges the
// managers over the last ManagerWeeks weeks (a month's or a quarter's over
// the period). At each stage a manager reported together with the stage
// before it, the manager's conversion is tested against the pooled
// conversion of the other managers who reported both — an exact binomial
// test against ManagerMargin below the peers' rate, since managers differ
// naturally and only a manager clearly below the team is news; the manager's
// strongest stage is the signal, its p-value multiplied by the stages
// tried. It is material when the manager had at least MinManagerItems
// items, converts at most MaxManagerShare of the peers' rate, and at least
// MinManagerGap below it. Managers differ naturally; only a manager far
// below the team is a question.
const (
	ManagerWeeks    = 4
	MinManagerItems = 10
	MaxManagerShare = 0.7
	MinManagerGap   = 0.10
	ManagerMargin   = 0.10
	minPeers        = 2
)

// managerWindow is the period a review judges the managers over.
func managerWindow(p Period) Period {
	if p.Kind == PeriodWeek {
		return LastWeeks(p.To, ManagerWeeks)
	}
	return p
}

// managerSignals tests each manager of the segment against the peers.
func managerSignals(ws *Workspace, h *history) []*signal {
	counts := managerCounts(h.recs, managerWindow(h.p))
	if len(counts) <= minPeers {
		return nil
	}
	stages := liveStages(ws)
	var out []*signal
	for _, m := range slices.Sorted(maps.Keys(counts)) {
		if s := managerSignal(h, m, counts, stages); s != nil {
			out = append(out, s)
		}
	}
	return out
}

func managerSignal(h *history, m string, counts map[string]map[string]int64, stages []Stage) *signal {
	var best *signal
	tried := 0
	var prev *Stage
	for i := range stages {
		st := stages[i]
		k, ok := counts[m][st.Key]
		if !ok {
			continue
		}
		if prev != nil {
			n := counts[m][prev.Key]
			var pk, pn int64
			peers := 0
			for o, oc := range counts {
				ok, okPrev := oc[st.Key], oc[prev.Key]
				_, has := oc[st.Key]
				_, hasPrev := oc[prev.Key]
				if o == m || !has || !hasPrev || okPrev == 0 {
					continue
				}
				pk, pn = pk+ok, pn+okPrev
				peers++
			}
			if n >= MinManagerItems && peers >= minPeers {
				tried++
				ev := rateEvidence(TestManager, ConvMetric(st.Key), k, n, pk, pn, 1, peers)
				ev.P = binomialLowerMidP(k, n, (1-ManagerMargin)*ev.Base.V)
				if best == nil || ev.P < best.ev.P {
					best = &signal{kind: signalManager, h: h, stage: st, from: *prev, manager: m, now: ev.Now, base: ev.Base, ev: ev}
					best.material = ev.Now.V <= MaxManagerShare*ev.Base.V &&
						ev.Base.V-ev.Now.V >= MinManagerGap-1e-12
				}
			}
		}
		prev = &stages[i]
	}
	if best != nil {
		best.ev.P = min(1, best.ev.P*float64(tried))
	}
	return best
}

// managerCounts sums each manager's counts per stage over the window.
func managerCounts(recs []WeeklyRecord, window Period) map[string]map[string]int64 {
	counts := map[string]map[string]int64{}
	for _, r := range recs {
		if !window.Contains(r.Week) {
			continue
		}
		for m, stages := range r.Managers {
			if counts[m] == nil {
				counts[m] = map[string]int64{}
			}
			for k, n := range stages {
				counts[m][k] += n
			}
		}
	}
	return counts
}

func liveStages(ws *Workspace) []Stage {
	var stages []Stage
	for _, st := range ws.Stages {
		if !st.Archived {
			stages = append(stages, st)
		}
	}
	return stages
}

// ManagerRow is one manager's stage conversions against the team's, for
// /managers: the data behind its table and picture.
type ManagerRow struct {
	Manager string
	Stages  []ManagerStage
}

// ManagerStage is one conversion of a manager: K of N items moved from
// From to Stage, against the team's (all managers together) TeamK of TeamN.
type ManagerStage struct {
	Stage, From  Stage
	K, N         int64
	Rate         Value
	TeamK, TeamN int64
	Team         Value
	// Asked marks a conversion the period's review asks the sales head
	// about: the manager is far below the team beyond the noise (set by
	// Managers).
	Asked bool
}

// ManagerConversions returns each manager's conversions in a segment over
// period p (a week's over the last ManagerWeeks weeks, as the questions
// judge them), managers by name, stages in funnel order; a manager's
// stage converts from the previous stage that manager reported.
func ManagerConversions(ws *Workspace, segment string, p Period, recs []WeeklyRecord) []ManagerRow {
	var own []WeeklyRecord
	for _, r := range recs {
		if r.Segment == segment {
			own = append(own, r)
		}
	}
	counts := managerCounts(own, managerWindow(p))
	stages := liveStages(ws)
	var rows []ManagerRow
	for _, m := range slices.Sorted(maps.Keys(counts)) {
		row := ManagerRow{Manager: m}
		var prev *Stage
		for i := range stages {
			k, ok := counts[m][stages[i].Key]
			if !ok {
				continue
			}
			if prev != nil {
				ms := ManagerStage{Stage: stages[i], From: *prev, K: k, N: counts[m][prev.Key]}
				for _, oc := range counts {
					if _, ok := oc[stages[i].Key]; ok {
						ms.TeamK, ms.TeamN = ms.TeamK+oc[stages[i].Key], ms.TeamN+oc[prev.Key]
					}
				}
				ms.Rate, ms.Team = ratio(float64(ms.K), float64(ms.N)), ratio(float64(ms.TeamK), float64(ms.TeamN))
				row.Stages = append(row.Stages, ms)
			}
			prev = &stages[i]
		}
		rows = append(rows, row)
	}
	return rows
}
