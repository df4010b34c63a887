package bot

import (
	"fmt"
	"strconv"
	"strings"

	"trackbot/domain"
)

// Hypotheses are logged with /hyp <text> and a few button steps on the
// same message (department, segment and metric, deadline, expected
// effect, ICE); the finished draft turns into the card in place. The steps
// and their order are domain rules (domain.DraftStep); the buttons carry
// hd:<id>:<step>:<value>, where the value is an index into what the step
// offers (the ICE step's value is the score itself).

// hyp handles /hyp: with a number it shows that card again, with a number
// and a field it edits that hypothesis (hypEdit), with text it starts a
// new one (a CEO's, or a head's proposal).
func (b *Bot) hyp(c *Context) error {
	ws := c.Workspace
	args := strings.TrimSpace(c.Args)
	if args == "" {
		return domain.Errorf(domain.EINVALID, "hyp.usage")
	}
	label, rest, _ := strings.Cut(args, " ")
	rest = strings.TrimSpace(rest)
	if n, ok := domain.ParseHypothesisLabel(label); ok && (rest == "" || isHypEdit(label, rest)) {
		if rest != "" {
			return b.hypEdit(c, n, rest)
		}
		h, err := b.hypothesisByNumber(ws, n)
		if err != nil {
			return err
		}
		return b.postCard(c, h)
	}
	c.Change(func(tx domain.Tx) error {
		draft, err := domain.DraftHypothesis(tx, ws, c.From, clipRunes(args, maxHypothesisText), c.now)
		if err != nil {
			return err
		}
		// The buttons need the id the store just gave the draft.
		c.Reply(b.draftText(c, draft), b.draftButtons(c, draft)...)
		return nil
	})
	return nil
}

// maxHypothesisText keeps a card well inside a message.
const maxHypothesisText = 600

// draftText renders the draft message for the step it is at.
func (b *Bot) draftText(c *Context, h *domain.Hypothesis) string {
	ws, l := c.Workspace, c.Lang
	var sb strings.Builder
	// The heading marks the draft's message as its prompt: a typed answer
	// may reply to any copy of it.
	asks := domain.Prompt{Kind: domain.PromptHypothesisDraft, Workspace: h.Workspace, ID: h.ID}
	sb.WriteString(c.T("hyp.draft_title", b.promptLink(asks, c.T("hyp.draft_heading")), escape(h.Text)))
	if h.Department != "" {
		sb.WriteString("\n" + c.T("hyp.field_owner", escape(ws.DepartmentName(h.Department, l))))
	}
	if h.Metric != "" {
		sb.WriteString("\n" + c.T("hyp.field_metric", escape(metricName(ws, h, l))))
		sb.WriteString("\n" + c.T("hyp.field_baseline", domain.FormatMetricValue(h.Metric, h.Baseline, ws.Currency, l), h.BaselineWeek.String()))
	}
	if !h.Deadline.IsZero() {
		sb.WriteString("\n" + c.T("hyp.field_deadline", h.Deadline.Localize(l)))
	}
	if h.Effect.Set() {
		sb.WriteString("\n" + c.T("hyp.field_expected", effectText(ws, h, l)))
	}
	sb.WriteString("\n\n")
	switch h.Step() {
	case domain.StepDepartment:
		sb.WriteString(c.T("hyp.step_department"))
	case domain.StepMetric:
		sb.WriteString(c.T("hyp.step_metric", escape(ws.SegmentName(h.Segment, l))))
	case domain.StepDeadline:
		if h.Prompt.MessageID != 0 {
			sb.WriteString(c.T("hyp.step_typed_date"))
		} else {
			sb.WriteString(c.T("hyp.step_deadline"))
		}
	case domain.StepExpected:
		sb.WriteString(c.T("hyp.step_expected", escape(domain.EffectExamples(h.Metric, l))))
	default:
		switch h.ICEPart() {
		case 0:
			sb.WriteString(c.T("hyp.step_ice_impact"))
		case 1:
			sb.WriteString(c.T("hyp.step_ice_confidence", h.ICE.Impact))
		default:
			sb.WriteString(c.T("hyp.step_ice_ease", h.ICE.Impact, h.ICE.Confidence))
		}
	}
	return sb.String()
}

// draftButtons returns the buttons of the draft's current step.
func (b *Bot) draftButtons(c *Context, h *domain.Hypothesis) [][]domain.Button {
	ws := c.Workspace
	data := func(step, value string) string { return fmt.Sprintf("hd:%d:%s:%s", h.ID, step, value) }
	var rows [][]domain.Button
	switch h.Step() {
	case domain.StepDepartment:
		// Buttons carry the index in the full list, which removing (an
		// archive in place) and adding (at the end) never shift.
		for i, d := range ws.Departments {
			if !d.Archived {
				rows = append(rows, []domain.Button{{Text: d.Name.In(c.Lang), Data: data("d", strconv.Itoa(i))}})
			}
		}
	case domain.StepMetric:
		var segs []domain.Button
		for i, s := range ws.ActiveSegments() {
			if s.Key != h.Segment {
				segs = append(segs, domain.Button{Text: "⇄ " + s.Name.In(c.Lang), Data: data("s", strconv.Itoa(i))})
			}
		}
		rows = append(rows, buttonRows(segs, 3)...)
		rows = append(rows, buttonRows(metricButtons(c, h, data), 2)...)
	case domain.StepDeadline:
		var presets []domain.Button
		for _, p := range domain.DeadlinePresets {
			presets = append(presets, domain.Button{Text: c.T("hyp.deadline." + string(p)), Data: data("t", string(p))})
		}
		rows = append(rows, buttonRows(presets, 2)...)
		rows = append(rows, []domain.Button{{Text: c.T("hyp.deadline.typed"), Data: data("t", "typed")}})
	case domain.StepExpected:
		var presets []domain.Button
		for i, e := range domain.EffectPresets(h.Metric) {
			presets = append(presets, domain.Button{Text: effectLabel(c, h, e), Data: data("e", strconv.Itoa(i))})
		}
		rows = append(rows, presets)
	default:
		var scores []domain.Button
		for n := 1; n <= 10; n++ {
			scores = append(scores, domain.Button{Text: strconv.Itoa(n), Data: data("i", strconv.Itoa(n))})
		}
		rows = append(rows, buttonRows(scores, 5)...)
		rows = append(rows, []domain.Button{{Text: c.T("hyp.skip_ice"), Data: data("i", "skip")}})
	}
	return append(rows, []domain.Button{{Text: c.T("hyp.cancel"), Data: data("x", "")}})
}

// metricButtons offers every metric of the segment: the department owns
// the work, not the metric (marketing may fix the lead form to move
// qualified → meetings). Each button keeps the metric's index in the
// list, which is what the press resolves.
func metricButtons(c *Context, h *domain.Hypothesis, data func(step, value string) string) []domain.Button {
	ws := c.Workspace
	var all []domain.Button
	for i, m := range domain.HypothesisMetrics(ws, h.Segment) {
		all = append(all, domain.Button{Text: clipRunes(domain.MetricLabel(ws, m, c.Lang), 30), Data: data("m", strconv.Itoa(i))})
	}
	return all
}

// onDraftStep handles the buttons of a draft: hd:<id>:<step>:<value>. A
// press that no longer fits the draft shows the draft as it is.
func (b *Bot) onDraftStep(c *Context, payload string) error {
	parts := strings.SplitN(payload, ":", 3)
	if len(parts) != 3 {
		return c.Refuse(staleButton())
	}
	h, ok := b.draftFor(c, parts[0])
	if !ok {
		return c.Refuse(staleButton())
	}
	ws := c.Workspace
	if err := h.CheckDraftEditor(ws, c.From.UserID); err != nil {
		return err
	}
	step, value := parts[1], parts[2]
	idx, _ := strconv.Atoi(value)
	var err error
	switch step {
	case "x":
		c.Change(func(tx domain.Tx) error { return tx.Hypotheses().Delete(ws.ID, h.ID) })
		c.Edit(c.Message.MessageID, c.T("hyp.cancelled", escape(h.Text)))
		return nil
	case "d":
		err = staleButton()
		if idx >= 0 && idx < len(ws.Departments) {
			err = h.ChooseDepartment(ws, ws.Departments[idx].Key)
		}
	case "s":
		err = staleButton()
		if segs := ws.ActiveSegments(); idx >= 0 && idx < len(segs) {
			err = h.ChooseSegment(ws, segs[idx].Key)
		}
	case "m":
		err = staleButton()
		if metrics := domain.HypothesisMetrics(ws, h.Segment); idx >= 0 && idx < len(metrics) {
			err = h.ChooseMetric(ws, metrics[idx])
		}
	case "t":
		err = b.chooseDeadline(c, h, value)
	case "e":
		err = staleButton()
		if presets := domain.EffectPresets(h.Metric); idx >= 0 && idx < len(presets) {
			err = h.ChooseEffect(presets[idx], "")
		}
	case "i":
		if value == "skip" && h.Step() == domain.StepICE {
			h.ICE = domain.ICE{}
			return b.publish(c, h, c.Message.MessageID)
		}
		if err = h.ChooseICE(idx); err == nil && h.ICE.Set() {
			return b.publish(c, h, c.Message.MessageID)
		}
	default:
		return c.Refuse(staleButton())
	}
	if err != nil {
		return b.refreshDraft(c, h, err)
	}
	return b.saveDraft(c, h, c.Message.MessageID)
}

// chooseDeadline takes a deadline preset, or for "typed" makes the draft
// wait for a reply with the date.
func (b *Bot) chooseDeadline(c *Context, h *domain.Hypothesis, value string) error {
	if h.Step() != domain.StepDeadline {
		return staleButton()
	}
	if value != "typed" {
		d, ok := domain.DeadlinePreset(value).Deadline(c.Workspace.Today(c.now))
		if !ok {
			return staleButton()
		}
		if err := h.ChooseDeadline(d); err != nil {
			return err
		}
	}
	h.Prompt = domain.MessageRef{ChatID: c.Chat.ID, MessageID: c.Message.MessageID}
	return nil
}

// draftFor loads the draft a button names; a draft of another workspace,
// a published one or a missing one is not found.
func (b *Bot) draftFor(c *Context, idText string) (*domain.Hypothesis, bool) {
	id, err := strconv.ParseInt(idText, 10, 64)
	var h *domain.Hypothesis
	if err == nil {
		err = b.store.View(func(tx domain.Tx) error {
			h, err = tx.Hypotheses().Get(c.Workspace.ID, id)
			return err
		})
	}
	return h, err == nil && h.Status == domain.StatusDraft
}

// refreshDraft shows the draft as it is, for a press that no longer fits,
// and says why.
func (b *Bot) refreshDraft(c *Context, h *domain.Hypothesis, why error) error {
	c.Edit(c.Message.MessageID, b.draftText(c, h), b.draftButtons(c, h)...)
	return c.Refuse(why)
}

// saveDraft stores the draft and shows its next step on its message; once
// the metric is chosen the draft carries its baseline.
func (b *Bot) saveDraft(c *Context, h *domain.Hypothesis, messageID int) error {
	if h.Metric != "" {
		if err := b.store.View(func(tx domain.Tx) error { return domain.MeasureBaseline(tx, c.Workspace, h, c.now) }); err != nil {
			return err
		}
	}
	c.Change(func(tx domain.Tx) error { return tx.Hypotheses().Put(h) })
	c.Edit(messageID, b.draftText(c, h), b.draftButtons(c, h)...)
	return nil
}

// publish publishes the finished draft and turns the draft message into
// its card. A head's proposal made in a private chat is posted to the
// group as well, where the CEOs approve or decline it.
func (b *Bot) publish(c *Context, h *domain.Hypothesis, messageID int) error {
	ws := c.Workspace
	h.Cards = []domain.MessageRef{{ChatID: c.Chat.ID, MessageID: messageID}}
	c.Change(func(tx domain.Tx) error {
		if err := domain.PublishHypothesis(tx, ws, h, c.From, c.now); err != nil {
			return err
		}
		if h.Status == domain.StatusProposed && c.Chat.ID != ws.ChatID {
			text, kb, err := b.cardView(c, tx, h)
			if err != nil {
				return err
			}
			job := c.textJob(text, kb)
			job.ChatID, job.Key = ws.ChatID, fmt.Sprintf("hcard:%d:%d:%d", h.Workspace, h.ID, c.now.UnixNano())
			c.Queue(job)
			h.Cards = rememberCard(h.Cards, domain.MessageRef{ChatID: ws.ChatID, Key: job.Key})
			if err := tx.Hypotheses().Put(h); err != nil {
				return err
			}
		}
		return b.editCards(c, tx, h)
	})
	return nil
}

// answerDraft takes a typed deadline or expected effect for a draft that
// waits for one, replied to any copy of the draft's message; that copy
// shows the next step.
func (b *Bot) answerDraft(c *Context, p domain.Prompt, replied *tgMessage, text string) error {
	h, err := b.hypothesisFor(c, p.ID)
	if err != nil || h == nil || h.Status != domain.StatusDraft || h.Prompt.ChatID == 0 {
		return err
	}
	if err := h.CheckDraftEditor(c.Workspace, c.From.UserID); err != nil {
		return err
	}
	text = clipRunes(text, maxHypothesisText)
	messageID := replied.MessageID
	h.Prompt.MessageID = messageID
	switch h.Step() {
	case domain.StepDeadline:
		d, err := domain.ParseDate(text, c.Workspace.Today(c.now))
		if err != nil {
			return err
		}
		if err := h.ChooseDeadline(d); err != nil {
			return err
		}
		return b.saveDraft(c, h, messageID)
	case domain.StepExpected:
		e, why, err := domain.ParseEffect(text, h.Metric)
		if err != nil {
			return err
		}
		if err := h.ChooseEffect(e, why); err != nil {
			return err
		}
		return b.saveDraft(c, h, messageID)
	case domain.StepICE:
		ice, err := domain.ParseICE(text)
		if err != nil {
			return err
		}
		h.ICE = ice
		return b.publish(c, h, messageID)
	}
	return nil
}
