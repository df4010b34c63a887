package bot

import (
	"fmt"
	"strings"

	"trackbot/domain"
)

// departmentCmd lists the company's departments and lets a CEO edit them:
// /department add <name>, /department rename <old> = <new>,
// /department remove <name>.
func (b *Bot) departmentCmd(c *Context) error {
	verb, rest, _ := strings.Cut(strings.TrimSpace(c.Args), " ")
	rest = strings.TrimSpace(rest)
	if verb == "" {
		c.Reply(b.departmentText(c))
		return nil
	}
	if err := c.Workspace.RequireCEO(c.From); err != nil {
		return err
	}
	ws := c.Workspace
	switch w, _ := domain.ParseWord(verb); w {
	case domain.WordAdd:
		key, err := ws.AddDepartment(rest)
		if err != nil {
			return err
		}
		c.ChangeWorkspace(func(ws *domain.Workspace) error {
			_, err := ws.AddDepartment(rest)
			return err
		})
		name := ws.DepartmentName(key, c.Lang)
		c.Reply(c.T("dept.added", escape(name), escape(strings.ToLower(name))) + "\n\n" + b.departmentText(c))
	case domain.WordRename:
		old, name := cutWord(rest, "=", "→", "->")
		if err := ws.RenameDepartment(old, name); err != nil {
			return err
		}
		c.ChangeWorkspace(func(ws *domain.Workspace) error { return ws.RenameDepartment(old, name) })
		c.Reply(c.T("setup.saved") + "\n\n" + b.departmentText(c))
	case domain.WordRemove:
		return b.removeDepartment(c, rest)
	default:
		return domain.Errorf(domain.EINVALID, "dept.usage")
	}
	return nil
}

// removeDepartment archives a department; the reply names the open
// hypotheses it still has, which a CEO reassigns from their cards.
func (b *Bot) removeDepartment(c *Context, name string) error {
	d, err := c.Workspace.RemoveDepartment(name, c.now)
	if err != nil {
		return err
	}
	c.ChangeWorkspace(func(ws *domain.Workspace) error {
		_, err := ws.RemoveDepartment(d.Key, c.now)
		return err
	})
	open := 0
	if err := b.store.View(func(tx domain.Tx) error {
		hyps, err := tx.Hypotheses().List(c.Workspace.ID)
		for _, h := range hyps {
			if h.Department == d.Key && h.Status.Open() {
				open++
			}
		}
		return err
	}); err != nil {
		return err
	}
	text := c.T("dept.removed", escape(d.Name.In(c.Lang)))
	if open > 0 {
		text += "\n" + c.T("dept.open_hypotheses", open)
	}
	c.Reply(text + "\n\n" + b.departmentText(c))
	return nil
}

// departmentText lists the active departments with their heads and the
// stages they own, and how to change them.
func (b *Bot) departmentText(c *Context) string {
	ws, l := c.Workspace, c.Lang
	var sb strings.Builder
	sb.WriteString(c.T("dept.title"))
	for i, d := range ws.ActiveDepartments() {
		heads := c.T("team.nobody")
		if hs := ws.Heads(d.Key); len(hs) > 0 {
			heads = mentions(hs)
		}
		var stages []string
		for _, s := range ws.Stages {
			if s.Department == d.Key && !s.Archived {
				stages = append(stages, escape(s.Name.In(l)))
			}
		}
		owns := c.T("dept.no_stages")
		if len(stages) > 0 {
			owns = strings.Join(stages, ", ")
		}
		fmt.Fprintf(&sb, "\n%d. <b>%s</b>: %s\n   %s", i+1, escape(d.Name.In(l)), heads, c.T("dept.stages", owns))
	}
	sb.WriteString("\n\n" + c.T("dept.usage"))
	return sb.String()
}
