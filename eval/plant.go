package eval

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"trackbot/domain"
)

// Kind is a kind of planted problem, or none.
type Kind string

// The kinds of datasets: healthy ones and one per problem a tracker must
// ask about.
const (
	Healthy          Kind = "healthy"
	StageCollapse    Kind = "collapse at a stage"
	DropOffReason    Kind = "dominant drop-off reason"
	NonTargetFlood   Kind = "non-target flood with a reason"
	SpendSpike       Kind = "spend spike"
	MoneyCollapse    Kind = "money collapse on small counts"
	SlowTrend        Kind = "slow trend"
	WeakManager      Kind = "one weak manager"
	GrowingMisfocus  Kind = "misfocus, growing"
	StandingMisfocus Kind = "misfocus, standing (monthly)"
	CheckFall        Kind = "average check fall"
)

// Problems lists the planted kinds in the order the report prints them.
var Problems = []Kind{StageCollapse, DropOffReason, NonTargetFlood, SpendSpike, MoneyCollapse, SlowTrend,
	WeakManager, GrowingMisfocus, StandingMisfocus, CheckFall}

// generate draws a dataset of the kind from the seed.
func generate(kind Kind, seed uint64) *dataset {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	ws := domain.NewWorkspace(-1, "Eval", domain.English, "UTC", domain.Person{UserID: 1}, time.Time{})
	d := &dataset{ws: ws, weeks: 26 + rng.IntN(35), last: weekOf(rng), plant: Plant{Kind: kind}}
	nseg := 2 + rng.IntN(3)
	margin := uniform(rng, 0.25, 0.5)
	ws.Segments = nil
	var models []*segModel
	for i := range nseg {
		seg := domain.Segment{Key: fmt.Sprintf("s%d", i+1), Name: domain.Name{En: fmt.Sprintf("Segment %d", i+1)},
			Focus: i == 0 || i < nseg-1 && rng.Float64() < 0.3}
		models = append(models, newModel(rng, ws, seg, d.weeks, margin))
	}
	focus, other := models[0], models[nseg-1]
	for _, m := range models {
		if m.seg.Focus && (kind == WeakManager || rng.Float64() < 0.6) {
			if kind == WeakManager {
				m.scaleTo("qualified", 60)
			}
			m.addManagers(rng, 3+rng.IntN(5))
		}
	}
	// Non-focus segments take about their share of the money in effort
	// (0.7–1.3 times: healthy); the one a misfocus is planted in takes more.
	factors := map[*segModel]float64{}
	for _, m := range models {
		if !m.seg.Focus {
			factors[m] = uniform(rng, 0.7, 1.3)
		}
	}
	switch kind {
	case GrowingMisfocus:
		manyDeals(other)
		size(models, other, uniform(rng, 0.15, 0.3))
		factors[other] = uniform(rng, 1.3, 1.7)
	case StandingMisfocus:
		manyDeals(other)
		size(models, other, uniform(rng, 0.25, 0.5))
		factors[other] = uniform(rng, 3, 5)
	}
	for range 4 { // each balance moves the others' shares a little
		for _, m := range models {
			if f, ok := factors[m]; ok {
				balance(models, m, f)
			}
		}
	}
	d.models = models
	mods := plant(rng, d, focus, other)
	for _, m := range models {
		ws.Segments = append(ws.Segments, m.seg)
	}
	for i := range d.weeks {
		w := d.last.Add(i - d.weeks + 1)
		for _, m := range models {
			md := noMod()
			if f := mods[m]; f != nil {
				md = f(i)
			}
			rec := m.week(rng, w, i, md)
			// A money collapse is the paid deals falling to at most a
			// quarter of their recent median: redraw the week until the
			// planted fall is one (the drawn fall is noisy like any week).
			for try := 0; kind == MoneyCollapse && m == focus && i == d.weeks-1 && try < 100; try++ {
				if float64(rec.Counts["paid"]) <= 0.25*recentPaid(d.recs, m.seg.Key) {
					break
				}
				rec = m.week(rng, w, i, md)
			}
			d.recs = append(d.recs, rec)
		}
	}
	return d
}

// recentPaid is the median of a segment's paid deals over its last 12
// weeks of records.
func recentPaid(recs []domain.WeeklyRecord, seg string) float64 {
	var paid []float64
	for i := len(recs) - 1; i >= 0 && len(paid) < 12; i-- {
		if recs[i].Segment == seg {
			paid = append(paid, float64(recs[i].Counts["paid"]))
		}
	}
	slices.Sort(paid)
	if len(paid) == 0 {
		return 0
	}
	return paid[len(paid)/2]
}

// balance sets a non-focus segment's deal size so that its share of
// leads or spend (the larger) is about factor times its share of the
// money: factor below 1.5 is a healthy segment, above 2 a misfocus.
func balance(models []*segModel, m *segModel, factor float64) {
	for range 20 {
		var spend, leads, money float64
		for _, x := range models {
			spend += x.spend
			leads += x.expected("leads")
			money += x.expected("paid") * x.check
		}
		effort := math.Max(m.spend/spend, m.expected("leads")/leads)
		share := m.expected("paid") * m.check / money
		if math.Abs(effort/share/factor-1) < 0.02 {
			return
		}
		m.check *= math.Sqrt(effort / share / factor)
	}
}

// manyDeals raises a segment's sales conversions until it closes at
// least 5 deals a week on average: a misfocus is many cheap deals, and a
// share of the money made of one lumpy deal says nothing.
func manyDeals(m *segModel) {
	for range 30 {
		if m.expected("paid") >= 5 {
			return
		}
		for _, st := range m.stages {
			if st.Department == domain.DeptSales {
				m.rates[st.Key] = math.Min(0.95, m.rates[st.Key]*1.15)
			}
		}
		if m.expected("paid") < 5 && m.rates["paid"] >= 0.95 && m.rates["deals"] >= 0.95 {
			m.reach *= 1.2
		}
	}
}

// size scales a segment's reach and budget so that its share of the
// leads or the spend (the larger) is about share: a misfocus needs a
// segment that takes a real part of the effort, and little enough of the
// money that it can take twice its share of anything.
func size(models []*segModel, m *segModel, share float64) {
	for range 40 {
		var spend, leads float64
		for _, x := range models {
			spend += x.spend
			leads += x.expected("leads")
		}
		effort := math.Max(m.spend/spend, m.expected("leads")/leads)
		if math.Abs(effort/share-1) < 0.03 {
			return
		}
		f := math.Sqrt(share / effort * (1 - effort) / (1 - share))
		m.reach, m.spend = m.reach*f, m.spend*f
	}
}

// misfocusAfter returns the segment's effort share over its money share
// once its reach and spend grew by g with its qualification rate times q.
func misfocusAfter(models []*segModel, m *segModel, g, q float64) float64 {
	var spend, leads, money float64
	for _, x := range models {
		f, fq := 1.0, 1.0
		if x == m {
			f, fq = g, q
		}
		spend += x.spend * f
		leads += x.expected("leads") * f
		money += x.expected("paid") * x.check * f * fq
	}
	effort := math.Max(m.spend*g/spend, m.expected("leads")*g/leads)
	return effort / (m.expected("paid") * m.check * g * q / money)
}

// plant chooses where the dataset's problem goes and returns, per segment
// that carries it, what it changes in the i-th week.
func plant(rng *rand.Rand, d *dataset, focus, other *segModel) map[*segModel]func(int) mod {
	p := &d.plant
	p.Segment = focus.seg.Key
	lastWeeks := func(n int, f func(md *mod, k int)) func(int) mod {
		return func(i int) mod {
			md := noMod()
			if k := i - (d.weeks - n); k >= 0 {
				f(&md, k)
			}
			return md
		}
	}
	stageOwner := func(key string) string {
		for _, st := range focus.stages {
			if st.Key == key {
				return st.Department
			}
		}
		return ""
	}
	on := func(f func(int) mod) map[*segModel]func(int) mod { return map[*segModel]func(int) mod{focus: f} }
	switch p.Kind {
	case StageCollapse:
		p.Stage = pickStage(rng, focus, 40, nil)
		p.Department = stageOwner(p.Stage)
		cut := uniform(rng, 0.4, 0.6)
		return on(lastWeeks(1, func(md *mod, _ int) { md.rate, md.exact = map[string]float64{p.Stage: cut}, true }))
	case DropOffReason:
		if len(focus.dropOffs) == 0 {
			focus.dropOffs["meetings"] = pickReasons(rng, d.ws.DropOff)
		}
		p.Stage = pickStage(rng, focus, 25, func(st domain.Stage) bool { return focus.dropOffs[st.Key] != nil })
		p.Reason = minorReason(rng, focus.dropOffs[p.Stage])
		p.Department = stageOwner(p.Stage)
		cut, takeover := uniform(rng, 0.7, 0.85), uniform(rng, 0.2, 0.4)
		return on(lastWeeks(1, func(md *mod, _ int) {
			md.rate, md.lossTo, md.takeover = map[string]float64{p.Stage: cut}, map[string]string{p.Stage: p.Reason}, takeover
			md.exact = true
		}))
	case NonTargetFlood:
		if focus.nonTarget == nil {
			focus.nonTarget = pickReasons(rng, d.ws.NonTarget)
		}
		if focus.volume("qualified") < 25 {
			focus.scaleTo("leads", 25/math.Min(focus.rates["qualified"], 1-focus.rates["qualified"]))
		}
		p.Stage, p.Reason, p.Department = "qualified", minorReason(rng, focus.nonTarget), stageOwner("qualified")
		cut, takeover := uniform(rng, 0.6, 0.8), uniform(rng, 0.1, 0.3)
		return on(lastWeeks(1, func(md *mod, _ int) {
			md.rate, md.lossTo, md.takeover = map[string]float64{p.Stage: cut}, map[string]string{p.Stage: p.Reason}, takeover
			md.exact = true
		}))
	case SpendSpike:
		p.Department = stageOwner("leads")
		spike := uniform(rng, 1.6, 2.5)
		return on(lastWeeks(1, func(md *mod, _ int) { md.spend = spike }))
	case MoneyCollapse:
		e := focus.expected("paid")
		target := uniform(rng, 6, 15)
		focus.reach, focus.spend = focus.reach*target/e, focus.spend*target/e
		p.Department = stageOwner("paid")
		deals, paid := uniform(rng, 0.35, 0.5), uniform(rng, 0.4, 0.55)
		return on(lastWeeks(1, func(md *mod, _ int) { md.rate, md.exact = map[string]float64{"deals": deals, "paid": paid}, true }))
	case SlowTrend:
		p.Stage = pickStage(rng, focus, 60, nil)
		p.Department = stageOwner(p.Stage)
		weeks, fall := 8+rng.IntN(5), uniform(rng, 0.35, 0.45)
		return on(lastWeeks(weeks, func(md *mod, k int) {
			md.rate = map[string]float64{p.Stage: 1 - fall*float64(k+1)/float64(weeks)}
		}))
	case WeakManager:
		mg := focus.managers[rng.IntN(len(focus.managers))]
		p.Manager, p.Department = mg.name, domain.DeptSales
		var stages []string
		for _, st := range focus.stages[focus.mgrFrom+1:] {
			if focus.intake(st.Key)*mg.share/float64(len(focus.managers))/1.4 >= 8 {
				stages = append(stages, st.Key)
			}
		}
		if len(stages) == 0 {
			stages = []string{focus.stages[focus.mgrFrom+1].Key}
			focus.scaleTo(focus.stages[focus.mgrFrom].Key, 12*float64(len(focus.managers)))
		}
		p.Stage = stages[rng.IntN(len(stages))]
		cut, weeks := uniform(rng, 0.15, 0.4), 4+rng.IntN(5)
		return on(lastWeeks(weeks, func(md *mod, _ int) {
			md.mgrRate = map[string]map[string]float64{mg.name: {p.Stage: cut}}
		}))
	case CheckFall:
		focus.scaleTo("paid", 6)
		p.Department = stageOwner("paid")
		cut := uniform(rng, 0.35, 0.55)
		return on(lastWeeks(1, func(md *mod, _ int) { md.check = cut }))
	case GrowingMisfocus, StandingMisfocus:
		p.Segment, p.Department = other.seg.Key, domain.DeptMarketing
		if p.Kind == StandingMisfocus {
			return nil
		}
		if other.nonTarget == nil {
			other.nonTarget = pickReasons(rng, d.ws.NonTarget)
		}
		// The new leads are mostly the wrong buyers: fewer qualify, the
		// fewer the more the segment would otherwise earn its growth.
		grow, qualify := uniform(rng, 2, 3), 0.4
		for qualify > 0.1 && misfocusAfter(d.models, other, grow, qualify) < 3 {
			qualify -= 0.05
		}
		return map[*segModel]func(int) mod{other: lastWeeks(4, func(md *mod, _ int) {
			md.reach, md.spend = grow, grow
			md.rate, md.lossTo = map[string]float64{"qualified": qualify}, map[string]string{"qualified": "wrong_segment"}
		})}
	}
	return nil
}

// pickStage chooses a stage of the segment that keeps and loses at least
// n items a week on average (and that ok accepts): a problem at a stage
// with fewer is the small-numbers kind. When no stage has the volume, the
// segment is scaled up to give the first acceptable one enough.
func pickStage(rng *rand.Rand, m *segModel, n float64, ok func(domain.Stage) bool) string {
	var keys []string
	for _, st := range m.stages[1:] {
		if m.volume(st.Key) >= n && (ok == nil || ok(st)) {
			keys = append(keys, st.Key)
		}
	}
	if len(keys) == 0 {
		for i, st := range m.stages[1:] {
			if ok == nil || ok(st) {
				m.scaleTo(m.stages[i].Key, n/math.Min(m.rates[st.Key], 1-m.rates[st.Key]))
				return st.Key
			}
		}
	}
	return keys[rng.IntN(len(keys))]
}

// minorReason picks a reason that usually takes at most 30% of the losses
// (the smallest when none does): the planted problem makes it dominant.
func minorReason(rng *rand.Rand, reasons []weighted) string {
	var total float64
	for _, r := range reasons {
		total += r.weight
	}
	var minor []string
	for _, r := range reasons {
		if r.weight/total <= 0.3 {
			minor = append(minor, r.key)
		}
	}
	if len(minor) == 0 {
		i := slices.IndexFunc(reasons, func(r weighted) bool {
			return r.weight == slices.MinFunc(reasons, func(a, b weighted) int { return cmpFloat(a.weight, b.weight) }).weight
		})
		return reasons[i].key
	}
	return minor[rng.IntN(len(minor))]
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
