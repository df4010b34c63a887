package sources

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"trackbot/domain"
)

// Connector reads a CRM's catalog and weekly numbers.
type Connector interface {
	// Catalog lists what the CRM offers to map: pipelines (segments),
	// statuses (stages), loss reasons and users (managers).
	Catalog(ctx context.Context) (domain.SourceCatalog, error)
	// Weeks returns one entry per mapped segment and week from..to, weeks
	// counted in loc. On any error it returns no entries.
	Weeks(ctx context.Context, m domain.SourceMapping, from, to domain.Week, loc *time.Location) ([]domain.Entry, error)
}

// Options tune how a connector talks to its CRM. The zero value is what
// production uses.
type Options struct {
	// Client sends the requests; nil means a client with a one-minute
	// timeout. A caller that must keep the bot off private addresses
	// passes a client whose dialer refuses them.
	Client *http.Client
	// BaseURL, when set, replaces the CRM's scheme and host (tests).
	BaseURL string
	// Rate is requests per second: 0 is the CRM's documented limit,
	// negative sends without a client-side limit (tests, benchmarks).
	Rate float64
	// Backoff is the first pause after a "too many requests" answer
	// without Retry-After; it doubles on every retry. 0 is one second.
	Backoff time.Duration
	// Retries after "too many requests" before the sync gives up; 0 is 6.
	Retries int
	// Now is the clock; nil is time.Now.
	Now func() time.Time
}

// Open returns the connector of kind for its secret, talking through
// client; baseURL overrides the host for tests. Secrets:
//   - Kommo / amoCRM: the account and a long-lived token, separated by a
//     colon or a space: "mycompany:TOKEN" (mycompany.amocrm.ru),
//     "mycompany.kommo.com:TOKEN" or "https://mycompany.kommo.com TOKEN".
//   - Bitrix24: the inbound webhook URL, https://<portal>/rest/<user>/<secret>/.
func Open(kind domain.SourceKind, secret, baseURL string, client *http.Client) (Connector, error) {
	return OpenWith(kind, secret, Options{BaseURL: baseURL, Client: client})
}

// OpenWith is Open with every option.
func OpenWith(kind domain.SourceKind, secret string, o Options) (Connector, error) {
	if o.Client == nil {
		o.Client = &http.Client{Timeout: time.Minute}
	}
	if o.Backoff <= 0 {
		o.Backoff = time.Second
	}
	if o.Retries <= 0 {
		o.Retries = 6
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	switch kind {
	case domain.SourceKommo:
		return newKommo(secret, o)
	case domain.SourceBitrix24:
		return newBitrix24(secret, o)
	}
	return nil, fmt.Errorf("sources: %q is not a CRM this package connects to: %w", kind, ErrBadSecret)
}

// kommoHosts are the domains amoCRM and Kommo accounts live on. A token is
// only ever sent there, so a mistyped address cannot leak it or point the
// bot at an internal service.
var kommoHosts = []string{".amocrm.ru", ".amocrm.com", ".kommo.com"}

var (
	kommoSubdomain = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	kommoToken     = regexp.MustCompile(`^[A-Za-z0-9._-]+$`) // a JWT
)

// parseKommoSecret splits "account:token" or "account token" and returns
// the account's base URL and the token.
func parseKommoSecret(secret string) (base, token string, err error) {
	s := strings.TrimSpace(secret)
	account := ""
	if i := strings.IndexAny(s, " \t\r\n"); i >= 0 {
		account, token = s[:i], strings.TrimSpace(s[i+1:])
	} else if i := strings.LastIndex(s, ":"); i >= 0 {
		account, token = s[:i], s[i+1:]
	}
	if account == "" || !kommoToken.MatchString(token) {
		return "", "", fmt.Errorf("kommo: write the account and the long-lived token, e.g. mycompany.kommo.com:TOKEN: %w", ErrBadSecret)
	}
	account = strings.ToLower(account)
	if kommoSubdomain.MatchString(account) {
		return "https://" + account + ".amocrm.ru", token, nil
	}
	if !strings.Contains(account, "://") {
		account = "https://" + account
	}
	u, err := url.Parse(account)
	if err != nil || u.Scheme != "https" || u.Port() != "" || !hasSuffix(u.Hostname(), kommoHosts) {
		return "", "", fmt.Errorf("kommo: the account must be an address like mycompany.kommo.com or mycompany.amocrm.ru: %w", ErrBadSecret)
	}
	return "https://" + u.Hostname(), token, nil
}

func hasSuffix(host string, suffixes []string) bool {
	for _, s := range suffixes {
		if strings.HasSuffix(host, s) && len(host) > len(s) {
			return true
		}
	}
	return false
}

var bitrixPath = regexp.MustCompile(`^/rest/([0-9]+)/([A-Za-z0-9]+)(/.*)?$`)

// parseBitrixWebhook checks an inbound webhook URL and returns it in the
// form https://<portal>/rest/<user>/<secret>/, dropping a method name
// pasted after it. A portal may be a cloud one or the company's own
// server, so any HTTPS host is accepted.
func parseBitrixWebhook(secret string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(secret))
	if err != nil || u.Scheme != "https" || u.Hostname() == "" || u.User != nil {
		return "", fmt.Errorf("bitrix24: write the inbound webhook URL, https://<portal>/rest/<user>/<secret>/: %w", ErrBadSecret)
	}
	p := bitrixPath.FindStringSubmatch(u.Path)
	if p == nil {
		return "", fmt.Errorf("bitrix24: the webhook URL must look like https://<portal>/rest/<user>/<secret>/: %w", ErrBadSecret)
	}
	return "https://" + u.Host + "/rest/" + p[1] + "/" + p[2] + "/", nil
}

// rebase replaces raw's scheme and host with base's, keeping raw's path.
func rebase(raw, base string) string {
	if base == "" {
		return raw
	}
	u, _ := url.Parse(raw)
	return strings.TrimSuffix(base, "/") + u.Path
}
