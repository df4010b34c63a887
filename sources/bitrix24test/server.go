// Package bitrix24test is an in-process fake of a Bitrix24 portal's REST
// API reached through an inbound webhook, written from the public
// documentation: crm.category.list, crm.status.list, crm.stagehistory.list,
// crm.deal.list and user.get, with their filters (operators such as >=
// before the field name, arrays meaning "any of"), start/next paging by
// 50, a leaky bucket answering 503 QUERY_LIMIT_EXCEEDED, and 401 for a
// wrong webhook. Faults can be planted on the nth call of a method.
package bitrix24test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Server is the fake portal.
type Server struct {
	*httptest.Server
	User, Secret string // the webhook is <URL>/rest/<User>/<Secret>/

	ds *Dataset

	recsOnce       sync.Once
	history, deals []map[string]any // see historyRecords

	mu       sync.Mutex
	capacity float64 // leaky bucket; 0 is no limit
	leak     float64 // per second
	level    float64
	last     time.Time
	faults   map[string]map[int]int
	calls    map[string]int
	log      []Call
	limited  int
}

// Call is what the fake saw of one method call.
type Call struct {
	Method string
	Params map[string]any
	Status int
}

// NewServer starts a fake holding ds whose webhook secret is secret. ds
// must not change while the fake serves it.
func NewServer(ds *Dataset, secret string) *Server {
	s := &Server{User: "1", Secret: secret, ds: ds, faults: map[string]map[int]int{}, calls: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// Webhook returns the inbound webhook URL of the fake portal.
func (s *Server) Webhook() string { return s.URL + "/rest/" + s.User + "/" + s.Secret + "/" }

// LeakyBucket turns on Bitrix24's limit: every call adds one to a counter
// that drains leak per second; a call that would take it past capacity is
// answered 503 QUERY_LIMIT_EXCEEDED (the cloud's default is 50 and 2).
func (s *Server) LeakyBucket(capacity int, leak float64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.capacity, s.leak = float64(capacity), leak
}

// Fail makes the nth call (from 1) of method answer status, with the
// error Bitrix24 gives for it.
func (s *Server) Fail(method string, nth, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.faults[method] == nil {
		s.faults[method] = map[int]int{}
	}
	s.faults[method][nth] = status
}

// Calls returns the calls the fake has seen, in order.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.log...)
}

// Limited returns how many calls the leaky bucket refused.
func (s *Server) Limited() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.limited
}

func (s *Server) admit(user, secret, method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls[method]++
	if st := s.faults[method][s.calls[method]]; st != 0 {
		return st
	}
	if user != s.User || secret != s.Secret {
		return http.StatusUnauthorized
	}
	if s.capacity > 0 {
		now := time.Now()
		if !s.last.IsZero() {
			s.level = max(0, s.level-now.Sub(s.last).Seconds()*s.leak)
		}
		s.last = now
		if s.level+1 > s.capacity {
			s.limited++
			return http.StatusServiceUnavailable
		}
		s.level++
	}
	return 0
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/rest/"), "/")
	if len(parts) != 3 || !strings.HasPrefix(r.URL.Path, "/rest/") {
		fail(w, http.StatusNotFound, "ERROR_METHOD_NOT_FOUND", "Method not found!")
		return
	}
	method := strings.TrimSuffix(parts[2], ".json")
	params := map[string]any{}
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if len(strings.TrimSpace(string(body))) > 0 {
		if err := json.Unmarshal(body, &params); err != nil {
			s.record(method, params, http.StatusBadRequest)
			fail(w, http.StatusBadRequest, "INVALID_REQUEST", "Could not parse the request body")
			return
		}
	}
	status := s.admit(parts[0], parts[1], method)
	switch status {
	case 0:
		status = s.call(w, method, params)
	case http.StatusUnauthorized:
		fail(w, status, "INVALID_CREDENTIALS", "Invalid request credentials")
	case http.StatusServiceUnavailable:
		fail(w, status, "QUERY_LIMIT_EXCEEDED", "Too many requests")
	case http.StatusForbidden:
		fail(w, status, "insufficient_scope", "The request requires higher privileges than provided by the webhook token")
	default:
		fail(w, status, "INTERNAL_SERVER_ERROR", "Internal server error")
	}
	s.record(method, params, status)
}

func (s *Server) record(method string, params map[string]any, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = append(s.log, Call{Method: method, Params: params, Status: status})
}

func fail(w http.ResponseWriter, status int, code, desc string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"error": code, "error_description": desc})
}

// reply writes a successful answer: the result, and for a list the total
// and, when more is left, the start of the next page.
func reply(w http.ResponseWriter, result any, total, next int) {
	now := time.Now()
	resp := map[string]any{"result": result, "time": map[string]any{
		"start": float64(now.UnixMicro()) / 1e6, "finish": float64(now.UnixMicro()) / 1e6, "duration": 0.001,
		"processing": 0.0005, "date_start": now.Format(time.RFC3339), "date_finish": now.Format(time.RFC3339), "operating": 0,
	}}
	if total >= 0 {
		resp["total"] = total
	}
	if next > 0 {
		resp["next"] = next
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(resp)
}

// pageSize is what every Bitrix24 list method returns at most.
const pageSize = 50

// page returns the bounds of the page a call's start asks for, and the
// next start (0 when this is the last page).
func page(params map[string]any, n int) (from, to, next int) {
	from = min(max(int(num(params["start"])), 0), n)
	to = min(from+pageSize, n)
	if to < n {
		next = to
	}
	return from, to, next
}

// num reads a number that may come as a JSON number or a string.
func num(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case string:
		f, _ := strconv.ParseFloat(strings.TrimSpace(x), 64)
		return f
	case bool:
		if x {
			return 1
		}
	}
	return 0
}

func itoa(n int) string { return strconv.Itoa(n) }
