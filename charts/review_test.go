package charts

import (
	"slices"
	"strings"
	"testing"
	"time"

	"trackbot/domain"
	"trackbot/sample"
)

func attachmentNames(files []domain.Attachment) []string {
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
	}
	return names
}

func TestReviewPack_TextsFromDomainPicturesFromCharts(t *testing.T) {
	t.Parallel()
	r := newRenderer(t)
	now := time.Date(2026, time.March, 11, 12, 0, 0, 0, time.UTC)
	ws, recs := sample.Workspace(now)
	ws.Lang = domain.English
	p := domain.WeekPeriod(ws.LastCompleteWeek(now))
	today := ws.Today(now)
	pack, err := r.ReviewPack(ws, "", p, recs, nil, nil, today)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"funnel.png", "trend.png", "dropoffs.png", "quality.png", "mix.png", "table.png"}
	if got := attachmentNames(pack.Pictures); !slices.Equal(got, want) {
		t.Errorf("pictures %v, want %v (one focus segment)", got, want)
	}
	for _, f := range pack.Pictures {
		if len(f.Data) == 0 || f.Caption == "" {
			t.Errorf("%s: %d bytes, caption %q; want a picture with a caption", f.Name, len(f.Data), f.Caption)
		}
	}
	if !strings.HasPrefix(pack.Pictures[0].Caption, "Funnel · Dealers · ") {
		t.Errorf("funnel caption = %q", pack.Pictures[0].Caption)
	}
	texts := domain.ReviewTexts(ws, "", p, recs, nil, nil, today)
	if pack.Headline != texts.Headline || pack.Questions != texts.Questions || pack.Hypotheses != texts.Hypotheses {
		t.Error("the pack's texts differ from domain.ReviewTexts")
	}
}

func TestReviewPictures_FurtherSegmentsGetTheirFunnelOnly(t *testing.T) {
	t.Parallel()
	r := newRenderer(t)
	observe(t, r, encodeNone)
	now := time.Date(2026, time.March, 11, 12, 0, 0, 0, time.UTC)
	ws, recs := sample.Workspace(now)
	p := domain.WeekPeriod(ws.LastCompleteWeek(now))
	files, gaps, err := r.ReviewPictures(ws, ws.ActiveSegments(), p, recs)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"funnel.png", "trend.png", "dropoffs.png", "quality.png", "funnel.png", "funnel.png", "mix.png", "table.png"}
	if got := attachmentNames(files); !slices.Equal(got, want) {
		t.Errorf("pictures %v, want %v", got, want)
	}
	if len(gaps) != 0 {
		t.Errorf("26 weeks of numbers left out %+v", gaps)
	}
	if !strings.Contains(files[4].Caption, "Застройщики") {
		t.Errorf("second funnel caption = %q, want the second segment", files[4].Caption)
	}
}
