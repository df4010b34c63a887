package sheets

import (
	"strings"

	"trackbot/domain"
)

// Competitors writes the competitor table (format "csv" or "xlsx") in
// lang: a row per player, largest first, after the whole market's row when
// its volume is known, so the file re-imports to the same table. A
// template also gets an empty row for each active segment with no player
// yet and, as a workbook, a sheet of instructions.
func Competitors(ws *domain.Workspace, lang domain.Lang, markets []domain.Market, format string, template bool) ([]byte, error) {
	if err := checkFormat(format); err != nil {
		return nil, err
	}
	cols := domain.PlayerColumns()
	t := table{header: []string{domain.Text(lang, "entry.label.segment")}}
	for _, c := range cols {
		t.header = append(t.header, c.Header(lang))
	}
	bySegment := map[string]domain.Market{}
	for _, m := range markets {
		bySegment[m.Segment] = m
	}
	for _, seg := range ws.Segments {
		m, ok := bySegment[seg.Key]
		delete(bySegment, seg.Key)
		if !ok && (seg.Archived || !template) {
			continue
		}
		t.rows = append(t.rows, marketRows(ws, lang, seg.Name.In(lang), m, cols, template)...)
	}
	for _, m := range markets { // a segment no longer in the workspace
		if _, left := bySegment[m.Segment]; left {
			t.rows = append(t.rows, marketRows(ws, lang, m.Segment, m, cols, false)...)
		}
	}
	if format == FormatCSV {
		return writeCSV(t, lang)
	}
	var instructions []string
	if template {
		instructions = strings.Split(domain.Text(lang, "sheets.competitor_instructions"), "\n")
	}
	return writeSheets(domain.Text(lang, "sheets.sheet.competitors"), t, lang, instructions)
}

// marketRows writes one segment's market: the whole market's row, each
// player, and in a template an empty row when there is no player.
func marketRows(ws *domain.Workspace, lang domain.Lang, segName string, m domain.Market, cols []domain.PlayerColumn, template bool) [][]value {
	str := func(s string) value {
		if s == "" {
			return value{}
		}
		return value{kind: valueString, str: s}
	}
	newRow := func() []value {
		row := make([]value, len(cols)+1)
		row[0] = str(segName)
		return row
	}
	var rows [][]value
	if m.Volume > 0 {
		row := newRow()
		for i, c := range cols {
			switch {
			case c.Kind == domain.ColumnPlayerName:
				row[i+1] = str(domain.Text(lang, "competitor.market_row"))
			case c.Kind == domain.ColumnPlayerField && c.Field == domain.PlayerRevenue:
				row[i+1] = value{kind: valueMoney, money: m.Volume}
			case c.Kind == domain.ColumnPlayerField && c.Field == domain.PlayerSource:
				row[i+1] = str(m.VolumeSource)
			case c.Kind == domain.ColumnPlayerChecked && c.Fact == domain.FactShare && !m.VolumeChecked.IsZero():
				row[i+1] = str(m.VolumeChecked.String())
			}
		}
		rows = append(rows, row)
	}
	for _, p := range m.Ranked() {
		row := newRow()
		for i, c := range cols {
			row[i+1] = playerValue(p, c, lang)
		}
		rows = append(rows, row)
	}
	if template && len(m.Players) == 0 {
		rows = append(rows, newRow())
	}
	return rows
}

// playerValue is one cell of a player's row.
func playerValue(p domain.Competitor, c domain.PlayerColumn, lang domain.Lang) value {
	str := func(s string) value {
		if s == "" {
			return value{}
		}
		return value{kind: valueString, str: s}
	}
	switch c.Kind {
	case domain.ColumnPlayerName:
		return str(p.Name)
	case domain.ColumnPlayerUs:
		if p.Us {
			return str(domain.Text(lang, "competitor.cell_yes"))
		}
	case domain.ColumnPlayerChecked:
		if d, ok := p.Checked[c.Fact]; ok {
			return str(d.String())
		}
	case domain.ColumnPlayerField:
		switch c.Field {
		case domain.PlayerShare:
			if p.Share.OK {
				return value{kind: valueFraction, fraction: p.Share.V}
			}
		case domain.PlayerRevenue:
			if p.Revenue != 0 {
				return value{kind: valueMoney, money: p.Revenue}
			}
		case domain.PlayerSource:
			return str(p.Source)
		case domain.PlayerTarget:
			return str(p.Target)
		case domain.PlayerProducts:
			return str(strings.Join(p.Products, "; "))
		case domain.PlayerFeatures:
			return str(strings.Join(p.Features, "; "))
		case domain.PlayerAdvantages:
			return str(strings.Join(p.Advantages, "; "))
		case domain.PlayerPrice:
			return str(priceText(p.Price, lang))
		}
	}
	return value{}
}

// priceText writes a range so that domain.ParsePriceRange reads it back
// exactly: "300000-700000", "from 300000", "500000".
func priceText(p domain.PriceRange, lang domain.Lang) string {
	switch {
	case p.IsZero():
		return ""
	case p.Max == 0:
		return domain.Text(lang, "competitor.price_from", moneyText(p.Min, lang))
	case p.Min == 0:
		return domain.Text(lang, "competitor.price_to", moneyText(p.Max, lang))
	case p.Min == p.Max:
		return moneyText(p.Min, lang)
	}
	return moneyText(p.Min, lang) + "-" + moneyText(p.Max, lang)
}
