package domain

import (
	"math"
	"slices"
)

// One question per root cause, to the head who owns the cause. The signals
// a segment's numbers raise are often one fact seen from several sides: a
// conversion that fell, the reason whose share rose with it, a drift that
// led up to it, the CAC and ROMI it moved, the revenue it cost. So:
//
//   - a conversion that fell is the cause; its reason (the one whose losses
//     grew most beyond the usual), its drift and the money collapse it
//     explains are told inside its question, to the owner of the stage the
//     items failed to reach;
//   - a drift with no fall this period, or a reason's jump at a stage whose
//     conversion held, is a question of its own to the stage's owner;
//   - a dearer lead is marketing's: spend up with flat results, or leads
//     down on the same spend (unless a fall of a conversion into the leads
//     explains them);
//   - an average check that fell while the deals held is sales';
//   - a collapse of the money no stage explains is asked of the owner of
//     the paid stage, with the caveat of small numbers;
//   - a weak manager is asked of the owner of the stage, naming the
//     manager; a fall or drift of that stage the manager explains (half of
//     its lost items or more) is told inside the manager's question;
//   - compound metrics (CPL, cost per qualified lead, CAC, ROMI) are never
//     questions of their own: each is told inside the question of the
//     largest cause that can move it, when it moved for the worse by at
//     least MinCompoundMove.
const MinCompoundMove = 0.15

// segmentQuestions turns one segment's found signals into questions.
func segmentQuestions(ws *Workspace, h *history, sigs []*signal) []*Question {
	conv, trend, reason := map[string]*signal{}, map[string]*signal{}, map[string]*signal{}
	var cost, check, collapse *signal
	var managers []*signal
	for _, s := range sigs {
		if !s.found {
			continue
		}
		switch s.kind {
		case signalConversion:
			conv[s.stage.Key] = s
		case signalTrend:
			trend[s.stage.Key] = s
		case signalReason:
			if r, ok := reason[s.stage.Key]; !ok || s.ev.P < r.ev.P {
				reason[s.stage.Key] = s
			}
		case signalSpend, signalVolume:
			cost = s
		case signalCheck:
			check = s
		case signalCollapse:
			collapse = s
		case signalManager:
			managers = append(managers, s)
		}
	}
	var qs []*Question
	var funnel []*Question // questions about a stage, in funnel order
	leadsAt, qualifiedAt := reportRoleIndex(h.cur, RoleLeads), reportRoleIndex(h.cur, RoleQualified)
	coveredLeads := false
	for i, f := range h.cur.Stages {
		key := f.Stage.Key
		var q *Question
		switch {
		case conv[key] != nil:
			q = newQuestion(ws, QuestionChange, conv[key])
			if t := trend[key]; t != nil {
				q.Trend = t.trend
				q.Evidence = append(q.Evidence, t.ev)
			}
		case trend[key] != nil:
			q = newQuestion(ws, QuestionTrend, trend[key])
			q.Trend = trend[key].trend
		case reason[key] != nil:
			q = newQuestion(ws, QuestionReason, reason[key])
			h.reasonConversion(q)
		}
		if q == nil {
			continue
		}
		if q.Kind != QuestionReason {
			h.explainReason(q, reason[key])
		}
		q.stageIndex = i
		coveredLeads = coveredLeads || i <= leadsAt && q.Kind != QuestionReason
		qs = append(qs, q)
		funnel = append(funnel, q)
	}
	// Leads that fell are explained by a fall of a conversion into them;
	// spend that rose is a cause of its own.
	if cost != nil && (cost.kind == signalSpend || !coveredLeads) {
		qs = append(qs, costQuestion(ws, cost))
	}
	if check != nil {
		qs = append(qs, checkQuestion(ws, h, check))
	}
	if collapse != nil {
		if q := h.explainCollapse(funnel, qs, collapse.collapse); q != nil {
			q.Collapse = collapse.collapse
			q.Evidence = append(q.Evidence, collapse.ev)
		} else {
			q := newQuestion(ws, QuestionMoney, collapse)
			q.Collapse = collapse.collapse
			q.Change = Change{Metric: MetricRevenue, Now: Some(collapse.collapse.Revenue), Before: Some(collapse.collapse.RevenueUsual),
				Delta: RelativeChange(Some(collapse.collapse.Revenue), Some(collapse.collapse.RevenueUsual)), Significant: true, Worse: true}
			qs = append(qs, q)
		}
	}
	for _, m := range managers {
		q := newQuestion(ws, QuestionManager, m)
		q.Manager = m.manager
		qs = absorbStage(qs, q)
		qs = append(qs, q)
	}
	h.attachCompound(qs, leadsAt, qualifiedAt)
	return qs
}

// absorbStage folds a question about the manager's stage into the
// manager's question when the manager loses at least half of the items
// the stage lost: then the manager is the cause, and the stage's fall or
// drift is told as its effect. It returns the other questions.
func absorbStage(qs []*Question, m *Question) []*Question {
	out := qs[:0]
	for _, q := range qs {
		same := (q.Kind == QuestionChange || q.Kind == QuestionTrend) && q.Change.Stage.Key == m.Change.Stage.Key
		if same && q.Stake.Items > 0 && m.Stake.Items >= 0.5*q.Stake.Items {
			m.Trend = q.Trend
			m.Collapse = q.Collapse
			m.Compound = append(m.Compound, q.Compound...)
			m.Evidence = append(m.Evidence, q.Evidence...)
			if q.Stake.PerWeek.OK && q.Stake.PerWeek.V > m.Stake.PerWeek.V {
				m.Stake = q.Stake
			}
			continue
		}
		out = append(out, q)
	}
	return out
}

// reportRoleIndex returns the index of the report's stage with the role, or
// the number of stages when there is none.
func reportRoleIndex(r FunnelReport, role StageRole) int {
	for i, f := range r.Stages {
		if f.Stage.Role == role {
			return i
		}
	}
	return len(r.Stages)
}

// newQuestion starts a question from the signal that raised it.
func newQuestion(ws *Workspace, kind QuestionKind, s *signal) *Question {
	q := &Question{
		Kind: kind, Segment: s.h.seg,
		Change: Change{Metric: ConvMetric(s.stage.Key), Stage: s.stage, From: s.from, Now: s.now, Before: s.base,
			Delta: PointChange(s.now, s.base), IsRate: true, Volume: s.ev.NowN, Significant: true, Worse: true},
		Evidence: []Evidence{s.ev},
		Stake:    stakeOf(s),
		Score:    score(s.ev.P),
		h:        s.h, stageIndex: -1,
	}
	if s.reason != nil {
		top := *s.reason
		q.Reason, q.NonTarget, q.ReasonWas = &top, s.nonTarget, s.reasonWas
	}
	q.Department = s.stage.Department
	if q.Department == "" {
		q.Department = MetricDepartment(ws, q.Change.Metric)
	}
	return q
}

// reasonConversion puts the stage's conversion into a reason question,
// now against its baseline, and estimates the money at stake from its
// fall if it fell at all (cannot be estimated when it held).
func (h *history) reasonConversion(q *Question) {
	q.Stake = Stake{}
	k, n, ok := rateCounts(h.cur, q.Change.Stage.Key, q.Change.From.Key)
	if !ok || n == 0 {
		return
	}
	bk, bn, _ := usualRate(h.slotRates(q.Change.Stage.Key, q.Change.From.Key, h.baseSlots))
	now, base := ratio(float64(k), float64(n)), ratio(float64(bk), float64(bn))
	q.Change.Now, q.Change.Before, q.Change.Delta = now, base, PointChange(now, base)
	if base.OK && now.V < base.V {
		q.Stake = h.funnelStake(q.Change.Stage, float64(n)*(base.V-now.V)/h.weeks())
	}
}

// explainReason names the reason behind a fall at the question's stage:
// the one whose losses grew most beyond what the stage's intake usually
// loses to it (or the reason a found reason signal named), with its move
// when its share rose by MinReasonJump, or as the main reason when it
// holds MinDominantShare of the losses.
func (h *history) explainReason(q *Question, found *signal) {
	key := q.Change.Stage.Key
	nonTarget := q.Change.Stage.Role == RoleQualified && h.cur.NonTargetLeads > 0
	reasons, total := lossSplit(h.cur, key, nonTarget)
	baseReasons, _ := lossSplit(h.base, key, nonTarget)
	if total == 0 {
		return
	}
	_, intake, _ := rateCounts(h.cur, key, q.Change.From.Key)
	_, baseIntake, _ := rateCounts(h.base, key, q.Change.From.Key)
	var pick *ReasonShare
	bestExcess := math.Inf(-1)
	for i, r := range reasons {
		if found != nil && found.nonTarget == nonTarget {
			if r.Reason.Key == found.reason.Reason.Key {
				pick = &reasons[i]
				break
			}
			continue
		}
		expected := 0.0
		if baseIntake > 0 {
			expected = float64(intake) * float64(reasonCount(baseReasons, r.Reason.Key)) / float64(baseIntake)
		}
		if excess := float64(r.Count) - expected; excess > bestExcess {
			bestExcess, pick = excess, &reasons[i]
		}
	}
	if pick == nil || !pick.Share.OK {
		return
	}
	was := h.usualShare(key, nonTarget, pick.Reason.Key)
	rose := was.OK && pick.Share.V-was.V >= MinReasonJump-1e-12
	if !rose && pick.Share.V < MinDominantShare-1e-12 {
		return
	}
	top := *pick
	q.Reason, q.NonTarget = &top, nonTarget
	if rose {
		q.ReasonWas = was
	}
	if found != nil {
		q.Evidence = append(q.Evidence, found.ev)
	}
}

// costQuestion asks marketing about a dearer lead: spend up with flat
// results, or leads down on the same spend.
func costQuestion(ws *Workspace, s *signal) *Question {
	q := newQuestion(ws, QuestionSpend, s)
	q.Department = MetricDepartment(ws, MetricCPL)
	q.Leads, q.UsualLeads = s.leads, s.usualLeads
	q.Change = Change{Metric: MetricSpend, Now: Some(s.spend), Before: Some(s.usualSpend),
		Delta: RelativeChange(Some(s.spend), Some(s.usualSpend)), Significant: true, Worse: true}
	if s.kind == signalVolume {
		q.Kind = QuestionVolume
	}
	q.Compound = append(q.Compound, Change{Metric: MetricCPL, Now: s.now, Before: s.base,
		Delta: RelativeChange(s.now, s.base), Significant: true, Worse: true})
	return q
}

// checkQuestion asks sales about an average check that fell.
func checkQuestion(ws *Workspace, h *history, s *signal) *Question {
	q := newQuestion(ws, QuestionCheck, s)
	q.Department = MetricDepartment(ws, MetricAvgCheck)
	q.Change = Change{Metric: MetricAvgCheck, Now: s.now, Before: s.base, Delta: RelativeChange(s.now, s.base),
		Significant: true, Worse: true}
	paid, _ := h.cur.RoleFigure(RolePaid)
	q.Leads = float64(paid.Count)
	return q
}

// explainCollapse returns the question whose cause explains at least half
// of the paid deals lost (through the funnel), or the check question for a
// fall of revenue with the deals held; nil when none does.
func (h *history) explainCollapse(funnel, all []*Question, c *Collapse) *Question {
	if !c.PaidFell {
		for _, q := range all {
			if q.Kind == QuestionCheck {
				return q
			}
		}
	}
	lost := c.PaidUsual - float64(c.Paid)
	var best *Question
	bestPaid := 0.0
	for _, q := range funnel {
		if !q.Stake.Downstream.OK {
			continue
		}
		if paid := q.Stake.Items * h.weeks() * q.Stake.Downstream.V; paid > bestPaid {
			best, bestPaid = q, paid
		}
	}
	if best == nil || bestPaid < 0.5*lost {
		return nil
	}
	return best
}

// attachCompound tells each compound metric that moved for the worse
// inside the largest question able to move it.
func (h *history) attachCompound(qs []*Question, leadsAt, qualifiedAt int) {
	if len(qs) == 0 {
		return
	}
	for _, m := range []Metric{MetricCPL, MetricCostPerQualified, MetricCAC, MetricROMI} {
		now, base := h.cur.MetricValue(m), h.base.MetricValue(m)
		if !now.OK || !base.OK || base.V == 0 {
			continue
		}
		c := Change{Metric: m, Now: now, Before: base, Significant: true, Worse: true}
		if m == MetricROMI {
			c.IsRate, c.Delta = true, PointChange(now, base)
			if base.V-now.V < MinCompoundMove*math.Abs(base.V) {
				continue
			}
		} else if c.Delta = RelativeChange(now, base); c.Delta.V < MinCompoundMove {
			continue
		}
		told := slices.ContainsFunc(qs, func(q *Question) bool {
			return slices.ContainsFunc(q.Compound, func(x Change) bool { return x.Metric == m })
		})
		var best *Question
		for _, q := range qs {
			if told || !movesCompound(q, m, leadsAt, qualifiedAt) {
				continue
			}
			if best == nil || q.Stake.PerWeek.V > best.Stake.PerWeek.V {
				best = q
			}
		}
		if best != nil {
			best.Compound = append(best.Compound, c)
		}
	}
}

// movesCompound reports whether the question's cause can move metric m:
// the cost of a lead moves with spend and the stages up to the leads; the
// cost of a qualified lead also with the qualification; CAC with any
// stage; ROMI also with the check.
func movesCompound(q *Question, m Metric, leadsAt, qualifiedAt int) bool {
	switch q.Kind {
	case QuestionSpend, QuestionVolume:
		return true
	case QuestionChange, QuestionTrend:
		switch m {
		case MetricCPL:
			return q.stageIndex <= leadsAt
		case MetricCostPerQualified:
			return q.stageIndex <= qualifiedAt
		}
		return true
	case QuestionMoney:
		return m == MetricCAC || m == MetricROMI
	case QuestionCheck:
		return m == MetricROMI
	}
	return false
}
