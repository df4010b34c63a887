package domain

import (
	"cmp"
	"slices"
	"strings"
)

// This file fills FunnelReport from weekly records. Two rules hold
// throughout: a rate over several weeks is a ratio of sums, never a mean of
// weekly ratios; and a zero denominator gives None, never NaN, Inf or 0.

func init() {
	RegisterTexts(Texts{
		"calc.all_segments": {English: "All segments", Russian: "Все сегменты"},
	})
}

// BuildReport computes the funnel of one segment over period p from the
// records; an empty segment means all non-archived segments summed. Records
// of other segments or outside p are ignored, so callers may pass more than
// they fetched for p.
//
// The stages are the workspace's non-archived stages minus the segment's
// skipped ones (for all segments: minus those every segment skips). A stage
// no record reported stays in the report with Reported false and is bridged:
// the next reported stage converts from the last reported one before it.
// Summed over segments that skip different stages, a conversion across a
// stage only some of them use mixes their funnels; per-segment reports are
// the exact ones.
//
// Lost of a stage counts the items lost on the way into it (its drop-offs),
// so it explains the stage's Conv on the same row.
func BuildReport(ws *Workspace, segment string, p Period, recs []WeeklyRecord) FunnelReport {
	seg, segs := reportSegments(ws, segment)
	in := recordsIn(recs, segs, p)
	r := FunnelReport{Segment: seg, Period: p, Weeks: countWeeks(in)}
	r.Stages = stageFigures(reportStages(ws, segs), in)
	r.Spend, r.Revenue = sumMoney(in)
	r.GrossProfit, r.HasGrossProfit = sumGrossProfit(in)
	r.fillUnitEconomics()
	r.NonTarget, r.NonTargetLeads = nonTargetSplit(ws, in)
	r.NonTargetShare = nonTargetShare(r, in)
	r.DropOffs = dropOffSplit(ws, r.Stages, in)
	return r
}

// Figure returns the report's figure of the stage with key.
func (r FunnelReport) Figure(stageKey string) (StageFigure, bool) {
	for _, f := range r.Stages {
		if f.Stage.Key == stageKey {
			return f, true
		}
	}
	return StageFigure{}, false
}

// RoleFigure returns the figure of the first stage with the role; ok is
// false when the report has no such stage or no week reported it.
func (r FunnelReport) RoleFigure(role StageRole) (StageFigure, bool) {
	for _, f := range r.Stages {
		if f.Stage.Role == role {
			return f, f.Reported
		}
	}
	return StageFigure{}, false
}

// PreviousReported returns the reported stage the stage with key converts
// from; ok is false for the first reported stage or an unknown key.
func (r FunnelReport) PreviousReported(stageKey string) (StageFigure, bool) {
	var prev *StageFigure
	for i := range r.Stages {
		f := &r.Stages[i]
		if f.Stage.Key == stageKey {
			if prev == nil {
				return StageFigure{}, false
			}
			return *prev, true
		}
		if f.Reported {
			prev = f
		}
	}
	return StageFigure{}, false
}

// perRole divides num by the count of the stage with the role; None when the
// stage is absent, unreported or zero.
func (r FunnelReport) perRole(num float64, role StageRole) Value {
	f, ok := r.RoleFigure(role)
	if !ok {
		return None
	}
	return ratio(num, float64(f.Count))
}

// fillUnitEconomics computes CPL, cost per qualified lead, CAC, average
// check and ROMI from the sums already in r.
func (r *FunnelReport) fillUnitEconomics() {
	spend := r.Spend.Units()
	r.CPL = r.perRole(spend, RoleLeads)
	r.CostPerQualified = r.perRole(spend, RoleQualified)
	r.CAC = r.perRole(spend, RolePaid)
	r.AvgCheck = r.perRole(r.Revenue.Units(), RolePaid)
	if r.HasGrossProfit {
		r.ROMI = ratio(r.GrossProfit.Units()-spend, spend)
	}
}

// reportSegments returns the segment the report is about and the segments
// whose records it sums. An unknown key still gets a report of its own
// records, so a segment removed from the workspace keeps its history.
func reportSegments(ws *Workspace, segment string) (Segment, []Segment) {
	if segment != "" {
		for _, s := range ws.Segments {
			if s.Key == segment {
				return s, []Segment{s}
			}
		}
		s := Segment{Key: segment, Name: Name{En: segment}}
		return s, []Segment{s}
	}
	var segs []Segment
	for _, s := range ws.Segments {
		if !s.Archived {
			segs = append(segs, s)
		}
	}
	all := Segment{Name: Name{
		En: Text(English, "calc.all_segments"),
		Ru: Text(Russian, "calc.all_segments"),
	}}
	return all, segs
}

// reportStages returns the non-archived stages in funnel order, without
// those every one of the segments skips.
func reportStages(ws *Workspace, segs []Segment) []Stage {
	var stages []Stage
	for _, st := range ws.Stages {
		if st.Archived {
			continue
		}
		used := len(segs) == 0
		for _, s := range segs {
			if !slices.Contains(s.SkipStages, st.Key) {
				used = true
				break
			}
		}
		if used {
			stages = append(stages, st)
		}
	}
	return stages
}

// recordsIn keeps the records of the segments that fall in period p.
func recordsIn(recs []WeeklyRecord, segs []Segment, p Period) []WeeklyRecord {
	var in []WeeklyRecord
	for _, rec := range recs {
		if !p.Contains(rec.Week) {
			continue
		}
		if slices.ContainsFunc(segs, func(s Segment) bool { return s.Key == rec.Segment }) {
			in = append(in, rec)
		}
	}
	return in
}

// countWeeks returns the number of distinct weeks among the records.
func countWeeks(in []WeeklyRecord) int {
	seen := map[Week]bool{}
	for _, rec := range in {
		seen[rec.Week] = true
	}
	return len(seen)
}

// stageFigures sums counts and losses per stage and computes conversions
// from the previous reported stage and from the first reported one.
func stageFigures(stages []Stage, in []WeeklyRecord) []StageFigure {
	figs := make([]StageFigure, len(stages))
	first, prev := -1, -1
	for i, st := range stages {
		f := &figs[i]
		f.Stage = st
		for _, rec := range in {
			if n, ok := rec.Counts[st.Key]; ok {
				f.Count += n
				f.Reported = true
			}
			for _, n := range rec.DropOffs[st.Key] {
				f.Lost += n
			}
		}
		if !f.Reported {
			continue
		}
		if first < 0 {
			first = i
		}
		if prev >= 0 {
			f.Conv = ratio(float64(f.Count), float64(figs[prev].Count))
		}
		f.Cum = ratio(float64(f.Count), float64(figs[first].Count))
		prev = i
	}
	return figs
}

func sumMoney(in []WeeklyRecord) (spend, revenue Money) {
	for _, rec := range in {
		spend += rec.Spend
		revenue += rec.Revenue
	}
	return spend, revenue
}

// sumGrossProfit adds revenue × margin week by week, since margins differ
// between weeks. It is known only when every record with revenue has a
// margin; a record without revenue adds nothing either way.
func sumGrossProfit(in []WeeklyRecord) (Money, bool) {
	var sum Money
	known := false
	for _, rec := range in {
		// A week with neither revenue nor margin did not report its money:
		// counting it as zero revenue would show ROMI −100%.
		known = known || rec.Revenue != 0 || rec.HasMargin
		if rec.Revenue == 0 {
			continue
		}
		gp, ok := rec.GrossProfit()
		if !ok {
			return 0, false
		}
		sum += gp
	}
	return sum, known
}

// nonTargetShare is non-target leads over leads, counted only in the weeks
// that reported qualification reasons: a week without them says nothing
// about lead quality, and counting its leads would show 0% non-target.
func nonTargetShare(r FunnelReport, in []WeeklyRecord) Value {
	leads, ok := r.RoleFigure(RoleLeads)
	if !ok {
		return None
	}
	var nonTarget, base int64
	for _, rec := range in {
		if len(rec.NonTarget) == 0 {
			continue
		}
		for _, n := range rec.NonTarget {
			nonTarget += n
		}
		base += rec.Counts[leads.Stage.Key]
	}
	return ratio(float64(nonTarget), float64(base))
}

// nonTargetSplit sums non-target leads by qualification reason.
func nonTargetSplit(ws *Workspace, in []WeeklyRecord) ([]ReasonShare, int64) {
	byReason := map[string]int64{}
	for _, rec := range in {
		for k, n := range rec.NonTarget {
			byReason[k] += n
		}
	}
	return reasonShares(ws.NonTarget, byReason)
}

// dropOffSplit sums the items lost at each of the report's stages by
// reason, in funnel order, leaving out stages with no losses.
func dropOffSplit(ws *Workspace, figs []StageFigure, in []WeeklyRecord) []StageDropOffs {
	var out []StageDropOffs
	for _, f := range figs {
		byReason := map[string]int64{}
		for _, rec := range in {
			for k, n := range rec.DropOffs[f.Stage.Key] {
				byReason[k] += n
			}
		}
		reasons, total := reasonShares(ws.DropOff, byReason)
		if total > 0 {
			out = append(out, StageDropOffs{Stage: f.Stage, Total: total, Reasons: reasons})
		}
	}
	return out
}

// reasonShares turns counts by reason key into shares of their total,
// largest first; ties keep the workspace's reason order, and keys the
// workspace does not know (a removed reason) come after the known ones.
func reasonShares(known []Reason, byReason map[string]int64) ([]ReasonShare, int64) {
	var total int64
	for _, n := range byReason {
		total += n
	}
	order := func(key string) int {
		if i := slices.IndexFunc(known, func(r Reason) bool { return r.Key == key }); i >= 0 {
			return i
		}
		return len(known)
	}
	var shares []ReasonShare
	for key, n := range byReason {
		if n == 0 {
			continue
		}
		reason := Reason{Key: key, Name: Name{En: key}}
		if i := order(key); i < len(known) {
			reason = known[i]
		}
		shares = append(shares, ReasonShare{Reason: reason, Count: n, Share: ratio(float64(n), float64(total))})
	}
	slices.SortFunc(shares, func(a, b ReasonShare) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		if oa, ob := order(a.Reason.Key), order(b.Reason.Key); oa != ob {
			return oa - ob
		}
		return strings.Compare(a.Reason.Key, b.Reason.Key)
	})
	return shares, total
}
