package sources_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"trackbot/domain"
	"trackbot/sources"
	"trackbot/sources/bitrix24test"
)

const bitrixSecret = "k3y9secret7x"

var bitrixMapping = domain.SourceMapping{
	Segments: map[string]string{"0": "dealers", "1": "retail"},
	Stages: map[string]string{
		"NEW": "leads", "PREPARATION": "qualified", "PREPAYMENT_INVOICE": "meetings",
		"EXECUTING": "proposals", "FINAL_INVOICE": "proposals", "WON": "deals",
		"C1:NEW": "leads", "C1:EXECUTING": "proposals", "C1:WON": "deals", // "Contacted" is left unmapped
	},
	Reasons:  map[string]string{"LOSE": "price", "APOLOGY": "no_answer", "C1:LOSE": "price"}, // C1:APOLOGY unmapped
	Managers: map[string]string{"1": "Anna", "2": "Boris", "3": "Chen"},
}

func bitrixData(seed uint64, n int, loc *time.Location) *bitrix24test.Dataset {
	from, to := dataSpan(loc)
	return bitrix24test.Generate(seed, n, from, to, loc)
}

func openBitrix(t testing.TB, srv *bitrix24test.Server, o sources.Options) sources.Connector {
	t.Helper()
	o.BaseURL = srv.URL
	c, err := sources.OpenWith(domain.SourceBitrix24, "https://example.bitrix24.ru/rest/1/"+bitrixSecret+"/", o)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestBitrix24_WeeksEqualAnIndependentCount(t *testing.T) {
	t.Parallel()
	loc := moscow(t)
	ds := bitrixData(1, 2000, loc)
	srv := bitrix24test.NewServer(ds, bitrixSecret)
	defer srv.Close()
	got := syncWeeks(t, openBitrix(t, srv, sources.Options{Rate: -1}), bitrixMapping, loc)
	compareFullSync(t, got, ds.Expected(bitrixMapping, syncFrom, syncTo, loc))
	paged := false
	for _, c := range srv.Calls() {
		if c.Method == "crm.stagehistory.list" && c.Params["start"] != float64(0) {
			paged = true
		}
	}
	if !paged {
		t.Error("the stage history was never read past its first page")
	}
}

func TestBitrix24_UnauthorizedHalfWayReturnsNothing(t *testing.T) {
	loc := moscow(t)
	srv := bitrix24test.NewServer(bitrixData(2, 600, loc), bitrixSecret)
	defer srv.Close()
	srv.Fail("crm.stagehistory.list", 3, http.StatusUnauthorized)
	got, err := openBitrix(t, srv, sources.Options{Rate: -1}).Weeks(context.Background(), bitrixMapping, syncFrom, syncTo, loc)
	wantUnauthorized(t, got, err, "Inbound webhook", bitrixSecret)
}

func TestBitrix24_QueryLimitExceededIsRetried(t *testing.T) {
	t.Parallel()
	loc := moscow(t)
	ds := bitrixData(3, 400, loc)
	srv := bitrix24test.NewServer(ds, bitrixSecret)
	defer srv.Close()
	srv.Fail("crm.stagehistory.list", 2, http.StatusServiceUnavailable)
	srv.Fail("crm.stagehistory.list", 3, http.StatusServiceUnavailable)
	srv.Fail("crm.deal.list", 1, http.StatusServiceUnavailable)
	got := syncWeeks(t, openBitrix(t, srv, sources.Options{Rate: -1, Backoff: time.Millisecond}), bitrixMapping, loc)
	compareEntries(t, got, ds.Expected(bitrixMapping, syncFrom, syncTo, loc))
}

// Against the cloud's leaky bucket (shrunk so the test is quick: 5 calls,
// draining 20 a second), a sync without a client-side limit is refused
// and still finishes by backing off.
func TestBitrix24_LeakyBucketIsBackedOffFrom(t *testing.T) {
	t.Parallel()
	loc := moscow(t)
	ds := bitrixData(4, 300, loc)
	srv := bitrix24test.NewServer(ds, bitrixSecret)
	defer srv.Close()
	srv.LeakyBucket(5, 20)
	got := syncWeeks(t, openBitrix(t, srv, sources.Options{Rate: -1, Backoff: 20 * time.Millisecond}), bitrixMapping, loc)
	if srv.Limited() == 0 {
		t.Error("the bucket never overflowed: the test tests nothing")
	}
	compareEntries(t, got, ds.Expected(bitrixMapping, syncFrom, syncTo, loc))
}

// The default limiter stays within the bucket: a fake with the cloud's
// real bucket never answers QUERY_LIMIT_EXCEEDED.
func TestBitrix24_DefaultRateStaysWithinTheBucket(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("takes about two seconds")
	}
	loc := moscow(t)
	srv := bitrix24test.NewServer(bitrixData(5, 100, loc), bitrixSecret)
	defer srv.Close()
	srv.LeakyBucket(11, 2) // what is left of 50 when other integrations use the portal
	c := openBitrix(t, srv, sources.Options{Backoff: time.Hour})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := c.Weeks(ctx, bitrixMapping, syncFrom, syncTo, loc); err != nil {
		t.Fatal(err)
	}
	if srv.Limited() != 0 {
		t.Errorf("the fake refused %d calls", srv.Limited())
	}
	if n := len(srv.Calls()); n <= 11 {
		t.Errorf("only %d calls: too few to test the rate", n)
	}
}
