package charts

import (
	"testing"
	"time"

	"trackbot/domain"
	"trackbot/sample"
)

// reviewData is two years of weekly demo data for three segments, as the
// bot would hand it to the charts for one review.
type reviewData struct {
	ws       *domain.Workspace
	cur      domain.FunnelReport
	baseline domain.FunnelReport
	weekly   []domain.FunnelReport // the focus segment's last 104 weeks
	segments []domain.FunnelReport
	focus    []domain.FocusRow
}

func buildReviewData(b *testing.B) reviewData {
	b.Helper()
	now := time.Date(2026, time.November, 27, 12, 0, 0, 0, time.UTC)
	// The demo covers 26 weeks; four demos a half-year apart make two years.
	var ws *domain.Workspace
	var recs []domain.WeeklyRecord
	for i := 3; i >= 0; i-- {
		w, r := sample.Workspace(now.AddDate(0, 0, -7*sample.Weeks*i))
		ws = w
		recs = append(recs, r...)
	}
	last := ws.LastCompleteWeek(now)
	d := reviewData{ws: ws}
	for i := 103; i >= 0; i-- {
		d.weekly = append(d.weekly, domain.BuildReport(ws, "dealers", domain.WeekPeriod(last.Add(-i)), recs))
	}
	d.cur = d.weekly[len(d.weekly)-1]
	d.baseline = domain.Baseline(ws, "dealers", last, recs)
	for _, s := range ws.Segments {
		d.segments = append(d.segments, domain.BuildReport(ws, s.Key, domain.WeekPeriod(last), recs))
	}
	d.focus = domain.FocusCheck(ws, domain.WeekPeriod(last), recs)
	if d.cur.Weeks == 0 || len(d.segments) != 3 {
		b.Fatalf("demo data: %d weeks in the last report, %d segments", d.cur.Weeks, len(d.segments))
	}
	return d
}

func (d reviewData) charts() map[string]func(*Renderer) ([]byte, error) {
	return map[string]func(*Renderer) ([]byte, error){
		"Funnel":      func(r *Renderer) ([]byte, error) { return r.Funnel(d.ws, d.cur, d.baseline, nil, "4-week baseline") },
		"Trend":       func(r *Renderer) ([]byte, error) { return r.Trend(d.ws, d.weekly) },
		"DropOffs":    func(r *Renderer) ([]byte, error) { return r.DropOffs(d.ws, d.cur) },
		"LeadQuality": func(r *Renderer) ([]byte, error) { return r.LeadQuality(d.ws, d.weekly) },
		"SegmentMix":  func(r *Renderer) ([]byte, error) { return r.SegmentMix(d.ws, d.cur.Period, d.focus) },
		"Table":       func(r *Renderer) ([]byte, error) { return r.Table(d.ws, d.segments) },
	}
}

func BenchmarkChart(b *testing.B) {
	d := buildReviewData(b)
	r := newRenderer(b)
	for _, name := range []string{"Funnel", "Trend", "DropOffs", "LeadQuality", "SegmentMix", "Table"} {
		render := d.charts()[name]
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := render(r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkReview renders the six pictures of one review one after another.
func BenchmarkReview(b *testing.B) {
	d := buildReviewData(b)
	r := newRenderer(b)
	charts := d.charts()
	for b.Loop() {
		for _, render := range charts {
			if _, err := render(r); err != nil {
				b.Fatal(err)
			}
		}
	}
}
