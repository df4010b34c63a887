package bot

import (
	"strings"

	"trackbot/domain"
)

// A department head's upload of the whole company sheet: their columns
// make the draft, the others are listed as left out, and a CEO accepts
// them with one press (the domain's rule), which replaces the draft with
// one holding every figure, to confirm as usual.

// acceptAllVerdict is the draft button's verdict for "apply all columns".
const acceptAllVerdict = "a"

// maxLeftOutNames is how many column names the left-out note lists per
// department before it only counts them.
const maxLeftOutNames = 4

// proposeImport proposes a file's entries and plans as a draft, leaving
// out the figures of other departments than the author's (and the plans,
// unless the author is a CEO).
func (b *Bot) proposeImport(c *Context, source string, entries []domain.Entry, plans []domain.Plan) error {
	return b.showDraft(c, func(tx domain.Tx) (*domain.Draft, int, error) {
		return domain.ProposeImportDraft(tx, c.Workspace, c.From, source, entries, plans, c.now)
	})
}

// onAcceptLeftOut is a press of "apply all columns" on a draft's preview:
// a CEO's accepts the left-out figures and the preview shows the new draft.
func (b *Bot) onAcceptLeftOut(c *Context, d *domain.Draft) error {
	if err := domain.CanAcceptLeftOut(c.Workspace, c.From.UserID); err != nil {
		return c.Refuse(err)
	}
	msgID := c.Message.MessageID
	c.Change(func(tx domain.Tx) error {
		nd, _, err := domain.AcceptLeftOut(tx, c.Workspace, d, c.From, c.now)
		if err != nil {
			return err
		}
		view, err := previewDraft(c, tx, nd)
		if err != nil {
			return err
		}
		c.Edit(msgID, view.text, draftButtons(c, nd))
		c.Answer(c.T("import.accepted"), false)
		return nil
	})
	return nil
}

// leftOutNote tells what a draft leaves out, per department, or who
// accepted every column; empty for a draft that is neither.
func leftOutNote(c *Context, d *domain.Draft) string {
	ws := c.Workspace
	if d.AcceptedBy != nil {
		return c.T("import.accepted_by", personMention(*d.AcceptedBy))
	}
	if len(d.LeftOut) == 0 {
		return ""
	}
	var depts []string
	byDept := map[string][]string{}
	for _, f := range domain.LeftOutFields(ws, d.LeftOut) {
		dept := f.Department(ws)
		if _, ok := byDept[dept]; !ok {
			depts = append(depts, dept)
		}
		byDept[dept] = append(byDept[dept], f.Label(ws, c.Lang))
	}
	parts := make([]string, len(depts))
	for i, dept := range depts {
		name := c.T("import.no_department")
		if dept != "" {
			name = ws.DepartmentName(dept, c.Lang)
		}
		labels := byDept[dept]
		shown := strings.Join(labels[:min(len(labels), maxLeftOutNames)], ", ")
		if len(labels) > maxLeftOutNames {
			shown += ", …"
		}
		parts[i] = c.T("import.left_out_department", escape(name), len(labels), escape(shown))
	}
	return c.T("import.left_out", strings.Join(parts, "; "))
}
