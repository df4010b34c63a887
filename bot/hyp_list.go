package bot

import (
	"fmt"
	"strconv"
	"strings"

	"trackbot/domain"
)

// hypothesisByNumber finds a published hypothesis by its H-number.
func (b *Bot) hypothesisByNumber(ws *domain.Workspace, n int) (*domain.Hypothesis, error) {
	hyps, err := b.hypotheses(ws)
	if err != nil {
		return nil, err
	}
	for _, h := range hyps {
		if h.Number == n {
			return h, nil
		}
	}
	return nil, domain.Errorf(domain.ENOTFOUND, "hyp.no_number", "H-"+strconv.Itoa(n))
}

// hypotheses loads the workspace's published hypotheses.
func (b *Bot) hypotheses(ws *domain.Workspace) ([]*domain.Hypothesis, error) {
	var out []*domain.Hypothesis
	err := b.store.View(func(tx domain.Tx) error {
		all, err := tx.Hypotheses().List(ws.ID)
		for _, h := range all {
			if h.Status != domain.StatusDraft {
				out = append(out, h)
			}
		}
		return err
	})
	return out, err
}

// hypsPageSize is how many hypotheses one page of /hyps lists.
const hypsPageSize = 10

// hyps lists hypotheses: open ones and proposals by default, the highest
// ICE score first, or those of a department or status (/hyps sales, /hyps
// done, /hyps all).
func (b *Bot) hyps(c *Context) error {
	filter, err := parseHypsFilter(c.Workspace, c.Args)
	if err != nil {
		return err
	}
	text, kb, err := b.hypsPage(c, filter, 0)
	if err != nil {
		return err
	}
	c.Reply(text, kb...)
	return nil
}

// parseHypsFilter turns /hyps arguments into a short filter code: "" for
// open ones, "all", "s:<status>" or "d:<department key>".
func parseHypsFilter(ws *domain.Workspace, args string) (string, error) {
	args = strings.TrimSpace(args)
	switch {
	case args == "":
		return "", nil
	case domain.IsWord(args, domain.WordAll):
		return "all", nil
	}
	if st, ok := domain.ParseHypothesisStatus(args); ok {
		return "s:" + string(st), nil
	}
	if d, ok := ws.Department(args); ok {
		return "d:" + d.Key, nil
	}
	return "", domain.Errorf(domain.EINVALID, "hyp.list_usage")
}

// matchesFilter applies a /hyps filter.
func matchesFilter(h *domain.Hypothesis, filter string) bool {
	kind, value, _ := strings.Cut(filter, ":")
	switch kind {
	case "all":
		return true
	case "s":
		return string(h.Status) == value
	case "d":
		return h.Department == value && h.Status.Listed()
	}
	return h.Status.Listed()
}

// hypsPage renders one page of the list with paging buttons.
func (b *Bot) hypsPage(c *Context, filter string, page int) (string, [][]domain.Button, error) {
	all, err := b.hypotheses(c.Workspace)
	if err != nil {
		return "", nil, err
	}
	var hs []*domain.Hypothesis
	for _, h := range all {
		if matchesFilter(h, filter) {
			hs = append(hs, h)
		}
	}
	if len(hs) == 0 {
		return c.T("hyp.list_empty"), nil, nil
	}
	if kind, _, _ := strings.Cut(filter, ":"); kind == "" || kind == "d" {
		domain.SortByICE(hs)
	}
	pages := (len(hs) + hypsPageSize - 1) / hypsPageSize
	page = max(0, min(page, pages-1))
	today := c.Workspace.Today(c.now)
	var sb strings.Builder
	sb.WriteString(c.T("hyp.list_title", len(hs), page+1, pages))
	for _, h := range hs[page*hypsPageSize : min(len(hs), (page+1)*hypsPageSize)] {
		sb.WriteString("\n" + domain.HypothesisLine(c.Workspace, h, c.Lang, today))
		if h.ICE.Set() {
			sb.WriteString(" · " + c.T("hyp.list_ice", h.ICE.Score()))
		}
	}
	var nav []domain.Button
	if page > 0 {
		nav = append(nav, domain.Button{Text: "‹", Data: fmt.Sprintf("hl:%d:%s", page-1, filter)})
	}
	if page < pages-1 {
		nav = append(nav, domain.Button{Text: "›", Data: fmt.Sprintf("hl:%d:%s", page+1, filter)})
	}
	if len(nav) == 0 {
		return sb.String(), nil, nil
	}
	return sb.String(), [][]domain.Button{nav}, nil
}

// onListPage turns a page of /hyps: hl:<page>:<filter>.
func (b *Bot) onListPage(c *Context, payload string) error {
	pageText, filter, _ := strings.Cut(payload, ":")
	page, err := strconv.Atoi(pageText)
	if err != nil {
		return c.Refuse(staleButton())
	}
	text, kb, err := b.hypsPage(c, filter, page)
	if err != nil {
		return err
	}
	c.Edit(c.Message.MessageID, text, kb...)
	return nil
}

// my shows a head the open hypotheses of their departments.
func (b *Bot) my(c *Context) error {
	ws := c.Workspace
	all, err := b.hypotheses(ws)
	if err != nil {
		return err
	}
	own, err := domain.OwnHypotheses(ws, c.From.UserID, all)
	if err != nil {
		return err
	}
	if len(own) == 0 {
		c.Reply(c.T("hyp.my_empty"))
		return nil
	}
	today := ws.Today(c.now)
	var sb strings.Builder
	sb.WriteString(c.T("hyp.my_title"))
	for _, h := range own {
		sb.WriteString("\n" + domain.HypothesisLine(ws, h, c.Lang, today))
	}
	c.Reply(sb.String())
	return nil
}
