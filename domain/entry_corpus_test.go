package domain

import (
	"errors"
	"flag"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// The /log corpus: messages written the way heads write them, each with
// the entries it gives or the problems it is refused with. Refresh the
// expectations after a deliberate change with
//
//	go test ./domain -run TestParseEntries_Corpus -update-corpus
//
// and read the diff.
var updateCorpus = flag.Bool("update-corpus", false, "rewrite the expectations of testdata/log_corpus.txt")

const corpusPath = "testdata/log_corpus.txt"

// corpusCase is one message of the corpus.
type corpusCase struct {
	title   string
	single  bool // read in a workspace with its one default segment
	message string
	want    []string
}

// newCorpusWorkspace is the playground maker with a segment whose name
// has a note in brackets, and two segments sharing the start of a name.
func newCorpusWorkspace() *Workspace {
	ws := NewWorkspace(-200, "Площадки", Russian, "UTC", Person{UserID: testCEO, Name: "Olga"}, testNow)
	ws.Segments = []Segment{
		{Key: "dealers", Name: Name{En: "Dealers", Ru: "Дилеры"}, Focus: true},
		{Key: "developers", Name: Name{En: "Developers", Ru: "Застройщики"}},
		{Key: "premium", Name: Name{En: "Developers premium", Ru: "Застройщики премиум"}},
		{Key: "retail", Name: Name{En: "Retail (consumers)", Ru: "Розница (физлица)"}, SkipStages: []string{"proposals"}},
		{Key: "old", Name: Name{En: "Old", Ru: "Старый"}, Archived: true},
	}
	return ws
}

// readCorpus reads the corpus file: a header of comments, then cases.
// A case is "=== title", an optional "@single" line, the message, a line
// "---", and the expectations up to the next case.
func readCorpus(t testing.TB) (header string, cases []corpusCase) {
	t.Helper()
	data, err := os.ReadFile(corpusPath)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	first := strings.Index(text, "\n=== ") // cases start at the first line beginning so
	if first < 0 {
		t.Fatalf("%s: no cases", corpusPath)
	}
	header = text[:first+1]
	for _, chunk := range strings.Split(text[first:], "\n=== ")[1:] {
		title, body, _ := strings.Cut(chunk, "\n")
		message, expect, ok := strings.Cut(body, "\n---\n")
		if !ok {
			message, ok = strings.CutSuffix(strings.TrimRight(body, "\n"), "\n---")
		}
		if !ok {
			t.Fatalf("%s: case %q has no --- line", corpusPath, title)
		}
		c := corpusCase{title: strings.TrimSpace(title)}
		if rest, found := strings.CutPrefix(message, "@single\n"); found {
			c.single, message = true, rest
		}
		c.message = message
		for _, line := range strings.Split(expect, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				c.want = append(c.want, line)
			}
		}
		cases = append(cases, c)
	}
	return header, cases
}

// writeCorpus writes the cases back with their new expectations.
func writeCorpus(t *testing.T, header string, cases []corpusCase) {
	var sb strings.Builder
	sb.WriteString(header)
	for i, c := range cases {
		if i > 0 {
			sb.WriteString("\n")
		}
		sb.WriteString("=== " + c.title + "\n")
		if c.single {
			sb.WriteString("@single\n")
		}
		sb.WriteString(c.message + "\n---\n")
		for _, w := range c.want {
			sb.WriteString(w + "\n")
		}
	}
	if err := os.WriteFile(corpusPath, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// corpusResult renders what ParseEntries makes of a message: one line per
// entry, or one line per problem with its text key and English message.
func corpusResult(ws *Workspace, message string) []string {
	entries, err := ParseEntries(ws, message, testNow)
	var out []string
	if err != nil {
		var ee *EntryError
		if !errors.As(err, &ee) {
			return []string{"! unexpected error: " + err.Error()}
		}
		for _, p := range ee.Problems {
			out = append(out, "! "+p.Text+" | "+p.Localize(English))
		}
		return out
	}
	for _, e := range entries {
		out = append(out, canonicalEntry(ws, e))
	}
	return out
}

// canonicalEntry renders an entry as plainEntry does, its fields in
// funnel order.
func canonicalEntry(ws *Workspace, e Entry) string {
	fields := e.Fields()
	SortFields(ws, fields)
	return plainEntry(e, fields)
}

// plainEntry writes an entry as "segment week key=value …" with the
// fields in the order given, money in currency units and the margin as a
// fraction (exact, unlike ×100): a line /log reads back as the same entry.
func plainEntry(e Entry, fields []Field) string {
	parts := []string{e.Segment, e.Week.String()}
	for _, f := range fields {
		var v string
		switch f.Kind {
		case FieldSpend:
			v = strconv.FormatFloat(e.Spend.Units(), 'f', -1, 64)
		case FieldRevenue:
			v = strconv.FormatFloat(e.Revenue.Units(), 'f', -1, 64)
		case FieldMargin:
			v = strconv.FormatFloat(*e.Margin, 'f', -1, 64)
		case FieldCount:
			v = strconv.FormatInt(e.Counts[f.Stage], 10)
		case FieldNonTarget:
			v = strconv.FormatInt(e.NonTarget[f.Reason], 10)
		case FieldDropOff:
			v = strconv.FormatInt(e.DropOffs[f.Stage][f.Reason], 10)
		case FieldManager:
			v = strconv.FormatInt(e.Managers[f.Manager][f.Stage], 10)
		}
		parts = append(parts, f.Key()+"="+v)
	}
	return strings.Join(parts, " ")
}

func corpusWorkspace(c corpusCase) *Workspace {
	if c.single {
		return NewWorkspace(-201, "One", Russian, "UTC", Person{UserID: testCEO}, testNow)
	}
	return newCorpusWorkspace()
}

func TestParseEntries_Corpus(t *testing.T) {
	header, cases := readCorpus(t)
	for i := range cases {
		c := &cases[i]
		got := corpusResult(corpusWorkspace(*c), c.message)
		if *updateCorpus {
			c.want = got
			continue
		}
		t.Run(c.title, func(t *testing.T) {
			if !slices.Equal(got, c.want) {
				t.Errorf("message:\n%s\ngot:\n%s\nwant:\n%s", c.message, strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
	if *updateCorpus {
		writeCorpus(t, header, cases)
	}
}

// TestParseEntries_CorpusCoversTheIssue keeps the corpus as large and as
// varied as promised: at least 60 messages, in both languages, accepted
// and refused ones, every title unique.
func TestParseEntries_CorpusCoversTheIssue(t *testing.T) {
	_, cases := readCorpus(t)
	var russian, english, refused int
	titles := map[string]bool{}
	for _, c := range cases {
		if titles[c.title] {
			t.Errorf("title %q appears twice", c.title)
		}
		titles[c.title] = true
		if strings.ContainsFunc(c.message, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) {
			russian++
		} else {
			english++
		}
		if len(c.want) > 0 && strings.HasPrefix(c.want[0], "!") {
			refused++
		}
		if len(c.want) == 0 {
			t.Errorf("case %q expects nothing", c.title)
		}
	}
	if len(cases) < 60 || russian < 20 || english < 15 || refused < 15 || len(cases)-refused < 30 {
		t.Errorf("corpus: %d cases (%d Russian, %d English, %d refused), want ≥ 60 with ≥ 20 Russian, ≥ 15 English, ≥ 15 refused and ≥ 30 accepted",
			len(cases), russian, english, refused)
	}
}
