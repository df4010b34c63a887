package charts

import (
	"path/filepath"
	"sync"
	"testing"
	"time"

	"trackbot/domain"
)

// planSample is Dealers in March 2026 as of week 12: a month's plan (leads
// on pace, paid deals ahead, revenue short beyond its noise, spend over
// budget) and the quarter's revenue plan.
func planSample(lang domain.Lang) (*domain.Workspace, []domain.PlanStatus) {
	ws := testWorkspace(lang)
	ceo := domain.Person{UserID: 1}
	ws.Members = []domain.Member{{UserID: 1, CEO: true}}
	month := domain.Plan{Segment: "dealers", Kind: domain.PeriodMonth, Year: 2026, Num: 3, Targets: []domain.PlanTarget{
		{Kind: domain.FieldCount, Stage: "leads", Value: 400},
		{Kind: domain.FieldCount, Stage: "paid", Value: 8},
		{Kind: domain.FieldSpend, Value: 600_000_00},
		{Kind: domain.FieldRevenue, Value: 5_000_000_00},
	}}
	quarter := domain.Plan{Segment: "dealers", Kind: domain.PeriodQuarter, Year: 2026, Num: 1, Targets: []domain.PlanTarget{
		{Kind: domain.FieldRevenue, Value: 14_000_000_00},
	}}
	for _, p := range []domain.Plan{month, quarter} {
		if err := ws.SetPlan(ceo, p, week47.Monday(time.UTC)); err != nil {
			panic(err)
		}
	}
	var recs []domain.WeeklyRecord
	for w := 1; w <= 12; w++ {
		rec := domain.WeeklyRecord{Segment: "dealers", Week: domain.Week{Year: 2026, Num: w},
			Counts: map[string]int64{"leads": 100, "paid": 3}, Spend: 200_000_00, Revenue: 1_000_000_00}
		if w == 12 {
			rec.Revenue = 1_100_000_00
		}
		recs = append(recs, rec)
	}
	asOf := domain.Week{Year: 2026, Num: 12}
	return ws, domain.PlanStatuses(ws, ws.PlansAt("dealers", asOf), asOf, recs)
}

// planTextMu guards planTextHook for the test that sets it.
var planTextMu sync.Mutex

func TestPlan_MatchesGoldenWithTextReadableOnAPhone(t *testing.T) {
	r := newRenderer(t)
	var smallest float64
	planTextMu.Lock()
	planTextHook = func(size float64) {
		if smallest == 0 || size < smallest {
			smallest = size
		}
	}
	defer func() { planTextHook = nil; planTextMu.Unlock() }()
	for _, lang := range domain.Langs {
		ws, statuses := planSample(lang)
		if len(statuses) != 5 {
			t.Fatalf("%s: %d statuses, want 5", lang, len(statuses))
		}
		got, err := r.Plan(ws, dealers, statuses)
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join("testdata", "plan_"+string(lang)+".png")
		checkGolden(t, file, got)
		if img := decode(t, got); img.Bounds().Dx() != pictureWide {
			t.Errorf("width %d, want %d", img.Bounds().Dx(), pictureWide)
		}
	}
	// 32 px at 1280 px wide is 9 px on a 360-px phone screen.
	if smallest < 32 {
		t.Errorf("the smallest text is %v px at %d px wide, want at least 32", smallest, pictureWide)
	}
}

func TestPlan_MissIsRedAndNoPlanDrawsNoData(t *testing.T) {
	ws, statuses := planSample(domain.English)
	var revenue domain.PlanStatus
	for _, s := range statuses {
		if s.Pace.Target.Kind == domain.FieldRevenue && s.Pace.Plan.Kind == domain.PeriodMonth {
			revenue = s
		}
	}
	if !revenue.Miss {
		t.Fatalf("the sample's monthly revenue (3.1 M of 5 M at 75%%) is not a miss: %+v", revenue)
	}
	img := pixels(t, func(r *Renderer) ([]byte, error) { return r.Plan(ws, dealers, []domain.PlanStatus{revenue}) })
	red := 0
	for y := contentTop; y < contentTop+planRow; y++ {
		for x := planBarLeft; x < planBarRight; x++ {
			if near(img.RGBAAt(x, y), colPlanMissFact, 10) {
				red++
			}
		}
	}
	if red == 0 {
		t.Error("a missed target's fact bar is not red")
	}
	drawnBy(t, func(r *Renderer) ([]byte, error) { return r.Plan(ws, dealers, nil) }) // no plan: no error
}
