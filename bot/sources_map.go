package bot

import (
	"fmt"
	"strconv"
	"strings"

	"trackbot/domain"
)

// The mapping card: what each CRM pipeline, stage, loss reason and user
// becomes in the workspace, proposed by name and corrected by buttons.
// Buttons point into the catalog by position and carry its version, so a
// press on a card older than the last test changes nothing.

// Mapping card bounds.
const (
	mapCardLines = 12 // lines per part on the overview
	mapPageItems = 8  // item buttons per page
)

// sourceMapCmd answers /source map [name]: the mapping card, or a test
// first when the CRM was never read.
func (b *Bot) sourceMapCmd(c *Context, name string) error {
	s, err := b.sourceNamed(c.Workspace, name)
	if err != nil {
		return err
	}
	if !s.Kind.NeedsMapping() {
		c.Reply(c.T("source.map_sheet", escape(s.Name)))
		return nil
	}
	if len(s.Catalog.Segments)+len(s.Catalog.Stages) == 0 {
		return b.sourceAsk(c, s.Name, domain.SyncTest)
	}
	text, kb := mapOverview(c, s)
	c.Reply(text, kb...)
	return nil
}

// mapOverview is the card with every part's mapping and the buttons to
// change a part or run the dry run.
func mapOverview(c *Context, s *domain.Source) (string, [][]domain.Button) {
	lines := []string{c.T("source.map_title", escape(s.Name), c.T("source.kind."+string(s.Kind)))}
	for _, p := range domain.MapParts {
		items := s.Catalog.Items(p)
		if len(items) == 0 {
			continue
		}
		lines = append(lines, "", "<b>"+c.T("source.map_part."+string(p))+"</b>")
		for i, it := range items {
			if i == mapCardLines {
				lines = append(lines, c.T("source.map_more", len(items)-i))
				break
			}
			lines = append(lines, c.T("source.map_line", escape(itemLabel(s, p, it)), escape(targetLabel(c, s, p, it.ID))))
		}
	}
	lines = append(lines, "", c.T("source.map_hint"))
	var row []domain.Button
	var kb [][]domain.Button
	for _, p := range domain.MapParts {
		if len(s.Catalog.Items(p)) == 0 {
			continue
		}
		row = append(row, domain.Button{Text: c.T("source.map_part." + string(p)), Data: mapData(s, "p", p, 0)})
		if len(row) == 2 {
			kb, row = append(kb, row), nil
		}
	}
	if len(row) > 0 {
		kb = append(kb, row)
	}
	kb = append(kb, []domain.Button{{Text: c.T("source.button.dry"), Data: fmt.Sprintf("src:d:%d", s.ID)}})
	return strings.Join(lines, "\n"), kb
}

// mapData is a mapping button's data: src:<verb>:<source>:<catalog
// version>:<part>:<numbers…>.
func mapData(s *domain.Source, verb string, p domain.MapPart, nums ...int) string {
	data := fmt.Sprintf("src:%s:%d:%d:%s", verb, s.ID, s.CatalogVersion, p)
	for _, n := range nums {
		data += ":" + strconv.Itoa(n)
	}
	return data
}

// itemLabel names a CRM thing; a stage names its pipeline when the CRM
// has several.
func itemLabel(s *domain.Source, p domain.MapPart, it domain.SourceItem) string {
	if p == domain.MapStages && it.Parent != "" && len(s.Catalog.Segments) > 1 {
		return it.Name + " · " + s.Catalog.ItemName(domain.MapSegments, it.Parent)
	}
	return it.Name
}

// targetLabel names what the CRM thing maps to, or says it is left out.
func targetLabel(c *Context, s *domain.Source, p domain.MapPart, id string) string {
	key, ok := s.Mapping.Part(p)[id]
	if !ok {
		return c.T("source.map_skip")
	}
	if p == domain.MapManagers {
		return key
	}
	for _, t := range domain.MapTargets(c.Workspace, p) {
		if t.Key == key {
			return t.Name.In(c.Lang)
		}
	}
	return key
}

// mapPage is a part's items as buttons, a page at a time.
func mapPage(c *Context, s *domain.Source, p domain.MapPart, page int) (string, [][]domain.Button) {
	items := s.Catalog.Items(p)
	text := c.T("source.map_title", escape(s.Name), c.T("source.kind."+string(s.Kind))) + "\n" +
		c.T("source.map_items", c.T("source.map_part."+string(p)))
	if len(items) == 0 {
		text += "\n" + c.T("source.map_empty")
	}
	var kb [][]domain.Button
	start := min(page*mapPageItems, len(items))
	for i := start; i < min(start+mapPageItems, len(items)); i++ {
		label := clipRunes(itemLabel(s, p, items[i]), 28) + " → " + clipRunes(targetLabel(c, s, p, items[i].ID), 20)
		kb = append(kb, []domain.Button{{Text: label, Data: mapData(s, "i", p, i)}})
	}
	nav := []domain.Button{{Text: c.T("source.map_back"), Data: fmt.Sprintf("src:m:%d", s.ID)}}
	if start+mapPageItems < len(items) {
		nav = append(nav, domain.Button{Text: c.T("source.map_more_button"), Data: mapData(s, "p", p, page+1)})
	}
	return text, append(kb, nav)
}

// mapPick offers what one CRM thing can become.
func mapPick(c *Context, s *domain.Source, p domain.MapPart, item int) (string, [][]domain.Button) {
	it := s.Catalog.Items(p)[item]
	text := c.T("source.map_title", escape(s.Name), c.T("source.kind."+string(s.Kind))) + "\n" +
		c.T("source.map_pick", escape(itemLabel(s, p, it)))
	var kb [][]domain.Button
	var row []domain.Button
	for i, t := range domain.MapTargets(c.Workspace, p) {
		row = append(row, domain.Button{Text: clipRunes(t.Name.In(c.Lang), 30), Data: mapData(s, "s", p, item, i)})
		if len(row) == 2 {
			kb, row = append(kb, row), nil
		}
	}
	if len(row) > 0 {
		kb = append(kb, row)
	}
	last := []domain.Button{{Text: c.T("source.map_skip_button"), Data: mapData(s, "s", p, item, -1)}}
	if p == domain.MapManagers {
		last = append([]domain.Button{{Text: c.T("source.map_keep_button"), Data: mapData(s, "s", p, item, -2)}}, last...)
	}
	kb = append(kb, last, []domain.Button{{Text: c.T("source.map_back"), Data: mapData(s, "p", p, item/mapPageItems)}})
	return text, kb
}

// onMapButton handles the mapping card's presses: a part's page (p), an
// item's choices (i), a choice (s). The press must match the catalog the
// card was drawn from.
func (b *Bot) onMapButton(c *Context, s *domain.Source, verb string, args []string) error {
	if len(args) < 3 {
		return c.Refuse(staleButton())
	}
	version, err1 := strconv.Atoi(args[0])
	p := domain.MapPart(args[1])
	nums := make([]int, 0, 2)
	for _, a := range args[2:] {
		n, err := strconv.Atoi(a)
		if err != nil {
			return c.Refuse(staleButton())
		}
		nums = append(nums, n)
	}
	items := s.Catalog.Items(p)
	if err1 != nil || version != s.CatalogVersion || nums[0] < 0 || verb != "p" && nums[0] >= len(items) {
		return c.Refuse(staleButton())
	}
	switch verb {
	case "p":
		text, kb := mapPage(c, s, p, nums[0])
		c.Edit(c.Message.MessageID, text, kb...)
	case "i":
		text, kb := mapPick(c, s, p, nums[0])
		c.Edit(c.Message.MessageID, text, kb...)
	case "s":
		if len(nums) != 2 {
			return c.Refuse(staleButton())
		}
		return b.setMapping(c, s, p, nums[0], nums[1])
	default:
		return c.Refuse(staleButton())
	}
	return nil
}

// setMapping stores one choice and shows the item's page again.
func (b *Bot) setMapping(c *Context, s *domain.Source, p domain.MapPart, item, choice int) error {
	it := s.Catalog.Items(p)[item]
	targets := domain.MapTargets(c.Workspace, p)
	var target string
	switch {
	case choice == -1:
	case choice == -2 && p == domain.MapManagers:
		target = domain.CleanName(it.Name)
	case choice >= 0 && choice < len(targets):
		target = targets[choice].Key
	default:
		return c.Refuse(staleButton())
	}
	version := s.CatalogVersion
	c.Change(func(tx domain.Tx) error {
		fresh, err := tx.Sources().Get(s.Workspace, s.ID)
		if err != nil {
			return err
		}
		if fresh.CatalogVersion != version {
			return staleButton()
		}
		fresh.Mapping.Set(p, it.ID, target)
		if err := tx.Sources().Put(fresh); err != nil {
			return err
		}
		text, kb := mapPage(c, fresh, p, item/mapPageItems)
		c.Edit(c.Message.MessageID, text, kb...)
		return nil
	})
	c.Answer(c.T("source.map_saved"), false)
	return nil
}
