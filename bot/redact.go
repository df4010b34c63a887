package bot

import (
	"context"
	"log/slog"
	"net/url"
	"strings"
)

// redactor removes the bot token from text. Go's HTTP errors carry the full
// request URL, which holds the token, so every error is scrubbed before it
// reaches a log line or a chat.
type redactor struct {
	secrets []string
}

func newRedactor(token string) *redactor {
	r := &redactor{}
	if token == "" {
		return r
	}
	r.add(token)
	r.add(url.PathEscape(token))
	// The part after the colon is the secret; scrub it alone too, in case
	// something prints the token split up.
	if i := strings.IndexByte(token, ':'); i >= 0 && len(token)-i > 8 {
		r.add(token[i+1:])
	}
	return r
}

func (r *redactor) add(s string) {
	for _, have := range r.secrets {
		if have == s {
			return
		}
	}
	r.secrets = append(r.secrets, s)
}

// String returns s with every secret replaced by <token>.
func (r *redactor) String(s string) string {
	for _, secret := range r.secrets {
		s = strings.ReplaceAll(s, secret, "<token>")
	}
	return s
}

// Err returns err's text without secrets.
func (r *redactor) Err(err error) string {
	if err == nil {
		return ""
	}
	return r.String(err.Error())
}

// RedactingHandler wraps a slog.Handler so no record it writes contains the
// token: the message and every string or error attribute are scrubbed. It is
// the last line of defence; code also scrubs errors where it makes them.
type RedactingHandler struct {
	next slog.Handler
	r    *redactor
}

// NewRedactingHandler returns a handler that removes token from everything
// it passes to next.
func NewRedactingHandler(next slog.Handler, token string) *RedactingHandler {
	return &RedactingHandler{next: next, r: newRedactor(token)}
}

// Enabled reports whether the wrapped handler handles the level.
func (h *RedactingHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return h.next.Enabled(ctx, l)
}

// Handle scrubs the record and passes it on.
func (h *RedactingHandler) Handle(ctx context.Context, rec slog.Record) error {
	clean := slog.NewRecord(rec.Time, rec.Level, h.r.String(rec.Message), rec.PC)
	rec.Attrs(func(a slog.Attr) bool {
		clean.AddAttrs(h.attr(a))
		return true
	})
	return h.next.Handle(ctx, clean)
}

// WithAttrs scrubs the attributes and returns a wrapped handler.
func (h *RedactingHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	clean := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		clean[i] = h.attr(a)
	}
	return &RedactingHandler{next: h.next.WithAttrs(clean), r: h.r}
}

// WithGroup returns a wrapped handler with the group.
func (h *RedactingHandler) WithGroup(name string) slog.Handler {
	return &RedactingHandler{next: h.next.WithGroup(name), r: h.r}
}

func (h *RedactingHandler) attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, h.r.String(v.String()))
	case slog.KindGroup:
		group := v.Group()
		clean := make([]any, len(group))
		for i, g := range group {
			clean[i] = h.attr(g)
		}
		return slog.Group(a.Key, clean...)
	case slog.KindAny:
		if err, ok := v.Any().(error); ok {
			return slog.String(a.Key, h.r.Err(err))
		}
		return slog.String(a.Key, h.r.String(v.String()))
	}
	return a
}
