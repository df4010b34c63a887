package domain

import "math"

// Money at stake is what a question is worth a week against the
// baseline, so the review starts with the largest loss. Through the
// funnel: the items lost at the stage × the share of such items that
// usually reach payment (the segment's pooled history) × the usual average
// check. Spend is counted as money directly: the spend above what the leads
// would have cost at the usual price, or a non-focus segment's spend above
// its share of the money. Without revenue figures nothing can be
// estimated, and the question says so and is ranked after the others.

// StakeBasis says how the money at stake was estimated.
type StakeBasis string

// The ways money at stake is estimated.
const (
	// StakeFunnel: items lost at Stage × Downstream × AvgCheck.
	StakeFunnel StakeBasis = "funnel"
	// StakeSpend: Spend a week against Usual, what the leads usually cost.
	StakeSpend StakeBasis = "spend"
	// StakeCheck: Paid deals × (Usual − Now) average check.
	StakeCheck StakeBasis = "check"
	// StakeRevenue: revenue a week Now against its Usual level.
	StakeRevenue StakeBasis = "revenue"
	// StakeFocus: a non-focus segment's Spend a week above Usual, its
	// share of the money applied to all the spend.
	StakeFocus StakeBasis = "focus"
)

// Stake is the money a question puts at stake a week, with its inputs.
type Stake struct {
	// PerWeek is in currency units, positive for money lost; None when it
	// cannot be estimated.
	PerWeek Value
	Basis   StakeBasis
	// Funnel basis.
	Items      float64 // items lost a week at Stage
	Stage      Stage
	Downstream Value // the share of items at Stage that usually reach payment
	AvgCheck   Value
	// Spend, check, revenue and focus bases.
	Now, Usual float64
	Spend      float64
	Paid       float64
}

// downstream is the share of items at the stage that usually reach the
// paid stage, pooled over the segment's history.
func (h *history) downstream(stageKey string) Value {
	paid, ok := h.long.RoleFigure(RolePaid)
	if !ok {
		return None
	}
	if paid.Stage.Key == stageKey {
		return Some(1)
	}
	f, _ := h.long.Figure(stageKey)
	if !f.Reported {
		return None
	}
	return ratio(float64(paid.Count), float64(f.Count))
}

// usualCheck is the segment's average check over its history.
func (h *history) usualCheck() Value {
	if h.long.Revenue <= 0 {
		return None
	}
	return h.long.AvgCheck
}

// funnelStake estimates items lost a week at a stage through the funnel.
func (h *history) funnelStake(st Stage, itemsPerWeek float64) Stake {
	s := Stake{Basis: StakeFunnel, Items: math.Max(itemsPerWeek, 0), Stage: st,
		Downstream: h.downstream(st.Key), AvgCheck: h.usualCheck()}
	if s.Downstream.OK && s.AvgCheck.OK {
		s.PerWeek = Some(s.Items * s.Downstream.V * s.AvgCheck.V)
	}
	return s
}

// weeks is the number of weeks the period under review had records.
func (h *history) weeks() float64 { return math.Max(1, float64(h.cur.Weeks)) }

// stakeOf estimates the money at stake of a signal.
func stakeOf(s *signal) Stake {
	h := s.h
	switch s.kind {
	case signalConversion:
		return h.funnelStake(s.stage, float64(s.ev.NowN)*(s.base.V-s.now.V)/h.weeks())
	case signalTrend:
		return h.funnelStake(s.stage, float64(s.ev.NowN)/TrendRecentWeeks*(s.base.V-s.now.V))
	case signalManager:
		weeks := float64(max(1, managerWindow(h.p).Len()))
		return h.funnelStake(s.stage, float64(s.ev.NowN)/weeks*(s.base.V-s.now.V))
	case signalSpend:
		usual := s.leads * s.base.V // what these leads cost at the usual price
		return Stake{Basis: StakeSpend, PerWeek: Some(s.spend - usual), Spend: s.spend, Usual: usual}
	case signalVolume:
		// Leads fell on the same spend: the leads it usually buys.
		return h.funnelStake(s.stage, s.spend/s.base.V-s.leads)
	case signalCheck:
		paid, _ := h.cur.RoleFigure(RolePaid)
		perWeek := float64(paid.Count) / h.weeks()
		return Stake{Basis: StakeCheck, PerWeek: Some(perWeek * (s.base.V - s.now.V)), Paid: perWeek,
			Now: s.now.V, Usual: s.base.V}
	case signalCollapse:
		c := s.collapse
		now, usual := c.Revenue/h.weeks(), c.RevenueUsual/h.weeks()
		if usual <= 0 {
			return Stake{Basis: StakeRevenue}
		}
		return Stake{Basis: StakeRevenue, PerWeek: Some(usual - now), Now: now, Usual: usual}
	}
	return Stake{}
}

// focusStake is a non-focus segment's spend a week above its share of the
// money applied to the spend of all segments.
func focusStake(row FocusRow, own, all FunnelReport) Stake {
	money := row.GrossProfitShare
	if !money.OK {
		money = row.RevenueShare
	}
	weeks := math.Max(1, float64(all.Weeks))
	spend := own.Spend.Units() / weeks
	if !money.OK || all.Spend <= 0 {
		return Stake{Basis: StakeFocus}
	}
	fair := money.V * all.Spend.Units() / weeks
	return Stake{Basis: StakeFocus, PerWeek: Some(math.Max(0, spend-fair)), Spend: spend, Usual: fair}
}

// StakeTotal sums the money at stake of the questions that have an
// estimate; n counts them and unknown the questions without one.
func StakeTotal(qs []Question) (total float64, n, unknown int) {
	for _, q := range qs {
		if q.Stake.PerWeek.OK {
			total += q.Stake.PerWeek.V
			n++
		} else {
			unknown++
		}
	}
	return total, n, unknown
}
