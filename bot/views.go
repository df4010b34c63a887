package bot

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"trackbot/domain"
)

// parseViewArgs reads "[segment] [week|month|quarter|w46]": the segment
// defaults to the first focus segment, the period to the last complete week;
// an unknown segment is an error with the usage text of the command.
func parseViewArgs(c *Context, usage string) (domain.Segment, domain.Period, error) {
	ws := c.Workspace
	words := strings.Fields(c.Args)
	kind := domain.PeriodWeek
	if n := len(words); n > 0 {
		if k, ok := domain.ParsePeriodKind(words[n-1]); ok {
			kind, words = k, words[:n-1]
		}
	}
	period := domain.PeriodOf(kind, ws.LastCompleteWeek(c.now))
	if n := len(words); n > 0 && kind == domain.PeriodWeek {
		// A week written out: /funnel dealers w46, /funnel 2026-W46.
		if w, err := domain.ParseWeekExpr(words[n-1], c.now, ws.Location()); err == nil {
			period, words = domain.WeekPeriod(w), words[:n-1]
		}
	}
	if len(words) == 0 {
		return ws.DefaultSegment(), period, nil
	}
	seg, ok := domain.MatchSegment(ws, strings.Join(words, " "))
	if !ok {
		return domain.Segment{}, period, domain.Errorf(domain.EINVALID, usage, segmentNames(ws, c.Lang))
	}
	return seg, period, nil
}

func segmentNames(ws *domain.Workspace, l domain.Lang) string {
	var names []string
	for _, s := range ws.Segments {
		if !s.Archived {
			names = append(names, s.Name.In(l))
		}
	}
	return strings.Join(names, ", ")
}

// records loads the workspace's records of the weeks from..to.
func (b *Bot) records(ws *domain.Workspace, from, to domain.Week) ([]domain.WeeklyRecord, error) {
	var recs []domain.WeeklyRecord
	err := b.store.View(func(tx domain.Tx) error {
		var err error
		recs, err = tx.Records().Range(ws.ID, "", from, to)
		return err
	})
	return recs, err
}

// funnelCmd shows a segment's funnel for a period: the picture against the
// previous period, and the numbers as a compact table.
func (b *Bot) funnelCmd(c *Context) error {
	ws := c.Workspace
	seg, period, err := parseViewArgs(c, "funnel.usage")
	if err != nil {
		return err
	}
	prev := period.Previous()
	// The earlier periods are the noise a change is judged against.
	recs, err := b.records(ws, domain.HistoryFrom(period), period.To)
	if err != nil {
		return err
	}
	cur := domain.BuildReport(ws, seg.Key, period, recs)
	before := domain.BuildReport(ws, seg.Key, prev, recs)
	earlier := domain.EarlierReports(ws, seg.Key, period, recs)
	if cur.Weeks == 0 {
		c.Reply(c.T("funnel.no_data", escape(seg.Name.In(c.Lang)), escape(period.Label(c.Lang)), escape(logExample(ws, c.Lang))))
		return nil
	}
	png, err := b.charts.Funnel(ws, cur, before, earlier, prev.Label(c.Lang))
	if err != nil {
		return err
	}
	c.Queue(&domain.OutboxJob{Kind: domain.SendPhoto, ReplyTo: c.Message.MessageID, Priority: domain.PriorityReply,
		Files: []domain.Attachment{{Name: "funnel.png", Data: png,
			Caption: c.T("funnel.caption", escape(seg.Name.In(c.Lang)), escape(period.Label(c.Lang)))}}})
	plan, err := b.planBlock(ws, c.Lang, seg.Key, domain.PlanAsOf(period, ws.LastCompleteWeek(c.now)))
	if err != nil {
		return err
	}
	c.Say(funnelTable(ws, c.Lang, cur) + plan)
	return nil
}

// funnelTable renders a report as a monospace table about 32 characters
// wide, so it fits a phone screen without wrapping.
func funnelTable(ws *domain.Workspace, l domain.Lang, r domain.FunnelReport) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "<b>%s · %s</b>\n<pre>", escape(r.Segment.Name.In(l)), escape(r.Period.Label(l)))
	fmt.Fprintf(&sb, "%s %8s %6s\n", pad(domain.Text(l, "funnel.col_stage"), 14), domain.Text(l, "funnel.col_count"), domain.Text(l, "funnel.col_conv"))
	for _, f := range r.Stages {
		count := domain.NoValue
		if f.Reported {
			count = domain.FormatCount(f.Count)
		}
		fmt.Fprintf(&sb, "%s %8s %6s\n", escape(pad(f.Stage.Name.In(l), 14)), count, domain.FormatPercent(f.Conv, l))
	}
	sb.WriteString("</pre>")
	cur := ws.Currency
	fmt.Fprintf(&sb, "\n%s: %s · %s: %s\n%s: %s · %s: %s\nROMI: %s · %s: %s",
		domain.Text(l, "funnel.cpl"), domain.FormatMoneyValue(r.CPL, cur, l),
		domain.Text(l, "funnel.cac"), domain.FormatMoneyValue(r.CAC, cur, l),
		domain.Text(l, "funnel.avg_check"), domain.FormatMoneyValue(r.AvgCheck, cur, l),
		domain.Text(l, "funnel.spend"), domain.FormatMoney(r.Spend.Units(), cur, l),
		domain.FormatPercent(r.ROMI, l),
		domain.Text(l, "funnel.non_target"), domain.FormatPercent(r.NonTargetShare, l))
	return sb.String()
}

// pad cuts or pads s to n runes.
func pad(s string, n int) string {
	if utf8.RuneCountInString(s) > n {
		return clipRunes(s, n)
	}
	return s + strings.Repeat(" ", n-utf8.RuneCountInString(s))
}

// focusCmd compares each segment's share of effort with its share of the
// money, for the focus period of the last complete week (or of its month
// or quarter), and flags misfocus.
func (b *Bot) focusCmd(c *Context) error {
	ws := c.Workspace
	kind := domain.PeriodWeek
	if k, ok := domain.ParsePeriodKind(strings.TrimSpace(c.Args)); ok {
		kind = k
	}
	period := domain.FocusPeriod(domain.PeriodOf(kind, ws.LastCompleteWeek(c.now)))
	recs, err := b.records(ws, period.From, period.To)
	if err != nil {
		return err
	}
	if len(recs) == 0 {
		c.Reply(c.T("focus.no_data", escape(period.Label(c.Lang))) + b.focusPositioning(c))
		return nil
	}
	rows := domain.FocusCheck(ws, period, recs)
	png, err := b.charts.SegmentMix(ws, period, rows)
	if err != nil {
		return err
	}
	c.Queue(&domain.OutboxJob{Kind: domain.SendPhoto, ReplyTo: c.Message.MessageID, Priority: domain.PriorityReply,
		Files: []domain.Attachment{{Name: "focus.png", Data: png, Caption: c.T("focus.caption", escape(period.Label(c.Lang)))}}})
	c.Say(focusTable(c.Lang, period, rows) + b.focusPositioning(c))
	return nil
}

func focusTable(l domain.Lang, p domain.Period, rows []domain.FocusRow) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s\n<pre>", domain.Text(l, "focus.title", escape(p.Label(l))))
	fmt.Fprintf(&sb, "%s %5s %5s %5s %5s\n", pad(domain.Text(l, "focus.col_segment"), 11),
		domain.Text(l, "focus.col_leads"), domain.Text(l, "focus.col_spend"), domain.Text(l, "focus.col_revenue"), domain.Text(l, "focus.col_gp"))
	var flagged []string
	for _, r := range rows {
		name := r.Segment.Name.In(l)
		mark := " "
		if r.Segment.Focus {
			mark = "*"
		}
		if r.Misfocus {
			mark = "!"
			flagged = append(flagged, name)
		}
		fmt.Fprintf(&sb, "%s%s %5s %5s %5s %5s\n", mark, escape(pad(name, 10)),
			domain.FormatPercent(r.LeadsShare, l), domain.FormatPercent(r.SpendShare, l),
			domain.FormatPercent(r.RevenueShare, l), domain.FormatPercent(r.GrossProfitShare, l))
	}
	sb.WriteString("</pre>")
	sb.WriteString("\n" + domain.Text(l, "focus.legend"))
	if len(flagged) > 0 {
		sb.WriteString("\n\n" + domain.Text(l, "focus.misfocus", escape(strings.Join(flagged, ", "))))
	}
	return sb.String()
}
