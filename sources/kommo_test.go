package sources_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"trackbot/domain"
	"trackbot/sources"
	"trackbot/sources/kommotest"
)

const kommoToken = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.test-token.signature"

func kommoData(seed uint64, n int, loc *time.Location) *kommotest.Dataset {
	from, to := dataSpan(loc)
	return kommotest.Generate(seed, n, from, to)
}

var kommoMapping = domain.SourceMapping{
	Segments: map[string]string{"7001": "dealers", "7002": "retail"},
	Stages: map[string]string{
		"70011": "leads", "70012": "qualified", "70013": "meetings",
		"70014": "proposals", "70015": "proposals", // two statuses, one stage
		"70021": "leads", "70023": "proposals", // retail's "Contacted" is left unmapped
		"142": "deals",
	},
	Reasons:  map[string]string{"801": "price", "802": "no_budget", "803": "competitor", "804": "no_answer", "": "other"},
	Managers: map[string]string{"901": "Anna", "902": "Boris", "903": "Chen"}, // Dina is not mapped
}

func openKommo(t testing.TB, srv *kommotest.Server, o sources.Options) sources.Connector {
	t.Helper()
	o.BaseURL = srv.URL
	if o.Now == nil {
		_, end := dataSpan(time.UTC)
		o.Now = func() time.Time { return end }
	}
	c, err := sources.OpenWith(domain.SourceKommo, "mycompany.kommo.com:"+kommoToken, o)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestKommo_WeeksEqualAnIndependentCount(t *testing.T) {
	t.Parallel()
	loc := moscow(t)
	ds := kommoData(1, 2000, loc)
	srv := kommotest.NewServer(ds, kommoToken)
	defer srv.Close()
	got := syncWeeks(t, openKommo(t, srv, sources.Options{Rate: -1}), kommoMapping, loc)
	compareFullSync(t, got, ds.Expected(kommoMapping, syncFrom, syncTo, loc))
	for _, r := range srv.Requests() {
		if r.Path == "/api/v4/leads" && r.IfModifiedSince == "" {
			t.Errorf("leads were listed without If-Modified-Since")
		}
		if r.Path == "/api/v4/events" && r.Query.Get("filter[type]") != "lead_status_changed" {
			t.Errorf("events were listed with filter[type]=%q", r.Query.Get("filter[type]"))
		}
	}
}

func TestKommo_UnauthorizedHalfWayReturnsNothing(t *testing.T) {
	loc := moscow(t)
	srv := kommotest.NewServer(kommoData(2, 600, loc), kommoToken)
	defer srv.Close()
	srv.Fail("/api/v4/events", 3, http.StatusUnauthorized)
	got, err := openKommo(t, srv, sources.Options{Rate: -1}).Weeks(context.Background(), kommoMapping, syncFrom, syncTo, loc)
	wantUnauthorized(t, got, err, "long-lived token", kommoToken)
	n := 0
	for _, r := range srv.Requests() {
		if r.Path == "/api/v4/events" {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d requests to events, want 3: a 401 is not retried", n)
	}
}

func TestKommo_TooManyRequestsIsRetried(t *testing.T) {
	t.Parallel()
	loc := moscow(t)
	ds := kommoData(3, 400, loc)
	srv := kommotest.NewServer(ds, kommoToken)
	defer srv.Close()
	srv.Fail("/api/v4/events", 2, http.StatusTooManyRequests)
	srv.Fail("/api/v4/events", 3, http.StatusTooManyRequests)
	srv.Fail("/api/v4/leads", 1, http.StatusTooManyRequests)
	got := syncWeeks(t, openKommo(t, srv, sources.Options{Rate: -1, Backoff: time.Millisecond}), kommoMapping, loc)
	compareEntries(t, got, ds.Expected(kommoMapping, syncFrom, syncTo, loc))
}

func TestKommo_GivesUpWhenAlwaysLimited(t *testing.T) {
	loc := moscow(t)
	srv := kommotest.NewServer(kommoData(3, 50, loc), kommoToken)
	defer srv.Close()
	for n := 1; n <= 10; n++ {
		srv.Fail("/api/v4/leads/pipelines", n, http.StatusTooManyRequests)
	}
	_, err := openKommo(t, srv, sources.Options{Rate: -1, Backoff: time.Millisecond, Retries: 3}).Weeks(context.Background(), kommoMapping, syncFrom, syncTo, loc)
	if !errors.Is(err, sources.ErrRateLimited) {
		t.Fatalf("err = %v, want ErrRateLimited", err)
	}
	if n := len(srv.Requests()); n != 4 {
		t.Errorf("%d requests, want 4 (one and three retries)", n)
	}
}

// The default limiter keeps a sync under Kommo's 7 requests a second: a
// fake that enforces it never has to say 429.
func TestKommo_DefaultRateStaysUnderTheLimit(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("takes about two seconds")
	}
	loc := moscow(t)
	srv := kommotest.NewServer(kommoData(4, 400, loc), kommoToken)
	defer srv.Close()
	srv.RateLimit(7)
	c := openKommo(t, srv, sources.Options{Backoff: time.Hour}) // a 429 would stall the test
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if _, err := c.Weeks(ctx, kommoMapping, syncFrom, syncTo, loc); err != nil {
		t.Fatal(err)
	}
	if n := srv.Throttled(); n != 0 {
		t.Errorf("the fake answered 429 %d times", n)
	}
	if n := len(srv.Requests()); n < 10 {
		t.Errorf("only %d requests: too few to test the rate", n)
	}
}
