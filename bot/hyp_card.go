package bot

import (
	"fmt"
	"strings"

	"trackbot/domain"
)

// A hypothesis card is the message that shows one hypothesis and stays up
// to date: every change edits each card the hypothesis remembers. A card's
// buttons carry h:<id>:<action>:<version>; the version is the number of
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

// postCard posts a hypothesis card as a reply and remembers it, so later
// status changes edit this message too.
func (b *Bot) postCard(c *Context, h *domain.Hypothesis) error {
	var text string
	if err := b.store.View(func(tx domain.Tx) error {
		var err error
		text, err = b.cardText(c, tx, h)
		return err
	}); err != nil {
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

// editCards queues an edit of every card of the hypothesis that Telegram
// has taken, so all of them show its state; tx is the transaction the
// change runs in, or a read of its own for a refresh.
func (b *Bot) editCards(c *Context, tx domain.Tx, h *domain.Hypothesis) error {
	text, err := b.cardText(c, tx, h)
	if err != nil {
		return err
	}
	kb := cardButtons(c, h)
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
		if ref.MessageID == 0 {
			continue
		}
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

func buttonRows(buttons []domain.Button, perRow int) [][]domain.Button {
	var rows [][]domain.Button
	for len(buttons) > 0 {
		n := min(perRow, len(buttons))
		rows = append(rows, buttons[:n])
		buttons = buttons[n:]
	}
	return rows
}

// cardText renders a hypothesis card. For a hypothesis that is done or
// closed it adds the metric's values since it was logged, which is what
// a CEO needs to confirm or reject it.
func (b *Bot) cardText(c *Context, tx domain.Tx, h *domain.Hypothesis) (string, error) {
	ws, l := c.Workspace, c.Lang
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
		since, err := sinceStart(c, tx, h)
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
func sinceStart(c *Context, tx domain.Tx, h *domain.Hypothesis) (string, error) {
	ws, l := c.Workspace, c.Lang
	last := ws.LastCompleteWeek(c.now)
	from := h.BaselineWeek.Add(1)
	if last.Before(from) {
		return domain.Text(l, "hyp.since_none"), nil
	}
	recs, err := tx.Records().Range(ws.ID, "", from, last)
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
	if change.IsRate {
		change.Delta = domain.PointChange(total, h.Baseline)
	} else {
		change.Delta = domain.RelativeChange(total, h.Baseline)
	}
	return domain.Text(l, "hyp.since", strings.Join(parts, " · "),
		domain.FormatMetricValue(h.Metric, total, ws.Currency, l), change.DeltaText(l)), nil
}

// metricName names the hypothesis's metric with its segment.
func metricName(ws *domain.Workspace, h *domain.Hypothesis, l domain.Lang) string {
	return domain.MetricLabel(ws, h.Metric, l) + " · " + ws.SegmentName(h.Segment, l)
}
