package storage

import (
	"testing"

	"trackbot/domain"
)

// SaveEntries is the one way numbers reach the records, from /log, files
// and the command line alike: a week that cannot hold numbers fails the
// whole set in its transaction, so nothing of it is stored.
func TestSaveEntries_AWeekIn1970SavesNothing(t *testing.T) {
	db := mustOpen(t)
	ws := domain.NewWorkspace(-100, "Acme", domain.English, "UTC", domain.Person{UserID: 1}, t0)
	ws.ID = 1
	now := t0.AddDate(0, 0, 14)
	good := domain.Entry{Segment: ws.Segments[0].Key, Week: domain.WeekOf(t0), Counts: map[string]int64{"leads": 10}}
	old := domain.Entry{Segment: ws.Segments[0].Key, Week: domain.Week{Year: 1970, Num: 1}, Counts: map[string]int64{"leads": 10}}
	err := db.Update(func(tx domain.Tx) error {
		_, err := domain.SaveEntries(tx, ws, []domain.Entry{good, old}, domain.Save{By: domain.Person{UserID: 1}, At: now})
		return err
	})
	if domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("SaveEntries error = %v, want EINVALID", err)
	}
	view(t, db, func(tx domain.Tx) error {
		recs, err := tx.Records().Range(ws.ID, "", domain.Week{Year: 1900, Num: 1}, domain.Week{Year: 9999, Num: 1})
		if len(recs) != 0 {
			t.Errorf("a set with a 1970 week stored %d records", len(recs))
		}
		return err
	})
}
