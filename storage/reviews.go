package storage

import (
	"fmt"

	"trackbot/domain"
)

// reviewRowVersion is the version of reviewRow this build writes. Version
// 2 added the questions with their answers, the messages showing them, the
// participants, the numbers and the protocol: a build that knows only
// version 1 would drop them.
const reviewRowVersion = 2

// reviewRow is a review session as stored.
type reviewRow struct {
	V                int              `json:"v"`
	ID               int64            `json:"id"`
	Workspace        int64            `json:"ws"`
	Segment          string           `json:"segment,omitempty"`
	Kind             string           `json:"kind"`
	From             weekRow          `json:"from"`
	To               weekRow          `json:"to"`
	OpenedBy         int64            `json:"opened_by"`
	OpenedAt         int64            `json:"opened"`
	ClosedBy         int64            `json:"closed_by,omitempty"`
	ClosedAt         int64            `json:"closed,omitempty"`
	Questions        []questionRow    `json:"questions,omitempty"`
	QuestionMessages []questionMsgRow `json:"question_msgs,omitempty"`
	Participants     []personRow      `json:"participants,omitempty"`
	Numbers          string           `json:"numbers,omitempty"`
	Protocol         string           `json:"protocol,omitempty"`
	NextReview       string           `json:"next_review,omitempty"` // 2026-03-23
	AutoClosed       bool             `json:"auto_closed,omitempty"`
}

// questionRow is a tracker question the review asked, with its answer.
type questionRow struct {
	Number     int         `json:"n"`
	Subject    string      `json:"subject"`
	Key        string      `json:"key,omitempty"`
	Text       string      `json:"text"`
	Segment    string      `json:"segment,omitempty"`
	Metric     string      `json:"metric,omitempty"`
	Department string      `json:"dept,omitempty"`
	Heads      []personRow `json:"heads,omitempty"`
	AskedAt    int64       `json:"asked"`
	NudgedAt   int64       `json:"nudged,omitempty"`
	AnswerBy   *personRow  `json:"answer_by,omitempty"` // nil: unanswered
	AnswerAt   int64       `json:"answer_at,omitempty"`
	Answer     string      `json:"answer,omitempty"`
}

type questionMsgRow struct {
	Msg     msgRow `json:"msg"`
	Numbers []int  `json:"numbers"`
}

func toQuestionRow(q domain.ReviewQuestion) questionRow {
	row := questionRow{
		Number: q.Number, Subject: q.Subject, Key: q.Key, Text: q.Text, Segment: q.Segment, Metric: string(q.Metric),
		Department: q.Department, Heads: convertAll(q.Heads, toPersonRow), AskedAt: unixNano(q.AskedAt), NudgedAt: unixNano(q.NudgedAt),
	}
	if q.Answer.Given() {
		by := toPersonRow(q.Answer.By)
		row.AnswerBy, row.AnswerAt, row.Answer = &by, unixNano(q.Answer.At), q.Answer.Text
	}
	return row
}

func (r questionRow) question() domain.ReviewQuestion {
	q := domain.ReviewQuestion{
		Number: r.Number, Subject: r.Subject, Key: r.Key, Text: r.Text, Segment: r.Segment, Metric: domain.Metric(r.Metric),
		Department: r.Department, Heads: convertAll(r.Heads, personRow.person), AskedAt: fromUnixNano(r.AskedAt), NudgedAt: fromUnixNano(r.NudgedAt),
	}
	if r.AnswerBy != nil {
		q.Answer = domain.QuestionAnswer{By: r.AnswerBy.person(), At: fromUnixNano(r.AnswerAt), Text: r.Answer}
	}
	return q
}

func toQuestionMsgRow(m domain.QuestionMessage) questionMsgRow {
	return questionMsgRow{Msg: msgRow{ChatID: m.Ref.ChatID, MessageID: m.Ref.MessageID, Key: m.Ref.Key}, Numbers: m.Numbers}
}

func (r questionMsgRow) message() domain.QuestionMessage {
	return domain.QuestionMessage{Ref: domain.MessageRef{ChatID: r.Msg.ChatID, MessageID: r.Msg.MessageID, Key: r.Msg.Key}, Numbers: r.Numbers}
}

func toReviewRow(r *domain.Review) reviewRow {
	row := reviewRow{
		V: reviewRowVersion, ID: r.ID, Workspace: r.Workspace, Segment: r.Segment,
		Kind: string(r.Period.Kind), From: weekRow{r.Period.From.Year, r.Period.From.Num}, To: weekRow{r.Period.To.Year, r.Period.To.Num},
		OpenedBy: r.OpenedBy, OpenedAt: unixNano(r.OpenedAt), ClosedBy: r.ClosedBy, ClosedAt: unixNano(r.ClosedAt),
		Questions: convertAll(r.Questions, toQuestionRow), QuestionMessages: convertAll(r.QuestionMessages, toQuestionMsgRow),
		Participants: convertAll(r.Participants, toPersonRow), Numbers: r.Numbers, Protocol: r.Protocol, AutoClosed: r.AutoClosed,
	}
	if !r.NextReview.IsZero() {
		row.NextReview = r.NextReview.String()
	}
	return row
}

func (r reviewRow) review() (*domain.Review, error) {
	out := &domain.Review{
		ID: r.ID, Workspace: r.Workspace, Segment: r.Segment,
		Period: domain.Period{
			Kind: domain.PeriodKind(r.Kind),
			From: domain.Week{Year: r.From.Year, Num: r.From.Num},
			To:   domain.Week{Year: r.To.Year, Num: r.To.Num},
		},
		OpenedBy: r.OpenedBy, OpenedAt: fromUnixNano(r.OpenedAt), ClosedBy: r.ClosedBy, ClosedAt: fromUnixNano(r.ClosedAt),
		Questions: convertAll(r.Questions, questionRow.question), QuestionMessages: convertAll(r.QuestionMessages, questionMsgRow.message),
		Participants: convertAll(r.Participants, personRow.person), Numbers: r.Numbers, Protocol: r.Protocol, AutoClosed: r.AutoClosed,
	}
	if r.NextReview != "" {
		d, err := parseStoredDate(r.NextReview)
		if err != nil {
			return nil, fmt.Errorf("decode review: %w", err)
		}
		out.NextReview = d
	}
	return out, nil
}

// reviewStore implements domain.ReviewStore.
type reviewStore struct{ t *tx }

func (s reviewStore) Create(r *domain.Review) error {
	id, err := s.t.nextWorkspaceID(bucketReviews, r.Workspace)
	if err != nil {
		return err
	}
	r.ID = id
	if r.OpenedAt.IsZero() {
		r.OpenedAt = s.t.now()
	}
	return s.put(r)
}

func (s reviewStore) put(r *domain.Review) error {
	return s.t.putWorkspaceRow(bucketReviews, r.Workspace, r.ID, "review", toReviewRow(r))
}

func (s reviewStore) Get(workspace, id int64) (*domain.Review, error) {
	data := s.t.workspaceRow(bucketReviews, workspace, id)
	if data == nil {
		return nil, domain.Errorf(domain.ENOTFOUND, "storage.review_not_found")
	}
	return decodeReview(data)
}

func decodeReview(data []byte) (*domain.Review, error) {
	var row reviewRow
	if err := unmarshalRow("review", data, &row, &row.V, reviewRowVersion); err != nil {
		return nil, err
	}
	return row.review()
}

func (s reviewStore) Put(r *domain.Review) error {
	if _, err := s.Get(r.Workspace, r.ID); err != nil {
		return err
	}
	return s.put(r)
}

func (s reviewStore) List(workspace int64) ([]*domain.Review, error) {
	b, _ := s.t.workspaceBucket(bucketReviews, workspace, false)
	if b == nil {
		return nil, nil
	}
	var out []*domain.Review
	err := b.ForEach(func(_, v []byte) error {
		r, err := decodeReview(v)
		if err != nil {
			return err
		}
		out = append(out, r)
		return nil
	})
	return out, err
}

func (s reviewStore) Latest(workspace int64) (*domain.Review, error) {
	b, _ := s.t.workspaceBucket(bucketReviews, workspace, false)
	if b == nil {
		return nil, nil
	}
	_, v := b.Cursor().Last()
	if v == nil {
		return nil, nil
	}
	return decodeReview(v)
}
