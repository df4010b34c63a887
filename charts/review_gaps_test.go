package charts

import (
	"image"
	"slices"
	"strings"
	"testing"
	"time"

	"trackbot/domain"
	"trackbot/sample"
)

// lastWeeksOf keeps the records of the last n weeks up to and including last.
func lastWeeksOf(recs []domain.WeeklyRecord, last domain.Week, n int) []domain.WeeklyRecord {
	span := domain.LastWeeks(last, n)
	var out []domain.WeeklyRecord
	for _, r := range recs {
		if span.Contains(r.Week) {
			out = append(out, r)
		}
	}
	return out
}

// A workspace with one week of numbers gets no trend of one dot: the
// headline says which charts are left out and why, and every picture sent
// passes the phone-width check.
func TestReviewPack_OneWeekSendsNoChartWithTooLittleData(t *testing.T) {
	t.Parallel()
	r := newRenderer(t)
	var layouts []layout
	observe(t, r, func(l layout, _ *image.RGBA) bool {
		layouts = append(layouts, l)
		return false
	})

	now := time.Date(2026, time.March, 11, 12, 0, 0, 0, time.UTC)
	ws, recs := sample.Workspace(now)
	ws.Lang = domain.English
	p := domain.WeekPeriod(ws.LastCompleteWeek(now))
	pack, err := r.ReviewPack(ws, "", p, lastWeeksOf(recs, p.To, 1), nil, nil, ws.Today(now))
	if err != nil {
		t.Fatal(err)
	}
	got := attachmentNames(pack.Pictures)
	for _, left := range []string{"trend.png", "quality.png"} {
		if slices.Contains(got, left) {
			t.Errorf("pictures %v include %s after one week", got, left)
		}
	}
	if !slices.Contains(got, "funnel.png") || !slices.Contains(got, "table.png") {
		t.Errorf("pictures %v, want the week's funnel and table", got)
	}
	for _, want := range []string{"Left out of the charts:",
		"• Conversion trend · Dealers — needs 3 weeks with numbers, has 1",
		"• Lead quality · Dealers — needs 3 weeks with numbers, has 1"} {
		if !strings.Contains(pack.Headline, want) {
			t.Errorf("headline lacks %q:\n%s", want, pack.Headline)
		}
	}
	if len(layouts) != len(pack.Pictures) {
		t.Fatalf("drew %d pictures for %d sent: a left-out chart was drawn anyway", len(layouts), len(pack.Pictures))
	}
	for _, l := range layouts {
		checkPhoneWidth(t, l)
	}
}

// Three weeks make a trend.
func TestReviewPack_ThreeWeeksMakeATrend(t *testing.T) {
	t.Parallel()
	r := newRenderer(t)
	observe(t, r, encodeNone)
	now := time.Date(2026, time.March, 11, 12, 0, 0, 0, time.UTC)
	ws, recs := sample.Workspace(now)
	p := domain.WeekPeriod(ws.LastCompleteWeek(now))
	files, gaps, err := r.ReviewPictures(ws, ws.ReviewSegments(""), p, lastWeeksOf(recs, p.To, domain.MinTrendWeeks))
	if err != nil {
		t.Fatal(err)
	}
	if got := attachmentNames(files); !slices.Contains(got, "trend.png") {
		t.Errorf("pictures %v after %d weeks, want the trend; left out %+v", got, domain.MinTrendWeeks, gaps)
	}
}

// A segment with no figures gets no funnel, no column in the table and no
// row in the mix; the headline names it once.
func TestReviewPack_SegmentWithoutFiguresIsLeftOut(t *testing.T) {
	t.Parallel()
	r := newRenderer(t)
	var texts []string
	observe(t, r, func(l layout, _ *image.RGBA) bool {
		for _, tx := range l.texts {
			texts = append(texts, tx.text)
		}
		return false
	})
	now := time.Date(2026, time.March, 11, 12, 0, 0, 0, time.UTC)
	ws, recs := sample.Workspace(now)
	ws.Lang = domain.English
	ws.Segments = append(ws.Segments, domain.Segment{Key: "export", Name: domain.Name{En: "Export", Ru: "Экспорт"}, Focus: true})
	p := domain.WeekPeriod(ws.LastCompleteWeek(now))
	recs = append(recs, domain.WeeklyRecord{Segment: "export", Week: p.To, Counts: map[string]int64{"leads": 0}})
	pack, err := r.ReviewPack(ws, "", p, recs, nil, nil, ws.Today(now))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(pack.Headline, "Export — no numbers for "+p.Label(domain.English)); n != 1 {
		t.Errorf("headline names the empty segment %d times, want once:\n%s", n, pack.Headline)
	}
	for _, f := range pack.Pictures {
		if strings.Contains(f.Caption, "Export") {
			t.Errorf("picture %s captioned %q", f.Name, f.Caption)
		}
	}
	for _, tx := range texts {
		if strings.Contains(tx, "Export") {
			t.Errorf("a picture shows %q", tx)
		}
	}
}

// A pack with many focus segments stays within its share of the group's
// minute: further segments' funnels give way first, and the headline says
// where to find them.
func TestReviewPack_StaysWithinTheGroupBudget(t *testing.T) {
	t.Parallel()
	r := newRenderer(t)
	observe(t, r, encodeNone)
	now := time.Date(2026, time.March, 11, 12, 0, 0, 0, time.UTC)
	ws, recs := sample.Workspace(now)
	ws.Lang = domain.English
	last := ws.LastCompleteWeek(now)
	for _, key := range []string{"a", "b", "c", "d", "e"} {
		ws.Segments = append(ws.Segments, domain.Segment{Key: key, Name: domain.Name{En: "Seg " + key, Ru: key}, Focus: true})
		recs = append(recs, domain.WeeklyRecord{Segment: key, Week: last, Counts: map[string]int64{"leads": 10, "qualified": 5}})
	}
	pack, err := r.ReviewPack(ws, "", domain.WeekPeriod(last), recs, nil, nil, ws.Today(now))
	if err != nil {
		t.Fatal(err)
	}
	if got := pack.Cost(); got > domain.ReviewPackBudget {
		t.Errorf("the pack costs %d messages, want at most %d", got, domain.ReviewPackBudget)
	}
	got := attachmentNames(pack.Pictures)
	if got[len(got)-2] != "mix.png" || got[len(got)-1] != "table.png" {
		t.Errorf("pictures %v, want the mix and the table kept", got)
	}
	if !strings.Contains(pack.Headline, "Funnel · Seg e — see /funnel") {
		t.Errorf("headline does not say where the left-out funnels are:\n%s", pack.Headline)
	}
}
