package bot

import (
	"strings"
	"testing"
	"time"

	"trackbot/domain"
)

// postFixture is a London workspace with two weeks of dealers' numbers:
// leads went from 100 to 150 and paid customers from 10 to 5.
func postFixture(t *testing.T) (*Bot, *domain.Workspace, domain.Week) {
	t.Helper()
	now := time.Date(2026, 3, 30, 8, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	db := openDB(t, clock)
	ws := createWorkspace(t, db, testWorkspace(-1001, "Europe/London", now.Add(-30*24*time.Hour)))
	week := domain.Week{Year: 2026, Num: 13}
	mustUpdate(t, db, func(tx domain.Tx) error {
		for i, counts := range []map[string]int64{
			{"leads": 100, "qualified": 60, "meetings": 30, "deals": 12, "paid": 10},
			{"leads": 150, "qualified": 90, "meetings": 30, "deals": 6, "paid": 5},
		} {
			r := domain.WeeklyRecord{Segment: "dealers", Week: week.Add(i - 1), Counts: counts, Spend: 100_000_00, Revenue: 1_000_000_00}
			if err := tx.Records().Put(ws.ID, r); err != nil {
				return err
			}
		}
		return nil
	})
	return newTestBot(t, Config{}, db, clock), ws, week
}

func TestSnapshotPost_HeadlineWithWeekOnWeekAndCharts(t *testing.T) {
	b, ws, week := postFixture(t)
	jobs, err := b.snapshotPost(ws, week, domain.Date{Year: 2026, Month: time.March, Day: 30})
	if err != nil {
		t.Fatal(err)
	}
	if len(jobs) != 2 {
		t.Fatalf("jobs = %d, want the text and the charts", len(jobs))
	}
	text := jobs[0].Text
	for _, want := range []string{
		"Weekly snapshot</b> · 2026-W13",
		"<b>Dealers</b>",
		"Leads: 150 (+50% w/w)",
		"Paid: 5 (−50% w/w)",
		"Notable changes:",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("snapshot text lacks %q:\n%s", want, text)
		}
	}
	if j := jobs[1]; j.Kind != domain.SendMediaGroup || len(j.Files) != 2 || j.Files[0].Caption != "Dealers" {
		t.Errorf("charts job = %+v, want a media group of two pictures captioned Dealers", j)
	}
	for _, j := range jobs {
		checkTelegramRules(t, j)
		if j.Priority != domain.PriorityBulk || j.ChatID != ws.ChatID {
			t.Errorf("job to chat %d with priority %d, want the workspace chat and bulk priority", j.ChatID, j.Priority)
		}
	}
}

// Without a focus segment the snapshot follows domain's rule (the first
// live segment) and asks the CEO to mark the focus.
func TestSnapshotPost_WithoutFocusShowsTheFirstSegment(t *testing.T) {
	b, ws, week := postFixture(t)
	ws.Segments[0].Focus = false
	jobs, err := b.snapshotPost(ws, week, domain.Date{Year: 2026, Month: time.March, Day: 30})
	if err != nil {
		t.Fatal(err)
	}
	text := jobs[0].Text
	for _, want := range []string{"No segment is marked as focus, so the snapshot shows the first one, Dealers.", "<b>Dealers</b>", "Leads: 150 (+50% w/w)"} {
		if !strings.Contains(text, want) {
			t.Errorf("snapshot text lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Retail") || strings.Contains(text, "All segments") {
		t.Errorf("snapshot shows more than the first segment:\n%s", text)
	}
}

func TestReminderPost_MentionsOnlyTheMissingHeads(t *testing.T) {
	b, ws, week := postFixture(t)
	// Week 13 has dealers' marketing and sales numbers; retail has none.
	jobs, err := b.reminderPost(ws, week)
	if err != nil {
		t.Fatal(err)
	}
	if len(jobs) != 1 {
		t.Fatalf("jobs = %d, want one reminder", len(jobs))
	}
	want := "⏰ <b>Numbers for 2026-W13</b> are still missing:\n" +
		"• Marketing (Retail): @mark\n" +
		"• Sales (Retail): @sam\n\n" +
		"Send them with /log before the week closes, please."
	if got := jobs[0].Text; got != want {
		t.Errorf("reminder:\ngot  %q\nwant %q", got, want)
	}

	ws.Segments = ws.Segments[:1] // without retail everything is in
	if jobs, _ := b.reminderPost(ws, week); len(jobs) != 0 {
		t.Errorf("all numbers in: got %d jobs, want none", len(jobs))
	}
}

func TestDigestPost_ListsWhatIsDue(t *testing.T) {
	b, ws, _ := postFixture(t)
	today := domain.Date{Year: 2026, Month: time.March, Day: 30}
	if jobs, err := b.digestPost(ws, today); err != nil || len(jobs) != 0 {
		t.Fatalf("no hypotheses: got %d jobs (%v), want none", len(jobs), err)
	}
	mustUpdate(t, b.store, func(tx domain.Tx) error {
		return tx.Hypotheses().Create(&domain.Hypothesis{Workspace: ws.ID, Number: 4, Text: "Call <back> in 5 min",
			Department: domain.DeptSales, Status: domain.StatusInProgress, Deadline: today})
	})
	jobs, err := b.digestPost(ws, today)
	if err != nil || len(jobs) != 1 {
		t.Fatalf("got %d jobs (%v), want one digest", len(jobs), err)
	}
	for _, want := range []string{"<b>Due today</b>", "H-4 — Call &lt;back&gt; in 5 min (Sales, @sam,"} {
		if !strings.Contains(jobs[0].Text, want) {
			t.Errorf("digest lacks %q:\n%s", want, jobs[0].Text)
		}
	}
}

func TestScheduleTexts_HaveBothLanguages(t *testing.T) {
	keys := []string{"cmd.settings", "settings.title", "settings.how", "settings.bad", "snapshot.title",
		"snapshot.no_numbers", "reminder.title", "digest.title", "missed.note", "schedule.kind.digest", "schedule.day.sun"}
	for _, key := range keys {
		en, ru := domain.Text(domain.English, key), domain.Text(domain.Russian, key)
		if en == key || ru == key || en == ru && !strings.Contains(key, "title") {
			t.Errorf("%s: English %q, Russian %q; want both translated", key, en, ru)
		}
	}
}
