package domain

import (
	"strings"
	"testing"
	"time"
)

func TestProtocolText_QuestionsAnswersHypothesesVerdictsAndNextReview(t *testing.T) {
	ws := hypWorkspace()
	ws.Segments = append(ws.Segments, Segment{Key: "dealers", Name: Name{En: "Dealers"}})
	r := &Review{ID: 2, Period: WeekPeriod(Week{2026, 10}), OpenedAt: hypT0, Numbers: "<b>Dealers</b>\nLeads: <b>100</b>"}
	r.Ask(ws, []Question{askedQuestion(DeptMarketing, "qualified"), askedQuestion(DeptSales, "meetings")}, hypT0)
	r.Participate(hypCEO)
	if err := r.AnswerQuestion(ws, 1, hypMarketing, "The <form> broke", hypT0.Add(30*time.Minute)); err != nil {
		t.Fatal(err)
	}
	r.Nudge([]int{2}, hypT0.Add(20*time.Hour))
	r.ClosedAt, r.AutoClosed = hypT0.Add(ReviewAutoClose), true
	r.NextReview = Date{2026, time.March, 16}
	during := func(d time.Duration, from, to HypothesisStatus) HypothesisEvent {
		return HypothesisEvent{At: hypT0.Add(d), ByName: "Anna", From: from, To: to}
	}
	hyps := []*Hypothesis{
		{Number: 1, Review: 2, Text: "Fix the lead form", Department: DeptMarketing, Segment: "dealers", Metric: ConvMetric("qualified"),
			Effect: Effect{Kind: EffectPoints, Value: 0.1}, Deadline: Date{2026, time.March, 17}, Status: StatusNew,
			History: []HypothesisEvent{during(time.Hour, StatusDraft, StatusNew)}},
		{Number: 7, Review: 1, Text: "Call back in 5 minutes", Department: DeptSales, Segment: "dealers", Metric: ConvMetric("meetings"),
			Deadline: Date{2026, time.March, 9}, Status: StatusConfirmed, Baseline: Some(0.2), Measured: Some(0.3),
			History: []HypothesisEvent{during(-48*time.Hour, StatusDraft, StatusNew), during(2*time.Hour, StatusDone, StatusConfirmed)}},
		{Number: 8, Review: 1, Text: "Untouched", Department: DeptSales, Status: StatusNew,
			History: []HypothesisEvent{during(-48*time.Hour, StatusDraft, StatusNew)}},
	}
	text := ProtocolText(ws, r, hyps, English)
	plain := StripTags(text)
	for _, want := range []string{
		"Review protocol · 2026-W10",
		"Held: 10 Mar 2026 09:00–11 Mar 2026 09:00 (closed by the bot after 24 h)",
		"Took part: Anna, Mark",
		"Numbers\nDealers\nLeads: 100",
		"1. Marketing: Conversion",
		"Answer — Mark, 10 Mar 2026 09:30: The <form> broke",
		"2. Sales: Conversion",
		"No answer (reminded 11 Mar 2026 05:00).",
		"H-1 Fix the lead form\nOwner: Marketing Mark · by: 17 Mar 2026 · new\nTarget: ",
		"expected +10",
		"H-7 Call back in 5 minutes",
		"10 Mar 2026 11:00 done → confirmed · Anna",
		"Verdicts\nH-7 · confirmed · metric: 20% → 30%",
		"Next review: 16 Mar 2026",
	} {
		if !strings.Contains(plain, want) {
			t.Errorf("protocol lacks %q:\n%s", want, plain)
		}
	}
	if strings.Contains(plain, "H-8") || strings.Contains(plain, "draft → new") {
		t.Errorf("the protocol lists what did not happen in the review:\n%s", plain)
	}
	if strings.Contains(text, "<form>") {
		t.Error("the answer is not escaped")
	}
	// Both languages render it.
	if ru := StripTags(ProtocolText(ws, r, hyps, Russian)); !strings.Contains(ru, "Нет ответа (напомнили") || !strings.Contains(ru, "Следующий разбор") {
		t.Errorf("Russian protocol:\n%s", ru)
	}
}

func TestProtocolText_NothingHappened(t *testing.T) {
	ws := hypWorkspace()
	r := &Review{ID: 2, Period: WeekPeriod(Week{2026, 10}), OpenedAt: hypT0, ClosedAt: hypT0.Add(time.Hour)}
	plain := StripTags(ProtocolText(ws, r, nil, English))
	for _, want := range []string{"Held: 10 Mar 2026 09:00–10:00", "Took part: —", "No hypotheses were logged in this review."} {
		if !strings.Contains(plain, want) {
			t.Errorf("protocol lacks %q:\n%s", want, plain)
		}
	}
	if strings.Contains(plain, "Questions") || strings.Contains(plain, "Next review") {
		t.Errorf("empty sections are shown:\n%s", plain)
	}
}

func TestStoredProtocol_AddsAnswersGivenAfterIt(t *testing.T) {
	ws := hypWorkspace()
	r := &Review{ID: 2, OpenedAt: hypT0}
	r.Ask(ws, []Question{askedQuestion(DeptSales, "meetings")}, hypT0)
	r.ClosedAt, r.Protocol = hypT0.Add(time.Hour), "<b>Review protocol</b>"
	if got := StoredProtocol(ws, r, nil, English); got != r.Protocol {
		t.Errorf("stored protocol = %q", got)
	}
	if err := r.AnswerQuestion(ws, 1, hypSales, "Two managers left", hypT0.Add(3*time.Hour)); err != nil {
		t.Fatal(err)
	}
	got := StripTags(StoredProtocol(ws, r, nil, English))
	if !strings.Contains(got, "Answered after the protocol\n1. Answer — Sergey, 10 Mar 2026 12:00: Two managers left") {
		t.Errorf("stored protocol with a late answer:\n%s", got)
	}
}

func TestNextReviewDay(t *testing.T) {
	moscow, _ := time.LoadLocation("Europe/Moscow")
	at := func(day, hour int) time.Time { return time.Date(2026, time.March, day, hour, 0, 0, 0, moscow) }
	off := Schedule{Kind: ScheduleSnapshot, Off: true}
	friday := Schedule{Kind: ScheduleSnapshot, Days: []time.Weekday{time.Friday}, Hour: 18}
	for _, tt := range []struct {
		name  string
		sched *Schedule
		after time.Time
		want  Date
	}{
		{"Wednesday: the Monday snapshot", nil, at(18, 13), Date{2026, time.March, 23}},
		{"Monday after the snapshot: next Monday", nil, at(23, 11), Date{2026, time.March, 30}},
		{"Monday before the snapshot: still next Monday", nil, at(23, 8), Date{2026, time.March, 30}},
		{"Sunday night: the next day", nil, at(22, 23), Date{2026, time.March, 23}},
		{"a Friday snapshot", &friday, at(18, 13), Date{2026, time.March, 20}},
		{"snapshot off: a week later", &off, at(18, 13), Date{2026, time.March, 25}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ws := NewWorkspace(-1, "Acme", English, "Europe/Moscow", hypCEO, hypT0)
			if tt.sched != nil {
				ws.SetSchedule(*tt.sched)
			}
			if got := NextReviewDay(ws, tt.after); got != tt.want {
				t.Errorf("NextReviewDay(%v) = %v, want %v", tt.after, got, tt.want)
			}
		})
	}
}
