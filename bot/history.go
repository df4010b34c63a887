package bot

import (
	"fmt"
	"strconv"
	"strings"

	"trackbot/domain"
)

// The history of the numbers and undo: /history lists who changed which
// figure from what to what; /undo reverts a save as a new revision. The
// preview of a draft shows its plausibility warnings and corrections here
// too. Who may undo what, and for how long, are domain rules.

// anywayVerdict is the draft button's verdict for "save anyway".
const anywayVerdict = "f"

// Limits that keep /history and a preview readable on a phone.
const (
	historyRevisions = 8 // revisions per /history
	historyFigures   = 6 // figures per week in a revision
)

// draftButtons offers Confirm, or "Save anyway" when the numbers raised
// warnings, and Cancel; a draft with left-out figures of other
// departments also offers a CEO "apply all columns".
func draftButtons(c *Context, d *domain.Draft) []domain.Button {
	save := domain.Button{Text: c.T("log.confirm"), Data: fmt.Sprintf("lg:%d:y", d.ID)}
	if len(d.Warnings) > 0 {
		save = domain.Button{Text: c.T("log.save_anyway"), Data: fmt.Sprintf("lg:%d:%s", d.ID, anywayVerdict)}
	}
	buttons := []domain.Button{save, {Text: c.T("log.cancel"), Data: fmt.Sprintf("lg:%d:n", d.ID)}}
	if len(d.LeftOut) > 0 {
		buttons = append(buttons, domain.Button{Text: c.T("import.accept_all"), Data: fmt.Sprintf("lg:%d:%s", d.ID, acceptAllVerdict)})
	}
	return buttons
}

// plausibilityLines lists the draft's plausibility warnings, at most
// previewWarnings of them; empty when there are none.
func plausibilityLines(c *Context, d *domain.Draft) string {
	if len(d.Warnings) == 0 {
		return ""
	}
	lines := []string{c.T("plausible.title")}
	for _, w := range d.Warnings[:min(len(d.Warnings), previewWarnings)] {
		lines = append(lines, "• "+escape(w.Localize(c.Lang)))
	}
	if rest := len(d.Warnings) - previewWarnings; rest > 0 {
		lines = append(lines, c.T("plausible.more", rest))
	}
	return strings.Join(lines, "\n")
}

// savedNote ends the saved card: whether it was saved despite warnings.
func savedNote(c *Context, rev *domain.Revision) string {
	if rev == nil || !rev.Forced {
		return ""
	}
	return "\n" + c.T("log.saved_anyway_note")
}

// historyCmd answers /history [segment] [week]: the latest revisions that
// changed the numbers, newest first.
func (b *Bot) historyCmd(c *Context) error {
	ws := c.Workspace
	seg, week, err := historyArgs(c)
	if err != nil {
		return err
	}
	var revs []*domain.Revision
	if err := b.store.View(func(tx domain.Tx) error {
		revs, err = tx.Revisions().List(ws.ID)
		return err
	}); err != nil {
		return err
	}
	scope := ""
	switch {
	case seg.Key != "" && week != (domain.Week{}):
		scope = ": " + seg.Name.In(c.Lang) + ", " + week.String()
	case seg.Key != "":
		scope = ": " + seg.Name.In(c.Lang)
	case week != (domain.Week{}):
		scope = ": " + week.String()
	}
	shown, more := domain.HistoryOf(revs, seg.Key, week, historyRevisions)
	if len(shown) == 0 {
		c.Reply(c.T("history.empty", escape(scope)))
		return nil
	}
	var sb strings.Builder
	sb.WriteString(c.T("history.title", escape(scope)))
	for _, r := range shown {
		lines := r.Lines(ws, c.Lang, historyFigures)
		sb.WriteString("\n\n<b>" + escape(lines[0]) + "</b>")
		for _, l := range lines[1:] {
			sb.WriteString("\n" + escape(l))
		}
	}
	if more > 0 {
		example := strings.ToLower(ws.DefaultSegment().Name.In(c.Lang))
		sb.WriteString("\n\n" + c.T("history.more", more, escape(example)))
	}
	sb.WriteString("\n\n" + c.T("history.undo_hint"))
	c.Reply(sb.String())
	return nil
}

// historyArgs reads "[segment] [week]"; either may be left out.
func historyArgs(c *Context) (domain.Segment, domain.Week, error) {
	ws := c.Workspace
	words := strings.Fields(c.Args)
	var week domain.Week
	// The week is written last, in one word (w48, 2026-W48) or two
	// ("last week", "прошлая неделя").
	for n := min(2, len(words)); n >= 1; n-- {
		if w, err := domain.ParseWeekExpr(strings.Join(words[len(words)-n:], " "), c.now, ws.Location()); err == nil {
			week, words = w, words[:len(words)-n]
			break
		}
	}
	if len(words) == 0 {
		return domain.Segment{}, week, nil
	}
	seg, ok := domain.MatchSegment(ws, strings.Join(words, " "))
	if !ok {
		return domain.Segment{}, week, domain.Errorf(domain.EINVALID, "history.bad_args", c.Args, segmentNames(ws, c.Lang))
	}
	return seg, week, nil
}

// undoCmd answers /undo [number]: reverts the caller's last save, or the
// numbered one, and shows the figures as they are back.
func (b *Bot) undoCmd(c *Context) error {
	var id int64
	if arg := strings.TrimLeft(strings.TrimSpace(c.Args), "#№"); arg != "" {
		n, err := strconv.ParseInt(arg, 10, 64)
		if err != nil || n <= 0 {
			return domain.Errorf(domain.EINVALID, "undo.usage")
		}
		id = n
	}
	ws := c.Workspace
	c.Change(func(tx domain.Tx) error {
		undo, target, err := domain.Undo(tx, ws, c.From, id, c.now)
		if err != nil {
			return err
		}
		var sb strings.Builder
		sb.WriteString(c.T("undo.done", target.ID, escape(target.Origin(c.Lang))))
		for _, d := range undo.Records {
			sb.WriteString("\n• " + escape(d.Line(ws, c.Lang, historyFigures)))
		}
		c.Reply(sb.String())
		return nil
	})
	return nil
}
