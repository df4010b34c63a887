package eval

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"trackbot/domain"
)

func TestDebugSeed(t *testing.T) {
	kind := Kind(os.Getenv("KIND"))
	for _, s := range strings.Split(os.Getenv("SEEDS"), ",") {
		seed, _ := strconv.ParseUint(s, 10, 64)
		d := generate(kind, seed)
		fmt.Printf("seed %d plant %+v\n", seed, d.plant)
		for _, r := range d.recs[len(d.recs)-3*len(d.ws.Segments):] {
			if r.Segment == d.plant.Segment {
				fmt.Printf("  %v: %v spend %d rev %d\n", r.Week, r.Counts, r.Spend/100, r.Revenue/100)
			}
		}
		domain.DebugSignals(d.ws, domain.WeekPeriod(d.last), d.recs)
		domain.DebugCollapse(d.ws, domain.WeekPeriod(d.last), d.recs)
		for _, q := range review(d, d.last) {
			fmt.Println("  Q:", q.Text(d.ws, "en"))
		}
	}
}
