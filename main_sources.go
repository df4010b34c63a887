package main

import (
	"fmt"
	"net/http"

	"trackbot/bot"
	"trackbot/domain"
	"trackbot/fetch"
)

// sourceAccess is how the bot reaches sources: one client for sheets and
// CRMs that keeps to public addresses unless sources.allow_private is
// set, and the CRM connectors.
func sourceAccess(cfg Config) bot.SourceAccess {
	return bot.SourceAccess{
		HTTP: fetch.NewClient(fetch.Options{AllowPrivate: cfg.Sources.AllowPrivate}),
		Open: openConnector,
	}
}

// openConnector opens the CRM connector of kind. The Kommo and Bitrix24
// connectors live in package sources (sources.Open); until they are in
// this build, a CRM source fails its test with a clear "not available".
var openConnector bot.OpenConnector = func(kind domain.SourceKind, secret, baseURL string, client *http.Client) (bot.Connector, error) {
	return nil, fmt.Errorf("%s: %w", kind, bot.ErrNoConnector)
}
