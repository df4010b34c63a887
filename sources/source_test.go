package sources_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"trackbot/domain"
	"trackbot/sources"
	"trackbot/sources/bitrix24test"
	"trackbot/sources/kommotest"
)

func TestOpen_ReadsTheSecretsTheDocsDescribe(t *testing.T) {
	ok := []struct {
		kind   domain.SourceKind
		secret string
	}{
		{domain.SourceKommo, "mycompany:" + kommoToken},
		{domain.SourceKommo, "mycompany.kommo.com:" + kommoToken},
		{domain.SourceKommo, "https://mycompany.amocrm.ru " + kommoToken},
		{domain.SourceKommo, "  MyCompany.amocrm.ru\n" + kommoToken + "\n"},
		{domain.SourceBitrix24, "https://acme.bitrix24.ru/rest/1/abc123def/"},
		{domain.SourceBitrix24, "https://crm.acme.com/rest/17/abc123def"},
		{domain.SourceBitrix24, "https://acme.bitrix24.de/rest/1/abc123def/profile.json"}, // pasted with a method
	}
	for _, c := range ok {
		if _, err := sources.Open(c.kind, c.secret, "", nil); err != nil {
			t.Errorf("Open(%s, %q): %v", c.kind, c.secret, err)
		}
	}
	bad := []struct {
		kind   domain.SourceKind
		secret string
	}{
		{domain.SourceKommo, kommoToken},                                 // no account
		{domain.SourceKommo, "mycompany:"},                               // no token
		{domain.SourceKommo, "https://mycompany.amocrm.ru"},              // no token
		{domain.SourceKommo, "evil.example.com:" + kommoToken},           // not a Kommo host
		{domain.SourceKommo, "http://mycompany.kommo.com " + kommoToken}, // not https
		{domain.SourceKommo, "mycompany.kommo.com:8080:" + kommoToken},   // a port
		{domain.SourceKommo, "mycompany:token with spaces"},
		{domain.SourceBitrix24, "http://acme.bitrix24.ru/rest/1/abc123def/"}, // not https
		{domain.SourceBitrix24, "https://acme.bitrix24.ru/crm/deal/"},        // not a webhook
		{domain.SourceBitrix24, "https://acme.bitrix24.ru/rest/abc/def/"},    // no user id
		{domain.SourceBitrix24, "acme.bitrix24.ru/rest/1/abc123def/"},
		{domain.SourceSheet, "https://example.com/sheet.csv"}, // not a CRM
	}
	for _, c := range bad {
		_, err := sources.Open(c.kind, c.secret, "", nil)
		if !errors.Is(err, sources.ErrBadSecret) {
			t.Errorf("Open(%s, %q) = %v, want ErrBadSecret", c.kind, c.secret, err)
		}
		if err != nil && strings.Contains(err.Error(), kommoToken) {
			t.Errorf("the error for %q repeats the token", c.secret)
		}
	}
}

func TestKommo_CatalogListsWhatCanBeMapped(t *testing.T) {
	srv := kommotest.NewServer(kommoData(1, 10, time.UTC), kommoToken)
	defer srv.Close()
	c, err := openKommo(t, srv, sources.Options{Rate: -1}).Catalog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ids := func(items []domain.SourceItem) string {
		var s []string
		for _, it := range items {
			s = append(s, it.Parent+"/"+it.ID)
		}
		return strings.Join(s, " ")
	}
	if got, want := ids(c.Segments), "/7001 /7002"; got != want {
		t.Errorf("segments %s, want %s", got, want)
	}
	// In each pipeline's sort order; won and lost once, in no pipeline.
	if got, want := ids(c.Stages), "7001/70011 7001/70012 7001/70013 7001/70014 7001/70015 7002/70021 7002/70022 7002/70023 /142 /143"; got != want {
		t.Errorf("stages %s, want %s", got, want)
	}
	if won, lost := c.Stages[8], c.Stages[9]; !won.Won || won.Lost || !lost.Lost || lost.Won || won.Name != "Closed - won" {
		t.Errorf("won and lost are %+v and %+v", won, lost)
	}
	if len(c.Reasons) != 5 || c.Reasons[0].Name != "Price" || len(c.Managers) != 4 || c.Managers[3] != (domain.SourceItem{ID: "904", Name: "Dina Sokolova"}) {
		t.Errorf("reasons %v, managers %v", c.Reasons, c.Managers)
	}
}

func TestBitrix24_CatalogListsWhatCanBeMapped(t *testing.T) {
	srv := bitrix24test.NewServer(bitrixData(1, 10, time.UTC), bitrixSecret)
	defer srv.Close()
	c, err := openBitrix(t, srv, sources.Options{Rate: -1}).Catalog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var stages, reasons []string
	for _, s := range c.Stages {
		mark := ""
		if s.Won {
			mark = "+"
		}
		if s.Lost {
			mark = "-"
		}
		stages = append(stages, s.Parent+"/"+s.ID+mark)
	}
	for _, r := range c.Reasons {
		reasons = append(reasons, r.ID)
	}
	want := "0/NEW 0/PREPARATION 0/PREPAYMENT_INVOICE 0/EXECUTING 0/FINAL_INVOICE 0/WON+ 0/LOSE- 0/APOLOGY- " +
		"1/C1:NEW 1/C1:PREPARATION 1/C1:EXECUTING 1/C1:WON+ 1/C1:LOSE- 1/C1:APOLOGY-"
	if got := strings.Join(stages, " "); got != want {
		t.Errorf("stages %s\nwant   %s", got, want)
	}
	if got := strings.Join(reasons, " "); got != "LOSE APOLOGY C1:LOSE C1:APOLOGY" {
		t.Errorf("reasons %s: the lost stages are the reasons", got)
	}
	if len(c.Segments) != 2 || c.Segments[1] != (domain.SourceItem{ID: "1", Name: "Retail"}) {
		t.Errorf("segments %v", c.Segments)
	}
	if len(c.Managers) != 4 || c.Managers[0] != (domain.SourceItem{ID: "1", Name: "Anna Petrova"}) {
		t.Errorf("managers %v", c.Managers)
	}
}

// A mapping naming a pipeline or stage the CRM no longer has fails the
// sync instead of quietly counting less.
func TestWeeks_ChangedPipelineFailsTheSync(t *testing.T) {
	loc := moscow(t)
	ksrv := kommotest.NewServer(kommoData(1, 20, loc), kommoToken)
	defer ksrv.Close()
	bsrv := bitrix24test.NewServer(bitrixData(1, 20, loc), bitrixSecret)
	defer bsrv.Close()
	kommoStale := kommoMapping
	kommoStale.Stages = map[string]string{"70011": "leads", "79999": "meetings"}
	bitrixStale := bitrixMapping
	bitrixStale.Reasons = map[string]string{"LOSE": "price", "C2:LOSE": "price"}
	for name, c := range map[string]struct {
		conn sources.Connector
		m    domain.SourceMapping
		want string
	}{
		"kommo":    {openKommo(t, ksrv, sources.Options{Rate: -1}), kommoStale, "status 79999"},
		"bitrix24": {openBitrix(t, bsrv, sources.Options{Rate: -1}), bitrixStale, "loss reason C2:LOSE"},
	} {
		got, err := c.conn.Weeks(context.Background(), c.m, syncFrom, syncTo, loc)
		if !errors.Is(err, sources.ErrMappingChanged) || got != nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %d entries, err %v; want ErrMappingChanged naming %s", name, len(got), err, c.want)
		}
	}
}

// A network failure's error never repeats the webhook URL, which holds
// the secret.
func TestBitrix24_NetworkErrorHidesTheWebhook(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	srv.Close() // nothing listens any more
	c := openBitrix(t, &bitrix24test.Server{Server: srv}, sources.Options{Rate: -1})
	_, err := c.Catalog(context.Background())
	if err == nil || strings.Contains(err.Error(), bitrixSecret) || strings.Contains(err.Error(), "/rest/") {
		t.Errorf("err = %v; want an error without the webhook", err)
	}
}

// Weeks the CRM has nothing for (Kommo answers its lists with 204) are
// zeros, not an error and not missing.
func TestWeeks_QuietWeeksAreZeros(t *testing.T) {
	loc := moscow(t)
	ksrv := kommotest.NewServer(kommoData(1, 200, loc), kommoToken)
	defer ksrv.Close()
	bsrv := bitrix24test.NewServer(bitrixData(1, 200, loc), bitrixSecret)
	defer bsrv.Close()
	later := syncTo.Add(30)
	for name, c := range map[string]sources.Connector{
		"kommo":    openKommo(t, ksrv, sources.Options{Rate: -1, Now: func() time.Time { return later.Add(1).Monday(loc) }}),
		"bitrix24": openBitrix(t, bsrv, sources.Options{Rate: -1}),
	} {
		got, err := c.Weeks(context.Background(), bitrixOrKommo(name), later, later.Add(1), loc)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(got) != 4 {
			t.Fatalf("%s: %d entries, want 4", name, len(got))
		}
		if counts, drops, managers := totals(got); counts+drops+managers != 0 || len(got[0].Counts) != 5 {
			t.Errorf("%s: %+v, want five zero counts a week", name, got)
		}
	}
	if last := ksrv.Requests()[len(ksrv.Requests())-1]; last.Status != http.StatusNoContent {
		t.Errorf("the fake answered %d to the last request, want 204 for an empty list", last.Status)
	}
}

func bitrixOrKommo(name string) domain.SourceMapping {
	if name == "kommo" {
		return kommoMapping
	}
	return bitrixMapping
}
