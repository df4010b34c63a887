package main

import (
	"bytes"
	"strings"
	"testing"
)

// An upload over the limit is refused naming the limit, never a size the
// bot made up (it said "The file is 0 MB" when Telegram did not report one).
func TestImport_TooBigFileNamesTheLimit(t *testing.T) {
	h := newHarness(t)
	h.start()
	h.setUp()
	big := append([]byte("segment,week,leads\n"), bytes.Repeat([]byte("All clients,2026-W46,10\n"), 6<<20/24)...)
	reply := h.replyTo(leaders, h.tg.SendDocument(leaders, ceo, "big.csv", big, "/import"))
	if !strings.Contains(reply.Text, "larger than 5 MB") || strings.Contains(reply.Text, "0 MB") {
		t.Errorf("a 6 MB file got %q, want the 5 MB limit named", reply.Text)
	}
}

// A segment name that only looks like one on the list (decomposed, with
// zero-width or bidi characters, in another case) is the same name.
func TestSegment_LookalikeNamesAreTaken(t *testing.T) {
	h := newHarness(t)
	h.start()
	h.setUp()
	h.say(leaders, ceo, "/segment add Застройщики")
	for _, name := range []string{"Застрои\u0306щики", "За\u200bстройщики\u200f", "ЗАСТРОЙЩИКИ"} {
		if r := h.say(leaders, ceo, "/segment add "+name); !strings.Contains(r.Text, "already in the list") {
			t.Errorf("/segment add %q got %q, want it refused as taken", name, r.Text)
		}
	}
}
