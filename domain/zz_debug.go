package domain

import "fmt"

// DebugSignals prints a pack's signals (temporary, for tuning).
func DebugSignals(ws *Workspace, p Period, recs []WeeklyRecord) {
	var sigs []*signal
	for _, s := range ws.Segments {
		if s.Focus {
			sigs = append(sigs, segmentSignals(ws, newHistory(ws, s, p, recs))...)
		}
	}
	controlFalseDiscoveries(sigs)
	for _, sg := range sigs {
		fmt.Printf("  %s k%d %s %s p=%.2g mat=%v found=%v now=%.4g base=%.4g k=%d/%d K=%d/%d phi=%.2f z=%.2f\n", sg.h.seg.Key, sg.kind, sg.stage.Key, sg.manager, sg.ev.P, sg.material, sg.found, sg.now.V, sg.base.V, sg.ev.NowK, sg.ev.NowN, sg.ev.BaseK, sg.ev.BaseN, sg.ev.Phi, sg.ev.Z)
	}
}

// DebugCollapse prints the collapse rule's inputs (temporary).
func DebugCollapse(ws *Workspace, p Period, recs []WeeklyRecord) {
	for _, s := range ws.Segments {
		if !s.Focus {
			continue
		}
		h := newHistory(ws, s, p, recs)
		paid, _ := h.cur.RoleFigure(RolePaid)
		var paidHist []float64
		for _, r := range h.slots {
			f, _ := r.RoleFigure(RolePaid)
			paidHist = append(paidHist, float64(f.Count))
		}
		c, spread := robustScale(paidHist)
		pc := countLowerP(paid.Count, c, max(c, spread*spread))
		pConv, exp := h.intakeToPaid(paid)
		q, _ := h.cur.RoleFigure(RoleQualified)
		fmt.Printf("  %s paid %d (qual %d) hist %v med %.1f spread %.1f pCount %.3g pConv %.3g expected %.1f\n", s.Key, paid.Count, q.Count, paidHist, c, spread, pc, pConv, exp)
	}
}
