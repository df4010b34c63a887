package domain

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// The rules of sources: when they sync, how they back off after a failure,
// which figures they may write, what they are called, and what looks like
// a secret that must not be posted in a group.

// SourceSyncHour is the hour of the daily sync, in the workspace's time:
// early enough that the numbers are in before the working day.
const SourceSyncHour = 6

// SourceSnapshotLead is how long before the weekly snapshot a source syncs
// again, so the snapshot shows the week's final numbers.
const SourceSnapshotLead = time.Hour

// SecretWait is how long the bot waits for a CEO to send a secret in a
// private chat after asking for it.
const SecretWait = 30 * time.Minute

// Sync ranges. A CRM's first sync reads a quarter of history; later ones
// re-read a month, as deals move late and their events arrive late.
const (
	SourceFirstWeeks  = 12
	SourceRecentWeeks = 4
)

// SourceAlarmFailures is how many failed syncs in a row the weekly
// snapshot mentions: one may be a blip, two mean someone has to act.
const SourceAlarmFailures = 2

// dailySync is the daily run of every source.
var dailySync = Schedule{Days: []time.Weekday{time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday}, Hour: SourceSyncHour}

// LastSourceRun returns the latest scheduled sync at or before now, in
// loc: daily at SourceSyncHour, and SourceSnapshotLead before each weekly
// snapshot (none for a snapshot switched off).
func LastSourceRun(ws *Workspace, now time.Time, loc *time.Location) time.Time {
	last := LastRun(dailySync, now, loc)
	if run := LastRun(ws.Schedule(ScheduleSnapshot), now.Add(SourceSnapshotLead), loc); !run.IsZero() {
		if before := run.Add(-SourceSnapshotLead); before.After(last) && !before.After(now) {
			last = before
		}
	}
	return last
}

// NextSourceRun returns the first scheduled sync strictly after after.
func NextSourceRun(ws *Workspace, after time.Time, loc *time.Location) time.Time {
	next := NextRun(dailySync, after, loc)
	if run := NextRun(ws.Schedule(ScheduleSnapshot), after.Add(SourceSnapshotLead), loc); !run.IsZero() {
		if before := run.Add(-SourceSnapshotLead); before.Before(next) {
			next = before
		}
	}
	return next
}

// SyncBackoff is the wait after the n-th failed sync in a row before the
// next try: 10 minutes, tripled each time, at most 6 hours — quick enough
// for a blip, slow enough not to hammer a CRM that refuses the token.
func SyncBackoff(n int) time.Duration {
	d := 10 * time.Minute
	for i := 1; i < n && d < 6*time.Hour; i++ {
		d *= 3
	}
	return min(d, 6*time.Hour)
}

// SourceDue is what the syncer owes a source at now.
type SourceDue struct {
	Request *SyncRequest // a person's request, first
	Run     time.Time    // else a scheduled run still owed
}

// Due returns what the source owes at now, if anything: a person's
// request at once; else, for a source that is on, not paused and ready,
// the latest scheduled run not yet synced, no sooner than the backoff
// after the last failure allows.
func (s *Source) Due(ws *Workspace, now time.Time, loc *time.Location) (SourceDue, bool) {
	if s.Request != nil {
		return SourceDue{Request: s.Request}, true
	}
	if !s.Scheduled() {
		return SourceDue{}, false
	}
	run := LastSourceRun(ws, now, loc)
	if run.IsZero() || !run.After(s.Since) || !run.After(s.Done) {
		return SourceDue{}, false
	}
	if s.Failures > 0 && now.Before(s.RetryAt()) {
		return SourceDue{}, false
	}
	return SourceDue{Run: run}, true
}

// NextCheck returns when the syncer should look at the source again after
// now: the next scheduled run, or the retry after a failure.
func (s *Source) NextCheck(ws *Workspace, now time.Time, loc *time.Location) time.Time {
	if !s.Scheduled() {
		return time.Time{}
	}
	next := NextSourceRun(ws, now, loc)
	if s.Failures > 0 {
		if retry := s.RetryAt(); retry.After(now) && retry.Before(next) {
			next = retry
		}
	}
	return next
}

// Scheduled reports whether the source syncs by itself: switched on, not
// paused, not waiting for a new secret. A source that lost its secret
// still tries, and fails loudly, rather than stop in silence.
func (s *Source) Scheduled() bool {
	return s.On && !s.Paused && s.Awaiting == 0
}

// RetryAt is when a failed source is tried again.
func (s *Source) RetryAt() time.Time { return s.Last.At.Add(SyncBackoff(s.Failures)) }

// Alarming reports whether the weekly snapshot should mention the source:
// it is meant to sync and has failed SourceAlarmFailures times in a row.
func (s *Source) Alarming() bool {
	return s.On && !s.Paused && s.Failures >= SourceAlarmFailures
}

// SyncWeeks is the range of complete weeks a CRM sync reads at now: a
// quarter the first time, the last month afterwards.
func (s *Source) SyncWeeks(ws *Workspace, now time.Time) (from, to Week) {
	to = ws.LastCompleteWeek(now)
	n := SourceRecentWeeks
	if s.Done.IsZero() {
		n = SourceFirstWeeks
	}
	return to.Add(1 - n), to
}

// Unlocked returns the entries without the figures the source may not
// write (see Source.Locked); entries left without any figure are dropped.
// Manual figures the source does not provide stay as they are anyway: an
// entry overwrites only what it names.
func (s *Source) Unlocked(entries []Entry) []Entry {
	if len(s.Locked) == 0 {
		return entries
	}
	var out []Entry
	for _, e := range entries {
		for _, f := range s.Locked {
			e = e.Without(f)
		}
		if !e.IsEmpty() {
			out = append(out, e)
		}
	}
	return out
}

// Lock keeps f by hand from now on; it reports false when it already was.
func (s *Source) Lock(f Field) bool {
	if s.IsLocked(f) {
		return false
	}
	s.Locked = append(s.Locked, f)
	return true
}

// Unlock lets the source write f again; it reports false when f was not locked.
func (s *Source) Unlock(f Field) bool {
	n := len(s.Locked)
	s.Locked = slices.DeleteFunc(s.Locked, func(l Field) bool { return l == f })
	return len(s.Locked) != n
}

// IsLocked reports whether the source may not write f.
func (s *Source) IsLocked(f Field) bool { return slices.Contains(s.Locked, f) }

// Without returns a copy of the entry that no longer names f.
func (e Entry) Without(f Field) Entry {
	if !e.Has(f) {
		return e
	}
	switch f.Kind {
	case FieldCount:
		e.Counts = without(e.Counts, f.Stage)
	case FieldSpend:
		e.Spend = nil
	case FieldRevenue:
		e.Revenue = nil
	case FieldMargin:
		e.Margin = nil
	case FieldNonTarget:
		e.NonTarget = without(e.NonTarget, f.Reason)
	case FieldDropOff:
		e.DropOffs = withoutNested(e.DropOffs, f.Stage, f.Reason)
	case FieldManager:
		e.Managers = withoutNested(e.Managers, f.Manager, f.Stage)
	}
	return e
}

func without(m map[string]int64, key string) map[string]int64 {
	out := make(map[string]int64, len(m))
	for k, v := range m {
		if k != key {
			out[k] = v
		}
	}
	return out
}

func withoutNested(m map[string]map[string]int64, outer, inner string) map[string]map[string]int64 {
	out := make(map[string]map[string]int64, len(m))
	for k, v := range m {
		if k == outer {
			v = without(v, inner)
		}
		if len(v) > 0 {
			out[k] = v
		}
	}
	return out
}

// FindSource returns the source named name (case does not matter), or,
// with an empty name, the only source there is.
func FindSource(list []*Source, name string) (*Source, error) {
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "" {
		if len(list) == 1 {
			return list[0], nil
		}
		if len(list) == 0 {
			return nil, Errorf(ENOTFOUND, "source.none")
		}
		return nil, Errorf(EINVALID, "source.which", sourceNames(list))
	}
	for _, s := range list {
		if s.Name == name {
			return s, nil
		}
	}
	return nil, Errorf(ENOTFOUND, "source.no_such", name, sourceNames(list))
}

func sourceNames(list []*Source) string {
	names := make([]string, len(list))
	for i, s := range list {
		names[i] = s.Name
	}
	return strings.Join(names, ", ")
}

// maxSources bounds a workspace's sources: each one syncs on its own, and
// more than a handful means the same numbers arrive twice.
const maxSources = 10

// sourceNameShape is what a source name may look like: it is typed after
// /source sync, so one short word.
var sourceNameShape = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,23}$`)

// NewSourceName checks a name a CEO chose, or with an empty one picks the
// kind's name, numbered when it is taken ("sheet", "sheet2").
func NewSourceName(list []*Source, kind SourceKind, want string) (string, error) {
	if len(list) >= maxSources {
		return "", Errorf(ECONFLICT, "source.too_many", maxSources)
	}
	taken := func(n string) bool {
		return slices.ContainsFunc(list, func(s *Source) bool { return s.Name == n })
	}
	if want = strings.ToLower(strings.TrimSpace(want)); want != "" {
		if !sourceNameShape.MatchString(want) {
			return "", Errorf(EINVALID, "source.bad_name", want)
		}
		if taken(want) {
			return "", Errorf(ECONFLICT, "source.name_taken", want)
		}
		return want, nil
	}
	name := string(kind)
	for i := 2; taken(name); i++ {
		name = fmt.Sprintf("%s%d", kind, i)
	}
	return name, nil
}

// Patterns of what is surely a secret: a Bitrix24 inbound webhook, a JWT
// (Kommo's long-lived tokens are JWTs), and a long random-looking word.
var (
	webhookShape = regexp.MustCompile(`(?i)https?://[^\s/]+/rest/\d+/[a-z0-9]{6,}`)
	jwtShape     = regexp.MustCompile(`eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}`)
	tokenShape   = regexp.MustCompile(`[A-Za-z0-9_\-]{32,}`)
	urlShape     = regexp.MustCompile(`(?i)https?://\S+`)
)

// LooksLikeSecret reports whether text holds something that must not be
// posted in a group: a webhook URL, a JWT, or a long word mixing letters
// and digits as API tokens do. Other links do not count: a published
// sheet's address is long and random too, and is meant to be shared.
func LooksLikeSecret(text string) bool {
	if webhookShape.MatchString(text) || jwtShape.MatchString(text) {
		return true
	}
	for _, w := range tokenShape.FindAllString(urlShape.ReplaceAllString(text, " "), -1) {
		if strings.ContainsAny(w, "0123456789") && strings.IndexFunc(w, isLetter) >= 0 {
			return true
		}
	}
	return false
}

func isLetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }
