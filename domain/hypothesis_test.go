package domain

import (
	"testing"
	"time"
)

// Users of the hypothesis tests.
var (
	hypCEO       = Person{UserID: 1, Name: "Anna"}
	hypMarketing = Person{UserID: 2, Name: "Mark"}
	hypSales     = Person{UserID: 3, Name: "Sergey"}
	hypMember    = Person{UserID: 4, Name: "Olga"}
	hypT0        = time.Date(2026, time.March, 10, 9, 0, 0, 0, time.UTC)
)

func hypWorkspace() *Workspace {
	ws := NewWorkspace(-1, "Acme", English, "UTC", hypCEO, hypT0)
	ws.Members = append(ws.Members,
		Member{UserID: hypMarketing.UserID, Name: hypMarketing.Name, HeadOf: []string{DeptMarketing}},
		Member{UserID: hypSales.UserID, Name: hypSales.Name, HeadOf: []string{DeptSales}},
	)
	return ws
}

func hypothesisIn(status HypothesisStatus) *Hypothesis {
	h := &Hypothesis{ID: 5, Number: 17, Text: "Call back within 5 minutes", Department: DeptMarketing,
		Metric: ConvMetric("qualified"), Deadline: Date{2026, time.March, 17}, Status: StatusNew}
	path := map[HypothesisStatus][]HypothesisStatus{
		StatusNew:        nil,
		StatusInProgress: {StatusInProgress},
		StatusDone:       {StatusInProgress, StatusDone},
		StatusConfirmed:  {StatusInProgress, StatusDone, StatusConfirmed},
		StatusDropped:    {StatusDropped},
		StatusProposed:   nil,
	}
	if status == StatusProposed {
		h.Status = StatusProposed
	}
	for _, to := range path[status] {
		h.History = append(h.History, HypothesisEvent{From: h.Status, To: to})
		h.Status = to
	}
	return h
}

func TestHypothesis_Apply(t *testing.T) {
	for _, tc := range []struct {
		name     string
		from     HypothesisStatus
		by       Person
		act      HypothesisAction
		wantCode string
		want     HypothesisStatus
	}{
		{"head starts", StatusNew, hypMarketing, ActStart, "", StatusInProgress},
		{"head marks done", StatusInProgress, hypMarketing, ActDone, "", StatusDone},
		{"head marks a new one done", StatusNew, hypMarketing, ActDone, "", StatusDone},
		{"ceo confirms", StatusDone, hypCEO, ActConfirm, "", StatusConfirmed},
		{"ceo rejects", StatusDone, hypCEO, ActReject, "", StatusRejected},
		{"ceo drops", StatusInProgress, hypCEO, ActDrop, "", StatusDropped},
		{"done by other department is forbidden", StatusInProgress, hypSales, ActDone, EFORBIDDEN, StatusInProgress},
		{"start by ceo who heads nothing is forbidden", StatusNew, hypCEO, ActStart, EFORBIDDEN, StatusNew},
		{"confirm by head is forbidden", StatusDone, hypMarketing, ActConfirm, EFORBIDDEN, StatusDone},
		{"drop by member is forbidden", StatusNew, hypMember, ActDrop, EFORBIDDEN, StatusNew},
		{"confirm before done conflicts", StatusInProgress, hypCEO, ActConfirm, ECONFLICT, StatusInProgress},
		{"start twice conflicts", StatusInProgress, hypMarketing, ActStart, ECONFLICT, StatusInProgress},
		{"drop a confirmed one conflicts", StatusConfirmed, hypCEO, ActDrop, ECONFLICT, StatusConfirmed},
		{"done after drop conflicts", StatusDropped, hypMarketing, ActDone, ECONFLICT, StatusDropped},
		{"reassign goes through ReassignTo", StatusNew, hypCEO, ActReassign, EINVALID, StatusNew},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws, h := hypWorkspace(), hypothesisIn(tc.from)
			before := h.Version()
			err := h.Apply(ws, tc.by, tc.act, "result", hypT0)
			if got := ErrorCode(err); got != tc.wantCode {
				t.Fatalf("error code = %q (%v), want %q", got, err, tc.wantCode)
			}
			if h.Status != tc.want {
				t.Errorf("status = %q, want %q", h.Status, tc.want)
			}
			wantVersion := before
			if tc.wantCode == "" {
				wantVersion++
				last := h.History[len(h.History)-1]
				if last.From != tc.from || last.To != tc.want || last.By != tc.by.UserID || !last.At.Equal(hypT0) {
					t.Errorf("history event = %+v", last)
				}
			}
			if h.Version() != wantVersion {
				t.Errorf("version = %d, want %d", h.Version(), wantVersion)
			}
		})
	}
}

func TestHypothesis_ForbiddenTextNamesWhoCan(t *testing.T) {
	ws, h := hypWorkspace(), hypothesisIn(StatusInProgress)
	err := h.Apply(ws, hypSales, ActDone, "", hypT0)
	want := "Only a head of Marketing starts a hypothesis and marks it done."
	if got := UserMessage(English, err); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestHypothesis_DoneKeepsResult(t *testing.T) {
	ws, h := hypWorkspace(), hypothesisIn(StatusInProgress)
	h.Prompt = MessageRef{ChatID: -1, MessageID: 9}
	if err := h.Apply(ws, hypMarketing, ActDone, "Scripts rewritten", hypT0); err != nil {
		t.Fatal(err)
	}
	if h.Result != "Scripts rewritten" || h.Prompt != (MessageRef{}) {
		t.Errorf("result %q, prompt %+v; want the result kept and the prompt cleared", h.Result, h.Prompt)
	}
}

func TestHypothesis_ReassignTo(t *testing.T) {
	ws := hypWorkspace()
	for _, tc := range []struct {
		name     string
		from     HypothesisStatus
		by       Person
		dept     string
		wantCode string
		want     string
	}{
		{"ceo moves it to sales", StatusInProgress, hypCEO, "Sales", "", DeptSales},
		{"head cannot", StatusNew, hypMarketing, DeptSales, EFORBIDDEN, DeptMarketing},
		{"same department", StatusNew, hypCEO, DeptMarketing, ECONFLICT, DeptMarketing},
		{"unknown department", StatusNew, hypCEO, "legal", ENOTFOUND, DeptMarketing},
		{"done cannot move", StatusDone, hypCEO, DeptSales, ECONFLICT, DeptMarketing},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := hypothesisIn(tc.from)
			err := h.ReassignTo(ws, tc.by, tc.dept, hypT0)
			if got := ErrorCode(err); got != tc.wantCode {
				t.Fatalf("code = %q (%v), want %q", got, err, tc.wantCode)
			}
			if h.Department != tc.want {
				t.Errorf("department = %q, want %q", h.Department, tc.want)
			}
			if tc.wantCode == "" && (h.Status != StatusNew || h.History[len(h.History)-1].Comment != "Marketing → Sales") {
				t.Errorf("status %q, history %+v", h.Status, h.History)
			}
		})
	}
}

func TestHypothesis_Allowed(t *testing.T) {
	ws := hypWorkspace()
	for _, tc := range []struct {
		status HypothesisStatus
		by     Person
		want   []HypothesisAction
	}{
		{StatusNew, hypMarketing, []HypothesisAction{ActStart, ActDone}},
		{StatusNew, hypCEO, []HypothesisAction{ActDrop, ActReassign}},
		{StatusNew, hypSales, nil},
		{StatusDone, hypCEO, []HypothesisAction{ActConfirm, ActReject, ActConfirmNoData, ActRejectNoData, ActDrop}},
		{StatusProposed, hypCEO, []HypothesisAction{ActApprove, ActDecline, ActReassign}},
		{StatusProposed, hypMarketing, nil},
		{StatusDone, hypMarketing, nil},
		{StatusConfirmed, hypCEO, nil},
	} {
		t.Run(string(tc.status)+"/"+tc.by.Name, func(t *testing.T) {
			got := hypothesisIn(tc.status).Allowed(ws, tc.by.UserID)
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("got %v, want %v", got, tc.want)
				}
			}
		})
	}
}

func TestHypothesis_FreshDetectsStaleCards(t *testing.T) {
	h := hypothesisIn(StatusInProgress)
	if err := h.Fresh(1); err != nil {
		t.Errorf("Fresh(current) = %v", err)
	}
	if got := ErrorCode(h.Fresh(0)); got != ESTALE {
		t.Errorf("Fresh(old) code = %q, want stale", got)
	}
}

func TestHypothesis_Publish(t *testing.T) {
	h := &Hypothesis{Status: StatusDraft, Text: "x", Department: DeptSales, Metric: MetricCPL}
	if got := ErrorCode(h.Publish(3, hypCEO, false, hypT0)); got != EINVALID {
		t.Fatalf("publish without a deadline: code %q, want invalid", got)
	}
	h.Deadline = Date{2026, time.March, 17}
	if got := ErrorCode(h.Publish(3, hypCEO, false, hypT0)); got != EINVALID {
		t.Fatalf("publish without an expected effect: code %q, want invalid", got)
	}
	h.Effect = Effect{EffectPercent, -0.2}
	if err := h.Publish(3, hypCEO, false, hypT0); err != nil {
		t.Fatal(err)
	}
	if h.Label() != "H-3" || h.Status != StatusNew || h.Version() != 1 {
		t.Errorf("label %s status %s version %d", h.Label(), h.Status, h.Version())
	}
	if got := ErrorCode(h.Publish(4, hypCEO, false, hypT0)); got != ECONFLICT {
		t.Errorf("publishing twice: code %q, want conflict", got)
	}
	proposal := &Hypothesis{Status: StatusDraft, Text: "x", Department: DeptSales, Metric: MetricCPL,
		Deadline: h.Deadline, Effect: h.Effect}
	if err := proposal.Publish(4, hypSales, true, hypT0); err != nil || proposal.Status != StatusProposed {
		t.Errorf("a head's proposal: status %s, %v", proposal.Status, err)
	}
}

func TestNextHypothesisNumber(t *testing.T) {
	hyps := []*Hypothesis{{Number: 2}, {Number: 0}, {Number: 7}}
	if got := NextHypothesisNumber(hyps); got != 8 {
		t.Errorf("got %d, want 8", got)
	}
	if got := NextHypothesisNumber(nil); got != 1 {
		t.Errorf("empty: got %d, want 1", got)
	}
}

func TestParseHypothesisLabel(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
		ok   bool
	}{{"H-17", 17, true}, {"h17", 17, true}, {"Г-3", 3, true}, {"17", 17, true}, {"H-0", 0, false}, {"marketing", 0, false}} {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := ParseHypothesisLabel(tc.in)
			if got != tc.want || ok != tc.ok {
				t.Errorf("got %d %v, want %d %v", got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestDeadlinePresets(t *testing.T) {
	today := Date{2026, time.March, 10}
	for _, tc := range []struct {
		p    DeadlinePreset
		want Date
	}{
		{DeadlineNextReview, Date{2026, time.March, 17}},
		{DeadlineWeek, Date{2026, time.March, 17}},
		{DeadlineTwoWeeks, Date{2026, time.March, 24}},
		{DeadlineMonthEnd, Date{2026, time.March, 31}},
	} {
		t.Run(string(tc.p), func(t *testing.T) {
			if got, ok := tc.p.Deadline(today); !ok || got != tc.want {
				t.Errorf("got %v %v, want %v", got, ok, tc.want)
			}
		})
	}
	if _, ok := DeadlinePreset("tomorrow").Deadline(today); ok {
		t.Error("an unknown preset gave a deadline")
	}
}

func TestHypothesis_Overdue(t *testing.T) {
	today := Date{2026, time.March, 18}
	for _, tc := range []struct {
		status HypothesisStatus
		want   bool
	}{{StatusNew, true}, {StatusInProgress, true}, {StatusDone, false}, {StatusDropped, false}} {
		t.Run(string(tc.status), func(t *testing.T) {
			if got := hypothesisIn(tc.status).Overdue(today); got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
	if hypothesisIn(StatusNew).Overdue(Date{2026, time.March, 17}) {
		t.Error("overdue on the deadline day itself")
	}
}

func TestHypothesisMetrics(t *testing.T) {
	ws := NewWorkspace(-1, "Acme", English, "UTC", hypCEO, hypT0)
	ws.Segments = append(ws.Segments, Segment{Key: "developers", Name: Name{En: "Developers"}, SkipStages: []string{"impressions", "clicks"}})
	got := HypothesisMetrics(ws, "developers")
	// Developers skip impressions and clicks: their funnel starts at leads.
	if got[0] != ConvMetric("qualified") || len(got) != 5+7 {
		t.Errorf("got %v, want conversions from qualified on and 7 unit-economics metrics", got)
	}
}

func TestMetricSince(t *testing.T) {
	ws := NewWorkspace(-1, "Acme", English, "UTC", hypCEO, hypT0)
	w := Week{2026, 10}
	recs := []WeeklyRecord{
		{Segment: "main", Week: w.Add(-1), Counts: map[string]int64{"leads": 100, "qualified": 50}, Spend: 1000_00},
		{Segment: "main", Week: w, Counts: map[string]int64{"leads": 100, "qualified": 70}, Spend: 3000_00},
		{Segment: "main", Week: w.Add(1), Counts: map[string]int64{"leads": 50, "qualified": 20}, Spend: 2000_00},
	}
	weekly, total := MetricSince(ws, "main", ConvMetric("qualified"), w, w.Add(2), recs)
	if len(weekly) != 2 || weekly[0].Value != Some(0.7) || weekly[1].Value != Some(0.4) {
		t.Errorf("weekly = %+v", weekly)
	}
	if total != Some(90.0/150) {
		t.Errorf("total = %v, want 90/150 (a ratio of sums)", total)
	}
	if _, spend := MetricSince(ws, "main", MetricSpend, w, w.Add(1), recs); spend != Some(2500) {
		t.Errorf("spend = %v, want an average week of 2500", spend)
	}
	if got := MetricBaseline(ws, "main", ConvMetric("qualified"), w, recs); got != Some(120.0/200) {
		t.Errorf("baseline = %v, want 120/200", got)
	}
}

func TestHypothesis_DraftWalksItsStepsInOrder(t *testing.T) {
	ws := hypWorkspace()
	h := &Hypothesis{Status: StatusDraft, Segment: "main"}
	deadline := Date{2026, time.March, 17}
	qualified := ConvMetric("qualified")
	if got := ErrorCode(h.ChooseMetric(ws, qualified)); got != ESTALE {
		t.Errorf("metric before the department: code %q, want stale", got)
	}
	if got := ErrorCode(h.ChooseDeadline(deadline)); got != ESTALE {
		t.Errorf("deadline before the department: code %q, want stale", got)
	}
	if got := ErrorCode(h.ChooseDepartment(ws, "legal")); got != ESTALE || h.Step() != StepDepartment {
		t.Errorf("unknown department: code %q, step %v", got, h.Step())
	}
	for _, step := range []struct {
		choose func() error
		next   DraftStep
	}{
		{func() error { return h.ChooseDepartment(ws, DeptMarketing) }, StepMetric},
		{func() error { return h.ChooseSegment(ws, "main") }, StepMetric},
		{func() error { return h.ChooseMetric(ws, qualified) }, StepDeadline},
		{func() error { return h.ChooseDeadline(deadline) }, StepExpected},
		{func() error { return h.ChooseEffect(Effect{EffectPoints, 0.1}, "") }, StepICE},
		{func() error { return h.ChooseICE(8) }, StepICE},
		{func() error { return h.ChooseICE(6) }, StepICE},
		{func() error { return h.ChooseICE(7) }, StepICE},
	} {
		if err := step.choose(); err != nil {
			t.Fatal(err)
		}
		if h.Step() != step.next {
			t.Fatalf("step %v, want %v", h.Step(), step.next)
		}
	}
	if got := ErrorCode(h.ChooseDepartment(ws, DeptSales)); got != ESTALE || h.Department != DeptMarketing {
		t.Errorf("changing the department at the last step: code %q, department %q", got, h.Department)
	}
	if got := ErrorCode(h.ChooseMetric(ws, Metric("made_up"))); got != ESTALE {
		t.Errorf("a metric never offered: code %q, want stale", got)
	}
	if h.ICE != (ICE{8, 6, 7}) || h.ICEPart() != 3 || ErrorCode(h.ChooseICE(5)) != ESTALE {
		t.Errorf("ICE = %+v, part %d; a fourth score must be stale", h.ICE, h.ICEPart())
	}
}

func TestHypothesis_CEOsAndTheProposingHeadEditDrafts(t *testing.T) {
	ws := hypWorkspace()
	h := &Hypothesis{Status: StatusDraft, CreatedBy: hypCEO.UserID}
	if err := h.CheckDraftEditor(ws, hypCEO.UserID); err != nil {
		t.Errorf("the CEO: %v", err)
	}
	for _, p := range []Person{hypMarketing, hypMember} {
		if got := ErrorCode(h.CheckDraftEditor(ws, p.UserID)); got != EFORBIDDEN {
			t.Errorf("%s on the CEO's draft: code %q, want forbidden", p.Name, got)
		}
	}
	proposal := &Hypothesis{Status: StatusDraft, CreatedBy: hypMarketing.UserID}
	for _, p := range []Person{hypMarketing, hypCEO} {
		if err := proposal.CheckDraftEditor(ws, p.UserID); err != nil {
			t.Errorf("%s on the head's draft: %v", p.Name, err)
		}
	}
	if got := ErrorCode(proposal.CheckDraftEditor(ws, hypSales.UserID)); got != EFORBIDDEN {
		t.Errorf("another head on the head's draft: code %q, want forbidden", got)
	}
}

func TestOwnHypotheses_OpenOnesOfTheHeadsDepartments(t *testing.T) {
	ws := hypWorkspace()
	mine, done, dropped := hypothesisIn(StatusInProgress), hypothesisIn(StatusDone), hypothesisIn(StatusDropped)
	sales := hypothesisIn(StatusNew)
	sales.Department = DeptSales
	got, err := OwnHypotheses(ws, hypMarketing.UserID, []*Hypothesis{mine, sales, done, dropped})
	if err != nil || len(got) != 2 || got[0] != mine || got[1] != done {
		t.Errorf("marketing head: %v %v, want the in-progress and the done one", got, err)
	}
	if _, err := OwnHypotheses(ws, hypMember.UserID, nil); ErrorCode(err) != EFORBIDDEN {
		t.Errorf("a member: %v, want EFORBIDDEN", err)
	}
}
