package bot

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"trackbot/domain"
	"trackbot/fetch"
	"trackbot/storage"
)

// The sources' handler tests run the handler harness with what sources
// need: a secrets key (or none), a file server playing a published sheet,
// a fake CRM connector, and a log kept to look for secrets in.

// sheetServer plays a published sheet: it serves whatever body the test
// sets, or fails with a status.
type sheetServer struct {
	*httptest.Server
	mu     sync.Mutex
	body   string
	status int
	hits   int
}

func newSheetServer(t *testing.T, body string) *sheetServer {
	s := &sheetServer{body: body, status: http.StatusOK}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.hits++
		if s.status != http.StatusOK {
			w.WriteHeader(s.status)
			return
		}
		w.Header().Set("Content-Type", "text/csv")
		w.Write([]byte(s.body))
	}))
	t.Cleanup(s.Close)
	return s
}

// set changes what the sheet serves.
func (s *sheetServer) set(body string, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.body, s.status = body, status
}

// served says how many requests the server has had.
func (s *sheetServer) served() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits
}

// link is the sheet's published CSV link.
func (s *sheetServer) link() string {
	return s.URL + "/spreadsheets/d/e/2PACX-x/pub?gid=0&single=true&output=csv"
}

// fakeCRM is a CRM connector: a catalog, weekly entries, and a failure
// to inject.
type fakeCRM struct {
	mu      sync.Mutex
	catalog domain.SourceCatalog
	weeks   func(m domain.SourceMapping, from, to domain.Week) []domain.Entry
	fail    error
	secret  string // what the bot opened it with
	base    string
	asked   [][2]domain.Week
}

func (f *fakeCRM) Catalog(ctx context.Context) (domain.SourceCatalog, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.catalog, nil
}

func (f *fakeCRM) Weeks(ctx context.Context, m domain.SourceMapping, from, to domain.Week, loc *time.Location) ([]domain.Entry, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.asked = append(f.asked, [2]domain.Week{from, to})
	if f.fail != nil {
		return nil, f.fail
	}
	return f.weeks(m, from, to), nil
}

func (f *fakeCRM) setFail(err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fail = err
}

// sourcesHarness is the handler harness with sources wired.
type sourcesHarness struct {
	*handlerHarness
	crm *fakeCRM
	log *bytes.Buffer
	key []byte
}

// newSourcesHarness builds the harness on a database with a secrets key
// (or without one), a CRM fake, and the client allowed to reach the
// loopback file server.
func newSourcesHarness(t *testing.T, withKey bool) *sourcesHarness {
	t.Helper()
	t.Parallel()
	sh := &sourcesHarness{crm: &fakeCRM{}, log: &bytes.Buffer{}}
	if withKey {
		sh.key = make([]byte, storage.SecretsKeySize)
		rand.Read(sh.key)
	}
	access := SourceAccess{
		HTTP: fetch.NewClient(fetch.Options{AllowPrivate: true, Timeout: 5 * time.Second}),
		Open: func(kind domain.SourceKind, secret, baseURL string, client *http.Client) (Connector, error) {
			if kind != domain.SourceKommo && kind != domain.SourceBitrix24 {
				return nil, errors.New("not a CRM")
			}
			sh.crm.mu.Lock()
			sh.crm.secret, sh.crm.base = secret, baseURL
			sh.crm.mu.Unlock()
			return sh.crm, nil
		},
	}
	log := slog.New(slog.NewTextHandler(sh.log, &slog.HandlerOptions{Level: slog.LevelDebug}))
	sh.handlerHarness = buildHandlerHarness(t, sh.key, log, WithSources(access))
	return sh
}

// sync runs the syncer once, as its loop would, and returns what it queued.
func (h *sourcesHarness) sync() sent {
	h.t.Helper()
	h.b.syncDue(context.Background())
	return h.flush()
}

// flush returns the outbox jobs not seen yet, delivered as handle does.
func (h *sourcesHarness) flush() sent {
	h.t.Helper()
	return sent{t: h.t, jobs: h.deliverNew()}
}

// source reads the workspace's source by name.
func (h *sourcesHarness) source(name string) *domain.Source {
	h.t.Helper()
	var s *domain.Source
	id := h.workspace(leadership).ID
	h.view(func(tx domain.Tx) error {
		list, err := tx.Sources().List(id)
		if err != nil {
			return err
		}
		s, err = domain.FindSource(list, name)
		return err
	})
	return s
}

// revisions reads the workspace's revisions.
func (h *sourcesHarness) revisions() []*domain.Revision {
	h.t.Helper()
	var revs []*domain.Revision
	id := h.workspace(leadership).ID
	h.view(func(tx domain.Tx) error {
		var err error
		revs, err = tx.Revisions().List(id)
		return err
	})
	return revs
}

// to returns the jobs of s sent to chatID.
func (s sent) to(chatID int64) sent {
	var out []*domain.OutboxJob
	for _, j := range s.jobs {
		if j.ChatID == chatID {
			out = append(out, j)
		}
	}
	return sent{t: s.t, jobs: out}
}
