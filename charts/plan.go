package charts

import (
	"html"
	"image"
	"image/color"
	"math"

	"trackbot/domain"
)

// At most this many targets are drawn: a plan is a few headline figures.
const planRows = 6

// Plan vs fact layout: a name column, a bar per target scaled so the plan
// is at the same place on every row, the shares at the right.
const (
	planNameRight = 380
	planBarLeft   = 410
	planBarRight  = 930
	planShareLeft = 950
	planRow       = 124
	planBar       = 40
	planGroupHead = 64
)

// planColors: the fact is solid, the projection a lighter shade of the
// same colour, red when the projection misses the plan beyond its noise.
var (
	colPlanFact      = colBar
	colPlanProjected = colLeads
	colPlanMissFact  = colBad
	colPlanMissProj  = color.RGBA{252, 165, 165, 255}
)

// Plan draws a segment's plans as of their week: per target a bar of the
// fact and, lighter, of the projected end of period, against a line at the
// plan (100%) and a mark at the share of the period gone; "62% → 83%" at
// the right, red where the projection misses beyond its noise. Statuses
// of several plans (a month and its quarter) are drawn as groups.
func (r *Renderer) Plan(ws *domain.Workspace, seg domain.Segment, statuses []domain.PlanStatus) ([]byte, error) {
	lang := wsLang(ws)
	if len(statuses) == 0 {
		return r.noData(lang, domain.Text(lang, "chart.plan.title", segmentName(lang, seg)))
	}
	statuses = statuses[:min(len(statuses), planRows)]
	groups := planGroups(statuses)
	height := contentTop + len(groups)*planGroupHead + len(statuses)*planRow + 70 + margin
	c, err := newCanvas(r.font, pictureWide, height)
	if err != nil {
		return nil, err
	}
	title := domain.Text(lang, "chart.plan.title", domain.Shorten(segmentName(lang, seg), 40))
	c.planText(c.fit(title, sizeTitle, c.w-2*margin), margin, titleBase, sizeTitle, colInk, alignLeft, true)
	scale := planScale(statuses)
	y := contentTop - 50
	for _, g := range groups {
		st := g[0].Pace
		head := st.Plan.Period().Label(lang) + " · " + domain.Text(lang, "chart.plan.subtitle", percent(st.TimeShare().V, lang))
		c.planText(c.fit(head, sizeLabel, c.w-2*margin), margin, y+sizeLabel+8, sizeLabel, colInk, alignLeft, true)
		y += planGroupHead
		for _, s := range g {
			c.planRow(ws, lang, y, scale, s)
			y += planRow
		}
	}
	c.planLegend(lang, y+40)
	return c.encode()
}

// planMinText is the smallest text the picture draws: 32 px at 1280 px
// wide is 9 px on a 360-px phone screen.
const planMinText = sizeValue

// planTextHook, when set (by tests), sees the size of every text drawn.
var planTextHook func(size float64)

// planText draws text no smaller than planMinText.
func (c *canvas) planText(s string, x, y int, size float64, col color.RGBA, a align, bold bool) int {
	size = math.Max(size, planMinText)
	if planTextHook != nil {
		planTextHook(size)
	}
	return c.text(s, x, y, size, col, a, bold)
}

// planGroups splits statuses into runs of the same plan.
func planGroups(statuses []domain.PlanStatus) [][]domain.PlanStatus {
	var groups [][]domain.PlanStatus
	for i, s := range statuses {
		if i == 0 || !s.Pace.Plan.Same(statuses[i-1].Pace.Plan) {
			groups = append(groups, nil)
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], s)
	}
	return groups
}

// planScale is the share drawn at the bar's right end: the plan with room
// past it, or the largest share when a figure runs far over.
func planScale(statuses []domain.PlanStatus) float64 {
	top := 1.2
	for _, s := range statuses {
		for _, v := range []domain.Value{s.Pace.FactShare(), s.Pace.ProjectedShare()} {
			if v.OK {
				top = math.Max(top, v.V*1.05)
			}
		}
	}
	return math.Min(top, 3)
}

// planRow draws one target: its name and "3.1 M ₽ of 5 M ₽" at the left,
// the bars, the plan line and the time mark, and the shares at the right.
func (c *canvas) planRow(ws *domain.Workspace, lang domain.Lang, top int, scale float64, s domain.PlanStatus) {
	p := s.Pace
	f := p.Target.Field()
	barTop := top + 14
	name := c.fit(f.Label(ws, lang), sizeLabel, planNameRight-margin)
	c.planText(name, planNameRight, barTop+planBar/2+sizeLabel/3, sizeLabel, colInk, alignRight, true)
	amounts := domain.FormatPlanValue(f, p.Fact, wsCurrency(ws), lang) + " / " + domain.FormatPlanValue(f, p.Target.Units(), wsCurrency(ws), lang)
	c.planText(c.fit(amounts, sizeValue, c.w-margin-planBarLeft), planBarLeft, barTop+planBar+46, sizeValue, colMuted, alignLeft, false)
	x := func(share float64) int {
		return planBarLeft + int(math.Round(math.Min(share, scale)/scale*float64(planBarRight-planBarLeft)))
	}
	c.rect(planBarLeft, barTop, planBarRight, barTop+planBar, colBand)
	fact, proj := colPlanFact, colPlanProjected
	if s.Miss {
		fact, proj = colPlanMissFact, colPlanMissProj
	}
	if v := p.ProjectedShare(); v.OK && v.V > 0 {
		c.rect(planBarLeft, barTop, x(v.V), barTop+planBar, proj)
	}
	if v := p.FactShare(); v.OK && v.V > 0 {
		c.rect(planBarLeft, barTop, max(planBarLeft+3, x(v.V)), barTop+planBar, fact)
	}
	// The plan: a solid line across the bar; the time gone: a dark tick.
	plan := x(1)
	c.rect(plan-2, barTop-12, plan+2, barTop+planBar+12, colInk)
	if t := p.TimeShare(); t.OK && t.V > 0 && t.V < 1 {
		tx := x(t.V)
		c.polygon([]image.Point{{tx - 12, barTop - 18}, {tx + 12, barTop - 18}, {tx, barTop - 2}}, colMuted)
	}
	share := domain.NoValue
	if v := p.FactShare(); v.OK {
		share = percent(v.V, lang)
	}
	col := colInk
	if s.Miss {
		col = colBad
	}
	label := share + " → " + domain.FormatPercent(p.ProjectedShare(), lang)
	c.planText(c.fit(label, sizeLabel, c.w-margin/2-planShareLeft), planShareLeft, barTop+planBar/2+sizeLabel/3, sizeLabel, col, alignLeft, true)
}

// planLegend names the parts of a bar: the fact, the projection, the
// plan's line and the mark of the time gone.
func (c *canvas) planLegend(lang domain.Lang, y int) {
	x := margin
	item := func(key string, draw func(x int)) {
		draw(x)
		x += 50
		x += c.planText(domain.Text(lang, key), x, y, sizeValue, colMuted, alignLeft, false) + 40
	}
	item("chart.plan.done", func(x int) { c.rect(x, y-26, x+36, y+4, colPlanFact) })
	item("chart.plan.projected", func(x int) { c.rect(x, y-26, x+36, y+4, colPlanProjected) })
	item("chart.plan.line", func(x int) { c.rect(x+16, y-34, x+20, y+10, colInk) })
	item("chart.plan.time", func(x int) {
		c.polygon([]image.Point{{x + 6, y - 26}, {x + 30, y - 26}, {x + 18, y - 10}}, colMuted)
	})
}

// withPlanPictures puts a plan-vs-fact picture of every reviewed segment
// with a plan right after the first picture of a review pack (the focus
// segment's funnel), keeping the pack within a media group. Plans are
// measured as of the end of p or the last complete week before today.
func (r *Renderer) withPlanPictures(ws *domain.Workspace, segment string, p domain.Period, today domain.Date,
	recs []domain.WeeklyRecord, pictures []domain.Attachment) ([]domain.Attachment, error) {
	lang := wsLang(ws)
	asOf := domain.PlanAsOf(p, today.Week().Add(-1))
	var plans []domain.Attachment
	for _, s := range ws.ReviewSegments(segment) {
		statuses := domain.PlanStatuses(ws, ws.PlansAt(s.Key, asOf), asOf, recs)
		if len(statuses) == 0 {
			continue
		}
		png, err := r.Plan(ws, s, statuses)
		if err != nil {
			return nil, err
		}
		caption := domain.Text(lang, "plan.chart_caption", html.EscapeString(s.Name.In(lang)), asOf.String())
		plans = append(plans, domain.Attachment{Name: "plan.png", Data: png, Caption: caption})
	}
	if len(plans) == 0 {
		return pictures, nil
	}
	at := min(1, len(pictures))
	out := append(append(append([]domain.Attachment{}, pictures[:at]...), plans...), pictures[at:]...)
	return out[:min(len(out), maxReviewPictures)], nil
}
