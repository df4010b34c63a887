package bot

import (
	"context"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"trackbot/domain"
)

// A review pack goes out as bulk after its headline: the answer to a
// command sent while its parts wait for the group's limits goes before
// every one of them, even when all wait for the group's minute.
func TestSender_ReplyGoesBeforeQueuedPackParts(t *testing.T) {
	const group = -1001
	synctest.Test(t, func(t *testing.T) {
		db := openDB(t, time.Now)
		var mu sync.Mutex
		var order []string
		sentAt := map[string]time.Time{}
		s := newSender(senderDeps{
			store: db, now: time.Now,
			transmit: func(j *domain.OutboxJob) ([]int, error) {
				mu.Lock()
				defer mu.Unlock()
				order = append(order, j.Text)
				sentAt[j.Text] = time.Now()
				return []int{len(order)}, nil
			},
			moveChat: func(int64, int64) error { return nil }, parkChat: func(int64) error { return nil },
			log: slog.New(slog.DiscardHandler), red: newRedactor(""),
			stopsAt: func(killPoint) bool { return false },
		})
		queue := func(jobs ...*domain.OutboxJob) {
			mustUpdate(t, db, func(tx domain.Tx) error {
				for _, j := range jobs {
					j.ChatID = group
					if _, err := tx.Outbox().Add(j); err != nil {
						return err
					}
				}
				return nil
			})
			s.enqueue(jobs)
		}
		bulk := func(text string, photos int) *domain.OutboxJob {
			j := &domain.OutboxJob{Kind: domain.SendText, Text: text, Priority: domain.PriorityBulk}
			if photos > 0 {
				j.Kind, j.Files = domain.SendMediaGroup, make([]domain.Attachment, photos)
			}
			return j
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() {
			s.run(ctx)
			close(done)
		}()

		// Two reviews in a row: 20 messages, a group's whole minute.
		start := time.Now()
		queue(&domain.OutboxJob{Kind: domain.SendText, Text: "headline 1", Priority: domain.PriorityReply},
			bulk("charts 1", 8), bulk("questions 1", 0),
			&domain.OutboxJob{Kind: domain.SendText, Text: "headline 2", Priority: domain.PriorityReply},
			bulk("charts 2", 8), bulk("questions 2", 0))
		time.Sleep(2500 * time.Millisecond)
		queue(&domain.OutboxJob{Kind: domain.SendText, Text: "reply to /hyp", Priority: domain.PriorityReply})
		// With the minute used up, a reply waits for it like the pack,
		// and still goes first.
		time.Sleep(10 * time.Second)
		queue(&domain.OutboxJob{Kind: domain.SendText, Text: "button answer", Priority: domain.PriorityReply})
		for !s.idle() {
			time.Sleep(100 * time.Millisecond)
		}
		cancel()
		<-done

		mu.Lock()
		defer mu.Unlock()
		reply := slices.Index(order, "reply to /hyp")
		for _, part := range []string{"questions 1", "charts 2", "questions 2"} {
			if i := slices.Index(order, part); i < reply {
				t.Errorf("%q went before the reply: %v", part, order)
			}
		}
		if late, last := slices.Index(order, "button answer"), slices.Index(order, "questions 2"); late > last {
			t.Errorf("the pack's last part went before the later reply: %v", order)
		}
		if got := sentAt["reply to /hyp"].Sub(start); got > 4*time.Second {
			t.Errorf("the reply went %v after the packs, want within a chat interval of arriving", got)
		}
	})
}
