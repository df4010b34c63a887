package domain

import (
	"cmp"
	"math"
	"slices"
)

// A tracker does not explain the numbers: it asks the head who owns a
// cause what happened there. A question is raised only by a move beyond
// the metric's own noise:
//
//   - tests per analysed segment (signals.go, trend.go, managers.go): each
//     stage conversion against its baseline, each stage's reasons, the cost
//     of a lead and the average check against their own recent range, each
//     conversion's drift over weeks, each manager against the team;
//   - across all of them in one pack, false discoveries are controlled at
//     FalseDiscoveryRate (Benjamini–Hochberg), and a discovery must also be
//     material (a minimum effect per test);
//   - two rules stand outside that control because they must never stay
//     silent: a collapse of a focus segment's money (collapse.go) and a
//     misfocus of a non-focus segment (misfocus.go);
//   - what remains is grouped into one question per root cause, addressed
//     to the head who owns it (rootcause.go), with the money at stake
//     (stake.go); questions are ranked by it, the ones that cannot be
//     estimated after, at most MaxQuestions.

// QuestionKind is the cause a question is about.
type QuestionKind string

// The kinds of tracker questions.
const (
	QuestionChange  QuestionKind = "change"  // a stage conversion fell
	QuestionTrend   QuestionKind = "trend"   // a conversion drifted down for weeks
	QuestionReason  QuestionKind = "reason"  // a reason's share jumped while the conversion held
	QuestionSpend   QuestionKind = "spend"   // spend up with flat results
	QuestionVolume  QuestionKind = "volume"  // leads down on the same spend
	QuestionCheck   QuestionKind = "check"   // the average check fell with the deals held
	QuestionMoney   QuestionKind = "money"   // paid deals or revenue collapsed and no stage explains it
	QuestionManager QuestionKind = "manager" // one manager converts far below the team
	QuestionFocus   QuestionKind = "focus"   // a non-focus segment draws the effort
)

// Tuning of the questions.
const (
	// MaxQuestions keeps the list to what a review can discuss.
	MaxQuestions = 5
	// FalseDiscoveryRate is the expected share of false alarms among the
	// moves a pack asks about (Benjamini–Hochberg's q).
	FalseDiscoveryRate = 0.10
	// MinRelativeFall and MinPointFall make a conversion's fall material:
	// 15% of where it was and at least a tenth of a percentage point (a
	// click-through rate of 3% lives in tenths).
	MinRelativeFall = 0.15
	MinPointFall    = 0.001
	// MinReasonJump is how much (15 pp) a reason's share of the losses must
	// grow to be told as a move.
	MinReasonJump = 0.15
	// MinDominantShare is the share (30%) from which a reason is named as
	// the main one behind a fall even when it did not grow.
	MinDominantShare = 0.30
	// MinAmountMove makes a move of the cost of a lead or the average check
	// material: 25%.
	MinAmountMove = 0.25
	// minAmountHistory is how many earlier periods an amount needs to have
	// a usual range.
	minAmountHistory = 6
)

// Question is one question of the tracker to the heads of a department,
// with the numbers behind it. Text renders it; the bot adds the mentions.
type Question struct {
	Kind       QuestionKind
	Department string
	Segment    Segment
	Period     Period
	// Change is the move asked about: for a conversion, trend, reason or
	// manager the stage's conversion (Before is the baseline, the first
	// weeks of the drift or the other managers); the spend, the average
	// check or the revenue otherwise.
	Change Change
	// Reason is the reason behind the move; NonTarget says it is a lead
	// qualification reason rather than a drop-off reason. ReasonWas is its
	// share of the losses in the baseline when it rose.
	Reason    *ReasonShare
	NonTarget bool
	ReasonWas Value
	// Focus is the segment's row of the focus check, for a focus question.
	Focus FocusRow
	// Manager names the manager of a manager question.
	Manager string
	// Trend is the story of a drift, when the metric has been falling for
	// weeks.
	Trend *Trend
	// Collapse is set when the paid deals or the revenue fell far below
	// their range and this cause explains it (or nothing else does).
	Collapse *Collapse
	// Leads and UsualLeads are the leads a week of a spend or volume
	// question; Leads is the paid deals of a check question.
	Leads, UsualLeads float64
	// Compound are the compound metrics (CPL, cost per qualified lead, CAC,
	// ROMI) this cause moved for the worse.
	Compound []Change
	// Stake is the money at stake a week; Evidence the tests behind the
	// question, the main one first.
	Stake    Stake
	Evidence []Evidence
	// Score is the strength of the main test (−log10 p), ordering the
	// questions whose money cannot be estimated.
	Score float64
	// Plan is the missed plan target, for a plan question (plan_question.go).
	Plan *PlanMiss

	h          *history
	stageIndex int
}

// TrackerQuestions returns the questions for a review of period p: about
// the segment, or about every focus segment plus the non-focus segments
// that draw effort when segment is empty. The largest money at stake comes
// first, at most MaxQuestions; none when nothing moved beyond its noise.
func TrackerQuestions(ws *Workspace, segment string, p Period, recs []WeeklyRecord) []Question {
	var hs []*history
	var sigs []*signal
	var qs []*Question
	for _, s := range ws.Segments {
		if s.Archived || segment != "" && s.Key != segment {
			continue
		}
		if s.Focus || segment != "" {
			if h := newHistory(ws, s, p, recs); h.cur.Weeks > 0 {
				hs = append(hs, h)
				sigs = append(sigs, segmentSignals(ws, h)...)
			}
		}
		if !s.Focus {
			if q, ok := focusQuestion(ws, s, p, recs); ok {
				qs = append(qs, q)
			}
		}
	}
	controlFalseDiscoveries(sigs)
	for _, h := range hs {
		var own []*signal
		for _, s := range sigs {
			if s.h == h {
				own = append(own, s)
			}
		}
		qs = append(qs, segmentQuestions(ws, h, own)...)
	}
	out := make([]Question, len(qs))
	for i, q := range qs {
		q.Period = p
		q.h = nil // the history served its purpose; a stored question must not hold it
		out[i] = *q
	}
	rankQuestions(out)
	if len(out) > MaxQuestions {
		out = out[:MaxQuestions]
	}
	return out
}

// segmentSignals runs every test on one analysed segment.
func segmentSignals(ws *Workspace, h *history) []*signal {
	sigs := conversionSignals(h)
	sigs = append(sigs, reasonSignals(ws, h)...)
	sigs = append(sigs, costSignals(h)...)
	for _, s := range []*signal{checkSignal(h), collapseSignal(h)} {
		if s != nil {
			sigs = append(sigs, s)
		}
	}
	sigs = append(sigs, trendSignals(ws, h)...)
	return append(sigs, managerSignals(ws, h)...)
}

// controlFalseDiscoveries marks the signals a pack asks about: the
// Benjamini–Hochberg discoveries among all tests, counting an immaterial
// move as no evidence, and every guard that fired.
func controlFalseDiscoveries(sigs []*signal) {
	var tested []*signal
	var ps []float64
	for _, s := range sigs {
		if s.guard {
			s.found = s.material
			continue
		}
		// An immaterial move cannot be asked about, so it must not lower
		// the bar for the others either.
		p := 1.0
		if s.material {
			p = s.ev.P
		}
		tested = append(tested, s)
		ps = append(ps, p)
	}
	found := benjaminiHochberg(ps, FalseDiscoveryRate)
	for i, s := range tested {
		s.found = found[i] && s.material
		s.ev.Family = len(tested)
	}
}

// rankQuestions puts the largest money at stake first and the questions
// without an estimate after them, strongest evidence first.
func rankQuestions(qs []Question) {
	slices.SortStableFunc(qs, func(a, b Question) int {
		if a.Stake.PerWeek.OK != b.Stake.PerWeek.OK {
			if a.Stake.PerWeek.OK {
				return -1
			}
			return 1
		}
		if a.Stake.PerWeek.OK {
			return cmp.Compare(b.Stake.PerWeek.V, a.Stake.PerWeek.V)
		}
		return cmp.Compare(b.Score, a.Score)
	})
}

// MetricDepartment picks the department that answers for a metric: the
// owner of the stage converted into; for unit economics the owner of the
// stage the metric is about — leads for CPL, qualified leads for their
// cost, paying customers for CAC, the average check and revenue — and the
// owner of the leads stage for ROMI and lead quality, since marketing
// spends the budget.
func MetricDepartment(ws *Workspace, m Metric) string {
	if key, ok := m.ConvStage(); ok {
		for _, st := range ws.Stages {
			if st.Key == key && st.Department != "" {
				return st.Department
			}
		}
	}
	role := RoleLeads
	switch m {
	case MetricCostPerQualified:
		role = RoleQualified
	case MetricCAC, MetricAvgCheck, MetricRevenue:
		role = RolePaid
	}
	for _, st := range ws.Stages {
		if st.Role == role && !st.Archived && st.Department != "" {
			return st.Department
		}
	}
	if active := ws.ActiveDepartments(); len(active) > 0 {
		return active[0].Key
	}
	return ""
}

// score is the strength of a p-value for ranking: −log10 p.
func score(p float64) float64 { return -math.Log10(math.Max(p, 1e-300)) }
