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
	window := managerWindow(h.p)
	counts := map[string]map[string]int64{}
	for _, r := range h.recs {
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
	if len(counts) <= minPeers {
		return nil
	}
	var stages []Stage
	for _, st := range ws.Stages {
		if !st.Archived {
			stages = append(stages, st)
		}
	}
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
