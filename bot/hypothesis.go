package bot

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"trackbot/domain"
)

// Hypotheses are logged with /hyp <text> and a few button steps on the
// same message (department, segment and metric, deadline, expected
// effect); the finished draft turns into the card in place. A card's
// buttons carry h:<id>:<action>:<version>: the version is the number of
// status changes, so a press on an outdated card refreshes it instead of
// acting. Every press is checked against the presser's role on the server.

// Card action codes, one letter each to keep callback data short.
var actionCodes = map[domain.HypothesisAction]string{
	domain.ActStart: "s", domain.ActDone: "d", domain.ActConfirm: "c",
	domain.ActReject: "r", domain.ActDrop: "x", domain.ActReassign: "a",
}

func actionOf(code string) (domain.HypothesisAction, bool) {
	for act, c := range actionCodes {
		if c == code {
			return act, true
		}
	}
	return "", false
}

// hyp handles /hyp: with a number it shows that card again, with text it
// starts a new hypothesis (CEOs only).
func (b *Bot) hyp(c *Context) error {
	ws := c.Workspace
	args := strings.TrimSpace(c.Args)
	if args == "" {
		return domain.Errorf(domain.EINVALID, "hyp.usage")
	}
	if n, ok := domain.ParseHypothesisLabel(args); ok && !strings.Contains(args, " ") {
		h, err := b.hypothesisByNumber(ws, n)
		if err != nil {
			return err
		}
		return b.postCard(c, h)
	}
	if err := ws.RequireCEO(c.From); err != nil {
		return err
	}
	draft := &domain.Hypothesis{
		Workspace: ws.ID, Text: clipRunes(args, maxHypothesisText), Status: domain.StatusDraft,
		Segment: ws.DefaultSegment().Key, CreatedBy: c.From.UserID, CreatedAt: c.now,
	}
	job := c.Reply(b.draftText(c, draft))
	c.Change(func(tx domain.Tx) error {
		if err := tx.Hypotheses().Create(draft); err != nil {
			return err
		}
		// The buttons need the id the store just gave the draft.
		job.Keyboard = b.draftButtons(c, draft)
		return nil
	})
	return nil
}

// maxHypothesisText keeps a card well inside a message.
const maxHypothesisText = 600

// hypothesisByNumber finds a published hypothesis by its H-number.
func (b *Bot) hypothesisByNumber(ws *domain.Workspace, n int) (*domain.Hypothesis, error) {
	hyps, err := b.hypotheses(ws)
	if err != nil {
		return nil, err
	}
	for _, h := range hyps {
		if h.Number == n {
			return h, nil
		}
	}
	return nil, domain.Errorf(domain.ENOTFOUND, "hyp.no_number", "H-"+strconv.Itoa(n))
}

// hypotheses loads the workspace's published hypotheses.
func (b *Bot) hypotheses(ws *domain.Workspace) ([]*domain.Hypothesis, error) {
	var out []*domain.Hypothesis
	err := b.store.View(func(tx domain.Tx) error {
		all, err := tx.Hypotheses().List(ws.ID)
		for _, h := range all {
			if h.Status != domain.StatusDraft {
				out = append(out, h)
			}
		}
		return err
	})
	return out, err
}

// postCard posts a hypothesis card as a reply and remembers it, so later
// status changes edit this message too.
func (b *Bot) postCard(c *Context, h *domain.Hypothesis) error {
	text, err := b.cardText(c.Workspace, h, c.Lang)
	if err != nil {
		return err
	}
	job := c.Reply(text, cardButtons(c, h)...)
	// Keys are reserved forever, so they come from the clock: Telegram may
	// restart update ids after a quiet week.
	job.Key = fmt.Sprintf("hcard:%d:%d:%d", h.Workspace, h.ID, c.now.UnixNano())
	id := h.ID
	c.Change(func(tx domain.Tx) error {
		cur, err := tx.Hypotheses().Get(c.Workspace.ID, id)
		if err != nil {
			return err
		}
		cur.Cards = rememberCard(cur.Cards, domain.MessageRef{ChatID: c.Chat.ID, Key: job.Key})
		return tx.Hypotheses().Put(cur)
	})
	return nil
}

// maxCards bounds the cards a hypothesis keeps editing; the oldest are
// forgotten and simply stay as they were.
const maxCards = 5

func rememberCard(cards []domain.MessageRef, ref domain.MessageRef) []domain.MessageRef {
	for _, c := range cards {
		if c.ChatID == ref.ChatID && (ref.MessageID != 0 && c.MessageID == ref.MessageID || ref.Key != "" && c.Key == ref.Key) {
			return cards
		}
	}
	cards = append(cards, ref)
	if len(cards) > maxCards {
		cards = cards[len(cards)-maxCards:]
	}
	return cards
}

// draftText renders the draft message for the step it is at.
func (b *Bot) draftText(c *Context, h *domain.Hypothesis) string {
	ws, l := c.Workspace, c.Lang
	var sb strings.Builder
	sb.WriteString(c.T("hyp.draft_title", escape(h.Text)))
	if h.Department != "" {
		sb.WriteString("\n" + c.T("hyp.field_owner", escape(ws.DepartmentName(h.Department, l))))
	}
	if h.Metric != "" {
		sb.WriteString("\n" + c.T("hyp.field_metric", escape(metricName(ws, h, l))))
	}
	if !h.Deadline.IsZero() {
		sb.WriteString("\n" + c.T("hyp.field_deadline", h.Deadline.Localize(l)))
	}
	sb.WriteString("\n\n")
	switch draftStep(h) {
	case "d":
		sb.WriteString(c.T("hyp.step_department"))
	case "m":
		sb.WriteString(c.T("hyp.step_metric", escape(ws.SegmentName(h.Segment, l))))
	case "t":
		if h.Prompt.MessageID != 0 {
			sb.WriteString(c.T("hyp.step_typed_date"))
		} else {
			sb.WriteString(c.T("hyp.step_deadline"))
		}
	default:
		sb.WriteString(c.T("hyp.step_expected"))
	}
	return sb.String()
}

// draftStep says what the draft waits for: d(epartment), m(etric),
// t (deadline) or e(xpected effect).
func draftStep(h *domain.Hypothesis) string {
	switch {
	case h.Department == "":
		return "d"
	case h.Metric == "":
		return "m"
	case h.Deadline.IsZero():
		return "t"
	}
	return "e"
}

// draftButtons returns the buttons of the draft's current step.
func (b *Bot) draftButtons(c *Context, h *domain.Hypothesis) [][]domain.Button {
	ws := c.Workspace
	data := func(step, value string) string { return fmt.Sprintf("hd:%d:%s:%s", h.ID, step, value) }
	var rows [][]domain.Button
	switch draftStep(h) {
	case "d":
		for i, d := range ws.Departments {
			rows = append(rows, []domain.Button{{Text: d.Name.In(c.Lang), Data: data("d", strconv.Itoa(i))}})
		}
	case "m":
		var segs []domain.Button
		for i, s := range ws.ActiveSegments() {
			if s.Key != h.Segment {
				segs = append(segs, domain.Button{Text: "⇄ " + s.Name.In(c.Lang), Data: data("s", strconv.Itoa(i))})
			}
		}
		rows = append(rows, buttonRows(segs, 3)...)
		rows = append(rows, buttonRows(b.metricButtons(c, h, data), 2)...)
	case "t":
		var presets []domain.Button
		for _, p := range domain.DeadlinePresets {
			presets = append(presets, domain.Button{Text: c.T("hyp.deadline." + string(p)), Data: data("t", string(p))})
		}
		rows = append(rows, buttonRows(presets, 2)...)
		rows = append(rows, []domain.Button{{Text: c.T("hyp.deadline.typed"), Data: data("t", "typed")}})
	default:
		rows = append(rows, []domain.Button{{Text: c.T("hyp.skip_expected"), Data: data("e", "skip")}})
	}
	return append(rows, []domain.Button{{Text: c.T("hyp.cancel"), Data: data("x", "")}})
}

// metricButtons offers the metrics the hypothesis's department answers
// for (all of them when it answers for none). Each button keeps the
// metric's index in the full list, which is what the press resolves.
func (b *Bot) metricButtons(c *Context, h *domain.Hypothesis, data func(step, value string) string) []domain.Button {
	ws := c.Workspace
	var own, all []domain.Button
	for i, m := range domain.HypothesisMetrics(ws, h.Segment) {
		btn := domain.Button{Text: clipRunes(domain.MetricLabel(ws, m, c.Lang), 30), Data: data("m", strconv.Itoa(i))}
		all = append(all, btn)
		if domain.MetricDepartment(ws, m) == h.Department {
			own = append(own, btn)
		}
	}
	if len(own) == 0 {
		return all
	}
	return own
}

func buttonRows(buttons []domain.Button, perRow int) [][]domain.Button {
	var rows [][]domain.Button
	for len(buttons) > 0 {
		n := min(perRow, len(buttons))
		rows = append(rows, buttons[:n])
		buttons = buttons[n:]
	}
	return rows
}

// onDraftStep handles the buttons of a draft: hd:<id>:<step>:<value>.
// Only the CEO who started it, or another CEO, may press them.
func (b *Bot) onDraftStep(c *Context, payload string) error {
	parts := strings.SplitN(payload, ":", 3)
	if len(parts) != 3 {
		c.Answer(c.T("button.stale"), false)
		return nil
	}
	h, ok := b.draftFor(c, parts[0])
	if !ok {
		return nil
	}
	if !c.IsCEO() {
		c.Answer(domain.UserMessage(c.Lang, domain.Errorf(domain.EFORBIDDEN, "error.ceo_only")), true)
		return nil
	}
	ws := c.Workspace
	step, value := parts[1], parts[2]
	idx, _ := strconv.Atoi(value)
	switch step {
	case "x":
		c.Change(func(tx domain.Tx) error { return tx.Hypotheses().Delete(ws.ID, h.ID) })
		c.Edit(c.Message.MessageID, c.T("hyp.cancelled", escape(h.Text)))
		return nil
	case "d":
		if idx < 0 || idx >= len(ws.Departments) || draftStep(h) != "d" {
			return b.refreshDraft(c, h)
		}
		h.Department = ws.Departments[idx].Key
	case "s":
		segs := ws.ActiveSegments()
		if idx < 0 || idx >= len(segs) || draftStep(h) != "m" {
			return b.refreshDraft(c, h)
		}
		h.Segment = segs[idx].Key
	case "m":
		metrics := domain.HypothesisMetrics(ws, h.Segment)
		if idx < 0 || idx >= len(metrics) || draftStep(h) != "m" {
			return b.refreshDraft(c, h)
		}
		h.Metric = metrics[idx]
	case "t":
		if draftStep(h) != "t" {
			return b.refreshDraft(c, h)
		}
		if value == "typed" {
			h.Prompt = domain.MessageRef{ChatID: c.Chat.ID, MessageID: c.Message.MessageID}
			break
		}
		d, ok := domain.DeadlinePreset(value).Deadline(b.today(ws, c))
		if !ok {
			return b.refreshDraft(c, h)
		}
		h.Deadline = d
		h.Prompt = domain.MessageRef{ChatID: c.Chat.ID, MessageID: c.Message.MessageID}
	case "e":
		if draftStep(h) != "e" {
			return b.refreshDraft(c, h)
		}
		return b.publish(c, h, c.Message.MessageID)
	default:
		c.Answer(c.T("button.stale"), false)
		return nil
	}
	return b.saveDraft(c, h, c.Message.MessageID)
}

// draftFor loads the draft a button names; a draft of another workspace,
// a published one or a missing one gets a short answer instead.
func (b *Bot) draftFor(c *Context, idText string) (*domain.Hypothesis, bool) {
	id, err := strconv.ParseInt(idText, 10, 64)
	var h *domain.Hypothesis
	if err == nil {
		err = b.store.View(func(tx domain.Tx) error {
			h, err = tx.Hypotheses().Get(c.Workspace.ID, id)
			return err
		})
	}
	if err != nil || h.Status != domain.StatusDraft {
		c.Answer(c.T("button.stale"), false)
		return nil, false
	}
	return h, true
}

// refreshDraft shows the draft as it is, for a press that no longer fits.
func (b *Bot) refreshDraft(c *Context, h *domain.Hypothesis) error {
	c.Edit(c.Message.MessageID, b.draftText(c, h), b.draftButtons(c, h)...)
	c.Answer(c.T("button.stale"), false)
	return nil
}

// saveDraft stores the draft and shows its next step on its message.
func (b *Bot) saveDraft(c *Context, h *domain.Hypothesis, messageID int) error {
	c.Change(func(tx domain.Tx) error { return tx.Hypotheses().Put(h) })
	c.Edit(messageID, b.draftText(c, h), b.draftButtons(c, h)...)
	return nil
}

// today is the current day in the workspace's time zone.
func (b *Bot) today(ws *domain.Workspace, c *Context) domain.Date {
	return domain.DateOf(c.now.In(ws.Location()))
}

// publish numbers the finished draft, measures the baseline of its metric
// and turns the draft message into the card. A hypothesis logged while a
// review is open belongs to that review's protocol.
func (b *Bot) publish(c *Context, h *domain.Hypothesis, messageID int) error {
	ws := c.Workspace
	last := lastCompleteWeek(ws, c)
	recs, err := b.records(ws, last.Add(1-domain.BaselineWeeks), last)
	if err != nil {
		return err
	}
	var hyps []*domain.Hypothesis
	var reviews []*domain.Review
	err = b.store.View(func(tx domain.Tx) error {
		if hyps, err = tx.Hypotheses().List(ws.ID); err != nil {
			return err
		}
		reviews, err = tx.Reviews().List(ws.ID)
		return err
	})
	if err != nil {
		return err
	}
	h.Baseline = domain.MetricBaseline(ws, h.Segment, h.Metric, last, recs)
	h.BaselineWeek = last
	if r := domain.OpenReviewOf(reviews); r != nil {
		h.Review = r.ID
	}
	if err := h.Publish(domain.NextHypothesisNumber(hyps), c.From, c.now); err != nil {
		return err
	}
	h.Cards = []domain.MessageRef{{ChatID: c.Chat.ID, MessageID: messageID}}
	h.Prompt = domain.MessageRef{}
	c.Change(func(tx domain.Tx) error { return tx.Hypotheses().Put(h) })
	return b.editCards(c, h, nil)
}

// editCards queues an edit of every card of the hypothesis that Telegram
// has taken, so all of them show the new state; pressed is the card being
// pressed, whose id the update carries, and is added to the list.
func (b *Bot) editCards(c *Context, h *domain.Hypothesis, pressed *domain.MessageRef) error {
	text, err := b.cardText(c.Workspace, h, c.Lang)
	if err != nil {
		return err
	}
	kb := cardButtons(c, h)
	if pressed != nil {
		h.Cards = rememberCard(h.Cards, *pressed)
	}
	var refs []domain.MessageRef
	err = b.store.View(func(tx domain.Tx) error {
		for _, ref := range h.Cards {
			if ref.MessageID == 0 && ref.Key != "" {
				job, ok, err := tx.Outbox().ByKey(ref.Key)
				if err != nil {
					return err
				}
				if !ok || len(job.MessageIDs) == 0 {
					continue
				}
				ref.MessageID = job.MessageIDs[0]
			}
			if ref.MessageID != 0 {
				refs = append(refs, ref)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, ref := range refs {
		job := c.textJob(text, kb)
		job.Kind, job.ChatID, job.EditMessageID = domain.EditText, ref.ChatID, ref.MessageID
		c.Queue(job)
	}
	return nil
}

// cardButtons are the buttons the status allows, each checked again
// against the person pressing it.
func cardButtons(c *Context, h *domain.Hypothesis) [][]domain.Button {
	var buttons []domain.Button
	for _, act := range h.Available() {
		buttons = append(buttons, domain.Button{
			Text: c.T("hyp.action." + string(act)),
			Data: fmt.Sprintf("h:%d:%s:%d", h.ID, actionCodes[act], h.Version()),
		})
	}
	return buttonRows(buttons, 3)
}

// cardText renders a hypothesis card. For a hypothesis that is done or
// closed it adds the metric's values since it was logged, which is what
// a CEO needs to confirm or reject it.
func (b *Bot) cardText(ws *domain.Workspace, h *domain.Hypothesis, l domain.Lang) (string, error) {
	var sb strings.Builder
	fmt.Fprintf(&sb, "<b>%s</b> · %s\n%s\n", h.Label(), escape(h.Status.Localize(l)), escape(h.Text))
	sb.WriteString("\n" + domain.Text(l, "hyp.field_owner", escape(ws.DepartmentName(h.Department, l))+" "+mentions(ws.Heads(h.Department))))
	sb.WriteString("\n" + domain.Text(l, "hyp.field_metric", escape(metricName(ws, h, l))))
	sb.WriteString("\n" + domain.Text(l, "hyp.field_baseline", domain.FormatMetricValue(h.Metric, h.Baseline, ws.Currency, l), h.BaselineWeek.String()))
	sb.WriteString("\n" + domain.Text(l, "hyp.field_deadline", h.Deadline.Localize(l)))
	if h.Expected != "" {
		sb.WriteString("\n" + domain.Text(l, "hyp.field_expected", escape(h.Expected)))
	}
	if h.ICE.Set() {
		sb.WriteString("\n" + domain.Text(l, "hyp.field_ice", h.ICE.Impact, h.ICE.Confidence, h.ICE.Ease, h.ICE.Score()))
	}
	if h.Result != "" {
		sb.WriteString("\n" + domain.Text(l, "hyp.field_result", escape(h.Result)))
	}
	if h.Status == domain.StatusDone || h.Status.Closed() && h.Status != domain.StatusDropped {
		since, err := b.sinceStart(ws, h, l)
		if err != nil {
			return "", err
		}
		sb.WriteString("\n" + since)
	}
	if n := len(h.History); n > 0 {
		e := h.History[n-1]
		sb.WriteString("\n\n" + domain.Text(l, "hyp.field_last", escape(e.ByName), escape(e.To.Localize(l)), e.At.In(ws.Location()).Format("02.01 15:04")))
	}
	return sb.String(), nil
}

// sinceStart renders the metric's values from the week after the baseline
// to the last complete week, and the change over them.
func (b *Bot) sinceStart(ws *domain.Workspace, h *domain.Hypothesis, l domain.Lang) (string, error) {
	last := domain.WeekOf(b.now().In(ws.Location())).Add(-1)
	from := h.BaselineWeek.Add(1)
	if last.Before(from) {
		return domain.Text(l, "hyp.since_none"), nil
	}
	recs, err := b.records(ws, from, last)
	if err != nil {
		return "", err
	}
	weekly, total := domain.MetricSince(ws, h.Segment, h.Metric, from, last, recs)
	if len(weekly) == 0 {
		return domain.Text(l, "hyp.since_none"), nil
	}
	var parts []string
	for _, wv := range weekly[max(0, len(weekly)-6):] {
		parts = append(parts, fmt.Sprintf("W%02d %s", wv.Week.Num, domain.FormatMetricValue(h.Metric, wv.Value, ws.Currency, l)))
	}
	change := domain.Change{Metric: h.Metric, IsRate: h.Metric.IsRate(), Now: total, Before: h.Baseline}
	if total.OK && h.Baseline.OK {
		if change.IsRate {
			change.Delta = domain.Some(total.V - h.Baseline.V)
		} else if h.Baseline.V != 0 {
			change.Delta = domain.Some(total.V/h.Baseline.V - 1)
		}
	}
	return domain.Text(l, "hyp.since", strings.Join(parts, " · "),
		domain.FormatMetricValue(h.Metric, total, ws.Currency, l), change.DeltaText(l)), nil
}

// metricName names the hypothesis's metric with its segment.
func metricName(ws *domain.Workspace, h *domain.Hypothesis, l domain.Lang) string {
	return domain.MetricLabel(ws, h.Metric, l) + " · " + ws.SegmentName(h.Segment, l)
}

// onHypButton handles a card button: h:<id>:<action>:<version>[:<arg>].
func (b *Bot) onHypButton(c *Context, payload string) error {
	parts := strings.Split(payload, ":")
	if len(parts) < 3 {
		c.Answer(c.T("button.stale"), false)
		return nil
	}
	id, err1 := strconv.ParseInt(parts[0], 10, 64)
	act, ok := actionOf(parts[1])
	version, err2 := strconv.Atoi(parts[2])
	if err1 != nil || err2 != nil || !ok {
		c.Answer(c.T("button.stale"), false)
		return nil
	}
	var h *domain.Hypothesis
	err := b.store.View(func(tx domain.Tx) error {
		var err error
		h, err = tx.Hypotheses().Get(c.Workspace.ID, id)
		return err
	})
	if err != nil || h.Status == domain.StatusDraft {
		c.Answer(c.T("button.stale"), false)
		return nil
	}
	ws := c.Workspace
	pressed := domain.MessageRef{ChatID: c.Chat.ID, MessageID: c.Message.MessageID}
	if err := h.Fresh(version); err != nil {
		c.Answer(domain.UserMessage(c.Lang, err), false)
		return b.editCards(c, h, &pressed)
	}
	if err := h.Check(ws, c.From.UserID, act); err != nil {
		// Tell the presser who can, and change nothing.
		c.Answer(domain.UserMessage(c.Lang, err), true)
		return nil
	}
	switch act {
	case domain.ActDone:
		return b.askResult(c, h)
	case domain.ActReassign:
		return b.reassign(c, h, parts[3:], pressed)
	case domain.ActConfirm, domain.ActReject:
		if err := b.measure(c, h); err != nil {
			return err
		}
	}
	if err := h.Apply(ws, c.From, act, "", c.now); err != nil {
		return err
	}
	c.Change(func(tx domain.Tx) error { return tx.Hypotheses().Put(h) })
	c.Answer(c.T("hyp.moved", h.Label(), h.Status), false)
	return b.editCards(c, h, &pressed)
}

// measure takes the metric's value since the hypothesis was logged.
func (b *Bot) measure(c *Context, h *domain.Hypothesis) error {
	ws := c.Workspace
	last := lastCompleteWeek(ws, c)
	from := h.BaselineWeek.Add(1)
	if last.Before(from) {
		h.Verify(domain.None, last)
		return nil
	}
	recs, err := b.records(ws, from, last)
	if err != nil {
		return err
	}
	_, total := domain.MetricSince(ws, h.Segment, h.Metric, from, last, recs)
	h.Verify(total, last)
	return nil
}

// askResult asks the head for a short result; the reply marks the
// hypothesis done. The prompt's id is known only once sent, so the
// hypothesis remembers the job's key.
func (b *Bot) askResult(c *Context, h *domain.Hypothesis) error {
	key := fmt.Sprintf("hprompt:%d:%d:%d", h.Workspace, h.ID, c.now.UnixNano())
	job := c.textJob(c.T("hyp.ask_result", h.Label(), mention(c.Workspace.Member(c.From.UserID)), escape(h.Text)), nil)
	job.Key = key
	c.Queue(job)
	h.Prompt = domain.MessageRef{ChatID: c.Chat.ID, Key: key}
	c.Change(func(tx domain.Tx) error { return tx.Hypotheses().Put(h) })
	c.Answer(c.T("hyp.reply_with_result"), false)
	return nil
}

// reassign shows the departments to move the hypothesis to, then moves it.
func (b *Bot) reassign(c *Context, h *domain.Hypothesis, arg []string, pressed domain.MessageRef) error {
	ws := c.Workspace
	if len(arg) == 0 {
		var buttons []domain.Button
		for i, d := range ws.Departments {
			if d.Key != h.Department {
				buttons = append(buttons, domain.Button{Text: "→ " + d.Name.In(c.Lang),
					Data: fmt.Sprintf("h:%d:a:%d:%d", h.ID, h.Version(), i)})
			}
		}
		text, err := b.cardText(ws, h, c.Lang)
		if err != nil {
			return err
		}
		c.Edit(c.Message.MessageID, text, buttonRows(buttons, 2)...)
		return nil
	}
	i, err := strconv.Atoi(arg[0])
	if err != nil || i < 0 || i >= len(ws.Departments) {
		c.Answer(c.T("button.stale"), false)
		return nil
	}
	if err := h.ReassignTo(ws, c.From, ws.Departments[i].Key, c.now); err != nil {
		return err
	}
	c.Change(func(tx domain.Tx) error { return tx.Hypotheses().Put(h) })
	c.Answer(c.T("hyp.moved", h.Label(), h.Status), false)
	return b.editCards(c, h, &pressed)
}

// onReplyToBot handles a reply to one of the bot's prompts: a typed
// deadline or expected effect for a draft, a result for a hypothesis being
// marked done. Other replies are ignored, as the bot only answers commands.
func (b *Bot) onReplyToBot(c *Context) error {
	m := c.Message
	r := m.ReplyToMessage
	if c.Workspace == nil || r == nil || r.From == nil || r.From.ID != b.self.ID || strings.TrimSpace(m.Text) == "" {
		return nil
	}
	h, err := b.promptedBy(c.Workspace, c.Chat.ID, r.MessageID)
	if err != nil || h == nil {
		return err
	}
	text := clipRunes(strings.TrimSpace(m.Text), maxHypothesisText)
	if h.Status == domain.StatusDraft {
		return b.draftReply(c, h, text)
	}
	if err := h.Apply(c.Workspace, c.From, domain.ActDone, text, c.now); err != nil {
		return err
	}
	c.Change(func(tx domain.Tx) error { return tx.Hypotheses().Put(h) })
	c.Reply(c.T("hyp.marked_done", h.Label()))
	return b.editCards(c, h, nil)
}

// promptedBy finds the hypothesis whose prompt is the message.
func (b *Bot) promptedBy(ws *domain.Workspace, chatID int64, messageID int) (*domain.Hypothesis, error) {
	var found *domain.Hypothesis
	err := b.store.View(func(tx domain.Tx) error {
		all, err := tx.Hypotheses().List(ws.ID)
		if err != nil {
			return err
		}
		for _, h := range all {
			p := h.Prompt
			if p.ChatID != chatID || p.MessageID == 0 && p.Key == "" {
				continue
			}
			if p.MessageID == messageID {
				found = h
				return nil
			}
			if p.Key == "" {
				continue
			}
			job, ok, err := tx.Outbox().ByKey(p.Key)
			if err != nil {
				return err
			}
			if ok && slices.Contains(job.MessageIDs, messageID) {
				found = h
				return nil
			}
		}
		return nil
	})
	return found, err
}

// draftReply takes a typed deadline or expected effect for a draft.
func (b *Bot) draftReply(c *Context, h *domain.Hypothesis, text string) error {
	if !c.IsCEO() {
		return domain.Errorf(domain.EFORBIDDEN, "error.ceo_only")
	}
	messageID := h.Prompt.MessageID
	switch draftStep(h) {
	case "t":
		d, err := domain.ParseDate(text, b.today(c.Workspace, c))
		if err != nil {
			return err
		}
		h.Deadline = d
		return b.saveDraft(c, h, messageID)
	case "e":
		h.Expected = text
		return b.publish(c, h, messageID)
	}
	return nil
}

// hypsPageSize is how many hypotheses one page of /hyps lists.
const hypsPageSize = 10

// hyps lists hypotheses: open ones by default, or those of a department
// or status (/hyps sales, /hyps done, /hyps all).
func (b *Bot) hyps(c *Context) error {
	filter, err := parseHypsFilter(c.Workspace, c.Args)
	if err != nil {
		return err
	}
	text, kb, err := b.hypsPage(c, filter, 0)
	if err != nil {
		return err
	}
	c.Reply(text, kb...)
	return nil
}

// parseHypsFilter turns /hyps arguments into a short filter code: "" for
// open ones, "all", "s:<status>" or "d:<department key>".
func parseHypsFilter(ws *domain.Workspace, args string) (string, error) {
	args = strings.TrimSpace(args)
	switch {
	case args == "":
		return "", nil
	case domain.IsWord(args, domain.WordAll):
		return "all", nil
	}
	if st, ok := domain.ParseHypothesisStatus(args); ok {
		return "s:" + string(st), nil
	}
	if d, ok := ws.Department(args); ok {
		return "d:" + d.Key, nil
	}
	return "", domain.Errorf(domain.EINVALID, "hyp.list_usage")
}

// matchesFilter applies a /hyps filter.
func matchesFilter(h *domain.Hypothesis, filter string) bool {
	kind, value, _ := strings.Cut(filter, ":")
	switch kind {
	case "all":
		return true
	case "s":
		return string(h.Status) == value
	case "d":
		return h.Department == value && h.Status.Open()
	}
	return h.Status.Open()
}

// hypsPage renders one page of the list with paging buttons.
func (b *Bot) hypsPage(c *Context, filter string, page int) (string, [][]domain.Button, error) {
	all, err := b.hypotheses(c.Workspace)
	if err != nil {
		return "", nil, err
	}
	var hs []*domain.Hypothesis
	for _, h := range all {
		if matchesFilter(h, filter) {
			hs = append(hs, h)
		}
	}
	if len(hs) == 0 {
		return c.T("hyp.list_empty"), nil, nil
	}
	pages := (len(hs) + hypsPageSize - 1) / hypsPageSize
	page = max(0, min(page, pages-1))
	var sb strings.Builder
	sb.WriteString(c.T("hyp.list_title", len(hs), page+1, pages))
	for _, h := range hs[page*hypsPageSize : min(len(hs), (page+1)*hypsPageSize)] {
		sb.WriteString("\n" + hypLine(c.Workspace, h, c.Lang, b.today(c.Workspace, c)))
	}
	var nav []domain.Button
	if page > 0 {
		nav = append(nav, domain.Button{Text: "‹", Data: fmt.Sprintf("hl:%d:%s", page-1, filter)})
	}
	if page < pages-1 {
		nav = append(nav, domain.Button{Text: "›", Data: fmt.Sprintf("hl:%d:%s", page+1, filter)})
	}
	if len(nav) == 0 {
		return sb.String(), nil, nil
	}
	return sb.String(), [][]domain.Button{nav}, nil
}

// hypLine is one hypothesis in a list (domain.HypothesisLine, which the
// review pack uses too).
func hypLine(ws *domain.Workspace, h *domain.Hypothesis, l domain.Lang, today domain.Date) string {
	return domain.HypothesisLine(ws, h, l, today)
}

// onListPage turns a page of /hyps: hl:<page>:<filter>.
func (b *Bot) onListPage(c *Context, payload string) error {
	pageText, filter, _ := strings.Cut(payload, ":")
	page, err := strconv.Atoi(pageText)
	if err != nil {
		c.Answer(c.T("button.stale"), false)
		return nil
	}
	text, kb, err := b.hypsPage(c, filter, page)
	if err != nil {
		return err
	}
	c.Edit(c.Message.MessageID, text, kb...)
	return nil
}

// my shows a head the open hypotheses of their departments.
func (b *Bot) my(c *Context) error {
	ws := c.Workspace
	depts := ws.Member(c.From.UserID).HeadOf
	if len(depts) == 0 {
		return domain.Errorf(domain.EFORBIDDEN, "hyp.my_not_head")
	}
	all, err := b.hypotheses(ws)
	if err != nil {
		return err
	}
	var sb strings.Builder
	sb.WriteString(c.T("hyp.my_title"))
	n := 0
	for _, h := range all {
		if h.Status.Open() && slices.Contains(depts, h.Department) {
			sb.WriteString("\n" + hypLine(ws, h, c.Lang, b.today(ws, c)))
			n++
		}
	}
	if n == 0 {
		c.Reply(c.T("hyp.my_empty"))
		return nil
	}
	c.Reply(sb.String())
	return nil
}
