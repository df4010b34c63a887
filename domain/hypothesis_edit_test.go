package domain

import (
	"testing"
	"time"
)

func TestHypothesis_ProposalMovesOnlyByACEO(t *testing.T) {
	ws := hypWorkspace()
	for _, tc := range []struct {
		by   Person
		act  HypothesisAction
		code string
		want HypothesisStatus
	}{
		{hypMarketing, ActApprove, EFORBIDDEN, StatusProposed},
		{hypMember, ActDecline, EFORBIDDEN, StatusProposed},
		{hypMarketing, ActStart, ECONFLICT, StatusProposed},
		{hypCEO, ActApprove, "", StatusNew},
		{hypCEO, ActDecline, "", StatusDeclined},
	} {
		h := hypothesisIn(StatusProposed)
		err := h.Apply(ws, tc.by, tc.act, "", hypT0)
		if ErrorCode(err) != tc.code || h.Status != tc.want {
			t.Errorf("%s by %s: %v, status %s; want code %q, %s", tc.act, tc.by.Name, err, h.Status, tc.code, tc.want)
		}
	}
	if !StatusDeclined.Closed() || StatusProposed.Open() || !StatusProposed.Listed() {
		t.Error("a declined proposal must be closed, a proposal listed but not open work")
	}
}

func TestHypothesis_EditRecordsTheChange(t *testing.T) {
	ws := hypWorkspace()
	h := hypothesisIn(StatusInProgress)
	before := h.Version()
	later := Date{2026, time.April, 10}
	if err := h.Edit(ws, hypCEO, HypothesisChange{Field: FieldDeadline, Deadline: later}, hypT0); err != nil {
		t.Fatal(err)
	}
	e := h.History[len(h.History)-1]
	if h.Deadline != later || h.Version() != before+1 || h.Status != StatusInProgress ||
		e.Field != FieldDeadline || e.Old != "2026-03-17" || e.New != "2026-04-10" || e.From != e.To {
		t.Fatalf("after the edit: deadline %s, version %d, event %+v", h.Deadline, h.Version(), e)
	}
	if got := e.Describe(ws, h.Metric, English); got != "Deadline: 17 Mar 2026 → 10 Apr 2026" {
		t.Errorf("Describe = %q", got)
	}
	if got := e.Describe(ws, h.Metric, Russian); got != "Срок: 17.03.2026 → 10.04.2026" {
		t.Errorf("Describe in Russian = %q", got)
	}
	if err := h.Edit(ws, hypCEO, HypothesisChange{Field: FieldEffect, Effect: Effect{EffectPoints, 0.1}, Why: "faster calls"}, hypT0); err != nil {
		t.Fatal(err)
	}
	if got := h.History[len(h.History)-1].Describe(ws, h.Metric, English); got != "Expected effect: — → +10\u00a0pp" || h.Why != "faster calls" {
		t.Errorf("effect edit = %q, why %q", got, h.Why)
	}
	for _, tc := range []struct {
		name   string
		by     Person
		change HypothesisChange
		code   string
	}{
		{"the same deadline again", hypCEO, HypothesisChange{Field: FieldDeadline, Deadline: later}, ECONFLICT},
		{"a head edits", hypMarketing, HypothesisChange{Field: FieldText, Text: "x"}, EFORBIDDEN},
		{"an empty text", hypCEO, HypothesisChange{Field: FieldText, Text: "  "}, EINVALID},
		{"an ICE score over 10", hypCEO, HypothesisChange{Field: FieldICE, ICE: ICE{11, 1, 1}}, EINVALID},
	} {
		if err := h.Edit(ws, tc.by, tc.change, hypT0); ErrorCode(err) != tc.code {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.code)
		}
	}
	if err := hypothesisIn(StatusConfirmed).Edit(ws, hypCEO, HypothesisChange{Field: FieldDeadline, Deadline: later}, hypT0); ErrorCode(err) != ECONFLICT {
		t.Errorf("editing a confirmed hypothesis: %v, want ECONFLICT", err)
	}
	proposal := hypothesisIn(StatusProposed)
	proposal.CreatedBy = hypMarketing.UserID
	if err := proposal.Edit(ws, hypMarketing, HypothesisChange{Field: FieldText, Text: "Better words"}, hypT0); err != nil || proposal.Text != "Better words" {
		t.Errorf("the proposing head edits the proposal: %v", err)
	}
}

func TestHypothesis_RetargetTakesTheNewMetricWithItsEffect(t *testing.T) {
	ws := hypWorkspace()
	h := hypothesisIn(StatusNew)
	h.Segment, h.Effect = "main", Effect{EffectPoints, 0.1}
	meetings := ConvMetric("meetings")
	change := HypothesisChange{Field: FieldMetric, Segment: "main", Metric: MetricCPL, Effect: Effect{EffectPoints, 0.1}}
	if err := h.Edit(ws, hypCEO, change, hypT0); ErrorCode(err) != EINVALID {
		t.Errorf("points on an amount: %v, want invalid", err)
	}
	change = HypothesisChange{Field: FieldMetric, Segment: "main", Metric: meetings, Effect: Effect{EffectPoints, 0.05}, Baseline: Some(0.4)}
	if err := h.Edit(ws, hypCEO, change, hypT0); err != nil {
		t.Fatal(err)
	}
	n := len(h.History)
	if h.Metric != meetings || h.Baseline != Some(0.4) || h.Effect != change.Effect ||
		h.History[n-2].Field != FieldMetric || h.History[n-1].Field != FieldEffect {
		t.Fatalf("after retargeting: %+v", h)
	}
	if got := h.History[n-2].Describe(ws, h.Metric, English); got != "Target metric: «Leads → Qualified · All clients» → «Qualified → Meetings · All clients»" {
		t.Errorf("Describe = %q", got)
	}
	if err := h.Edit(ws, hypCEO, HypothesisChange{Field: FieldMetric, Segment: "main", Metric: "made_up", Effect: change.Effect}, hypT0); ErrorCode(err) != ESTALE {
		t.Errorf("a metric never offered: %v, want stale", err)
	}
}

func TestHypothesis_ReassignKeepsAProposalProposedAndTellsTheDepartments(t *testing.T) {
	ws := hypWorkspace()
	h := hypothesisIn(StatusProposed)
	if err := h.Edit(ws, hypCEO, HypothesisChange{Field: FieldDepartment, Department: DeptSales}, hypT0); err != nil {
		t.Fatal(err)
	}
	e := h.History[len(h.History)-1]
	if h.Status != StatusProposed || h.Department != DeptSales || e.Old != DeptMarketing || e.New != DeptSales {
		t.Errorf("status %s department %s event %+v", h.Status, h.Department, e)
	}
	if got := e.Describe(ws, h.Metric, English); got != "Department: Marketing → Sales" {
		t.Errorf("Describe = %q", got)
	}
	started := hypothesisIn(StatusInProgress)
	if err := started.Edit(ws, hypCEO, HypothesisChange{Field: FieldDepartment, Department: DeptSales}, hypT0); err != nil {
		t.Fatal(err)
	}
	if got := started.History[len(started.History)-1].Describe(ws, h.Metric, English); got != "Department: Marketing → Sales (new)" {
		t.Errorf("a reassigned one starts over: %q", got)
	}
}

func TestParseHypothesisEdit_BothLanguages(t *testing.T) {
	ws := hypWorkspace()
	h := hypothesisIn(StatusNew)
	today := Date{2026, time.March, 10}
	for _, tc := range []struct {
		in   string
		want HypothesisChange
	}{
		{"deadline 10.12", HypothesisChange{Field: FieldDeadline, Deadline: Date{2026, time.December, 10}}},
		{"срок 10.12.2026", HypothesisChange{Field: FieldDeadline, Deadline: Date{2026, time.December, 10}}},
		{"Срок 2026-04-01", HypothesisChange{Field: FieldDeadline, Deadline: Date{2026, time.April, 1}}},
		{"text Call within 5 minutes", HypothesisChange{Field: FieldText, Text: "Call within 5 minutes"}},
		{"эффект +10 п.п. — быстрее звонки", HypothesisChange{Field: FieldEffect, Effect: Effect{EffectPoints, 0.1}, Why: "быстрее звонки"}},
		{"ice 8 6 7", HypothesisChange{Field: FieldICE, ICE: ICE{8, 6, 7}}},
		{"отдел продажи", HypothesisChange{Field: FieldDepartment, Department: DeptSales}},
	} {
		got, err := ParseHypothesisEdit(ws, h, tc.in, today)
		if err != nil || got != tc.want {
			t.Errorf("ParseHypothesisEdit(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
	for in, code := range map[string]string{
		"deadline":          EINVALID,
		"deadline someday":  EINVALID,
		"deadline 01.01.26": EINVALID,
		"colour blue":       EINVALID,
		"department legal":  ENOTFOUND,
	} {
		if _, err := ParseHypothesisEdit(ws, h, in, today); ErrorCode(err) != code {
			t.Errorf("ParseHypothesisEdit(%q) = %v, want %q", in, err, code)
		}
	}
}

func TestHypothesis_ExtendedDeadline(t *testing.T) {
	h := &Hypothesis{Deadline: Date{2026, time.March, 31}}
	today := Date{2026, time.March, 10}
	for p, want := range map[DeadlinePreset]Date{
		DeadlineWeek:     {2026, time.April, 7},
		DeadlineTwoWeeks: {2026, time.April, 14},
		DeadlineMonthEnd: {2026, time.April, 30},
	} {
		if got, ok := h.ExtendedDeadline(p, today); !ok || got != want {
			t.Errorf("%s from 31 Mar: %s, want %s", p, got, want)
		}
	}
	// A deadline already passed is extended from today.
	if got, _ := h.ExtendedDeadline(DeadlineWeek, Date{2026, time.April, 20}); got != (Date{2026, time.April, 27}) {
		t.Errorf("a passed deadline extends to %s, want 27 Apr", got)
	}
}
