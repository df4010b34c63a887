package bot

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"trackbot/bot/telegramtest"
	"trackbot/domain"
)

// longHTML is a message like the bot's longest: headings, tables in
// <pre> blocks, links, escaped user text, Cyrillic and emoji.
func longHTML(r *rand.Rand, n int) string {
	var sb strings.Builder
	for i := 0; sb.Len() < n; i++ {
		switch r.IntN(5) {
		case 0:
			fmt.Fprintf(&sb, "<b>Раздел %d</b> 📊\n", i)
		case 1:
			sb.WriteString("<pre>")
			for j := range r.IntN(40) + 1 {
				fmt.Fprintf(&sb, "Этап %-12d %8d\n", j, r.IntN(100000))
			}
			sb.WriteString("</pre>\n")
		case 2:
			fmt.Fprintf(&sb, "<a href=\"https://example.com/?a=1&amp;b=%d\">link &amp; more</a> &lt;tag&gt; &#39;q&#39;\n", i)
		case 3:
			sb.WriteString(escape(strings.Repeat("😀 ", r.IntN(300))) + "\n\n")
		case 4:
			sb.WriteString("<i>" + strings.Repeat("word ", r.IntN(200)) + "<b>nested</b></i>\n")
		}
	}
	return sb.String()
}

// words is the visible text without spaces, to compare what parts show
// with what the whole showed.
func words(html string) string { return strings.Join(strings.Fields(htmlText(html)), "") }

func TestSplitHTML_PartsAreValidFitAndKeepEveryCharacter(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 30 {
		text := longHTML(r, 2000+r.IntN(30000))
		for _, limit := range []int{maxMessage, maxCaption, 300} {
			parts := splitHTML(text, limit)
			for j, p := range parts {
				if n := visibleLen(p); n > limit {
					t.Fatalf("text %d, limit %d: part %d shows %d units", i, limit, j, n)
				}
				if err := telegramtest.CheckText(p); err != nil {
					t.Fatalf("text %d, limit %d: part %d is refused: %v\n%s", i, limit, j, err, p)
				}
			}
			if got, want := words(strings.Join(parts, "")), words(text); got != want {
				t.Fatalf("text %d, limit %d: the parts show other text than the whole", i, limit)
			}
			if limit == maxMessage && visibleLen(text) > 2*limit && len(parts) > (visibleLen(text)/limit)*2+1 {
				t.Errorf("text %d: %d units in %d parts; cuts are too eager", i, visibleLen(text), len(parts))
			}
		}
	}
}

func TestSplitHTML_ClosesAndReopensTagsAtACut(t *testing.T) {
	table := "<b>Title</b>\n<pre>" + strings.Repeat("Leads      120\n", 10) + "</pre>\n<a href=\"https://x.org\">" + strings.Repeat("link ", 20) + "</a>"
	parts := splitHTML(table, 100)
	if len(parts) < 3 {
		t.Fatalf("%d parts: %q", len(parts), parts)
	}
	if !strings.HasSuffix(parts[0], "</pre>") || !strings.HasPrefix(parts[1], "<pre>") {
		t.Errorf("the table is not closed and reopened at the cut:\n%q\n%q", parts[0], parts[1])
	}
	if !strings.HasSuffix(parts[0], "120\n</pre>") {
		t.Errorf("the cut is not at a line break: %q", parts[0])
	}
	last := parts[len(parts)-1]
	if !strings.HasPrefix(last, "<a href=\"https://x.org\">") || !strings.HasSuffix(last, "</a>") {
		t.Errorf("a link cut in two does not keep its address: %q", last)
	}
	if got := splitHTML("<b>short</b>", 100); len(got) != 1 || got[0] != "<b>short</b>" {
		t.Errorf("a text that fits changed: %q", got)
	}
}

func TestShortenHTML_EndsWithAnEllipsisAndClosedTags(t *testing.T) {
	s := shortenHTML("<b>"+strings.Repeat("😀", 600)+"</b>", maxCaption)
	if err := telegramtest.CheckCaption(s); err != nil || !strings.HasSuffix(s, "…</b>") {
		t.Errorf("shortened caption %v: %.40q…%q", err, s, s[len(s)-20:])
	}
	if got := shortenHTML("<i>fits</i>", 10); got != "<i>fits</i>" {
		t.Errorf("a text that fits changed: %q", got)
	}
	if got := domain.ShortenUnits(strings.Repeat("😀", 150), maxCallbackAnswer); telegramtest.CheckAnswer(got) != nil || !strings.HasSuffix(got, "😀…") {
		t.Errorf("shortened answer %q", got)
	}
}

func TestFitJob_SplitsMessagesAndShortensTheRest(t *testing.T) {
	long := strings.Repeat("<pre>"+strings.Repeat("Лиды 120\n", 100)+"</pre>\n", 10)
	kb := [][]domain.Button{{{Text: "OK", Data: "ok"}}}
	job := &domain.OutboxJob{Kind: domain.SendText, Text: long, Keyboard: kb, ReplyTo: 7, Key: "k"}
	jobs := fitJob(job)
	if len(jobs) < 2 || jobs[len(jobs)-1] != job {
		t.Fatalf("%d jobs; the job itself must come last", len(jobs))
	}
	for i, j := range jobs {
		checkTelegramRules(t, j)
		last := i == len(jobs)-1
		if (len(j.Keyboard) > 0) != last || (j.ReplyTo == 7) != (i == 0) {
			t.Errorf("part %d: buttons %v, reply to %d; want buttons on the last part and the reply on the first", i, j.Keyboard, j.ReplyTo)
		}
		if j.Key == "" || i > 0 && j.Key == jobs[i-1].Key {
			t.Errorf("part %d has key %q", i, j.Key)
		}
	}
	edit := &domain.OutboxJob{Kind: domain.EditText, Text: long}
	photo := &domain.OutboxJob{Kind: domain.SendMediaGroup, Files: []domain.Attachment{{Caption: long}, {Caption: "<b>short</b>"}}}
	answer := &domain.OutboxJob{Kind: domain.AnswerCallback, Text: strings.Repeat("😀", 101)}
	for _, j := range []*domain.OutboxJob{edit, photo, answer} {
		if got := fitJob(j); len(got) != 1 || got[0] != j {
			t.Errorf("a %s job became %d jobs", j.Kind, len(got))
		}
		checkTelegramRules(t, j)
	}
	if photo.Files[1].Caption != "<b>short</b>" {
		t.Errorf("a caption that fits changed: %q", photo.Files[1].Caption)
	}
}
