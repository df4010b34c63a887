package domain

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// A review keeps the tracker questions its packs asked, so the heads'
// answers are on record: a head answers by replying to the questions
// message (picking the question by number when it shows several), the
// answer is stored with the question, and a question still unanswered
// AnswerWindow after it was asked is reminded once to its heads.

// ReviewQuestion is a tracker question as a review asked it.
type ReviewQuestion struct {
	// Number is the question's number in the review, as the questions
	// message shows it and a reply names it ("2: …").
	Number int
	// Subject says what the question is about (kind, segment, metric,
	// department, period), so a pack posted again keeps the question's
	// number and answer instead of asking it twice.
	Subject string
	// Key is the question's Question.Key, which its "why" button names so
	// the tests behind it can be found again.
	Key string
	// Text is the question as asked: plain text in the workspace's
	// language at the time.
	Text       string
	Segment    string
	Metric     Metric
	Department string
	// Heads are the heads the question was addressed to.
	Heads    []Person
	AskedAt  time.Time
	NudgedAt time.Time // zero until the heads were reminded
	Answer   QuestionAnswer
}

// QuestionAnswer is a head's answer to a question; the zero value is no
// answer.
type QuestionAnswer struct {
	By   Person
	At   time.Time
	Text string
}

// Given reports whether the question has been answered.
func (a QuestionAnswer) Given() bool { return !a.At.IsZero() }

// QuestionMessage is a bot message that shows some of a review's
// questions: an answer edits it to show who answered.
type QuestionMessage struct {
	Ref     MessageRef
	Numbers []int
}

// Answers on record.
const (
	// DefaultAnswerHours is how long heads have to answer a question
	// before they are reminded, unless the workspace says otherwise.
	DefaultAnswerHours = 24
	// MaxAnswerHours bounds the setting to a week, the rhythm of reviews.
	MaxAnswerHours = 7 * 24
	// MaxAnswerLength keeps an answer to what a protocol can show.
	MaxAnswerLength = 1000
	// MaxReviewQuestions bounds a review's questions; a prompt's id has
	// room for that many per review (see QuestionPrompt).
	MaxReviewQuestions = 999
)

// AnswerWindow is how long after a question was asked its heads are
// reminded when it is still unanswered.
func (w *Workspace) AnswerWindow() time.Duration {
	h := w.AnswerHours
	if h <= 0 {
		h = DefaultAnswerHours
	}
	return time.Duration(h) * time.Hour
}

// SetAnswerHours changes the answer window: CEOs only, 1 to MaxAnswerHours.
func (w *Workspace) SetAnswerHours(by Person, hours int) error {
	if err := w.RequireCEO(by); err != nil {
		return err
	}
	if hours < 1 || hours > MaxAnswerHours {
		return Errorf(EINVALID, "settings.answers_bad", MaxAnswerHours)
	}
	w.AnswerHours = hours
	return nil
}

// questionSubject is what a question is about, independent of its wording.
func questionSubject(q Question) string {
	parts := []string{string(q.Kind), q.Segment.Key, string(q.Change.Metric), q.Department, q.Manager,
		string(q.Period.Kind), q.Period.From.String(), q.Period.To.String()}
	if q.Plan != nil {
		parts = append(parts, "plan", q.Plan.Pace.Target.Field().Key())
	}
	return strings.Join(parts, "|")
}

// Ask records the pack's questions qs on the review at now, addressed to
// the heads of their departments, and returns the numbers they have in
// it: a question the review asked before keeps its number, text and
// answer, a new one gets the next number.
func (r *Review) Ask(ws *Workspace, qs []Question, now time.Time) []int {
	var numbers []int
	for _, q := range qs {
		subject := questionSubject(q)
		if i := slices.IndexFunc(r.Questions, func(rq ReviewQuestion) bool { return rq.Subject == subject }); i >= 0 {
			numbers = append(numbers, r.Questions[i].Number)
			continue
		}
		if len(r.Questions) >= MaxReviewQuestions {
			continue
		}
		var heads []Person
		for _, m := range ws.Heads(q.Department) {
			heads = append(heads, Person{UserID: m.UserID, Name: m.Name, Username: m.Username})
		}
		n := len(r.Questions) + 1
		r.Questions = append(r.Questions, ReviewQuestion{
			Number: n, Subject: subject, Key: q.Key(), Text: q.Text(ws, ws.Lang),
			Segment: q.Segment.Key, Metric: q.Change.Metric, Department: q.Department,
			Heads: heads, AskedAt: now,
		})
		numbers = append(numbers, n)
	}
	return numbers
}

// Question returns the review's question with the number.
func (r *Review) Question(n int) (*ReviewQuestion, bool) {
	for i := range r.Questions {
		if r.Questions[i].Number == n {
			return &r.Questions[i], true
		}
	}
	return nil, false
}

// AnswerQuestion records by's answer to question n at now. The heads of
// the question's department and the CEOs answer; a question keeps its
// first answer, as every copy of the questions message can be replied to.
// Who answers takes part in the review.
func (r *Review) AnswerQuestion(ws *Workspace, n int, by Person, text string, now time.Time) error {
	q, ok := r.Question(n)
	if !ok {
		return Errorf(ENOTFOUND, "question.no_number", n)
	}
	if !ws.IsCEO(by.UserID) && !ws.IsHeadOf(by.UserID, q.Department) {
		return Errorf(EFORBIDDEN, "question.only_heads", departmentName(ws, q.Department), n)
	}
	if q.Answer.Given() {
		return Errorf(ECONFLICT, "question.answered", n, personName(q.Answer.By, ws.Lang))
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return Errorf(EINVALID, "question.empty_answer", n)
	}
	q.Answer = QuestionAnswer{By: by, At: now, Text: Shorten(text, MaxAnswerLength)}
	r.Participate(by)
	return nil
}

// Participate records p among the review's participants; it reports
// whether p is new there. Nobody is recorded for a closed review, and the
// anonymous admin, who may be anyone, never is.
func (r *Review) Participate(p Person) bool {
	if !r.IsOpen() || p.UserID == 0 || p.UserID == AnonymousAdminID {
		return false
	}
	if slices.ContainsFunc(r.Participants, func(o Person) bool { return o.UserID == p.UserID }) {
		return false
	}
	r.Participants = append(r.Participants, p)
	return true
}

// PickQuestion reads which of the questions shown (numbers) a reply
// answers: a leading number with ":", ")" or "." ("2: the form broke")
// picks that question when it is shown; without one the reply answers the
// only question. ok is false when several questions could be meant.
func PickQuestion(numbers []int, reply string) (n int, answer string, ok bool) {
	reply = strings.TrimSpace(reply)
	if n, rest, found := leadingNumber(reply); found && slices.Contains(numbers, n) {
		return n, rest, true
	}
	if len(numbers) == 1 {
		return numbers[0], reply, true
	}
	return 0, reply, false
}

// leadingNumber reads "2: text", "2) text", "2. text", "#2 text" or "2:"
// alone; "2.5% of leads" and "2:30" do not name a question.
func leadingNumber(s string) (int, string, bool) {
	rest, hashed := strings.CutPrefix(s, "#")
	digits := len(rest) - len(strings.TrimLeft(rest, "0123456789"))
	if digits == 0 || digits > 3 {
		return 0, "", false
	}
	n, _ := strconv.Atoi(rest[:digits])
	rest = rest[digits:]
	endsMark := len(rest) == 1 || len(rest) > 1 && unicode.IsSpace(rune(rest[1]))
	switch {
	case rest == "":
	case strings.ContainsRune(":).", rune(rest[0])) && endsMark:
		rest = rest[1:]
	case hashed && unicode.IsSpace(rune(rest[0])):
	default:
		return 0, "", false
	}
	return n, strings.TrimSpace(rest), true
}

// DueNudges returns the numbers of the questions still unanswered
// AnswerWindow after they were asked and not reminded yet, at now.
func (r *Review) DueNudges(ws *Workspace, now time.Time) []int {
	var out []int
	for _, q := range r.Questions {
		if !q.Answer.Given() && q.NudgedAt.IsZero() && !now.Before(q.AskedAt.Add(ws.AnswerWindow())) {
			out = append(out, q.Number)
		}
	}
	return out
}

// ReviewAutoClose is how long a review may stay open: one left open is
// closed by the bot with its protocol, so a forgotten /review end does not
// leave the week without a record.
const ReviewAutoClose = 24 * time.Hour

// AutoCloseDue reports whether the review is open ReviewAutoClose after
// it was opened, at now.
func (r *Review) AutoCloseDue(now time.Time) bool {
	return r.IsOpen() && !now.Before(r.OpenedAt.Add(ReviewAutoClose))
}

// NextDuty returns when the review next owes the bot something — a
// reminder of an unanswered question, or closing it — after now; the zero
// time when it owes nothing more.
func (r *Review) NextDuty(ws *Workspace, now time.Time) time.Time {
	var next time.Time
	consider := func(t time.Time) {
		if t.After(now) && (next.IsZero() || t.Before(next)) {
			next = t
		}
	}
	for _, q := range r.Questions {
		if !q.Answer.Given() && q.NudgedAt.IsZero() {
			consider(q.AskedAt.Add(ws.AnswerWindow()))
		}
	}
	if r.IsOpen() {
		consider(r.OpenedAt.Add(ReviewAutoClose))
	}
	return next
}

// Nudge marks the questions reminded at now.
func (r *Review) Nudge(numbers []int, now time.Time) {
	for _, n := range numbers {
		if q, ok := r.Question(n); ok {
			q.NudgedAt = now
		}
	}
}

// NudgeKey is the outbox key of the reminder of a review's questions, so
// a restart never sends it twice.
func NudgeKey(ws, review int64, numbers []int) string {
	parts := make([]string, len(numbers))
	for i, n := range numbers {
		parts[i] = strconv.Itoa(n)
	}
	return fmt.Sprintf("rvnudge:%d:%d:%s", ws, review, strings.Join(parts, ","))
}

// AutoCloseKey is the outbox key of the protocol of a review the bot
// closed, so it is posted once.
func AutoCloseKey(ws, review int64) string { return fmt.Sprintf("rvclose:%d:%d", ws, review) }

// QuestionSubjectLine is the first clause of a question — what moved,
// where — short enough to start a hypothesis's text.
func QuestionSubjectLine(q ReviewQuestion) string {
	text := q.Text
	if i := strings.IndexAny(text, ";"); i > 0 {
		text = text[:i]
	} else if i := strings.Index(text, ". "); i > 0 {
		text = text[:i]
	}
	return Shorten(strings.TrimSpace(text), 200)
}

// DraftFromQuestion starts a hypothesis draft for by from question n of
// review r: the answer (or the question's first clause) is its text, and
// it starts with the question's department, segment and metric, as far as
// the workspace still offers them; the /hyp steps ask for the rest.
func DraftFromQuestion(tx Tx, ws *Workspace, r *Review, n int, by Person, now time.Time) (*Hypothesis, error) {
	q, ok := r.Question(n)
	if !ok {
		return nil, Errorf(ENOTFOUND, "question.no_number", n)
	}
	text := q.Answer.Text
	if text == "" {
		text = QuestionSubjectLine(*q)
	}
	h, err := DraftHypothesis(tx, ws, by, Shorten(text, 600), now)
	if err != nil {
		return nil, err
	}
	if slices.ContainsFunc(ws.ActiveSegments(), func(s Segment) bool { return s.Key == q.Segment }) {
		h.Segment = q.Segment
	}
	// Each choice is taken only when the step offers it; one the workspace
	// no longer has is left for the person to pick.
	if h.ChooseDepartment(ws, q.Department) == nil && q.Metric != "" {
		_ = h.ChooseMetric(ws, q.Metric)
	}
	return h, tx.Hypotheses().Put(h)
}

// questionSlots is how many question numbers a review has room for in a
// prompt's id: review × questionSlots + number.
const questionSlots = MaxReviewQuestions + 1

// QuestionPrompt is the prompt of question n of a review, of kind
// PromptReviewQuestion or PromptQuestionNudge.
func QuestionPrompt(kind PromptKind, workspace, review int64, n int) Prompt {
	return Prompt{Kind: kind, Workspace: workspace, ID: review*questionSlots + int64(n)}
}

// ReviewQuestion reads the review and the question number of a question's
// prompt; ok is false for a prompt of another kind.
func (p Prompt) ReviewQuestion() (review int64, n int, ok bool) {
	if p.Kind != PromptReviewQuestion && p.Kind != PromptQuestionNudge {
		return 0, 0, false
	}
	review, n = p.ID/questionSlots, int(p.ID%questionSlots)
	return review, n, review > 0 && n > 0
}

// answersWords name the answer window in /settings.
var answersWords = []string{"answers", "answer", "ответы", "ответ", "ответов"}

// ParseAnswerHoursSetting reads the answer window from /settings
// arguments, "answers 12" or "ответы 12ч"; ok is false when the arguments
// are about another setting.
func ParseAnswerHoursSetting(args string) (hours int, ok bool, err error) {
	words := strings.Fields(strings.ToLower(args))
	if len(words) == 0 || !slices.Contains(answersWords, words[0]) {
		return 0, false, nil
	}
	bad := Errorf(EINVALID, "settings.answers_bad", MaxAnswerHours)
	if len(words) != 2 {
		return 0, true, bad
	}
	n, err := strconv.Atoi(strings.TrimRight(words[1], "hч"))
	if err != nil {
		return 0, true, bad
	}
	return n, true, nil
}
