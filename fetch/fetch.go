// Package fetch reads files and APIs the bot is pointed at by people: a
// published sheet, a CRM account. Such a link is untrusted, so the client
// it builds goes only to public http(s) addresses — the address is checked
// when the connection is made, after DNS, so a name that resolves to a
// private or loopback address (DNS rebinding included) is refused — follows
// at most 3 redirects, gives up after a timeout, and reads at most a given
// number of bytes.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// Options tune the client. The zero value is the production setting.
type Options struct {
	// AllowPrivate lets the client reach private and loopback addresses
	// (sources.allow_private): tests, and a CRM on the company's network.
	AllowPrivate bool
	// Timeout bounds one request, body included; zero means 30 seconds.
	Timeout time.Duration
}

// MaxRedirects is how many redirects a request follows: enough for a
// published Google Sheet (one or two hops), too few for a loop.
const MaxRedirects = 3

// Errors a request can fail with, for the bot to say what to fix.
var (
	// ErrPrivateAddress: the link leads to a private, loopback or other
	// non-public address.
	ErrPrivateAddress = errors.New("the address is not a public internet address")
	// ErrScheme: the link is not http(s).
	ErrScheme = errors.New("only http and https links are allowed")
	// ErrTooManyRedirects: the link redirects more than MaxRedirects times.
	ErrTooManyRedirects = errors.New("the link redirects too many times")
	// ErrTooBig: the answer is larger than the caller allows.
	ErrTooBig = errors.New("the file is too big")
)

// StatusError is an answer other than 200 OK.
type StatusError struct {
	Code   int
	Status string // as the server said it, e.g. "401 Unauthorized"
}

func (e *StatusError) Error() string { return "the server answered " + e.Status }

// NewClient returns a client that keeps to the rules in the package
// comment.
func NewClient(o Options) *http.Client {
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	if !o.AllowPrivate {
		dialer.Control = refusePrivate
	}
	transport := &http.Transport{
		// Never a proxy from the environment: it would hide where the
		// connection really goes.
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 20 * time.Second,
		MaxIdleConns:          10,
		IdleConnTimeout:       60 * time.Second,
		ForceAttemptHTTP2:     true,
	}
	return &http.Client{
		Transport: transport,
		Timeout:   o.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > MaxRedirects {
				return ErrTooManyRedirects
			}
			return CheckURL(req.URL)
		},
	}
}

// refusePrivate runs after DNS, on the address about to be dialled.
func refusePrivate(_, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return err
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return err
	}
	if !Public(ip) {
		return ErrPrivateAddress
	}
	return nil
}

// Public reports whether ip is an ordinary internet address: not
// loopback, private, link-local, multicast, unspecified, carrier-grade
// NAT, or an IPv4 address hidden in IPv6.
func Public(ip netip.Addr) bool {
	ip = ip.Unmap()
	switch {
	case !ip.IsValid(), ip.IsLoopback(), ip.IsPrivate(), ip.IsLinkLocalUnicast(), ip.IsLinkLocalMulticast(),
		ip.IsInterfaceLocalMulticast(), ip.IsMulticast(), ip.IsUnspecified():
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

// nonPublic are ranges the netip predicates do not cover.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"), // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"), // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b::/96"), // NAT64 can reach IPv4 private space
	netip.MustParsePrefix("2002::/16"),    // 6to4, likewise
}

// CheckURL accepts only absolute http(s) URLs with a host and without
// credentials in them.
func CheckURL(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return ErrScheme
	}
	if u.Host == "" || u.User != nil {
		return fmt.Errorf("%w: a link needs a host and no user name", ErrScheme)
	}
	return nil
}

// ParseURL reads a link a person sent and checks it with CheckURL.
func ParseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, ErrScheme
	}
	return u, CheckURL(u)
}

// Get reads the link with client, refusing an answer other than 200 and a
// body over max bytes. It returns the body and the answer's content type.
func Get(ctx context.Context, client *http.Client, link string, max int64) ([]byte, string, error) {
	u, err := ParseURL(link)
	if err != nil {
		return nil, "", err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, "", err
	}
	req.Header.Set("User-Agent", "trackbot")
	resp, err := client.Do(req)
	if err != nil {
		return nil, "", Unwrap(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, "", &StatusError{Code: resp.StatusCode, Status: resp.Status}
	}
	if resp.ContentLength > max {
		return nil, "", ErrTooBig
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return nil, "", Unwrap(err)
	}
	if int64(len(data)) > max {
		return nil, "", ErrTooBig
	}
	return data, resp.Header.Get("Content-Type"), nil
}

// Unwrap turns a client error into one of the package's errors when it is
// one, so callers can tell a private address from a network failure; a
// *url.Error otherwise keeps its URL out of the text, as it may hold a
// secret (a webhook URL).
func Unwrap(err error) error {
	for _, known := range []error{ErrPrivateAddress, ErrScheme, ErrTooManyRedirects} {
		if errors.Is(err, known) {
			return known
		}
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return &NetworkError{Err: ue.Err}
	}
	return err
}

// NetworkError is a failure to talk to the server at all: DNS, connect,
// TLS, timeout.
type NetworkError struct{ Err error }

func (e *NetworkError) Error() string {
	var ne net.Error
	if errors.As(e.Err, &ne) && ne.Timeout() {
		return "timed out"
	}
	var dns *net.DNSError
	if errors.As(e.Err, &dns) {
		return "no such host " + dns.Name
	}
	var op *net.OpError
	if errors.As(e.Err, &op) && op.Op == "dial" {
		return "could not connect"
	}
	return e.Err.Error()
}

func (e *NetworkError) Unwrap() error { return e.Err }
