package domain

import (
	"testing"
	"time"
)

// verdictCase is a marketing hypothesis on the conversion leads →
// qualified of the main segment: four baseline weeks to 2026-W11 at
// 50 of 100, started on Monday of 2026-W12, due in 2026-W14.
func verdictCase(effect Effect) (*Workspace, *Hypothesis, []WeeklyRecord) {
	ws := hypWorkspace()
	started := time.Date(2026, time.March, 16, 10, 0, 0, 0, time.UTC) // 2026-W12
	h := &Hypothesis{Number: 1, Department: DeptMarketing, Segment: "main", Metric: ConvMetric("qualified"),
		Baseline: Some(0.5), BaselineWeek: Week{2026, 11}, Effect: effect, Deadline: Date{2026, time.April, 1},
		Status: StatusDone, History: []HypothesisEvent{
			{At: started.Add(-time.Hour), From: StatusDraft, To: StatusNew},
			{At: started, From: StatusNew, To: StatusInProgress},
			{At: started.AddDate(0, 0, 10), From: StatusInProgress, To: StatusDone},
		}}
	var recs []WeeklyRecord
	for i := range 4 {
		recs = append(recs, WeeklyRecord{Segment: "main", Week: Week{2026, 11}.Add(-i), Counts: map[string]int64{"leads": 100, "qualified": 50}})
	}
	return ws, h, recs
}

func verdictWeek(n int, qualified int64) WeeklyRecord {
	return WeeklyRecord{Segment: "main", Week: Week{2026, n}, Counts: map[string]int64{"leads": 100, "qualified": qualified}}
}

func TestJudgeHypothesis_Conversion(t *testing.T) {
	plus10 := Effect{EffectPoints, 0.1}
	for _, tc := range []struct {
		name     string
		effect   Effect
		last     int // the last complete week
		weeks    []WeeklyRecord
		want     VerdictKind
		measured Value
		noise    Noise
		to       int
	}{
		{"no week after the start has ended", plus10, 12, []WeeklyRecord{verdictWeek(12, 90)}, VerdictNoData, None, NoiseUnknown, 12},
		{"the week has ended without numbers", plus10, 13, nil, VerdictNoData, None, NoiseUnknown, 13},
		{"the target is reached beyond the noise", plus10, 13, []WeeklyRecord{verdictWeek(13, 65)}, VerdictMet, Some(0.65), NoiseBeyond, 13},
		{"a move short of the target within the noise", plus10, 13, []WeeklyRecord{verdictWeek(13, 55)}, VerdictPartly, Some(0.55), NoiseWithin, 13},
		{"a move the wrong way", plus10, 13, []WeeklyRecord{verdictWeek(13, 45)}, VerdictNotMet, Some(0.45), NoiseWithin, 13},
		{"weeks pool as a ratio of sums to the deadline", plus10, 20,
			[]WeeklyRecord{verdictWeek(13, 70), verdictWeek(14, 50), verdictWeek(15, 10)}, VerdictMet, Some(0.6), NoiseBeyond, 14},
		{"a target value", Effect{EffectAtLeast, 0.55}, 13, []WeeklyRecord{verdictWeek(13, 55)}, VerdictMet, Some(0.55), NoiseWithin, 13},
		{"no effect stated: met only beyond the noise", Effect{}, 13, []WeeklyRecord{verdictWeek(13, 55)}, VerdictPartly, Some(0.55), NoiseWithin, 13},
		{"no effect stated, a clear rise", Effect{}, 13, []WeeklyRecord{verdictWeek(13, 70)}, VerdictMet, Some(0.7), NoiseBeyond, 13},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws, h, recs := verdictCase(tc.effect)
			v := JudgeHypothesis(ws, h, Week{2026, tc.last}, append(recs, tc.weeks...))
			if v.Kind != tc.want || v.Measured.OK != tc.measured.OK || v.Measured.OK && !nearlyEqual(v.Measured.V, tc.measured.V) || v.Noise != tc.noise {
				t.Errorf("verdict %s, measured %v, noise %s (p %.3g); want %s, %v, %s", v.Kind, v.Measured, v.Noise, v.P, tc.want, tc.measured, tc.noise)
			}
			if v.From != (Week{2026, 13}) || v.To != (Week{2026, tc.to}) {
				t.Errorf("window %v..%v, want 2026-W13..W%d", v.From, v.To, tc.to)
			}
		})
	}
}

func TestJudgeHypothesis_AChangeWithoutABaselineIsNotEnoughData(t *testing.T) {
	ws, h, _ := verdictCase(Effect{EffectPoints, 0.1})
	h.Baseline = None
	if v := JudgeHypothesis(ws, h, Week{2026, 13}, []WeeklyRecord{verdictWeek(13, 90)}); v.Kind != VerdictNoData || !v.Measured.OK {
		t.Errorf("verdict %s measured %v, want not enough data with the value measured", v.Kind, v.Measured)
	}
}

func TestJudgeHypothesis_AmountAgainstItsOwnRange(t *testing.T) {
	ws := hypWorkspace()
	h := &Hypothesis{Segment: "main", Metric: MetricCPL, BaselineWeek: Week{2026, 11}, Effect: Effect{EffectPercent, -0.2},
		Deadline: Date{2026, time.March, 25}, Status: StatusDone,
		History: []HypothesisEvent{{At: time.Date(2026, time.March, 16, 10, 0, 0, 0, time.UTC), From: StatusDraft, To: StatusNew}}}
	var recs []WeeklyRecord
	for i, cpl := range []int64{100, 95, 105, 98, 102, 97, 103, 100, 99, 101, 96, 104} {
		recs = append(recs, WeeklyRecord{Segment: "main", Week: h.BaselineWeek.Add(-i), Counts: map[string]int64{"leads": 10}, Spend: Money(cpl * 10 * 100)})
	}
	h.Baseline = MetricBaseline(ws, "main", MetricCPL, h.BaselineWeek, recs)
	for _, tc := range []struct {
		cpl   int64
		want  VerdictKind
		noise Noise
	}{{70, VerdictMet, NoiseBeyond}, {97, VerdictPartly, NoiseWithin}, {104, VerdictNotMet, NoiseWithin}, {125, VerdictNotMet, NoiseBeyond}} {
		now := WeeklyRecord{Segment: "main", Week: Week{2026, 13}, Counts: map[string]int64{"leads": 10}, Spend: Money(tc.cpl * 10 * 100)}
		v := JudgeHypothesis(ws, h, Week{2026, 13}, append(recs, now))
		if v.Kind != tc.want || v.Noise != tc.noise || !nearlyEqual(v.Measured.V, float64(tc.cpl)) {
			t.Errorf("CPL %d: verdict %s, noise %s (p %.3g), measured %v; want %s, %s", tc.cpl, v.Kind, v.Noise, v.P, v.Measured, tc.want, tc.noise)
		}
	}
	// Too short a history says nothing about the noise.
	short := append([]WeeklyRecord{}, recs[:3]...)
	now := WeeklyRecord{Segment: "main", Week: Week{2026, 13}, Counts: map[string]int64{"leads": 10}, Spend: 70_000}
	if v := JudgeHypothesis(ws, h, Week{2026, 13}, append(short, now)); v.Noise != NoiseUnknown || v.Kind != VerdictMet {
		t.Errorf("short history: noise %s verdict %s, want unknown and met", v.Noise, v.Kind)
	}
}

func TestMeasureWindow(t *testing.T) {
	ws := hypWorkspace()
	monday := time.Date(2026, time.March, 16, 10, 0, 0, 0, time.UTC) // 2026-W12
	for _, tc := range []struct {
		name     string
		history  []HypothesisEvent
		deadline Date
		from, to Week
		ok       bool
	}{
		{"from the week after the start to the deadline's week",
			[]HypothesisEvent{{At: monday.AddDate(0, 0, -7), From: StatusDraft, To: StatusNew}, {At: monday, From: StatusNew, To: StatusInProgress}},
			Date{2026, time.April, 8}, Week{2026, 13}, Week{2026, 15}, true},
		{"done straight from new: from the week after it became new",
			[]HypothesisEvent{{At: monday, From: StatusDraft, To: StatusNew}, {At: monday.AddDate(0, 0, 1), From: StatusNew, To: StatusDone}},
			Date{2026, time.April, 8}, Week{2026, 13}, Week{2026, 15}, true},
		{"a deadline in the start's week still measures one week",
			[]HypothesisEvent{{At: monday, From: StatusDraft, To: StatusNew}},
			Date{2026, time.March, 18}, Week{2026, 13}, Week{2026, 13}, true},
		{"an edit is not a start",
			[]HypothesisEvent{{At: monday.AddDate(0, 0, -14), From: StatusDraft, To: StatusNew}, {At: monday.AddDate(0, 0, -7), From: StatusNew, To: StatusNew, Field: FieldDeadline},
				{At: monday, From: StatusNew, To: StatusInProgress}},
			Date{2026, time.April, 8}, Week{2026, 13}, Week{2026, 15}, true},
		{"a proposal is not started", []HypothesisEvent{{At: monday, From: StatusDraft, To: StatusProposed}}, Date{2026, time.April, 8}, Week{}, Week{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			from, to, ok := MeasureWindow(ws, &Hypothesis{History: tc.history, Deadline: tc.deadline})
			if from != tc.from || to != tc.to || ok != tc.ok {
				t.Errorf("window %v..%v %v, want %v..%v %v", from, to, ok, tc.from, tc.to, tc.ok)
			}
		})
	}
}

func TestHypothesis_ShowsVerdictOnceDoneOrDue(t *testing.T) {
	deadline := Date{2026, time.March, 25}
	for _, tc := range []struct {
		status HypothesisStatus
		today  Date
		want   bool
	}{
		{StatusInProgress, Date{2026, time.March, 24}, false},
		{StatusInProgress, deadline, true},
		{StatusNew, Date{2026, time.April, 2}, true},
		{StatusDone, Date{2026, time.March, 1}, true},
		{StatusConfirmed, Date{2026, time.March, 1}, true},
		{StatusDropped, Date{2026, time.April, 2}, false},
		{StatusProposed, Date{2026, time.April, 2}, false},
	} {
		h := &Hypothesis{Status: tc.status, Deadline: deadline}
		if got := h.ShowsVerdict(tc.today); got != tc.want {
			t.Errorf("%s on %s: %v, want %v", tc.status, tc.today, got, tc.want)
		}
	}
}

func nearlyEqual(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }
