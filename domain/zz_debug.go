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
