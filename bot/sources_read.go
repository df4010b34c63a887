package bot

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"trackbot/domain"
	"trackbot/fetch"
	"trackbot/sheets"
)

// Connector reads one CRM account: what it offers to map, and the weekly
// counts under a mapping. The CRM packages implement it; main opens them.
type Connector interface {
	Catalog(ctx context.Context) (domain.SourceCatalog, error)
	Weeks(ctx context.Context, m domain.SourceMapping, from, to domain.Week, loc *time.Location) ([]domain.Entry, error)
}

// OpenConnector connects to a CRM of kind with its secret (a token, or a
// webhook URL) at baseURL (the account's address), through client.
type OpenConnector func(kind domain.SourceKind, secret, baseURL string, client *http.Client) (Connector, error)

// SourceAccess is how the bot reaches sources; main wires the real ones,
// tests point them at fakes.
type SourceAccess struct {
	// HTTP is the client for sheets and CRMs (see fetch.NewClient): public
	// addresses only unless sources.allow_private is set.
	HTTP *http.Client
	// Open connects to a CRM; nil means no CRM is available.
	Open OpenConnector
	// Timeout bounds one whole sync; zero means 5 minutes.
	Timeout time.Duration
}

// WithSources gives the bot its way to sources.
func WithSources(a SourceAccess) Option { return func(b *Bot) { b.sources = a } }

// syncTimeout is the default bound of one sync: a CRM's quarter of history
// pages through thousands of leads at a few requests a second.
const syncTimeout = 5 * time.Minute

// readSource reads the entries a sync of src would save: the sheet's
// every row, or the CRM's weeks from..to under the mapping, after
// checking the mapping still fits the CRM. Network and CRM errors come
// back as they are, for syncProblem to explain.
func (b *Bot) readSource(ctx context.Context, ws *domain.Workspace, src *domain.Source, from, to domain.Week) ([]domain.Entry, error) {
	if src.Kind == domain.SourceSheet {
		return b.readSheet(ctx, ws, src)
	}
	conn, err := b.connect(src)
	if err != nil {
		return nil, err
	}
	cat, err := conn.Catalog(ctx)
	if err != nil {
		return nil, err
	}
	if err := domain.CheckMapping(ws, src.Mapping, cat); err != nil {
		return nil, err
	}
	return conn.Weeks(ctx, src.Mapping, from, to, ws.Location())
}

// connect opens the CRM of src.
func (b *Bot) connect(src *domain.Source) (Connector, error) {
	if src.Secret.IsZero() || src.SecretLost {
		return nil, domain.Errorf(domain.ECONFLICT, "source.no_secret", src.Name)
	}
	if b.sources.Open == nil {
		return nil, ErrNoConnector
	}
	return b.sources.Open(src.Kind, src.Secret.Reveal(), src.Link, b.httpClient())
}

// ErrNoConnector is what an OpenConnector returns (wrapped) for a kind
// this build cannot read; the CEO is told it is not available.
var ErrNoConnector = errors.New("no connector for this kind of source in this build")

func (b *Bot) httpClient() *http.Client {
	if b.sources.HTTP != nil {
		return b.sources.HTTP
	}
	return fetch.NewClient(fetch.Options{})
}

// sheetLimits bound a sheet by link exactly as an upload is bounded.
var sheetLimits = sheets.DefaultLimits()

// readSheet downloads the sheet and reads it as /import reads an upload.
func (b *Bot) readSheet(ctx context.Context, ws *domain.Workspace, src *domain.Source) ([]domain.Entry, error) {
	data, ctype, err := fetch.Get(ctx, b.httpClient(), src.Link, sheetLimits.MaxBytes)
	if err != nil {
		return nil, err
	}
	if strings.Contains(strings.ToLower(ctype), "text/html") || looksLikeHTML(data) {
		return nil, errHTML
	}
	entries, err := sheets.Read(ws, sheetName(src.Link), bytes.NewReader(data), b.now().In(ws.Location()), sheetLimits)
	if err != nil {
		return nil, err
	}
	return entries, nil
}

// errHTML: the link answered with a web page — a sheet not published, or
// the editor's link instead of the published one.
var errHTML = errors.New("a web page")

func looksLikeHTML(data []byte) bool {
	head := strings.ToLower(string(bytes.TrimSpace(data[:min(len(data), 512)])))
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html")
}

// sheetName is the file name sheets.Read sees: the link's own, or, for a
// published Google Sheet (…/pub?output=csv), one with the format asked for.
func sheetName(link string) string {
	u, err := url.Parse(link)
	if err != nil {
		return "sheet.csv"
	}
	if out := u.Query().Get("output"); out == "csv" || out == "xlsx" {
		return "sheet." + out
	}
	if name := path.Base(u.Path); strings.Contains(name, ".") {
		return name
	}
	return "sheet.csv"
}

// syncProblem explains why a sync failed, as a catalog key and a detail,
// without the source's secret: an error text can hold a webhook URL.
func syncProblem(lang domain.Lang, src *domain.Source, err error) (key, detail string) {
	key, detail = classifyProblem(lang, err)
	if key == "source.fail.unavailable" {
		detail = string(src.Kind)
	}
	return key, scrubSecret(detail, src.Secret)
}

func classifyProblem(lang domain.Lang, err error) (key, detail string) {
	var de *domain.Error
	var se *fetch.StatusError
	var ne *fetch.NetworkError
	text := err.Error()
	lower := strings.ToLower(text)
	switch {
	case errors.As(err, &de) && strings.HasPrefix(de.Key, "source.fail.") && len(de.Args) == 1:
		return de.Key, domain.Echo(toString(de.Args[0]))
	case errors.As(err, &de):
		return "source.fail.data", de.Localize(lang)
	case errors.Is(err, ErrNoConnector):
		return "source.fail.unavailable", ""
	case errors.Is(err, errHTML):
		return "source.fail.html", ""
	case errors.Is(err, fetch.ErrPrivateAddress):
		return "source.fail.private", text
	case errors.Is(err, fetch.ErrScheme), errors.Is(err, fetch.ErrTooManyRedirects):
		return "source.fail.link", text
	case errors.Is(err, fetch.ErrTooBig):
		return "source.fail.too_big", domain.FormatCount(sheetLimits.MaxBytes>>20) + " MB"
	case errors.As(err, &se) && (se.Code == http.StatusUnauthorized || se.Code == http.StatusForbidden):
		return "source.fail.unauthorized", se.Status
	case errors.As(err, &se) && (se.Code == http.StatusTooManyRequests || se.Code == http.StatusServiceUnavailable):
		return "source.fail.limit", se.Status
	case errors.As(err, &se):
		return "source.fail.status", se.Status
	case errors.Is(err, context.DeadlineExceeded):
		return "source.fail.network", "timed out"
	case errors.As(err, &ne):
		return "source.fail.network", ne.Error()
	// CRM connectors report the CRM's answers in their own words.
	case strings.Contains(lower, "401") || strings.Contains(lower, "unauthorized") || strings.Contains(lower, "403") ||
		strings.Contains(lower, "invalid_token") || strings.Contains(lower, "forbidden"):
		return "source.fail.unauthorized", clip(text)
	case strings.Contains(lower, "429") || strings.Contains(lower, "query_limit_exceeded") || strings.Contains(lower, "too many requests"):
		return "source.fail.limit", clip(text)
	}
	var netErr interface{ Timeout() bool }
	if errors.As(err, &netErr) {
		return "source.fail.network", clip(text)
	}
	return "source.fail.other", clip(text)
}

func toString(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return ""
}

// clip keeps an error's detail short enough for one chat line.
func clip(s string) string { return clipRunes(strings.Join(strings.Fields(s), " "), 200) }

// scrubSecret takes the secret, and its parts and escaped forms, out of a
// text that is to be shown or logged.
func scrubSecret(text string, sec domain.Secret) string {
	v := sec.Reveal()
	if v == "" {
		return text
	}
	forms := []string{v, url.PathEscape(v), url.QueryEscape(v)}
	if u, err := url.Parse(v); err == nil && u.Host != "" && len(u.Path) > 1 {
		forms = append(forms, u.Path, strings.Trim(u.Path, "/"))
		// A webhook's path is /rest/<user>/<secret>/: its last part alone too.
		forms = append(forms, path.Base(strings.TrimRight(u.Path, "/")))
	}
	for _, f := range forms {
		if len(f) >= 6 {
			text = strings.ReplaceAll(text, f, sec.Hint())
		}
	}
	return text
}
