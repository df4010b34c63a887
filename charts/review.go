package charts

import (
	"html"

	"trackbot/domain"
)

// maxReviewPictures is how many pictures a review pack has at most: they
// go out as one media group, which holds ten.
const maxReviewPictures = 10

// ReviewPack composes the review of period p for one segment (or the
// focus segments when segment is empty): the texts from domain and the
// pictures drawn here. It does not talk to Telegram, so the bot and
// `trackbot demo` show the same pack.
func (r *Renderer) ReviewPack(ws *domain.Workspace, segment string, p domain.Period, recs []domain.WeeklyRecord,
	hyps []*domain.Hypothesis, lastClosed *domain.Review, today domain.Date) (domain.ReviewPack, error) {
	pack := domain.ReviewTexts(ws, segment, p, recs, hyps, lastClosed, today)
	pictures, err := r.ReviewPictures(ws, ws.ReviewSegments(segment), p, recs)
	if err != nil {
		return domain.ReviewPack{}, err
	}
	if pictures, err = r.withPlanPictures(ws, segment, p, today, recs, pictures); err != nil {
		return domain.ReviewPack{}, err
	}
	pack.Pictures = pictures
	return pack, nil
}

// ReviewPictures draws the pack's pictures, each with its HTML caption:
// for the first segment the funnel against the previous period, the
// conversion trend, drop-off reasons and lead quality; the funnels of
// further segments; then the segment mix and the end-to-end table of all
// segments.
func (r *Renderer) ReviewPictures(ws *domain.Workspace, segs []domain.Segment, p domain.Period, recs []domain.WeeklyRecord) ([]domain.Attachment, error) {
	l := ws.Lang
	prevLabel := p.Previous().Label(l)
	var files []domain.Attachment
	add := func(name, caption string, png []byte, err error) error {
		if err != nil {
			return err
		}
		files = append(files, domain.Attachment{Name: name, Data: png, Caption: caption})
		return nil
	}
	for i, s := range segs {
		name := html.EscapeString(s.Name.In(l))
		cur := domain.BuildReport(ws, s.Key, p, recs)
		before := domain.BuildReport(ws, s.Key, p.Previous(), recs)
		png, err := r.Funnel(ws, cur, before, prevLabel)
		if err := add("funnel.png", domain.Text(l, "review.chart_funnel", name, html.EscapeString(p.Label(l)), html.EscapeString(prevLabel)), png, err); err != nil {
			return nil, err
		}
		if i > 0 || len(files) >= 6 {
			continue
		}
		weekly := weeklyReports(ws, s.Key, p.To, recs)
		png, err = r.Trend(ws, weekly)
		if err := add("trend.png", domain.Text(l, "review.chart_trend", name), png, err); err != nil {
			return nil, err
		}
		png, err = r.DropOffs(ws, cur)
		if err := add("dropoffs.png", domain.Text(l, "review.chart_dropoffs", name), png, err); err != nil {
			return nil, err
		}
		png, err = r.LeadQuality(ws, weekly)
		if err := add("quality.png", domain.Text(l, "review.chart_quality", name), png, err); err != nil {
			return nil, err
		}
	}
	mixPeriod := domain.FocusPeriod(p)
	png, err := r.SegmentMix(ws, mixPeriod, domain.FocusCheck(ws, mixPeriod, recs))
	if err := add("mix.png", domain.Text(l, "review.chart_mix", html.EscapeString(mixPeriod.Label(l))), png, err); err != nil {
		return nil, err
	}
	var reports []domain.FunnelReport
	for _, s := range ws.ActiveSegments() {
		reports = append(reports, domain.BuildReport(ws, s.Key, p, recs))
	}
	png, err = r.Table(ws, reports)
	if err := add("table.png", domain.Text(l, "review.chart_table", html.EscapeString(p.Label(l))), png, err); err != nil {
		return nil, err
	}
	return files[:min(len(files), maxReviewPictures)], nil
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
