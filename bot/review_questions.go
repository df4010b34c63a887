package bot

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"trackbot/domain"
)

// A review's tracker questions go out as one message of their own: each
// question's number is a prompt link (domain.PromptReviewQuestion) naming
// the review and the question, so a reply to any copy of the message is
// an answer, and the reply picks the question by its number ("2: …") when
// the message shows several. The answer is stored with the question and
// every message showing it is edited to say who answered. Under each
// question a button starts a hypothesis from it (rq:<review>:<number>).

// recordPack stores what the pack posted on the review — its numbers for
// the protocol and its questions — and fills in the questions message,
// whose links need the review's id, known only at commit. questions is
// the message's job, queued in its place in the pack; nil when the pack
// asks nothing.
func (b *Bot) recordPack(c *Context, session *domain.Review, pack domain.ReviewPack, questions *domain.OutboxJob) {
	ws := c.Workspace
	c.Change(func(tx domain.Tx) error {
		r, err := tx.Reviews().Get(ws.ID, session.ID)
		if err != nil {
			return err
		}
		r.Numbers = pack.Numbers
		if questions != nil {
			numbers := r.Ask(ws, pack.Asked, c.now)
			text, kb := b.questionsMessage(ws, r, numbers)
			questions.Text, questions.Keyboard = shortenHTML(text, maxMessage), kb
			// Keys are reserved forever, so they come from the clock, and
			// the command's message id tells two packs of one instant apart.
			questions.Key = fmt.Sprintf("rvq:%d:%d:%d:%d", ws.ID, r.ID, c.now.UnixNano(), c.Message.MessageID)
			r.QuestionMessages = append(r.QuestionMessages, domain.QuestionMessage{
				Ref: domain.MessageRef{ChatID: questions.ChatID, Key: questions.Key}, Numbers: numbers})
		}
		// The scheduler looks again once this commits: the review now owes
		// reminders and its closing.
		b.sched.settingsChanged()
		return tx.Reviews().Put(r)
	})
}

// queueQuestions queues the pack's questions message, in bulk after the
// pictures like the rest of the pack; recordPack writes it at commit.
func (b *Bot) queueQuestions(c *Context, r *domain.Review, pack domain.ReviewPack) {
	// A placeholder that never splits: the text comes at commit.
	job := c.textJob("…", nil)
	job.Priority = domain.PriorityBulk
	c.Queue(job)
	b.recordPack(c, r, pack, job)
}

// questionsMessage renders the questions numbers of review r as their
// message shows them, in the workspace's language: each with the heads it
// is addressed to and who answered it, and a row of buttons under it.
func (b *Bot) questionsMessage(ws *domain.Workspace, r *domain.Review, numbers []int) (string, [][]domain.Button) {
	l := ws.Lang
	var sb strings.Builder
	sb.WriteString(domain.Text(l, "review.questions_title") + "\n" + answerHint(l, len(numbers)))
	// Each question gets an equal share of the message, so it never has to
	// be split, and the edits that add who answered fit as well.
	share := max(150, (domain.MessageLimit-500)/max(1, len(numbers))-150)
	var rows [][]domain.Button
	for _, n := range numbers {
		q, ok := r.Question(n)
		if !ok {
			continue
		}
		link := b.promptLink(domain.QuestionPrompt(domain.PromptReviewQuestion, ws.ID, r.ID, n), strconv.Itoa(n)+".")
		fmt.Fprintf(&sb, "\n\n%s %s, %s", link, addressees(ws, *q), escape(clipRunes(q.Text, share)))
		if q.Answer.Given() {
			sb.WriteString("\n" + domain.Text(l, "question.answered_by", personMention(q.Answer.By)))
		}
		rows = append(rows, questionButtons(ws, r, *q))
	}
	return sb.String(), rows
}

// questionButtons are the buttons under a question: a hypothesis from it,
// and the tests behind it (review_why.go).
func questionButtons(ws *domain.Workspace, r *domain.Review, q domain.ReviewQuestion) []domain.Button {
	buttons := []domain.Button{{Text: domain.Text(ws.Lang, "question.to_hyp", q.Number), Data: fmt.Sprintf("qh:%d:%d", r.ID, q.Number)}}
	if q.Key != "" {
		buttons = append(buttons, domain.Button{Text: domain.Text(ws.Lang, "why.button", q.Number), Data: fmt.Sprintf("rq:%d:%d:%s", r.ID, q.Number, q.Key)})
	}
	return buttons
}

// answerHint says how to answer: a reply, with the number when several
// questions are shown.
func answerHint(l domain.Lang, shown int) string {
	if shown == 1 {
		return domain.Text(l, "question.how_to_answer_one")
	}
	return domain.Text(l, "question.how_to_answer_many")
}

// addressees mentions the heads a question was asked, or names its
// department when it had none.
func addressees(ws *domain.Workspace, q domain.ReviewQuestion) string {
	if len(q.Heads) == 0 {
		return "<b>" + escape(ws.DepartmentName(q.Department, ws.Lang)) + "</b>"
	}
	var ms []string
	for _, p := range q.Heads {
		ms = append(ms, personMention(p))
	}
	return strings.Join(ms, ", ")
}

// answerQuestion takes a reply to a questions message, or to a reminder
// of questions: it picks the question, stores the answer and edits the
// messages that show the question.
func (b *Bot) answerQuestion(c *Context, p domain.Prompt, replied *tgMessage, text string) error {
	ws := c.Workspace
	reviewID, _, ok := p.ReviewQuestion()
	if !ok {
		return nil
	}
	shown := b.questionsShown(replied, ws.ID, reviewID)
	n, answer, ok := domain.PickQuestion(shown, text)
	if !ok {
		var examples []string
		for _, s := range shown {
			examples = append(examples, strconv.Itoa(s)+": …")
		}
		c.Reply(c.T("question.which", escape(strings.Join(examples, ", "))))
		return nil
	}
	c.Change(func(tx domain.Tx) error {
		r, err := tx.Reviews().Get(ws.ID, reviewID)
		if err != nil {
			return err
		}
		if err := r.AnswerQuestion(ws, n, c.From, answer, c.now); err != nil {
			return err
		}
		if err := tx.Reviews().Put(r); err != nil {
			return err
		}
		var copyOf []int // the numbers the replied copy shows, when it is a questions message
		if p.Kind == domain.PromptReviewQuestion {
			copyOf = shown
		}
		return b.editQuestions(c, tx, r, n, replied.MessageID, copyOf)
	})
	return nil
}

// questionsShown lists the numbers of the review's questions a bot
// message links to, in the order it shows them.
func (b *Bot) questionsShown(m *tgMessage, workspace, review int64) []int {
	var out []int
	for _, p := range b.promptsInText(m) {
		if r, n, ok := p.ReviewQuestion(); ok && p.Workspace == workspace && r == review && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// editQuestions edits every message that shows question n so it says who
// answered: the questions messages the review remembers and, when it is
// one whose id the bot never learnt, the copy replied to (copyOf are the
// numbers it shows).
func (b *Bot) editQuestions(c *Context, tx domain.Tx, r *domain.Review, n int, replied int, copyOf []int) error {
	ws := c.Workspace
	edited := false
	for _, qm := range r.QuestionMessages {
		if !slices.Contains(qm.Numbers, n) {
			continue
		}
		id := qm.Ref.MessageID
		if id == 0 && qm.Ref.Key != "" {
			job, ok, err := tx.Outbox().ByKey(qm.Ref.Key)
			if err != nil {
				return err
			}
			if ok && len(job.MessageIDs) > 0 {
				id = job.MessageIDs[len(job.MessageIDs)-1]
			}
		}
		if id == 0 {
			continue
		}
		edited = edited || id == replied && qm.Ref.ChatID == c.Chat.ID
		b.queueQuestionsEdit(c, ws, r, qm.Ref.ChatID, id, qm.Numbers)
	}
	if !edited && len(copyOf) > 0 {
		b.queueQuestionsEdit(c, ws, r, c.Chat.ID, replied, copyOf)
	}
	return nil
}

func (b *Bot) queueQuestionsEdit(c *Context, ws *domain.Workspace, r *domain.Review, chatID int64, messageID int, numbers []int) {
	text, kb := b.questionsMessage(ws, r, numbers)
	job := c.textJob(text, kb)
	job.Kind, job.ChatID, job.EditMessageID = domain.EditText, chatID, messageID
	c.Queue(job)
}

// onQuestionButton starts a hypothesis from a question: rq:<review>:<n>.
// The draft comes with the question's department, segment and metric, and
// the /hyp steps ask for the rest.
func (b *Bot) onQuestionButton(c *Context, payload string) error {
	ws := c.Workspace
	reviewText, numberText, _ := strings.Cut(payload, ":")
	reviewID, err1 := strconv.ParseInt(reviewText, 10, 64)
	n, err2 := strconv.Atoi(numberText)
	if err1 != nil || err2 != nil {
		return c.Refuse(staleButton())
	}
	c.Change(func(tx domain.Tx) error {
		r, err := tx.Reviews().Get(ws.ID, reviewID)
		if domain.ErrorCode(err) == domain.ENOTFOUND {
			return staleButton()
		}
		if err != nil {
			return err
		}
		draft, err := domain.DraftFromQuestion(tx, ws, r, n, c.From, c.now)
		if err != nil {
			return err
		}
		c.Reply(b.draftText(c, draft), b.draftButtons(c, draft)...)
		return nil
	})
	return nil
}

// noteParticipant records the person behind an update in the group during
// an open review among its participants: a command, a reply or a press
// there is speaking in the review, refused or not. It runs in the
// update's transaction, after the handler's changes.
func (b *Bot) noteParticipant(c *Context) {
	ws := c.Workspace
	if ws == nil || c.Chat == nil || c.Chat.ID != ws.ChatID || c.From.UserID == 0 {
		return
	}
	m := c.Update.Message
	if c.Update.CallbackQuery == nil && (m == nil || m.Text == "" && m.Caption == "" && m.Document == nil) {
		return // a service message (someone joined, a pin) says nothing
	}
	who := c.From
	c.Change(func(tx domain.Tx) error {
		r, err := tx.Reviews().Latest(ws.ID)
		if err != nil || r == nil || !r.Participate(who) {
			return err
		}
		return tx.Reviews().Put(r)
	})
}
