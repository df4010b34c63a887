package domain

import (
	"fmt"
	"html"
	"strings"
)

// A review pack is what /review posts, and what `trackbot demo` writes: the
// headline numbers of each reviewed segment, the pictures of one media
// group, the tracker questions with the heads mentioned, and the
// hypotheses block. The texts are built here, in the chat's HTML; the
// pictures come from the charts package.

// ReviewHistoryWeeks is how far back a review reads records: the trend
// chart shows twelve weeks, and the focus question compares the last four
// with the four before them.
const ReviewHistoryWeeks = 12

// maxMoves keeps a segment's headline short: the questions go deeper.
const maxMoves = 4

// maxDigestLines keeps each list of the hypotheses block short.
const maxDigestLines = 8

// ReviewPack is what a review posts, ready for the chat: HTML texts in the
// workspace's language and the pictures of one media group.
type ReviewPack struct {
	Headline   string
	Pictures   []Attachment
	Questions  string
	Hypotheses string
	// Asked are the tracker questions Questions shows, in its order: the
	// review keeps them with their answers, and the "why this question"
	// buttons find them by their Key. Numbers is the headline's numbers of
	// each reviewed segment, for the protocol.
	Asked   []Question
	Numbers string
}

// ReviewTexts composes the texts of the review of period p for one segment
// (or the focus segments when segment is empty) from the stored numbers
// and hypotheses; Pictures is left for the charts to fill.
func ReviewTexts(ws *Workspace, segment string, p Period, recs []WeeklyRecord,
	hyps []*Hypothesis, lastClosed *Review, today Date) ReviewPack {
	l := ws.Lang
	var sb strings.Builder
	sb.WriteString(Text(l, "review.title", esc(p.Label(l))))
	var numbers []string
	for _, s := range ws.ReviewSegments(segment) {
		numbers = append(numbers, reviewHeadline(ws, l, s, p, recs)+PlanBlock(ws, l, s.Key, PlanAsOf(p, today.Week().Add(-1)), recs))
	}
	if len(numbers) > 0 {
		sb.WriteString("\n\n" + strings.Join(numbers, "\n\n"))
	}
	qs := WithPlanQuestions(ws, segment, p, today, recs, TrackerQuestions(ws, segment, p, recs))
	if line := StakeHeadline(ws, qs, l); line != "" {
		sb.WriteString("\n\n" + esc(line))
	}
	judge := func(h *Hypothesis) Verdict { return JudgeHypothesis(ws, h, p.To, recs) }
	return ReviewPack{
		Headline:   sb.String(),
		Questions:  questionsText(ws, l, qs),
		Hypotheses: digestText(ws, l, DigestHypotheses(hyps, lastClosed, today), today, judge),
		Asked:      qs,
		Numbers:    strings.Join(numbers, "\n\n"),
	}
}

// Messages returns the pack's text messages in the order the chat shows
// them: the headline, then its FollowUps.
func (p ReviewPack) Messages() []string {
	return append([]string{p.Headline}, p.FollowUps()...)
}

// PlainText returns the pack's texts without markup, as a reader sees them.
func (p ReviewPack) PlainText() string {
	var out []string
	for _, m := range p.Messages() {
		out = append(out, StripTags(m))
	}
	return strings.Join(out, "\n\n――――――――\n\n") + "\n"
}

// reviewHeadline sums up one segment: the key counts and money with their
// change week over week (or month over month) and against the 4-week
// baseline, then the significant moves.
func reviewHeadline(ws *Workspace, l Lang, s Segment, p Period, recs []WeeklyRecord) string {
	cur := BuildReport(ws, s.Key, p, recs)
	prev := BuildReport(ws, s.Key, p.Previous(), recs)
	var sb strings.Builder
	fmt.Fprintf(&sb, "<b>%s</b>", esc(s.Name.In(l)))
	if cur.Weeks == 0 {
		return sb.String() + "\n" + Text(l, "review.segment_no_data")
	}
	var base *FunnelReport
	if p.Kind == PeriodWeek {
		r := Baseline(ws, s.Key, p.From, recs)
		if r.Weeks > 0 {
			base = &r
		}
	}
	for _, role := range []StageRole{RoleLeads, RoleQualified, RolePaid} {
		f, ok := cur.RoleFigure(role)
		if !ok {
			continue
		}
		was, _ := prev.RoleFigure(role)
		line := fmt.Sprintf("\n%s: <b>%s</b> (%s", esc(f.Stage.Name.In(l)), FormatCount(f.Count),
			countDelta(f.Count, was.Count, l, "review.vs_previous"))
		if base != nil {
			b, _ := base.RoleFigure(role)
			line += ", " + countDelta(f.Count*int64(base.Weeks), b.Count, l, "review.vs_baseline")
		}
		sb.WriteString(line + ")")
	}
	fmt.Fprintf(&sb, "\n%s", Text(l, "review.money",
		FormatMoney(cur.Revenue.Units(), ws.Currency, l), FormatMoneyValue(cur.CPL, ws.Currency, l),
		FormatPercent(cur.ROMI, l), FormatPercent(cur.NonTargetShare, l)))
	moves := significantMoves(ws, l, cur, prev, base, EarlierReports(ws, s.Key, p, recs))
	if len(moves) > 0 {
		sb.WriteString("\n" + Text(l, "review.moves") + "\n" + strings.Join(moves, "\n"))
	}
	return sb.String()
}

// countDelta formats a count's change in percent with what it is against;
// the baseline's count is a four-week sum, so the caller scales now to it.
func countDelta(now, before int64, l Lang, against string) string {
	change := RelativeChange(Some(float64(now)), Some(float64(before)))
	if !change.OK {
		return Text(l, against, NoValue)
	}
	return Text(l, against, FormatDelta(change.V, l))
}

// significantMoves lists the significant changes against the previous
// period and the baseline, worst first, one line per metric, judged
// against the noise of the earlier periods.
func significantMoves(ws *Workspace, l Lang, cur, prev FunnelReport, base *FunnelReport, earlier []FunnelReport) []string {
	type move struct {
		c         Change
		prev, bas string
		worse     bool
	}
	var moves []*move
	byMetric := map[Metric]*move{}
	add := func(changes []Change, baseline bool) {
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
	add(Compare(cur, prev, earlier), false)
	if base != nil {
		add(Compare(cur, *base, earlier), true)
	}
	var out []string
	for _, m := range moves[:min(len(moves), maxMoves)] {
		parts := []string{}
		if m.prev != "" {
			parts = append(parts, Text(l, "review.vs_previous", m.prev))
		}
		if m.bas != "" {
			parts = append(parts, Text(l, "review.vs_baseline", m.bas))
		}
		bullet := "•"
		if m.worse {
			bullet = "⚠"
		}
		out = append(out, fmt.Sprintf("%s %s %s (%s)", bullet, esc(m.c.Label(ws, l)),
			FormatMetricValue(m.c.Metric, m.c.Now, ws.Currency, l), strings.Join(parts, ", ")))
	}
	return out
}

// questionsText renders the tracker questions, each addressed to the
// heads of the department (or the department's name when it has none).
func questionsText(ws *Workspace, l Lang, qs []Question) string {
	if len(qs) == 0 {
		return Text(l, "review.no_questions")
	}
	var sb strings.Builder
	sb.WriteString(Text(l, "review.questions_title"))
	for i, q := range qs {
		to := "<b>" + esc(ws.DepartmentName(q.Department, l)) + "</b>"
		if heads := ws.Heads(q.Department); len(heads) > 0 {
			to = Mentions(heads)
		}
		fmt.Fprintf(&sb, "\n\n%d. %s, %s", i+1, to, esc(q.Text(ws, l)))
	}
	return sb.String()
}

// digestText renders the hypotheses block of the pack; judge measures a
// hypothesis waiting for a CEO's verdict on the review's numbers.
func digestText(ws *Workspace, l Lang, d HypothesisDigest, today Date, judge func(*Hypothesis) Verdict) string {
	if d.Empty() {
		return Text(l, "review.no_hypotheses")
	}
	var sb strings.Builder
	sb.WriteString(Text(l, "review.hyps_title"))
	section := func(key string, hs []*Hypothesis, line func(*Hypothesis) string) {
		if len(hs) == 0 {
			return
		}
		sb.WriteString("\n\n" + Text(l, key, len(hs)))
		for _, h := range hs[:min(len(hs), maxDigestLines)] {
			sb.WriteString("\n" + line(h))
		}
	}
	section("review.overdue", d.Overdue, func(h *Hypothesis) string {
		return HypothesisLine(ws, h, l, today) + " " + Mentions(ws.Heads(h.Department))
	})
	section("review.awaiting", d.Awaiting, func(h *Hypothesis) string {
		line := HypothesisLine(ws, h, l, today) + "\n   " + Text(l, "review.result", esc(Shorten(h.Result, 200)))
		if v := judge(h); v.Measured.OK {
			line += "\n   " + Text(l, "review.verdict", v.Kind, FormatMetricValue(h.Metric, v.Baseline, ws.Currency, l),
				FormatMetricValue(h.Metric, v.Measured, ws.Currency, l), v.Noise)
		}
		return line
	})
	section("review.results", d.Results, func(h *Hypothesis) string {
		line := HypothesisLine(ws, h, l, today)
		if h.Status == StatusConfirmed || h.Status == StatusRejected {
			line += "\n   " + Text(l, "review.outcome", FormatMetricValue(h.Metric, h.Baseline, ws.Currency, l),
				FormatMetricValue(h.Metric, h.Measured, ws.Currency, l))
			if h.Verdict != "" {
				line += " · " + h.Verdict.Localize(l)
			}
		}
		return line
	})
	return sb.String()
}

// esc makes a user-supplied string safe inside a chat message's HTML.
func esc(s string) string { return html.EscapeString(s) }
