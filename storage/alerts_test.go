package storage

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"trackbot/domain"
)

func TestAlerts_StoreKeepsRulesAcrossReopen(t *testing.T) {
	db := mustOpen(t)
	a := &domain.AlertRule{Workspace: 7, Segment: "dealers", Metric: domain.ConvMetric("meetings"), Op: domain.AlertBelow, Threshold: 0.35, CreatedBy: 1}
	b := &domain.AlertRule{Workspace: 7, Segment: "dealers", Metric: domain.CountMetric("leads"), Op: domain.AlertFalls, Threshold: 0.05, Points: true,
		CreatedBy: 1, CreatedAt: t0, MutedUntil: t0.Add(time.Hour), FiredAt: t0.Add(2 * time.Hour), FiredWeek: domain.Week{Year: 2026, Num: 9}, FiredValue: 65}
	other := &domain.AlertRule{Workspace: 8, Segment: "x", Metric: domain.MetricCPL, Op: domain.AlertAbove, Threshold: 1500}
	update(t, db, func(tx domain.Tx) error {
		for _, r := range []*domain.AlertRule{a, b, other} {
			if err := tx.Alerts().Create(r); err != nil {
				return err
			}
		}
		return nil
	})
	if a.ID != 1 || b.ID != 2 || other.ID != 1 || !a.CreatedAt.Equal(t0) {
		t.Fatalf("ids %d %d %d, created %v: want 1, 2 per workspace and the clock's time", a.ID, b.ID, other.ID, a.CreatedAt)
	}
	db = reopen(t, db, func() time.Time { return t0 })
	view(t, db, func(tx domain.Tx) error {
		got, err := tx.Alerts().Get(7, 2)
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(got, b) {
			t.Errorf("after reopen:\ngot  %+v\nwant %+v", got, b)
		}
		list, err := tx.Alerts().List(7)
		if len(list) != 2 || list[0].ID != 1 {
			t.Errorf("List = %d rules", len(list))
		}
		if _, err := tx.Alerts().Get(8, 2); domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Errorf("another workspace's id: %v", err)
		}
		return err
	})
	update(t, db, func(tx domain.Tx) error { return tx.Alerts().Delete(7, 1) })
	view(t, db, func(tx domain.Tx) error {
		if _, err := tx.Alerts().Get(7, 1); domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Errorf("a deleted rule: %v", err)
		}
		if err := tx.Alerts().Put(a); domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Errorf("Put of a deleted rule: %v", err)
		}
		return nil
	})
}

// alertJobs returns the alert messages in the outbox, by key.
func alertJobs(t *testing.T, db *DB) map[string]*domain.OutboxJob {
	t.Helper()
	out := map[string]*domain.OutboxJob{}
	view(t, db, func(tx domain.Tx) error {
		jobs, err := tx.Outbox().Pending()
		for _, j := range jobs {
			if strings.HasPrefix(j.Key, "alert:") {
				out[j.Key] = j
			}
		}
		return err
	})
	return out
}

func TestSaveEntries_AlertFiresOncePerWeekSurvivesRestartAndMutes(t *testing.T) {
	db := mustOpen(t)
	ws := ucWorkspace(t, db)
	rule := &domain.AlertRule{Segment: "main", Metric: domain.CountMetric("leads"), Op: domain.AlertBelow, Threshold: 100}
	update(t, db, func(tx domain.Tx) error {
		if err := domain.AddAlert(tx, ws, ucMarketing, &domain.AlertRule{}, t0); domain.ErrorCode(err) != domain.EFORBIDDEN {
			t.Errorf("a head added a rule: %v", err)
		}
		return domain.AddAlert(tx, ws, ucCEO, rule, t0)
	})
	save := func(at time.Time, w domain.Week, leads int64) {
		t.Helper()
		e := domain.Entry{Segment: "main", Week: w, Counts: map[string]int64{"leads": leads}}
		update(t, db, func(tx domain.Tx) error {
			_, err := domain.SaveEntries(tx, ws, []domain.Entry{e}, domain.Save{By: ucMarketing, Source: "test", At: at, Anyway: true})
			return err
		})
	}
	save(t0, ucLast, 120)
	if n := len(alertJobs(t, db)); n != 0 {
		t.Fatalf("120 leads fired a rule on under 100: %d alerts", n)
	}
	save(t0, ucLast, 80)
	jobs := alertJobs(t, db)
	first := jobs["alert:1:1:2026-W10"]
	if len(jobs) != 1 || first == nil {
		t.Fatalf("alerts = %v, want one keyed by the rule and the week", sortedJobKeys(jobs))
	}
	if !strings.Contains(first.Text, "Leads: <b>80</b>") || !strings.Contains(first.Text, "Mark") || first.ChatID != ws.ChatID {
		t.Errorf("alert text %q to %d", first.Text, first.ChatID)
	}
	// The same week again, after a restart too: nothing new.
	save(t0.Add(time.Hour), ucLast, 70)
	db = reopen(t, db, func() time.Time { return t0 })
	save(t0.Add(2*time.Hour), ucLast, 60)
	if n := len(alertJobs(t, db)); n != 1 {
		t.Errorf("the same week fired %d alerts, want 1", n)
	}
	view(t, db, func(tx domain.Tx) error {
		r, err := tx.Alerts().Get(ws.ID, rule.ID)
		if err == nil && (!r.FiredAt.Equal(t0) || r.FiredWeek != ucLast || r.FiredValue != 80) {
			t.Errorf("last firing %v %v %v, want the first one", r.FiredAt, r.FiredWeek, r.FiredValue)
		}
		return err
	})
	// A correction of an old week is history, not news.
	save(t0.Add(3*time.Hour), ucLast.Add(-3), 10)
	if n := len(alertJobs(t, db)); n != 1 {
		t.Errorf("an old week fired: %d alerts", n)
	}

	// Next week it may fire again; muted, it does not until the week is over.
	week2 := t0.Add(7 * 24 * time.Hour)
	save(week2, ucLast.Add(1), 50)
	if _, ok := alertJobs(t, db)["alert:1:1:2026-W11"]; !ok {
		t.Errorf("the next week did not fire: %v", sortedJobKeys(alertJobs(t, db)))
	}
	update(t, db, func(tx domain.Tx) error {
		if _, err := domain.MuteAlert(tx, ws, ucSales, rule.ID, week2); domain.ErrorCode(err) != domain.EFORBIDDEN {
			t.Errorf("the sales head muted a marketing alert: %v", err)
		}
		_, err := domain.MuteAlert(tx, ws, ucMarketing, rule.ID, week2)
		return err
	})
	week3 := week2.Add(7 * 24 * time.Hour)
	save(week3.Add(-time.Hour), ucLast.Add(2), 40)
	if n := len(alertJobs(t, db)); n != 2 {
		t.Errorf("a muted rule fired: %d alerts", n)
	}
	save(week3.Add(time.Hour), ucLast.Add(2), 30)
	if _, ok := alertJobs(t, db)["alert:1:1:2026-W12"]; !ok {
		t.Errorf("the mute did not end after a week: %v", sortedJobKeys(alertJobs(t, db)))
	}

	update(t, db, func(tx domain.Tx) error {
		if _, err := domain.DeleteAlert(tx, ws, ucMarketing, rule.ID); domain.ErrorCode(err) != domain.EFORBIDDEN {
			t.Errorf("a head deleted a rule: %v", err)
		}
		_, err := domain.DeleteAlert(tx, ws, ucCEO, rule.ID)
		return err
	})
	save(week3.Add(7*24*time.Hour), ucLast.Add(3), 20)
	if n := len(alertJobs(t, db)); n != 3 {
		t.Errorf("a deleted rule fired: %d alerts", n)
	}
}

func sortedJobKeys(jobs map[string]*domain.OutboxJob) []string {
	var keys []string
	for k := range jobs {
		keys = append(keys, k)
	}
	return keys
}
