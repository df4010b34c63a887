package charts

import (
	"bytes"
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
// parallel: all three compare against one sequential render of each.

// sampleNames lists the sample charts in a fixed order.
var sampleNames = []string{"funnel", "trend", "dropoffs", "quality", "mix", "table"}

var (
	samplesOnce sync.Once
	samples     map[string][]byte // by golden file name, e.g. "funnel_en"
	samplesErr  error
)

// sampleRenders renders every sample chart in each language once, one at
// a time on one renderer. Rendering under -race takes most of this
// package's time, so the golden, determinism and parallel tests compare
// against these same bytes instead of rendering them again.
func sampleRenders(t *testing.T) map[string][]byte {
	t.Helper()
	samplesOnce.Do(func() {
		r, err := New()
		if err != nil {
			samplesErr = err
			return
		}
		samples = map[string][]byte{}
		for _, lang := range domain.Langs {
			renders := sampleCharts(lang)
			for _, name := range sampleNames {
				b, err := renders[name](r)
				if err != nil {
					samplesErr = fmt.Errorf("%s_%s: %w", name, lang, err)
					return
				}
				samples[name+"_"+string(lang)] = b
			}
		}
	})
	if samplesErr != nil {
		t.Fatalf("render: %v", samplesErr)
	}
	return samples
}

// samePixels reports whether two PNGs show exactly the same picture. Equal
// bytes are equal pictures, which spares decoding in the common case.
func samePixels(t *testing.T, a, b []byte) bool {
	t.Helper()
	if bytes.Equal(a, b) {
		return true
	}
	x, y := decode(t, a), decode(t, b)
	return x.Bounds() == y.Bounds() && bytes.Equal(x.Pix, y.Pix)
}

func TestRender_IsDeterministic(t *testing.T) {
	first := sampleRenders(t)
	r := newRenderer(t)
	renders := sampleCharts(domain.English)
	for _, name := range sampleNames {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if !samePixels(t, must(t)(renders[name](r)), first[name+"_en"]) {
				t.Error("two renders of the same input differ")
			}
		})
	}
}

func TestRender_MatchesGolden(t *testing.T) {
	renders := sampleRenders(t)
	for _, lang := range domain.Langs {
		for _, name := range sampleNames {
			file := filepath.Join("testdata", name+"_"+string(lang)+".png")
			got := renders[name+"_"+string(lang)]
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
	alone := sampleRenders(t)
	r := newRenderer(t)
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
	got := make([][]byte, len(jobs))
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	for i, j := range jobs {
		wg.Go(func() { got[i], errs[i] = j.render(r) })
	}
	wg.Wait()
	for i, j := range jobs {
		if errs[i] != nil {
			t.Fatalf("render %s: %v", j.key, errs[i])
		}
		if !samePixels(t, got[i], alone[j.key]) {
			t.Errorf("render %s in parallel differs from the same render alone", j.key)
		}
	}
}
