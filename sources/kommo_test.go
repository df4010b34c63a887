package sources_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"trackbot/domain"
	"trackbot/sources"
	"trackbot/sources/kommotest"
)

const kommoToken = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.test-token.signature"

var (
	// The synced range: twelve weeks, counted in Moscow time, with data
	// from three weeks before it to one week after it.
	syncFrom = domain.Week{Year: 2026, Num: 10}
	syncTo   = domain.Week{Year: 2026, Num: 21}
)

func moscow(t testing.TB) *time.Location {
	loc, err := time.LoadLocation("Europe/Moscow")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// dataSpan is when the fakes' leads live: from three weeks before the
// synced range to one week after it.
func dataSpan(loc *time.Location) (time.Time, time.Time) {
	return syncFrom.Add(-3).Monday(loc), syncTo.Add(2).Monday(loc)
}

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
	got, err := openKommo(t, srv, sources.Options{Rate: -1}).Weeks(context.Background(), kommoMapping, syncFrom, syncTo, loc)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2*12 {
		t.Fatalf("got %d entries, want 24 (2 segments × 12 weeks)", len(got))
	}
	want := ds.Expected(kommoMapping, syncFrom, syncTo, loc)
	compareEntries(t, got, want)

	// The data must exercise what is being compared.
	counts, drops, managers := totals(want)
	if counts < 3000 || drops < 300 || managers < 1500 {
		t.Errorf("the dataset is too thin to test anything: %d counts, %d drop-offs, %d manager counts", counts, drops, managers)
	}
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
	if !errors.Is(err, sources.ErrUnauthorized) {
		t.Fatalf("err = %v, want ErrUnauthorized", err)
	}
	if got != nil {
		t.Errorf("got %d entries with the error, want none", len(got))
	}
	if !strings.Contains(err.Error(), "long-lived token") || strings.Contains(err.Error(), kommoToken) {
		t.Errorf("error %q should say to make a new long-lived token and never hold the token", err)
	}
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
	got, err := openKommo(t, srv, sources.Options{Rate: -1, Backoff: time.Millisecond}).Weeks(context.Background(), kommoMapping, syncFrom, syncTo, loc)
	if err != nil {
		t.Fatal(err)
	}
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
