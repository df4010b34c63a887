package storage

import (
	"trackbot/domain"

	bolt "go.etcd.io/bbolt"
)

// sourceRowVersion is the version of sourceRow this build writes.
const sourceRowVersion = 1

// sourceRow is a source as stored. The secret is only ever here sealed
// (see secrets.go); the hint is its masked form, for lists.
type sourceRow struct {
	V              int             `json:"v"`
	ID             int64           `json:"id"`
	Workspace      int64           `json:"ws"`
	Kind           string          `json:"kind"`
	Name           string          `json:"name"`
	Link           string          `json:"link,omitempty"`
	Sealed         []byte          `json:"sealed,omitempty"`
	Hint           string          `json:"hint,omitempty"`
	Awaiting       int64           `json:"awaiting,omitempty"`
	AwaitingUntil  int64           `json:"awaiting_until,omitempty"`
	Mapping        mappingRow      `json:"mapping"`
	Catalog        catalogRow      `json:"catalog"`
	CatalogVersion int             `json:"catalog_version,omitempty"`
	On             bool            `json:"on,omitempty"`
	Since          int64           `json:"since,omitempty"`
	Paused         bool            `json:"paused,omitempty"`
	Locked         []fieldRow      `json:"locked,omitempty"`
	AddedBy        personRow       `json:"added_by"`
	AddedAt        int64           `json:"added"`
	Request        *syncRequestRow `json:"request,omitempty"`
	Last           syncResultRow   `json:"last"`
	Failures       int             `json:"failures,omitempty"`
	Done           int64           `json:"done,omitempty"`
}

type mappingRow struct {
	Segments map[string]string `json:"segments,omitempty"`
	Stages   map[string]string `json:"stages,omitempty"`
	Reasons  map[string]string `json:"reasons,omitempty"`
	Managers map[string]string `json:"managers,omitempty"`
}

type catalogRow struct {
	Segments []itemRow `json:"segments,omitempty"`
	Stages   []itemRow `json:"stages,omitempty"`
	Reasons  []itemRow `json:"reasons,omitempty"`
	Managers []itemRow `json:"managers,omitempty"`
}

type itemRow struct {
	ID     string `json:"id"`
	Name   string `json:"name,omitempty"`
	Parent string `json:"parent,omitempty"`
	Won    bool   `json:"won,omitempty"`
	Lost   bool   `json:"lost,omitempty"`
}

type fieldRow struct {
	Kind    int    `json:"k"`
	Stage   string `json:"stage,omitempty"`
	Reason  string `json:"reason,omitempty"`
	Manager string `json:"manager,omitempty"`
}

type syncRequestRow struct {
	Kind    string    `json:"kind"`
	By      personRow `json:"by"`
	ChatID  int64     `json:"chat"`
	ReplyTo int       `json:"reply_to,omitempty"`
	At      int64     `json:"at"`
}

type syncResultRow struct {
	At       int64  `json:"at,omitempty"`
	OK       bool   `json:"ok,omitempty"`
	Figures  int    `json:"figures,omitempty"`
	Revision int64  `json:"rev,omitempty"`
	Problem  string `json:"problem,omitempty"`
	Detail   string `json:"detail,omitempty"`
}

func toItemRows(items []domain.SourceItem) []itemRow {
	out := make([]itemRow, len(items))
	for i, it := range items {
		out[i] = itemRow{ID: it.ID, Name: it.Name, Parent: it.Parent, Won: it.Won, Lost: it.Lost}
	}
	return out
}

func (rows catalogRow) catalog() domain.SourceCatalog {
	items := func(rs []itemRow) []domain.SourceItem {
		var out []domain.SourceItem
		for _, r := range rs {
			out = append(out, domain.SourceItem{ID: r.ID, Name: r.Name, Parent: r.Parent, Won: r.Won, Lost: r.Lost})
		}
		return out
	}
	return domain.SourceCatalog{Segments: items(rows.Segments), Stages: items(rows.Stages), Reasons: items(rows.Reasons), Managers: items(rows.Managers)}
}

// toSourceRow converts everything but the secret, which the store seals.
func toSourceRow(s *domain.Source) sourceRow {
	row := sourceRow{
		V: sourceRowVersion, ID: s.ID, Workspace: s.Workspace, Kind: string(s.Kind), Name: s.Name, Link: s.Link, Hint: s.Hint,
		Awaiting: s.Awaiting, AwaitingUntil: unixNano(s.AwaitingUntil),
		Mapping: mappingRow{Segments: s.Mapping.Segments, Stages: s.Mapping.Stages, Reasons: s.Mapping.Reasons, Managers: s.Mapping.Managers},
		Catalog: catalogRow{Segments: toItemRows(s.Catalog.Segments), Stages: toItemRows(s.Catalog.Stages),
			Reasons: toItemRows(s.Catalog.Reasons), Managers: toItemRows(s.Catalog.Managers)},
		CatalogVersion: s.CatalogVersion, On: s.On, Since: unixNano(s.Since), Paused: s.Paused,
		AddedBy: toPersonRow(s.AddedBy), AddedAt: unixNano(s.AddedAt),
		Last: syncResultRow{At: unixNano(s.Last.At), OK: s.Last.OK, Figures: s.Last.Figures, Revision: s.Last.Revision,
			Problem: s.Last.Problem, Detail: s.Last.Detail},
		Failures: s.Failures, Done: unixNano(s.Done),
	}
	for _, f := range s.Locked {
		row.Locked = append(row.Locked, fieldRow{Kind: int(f.Kind), Stage: f.Stage, Reason: f.Reason, Manager: f.Manager})
	}
	if r := s.Request; r != nil {
		row.Request = &syncRequestRow{Kind: string(r.Kind), By: toPersonRow(r.By), ChatID: r.ChatID, ReplyTo: r.ReplyTo, At: unixNano(r.At)}
	}
	return row
}

// source converts everything but the secret, which the store opens.
func (r sourceRow) source() *domain.Source {
	s := &domain.Source{
		ID: r.ID, Workspace: r.Workspace, Kind: domain.SourceKind(r.Kind), Name: r.Name, Link: r.Link, Hint: r.Hint,
		Awaiting: r.Awaiting, AwaitingUntil: fromUnixNano(r.AwaitingUntil),
		Mapping: domain.SourceMapping{Segments: r.Mapping.Segments, Stages: r.Mapping.Stages, Reasons: r.Mapping.Reasons, Managers: r.Mapping.Managers},
		Catalog: r.Catalog.catalog(), CatalogVersion: r.CatalogVersion,
		On: r.On, Since: fromUnixNano(r.Since), Paused: r.Paused,
		AddedBy: r.AddedBy.person(), AddedAt: fromUnixNano(r.AddedAt),
		Last: domain.SyncResult{At: fromUnixNano(r.Last.At), OK: r.Last.OK, Figures: r.Last.Figures, Revision: r.Last.Revision,
			Problem: r.Last.Problem, Detail: r.Last.Detail},
		Failures: r.Failures, Done: fromUnixNano(r.Done),
	}
	for _, f := range r.Locked {
		s.Locked = append(s.Locked, domain.Field{Kind: domain.FieldKind(f.Kind), Stage: f.Stage, Reason: f.Reason, Manager: f.Manager})
	}
	if q := r.Request; q != nil {
		s.Request = &domain.SyncRequest{Kind: domain.SyncRequestKind(q.Kind), By: q.By.person(), ChatID: q.ChatID, ReplyTo: q.ReplyTo, At: fromUnixNano(q.At)}
	}
	return s
}

// secretBinding is the additional data that ties a sealed secret to its
// workspace and source.
func secretBinding(workspace, id int64) []byte {
	return append(idKey(workspace), idKey(id)...)
}

// sourceStore implements domain.SourceStore.
type sourceStore struct{ t *tx }

func (s sourceStore) CanKeepSecrets() bool { return s.t.seal != nil }

func (s sourceStore) Create(src *domain.Source) error {
	b, err := s.t.workspaceBucket(bucketSources, src.Workspace, true)
	if err != nil {
		return err
	}
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	src.ID = int64(seq)
	if src.AddedAt.IsZero() {
		src.AddedAt = s.t.now()
	}
	return s.put(b, src)
}

// put seals the secret and writes the row. Without a key a source with a
// secret is refused with the text that says how to set one.
func (s sourceStore) put(b *bolt.Bucket, src *domain.Source) error {
	row := toSourceRow(src)
	if !src.Secret.IsZero() {
		if s.t.seal == nil {
			return domain.Errorf(domain.ECONFLICT, "source.no_key")
		}
		sealed, err := s.t.seal.seal(src.Secret.Reveal(), secretBinding(src.Workspace, src.ID))
		if err != nil {
			return err
		}
		row.Sealed = sealed
	} else if src.SecretLost {
		// Keep what cannot be opened now: the right key may come back.
		if old := b.Get(idKey(src.ID)); old != nil {
			var prev sourceRow
			if err := unmarshalRow("source", old, &prev, &prev.V, sourceRowVersion); err != nil {
				return err
			}
			row.Sealed = prev.Sealed
		}
	}
	data, err := marshalRow("source", row)
	if err != nil {
		return err
	}
	return b.Put(idKey(src.ID), data)
}

func (s sourceStore) Get(workspace, id int64) (*domain.Source, error) {
	b, _ := s.t.workspaceBucket(bucketSources, workspace, false)
	if b == nil || id <= 0 {
		return nil, domain.Errorf(domain.ENOTFOUND, "storage.source_not_found")
	}
	data := b.Get(idKey(id))
	if data == nil {
		return nil, domain.Errorf(domain.ENOTFOUND, "storage.source_not_found")
	}
	return s.decode(data)
}

// decode reads a row and opens its secret; a secret that does not open
// (no key, another key) leaves the source marked SecretLost.
func (s sourceStore) decode(data []byte) (*domain.Source, error) {
	var row sourceRow
	if err := unmarshalRow("source", data, &row, &row.V, sourceRowVersion); err != nil {
		return nil, err
	}
	src := row.source()
	if len(row.Sealed) > 0 {
		plain, err := s.t.seal.open(row.Sealed, secretBinding(row.Workspace, row.ID))
		if err != nil {
			src.SecretLost = true
		} else {
			src.Secret = domain.NewSecret(plain)
		}
	}
	return src, nil
}

func (s sourceStore) Put(src *domain.Source) error {
	b, _ := s.t.workspaceBucket(bucketSources, src.Workspace, false)
	if b == nil || b.Get(idKey(src.ID)) == nil {
		return domain.Errorf(domain.ENOTFOUND, "storage.source_not_found")
	}
	return s.put(b, src)
}

func (s sourceStore) Delete(workspace, id int64) error {
	b, _ := s.t.workspaceBucket(bucketSources, workspace, false)
	if b == nil {
		return nil
	}
	return b.Delete(idKey(id))
}

func (s sourceStore) List(workspace int64) ([]*domain.Source, error) {
	b, _ := s.t.workspaceBucket(bucketSources, workspace, false)
	if b == nil {
		return nil, nil
	}
	var out []*domain.Source
	err := b.ForEach(func(_, v []byte) error {
		src, err := s.decode(v)
		if err != nil {
			return err
		}
		out = append(out, src)
		return nil
	})
	return out, err
}
