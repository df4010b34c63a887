package main

import (
	"strings"
	"testing"
	"time"

	"trackbot/bot/telegramtest"
	"trackbot/domain"
)

// TestShutdown_StopDuringAPackRepeatsNothing stops the bot (as SIGTERM
// does) while the /review pack is going out over a slow connection, and
// starts it again: every message of the pack is in the chat once. The
// requests in flight were allowed to finish; the ones not started yet went
// after the restart.
func TestShutdown_StopDuringAPackRepeatsNothing(t *testing.T) {
	h := newHarness(t)
	h.cfg.ShutdownGrace = 4 * time.Second
	h.start()
	h.setUp()
	h.seedDemo()

	// Every message takes 1.5 s to be answered: the stop comes while the
	// charts are being uploaded and the rest of the pack is queued.
	h.tg.SetFaults(telegramtest.Faults{Delay: 1500 * time.Millisecond, Methods: []string{"sendMessage", "sendMediaGroup", "sendPhoto"}})
	cmd := h.tg.SendText(leaders, ceo, "/review")
	h.tg.WaitForCalls(t, "sendMediaGroup", 1, reviewWait)
	if err := h.stopBot(); err != nil {
		t.Fatalf("the stop returned %v", err)
	}
	h.tg.SetFaults(telegramtest.Faults{})
	h.start()
	h.waitIdle()

	seen := map[string]int{}
	groups := map[string]bool{}
	for _, m := range h.tg.Messages(leaders.ID) {
		if !m.FromBot || m.MessageID <= cmd {
			continue
		}
		if m.MediaGroupID != "" {
			groups[m.MediaGroupID] = true
			continue
		}
		seen[m.RawText+m.RawCaption]++
	}
	blocks := 0
	for text, n := range seen {
		if strings.Contains(text, "<b>Hypotheses</b>") {
			blocks += n
		}
		if n > 1 {
			t.Errorf("after a stop during the pack, this message is in the chat %d times:\n%s", n, text)
		}
	}
	if blocks != 1 {
		t.Errorf("the pack's hypotheses block is in the chat %d times, want once", blocks)
	}
	var packs int
	h.view(func(tx domain.Tx) error {
		for id := int64(1); ; id++ {
			job, err := tx.Outbox().Get(id)
			if domain.ErrorCode(err) == domain.ENOTFOUND {
				return nil
			}
			if err != nil {
				return err
			}
			if job.Kind == domain.SendMediaGroup {
				packs++
				if !job.Sent {
					t.Errorf("media group job %d: sent %v, failed %v (%s)", job.ID, job.Sent, job.Failed, job.LastError)
				}
			}
		}
	})
	if len(groups) != packs {
		t.Errorf("media groups in the chat = %d, want one per media group job (%d)", len(groups), packs)
	}
}
