package bot

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"trackbot/domain"
)

// A hypothesis is edited in place, never logged again: by a command
// (/hyp H-3 deadline 10.12, /hyp Г-3 срок 10.12), or by the card's menus,
// whose buttons carry h:<id>:e:<version>[:<field>[:<choice>]] for the edit
// menu and h:<id>:w:<version>[:<preset>] for the deadline. A value typed
// as a reply goes through the hypothesis's prompt, like a head's result.
// Who may edit is the domain's rule (domain.Hypothesis.CheckEdit).

// hypEdit handles /hyp <number> <field> <value>.
func (b *Bot) hypEdit(c *Context, n int, edit string) error {
	h, err := b.hypothesisByNumber(c.Workspace, n)
	if err != nil {
		return err
	}
	change, err := domain.ParseHypothesisEdit(c.Workspace, h, edit, c.Workspace.Today(c.now))
	if err != nil {
		return err
	}
	b.applyEdit(c, h, change, func(line string) { c.Reply(line) })
	return nil
}

// isHypEdit reports whether /hyp's arguments after a hypothesis's number
// are an edit: always after "H-3" or "Г-3"; after a bare number only when
// a field's word follows, as "/hyp 3 dealers churn" is a new hypothesis.
func isHypEdit(label, rest string) bool {
	if r, _ := utf8.DecodeRuneInString(label); !unicode.IsDigit(r) {
		return true
	}
	word, _, _ := strings.Cut(rest, " ")
	_, ok := domain.EditFieldWord(word)
	return ok
}

// applyEdit stores the change, tells what changed through say and
// refreshes every card of the hypothesis.
func (b *Bot) applyEdit(c *Context, h *domain.Hypothesis, change domain.HypothesisChange, say func(line string)) {
	c.Change(func(tx domain.Tx) error {
		if err := domain.EditHypothesis(tx, c.Workspace, h, c.From, change, c.now); err != nil {
			return err
		}
		e := h.History[len(h.History)-1]
		say(c.T("hyp.edited", h.Label(), escape(e.Describe(c.Workspace, h.Metric, c.Lang))))
		return b.editCards(c, tx, h)
	})
}

// onCardMenu handles the card's menu buttons: back to the card, the edit
// menu and its choices, the deadline menu and its presets.
func (b *Bot) onCardMenu(c *Context, h *domain.Hypothesis, p cardPress, pressed domain.MessageRef) error {
	if p.code == codeBack {
		text, kb, err := b.viewCard(c, h)
		if err != nil {
			return err
		}
		c.Edit(c.Message.MessageID, text, kb...)
		return nil
	}
	if err := h.CheckEdit(c.Workspace, c.From.UserID); err != nil {
		return err
	}
	h.Cards = rememberCard(h.Cards, pressed)
	say := func(line string) { c.Answer(domain.StripTags(line), false) }
	data := func(args ...string) string {
		return fmt.Sprintf("h:%d:%s:%d:%s", h.ID, p.code, h.Version(), strings.Join(args, ":"))
	}
	choice := append(p.arg, "", "")
	if p.code == codeDeadline {
		switch choice[0] {
		case "":
			return b.showMenu(c, h, deadlineButtons(c, h, data))
		case "typed":
			b.prompt(c, h, domain.PromptDeadline, c.T("hyp.ask_deadline", h.Label(), mention(c.Workspace.Member(c.From.UserID))))
			c.Answer(c.T("hyp.reply_with_value"), false)
			return nil
		}
		d, ok := h.ExtendedDeadline(domain.DeadlinePreset(choice[0]), c.Workspace.Today(c.now))
		if !ok {
			return c.Refuse(staleButton())
		}
		b.applyEdit(c, h, domain.HypothesisChange{Field: domain.FieldDeadline, Deadline: d}, say)
		return nil
	}
	asker := mention(c.Workspace.Member(c.From.UserID))
	switch domain.EditField(choice[0]) {
	case domain.FieldMetric:
		return b.retarget(c, h, p.arg[1:], data, say)
	case "":
		return b.showMenu(c, h, editButtons(c, h, data))
	case domain.FieldText:
		b.prompt(c, h, domain.PromptText, c.T("hyp.ask_text", h.Label(), asker))
	case domain.FieldICE:
		b.prompt(c, h, domain.PromptICE, c.T("hyp.ask_ice", h.Label(), asker))
	case domain.FieldEffect:
		presets := domain.EffectPresets(h.Metric)
		if choice[1] == "" {
			return b.showMenu(c, h, effectButtons(c, h, data))
		}
		if choice[1] == "typed" {
			b.prompt(c, h, domain.PromptEffect, c.T("hyp.ask_effect", h.Label(), asker, escape(domain.EffectExamples(h.Metric, c.Lang))))
			break
		}
		i, err := strconv.Atoi(choice[1])
		if err != nil || i < 0 || i >= len(presets) {
			return c.Refuse(staleButton())
		}
		b.applyEdit(c, h, domain.HypothesisChange{Field: domain.FieldEffect, Effect: presets[i]}, say)
		return nil
	default:
		return c.Refuse(staleButton())
	}
	c.Answer(c.T("hyp.reply_with_value"), false)
	return nil
}

// showMenu shows buttons under the card's text on the pressed message.
func (b *Bot) showMenu(c *Context, h *domain.Hypothesis, buttons []domain.Button) error {
	text, _, err := b.viewCard(c, h)
	if err != nil {
		return err
	}
	buttons = append(buttons, domain.Button{Text: c.T("hyp.menu_back"), Data: fmt.Sprintf("h:%d:%s:%d", h.ID, codeBack, h.Version())})
	c.Edit(c.Message.MessageID, text, buttonRows(buttons, 2)...)
	return nil
}

// editButtons is the edit menu: the text, the expected effect, the ICE
// score, and the department while it can be reassigned.
func editButtons(c *Context, h *domain.Hypothesis, data func(...string) string) []domain.Button {
	buttons := []domain.Button{
		{Text: c.T("hyp.edit_field.text"), Data: data(string(domain.FieldText))},
		{Text: c.T("hyp.edit_field.metric"), Data: data(string(domain.FieldMetric))},
		{Text: c.T("hyp.edit_field.effect"), Data: data(string(domain.FieldEffect))},
		{Text: c.T("hyp.edit_field.ice"), Data: data(string(domain.FieldICE))},
	}
	if h.Check(c.Workspace, c.From.UserID, domain.ActReassign) == nil {
		buttons = append(buttons, domain.Button{Text: c.T("hyp.edit_field.department"),
			Data: fmt.Sprintf("h:%d:%s:%d", h.ID, actionCodes[domain.ActReassign], h.Version())})
	}
	return buttons
}

// deadlineButtons extend the deadline by a preset, or ask for a date.
func deadlineButtons(c *Context, h *domain.Hypothesis, data func(...string) string) []domain.Button {
	labels := map[domain.DeadlinePreset]string{
		domain.DeadlineWeek: "hyp.extend_week", domain.DeadlineTwoWeeks: "hyp.extend_two_weeks", domain.DeadlineMonthEnd: "hyp.extend_month",
	}
	var buttons []domain.Button
	for _, p := range []domain.DeadlinePreset{domain.DeadlineWeek, domain.DeadlineTwoWeeks, domain.DeadlineMonthEnd} {
		d, _ := h.ExtendedDeadline(p, c.Workspace.Today(c.now))
		buttons = append(buttons, domain.Button{Text: c.T(labels[p], d.Localize(c.Lang)), Data: data(string(p))})
	}
	return append(buttons, domain.Button{Text: c.T("hyp.deadline.typed"), Data: data("typed")})
}

// retarget walks the menu of a new target metric:
// metric[:<segment>[:<metric>[:<effect>]]], each an index into what the
// step before offered. A segment shows its metrics, a metric the effects
// on it, and an effect makes the change.
func (b *Bot) retarget(c *Context, h *domain.Hypothesis, arg []string, data func(...string) string, say func(string)) error {
	ws := c.Workspace
	segs := ws.ActiveSegments()
	pick := func(i int, n int) (int, bool) {
		if i >= len(arg) {
			return 0, false
		}
		v, err := strconv.Atoi(arg[i])
		return v, err == nil && v >= 0 && v < n
	}
	field := string(domain.FieldMetric)
	segIdx, ok := pick(0, len(segs))
	if !ok {
		if len(arg) > 0 {
			return c.Refuse(staleButton())
		}
		for i, s := range segs {
			if s.Key == h.Segment {
				segIdx = i
			}
		}
	}
	seg := segs[segIdx].Key
	metrics := domain.HypothesisMetrics(ws, seg)
	metricIdx, ok := pick(1, len(metrics))
	if !ok {
		if len(arg) > 1 {
			return c.Refuse(staleButton())
		}
		var buttons []domain.Button
		for i, s := range segs {
			if i != segIdx {
				buttons = append(buttons, domain.Button{Text: "⇄ " + s.Name.In(c.Lang), Data: data(field, strconv.Itoa(i))})
			}
		}
		for i, m := range metrics {
			buttons = append(buttons, domain.Button{Text: clipRunes(domain.MetricLabel(ws, m, c.Lang)+" · "+segs[segIdx].Name.In(c.Lang), 36),
				Data: data(field, strconv.Itoa(segIdx), strconv.Itoa(i))})
		}
		return b.showMenu(c, h, buttons)
	}
	m := metrics[metricIdx]
	presets := domain.EffectPresets(m)
	effectIdx, ok := pick(2, len(presets))
	if !ok {
		if len(arg) > 2 {
			return c.Refuse(staleButton())
		}
		var buttons []domain.Button
		for i, e := range presets {
			buttons = append(buttons, domain.Button{Text: domain.MetricLabel(ws, m, c.Lang) + " " + e.Format(m, ws.Currency, c.Lang),
				Data: data(field, strconv.Itoa(segIdx), strconv.Itoa(metricIdx), strconv.Itoa(i))})
		}
		return b.showMenu(c, h, buttons)
	}
	b.applyEdit(c, h, domain.HypothesisChange{Field: domain.FieldMetric, Segment: seg, Metric: m, Effect: presets[effectIdx]}, say)
	return nil
}

// effectButtons offer the metric's preset effects, or typing one.
func effectButtons(c *Context, h *domain.Hypothesis, data func(...string) string) []domain.Button {
	var buttons []domain.Button
	for i, e := range domain.EffectPresets(h.Metric) {
		buttons = append(buttons, domain.Button{Text: effectLabel(c, h, e), Data: data(string(domain.FieldEffect), strconv.Itoa(i))})
	}
	return append(buttons, domain.Button{Text: c.T("hyp.effect_typed"), Data: data(string(domain.FieldEffect), "typed")})
}

// effectLabel is a preset effect's button: the change and the target it
// sets from the baseline.
func effectLabel(c *Context, h *domain.Hypothesis, e domain.Effect) string {
	ws := c.Workspace
	label := e.Format(h.Metric, ws.Currency, c.Lang)
	if t := e.Target(h.Baseline); t.OK {
		label += " → " + domain.FormatMetricValue(h.Metric, t, ws.Currency, c.Lang)
	}
	return label
}

// promptReply takes a reply to a published hypothesis's prompt: the
// result that marks it done, a CEO's reason to decide without data, or the
// new value of an edited field. A value that does not read is refused and
// the prompt keeps waiting.
func (b *Bot) promptReply(c *Context, h *domain.Hypothesis, text string) error {
	if act, ok := h.Awaiting.Action(); ok {
		c.Change(func(tx domain.Tx) error {
			if err := domain.MoveHypothesis(tx, c.Workspace, h, act, c.From, text, c.now); err != nil {
				return err
			}
			if act == domain.ActDone {
				c.Reply(c.T("hyp.marked_done", h.Label()))
			} else {
				c.Reply(c.T("hyp.decided_nodata", h.Label(), h.Status))
			}
			return b.editCards(c, tx, h)
		})
		return nil
	}
	field, ok := h.Awaiting.Field()
	if !ok {
		return nil
	}
	if err := h.CheckEdit(c.Workspace, c.From.UserID); err != nil {
		return err
	}
	change, err := domain.ParseEditValue(c.Workspace, h, field, text, c.Workspace.Today(c.now))
	if err != nil {
		return err
	}
	h.Prompt, h.Awaiting = domain.MessageRef{}, ""
	b.applyEdit(c, h, change, func(line string) { c.Reply(line) })
	return nil
}
