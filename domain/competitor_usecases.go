package domain

import (
	"slices"
	"time"
)

// MarketStore keeps each segment's market — the players, the volume and
// the positioning statement — and the file imports waiting for a CEO's
// confirmation.
type MarketStore interface {
	// Get returns the segment's market with its players; a segment nobody
	// described yet is an empty Market of that segment.
	Get(workspace int64, segment string) (Market, error)
	// List returns every segment's market that holds anything, ordered by
	// segment key.
	List(workspace int64) ([]Market, error)
	// Put stores the market: its volume, its statement and exactly its
	// players (a stored player missing from m.Players is deleted).
	Put(workspace int64, m Market) error
	// CreateImport assigns the import an id and stores it.
	CreateImport(imp *MarketImport) error
	// Import returns the workspace's import with the id or an ENOTFOUND error.
	Import(workspace, id int64) (*MarketImport, error)
	// DeleteImport removes an import; a missing one is not an error.
	DeleteImport(workspace, id int64) error
}

// ChangeCompetitor adds or edits a player of a segment's market for by, a
// CEO, and returns the market as stored. The market must stay valid as a
// whole (see Market.Validate); the refusal lists every problem with an
// example of a correct command.
func ChangeCompetitor(tx Tx, ws *Workspace, by Person, ch CompetitorChange, mode ChangeMode, now time.Time) (Market, error) {
	if err := requireMarketEditor(ws, by); err != nil {
		return Market{}, err
	}
	m, err := tx.Market().Get(ws.ID, ch.Segment)
	if err != nil {
		return Market{}, err
	}
	today := ws.Today(now)
	if err := m.Apply(ch, mode, by.UserID, now, today); err != nil {
		return Market{}, invalidMarket(ws, []*Error{asError(err)})
	}
	if probs := m.Validate(today); len(probs) > 0 {
		return Market{}, invalidMarket(ws, probs)
	}
	return m, tx.Market().Put(ws.ID, m)
}

// RemoveCompetitor takes the named player out of the segment's market.
func RemoveCompetitor(tx Tx, ws *Workspace, by Person, segment, name string) (Competitor, error) {
	if err := requireMarketEditor(ws, by); err != nil {
		return Competitor{}, err
	}
	m, err := tx.Market().Get(ws.ID, segment)
	if err != nil {
		return Competitor{}, err
	}
	c, err := m.Remove(name)
	if err != nil {
		return Competitor{}, err
	}
	return c, tx.Market().Put(ws.ID, m)
}

// ConfirmCompetitor dates every known fact of the player with key today:
// the CEO checked it and nothing changed. A player that is gone is an
// ESTALE error (the button was old).
func ConfirmCompetitor(tx Tx, ws *Workspace, by Person, segment, key string, now time.Time) (Competitor, error) {
	if err := requireMarketEditor(ws, by); err != nil {
		return Competitor{}, err
	}
	m, err := tx.Market().Get(ws.ID, segment)
	if err != nil {
		return Competitor{}, err
	}
	c, err := m.ConfirmChecked(key, by.UserID, now, ws.Today(now))
	if err != nil {
		return Competitor{}, err
	}
	return c, tx.Market().Put(ws.ID, m)
}

// SetMarketVolume sets a segment's market volume and its source.
func SetMarketVolume(tx Tx, ws *Workspace, by Person, ch MarketChange, now time.Time) (Market, error) {
	if err := requireMarketEditor(ws, by); err != nil {
		return Market{}, err
	}
	m, err := tx.Market().Get(ws.ID, ch.Segment)
	if err != nil {
		return Market{}, err
	}
	today := ws.Today(now)
	m.ApplyVolume(ch, today)
	if probs := m.Validate(today); len(probs) > 0 {
		return Market{}, invalidMarket(ws, probs)
	}
	return m, tx.Market().Put(ws.ID, m)
}

// SetPositioning stores the segment's statement "who we sell to — what —
// why they buy from us"; an empty statement removes it.
func SetPositioning(tx Tx, ws *Workspace, by Person, segment string, p Positioning, now time.Time) error {
	if err := requireMarketEditor(ws, by); err != nil {
		return err
	}
	m, err := tx.Market().Get(ws.ID, segment)
	if err != nil {
		return err
	}
	p.By, p.At = by.UserID, now
	if p.IsZero() {
		p = Positioning{}
	}
	m.Positioning = p
	return tx.Market().Put(ws.ID, m)
}

// requireMarketEditor allows CEOs only: the market analysis is the
// company's strategy, not a department's report.
func requireMarketEditor(ws *Workspace, by Person) error {
	if !ws.IsCEO(by.UserID) {
		return Errorf(EFORBIDDEN, "competitor.ceo_only")
	}
	return nil
}

// asError returns err as an *Error, an internal one when it is not.
func asError(err error) *Error {
	if e, ok := err.(*Error); ok {
		return e
	}
	return Errorf(EINTERNAL, "error.internal")
}

// MarketImport is a competitor sheet waiting for a CEO's confirmation, as
// the numbers of a file wait in a Draft: nothing of it is applied before
// the press, and then all of it or nothing.
type MarketImport struct {
	ID        int64
	Workspace int64
	By        Person
	Source    string // the uploaded file's name
	Players   []CompetitorChange
	Markets   []MarketChange
	CreatedAt time.Time
}

// Expired reports whether the import waited longer than a draft may.
func (imp *MarketImport) Expired(now time.Time) bool { return now.Sub(imp.CreatedAt) > DraftTTL }

// ImportSummary says what an import does to each segment's market.
type ImportSummary struct {
	Segments []SegmentImport
}

// SegmentImport is what an import does to one segment's market.
type SegmentImport struct {
	Segment string
	Added   []string // new players
	Updated []string // players whose facts change
	Volume  bool     // the market volume is set
}

// ProposeMarketImport checks that the file's rows apply to the markets as
// they are — every market stays valid — and stores them as an import
// waiting for confirmation. Only CEOs change the market table.
func ProposeMarketImport(tx Tx, ws *Workspace, by Person, source string, players []CompetitorChange, markets []MarketChange, now time.Time) (*MarketImport, ImportSummary, error) {
	if err := requireMarketEditor(ws, by); err != nil {
		return nil, ImportSummary{}, err
	}
	imp := &MarketImport{Workspace: ws.ID, By: by, Source: source, Players: players, Markets: markets, CreatedAt: now}
	_, sum, err := applyImport(tx, ws, imp, now)
	if err != nil {
		return nil, ImportSummary{}, err
	}
	if err := tx.Market().CreateImport(imp); err != nil {
		return nil, ImportSummary{}, err
	}
	return imp, sum, nil
}

// ConfirmMarketImport applies the stored import to the markets as they are
// now, all or nothing, and deletes it. An expired import is an ECONFLICT
// error; one that is gone, ESTALE.
func ConfirmMarketImport(tx Tx, ws *Workspace, by Person, id int64, now time.Time) (ImportSummary, error) {
	if err := requireMarketEditor(ws, by); err != nil {
		return ImportSummary{}, err
	}
	imp, err := tx.Market().Import(ws.ID, id)
	if ErrorCode(err) == ENOTFOUND {
		return ImportSummary{}, Errorf(ESTALE, "competitor.import_handled")
	}
	if err != nil {
		return ImportSummary{}, err
	}
	if imp.Expired(now) {
		return ImportSummary{}, Errorf(ECONFLICT, "log.expired")
	}
	changed, sum, err := applyImport(tx, ws, imp, now)
	if err != nil {
		return ImportSummary{}, err
	}
	for _, m := range changed {
		if err := tx.Market().Put(ws.ID, m); err != nil {
			return ImportSummary{}, err
		}
	}
	return sum, tx.Market().DeleteImport(ws.ID, id)
}

// segmentIndex is the segment's place in the workspace's list, so markets
// come in the order the company lists its segments.
func segmentIndex(ws *Workspace, key string) int {
	return slices.IndexFunc(ws.Segments, func(s Segment) bool { return s.Key == key })
}

// applyImport applies the import to copies of the stored markets and
// validates each; it returns the changed markets in segment order.
func applyImport(tx Tx, ws *Workspace, imp *MarketImport, now time.Time) ([]Market, ImportSummary, error) {
	today := ws.Today(now)
	markets := map[string]*Market{}
	sums := map[string]*SegmentImport{}
	var order []string
	get := func(seg string) (*Market, *SegmentImport, error) {
		if m, ok := markets[seg]; ok {
			return m, sums[seg], nil
		}
		m, err := tx.Market().Get(ws.ID, seg)
		if err != nil {
			return nil, nil, err
		}
		markets[seg], sums[seg] = &m, &SegmentImport{Segment: seg}
		order = append(order, seg)
		return &m, sums[seg], nil
	}
	var probs []*Error
	for _, ch := range imp.Markets {
		m, s, err := get(ch.Segment)
		if err != nil {
			return nil, ImportSummary{}, err
		}
		m.ApplyVolume(ch, today)
		s.Volume = true
	}
	for _, ch := range imp.Players {
		m, s, err := get(ch.Segment)
		if err != nil {
			return nil, ImportSummary{}, err
		}
		_, existed := m.Player(ch.Name)
		if err := m.Apply(ch, ChangeUpsert, imp.By.UserID, now, today); err != nil {
			probs = append(probs, asError(err))
			continue
		}
		name := CleanName(ch.Name)
		if existed {
			s.Updated = append(s.Updated, name)
		} else {
			s.Added = append(s.Added, name)
		}
	}
	var out []Market
	var sum ImportSummary
	slices.SortStableFunc(order, func(a, b string) int { return segmentIndex(ws, a) - segmentIndex(ws, b) })
	for _, seg := range order {
		probs = append(probs, markets[seg].Validate(today)...)
		out = append(out, *markets[seg])
		sum.Segments = append(sum.Segments, *sums[seg])
	}
	if len(probs) > 0 {
		return nil, ImportSummary{}, Errorf(EINVALID, "competitor.import_invalid", errorList(probs))
	}
	return out, sum, nil
}
