package bot

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"trackbot/domain"
)

// postFixture is a London workspace with two weeks of dealers' numbers:
// leads went from 100 to 150, the share of them that qualified from 60% to
// 20% (a move two weeks are enough to call notable) and paid customers
// from 10 to 5.
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
			{"leads": 150, "qualified": 30, "meetings": 30, "deals": 6, "paid": 5},
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
		"Notable changes:\n🔻 Leads → Qualified: 60% → 20%",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("snapshot text lacks %q:\n%s", want, text)
		}
	}
	// Two weeks make no trend: the funnel goes alone, and the text says why.
	if j := jobs[1]; j.Kind != domain.SendPhoto || len(j.Files) != 1 || j.Files[0].Caption != "Dealers" {
		t.Errorf("charts job = %v, want the funnel captioned Dealers", fileNames(j))
	}
	if want := "Conversion trend · Dealers — needs 3 weeks with numbers, has 2"; !strings.Contains(text, want) {
		t.Errorf("snapshot text lacks %q:\n%s", want, text)
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
	b.self = botUser
	// Week 13 has dealers' marketing and sales numbers; retail has none.
	jobs, err := b.reminderPost(ws, week)
	if err != nil {
		t.Fatal(err)
	}
	if len(jobs) != 1 {
		t.Fatalf("jobs = %d, want one reminder", len(jobs))
	}
	// The reminder is a prompt for the week's numbers: its link names the week.
	link := `<a href="https://t.me/trackbot_test_bot?start=nw-` + strconv.FormatInt(ws.ID, 10) + `-202613">`
	want := "⏰ <b>Numbers for " + link + "2026-W13</a></b> are still missing:\n" +
		"• Marketing (Retail): @mark\n" +
		"• Sales (Retail): @sam\n\n" +
		"Send them with /log before the week closes, please, or " + link + "reply to this message</a> with the numbers."
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

// fileNames lists a job's file names, for messages that would otherwise
// print the pictures' bytes.
func fileNames(j *domain.OutboxJob) []string {
	if j == nil {
		return nil
	}
	var names []string
	for _, f := range j.Files {
		names = append(names, string(j.Kind)+":"+f.Name)
	}
	return names
}

// A segment that takes the leads and the budget while the money comes from
// the focus segment shows in the snapshot, not only the focus segment.
func TestSnapshotPost_ShowsTheMisfocus(t *testing.T) {
	b, ws, week := postFixture(t)
	mustUpdate(t, b.store, func(tx domain.Tx) error {
		return tx.Records().Put(ws.ID, domain.WeeklyRecord{Segment: "retail", Week: week,
			Counts: map[string]int64{"leads": 600, "qualified": 100}, Spend: 400_000_00, Revenue: 10_000_00})
	})
	jobs, err := b.snapshotPost(ws, week, domain.Date{Year: 2026, Month: time.March, Day: 30})
	if err != nil {
		t.Fatal(err)
	}
	if want := "⚠ Retail takes more leads or spend than the money it brings."; !strings.Contains(jobs[0].Text, want) {
		t.Errorf("snapshot text lacks %q:\n%s", want, jobs[0].Text)
	}
	names := fileNames(jobs[len(jobs)-1])
	if !slices.Contains(names, "media_group:mix-2026-W13.png") {
		t.Errorf("snapshot pictures %v, want the segment mix", names)
	}

	// Without the flood, no warning and no mix.
	plain, err := b.snapshotPost(ws, week.Add(-1), domain.Date{Year: 2026, Month: time.March, Day: 23})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plain[0].Text, "takes more leads") || strings.Contains(strings.Join(fileNames(plain[len(plain)-1]), " "), "mix-") {
		t.Errorf("snapshot of a week without misfocus warns or draws the mix: %s %v", plain[0].Text, fileNames(plain[len(plain)-1]))
	}
}
