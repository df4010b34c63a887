package sources_test

import (
	"context"
	"runtime"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"

	"trackbot/sources"
	"trackbot/sources/kommotest"
)

// peakHeap runs f and returns how far the heap's objects rose above where
// they stood before, sampled every millisecond. The fake shares the
// process, so its work is in the figure too: it is an upper bound.
func peakHeap(f func()) uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	base := read()
	var peak atomic.Uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			if v := read(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	f()
	close(done)
	<-stopped
	if p := peak.Load(); p > base {
		return p - base
	}
	return 0
}

// syncBig syncs twelve weeks of a 20,000-lead account with no client-side
// rate limit (Kommo would take its 7 requests a second on top) and returns
// the time it took and the heap's rise.
func syncBig(tb testing.TB, srv *kommotest.Server) (time.Duration, uint64, int) {
	loc := moscow(tb)
	c := openKommo(tb, srv, sources.Options{Rate: -1})
	var took time.Duration
	var n int
	peak := peakHeap(func() {
		start := time.Now()
		es, err := c.Weeks(context.Background(), kommoMapping, syncFrom, syncTo, loc)
		took = time.Since(start)
		if err != nil {
			tb.Fatal(err)
		}
		n = len(es)
	})
	return took, peak, n
}

// TestKommo_TwentyThousandLeadsSyncInLittleMemory runs alone, not in
// parallel (the other syncs wait for it): the heap it measures is the whole
// process's. Its time is only logged: speed is measured by
// BenchmarkKommo_Sync20000Leads, as a shared machine's wall time is noise.
func TestKommo_TwentyThousandLeadsSyncInLittleMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("syncs 20,000 leads")
	}
	srv := kommotest.NewServer(kommoData(7, 20000, moscow(t)), kommoToken)
	defer srv.Close()
	took, peak, n := syncBig(t, srv)
	t.Logf("20,000 leads, %d requests: %v, heap rose %.1f MB (fake included)", len(srv.Requests()), took, float64(peak)/(1<<20))
	if n != 24 {
		t.Errorf("%d entries, want 24", n)
	}
	if peak > 50<<20 {
		t.Errorf("heap rose %.1f MB, want under 50 MB", float64(peak)/(1<<20))
	}
}

func BenchmarkKommo_Sync20000Leads(b *testing.B) {
	srv := kommotest.NewServer(kommoData(7, 20000, moscow(b)), kommoToken)
	defer srv.Close()
	var peak uint64
	for b.Loop() {
		_, p, _ := syncBig(b, srv)
		peak = max(peak, p)
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}
