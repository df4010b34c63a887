package charts

import (
	"html"

	"trackbot/domain"
)

// maxReviewPictures is how many pictures a review has at most: they go out
// as one media group, which holds ten.
const maxReviewPictures = 10

// ReviewPack composes the review of period p for one segment (or the
// focus segments when segment is empty): the texts from domain and the
// pictures drawn here, as many as domain.ReviewPackBudget leaves next to
// the texts. The charts left out are named at the end of the headline with
// the reason. It does not talk to Telegram, so the bot and `trackbot demo`
// show the same pack.
func (r *Renderer) ReviewPack(ws *domain.Workspace, segment string, p domain.Period, recs []domain.WeeklyRecord,
	hyps []*domain.Hypothesis, lastClosed *domain.Review, today domain.Date) (domain.ReviewPack, error) {
	pack := domain.ReviewTexts(ws, segment, p, recs, hyps, lastClosed, today)
	pictures, gaps, err := r.reviewPictures(ws, ws.ReviewSegments(segment), p, recs, pack.PictureBudget())
	if err != nil {
		return domain.ReviewPack{}, err
	}
	if pictures, err = r.withPlanPictures(ws, segment, p, today, recs, pictures); err != nil {
		return domain.ReviewPack{}, err
	}
	pack.Pictures = pictures
	if note := domain.ChartGapsText(ws.Lang, p, gaps); note != "" {
		pack.Headline += "\n\n" + note
	}
	return pack, nil
}

// ReviewPictures draws the pictures of a review of the segments, each with
// its HTML caption, and returns the charts it left out for too little data
// (domain's rules) and why: for the first segment the funnel against the
// previous period, the conversion trend, drop-off reasons and lead
// quality; the funnels of further segments; then the segment mix and the
// end-to-end table of the segments with figures.
func (r *Renderer) ReviewPictures(ws *domain.Workspace, segs []domain.Segment, p domain.Period, recs []domain.WeeklyRecord) ([]domain.Attachment, []domain.ChartGap, error) {
	return r.reviewPictures(ws, segs, p, recs, maxReviewPictures)
}

// plannedChart is a picture of the review before it is drawn: planning
// first leaves out what has too little data or does not fit the budget
// without drawing it.
type plannedChart struct {
	kind    domain.ChartKind
	segment domain.Segment
	extra   bool // a further segment's funnel: the first to go over budget
	draw    func() ([]byte, error)
	name    string
	caption string
}

func (r *Renderer) reviewPictures(ws *domain.Workspace, segs []domain.Segment, p domain.Period, recs []domain.WeeklyRecord, limit int) ([]domain.Attachment, []domain.ChartGap, error) {
	plan, gaps := r.planReview(ws, segs, p, recs)
	plan, gaps = fitBudget(plan, gaps, min(limit, maxReviewPictures))
	files := make([]domain.Attachment, 0, len(plan))
	for _, c := range plan {
		png, err := c.draw()
		if err != nil {
			return nil, nil, err
		}
		files = append(files, domain.Attachment{Name: c.name, Data: png, Caption: c.caption})
	}
	return files, gaps, nil
}

// planReview lists the review's charts in the order they are posted and
// the ones left out for too little data.
func (r *Renderer) planReview(ws *domain.Workspace, segs []domain.Segment, p domain.Period, recs []domain.WeeklyRecord) ([]plannedChart, []domain.ChartGap) {
	l := ws.Lang
	prevLabel := p.Previous().Label(l)
	var plan []plannedChart
	var gaps []domain.ChartGap
	add := func(c plannedChart) { plan = append(plan, c) }
	for i, s := range segs {
		name := html.EscapeString(s.Name.In(l))
		cur := domain.BuildReport(ws, s.Key, p, recs)
		if !cur.HasFigures() {
			gaps = append(gaps, domain.ChartGap{Chart: domain.ChartFunnel, Segment: s, Reason: domain.GapNoFigures})
			continue
		}
		before := domain.BuildReport(ws, s.Key, p.Previous(), recs)
		earlier := domain.EarlierReports(ws, s.Key, p, recs)
		add(plannedChart{kind: domain.ChartFunnel, segment: s, extra: i > 0, name: "funnel.png",
			caption: domain.Text(l, "review.chart_funnel", name, html.EscapeString(p.Label(l)), html.EscapeString(prevLabel)),
			draw:    func() ([]byte, error) { return r.Funnel(ws, cur, before, earlier, prevLabel) }})
		if i > 0 {
			continue
		}
		weekly := weeklyReports(ws, s.Key, p.To, recs)
		if gap, ok := domain.TrendGap(s, weekly); !ok {
			gaps = append(gaps, gap)
		} else {
			add(plannedChart{kind: domain.ChartTrend, segment: s, name: "trend.png", caption: domain.Text(l, "review.chart_trend", name),
				draw: func() ([]byte, error) { return r.Trend(ws, weekly) }})
		}
		if !cur.HasLosses() {
			gaps = append(gaps, domain.ChartGap{Chart: domain.ChartDropOffs, Segment: s, Reason: domain.GapNoLosses})
		} else {
			add(plannedChart{kind: domain.ChartDropOffs, segment: s, name: "dropoffs.png", caption: domain.Text(l, "review.chart_dropoffs", name),
				draw: func() ([]byte, error) { return r.DropOffs(ws, cur) }})
		}
		if gap, ok := domain.QualityGap(s, weekly); !ok {
			gaps = append(gaps, gap)
		} else {
			add(plannedChart{kind: domain.ChartQuality, segment: s, name: "quality.png", caption: domain.Text(l, "review.chart_quality", name),
				draw: func() ([]byte, error) { return r.LeadQuality(ws, weekly) }})
		}
	}
	mixPeriod := domain.FocusPeriod(p)
	if rows := domain.FocusRowsWithFigures(domain.FocusCheck(ws, mixPeriod, recs)); len(rows) < domain.MinMixSegments {
		gaps = append(gaps, domain.ChartGap{Chart: domain.ChartMix, Reason: domain.GapFewSegment})
	} else {
		add(plannedChart{kind: domain.ChartMix, name: "mix.png", caption: domain.Text(l, "review.chart_mix", html.EscapeString(mixPeriod.Label(l))),
			draw: func() ([]byte, error) { return r.SegmentMix(ws, mixPeriod, rows) }})
	}
	var reports []domain.FunnelReport
	for _, s := range ws.ActiveSegments() {
		if rep := domain.BuildReport(ws, s.Key, p, recs); rep.HasFigures() {
			reports = append(reports, rep)
		}
	}
	if len(reports) > 0 {
		add(plannedChart{kind: domain.ChartTable, name: "table.png", caption: domain.Text(l, "review.chart_table", html.EscapeString(p.Label(l))),
			draw: func() ([]byte, error) { return r.Table(ws, reports) }})
	}
	return plan, gaps
}

// fitBudget keeps at most limit charts. Further segments' funnels go first,
// the last one first, since the end-to-end table shows every segment;
// then charts from the end.
func fitBudget(plan []plannedChart, gaps []domain.ChartGap, limit int) ([]plannedChart, []domain.ChartGap) {
	for len(plan) > limit {
		drop := len(plan) - 1
		for i := len(plan) - 1; i >= 0; i-- {
			if plan[i].extra {
				drop = i
				break
			}
		}
		gaps = append(gaps, domain.ChartGap{Chart: plan[drop].kind, Segment: plan[drop].segment, Reason: domain.GapBudget})
		plan = append(plan[:drop], plan[drop+1:]...)
	}
	return plan, gaps
}

// weeklyReports returns one report per week of the review's history,
// oldest first, ending with week last.
func weeklyReports(ws *domain.Workspace, segment string, last domain.Week, recs []domain.WeeklyRecord) []domain.FunnelReport {
	var out []domain.FunnelReport
	for _, w := range domain.LastWeeks(last, domain.ReviewHistoryWeeks).Weeks() {
		out = append(out, domain.BuildReport(ws, segment, domain.WeekPeriod(w), recs))
	}
	return out
}
