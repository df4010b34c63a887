package bot

import (
	"slices"
	"strconv"
	"strings"

	"trackbot/domain"
)

// Private chats: a person in several companies picks the one the private
// chat works with (remembered on their membership, see domain.ChosenCompany),
// and /company switches. Read commands then work there with the person's
// role in that company; nothing said in private goes to the group.
//
// A button in a private chat carries the company its message was about
// (data "…~<workspace id>", added when the job is queued), so a press
// after a switch still acts on that company, never on the one chosen since.

// companyPrefix is the picker's button data prefix: "co:<workspace id>".
const companyPrefix = "co"

// companyTag separates a private button's data from its company.
const companyTag = "~"

// loadCompany finds the workspace of a private chat: the company the
// pressed button belongs to, else the one the person works with here.
func (c *Context) loadCompany(tx domain.Tx) error {
	all, err := tx.Workspaces().List()
	if err != nil {
		return err
	}
	mine := domain.Companies(all, c.From.UserID)
	if _, id, ok := untagCompany(c.callbackData); ok {
		for _, w := range mine {
			if w.ID == id {
				c.Workspace = w
			}
		}
		return nil
	}
	c.Workspace = domain.ChosenCompany(mine, c.From.UserID)
	return nil
}

// tagCompany makes each button of a job for a private chat name the job's
// company, unless the data would no longer fit Telegram's 64 bytes (such a
// press acts on the company chosen at the time). The rows are copied: one
// keyboard may serve several jobs.
func tagCompany(job *domain.OutboxJob) {
	if job.ChatID <= 0 || job.Workspace == 0 || len(job.Keyboard) == 0 {
		return // groups have negative ids; their company is the group's
	}
	tag := companyTag + strconv.FormatInt(job.Workspace, 10)
	rows := make([][]domain.Button, len(job.Keyboard))
	for i, row := range job.Keyboard {
		rows[i] = make([]domain.Button, len(row))
		for j, btn := range row {
			_, _, tagged := untagCompany(btn.Data)
			if !tagged && !strings.HasPrefix(btn.Data, companyPrefix+":") && len(btn.Data)+len(tag) <= maxCallbackData {
				btn.Data += tag
			}
			rows[i][j] = btn
		}
	}
	job.Keyboard = rows
}

// untagCompany splits a private button's data into the data its handler
// reads and the company it names.
func untagCompany(data string) (string, int64, bool) {
	i := strings.LastIndex(data, companyTag)
	if i < 0 {
		return data, 0, false
	}
	id, err := strconv.ParseInt(data[i+len(companyTag):], 10, 64)
	if err != nil || id <= 0 {
		return data, 0, false
	}
	return data[:i], id, true
}

// companiesOf reads the companies the person is in.
func (b *Bot) companiesOf(userID int64) ([]*domain.Workspace, error) {
	var mine []*domain.Workspace
	err := b.store.View(func(tx domain.Tx) error {
		all, err := tx.Workspaces().List()
		mine = domain.Companies(all, userID)
		return err
	})
	return mine, err
}

// askCompany answers a command in a private chat that has no company: the
// picker when the person is in several, else how to get started.
func (b *Bot) askCompany(c *Context) error {
	mine, err := b.companiesOf(c.From.UserID)
	if err != nil {
		return err
	}
	if len(mine) < 2 {
		c.Reply(c.T("chat.private_no_workspace"))
		return nil
	}
	c.Reply(c.T("company.pick"), companyButtons(mine, 0)...)
	return nil
}

// companyCmd handles /company: in a private chat it shows the company the
// chat works with and, for a person in several, buttons to switch.
func (b *Bot) companyCmd(c *Context) error {
	if !c.Chat.IsPrivate() {
		if c.Workspace == nil {
			c.Reply(c.T("chat.not_set_up"))
			return nil
		}
		c.Reply(c.T("company.group", escape(c.Workspace.Title)))
		return nil
	}
	mine, err := b.companiesOf(c.From.UserID)
	if err != nil {
		return err
	}
	switch {
	case len(mine) == 0:
		c.Reply(c.T("chat.private_no_workspace"))
	case len(mine) == 1:
		c.Reply(c.T("company.only", escape(mine[0].Title)))
	case c.Workspace == nil:
		c.Reply(c.T("company.pick"), companyButtons(mine, 0)...)
	default:
		c.Reply(c.T("company.current", escape(c.Workspace.Title)), companyButtons(mine, c.Workspace.ID)...)
	}
	return nil
}

// companyButtons offers each company, one to a row, the current one ticked.
func companyButtons(mine []*domain.Workspace, current int64) [][]domain.Button {
	rows := make([][]domain.Button, 0, len(mine))
	for _, w := range mine {
		label := clipRunes(w.Title, 40)
		if w.ID == current {
			label = "✓ " + label
		}
		rows = append(rows, []domain.Button{{Text: label, Data: companyPrefix + ":" + strconv.FormatInt(w.ID, 10)}})
	}
	return rows
}

// onCompanyButton makes the private chat work with the pressed company,
// if the person is in it: membership is checked on the server, whatever
// the button says.
func (b *Bot) onCompanyButton(c *Context, payload string) error {
	id, err := strconv.ParseInt(payload, 10, 64)
	if err != nil || !c.Chat.IsPrivate() {
		c.Answer(c.T("button.stale"), false)
		return nil
	}
	msgID := c.Message.MessageID
	c.Change(func(tx domain.Tx) error {
		all, err := tx.Workspaces().List()
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(all, func(w *domain.Workspace) bool { return w.ID == id }) {
			return staleButton()
		}
		ws, err := domain.ChooseCompany(all, id, c.From, c.now)
		if err != nil {
			return err
		}
		c.Edit(msgID, domain.Text(ws.Lang, "company.chosen", escape(ws.Title)))
		c.Answer(domain.Text(ws.Lang, "company.chosen_short", clipRunes(ws.Title, 60)), false)
		return tx.Workspaces().Put(ws)
	})
	return nil
}
