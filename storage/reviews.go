package storage

import "trackbot/domain"

// reviewRowVersion is the version of reviewRow this build writes.
const reviewRowVersion = 1

// reviewRow is a review session as stored.
type reviewRow struct {
	V         int     `json:"v"`
	ID        int64   `json:"id"`
	Workspace int64   `json:"ws"`
	Segment   string  `json:"segment,omitempty"`
	Kind      string  `json:"kind"`
	From      weekRow `json:"from"`
	To        weekRow `json:"to"`
	OpenedBy  int64   `json:"opened_by"`
	OpenedAt  int64   `json:"opened"`
	ClosedBy  int64   `json:"closed_by,omitempty"`
	ClosedAt  int64   `json:"closed,omitempty"`
}

func toReviewRow(r *domain.Review) reviewRow {
	return reviewRow{
		V: reviewRowVersion, ID: r.ID, Workspace: r.Workspace, Segment: r.Segment,
		Kind: string(r.Period.Kind), From: weekRow{r.Period.From.Year, r.Period.From.Num}, To: weekRow{r.Period.To.Year, r.Period.To.Num},
		OpenedBy: r.OpenedBy, OpenedAt: unixNano(r.OpenedAt), ClosedBy: r.ClosedBy, ClosedAt: unixNano(r.ClosedAt),
	}
}

func (r reviewRow) review() *domain.Review {
	return &domain.Review{
		ID: r.ID, Workspace: r.Workspace, Segment: r.Segment,
		Period: domain.Period{
			Kind: domain.PeriodKind(r.Kind),
			From: domain.Week{Year: r.From.Year, Num: r.From.Num},
			To:   domain.Week{Year: r.To.Year, Num: r.To.Num},
		},
		OpenedBy: r.OpenedBy, OpenedAt: fromUnixNano(r.OpenedAt), ClosedBy: r.ClosedBy, ClosedAt: fromUnixNano(r.ClosedAt),
	}
}

// reviewStore implements domain.ReviewStore.
type reviewStore struct{ t *tx }

func (s reviewStore) Create(r *domain.Review) error {
	b, err := s.t.workspaceBucket(bucketReviews, r.Workspace, true)
	if err != nil {
		return err
	}
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	r.ID = int64(seq)
	if r.OpenedAt.IsZero() {
		r.OpenedAt = s.t.now()
	}
	return s.put(r)
}

func (s reviewStore) put(r *domain.Review) error {
	b, err := s.t.workspaceBucket(bucketReviews, r.Workspace, true)
	if err != nil {
		return err
	}
	data, err := marshalRow("review", toReviewRow(r))
	if err != nil {
		return err
	}
	return b.Put(idKey(r.ID), data)
}

func (s reviewStore) Get(workspace, id int64) (*domain.Review, error) {
	b, _ := s.t.workspaceBucket(bucketReviews, workspace, false)
	if b == nil || id <= 0 {
		return nil, domain.Errorf(domain.ENOTFOUND, "storage.review_not_found")
	}
	data := b.Get(idKey(id))
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
	return row.review(), nil
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
