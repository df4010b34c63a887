package bot

import (
	"fmt"
	"strings"

	"trackbot/domain"
)

// maxPlayerButtons caps the players offered as buttons under the table.
const maxPlayerButtons = 8

// marketText renders a segment's market: a compact table (share and price
// per player, ours starred), each player's facts with the day they were
// checked, where we are not different, and the positioning statement.
func marketText(c *Context, seg domain.Segment, m domain.Market) string {
	ws, l := c.Workspace, c.Lang
	today := ws.Today(c.now)
	var sb strings.Builder
	sb.WriteString(c.T("competitors.title", escape(seg.Name.In(l))))
	if m.Volume > 0 {
		sb.WriteString("\n" + factLine(c, c.T("competitors.volume"), domain.FormatMoneyShort(m.Volume.Units(), ws.Currency, l),
			m.VolumeSource, m.VolumeChecked, today))
	}
	fmt.Fprintf(&sb, "\n<pre>%s %5s %s\n", escape(pad(c.T("competitors.col_player"), 13)), c.T("competitors.col_share"), c.T("competitors.col_price"))
	players := m.Ranked()
	for _, p := range players {
		mark := " "
		if p.Us {
			mark = "*"
		}
		fmt.Fprintf(&sb, "%s%s %5s %s\n", mark, escape(pad(p.Name, 12)), domain.FormatPercent(m.ShareOf(p), l), escape(p.Price.Localize("", l)))
	}
	sb.WriteString("</pre>" + c.T("competitors.legend"))
	for _, p := range players {
		sb.WriteString("\n\n" + playerCard(c, m, p))
	}
	sb.WriteString("\n\n" + notDifferentText(c, m))
	sb.WriteString("\n\n" + positioningBlock(c, seg, m.Positioning))
	if c.IsCEO() {
		sb.WriteString("\n\n" + c.T("competitors.edit_hint"))
	}
	return sb.String()
}

// playerCard renders one player's facts, each with the day it was checked
// and a mark when that is longer ago than a quarter.
func playerCard(c *Context, m domain.Market, p domain.Competitor) string {
	ws, l := c.Workspace, c.Lang
	today := ws.Today(c.now)
	title := "<b>" + escape(p.Name) + "</b>"
	switch {
	case p.Us && domain.IsOurselves(p.Name):
		title = "★ " + title
	case p.Us:
		title = "★ " + title + " " + c.T("competitors.us")
	}
	lines := []string{title}
	date := func(f domain.Fact) domain.Date { return p.Checked[f] }
	if p.Has(domain.FactShare) {
		var parts []string
		if s := m.ShareOf(p); s.OK {
			parts = append(parts, domain.FormatPercent(s, l))
		}
		if p.Revenue > 0 {
			parts = append(parts, c.T("competitors.revenue", domain.FormatMoneyShort(p.Revenue.Units(), ws.Currency, l)))
		}
		lines = append(lines, factLine(c, c.T("competitors.share"), strings.Join(parts, ", "), p.Source, date(domain.FactShare), today))
	}
	// Products and features are one fact, dated once, on its last line.
	switch {
	case len(p.Products) > 0 && len(p.Features) > 0:
		lines = append(lines, c.T("competitors.products")+": "+escape(strings.Join(p.Products, ", ")))
		lines = append(lines, factLine(c, c.T("competitors.features"), strings.Join(p.Features, ", "), "", date(domain.FactProducts), today))
	case len(p.Products) > 0:
		lines = append(lines, factLine(c, c.T("competitors.products"), strings.Join(p.Products, ", "), "", date(domain.FactProducts), today))
	case len(p.Features) > 0:
		lines = append(lines, factLine(c, c.T("competitors.features"), strings.Join(p.Features, ", "), "", date(domain.FactProducts), today))
	}
	if p.Has(domain.FactPrice) {
		lines = append(lines, factLine(c, c.T("competitors.price"), p.Price.Localize(ws.Currency, l), "", date(domain.FactPrice), today))
	}
	if p.Has(domain.FactTarget) {
		lines = append(lines, factLine(c, c.T("competitors.target"), p.Target, "", date(domain.FactTarget), today))
	}
	if p.Has(domain.FactAdvantage) {
		lines = append(lines, factLine(c, c.T("competitors.advantage"), strings.Join(p.Advantages, ", "), "", date(domain.FactAdvantage), today))
	}
	if len(lines) == 1 {
		lines = append(lines, c.T("competitors.nothing_known"))
	}
	return strings.Join(lines, "\n")
}

// factLine is "Label: value (source) · 10.01.2026", with ⚠️ after a date
// older than a quarter.
func factLine(c *Context, label, value, source string, checked, today domain.Date) string {
	line := label + ": " + escape(value)
	if source != "" {
		line += " (" + escape(source) + ")"
	}
	when := c.T("competitors.undated")
	if !checked.IsZero() {
		when = checked.Localize(c.Lang)
	}
	line += " · <i>" + when + "</i>"
	if domain.Stale(checked, today) {
		line += " ⚠️"
	}
	return line
}

// notDifferentText says where we are not different: our features others
// offer, our advantages others claim, the players selling to our audience,
// what is ours alone — and that we blend in when nothing is.
func notDifferentText(c *Context, m domain.Market) string {
	s := m.NotDifferent()
	if !s.HasUs {
		return c.T("competitors.no_us", escape(domain.Text(c.Lang, "competitor.example", strings.ToLower(segmentName(c, m.Segment)))))
	}
	lines := []string{c.T("competitors.same_title")}
	if len(s.Features) > 0 {
		lines = append(lines, c.T("competitors.same_features", overlaps(s.Features)))
	}
	if len(s.Advantages) > 0 {
		lines = append(lines, c.T("competitors.same_advantages", overlaps(s.Advantages)))
	}
	if len(s.SameTarget) > 0 {
		us, _ := m.Us()
		lines = append(lines, c.T("competitors.same_target", escape(us.Target), escape(strings.Join(s.SameTarget, ", "))))
	}
	if len(s.Distinct) > 0 {
		lines = append(lines, c.T("competitors.distinct", escape(strings.Join(s.Distinct, ", "))))
	}
	switch {
	case s.BlendIn:
		lines = append(lines, c.T("competitors.blend_in"))
	case s.AllFeaturesShared:
		lines = append(lines, c.T("competitors.all_features_shared"))
	case len(lines) == 1:
		lines = append(lines, c.T("competitors.no_claims"))
	}
	return strings.Join(lines, "\n")
}

// overlaps renders "Installation (PlayMax, Gorka); Warranty (PlayMax)".
func overlaps(list []domain.Overlap) string {
	parts := make([]string, len(list))
	for i, o := range list {
		parts[i] = escape(o.Claim) + " (" + escape(strings.Join(o.Players, ", ")) + ")"
	}
	return strings.Join(parts, "; ")
}

// segmentName names a segment key in the context's language.
func segmentName(c *Context, key string) string { return c.Workspace.SegmentName(key, c.Lang) }

// positioningBlock renders a segment's statement, or how to write one.
func positioningBlock(c *Context, seg domain.Segment, p domain.Positioning) string {
	name := escape(seg.Name.In(c.Lang))
	if p.IsZero() {
		return c.T("positioning.none", name, escape(strings.ToLower(seg.Name.In(c.Lang))))
	}
	return c.T("positioning.block", name, escape(p.Who), escape(p.What), escape(p.Why))
}

// positioningList renders the statements of the segments.
func positioningList(c *Context, markets []domain.Market, segs []domain.Segment) string {
	var parts []string
	for _, seg := range segs {
		var p domain.Positioning
		for _, m := range markets {
			if m.Segment == seg.Key {
				p = m.Positioning
			}
		}
		parts = append(parts, positioningBlock(c, seg, p))
	}
	return strings.Join(parts, "\n\n")
}

// marketEmptyText answers /competitors for a segment with no player yet:
// how to add one, and which segments do have a table.
func marketEmptyText(c *Context, seg domain.Segment, m domain.Market, all []domain.Market) string {
	text := c.T("competitors.empty", escape(seg.Name.In(c.Lang)), escape(domain.Text(c.Lang, "competitor.example", strings.ToLower(seg.Name.In(c.Lang)))))
	var others []string
	for _, o := range all {
		if o.Segment != seg.Key && len(o.Players) > 0 {
			others = append(others, fmt.Sprintf("%s (%d)", escape(segmentName(c, o.Segment)), len(o.Players)))
		}
	}
	if len(others) > 0 {
		text += "\n" + c.T("competitors.elsewhere", strings.Join(others, ", "))
	}
	if !m.Positioning.IsZero() {
		text += "\n\n" + positioningBlock(c, seg, m.Positioning)
	}
	return text
}

// playerButtons offers a card per player, two to a row, largest first.
func playerButtons(m domain.Market) [][]domain.Button {
	var rows [][]domain.Button
	var row []domain.Button
	for i, p := range m.Ranked() {
		if i == maxPlayerButtons {
			break
		}
		data := playerData("o", m.Segment, p.Key)
		if len(data) > maxCallbackData {
			continue // keys are short slugs; this is the safety net
		}
		row = append(row, domain.Button{Text: "✎ " + domain.Shorten(p.Name, 24), Data: data})
		if len(row) == 2 {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return rows
}

// playerData is a player button's data: "cm:<op>:<segment>:<player>".
func playerData(op, segment, key string) string {
	return "cm:" + op + ":" + segment + ":" + key
}

// playerCardButtons are a player card's: confirm every fact today, or remove.
func playerCardButtons(c *Context, p domain.Competitor) [][]domain.Button {
	return [][]domain.Button{{
		{Text: c.T("competitor.button_checked"), Data: playerData("c", p.Segment, p.Key)},
		{Text: c.T("competitor.button_remove"), Data: playerData("r", p.Segment, p.Key)},
	}}
}

// removeButtons confirm or cancel a removal.
func removeButtons(c *Context, segment, key string) [][]domain.Button {
	if len(playerData("d", segment, key)) > maxCallbackData {
		return nil
	}
	return [][]domain.Button{{
		{Text: c.T("competitor.button_remove_yes"), Data: playerData("d", segment, key)},
		{Text: c.T("setup.remove_no"), Data: "cm:x"},
	}}
}
