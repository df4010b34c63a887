package sources

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"trackbot/domain"
)

// Bitrix24 REST through an inbound webhook: every method is a POST to
// <webhook><method> with JSON parameters; lists return up to 50 items and
// "next", the start of the following page. Deal categories hold stages
// (reference DEAL_STAGE or DEAL_STAGE_<id>) whose semantics say won (S)
// or lost (F); crm.stagehistory.list records every stage a deal entered.
const (
	// bitrixRate and bitrixBurst keep within the cloud's leaky bucket
	// (about 2 requests a second after a burst of 50) with room left for
	// the portal's other integrations.
	bitrixRate  = 2
	bitrixBurst = 10
)

type bitrix struct {
	t    *transport
	hook string // ends with "/"
}

func newBitrix24(secret string, o Options) (*bitrix, error) {
	hook, err := parseBitrixWebhook(secret)
	if err != nil {
		return nil, err
	}
	hook = rebase(hook, o.BaseURL)
	rate := o.Rate
	if rate == 0 {
		rate = bitrixRate
	}
	t := &transport{crm: "bitrix24", client: o.Client, lim: newLimiter(rate, bitrixBurst),
		retries: o.Retries, backoff: o.Backoff, classify: bitrixClassify}
	return &bitrix{t: t, hook: hook}, nil
}

// bitrixClassify reads an error answer: QUERY_LIMIT_EXCEEDED (503) and the
// per-method time limit (429) are retried after a pause; anything else
// ends the sync with what to fix.
func bitrixClassify(status int, body []byte) (bool, *Error) {
	var ans struct {
		Error string `json:"error"`
	}
	_ = json.Unmarshal(body, &ans)
	e := &Error{Code: ans.Error}
	switch {
	case ans.Error == "QUERY_LIMIT_EXCEEDED" || status == http.StatusServiceUnavailable || status == http.StatusTooManyRequests:
		e.Err, e.Hint = ErrRateLimited, "Bitrix24 allows about 2 requests a second; another integration may be using them up"
		return true, e
	case status == http.StatusUnauthorized || slices.Contains([]string{"NO_AUTH_FOUND", "INVALID_CREDENTIALS", "expired_token", "invalid_token"}, ans.Error):
		e.Err, e.Hint = ErrUnauthorized, "the webhook was deleted or its URL changed: in Bitrix24 open Developer resources → Other → Inbound webhook, create one with the crm and user permissions and add the source again"
	case status == http.StatusForbidden || slices.Contains([]string{"insufficient_scope", "ACCESS_DENIED", "ERROR_OAUTH"}, ans.Error):
		e.Err, e.Hint = ErrForbidden, "the webhook lacks the crm or user permission, or its user may not see all deals"
	case status == http.StatusBadGateway || status == http.StatusGatewayTimeout:
		e.Err, e.Hint = ErrUnexpected, "the portal is not answering properly; the sync will be tried again"
		return true, e
	default:
		e.Err = ErrUnexpected
	}
	return false, e
}

// bitrixAnswer is the envelope of every answer.
type bitrixAnswer struct {
	Result json.RawMessage `json:"result"`
	Next   *int            `json:"next"`
	Error  string          `json:"error"`
}

// call invokes one method and returns its answer.
func (b *bitrix) call(ctx context.Context, method string, params map[string]any) (bitrixAnswer, error) {
	var ans bitrixAnswer
	body, err := json.Marshal(params)
	if err != nil {
		return ans, err
	}
	op := method
	if s, ok := params["start"].(int); ok && s > 0 {
		op += " start " + strconv.Itoa(s)
	}
	_, data, err := b.t.call(ctx, op, func(ctx context.Context) (*http.Request, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, b.hook+method, bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/json")
		return req, nil
	})
	if err != nil {
		return ans, err
	}
	if err := json.Unmarshal(data, &ans); err != nil || ans.Error != "" {
		_, e := bitrixClassify(http.StatusOK, data)
		e.CRM, e.Op, e.Status = "bitrix24", op, http.StatusOK
		if err != nil {
			e.Hint = "the answer is not Bitrix24's JSON"
		}
		return ans, e
	}
	return ans, nil
}

// bitrixList pages through a list method, handing every page's result to
// each, which decodes it.
func bitrixList(ctx context.Context, b *bitrix, method string, params map[string]any, each func(json.RawMessage) error) error {
	start := 0
	for range maxPages {
		params["start"] = start
		ans, err := b.call(ctx, method, params)
		if err != nil {
			return err
		}
		if err := each(ans.Result); err != nil {
			return &Error{CRM: "bitrix24", Op: method, Err: ErrUnexpected, Hint: "the result is not in Bitrix24's form"}
		}
		if ans.Next == nil {
			return nil
		}
		if *ans.Next <= start {
			return &Error{CRM: "bitrix24", Op: method, Err: ErrUnexpected, Hint: "the pages do not advance"}
		}
		start = *ans.Next
	}
	return &Error{CRM: "bitrix24", Op: method, Err: ErrUnexpected, Hint: "the list never ends"}
}

// bxString reads a value Bitrix24 writes as a string or a number.
type bxString string

func (s *bxString) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*s = ""
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var v string
		err := json.Unmarshal(b, &v)
		*s = bxString(v)
		return err
	}
	*s = bxString(strings.TrimSpace(string(b)))
	return nil
}

func (s bxString) int() int {
	n, _ := strconv.Atoi(string(s))
	return n
}

type bitrixCategory struct {
	ID   bxString `json:"id"`
	Name string   `json:"name"`
	Sort bxString `json:"sort"`
}

type bitrixStage struct {
	StatusID  string   `json:"STATUS_ID"`
	Name      string   `json:"NAME"`
	Sort      bxString `json:"SORT"`
	Semantics bxString `json:"SEMANTICS"`
	Extra     struct {
		Semantics string `json:"SEMANTICS"`
	} `json:"EXTRA"`
}

func (s bitrixStage) won() bool { return s.Semantics == "S" || s.Extra.Semantics == "success" }
func (s bitrixStage) lost() bool {
	return s.Semantics == "F" || s.Extra.Semantics == "failure" || s.Extra.Semantics == "apology"
}

// bitrixCategoryStages is a category with its stages in funnel order:
// those in progress by SORT, then won ones, then lost ones.
type bitrixCategoryStages struct {
	bitrixCategory
	stages []bitrixStage
}

// categories returns the deal categories with their stages.
func (b *bitrix) categories(ctx context.Context) ([]bitrixCategoryStages, error) {
	var cats []bitrixCategory
	err := bitrixList(ctx, b, "crm.category.list", map[string]any{"entityTypeId": 2}, func(raw json.RawMessage) error {
		var r struct {
			Categories []bitrixCategory `json:"categories"`
		}
		err := json.Unmarshal(raw, &r)
		cats = append(cats, r.Categories...)
		return err
	})
	if err != nil {
		return nil, err
	}
	if !slices.ContainsFunc(cats, func(c bitrixCategory) bool { return c.ID == "0" }) {
		cats = append(cats, bitrixCategory{ID: "0", Name: "General"}) // the default category always exists
	}
	slices.SortStableFunc(cats, func(a, b bitrixCategory) int { return cmp.Compare(a.Sort.int(), b.Sort.int()) })
	out := make([]bitrixCategoryStages, len(cats))
	for i, c := range cats {
		entity := "DEAL_STAGE"
		if c.ID != "0" {
			entity += "_" + string(c.ID)
		}
		params := map[string]any{"filter": map[string]any{"ENTITY_ID": entity}, "order": map[string]any{"SORT": "ASC"}}
		var stages []bitrixStage
		err := bitrixList(ctx, b, "crm.status.list", params, func(raw json.RawMessage) error {
			var page []bitrixStage
			err := json.Unmarshal(raw, &page)
			stages = append(stages, page...)
			return err
		})
		if err != nil {
			return nil, err
		}
		rank := func(s bitrixStage) int {
			switch {
			case s.lost():
				return 2
			case s.won():
				return 1
			}
			return 0
		}
		slices.SortStableFunc(stages, func(a, b bitrixStage) int {
			return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(a.Sort.int(), b.Sort.int()))
		})
		out[i] = bitrixCategoryStages{c, stages}
	}
	return out, nil
}

// bitrixPipes turns categories into the tally's form.
func bitrixPipes(cats []bitrixCategoryStages) (map[string]*pipeline, map[string]bool) {
	pipes, lostStages := map[string]*pipeline{}, map[string]bool{}
	for _, c := range cats {
		var order, lost []string
		for _, s := range c.stages {
			if s.lost() {
				lost = append(lost, s.StatusID)
				lostStages[s.StatusID] = true
			} else {
				order = append(order, s.StatusID)
			}
		}
		pipes[string(c.ID)] = newPipeline(string(c.ID), order, lost)
	}
	return pipes, lostStages
}

// Catalog lists deal categories, their stages (lost ones are also the
// drop-off reasons: Bitrix24 says why a deal was lost by the stage it
// lands in) and the portal's users.
func (b *bitrix) Catalog(ctx context.Context) (domain.SourceCatalog, error) {
	var c domain.SourceCatalog
	cats, err := b.categories(ctx)
	if err != nil {
		return c, err
	}
	for _, cat := range cats {
		c.Segments = append(c.Segments, domain.SourceItem{ID: string(cat.ID), Name: cat.Name})
		for _, s := range cat.stages {
			it := domain.SourceItem{ID: s.StatusID, Name: s.Name, Parent: string(cat.ID), Won: s.won(), Lost: s.lost()}
			c.Stages = append(c.Stages, it)
			if it.Lost {
				c.Reasons = append(c.Reasons, it)
			}
		}
	}
	err = bitrixList(ctx, b, "user.get", map[string]any{}, func(raw json.RawMessage) error {
		var users []struct {
			ID       bxString `json:"ID"`
			Name     string   `json:"NAME"`
			LastName string   `json:"LAST_NAME"`
			Email    string   `json:"EMAIL"`
		}
		err := json.Unmarshal(raw, &users)
		for _, u := range users {
			name := cmp.Or(strings.TrimSpace(u.Name+" "+u.LastName), u.Email, fmt.Sprintf("#%s", u.ID))
			c.Managers = append(c.Managers, domain.SourceItem{ID: string(u.ID), Name: name})
		}
		return err
	})
	return c, err
}
