package storage

import (
	"trackbot/domain"
)

// revisionRowVersion is the version of revisionRow this build writes.
const revisionRowVersion = 1

// revisionRow is a domain.Revision as stored.
type revisionRow struct {
	V           int        `json:"v"`
	ID          int64      `json:"id"`
	Workspace   int64      `json:"workspace"`
	Kind        string     `json:"kind"`
	By          personRow  `json:"by"`
	ConfirmedBy *personRow `json:"confirmed_by,omitempty"`
	At          int64      `json:"at"`
	Source      string     `json:"source,omitempty"`
	Forced      bool       `json:"forced,omitempty"`
	Warnings    []string   `json:"warnings,omitempty"`
	Undoes      int64      `json:"undoes,omitempty"`
	Records     []diffRow  `json:"records"`
}

type diffRow struct {
	Segment string      `json:"segment"`
	Year    int         `json:"year"`
	Week    int         `json:"week"`
	Figures []figureRow `json:"figures"`
}

// figureRow is one figure's change; the field is stored by its parts, not
// by Field.Key, so a manager's name with a dot cannot make it ambiguous.
type figureRow struct {
	Kind    int       `json:"kind"`
	Stage   string    `json:"stage,omitempty"`
	Reason  string    `json:"reason,omitempty"`
	Manager string    `json:"manager,omitempty"`
	Old     *valueRow `json:"old,omitempty"`
	New     *valueRow `json:"new,omitempty"`
}

// valueRow is a figure that is set; nil means not held.
type valueRow struct {
	N        int64   `json:"n,omitempty"`
	Fraction float64 `json:"f,omitempty"`
}

// toPersonRow and person convert with the person row workspaces use.
func toPersonRow(p domain.Person) personRow {
	return personRow{UserID: p.UserID, Name: p.Name, Username: p.Username}
}

func (p personRow) person() domain.Person {
	return domain.Person{UserID: p.UserID, Name: p.Name, Username: p.Username}
}

func toValueRow(v domain.Figure) *valueRow {
	if !v.Set {
		return nil
	}
	return &valueRow{N: v.N, Fraction: v.Fraction}
}

func (v *valueRow) figure() domain.Figure {
	if v == nil {
		return domain.Figure{}
	}
	return domain.Figure{Set: true, N: v.N, Fraction: v.Fraction}
}

func toRevisionRow(r *domain.Revision) revisionRow {
	row := revisionRow{
		V: revisionRowVersion, ID: r.ID, Workspace: r.Workspace, Kind: string(r.Kind),
		By: toPersonRow(r.By), At: unixNano(r.At), Source: r.Source,
		Forced: r.Forced, Warnings: r.Warnings, Undoes: r.Undoes,
	}
	if r.ConfirmedBy != (domain.Person{}) {
		p := toPersonRow(r.ConfirmedBy)
		row.ConfirmedBy = &p
	}
	for _, d := range r.Records {
		dr := diffRow{Segment: d.Segment, Year: d.Week.Year, Week: d.Week.Num}
		for _, fc := range d.Figures {
			dr.Figures = append(dr.Figures, figureRow{
				Kind: int(fc.Field.Kind), Stage: fc.Field.Stage, Reason: fc.Field.Reason, Manager: fc.Field.Manager,
				Old: toValueRow(fc.Old), New: toValueRow(fc.New),
			})
		}
		row.Records = append(row.Records, dr)
	}
	return row
}

func (row revisionRow) revision() *domain.Revision {
	r := &domain.Revision{
		ID: row.ID, Workspace: row.Workspace, Kind: domain.RevisionKind(row.Kind),
		By: row.By.person(), At: fromUnixNano(row.At), Source: row.Source,
		Forced: row.Forced, Warnings: row.Warnings, Undoes: row.Undoes,
	}
	if row.ConfirmedBy != nil {
		r.ConfirmedBy = row.ConfirmedBy.person()
	}
	for _, dr := range row.Records {
		d := domain.RecordDiff{Segment: dr.Segment, Week: domain.Week{Year: dr.Year, Num: dr.Week}}
		for _, f := range dr.Figures {
			d.Figures = append(d.Figures, domain.FigureChange{
				Field: domain.Field{Kind: domain.FieldKind(f.Kind), Stage: f.Stage, Reason: f.Reason, Manager: f.Manager},
				Old:   f.Old.figure(), New: f.New.figure(),
			})
		}
		r.Records = append(r.Records, d)
	}
	return r
}

// revisionStore implements domain.RevisionStore: one nested bucket per
// workspace, keyed by the workspace's own sequence.
type revisionStore struct{ t *tx }

// Add stores a new revision; there is no Put or Delete.
func (s revisionStore) Add(r *domain.Revision) error {
	id, err := s.t.nextWorkspaceID(bucketRevisions, r.Workspace)
	if err != nil {
		return err
	}
	r.ID = id
	if r.At.IsZero() {
		r.At = s.t.now()
	}
	return s.t.putWorkspaceRow(bucketRevisions, r.Workspace, r.ID, "revision", toRevisionRow(r))
}

// List returns the workspace's revisions, oldest first.
func (s revisionStore) List(workspace int64) ([]*domain.Revision, error) {
	b, _ := s.t.workspaceBucket(bucketRevisions, workspace, false)
	if b == nil {
		return nil, nil
	}
	var out []*domain.Revision
	err := b.ForEach(func(_, v []byte) error {
		var row revisionRow
		if err := unmarshalRow("revision", v, &row, &row.V, revisionRowVersion); err != nil {
			return err
		}
		out = append(out, row.revision())
		return nil
	})
	return out, err
}
