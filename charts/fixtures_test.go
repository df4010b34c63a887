package charts

import (
	"trackbot/domain"
)

// testWorkspace is a workspace with the default funnel and three segments.
func testWorkspace(lang domain.Lang) *domain.Workspace {
	return &domain.Workspace{
		Lang:     lang,
		Currency: "₽",
		Stages:   domain.DefaultStages(),
		Segments: []domain.Segment{
			{Key: "dealers", Name: domain.Name{En: "Dealers", Ru: "Дилеры"}, Focus: true},
			{Key: "developers", Name: domain.Name{En: "Developers", Ru: "Застройщики"}},
			{Key: "retail", Name: domain.Name{En: "Retail buyers", Ru: "Розница"}},
		},
		NonTarget: domain.DefaultNonTargetReasons(),
		DropOff:   domain.DefaultDropOffReasons(),
	}
}

var (
	week47     = domain.Week{Year: 2026, Num: 47}
	dealers    = domain.Segment{Key: "dealers", Name: domain.Name{En: "Dealers", Ru: "Дилеры"}, Focus: true}
	developers = domain.Segment{Key: "developers", Name: domain.Name{En: "Developers", Ru: "Застройщики"}}
	retail     = domain.Segment{Key: "retail", Name: domain.Name{En: "Retail buyers", Ru: "Розница"}}
)

// report builds a funnel report by hand from counts in stage order (a
// negative count is an unreported stage), computing conversions the way the
// product defines them, so pixel tests know exactly what is drawn.
func report(seg domain.Segment, w domain.Week, counts ...int64) domain.FunnelReport {
	rep := domain.FunnelReport{Segment: seg, Period: domain.WeekPeriod(w), Weeks: 1}
	var prev, first int64 = -1, -1
	for i, st := range domain.DefaultStages() {
		if i >= len(counts) {
			break
		}
		fig := domain.StageFigure{Stage: st, Count: max(counts[i], 0), Reported: counts[i] >= 0}
		if fig.Reported {
			if prev > 0 {
				fig.Conv = domain.Some(float64(fig.Count) / float64(prev))
			}
			if first > 0 {
				fig.Cum = domain.Some(float64(fig.Count) / float64(first))
			}
			if first < 0 {
				first = fig.Count
			}
			prev = fig.Count
		}
		rep.Stages = append(rep.Stages, fig)
	}
	return rep
}

// withMoney adds spend, revenue and gross profit (in currency units) and the
// unit economics they give.
func withMoney(rep domain.FunnelReport, spend, revenue, gross float64) domain.FunnelReport {
	rep.Spend = domain.Money(spend * 100)
	rep.Revenue = domain.Money(revenue * 100)
	rep.GrossProfit = domain.Money(gross * 100)
	rep.HasGrossProfit = true
	ratio := func(a float64, b int64) domain.Value {
		if b == 0 {
			return domain.None
		}
		return domain.Some(a / float64(b))
	}
	for _, st := range rep.Stages {
		switch st.Stage.Role {
		case domain.RoleLeads:
			rep.CPL = ratio(spend, st.Count)
		case domain.RoleQualified:
			rep.CostPerQualified = ratio(spend, st.Count)
		case domain.RolePaid:
			rep.CAC = ratio(spend, st.Count)
			rep.AvgCheck = ratio(revenue, st.Count)
		}
	}
	if spend > 0 {
		rep.ROMI = domain.Some((gross - spend) / spend)
	}
	return rep
}

// withNonTarget adds non-target leads by reason key, largest first.
func withNonTarget(rep domain.FunnelReport, leads int64, byReason ...reasonCount) domain.FunnelReport {
	var total int64
	for _, rc := range byReason {
		total += rc.n
	}
	rep.NonTargetLeads = total
	if leads > 0 {
		rep.NonTargetShare = domain.Some(float64(total) / float64(leads))
	}
	rep.NonTarget = shares(domain.DefaultNonTargetReasons(), total, byReason)
	return rep
}

// withDropOffs adds the losses at one stage.
func withDropOffs(rep domain.FunnelReport, stageKey string, byReason ...reasonCount) domain.FunnelReport {
	var total int64
	for _, rc := range byReason {
		total += rc.n
	}
	var stage domain.Stage
	for _, st := range domain.DefaultStages() {
		if st.Key == stageKey {
			stage = st
		}
	}
	rep.DropOffs = append(rep.DropOffs, domain.StageDropOffs{
		Stage: stage, Total: total, Reasons: shares(domain.DefaultDropOffReasons(), total, byReason),
	})
	return rep
}

type reasonCount struct {
	key string
	n   int64
}

func shares(reasons []domain.Reason, total int64, counts []reasonCount) []domain.ReasonShare {
	var out []domain.ReasonShare
	for _, rc := range counts {
		reason := domain.Reason{Key: rc.key, Name: domain.Name{En: rc.key, Ru: rc.key}}
		for _, r := range reasons {
			if r.Key == rc.key {
				reason = r
			}
		}
		share := domain.None
		if total > 0 {
			share = domain.Some(float64(rc.n) / float64(total))
		}
		out = append(out, domain.ReasonShare{Reason: reason, Count: rc.n, Share: share})
	}
	return out
}
