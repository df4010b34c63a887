package domain

import "time"

// A hypothesis starts as a draft a CEO puts together with the /hyp steps,
// one at a time and in a fixed order: the department that will do the
// work, the segment's metric it should move, the deadline, and last the
// expected effect, which may be skipped. The finished draft is published:
// numbered, with the metric's baseline measured, and, when a review is
// open, made part of that review.

// DraftStep is what a hypothesis draft asks for next.
type DraftStep int

// The steps in the order the draft walks them.
const (
	StepDepartment DraftStep = iota + 1
	StepMetric               // the metric, in the segment the draft is about
	StepDeadline
	StepExpected // the expected effect, the last step; skipping it publishes
)

// Step returns the step the draft is at: the first one not filled in.
func (h *Hypothesis) Step() DraftStep {
	switch {
	case h.Department == "":
		return StepDepartment
	case h.Metric == "":
		return StepMetric
	case h.Deadline.IsZero():
		return StepDeadline
	}
	return StepExpected
}

// errStaleStep answers a choice the draft no longer asks for, or one it
// never offered: the person pressed an outdated button.
func errStaleStep() error { return Errorf(ESTALE, "button.stale") }

// CheckDraftEditor returns an EFORBIDDEN error unless the user may fill in
// and publish a draft. Only CEOs log hypotheses, and any CEO may finish a
// draft another CEO started.
func (h *Hypothesis) CheckDraftEditor(ws *Workspace, userID int64) error {
	if !ws.IsCEO(userID) {
		return Errorf(EFORBIDDEN, "error.ceo_only")
	}
	return nil
}

// ChooseDepartment sets the department at the department step.
func (h *Hypothesis) ChooseDepartment(ws *Workspace, key string) error {
	d, ok := ws.ActiveDepartment(key)
	if !ok || h.Step() != StepDepartment {
		return errStaleStep()
	}
	h.Department = d.Key
	return nil
}

// ChooseSegment switches the segment the metric is picked in, at the
// metric step.
func (h *Hypothesis) ChooseSegment(ws *Workspace, key string) error {
	for _, s := range ws.ActiveSegments() {
		if s.Key == key && h.Step() == StepMetric {
			h.Segment = key
			return nil
		}
	}
	return errStaleStep()
}

// ChooseMetric sets the target metric at the metric step; it must be one
// of the segment's HypothesisMetrics.
func (h *Hypothesis) ChooseMetric(ws *Workspace, m Metric) error {
	for _, offered := range HypothesisMetrics(ws, h.Segment) {
		if offered == m && h.Step() == StepMetric {
			h.Metric = m
			return nil
		}
	}
	return errStaleStep()
}

// ChooseDeadline sets the deadline at the deadline step.
func (h *Hypothesis) ChooseDeadline(d Date) error {
	if d.IsZero() || h.Step() != StepDeadline {
		return errStaleStep()
	}
	h.Deadline = d
	return nil
}

// DraftHypothesis starts a draft with the text for by, a CEO, about the
// workspace's default segment, and stores it.
func DraftHypothesis(tx Tx, ws *Workspace, by Person, text string, now time.Time) (*Hypothesis, error) {
	if err := ws.RequireCEO(by); err != nil {
		return nil, err
	}
	h := &Hypothesis{
		Workspace: ws.ID, Text: text, Status: StatusDraft,
		Segment: ws.DefaultSegment().Key, CreatedBy: by.UserID, CreatedAt: now,
	}
	if err := tx.Hypotheses().Create(h); err != nil {
		return nil, err
	}
	return h, nil
}

// PublishHypothesis publishes the finished draft h for by: it gets the
// workspace's next number, the baseline of its metric over the
// BaselineWeeks weeks up to the last complete week, and the open review,
// if any, whose protocol it then belongs to. h is stored.
func PublishHypothesis(tx Tx, ws *Workspace, h *Hypothesis, by Person, now time.Time) error {
	if err := h.CheckDraftEditor(ws, by.UserID); err != nil {
		return err
	}
	hyps, err := tx.Hypotheses().List(ws.ID)
	if err != nil {
		return err
	}
	reviews, err := tx.Reviews().List(ws.ID)
	if err != nil {
		return err
	}
	last := ws.LastCompleteWeek(now)
	recs, err := tx.Records().Range(ws.ID, "", last.Add(1-BaselineWeeks), last)
	if err != nil {
		return err
	}
	h.Baseline = MetricBaseline(ws, h.Segment, h.Metric, last, recs)
	h.BaselineWeek = last
	if r := OpenReviewOf(reviews); r != nil {
		h.Review = r.ID
	}
	if err := h.Publish(NextHypothesisNumber(hyps), by, now); err != nil {
		return err
	}
	return tx.Hypotheses().Put(h)
}

// Publish turns a finished draft into hypothesis number n with status new.
// The draft must name a department, a metric and a deadline; the prompt it
// waited on is done with.
func (h *Hypothesis) Publish(n int, p Person, now time.Time) error {
	if h.Status != StatusDraft {
		return Errorf(ECONFLICT, "hyp.not_draft")
	}
	if h.Department == "" || h.Metric == "" || h.Deadline.IsZero() {
		return Errorf(EINVALID, "hyp.incomplete")
	}
	h.Number, h.Status, h.Prompt = n, StatusNew, MessageRef{}
	h.History = append(h.History, HypothesisEvent{At: now, By: p.UserID, ByName: p.Name, From: StatusDraft, To: StatusNew})
	return nil
}

// NextHypothesisNumber returns the number the next published hypothesis of
// the workspace gets: one more than the largest so far.
func NextHypothesisNumber(hyps []*Hypothesis) int {
	n := 0
	for _, h := range hyps {
		n = max(n, h.Number)
	}
	return n + 1
}

// DeadlinePreset is a deadline button of the /hyp steps.
type DeadlinePreset string

// The presets: the next review (a week from today unless the workspace
// says otherwise), one or two weeks, and the end of the month.
const (
	DeadlineNextReview DeadlinePreset = "review"
	DeadlineWeek       DeadlinePreset = "1w"
	DeadlineTwoWeeks   DeadlinePreset = "2w"
	DeadlineMonthEnd   DeadlinePreset = "month"
)

// DeadlinePresets lists the presets in button order.
var DeadlinePresets = []DeadlinePreset{DeadlineNextReview, DeadlineWeek, DeadlineTwoWeeks, DeadlineMonthEnd}

// ReviewInterval is how far ahead the next review is assumed to be: the
// method reviews weekly.
const ReviewInterval = 7

// Deadline returns the day a preset means on day today; ok is false for an
// unknown preset.
func (p DeadlinePreset) Deadline(today Date) (Date, bool) {
	switch p {
	case DeadlineNextReview:
		return today.AddDays(ReviewInterval), true
	case DeadlineWeek:
		return today.AddDays(7), true
	case DeadlineTwoWeeks:
		return today.AddDays(14), true
	case DeadlineMonthEnd:
		return DateOf(time.Date(today.Year, today.Month+1, 0, 0, 0, 0, 0, time.UTC)), true
	}
	return Date{}, false
}

// HypothesisMetrics returns the metrics a hypothesis about the segment can
// target: the conversion into every stage the segment uses after its first,
// then the unit-economics metrics and revenue.
func HypothesisMetrics(ws *Workspace, segment string) []Metric {
	_, segs := reportSegments(ws, segment)
	var out []Metric
	for i, st := range reportStages(ws, segs) {
		if i > 0 {
			out = append(out, ConvMetric(st.Key))
		}
	}
	return append(out, MetricNonTargetShare, MetricCPL, MetricCostPerQualified, MetricCAC, MetricAvgCheck, MetricROMI, MetricRevenue)
}
