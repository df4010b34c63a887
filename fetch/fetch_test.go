package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
)

func TestPublic(t *testing.T) {
	for addr, want := range map[string]bool{
		"8.8.8.8": true, "2a00:1450:4010::8a": true,
		"127.0.0.1": false, "10.1.2.3": false, "192.168.0.1": false, "172.16.5.4": false, "169.254.169.254": false,
		"100.64.0.1": false, "0.0.0.0": false, "::1": false, "fe80::1": false, "fc00::1": false,
		"::ffff:127.0.0.1": false, "::ffff:8.8.8.8": true, "64:ff9b::a00:1": false, "224.0.0.1": false,
	} {
		if got := Public(netip.MustParseAddr(addr)); got != want {
			t.Errorf("Public(%s) = %v, want %v", addr, got, want)
		}
	}
}

func TestGet_RefusesLoopbackUnlessAllowed(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "segment,week,leads\n")
	}))
	defer srv.Close()
	ctx := context.Background()
	if _, _, err := Get(ctx, NewClient(Options{}), srv.URL+"/a.csv", 1<<20); !errors.Is(err, ErrPrivateAddress) {
		t.Errorf("Get of a loopback server = %v, want ErrPrivateAddress", err)
	}
	// A public-looking name that resolves to loopback is refused the same way.
	host := strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)
	if _, _, err := Get(ctx, NewClient(Options{}), host+"/a.csv", 1<<20); !errors.Is(err, ErrPrivateAddress) {
		t.Errorf("Get of localhost = %v, want ErrPrivateAddress", err)
	}
	data, _, err := Get(ctx, NewClient(Options{AllowPrivate: true}), srv.URL+"/a.csv", 1<<20)
	if err != nil || string(data) != "segment,week,leads\n" {
		t.Errorf("with AllowPrivate: %q, %v", data, err)
	}
}

func TestGet_Limits(t *testing.T) {
	hops := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/big":
			w.Write([]byte(strings.Repeat("x", 2000)))
		case "/loop":
			hops++
			http.Redirect(w, r, "/loop", http.StatusFound)
		case "/ftp":
			http.Redirect(w, r, "ftp://example.com/a.csv", http.StatusFound)
		case "/two":
			http.Redirect(w, r, "/one", http.StatusFound)
		case "/one":
			http.Redirect(w, r, "/ok", http.StatusFound)
		case "/ok":
			w.Write([]byte("ok"))
		case "/secret":
			w.WriteHeader(http.StatusUnauthorized)
		}
	}))
	defer srv.Close()
	ctx := context.Background()
	c := NewClient(Options{AllowPrivate: true})
	if _, _, err := Get(ctx, c, srv.URL+"/big", 1000); !errors.Is(err, ErrTooBig) {
		t.Errorf("a 2000-byte body under a 1000-byte limit: %v", err)
	}
	if _, _, err := Get(ctx, c, srv.URL+"/loop", 1000); !errors.Is(err, ErrTooManyRedirects) || hops != MaxRedirects+1 {
		t.Errorf("a redirect loop: %v after %d hops", err, hops)
	}
	if _, _, err := Get(ctx, c, srv.URL+"/ftp", 1000); !errors.Is(err, ErrScheme) {
		t.Errorf("a redirect to ftp: %v", err)
	}
	if data, _, err := Get(ctx, c, srv.URL+"/two", 1000); err != nil || string(data) != "ok" {
		t.Errorf("two redirects: %q, %v", data, err)
	}
	var se *StatusError
	if _, _, err := Get(ctx, c, srv.URL+"/secret", 1000); !errors.As(err, &se) || se.Code != 401 {
		t.Errorf("a 401: %v", err)
	}
	for _, link := range []string{"file:///etc/passwd", "ftp://example.com/a", "https://user:pw@example.com/a", "/relative"} {
		if _, _, err := Get(ctx, c, link, 1000); !errors.Is(err, ErrScheme) {
			t.Errorf("Get(%s) = %v, want ErrScheme", link, err)
		}
	}
}

func TestNetworkError_KeepsTheURLOut(t *testing.T) {
	c := NewClient(Options{AllowPrivate: true})
	_, _, err := Get(context.Background(), c, "http://127.0.0.1:1/rest/1/topsecretwebhook/", 10)
	var ne *NetworkError
	if !errors.As(err, &ne) || strings.Contains(err.Error(), "topsecret") {
		t.Errorf("a refused connection: %v (%T)", err, err)
	}
}
