package storage

import (
	"trackbot/domain"
)

// draftRowVersion is the version of draftRow this build writes.
// Version 2 added plans: a build that knows only version 1 would drop them.
const draftRowVersion = 2

// draftRow is a draft as stored.
type draftRow struct {
	V         int        `json:"v"`
	ID        int64      `json:"id"`
	Workspace int64      `json:"workspace"`
	ByID      int64      `json:"by_id"`
	ByName    string     `json:"by_name,omitempty"`
	ByUser    string     `json:"by_username,omitempty"`
	Source    string     `json:"source"`
	Entries   []entryRow `json:"entries"`
	CreatedAt int64      `json:"created_at"`
	LeftOut   []entryRow `json:"left_out,omitempty"`
	Accepted  *personRow `json:"accepted_by,omitempty"`
	Plans     []planRow  `json:"plans,omitempty"`
}

// entryRow is one entry of a draft; nil pointers and maps mean "not
// written", exactly as in domain.Entry.
type entryRow struct {
	Segment   string                      `json:"segment"`
	Year      int                         `json:"year"`
	Week      int                         `json:"week"`
	Counts    map[string]int64            `json:"counts,omitempty"`
	Spend     *int64                      `json:"spend,omitempty"`
	Revenue   *int64                      `json:"revenue,omitempty"`
	Margin    *float64                    `json:"margin,omitempty"`
	NonTarget map[string]int64            `json:"non_target,omitempty"`
	DropOffs  map[string]map[string]int64 `json:"drop_offs,omitempty"`
	Managers  map[string]map[string]int64 `json:"managers,omitempty"`
}

func toEntryRow(e domain.Entry) entryRow {
	return entryRow{
		Segment: e.Segment, Year: e.Week.Year, Week: e.Week.Num,
		Counts: e.Counts, Spend: (*int64)(e.Spend), Revenue: (*int64)(e.Revenue), Margin: e.Margin,
		NonTarget: e.NonTarget, DropOffs: e.DropOffs, Managers: e.Managers,
	}
}

func (r entryRow) entry() domain.Entry {
	return domain.Entry{
		Segment: r.Segment, Week: domain.Week{Year: r.Year, Num: r.Week},
		Counts: r.Counts, Spend: (*domain.Money)(r.Spend), Revenue: (*domain.Money)(r.Revenue), Margin: r.Margin,
		NonTarget: r.NonTarget, DropOffs: r.DropOffs, Managers: r.Managers,
	}
}

// draftStore implements domain.DraftStore over the drafts bucket, keyed by
// a global sequence.
type draftStore struct{ t *tx }

func (s draftStore) Create(d *domain.Draft) error {
	b := s.t.bucket(bucketDrafts)
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	d.ID = int64(seq)
	if d.CreatedAt.IsZero() {
		d.CreatedAt = s.t.now()
	}
	row := draftRow{
		V: draftRowVersion, ID: d.ID, Workspace: d.Workspace,
		ByID: d.By.UserID, ByName: d.By.Name, ByUser: d.By.Username,
		Source: d.Source, CreatedAt: unixNano(d.CreatedAt),
	}
	for _, e := range d.Entries {
		row.Entries = append(row.Entries, toEntryRow(e))
	}
	for _, e := range d.LeftOut {
		row.LeftOut = append(row.LeftOut, toEntryRow(e))
	}
	if p := d.AcceptedBy; p != nil {
		row.Accepted = &personRow{UserID: p.UserID, Name: p.Name, Username: p.Username}
	}
	row.Plans = convertAll(d.Plans, toPlanRow)
	data, err := marshalRow("draft", row)
	if err != nil {
		return err
	}
	return b.Put(idKey(d.ID), data)
}

func (s draftStore) Get(id int64) (*domain.Draft, error) {
	data := s.t.bucket(bucketDrafts).Get(idKey(id))
	if data == nil {
		return nil, domain.Errorf(domain.ENOTFOUND, "draft.not_found")
	}
	var row draftRow
	if err := unmarshalRow("draft", data, &row, &row.V, draftRowVersion); err != nil {
		return nil, err
	}
	d := &domain.Draft{
		ID: row.ID, Workspace: row.Workspace,
		By:     domain.Person{UserID: row.ByID, Name: row.ByName, Username: row.ByUser},
		Source: row.Source, CreatedAt: fromUnixNano(row.CreatedAt),
	}
	for _, e := range row.Entries {
		d.Entries = append(d.Entries, e.entry())
	}
	for _, e := range row.LeftOut {
		d.LeftOut = append(d.LeftOut, e.entry())
	}
	if p := row.Accepted; p != nil {
		d.AcceptedBy = &domain.Person{UserID: p.UserID, Name: p.Name, Username: p.Username}
	}
	d.Plans = convertAll(row.Plans, planRow.plan)
	return d, nil
}

func (s draftStore) Delete(id int64) error {
	return s.t.bucket(bucketDrafts).Delete(idKey(id))
}
