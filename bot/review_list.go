package bot

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"trackbot/domain"
)

// /reviews lists the closed reviews, newest first, a page at a time with
// a button per review that posts its protocol; /reviews 3 posts the
// protocol of review #3. The buttons carry rl:p:<page> and rl:o:<id>.

// reviewsPageSize is how many reviews a page of /reviews lists.
const reviewsPageSize = 8

// reviewsCmd handles /reviews and /reviews <number>.
func (b *Bot) reviewsCmd(c *Context) error {
	args := strings.TrimSpace(c.Args)
	if args == "" {
		text, kb, err := b.reviewsPage(c, 0)
		if err != nil {
			return err
		}
		c.Reply(text, kb...)
		return nil
	}
	id, err := strconv.ParseInt(strings.TrimLeft(args, "#№"), 10, 64)
	if err != nil || id <= 0 {
		return domain.Errorf(domain.EINVALID, "reviews.usage")
	}
	return b.openProtocol(c, id)
}

// closedReviews loads the workspace's closed reviews, newest first.
func (b *Bot) closedReviews(ws *domain.Workspace) ([]*domain.Review, error) {
	var out []*domain.Review
	err := b.store.View(func(tx domain.Tx) error {
		all, err := tx.Reviews().List(ws.ID)
		for _, r := range all {
			if !r.IsOpen() {
				out = append(out, r)
			}
		}
		return err
	})
	slices.SortFunc(out, func(a, b *domain.Review) int { return cmp.Compare(b.ID, a.ID) })
	return out, err
}

// reviewsPage renders one page of the list with a button per review and
// the paging buttons.
func (b *Bot) reviewsPage(c *Context, page int) (string, [][]domain.Button, error) {
	all, err := b.closedReviews(c.Workspace)
	if err != nil {
		return "", nil, err
	}
	if len(all) == 0 {
		return c.T("reviews.empty"), nil, nil
	}
	pages := (len(all) + reviewsPageSize - 1) / reviewsPageSize
	page = max(0, min(page, pages-1))
	var sb strings.Builder
	sb.WriteString(c.T("reviews.title", len(all), page+1, pages))
	var open []domain.Button
	for _, r := range all[page*reviewsPageSize : min(len(all), (page+1)*reviewsPageSize)] {
		answered := 0
		for _, q := range r.Questions {
			if q.Answer.Given() {
				answered++
			}
		}
		label := r.Period.Label(c.Lang)
		closed := domain.DateOf(r.ClosedAt.In(c.Workspace.Location())).Localize(c.Lang)
		sb.WriteString("\n" + c.T("reviews.line", r.ID, escape(label), closed, answered, len(r.Questions)))
		open = append(open, domain.Button{Text: c.T("reviews.open_button", r.ID, label), Data: fmt.Sprintf("rl:o:%d", r.ID)})
	}
	rows := buttonRows(open, 2)
	var nav []domain.Button
	if page > 0 {
		nav = append(nav, domain.Button{Text: "‹", Data: fmt.Sprintf("rl:p:%d", page-1)})
	}
	if page < pages-1 {
		nav = append(nav, domain.Button{Text: "›", Data: fmt.Sprintf("rl:p:%d", page+1)})
	}
	if len(nav) > 0 {
		rows = append(rows, nav)
	}
	return sb.String(), rows, nil
}

// onReviewList handles the list's buttons: a page, or a review to open.
func (b *Bot) onReviewList(c *Context, payload string) error {
	op, value, _ := strings.Cut(payload, ":")
	n, err := strconv.ParseInt(value, 10, 64)
	if err != nil || n < 0 {
		return c.Refuse(staleButton())
	}
	switch op {
	case "p":
		text, kb, err := b.reviewsPage(c, int(n))
		if err != nil {
			return err
		}
		c.Edit(c.Message.MessageID, text, kb...)
		return nil
	case "o":
		return b.openProtocol(c, n)
	}
	return c.Refuse(staleButton())
}

// openProtocol posts the protocol of a closed review as it was posted,
// with the answers given after it.
func (b *Bot) openProtocol(c *Context, id int64) error {
	ws := c.Workspace
	var r *domain.Review
	var hyps []*domain.Hypothesis
	if err := b.store.View(func(tx domain.Tx) error {
		var err error
		if r, err = tx.Reviews().Get(ws.ID, id); err != nil {
			return err
		}
		hyps, err = tx.Hypotheses().List(ws.ID)
		return err
	}); err != nil {
		return err
	}
	if r.IsOpen() {
		return domain.Errorf(domain.ECONFLICT, "reviews.still_open", r.ID)
	}
	c.Reply(domain.StoredProtocol(ws, r, hyps, c.Lang))
	return nil
}
