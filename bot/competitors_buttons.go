package bot

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"trackbot/domain"
)

// onCompetitorButton handles the competitor buttons (prefix "cm"):
//
//	o:<segment>:<player>  open the player's card
//	c:<segment>:<player>  every fact of the player checked today
//	r:<segment>:<player>  ask to remove the player
//	d:<segment>:<player>  remove it, confirmed
//	x                     cancel a removal
//	i:<import>:y|n        confirm or cancel a competitor sheet
//
// Only CEOs change the table, so who pressed is checked before anything
// is read, changed or edited.
func (b *Bot) onCompetitorButton(c *Context, payload string) error {
	if !c.IsCEO() {
		return c.Refuse(domain.Errorf(domain.EFORBIDDEN, "competitor.ceo_only"))
	}
	op, rest, _ := strings.Cut(payload, ":")
	switch op {
	case "x":
		c.Edit(c.Message.MessageID, c.T("competitor.remove_cancelled"))
		return nil
	case "i":
		return b.onImportButton(c, rest)
	case "o", "c", "r", "d":
	default:
		return c.Refuse(staleButton())
	}
	segKey, key, ok := strings.Cut(rest, ":")
	seg, known := segmentByKey(c.Workspace, segKey)
	if !ok || !known {
		return c.Refuse(staleButton())
	}
	m, err := b.market(c.Workspace.ID, seg.Key)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(m.Players, func(q domain.Competitor) bool { return q.Key == key })
	if i < 0 {
		if op != "o" {
			c.Edit(c.Message.MessageID, c.T("competitor.gone"))
		}
		return c.Refuse(staleButton())
	}
	p := m.Players[i]
	ws := c.Workspace
	switch op {
	case "o":
		c.Reply(playerCard(c, m, p), playerCardButtons(c, p)...)
	case "c":
		c.Change(func(tx domain.Tx) error {
			if _, err := domain.ConfirmCompetitor(tx, ws, c.From, seg.Key, key, c.now); err != nil {
				return err
			}
			after, err := tx.Market().Get(ws.ID, seg.Key)
			if err != nil {
				return err
			}
			fresh, _ := after.Player(p.Name)
			c.Edit(c.Message.MessageID, playerCard(c, after, fresh), playerCardButtons(c, fresh)...)
			c.Answer(c.T("competitor.confirmed"), false)
			return nil
		})
	case "r":
		c.Edit(c.Message.MessageID, c.T("competitor.remove_confirm", escape(p.Name), escape(seg.Name.In(c.Lang))), removeButtons(c, seg.Key, key)...)
	case "d":
		c.Change(func(tx domain.Tx) error {
			_, err := domain.RemoveCompetitor(tx, ws, c.From, seg.Key, key)
			return err
		})
		c.Edit(c.Message.MessageID, c.T("competitor.removed", escape(p.Name), escape(seg.Name.In(c.Lang))))
		c.Answer(c.T("competitor.removed_short"), false)
	}
	return nil
}

// onImportButton confirms ("<id>:y") or cancels ("<id>:n") a competitor
// sheet waiting since its upload.
func (b *Bot) onImportButton(c *Context, payload string) error {
	idText, verdict, _ := strings.Cut(payload, ":")
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil || verdict != "y" && verdict != "n" {
		return c.Refuse(staleButton())
	}
	ws := c.Workspace
	err = b.store.View(func(tx domain.Tx) error {
		_, err := tx.Market().Import(ws.ID, id)
		return err
	})
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		c.Edit(c.Message.MessageID, c.T("competitor.import_handled"))
		return c.Refuse(domain.Errorf(domain.ESTALE, "competitor.import_handled"))
	}
	if err != nil {
		return err
	}
	if verdict == "n" {
		c.Change(func(tx domain.Tx) error { return tx.Market().DeleteImport(ws.ID, id) })
		c.Edit(c.Message.MessageID, c.T("competitor.import_cancelled"))
		c.Answer(c.T("competitor.import_cancelled"), false)
		return nil
	}
	c.Change(func(tx domain.Tx) error {
		sum, err := domain.ConfirmMarketImport(tx, ws, c.From, id, c.now)
		if err != nil {
			return err
		}
		c.Edit(c.Message.MessageID, c.T("competitor.imported")+"\n"+importSummary(c, sum))
		c.Answer(c.T("competitor.imported_short"), false)
		return nil
	})
	return nil
}

// importSummary renders what an import does, segment by segment.
func importSummary(c *Context, sum domain.ImportSummary) string {
	var lines []string
	for _, s := range sum.Segments {
		var parts []string
		if len(s.Added) > 0 {
			parts = append(parts, c.T("competitor.import_added", escape(strings.Join(s.Added, ", "))))
		}
		if len(s.Updated) > 0 {
			parts = append(parts, c.T("competitor.import_updated", escape(strings.Join(s.Updated, ", "))))
		}
		if s.Volume {
			parts = append(parts, c.T("competitor.import_volume"))
		}
		lines = append(lines, fmt.Sprintf("• <b>%s</b>: %s", escape(segmentName(c, s.Segment)), strings.Join(parts, "; ")))
	}
	return strings.Join(lines, "\n")
}
