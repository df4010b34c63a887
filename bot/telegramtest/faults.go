package telegramtest

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"strings"
	"time"
)

// Faults configures injected failures. Probabilities are in [0,1] and are
// drawn from a generator seeded with Seed, so a test that sends its
// requests one at a time sees the same faults on every run. (Concurrent
// requests draw in arrival order, which the scheduler decides.)
type Faults struct {
	Seed uint64
	// RateLimit429 is the probability of answering 429 "Too Many
	// Requests: retry after N" with parameters.retry_after = RetryAfter
	// (seconds, default 1).
	RateLimit429 float64
	RetryAfter   int
	// EnforceRetryAfter turns every request to a chat that arrives before
	// the retry_after of a 429 for that chat has elapsed into a violation
	// (see Violations) and answers it 429 again, as Telegram would. A
	// client that sends to one chat from several goroutines at once can
	// trip this with requests that were already in flight.
	EnforceRetryAfter bool
	// ServerError5xx is the probability of a 502 Bad Gateway with an HTML
	// body, as a proxy in front of Telegram produces.
	ServerError5xx float64
	// Delay slows every faultable answer down.
	Delay time.Duration
	// DropConnection is the probability of closing the connection without
	// any answer.
	DropConnection float64
	// FailAfterEffect makes 502s and dropped connections happen after the
	// method took effect (the message exists, the bot does not know), to
	// test duplicate handling. Without it a faulted request has no effect.
	FailAfterEffect bool
	// Methods limits random faults and Delay to these methods; nil means
	// DefaultFaultMethods().
	Methods []string
	// EnforceFloodLimits emulates Telegram's flood control (see
	// FloodLimits) for the message-producing methods: sendMessage,
	// sendPhoto, sendDocument, sendMediaGroup and the edit* methods,
	// whatever Methods says.
	EnforceFloodLimits bool
	Flood              FloodLimits
}

// FloodLimits are the flood-control thresholds; zero fields take the
// defaults in brackets, which follow Telegram's published guidance.
//
// Per chat a token bucket allows PerChatBurst [3] messages at once and
// then one per PerChatInterval [1s]: Telegram tolerates short bursts, so a
// strict 1/s would reject behaviour that works in production. In groups
// (negative chat ids) at most GroupPerMinute [20] messages are allowed in
// any 60 s window, a media group counting as one message per item. Over
// all chats at most GlobalPerSecond [30] message requests are allowed in
// any 1 s window. A request over a limit is answered 429 with the honest
// wait (rounded up to whole seconds) and does not consume quota.
type FloodLimits struct {
	PerChatBurst    int
	PerChatInterval time.Duration
	GroupPerMinute  int
	GlobalPerSecond int
}

// Failure is a fault injected by FailNext or a hook.
type Failure struct {
	// Code is the HTTP status and error_code. 502 answers an HTML page
	// like a proxy does; other codes answer Telegram's JSON error. 0
	// means 502 unless Drop is set.
	Code int
	// Description defaults to Telegram's text for common codes.
	Description string
	// RetryAfter and MigrateToChatID fill parameters; a 429 without
	// RetryAfter gets 1.
	RetryAfter      int
	MigrateToChatID int64
	// Drop closes the connection without answering.
	Drop bool
	// AfterEffect lets the method take effect before failing.
	AfterEffect bool
}

// DefaultFaultMethods returns the methods faults apply to by default:
// the sending ones, not getUpdates/getMe, so a test keeps control over
// its update loop.
func DefaultFaultMethods() []string {
	return []string{
		"sendMessage", "sendPhoto", "sendMediaGroup", "sendDocument",
		"editMessageText", "editMessageReplyMarkup", "editMessageCaption",
		"deleteMessage", "answerCallbackQuery", "sendChatAction",
	}
}

// floodMethods are the methods that count against flood limits.
var floodMethods = map[string]bool{
	"sendmessage": true, "sendphoto": true, "senddocument": true, "sendmediagroup": true,
	"editmessagetext": true, "editmessagereplymarkup": true, "editmessagecaption": true,
}

// faultState is the fault machinery; it is guarded by Server.mu.
type faultState struct {
	cfg        Faults
	methods    map[string]bool
	rng        *rand.Rand
	failNext   map[string][]Failure
	hook       func(Call) *Failure
	violations []string
	count429   int
	retryUntil map[int64]time.Time
	flood      floodState
}

// set installs a configuration, reseeding the generator.
func (f *faultState) set(cfg Faults) {
	f.cfg = cfg
	names := cfg.Methods
	if names == nil {
		names = DefaultFaultMethods()
	}
	f.methods = map[string]bool{}
	for _, n := range names {
		f.methods[strings.ToLower(n)] = true
	}
	f.rng = rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x5eed))
	if f.failNext == nil {
		f.failNext = map[string][]Failure{}
		f.retryUntil = map[int64]time.Time{}
		f.flood = floodState{buckets: map[int64]*bucket{}, groupSent: map[int64][]time.Time{}}
	}
}

// SetFaults replaces the fault configuration; it also reseeds the random
// generator from f.Seed.
func (s *Server) SetFaults(f Faults) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.set(f)
}

// FailNext makes the next call of method fail with f, whatever the
// Faults configuration says. Several calls queue several failures.
func (s *Server) FailNext(method string, f Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := strings.ToLower(method)
	s.faults.failNext[key] = append(s.faults.failNext[key], f)
}

// SetHook installs fn, called for every Bot API request before the method
// runs (on the request's goroutine, possibly concurrently). A non-nil
// result is injected as the answer. Pass nil to remove the hook.
func (s *Server) SetHook(fn func(Call) *Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.hook = fn
}

// Violations returns the requests that ignored a retry_after (only
// recorded with Faults.EnforceRetryAfter). Tests assert it is empty.
func (s *Server) Violations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.faults.violations...)
}

// Count429 returns how many 429 answers the server gave, whatever caused
// them (random faults, flood control, retry_after violations, FailNext).
func (s *Server) Count429() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.faults.count429
}

// faultPlan is what the fault layer decided for one request.
type faultPlan struct {
	delay  time.Duration
	before *injection // answer this instead of running the method
	after  *injection // run the method, then answer this
}

// injection is one injected answer.
type injection struct {
	kind string
	drop bool
	err  *apiError
}

// planFaults decides the faults for one request. The hook runs without
// the lock so that it may call Server methods.
func (s *Server) planFaults(r *request) faultPlan {
	s.mu.Lock()
	hook := s.faults.hook
	s.mu.Unlock()
	var hooked *Failure
	if hook != nil {
		hooked = hook(Call{Method: r.method, ChatID: r.chatID, Params: r.params, Files: r.files, Time: time.Now()})
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	if fl := s.faults.popFailNext(r.method); fl != nil {
		hooked = fl
	}
	if hooked != nil {
		return s.planFailureLocked(r, *hooked, now)
	}
	return s.planRandomLocked(r, now)
}

// popFailNext takes the first queued failure for method.
func (f *faultState) popFailNext(method string) *Failure {
	key := strings.ToLower(method)
	q := f.failNext[key]
	if len(q) == 0 {
		return nil
	}
	fl := q[0]
	f.failNext[key] = q[1:]
	return &fl
}

// planFailureLocked turns an explicit Failure into a plan.
func (s *Server) planFailureLocked(r *request, fl Failure, now time.Time) faultPlan {
	inj := &injection{kind: "hook", drop: fl.Drop}
	if !fl.Drop {
		code := fl.Code
		if code == 0 {
			code = http.StatusBadGateway
		}
		inj.err = &apiError{code: code, desc: fl.Description, retryAfter: fl.RetryAfter, migrateTo: fl.MigrateToChatID}
		if code == http.StatusTooManyRequests {
			inj.err.retryAfter = max(fl.RetryAfter, 1)
			s.note429Locked(r.chatID, inj.err.retryAfter, now)
		}
		if inj.err.desc == "" {
			inj.err.desc = defaultDescription(code, inj.err.retryAfter)
		}
	}
	if fl.AfterEffect {
		inj.kind += "_after_effect"
		return faultPlan{after: inj}
	}
	return faultPlan{before: inj}
}

// defaultDescription is Telegram's description for common error codes.
func defaultDescription(code, retryAfter int) string {
	switch code {
	case http.StatusTooManyRequests:
		return fmt.Sprintf("Too Many Requests: retry after %d", retryAfter)
	case http.StatusBadRequest:
		return "Bad Request"
	case http.StatusForbidden:
		return "Forbidden"
	case http.StatusConflict:
		return "Conflict"
	case http.StatusBadGateway:
		return "Bad Gateway"
	default:
		return http.StatusText(code)
	}
}

// planRandomLocked applies the configured faults, in this order: the
// retry_after check, a random 429, flood control, a dropped connection,
// a 502. The draws happen whether or not they are used so that one
// fault's probability does not shift the others' sequence.
func (s *Server) planRandomLocked(r *request, now time.Time) faultPlan {
	f := &s.faults
	key := strings.ToLower(r.method)
	inSet := f.methods[key]
	floods := f.cfg.EnforceFloodLimits && floodMethods[key]
	if !inSet && !floods {
		return faultPlan{}
	}
	var plan faultPlan
	if inSet {
		plan.delay = f.cfg.Delay
	}
	if inj := s.checkRetryAfterLocked(r, now); inj != nil {
		plan.before = inj
		return plan
	}
	if !inSet {
		plan.before = s.checkFloodLocked(r, now)
		return plan
	}
	p429, pDrop, p5xx := f.rng.Float64(), f.rng.Float64(), f.rng.Float64()
	switch {
	case p429 < f.cfg.RateLimit429:
		ra := max(f.cfg.RetryAfter, 1)
		s.note429Locked(r.chatID, ra, now)
		plan.before = &injection{kind: "rate_limit", err: tooMany(ra)}
		return plan
	case floods:
		if inj := s.checkFloodLocked(r, now); inj != nil {
			plan.before = inj
			return plan
		}
	}
	var inj *injection
	switch {
	case pDrop < f.cfg.DropConnection:
		inj = &injection{kind: "drop", drop: true}
	case p5xx < f.cfg.ServerError5xx:
		inj = &injection{kind: "server_error", err: &apiError{code: http.StatusBadGateway, desc: "Bad Gateway"}}
	default:
		return plan
	}
	if f.cfg.FailAfterEffect {
		inj.kind += "_after_effect"
		plan.after = inj
	} else {
		plan.before = inj
	}
	return plan
}

// tooMany is a 429 answer.
func tooMany(retryAfter int) *apiError {
	return &apiError{code: http.StatusTooManyRequests, desc: defaultDescription(http.StatusTooManyRequests, retryAfter), retryAfter: retryAfter}
}

// note429Locked remembers a 429 for chat so that EnforceRetryAfter can
// catch requests that do not wait.
func (s *Server) note429Locked(chat int64, retryAfter int, now time.Time) {
	s.faults.count429++
	until := now.Add(time.Duration(retryAfter) * time.Second)
	if until.After(s.faults.retryUntil[chat]) {
		s.faults.retryUntil[chat] = until
	}
}

// checkRetryAfterLocked records a violation when a request comes before
// the chat's retry_after elapsed.
func (s *Server) checkRetryAfterLocked(r *request, now time.Time) *injection {
	until, ok := s.faults.retryUntil[r.chatID]
	if !s.faults.cfg.EnforceRetryAfter || !ok || !now.Before(until) {
		return nil
	}
	left := until.Sub(now)
	s.faults.violations = append(s.faults.violations, fmt.Sprintf(
		"%s to chat %d at %s: %v before the retry_after of an earlier 429 elapsed",
		r.method, r.chatID, now.Format("15:04:05.000"), left.Round(time.Millisecond)))
	s.faults.count429++
	return &injection{kind: "retry_after_violation", err: tooMany(ceilSeconds(left))}
}

// checkFloodLocked applies flood control to a message-producing request.
func (s *Server) checkFloodLocked(r *request, now time.Time) *injection {
	lim := s.faults.cfg.Flood.withDefaults()
	group := s.chatTypeLocked(r.chatID) != "private"
	wait := s.faults.flood.take(lim, r.chatID, group, floodWeight(r), now)
	if wait <= 0 {
		return nil
	}
	ra := ceilSeconds(wait)
	s.note429Locked(r.chatID, ra, now)
	return &injection{kind: "flood", err: tooMany(ra)}
}

// ceilSeconds rounds a wait up to whole seconds, at least 1, because
// retry_after is an integer and must never promise less than the truth.
func ceilSeconds(d time.Duration) int {
	return max(1, int(math.Ceil(d.Seconds())))
}

// floodWeight is how many messages a request produces: a media group
// counts one per item.
func floodWeight(r *request) int {
	if !strings.EqualFold(r.method, "sendMediaGroup") {
		return 1
	}
	var items []json.RawMessage
	if json.Unmarshal([]byte(r.params["media"]), &items) != nil || len(items) == 0 {
		return 1
	}
	return len(items)
}

// withDefaults fills zero limits.
func (l FloodLimits) withDefaults() FloodLimits {
	if l.PerChatBurst <= 0 {
		l.PerChatBurst = 3
	}
	if l.PerChatInterval <= 0 {
		l.PerChatInterval = time.Second
	}
	if l.GroupPerMinute <= 0 {
		l.GroupPerMinute = 20
	}
	if l.GlobalPerSecond <= 0 {
		l.GlobalPerSecond = 30
	}
	return l
}

// floodState holds the flood-control counters.
type floodState struct {
	buckets   map[int64]*bucket
	groupSent map[int64][]time.Time
	global    []time.Time
}

// bucket is a per-chat token bucket.
type bucket struct {
	tokens float64
	last   time.Time
}

// take checks all limits and consumes quota only if every limit allows
// the request; otherwise it returns how long to wait.
func (fs *floodState) take(lim FloodLimits, chat int64, group bool, weight int, now time.Time) time.Duration {
	b := fs.buckets[chat]
	if b == nil {
		b = &bucket{tokens: float64(lim.PerChatBurst), last: now}
		fs.buckets[chat] = b
	}
	b.tokens = math.Min(float64(lim.PerChatBurst), b.tokens+float64(now.Sub(b.last))/float64(lim.PerChatInterval))
	b.last = now
	var wait time.Duration
	if b.tokens < 1 {
		wait = time.Duration((1 - b.tokens) * float64(lim.PerChatInterval))
	}
	fs.global = pruneBefore(fs.global, now.Add(-time.Second))
	if len(fs.global) >= lim.GlobalPerSecond {
		wait = max(wait, fs.global[len(fs.global)-lim.GlobalPerSecond].Add(time.Second).Sub(now))
	}
	if group {
		sent := pruneBefore(fs.groupSent[chat], now.Add(-time.Minute))
		fs.groupSent[chat] = sent
		if over := len(sent) + weight - lim.GroupPerMinute; over > 0 && len(sent) > 0 {
			wait = max(wait, sent[min(over, len(sent))-1].Add(time.Minute).Sub(now))
		}
	}
	if wait > 0 {
		return wait
	}
	b.tokens--
	fs.global = append(fs.global, now)
	if group {
		for range weight {
			fs.groupSent[chat] = append(fs.groupSent[chat], now)
		}
	}
	return 0
}

// pruneBefore drops the times before cutoff from a sorted slice.
func pruneBefore(ts []time.Time, cutoff time.Time) []time.Time {
	i := 0
	for i < len(ts) && ts[i].Before(cutoff) {
		i++
	}
	return ts[i:]
}

// inject writes an injected answer. created lists the messages the method
// created when the fault comes after the effect.
func (s *Server) inject(w http.ResponseWriter, idx int, inj *injection, created []int) {
	s.setCreated(idx, created)
	switch {
	case inj.drop:
		s.finishCall(idx, 0, nil, inj.kind)
		dropConnection(w)
	case inj.err.code == http.StatusBadGateway:
		s.finishCall(idx, http.StatusBadGateway, inj.err, inj.kind)
		writeBadGateway(w)
	default:
		s.answer(w, idx, nil, inj.err, inj.kind)
	}
}

// dropConnection closes the client's connection without an answer.
func dropConnection(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic("telegramtest: connection cannot be hijacked")
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		return
	}
	_ = conn.Close()
}

// writeBadGateway answers like nginx in front of a dead upstream: HTML,
// not JSON, which is what a client has to cope with in production.
func writeBadGateway(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html")
	w.WriteHeader(http.StatusBadGateway)
	_, _ = w.Write([]byte("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"))
}
