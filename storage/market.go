package storage

import (
	"bytes"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"trackbot/domain"
)

// The competitor table lives in one nested bucket per workspace, its keys
// told apart by their first byte:
//
//	market  workspace id (8) → bucket:
//	          'p' | segment | 0x00 | player key → competitor row
//	          's' | segment                    → segment market row (volume, positioning)
//	          'i' | import id (8, NextSequence) → competitor sheet waiting for confirmation
//
// A segment's players are one key range, so Get is a cursor seek.

// Key prefixes inside a workspace's market bucket.
const (
	marketPlayer  = 'p'
	marketSegment = 's'
	marketImport  = 'i'
)

// Row versions this build writes.
const (
	competitorRowVersion    = 1
	marketSegmentRowVersion = 1
	marketImportRowVersion  = 1
)

// competitorRow is a player as stored; dates are written by Date.String.
type competitorRow struct {
	V          int               `json:"v"`
	Segment    string            `json:"segment"`
	Key        string            `json:"key"`
	Name       string            `json:"name"`
	Us         bool              `json:"us,omitempty"`
	Share      *float64          `json:"share,omitempty"` // nil: unknown
	Revenue    int64             `json:"revenue,omitempty"`
	Source     string            `json:"source,omitempty"`
	Products   []string          `json:"products,omitempty"`
	Features   []string          `json:"features,omitempty"`
	PriceMin   int64             `json:"price_min,omitempty"`
	PriceMax   int64             `json:"price_max,omitempty"`
	Target     string            `json:"target,omitempty"`
	Advantages []string          `json:"advantages,omitempty"`
	Checked    map[string]string `json:"checked,omitempty"` // fact → 2026-03-01
	UpdatedBy  int64             `json:"updated_by,omitempty"`
	UpdatedAt  int64             `json:"updated,omitempty"`
}

func toCompetitorRow(c domain.Competitor) competitorRow {
	row := competitorRow{
		V: competitorRowVersion, Segment: c.Segment, Key: c.Key, Name: c.Name, Us: c.Us,
		Revenue: int64(c.Revenue), Source: c.Source, Products: c.Products, Features: c.Features,
		PriceMin: int64(c.Price.Min), PriceMax: int64(c.Price.Max), Target: c.Target, Advantages: c.Advantages,
		Checked: dateMapRow(c.Checked), UpdatedBy: c.UpdatedBy, UpdatedAt: unixNano(c.UpdatedAt),
	}
	if c.Share.OK {
		row.Share = &c.Share.V
	}
	return row
}

func (r competitorRow) competitor() (domain.Competitor, error) {
	c := domain.Competitor{
		Segment: r.Segment, Key: r.Key, Name: r.Name, Us: r.Us,
		Revenue: domain.Money(r.Revenue), Source: r.Source, Products: r.Products, Features: r.Features,
		Price:  domain.PriceRange{Min: domain.Money(r.PriceMin), Max: domain.Money(r.PriceMax)},
		Target: r.Target, Advantages: r.Advantages, UpdatedBy: r.UpdatedBy, UpdatedAt: fromUnixNano(r.UpdatedAt),
	}
	if r.Share != nil {
		c.Share = domain.Some(*r.Share)
	}
	var err error
	c.Checked, err = dateMap(r.Checked)
	return c, err
}

// dateMapRow and dateMap store per-fact dates as text.
func dateMapRow(m map[domain.Fact]domain.Date) map[string]string {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]string, len(m))
	for f, d := range m {
		out[string(f)] = d.String()
	}
	return out
}

func dateMap(m map[string]string) (map[domain.Fact]domain.Date, error) {
	out := make(map[domain.Fact]domain.Date, len(m))
	for f, s := range m {
		d, err := parseStoredDate(s)
		if err != nil {
			return nil, err
		}
		out[domain.Fact(f)] = d
	}
	return out, nil
}

// optionalDate stores a zero date as "".
func optionalDate(d domain.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func parseOptionalDate(s string) (domain.Date, error) {
	if s == "" {
		return domain.Date{}, nil
	}
	return parseStoredDate(s)
}

// marketSegmentRow is what a segment's market holds besides its players.
type marketSegmentRow struct {
	V             int    `json:"v"`
	Segment       string `json:"segment"`
	Volume        int64  `json:"volume,omitempty"`
	VolumeSource  string `json:"volume_source,omitempty"`
	VolumeChecked string `json:"volume_checked,omitempty"`
	Who           string `json:"who,omitempty"`
	What          string `json:"what,omitempty"`
	Why           string `json:"why,omitempty"`
	PositionedBy  int64  `json:"positioned_by,omitempty"`
	PositionedAt  int64  `json:"positioned,omitempty"`
}

// marketImportRow is a competitor sheet waiting for confirmation.
type marketImportRow struct {
	V         int               `json:"v"`
	ID        int64             `json:"id"`
	Workspace int64             `json:"ws"`
	By        personRow         `json:"by"`
	Source    string            `json:"source"`
	Players   []changeRow       `json:"players,omitempty"`
	Markets   []marketChangeRow `json:"markets,omitempty"`
	CreatedAt int64             `json:"created"`
}

type changeRow struct {
	Segment   string            `json:"segment"`
	Name      string            `json:"name"`
	Us        *bool             `json:"us,omitempty"`
	Values    competitorRow     `json:"values"`
	Fields    []string          `json:"fields,omitempty"`
	On        string            `json:"on,omitempty"`
	FactDates map[string]string `json:"fact_dates,omitempty"`
}

type marketChangeRow struct {
	Segment string `json:"segment"`
	Volume  int64  `json:"volume,omitempty"`
	Source  string `json:"source,omitempty"`
	On      string `json:"on,omitempty"`
}

func toMarketImportRow(imp *domain.MarketImport) marketImportRow {
	row := marketImportRow{
		V: marketImportRowVersion, ID: imp.ID, Workspace: imp.Workspace, Source: imp.Source,
		By:        personRow{UserID: imp.By.UserID, Name: imp.By.Name, Username: imp.By.Username},
		CreatedAt: unixNano(imp.CreatedAt),
	}
	for _, ch := range imp.Players {
		cr := changeRow{Segment: ch.Segment, Name: ch.Name, Us: ch.Us, Values: toCompetitorRow(ch.Values),
			On: optionalDate(ch.On), FactDates: dateMapRow(ch.FactDates)}
		for _, f := range ch.Fields {
			cr.Fields = append(cr.Fields, string(f))
		}
		row.Players = append(row.Players, cr)
	}
	for _, ch := range imp.Markets {
		row.Markets = append(row.Markets, marketChangeRow{Segment: ch.Segment, Volume: int64(ch.Volume), Source: ch.Source, On: optionalDate(ch.On)})
	}
	return row
}

func (r marketImportRow) marketImport() (*domain.MarketImport, error) {
	imp := &domain.MarketImport{
		ID: r.ID, Workspace: r.Workspace, Source: r.Source,
		By:        domain.Person{UserID: r.By.UserID, Name: r.By.Name, Username: r.By.Username},
		CreatedAt: fromUnixNano(r.CreatedAt),
	}
	for _, cr := range r.Players {
		values, err := cr.Values.competitor()
		if err != nil {
			return nil, err
		}
		ch := domain.CompetitorChange{Segment: cr.Segment, Name: cr.Name, Us: cr.Us, Values: values}
		for _, f := range cr.Fields {
			ch.Fields = append(ch.Fields, domain.PlayerField(f))
		}
		if ch.On, err = parseOptionalDate(cr.On); err != nil {
			return nil, err
		}
		if len(cr.FactDates) > 0 {
			if ch.FactDates, err = dateMap(cr.FactDates); err != nil {
				return nil, err
			}
		}
		imp.Players = append(imp.Players, ch)
	}
	for _, mr := range r.Markets {
		on, err := parseOptionalDate(mr.On)
		if err != nil {
			return nil, err
		}
		imp.Markets = append(imp.Markets, domain.MarketChange{Segment: mr.Segment, Volume: domain.Money(mr.Volume), Source: mr.Source, On: on})
	}
	return imp, nil
}

// marketStore implements domain.MarketStore.
type marketStore struct{ t *tx }

func playerPrefix(segment string) []byte {
	return append(append([]byte{marketPlayer}, segment...), segmentEnd)
}

func segmentKey(segment string) []byte { return append([]byte{marketSegment}, segment...) }

func (s marketStore) Get(workspace int64, segment string) (domain.Market, error) {
	m := domain.Market{Segment: segment}
	b, _ := s.t.workspaceBucket(bucketMarket, workspace, false)
	if b == nil {
		return m, nil
	}
	if data := b.Get(segmentKey(segment)); data != nil {
		if err := decodeMarketSegment(data, &m); err != nil {
			return domain.Market{}, err
		}
	}
	prefix := playerPrefix(segment)
	cur := b.Cursor()
	for k, v := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = cur.Next() {
		c, err := decodeCompetitor(v)
		if err != nil {
			return domain.Market{}, err
		}
		m.Players = append(m.Players, c)
	}
	return m, nil
}

func decodeCompetitor(data []byte) (domain.Competitor, error) {
	var row competitorRow
	if err := unmarshalRow("competitor", data, &row, &row.V, competitorRowVersion); err != nil {
		return domain.Competitor{}, err
	}
	return row.competitor()
}

func decodeMarketSegment(data []byte, m *domain.Market) error {
	var row marketSegmentRow
	if err := unmarshalRow("market", data, &row, &row.V, marketSegmentRowVersion); err != nil {
		return err
	}
	checked, err := parseOptionalDate(row.VolumeChecked)
	if err != nil {
		return err
	}
	m.Volume, m.VolumeSource, m.VolumeChecked = domain.Money(row.Volume), row.VolumeSource, checked
	m.Positioning = domain.Positioning{Who: row.Who, What: row.What, Why: row.Why, By: row.PositionedBy, At: fromUnixNano(row.PositionedAt)}
	return nil
}

func (s marketStore) List(workspace int64) ([]domain.Market, error) {
	b, _ := s.t.workspaceBucket(bucketMarket, workspace, false)
	if b == nil {
		return nil, nil
	}
	var segments []string
	seen := map[string]bool{}
	err := b.ForEach(func(k, _ []byte) error {
		var seg string
		switch {
		case len(k) > 0 && k[0] == marketSegment:
			seg = string(k[1:])
		case len(k) > 0 && k[0] == marketPlayer:
			end := bytes.IndexByte(k, segmentEnd)
			if end < 0 {
				return fmt.Errorf("market key %q: no segment end", k)
			}
			seg = string(k[1:end])
		default:
			return nil
		}
		if !seen[seg] {
			seen[seg] = true
			segments = append(segments, seg)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// A segment may have players, its own row or both: one list of keys.
	slices.Sort(segments)
	out := make([]domain.Market, 0, len(segments))
	for _, seg := range segments {
		m, err := s.Get(workspace, seg)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

func (s marketStore) Put(workspace int64, m domain.Market) error {
	if m.Segment == "" || bytes.IndexByte([]byte(m.Segment), segmentEnd) >= 0 {
		return fmt.Errorf("market of segment %q: bad segment key", m.Segment)
	}
	b, err := s.t.workspaceBucket(bucketMarket, workspace, true)
	if err != nil {
		return err
	}
	if err := s.putSegment(b, m); err != nil {
		return err
	}
	prefix := playerPrefix(m.Segment)
	var stale [][]byte
	cur := b.Cursor()
	for k, _ := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = cur.Next() {
		stale = append(stale, bytes.Clone(k))
	}
	for _, k := range stale {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	for _, c := range m.Players {
		if c.Key == "" {
			return fmt.Errorf("player %q of segment %q: no key", c.Name, m.Segment)
		}
		c.Segment = m.Segment
		data, err := marshalRow("competitor", toCompetitorRow(c))
		if err != nil {
			return err
		}
		if err := b.Put(append(bytes.Clone(prefix), c.Key...), data); err != nil {
			return err
		}
	}
	return nil
}

// putSegment stores the segment's own row, or deletes it when it holds
// nothing.
func (s marketStore) putSegment(b *bolt.Bucket, m domain.Market) error {
	if m.Volume == 0 && m.Positioning.IsZero() {
		return b.Delete(segmentKey(m.Segment))
	}
	p := m.Positioning
	data, err := marshalRow("market", marketSegmentRow{
		V: marketSegmentRowVersion, Segment: m.Segment,
		Volume: int64(m.Volume), VolumeSource: m.VolumeSource, VolumeChecked: optionalDate(m.VolumeChecked),
		Who: p.Who, What: p.What, Why: p.Why, PositionedBy: p.By, PositionedAt: unixNano(p.At),
	})
	if err != nil {
		return err
	}
	return b.Put(segmentKey(m.Segment), data)
}

func importKey(id int64) []byte { return append([]byte{marketImport}, idKey(id)...) }

func (s marketStore) CreateImport(imp *domain.MarketImport) error {
	b, err := s.t.workspaceBucket(bucketMarket, imp.Workspace, true)
	if err != nil {
		return err
	}
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	imp.ID = int64(seq)
	if imp.CreatedAt.IsZero() {
		imp.CreatedAt = s.t.now()
	}
	data, err := marshalRow("market import", toMarketImportRow(imp))
	if err != nil {
		return err
	}
	return b.Put(importKey(imp.ID), data)
}

func (s marketStore) Import(workspace, id int64) (*domain.MarketImport, error) {
	b, _ := s.t.workspaceBucket(bucketMarket, workspace, false)
	var data []byte
	if b != nil && id > 0 {
		data = b.Get(importKey(id))
	}
	if data == nil {
		return nil, domain.Errorf(domain.ENOTFOUND, "competitor.import_handled")
	}
	var row marketImportRow
	if err := unmarshalRow("market import", data, &row, &row.V, marketImportRowVersion); err != nil {
		return nil, err
	}
	return row.marketImport()
}

func (s marketStore) DeleteImport(workspace, id int64) error {
	b, _ := s.t.workspaceBucket(bucketMarket, workspace, false)
	if b == nil {
		return nil
	}
	return b.Delete(importKey(id))
}
