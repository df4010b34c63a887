package storage

import (
	"strings"
	"testing"
	"time"

	"trackbot/domain"
)

// The domain's use cases run over a domain.Tx; these tests run them
// against the real store, each in one transaction as the bot does, so what
// a use case reads, writes and refuses is checked end to end.

// People of the use-case tests.
var (
	ucCEO       = domain.Person{UserID: 1, Name: "Anna"}
	ucMarketing = domain.Person{UserID: 2, Name: "Mark"}
	ucSales     = domain.Person{UserID: 3, Name: "Sergey"}
)

// ucWorkspace stores a default workspace with a marketing and a sales head.
func ucWorkspace(t *testing.T, db *DB) *domain.Workspace {
	t.Helper()
	ws := domain.NewWorkspace(-100, "Acme", domain.English, "UTC", ucCEO, t0)
	for _, g := range []struct {
		p    domain.Person
		dept string
	}{{ucMarketing, domain.DeptMarketing}, {ucSales, domain.DeptSales}} {
		if err := ws.Grant(g.p, domain.RoleHead, g.dept, t0); err != nil {
			t.Fatal(err)
		}
	}
	update(t, db, func(tx domain.Tx) error { return tx.Workspaces().Create(ws) })
	return ws
}

// ucLast is the last complete week at t0, the week baselines end with.
var ucLast = domain.WeekOf(t0).Add(-1)

func TestProposeDraft_CountsOnlyEntriesThatCorrectAStoredFigure(t *testing.T) {
	db := mustOpen(t)
	ws := ucWorkspace(t, db)
	update(t, db, func(tx domain.Tx) error {
		return tx.Records().Put(ws.ID, domain.WeeklyRecord{Segment: "main", Week: ucLast, Counts: map[string]int64{"leads": 100}})
	})
	adds := domain.Entry{Segment: "main", Week: ucLast, Counts: map[string]int64{"meetings": 30}}
	corrects := domain.Entry{Segment: "main", Week: ucLast, Counts: map[string]int64{"leads": 120}}
	fresh := domain.Entry{Segment: "main", Week: ucLast.Add(-1), Counts: map[string]int64{"leads": 90}}

	var draft *domain.Draft
	var corrections int
	update(t, db, func(tx domain.Tx) error {
		var err error
		draft, corrections, err = domain.ProposeDraft(tx, ws, ucCEO, "/log", []domain.Entry{adds, corrects, fresh}, t0)
		return err
	})
	if corrections != 1 {
		t.Errorf("corrections = %d, want 1 (only the leads figure was stored)", corrections)
	}
	view(t, db, func(tx domain.Tx) error {
		got, err := tx.Drafts().Get(draft.ID)
		if err == nil && (len(got.Entries) != 3 || got.By != ucCEO) {
			t.Errorf("stored draft = %+v", got)
		}
		return err
	})
}

func TestProposeDraft_FigureOfAnotherDepartmentIsForbiddenAndNothingStored(t *testing.T) {
	db := mustOpen(t)
	ws := ucWorkspace(t, db)
	var draft *domain.Draft
	err := db.Update(func(tx domain.Tx) error {
		var err error
		draft, _, err = domain.ProposeDraft(tx, ws, ucSales, "/log",
			[]domain.Entry{{Segment: "main", Week: ucLast, Counts: map[string]int64{"leads": 100}}}, t0)
		return err
	})
	if domain.ErrorCode(err) != domain.EFORBIDDEN || draft != nil {
		t.Fatalf("sales head entering leads: draft %v, err %v; want EFORBIDDEN", draft, err)
	}
	err = db.View(func(tx domain.Tx) error { _, err := tx.Drafts().Get(1); return err })
	if domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("a refused proposal left a draft: %v", err)
	}
}

func TestConfirmDraft_AuthorOrCEOWithinTheTimeToLive(t *testing.T) {
	entry := domain.Entry{Segment: "main", Week: ucLast, Counts: map[string]int64{"leads": 100}}
	for _, tc := range []struct {
		name     string
		by       domain.Person
		age      time.Duration
		wantCode string
	}{
		{"the author confirms", ucMarketing, time.Hour, ""},
		{"a CEO confirms another's numbers", ucCEO, time.Hour, ""},
		{"another head may not", ucSales, time.Hour, domain.EFORBIDDEN},
		{"a day-old draft is still good", ucMarketing, domain.DraftTTL, ""},
		{"an older one has expired", ucMarketing, domain.DraftTTL + time.Minute, domain.ECONFLICT},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := mustOpen(t)
			ws := ucWorkspace(t, db)
			var draft *domain.Draft
			update(t, db, func(tx domain.Tx) error {
				var err error
				draft, _, err = domain.ProposeDraft(tx, ws, ucMarketing, "/log", []domain.Entry{entry}, t0)
				return err
			})
			now := t0.Add(tc.age)
			err := db.Update(func(tx domain.Tx) error { _, err := domain.ConfirmDraft(tx, ws, draft, tc.by, now, false); return err })
			if code := domain.ErrorCode(err); code != tc.wantCode {
				t.Fatalf("ConfirmDraft: %v (code %q), want code %q", err, code, tc.wantCode)
			}
			view(t, db, func(tx domain.Tx) error {
				rec, found, err := tx.Records().Get(ws.ID, "main", ucLast)
				if err != nil {
					return err
				}
				_, draftErr := tx.Drafts().Get(draft.ID)
				saved := found && rec.Counts["leads"] == 100
				if saved != (tc.wantCode == "") {
					t.Errorf("record saved = %v, want %v", saved, tc.wantCode == "")
				}
				if saved && rec.UpdatedBy != ucMarketing.UserID {
					t.Errorf("UpdatedBy = %d, want the author %d", rec.UpdatedBy, ucMarketing.UserID)
				}
				if kept := draftErr == nil; kept == saved {
					t.Errorf("draft kept = %v after saved = %v", kept, saved)
				}
				return nil
			})
		})
	}
}

// ucDraft stores a hypothesis draft filled in up to its last step.
func ucDraft(t *testing.T, db *DB, ws *domain.Workspace, dept string, m domain.Metric) *domain.Hypothesis {
	t.Helper()
	var h *domain.Hypothesis
	update(t, db, func(tx domain.Tx) error {
		var err error
		if h, err = domain.DraftHypothesis(tx, ws, ucCEO, "Call back within 5 minutes", t0); err != nil {
			return err
		}
		for _, err := range []error{
			h.ChooseDepartment(ws, dept), h.ChooseMetric(ws, m),
			h.ChooseDeadline(domain.DateOf(t0).AddDays(7)),
			h.ChooseEffect(domain.Effect{Kind: domain.EffectPoints, Value: 0.1}, ""),
		} {
			if err != nil {
				return err
			}
		}
		return tx.Hypotheses().Put(h)
	})
	if h.Step() != domain.StepICE {
		t.Fatalf("draft at step %v, want the ICE score", h.Step())
	}
	return h
}

func TestPublishHypothesis_NumbersMeasuresBaselineAndJoinsTheOpenReview(t *testing.T) {
	db := mustOpen(t)
	ws := ucWorkspace(t, db)
	qualified := domain.ConvMetric("qualified")
	update(t, db, func(tx domain.Tx) error {
		for i, n := range []int64{40, 60} {
			rec := domain.WeeklyRecord{Segment: "main", Week: ucLast.Add(-i), Counts: map[string]int64{"leads": 100, "qualified": n}}
			if err := tx.Records().Put(ws.ID, rec); err != nil {
				return err
			}
		}
		return nil
	})

	first := ucDraft(t, db, ws, domain.DeptMarketing, qualified)
	err := db.Update(func(tx domain.Tx) error { return domain.PublishHypothesis(tx, ws, first, ucMarketing, t0) })
	if domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Fatalf("a head publishing: %v, want EFORBIDDEN", err)
	}
	update(t, db, func(tx domain.Tx) error { return domain.PublishHypothesis(tx, ws, first, ucCEO, t0) })
	if first.Label() != "H-1" || first.Status != domain.StatusNew || first.Review != 0 {
		t.Errorf("first: %s %s review %d, want H-1 new outside a review", first.Label(), first.Status, first.Review)
	}
	if first.Baseline != domain.Some(0.5) || first.BaselineWeek != ucLast {
		t.Errorf("baseline %v over weeks to %v, want 100/200 to %v", first.Baseline, first.BaselineWeek, ucLast)
	}

	review := &domain.Review{Workspace: ws.ID, Period: domain.WeekPeriod(ucLast), OpenedBy: ucCEO.UserID, OpenedAt: t0}
	update(t, db, func(tx domain.Tx) error { return tx.Reviews().Create(review) })
	second := ucDraft(t, db, ws, domain.DeptSales, domain.ConvMetric("meetings"))
	update(t, db, func(tx domain.Tx) error { return domain.PublishHypothesis(tx, ws, second, ucCEO, t0) })
	if second.Label() != "H-2" || second.Review != review.ID {
		t.Errorf("second: %s in review %d, want H-2 in review %d", second.Label(), second.Review, review.ID)
	}
	view(t, db, func(tx domain.Tx) error {
		got, err := tx.Hypotheses().Get(ws.ID, second.ID)
		if err == nil && (got.Number != 2 || got.Status != domain.StatusNew) {
			t.Errorf("stored: H-%d %s", got.Number, got.Status)
		}
		return err
	})
}

func TestMoveHypothesis_RolesStatusesAndTheMeasuredValue(t *testing.T) {
	db := mustOpen(t)
	ws := ucWorkspace(t, db)
	h := ucDraft(t, db, ws, domain.DeptMarketing, domain.ConvMetric("qualified"))
	update(t, db, func(tx domain.Tx) error {
		rec := domain.WeeklyRecord{Segment: "main", Week: ucLast, Counts: map[string]int64{"leads": 100, "qualified": 50}}
		if err := tx.Records().Put(ws.ID, rec); err != nil {
			return err
		}
		return domain.PublishHypothesis(tx, ws, h, ucCEO, t0)
	})

	move := func(act domain.HypothesisAction, by domain.Person, now time.Time) error {
		return db.Update(func(tx domain.Tx) error { return domain.MoveHypothesis(tx, ws, h, act, by, "done it", now) })
	}
	if err := move(domain.ActDone, ucSales, t0); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Errorf("sales marking marketing's hypothesis done: %v, want EFORBIDDEN", err)
	}
	if err := move(domain.ActConfirm, ucCEO, t0); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("confirming a new hypothesis: %v, want ECONFLICT", err)
	}
	if err := move(domain.ActDone, ucMarketing, t0); err != nil {
		t.Fatal(err)
	}
	// No week after the start has ended: confirming needs the without-data
	// action, and that needs a reason.
	if err := move(domain.ActConfirm, ucCEO, t0); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("confirming before a measured week: %v, want ECONFLICT", err)
	}
	err := db.Update(func(tx domain.Tx) error {
		return domain.MoveHypothesis(tx, ws, h, domain.ActConfirmNoData, ucCEO, " ", t0)
	})
	if domain.ErrorCode(err) != domain.EINVALID || h.Status != domain.StatusDone {
		t.Errorf("confirming without data and without a reason: %v, status %s", err, h.Status)
	}
	// Two weeks later the week after the start has numbers; the week the
	// work started in does not count.
	update(t, db, func(tx domain.Tx) error {
		for i, n := range []int64{90, 70} {
			rec := domain.WeeklyRecord{Segment: "main", Week: ucLast.Add(1 + i), Counts: map[string]int64{"leads": 100, "qualified": n}}
			if err := tx.Records().Put(ws.ID, rec); err != nil {
				return err
			}
		}
		return nil
	})
	later := t0.AddDate(0, 0, 14)
	if err := move(domain.ActConfirm, ucCEO, later); err != nil {
		t.Fatal(err)
	}
	view(t, db, func(tx domain.Tx) error {
		got, err := tx.Hypotheses().Get(ws.ID, h.ID)
		if err != nil {
			return err
		}
		if got.Status != domain.StatusConfirmed || got.Result != "done it" {
			t.Errorf("stored %s with result %q", got.Status, got.Result)
		}
		if got.Measured != domain.Some(0.7) || got.MeasuredFrom != ucLast.Add(2) || got.MeasuredWeek != ucLast.Add(2) {
			t.Errorf("measured %v over %v..%v, want 0.7 over %v", got.Measured, got.MeasuredFrom, got.MeasuredWeek, ucLast.Add(2))
		}
		if got.Verdict != domain.VerdictMet || got.History[len(got.History)-1].WithoutData {
			t.Errorf("verdict %q, last event %+v: want met (50%% + 10 pp reached), on the numbers", got.Verdict, got.History[len(got.History)-1])
		}
		return nil
	})
}

func TestCloseReview_OnlyACEOClosesTheOpenOneWithItsProtocol(t *testing.T) {
	db := mustOpen(t)
	ws := ucWorkspace(t, db)
	closeReview := func(by domain.Person) (*domain.Review, error) {
		var r *domain.Review
		err := db.Update(func(tx domain.Tx) error {
			var err error
			r, err = domain.CloseReview(tx, ws, by, t0.Add(time.Hour))
			return err
		})
		return r, err
	}
	if _, err := closeReview(ucCEO); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("closing with none open: %v, want ECONFLICT", err)
	}
	open := &domain.Review{Workspace: ws.ID, Period: domain.WeekPeriod(ucLast), OpenedBy: ucCEO.UserID, OpenedAt: t0}
	update(t, db, func(tx domain.Tx) error { return tx.Reviews().Create(open) })
	h := ucDraft(t, db, ws, domain.DeptSales, domain.ConvMetric("meetings"))
	update(t, db, func(tx domain.Tx) error { return domain.PublishHypothesis(tx, ws, h, ucCEO, t0) })

	if _, err := closeReview(ucSales); domain.ErrorCode(err) != domain.EFORBIDDEN {
		t.Errorf("a head closing: %v, want EFORBIDDEN", err)
	}
	r, err := closeReview(ucCEO)
	if err != nil {
		t.Fatal(err)
	}
	if r.ID != open.ID || r.IsOpen() || !strings.Contains(r.Protocol, "H-1") || r.NextReview.IsZero() {
		t.Errorf("closed review %d (open %v), next %v, with protocol %q", r.ID, r.IsOpen(), r.NextReview, r.Protocol)
	}
	view(t, db, func(tx domain.Tx) error {
		got, err := tx.Reviews().Get(ws.ID, open.ID)
		if err == nil && (got.IsOpen() || got.Protocol != r.Protocol) {
			t.Error("the stored review is still open, or without its protocol")
		}
		return err
	})
}
