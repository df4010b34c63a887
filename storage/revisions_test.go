package storage

import (
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"trackbot/domain"
)

// saveLog saves entries of the main segment's week as p would from /log.
func saveLog(t *testing.T, db *DB, ws *domain.Workspace, p domain.Person, anyway bool, counts map[string]int64, at time.Time) error {
	t.Helper()
	return db.Update(func(tx domain.Tx) error {
		_, err := domain.SaveEntries(tx, ws, []domain.Entry{{Segment: "main", Week: ucLast, Counts: counts}},
			domain.Save{By: p, Source: "/log", Anyway: anyway, At: at})
		return err
	})
}

func revisions(t *testing.T, db *DB, ws *domain.Workspace) []*domain.Revision {
	t.Helper()
	var revs []*domain.Revision
	view(t, db, func(tx domain.Tx) error {
		var err error
		revs, err = tx.Revisions().List(ws.ID)
		return err
	})
	return revs
}

func mainRecord(t *testing.T, db *DB, ws *domain.Workspace) (domain.WeeklyRecord, bool) {
	t.Helper()
	var r domain.WeeklyRecord
	var found bool
	view(t, db, func(tx domain.Tx) error {
		var err error
		r, found, err = tx.Records().Get(ws.ID, "main", ucLast)
		return err
	})
	return r, found
}

func TestSaveEntries_WarnedNumbersNeedAnywayAndTheHistorySurvivesReopen(t *testing.T) {
	db, clock := mustOpenWithClock(t)
	ws := ucWorkspace(t, db)
	if err := saveLog(t, db, ws, ucMarketing, false, map[string]int64{"qualified": 45}, t0); err != nil {
		t.Fatal(err)
	}
	err := saveLog(t, db, ws, ucSales, false, map[string]int64{"meetings": 50}, t0.Add(time.Minute))
	if domain.ErrorCode(err) != domain.ECONFLICT {
		t.Fatalf("50 meetings from 45 qualified without anyway: %v, want ECONFLICT", err)
	}
	if r, _ := mainRecord(t, db, ws); r.Counts["meetings"] != 0 {
		t.Fatalf("refused numbers were saved: %+v", r)
	}
	if err := saveLog(t, db, ws, ucSales, true, map[string]int64{"meetings": 50}, t0.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}

	db = reopen(t, db, clock.Now)
	revs := revisions(t, db, ws)
	if len(revs) != 2 {
		t.Fatalf("revisions after reopen = %d, want 2", len(revs))
	}
	first, second := revs[0], revs[1]
	if first.ID != 1 || first.By != ucMarketing || first.Forced || first.Source != "/log" || !first.At.Equal(t0) {
		t.Errorf("first revision = %+v", first)
	}
	if second.ID != 2 || second.By != ucSales || !second.Forced || len(second.Warnings) != 1 || second.Warnings[0] != domain.WarnStageOverPrevious {
		t.Errorf("second revision = %+v, want forced with stage_over_previous", second)
	}
	want := domain.FigureChange{Field: domain.Field{Kind: domain.FieldCount, Stage: "meetings"}, New: domain.Figure{Set: true, N: 50}}
	if len(second.Records) != 1 || len(second.Records[0].Figures) != 1 || second.Records[0].Figures[0] != want || second.Records[0].Week != ucLast {
		t.Errorf("second revision's figures = %+v, want meetings — → 50", second.Records)
	}
}

func TestUndo_PutsTheFiguresBackAsANewRevision(t *testing.T) {
	db, clock := mustOpenWithClock(t)
	ws := ucWorkspace(t, db)
	if err := saveLog(t, db, ws, ucMarketing, false, map[string]int64{"leads": 120, "qualified": 45}, t0); err != nil {
		t.Fatal(err)
	}
	if err := saveLog(t, db, ws, ucMarketing, false, map[string]int64{"leads": 130}, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	undo := func(by domain.Person, id int64) error {
		return db.Update(func(tx domain.Tx) error {
			_, _, err := domain.Undo(tx, ws, by, id, clock.now)
			return err
		})
	}
	clock.now = t0.Add(2 * time.Hour)
	if err := undo(ucSales, 2); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Errorf("the sales head undoing marketing's save: %v, want EFORBIDDEN", err)
	}
	if err := undo(ucMarketing, 0); err != nil {
		t.Fatal(err)
	}
	if r, _ := mainRecord(t, db, ws); r.Counts["leads"] != 120 || r.Counts["qualified"] != 45 {
		t.Errorf("after undoing the correction: %+v, want leads 120", r.Counts)
	}
	// The next /undo takes the save before; the week had nothing before it.
	if err := undo(ucMarketing, 0); err != nil {
		t.Fatal(err)
	}
	if r, found := mainRecord(t, db, ws); found {
		t.Errorf("after undoing the first save the week still holds %+v", r)
	}
	if err := undo(ucMarketing, 0); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("a third undo: %v, want ENOTFOUND", err)
	}
	revs := revisions(t, db, ws)
	if len(revs) != 4 || revs[2].Kind != domain.RevisionUndo || revs[2].Undoes != 2 || revs[3].Undoes != 1 {
		t.Fatalf("revisions = %+v, want two saves and two undos", revs)
	}
	// Nothing was deleted: every version stays in the record's history.
	view(t, db, func(tx domain.Tx) error {
		versions, err := tx.Records().History(ws.ID, "main", ucLast)
		if len(versions) != 3 {
			t.Errorf("replaced versions = %d, want 3", len(versions))
		}
		return err
	})
}

func TestUndo_RefusesWhenAFigureChangedSinceOrTooLate(t *testing.T) {
	db, clock := mustOpenWithClock(t)
	ws := ucWorkspace(t, db)
	if err := saveLog(t, db, ws, ucMarketing, false, map[string]int64{"leads": 120}, t0); err != nil {
		t.Fatal(err)
	}
	if err := saveLog(t, db, ws, ucCEO, false, map[string]int64{"leads": 125}, t0); err != nil {
		t.Fatal(err)
	}
	err := db.Update(func(tx domain.Tx) error {
		_, _, err := domain.Undo(tx, ws, ucMarketing, 1, clock.now)
		return err
	})
	if domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("undoing leads the CEO corrected since: %v, want ECONFLICT", err)
	}
	clock.now = t0.Add(domain.UndoWindow + time.Second)
	err = db.Update(func(tx domain.Tx) error {
		_, _, err := domain.Undo(tx, ws, ucCEO, 0, clock.now)
		return err
	})
	if domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("undoing after 7 days: %v, want ECONFLICT", err)
	}
	if r, _ := mainRecord(t, db, ws); r.Counts["leads"] != 125 {
		t.Errorf("refused undos changed leads to %d", r.Counts["leads"])
	}
}

func TestOpen_MigratesV3ToRevisions(t *testing.T) {
	path := handBuild(t, func(btx *bolt.Tx) error {
		for _, step := range migrations[:3] {
			if err := step(btx); err != nil {
				return err
			}
		}
		return setSchemaVersion(btx, 3)
	})
	db := mustOpenAt(t, path, Options{})
	if got := readSchemaVersion(t, db); got != SchemaVersion {
		t.Errorf("schema version = %d, want %d", got, SchemaVersion)
	}
	update(t, db, func(tx domain.Tx) error {
		return tx.Revisions().Add(&domain.Revision{Workspace: 1, Kind: domain.RevisionSave, At: t0})
	})
}
