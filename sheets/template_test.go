package sheets

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"trackbot/domain"
)

// templateHeader is the header of the CSV template in lang.
func templateHeader(t *testing.T, ws *domain.Workspace, lang domain.Lang) []string {
	t.Helper()
	data, err := Template(ws, lang, []domain.Week{{Year: 2026, Num: 47}}, FormatCSV)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, utf8BOM)))
	if lang == domain.Russian {
		r.Comma = ';'
	}
	header, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	return header
}

// dropOffStagesOf lists the stages of the header's drop-off columns, once each.
func dropOffStagesOf(t *testing.T, ws *domain.Workspace, header []string) []string {
	t.Helper()
	var stages []string
	for _, h := range header {
		f, prob := domain.ParseField(ws, h)
		if prob == nil && f.Kind == domain.FieldDropOff && !slices.Contains(stages, f.Stage) {
			stages = append(stages, f.Stage)
		}
	}
	return stages
}

func TestTemplate_DropOffColumnsOnlyWhereTheMethodAsksWhy(t *testing.T) {
	ws := newTestWorkspace()
	header := templateHeader(t, ws, domain.English)
	if got, want := strings.Join(dropOffStagesOf(t, ws, header), ","), "meetings,proposals,deals,paid"; got != want {
		t.Errorf("drop-off columns are for %s, want %s (lost on the way into each)", got, want)
	}
	for _, h := range header {
		if strings.HasPrefix(h, "lost.Leads.") || strings.HasPrefix(h, "lost.Clicks.") || strings.HasPrefix(h, "lost.Qualified.") {
			t.Errorf("the template offers %q", h)
		}
	}
	if !slices.Contains(header, "lost.Paid.Price") {
		t.Errorf("the template lacks lost.Paid.Price (deals not paid): %q", header)
	}

	if err := ws.SetDropOffReasons("Proposals", false); err != nil {
		t.Fatal(err)
	}
	if err := ws.SetDropOffReasons("Qualified", true); err != nil {
		t.Fatal(err)
	}
	header = templateHeader(t, ws, domain.Russian)
	if got, want := strings.Join(dropOffStagesOf(t, ws, header), ","), "qualified,meetings,deals,paid"; got != want {
		t.Errorf("after the CEO's switches drop-off columns are for %s, want %s", got, want)
	}
	if !slices.Contains(header, "отвал.Встречи.Цена") {
		t.Errorf("the Russian template lacks отвал.Встречи.Цена: %q", header)
	}
}
