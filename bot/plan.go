package bot

import (
	"strings"

	"trackbot/domain"
)

// Plans: /plan sets a segment's targets for a month or a quarter (CEOs),
// removes a plan, or shows the plans against the numbers so far, with the
// plan-vs-fact picture. The pace arithmetic and the rules are domain's.

// planCmd handles /plan.
func (b *Bot) planCmd(c *Context) error {
	ws := c.Workspace
	req, err := domain.ParsePlanRequest(ws, c.Args, c.now.In(ws.Location()))
	if err != nil {
		return err
	}
	if req.Remove || len(req.Targets) > 0 {
		if err := ws.RequireCEO(c.From); err != nil {
			return err
		}
		return b.changePlan(c, req)
	}
	return b.showPlans(c, req)
}

// changePlan sets or removes a plan and shows what it now is.
func (b *Bot) changePlan(c *Context, req domain.PlanRequest) error {
	plan := domain.Plan{Segment: req.Segment.Key, Kind: req.Period.Kind, Year: req.Period.Year, Num: req.Period.Num, Targets: req.Targets}
	segName, label := escape(req.Segment.Name.In(c.Lang)), escape(req.Period.Period().Label(c.Lang))
	c.Change(func(tx domain.Tx) error {
		ws, err := tx.Workspaces().Get(c.Workspace.ID)
		if err != nil {
			return err
		}
		if req.Remove {
			if err := ws.RemovePlan(c.From, plan); err != nil {
				return err
			}
			c.Reply(c.T("plan.removed", segName, label, escape(c.From.Name)))
			return tx.Workspaces().Put(ws)
		}
		if err := ws.SetPlan(c.From, plan, c.now); err != nil {
			return err
		}
		if err := tx.Workspaces().Put(ws); err != nil {
			return err
		}
		last := ws.LastCompleteWeek(c.now)
		plans := ws.PlansOf(plan.Segment, req.Period, last.Add(1))
		window := domain.PlansWindow(plans, last)
		recs, err := tx.Records().Range(ws.ID, plan.Segment, window.From, window.To)
		if err != nil {
			return err
		}
		c.Reply(c.T("plan.saved", escape(c.From.Name)) + "\n\n<b>" + segName + "</b>\n" +
			domain.PlanText(ws, c.Lang, domain.PlanStatuses(ws, plans, last, recs)))
		return nil
	})
	return nil
}

// showPlans shows the plans of the segment (or every segment) for the
// period asked, or those holding the current week: a picture per segment
// and one text with every target's pace.
func (b *Bot) showPlans(c *Context, req domain.PlanRequest) error {
	ws := c.Workspace
	last := ws.LastCompleteWeek(c.now)
	segments := ws.ActiveSegments()
	if req.Segment != nil {
		segments = []domain.Segment{*req.Segment}
	}
	var all []domain.Plan
	bySegment := map[string][]domain.Plan{}
	for _, s := range segments {
		plans := ws.PlansOf(s.Key, req.Period, last.Add(1))
		bySegment[s.Key] = plans
		all = append(all, plans...)
	}
	if len(all) == 0 {
		c.Reply(c.T("plan.none", escape(domain.PlanExample(ws, c.Lang))))
		return nil
	}
	window := domain.PlansWindow(all, last)
	recs, err := b.records(ws, window.From, window.To)
	if err != nil {
		return err
	}
	var texts []string
	for _, s := range segments {
		if len(bySegment[s.Key]) == 0 {
			continue
		}
		statuses := domain.PlanStatuses(ws, bySegment[s.Key], last, recs)
		png, err := b.charts.Plan(ws, s, statuses)
		if err != nil {
			return err
		}
		c.Queue(&domain.OutboxJob{Kind: domain.SendPhoto, ReplyTo: c.Message.MessageID, Priority: domain.PriorityReply,
			Files: []domain.Attachment{{Name: "plan.png", Data: png,
				Caption: c.T("plan.chart_caption", escape(s.Name.In(c.Lang)), escape(last.String()))}}})
		texts = append(texts, "<b>"+escape(s.Name.In(c.Lang))+"</b>\n"+domain.PlanText(ws, c.Lang, statuses))
	}
	c.Say(strings.Join(texts, "\n\n"))
	return nil
}

// planBlock is the segment's plans holding week asOf as a block under a
// message (/funnel, the snapshot), reading the records it needs; empty
// without a plan.
func (b *Bot) planBlock(ws *domain.Workspace, l domain.Lang, segment string, asOf domain.Week) (string, error) {
	if len(ws.PlansAt(segment, asOf)) == 0 {
		return "", nil
	}
	window := domain.PlanWindow(asOf)
	recs, err := b.records(ws, window.From, window.To)
	if err != nil {
		return "", err
	}
	return domain.PlanBlock(ws, l, segment, asOf, recs), nil
}

// planNote tells what a draft does with its file's plans: saves them with
// the numbers, or left them out, as only CEOs set plans; empty without.
func planNote(c *Context, d *domain.Draft) string {
	if d.PlansLeftOut > 0 {
		return c.T("plan.preview_left_out", d.PlansLeftOut)
	}
	if len(d.Plans) == 0 {
		return ""
	}
	items := make([]string, len(d.Plans))
	for i, p := range d.Plans {
		items[i] = c.T("plan.preview_item", escape(c.Workspace.SegmentName(p.Segment, c.Lang)),
			escape(p.Period().Label(c.Lang)), len(p.Targets))
	}
	return c.T("plan.preview", strings.Join(items, "; "))
}
