package main

import (
	"errors"
	"flag"
	"io"
	"time"

	"trackbot/eval"
)

// evaluate is `trackbot eval [--draws N] [--seed S] [--misses]`: it
// generates funnels with planted problems and healthy ones, asks the real
// tracker questions about each and prints how often each problem was
// found and how quiet the healthy packs were. A run that misses the
// targets exits with an error, so it can gate a release.
func evaluate(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("trackbot eval", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	draws := fs.Int("draws", 200, "datasets per kind of problem, and healthy ones")
	seed := fs.Uint64("seed", 0, "seed of the first draw (0: a new one every run)")
	misses := fs.Bool("misses", false, "list every planted problem that was not found")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 || *draws < 1 {
		return errors.New("usage: trackbot eval [--draws N] [--seed S] [--misses]")
	}
	if *seed == 0 {
		*seed = uint64(time.Now().UnixNano())
	}
	cfg := eval.Config{Draws: *draws, Seed: *seed}
	if *misses {
		cfg.Misses = stdout
	}
	rep := eval.Run(cfg)
	rep.Print(stdout)
	if !rep.Pass() {
		return errors.New("the tracker questions miss the evaluation's targets")
	}
	return nil
}
