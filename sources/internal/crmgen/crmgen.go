// Package crmgen makes up the life of CRM leads for the fakes in
// sources/kommotest and sources/bitrix24test: when each lead was created,
// in which pipeline and status, and every status change after, with the
// jumps, steps back, losses, reopenings and pipeline changes real
// accounts have. It knows positions, not any CRM's ids.
package crmgen

import (
	"math/rand/v2"
	"time"
)

// Shape is what the generated accounts look like.
type Shape struct {
	Open     []int // open statuses per pipeline; position Open[p] is won
	Weights  []int // how often a lead lands in each pipeline
	Reasons  int   // loss reasons; a loss has one of 0..Reasons-1, or none (-1)
	Managers int   // responsible users, 0..Managers-1
}

// Step is a lead entering a status: an open one (Pos below Open[Pipe]),
// won (Pos == Open[Pipe]) or lost (Lost, with Reason).
type Step struct {
	At     time.Time
	Pipe   int
	Pos    int
	Lost   bool
	Reason int
}

// Lead is one generated lead: Steps[0] is its creation.
type Lead struct {
	Manager int
	Steps   []Step
}

// Generate returns n leads created in [from, to), with status changes
// until to, the same for the same seed. Moments are whole seconds and a
// lead's steps are at least an hour apart.
func Generate(seed uint64, n int, from, to time.Time, sh Shape) []Lead {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	span := int64(to.Sub(from) / time.Second)
	total := 0
	for _, w := range sh.Weights {
		total += w
	}
	leads := make([]Lead, n)
	for i := range leads {
		at := from.Add(time.Duration(r.Int64N(span)) * time.Second)
		pipe := pick(r, sh.Weights, total)
		pos := 0
		switch x := r.IntN(100); {
		case x < 10:
			pos = 1
		case x < 14:
			pos = 3
		}
		pos = min(pos, sh.Open[pipe]-1)
		l := Lead{Manager: r.IntN(sh.Managers), Steps: []Step{{At: at, Pipe: pipe, Pos: pos, Reason: -1}}}
		for len(l.Steps) < 14 {
			at = at.Add(time.Hour + time.Duration(r.Int64N(6*24*3600))*time.Second)
			if !at.Before(to) {
				break
			}
			next, ok := walk(r, l.Steps[len(l.Steps)-1], sh)
			if !ok {
				break
			}
			next.At = at
			l.Steps = append(l.Steps, next)
		}
		leads[i] = l
	}
	return leads
}

func pick(r *rand.Rand, weights []int, total int) int {
	x := r.IntN(total)
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

// walk chooses the step after cur, or false when the lead stays put.
func walk(r *rand.Rand, cur Step, sh Shape) (Step, bool) {
	won := sh.Open[cur.Pipe]
	next := Step{Pipe: cur.Pipe, Pos: cur.Pos, Reason: -1}
	x := r.IntN(100)
	switch {
	case cur.Lost:
		if x >= 15 {
			return next, false
		}
		next.Pos = r.IntN(won) // reopened
	case cur.Pos == won:
		if x >= 4 {
			return next, false
		}
		next.Pos = won - 1 // a won deal reopened
	case x < 45:
		next.Pos++
	case x < 55:
		next.Pos = min(won, next.Pos+2+r.IntN(2))
	case x < 60:
		next.Pos = max(0, next.Pos-1)
		if next.Pos == cur.Pos {
			next.Pos++
		}
	case x < 78:
		next.Lost = true
		if r.IntN(10) > 0 {
			next.Reason = r.IntN(sh.Reasons)
		}
	case x < 81:
		next.Pos = won
	case x < 84 && len(sh.Open) > 1:
		next.Pipe = (cur.Pipe + 1 + r.IntN(len(sh.Open)-1)) % len(sh.Open)
		next.Pos = r.IntN(2)
	default:
		return next, false
	}
	return next, true
}
