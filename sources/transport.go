package sources

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"
)

// maxBody caps one answer: a page of 250 leads is a few hundred kilobytes,
// so anything near this is not the CRM's API.
const maxBody = 32 << 20

// limiter spaces requests to stay under a CRM's rate limit: a token bucket
// that refills at rate per second and holds at most burst tokens. A nil
// limiter lets everything through (tests and benchmarks that measure the
// connector's own time).
type limiter struct {
	mu     sync.Mutex
	every  time.Duration // time to earn one token
	burst  float64
	tokens float64
	last   time.Time
	now    func() time.Time
}

// newLimiter returns a limiter of rate requests per second, or nil for a
// rate that is not positive.
func newLimiter(rate float64, burst int) *limiter {
	if rate <= 0 {
		return nil
	}
	if burst < 1 {
		burst = 1
	}
	return &limiter{
		every:  time.Duration(float64(time.Second) / rate),
		burst:  float64(burst),
		tokens: float64(burst),
		now:    time.Now,
	}
}

// reserve takes a token and returns how long to wait before using it.
// Tokens may go negative: each waiting caller holds its own place in line.
func (l *limiter) reserve() time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if !l.last.IsZero() {
		l.tokens = min(l.burst, l.tokens+float64(now.Sub(l.last))/float64(l.every))
	}
	l.last = now
	l.tokens--
	if l.tokens >= 0 {
		return 0
	}
	return time.Duration(-l.tokens * float64(l.every))
}

// wait blocks until the next request may go, or ctx ends.
func (l *limiter) wait(ctx context.Context) error {
	if l == nil {
		return ctx.Err()
	}
	return sleep(ctx, l.reserve())
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// transport sends a CRM's requests through its limiter and backs off when
// the CRM says "too many requests". What counts as such, and what an
// error answer means, is the CRM's own classify.
type transport struct {
	crm      string
	client   *http.Client
	lim      *limiter
	retries  int           // retries after a rate-limit answer
	backoff  time.Duration // first wait when the CRM gives no Retry-After
	classify func(status int, body []byte) (retry bool, e *Error)
}

// maxBackoff caps one wait, so a sync gives up within a few minutes
// instead of hanging on a CRM that stays overloaded.
const maxBackoff = 30 * time.Second

// call sends the request newReq builds (anew for every attempt, since a
// body is read once) and returns the status and body of an answer below
// 300 or a 304. Errors are *Error and never carry the request's URL.
func (t *transport) call(ctx context.Context, op string, newReq func(context.Context) (*http.Request, error)) (int, []byte, error) {
	for attempt := 0; ; attempt++ {
		if err := t.lim.wait(ctx); err != nil {
			return 0, nil, err
		}
		req, err := newReq(ctx)
		if err != nil {
			return 0, nil, &Error{CRM: t.crm, Op: op, Err: err}
		}
		resp, err := t.client.Do(req)
		if err != nil {
			if ctx.Err() != nil {
				return 0, nil, ctx.Err()
			}
			// A *url.Error repeats the URL, and a Bitrix24 URL holds the
			// webhook's secret: keep only what went wrong.
			var ue *url.Error
			if errors.As(err, &ue) {
				err = ue.Err
			}
			return 0, nil, &Error{CRM: t.crm, Op: op, Err: err, Hint: "the CRM could not be reached; check the address and try again later"}
		}
		body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
		resp.Body.Close()
		if err != nil {
			return 0, nil, &Error{CRM: t.crm, Op: op, Status: resp.StatusCode, Err: err}
		}
		if len(body) > maxBody {
			return 0, nil, &Error{CRM: t.crm, Op: op, Status: resp.StatusCode, Err: ErrUnexpected, Hint: "the answer is too large"}
		}
		if resp.StatusCode < 300 || resp.StatusCode == http.StatusNotModified {
			return resp.StatusCode, body, nil
		}
		retry, e := t.classify(resp.StatusCode, body)
		e.CRM, e.Op, e.Status = t.crm, op, resp.StatusCode
		if !retry {
			return 0, nil, e
		}
		if attempt >= t.retries {
			e.Err = ErrRateLimited
			return 0, nil, e
		}
		if err := sleep(ctx, t.wait(attempt, resp.Header)); err != nil {
			return 0, nil, err
		}
	}
}

// wait is the pause before retry number attempt+1: the CRM's Retry-After
// when it gives one, else a doubling back-off; both capped.
func (t *transport) wait(attempt int, h http.Header) time.Duration {
	if s, err := strconv.Atoi(h.Get("Retry-After")); err == nil && s >= 0 {
		return min(time.Duration(s)*time.Second, maxBackoff)
	}
	return min(t.backoff<<attempt, maxBackoff)
}
