package bot

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"trackbot/domain"
)

// allTime spans every week a record can have.
var allTime = [2]domain.Week{{Year: 1900, Num: 1}, {Year: 9999, Num: 52}}

// listKinds maps the short code used in button data to a list.
var listKinds = map[string]domain.ListKind{
	"s": domain.ListSegments, "t": domain.ListStages, "n": domain.ListNonTarget, "d": domain.ListDropOff,
}

func listCode(kind domain.ListKind) string {
	for code, k := range listKinds {
		if k == kind {
			return code
		}
	}
	return ""
}

// segmentCmd edits segments: /segment [add|rename|move|remove|focus] ...
func (b *Bot) segmentCmd(c *Context) error {
	return b.editList(c, domain.ListSegments, c.Args)
}

// stageCmd edits funnel stages: /stage [add|rename|move|remove|owner] ...
func (b *Bot) stageCmd(c *Context) error {
	return b.editList(c, domain.ListStages, c.Args)
}

// reasonCmd edits qualification and drop-off reasons:
// /reason <verb> nontarget|dropoff ...
func (b *Bot) reasonCmd(c *Context) error {
	verb, rest, _ := strings.Cut(strings.TrimSpace(c.Args), " ")
	if verb == "" {
		c.Reply(b.reasonList(c))
		return nil
	}
	which, rest, _ := strings.Cut(strings.TrimSpace(rest), " ")
	kind, ok := domain.ParseReasonKind(which)
	if !ok {
		return domain.Errorf(domain.EINVALID, "setup.reason_usage")
	}
	return b.editList(c, kind, verb+" "+rest)
}

// editList runs one edit verb on a list; with no verb it shows the list.
func (b *Bot) editList(c *Context, kind domain.ListKind, args string) error {
	verb, rest, _ := strings.Cut(strings.TrimSpace(args), " ")
	rest = strings.TrimSpace(rest)
	if verb == "" {
		c.Reply(b.listText(c, kind))
		return nil
	}
	if err := c.Workspace.RequireCEO(c.From); err != nil {
		return err
	}
	ws := c.Workspace
	switch w, _ := domain.ParseWord(verb); w {
	case domain.WordAdd:
		name, after := rest, ""
		if kind == domain.ListStages {
			name, after, _ = domain.CutWord(rest, domain.WordAfter)
		}
		if _, err := ws.AddList(kind, name, after); err != nil {
			return err
		}
		c.ChangeWorkspace(func(ws *domain.Workspace) error {
			_, err := ws.AddList(kind, name, after)
			return err
		})
	case domain.WordRename:
		old, name := cutWord(rest, "=", "→", "->")
		if err := ws.Rename(kind, old, name); err != nil {
			return err
		}
		c.ChangeWorkspace(func(ws *domain.Workspace) error { return ws.Rename(kind, old, name) })
	case domain.WordMove:
		i := strings.LastIndexByte(rest, ' ')
		pos, err := strconv.Atoi(strings.TrimSpace(rest[i+1:]))
		if i < 0 || err != nil {
			return domain.Errorf(domain.EINVALID, "setup.move_usage")
		}
		name := strings.TrimSpace(rest[:i])
		if err := ws.Move(kind, name, pos); err != nil {
			return err
		}
		c.ChangeWorkspace(func(ws *domain.Workspace) error { return ws.Move(kind, name, pos) })
	case domain.WordFocus:
		if kind != domain.ListSegments {
			return usageError(kind)
		}
		name, on := focusArgs(rest)
		if err := ws.SetFocus(name, on); err != nil {
			return err
		}
		c.ChangeWorkspace(func(ws *domain.Workspace) error { return ws.SetFocus(name, on) })
		rest = name
		c.Reply(focusNote(c, ws, rest, on) + "\n\n" + b.listText(c, kind))
		return nil
	case domain.WordOwner:
		if kind != domain.ListStages {
			return usageError(kind)
		}
		stage, dept := cutWord(rest, "=", "→", "->")
		if err := ws.SetStageOwner(stage, dept); err != nil {
			return err
		}
		c.ChangeWorkspace(func(ws *domain.Workspace) error { return ws.SetStageOwner(stage, dept) })
	case domain.WordReasons:
		if kind != domain.ListStages {
			return usageError(kind)
		}
		name, on := focusArgs(rest)
		if err := ws.SetDropOffReasons(name, on); err != nil {
			return err
		}
		c.ChangeWorkspace(func(ws *domain.Workspace) error { return ws.SetDropOffReasons(name, on) })
		key, _ := ws.Find(domain.ListStages, name)
		note := c.T("setup.reasons_off", escape(ws.ItemName(domain.ListStages, key, c.Lang)))
		if on {
			note = c.T("setup.reasons_on", escape(ws.ItemName(domain.ListStages, key, c.Lang)))
		}
		c.Reply(note + "\n\n" + b.listText(c, kind))
		return nil
	case domain.WordRemove:
		return b.removeItem(c, kind, rest)
	default:
		return usageError(kind)
	}
	c.Reply(c.T("setup.saved") + "\n\n" + b.listText(c, kind))
	return nil
}

func usageError(kind domain.ListKind) error {
	if kind == domain.ListNonTarget || kind == domain.ListDropOff {
		return domain.Errorf(domain.EINVALID, "setup.reason_usage")
	}
	return domain.Errorf(domain.EINVALID, "setup.usage_"+string(kind))
}

// focusArgs reads "<segment> [on|off]"; without a word the mark is set.
func focusArgs(rest string) (name string, on bool) {
	i := strings.LastIndexByte(rest, ' ')
	if i < 0 {
		return rest, true
	}
	switch w, _ := domain.ParseWord(rest[i+1:]); w {
	case domain.WordOff, domain.WordNo:
		return strings.TrimSpace(rest[:i]), false
	case domain.WordOn, domain.WordYes:
		return strings.TrimSpace(rest[:i]), true
	}
	return rest, true
}

// focusNote says which way /segment focus flipped the mark, which the
// command alone does not tell, and warns when no segment is left in focus:
// reviews then ask no questions about segments.
func focusNote(c *Context, ws *domain.Workspace, name string, on bool) string {
	key, _ := ws.Find(domain.ListSegments, name)
	seg := escape(ws.SegmentName(key, c.Lang))
	if on {
		return c.T("setup.focus_on", seg)
	}
	note := c.T("setup.focus_off", seg)
	if !slices.ContainsFunc(ws.ActiveSegments(), func(s domain.Segment) bool { return s.Focus }) {
		note += " " + c.T("setup.focus_none", seg)
	}
	return note
}

// cutWord splits s at the first of the separators found.
func cutWord(s string, seps ...string) (string, string) {
	lower := strings.ToLower(s)
	for _, sep := range seps {
		if i := strings.Index(lower, sep); i >= 0 {
			return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+len(sep):])
		}
	}
	return strings.TrimSpace(s), ""
}

// removeItem deletes an unused item at once; an item with recorded
// numbers is archived only after the CEO confirms, so history is never
// lost silently.
func (b *Bot) removeItem(c *Context, kind domain.ListKind, name string) error {
	ws := c.Workspace
	key, ok := ws.Find(kind, name)
	if !ok {
		return domain.Errorf(domain.ENOTFOUND, "setup.not_found", name)
	}
	if err := ws.CanRemove(kind, key); err != nil {
		return err
	}
	used, err := b.itemUsed(ws.ID, kind, key)
	if err != nil {
		return err
	}
	if used {
		data := "rm:" + listCode(kind) + ":" + key
		c.Reply(c.T("setup.remove_confirm", escape(name)),
			[]domain.Button{{Text: c.T("setup.remove_yes"), Data: data}, {Text: c.T("setup.remove_no"), Data: "rm:x"}})
		return nil
	}
	c.ChangeWorkspace(func(ws *domain.Workspace) error { return ws.Remove(kind, key, false) })
	c.Reply(c.T("setup.removed", escape(name)))
	return nil
}

func (b *Bot) itemUsed(wsID int64, kind domain.ListKind, key string) (bool, error) {
	var used bool
	err := b.store.View(func(tx domain.Tx) error {
		recs, err := tx.Records().Range(wsID, "", allTime[0], allTime[1])
		used = domain.UsedBy(kind, key, recs)
		return err
	})
	return used, err
}

// onRemoveButton archives an item after the CEO confirmed.
func (b *Bot) onRemoveButton(c *Context, payload string) error {
	if payload == "x" {
		if !c.IsCEO() {
			c.Answer(c.T("error.ceo_only"), true)
			return nil
		}
		c.Edit(c.Message.MessageID, c.T("setup.remove_cancelled"))
		return nil
	}
	code, key, _ := strings.Cut(payload, ":")
	kind, ok := listKinds[code]
	if !ok {
		c.Answer(c.T("button.stale"), false)
		return nil
	}
	if !c.IsCEO() {
		c.Answer(c.T("error.ceo_only"), true)
		return nil
	}
	if _, active := c.Workspace.Find(kind, key); !active {
		c.Answer(c.T("button.stale"), false)
		c.Edit(c.Message.MessageID, c.T("setup.remove_stale"))
		return nil
	}
	c.ChangeWorkspace(func(ws *domain.Workspace) error { return ws.Remove(kind, key, true) })
	c.Edit(c.Message.MessageID, c.T("setup.archived", escape(c.Workspace.ItemName(kind, key, c.Lang))))
	c.Answer(c.T("join.done"), false)
	return nil
}

// listText shows a list with numbers for moving and the usage line.
func (b *Bot) listText(c *Context, kind domain.ListKind) string {
	if kind == domain.ListNonTarget || kind == domain.ListDropOff {
		return b.reasonList(c)
	}
	ws, l := c.Workspace, c.Lang
	var sb strings.Builder
	sb.WriteString(c.T("setup.title_" + string(kind)))
	n := 0
	if kind == domain.ListSegments {
		for _, s := range ws.Segments {
			if s.Archived {
				continue
			}
			n++
			mark := ""
			if s.Focus {
				mark = " ★ " + c.T("setup.focus")
			}
			fmt.Fprintf(&sb, "\n%d. %s%s", n, escape(s.Name.In(l)), mark)
		}
	} else {
		for _, s := range ws.Stages {
			if s.Archived {
				continue
			}
			n++
			d, _ := ws.Department(s.Department)
			mark := ""
			if ws.AsksDropOffReasons(s.Key) {
				mark = c.T("setup.asks_reasons")
			}
			fmt.Fprintf(&sb, "\n%d. %s — %s%s", n, escape(s.Name.In(l)), escape(d.Name.In(l)), mark)
		}
	}
	sb.WriteString("\n\n" + c.T("setup.usage_"+string(kind)))
	return sb.String()
}

func (b *Bot) reasonList(c *Context) string {
	var sb strings.Builder
	for _, kind := range []domain.ListKind{domain.ListNonTarget, domain.ListDropOff} {
		sb.WriteString(c.T("setup.title_" + string(kind)))
		reasons := c.Workspace.NonTarget
		if kind == domain.ListDropOff {
			reasons = c.Workspace.DropOff
		}
		n := 0
		for _, r := range reasons {
			if !r.Archived {
				n++
				fmt.Fprintf(&sb, "\n%d. %s", n, escape(r.Name.In(c.Lang)))
			}
		}
		if kind == domain.ListDropOff {
			sb.WriteString("\n" + dropOffStagesNote(c))
		}
		sb.WriteString("\n\n")
	}
	sb.WriteString(c.T("setup.reason_usage"))
	return sb.String()
}

// dropOffStagesNote says for which stages reports ask drop-off reasons.
func dropOffStagesNote(c *Context) string {
	var names []string
	for _, st := range c.Workspace.DropOffStages() {
		names = append(names, escape(st.Name.In(c.Lang)))
	}
	if len(names) == 0 {
		return c.T("setup.dropoff_no_stages")
	}
	return c.T("setup.dropoff_stages", strings.Join(names, ", "))
}
