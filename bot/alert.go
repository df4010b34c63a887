package bot

import (
	"strconv"
	"strings"

	"trackbot/domain"
)

// Alerts: /alert adds a CEO's rule on a segment's metric, /alerts lists
// the rules with their last firing, and the buttons of an alert mute its
// rule for a week or delete it. Rules are checked where numbers are saved
// (domain.SaveEntries), not here.

// alertCmd handles /alert <segment> <metric> <comparison> <value>.
func (b *Bot) alertCmd(c *Context) error {
	ws := c.Workspace
	if err := ws.RequireCEO(c.From); err != nil {
		return err
	}
	rule, err := domain.ParseAlertRule(ws, c.Args)
	if err != nil {
		return err
	}
	c.Change(func(tx domain.Tx) error {
		if err := domain.AddAlert(tx, ws, c.From, rule, c.now); err != nil {
			return err
		}
		dept := ws.DepartmentName(domain.AlertDepartment(ws, rule.Metric), c.Lang)
		c.Reply(c.T("alert.added", rule.ID, escape(ws.SegmentName(rule.Segment, c.Lang)),
			escape(domain.AlertRuleText(ws, rule, c.Lang)), escape(dept)))
		return nil
	})
	return nil
}

// alertsCmd lists the workspace's rules and when each last fired.
func (b *Bot) alertsCmd(c *Context) error {
	ws := c.Workspace
	var rules []*domain.AlertRule
	if err := b.store.View(func(tx domain.Tx) error {
		var err error
		rules, err = tx.Alerts().List(ws.ID)
		return err
	}); err != nil {
		return err
	}
	c.Reply(domain.AlertList(ws, rules, c.now, c.Lang))
	return nil
}

// onAlertButton mutes ("<id>:m") or deletes ("<id>:d") the rule of an
// alert. Who may is the domain's rule, checked in the transaction before
// the alert message is edited.
func (b *Bot) onAlertButton(c *Context, payload string) error {
	idText, action, _ := strings.Cut(payload, ":")
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil || action != "m" && action != "d" {
		return c.Refuse(staleButton())
	}
	ws := c.Workspace
	shown := escape(c.Message.Text)
	c.Change(func(tx domain.Tx) error {
		if action == "m" {
			r, err := domain.MuteAlert(tx, ws, c.From, id, c.now)
			if err != nil {
				return err
			}
			until := domain.DateOf(r.MutedUntil.In(ws.Location())).Localize(c.Lang)
			c.Edit(c.Message.MessageID, shown+"\n\n"+c.T("alert.muted", until, escape(c.From.Name)),
				[]domain.Button{{Text: c.T("alert.delete_button"), Data: "al:" + idText + ":d"}})
			c.Answer(c.T("alert.muted_short"), false)
			return nil
		}
		r, err := domain.DeleteAlert(tx, ws, c.From, id)
		if err != nil {
			return err
		}
		c.Edit(c.Message.MessageID, shown+"\n\n"+c.T("alert.deleted", r.ID,
			escape(domain.AlertRuleText(ws, r, c.Lang)), escape(c.From.Name)))
		c.Answer(c.T("alert.deleted_short"), false)
		return nil
	})
	return nil
}
