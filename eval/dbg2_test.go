package eval

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"trackbot/domain"
)

func TestDebugFocus(t *testing.T) {
	kind := Kind(os.Getenv("KIND"))
	for _, s := range strings.Split(os.Getenv("SEEDS"), ",") {
		seed, _ := strconv.ParseUint(s, 10, 64)
		d := generate(kind, seed)
		for _, wk := range []int{-4, 0} {
			p := domain.LastWeeks(d.last.Add(wk), 4)
			for _, r := range domain.FocusCheck(d.ws, p, d.recs) {
				fmt.Printf("seed %d wk %d %s focus=%v leads %.2f spend %.2f sales %.2f rev %.2f gp %.2f mis=%v\n", seed, wk, r.Segment.Key, r.Segment.Focus, r.LeadsShare.V, r.SpendShare.V, r.SalesShare.V, r.RevenueShare.V, r.GrossProfitShare.V, r.Misfocus)
			}
		}
	}
}
