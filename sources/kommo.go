package sources

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"trackbot/domain"
)

// Kommo (amoCRM) API v4: a pipeline's statuses include won (142) and lost
// (143), the same two ids in every pipeline; /api/v4/events lists status
// changes with the status before and after; lists page with page and
// limit and say there is more with _links.next; an empty list is a 204.
const (
	kommoWon  = "142"
	kommoLost = "143"
	// kommoRate stays a little under the documented 7 requests a second,
	// so timer jitter never makes a burst of eight.
	kommoRate = 6
)

type kommo struct {
	t     *transport
	base  string
	token string
	now   func() time.Time
}

func newKommo(secret string, o Options) (*kommo, error) {
	base, token, err := parseKommoSecret(secret)
	if err != nil {
		return nil, err
	}
	if o.BaseURL != "" {
		base = strings.TrimSuffix(o.BaseURL, "/")
	}
	rate := o.Rate
	if rate == 0 {
		rate = kommoRate
	}
	t := &transport{crm: "kommo", client: o.Client, lim: newLimiter(rate, 1),
		retries: o.Retries, backoff: o.Backoff, classify: kommoClassify}
	return &kommo{t: t, base: base, token: token, now: o.Now}, nil
}

// kommoClassify reads an error answer: 429 is retried after a pause,
// anything else ends the sync with what to fix.
func kommoClassify(status int, body []byte) (bool, *Error) {
	var problem struct {
		Title  string `json:"title"`
		Detail string `json:"detail"`
	}
	_ = json.Unmarshal(body, &problem)
	e := &Error{Code: problem.Title}
	switch {
	case status == http.StatusTooManyRequests:
		e.Err, e.Hint = ErrRateLimited, "Kommo allows 7 requests a second; another integration may be using them up"
		return true, e
	case status == http.StatusUnauthorized:
		e.Err, e.Hint = ErrUnauthorized, "the long-lived token is wrong, revoked or past the expiry chosen when it was made: an account admin opens Settings → Integrations → the private integration → Keys and scopes, clicks Generate long-lived token, and adds the source again"
	case status == http.StatusPaymentRequired:
		e.Err, e.Hint = ErrForbidden, "the Kommo account's subscription has ended"
	case status == http.StatusForbidden:
		e.Err, e.Hint = ErrForbidden, "Kommo blocked the account or this server's address, or the token's user may not see leads"
	case status >= 500:
		e.Err, e.Hint = ErrUnexpected, "Kommo is not answering properly; the sync will be tried again"
		return status != http.StatusInternalServerError, e
	default:
		e.Err = ErrUnexpected
	}
	return false, e
}

// get sends one GET and returns the answer's status and body.
func (k *kommo) get(ctx context.Context, op, path string, q url.Values, since time.Time) (int, []byte, error) {
	u := k.base + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return k.t.call(ctx, op, func(ctx context.Context) (*http.Request, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Authorization", "Bearer "+k.token)
		req.Header.Set("Accept", "application/hal+json, application/json")
		if !since.IsZero() {
			req.Header.Set("If-Modified-Since", since.UTC().Format(http.TimeFormat))
		}
		return req, nil
	})
}

// maxPages stops a list that never ends (a CRM bug or a hostile server).
const maxPages = 100000

// kommoList pages through a list, handing each item of _embedded[key] to
// each. since, when set, asks only for what changed after it.
func kommoList[T any](ctx context.Context, k *kommo, path, key string, q url.Values, limit int, since time.Time, each func(T)) error {
	if q == nil {
		q = url.Values{}
	}
	for page := 1; page <= maxPages; page++ {
		q.Set("page", strconv.Itoa(page))
		q.Set("limit", strconv.Itoa(limit))
		op := fmt.Sprintf("GET %s page %d", path, page)
		status, body, err := k.get(ctx, op, path, q, since)
		if err != nil {
			return err
		}
		if status == http.StatusNoContent || status == http.StatusNotModified || len(body) == 0 {
			return nil
		}
		var resp struct {
			Links struct {
				Next *struct{} `json:"next"`
			} `json:"_links"`
			Embedded map[string]json.RawMessage `json:"_embedded"`
		}
		var items []T
		if err := json.Unmarshal(body, &resp); err != nil {
			return &Error{CRM: "kommo", Op: op, Status: status, Err: ErrUnexpected, Hint: "the answer is not Kommo's JSON"}
		}
		if raw, ok := resp.Embedded[key]; ok {
			if err := json.Unmarshal(raw, &items); err != nil {
				return &Error{CRM: "kommo", Op: op, Status: status, Err: ErrUnexpected, Hint: "the " + key + " are not in Kommo's form"}
			}
		}
		for _, it := range items {
			each(it)
		}
		if resp.Links.Next == nil || len(items) == 0 {
			return nil
		}
	}
	return &Error{CRM: "kommo", Op: "GET " + path, Err: ErrUnexpected, Hint: "the list never ends"}
}

type kommoStatus struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Sort int    `json:"sort"`
}

type kommoPipeline struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Sort     int    `json:"sort"`
	Embedded struct {
		Statuses []kommoStatus `json:"statuses"`
	} `json:"_embedded"`
}

type kommoNamed struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Sort int    `json:"sort"`
}

func id(n int64) string { return strconv.FormatInt(n, 10) }

// pipelines returns the account's pipelines with their statuses, each in
// the account's sort order.
func (k *kommo) pipelines(ctx context.Context) ([]kommoPipeline, error) {
	var ps []kommoPipeline
	err := kommoList(ctx, k, "/api/v4/leads/pipelines", "pipelines", nil, 50, time.Time{}, func(p kommoPipeline) {
		slices.SortStableFunc(p.Embedded.Statuses, func(a, b kommoStatus) int {
			return cmp.Or(cmp.Compare(a.Sort, b.Sort), cmp.Compare(a.ID, b.ID))
		})
		ps = append(ps, p)
	})
	slices.SortStableFunc(ps, func(a, b kommoPipeline) int { return cmp.Compare(a.Sort, b.Sort) })
	return ps, err
}

// named lists loss reasons or users, in the account's order.
func (k *kommo) named(ctx context.Context, path, key string) ([]kommoNamed, error) {
	var out []kommoNamed
	err := kommoList(ctx, k, path, key, nil, 250, time.Time{}, func(n kommoNamed) { out = append(out, n) })
	slices.SortStableFunc(out, func(a, b kommoNamed) int { return cmp.Compare(a.Sort, b.Sort) })
	return out, err
}

// Catalog lists pipelines, their statuses, loss reasons and users. Won
// (142) and lost (143) are in every pipeline under the same ids, so they
// are listed once, without a pipeline.
func (k *kommo) Catalog(ctx context.Context) (domain.SourceCatalog, error) {
	var c domain.SourceCatalog
	ps, err := k.pipelines(ctx)
	if err != nil {
		return c, err
	}
	closed := map[string]string{}
	for _, p := range ps {
		c.Segments = append(c.Segments, domain.SourceItem{ID: id(p.ID), Name: p.Name})
		for _, s := range p.Embedded.Statuses {
			if sid := id(s.ID); sid == kommoWon || sid == kommoLost {
				closed[sid] = cmp.Or(closed[sid], s.Name)
				continue
			}
			c.Stages = append(c.Stages, domain.SourceItem{ID: id(s.ID), Name: s.Name, Parent: id(p.ID)})
		}
	}
	c.Stages = append(c.Stages,
		domain.SourceItem{ID: kommoWon, Name: cmp.Or(closed[kommoWon], "Won"), Won: true},
		domain.SourceItem{ID: kommoLost, Name: cmp.Or(closed[kommoLost], "Lost"), Lost: true})
	reasons, err := k.named(ctx, "/api/v4/leads/loss_reasons", "loss_reasons")
	if err != nil {
		return c, err
	}
	for _, r := range reasons {
		c.Reasons = append(c.Reasons, domain.SourceItem{ID: id(r.ID), Name: r.Name})
	}
	users, err := k.named(ctx, "/api/v4/users", "users")
	if err != nil {
		return c, err
	}
	for _, u := range users {
		c.Managers = append(c.Managers, domain.SourceItem{ID: id(u.ID), Name: u.Name})
	}
	return c, nil
}

// kommoPipes turns pipelines into the tally's form: won stays in the
// order (it is the furthest a lead gets), lost stands apart.
func kommoPipes(ps []kommoPipeline) map[string]*pipeline {
	pipes := map[string]*pipeline{}
	for _, p := range ps {
		var order []string
		for _, s := range p.Embedded.Statuses {
			if sid := id(s.ID); sid != kommoLost {
				order = append(order, sid)
			}
		}
		pipes[id(p.ID)] = newPipeline(id(p.ID), order, []string{kommoLost})
	}
	return pipes
}
