package bot

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"trackbot/domain"
	"trackbot/sheets"
)

// The competitor table's hooks into other commands: an uploaded file may
// hold the competitor sheet (/import), /export writes it, the first review
// of a quarter lists the facts to check again, and /focus shows the
// positioning statements.

// importMarketSheet proposes the competitor sheet of an uploaded file, if
// it has one, for a CEO to confirm. done is true when the file has nothing
// else to import; otherwise its numbers are read as usual.
func (b *Bot) importMarketSheet(c *Context, name string, data []byte) (done bool, err error) {
	ws := c.Workspace
	now := c.now.In(ws.Location())
	sheet, err := sheets.ReadCompetitors(ws, name, data, now, sheets.DefaultLimits())
	switch {
	case !sheet.Found:
		return err != nil, err
	case !c.IsCEO() && sheet.Alone:
		return true, domain.Errorf(domain.EFORBIDDEN, "competitor.ceo_only")
	case !c.IsCEO():
		c.Reply(c.T("competitor.import_skipped"))
		return false, nil
	case err != nil:
		return true, err
	}
	c.Change(func(tx domain.Tx) error {
		imp, sum, err := domain.ProposeMarketImport(tx, ws, c.From, name, sheet.Players, sheet.Markets, c.now)
		if err != nil {
			return err
		}
		c.Reply(c.T("competitor.import_preview", escape(name))+"\n"+importSummary(c, sum)+"\n\n"+c.T("competitor.import_confirm"),
			[]domain.Button{
				{Text: c.T("log.confirm"), Data: fmt.Sprintf("cm:i:%d:y", imp.ID)},
				{Text: c.T("log.cancel"), Data: fmt.Sprintf("cm:i:%d:n", imp.ID)},
			})
		return nil
	})
	if sheet.Alone {
		return true, nil
	}
	// A workbook with the numbers first: they are imported too, unless that
	// sheet is an empty template.
	_, numErr := sheets.Read(ws, name, bytes.NewReader(data), now, sheets.DefaultLimits())
	var e *domain.Error
	if errors.As(numErr, &e) && e.Key == "sheets.empty" {
		return true, nil
	}
	return false, nil
}

// exportMarketOr sends the competitor table as CSV and XLSX when there is
// one; otherwise it replies the text with key orElse, if any.
func (b *Bot) exportMarketOr(c *Context, orElse string) error {
	markets, err := b.markets(c.Workspace.ID)
	if err != nil {
		return err
	}
	players := 0
	for _, m := range markets {
		players += len(m.Players)
	}
	if len(markets) == 0 {
		if orElse != "" {
			c.Reply(c.T(orElse))
		}
		return nil
	}
	for _, format := range []string{sheets.FormatCSV, sheets.FormatXLSX} {
		data, err := sheets.Competitors(c.Workspace, c.Lang, markets, format, false)
		if err != nil {
			return err
		}
		c.Queue(&domain.OutboxJob{Kind: domain.SendDocument, ReplyTo: c.Message.MessageID, Priority: domain.PriorityReply,
			Files: []domain.Attachment{{Name: "trackbot-competitors." + format, Data: data, Caption: c.T("competitor.export_caption", players)}}})
	}
	return nil
}

// maxStaleLines caps the facts listed in a review; the rest are counted.
const maxStaleLines = 15

// queueStaleFacts lists, in the first review of a quarter, the facts of
// the competitor table older than a quarter, for the CEO to check again.
func (b *Bot) queueStaleFacts(c *Context, reviews []*domain.Review, session *domain.Review) error {
	ws := c.Workspace
	if !ws.FirstReviewOfQuarter(reviews, session) {
		return nil
	}
	markets, err := b.markets(ws.ID)
	if err != nil {
		return err
	}
	stale := domain.StaleFacts(markets, ws.Today(c.now))
	if len(stale) == 0 {
		return nil
	}
	job := c.textJob(staleFactsText(c, stale), nil)
	job.Priority = domain.PriorityBulk // after the pack, in order
	c.Queue(job)
	return nil
}

// staleFactsText renders the facts to check again, grouped by player.
func staleFactsText(c *Context, stale []domain.StaleFact) string {
	var lines []string
	var example string
	for i := 0; i < len(stale) && len(lines) < maxStaleLines; {
		s := stale[i]
		var facts []string
		for ; i < len(stale) && stale[i].Segment == s.Segment && stale[i].Player == s.Player; i++ {
			when := c.T("competitors.undated")
			if !stale[i].Checked.IsZero() {
				when = stale[i].Checked.Localize(c.Lang)
			}
			facts = append(facts, factName(c, stale[i].Fact)+" ("+when+")")
		}
		seg := segmentName(c, s.Segment)
		if s.Player == "" { // the market's volume
			lines = append(lines, fmt.Sprintf("• %s · %s", escape(seg), strings.Join(facts, ", ")))
			continue
		}
		if example == "" {
			example = fmt.Sprintf("/competitor edit %s %s %s", strings.ToLower(seg), s.Player, c.T("competitors.checked_today"))
		}
		lines = append(lines, fmt.Sprintf("• %s · %s: %s", escape(seg), escape(s.Player), strings.Join(facts, ", ")))
	}
	text := c.T("competitors.stale_title") + "\n" + strings.Join(lines, "\n")
	if shown := countShown(stale, len(lines)); shown < len(stale) {
		text += "\n" + c.T("competitors.stale_more", len(stale)-shown)
	}
	if example == "" {
		example = fmt.Sprintf("/competitor market %s volume=…", strings.ToLower(segmentName(c, stale[0].Segment)))
		if c.Lang == domain.Russian {
			example = fmt.Sprintf("/competitor market %s объем=…", strings.ToLower(segmentName(c, stale[0].Segment)))
		}
	}
	return text + "\n\n" + c.T("competitors.stale_how", escape(example))
}

// countShown is how many stale facts the first n player lines hold.
func countShown(stale []domain.StaleFact, n int) int {
	lines, i := 0, 0
	for i < len(stale) && lines < n {
		s := stale[i]
		for i < len(stale) && stale[i].Segment == s.Segment && stale[i].Player == s.Player {
			i++
		}
		lines++
	}
	return i
}

// focusPositioning is the /focus note of the focus segments' positioning
// statements: the focus is "who we sell to", so what and why belong next
// to it.
func (b *Bot) focusPositioning(c *Context) string {
	markets, err := b.markets(c.Workspace.ID)
	if err != nil {
		b.log.Warn("reading the competitor table failed", "err", b.red.Err(err))
		return ""
	}
	return "\n\n" + positioningList(c, markets, c.Workspace.FocusSegments())
}

// factName names a fact in the context's language.
func factName(c *Context, f domain.Fact) string {
	switch f {
	case domain.FactShare:
		return c.T("competitors.share")
	case domain.FactProducts:
		return c.T("competitors.products")
	case domain.FactPrice:
		return c.T("competitors.price")
	case domain.FactTarget:
		return c.T("competitors.target")
	case domain.FactAdvantage:
		return c.T("competitors.advantage")
	}
	return c.T("competitors.volume")
}
