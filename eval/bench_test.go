package eval

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"trackbot/domain"
)

// bigWorkspace is the benchmark's workspace: 5 focus segments, two years
// of weeks, 10 managers in each segment.
func bigWorkspace() (*domain.Workspace, []domain.WeeklyRecord, domain.Week) {
	rng := rand.New(rand.NewPCG(1, 2))
	ws := domain.NewWorkspace(-1, "Bench", domain.English, "UTC", domain.Person{UserID: 1}, time.Time{})
	ws.Segments = nil
	const weeks = 104
	last := domain.Week{Year: 2027, Num: 10}
	var models []*segModel
	for i := range 5 {
		seg := domain.Segment{Key: fmt.Sprintf("s%d", i+1), Name: domain.Name{En: fmt.Sprintf("Segment %d", i+1)}, Focus: true}
		m := newModel(rng, ws, seg, weeks, 0.35)
		m.addManagers(rng, 10)
		models = append(models, m)
		ws.Segments = append(ws.Segments, m.seg)
	}
	var recs []domain.WeeklyRecord
	for i := range weeks {
		for _, m := range models {
			recs = append(recs, m.week(rng, last.Add(i-weeks+1), i, noMod()))
		}
	}
	return ws, recs, last
}

// BenchmarkTrackerQuestions measures the questions of a week's review of
// 5 segments × 2 years × 10 managers (the target is under 50 ms).
func BenchmarkTrackerQuestions(b *testing.B) {
	ws, recs, last := bigWorkspace()
	p := domain.WeekPeriod(last)
	b.ResetTimer()
	for b.Loop() {
		domain.TrackerQuestions(ws, "", p, recs)
	}
}

// BenchmarkTrackerQuestions_Quarter is the same for a quarter's review.
func BenchmarkTrackerQuestions_Quarter(b *testing.B) {
	ws, recs, last := bigWorkspace()
	p := domain.PeriodOf(domain.PeriodQuarter, last.Add(-1))
	b.ResetTimer()
	for b.Loop() {
		domain.TrackerQuestions(ws, "", p, recs)
	}
}
