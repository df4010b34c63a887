package bot

import (
	"fmt"
	"strings"
	"time"

	"trackbot/domain"
)

// Snapshot limits.
const (
	// snapshotTrendWeeks is how many weeks the snapshot's trend chart shows.
	snapshotTrendWeeks = 8
	// snapshotChanges is how many notable changes a segment's headline lists.
	snapshotChanges = 3
	// maxMediaGroup is Telegram's limit of photos in one media group.
	maxMediaGroup = 10
	// digestTextRunes shortens a hypothesis's text in the digest.
	digestTextRunes = 120
)

// buildPost returns the jobs of a scheduled post for the run at run, in
// the workspace's chat and the post's topic; none when there is nothing to say (all numbers in,
// no hypothesis due). The jobs fit Telegram's limits (see fitJob).
func (b *Bot) buildPost(ws *domain.Workspace, kind domain.ScheduleKind, run time.Time) ([]*domain.OutboxJob, error) {
	sub := domain.SubjectOf(kind, run, ws.Location())
	var jobs []*domain.OutboxJob
	var err error
	switch kind {
	case domain.ScheduleSnapshot:
		jobs, err = b.snapshotPost(ws, sub.Week, sub.Day)
	case domain.ScheduleReminder:
		jobs, err = b.reminderPost(ws, sub.Week)
	case domain.ScheduleDigest:
		jobs, err = b.digestPost(ws, sub.Day)
	default:
		err = fmt.Errorf("unknown schedule kind %q", kind)
	}
	jobs = fitJobs(jobs)
	for _, j := range jobs {
		j.ThreadID = ws.Topic(domain.PostOf(kind)) // where a CEO directed it
	}
	return jobs, err
}

// postJob is a bulk text message to the workspace's chat.
func postJob(ws *domain.Workspace, text string) *domain.OutboxJob {
	return &domain.OutboxJob{
		Workspace: ws.ID,
		ChatID:    ws.ChatID,
		Priority:  domain.PriorityBulk,
		Kind:      domain.SendText,
		Text:      text,
	}
}

// snapshotData is what the snapshot of a week reads from the store.
type snapshotData struct {
	records    []domain.WeeklyRecord
	hypotheses []*domain.Hypothesis
}

func (b *Bot) readSnapshotData(ws *domain.Workspace, week domain.Week) (snapshotData, error) {
	var d snapshotData
	err := b.store.View(func(tx domain.Tx) error {
		var err error
		// The trend shows snapshotTrendWeeks; the changes are judged
		// against the noise of the weeks a review reads too.
		d.records, err = tx.Records().Range(ws.ID, "", week.Add(-max(snapshotTrendWeeks-1, domain.ReviewHistoryWeeks)), week)
		if err != nil {
			return err
		}
		d.hypotheses, err = tx.Hypotheses().List(ws.ID)
		return err
	})
	return d, err
}

// snapshotPost is the weekly snapshot of week: a headline per focus
// segment with its key numbers and their change against the week before,
// the misfocus when a segment takes more effort than the money it brings,
// the hypotheses in one line, then the funnel and trend charts (and the
// segment mix when there is a misfocus). A chart with too little data is
// left out and the text says why.
func (b *Bot) snapshotPost(ws *domain.Workspace, week domain.Week, today domain.Date) ([]*domain.OutboxJob, error) {
	data, err := b.readSnapshotData(ws, week)
	if err != nil {
		return nil, err
	}
	l := ws.Lang
	var sb strings.Builder
	sb.WriteString(domain.Text(l, "snapshot.title", domain.WeekPeriod(week).Label(l)))
	segments := ws.FocusSegments()
	if len(segments) > 0 && !segments[0].Focus {
		sb.WriteString("\n" + domain.Text(l, "snapshot.no_focus", escape(segments[0].Name.In(l))))
	}
	var photos []domain.Attachment
	var gaps []domain.ChartGap
	for _, seg := range segments {
		cur := domain.BuildReport(ws, seg.Key, domain.WeekPeriod(week), data.records)
		if cur.Weeks == 0 {
			continue
		}
		prev := domain.BuildReport(ws, seg.Key, domain.WeekPeriod(week.Add(-1)), data.records)
		earlier := domain.EarlierReports(ws, seg.Key, domain.WeekPeriod(week), data.records)
		sb.WriteString("\n\n" + segmentHeadline(ws, cur, prev, earlier))
		plan, err := b.planBlock(ws, l, seg.Key, week)
		if err != nil {
			return nil, err
		}
		sb.WriteString(plan)
		charts, missing, err := b.snapshotCharts(ws, seg, week, cur, prev, earlier, data.records)
		if err != nil {
			return nil, err
		}
		photos = append(photos, charts...)
		gaps = append(gaps, missing...)
	}
	if len(photos) == 0 && len(gaps) == 0 {
		sb.WriteString("\n\n" + domain.Text(l, "snapshot.no_numbers", escape(week.String())))
	}
	mix, err := b.misfocus(ws, week, data.records, &sb)
	if err != nil {
		return nil, err
	}
	photos = append(photos, mix...)
	if note := domain.ChartGapsText(l, domain.WeekPeriod(week), gaps); note != "" {
		sb.WriteString("\n\n" + note)
	}
	if line := hypothesesLine(ws, data.hypotheses, week, today); line != "" {
		sb.WriteString("\n\n" + line)
	}
	if line := b.failingSourcesLine(ws); line != "" {
		sb.WriteString("\n\n" + line)
	}
	jobs := []*domain.OutboxJob{postJob(ws, sb.String())}
	if media := photosJob(ws, photos); media != nil {
		jobs = append(jobs, media)
	}
	return jobs, nil
}

// misfocus writes the focus check's warning when a segment takes clearly
// more leads, spend or sales effort than the money it brings over the
// focus period of week, and returns the segment mix that shows it; nothing
// when the effort goes where the money is.
func (b *Bot) misfocus(ws *domain.Workspace, week domain.Week, recs []domain.WeeklyRecord, sb *strings.Builder) ([]domain.Attachment, error) {
	period := domain.FocusPeriod(domain.WeekPeriod(week))
	rows := domain.FocusCheck(ws, period, recs)
	var flagged []string
	for _, r := range rows {
		if r.Misfocus {
			flagged = append(flagged, r.Segment.Name.In(ws.Lang))
		}
	}
	if len(flagged) == 0 {
		return nil, nil
	}
	sb.WriteString("\n\n" + domain.Text(ws.Lang, "focus.misfocus", escape(strings.Join(flagged, ", "))))
	png, err := b.charts.SegmentMix(ws, period, rows)
	if err != nil {
		return nil, err
	}
	return []domain.Attachment{{Name: "mix-" + week.String() + ".png", Data: png,
		Caption: domain.Text(ws.Lang, "focus.caption", escape(period.Label(ws.Lang)))}}, nil
}

// segmentHeadline is a segment's key numbers with their week-on-week
// change, then the changes significant against the earlier weeks' noise.
func segmentHeadline(ws *domain.Workspace, cur, prev domain.FunnelReport, earlier []domain.FunnelReport) string {
	l := ws.Lang
	lines := []string{domain.Text(l, "snapshot.segment", escape(cur.Segment.Name.In(l)))}
	for _, role := range []domain.StageRole{domain.RoleLeads, domain.RoleQualified, domain.RolePaid} {
		f, ok := cur.RoleFigure(role)
		if !ok {
			continue
		}
		var before domain.Value
		if p, ok := prev.RoleFigure(role); ok {
			before = domain.Some(float64(p.Count))
		}
		lines = append(lines, figureLine(l, escape(f.Stage.Name.In(l)), domain.FormatCount(f.Count), domain.Some(float64(f.Count)), before))
	}
	money := func(m domain.Money, has bool) domain.Value {
		if !has {
			return domain.None
		}
		return domain.Some(m.Units())
	}
	revenue := money(cur.Revenue, cur.Weeks > 0)
	lines = append(lines, figureLine(l, domain.MetricLabel(ws, domain.MetricRevenue, l),
		domain.FormatMoneyValue(revenue, escape(ws.Currency), l), revenue, money(prev.Revenue, prev.Weeks > 0)))
	lines = append(lines, figureLine(l, domain.MetricLabel(ws, domain.MetricCPL, l),
		domain.FormatMoneyValue(cur.CPL, escape(ws.Currency), l), cur.CPL, prev.CPL))
	if changes := notableChanges(ws, cur, prev, earlier); len(changes) > 0 {
		lines = append(lines, domain.Text(l, "snapshot.changes"))
		lines = append(lines, changes...)
	}
	return strings.Join(lines, "\n")
}

// figureLine is "Leads: 120 (+12% w/w)", or without the change when the
// week before has no number to compare with.
func figureLine(l domain.Lang, label, shown string, now, before domain.Value) string {
	change := domain.RelativeChange(now, before)
	if !change.OK {
		return domain.Text(l, "snapshot.figure.new", label, shown)
	}
	return domain.Text(l, "snapshot.figure", label, shown, domain.FormatDelta(change.V, l))
}

// notableChanges lists the significant changes against the week before,
// the bad ones first.
func notableChanges(ws *domain.Workspace, cur, prev domain.FunnelReport, earlier []domain.FunnelReport) []string {
	var bad, good []string
	for _, c := range domain.Compare(cur, prev, earlier) {
		if !c.Significant {
			continue
		}
		line := fmt.Sprintf("• %s: %s → %s (%s)", escape(c.Label(ws, ws.Lang)),
			escape(domain.FormatMetricValue(c.Metric, c.Before, ws.Currency, ws.Lang)),
			escape(domain.FormatMetricValue(c.Metric, c.Now, ws.Currency, ws.Lang)),
			c.DeltaText(ws.Lang))
		if c.Worse {
			bad = append(bad, "🔻 "+line[len("• "):])
		} else {
			good = append(good, line)
		}
	}
	all := append(bad, good...)
	return all[:min(len(all), snapshotChanges)]
}

// snapshotCharts draws a segment's funnel against the week before and its
// conversion trend, when the trend has enough weeks; it returns the charts
// left out.
func (b *Bot) snapshotCharts(ws *domain.Workspace, seg domain.Segment, week domain.Week, cur, prev domain.FunnelReport, earlier []domain.FunnelReport, recs []domain.WeeklyRecord) ([]domain.Attachment, []domain.ChartGap, error) {
	if !cur.HasFigures() {
		return nil, []domain.ChartGap{{Chart: domain.ChartFunnel, Segment: seg, Reason: domain.GapNoFigures}}, nil
	}
	funnel, err := b.charts.Funnel(ws, cur, prev, earlier, prev.Period.Label(ws.Lang))
	if err != nil {
		return nil, nil, err
	}
	photos := []domain.Attachment{{Name: "funnel-" + week.String() + ".png", Data: funnel, Caption: escape(cur.Segment.Name.In(ws.Lang))}}
	var weekly []domain.FunnelReport
	for _, w := range domain.LastWeeks(week, snapshotTrendWeeks).Weeks() {
		weekly = append(weekly, domain.BuildReport(ws, seg.Key, domain.WeekPeriod(w), recs))
	}
	if gap, ok := domain.TrendGap(seg, weekly); !ok {
		return photos, []domain.ChartGap{gap}, nil
	}
	trend, err := b.charts.Trend(ws, weekly)
	if err != nil {
		return nil, nil, err
	}
	return append(photos, domain.Attachment{Name: "trend-" + week.String() + ".png", Data: trend}), nil, nil
}

// photosJob sends the charts as one photo or one media group; nil for none.
func photosJob(ws *domain.Workspace, photos []domain.Attachment) *domain.OutboxJob {
	if len(photos) == 0 {
		return nil
	}
	job := &domain.OutboxJob{
		Workspace: ws.ID,
		ChatID:    ws.ChatID,
		Priority:  domain.PriorityBulk,
		Kind:      domain.SendMediaGroup,
		Files:     photos[:min(len(photos), maxMediaGroup)],
	}
	if len(photos) == 1 {
		job.Kind = domain.SendPhoto
	}
	return job
}

// hypothesesLine sums up the hypotheses for the snapshot in one line;
// empty when the workspace has none to mention.
func hypothesesLine(ws *domain.Workspace, hyps []*domain.Hypothesis, week domain.Week, today domain.Date) string {
	t := domain.TallyHypotheses(hyps, week, today, ws.Location())
	if t.Empty() {
		return ""
	}
	return domain.Text(ws.Lang, "snapshot.hypotheses", t.InWork, t.Overdue, t.Awaiting, t.Closed)
}

// reminderPost mentions the heads whose numbers for week are missing;
// nothing when all are in. It is a prompt asking for the week's numbers
// (the week in its title and the words "reply to this message" carry the
// link), so a head's reply with the numbers is read as /log for that week.
func (b *Bot) reminderPost(ws *domain.Workspace, week domain.Week) ([]*domain.OutboxJob, error) {
	var recs []domain.WeeklyRecord
	err := b.store.View(func(tx domain.Tx) error {
		var err error
		recs, err = tx.Records().Range(ws.ID, "", week, week)
		return err
	})
	if err != nil {
		return nil, err
	}
	missing := domain.MissingReports(ws, week, recs)
	if len(missing) == 0 {
		return nil, nil
	}
	l := ws.Lang
	asks := domain.NumbersPrompt(ws.ID, week)
	lines := []string{domain.Text(l, "reminder.title", b.promptLink(asks, week.String()))}
	for _, m := range missing {
		var segs []string
		for _, s := range m.Segments {
			segs = append(segs, escape(s.Name.In(l)))
		}
		who := domain.Text(l, "reminder.no_head")
		if len(m.Heads) > 0 {
			who = mentions(m.Heads)
		}
		lines = append(lines, domain.Text(l, "reminder.line", escape(m.Department.Name.In(l)), strings.Join(segs, ", "), who))
	}
	lines = append(lines, "", domain.Text(l, "reminder.how", b.promptLink(asks, domain.Text(l, "log.reply_here"))))
	return []*domain.OutboxJob{postJob(ws, strings.Join(lines, "\n"))}, nil
}

// digestPost lists the hypotheses overdue or due today or tomorrow;
// nothing when none is.
func (b *Bot) digestPost(ws *domain.Workspace, today domain.Date) ([]*domain.OutboxJob, error) {
	var hyps []*domain.Hypothesis
	err := b.store.View(func(tx domain.Tx) error {
		var err error
		hyps, err = tx.Hypotheses().List(ws.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	due := domain.DueSoon(hyps, today)
	if due.Empty() {
		return nil, nil
	}
	l := ws.Lang
	lines := []string{domain.Text(l, "digest.title")}
	for _, part := range []struct {
		key  string
		hyps []*domain.Hypothesis
	}{{"digest.overdue", due.Overdue}, {"digest.today", due.Today}, {"digest.tomorrow", due.Tomorrow}} {
		if len(part.hyps) == 0 {
			continue
		}
		lines = append(lines, "", domain.Text(l, part.key))
		for _, h := range part.hyps {
			lines = append(lines, digestItem(ws, h))
		}
	}
	return []*domain.OutboxJob{postJob(ws, strings.Join(lines, "\n"))}, nil
}

// digestItem is "• H-3 — text (Sales, @head, 27 Mar 2026)".
func digestItem(ws *domain.Workspace, h *domain.Hypothesis) string {
	l := ws.Lang
	who := []string{h.Department}
	if d, ok := ws.Department(h.Department); ok {
		who[0] = d.Name.In(l)
	}
	who[0] = escape(who[0])
	if heads := ws.Heads(h.Department); len(heads) > 0 {
		who = append(who, mentions(heads))
	}
	who = append(who, escape(h.Deadline.Localize(l)))
	return domain.Text(l, "digest.item", escape(h.Label()), escape(clipRunes(h.Text, digestTextRunes)), strings.Join(who, ", "))
}
