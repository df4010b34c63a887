package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"trackbot/domain"
	"trackbot/fetch"
)

func TestParseSecret(t *testing.T) {
	tests := []struct {
		kind       domain.SourceKind
		text       string
		ok         bool
		secret     string
		link, hint string
	}{
		{domain.SourceKommo, "acme " + kommoToken, true, kommoToken, "https://acme.amocrm.ru", "…wxyz"},
		{domain.SourceKommo, "Acme.amoCRM.ru  " + kommoToken, true, kommoToken, "https://acme.amocrm.ru", "…wxyz"},
		{domain.SourceKommo, "https://acme.kommo.com/ " + kommoToken, true, kommoToken, "https://acme.kommo.com", "…wxyz"},
		{domain.SourceKommo, kommoToken, false, "", "", ""},
		{domain.SourceKommo, "acme short", false, "", "", ""},
		{domain.SourceKommo, "acme_bad! " + kommoToken, false, "", "", ""},
		{domain.SourceBitrix24, "https://acme.bitrix24.ru/rest/1/q2w3e4r5t6y7u8i9", true, "https://acme.bitrix24.ru/rest/1/q2w3e4r5t6y7u8i9/", "https://acme.bitrix24.ru", "…u8i9"},
		{domain.SourceBitrix24, "https://acme.bitrix24.ru/crm/deal/", false, "", "", ""},
		{domain.SourceBitrix24, "ftp://acme.bitrix24.ru/rest/1/q2w3e4r5t6y7u8i9/", false, "", "", ""},
	}
	for _, tt := range tests {
		sec, link, ok := parseSecret(tt.kind, tt.text)
		if ok != tt.ok || sec.Reveal() != tt.secret || link != tt.link || ok && sec.Hint() != tt.hint {
			t.Errorf("parseSecret(%s, %.40q) = %q, %q, %v; want %q, %q, %v", tt.kind, tt.text, sec.Hint(), link, ok, tt.hint, tt.link, tt.ok)
		}
	}
}

func TestSyncProblem_ExplainsAndScrubs(t *testing.T) {
	webhook := domain.NewSecret("https://acme.bitrix24.ru/rest/1/q2w3e4r5t6y7u8i9/")
	src := &domain.Source{Name: "b24", Kind: domain.SourceBitrix24, Secret: webhook}
	tests := []struct {
		err     error
		key     string
		contain string
	}{
		{fmt.Errorf("bitrix24: Get %q: 401 Unauthorized", webhook.Reveal()+"crm.deal.list"), "source.fail.unauthorized", "…u8i9"},
		{errors.New("bitrix24: QUERY_LIMIT_EXCEEDED at q2w3e4r5t6y7u8i9"), "source.fail.limit", "…u8i9"},
		{&fetch.StatusError{Code: 404, Status: "404 Not Found"}, "source.fail.status", "404 Not Found"},
		{&fetch.StatusError{Code: 403, Status: "403 Forbidden"}, "source.fail.unauthorized", "403"},
		{fetch.ErrPrivateAddress, "source.fail.private", "not a public"},
		{fetch.ErrTooBig, "source.fail.too_big", "5 MB"},
		{context.DeadlineExceeded, "source.fail.network", "timed out"},
		{errHTML, "source.fail.html", ""},
		{fmt.Errorf("x: %w", ErrNoConnector), "source.fail.unavailable", "bitrix24"},
		{domain.Errorf(domain.ECONFLICT, "source.fail.changed", "st 42"), "source.fail.changed", "st 42"},
		{domain.Errorf(domain.EINVALID, "source.empty", "b24"), "source.fail.data", "gave no numbers"},
		{errors.New("something odd"), "source.fail.other", "something odd"},
	}
	for _, tt := range tests {
		key, detail := syncProblem(domain.English, src, tt.err)
		if key != tt.key || !strings.Contains(detail, tt.contain) || strings.Contains(detail, "q2w3e4r5t6y7u8i9") {
			t.Errorf("syncProblem(%v) = %s, %q; want %s with %q and no secret", tt.err, key, detail, tt.key, tt.contain)
		}
		if !domain.HasText(key) {
			t.Errorf("%s has no text", key)
		}
	}
}

func TestSheetName(t *testing.T) {
	for link, want := range map[string]string{
		"https://docs.google.com/spreadsheets/d/e/2PACX/pub?gid=0&single=true&output=csv": "sheet.csv",
		"https://docs.google.com/spreadsheets/d/e/2PACX/pub?output=xlsx":                  "sheet.xlsx",
		"https://files.example.com/numbers/weekly.xlsx":                                   "weekly.xlsx",
		"https://files.example.com/export":                                                "sheet.csv",
	} {
		if got := sheetName(link); got != want {
			t.Errorf("sheetName(%s) = %s, want %s", link, got, want)
		}
	}
}
