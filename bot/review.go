package bot

import (
	"fmt"
	"html"
	"strings"

	"trackbot/charts"
	"trackbot/domain"
)

// A review posts its pack as a few messages: the headline numbers with the
// close button, the charts as one media group, the tracker questions with
// the heads mentioned, and the hypotheses block. The session stays open
// until /review end (or the button) posts the protocol.

// reviewHistoryWeeks is how far back a review reads records: the trend
// chart shows twelve weeks, and the focus question compares the last four
// with the four before them.
const reviewHistoryWeeks = 12

// review handles /review, /review <segment>, /review month and /review end.
func (b *Bot) review(c *Context) error {
	ws := c.Workspace
	if err := ws.RequireCEO(c.From); err != nil {
		return err
	}
	segment, kind, end, err := parseReviewArgs(ws, c.Args)
	if err != nil {
		return err
	}
	if end {
		return b.endReview(c)
	}
	period := domain.PeriodOf(kind, lastCompleteWeek(ws, c))
	recs, err := b.records(ws, period.From.Add(-reviewHistoryWeeks), period.To)
	if err != nil {
		return err
	}
	if !hasRecordsIn(recs, period) {
		c.Reply(c.T("review.no_data", escape(period.Label(c.Lang)), escape(logExample(ws, c.Lang))))
		return nil
	}
	var hyps []*domain.Hypothesis
	var reviews []*domain.Review
	if err := b.store.View(func(tx domain.Tx) error {
		var err error
		if hyps, err = tx.Hypotheses().List(ws.ID); err != nil {
			return err
		}
		reviews, err = tx.Reviews().List(ws.ID)
		return err
	}); err != nil {
		return err
	}
	session, err := domain.OpenReview(ws, c.From, domain.OpenReviewOf(reviews), segment, period, c.now)
	if err != nil {
		return err
	}
	c.Change(func(tx domain.Tx) error {
		if session.ID != 0 {
			return tx.Reviews().Put(session)
		}
		return tx.Reviews().Create(session)
	})
	return b.postPack(c, session, recs, publishedOnly(hyps), domain.LastClosedReview(reviews))
}

// parseReviewArgs reads "[segment] [week|month] | end".
func parseReviewArgs(ws *domain.Workspace, args string) (segment string, kind domain.PeriodKind, end bool, err error) {
	kind = domain.PeriodWeek
	words := strings.Fields(args)
	if len(words) == 1 && endWords[strings.ToLower(words[0])] {
		return "", kind, true, nil
	}
	if n := len(words); n > 0 {
		if k, ok := periodWords[strings.ToLower(words[n-1])]; ok && k != domain.PeriodQuarter {
			kind, words = k, words[:n-1]
		}
	}
	if len(words) == 0 {
		return "", kind, false, nil
	}
	seg, ok := domain.MatchSegment(ws, strings.Join(words, " "))
	if !ok {
		return "", kind, false, domain.Errorf(domain.EINVALID, "review.usage", segmentNames(ws, ws.Lang))
	}
	return seg.Key, kind, false, nil
}

// endWords close the open review.
var endWords = map[string]bool{"end": true, "close": true, "stop": true, "конец": true, "закрыть": true, "стоп": true}

func hasRecordsIn(recs []domain.WeeklyRecord, p domain.Period) bool {
	for _, r := range recs {
		if p.Contains(r.Week) {
			return true
		}
	}
	return false
}

func publishedOnly(hyps []*domain.Hypothesis) []*domain.Hypothesis {
	var out []*domain.Hypothesis
	for _, h := range hyps {
		if h.Status != domain.StatusDraft {
			out = append(out, h)
		}
	}
	return out
}

// reviewSegments are the segments a review looks at: the one asked for,
// or every focus segment (the first active segment when none is focus).
func reviewSegments(ws *domain.Workspace, segment string) []domain.Segment {
	var out []domain.Segment
	for _, s := range ws.ActiveSegments() {
		if segment != "" && s.Key == segment || segment == "" && s.Focus {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		if s := defaultSegment(ws); s.Key != "" {
			out = append(out, s)
		}
	}
	return out
}

// postPack queues the review pack: the headline with the close button,
// "uploading photo" while the charts go out as one media group, the
// questions and the hypotheses block.
func (b *Bot) postPack(c *Context, r *domain.Review, recs []domain.WeeklyRecord, hyps []*domain.Hypothesis, lastClosed *domain.Review) error {
	pack, err := BuildReviewPack(b.charts, c.Workspace, r.Segment, r.Period, recs, hyps, lastClosed, b.today(c.Workspace, c))
	if err != nil {
		return err
	}
	c.Reply(pack.Headline+"\n\n"+c.T("review.how_to_end"), []domain.Button{{Text: c.T("review.end_button"), Data: "rv:end"}})
	c.Queue(&domain.OutboxJob{Kind: domain.ChatAction, Action: "upload_photo", Priority: domain.PriorityReply})
	// The rest of the pack is about ten messages against a group's twenty
	// a minute: as bulk it keeps its order, and the answers to the next
	// commands (a /hyp, a button) go ahead of it instead of a minute later.
	c.Queue(&domain.OutboxJob{Kind: domain.SendMediaGroup, Priority: domain.PriorityBulk, Files: pack.Pictures})
	for _, text := range []string{pack.Questions, pack.Hypotheses} {
		job := c.textJob(text, nil)
		job.Priority = domain.PriorityBulk
		c.Queue(job)
	}
	return nil
}

// ReviewPack is what a review posts, ready for the chat: HTML texts in the
// workspace's language and the pictures of one media group.
type ReviewPack struct {
	Headline   string
	Pictures   []domain.Attachment
	Questions  string
	Hypotheses string
}

// BuildReviewPack composes the review of a period for one segment (or all
// focus segments when segment is empty) from the stored numbers and
// hypotheses. It does not talk to Telegram, so `trackbot demo` shows
// exactly what the chat would get.
func BuildReviewPack(r *charts.Renderer, ws *domain.Workspace, segment string, p domain.Period, recs []domain.WeeklyRecord,
	hyps []*domain.Hypothesis, lastClosed *domain.Review, today domain.Date) (ReviewPack, error) {
	l := ws.Lang
	segs := reviewSegments(ws, segment)
	var sb strings.Builder
	sb.WriteString(domain.Text(l, "review.title", escape(p.Label(l))))
	for _, s := range segs {
		sb.WriteString("\n\n" + headline(ws, l, s, p, recs))
	}
	qs := domain.TrackerQuestions(ws, segment, p, recs)
	if line := domain.StakeHeadline(ws, qs, l); line != "" {
		sb.WriteString("\n\n" + escape(line))
	}
	pictures, err := reviewCharts(r, ws, segs, p, recs)
	if err != nil {
		return ReviewPack{}, err
	}
	return ReviewPack{
		Headline:   sb.String(),
		Pictures:   pictures,
		Questions:  questionsText(ws, l, qs),
		Hypotheses: digestText(ws, l, domain.DigestHypotheses(hyps, lastClosed, today), today),
	}, nil
}

// Messages returns the pack's texts in the order the chat shows them.
func (p ReviewPack) Messages() []string {
	return []string{p.Headline, p.Questions, p.Hypotheses}
}

// PlainText returns the pack's texts without markup, as a reader sees them.
func (p ReviewPack) PlainText() string {
	var out []string
	for _, m := range p.Messages() {
		out = append(out, stripTags(m))
	}
	return strings.Join(out, "\n\n――――――――\n\n") + "\n"
}

// HTML returns a page that shows the pack as the chat does: the messages
// in order and the pictures of the media group between them.
func (p ReviewPack) HTML() string {
	var sb strings.Builder
	sb.WriteString("<!doctype html>\n<meta charset=\"utf-8\">\n<title>trackbot review</title>\n" +
		"<style>body{font-family:sans-serif;max-width:760px;margin:2em auto;background:#eef1f5}" +
		".msg{background:#fff;border-radius:12px;padding:12px 16px;margin:12px 0;white-space:pre-wrap}" +
		"img{width:100%;border-radius:8px;margin:6px 0}</style>\n")
	block := func(html string) { sb.WriteString("<div class=\"msg\">" + html + "</div>\n") }
	block(p.Headline)
	var pics strings.Builder
	for _, f := range p.Pictures {
		fmt.Fprintf(&pics, "<img src=\"%s\" alt=\"%s\"><div>%s</div>", escape(f.Name), escape(stripTags(f.Caption)), f.Caption)
	}
	block(pics.String())
	block(p.Questions)
	block(p.Hypotheses)
	return sb.String()
}

// stripTags removes HTML tags and decodes entities.
func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>' && in:
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return html.UnescapeString(b.String())
}

// headline sums up one segment: the key counts and money with their
// change week over week (or month over month) and against the 4-week
// baseline, then the significant moves.
func headline(ws *domain.Workspace, l domain.Lang, s domain.Segment, p domain.Period, recs []domain.WeeklyRecord) string {
	cur := domain.BuildReport(ws, s.Key, p, recs)
	prev := domain.BuildReport(ws, s.Key, p.Previous(), recs)
	var sb strings.Builder
	fmt.Fprintf(&sb, "<b>%s</b>", escape(s.Name.In(l)))
	if cur.Weeks == 0 {
		return sb.String() + "\n" + domain.Text(l, "review.segment_no_data")
	}
	var base *domain.FunnelReport
	if p.Kind == domain.PeriodWeek {
		r := domain.Baseline(ws, s.Key, p.From, recs)
		if r.Weeks > 0 {
			base = &r
		}
	}
	for _, role := range []domain.StageRole{domain.RoleLeads, domain.RoleQualified, domain.RolePaid} {
		f, ok := cur.RoleFigure(role)
		if !ok {
			continue
		}
		was, _ := prev.RoleFigure(role)
		line := fmt.Sprintf("\n%s: <b>%s</b> (%s", escape(f.Stage.Name.In(l)), domain.FormatCount(f.Count),
			countDelta(f.Count, was.Count, l, "review.vs_previous"))
		if base != nil {
			b, _ := base.RoleFigure(role)
			line += ", " + countDelta(f.Count*int64(base.Weeks), b.Count, l, "review.vs_baseline")
		}
		sb.WriteString(line + ")")
	}
	fmt.Fprintf(&sb, "\n%s", domain.Text(l, "review.money",
		domain.FormatMoney(cur.Revenue.Units(), ws.Currency, l), domain.FormatMoneyValue(cur.CPL, ws.Currency, l),
		domain.FormatPercent(cur.ROMI, l), domain.FormatPercent(cur.NonTargetShare, l)))
	moves := significantMoves(ws, l, cur, prev, base)
	if len(moves) > 0 {
		sb.WriteString("\n" + domain.Text(l, "review.moves") + "\n" + strings.Join(moves, "\n"))
	}
	return sb.String()
}

// countDelta formats a count's change in percent with what it is against;
// the baseline's count is a four-week sum, so the caller scales now to it.
func countDelta(now, before int64, l domain.Lang, against string) string {
	if before == 0 {
		return domain.Text(l, against, domain.NoValue)
	}
	return domain.Text(l, against, domain.FormatDelta(float64(now)/float64(before)-1, l))
}

// maxMoves keeps the headline short: the pack's questions go deeper.
const maxMoves = 4

// significantMoves lists the significant changes against the previous
// period and the baseline, worst first, one line per metric.
func significantMoves(ws *domain.Workspace, l domain.Lang, cur, prev domain.FunnelReport, base *domain.FunnelReport) []string {
	type move struct {
		c         domain.Change
		prev, bas string
		worse     bool
	}
	var moves []*move
	byMetric := map[domain.Metric]*move{}
	add := func(changes []domain.Change, baseline bool) {
		for _, ch := range changes {
			if !ch.Significant {
				continue
			}
			m, ok := byMetric[ch.Metric]
			if !ok {
				m = &move{c: ch}
				byMetric[ch.Metric] = m
				moves = append(moves, m)
			}
			// The arrow follows the number; whether the move hurts is a
			// separate mark, so "non-target share up" is not drawn as ▼.
			text := ch.DeltaText(l)
			if ch.Delta.V < 0 {
				text = "▼ " + text
			} else {
				text = "▲ " + text
			}
			m.worse = m.worse || ch.Worse
			if baseline {
				m.bas = text
			} else {
				m.prev = text
			}
		}
	}
	add(domain.Compare(cur, prev), false)
	if base != nil {
		add(domain.Compare(cur, *base), true)
	}
	var out []string
	for _, m := range moves[:min(len(moves), maxMoves)] {
		parts := []string{}
		if m.prev != "" {
			parts = append(parts, domain.Text(l, "review.vs_previous", m.prev))
		}
		if m.bas != "" {
			parts = append(parts, domain.Text(l, "review.vs_baseline", m.bas))
		}
		bullet := "•"
		if m.worse {
			bullet = "⚠"
		}
		out = append(out, fmt.Sprintf("%s %s %s (%s)", bullet, escape(m.c.Label(ws, l)),
			domain.FormatMetricValue(m.c.Metric, m.c.Now, ws.Currency, l), strings.Join(parts, ", ")))
	}
	return out
}

// reviewCharts draws the pack's pictures: for the first segment the funnel
// against the previous period, the conversion trend, drop-off reasons and
// lead quality; the funnels of further focus segments; then the segment
// mix and the end-to-end table of all segments.
func reviewCharts(r *charts.Renderer, ws *domain.Workspace, segs []domain.Segment, p domain.Period, recs []domain.WeeklyRecord) ([]domain.Attachment, error) {
	l := ws.Lang
	prevLabel := p.Previous().Label(l)
	var files []domain.Attachment
	add := func(name, caption string, png []byte, err error) error {
		if err != nil {
			return err
		}
		files = append(files, domain.Attachment{Name: name, Data: png, Caption: clip(caption, maxCaption)})
		return nil
	}
	for i, s := range segs {
		name := escape(s.Name.In(l))
		cur := domain.BuildReport(ws, s.Key, p, recs)
		before := domain.BuildReport(ws, s.Key, p.Previous(), recs)
		png, err := r.Funnel(ws, cur, before, prevLabel)
		if err := add("funnel.png", domain.Text(l, "review.chart_funnel", name, escape(p.Label(l)), escape(prevLabel)), png, err); err != nil {
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
	mixPeriod := p
	if p.Kind == domain.PeriodWeek {
		mixPeriod = domain.LastWeeks(p.To, domain.BaselineWeeks)
	}
	png, err := r.SegmentMix(ws, mixPeriod, domain.FocusCheck(ws, mixPeriod, recs))
	if err := add("mix.png", domain.Text(l, "review.chart_mix", escape(mixPeriod.Label(l))), png, err); err != nil {
		return nil, err
	}
	var reports []domain.FunnelReport
	for _, s := range ws.ActiveSegments() {
		reports = append(reports, domain.BuildReport(ws, s.Key, p, recs))
	}
	png, err = r.Table(ws, reports)
	if err := add("table.png", domain.Text(l, "review.chart_table", escape(p.Label(l))), png, err); err != nil {
		return nil, err
	}
	// A media group holds at most ten pictures.
	return files[:min(len(files), 10)], nil
}

// weeklyReports returns one report per week of the trend, oldest first.
func weeklyReports(ws *domain.Workspace, segment string, last domain.Week, recs []domain.WeeklyRecord) []domain.FunnelReport {
	var out []domain.FunnelReport
	for _, w := range domain.LastWeeks(last, reviewHistoryWeeks).Weeks() {
		out = append(out, domain.BuildReport(ws, segment, domain.WeekPeriod(w), recs))
	}
	return out
}

// questionsText renders the tracker questions, each addressed to the
// heads of the department (or the department's name when it has none).
func questionsText(ws *domain.Workspace, l domain.Lang, qs []domain.Question) string {
	if len(qs) == 0 {
		return domain.Text(l, "review.no_questions")
	}
	var sb strings.Builder
	sb.WriteString(domain.Text(l, "review.questions_title"))
	for i, q := range qs {
		to := "<b>" + escape(ws.DepartmentName(q.Department, l)) + "</b>"
		if heads := ws.Heads(q.Department); len(heads) > 0 {
			to = mentions(heads)
		}
		fmt.Fprintf(&sb, "\n\n%d. %s, %s", i+1, to, escape(q.Text(ws, l)))
	}
	return sb.String()
}

// maxDigestLines keeps each list of the hypotheses block short.
const maxDigestLines = 8

// digestText renders the hypotheses block of the pack.
func digestText(ws *domain.Workspace, l domain.Lang, d domain.HypothesisDigest, today domain.Date) string {
	if d.Empty() {
		return domain.Text(l, "review.no_hypotheses")
	}
	var sb strings.Builder
	sb.WriteString(domain.Text(l, "review.hyps_title"))
	section := func(key string, hs []*domain.Hypothesis, line func(*domain.Hypothesis) string) {
		if len(hs) == 0 {
			return
		}
		sb.WriteString("\n\n" + domain.Text(l, key, len(hs)))
		for _, h := range hs[:min(len(hs), maxDigestLines)] {
			sb.WriteString("\n" + line(h))
		}
	}
	section("review.overdue", d.Overdue, func(h *domain.Hypothesis) string {
		return hypLine(ws, h, l, today) + " " + mentions(ws.Heads(h.Department))
	})
	section("review.awaiting", d.Awaiting, func(h *domain.Hypothesis) string {
		return hypLine(ws, h, l, today) + "\n   " + domain.Text(l, "review.result", escape(clipRunes(h.Result, 200)))
	})
	section("review.results", d.Results, func(h *domain.Hypothesis) string {
		line := hypLine(ws, h, l, today)
		if h.Status != domain.StatusDropped {
			line += "\n   " + domain.Text(l, "review.outcome", domain.FormatMetricValue(h.Metric, h.Baseline, ws.Currency, l),
				domain.FormatMetricValue(h.Metric, h.Measured, ws.Currency, l))
		}
		return line
	})
	return sb.String()
}

// endReview closes the open review and posts its protocol.
func (b *Bot) endReview(c *Context) error {
	ws := c.Workspace
	var reviews []*domain.Review
	var hyps []*domain.Hypothesis
	if err := b.store.View(func(tx domain.Tx) error {
		var err error
		if reviews, err = tx.Reviews().List(ws.ID); err != nil {
			return err
		}
		hyps, err = tx.Hypotheses().List(ws.ID)
		return err
	}); err != nil {
		return err
	}
	r := domain.OpenReviewOf(reviews)
	if r == nil {
		return domain.Errorf(domain.ECONFLICT, "review.none_open")
	}
	if err := r.Close(ws, c.From, c.now); err != nil {
		return err
	}
	c.Change(func(tx domain.Tx) error { return tx.Reviews().Put(r) })
	c.Reply(b.protocolText(c, r, domain.Protocol(r, hyps)))
	return nil
}

// protocolText renders who does what by when.
func (b *Bot) protocolText(c *Context, r *domain.Review, hs []*domain.Hypothesis) string {
	ws := c.Workspace
	var sb strings.Builder
	sb.WriteString(c.T("review.protocol_title", escape(r.Period.Label(c.Lang))))
	if len(hs) == 0 {
		return sb.String() + "\n" + c.T("review.protocol_empty")
	}
	for _, h := range hs {
		// The status shows what already happened to a hypothesis logged
		// during the review (confirmed, rejected) next to who owns it.
		fmt.Fprintf(&sb, "\n\n<b>%s</b> %s\n%s: %s %s · %s: %s · %s", h.Label(), escape(clipRunes(h.Text, 200)),
			c.T("review.owner"), escape(ws.DepartmentName(h.Department, c.Lang)), mentions(ws.Heads(h.Department)),
			c.T("review.by"), h.Deadline.Localize(c.Lang), escape(h.Status.Localize(c.Lang)))
	}
	return sb.String()
}

// onReviewButton handles the pack's close button (rv:end).
func (b *Bot) onReviewButton(c *Context, payload string) error {
	if payload != "end" {
		c.Answer(c.T("button.stale"), false)
		return nil
	}
	if err := c.Workspace.RequireCEO(c.From); err != nil {
		c.Answer(domain.UserMessage(c.Lang, err), true)
		return nil
	}
	return b.endReview(c)
}
