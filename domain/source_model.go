package domain

import (
	"encoding/json"
	"log/slog"
	"strings"
	"time"
)

// A source is where a workspace's numbers come from by themselves: a sheet
// by link, a Kommo (amoCRM) account or a Bitrix24 portal. A CEO connects it
// once; every sync after that is an import like any other (validation,
// plausibility, history, undo). The contract with the CRM connectors is in
// source.go; this file holds what the bot keeps about each source.

// Secret is a CRM token or a webhook URL. It prints masked everywhere —
// fmt, JSON, slog — so a careless log line or reply cannot leak it; Reveal
// is the one way to read it, for the connector that needs it.
type Secret struct{ s string }

// NewSecret wraps a secret given by a CEO.
func NewSecret(s string) Secret { return Secret{s: strings.TrimSpace(s)} }

// Reveal returns the secret itself, for the connector only.
func (s Secret) Reveal() string { return s.s }

// IsZero reports whether there is no secret.
func (s Secret) IsZero() bool { return s.s == "" }

// Hint is the masked form shown to people: "…a1b2", the last four
// characters of the secret's own part (a webhook URL's trailing slash is
// not shown as a hint). A short secret shows no character at all.
func (s Secret) Hint() string {
	v := strings.TrimRight(s.s, "/")
	if v == "" {
		return ""
	}
	if len(v) < 16 {
		return "…"
	}
	return "…" + v[len(v)-4:]
}

// String masks the secret for fmt's %s and %v.
func (s Secret) String() string { return s.Hint() }

// GoString masks the secret for fmt's %#v.
func (s Secret) GoString() string { return "domain.Secret(" + s.Hint() + ")" }

// MarshalJSON masks the secret: storage keeps it encrypted in a field of
// its own, and nothing else should ever write it.
func (s Secret) MarshalJSON() ([]byte, error) { return json.Marshal(s.Hint()) }

// LogValue masks the secret in structured logs.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.Hint()) }

// Source is one connected source of a workspace.
type Source struct {
	ID        int64 // per workspace, from 1
	Workspace int64
	Kind      SourceKind
	// Name is how commands name the source: short, lowercase, unique in
	// the workspace ("sheet", "kommo", "sheet2").
	Name string
	// Link is the sheet's URL or the CRM account's address; not a secret.
	Link string
	// Secret is the CRM token or webhook URL; zero for a sheet. Hint is
	// its masked form ("…a1b2"), kept even when the secret cannot be read.
	Secret Secret
	Hint   string
	// SecretLost is set when the stored secret cannot be read back (the
	// key is missing or was changed): the CEO has to give it again.
	SecretLost bool
	// Awaiting is the CEO who is to send the secret in a private chat,
	// until AwaitingUntil; zero when nothing is awaited.
	Awaiting      int64
	AwaitingUntil time.Time

	Mapping SourceMapping
	// Catalog is what the CRM offered at the last test; the mapping
	// buttons point into it by position, so it changes only with
	// CatalogVersion, which every button carries.
	Catalog        SourceCatalog
	CatalogVersion int

	// On is set once a CEO switched the source on after its dry run; only
	// then does it sync by itself. Since is when it was switched on:
	// scheduled runs before it are not owed.
	On     bool
	Since  time.Time
	Paused bool
	// Locked are figures a CEO keeps by hand: the source never writes them.
	Locked []Field

	AddedBy Person
	AddedAt time.Time

	// Request is what a person asked for and the syncer has not done yet.
	Request *SyncRequest
	// Last is the outcome of the last sync of any kind.
	Last SyncResult
	// Failures counts scheduled syncs that failed in a row; Done is the
	// last scheduled run that succeeded.
	Failures int
	Done     time.Time
}

// SyncRequestKind is what a person asked a source to do.
type SyncRequestKind string

// The requests a person can make of a source.
const (
	// SyncTest reads the CRM's catalog and proposes a mapping.
	SyncTest SyncRequestKind = "test"
	// SyncDryRun shows last week's numbers as a sync would save them,
	// saving nothing.
	SyncDryRun SyncRequestKind = "dryrun"
	// SyncPreview reads the numbers into a draft to confirm, as an upload
	// would (/source sync).
	SyncPreview SyncRequestKind = "preview"
	// SyncNow saves at once, as a scheduled sync does (switching on).
	SyncNow SyncRequestKind = "now"
)

// SyncRequest is a person's request waiting for the syncer, with where to
// answer it.
type SyncRequest struct {
	Kind    SyncRequestKind
	By      Person
	ChatID  int64
	ReplyTo int // the message to answer; 0 for none
	At      time.Time
}

// SyncResult is the outcome of one sync.
type SyncResult struct {
	At time.Time
	OK bool
	// Figures is how many figures the sync changed; Revision is the
	// revision it made (0 when nothing changed or it was only shown).
	Figures  int
	Revision int64
	// Problem is the catalog key of what went wrong; Detail is the
	// scrubbed detail it shows (a status, a row).
	Problem string
	Detail  string
}

// SourceStore keeps each workspace's sources. Secrets are kept encrypted
// at rest; Put refuses a source with a secret when no key is configured.
type SourceStore interface {
	// Create assigns the source its workspace's next id and stores it.
	Create(s *Source) error
	// Get returns the workspace's source with the id or an ENOTFOUND error.
	Get(workspace, id int64) (*Source, error)
	// Put replaces a stored source.
	Put(s *Source) error
	// Delete removes a source; its secret goes with it.
	Delete(workspace, id int64) error
	// List returns the workspace's sources ordered by id.
	List(workspace int64) ([]*Source, error)
	// CanKeepSecrets reports whether a key to encrypt secrets is set.
	CanKeepSecrets() bool
}

// SetSecret gives the source its secret; the CEO no longer needs to send it.
func (s *Source) SetSecret(sec Secret) {
	s.Secret, s.Hint, s.SecretLost = sec, sec.Hint(), false
	s.Awaiting, s.AwaitingUntil = 0, time.Time{}
}

// SourceKinds lists the kinds of source in the order help shows them.
var SourceKinds = []SourceKind{SourceSheet, SourceKommo, SourceBitrix24}

// NeedsSecret reports whether the kind connects with a secret.
func (k SourceKind) NeedsSecret() bool { return k == SourceKommo || k == SourceBitrix24 }

// NeedsMapping reports whether the kind's names must be mapped: a sheet
// uses the workspace's own names, as an upload does.
func (k SourceKind) NeedsMapping() bool { return k.NeedsSecret() }

// ParseSourceKind reads a kind as written after /source add: kommo (or
// amocrm, amo), bitrix24 (or bitrix).
func ParseSourceKind(s string) (SourceKind, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "kommo", "amocrm", "amo", "амо", "амосрм", "amocrm.ru":
		return SourceKommo, true
	case "bitrix24", "bitrix", "битрикс", "битрикс24", "b24":
		return SourceBitrix24, true
	}
	return "", false
}

// Label is how the history and the previews name what a sync saved.
func (s *Source) Label() string { return "source " + s.Name }

// Ready reports whether the source has what it needs to sync: its secret
// (readable) when the kind needs one, and a mapping of at least one
// segment and one stage when its names must be mapped.
func (s *Source) Ready() error {
	switch {
	case s.Kind.NeedsSecret() && (s.Secret.IsZero() || s.SecretLost):
		return Errorf(ECONFLICT, "source.no_secret", s.Name)
	case s.Kind.NeedsMapping() && (len(s.Mapping.Segments) == 0 || len(s.Mapping.Stages) == 0):
		return Errorf(ECONFLICT, "source.not_mapped", s.Name)
	}
	return nil
}

// AwaitsSecretFrom reports whether the source waits for userID's secret
// in a private chat at now.
func (s *Source) AwaitsSecretFrom(userID int64, now time.Time) bool {
	return s.Awaiting != 0 && s.Awaiting == userID && now.Before(s.AwaitingUntil)
}
