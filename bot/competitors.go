package bot

import (
	"strings"

	"trackbot/domain"
	"trackbot/sheets"
)

// The competitor table of a segment's market: /competitors shows it,
// /competitor changes it (CEOs), /positioning keeps the segment's "who we
// sell to — what — why they buy from us". Buttons (prefix "cm") open a
// player's card, confirm its facts, remove it, and confirm a sheet import.

// competitorsCmd shows a segment's market: the two pictures, the table,
// where we are not different, and the positioning statement.
func (b *Bot) competitorsCmd(c *Context) error {
	ws := c.Workspace
	seg := ws.DefaultSegment()
	if args := strings.TrimSpace(c.Args); args != "" {
		var ok bool
		if seg, ok = domain.MatchSegment(ws, args); !ok {
			return domain.Errorf(domain.EINVALID, "competitors.usage", escape(args), segmentNames(ws, c.Lang))
		}
	}
	var m domain.Market
	var all []domain.Market
	if err := b.store.View(func(tx domain.Tx) error {
		var err error
		if m, err = tx.Market().Get(ws.ID, seg.Key); err != nil {
			return err
		}
		all, err = tx.Market().List(ws.ID)
		return err
	}); err != nil {
		return err
	}
	if len(m.Players) == 0 {
		c.Reply(marketEmptyText(c, seg, m, all))
		return nil
	}
	var photos []domain.Attachment
	if m.HasSizes() {
		png, err := b.charts.MarketShares(ws, seg, m)
		if err != nil {
			return err
		}
		photos = append(photos, domain.Attachment{Name: "market.png", Data: png})
	}
	if m.HasOffers() {
		png, err := b.charts.CompetitorGrid(ws, seg, m)
		if err != nil {
			return err
		}
		photos = append(photos, domain.Attachment{Name: "competitors.png", Data: png})
	}
	if len(photos) > 0 {
		photos[0].Caption = c.T("competitors.caption", escape(seg.Name.In(c.Lang)))
		job := &domain.OutboxJob{Kind: domain.SendMediaGroup, ReplyTo: c.Message.MessageID, Priority: domain.PriorityReply, Files: photos}
		if len(photos) == 1 {
			job.Kind = domain.SendPhoto
		}
		c.Queue(job)
	}
	c.Say(marketText(c, seg, m), playerButtons(m)...)
	return nil
}

// competitorCmd changes the table: add, edit, remove, market, template.
func (b *Bot) competitorCmd(c *Context) error {
	ws := c.Workspace
	verb, rest, _ := strings.Cut(strings.TrimSpace(c.Args), " ")
	if verb == "" {
		c.Reply(escape(c.T("competitor.usage", domain.CompetitorExample(ws))))
		return nil
	}
	if domain.IsWord(verb, domain.WordTemplate) {
		return b.competitorTemplate(c, rest)
	}
	if !c.IsCEO() {
		return domain.Errorf(domain.EFORBIDDEN, "competitor.ceo_only")
	}
	cmd, err := domain.ParseCompetitorCommand(ws, c.Args, ws.Today(c.now))
	if err != nil {
		return err
	}
	seg, _ := segmentByKey(ws, segmentOf(cmd))
	switch cmd.Verb {
	case domain.WordMarket:
		c.Change(func(tx domain.Tx) error {
			m, err := domain.SetMarketVolume(tx, ws, c.From, cmd.Market, c.now)
			if err != nil {
				return err
			}
			c.Reply(c.T("competitor.market_saved", escape(seg.Name.In(c.Lang)), domain.FormatMoneyShort(m.Volume.Units(), ws.Currency, c.Lang)))
			return nil
		})
	case domain.WordRemove:
		return b.askRemovePlayer(c, seg, cmd.Change.Name)
	default:
		mode := domain.ChangeAdd
		if cmd.Verb == domain.WordEdit {
			mode = domain.ChangeEdit
		}
		c.Change(func(tx domain.Tx) error {
			m, err := domain.ChangeCompetitor(tx, ws, c.From, cmd.Change, mode, c.now)
			if err != nil {
				return err
			}
			name := cmd.Change.Name
			if cmd.Change.Rename != "" {
				name = cmd.Change.Rename
			}
			p, _ := m.Player(name)
			c.Reply(c.T("competitor.saved", escape(seg.Name.In(c.Lang)))+"\n\n"+playerCard(c, m, p), playerCardButtons(c, p)...)
			return nil
		})
	}
	return nil
}

// segmentOf is the segment a parsed command names.
func segmentOf(cmd domain.CompetitorCommand) string {
	if cmd.Verb == domain.WordMarket {
		return cmd.Market.Segment
	}
	return cmd.Change.Segment
}

// segmentByKey returns the workspace's segment with key.
func segmentByKey(ws *domain.Workspace, key string) (domain.Segment, bool) {
	for _, s := range ws.Segments {
		if s.Key == key {
			return s, true
		}
	}
	return domain.Segment{Key: key, Name: domain.Name{En: key, Ru: key}}, false
}

// askRemovePlayer asks a CEO to confirm removing a player with buttons.
func (b *Bot) askRemovePlayer(c *Context, seg domain.Segment, name string) error {
	m, err := b.market(c.Workspace.ID, seg.Key)
	if err != nil {
		return err
	}
	p, ok := m.Player(name)
	if !ok {
		return domain.Errorf(domain.ENOTFOUND, "competitor.not_found", name, playerList(m.Players))
	}
	c.Reply(c.T("competitor.remove_confirm", escape(p.Name), escape(seg.Name.In(c.Lang))), removeButtons(c, seg.Key, p.Key)...)
	return nil
}

// playerList renders player names for a "not found" message.
type playerList []domain.Competitor

// Localize renders the names, or says the table is empty.
func (l playerList) Localize(lang domain.Lang) string {
	if len(l) == 0 {
		return domain.Text(lang, "competitor.none_yet")
	}
	names := make([]string, len(l))
	for i, p := range l {
		names[i] = p.Name
	}
	return strings.Join(names, ", ")
}

// competitorTemplate sends the competitor sheet, filled with the table as
// it is, to be edited and sent back.
func (b *Bot) competitorTemplate(c *Context, args string) error {
	format := sheets.FormatXLSX
	if strings.EqualFold(strings.TrimSpace(args), "csv") {
		format = sheets.FormatCSV
	}
	markets, err := b.markets(c.Workspace.ID)
	if err != nil {
		return err
	}
	data, err := sheets.Competitors(c.Workspace, c.Lang, markets, format, true)
	if err != nil {
		return err
	}
	c.Queue(&domain.OutboxJob{Kind: domain.SendDocument, ReplyTo: c.Message.MessageID, Priority: domain.PriorityReply,
		Files: []domain.Attachment{{Name: "trackbot-competitors." + format, Data: data, Caption: c.T("competitor.template_caption")}}})
	return nil
}

// market loads one segment's market of the workspace.
func (b *Bot) market(wsID int64, segKey string) (domain.Market, error) {
	var m domain.Market
	err := b.store.View(func(tx domain.Tx) error {
		var err error
		m, err = tx.Market().Get(wsID, segKey)
		return err
	})
	return m, err
}

// markets loads every segment's market of the workspace.
func (b *Bot) markets(wsID int64) ([]domain.Market, error) {
	var out []domain.Market
	err := b.store.View(func(tx domain.Tx) error {
		var err error
		out, err = tx.Market().List(wsID)
		return err
	})
	return out, err
}

// positioningCmd shows or sets a segment's statement "who we sell to —
// what — why they buy from us": /positioning [segment] [statement].
func (b *Bot) positioningCmd(c *Context) error {
	ws := c.Workspace
	args := strings.TrimSpace(c.Args)
	markets, err := b.markets(ws.ID)
	if err != nil {
		return err
	}
	if args == "" {
		c.Reply(positioningList(c, markets, ws.ActiveSegments()) + "\n\n" + c.T("positioning.usage"))
		return nil
	}
	seg, text, ok := cutSegment(ws, args)
	if !ok {
		return domain.Errorf(domain.EINVALID, "positioning.unknown_segment", segmentNames(ws, c.Lang))
	}
	if text == "" {
		c.Reply(positioningList(c, markets, []domain.Segment{seg}))
		return nil
	}
	if !c.IsCEO() {
		return domain.Errorf(domain.EFORBIDDEN, "competitor.ceo_only")
	}
	p, err := domain.ParsePositioning(text)
	if err != nil {
		return err
	}
	c.Change(func(tx domain.Tx) error { return domain.SetPositioning(tx, ws, c.From, seg.Key, p, c.now) })
	if p.IsZero() {
		c.Reply(c.T("positioning.removed", escape(seg.Name.In(c.Lang))))
		return nil
	}
	c.Reply(c.T("positioning.saved") + "\n\n" + positioningBlock(c, seg, p))
	return nil
}

// cutSegment splits "<segment> <rest>": the segment is the longest run of
// leading words naming one, or the only segment when none is named.
func cutSegment(ws *domain.Workspace, s string) (domain.Segment, string, bool) {
	words := strings.Fields(s)
	for n := len(words); n >= 1; n-- {
		if seg, ok := domain.MatchSegment(ws, strings.Join(words[:n], " ")); ok {
			rest := s
			for _, w := range words[:n] {
				rest = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rest), w))
			}
			return seg, rest, true
		}
	}
	if live := ws.ActiveSegments(); len(live) == 1 {
		return live[0], s, true
	}
	return domain.Segment{}, "", false
}
