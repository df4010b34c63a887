package storage

import (
	"testing"

	"trackbot/domain"
)

// BenchmarkUpdate_PerTelegramUpdate measures what every handled Telegram
// update costs: one committed (fsynced) transaction that stores the poll
// offset, a weekly record and a reply.
func BenchmarkUpdate_PerTelegramUpdate(b *testing.B) {
	db := mustOpen(b)
	record := fullRecord("dealers", domain.Week{Year: 2026, Num: 10})
	offset := 0
	b.ReportAllocs()
	for b.Loop() {
		offset++
		err := db.Update(func(tx domain.Tx) error {
			if err := tx.Poll().SetOffset(offset); err != nil {
				return err
			}
			if err := tx.Records().Put(1, record); err != nil {
				return err
			}
			_, err := tx.Outbox().Add(&domain.OutboxJob{ChatID: -100, Kind: domain.SendText, Text: "Saved."})
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
