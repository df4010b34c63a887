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
	domain.ActApprove: "p", domain.ActDecline: "n",
	domain.ActStart: "s", domain.ActDone: "d", domain.ActConfirm: "c",
	domain.ActReject: "r", domain.ActConfirmNoData: "C", domain.ActRejectNoData: "R",
	domain.ActDrop: "x", domain.ActReassign: "a",
}

// The codes of the card buttons that open a menu instead of moving the
// hypothesis: the edit menu, the deadline menu, and back to the card.
const (
	codeEdit     = "e"
	codeDeadline = "w"
	codeBack     = "b"
)

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
	text, kb, err := b.viewCard(c, h)
	if err != nil {
		return err
	}
	job := c.Reply(text, kb...)
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
	text, kb, err := b.cardView(c, tx, h)
	if err != nil {
		return err
	}
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

// viewCard renders the card in a read of its own.
func (b *Bot) viewCard(c *Context, h *domain.Hypothesis) (text string, kb [][]domain.Button, err error) {
	err = b.store.View(func(tx domain.Tx) error {
		text, kb, err = b.cardView(c, tx, h)
		return err
	})
	return text, kb, err
}

// cardView renders a hypothesis card and its buttons; tx reads the numbers
// the verdict is measured from.
func (b *Bot) cardView(c *Context, tx domain.Tx, h *domain.Hypothesis) (string, [][]domain.Button, error) {
	var v domain.Verdict
	if h.Status == domain.StatusDone || h.ShowsVerdict(c.Workspace.Today(c.now)) {
		var err error
		if v, err = domain.HypothesisVerdict(tx, c.Workspace, h, c.now); err != nil {
			return "", nil, err
		}
	}
	return cardText(c, h, v), cardButtons(c, h, v.Kind != domain.VerdictNoData), nil
}

// cardButtons are the buttons the status allows, each checked again
// against the person pressing it, then the edit and deadline menus while
// the hypothesis can be edited. measured says whether the target metric
// has a measured week, which decides whether a CEO confirms on the numbers
// or without data.
func cardButtons(c *Context, h *domain.Hypothesis, measured bool) [][]domain.Button {
	var buttons []domain.Button
	for _, act := range h.Available(measured) {
		buttons = append(buttons, domain.Button{
			Text: c.T("hyp.action." + string(act)),
			Data: fmt.Sprintf("h:%d:%s:%d", h.ID, actionCodes[act], h.Version()),
		})
	}
	if h.Editable() {
		buttons = append(buttons,
			domain.Button{Text: c.T("hyp.menu_edit"), Data: fmt.Sprintf("h:%d:%s:%d", h.ID, codeEdit, h.Version())},
			domain.Button{Text: c.T("hyp.menu_deadline"), Data: fmt.Sprintf("h:%d:%s:%d", h.ID, codeDeadline, h.Version())})
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

// cardHistoryLines is how many lines of the history a card shows; the
// earlier ones are counted.
const cardHistoryLines = 5

// cardText renders a hypothesis card: what, who, the target metric with
// its baseline and the expected effect, the deadline, and from the
// deadline on (or once done) the verdict v; then its history.
func cardText(c *Context, h *domain.Hypothesis, v domain.Verdict) string {
	ws, l := c.Workspace, c.Lang
	var sb strings.Builder
	fmt.Fprintf(&sb, "<b>%s</b> · %s\n%s\n", h.Label(), escape(h.Status.Localize(l)), escape(h.Text))
	sb.WriteString("\n" + domain.Text(l, "hyp.field_owner", escape(ws.DepartmentName(h.Department, l))+" "+mentions(ws.Heads(h.Department))))
	sb.WriteString("\n" + domain.Text(l, "hyp.field_metric", escape(metricName(ws, h, l))))
	sb.WriteString("\n" + domain.Text(l, "hyp.field_baseline", domain.FormatMetricValue(h.Metric, h.Baseline, ws.Currency, l), h.BaselineWeek.String()))
	if h.Effect.Set() || h.Why != "" {
		sb.WriteString("\n" + domain.Text(l, "hyp.field_expected", effectText(ws, h, l)))
	}
	sb.WriteString("\n" + domain.Text(l, "hyp.field_deadline", h.Deadline.Localize(l)))
	if h.ICE.Set() {
		sb.WriteString("\n" + domain.Text(l, "hyp.field_ice", h.ICE.Impact, h.ICE.Confidence, h.ICE.Ease, h.ICE.Score()))
	}
	if h.Result != "" {
		sb.WriteString("\n" + domain.Text(l, "hyp.field_result", escape(h.Result)))
	}
	if h.ShowsVerdict(ws.Today(c.now)) {
		sb.WriteString("\n\n" + verdictText(ws, h, v, l))
	}
	if h.Status == domain.StatusProposed {
		sb.WriteString("\n\n" + domain.Text(l, "hyp.proposed_by", escape(proposer(h)), mentions(ws.CEOs())))
	}
	if n := len(h.History); n > 0 {
		sb.WriteString("\n")
		if n > cardHistoryLines {
			sb.WriteString("\n" + domain.Text(l, "hyp.history_earlier", n-cardHistoryLines))
		}
		for _, e := range h.History[max(0, n-cardHistoryLines):] {
			sb.WriteString("\n" + domain.Text(l, "hyp.history_line", e.At.In(ws.Location()).Format("02.01 15:04"),
				escape(e.ByName), escape(e.Describe(ws, h.Metric, l))))
		}
	}
	return sb.String()
}

// proposer names the head who proposed the hypothesis.
func proposer(h *domain.Hypothesis) string {
	for _, e := range h.History {
		if e.To == domain.StatusProposed {
			return e.ByName
		}
	}
	return ""
}

// effectText renders the expected effect with the target it sets from the
// baseline, and the why.
func effectText(ws *domain.Workspace, h *domain.Hypothesis, l domain.Lang) string {
	var parts []string
	if h.Effect.Set() {
		e := h.Effect.Format(h.Metric, ws.Currency, l)
		if h.Effect.Kind == domain.EffectPoints || h.Effect.Kind == domain.EffectPercent {
			e += " → " + domain.FormatMetricValue(h.Metric, h.Effect.Target(h.Baseline), ws.Currency, l)
		}
		parts = append(parts, "<b>"+escape(e)+"</b>")
	}
	if h.Why != "" {
		parts = append(parts, escape(h.Why))
	}
	return strings.Join(parts, " · ")
}

// metricName names the hypothesis's metric with its segment.
func metricName(ws *domain.Workspace, h *domain.Hypothesis, l domain.Lang) string {
	return domain.MetricLabel(ws, h.Metric, l) + " · " + ws.SegmentName(h.Segment, l)
}
