package storage

import (
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"trackbot/domain"
)

// Hypotheses and reviews live in one nested bucket per workspace, so each
// workspace numbers its own and one workspace's ids never reach another's:
//
//	hypotheses  workspace id (8) → bucket: hypothesis id (8, NextSequence) → hypothesis row
//	reviews     workspace id (8) → bucket: review id (8, NextSequence) → review row

// hypothesisRowVersion is the version of hypothesisRow this build writes.
// Version 2 added the expected effect as a number, the verdict, the
// prompt's purpose and edits in the history; a version 1 row's expected
// effect was free text, which is read as a number where it is one
// (upgradeExpected).
const hypothesisRowVersion = 2

// hypothesisRow is a hypothesis as stored.
type hypothesisRow struct {
	V            int        `json:"v"`
	ID           int64      `json:"id"`
	Workspace    int64      `json:"ws"`
	Number       int        `json:"n,omitempty"`
	Text         string     `json:"text"`
	Department   string     `json:"dept,omitempty"`
	Segment      string     `json:"segment,omitempty"`
	Metric       string     `json:"metric,omitempty"`
	Baseline     *float64   `json:"baseline,omitempty"` // nil: undefined
	BaselineWeek weekRow    `json:"baseline_week"`
	Expected     string     `json:"expected,omitempty"` // the why of the effect; all of it in version 1
	Effect       *effectRow `json:"effect,omitempty"`
	ICE          [3]int     `json:"ice,omitempty"`
	Deadline     string     `json:"deadline,omitempty"` // 2026-03-27
	Status       string     `json:"status"`
	Result       string     `json:"result,omitempty"`
	Measured     *float64   `json:"measured,omitempty"`
	MeasuredFrom weekRow    `json:"measured_from"`
	MeasuredWeek weekRow    `json:"measured_week"`
	Verdict      string     `json:"verdict,omitempty"`
	History      []eventRow `json:"history,omitempty"`
	Review       int64      `json:"review,omitempty"`
	Cards        []msgRow   `json:"cards,omitempty"`
	Prompt       msgRow     `json:"prompt"`
	Awaiting     string     `json:"awaiting,omitempty"`
	CreatedBy    int64      `json:"created_by,omitempty"`
	CreatedAt    int64      `json:"created,omitempty"`
}

// effectRow is an expected effect: its kind and value (domain.Effect).
type effectRow struct {
	Kind  string  `json:"kind"`
	Value float64 `json:"v"`
}

type weekRow struct {
	Year int `json:"y,omitempty"`
	Num  int `json:"w,omitempty"`
}

type eventRow struct {
	At      int64  `json:"at"`
	By      int64  `json:"by"`
	ByName  string `json:"by_name,omitempty"`
	From    string `json:"from"`
	To      string `json:"to"`
	Comment string `json:"comment,omitempty"`
	Field   string `json:"field,omitempty"`
	Old     string `json:"old,omitempty"`
	New     string `json:"new,omitempty"`
	NoData  bool   `json:"nodata,omitempty"`
}

type msgRow struct {
	ChatID    int64  `json:"chat,omitempty"`
	MessageID int    `json:"msg,omitempty"`
	Key       string `json:"key,omitempty"`
}

func valuePtr(v domain.Value) *float64 {
	if !v.OK {
		return nil
	}
	x := v.V
	return &x
}

func ptrValue(p *float64) domain.Value {
	if p == nil {
		return domain.None
	}
	return domain.Some(*p)
}

func toHypothesisRow(h *domain.Hypothesis) hypothesisRow {
	row := hypothesisRow{
		V: hypothesisRowVersion, ID: h.ID, Workspace: h.Workspace, Number: h.Number, Text: h.Text,
		Department: h.Department, Segment: h.Segment, Metric: string(h.Metric),
		Baseline: valuePtr(h.Baseline), BaselineWeek: weekRow{h.BaselineWeek.Year, h.BaselineWeek.Num},
		Expected: h.Why, ICE: [3]int{h.ICE.Impact, h.ICE.Confidence, h.ICE.Ease},
		Status: string(h.Status), Result: h.Result,
		Measured: valuePtr(h.Measured), MeasuredFrom: weekRow{h.MeasuredFrom.Year, h.MeasuredFrom.Num},
		MeasuredWeek: weekRow{h.MeasuredWeek.Year, h.MeasuredWeek.Num}, Verdict: string(h.Verdict),
		Review: h.Review, Prompt: msgRow(h.Prompt), Awaiting: string(h.Awaiting),
		CreatedBy: h.CreatedBy, CreatedAt: unixNano(h.CreatedAt),
	}
	if h.Effect.Set() {
		row.Effect = &effectRow{Kind: string(h.Effect.Kind), Value: h.Effect.Value}
	}
	if !h.Deadline.IsZero() {
		row.Deadline = h.Deadline.String()
	}
	for _, e := range h.History {
		row.History = append(row.History, eventRow{
			At: unixNano(e.At), By: e.By, ByName: e.ByName, From: string(e.From), To: string(e.To), Comment: e.Comment,
			Field: string(e.Field), Old: e.Old, New: e.New, NoData: e.WithoutData,
		})
	}
	for _, c := range h.Cards {
		row.Cards = append(row.Cards, msgRow(c))
	}
	return row
}

func (r hypothesisRow) hypothesis() (*domain.Hypothesis, error) {
	h := &domain.Hypothesis{
		ID: r.ID, Workspace: r.Workspace, Number: r.Number, Text: r.Text,
		Department: r.Department, Segment: r.Segment, Metric: domain.Metric(r.Metric),
		Baseline: ptrValue(r.Baseline), BaselineWeek: domain.Week{Year: r.BaselineWeek.Year, Num: r.BaselineWeek.Num},
		Why: r.Expected, ICE: domain.ICE{Impact: r.ICE[0], Confidence: r.ICE[1], Ease: r.ICE[2]},
		Status: domain.HypothesisStatus(r.Status), Result: r.Result,
		Measured: ptrValue(r.Measured), MeasuredFrom: domain.Week{Year: r.MeasuredFrom.Year, Num: r.MeasuredFrom.Num},
		MeasuredWeek: domain.Week{Year: r.MeasuredWeek.Year, Num: r.MeasuredWeek.Num}, Verdict: domain.VerdictKind(r.Verdict),
		Review: r.Review, Prompt: domain.MessageRef(r.Prompt), Awaiting: domain.PromptPurpose(r.Awaiting),
		CreatedBy: r.CreatedBy, CreatedAt: fromUnixNano(r.CreatedAt),
	}
	if r.Effect != nil {
		h.Effect = domain.Effect{Kind: domain.EffectKind(r.Effect.Kind), Value: r.Effect.Value}
	}
	if r.V < 2 {
		upgradeExpected(h)
	}
	if r.Deadline != "" {
		d, err := parseStoredDate(r.Deadline)
		if err != nil {
			return nil, err
		}
		h.Deadline = d
	}
	for _, e := range r.History {
		h.History = append(h.History, domain.HypothesisEvent{
			At: fromUnixNano(e.At), By: e.By, ByName: e.ByName,
			From: domain.HypothesisStatus(e.From), To: domain.HypothesisStatus(e.To), Comment: e.Comment,
			Field: domain.EditField(e.Field), Old: e.Old, New: e.New, WithoutData: e.NoData,
		})
	}
	for _, c := range r.Cards {
		h.Cards = append(h.Cards, domain.MessageRef(c))
	}
	return h, nil
}

// upgradeExpected reads a version 1 row's expected effect, free text such
// as "+20 pp", as a number where it is one, keeping what followed the
// number as the why; text that is not an effect stays the why.
func upgradeExpected(h *domain.Hypothesis) {
	if h.Effect.Set() || h.Why == "" || h.Metric == "" {
		return
	}
	if e, why, err := domain.ParseEffect(h.Why, h.Metric); err == nil {
		h.Effect, h.Why = e, why
	}
}

// parseStoredDate reads a date written by Date.String.
func parseStoredDate(s string) (domain.Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return domain.Date{}, fmt.Errorf("decode date %q: %w", s, err)
	}
	return domain.DateOf(t), nil
}

// hypothesisStore implements domain.HypothesisStore.
type hypothesisStore struct{ t *tx }

func (s hypothesisStore) Create(h *domain.Hypothesis) error {
	b, err := s.t.workspaceBucket(bucketHypotheses, h.Workspace, true)
	if err != nil {
		return err
	}
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	h.ID = int64(seq)
	if h.CreatedAt.IsZero() {
		h.CreatedAt = s.t.now()
	}
	return s.put(b, h)
}

func (s hypothesisStore) put(b *bolt.Bucket, h *domain.Hypothesis) error {
	data, err := marshalRow("hypothesis", toHypothesisRow(h))
	if err != nil {
		return err
	}
	return b.Put(idKey(h.ID), data)
}

func (s hypothesisStore) Get(workspace, id int64) (*domain.Hypothesis, error) {
	b, _ := s.t.workspaceBucket(bucketHypotheses, workspace, false)
	if b == nil || id <= 0 {
		return nil, domain.Errorf(domain.ENOTFOUND, "storage.hypothesis_not_found")
	}
	data := b.Get(idKey(id))
	if data == nil {
		return nil, domain.Errorf(domain.ENOTFOUND, "storage.hypothesis_not_found")
	}
	return decodeHypothesis(data)
}

func decodeHypothesis(data []byte) (*domain.Hypothesis, error) {
	var row hypothesisRow
	if err := unmarshalRow("hypothesis", data, &row, &row.V, hypothesisRowVersion); err != nil {
		return nil, err
	}
	return row.hypothesis()
}

func (s hypothesisStore) Put(h *domain.Hypothesis) error {
	if _, err := s.Get(h.Workspace, h.ID); err != nil {
		return err
	}
	b, _ := s.t.workspaceBucket(bucketHypotheses, h.Workspace, false)
	return s.put(b, h)
}

func (s hypothesisStore) Delete(workspace, id int64) error {
	b, _ := s.t.workspaceBucket(bucketHypotheses, workspace, false)
	if b == nil {
		return nil
	}
	return b.Delete(idKey(id))
}

func (s hypothesisStore) List(workspace int64) ([]*domain.Hypothesis, error) {
	b, _ := s.t.workspaceBucket(bucketHypotheses, workspace, false)
	if b == nil {
		return nil, nil
	}
	var out []*domain.Hypothesis
	err := b.ForEach(func(_, v []byte) error {
		h, err := decodeHypothesis(v)
		if err != nil {
			return err
		}
		out = append(out, h)
		return nil
	})
	return out, err
}

// workspaceBucket returns the workspace's nested bucket inside a
// top-level bucket, creating it when create is set; nil when it does not
// exist yet.
func (t *tx) workspaceBucket(top []byte, workspace int64, create bool) (*bolt.Bucket, error) {
	parent := t.bucket(top)
	if b := parent.Bucket(idKey(workspace)); b != nil || !create {
		return b, nil
	}
	return parent.CreateBucket(idKey(workspace))
}

// nextWorkspaceID takes the next id of the workspace's nested bucket in
// top: each workspace numbers its own rows (reviews, revisions, alerts).
func (t *tx) nextWorkspaceID(top []byte, workspace int64) (int64, error) {
	b, err := t.workspaceBucket(top, workspace, true)
	if err != nil {
		return 0, err
	}
	seq, err := b.NextSequence()
	return int64(seq), err
}

// putWorkspaceRow stores row, versioned as kind, under id in the
// workspace's nested bucket in top.
func (t *tx) putWorkspaceRow(top []byte, workspace, id int64, kind string, row any) error {
	b, err := t.workspaceBucket(top, workspace, true)
	if err != nil {
		return err
	}
	data, err := marshalRow(kind, row)
	if err != nil {
		return err
	}
	return b.Put(idKey(id), data)
}

// workspaceRow returns the raw row with id from the workspace's nested
// bucket in top; nil when there is none.
func (t *tx) workspaceRow(top []byte, workspace, id int64) []byte {
	b, _ := t.workspaceBucket(top, workspace, false)
	if b == nil || id <= 0 {
		return nil
	}
	return b.Get(idKey(id))
}
