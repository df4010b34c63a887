// Package eval measures the tracker questions on generated funnels: it
// draws workspaces with realistic noise (binomial conversions that also
// wander from week to week, budgets that step and follow the season,
// deal sizes that vary), plants one known problem in each (or none), runs
// the real review logic (domain.TrackerQuestions) and reports how often
// the planted problem is asked in the top three, to the right head, and
// how many questions healthy packs get. Every draw has its own seed; the
// figures come from many draws, never from one.
package eval

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"trackbot/domain"
)

// weighted is a reason with its weight among the reasons of a loss.
type weighted struct {
	key    string
	weight float64
}

// manager is one sales manager of a segment: a share of the intake and a
// skill that multiplies the segment's rates.
type manager struct {
	name  string
	share float64
	skill map[string]float64
}

// segModel is the steady state of one segment.
type segModel struct {
	seg        domain.Segment
	stages     []domain.Stage // the stages the segment uses, in order
	reach      float64        // mean count of the first stage a week at the base budget
	rates      map[string]float64
	spend      float64   // base budget a week, currency units
	budget     []float64 // budget level per week: steps now and then
	season     float64   // amplitude of the yearly swing of demand and budget
	phase      float64
	rateNoise  float64 // week-to-week wander of every conversion (relative)
	spendNoise float64
	check      float64 // mean deal size
	checkCV    float64
	margin     float64
	nonTarget  []weighted
	dropOffs   map[string][]weighted
	managers   []manager
	mgrFrom    int // index in stages of the first stage managers report (assigned leads)
}

// mod is what a plant changes in one week of one segment.
type mod struct {
	rate     map[string]float64 // stage → multiplier of its conversion
	reach    float64
	spend    float64
	check    float64
	lossTo   map[string]string             // stage → reason the extra losses go to
	takeover float64                       // share of the usual losses that reason also takes
	mgrRate  map[string]map[string]float64 // manager → stage → multiplier
	// exact makes a planted rate replace the week's wander instead of
	// adding to it: the problem sets the conversion, binomial noise stays.
	exact bool
}

func noMod() mod { return mod{reach: 1, spend: 1, check: 1} }

// dataset is one generated workspace with its records and what was planted.
type dataset struct {
	ws     *domain.Workspace
	models []*segModel
	recs   []domain.WeeklyRecord
	last   domain.Week
	weeks  int
	plant  Plant
}

// Plant says what problem a dataset carries and what a right question
// about it names.
type Plant struct {
	Kind       Kind
	Segment    string
	Stage      string
	Reason     string
	Manager    string
	Department string
}

// logUniform draws from lo..hi evenly on a log scale.
func logUniform(rng *rand.Rand, lo, hi float64) float64 {
	return math.Exp(math.Log(lo) + rng.Float64()*(math.Log(hi)-math.Log(lo)))
}

func uniform(rng *rand.Rand, lo, hi float64) float64 { return lo + rng.Float64()*(hi-lo) }

// rateRanges are plausible conversions into each default stage.
var rateRanges = map[string][2]float64{
	"clicks": {0.015, 0.05}, "leads": {0.05, 0.2}, "qualified": {0.5, 0.85}, "meetings": {0.4, 0.75},
	"proposals": {0.5, 0.85}, "deals": {0.3, 0.65}, "paid": {0.75, 0.95},
}

// newModel draws a segment's steady state for weeks weeks.
func newModel(rng *rand.Rand, ws *domain.Workspace, seg domain.Segment, weeks int, margin float64) *segModel {
	m := &segModel{seg: seg, rates: map[string]float64{}, dropOffs: map[string][]weighted{}}
	skipTop := rng.Float64() < 0.2
	for _, st := range ws.Stages {
		if skipTop && (st.Key == "impressions" || st.Key == "clicks") {
			m.seg.SkipStages = append(m.seg.SkipStages, st.Key)
			continue
		}
		m.stages = append(m.stages, st)
		if r, ok := rateRanges[st.Key]; ok {
			m.rates[st.Key] = uniform(rng, r[0], r[1])
		}
	}
	if skipTop {
		m.reach = logUniform(rng, 40, 400)
	} else {
		m.reach = logUniform(rng, 8000, 250000)
	}
	m.spend = m.expected("leads") * logUniform(rng, 400, 4000)
	m.budget = make([]float64, weeks)
	level := 1.0
	for i := range m.budget {
		if rng.Float64() < 0.05 {
			level *= math.Exp(rng.NormFloat64() * 0.15)
		}
		m.budget[i] = level
	}
	m.season, m.phase = uniform(rng, 0, 0.25), rng.Float64()
	m.rateNoise, m.spendNoise = uniform(rng, 0.03, 0.10), uniform(rng, 0.03, 0.12)
	m.check, m.checkCV = logUniform(rng, 20000, 1000000), uniform(rng, 0.2, 0.5)
	m.margin = margin + uniform(rng, -0.03, 0.03)
	if rng.Float64() < 0.9 {
		m.nonTarget = pickReasons(rng, ws.NonTarget)
	}
	if rng.Float64() < 0.85 {
		for i, st := range m.stages {
			if st.Department == domain.DeptSales && i > 0 {
				m.dropOffs[st.Key] = pickReasons(rng, ws.DropOff)
			}
		}
	}
	return m
}

// pickReasons draws 3 to 6 of the reasons with random weights.
func pickReasons(rng *rand.Rand, all []domain.Reason) []weighted {
	n := 3 + rng.IntN(min(4, len(all)-2))
	var out []weighted
	for _, i := range rng.Perm(len(all))[:n] {
		out = append(out, weighted{all[i].Key, -math.Log(1 - rng.Float64())})
	}
	return out
}

// addManagers gives the segment n managers who report from the qualified
// stage on; they differ a little in skill, as real teams do.
func (m *segModel) addManagers(rng *rand.Rand, n int) {
	for i, st := range m.stages {
		if st.Role == domain.RoleQualified {
			m.mgrFrom = i
		}
	}
	for i := range n {
		mg := manager{name: fmt.Sprintf("Manager %c", 'A'+i), share: uniform(rng, 0.6, 1.4), skill: map[string]float64{}}
		for _, st := range m.stages[m.mgrFrom+1:] {
			mg.skill[st.Key] = math.Exp(rng.NormFloat64() * 0.08)
		}
		m.managers = append(m.managers, mg)
	}
}

// expected returns the mean count of a stage a week at the base budget.
func (m *segModel) expected(stage string) float64 {
	x := m.reach
	if m.stages[0].Key == stage {
		return x
	}
	for _, st := range m.stages[1:] {
		x *= m.rates[st.Key]
		if st.Key == stage {
			return x
		}
	}
	return x
}

// volume returns the fewer of the items a stage keeps and loses a week on
// average: what a test of its conversion has to go on.
func (m *segModel) volume(stage string) float64 {
	in := m.intake(stage)
	return math.Min(in*m.rates[stage], in*(1-m.rates[stage]))
}

// intake returns the mean count of the stage before the given one.
func (m *segModel) intake(stage string) float64 {
	for i, st := range m.stages {
		if st.Key == stage && i > 0 {
			return m.expected(m.stages[i-1].Key)
		}
	}
	return 0
}

// scaleTo multiplies the reach (and the budget with it) so the stage's
// mean count is at least n.
func (m *segModel) scaleTo(stage string, n float64) {
	if e := m.expected(stage); e < n {
		m.reach *= n / e
		m.spend *= n / e
	}
}

// week draws the segment's record of the i-th week.
func (m *segModel) week(rng *rand.Rand, w domain.Week, i int, md mod) domain.WeeklyRecord {
	season := 1 + m.season*math.Sin(2*math.Pi*(float64(w.Thursday().YearDay())/365+m.phase))
	budget := m.budget[i] * season
	rec := domain.WeeklyRecord{
		Segment: m.seg.Key, Week: w, Counts: map[string]int64{},
		Spend:  domain.Money(math.Round(m.spend * budget * math.Exp(rng.NormFloat64()*m.spendNoise) * md.spend * 100)),
		Margin: m.margin, HasMargin: true,
		NonTarget: map[string]int64{}, DropOffs: map[string]map[string]int64{},
	}
	first := m.reach * math.Pow(budget, 0.9) * md.reach * math.Exp(rng.NormFloat64()*0.06)
	prev := poisson(rng, first)
	rec.Counts[m.stages[0].Key] = prev
	var mgr []int64 // each manager's count at the previous stage
	for j, st := range m.stages[1:] {
		j++
		base := m.rates[st.Key] * math.Exp(rng.NormFloat64()*m.rateNoise)
		if _, planted := md.rate[st.Key]; planted && md.exact {
			base = m.rates[st.Key]
		}
		r := clamp(base * mult(md.rate, st.Key))
		var n int64
		switch {
		case len(m.managers) > 0 && j == m.mgrFrom:
			n = binomial(rng, prev, r)
			mgr = m.assign(rng, n)
			rec.Managers = map[string]map[string]int64{}
			for k, mg := range m.managers {
				rec.Managers[mg.name] = map[string]int64{st.Key: mgr[k]}
			}
		case len(m.managers) > 0 && j > m.mgrFrom:
			for k, mg := range m.managers {
				mgr[k] = binomial(rng, mgr[k], clamp(r*mg.skill[st.Key]*mult(md.mgrRate[mg.name], st.Key)))
				rec.Managers[mg.name][st.Key] = mgr[k]
				n += mgr[k]
			}
		default:
			n = binomial(rng, prev, r)
		}
		lost := prev - n
		if st.Role == domain.RoleQualified && m.nonTarget != nil {
			rec.NonTarget = split(rng, lost, lossWeights(rng, m.nonTarget, st.Key, md, base, r))
		} else if reasons, ok := m.dropOffs[st.Key]; ok {
			rec.DropOffs[st.Key] = split(rng, lost, lossWeights(rng, reasons, st.Key, md, base, r))
		}
		rec.Counts[st.Key] = n
		prev = n
	}
	for range rec.Counts["paid"] {
		rec.Revenue += domain.Money(math.Round(m.check * md.check * lognormal(rng, m.checkCV) * 100))
	}
	return rec
}

// lossWeights returns the reasons' weights of a week: jittered, and when
// a plant sends the extra losses of the stage to one reason, that reason
// takes them (and the takeover share of the usual ones).
func lossWeights(rng *rand.Rand, reasons []weighted, stage string, md mod, usual, now float64) []weighted {
	out := make([]weighted, len(reasons))
	var total float64
	for i, r := range reasons {
		out[i] = weighted{r.key, r.weight * math.Exp(rng.NormFloat64()*0.15)}
		total += out[i].weight
	}
	to, ok := md.lossTo[stage]
	if !ok || now >= 1 {
		return out
	}
	extra := math.Max(0, usual-now) / (1 - now) // share of the losses beyond the usual
	for i := range out {
		out[i].weight *= (1 - extra) * (1 - md.takeover) / total
		if out[i].key == to {
			out[i].weight += extra + (1-extra)*md.takeover
		}
	}
	return out
}

// assign splits the qualified leads among the managers by their shares.
func (m *segModel) assign(rng *rand.Rand, n int64) []int64 {
	var total float64
	for _, mg := range m.managers {
		total += mg.share
	}
	out := make([]int64, len(m.managers))
	left, rest := n, total
	for i, mg := range m.managers[:len(m.managers)-1] {
		out[i] = binomial(rng, left, mg.share/rest)
		left -= out[i]
		rest -= mg.share
	}
	out[len(out)-1] = left
	return out
}

func mult(m map[string]float64, key string) float64 {
	if x, ok := m[key]; ok {
		return x
	}
	return 1
}

func clamp(p float64) float64 { return math.Min(0.995, math.Max(0.0005, p)) }

func lognormal(rng *rand.Rand, cv float64) float64 {
	s := math.Sqrt(math.Log(1 + cv*cv))
	return math.Exp(rng.NormFloat64()*s - s*s/2)
}

// poisson draws a count around mean: by inversion for small means, by the
// normal approximation for large ones.
func poisson(rng *rand.Rand, mean float64) int64 {
	if mean > 50 {
		return max(0, int64(math.Round(mean+math.Sqrt(mean)*rng.NormFloat64())))
	}
	l, k, p := math.Exp(-mean), int64(0), 1.0
	for {
		p *= rng.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// binomial draws how many of n pass with probability p: item by item for
// small n, by inversion when few pass or fail, by the normal otherwise.
func binomial(rng *rand.Rand, n int64, p float64) int64 {
	switch {
	case n <= 0:
		return 0
	case n <= 40:
		var k int64
		for range n {
			if rng.Float64() < p {
				k++
			}
		}
		return k
	case float64(n)*p*(1-p) >= 12:
		mean := float64(n) * p
		return min(n, max(0, int64(math.Round(mean+math.Sqrt(mean*(1-p))*rng.NormFloat64()))))
	case p > 0.5:
		return n - binomial(rng, n, 1-p)
	}
	// Inversion: walk the probabilities of 0, 1, 2… successes.
	u := rng.Float64()
	q := math.Pow(1-p, float64(n))
	var k int64
	for cdf := q; u > cdf && k < n; cdf += q {
		q *= float64(n-k) / float64(k+1) * p / (1 - p)
		k++
	}
	return k
}

// split assigns n lost items to reasons by weight.
func split(rng *rand.Rand, n int64, reasons []weighted) map[string]int64 {
	out := map[string]int64{}
	var total float64
	for _, r := range reasons {
		total += r.weight
	}
	left, rest := n, total
	for i, r := range reasons {
		var k int64
		if i == len(reasons)-1 || rest <= 0 {
			k = left
		} else {
			k = binomial(rng, left, math.Min(1, r.weight/rest))
		}
		if k > 0 {
			out[r.key] += k
		}
		left -= k
		rest -= r.weight
	}
	return out
}

// weekOf picks the dataset's last week: any week of 2025–2027, so the
// season falls anywhere.
func weekOf(rng *rand.Rand) domain.Week {
	day := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(3*365))
	return domain.WeekOf(day)
}
