package sources

import (
	"errors"
	"fmt"
)

// The kinds of failure a sync reports. Callers tell them apart with
// errors.Is and turn them into what the CEO is told to fix.
var (
	// ErrBadSecret: the token or webhook URL is not in a form this package
	// reads; nothing was sent anywhere.
	ErrBadSecret = errors.New("the secret is not in the expected form")
	// ErrUnauthorized: the CRM refused the token or webhook (HTTP 401). It
	// is never retried: a new token or webhook is needed.
	ErrUnauthorized = errors.New("the CRM refused the credentials")
	// ErrForbidden: the credentials are valid but may not read what a sync
	// needs (HTTP 403: a blocked account, a webhook without the crm scope).
	ErrForbidden = errors.New("the CRM does not allow reading this data")
	// ErrRateLimited: the CRM kept answering "too many requests" after
	// every back-off.
	ErrRateLimited = errors.New("the CRM kept refusing for too many requests")
	// ErrMappingChanged: the mapping names a pipeline or stage the CRM no
	// longer has, so the numbers would silently be wrong.
	ErrMappingChanged = errors.New("the CRM's pipelines changed since the source was mapped")
	// ErrUnexpected: the CRM answered with something this package does
	// not understand (a 5xx after retries, a body that is not its API).
	ErrUnexpected = errors.New("the CRM gave an unexpected answer")
)

// Error is a failed call to a CRM. It never holds the token or the
// webhook URL: Op names the endpoint or method only.
type Error struct {
	CRM    string // "kommo" or "bitrix24"
	Op     string // endpoint path or REST method, without secrets
	Status int    // HTTP status, 0 when the request never got an answer
	Code   string // the CRM's own error code, if it gave one
	Hint   string // what to fix, in English, for logs and the CEO's message
	Err    error  // one of the Err* kinds above, or a network error
}

// Error formats the failure for logs.
func (e *Error) Error() string {
	s := e.CRM + ": " + e.Op
	if e.Status != 0 {
		s += fmt.Sprintf(": HTTP %d", e.Status)
	}
	if e.Code != "" {
		s += " " + e.Code
	}
	s += ": " + e.Err.Error()
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return s
}

// Unwrap lets errors.Is find the kind of failure.
func (e *Error) Unwrap() error { return e.Err }
