package eval

import (
	"fmt"
	"testing"
)

func TestDebugHealthyKinds(t *testing.T) {
	count := map[string]int{}
	packs := map[int]int{}
	for i := range 500 {
		d := generate(Healthy, seedOf(991, 0, i))
		qs := review(d, d.last)
		packs[len(qs)]++
		for _, q := range qs {
			k := string(q.Kind)
			if q.Kind == "change" || q.Kind == "trend" || q.Kind == "reason" {
				k += "/" + q.Change.Stage.Key
			}
			if q.Collapse != nil {
				k += "+collapse"
			}
			count[k]++
		}
	}
	fmt.Println(count, packs)
}
