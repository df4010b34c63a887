package bot

import (
	"fmt"
	"strings"

	"trackbot/domain"
)

// A card shows the verdict on its hypothesis from the deadline on and
// while it is done (domain.Hypothesis.ShowsVerdict): baseline, measured
// value, target, what that comes to and whether the move is beyond the
// metric's usual noise. The numbers arrive between reviews, so each review
// refreshes the cards of the hypotheses waiting for a CEO's verdict.

// verdictText renders the verdict block of a card.
func verdictText(ws *domain.Workspace, h *domain.Hypothesis, v domain.Verdict, l domain.Lang) string {
	value := func(x domain.Value) string { return domain.FormatMetricValue(h.Metric, x, ws.Currency, l) }
	if !v.Measured.OK {
		switch {
		case v.From == (domain.Week{}):
			return domain.Text(l, "hyp.verdict_not_started")
		case v.To.Before(v.From):
			return domain.Text(l, "hyp.verdict_wait", v.From.String())
		}
		return domain.Text(l, "hyp.verdict_no_numbers", weekSpan(v.From, v.To))
	}
	var sb strings.Builder
	sb.WriteString(domain.Text(l, "hyp.verdict_line", v.Kind.Localize(l), v.Noise))
	change := domain.Change{Metric: h.Metric, IsRate: v.IsRate, Delta: v.Change}
	sb.WriteString("\n" + domain.Text(l, "hyp.verdict_values", value(v.Baseline), value(v.Measured), change.DeltaText(l), value(v.Target)))
	var weeks []string
	for _, wv := range v.Weekly[max(0, len(v.Weekly)-6):] {
		weeks = append(weeks, fmt.Sprintf("W%02d %s", wv.Week.Num, value(wv.Value)))
	}
	sb.WriteString("\n" + domain.Text(l, "hyp.verdict_weeks", weekSpan(v.From, v.To), strings.Join(weeks, " · ")))
	return sb.String()
}

// weekSpan names a run of weeks: "2026-W13" or "2026-W13–W15".
func weekSpan(from, to domain.Week) string {
	if from == to {
		return from.String()
	}
	if from.Year == to.Year {
		return fmt.Sprintf("%s–W%02d", from, to.Num)
	}
	return from.String() + "–" + to.String()
}

// refreshVerdictCards queues an edit of the cards of the hypotheses that
// wait for a CEO's verdict, so the review finds them measured on the
// latest numbers.
func (b *Bot) refreshVerdictCards(c *Context, hyps []*domain.Hypothesis) error {
	return b.store.View(func(tx domain.Tx) error {
		for _, h := range hyps {
			if h.Status == domain.StatusDone {
				if err := b.editCards(c, tx, h); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
