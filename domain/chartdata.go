package domain

import "strings"

// A chart is worth a message only when it has something to show: a trend
// of one dot or a segment of zeros costs a photo of the group's twenty a
// minute and teaches the reader to skip pictures. These rules decide which
// charts a review or a snapshot sends; a chart left out is named in the
// text with the reason, so nobody wonders where it went.

// MinTrendWeeks is how many weeks with figures a trend needs: two points
// make a line, not a trend.
const MinTrendWeeks = 3

// MinMixSegments is how many segments with figures the segment mix needs:
// one segment has every share at 100%.
const MinMixSegments = 2

// ChartKind names a picture of a review or a snapshot.
type ChartKind string

// The pictures of a review pack and of the weekly snapshot.
const (
	ChartFunnel   ChartKind = "funnel"
	ChartTrend    ChartKind = "trend"
	ChartDropOffs ChartKind = "dropoffs"
	ChartQuality  ChartKind = "quality"
	ChartMix      ChartKind = "mix"
	ChartTable    ChartKind = "table"
)

// Why a chart was left out.
const (
	GapNoFigures  = "no_figures"  // the segment has no figures in the period
	GapFewWeeks   = "few_weeks"   // a trend with fewer than MinTrendWeeks weeks
	GapNoLosses   = "no_losses"   // no item was lost with a reason
	GapFewSegment = "few_segment" // fewer than MinMixSegments segments with figures
	GapBudget     = "budget"      // the pack holds no more pictures
)

// ChartGap is a chart left out of a pack, and why.
type ChartGap struct {
	Chart   ChartKind
	Segment Segment // the zero Segment for a chart of all segments
	Reason  string  // one of the Gap… reasons
	Weeks   int     // for GapFewWeeks: the weeks with figures
}

// HasFigures reports whether the report holds any figure: a non-zero count
// at a stage, spend or revenue. A segment without one is left out of the
// charts rather than drawn as zeros.
func (r FunnelReport) HasFigures() bool {
	if r.Spend != 0 || r.Revenue != 0 {
		return true
	}
	for _, f := range r.Stages {
		if f.Reported && f.Count > 0 {
			return true
		}
	}
	return false
}

// HasLosses reports whether some stage lost items with a reason.
func (r FunnelReport) HasLosses() bool {
	for _, st := range r.DropOffs {
		if st.Total > 0 && len(st.Reasons) > 0 {
			return true
		}
	}
	return false
}

// ConversionWeeks counts the weekly reports with at least one defined
// conversion: the points a conversion trend would have.
func ConversionWeeks(weekly []FunnelReport) int {
	n := 0
	for _, rep := range weekly {
		for _, f := range rep.Stages {
			if f.Conv.OK {
				n++
				break
			}
		}
	}
	return n
}

// NonTargetWeeks counts the weekly reports whose non-target share is known.
func NonTargetWeeks(weekly []FunnelReport) int {
	n := 0
	for _, rep := range weekly {
		if rep.NonTargetShare.OK {
			n++
		}
	}
	return n
}

// HasFigures reports whether a segment of the focus check has a
// non-zero share of anything.
func (row FocusRow) HasFigures() bool {
	for _, v := range []Value{row.LeadsShare, row.SpendShare, row.SalesShare, row.RevenueShare, row.GrossProfitShare} {
		if v.OK && v.V > 0 {
			return true
		}
	}
	return false
}

// FocusRowsWithFigures keeps the segments of the focus check that have
// figures, in order.
func FocusRowsWithFigures(rows []FocusRow) []FocusRow {
	var out []FocusRow
	for _, row := range rows {
		if row.HasFigures() {
			out = append(out, row)
		}
	}
	return out
}

// TrendGap returns why a segment's conversion trend over weekly is not
// drawn, or ok when it has enough weeks.
func TrendGap(seg Segment, weekly []FunnelReport) (ChartGap, bool) {
	if n := ConversionWeeks(weekly); n < MinTrendWeeks {
		return ChartGap{Chart: ChartTrend, Segment: seg, Reason: GapFewWeeks, Weeks: n}, false
	}
	return ChartGap{}, true
}

// QualityGap returns why a segment's lead quality over weekly (a trend of
// the non-target share) is not drawn, or ok when it has enough weeks.
func QualityGap(seg Segment, weekly []FunnelReport) (ChartGap, bool) {
	if n := NonTargetWeeks(weekly); n < MinTrendWeeks {
		return ChartGap{Chart: ChartQuality, Segment: seg, Reason: GapFewWeeks, Weeks: n}, false
	}
	return ChartGap{}, true
}

// ChartGapsText tells in the chat's HTML which charts were left out and
// why, one line each; empty when none was. A segment without figures is
// named once, not for every chart it lacks.
func ChartGapsText(l Lang, p Period, gaps []ChartGap) string {
	if len(gaps) == 0 {
		return ""
	}
	var lines []string
	seen := map[string]bool{}
	for _, g := range gaps {
		name := esc(g.Segment.Name.In(l))
		var line string
		switch g.Reason {
		case GapNoFigures:
			if seen[g.Segment.Key] {
				continue
			}
			seen[g.Segment.Key] = true
			line = Text(l, "chart.gap.no_figures", name, esc(p.Label(l)))
		case GapFewWeeks:
			line = Text(l, "chart.gap.few_weeks", chartName(l, g.Chart, name), MinTrendWeeks, g.Weeks)
		case GapNoLosses:
			line = Text(l, "chart.gap.no_losses", chartName(l, g.Chart, name), esc(p.Label(l)))
		case GapFewSegment:
			line = Text(l, "chart.gap.few_segments", chartName(l, g.Chart, name), MinMixSegments)
		case GapBudget:
			line = Text(l, "chart.gap.budget", chartName(l, g.Chart, name))
		default:
			line = chartName(l, g.Chart, name)
		}
		lines = append(lines, "• "+line)
	}
	return Text(l, "chart.gap.title") + "\n" + strings.Join(lines, "\n")
}

// chartNames are the catalog keys of the charts' names in the gaps text.
var chartNames = map[ChartKind]string{
	ChartFunnel:   "chart.gap.funnel",
	ChartTrend:    "chart.gap.trend",
	ChartDropOffs: "chart.gap.dropoffs",
	ChartQuality:  "chart.gap.quality",
	ChartMix:      "chart.gap.mix",
	ChartTable:    "chart.gap.table",
}

// chartName is "Conversion trend · Dealers", or the chart alone for a
// chart of all segments.
func chartName(l Lang, c ChartKind, segmentHTML string) string {
	name := Text(l, chartNames[c])
	if segmentHTML == "" {
		return name
	}
	return name + " · " + segmentHTML
}
