package eval

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"trackbot/domain"
)

// Top is how high a planted problem must be ranked to count as found: a
// review discusses the first questions first.
const Top = 3

// Targets of the evaluation: each planted kind found in at least
// MinRecall of the draws; healthy packs with at most one question in at
// least MinQuiet of the draws and MaxMeanQuestions on average.
const (
	MinRecall        = 0.90
	MinQuiet         = 0.90
	MaxMeanQuestions = 0.3
)

// Config is one run of the evaluation.
type Config struct {
	Draws int    // datasets per kind
	Seed  uint64 // the first draw's seed; draw i of kind k uses a seed derived from both
	Kinds []Kind // planted kinds to run; nil for all
	// Misses, when set, receives a line per planted problem that was not
	// found, with what was asked instead.
	Misses io.Writer
}

// Result is the outcome for one planted kind.
type Result struct {
	Kind  Kind
	Draws int
	Found int
}

// Recall is the share of draws whose problem was found.
func (r Result) Recall() float64 { return float64(r.Found) / float64(max(1, r.Draws)) }

// Report is the outcome of a run.
type Report struct {
	Draws   int
	Seed    uint64
	Results []Result
	// Questions counts the healthy packs by their number of questions.
	Questions map[int]int
	// Headlines is the focus segments of the healthy datasets, and
	// NoisyHeadlines those whose review headline lists a significant move.
	Headlines, NoisyHeadlines int
}

// NoisyHeadlineShare is the share of healthy focus segments whose review
// headline lists a significant move: every one a false alarm.
func (r Report) NoisyHeadlineShare() float64 {
	return float64(r.NoisyHeadlines) / float64(max(1, r.Headlines))
}

// Quiet is the share of healthy packs with at most one question.
func (r Report) Quiet() float64 {
	total, quiet := 0, 0
	for n, c := range r.Questions {
		total += c
		if n <= 1 {
			quiet += c
		}
	}
	return float64(quiet) / float64(max(1, total))
}

// MeanQuestions is the average number of questions of a healthy pack.
func (r Report) MeanQuestions() float64 {
	total, sum := 0, 0
	for n, c := range r.Questions {
		total += c
		sum += n * c
	}
	return float64(sum) / float64(max(1, total))
}

// Pass reports whether the run meets the targets.
func (r Report) Pass() bool {
	for _, res := range r.Results {
		if res.Recall() < MinRecall {
			return false
		}
	}
	return r.Quiet() >= MinQuiet && r.MeanQuestions() < MaxMeanQuestions
}

// seedOf derives the seed of draw i of the k-th kind.
func seedOf(base uint64, k, i int) uint64 {
	x := base + uint64(k)*0x9e3779b97f4a7c15 + uint64(i)*0xbf58476d1ce4e5b9
	x ^= x >> 31
	return x * 0x94d049bb133111eb
}

// Run generates the datasets, asks the real review logic and scores it.
func Run(cfg Config) Report {
	kinds := cfg.Kinds
	if kinds == nil {
		kinds = Problems
	}
	rep := Report{Draws: cfg.Draws, Seed: cfg.Seed, Questions: map[int]int{}}
	for i := range cfg.Draws {
		d := generate(Healthy, seedOf(cfg.Seed, 0, i))
		rep.Questions[len(review(d, d.last))]++
		segs, noisy := headlineMoves(d, d.last)
		rep.Headlines, rep.NoisyHeadlines = rep.Headlines+segs, rep.NoisyHeadlines+noisy
	}
	for k, kind := range kinds {
		res := Result{Kind: kind, Draws: cfg.Draws}
		for i := range cfg.Draws {
			seed := seedOf(cfg.Seed, k+1, i)
			d := generate(kind, seed)
			found, asked := judge(d)
			if found {
				res.Found++
			} else if cfg.Misses != nil {
				fmt.Fprintf(cfg.Misses, "miss %s seed %d: planted %+v; asked: %s\n", kind, seed, d.plant, strings.Join(asked, " | "))
			}
		}
		rep.Results = append(rep.Results, res)
	}
	return rep
}

// review runs the real review logic on the week.
func review(d *dataset, w domain.Week) []domain.Question {
	return domain.TrackerQuestions(d.ws, "", domain.WeekPeriod(w), d.recs)
}

// judge reports whether a review found the dataset's planted problem, and
// what it asked. A standing misfocus must be asked at least once in the
// weekly reviews of the last five weeks (a month); any other problem in
// the review of the last week.
func judge(d *dataset) (bool, []string) {
	weeks := []domain.Week{d.last}
	if d.plant.Kind == StandingMisfocus {
		weeks = []domain.Week{d.last.Add(-4), d.last.Add(-3), d.last.Add(-2), d.last.Add(-1), d.last}
	}
	var asked []string
	for _, w := range weeks {
		qs := review(d, w)
		for i, q := range qs {
			if i < Top && matches(d.plant, q) {
				return true, nil
			}
			asked = append(asked, describe(q))
		}
	}
	return false, asked
}

// matches reports whether a question asks about the planted problem: to
// the right head, about the right segment, naming the stage, the reason
// or the manager the problem is about.
func matches(p Plant, q domain.Question) bool {
	if q.Department != p.Department || q.Segment.Key != p.Segment {
		return false
	}
	stage := q.Change.Stage.Key == p.Stage
	reason := q.Reason != nil && q.Reason.Reason.Key == p.Reason
	switch p.Kind {
	case StageCollapse:
		return stage && (q.Kind == domain.QuestionChange || q.Kind == domain.QuestionTrend)
	case DropOffReason:
		return stage && reason && !q.NonTarget
	case NonTargetFlood:
		return stage && reason && q.NonTarget
	case SpendSpike:
		return q.Kind == domain.QuestionSpend
	case MoneyCollapse:
		return q.Collapse != nil || q.Kind == domain.QuestionMoney ||
			q.Kind == domain.QuestionChange && slices.Contains([]string{"proposals", "deals", "paid"}, q.Change.Stage.Key)
	case SlowTrend:
		return stage && q.Trend != nil
	case WeakManager:
		return q.Kind == domain.QuestionManager && q.Manager == p.Manager
	case GrowingMisfocus, StandingMisfocus:
		return q.Kind == domain.QuestionFocus
	case CheckFall:
		return q.Kind == domain.QuestionCheck
	}
	return false
}

// describe is a short line about a question for the misses' log.
func describe(q domain.Question) string {
	s := fmt.Sprintf("%s/%s/%s/%s", q.Kind, q.Department, q.Segment.Key, q.Change.Stage.Key)
	if q.Reason != nil {
		s += "/" + q.Reason.Reason.Key
	}
	if q.Manager != "" {
		s += "/" + q.Manager
	}
	return s
}

// Print writes the report as a table.
func (r Report) Print(w io.Writer) {
	fmt.Fprintf(w, "trackbot eval: %d draws per kind, seed %d\n\n", r.Draws, r.Seed)
	fmt.Fprintf(w, "%-34s %9s %8s\n", "planted problem", "found", "recall")
	for _, res := range r.Results {
		mark := ""
		if res.Recall() < MinRecall {
			mark = "  < target"
		}
		fmt.Fprintf(w, "%-34s %4d/%-4d %7.1f%%%s\n", res.Kind, res.Found, res.Draws, 100*res.Recall(), mark)
	}
	var dist []string
	for _, n := range slices.Sorted(maps.Keys(r.Questions)) {
		dist = append(dist, fmt.Sprintf("%d: %d", n, r.Questions[n]))
	}
	fmt.Fprintf(w, "\nhealthy packs: at most one question in %.1f%% (target ≥ %.0f%%), mean %.2f questions (target < %.1f); by count %s\n",
		100*r.Quiet(), 100*MinQuiet, r.MeanQuestions(), MaxMeanQuestions, strings.Join(dist, ", "))
	fmt.Fprintf(w, "healthy headlines: a significant move listed for %d of %d focus segments (%.1f%%)\n",
		r.NoisyHeadlines, r.Headlines, 100*r.NoisyHeadlineShare())
	verdict := "PASS"
	if !r.Pass() {
		verdict = "FAIL"
	}
	fmt.Fprintf(w, "%s: every kind found in the top %d by the right head in ≥ %.0f%% of draws; healthy packs quiet\n",
		verdict, Top, 100*MinRecall)
}
