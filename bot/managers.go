package bot

import (
	"fmt"
	"strings"

	"trackbot/domain"
)

// managersCmd shows each sales manager's stage conversions in a segment
// against the team's: the picture and a table, with the conversions the
// review asks the sales head about marked (domain.Managers).
func (b *Bot) managersCmd(c *Context) error {
	ws := c.Workspace
	seg, period, err := parseViewArgs(c, "managers.usage")
	if err != nil {
		return err
	}
	// The marks come from the review's questions, which judge the period
	// against the weeks before it.
	recs, err := b.records(ws, domain.HistoryFrom(period), period.To)
	if err != nil {
		return err
	}
	v := domain.Managers(ws, seg, period, recs)
	name, window := escape(seg.Name.In(c.Lang)), escape(v.Window.Label(c.Lang))
	if len(v.Rows) == 0 {
		c.Reply(c.T("managers.no_data", name, window, escape(managerExample(ws, seg, c.Lang))))
		return nil
	}
	png, err := b.charts.Managers(ws, v)
	if err != nil {
		return err
	}
	c.Queue(&domain.OutboxJob{Kind: domain.SendPhoto, ReplyTo: c.Message.MessageID, Priority: domain.PriorityReply,
		Files: []domain.Attachment{{Name: "managers.png", Data: png, Caption: c.T("managers.caption", name, window)}}})
	c.Say(managersTable(c.Lang, v))
	return nil
}

// managersTable renders the view as one short monospace table per
// conversion, the team first, so it fits a phone screen without wrapping.
func managersTable(l domain.Lang, v domain.ManagersView) string {
	var sb strings.Builder
	sb.WriteString(domain.Text(l, "managers.title", escape(v.Segment.Name.In(l)), escape(v.Window.Label(l))))
	asked := false
	for _, col := range v.Columns {
		fmt.Fprintf(&sb, "\n\n<b>%s → %s</b>\n<pre>", escape(col.From.Name.In(l)), escape(col.Stage.Name.In(l)))
		sb.WriteString(managerLine(l, domain.Text(l, "managers.team"), col.Team, col.TeamK, col.TeamN, false))
		for _, row := range v.Rows {
			if ms, ok := row.At(col); ok {
				sb.WriteString("\n" + managerLine(l, row.Manager, ms.Rate, ms.K, ms.N, ms.Asked))
				asked = asked || ms.Asked
			}
		}
		sb.WriteString("</pre>")
	}
	if asked {
		sb.WriteString("\n" + domain.Text(l, "managers.asked"))
	}
	return sb.String()
}

// managerLine is "Gleb          13%   16/120 ⚠".
func managerLine(l domain.Lang, name string, rate domain.Value, k, n int64, asked bool) string {
	line := fmt.Sprintf("%s %5s %9s", escape(pad(name, 12)), domain.FormatPercent(rate, l),
		domain.FormatCount(k)+"/"+domain.FormatCount(n))
	if asked {
		line += " ⚠"
	}
	return line
}

// managerExample is a /log line with one manager's counts at the first two
// sales stages, in the workspace's words.
func managerExample(ws *domain.Workspace, seg domain.Segment, l domain.Lang) string {
	var stages []string
	for _, st := range ws.Stages {
		if !st.Archived && (len(stages) > 0 || st.Role == domain.RoleQualified) && len(stages) < 2 {
			stages = append(stages, strings.ToLower(st.Name.In(l)))
		}
	}
	prefix := "manager.Anna."
	if l == domain.Russian {
		prefix = "менеджер.Анна."
	}
	var parts []string
	for i, st := range stages {
		parts = append(parts, fmt.Sprintf("%s%s=%d", prefix, st, []int{30, 18}[i]))
	}
	return fmt.Sprintf("/log %s %s", strings.ToLower(seg.Name.In(l)), strings.Join(parts, " "))
}
