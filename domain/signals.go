package domain

// This file holds the tests that look for moves for the worse in one
// segment: each returns a signal with its p-value and whether the move is
// material. TrackerQuestions then controls false discoveries across all
// signals of a pack and turns what remains into questions (rootcause.go).

// signalKind is what a signal is about.
type signalKind int

const (
	signalConversion signalKind = iota // a stage conversion fell
	signalReason                       // a reason's share of the losses rose
	signalSpend                        // spend rose with flat results
	signalVolume                       // leads fell on the same spend
	signalCheck                        // the average check fell
	signalTrend                        // a conversion drifted down for weeks
	signalManager                      // a manager converts below the team
	signalCollapse                     // paid deals or revenue far below their range
)

// signal is one test's result for one segment.
type signal struct {
	kind  signalKind
	h     *history
	stage Stage // conversions, reasons, trends, managers: the stage converted into
	from  Stage
	// reason is the reason whose share rose; nonTarget says it is a lead
	// qualification reason.
	reason    *ReasonShare
	reasonWas Value
	nonTarget bool
	manager   string
	now, base Value
	// spend and leads a week, now and usually, for the cost of a lead.
	spend, usualSpend, leads, usualLeads float64
	trend                                *Trend
	collapse                             *Collapse
	ev                                   Evidence
	material                             bool
	// guard signals are rules outside the false-discovery control: they
	// raise a question on their own.
	guard bool
	// found is set when the signal survives the pack's control (or is a
	// guard that fired).
	found bool
}

// history is one segment's numbers as the tests see them: the period under
// review, the same-length periods before it, and pooled baselines.
type history struct {
	seg  Segment
	p    Period
	recs []WeeklyRecord // the segment's records only
	cur  FunnelReport
	// slots are the earlier periods of the same kind, the most recent
	// first, leaving out those with no records.
	slots []FunnelReport
	// base pools the first baseline slots: the baseline of rates.
	base      FunnelReport
	baseSlots int
	// long pools every slot: the downstream conversions and the average
	// check that money at stake is estimated with.
	long FunnelReport
}

// Slots of history per period kind: rates are compared with the pooled
// first baselineSlots, amounts with the spread of all historySlots.
func historySlots(k PeriodKind) (history, baseline int) {
	switch k {
	case PeriodMonth:
		return 6, 3
	case PeriodQuarter:
		return 4, 2
	}
	return 12, 8
}

// newHistory collects the segment's history for period p.
func newHistory(ws *Workspace, s Segment, p Period, recs []WeeklyRecord) *history {
	h := &history{seg: s, p: p}
	for _, r := range recs {
		if r.Segment == s.Key {
			h.recs = append(h.recs, r)
		}
	}
	h.cur = BuildReport(ws, s.Key, p, h.recs)
	h.slots = EarlierReports(ws, s.Key, p, h.recs)
	if len(h.slots) > 0 {
		_, nb := historySlots(p.Kind)
		h.baseSlots = min(len(h.slots), nb)
		baseFrom, longFrom := h.slots[h.baseSlots-1].Period.From, h.slots[len(h.slots)-1].Period.From
		h.base = BuildReport(ws, s.Key, Period{Kind: PeriodRange, From: baseFrom, To: p.From.Add(-1)}, h.recs)
		h.long = BuildReport(ws, s.Key, Period{Kind: PeriodRange, From: longFrom, To: p.From.Add(-1)}, h.recs)
	}
	return h
}

// HistoryFrom returns the first week EarlierReports of p may read, so a
// caller fetches the records it needs and no more.
func HistoryFrom(p Period) Week {
	n, _ := historySlots(p.Kind)
	for range n {
		p = p.Previous()
	}
	return p.From
}

// EarlierReports returns the reports of the periods of p's kind before p,
// the most recent first, as far back as the tracker questions look
// (historySlots: 12 weeks, 6 months or 4 quarters) and not before the
// first record; periods without a record are left out. They are the
// history a move is judged against: the questions' baselines and the
// noise Compare reads for each metric.
func EarlierReports(ws *Workspace, segment string, p Period, recs []WeeklyRecord) []FunnelReport {
	n, _ := historySlots(p.Kind)
	earliest := p.From
	for _, r := range recs {
		if (segment == "" || r.Segment == segment) && r.Week.Before(earliest) {
			earliest = r.Week
		}
	}
	var out []FunnelReport
	q := p
	for range n {
		q = q.Previous()
		if q.To.Before(earliest) {
			break
		}
		if r := BuildReport(ws, segment, q, recs); r.Weeks > 0 {
			out = append(out, r)
		}
	}
	return out
}

// rateCounts returns the counts behind the conversion into stageKey in a
// report when it converts from the stage with fromKey: k of n.
func rateCounts(r FunnelReport, stageKey, fromKey string) (k, n int64, ok bool) {
	f, _ := r.Figure(stageKey)
	from, fromOK := r.PreviousReported(stageKey)
	if !f.Reported || !fromOK || from.Stage.Key != fromKey {
		return 0, 0, false
	}
	return f.Count, from.Count, true
}

// slotRates returns the counts behind the conversion into stageKey from
// fromKey in each of the first n slots.
func (h *history) slotRates(stageKey, fromKey string, n int) (ks, ns []int64) {
	for _, r := range h.slots[:min(n, len(h.slots))] {
		if k, m, ok := rateCounts(r, stageKey, fromKey); ok {
			ks, ns = append(ks, k), append(ns, m)
		}
	}
	return ks, ns
}

// minBaselineSlots is how many earlier periods a rate needs before its
// moves are judged: fewer say nothing about its noise. minRateItems is
// how many items a rate needs in the period under review to be tested at
// all: with fewer, no fall short of a collapse can be told from noise,
// and a collapse of the money has its own rule (collapse.go), so such a
// test would only dilute the others' evidence. Filtering on the volume,
// never on the move, keeps the false-discovery control valid.
// minReasonItems is the same for the losses a reason's share is taken of:
// a reason that takes over most of a dozen losses is already news.
const (
	minBaselineSlots = 3
	minRateItems     = 20
	minReasonItems   = 10
)

// materialFall reports whether a rate's fall from base to now matters:
// at least MinPointFall and MinRelativeFall of where it was.
func materialFall(now, base float64) bool {
	return base-now >= MinPointFall-1e-12 && base > 0 && (base-now)/base >= MinRelativeFall-1e-12
}

// conversionSignals tests every stage conversion of the period against
// the baseline.
func conversionSignals(h *history) []*signal {
	if h.baseSlots < minBaselineSlots {
		return nil
	}
	var out []*signal
	for _, f := range h.cur.Stages {
		from, ok := h.cur.PreviousReported(f.Stage.Key)
		if !f.Reported || !ok {
			continue
		}
		k, n, _ := rateCounts(h.cur, f.Stage.Key, from.Stage.Key)
		bk, bn, phi := usualRate(h.slotRates(f.Stage.Key, from.Stage.Key, h.baseSlots))
		if n < minRateItems || bn == 0 {
			continue
		}
		now, base := float64(k)/float64(n), float64(bk)/float64(bn)
		s := &signal{kind: signalConversion, h: h, stage: f.Stage, from: from.Stage, now: Some(now), base: Some(base)}
		s.ev = rateEvidence(TestProportion, ConvMetric(f.Stage.Key), k, n, bk, bn, phi, h.baseSlots)
		s.material = materialFall(now, base)
		out = append(out, s)
	}
	return out
}

// rateEvidence tests k of n against bk of bn and describes the test.
func rateEvidence(t EvidenceTest, m Metric, k, n, bk, bn int64, phi float64, slots int) Evidence {
	lo, hi := wilson(k, n)
	return Evidence{
		Test: t, Metric: m,
		Now: ratio(float64(k), float64(n)), Base: ratio(float64(bk), float64(bn)),
		NowK: k, NowN: n, BaseK: bk, BaseN: bn, Low: lo, High: hi,
		Slots: slots, Phi: phi, P: proportionLowerP(k, n, bk, bn, phi),
	}
}

// reasonSignals tests, at every stage with losses and for the non-target
// leads, whether a reason's share of the losses rose against the
// baseline. One signal per stage: the reason with the strongest evidence,
// its p-value multiplied by the number of reasons tried (Bonferroni).
func reasonSignals(ws *Workspace, h *history) []*signal {
	if h.baseSlots < minBaselineSlots {
		return nil
	}
	var out []*signal
	for _, d := range h.cur.DropOffs {
		if s := h.reasonSignal(d.Stage, d.Reasons, d.Total, false); s != nil {
			out = append(out, s)
		}
	}
	if q, ok := h.cur.RoleFigure(RoleQualified); ok && h.cur.NonTargetLeads > 0 {
		if s := h.reasonSignal(q.Stage, h.cur.NonTarget, h.cur.NonTargetLeads, true); s != nil {
			out = append(out, s)
		}
	}
	return out
}

// lossSplit returns a report's reasons and total of the losses at a stage
// (the non-target leads when nonTarget).
func lossSplit(r FunnelReport, stageKey string, nonTarget bool) ([]ReasonShare, int64) {
	if nonTarget {
		return r.NonTarget, r.NonTargetLeads
	}
	for _, d := range r.DropOffs {
		if d.Stage.Key == stageKey {
			return d.Reasons, d.Total
		}
	}
	return nil, 0
}

func reasonCount(reasons []ReasonShare, key string) int64 {
	for _, r := range reasons {
		if r.Reason.Key == key {
			return r.Count
		}
	}
	return 0
}

func (h *history) reasonSignal(st Stage, reasons []ReasonShare, total int64, nonTarget bool) *signal {
	if total < minReasonItems || len(reasons) == 0 {
		return nil
	}
	var best *signal
	for _, r := range reasons {
		// The share of the other reasons fell exactly when this one's rose.
		var ks, ns []int64
		for _, slot := range h.slots[:h.baseSlots] {
			rs, t := lossSplit(slot, st.Key, nonTarget)
			if t > 0 {
				ks, ns = append(ks, t-reasonCount(rs, r.Reason.Key)), append(ns, t)
			}
		}
		others, baseTotal, phi := usualRate(ks, ns)
		if baseTotal == 0 {
			continue
		}
		c, bc := r.Count, baseTotal-others
		ev := rateEvidence(TestShare, ConvMetric(st.Key), total-c, total, others, baseTotal, phi, h.baseSlots)
		ev.NowK, ev.BaseK = c, bc
		ev.Now, ev.Base = ratio(float64(c), float64(total)), ratio(float64(bc), float64(baseTotal))
		ev.Low, ev.High = wilson(c, total)
		if best != nil && ev.P >= best.ev.P {
			continue
		}
		top := r
		best = &signal{kind: signalReason, h: h, stage: st, reason: &top, reasonWas: ev.Base, nonTarget: nonTarget, ev: ev,
			material: ev.Now.V-ev.Base.V >= MinReasonJump-1e-12}
		if from, ok := h.cur.PreviousReported(st.Key); ok {
			best.from = from.Stage
		}
	}
	if best != nil {
		best.ev.P = min(1, best.ev.P*float64(len(reasons)))
	}
	return best
}

// usualShare is a reason's share of the losses at a stage in the
// baseline, leaving out the periods that were incidents (see usualRate).
func (h *history) usualShare(stageKey string, nonTarget bool, reasonKey string) Value {
	var ks, ns []int64
	for _, slot := range h.slots[:h.baseSlots] {
		rs, t := lossSplit(slot, stageKey, nonTarget)
		if t > 0 {
			ks, ns = append(ks, t-reasonCount(rs, reasonKey)), append(ns, t)
		}
	}
	others, total, _ := usualRate(ks, ns)
	return ratio(float64(total-others), float64(total))
}
