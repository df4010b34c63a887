package domain

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// askedQuestion is a tracker question about a department's conversion in
// dealers, as TrackerQuestions would raise it.
func askedQuestion(dept string, stage string) Question {
	return Question{Kind: QuestionChange, Department: dept, Segment: Segment{Key: "dealers", Name: Name{En: "Dealers"}},
		Period: WeekPeriod(Week{2026, 10}), Change: Change{Metric: ConvMetric(stage), Now: Some(0.41), Before: Some(0.64), IsRate: true}}
}

func TestPickQuestion(t *testing.T) {
	for _, tt := range []struct {
		name    string
		shown   []int
		reply   string
		n       int
		answer  string
		decided bool
	}{
		{"a number with a colon picks it", []int{1, 2, 3}, "2: the form broke", 2, "the form broke", true},
		{"a parenthesis and a dot too", []int{1, 2}, "1) budget moved", 1, "budget moved", true},
		{"a dot then a space", []int{1, 2}, "2. new manager", 2, "new manager", true},
		{"a hash and a space", []int{1, 2}, "#2 new manager", 2, "new manager", true},
		{"a number alone with no answer", []int{1, 2}, "2:", 2, "", true},
		{"no number, one question", []int{4}, "we paused retail", 4, "we paused retail", true},
		{"a number not shown, one question", []int{4}, "3) managers quit", 4, "3) managers quit", true},
		{"no number, several questions", []int{1, 2}, "we paused retail", 0, "we paused retail", false},
		{"a decimal is not a number of a question", []int{1, 2}, "2.5% of leads were lost", 0, "2.5% of leads were lost", false},
		{"a time is not either", []int{1, 2}, "2:30 call with sales", 0, "2:30 call with sales", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			n, answer, ok := PickQuestion(tt.shown, tt.reply)
			if n != tt.n || answer != tt.answer || ok != tt.decided {
				t.Errorf("PickQuestion(%v, %q) = %d, %q, %v; want %d, %q, %v", tt.shown, tt.reply, n, answer, ok, tt.n, tt.answer, tt.decided)
			}
		})
	}
}

func TestReview_AskKeepsNumbersAndAnswersOfQuestionsAskedAgain(t *testing.T) {
	ws := hypWorkspace()
	r := &Review{ID: 3, OpenedAt: hypT0}
	first := r.Ask(ws, []Question{askedQuestion(DeptMarketing, "qualified"), askedQuestion(DeptSales, "meetings")}, hypT0)
	if !slices.Equal(first, []int{1, 2}) {
		t.Fatalf("first pack numbers = %v", first)
	}
	q, _ := r.Question(1)
	if q.Text == "" || q.Segment != "dealers" || q.Metric != ConvMetric("qualified") || len(q.Heads) != 1 || q.Heads[0].UserID != hypMarketing.UserID {
		t.Errorf("question 1 = %+v", q)
	}
	if err := r.AnswerQuestion(ws, 1, hypMarketing, "The form broke", hypT0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	// The pack posted again asks the sales question and a new one.
	again := r.Ask(ws, []Question{askedQuestion(DeptSales, "meetings"), askedQuestion(DeptSales, "deals")}, hypT0.Add(2*time.Hour))
	if !slices.Equal(again, []int{2, 3}) || len(r.Questions) != 3 {
		t.Errorf("second pack numbers = %v, questions %d", again, len(r.Questions))
	}
	if q, _ := r.Question(1); q.Answer.Text != "The form broke" {
		t.Errorf("question 1 lost its answer: %+v", q.Answer)
	}
	if q, _ := r.Question(2); !q.AskedAt.Equal(hypT0) {
		t.Errorf("question 2 asked again at %v, want still %v", q.AskedAt, hypT0)
	}
}

func TestReview_AnswerQuestion(t *testing.T) {
	ws := hypWorkspace()
	r := &Review{ID: 3, OpenedAt: hypT0}
	r.Ask(ws, []Question{askedQuestion(DeptMarketing, "qualified")}, hypT0)
	for _, tt := range []struct {
		who  Person
		n    int
		text string
		code string
	}{
		{hypSales, 1, "Not mine", EFORBIDDEN},
		{hypMember, 1, "A guess", EFORBIDDEN},
		{hypMarketing, 2, "No such question", ENOTFOUND},
		{hypMarketing, 1, "   ", EINVALID},
	} {
		if err := r.AnswerQuestion(ws, tt.n, tt.who, tt.text, hypT0); ErrorCode(err) != tt.code {
			t.Errorf("%s answering %d with %q: %v, want %s", tt.who.Name, tt.n, tt.text, err, tt.code)
		}
	}
	if err := r.AnswerQuestion(ws, 1, hypMarketing, "  The form broke  ", hypT0.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	err := r.AnswerQuestion(ws, 1, hypCEO, "A second answer", hypT0.Add(2*time.Minute))
	if ErrorCode(err) != ECONFLICT || !strings.Contains(UserMessage(English, err), "Mark") {
		t.Errorf("a second answer: %v", err)
	}
	q, _ := r.Question(1)
	if q.Answer.Text != "The form broke" || q.Answer.By.UserID != hypMarketing.UserID || !q.Answer.At.Equal(hypT0.Add(time.Minute)) {
		t.Errorf("stored answer = %+v", q.Answer)
	}
	if len(r.Participants) != 1 || r.Participants[0].UserID != hypMarketing.UserID {
		t.Errorf("participants = %+v, want the head who answered", r.Participants)
	}
}

func TestReview_Participate(t *testing.T) {
	r := &Review{OpenedAt: hypT0}
	if !r.Participate(hypCEO) || r.Participate(hypCEO) || r.Participate(Person{UserID: AnonymousAdminID}) || r.Participate(Person{}) {
		t.Errorf("participants = %+v, want Anna once and nobody anonymous", r.Participants)
	}
	r.ClosedAt = hypT0.Add(time.Hour)
	if r.Participate(hypSales) {
		t.Error("someone took part in a closed review")
	}
}

func TestReview_NudgesOnceAfterTheAnswerWindowAndClosesAfterADay(t *testing.T) {
	ws := hypWorkspace()
	ws.AnswerHours = 6
	r := &Review{ID: 3, OpenedAt: hypT0}
	r.Ask(ws, []Question{askedQuestion(DeptMarketing, "qualified"), askedQuestion(DeptSales, "meetings")}, hypT0)
	if err := r.AnswerQuestion(ws, 1, hypMarketing, "The form broke", hypT0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if due := r.DueNudges(ws, hypT0.Add(6*time.Hour-time.Second)); len(due) != 0 {
		t.Errorf("due before the window: %v", due)
	}
	if next := r.NextDuty(ws, hypT0); !next.Equal(hypT0.Add(6 * time.Hour)) {
		t.Errorf("next duty = %v, want the reminder at +6h", next)
	}
	at := hypT0.Add(6 * time.Hour)
	due := r.DueNudges(ws, at)
	if !slices.Equal(due, []int{2}) {
		t.Fatalf("due at the window = %v, want the unanswered question 2", due)
	}
	r.Nudge(due, at)
	if again := r.DueNudges(ws, at.Add(time.Hour)); len(again) != 0 {
		t.Errorf("reminded twice: %v", again)
	}
	if next := r.NextDuty(ws, at); !next.Equal(hypT0.Add(ReviewAutoClose)) || r.AutoCloseDue(next.Add(-time.Second)) || !r.AutoCloseDue(next) {
		t.Errorf("next duty after the reminder = %v, want closing at +24h", next)
	}
	r.ClosedAt = hypT0.Add(ReviewAutoClose)
	if next := r.NextDuty(ws, r.ClosedAt); !next.IsZero() || r.AutoCloseDue(r.ClosedAt.Add(time.Hour)) {
		t.Errorf("a closed, reminded review still owes something at %v", next)
	}
}

func TestAnswerWindow_DefaultAndSetting(t *testing.T) {
	ws := hypWorkspace()
	if got := ws.AnswerWindow(); got != 24*time.Hour {
		t.Errorf("default window = %v", got)
	}
	if err := ws.SetAnswerHours(hypMarketing, 12); ErrorCode(err) != EFORBIDDEN {
		t.Errorf("a head set the window: %v", err)
	}
	for _, bad := range []int{0, MaxAnswerHours + 1} {
		if err := ws.SetAnswerHours(hypCEO, bad); ErrorCode(err) != EINVALID {
			t.Errorf("window %d h: %v", bad, err)
		}
	}
	if err := ws.SetAnswerHours(hypCEO, 12); err != nil || ws.AnswerWindow() != 12*time.Hour {
		t.Errorf("window 12 h: %v, %v", err, ws.AnswerWindow())
	}
	for _, tt := range []struct {
		args    string
		hours   int
		ok, bad bool
	}{
		{"answers 12", 12, true, false}, {"ответы 6ч", 6, true, false}, {"answers", 0, true, true},
		{"answers soon", 0, true, true}, {"snapshot mon 09:00", 0, false, false}, {"", 0, false, false},
	} {
		hours, ok, err := ParseAnswerHoursSetting(tt.args)
		if hours != tt.hours || ok != tt.ok || (err != nil) != tt.bad {
			t.Errorf("ParseAnswerHoursSetting(%q) = %d, %v, %v", tt.args, hours, ok, err)
		}
	}
}

func TestQuestionPrompt_RoundTrip(t *testing.T) {
	p := QuestionPrompt(PromptReviewQuestion, 7, 12, 3)
	back, ok := ParsePromptToken(p.Token())
	if !ok || back != p {
		t.Fatalf("token %q read back as %+v", p.Token(), back)
	}
	if r, n, ok := back.ReviewQuestion(); !ok || r != 12 || n != 3 {
		t.Errorf("ReviewQuestion = %d, %d, %v", r, n, ok)
	}
	if _, _, ok := (Prompt{Kind: PromptHypothesisResult, Workspace: 7, ID: 12003}).ReviewQuestion(); ok {
		t.Error("a hypothesis's prompt read as a question")
	}
}
