package domain

import (
	"cmp"
	"math"
	"slices"
)

// A tracker does not explain the numbers: it asks the head who owns a
// stage what happened there. Questions come from three signs, each only
// with enough volume (the rule documented with MinVolume):
//
//   - a significant change for the worse of a stage conversion or a
//     unit-economics metric, against the previous period or the 4-week
//     baseline, with the dominant non-target or drop-off reason behind it;
//   - a drop-off or non-target reason whose share jumped (MinReasonJump)
//     while the conversion itself held;
//   - a non-focus segment whose leads grew (MinFloodGrowth) while it takes
//     a clearly larger share of leads, spend or sales effort than of the
//     money (FocusCheck's Misfocus): marketing brings the wrong buyers.

// QuestionKind is the sign a question comes from.
type QuestionKind string

// The kinds of tracker questions.
const (
	QuestionChange QuestionKind = "change"
	QuestionReason QuestionKind = "reason"
	QuestionFocus  QuestionKind = "focus"
)

// Tuning of the questions.
const (
	// MaxQuestions keeps the list to what a review can discuss.
	MaxQuestions = 5
	// MinReasonJump is how much (15 pp) a reason's share must grow against
	// the baseline to be asked about on its own.
	MinReasonJump = 0.15
	// MinDominantShare is the share (30%) from which a reason is named as
	// the main one behind a fall.
	MinDominantShare = 0.30
	// MinFloodGrowth is how much (20%) a non-focus segment's leads must grow
	// to be asked about.
	MinFloodGrowth = 0.20
)

// Question is one question of the tracker to the heads of a department,
// with the numbers behind it. Text renders it; the bot adds the mentions.
type Question struct {
	Kind       QuestionKind
	Department string
	Segment    Segment
	// Change is the move asked about; Against says against what:
	// "previous" (the previous week or month) or "baseline".
	Change  Change
	Against string
	// Reason is the dominant reason behind the move; NonTarget says it is a
	// lead qualification reason rather than a drop-off reason. ReasonWas is
	// its share in the baseline, for a reason question.
	Reason    *ReasonShare
	NonTarget bool
	ReasonWas Value
	// Focus is the segment's row of the focus check, for a focus question.
	Focus FocusRow
	// Score orders the questions: how many times over its threshold the
	// move is.
	Score float64
	// Plan is the missed plan target, for a plan question (plan_question.go).
	Plan *PlanMiss
}

// Comparison targets of a change question.
const (
	AgainstPrevious = "previous"
	AgainstBaseline = "baseline"
)

// TrackerQuestions returns the questions for a review of period p: about
// the segment, or about every focus segment plus the non-focus segments
// that draw effort when segment is empty. The most important come first,
// at most MaxQuestions; none when nothing significant changed.
func TrackerQuestions(ws *Workspace, segment string, p Period, recs []WeeklyRecord) []Question {
	var qs []Question
	for _, s := range ws.Segments {
		if s.Archived || segment != "" && s.Key != segment {
			continue
		}
		if s.Focus || segment != "" {
			qs = append(qs, segmentQuestions(ws, s, p, recs)...)
		}
		if !s.Focus {
			if q, ok := focusQuestion(ws, s, p, recs); ok {
				qs = append(qs, q)
			}
		}
	}
	slices.SortStableFunc(qs, func(a, b Question) int { return cmp.Compare(b.Score, a.Score) })
	if len(qs) > MaxQuestions {
		qs = qs[:MaxQuestions]
	}
	return qs
}

// comparisons returns the reports period p of a segment is compared with:
// the previous period and, for a week, the 4-week baseline.
func comparisons(ws *Workspace, seg string, p Period, recs []WeeklyRecord) map[string]FunnelReport {
	out := map[string]FunnelReport{AgainstPrevious: BuildReport(ws, seg, p.Previous(), recs)}
	if p.Kind == PeriodWeek {
		out[AgainstBaseline] = Baseline(ws, seg, p.From, recs)
	}
	return out
}

// segmentQuestions asks about the segment's significant falls (each metric
// once, against whichever comparison it fell most against) and about
// reasons that jumped at stages whose conversion held.
func segmentQuestions(ws *Workspace, s Segment, p Period, recs []WeeklyRecord) []Question {
	cur := BuildReport(ws, s.Key, p, recs)
	if cur.Weeks == 0 {
		return nil
	}
	against := comparisons(ws, s.Key, p, recs)
	worst := map[Metric]Question{}
	var order []Metric
	for _, name := range []string{AgainstPrevious, AgainstBaseline} {
		before, ok := against[name]
		if !ok || before.Weeks == 0 {
			continue
		}
		for _, c := range Compare(cur, before) {
			if !c.Significant || !c.Worse {
				continue
			}
			q := Question{Kind: QuestionChange, Department: metricDepartment(ws, c), Segment: s, Change: c, Against: name, Score: changeScore(c)}
			prev, seen := worst[c.Metric]
			if !seen {
				order = append(order, c.Metric)
			}
			if !seen || q.Score > prev.Score {
				worst[c.Metric] = q
			}
		}
	}
	dropEchoes(cur, worst)
	var qs []Question
	for _, m := range order {
		q, ok := worst[m]
		if !ok {
			continue
		}
		q.Reason, q.NonTarget = dominantReason(cur, q.Change)
		qs = append(qs, q)
	}
	if base, ok := against[AgainstBaseline]; ok && base.Weeks > 0 {
		qs = append(qs, reasonQuestions(ws, s, cur, base, worst)...)
	}
	return qs
}

// dropEchoes removes the non-target share when the conversion into the
// qualified stage is asked about: with consistent records they are the same
// fact seen from two sides, and one question is enough.
func dropEchoes(cur FunnelReport, worst map[Metric]Question) {
	if f, ok := cur.RoleFigure(RoleQualified); ok {
		if _, asked := worst[ConvMetric(f.Stage.Key)]; asked {
			delete(worst, MetricNonTargetShare)
		}
	}
}

// changeScore is how many times over its significance threshold a change is.
func changeScore(c Change) float64 {
	threshold := MinAmountDelta
	switch {
	case c.Metric == MetricROMI:
		threshold = MinROMIDelta
	case c.IsRate:
		threshold = MinRateDelta
	}
	return math.Abs(c.Delta.V) / threshold
}

// metricDepartment picks the department that answers for a change.
func metricDepartment(ws *Workspace, c Change) string {
	if _, ok := c.Metric.ConvStage(); ok && c.Stage.Department != "" {
		return c.Stage.Department
	}
	return MetricDepartment(ws, c.Metric)
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
	if len(ws.Departments) > 0 {
		return ws.Departments[0].Key
	}
	return ""
}

// dominantReason returns the main reason behind a fall: for the conversion
// into the qualified stage or the non-target share, the top non-target
// reason; for another conversion, the top drop-off reason of that stage.
// Nil when no reason reaches MinDominantShare.
func dominantReason(cur FunnelReport, c Change) (*ReasonShare, bool) {
	var reasons []ReasonShare
	nonTarget := c.Metric == MetricNonTargetShare || c.Stage.Role == RoleQualified
	if nonTarget {
		reasons = cur.NonTarget
	} else if key, ok := c.Metric.ConvStage(); ok {
		reasons = stageReasons(cur, key)
	}
	if len(reasons) == 0 || !reasons[0].Share.OK || reasons[0].Share.V < MinDominantShare-1e-9 {
		return nil, false
	}
	top := reasons[0]
	return &top, nonTarget
}

// stageReasons returns the drop-off split of a stage, largest first.
func stageReasons(r FunnelReport, stageKey string) []ReasonShare {
	for _, d := range r.DropOffs {
		if d.Stage.Key == stageKey {
			return d.Reasons
		}
	}
	return nil
}

// reasonQuestions asks about drop-off reasons whose share jumped against
// the baseline at stages no change question covers.
func reasonQuestions(ws *Workspace, s Segment, cur, base FunnelReport, asked map[Metric]Question) []Question {
	var qs []Question
	for _, d := range cur.DropOffs {
		if _, ok := asked[ConvMetric(d.Stage.Key)]; ok || d.Total < MinVolume || len(d.Reasons) == 0 {
			continue
		}
		var baseTotal int64
		was := None
		for _, bd := range base.DropOffs {
			if bd.Stage.Key != d.Stage.Key {
				continue
			}
			baseTotal, was = bd.Total, Some(0)
			for _, r := range bd.Reasons {
				if r.Reason.Key == d.Reasons[0].Reason.Key {
					was = r.Share
				}
			}
		}
		top := d.Reasons[0]
		if baseTotal < MinVolume || !was.OK || !top.Share.OK || top.Share.V-was.V < MinReasonJump-1e-9 {
			continue
		}
		f, _ := cur.Figure(d.Stage.Key)
		from, _ := cur.PreviousReported(d.Stage.Key)
		qs = append(qs, Question{
			Kind: QuestionReason, Department: d.Stage.Department, Segment: s,
			Change: Change{Metric: ConvMetric(d.Stage.Key), Stage: f.Stage, From: from.Stage, Now: f.Conv, IsRate: true},
			Reason: &top, ReasonWas: was, Score: (top.Share.V - was.V) / MinReasonJump,
		})
	}
	return qs
}

// focusQuestion asks marketing about a non-focus segment that draws more
// effort than money while its leads keep growing: the last four weeks
// against the four before them for a week's review (a flood builds up over
// weeks), the previous period otherwise.
func focusQuestion(ws *Workspace, s Segment, p Period, recs []WeeklyRecord) (Question, bool) {
	recent, earlier := p, p.Previous()
	if p.Kind == PeriodWeek {
		recent = LastWeeks(p.To, BaselineWeeks)
		earlier = recent.Previous()
	}
	var row FocusRow
	for _, r := range FocusCheck(ws, recent, recs) {
		if r.Segment.Key == s.Key {
			row = r
		}
	}
	if !row.Misfocus {
		return Question{}, false
	}
	now := BuildReport(ws, s.Key, recent, recs)
	was := BuildReport(ws, s.Key, earlier, recs)
	leadsNow, _ := now.RoleFigure(RoleLeads)
	leadsWas, _ := was.RoleFigure(RoleLeads)
	growth := RelativeChange(Some(float64(leadsNow.Count)), Some(float64(leadsWas.Count)))
	if leadsWas.Count < MinVolume || !growth.OK || growth.V < MinFloodGrowth-1e-9 {
		return Question{}, false
	}
	c := Change{
		Metric: MetricNonTargetShare, Now: now.NonTargetShare, Before: was.NonTargetShare,
		Delta: growth, Volume: leadsNow.Count, Significant: true,
		Stage: leadsNow.Stage,
	}
	q := Question{Kind: QuestionFocus, Department: leadsNow.Stage.Department, Segment: s, Change: c, Focus: row,
		Score: growth.V / MinFloodGrowth}
	if len(now.NonTarget) > 0 {
		top := now.NonTarget[0]
		q.Reason, q.NonTarget = &top, true
	}
	return q, true
}

// Text renders the question in lang as plain text, without the mention of
// the heads the bot puts in front of it.
func (q Question) Text(ws *Workspace, lang Lang) string {
	seg := q.Segment.Name.In(lang)
	if q.Plan != nil {
		return q.Plan.Text(ws, seg, lang)
	}
	switch q.Kind {
	case QuestionReason:
		return Text(lang, "question.reason", q.Reason.Reason.Name.In(lang), q.Change.Label(ws, lang), seg,
			FormatPercent(q.ReasonWas, lang), FormatPercent(q.Reason.Share, lang)) + " " + q.ask(lang)
	case QuestionFocus:
		text := Text(lang, "question.focus", seg, FormatPercent(q.Change.Delta, lang),
			FormatPercent(q.Focus.LeadsShare, lang), FormatPercent(q.Focus.SpendShare, lang), FormatPercent(q.moneyShare(), lang))
		if q.Reason != nil {
			text += " " + Text(lang, "question.focus_quality", FormatPercent(q.Change.Now, lang), q.Reason.Reason.Name.In(lang), FormatPercent(q.Reason.Share, lang))
		}
		return text + " " + Text(lang, "question.ask.focus")
	}
	verb := "question.fell"
	if q.Change.Delta.OK && q.Change.Delta.V > 0 {
		verb = "question.rose"
	}
	label := q.Change.Label(ws, lang)
	if _, ok := q.Change.Metric.ConvStage(); ok {
		label = Text(lang, "question.conversion", label)
	}
	text := Text(lang, verb, label, seg,
		FormatMetricValue(q.Change.Metric, q.Change.Before, ws.Currency, lang),
		FormatMetricValue(q.Change.Metric, q.Change.Now, ws.Currency, lang),
		Text(lang, "question.against."+q.Against))
	if q.Reason != nil {
		key := "question.top_dropoff"
		if q.NonTarget {
			key = "question.top_nontarget"
		}
		text += "; " + Text(lang, key, q.Reason.Reason.Name.In(lang), FormatPercent(q.Reason.Share, lang))
	}
	return text + ". " + q.ask(lang)
}

// moneyShare is the segment's share of gross profit, or of revenue when
// margins are missing, as the focus check weighs it.
func (q Question) moneyShare() Value {
	if q.Focus.GrossProfitShare.OK {
		return q.Focus.GrossProfitShare
	}
	return q.Focus.RevenueShare
}

// ask is the closing question, in the words of the department asked.
func (q Question) ask(lang Lang) string {
	key := "question.ask." + q.Department
	if !HasText(key) {
		key = "question.ask.other"
	}
	return Text(lang, key)
}
