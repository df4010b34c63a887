package charts

import (
	"fmt"
	"image"
	"path/filepath"
	"testing"

	"trackbot/domain"
)

// sampleManagers is the dealers' sales team over four weeks: Gleb converts
// qualified leads into meetings at 13% against the team's 51%, which the
// review asks about.
func sampleManagers() domain.ManagersView {
	st := map[string]domain.Stage{}
	for _, s := range domain.DefaultStages() {
		st[s.Key] = s
	}
	cols := []domain.ManagerColumn{
		{From: st["qualified"], Stage: st["meetings"]},
		{From: st["meetings"], Stage: st["proposals"]},
		{From: st["proposals"], Stage: st["deals"]},
	}
	counts := map[string][][2]int64{ // per column: k of n
		"Anna":  {{72, 120}, {50, 72}, {20, 50}},
		"Boris": {{66, 118}, {40, 66}, {18, 40}},
		"Vera":  {{70, 124}, {45, 70}, {15, 45}},
		"Gleb":  {{16, 120}, {12, 16}, {5, 12}},
	}
	v := domain.ManagersView{Segment: dealers, Period: domain.WeekPeriod(week47), Window: domain.LastWeeks(week47, 4)}
	for _, name := range []string{"Anna", "Boris", "Gleb", "Vera"} {
		row := domain.ManagerRow{Manager: name}
		for i, c := range cols {
			k, n := counts[name][i][0], counts[name][i][1]
			row.Stages = append(row.Stages, domain.ManagerStage{Stage: c.Stage, From: c.From, K: k, N: n,
				Rate: domain.Some(float64(k) / float64(n)), Asked: name == "Gleb" && i == 0})
		}
		v.Rows = append(v.Rows, row)
	}
	for i := range cols {
		for _, name := range []string{"Anna", "Boris", "Gleb", "Vera"} {
			cols[i].TeamK += counts[name][i][0]
			cols[i].TeamN += counts[name][i][1]
		}
		cols[i].Team = domain.Some(float64(cols[i].TeamK) / float64(cols[i].TeamN))
		for r := range v.Rows {
			v.Rows[r].Stages[i].TeamK, v.Rows[r].Stages[i].TeamN, v.Rows[r].Stages[i].Team = cols[i].TeamK, cols[i].TeamN, cols[i].Team
		}
	}
	v.Columns = cols
	return v
}

func TestManagersChart_MatchesGolden(t *testing.T) {
	t.Parallel()
	r := newRenderer(t)
	for _, lang := range domain.Langs {
		file := filepath.Join("testdata", "managers_"+string(lang)+".png")
		t.Run(file, func(t *testing.T) {
			checkGolden(t, file, must(t)(r.Managers(testWorkspace(lang), sampleManagers())))
		})
	}
}

// The cell the review asks about is red; the others are not.
func TestManagersChart_AskedCellIsRed(t *testing.T) {
	t.Parallel()
	img := pixels(t, func(r *Renderer) ([]byte, error) { return r.Managers(testWorkspace(domain.English), sampleManagers()) })
	cell := func(row, col int) image.Rectangle {
		x := margin + managerNameW + col*managerColW
		y := contentTop - 20 + managerHeadH + row*managerRowH
		return image.Rect(x, y, x+managerColW-10, y+managerRowH)
	}
	// Rows: Anna, Boris, Gleb, Vera.
	if got := countColour(img, cell(2, 0), colBad); got < 200 {
		t.Errorf("Gleb's meetings: %d red pixels, want a red rate and bar", got)
	}
	for _, rc := range [][2]int{{0, 0}, {1, 0}, {3, 0}, {2, 1}, {2, 2}} {
		if got := countColour(img, cell(rc[0], rc[1]), colBad); got != 0 {
			t.Errorf("cell %v: %d red pixels, want none", rc, got)
		}
	}
}

func TestManagersChart_LegibleAtPhoneWidth(t *testing.T) {
	many := sampleManagers()
	// Fourteen managers with long names and six conversions: twelve rows and
	// four columns are drawn.
	base := many.Rows[0]
	many.Rows = nil
	for i := range 14 {
		row := base
		row.Manager = fmt.Sprintf("Konstantin Konstantinopolsky %d", i)
		many.Rows = append(many.Rows, row)
	}
	for _, c := range many.Columns[:3] {
		many.Columns = append(many.Columns, c)
	}
	renders := map[string]domain.ManagersView{"sample": sampleManagers(), "many": many, "none": {Segment: dealers}}
	for name, v := range renders {
		for _, lang := range domain.Langs {
			t.Run(name+"_"+string(lang), func(t *testing.T) {
				t.Parallel()
				for _, l := range layoutsOf(t, func(r *Renderer) ([]byte, error) { return r.Managers(testWorkspace(lang), v) }) {
					checkPhoneWidth(t, l)
				}
			})
		}
	}
}
