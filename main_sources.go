package main

import (
	"context"
	"errors"
	"net/http"
	"time"

	"trackbot/bot"
	"trackbot/domain"
	"trackbot/fetch"
	"trackbot/sources"
)

// sourceAccess is how the bot reaches sources: one client for sheets and
// CRMs that keeps to public addresses unless sources.allow_private is
// set, and the CRM connectors of package sources, tuned by crm (tests
// point them at a fake; production passes the zero value).
func sourceAccess(cfg Config, crm sources.Options) bot.SourceAccess {
	return bot.SourceAccess{
		HTTP: fetch.NewClient(fetch.Options{AllowPrivate: cfg.Sources.AllowPrivate}),
		Open: crmOpener(crm),
	}
}

// crmOpener opens package sources' connectors. The bot keeps a Kommo
// account's address apart from its token (only the token is secret);
// sources.Open reads them together. Its failures become the problems the
// CEO is told about (source.fail.*).
func crmOpener(o sources.Options) bot.OpenConnector {
	return func(kind domain.SourceKind, secret, account string, client *http.Client) (bot.Connector, error) {
		if kind == domain.SourceKommo {
			secret = account + " " + secret
		}
		o.Client = client
		c, err := sources.OpenWith(kind, secret, o)
		if err != nil {
			return nil, crmProblem(err)
		}
		return crmConnector{c}, nil
	}
}

// crmConnector translates a connector's errors into what the CEO reads.
type crmConnector struct{ c sources.Connector }

func (w crmConnector) Catalog(ctx context.Context) (domain.SourceCatalog, error) {
	cat, err := w.c.Catalog(ctx)
	return cat, crmProblem(err)
}

func (w crmConnector) Weeks(ctx context.Context, m domain.SourceMapping, from, to domain.Week, loc *time.Location) ([]domain.Entry, error) {
	entries, err := w.c.Weeks(ctx, m, from, to, loc)
	return entries, crmProblem(err)
}

// crmProblem names the kind of a CRM failure for the CEO. The connectors'
// errors never hold the token or the webhook URL, so their text is the
// detail.
func crmProblem(err error) error {
	if err == nil {
		return nil
	}
	for _, k := range []struct {
		kind error
		key  string
	}{
		{sources.ErrUnauthorized, "source.fail.unauthorized"},
		{sources.ErrForbidden, "source.fail.unauthorized"},
		{sources.ErrRateLimited, "source.fail.limit"},
		{sources.ErrMappingChanged, "source.fail.changed"},
		{sources.ErrBadSecret, "source.fail.secret"},
	} {
		if errors.Is(err, k.kind) {
			return domain.Errorf(domain.ECONFLICT, k.key, err.Error())
		}
	}
	// A network failure or an unexpected answer is explained by the bot
	// from the error as it is.
	return err
}
