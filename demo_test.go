package main

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDemo_WritesPicturesAndReviewOffline(t *testing.T) {
	out := filepath.Join(t.TempDir(), "demo")
	// No token and no configuration: the demo must work on a fresh machine.
	t.Setenv("TRACKBOT_TELEGRAM_TOKEN", "")
	var stdout, stderr strings.Builder
	if code := run(t.Context(), []string{"demo", "--out", out, "--lang", "en"}, &stdout, &stderr); code != 0 {
		t.Fatalf("demo exited %d: %s", code, stderr.String())
	}
	for _, name := range []string{"funnel.png", "trend.png", "dropoffs.png", "quality.png", "mix.png", "table.png"} {
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s is not a PNG: %v", name, err)
		}
		if b := img.Bounds(); b.Dx() < 800 || b.Dy() < 400 {
			t.Errorf("%s is %dx%d, too small to read on a phone", name, b.Dx(), b.Dy())
		}
	}
	review, err := os.ReadFile(filepath.Join(out, "review.txt"))
	if err != nil {
		t.Fatal(err)
	}
	// The planted wrong phone numbers reach the sales head, with the money
	// at stake in the question and its total in the headline. (The retail
	// flood's question depends on the season the demo's dates fall in, so
	// domain's demo tests check it on fixed dates instead.)
	text := string(review)
	for _, want := range []string{"Dealers", "@sales_head", "Wrong phone number", "@mark_head", "At stake: about", "Money at stake: about"} {
		if !strings.Contains(text, want) {
			t.Errorf("review.txt lacks %q:\n%s", want, text)
		}
	}
	if html, _ := os.ReadFile(filepath.Join(out, "review.html")); !bytes.Contains(html, []byte(`<img src="funnel.png"`)) {
		t.Error("review.html does not show the funnel picture")
	}
	if !strings.Contains(stdout.String(), "review.txt") {
		t.Errorf("stdout does not list what was written: %q", stdout.String())
	}
}

func TestDemo_BadLanguageIsRefused(t *testing.T) {
	var stdout, stderr strings.Builder
	if code := run(t.Context(), []string{"demo", "--out", t.TempDir(), "--lang", "de"}, &stdout, &stderr); code == 0 {
		t.Fatal("--lang de was accepted")
	}
	if !strings.Contains(stderr.String(), "ru or en") {
		t.Errorf("stderr = %q", stderr.String())
	}
}
