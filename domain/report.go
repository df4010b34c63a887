package domain

// This file holds the shapes of computed funnel figures that views, charts
// and tracker questions read. The arithmetic that fills them lives in
// calc.go; these types are the contract between them.

// Value is a computed number that may be undefined: a ratio with a zero
// denominator has OK false and shows as "—", never as NaN, Inf or 0.
type Value struct {
	V  float64
	OK bool
}

// Some returns a defined value.
func Some(v float64) Value { return Value{V: v, OK: true} }

// None is the undefined value.
var None = Value{}

// PeriodKind is the length of a reporting period.
type PeriodKind string

// Period kinds. Months and quarters are rollups of ISO weeks: a week belongs
// to the month (and quarter) holding its Thursday, as ISO assigns a week to
// the year holding its Thursday.
const (
	PeriodWeek    PeriodKind = "week"
	PeriodMonth   PeriodKind = "month"
	PeriodQuarter PeriodKind = "quarter"
)

// Period is a run of whole ISO weeks, From..To inclusive.
type Period struct {
	Kind PeriodKind
	From Week
	To   Week
}

// StageFigure is one stage of a funnel report.
type StageFigure struct {
	Stage    Stage
	Count    int64
	Reported bool  // false when no week of the period reported this stage
	Conv     Value // from the previous reported stage
	Cum      Value // from the first reported stage
	Lost     int64 // items lost at this stage with a drop-off reason
}

// ReasonShare is a reason with its count and share of the total.
type ReasonShare struct {
	Reason Reason
	Count  int64
	Share  Value
}

// StageDropOffs is the split of items lost at one stage by reason, largest first.
type StageDropOffs struct {
	Stage   Stage
	Total   int64
	Reasons []ReasonShare
}

// FunnelReport is the end-to-end funnel of one segment (or all segments
// together, when Segment.Key is empty) over a period. Rates over several
// weeks are ratios of sums, never means of weekly ratios.
type FunnelReport struct {
	Segment Segment
	Period  Period
	Weeks   int // weeks of the period with a record

	Stages []StageFigure

	Spend          Money
	Revenue        Money
	GrossProfit    Money
	HasGrossProfit bool

	CPL              Value // spend / leads, in currency units
	CostPerQualified Value // spend / qualified
	CAC              Value // spend / new paying customers
	AvgCheck         Value // revenue / deals paid
	ROMI             Value // (gross profit − spend) / spend, a fraction

	NonTargetLeads int64
	NonTargetShare Value         // non-target leads / leads
	NonTarget      []ReasonShare // largest first
	DropOffs       []StageDropOffs
}

// Metric names a number a hypothesis can target and a change can be about:
// "conv:leads" is the conversion into the leads stage from the previous
// one; the unit-economics metrics have fixed names.
type Metric string

// Unit-economics and quality metrics.
const (
	MetricCPL              Metric = "cpl"
	MetricCostPerQualified Metric = "cpq"
	MetricCAC              Metric = "cac"
	MetricAvgCheck         Metric = "avg_check"
	MetricROMI             Metric = "romi"
	MetricNonTargetShare   Metric = "non_target"
	MetricSpend            Metric = "spend"
	MetricRevenue          Metric = "revenue"
)

// ConvMetric returns the metric of the conversion into a stage.
func ConvMetric(stageKey string) Metric { return Metric("conv:" + stageKey) }

// Change is how a metric moved between two reports. Rates change in
// percentage points, amounts in percent.
type Change struct {
	Metric      Metric
	Stage       Stage // for conversions: the stage converted into
	From        Stage // for conversions: the previous stage
	Now         Value
	Before      Value
	Delta       Value // points for rates (0.12 = 12 pp), a fraction for amounts
	IsRate      bool
	Volume      int64 // the denominator (or count) behind Now
	Significant bool  // enough volume on both sides and a large enough move
	Worse       bool  // the move is bad for the business
	// Implausible marks a conversion over 100% on either side: a data
	// problem, never significant, so it is never shown as good news.
	Implausible bool
}

// FocusRow is one segment in the focus check: where the effort goes against
// where the money comes from.
type FocusRow struct {
	Segment          Segment
	LeadsShare       Value
	SpendShare       Value
	SalesShare       Value // share of sales activity (meetings, proposals, deals)
	RevenueShare     Value
	GrossProfitShare Value
	// Misfocus is set for a non-focus segment that takes a clearly larger
	// share of leads, spend or sales effort than it brings in gross profit
	// (or revenue when margins are missing).
	Misfocus bool
}
