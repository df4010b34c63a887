package domain

import "testing"

// focusRecord is a week of a segment with the given effort and money;
// margin < 0 means no margin reported.
func focusRecord(seg string, leads, meetings, proposals, deals, paid, spend, revenue int64, margin float64) WeeklyRecord {
	rec := record(seg, wk(2026, 10), funnel(leads, leads, meetings, proposals, deals, paid))
	rec.Spend, rec.Revenue = rub(spend), rub(revenue)
	if margin >= 0 {
		rec.Margin, rec.HasMargin = margin, true
	}
	return rec
}

func TestFocusCheck_Shares(t *testing.T) {
	ws := testWorkspace()
	recs := []WeeklyRecord{
		focusRecord("a", 20, 10, 5, 3, 2, 1000, 800, 0.5),
		focusRecord("b", 70, 20, 10, 5, 5, 3500, 150, 0.5),
		focusRecord("c", 10, 2, 0, 0, 0, 500, 50, 0.5),
		focusRecord("d", 1000, 1000, 1000, 1000, 1000, 1000, 1000, 0.5), // archived
	}
	rows := FocusCheck(ws, WeekPeriod(wk(2026, 10)), recs)
	if len(rows) != 3 {
		t.Fatalf("len(rows) = %d, want 3 (archived d left out)", len(rows))
	}
	// Sales activity counts meetings, proposals and deals: 18, 15 and 2 of
	// 35, since b skips meetings and its reported ones are left out.
	want := []struct {
		key                                   string
		leads, spend, sales, revenue, gprofit float64
		misfocus                              bool
	}{
		{"a", 0.2, 0.2, 18.0 / 35, 0.8, 0.8, false},  // the focus segment is never misfocus
		{"b", 0.7, 0.7, 15.0 / 35, 0.15, 0.15, true}, // 70% of leads for 15% of the profit
		{"c", 0.1, 0.1, 2.0 / 35, 0.05, 0.05, false}, // 5 pp over its profit share: within the gap
	}
	for i, w := range want {
		t.Run(w.key, func(t *testing.T) {
			r := rows[i]
			if r.Segment.Key != w.key || r.Misfocus != w.misfocus {
				t.Errorf("segment %s misfocus %v, want %s %v", r.Segment.Key, r.Misfocus, w.key, w.misfocus)
			}
			checkValue(t, "LeadsShare", r.LeadsShare, w.leads)
			checkValue(t, "SpendShare", r.SpendShare, w.spend)
			checkValue(t, "SalesShare", r.SalesShare, w.sales)
			checkValue(t, "RevenueShare", r.RevenueShare, w.revenue)
			checkValue(t, "GrossProfitShare", r.GrossProfitShare, w.gprofit)
		})
	}
}

func TestFocusCheck_RevenueStandsInForMissingMargin(t *testing.T) {
	ws := testWorkspace()
	recs := []WeeklyRecord{
		focusRecord("a", 50, 10, 5, 3, 2, 1000, 700, 0.5),
		focusRecord("b", 40, 10, 5, 3, 2, 1000, 300, -1), // no margin
		focusRecord("c", 10, 0, 0, 0, 0, 0, 0, -1),       // no revenue, no margin needed
	}
	rows := FocusCheck(ws, WeekPeriod(wk(2026, 10)), recs)
	for _, r := range rows {
		checkNone(t, r.Segment.Key+" GrossProfitShare", r.GrossProfitShare)
	}
	// b: 40% of leads against 30% of revenue is within the gap; 50% of
	// spend against 30% is not.
	if !rows[1].Misfocus {
		t.Errorf("b Misfocus = false, want true (spend 50%% vs revenue 30%%)")
	}
	if rows[2].Misfocus {
		t.Errorf("c Misfocus = true, want false (10%% of leads vs 0%% of revenue is under the gap)")
	}
}

func TestFocusCheck_NothingToCompare(t *testing.T) {
	ws := testWorkspace()
	recs := []WeeklyRecord{
		focusRecord("b", 100, 0, 0, 0, 0, 0, 0, 0.5),
	}
	rows := FocusCheck(ws, WeekPeriod(wk(2026, 10)), recs)
	b := rows[1]
	checkValue(t, "LeadsShare", b.LeadsShare, 1)
	checkNone(t, "SpendShare", b.SpendShare)
	checkNone(t, "SalesShare", b.SalesShare)
	checkNone(t, "RevenueShare", b.RevenueShare)
	if b.Misfocus {
		t.Errorf("Misfocus without any revenue to compare with")
	}
}
