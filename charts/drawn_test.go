package charts

import (
	"crypto/sha256"
	"encoding/binary"
	"image"
	"sync"
	"testing"
)

// Most tests here check what a chart draws: its layout or its pixels. They
// read the picture as drawn, before encoding, and skip the PNG encoding
// (and the decoding back), which under -race is most of a render's time.
// The encoding itself is checked by TestEncodePNG_RoundTripsThroughImagePNG
// and by the golden tests, which compare the PNG files.

// picture is what a render drew of one chart.
type picture struct {
	layout layout
	img    *image.RGBA
}

// drawnBy renders with a renderer of its own, which encodes nothing, and
// returns every picture the render drew.
func drawnBy(t *testing.T, render func(*Renderer) ([]byte, error)) []picture {
	t.Helper()
	r := newRenderer(t)
	var got []picture
	observe(t, r, func(l layout, img *image.RGBA) bool {
		got = append(got, picture{l, img})
		return false
	})
	must(t)(render(r))
	if len(got) == 0 {
		t.Fatal("the render drew no picture")
	}
	return got
}

// pixels returns the picture a render of one chart drew.
func pixels(t *testing.T, render func(*Renderer) ([]byte, error)) *image.RGBA {
	t.Helper()
	got := drawnBy(t, render)
	if len(got) != 1 {
		t.Fatalf("the render drew %d pictures, want one", len(got))
	}
	return got[0].img
}

// observe shows every picture r draws to o, one at a time, until the test
// ends.
func observe(t *testing.T, r *Renderer, o func(layout, *image.RGBA) bool) {
	var mu sync.Mutex
	drawObservers.Store(r.font, observer(func(l layout, img *image.RGBA) bool {
		mu.Lock()
		defer mu.Unlock()
		return o(l, img)
	}))
	t.Cleanup(func() { drawObservers.Delete(r.font) })
}

// encodeNone is an observer for tests that look at no picture: it skips
// encoding them.
func encodeNone(layout, *image.RGBA) bool { return false }

// digest identifies a picture by its size and pixels.
func digest(img *image.RGBA) [sha256.Size]byte {
	h := sha256.New()
	_ = binary.Write(h, binary.BigEndian, [2]int64{int64(img.Bounds().Dx()), int64(img.Bounds().Dy())})
	w := 4 * img.Bounds().Dx()
	for y := range img.Bounds().Dy() {
		h.Write(img.Pix[y*img.Stride : y*img.Stride+w])
	}
	return [sha256.Size]byte(h.Sum(nil))
}
