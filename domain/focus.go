package domain

// MisfocusGap is how far (15 percentage points) a non-focus segment's share
// of leads, spend or sales activity may exceed its share of the money before
// the focus check flags it.
const MisfocusGap = 0.15

// FocusPeriod is the period the focus check of period p looks at: a week
// is too short for a flood of leads to show, so a week reads as the
// BaselineWeeks weeks ending with it; a month or a quarter stands alone.
func FocusPeriod(p Period) Period {
	if p.Kind == PeriodWeek {
		return LastWeeks(p.To, BaselineWeeks)
	}
	return p
}

// FocusCheck compares, per non-archived segment over period p, where the
// effort goes (leads, marketing spend, sales activity) with where the money
// comes from (revenue, gross profit). Every share is of all segments'
// total and None when that total is zero.
//
// Sales activity is the sum of the counts of the stages the sales
// department owns, except the paid stage: payments are the customer's act,
// while meetings, proposals and deals are where sales people spend time.
//
// A non-focus segment is Misfocus when its leads, spend or sales share
// exceeds its gross profit share by MisfocusGap or more. When a segment with
// revenue has no margin, gross profit shares are None for all segments and
// revenue shares stand in for them.
func FocusCheck(ws *Workspace, p Period, recs []WeeklyRecord) []FocusRow {
	var reports []FunnelReport
	for _, s := range ws.Segments {
		if !s.Archived {
			reports = append(reports, BuildReport(ws, s.Key, p, recs))
		}
	}
	leads := segmentShares(reports, func(r FunnelReport) (float64, bool) {
		f, _ := r.RoleFigure(RoleLeads)
		return float64(f.Count), true
	})
	spend := segmentShares(reports, func(r FunnelReport) (float64, bool) { return float64(r.Spend), true })
	sales := segmentShares(reports, func(r FunnelReport) (float64, bool) { return float64(salesActivity(r)), true })
	revenue := segmentShares(reports, func(r FunnelReport) (float64, bool) { return float64(r.Revenue), true })
	profit := segmentShares(reports, func(r FunnelReport) (float64, bool) {
		return float64(r.GrossProfit), r.HasGrossProfit || r.Revenue == 0
	})

	rows := make([]FocusRow, len(reports))
	for i, r := range reports {
		rows[i] = FocusRow{
			Segment:          r.Segment,
			LeadsShare:       leads[i],
			SpendShare:       spend[i],
			SalesShare:       sales[i],
			RevenueShare:     revenue[i],
			GrossProfitShare: profit[i],
		}
		rows[i].Misfocus = misfocused(rows[i])
	}
	return rows
}

// salesActivity sums the counts of the sales department's stages other
// than the paid one.
func salesActivity(r FunnelReport) int64 {
	var n int64
	for _, f := range r.Stages {
		if f.Stage.Department == DeptSales && f.Stage.Role != RolePaid {
			n += f.Count
		}
	}
	return n
}

// segmentShares returns each report's share of the total of a figure; all
// shares are None when the total is zero or any report lacks the figure.
func segmentShares(reports []FunnelReport, figure func(FunnelReport) (float64, bool)) []Value {
	values := make([]float64, len(reports))
	var total float64
	for i, r := range reports {
		v, ok := figure(r)
		if !ok {
			return make([]Value, len(reports))
		}
		values[i] = v
		total += v
	}
	shares := make([]Value, len(reports))
	for i, v := range values {
		shares[i] = ratio(v, total)
	}
	return shares
}

// misfocused applies the MisfocusGap rule to one row.
func misfocused(row FocusRow) bool {
	if row.Segment.Focus {
		return false
	}
	money := row.GrossProfitShare
	if !money.OK {
		money = row.RevenueShare
	}
	if !money.OK {
		return false
	}
	for _, effort := range []Value{row.LeadsShare, row.SpendShare, row.SalesShare} {
		if effort.OK && effort.V-money.V >= MisfocusGap-1e-9 {
			return true
		}
	}
	return false
}
