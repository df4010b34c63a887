package storage

import (
	"path/filepath"
	"reflect"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"trackbot/domain"
)

// t0 is the fixed "now" of the tests.
var t0 = time.Date(2026, time.March, 2, 9, 30, 0, 0, time.UTC)

// testClock is a clock the test moves by hand.
type testClock struct{ now time.Time }

func (c *testClock) Now() time.Time { return c.now }

// mustOpen opens a fresh database under t.TempDir() whose clock stands at t0.
func mustOpen(tb testing.TB) *DB {
	tb.Helper()
	db, _ := mustOpenWithClock(tb)
	return db
}

// mustOpenWithClock is mustOpen with the clock handed to the test.
func mustOpenWithClock(tb testing.TB) (*DB, *testClock) {
	tb.Helper()
	clock := &testClock{now: t0}
	return mustOpenAt(tb, filepath.Join(tb.TempDir(), "trackbot.db"), Options{Now: clock.Now}), clock
}

// mustOpenAt opens path and, on cleanup, closes it, reopens the file
// read-only and fails the test on any bbolt consistency error.
func mustOpenAt(tb testing.TB, path string, opts Options) *DB {
	tb.Helper()
	db, err := Open(path, opts)
	if err != nil {
		tb.Fatalf("Open(%s): %v", path, err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
		checkConsistency(tb, path)
	})
	return db
}

// reopen closes db and opens its file again with the given clock.
func reopen(tb testing.TB, db *DB, now func() time.Time) *DB {
	tb.Helper()
	if err := db.Close(); err != nil {
		tb.Fatalf("Close: %v", err)
	}
	return mustOpenAt(tb, db.Path(), Options{Now: now})
}

func checkConsistency(tb testing.TB, path string) {
	tb.Helper()
	bdb, err := bolt.Open(path, fileMode, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		tb.Errorf("reopen %s read-only: %v", path, err)
		return
	}
	defer bdb.Close()
	err = bdb.View(func(btx *bolt.Tx) error {
		for err := range btx.Check() {
			tb.Errorf("consistency check of %s: %v", path, err)
		}
		return nil
	})
	if err != nil {
		tb.Errorf("check %s: %v", path, err)
	}
}

// update runs fn in an Update and fails the test on an error.
func update(tb testing.TB, db *DB, fn func(domain.Tx) error) {
	tb.Helper()
	if err := db.Update(fn); err != nil {
		tb.Fatalf("Update: %v", err)
	}
}

// view runs fn in a View and fails the test on an error.
func view(tb testing.TB, db *DB, fn func(domain.Tx) error) {
	tb.Helper()
	if err := db.View(fn); err != nil {
		tb.Fatalf("View: %v", err)
	}
}

// requireAllFieldsSet fails when a fixture leaves an exported field at its
// zero value, so a field added to a domain type breaks the round-trip test
// until the storage row carries it too.
func requireAllFieldsSet(t *testing.T, name string, v any) {
	t.Helper()
	requireSet(t, name, reflect.ValueOf(v))
}

func requireSet(t *testing.T, path string, v reflect.Value) {
	t.Helper()
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.IsZero() {
		t.Errorf("fixture leaves %s zero", path)
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() {
				requireSet(t, path+"."+f.Name, v.Field(i))
			}
		}
	case reflect.Slice:
		if k := v.Type().Elem().Kind(); k != reflect.Struct && k != reflect.Slice {
			return // a zero byte or id is a fine element
		}
		for i := range v.Len() {
			requireSet(t, path+"[]", v.Index(i))
		}
	}
}

func name(en, ru string) domain.Name { return domain.Name{En: en, Ru: ru} }

// fullWorkspace has every field set.
func fullWorkspace(chatID int64) *domain.Workspace {
	return &domain.Workspace{
		ID:       7,
		ChatID:   chatID,
		Title:    "Acme leadership",
		Lang:     domain.Russian,
		TimeZone: "Europe/Moscow",
		Currency: "₽",
		Departments: []domain.Department{
			{Key: "marketing", Name: name("Marketing", "Маркетинг"), Aliases: []string{"Growth"}, Archived: true},
		},
		Stages: []domain.Stage{{
			Key: "leads", Name: name("Leads", "Лиды"), Aliases: []string{"заявки"},
			Department: "marketing", Role: domain.RoleLeads, Archived: true, DropOffReasons: domain.SwitchOn,
		}},
		Segments: []domain.Segment{{
			Key: "dealers", Name: name("Dealers", "Дилеры"), Aliases: []string{"дилер"},
			Focus: true, SkipStages: []string{"impressions"}, Archived: true,
		}},
		NonTarget: []domain.Reason{{Key: "spam", Name: name("Spam", "Спам"), Aliases: []string{"мусор"}, Archived: true}},
		DropOff:   []domain.Reason{{Key: "price", Name: name("Price", "Цена"), Aliases: []string{"дорого"}, Archived: true}},
		Members: []domain.Member{{
			UserID: 42, Name: "Anna Ivanova", Username: "anna", CEO: true,
			HeadOf: []string{"marketing"}, UpdatedAt: t0.Add(time.Hour), ChosenAt: t0.Add(3 * time.Hour),
		}},
		Joins: []domain.JoinRequest{{
			ID: 3, Person: domain.Person{UserID: 43, Name: "Boris", Username: "boris"},
			Department: "sales", At: t0.Add(2 * time.Hour),
		}},
		Schedules: []domain.Schedule{{
			Kind: domain.ScheduleDigest, Days: []time.Weekday{time.Monday, time.Thursday},
			Hour: 10, Minute: 30, Off: true, Since: t0.Add(4 * time.Hour), Done: t0.Add(5 * time.Hour),
		}},
		Topics: map[domain.PostKind]int{domain.PostSnapshot: 555, domain.PostReview: 7},
		Plans: []domain.Plan{{
			Segment: "dealers", Kind: domain.PeriodQuarter, Year: 2026, Num: 2, SetBy: 1, SetAt: t0.Add(6 * time.Hour),
			Targets: []domain.PlanTarget{{Kind: domain.FieldCount, Stage: "deals", Value: 30}},
		}},
		AnswerHours: 12,
		Parked:      true,
		CreatedAt:   t0,
	}
}

// fullRecord has every field set.
func fullRecord(segment string, w domain.Week) domain.WeeklyRecord {
	return domain.WeeklyRecord{
		Segment:   segment,
		Week:      w,
		Counts:    map[string]int64{"leads": 120, "qualified": 0},
		Spend:     1_500_000_00,
		Revenue:   4_250_000_50,
		Margin:    0.35,
		HasMargin: true,
		NonTarget: map[string]int64{"spam": 7},
		DropOffs:  map[string]map[string]int64{"meetings": {"price": 3}},
		Managers:  map[string]map[string]int64{"Oleg": {"deals": 2}},
		UpdatedBy: 42,
		UpdatedAt: t0,
	}
}

// fullJob has every field set, file bytes included.
func fullJob() *domain.OutboxJob {
	return &domain.OutboxJob{
		ID:            9,
		Key:           "update:100:reply",
		Workspace:     1,
		ChatID:        -1001234,
		ThreadID:      555,
		Priority:      domain.PriorityBulk,
		Kind:          domain.SendMediaGroup,
		Text:          "<b>Funnel</b>",
		Keyboard:      [][]domain.Button{{{Text: "Open", Data: "h:1"}}, {{Text: "Close", Data: "h:2"}}},
		ReplyTo:       55,
		EditMessageID: 56,
		Files:         []domain.Attachment{{Name: "funnel.png", Data: []byte{0x89, 'P', 'N', 'G', 0}, Caption: "W10"}},
		CallbackID:    "cb-1",
		ShowAlert:     true,
		Action:        "upload_photo",
		CreatedAt:     t0,
		NotBefore:     t0.Add(time.Minute),
		Deadline:      t0.Add(time.Hour),
		Attempts:      2,
		LastError:     "Too Many Requests",
		MaybeSent:     true,
		Sent:          true,
		Failed:        true,
		SentAt:        t0.Add(3 * time.Minute),
		MessageIDs:    []int{101, 102},
	}
}
