package bot

import (
	"strconv"
	"strings"

	"trackbot/domain"
)

// "Why this question": buttons under the review's questions and /review
// details [n] show the tests behind a question. The questions are not
// stored: they are recomputed from the stored numbers of the review's
// scope and found by their key (domain.FindQuestion), so a figure
// corrected after the pack never shows another question's tests.

// onWhyButton answers a "why" button with the tests behind the question,
// as a reply to the questions message.
func (b *Bot) onWhyButton(c *Context, payload string) error {
	parts := strings.Split(payload, ":")
	if len(parts) != 3 {
		return c.Refuse(staleButton())
	}
	id, err1 := strconv.ParseInt(parts[0], 10, 64)
	n, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil {
		return c.Refuse(staleButton())
	}
	ws := c.Workspace
	if err := ws.RequireLead(c.From); err != nil {
		return c.Refuse(err)
	}
	var r *domain.Review
	if err := b.store.View(func(tx domain.Tx) error {
		var err error
		r, err = tx.Reviews().Get(ws.ID, id)
		return err
	}); domain.ErrorCode(err) == domain.ENOTFOUND {
		return c.Refuse(staleButton())
	} else if err != nil {
		return err
	}
	qs, err := b.reviewQuestions(ws, r)
	if err != nil {
		return err
	}
	q, ok := domain.FindQuestion(qs, n, parts[2])
	if !ok {
		c.Answer(c.T("why.gone"), true)
		return nil
	}
	job := c.textJob(domain.WhyText(ws, c.Lang, n, q), nil)
	job.ReplyTo = c.Message.MessageID
	c.Queue(job)
	return nil
}

// reviewDetails handles /review details [n]: the tests behind question n
// of the open review (or the latest one), or behind all of its questions.
func (b *Bot) reviewDetails(c *Context, args []string) error {
	ws := c.Workspace
	if err := ws.RequireLead(c.From); err != nil {
		return err
	}
	var reviews []*domain.Review
	if err := b.store.View(func(tx domain.Tx) error {
		var err error
		reviews, err = tx.Reviews().List(ws.ID)
		return err
	}); err != nil {
		return err
	}
	r := domain.ReviewForDetails(reviews)
	if r == nil {
		c.Reply(c.T("why.no_review"))
		return nil
	}
	qs, err := b.reviewQuestions(ws, r)
	if err != nil {
		return err
	}
	period := escape(r.Period.Label(c.Lang))
	if len(qs) == 0 {
		c.Reply(c.T("why.no_questions", period))
		return nil
	}
	if len(args) > 0 {
		n, err := strconv.Atoi(strings.TrimPrefix(args[0], "#"))
		if err != nil || n < 1 || n > len(qs) || len(args) > 1 {
			return domain.Errorf(domain.EINVALID, "why.bad_number", r.Period.Label(c.Lang), len(qs))
		}
		c.Reply(domain.WhyText(ws, c.Lang, n, qs[n-1]))
		return nil
	}
	texts := make([]string, len(qs))
	for i, q := range qs {
		texts[i] = domain.WhyText(ws, c.Lang, i+1, q)
	}
	c.Reply(strings.Join(texts, "\n\n"))
	return nil
}

// reviewQuestions recomputes the tracker questions of a review from the
// records its pack read.
func (b *Bot) reviewQuestions(ws *domain.Workspace, r *domain.Review) ([]domain.Question, error) {
	recs, err := b.reviewRecords(ws, r.Period)
	if err != nil {
		return nil, err
	}
	return domain.TrackerQuestions(ws, r.Segment, r.Period, recs), nil
}
