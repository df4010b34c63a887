package storage

import "trackbot/domain"

// alertRowVersion is the version of alertRow this build writes.
const alertRowVersion = 1

// alertRow is an alert rule as stored.
type alertRow struct {
	V          int     `json:"v"`
	ID         int64   `json:"id"`
	Workspace  int64   `json:"ws"`
	Segment    string  `json:"segment"`
	Metric     string  `json:"metric"`
	Op         string  `json:"op"`
	Threshold  float64 `json:"threshold"`
	Points     bool    `json:"points,omitempty"`
	CreatedBy  int64   `json:"created_by,omitempty"`
	CreatedAt  int64   `json:"created,omitempty"`
	MutedUntil int64   `json:"muted_until,omitempty"`
	FiredAt    int64   `json:"fired,omitempty"`
	FiredWeek  weekRow `json:"fired_week,omitzero"`
	FiredValue float64 `json:"fired_value,omitempty"`
}

func toAlertRow(r *domain.AlertRule) alertRow {
	return alertRow{
		V: alertRowVersion, ID: r.ID, Workspace: r.Workspace, Segment: r.Segment,
		Metric: string(r.Metric), Op: string(r.Op), Threshold: r.Threshold, Points: r.Points,
		CreatedBy: r.CreatedBy, CreatedAt: unixNano(r.CreatedAt), MutedUntil: unixNano(r.MutedUntil),
		FiredAt: unixNano(r.FiredAt), FiredWeek: weekRow{r.FiredWeek.Year, r.FiredWeek.Num}, FiredValue: r.FiredValue,
	}
}

func (r alertRow) rule() *domain.AlertRule {
	return &domain.AlertRule{
		ID: r.ID, Workspace: r.Workspace, Segment: r.Segment,
		Metric: domain.Metric(r.Metric), Op: domain.AlertOp(r.Op), Threshold: r.Threshold, Points: r.Points,
		CreatedBy: r.CreatedBy, CreatedAt: fromUnixNano(r.CreatedAt), MutedUntil: fromUnixNano(r.MutedUntil),
		FiredAt: fromUnixNano(r.FiredAt), FiredWeek: domain.Week{Year: r.FiredWeek.Year, Num: r.FiredWeek.Num}, FiredValue: r.FiredValue,
	}
}

// alertStore implements domain.AlertStore.
type alertStore struct{ t *tx }

func (s alertStore) Create(r *domain.AlertRule) error {
	id, err := s.t.nextWorkspaceID(bucketAlerts, r.Workspace)
	if err != nil {
		return err
	}
	r.ID = id
	if r.CreatedAt.IsZero() {
		r.CreatedAt = s.t.now()
	}
	return s.put(r)
}

func (s alertStore) put(r *domain.AlertRule) error {
	return s.t.putWorkspaceRow(bucketAlerts, r.Workspace, r.ID, "alert", toAlertRow(r))
}

func (s alertStore) Get(workspace, id int64) (*domain.AlertRule, error) {
	data := s.t.workspaceRow(bucketAlerts, workspace, id)
	if data == nil {
		return nil, domain.Errorf(domain.ENOTFOUND, "alert.not_found")
	}
	return decodeAlert(data)
}

func decodeAlert(data []byte) (*domain.AlertRule, error) {
	var row alertRow
	if err := unmarshalRow("alert", data, &row, &row.V, alertRowVersion); err != nil {
		return nil, err
	}
	return row.rule(), nil
}

func (s alertStore) Put(r *domain.AlertRule) error {
	if _, err := s.Get(r.Workspace, r.ID); err != nil {
		return err
	}
	return s.put(r)
}

func (s alertStore) Delete(workspace, id int64) error {
	b, _ := s.t.workspaceBucket(bucketAlerts, workspace, false)
	if b == nil {
		return nil
	}
	return b.Delete(idKey(id))
}

func (s alertStore) List(workspace int64) ([]*domain.AlertRule, error) {
	b, _ := s.t.workspaceBucket(bucketAlerts, workspace, false)
	if b == nil {
		return nil, nil
	}
	var out []*domain.AlertRule
	err := b.ForEach(func(_, v []byte) error {
		r, err := decodeAlert(v)
		if err != nil {
			return err
		}
		out = append(out, r)
		return nil
	})
	return out, err
}
