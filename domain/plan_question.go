package domain

import (
	"cmp"
	"math"
	"slices"
)

// A plan question asks the head who owns a planned figure how the period
// will be closed when its projected end misses the target by more than the
// figure's noise:
//
//   - the noise is the figure's usual weekly swing σ over the last
//     PlanNoiseWeeks reported weeks (the sample standard deviation); a
//     count swings at least as a Poisson count does (σ² ≥ mean), and an
//     amount with fewer than three weeks behind it is given
//     PlanDefaultSwing of its mean;
//   - the projection leaves k = weeks − reported weeks to come, each a
//     week at the average so far, so it is off by about
//     σ·√(k + k²/reported): the weeks to come swing, and so does the
//     average they are projected from;
//   - the projection misses when it is short of the target (over it, for
//     spend) by more than PlanNoiseZ times that, and by at least
//     MinPlanMiss of the target, after at least MinPlanWeeks reported weeks.
//
// At the end of the period nothing is left to come and any material miss
// is asked about.

// Tuning of plan questions.
const (
	// PlanNoiseWeeks is how many recent weeks the swing is measured over.
	PlanNoiseWeeks = 8
	// PlanNoiseZ is how many times its noise a miss must exceed: one-sided
	// 95% for a normal swing.
	PlanNoiseZ = 1.645
	// PlanDefaultSwing is the weekly swing assumed for an amount with too
	// few weeks to measure one: 30% of its mean.
	PlanDefaultSwing = 0.30
	// MinPlanMiss is the smallest miss (5% of the target) worth a question.
	MinPlanMiss = 0.05
	// MinPlanWeeks is how many weeks must have reported the figure before
	// its pace is judged.
	MinPlanWeeks = 2
)

// QuestionPlan is a question about a plan the pace misses.
const QuestionPlan QuestionKind = "plan"

// PlanMiss is a plan target whose projected end of period misses it by
// more than its noise.
type PlanMiss struct {
	Pace  PlanPace
	Gap   float64 // how far the projection misses, in the figure's units
	Noise float64 // the miss the noise alone explains (PlanNoiseZ·σ)
}

// PlanQuestions returns a question for every target of the plans of the
// segment (the focus segments when segment is empty) holding week asOf
// whose projection misses it (see the rule above), the largest misses
// against their noise first.
func PlanQuestions(ws *Workspace, segment string, asOf Week, recs []WeeklyRecord) []Question {
	var qs []Question
	for _, s := range ws.ReviewSegments(segment) {
		for _, pace := range SegmentPlanProgress(ws, s.Key, asOf, recs) {
			miss, ok := CheckPlanPace(pace, weeklyFigures(ws, s.Key, pace.Target.Field(), asOf, recs))
			if !ok {
				continue
			}
			score := math.Inf(1)
			if miss.Noise > 0 {
				score = miss.Gap / miss.Noise
			}
			qs = append(qs, Question{Kind: QuestionPlan, Department: pace.Target.Field().Department(ws),
				Segment: s, Plan: &miss, Score: score})
		}
	}
	slices.SortStableFunc(qs, func(a, b Question) int { return cmp.Compare(b.Score, a.Score) })
	return qs
}

// WithPlanQuestions puts the plan questions of the review of period p in
// front of the tracker's other questions, keeping at most MaxQuestions: a
// plan that will not close is where a review starts. The plans are
// measured as of the end of p, or the last complete week before today.
func WithPlanQuestions(ws *Workspace, segment string, p Period, today Date, recs []WeeklyRecord, qs []Question) []Question {
	asOf := PlanAsOf(p, today.Week().Add(-1))
	all := append(PlanQuestions(ws, segment, asOf, recs), qs...)
	return all[:min(len(all), MaxQuestions)]
}

// CheckPlanPace judges a pace against its noise; weekly are the figure's
// values in the recent weeks that reported it (see weeklyFigures). ok is
// false when the projection is within the noise or the miss is too small.
func CheckPlanPace(pace PlanPace, weekly []float64) (PlanMiss, bool) {
	proj := pace.Projected()
	target := pace.Target.Units()
	if !proj.OK || pace.Reported < MinPlanWeeks || target <= 0 {
		return PlanMiss{}, false
	}
	gap := target - proj.V
	if pace.Over() {
		gap = proj.V - target
	}
	left := float64(pace.Weeks - pace.Reported)
	sigma := WeeklySwing(weekly, pace.Target.Kind == FieldCount)
	noise := PlanNoiseZ * sigma * math.Sqrt(left+left*left/float64(pace.Reported))
	if gap < MinPlanMiss*target-1e-9 || gap <= noise {
		return PlanMiss{}, false
	}
	return PlanMiss{Pace: pace, Gap: gap, Noise: noise}, true
}

// WeeklySwing is a figure's usual weekly swing σ from its recent weekly
// values (see the rule above); count says the figure is a count.
func WeeklySwing(weekly []float64, count bool) float64 {
	n := float64(len(weekly))
	if n == 0 {
		return 0
	}
	var sum float64
	for _, v := range weekly {
		sum += v
	}
	mean := sum / n
	var sq float64
	for _, v := range weekly {
		sq += (v - mean) * (v - mean)
	}
	variance := 0.0
	if n > 1 {
		variance = sq / (n - 1)
	}
	switch {
	case count:
		variance = math.Max(variance, mean)
	case n < 3:
		return PlanDefaultSwing * math.Abs(mean)
	}
	return math.Sqrt(variance)
}

// weeklyFigures returns the segment's values of a field in the last
// PlanNoiseWeeks weeks up to asOf that reported it, oldest first.
func weeklyFigures(ws *Workspace, segment string, f Field, asOf Week, recs []WeeklyRecord) []float64 {
	window := LastWeeks(asOf, PlanNoiseWeeks)
	var out []float64
	for _, w := range window.Weeks() {
		for _, r := range recs {
			if r.Segment != segment || r.Week != w {
				continue
			}
			if v, ok := figureOf(ws, r, f); ok {
				out = append(out, v)
			}
		}
	}
	return out
}
