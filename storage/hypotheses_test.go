package storage

import (
	"reflect"
	"testing"
	"time"

	"trackbot/domain"
)

// fullHypothesis has every field set.
func fullHypothesis(workspace int64) *domain.Hypothesis {
	return &domain.Hypothesis{
		ID:           1,
		Workspace:    workspace,
		Number:       17,
		Text:         "Call dealers back within 5 minutes <fast>",
		Department:   "sales",
		Segment:      "dealers",
		Metric:       domain.ConvMetric("meetings"),
		Baseline:     domain.Some(0.52),
		BaselineWeek: domain.Week{Year: 2026, Num: 9},
		Effect:       domain.Effect{Kind: domain.EffectPoints, Value: 0.1},
		Why:          "scripts answer the usual objections",
		ICE:          domain.ICE{Impact: 8, Confidence: 6, Ease: 7},
		Deadline:     domain.Date{Year: 2026, Month: time.March, Day: 17},
		Status:       domain.StatusDone,
		Result:       "Scripts rewritten",
		Measured:     domain.Some(0.61),
		MeasuredFrom: domain.Week{Year: 2026, Num: 10},
		MeasuredWeek: domain.Week{Year: 2026, Num: 11},
		Verdict:      domain.VerdictPartly,
		History: []domain.HypothesisEvent{{
			At: t0.Add(time.Hour), By: 3, ByName: "Sergey",
			From: domain.StatusInProgress, To: domain.StatusDone, Comment: "Scripts rewritten",
			Field: domain.FieldDeadline, Old: "2026-03-10", New: "2026-03-17", WithoutData: true,
		}},
		Review:    4,
		Cards:     []domain.MessageRef{{ChatID: -100, MessageID: 55, Key: "hcard:1:1:0"}},
		Prompt:    domain.MessageRef{ChatID: -100, MessageID: 56, Key: "hprompt:1:1:1"},
		Awaiting:  domain.PromptConfirmNoData,
		CreatedBy: 1,
		CreatedAt: t0,
	}
}

func TestHypotheses_RoundTripEveryField(t *testing.T) {
	db := mustOpen(t)
	want := fullHypothesis(7)
	requireAllFieldsSet(t, "Hypothesis", want)
	update(t, db, func(tx domain.Tx) error { return tx.Hypotheses().Create(want) })
	db = reopen(t, db, nil)
	view(t, db, func(tx domain.Tx) error {
		got, err := tx.Hypotheses().Get(7, want.ID)
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("round trip:\ngot  %+v\nwant %+v", got, want)
		}
		return nil
	})
}

func TestHypotheses_UndefinedValuesStayUndefined(t *testing.T) {
	db := mustOpen(t)
	h := &domain.Hypothesis{Workspace: 1, Text: "x", Status: domain.StatusDraft, Baseline: domain.None}
	update(t, db, func(tx domain.Tx) error { return tx.Hypotheses().Create(h) })
	view(t, db, func(tx domain.Tx) error {
		got, err := tx.Hypotheses().Get(1, h.ID)
		if err != nil {
			return err
		}
		if got.Baseline.OK || got.Measured.OK || !got.Deadline.IsZero() || !got.CreatedAt.Equal(t0) {
			t.Errorf("got %+v, want undefined values, no deadline and the clock's time", got)
		}
		return nil
	})
}

func TestHypotheses_IDsPerWorkspace(t *testing.T) {
	db := mustOpen(t)
	var a1, a2, b1 domain.Hypothesis
	a1, a2, b1 = domain.Hypothesis{Workspace: 1, Text: "a1"}, domain.Hypothesis{Workspace: 1, Text: "a2"}, domain.Hypothesis{Workspace: 2, Text: "b1"}
	update(t, db, func(tx domain.Tx) error {
		for _, h := range []*domain.Hypothesis{&a1, &a2, &b1} {
			if err := tx.Hypotheses().Create(h); err != nil {
				return err
			}
		}
		return nil
	})
	if a1.ID != 1 || a2.ID != 2 || b1.ID != 1 {
		t.Errorf("ids = %d %d %d, want 1 2 1", a1.ID, a2.ID, b1.ID)
	}
	view(t, db, func(tx domain.Tx) error {
		list, err := tx.Hypotheses().List(1)
		if err != nil {
			return err
		}
		if len(list) != 2 || list[0].Text != "a1" || list[1].Text != "a2" {
			t.Errorf("List(1) = %+v", list)
		}
		// Another workspace's id is not found, whatever the number.
		if _, err := tx.Hypotheses().Get(2, 2); domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Errorf("Get(2, 2) = %v, want not found", err)
		}
		if _, err := tx.Hypotheses().Get(3, 1); domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Errorf("Get of an unknown workspace = %v, want not found", err)
		}
		return nil
	})
}

func TestHypotheses_PutAndDelete(t *testing.T) {
	db := mustOpen(t)
	h := &domain.Hypothesis{Workspace: 1, Text: "draft", Status: domain.StatusDraft}
	update(t, db, func(tx domain.Tx) error { return tx.Hypotheses().Create(h) })
	h.Status, h.Number = domain.StatusNew, 1
	update(t, db, func(tx domain.Tx) error { return tx.Hypotheses().Put(h) })
	view(t, db, func(tx domain.Tx) error {
		got, err := tx.Hypotheses().Get(1, h.ID)
		if err != nil {
			return err
		}
		if got.Status != domain.StatusNew || got.Number != 1 {
			t.Errorf("after Put: %+v", got)
		}
		return nil
	})
	update(t, db, func(tx domain.Tx) error { return tx.Hypotheses().Delete(1, h.ID) })
	view(t, db, func(tx domain.Tx) error {
		if _, err := tx.Hypotheses().Get(1, h.ID); domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Errorf("after Delete: %v", err)
		}
		return nil
	})
	missing := &domain.Hypothesis{ID: 9, Workspace: 1}
	if err := db.Update(func(tx domain.Tx) error { return tx.Hypotheses().Put(missing) }); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("Put of a missing hypothesis = %v, want not found", err)
	}
}

// A version 1 row kept the expected effect as free text; reading it takes
// the number out where there is one and keeps the rest as the why.
func TestHypotheses_Version1ExpectedEffectIsReadAsANumber(t *testing.T) {
	for _, tc := range []struct {
		row     string
		effect  domain.Effect
		why     string
		comment string
	}{
		{`{"v":1,"id":1,"ws":1,"text":"x","metric":"conv:meetings","expected":"+20 pp","status":"new"}`,
			domain.Effect{Kind: domain.EffectPoints, Value: 0.2}, "", "a change in points"},
		{`{"v":1,"id":1,"ws":1,"text":"x","metric":"cpl","expected":"−15% — cheaper clicks","status":"new"}`,
			domain.Effect{Kind: domain.EffectPercent, Value: -0.15}, "cheaper clicks", "a change with its why"},
		{`{"v":1,"id":1,"ws":1,"text":"x","metric":"cpl","expected":"fewer junk leads","status":"new"}`,
			domain.Effect{}, "fewer junk leads", "words stay the why"},
		{`{"v":2,"id":1,"ws":1,"text":"x","metric":"cpl","expected":"−15%","status":"new"}`,
			domain.Effect{}, "−15%", "a version 2 why is not parsed again"},
	} {
		h, err := decodeHypothesis([]byte(tc.row))
		if err != nil {
			t.Fatalf("%s: %v", tc.comment, err)
		}
		if h.Effect != tc.effect || h.Why != tc.why {
			t.Errorf("%s: effect %+v why %q, want %+v %q", tc.comment, h.Effect, h.Why, tc.effect, tc.why)
		}
	}
}
