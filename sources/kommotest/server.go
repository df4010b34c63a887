// Package kommotest is an in-process fake of the Kommo (amoCRM) API v4,
// written from its public documentation: pipelines with statuses, users,
// loss reasons, leads (with If-Modified-Since) and the events list
// filtered by type, entity and created_at; page and limit paging with
// _links.next and 204 for an empty list; a bearer token (401 otherwise)
// and a requests-per-second limit answered with 429. Faults can be
// planted on the nth request to a path.
package kommotest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Server is the fake account's API.
type Server struct {
	*httptest.Server
	Token string

	ds *Dataset

	mu        sync.Mutex
	limit     int // requests a second; 0 is no limit
	recent    []time.Time
	faults    map[string]map[int]int // path → nth request → status
	hits      map[string]int
	requests  []Request
	throttled int
}

// Request is what the fake saw of one request.
type Request struct {
	Path            string
	Query           url.Values
	IfModifiedSince string
	Status          int
}

// NewServer starts a fake holding ds that accepts token. Close it when done.
func NewServer(ds *Dataset, token string) *Server {
	s := &Server{Token: token, ds: ds, faults: map[string]map[int]int{}, hits: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// RateLimit makes the fake answer 429 to a request that would be more than
// perSecond in the last second, as Kommo does beyond 7.
func (s *Server) RateLimit(perSecond int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limit = perSecond
}

// Fail makes the nth request (from 1) to path answer status.
func (s *Server) Fail(path string, nth, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.faults[path] == nil {
		s.faults[path] = map[int]int{}
	}
	s.faults[path][nth] = status
}

// Requests returns what the fake has seen, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Throttled returns how many requests were answered 429 by the rate limit.
func (s *Server) Throttled() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.throttled
}

// admit decides a request's fate before it is served: 0 to serve it, or
// the error status to answer.
func (s *Server) admit(r *http.Request) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hits[r.URL.Path]++
	if st := s.faults[r.URL.Path][s.hits[r.URL.Path]]; st != 0 {
		return st
	}
	if r.Header.Get("Authorization") != "Bearer "+s.Token {
		return http.StatusUnauthorized
	}
	if s.limit > 0 {
		now := time.Now()
		kept := s.recent[:0]
		for _, t := range s.recent {
			if now.Sub(t) < time.Second {
				kept = append(kept, t)
			}
		}
		s.recent = kept
		if len(s.recent) >= s.limit {
			s.throttled++
			return http.StatusTooManyRequests
		}
		s.recent = append(s.recent, now)
	}
	return 0
}

func (s *Server) log(r *http.Request, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, Request{Path: r.URL.Path, Query: r.URL.Query(),
		IfModifiedSince: r.Header.Get("If-Modified-Since"), Status: status})
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	status := s.admit(r)
	if status == 0 && r.Method != http.MethodGet {
		status = http.StatusMethodNotAllowed
	}
	if status == 0 {
		status = s.route(w, r)
	} else {
		problem(w, status)
	}
	s.log(r, status)
}

// problem answers an error the way Kommo does: application/problem+json.
func problem(w http.ResponseWriter, status int) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{
		"title": http.StatusText(status), "type": "https://httpstatus.es/" + strconv.Itoa(status),
		"status": status, "detail": http.StatusText(status),
	})
}

func (s *Server) route(w http.ResponseWriter, r *http.Request) int {
	q := r.URL.Query()
	switch r.URL.Path {
	case "/api/v4/leads/pipelines":
		return s.list(w, r, "pipelines", s.pipelines(), 1, 50)
	case "/api/v4/leads/loss_reasons":
		return s.page(w, r, "loss_reasons", len(s.ds.LossReasons), func(i int) any {
			lr := s.ds.LossReasons[i]
			return map[string]any{"id": lr.ID, "name": lr.Name, "sort": lr.Sort, "created_at": 1600000000, "updated_at": 1600000000}
		}, 250)
	case "/api/v4/users":
		return s.page(w, r, "users", len(s.ds.Users), func(i int) any {
			u := s.ds.Users[i]
			return map[string]any{"id": u.ID, "name": u.Name, "email": strings.ToLower(strings.Fields(u.Name)[0]) + "@example.com", "lang": "en"}
		}, 250)
	case "/api/v4/leads":
		return s.leads(w, r)
	case "/api/v4/events":
		return s.events(w, r, q)
	}
	problem(w, http.StatusNotFound)
	return http.StatusNotFound
}

func (s *Server) pipelines() []any {
	var out []any
	for _, p := range s.ds.Pipelines {
		var statuses []any
		for _, st := range p.Statuses {
			statuses = append(statuses, map[string]any{"id": st.ID, "name": st.Name, "sort": st.Sort,
				"is_editable": st.ID != Won && st.ID != Lost, "pipeline_id": p.ID, "color": "#fffeb2", "type": 0, "account_id": 1})
		}
		out = append(out, map[string]any{"id": p.ID, "name": p.Name, "sort": p.Sort, "is_main": p.Sort == 1,
			"is_unsorted_on": false, "is_archive": false, "account_id": 1,
			"_embedded": map[string]any{"statuses": statuses}})
	}
	return out
}

// page answers one page of n items by the request's page and limit,
// building only the items on it.
func (s *Server) page(w http.ResponseWriter, r *http.Request, key string, n int, item func(i int) any, maxLimit int) int {
	q := r.URL.Query()
	page, limit := max(atoi(q.Get("page"), 1), 1), min(max(atoi(q.Get("limit"), 50), 1), maxLimit)
	from := min((page-1)*limit, n)
	to := min(from+limit, n)
	items := make([]any, 0, to-from)
	for i := from; i < to; i++ {
		items = append(items, item(i))
	}
	return s.list(w, r, key, items, page, limit, to < n)
}

// list writes a HAL collection, or 204 when it is empty.
func (s *Server) list(w http.ResponseWriter, r *http.Request, key string, items []any, page, limit int, more ...bool) int {
	if len(items) == 0 {
		w.WriteHeader(http.StatusNoContent)
		return http.StatusNoContent
	}
	self := "http://" + r.Host + r.URL.RequestURI()
	links := map[string]any{"self": map[string]string{"href": self}}
	if len(more) > 0 && more[0] {
		q := r.URL.Query()
		q.Set("page", strconv.Itoa(page+1))
		q.Set("limit", strconv.Itoa(limit))
		links["next"] = map[string]string{"href": "http://" + r.Host + r.URL.Path + "?" + q.Encode()}
	}
	w.Header().Set("Content-Type", "application/hal+json")
	json.NewEncoder(w).Encode(map[string]any{"_page": page, "_links": links, "_embedded": map[string]any{key: items}})
	return http.StatusOK
}

func (s *Server) leads(w http.ResponseWriter, r *http.Request) int {
	var since int64 = -1 << 62
	if h := r.Header.Get("If-Modified-Since"); h != "" {
		t, err := http.ParseTime(h)
		if err != nil {
			problem(w, http.StatusBadRequest)
			return http.StatusBadRequest
		}
		since = t.Unix()
	}
	var match []int
	for i, l := range s.ds.Leads {
		if l.UpdatedAt >= since {
			match = append(match, i)
		}
	}
	return s.page(w, r, "leads", len(match), func(i int) any { return leadJSON(s.ds.Leads[match[i]]) }, 250)
}

func leadJSON(l Lead) any {
	out := leadItem{ID: l.ID, Name: "Lead #" + strconv.FormatInt(l.ID, 10), ResponsibleUserID: l.ResponsibleUserID,
		StatusID: l.StatusID, PipelineID: l.PipelineID, CreatedAt: l.CreatedAt, UpdatedAt: l.UpdatedAt, AccountID: 1,
		Embedded: leadEmbedded{Companies: []any{}, Tags: []any{}}}
	if l.LossReasonID != 0 {
		out.LossReasonID = &l.LossReasonID
	}
	if l.StatusID == Won || l.StatusID == Lost {
		out.ClosedAt = &l.UpdatedAt
	}
	return out
}

// leadItem is a lead as the API writes it. Its fields are in the order of
// their names, as encoding/json writes a map's: the answers are what a map
// of them gave, only sooner, which the 20,000-lead test's time needs.
type leadItem struct {
	Embedded           leadEmbedded `json:"_embedded"`
	AccountID          int          `json:"account_id"`
	ClosedAt           *int64       `json:"closed_at"`
	ClosestTaskAt      any          `json:"closest_task_at"`
	CreatedAt          int64        `json:"created_at"`
	CreatedBy          int          `json:"created_by"`
	CustomFieldsValues any          `json:"custom_fields_values"`
	GroupID            int          `json:"group_id"`
	ID                 int64        `json:"id"`
	IsDeleted          bool         `json:"is_deleted"`
	LaborCost          any          `json:"labor_cost"`
	LossReasonID       *int64       `json:"loss_reason_id"`
	Name               string       `json:"name"`
	PipelineID         int64        `json:"pipeline_id"`
	Price              int          `json:"price"`
	ResponsibleUserID  int64        `json:"responsible_user_id"`
	Score              any          `json:"score"`
	StatusID           int64        `json:"status_id"`
	UpdatedAt          int64        `json:"updated_at"`
	UpdatedBy          int          `json:"updated_by"`
}

type leadEmbedded struct {
	Companies []any `json:"companies"`
	Tags      []any `json:"tags"`
}

// eventItem is a lead_status_changed event as the API writes it, its
// fields in the order of their names like leadItem's.
type eventItem struct {
	Embedded    eventEmbedded `json:"_embedded"`
	AccountID   int           `json:"account_id"`
	CreatedAt   int64         `json:"created_at"`
	CreatedBy   int           `json:"created_by"`
	EntityID    int64         `json:"entity_id"`
	EntityType  string        `json:"entity_type"`
	ID          string        `json:"id"`
	Type        string        `json:"type"`
	ValueAfter  []statusValue `json:"value_after"`
	ValueBefore []statusValue `json:"value_before"`
}

type eventEmbedded struct {
	Entity struct {
		ID int64 `json:"id"`
	} `json:"entity"`
}

type statusValue struct {
	LeadStatus struct {
		ID         int64 `json:"id"`
		PipelineID int64 `json:"pipeline_id"`
	} `json:"lead_status"`
}

func eventJSON(e Event) any {
	out := eventItem{AccountID: 1, CreatedAt: e.CreatedAt, EntityID: e.LeadID, EntityType: "lead", ID: e.ID,
		Type: "lead_status_changed", ValueAfter: make([]statusValue, 1), ValueBefore: make([]statusValue, 1)}
	out.Embedded.Entity.ID = e.LeadID
	out.ValueAfter[0].LeadStatus.ID, out.ValueAfter[0].LeadStatus.PipelineID = e.AfterStatus, e.AfterPipeline
	out.ValueBefore[0].LeadStatus.ID, out.ValueBefore[0].LeadStatus.PipelineID = e.BeforeStatus, e.BeforePipeline
	return out
}

// events answers the events list, newest first, filtered by type, entity
// and created_at (filter[created_at][from]/[to], or "from,to").
func (s *Server) events(w http.ResponseWriter, r *http.Request, q url.Values) int {
	from, to := int64(0), int64(1<<62)
	if v := q.Get("filter[created_at]"); v != "" {
		parts := strings.Split(v, ",")
		from = int64(atoi(parts[0], 0))
		if len(parts) > 1 {
			to = int64(atoi(parts[1], 0))
		}
	}
	if v := q.Get("filter[created_at][from]"); v != "" {
		from = int64(atoi(v, 0))
	}
	if v := q.Get("filter[created_at][to]"); v != "" {
		to = int64(atoi(v, 0))
	}
	types := listParam(q, "filter[type]")
	entities := listParam(q, "filter[entity]")
	if (len(types) > 0 && !types["lead_status_changed"]) || (len(entities) > 0 && !entities["lead"]) {
		return s.list(w, r, "events", nil, 1, 0)
	}
	evs := s.ds.Events // sorted by created_at
	lo := sort.Search(len(evs), func(i int) bool { return evs[i].CreatedAt >= from })
	hi := sort.Search(len(evs), func(i int) bool { return evs[i].CreatedAt > to })
	page, limit := max(atoi(q.Get("page"), 1), 1), min(max(atoi(q.Get("limit"), 50), 1), 100)
	n := max(hi-lo, 0)
	start := min((page-1)*limit, n)
	end := min(start+limit, n)
	var out []any
	for i := start; i < end; i++ {
		out = append(out, eventJSON(evs[hi-1-i]))
	}
	return s.list(w, r, "events", out, page, limit, end < n)
}

// listParam reads a filter given as "a,b" or as name[]=a&name[]=b.
func listParam(q url.Values, name string) map[string]bool {
	out := map[string]bool{}
	for _, v := range append(q[name], q[name+"[]"]...) {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out[p] = true
			}
		}
	}
	return out
}

func atoi(s string, def int) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return def
	}
	return n
}
