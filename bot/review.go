package bot

import (
	"strings"

	"trackbot/domain"
)

// A review posts its pack as a few messages: the headline numbers with the
// close button, the charts as one media group, then the tracker questions
// with the heads mentioned and the hypotheses block. The session stays open
// until /review end (or the button) posts the protocol.

// review handles /review, /review <segment>, /review month and /review end.
func (b *Bot) review(c *Context) error {
	ws := c.Workspace
	if words := strings.Fields(c.Args); len(words) > 0 && domain.IsWord(words[0], domain.WordDetails) {
		return b.reviewDetails(c, words[1:]) // CEOs and heads
	}
	if err := ws.RequireCEO(c.From); err != nil {
		return err
	}
	segment, kind, end, err := parseReviewArgs(ws, c.Args)
	if err != nil {
		return err
	}
	if end {
		return b.endReview(c)
	}
	period := domain.PeriodOf(kind, ws.LastCompleteWeek(c.now))
	recs, err := b.reviewRecords(ws, period)
	if err != nil {
		return err
	}
	if !hasRecordsIn(recs, period) {
		c.Reply(c.T("review.no_data", escape(period.Label(c.Lang)), escape(logExample(ws, c.Lang))))
		return nil
	}
	var hyps []*domain.Hypothesis
	var reviews []*domain.Review
	if err := b.store.View(func(tx domain.Tx) error {
		var err error
		if hyps, err = tx.Hypotheses().List(ws.ID); err != nil {
			return err
		}
		reviews, err = tx.Reviews().List(ws.ID)
		return err
	}); err != nil {
		return err
	}
	session, err := domain.OpenReview(ws, c.From, domain.OpenReviewOf(reviews), segment, period, c.now)
	if err != nil {
		return err
	}
	c.Change(func(tx domain.Tx) error {
		if session.ID == 0 {
			return tx.Reviews().Create(session)
		}
		// The open review as stored now, with the new scope: the scheduler
		// may have reminded its questions since it was read, and that must
		// not be undone (a reminder is sent once).
		cur, err := tx.Reviews().Get(ws.ID, session.ID)
		if err != nil {
			return err
		}
		if !cur.IsOpen() { // closed by the bot meanwhile: this is a new one
			*session = domain.Review{Workspace: ws.ID, Segment: session.Segment, Period: session.Period, OpenedBy: c.From.UserID, OpenedAt: c.now}
			return tx.Reviews().Create(session)
		}
		cur.Segment, cur.Period = session.Segment, session.Period
		*session = *cur
		return tx.Reviews().Put(cur)
	})
	if err := b.postPack(c, session, recs, hyps, domain.LastClosedReview(reviews)); err != nil {
		return err
	}
	if err := b.refreshVerdictCards(c, hyps); err != nil {
		return err
	}
	return b.queueStaleFacts(c, reviews, session)
}

// reviewRecords loads the records a review of period reads: the period
// and the history its questions judge it against.
func (b *Bot) reviewRecords(ws *domain.Workspace, period domain.Period) ([]domain.WeeklyRecord, error) {
	// The plan's window may reach further back than the history.
	return b.records(ws, domain.WithPlanWindow(period.From.Add(-domain.ReviewHistoryWeeks), period.To), period.To)
}

// parseReviewArgs reads "[segment] [week|month] | end".
func parseReviewArgs(ws *domain.Workspace, args string) (segment string, kind domain.PeriodKind, end bool, err error) {
	kind = domain.PeriodWeek
	words := strings.Fields(args)
	if len(words) == 1 && domain.IsWord(words[0], domain.WordEnd) {
		return "", kind, true, nil
	}
	if n := len(words); n > 0 {
		if k, ok := domain.ParsePeriodKind(words[n-1]); ok && k != domain.PeriodQuarter {
			kind, words = k, words[:n-1]
		}
	}
	if len(words) == 0 {
		return "", kind, false, nil
	}
	seg, ok := domain.MatchSegment(ws, strings.Join(words, " "))
	if !ok {
		return "", kind, false, domain.Errorf(domain.EINVALID, "review.usage", segmentNames(ws, ws.Lang))
	}
	return seg.Key, kind, false, nil
}

func hasRecordsIn(recs []domain.WeeklyRecord, p domain.Period) bool {
	for _, r := range recs {
		if p.Contains(r.Week) {
			return true
		}
	}
	return false
}

// postPack queues the review pack: the headline with the close button,
// "uploading photo" while the charts go out as one media group (a single
// chart as a photo), then the questions and the hypotheses block, in one
// message when they fit.
func (b *Bot) postPack(c *Context, r *domain.Review, recs []domain.WeeklyRecord, hyps []*domain.Hypothesis, lastClosed *domain.Review) error {
	pack, err := b.charts.ReviewPack(c.Workspace, r.Segment, r.Period, recs, hyps, lastClosed, c.Workspace.Today(c.now))
	if err != nil {
		return err
	}
	first := len(c.out)
	c.Reply(pack.Headline+"\n\n"+c.T("review.how_to_end"), []domain.Button{{Text: c.T("review.end_button"), Data: "rv:end"}})
	// The rest of the pack costs up to domain.ReviewPackBudget of a group's
	// twenty messages a minute: as bulk it keeps its order, and the answers
	// to the next commands (a /hyp, a button) go ahead of it instead of a
	// minute later.
	if len(pack.Pictures) > 0 {
		c.Queue(&domain.OutboxJob{Kind: domain.ChatAction, Action: "upload_photo", Priority: domain.PriorityReply})
		kind := domain.SendMediaGroup
		if len(pack.Pictures) == 1 {
			kind = domain.SendPhoto // a media group holds two to ten
		}
		c.Queue(&domain.OutboxJob{Kind: kind, Priority: domain.PriorityBulk, Files: pack.Pictures})
	}
	follow := pack.FollowUps()
	if len(pack.Asked) > 0 {
		// The questions go as the bot's own message, with the links a reply
		// answers and a button per question (review_questions.go).
		b.queueQuestions(c, r, pack)
		follow = follow[1:]
	} else {
		b.recordPack(c, r, pack, nil)
	}
	for _, text := range follow {
		job := c.textJob(text, nil)
		job.Priority = domain.PriorityBulk
		c.Queue(job)
	}
	c.postToTopic(first, c.Workspace.ReviewTopic(c.Thread))
	return nil
}

// endReview closes the open review and posts its protocol.
func (b *Bot) endReview(c *Context) error {
	c.Change(func(tx domain.Tx) error {
		r, err := domain.CloseReview(tx, c.Workspace, c.From, c.now)
		if err != nil {
			return err
		}
		first := len(c.out)
		c.Reply(r.Protocol)
		c.postToTopic(first, c.Workspace.ReviewTopic(c.Thread))
		return nil
	})
	return nil
}

// onReviewButton handles the pack's close button (rv:end).
func (b *Bot) onReviewButton(c *Context, payload string) error {
	if payload != "end" {
		return c.Refuse(staleButton())
	}
	return b.endReview(c)
}
