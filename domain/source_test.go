package domain

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestSecret_NeverPrintsItself(t *testing.T) {
	token := "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.payload-payload.signature-a1b2"
	s := NewSecret("  " + token + "\n")
	if s.Reveal() != token {
		t.Fatalf("Reveal = %q, want the trimmed token", s.Reveal())
	}
	var logged strings.Builder
	slog.New(slog.NewTextHandler(&logged, nil)).Info("x", "secret", s)
	js, _ := json.Marshal(struct{ S Secret }{s})
	for name, shown := range map[string]string{
		"%s": fmt.Sprintf("%s", s), "%v": fmt.Sprintf("%v", s), "%+v": fmt.Sprintf("%+v", struct{ S Secret }{s}),
		"%#v": fmt.Sprintf("%#v", s), "json": string(js), "slog": logged.String(),
	} {
		if strings.Contains(shown, "payload") || !strings.Contains(shown, "…a1b2") {
			t.Errorf("%s shows %q, want only the hint …a1b2", name, shown)
		}
	}
	if got := NewSecret("https://portal.bitrix24.ru/rest/1/abcdef123456wxyz/").Hint(); got != "…wxyz" {
		t.Errorf("webhook hint = %q, want …wxyz", got)
	}
	if got := NewSecret("short1").Hint(); got != "…" {
		t.Errorf("a short secret's hint = %q, want no character of it", got)
	}
}

func TestLooksLikeSecret(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"https://mycompany.bitrix24.ru/rest/1/q2w3e4r5t6y7u8i9/", true},
		{"eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsImp0aSI6IjEyMyJ9.eyJhdWQiOiIxMjMiLCJqdGkiOiIxMjMifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ", true},
		{"mycompany def5020078a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5", true},
		{"https://docs.google.com/spreadsheets/d/e/2PACX-1vQabcdefghijklmnop1234567890ABCDEFGHIJ/pub?gid=0&single=true&output=csv", false},
		{"leads=120 qualified=80 spend=350000", false},
		{"Переговоры с дилерами идут хорошо", false},
		{"an_extremely_long_identifier_without_any_digits_at_all", false},
	}
	for _, tt := range tests {
		if got := LooksLikeSecret(tt.text); got != tt.want {
			t.Errorf("LooksLikeSecret(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// Moscow: the daily sync at 06:00 is 03:00 UTC; the snapshot on Monday at
// 09:00 (06:00 UTC) brings a sync at 08:00 (05:00 UTC).
func TestSourceRuns(t *testing.T) {
	ws := NewWorkspace(-1, "T", English, "Europe/Moscow", Person{UserID: 1}, utc(2026, 1, 1, 0, 0))
	loc := mustZone(t, "Europe/Moscow")
	tests := []struct {
		name       string
		now        time.Time
		last, next time.Time
	}{
		{"Wednesday noon: today's 06:00 was last, tomorrow's is next", utc(2026, 3, 18, 9, 0), utc(2026, 3, 18, 3, 0), utc(2026, 3, 19, 3, 0)},
		{"Monday 07:00: the daily run was last, the pre-snapshot run is next", utc(2026, 3, 23, 4, 0), utc(2026, 3, 23, 3, 0), utc(2026, 3, 23, 5, 0)},
		{"Monday 08:30: the pre-snapshot run was last", utc(2026, 3, 23, 5, 30), utc(2026, 3, 23, 5, 0), utc(2026, 3, 24, 3, 0)},
		{"exactly at a run it is the last one", utc(2026, 3, 23, 5, 0), utc(2026, 3, 23, 5, 0), utc(2026, 3, 24, 3, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LastSourceRun(ws, tt.now, loc); !got.Equal(tt.last) {
				t.Errorf("LastSourceRun = %s, want %s", got.UTC(), tt.last)
			}
			if got := NextSourceRun(ws, tt.now, loc); !got.Equal(tt.next) {
				t.Errorf("NextSourceRun = %s, want %s", got.UTC(), tt.next)
			}
		})
	}
	snap := ws.Schedule(ScheduleSnapshot)
	snap.Off = true
	ws.SetSchedule(snap)
	if got := NextSourceRun(ws, utc(2026, 3, 23, 4, 0), loc); !got.Equal(utc(2026, 3, 24, 3, 0)) {
		t.Errorf("with the snapshot off, the next run = %s, want only the daily one", got.UTC())
	}
}

func TestSyncBackoff_GrowsAndCaps(t *testing.T) {
	want := []time.Duration{10 * time.Minute, 30 * time.Minute, 90 * time.Minute, 270 * time.Minute, 6 * time.Hour, 6 * time.Hour}
	for i, w := range want {
		if got := SyncBackoff(i + 1); got != w {
			t.Errorf("SyncBackoff(%d) = %s, want %s", i+1, got, w)
		}
	}
}

func TestSource_Due(t *testing.T) {
	ws := NewWorkspace(-1, "T", English, "UTC", Person{UserID: 1}, utc(2026, 1, 1, 0, 0))
	on := func() *Source {
		return &Source{Kind: SourceSheet, Name: "sheet", On: true, Since: utc(2026, 3, 1, 0, 0)}
	}
	now := utc(2026, 3, 18, 9, 0) // Wednesday; today's run was at 06:00
	run := utc(2026, 3, 18, 6, 0)
	tests := []struct {
		name    string
		src     func() *Source
		wantRun time.Time
		wantReq bool
	}{
		{"a run not synced yet is owed", on, run, false},
		{"a synced run is not owed again", func() *Source { s := on(); s.Done = run; return s }, time.Time{}, false},
		{"a source switched on after the run does not owe it", func() *Source { s := on(); s.Since = run.Add(time.Minute); return s }, time.Time{}, false},
		{"a paused source owes nothing", func() *Source { s := on(); s.Paused = true; return s }, time.Time{}, false},
		{"a source not switched on owes nothing", func() *Source { s := on(); s.On = false; return s }, time.Time{}, false},
		{"a CRM that lost its secret still tries, to fail loudly", func() *Source { s := on(); s.Kind, s.SecretLost = SourceKommo, true; return s }, run, false},
		{"a CRM waiting for a new secret owes nothing", func() *Source { s := on(); s.Awaiting = 7; return s }, time.Time{}, false},
		{"a failed run waits for its backoff", func() *Source {
			s := on()
			s.Failures, s.Last = 2, SyncResult{At: now.Add(-20 * time.Minute)}
			return s
		}, time.Time{}, false},
		{"a failed run is retried after its backoff", func() *Source {
			s := on()
			s.Failures, s.Last = 2, SyncResult{At: now.Add(-31 * time.Minute)}
			return s
		}, run, false},
		{"a request comes first, even paused", func() *Source {
			s := on()
			s.Paused, s.Request = true, &SyncRequest{Kind: SyncPreview}
			return s
		}, time.Time{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			due, ok := tt.src().Due(ws, now, time.UTC)
			if ok != (!tt.wantRun.IsZero() || tt.wantReq) || !due.Run.Equal(tt.wantRun) || (due.Request != nil) != tt.wantReq {
				t.Errorf("Due = %+v, %v; want run %s, request %v", due, ok, tt.wantRun, tt.wantReq)
			}
		})
	}
}

func TestSource_FailuresInARow(t *testing.T) {
	s := &Source{On: true}
	run := utc(2026, 3, 18, 6, 0)
	if !s.Failed(SyncResult{Problem: "source.fail.network"}, true) {
		t.Error("the first failure is not told")
	}
	if s.Failed(SyncResult{Problem: "source.fail.network"}, true) {
		t.Error("a retry failing the same way is told again")
	}
	if !s.Alarming() {
		t.Error("two failures in a row are not alarming")
	}
	if !s.Failed(SyncResult{Problem: "source.fail.unauthorized"}, true) {
		t.Error("a new problem is not told")
	}
	if s.Failed(SyncResult{Problem: "source.fail.other"}, false) || s.Failures != 3 {
		t.Errorf("a requested sync counted as a failure in a row: %d", s.Failures)
	}
	s.Synced(SyncResult{}, run)
	if s.Failures != 0 || !s.Done.Equal(run) || s.Alarming() {
		t.Errorf("after a success: failures %d, done %s", s.Failures, s.Done)
	}
}

func TestSource_UnlockedKeepsLockedFiguresOut(t *testing.T) {
	spend := Money(1000)
	entries := []Entry{
		{Segment: "dealers", Week: Week{2026, 10}, Counts: map[string]int64{"leads": 10, "qualified": 5}, Spend: &spend},
		{Segment: "retail", Week: Week{2026, 10}, Counts: map[string]int64{"qualified": 3}},
	}
	s := &Source{}
	s.Lock(Field{Kind: FieldCount, Stage: "qualified"})
	if s.Lock(Field{Kind: FieldCount, Stage: "qualified"}) {
		t.Error("locking twice reports a change")
	}
	s.Lock(Field{Kind: FieldSpend})
	got := s.Unlocked(entries)
	if len(got) != 1 || got[0].Segment != "dealers" || len(got[0].Counts) != 1 || got[0].Counts["leads"] != 10 || got[0].Spend != nil {
		t.Errorf("Unlocked = %+v, want dealers' leads only", got)
	}
	if entries[0].Counts["qualified"] != 5 || entries[0].Spend == nil {
		t.Error("Unlocked changed the entries it was given")
	}
	if !s.Unlock(Field{Kind: FieldSpend}) || s.Unlock(Field{Kind: FieldSpend}) {
		t.Error("Unlock does not report what it changed")
	}
}

func TestNewSourceName(t *testing.T) {
	list := []*Source{{Name: "sheet"}, {Name: "kommo"}}
	for _, tt := range []struct {
		kind      SourceKind
		want, got string
		errKey    string
	}{
		{SourceSheet, "", "sheet2", ""},
		{SourceBitrix24, "", "bitrix24", ""},
		{SourceSheet, "Weekly", "weekly", ""},
		{SourceSheet, "kommo", "", "source.name_taken"},
		{SourceSheet, "two words", "", "source.bad_name"},
	} {
		got, err := NewSourceName(list, tt.kind, tt.want)
		if got != tt.got || errKey(err) != tt.errKey {
			t.Errorf("NewSourceName(%s, %q) = %q, %v; want %q, %s", tt.kind, tt.want, got, err, tt.got, tt.errKey)
		}
	}
	if _, err := FindSource(list, ""); errKey(err) != "source.which" {
		t.Errorf("FindSource of two without a name: %v", err)
	}
	if s, err := FindSource(list, "KOMMO"); err != nil || s.Name != "kommo" {
		t.Errorf("FindSource(KOMMO) = %v, %v", s, err)
	}
}

func errKey(err error) string {
	if e, ok := err.(*Error); ok {
		return e.Key
	}
	if err != nil {
		return err.Error()
	}
	return ""
}

func TestProposeMapping_MatchesNamesInBothLanguages(t *testing.T) {
	ws := newTestWorkspace()
	cat := SourceCatalog{
		Segments: []SourceItem{{ID: "p1", Name: "Дилеры"}, {ID: "p2", Name: "Retail buyers"}, {ID: "p3", Name: "Тестовая воронка"}},
		Stages: []SourceItem{
			{ID: "s1", Name: "New lead", Parent: "p1"}, {ID: "s2", Name: "Qualified leads", Parent: "p1"},
			{ID: "s3", Name: "Встречи", Parent: "p1"}, {ID: "s4", Name: "Успешно реализовано", Parent: "p1", Won: true},
			{ID: "s5", Name: "Закрыто и не реализовано", Parent: "p1", Lost: true}, {ID: "s6", Name: "Думают", Parent: "p1"},
		},
		Reasons:  []SourceItem{{ID: "r1", Name: "Дорого"}, {ID: "r2", Name: "Не отвечает"}, {ID: "r3", Name: "Странная причина"}},
		Managers: []SourceItem{{ID: "u1", Name: " Иван  Петров "}},
	}
	m := ProposeMapping(ws, cat)
	want := SourceMapping{
		Segments: map[string]string{"p1": "dealers", "p2": "retail"},
		Stages:   map[string]string{"s1": "leads", "s2": "qualified", "s3": "meetings", "s4": "deals"},
		Reasons:  map[string]string{"r1": "price", "r2": "no_answer", "r3": OtherReason},
		Managers: map[string]string{"u1": "Иван Петров"},
	}
	if fmt.Sprint(m) != fmt.Sprint(want) {
		t.Errorf("ProposeMapping =\n%v\nwant\n%v", m, want)
	}
	if err := CheckMapping(ws, m, cat); err != nil {
		t.Errorf("a fresh mapping does not check: %v", err)
	}
	cat.Stages = cat.Stages[:2] // the CRM lost the meetings and won statuses
	if err := CheckMapping(ws, m, cat); errKey(err) != "source.fail.changed" || !strings.Contains(UserMessage(English, err), "s3") {
		t.Errorf("a changed pipeline checks as %v", err)
	}
}
