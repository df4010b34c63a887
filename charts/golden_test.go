package charts

import (
	"bytes"
	"crypto/sha256"
	"flag"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"trackbot/domain"
)

var update = flag.Bool("update", false, "rewrite the golden PNGs in testdata")

// The sample charts against their golden pictures, rendered twice and in
// parallel: all three compare against one sequential render of each, the
// golden test its PNG, the others what it drew.

// sampleNames lists the sample charts in a fixed order.
var sampleNames = []string{"funnel", "trend", "dropoffs", "quality", "mix", "table"}

var (
	samplesOnce sync.Once
	samples     map[string]aloneRender // by golden file name, e.g. "funnel_en"
	samplesErr  error
)

// aloneRender is a sample chart rendered alone.
type aloneRender struct {
	png    []byte
	title  string // the first text drawn
	pixels [sha256.Size]byte
}

// sampleRenders renders every sample chart in each language once, one at
// a time on one renderer. Rendering under -race takes most of this
// package's time, so the golden, determinism and parallel tests compare
// against these same renders instead of rendering them again.
func sampleRenders(t *testing.T) map[string]aloneRender {
	t.Helper()
	samplesOnce.Do(func() {
		r, err := New()
		if err != nil {
			samplesErr = err
			return
		}
		var last aloneRender
		drawObservers.Store(r.font, observer(func(l layout, img *image.RGBA) bool {
			last = aloneRender{title: l.texts[0].text, pixels: digest(img)}
			return true
		}))
		defer drawObservers.Delete(r.font)
		samples = map[string]aloneRender{}
		for _, lang := range domain.Langs {
			renders := sampleCharts(lang)
			for _, name := range sampleNames {
				b, err := renders[name](r)
				if err != nil {
					samplesErr = fmt.Errorf("%s_%s: %w", name, lang, err)
					return
				}
				last.png = b
				samples[name+"_"+string(lang)] = last
			}
		}
	})
	if samplesErr != nil {
		t.Fatalf("render: %v", samplesErr)
	}
	return samples
}

func TestRender_IsDeterministic(t *testing.T) {
	t.Parallel()
	first := sampleRenders(t)
	renders := sampleCharts(domain.English)
	for _, name := range sampleNames {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if digest(pixels(t, renders[name])) != first[name+"_en"].pixels {
				t.Error("two renders of the same input differ")
			}
		})
	}
}

func TestRender_MatchesGolden(t *testing.T) {
	t.Parallel()
	renders := sampleRenders(t)
	for _, lang := range domain.Langs {
		for _, name := range sampleNames {
			file := filepath.Join("testdata", name+"_"+string(lang)+".png")
			got := renders[name+"_"+string(lang)].png
			t.Run(file, func(t *testing.T) {
				t.Parallel()
				checkGolden(t, file, got)
			})
		}
	}
}

// checkGolden compares a rendered PNG with its golden file by decoded
// pixels, within a small tolerance; with -update it rewrites the file
// instead.
func checkGolden(t *testing.T, file string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("read golden (run with -update to create): %v", err)
	}
	if bytes.Equal(got, want) {
		return // the same bytes: no need to decode
	}
	if diff := pixelDiff(decode(t, got), decode(t, want)); diff > 0.001 {
		t.Errorf("%.3f%% of pixels differ from %s (run with -update after checking the picture)", diff*100, file)
	}
}

// pixelDiff returns the share of pixels differing by more than a small
// tolerance, 1 for different sizes: anti-aliasing may move by a shade.
func pixelDiff(a, b *image.RGBA) float64 {
	if a.Bounds() != b.Bounds() {
		return 1
	}
	differ := 0
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			if !near(a.RGBAAt(x, y), b.RGBAAt(x, y), 16) {
				differ++
			}
		}
	}
	return float64(differ) / float64(a.Bounds().Dx()*a.Bounds().Dy())
}

func TestRender_ParallelOnOneRenderer(t *testing.T) {
	t.Parallel()
	alone := sampleRenders(t)
	r := newRenderer(t)
	// Each picture is told by its title.
	drawn := map[string][sha256.Size]byte{}
	observe(t, r, func(l layout, img *image.RGBA) bool {
		drawn[l.texts[0].text] = digest(img)
		return false
	})
	type job struct {
		key    string
		render func(*Renderer) ([]byte, error)
	}
	var jobs []job
	for _, lang := range domain.Langs {
		for _, name := range sampleNames {
			jobs = append(jobs, job{name + "_" + string(lang), sampleCharts(lang)[name]})
		}
	}
	jobs = jobs[:8]
	titles := map[string]bool{}
	for _, j := range jobs {
		titles[alone[j.key].title] = true
	}
	if len(titles) != len(jobs) {
		t.Fatalf("%d titles for %d pictures: cannot tell the pictures apart", len(titles), len(jobs))
	}
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	for i, j := range jobs {
		wg.Go(func() { _, errs[i] = j.render(r) })
	}
	wg.Wait()
	for i, j := range jobs {
		if errs[i] != nil {
			t.Fatalf("render %s: %v", j.key, errs[i])
		}
		if d, ok := drawn[alone[j.key].title]; !ok || d != alone[j.key].pixels {
			t.Errorf("render %s in parallel differs from the same render alone", j.key)
		}
	}
}

func TestKeepPNGs_TheSamePictureGetsTheSameBytesOnce(t *testing.T) {
	t.Parallel()
	alone := sampleRenders(t)
	r := newRenderer(t)
	r.KeepPNGs()
	t.Cleanup(func() { keptPNGs.Delete(r.font) })
	renders := sampleCharts(domain.English)
	funnel := must(t)(renders["funnel"](r))
	again := must(t)(renders["funnel"](r))
	trend := must(t)(renders["trend"](r))
	if !bytes.Equal(funnel, alone["funnel_en"].png) || !bytes.Equal(trend, alone["trend_en"].png) {
		t.Error("a kept PNG differs from the PNG encoded without keeping")
	}
	if !bytes.Equal(again, funnel) || &again[0] != &funnel[0] {
		t.Error("the same picture drawn again was encoded again")
	}
	if cap(again) != len(again) {
		t.Errorf("a kept PNG has room to append (%d of %d): an append would write into it", len(again), cap(again))
	}
}
