package domain

import (
	"strings"
	"testing"
	"time"
)

// packWorkspace has the default funnel, a focus segment whose name needs
// escaping, a second segment and heads for both departments.
func packWorkspace() *Workspace {
	ws := NewWorkspace(-100, "Acme", English, "UTC", Person{UserID: 1, Name: "CEO"}, time.Time{})
	ws.Segments = []Segment{
		{Key: "a", Name: Name{En: "A&B dealers"}, Focus: true},
		{Key: "b", Name: Name{En: "Retail"}},
	}
	ws.Members = append(ws.Members,
		Member{UserID: 2, Name: "Mark", Username: "mark", HeadOf: []string{DeptMarketing}},
		Member{UserID: 3, Name: "Sam <S>", HeadOf: []string{DeptSales}})
	return ws
}

func TestReviewTexts_HeadlineQuestionsAndHypotheses(t *testing.T) {
	ws := packWorkspace()
	week := wk(2026, 10)
	var recs []WeeklyRecord
	for i := 1; i <= 4; i++ { // a steady baseline: 200 leads, 60 meetings of 120 qualified
		recs = append(recs, record("a", week.Add(-i), funnel(200, 120, 60, 40, 20, 18)))
	}
	recs = append(recs, record("a", week, funnel(100, 60, 12, 8, 4, 4))) // leads halved, meetings fell
	today := Date{2026, time.March, 10}
	overdue := &Hypothesis{Number: 3, Text: "Call <back> fast", Department: DeptSales, Status: StatusInProgress,
		Deadline: Date{2026, time.March, 1}}
	pack := ReviewTexts(ws, "", WeekPeriod(week), recs, []*Hypothesis{overdue}, nil, today)

	for _, want := range []string{
		"<b>Review · 2026-W10</b>",
		"<b>A&amp;B dealers</b>",
		"Leads: <b>100</b> (−50% w/w, −50% vs 4 wk)",
		"Paid: <b>4</b> (−78% w/w, −78% vs 4 wk)",
		"Significant moves:",
		"⚠ Qualified → Meetings 20% (▼ −30" + GroupSeparator + "pp w/w, ▼ −30" + GroupSeparator + "pp vs 4 wk)",
	} {
		if !strings.Contains(pack.Headline, want) {
			t.Errorf("headline lacks %q:\n%s", want, pack.Headline)
		}
	}
	if strings.Contains(pack.Headline, "Retail") {
		t.Errorf("headline reviews a segment not in focus:\n%s", pack.Headline)
	}
	// The head without a username is linked by id, the name escaped.
	if want := `<a href="tg://user?id=3">Sam &lt;S&gt;</a>, Conversion Qualified → Meetings`; !strings.Contains(pack.Questions, want) {
		t.Errorf("questions lack %q:\n%s", want, pack.Questions)
	}
	if want := "<b>H-3</b> · in progress · Sales · ⚠ 1 Mar 2026 — Call &lt;back&gt; fast"; !strings.Contains(pack.Hypotheses, want) {
		t.Errorf("hypotheses lack %q:\n%s", want, pack.Hypotheses)
	}
	if pack.Pictures != nil {
		t.Errorf("ReviewTexts drew %d pictures, want none: the charts draw them", len(pack.Pictures))
	}

	plain := pack.PlainText()
	if !strings.Contains(plain, "A&B dealers") || !strings.Contains(plain, "Call <back> fast") ||
		strings.Contains(plain, "<b>") || strings.Contains(plain, "&lt;") || strings.Contains(plain, "<a href") {
		t.Errorf("plain text keeps markup or loses text:\n%s", plain)
	}
	// The questions are answered by replying to their message, so they
	// keep one of their own: three messages, two separators.
	if got, want := strings.Count(plain, "――――――――"), len(pack.Messages())-1; got != want || want != 2 {
		t.Errorf("plain text has %d separators, want %d between %d messages", got, want, len(pack.Messages()))
	}
}

// A 7% wobble of ROMI on a steady funnel is the noise the questions leave
// alone: the headline does not list it as a significant move either.
func TestReviewTexts_HeadlineLeavesOutNoise(t *testing.T) {
	ws := packWorkspace()
	week := wk(2026, 20)
	var recs []WeeklyRecord
	for i := 1; i <= 10; i++ {
		r := record("a", week.Add(-i), funnel(200, 120, 60, 40, 20, 18))
		r.Spend, r.Revenue, r.Margin, r.HasMargin = rub(1_000_000), rub(10_500_000+int64(i%3)*300_000), 0.5, true
		recs = append(recs, r)
	}
	recs[0].Revenue = rub(10_820_000) // ROMI 441% the week before
	cur := record("a", week, funnel(200, 120, 60, 40, 20, 18))
	cur.Spend, cur.Revenue, cur.Margin, cur.HasMargin = rub(1_000_000), rub(10_220_000), 0.5, true // ROMI 411%
	pack := ReviewTexts(ws, "", WeekPeriod(week), append(recs, cur), nil, nil, Date{2026, time.May, 18})
	if !strings.Contains(pack.Headline, "ROMI 411%") || strings.Contains(pack.Headline, "Significant moves") {
		t.Errorf("headline of a steady week lists moves or lacks ROMI 411%%:\n%s", pack.Headline)
	}
}

func TestReviewTexts_NamedSegmentAndNothingToSay(t *testing.T) {
	ws := packWorkspace()
	week := wk(2026, 10)
	recs := []WeeklyRecord{record("b", week, funnel(10, 5, -1, -1, 2, 1))}
	// A draft is nobody's work yet: even past its deadline it is not listed.
	draft := &Hypothesis{Text: "not yet published", Department: DeptSales, Status: StatusDraft, Deadline: Date{2026, time.March, 1}}
	pack := ReviewTexts(ws, "b", WeekPeriod(week), recs, []*Hypothesis{draft}, nil, Date{2026, time.March, 10})
	if !strings.Contains(pack.Headline, "<b>Retail</b>") || strings.Contains(pack.Headline, "dealers") {
		t.Errorf("headline of /review retail:\n%s", pack.Headline)
	}
	if pack.Questions != Text(English, "review.no_questions") || pack.Hypotheses != Text(English, "review.no_hypotheses") {
		t.Errorf("questions %q, hypotheses %q; want the texts for nothing to ask and no hypotheses", pack.Questions, pack.Hypotheses)
	}
	// With nothing to answer, "no questions" and the hypotheses share a
	// message.
	if n := len(pack.Messages()); n != 2 || len(pack.Asked) != 0 {
		t.Errorf("a pack without questions is %d messages, asks %d", n, len(pack.Asked))
	}
}

func TestMentionAndShorten(t *testing.T) {
	if got := Mention(Member{UserID: 7, Username: "a_b"}); got != "@a_b" {
		t.Errorf("Mention with username = %q", got)
	}
	if got := Mention(Member{UserID: 7}); got != `<a href="tg://user?id=7">7</a>` {
		t.Errorf("Mention without name = %q", got)
	}
	if got := Mentions(nil); got != "—" {
		t.Errorf("Mentions(nil) = %q", got)
	}
	if got := Shorten("Привет, мир", 7); got != "Привет…" {
		t.Errorf("Shorten = %q, want 7 runes ending with …", got)
	}
	if got := Shorten("short", 5); got != "short" {
		t.Errorf("Shorten kept %q", got)
	}
}
