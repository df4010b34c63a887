// Package sample builds the demo workspace of `trackbot demo`: sample data,
// not business rules, so it lives beside domain rather than in it. The
// charts benchmarks and the end-to-end review tests read the same data.
//
// The demo playground is the case from the method's seed: a maker of
// children's playgrounds that lives on dealers (a 500 000 ₽ project check,
// over 80% of revenue) while marketing floods sales with retail buyers (a
// 30–50k check) who take most of the leads and the budget. On top of the
// steady state two problems are planted for a review to find:
//
//   - in three recent weeks, the last one among them, dealers' qualified
//     leads carry wrong phone numbers: qualified → meetings falls from about
//     60% to about 25%, and "wrong phone number" is about 80% of the items
//     lost there;
//   - in the last four weeks retail leads grow by 60% on a bigger budget
//     while dealers get fewer meetings from overloaded sales people.
//
// The planted conversions are drawn tightly around their rates, so the demo
// tells its story on any date.
package sample

import (
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"trackbot/domain"
)

const (
	// Weeks is how many weeks of history the demo has, ending with the
	// last complete week.
	Weeks = 26
	// ChatID is the demo workspace's chat, one no real group has.
	ChatID int64 = -1000000000001

	seed1 = 0x5eed_2026
	seed2 = 0x9a7d_0b0c
)

// Demo members: the CEO and the two department heads.
const (
	CEO           int64 = 1001
	MarketingHead int64 = 1002
	SalesHead     int64 = 1003
)

// floodFrom and wrongPhone are the planted problems, as week indexes
// counted from the oldest demo week (0) to the last (Weeks-1).
var (
	floodFrom  = Weeks - 4
	wrongPhone = []int{Weeks - 9, Weeks - 6, Weeks - 1}
)

// Workspace returns the playground workspace in Russian (the caller may
// switch the language) and Weeks weeks of records ending with the last
// complete week before now. The same now always gives the same numbers.
func Workspace(now time.Time) (*domain.Workspace, []domain.WeeklyRecord) {
	ws := setup(now)
	last := ws.LastCompleteWeek(now)
	rng := rand.New(rand.NewPCG(seed1, seed2))
	var recs []domain.WeeklyRecord
	for i := range Weeks {
		w := last.Add(i - (Weeks - 1))
		for _, d := range segments() {
			recs = append(recs, d.week(rng, ws, w, i))
		}
	}
	return ws, recs
}

// setup builds the workspace with its members and segments.
func setup(now time.Time) *domain.Workspace {
	created := now.AddDate(0, 0, -7*(Weeks+1))
	ws := domain.NewWorkspace(ChatID, "Детские площадки «Радуга»", domain.Russian, "Europe/Moscow",
		domain.Person{UserID: CEO, Name: "Анна Петрова", Username: "anna_ceo"}, created)
	ws.Members = append(ws.Members,
		domain.Member{UserID: MarketingHead, Name: "Марк Соколов", Username: "mark_head", HeadOf: []string{domain.DeptMarketing}, UpdatedAt: created},
		domain.Member{UserID: SalesHead, Name: "Сергей Волков", Username: "sales_head", HeadOf: []string{domain.DeptSales}, UpdatedAt: created},
	)
	ws.Segments = nil
	for _, d := range segments() {
		ws.Segments = append(ws.Segments, d.seg)
	}
	return ws
}

// weighted is a reason with its weight among the reasons of a loss.
type weighted struct {
	key    string
	weight float64
}

// segmentModel is the steady state of one segment's week.
type segmentModel struct {
	seg       domain.Segment
	reach     float64            // mean count of the first stage
	rates     map[string]float64 // stage key → conversion from the previous stage
	spend     float64            // marketing spend per week, currency units
	check     func(*rand.Rand) float64
	margin    [2]float64 // gross margin range
	nonTarget []weighted
	dropOffs  map[string][]weighted // stage key → reasons items are lost on the way into it
}

func segments() []segmentModel {
	return []segmentModel{
		{
			seg:   domain.Segment{Key: "dealers", Name: domain.Name{En: "Dealers", Ru: "Дилеры"}, Aliases: []string{"dealer", "дилер"}, Focus: true},
			reach: 12000,
			rates: map[string]float64{"clicks": 0.035, "leads": 0.15, "qualified": 0.75, "meetings": 0.60, "proposals": 0.70, "deals": 0.55, "paid": 0.90},
			spend: 70000,
			check: func(r *rand.Rand) float64 {
				return math.Min(900000, math.Max(200000, 500000+100000*r.NormFloat64()))
			},
			margin:    [2]float64{0.38, 0.42},
			nonTarget: []weighted{{"duplicate", 0.35}, {"unreachable", 0.25}, {"wrong_segment", 0.2}, {domain.OtherReason, 0.2}},
			dropOffs: map[string][]weighted{
				"meetings":  {{"no_answer", 0.30}, {"timing", 0.25}, {"no_decision_maker", 0.20}, {"competitor", 0.15}, {"wrong_phone", 0.05}, {domain.OtherReason, 0.05}},
				"proposals": {{"price", 0.35}, {"timing", 0.30}, {"competitor", 0.20}, {"no_decision_maker", 0.10}, {domain.OtherReason, 0.05}},
				"deals":     {{"price", 0.40}, {"competitor", 0.35}, {"timing", 0.20}, {domain.OtherReason, 0.05}},
				"paid":      {{"timing", 0.8}, {domain.OtherReason, 0.2}},
			},
		},
		{
			seg: domain.Segment{Key: "developers", Name: domain.Name{En: "Developers", Ru: "Застройщики"}, Aliases: []string{"developer", "застройщик"},
				SkipStages: []string{"impressions", "clicks"}}, // sales find developers themselves
			reach: 6,
			rates: map[string]float64{"qualified": 0.6, "meetings": 0.7, "proposals": 0.6, "deals": 0.06, "paid": 0.9},
			spend: 20000,
			check: func(r *rand.Rand) float64 {
				return 1500000 + 1500000*r.Float64()
			},
			margin:    [2]float64{0.40, 0.45},
			nonTarget: []weighted{{"no_budget", 0.4}, {"not_ready", 0.4}, {domain.OtherReason, 0.2}},
			dropOffs: map[string][]weighted{
				"meetings":  {{"no_decision_maker", 0.4}, {"no_answer", 0.3}, {"timing", 0.2}, {domain.OtherReason, 0.1}},
				"proposals": {{"timing", 0.5}, {"competitor", 0.3}, {domain.OtherReason, 0.2}},
				"deals":     {{"competitor", 0.4}, {"price", 0.4}, {"timing", 0.2}},
				"paid":      {{"timing", 1}},
			},
		},
		{
			seg:   domain.Segment{Key: "retail", Name: domain.Name{En: "Retail buyers", Ru: "Физлица"}, Aliases: []string{"retail", "b2c", "физики", "частные"}},
			reach: 250000,
			rates: map[string]float64{"clicks": 0.02, "leads": 0.036, "qualified": 0.27, "meetings": 0.6, "proposals": 0.8, "deals": 0.4, "paid": 0.85},
			spend: 360000,
			check: func(r *rand.Rand) float64 {
				return 30000 + 20000*r.Float64()
			},
			margin: [2]float64{0.35, 0.38},
			// Retail buyers want one or two items today, while the factory
			// works on projects with a queue of several weeks.
			nonTarget: []weighted{{"wrong_segment", 0.40}, {"not_ready", 0.30}, {"no_budget", 0.15}, {"duplicate", 0.08}, {"unreachable", 0.05}, {domain.OtherReason, 0.02}},
			dropOffs: map[string][]weighted{
				"meetings":  {{"no_answer", 0.5}, {"timing", 0.3}, {domain.OtherReason, 0.2}},
				"proposals": {{"timing", 0.45}, {"price", 0.35}, {domain.OtherReason, 0.2}},
				"deals":     {{"price", 0.45}, {"timing", 0.40}, {"competitor", 0.10}, {domain.OtherReason, 0.05}},
				"paid":      {{"timing", 0.7}, {domain.OtherReason, 0.3}},
			},
		},
	}
}

// week draws the segment's record for week w, the i-th demo week, with the
// season and the planted problems applied.
func (d segmentModel) week(rng *rand.Rand, ws *domain.Workspace, w domain.Week, i int) domain.WeeklyRecord {
	reach, spend := d.reach*season(w), d.spend*season(w)
	rates := maps.Clone(d.rates)
	dropOffs := d.dropOffs
	planted := "" // the stage whose conversion a planted problem sets
	flood := i >= floodFrom
	switch d.seg.Key {
	case "retail":
		if flood {
			reach, spend = reach*1.65, spend*1.45
		}
	case "dealers":
		if flood {
			rates["meetings"] = 0.48 // sales people are busy with retail
			planted = "meetings"
		}
		for _, bad := range wrongPhone {
			if i == bad {
				rates["meetings"] = 0.25
				dropOffs = withLosses(dropOffs, "meetings", []weighted{{"wrong_phone", 0.82}, {"no_answer", 0.08}, {"timing", 0.05}, {domain.OtherReason, 0.05}})
			}
		}
	}

	rec := domain.WeeklyRecord{
		Segment:   d.seg.Key,
		Week:      w,
		Counts:    map[string]int64{},
		Spend:     domain.Money(math.Round(spend*(1+0.08*rng.NormFloat64())/100) * 100 * 100),
		Margin:    d.margin[0] + (d.margin[1]-d.margin[0])*rng.Float64(),
		HasMargin: true,
		NonTarget: map[string]int64{},
		DropOffs:  map[string]map[string]int64{},
		UpdatedBy: SalesHead,
		UpdatedAt: w.Monday(time.UTC).AddDate(0, 0, 7).Add(10 * time.Hour),
	}
	prev := int64(-1)
	for _, st := range ws.Stages {
		if slices.Contains(d.seg.SkipStages, st.Key) {
			continue
		}
		var n int64
		switch {
		case prev < 0:
			n = demand(rng, reach)
		case st.Key == planted:
			n = near(rng, prev, rates[st.Key])
		default:
			n = binomial(rng, prev, rates[st.Key])
		}
		if prev >= 0 {
			if st.Role == domain.RoleQualified {
				rec.NonTarget = split(rng, prev-n, d.nonTarget)
			}
			if reasons, ok := dropOffs[st.Key]; ok {
				rec.DropOffs[st.Key] = split(rng, prev-n, reasons)
			}
		}
		rec.Counts[st.Key] = n
		prev = n
	}
	for range rec.Counts["paid"] {
		rec.Revenue += domain.Money(math.Round(d.check(rng)/1000) * 1000 * 100)
	}
	return rec
}

// season is the playground market's yearly swing: ±15% with the peak in
// early summer, when courtyards are built.
func season(w domain.Week) float64 {
	day := float64(w.Thursday().YearDay())
	return 1 + 0.15*math.Sin(2*math.Pi*(day-80)/365)
}

// demand draws the count of a segment's first stage around its mean.
func demand(rng *rand.Rand, mean float64) int64 {
	if mean >= 1000 {
		return max(0, int64(math.Round(mean*(1+0.08*rng.NormFloat64()))))
	}
	return binomial(rng, int64(math.Round(mean*4)), 0.25)
}

// binomial draws how many of n items pass with probability p: item by item
// for small n, by the normal approximation for large n.
func binomial(rng *rand.Rand, n int64, p float64) int64 {
	if n < 1000 {
		var k int64
		for range n {
			if rng.Float64() < p {
				k++
			}
		}
		return k
	}
	mean := float64(n) * p
	k := int64(math.Round(mean + math.Sqrt(mean*(1-p))*rng.NormFloat64()))
	return min(n, max(0, k))
}

// near draws n×p give or take an item or two: a planted problem must show
// whatever the random draws around it, or the demo could miss its point.
func near(rng *rand.Rand, n int64, p float64) int64 {
	return min(n, max(0, int64(math.Round(float64(n)*p+rng.NormFloat64()))))
}

// split assigns n lost items to reasons by weight, item by item.
func split(rng *rand.Rand, n int64, reasons []weighted) map[string]int64 {
	var total float64
	for _, r := range reasons {
		total += r.weight
	}
	out := map[string]int64{}
	for range n {
		x := rng.Float64() * total
		pick := reasons[len(reasons)-1].key // where float rounding leaves x
		for _, r := range reasons {
			if x -= r.weight; x < 0 {
				pick = r.key
				break
			}
		}
		out[pick]++
	}
	return out
}

// withLosses returns a copy of the drop-off weights with one stage replaced.
func withLosses(base map[string][]weighted, stage string, reasons []weighted) map[string][]weighted {
	out := map[string][]weighted{stage: reasons}
	for k, v := range base {
		if k != stage {
			out[k] = v
		}
	}
	return out
}
