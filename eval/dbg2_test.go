package eval

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"trackbot/domain"
)

func TestDebugTrend(t *testing.T) {
	kind := Kind(os.Getenv("KIND"))
	for _, s := range strings.Split(os.Getenv("SEEDS"), ",") {
		seed, _ := strconv.ParseUint(s, 10, 64)
		d := generate(kind, seed)
		fmt.Printf("seed %d plant %+v\n", seed, d.plant)
		var stage, from string
		for i, st := range d.models[0].stages {
			if st.Key == d.plant.Stage {
				stage, from = st.Key, d.models[0].stages[i-1].Key
			}
		}
		for i := 19; i >= 0; i-- {
			r := domain.BuildReport(d.ws, d.plant.Segment, domain.WeekPeriod(d.last.Add(-i)), d.recs)
			f, _ := r.Figure(stage)
			g, _ := r.Figure(from)
			fmt.Printf("   %d/%d=%.3f", f.Count, g.Count, float64(f.Count)/float64(g.Count))
		}
		fmt.Println()
		domain.DebugSignals(d.ws, domain.WeekPeriod(d.last), d.recs)
	}
}

func TestDebugFocus(t *testing.T) {
	kind := Kind(os.Getenv("KIND"))
	for _, s := range strings.Split(os.Getenv("SEEDS"), ",") {
		seed, _ := strconv.ParseUint(s, 10, 64)
		d := generate(kind, seed)
		for _, wk := range []int{-4, 0} {
			for _, n := range []int{4, 8} {
				p := domain.LastWeeks(d.last.Add(wk), n)
				for _, r := range domain.FocusCheck(d.ws, p, d.recs) {
					if r.Segment.Key == d.plant.Segment {
						fmt.Printf("seed %d wk %d n %d %s leads %.2f spend %.2f rev %.2f gp %.2f first %v\n", seed, wk, n, r.Segment.Key, r.LeadsShare.V, r.SpendShare.V, r.RevenueShare.V, r.GrossProfitShare.V, d.last.Add(wk).Thursday().Day())
					}
				}
			}
		}
	}
}
