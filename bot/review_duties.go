package bot

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"trackbot/domain"
)

// What a workspace's latest review owes without anyone asking, done by the
// scheduler (schedule.go): its questions still unanswered after the
// workspace's answer window are reminded once to their heads, and a review
// left open ReviewAutoClose is closed with its protocol. Each reminder is
// marked on its questions, and the protocol on its review, in the
// transaction that stores the message with its outbox key, so a restart
// at any moment neither loses nor repeats one.

// reviewDutiesDue reports whether the workspace's latest review owes
// something at now, and when it next will.
func reviewDutiesDue(tx domain.Tx, ws *domain.Workspace, now time.Time) (owed bool, next time.Time, err error) {
	r, err := tx.Reviews().Latest(ws.ID)
	if err != nil || r == nil {
		return false, time.Time{}, err
	}
	owed = len(r.DueNudges(ws, now)) > 0 || r.AutoCloseDue(now)
	return owed, r.NextDuty(ws, now), nil
}

// doReviewDuties sends what the workspace's latest review owes at now:
// the reminder, then the protocol when the bot closes it. It returns the
// jobs stored for the sender.
func (b *Bot) doReviewDuties(wsID int64, now time.Time) ([]*domain.OutboxJob, error) {
	var added []*domain.OutboxJob
	err := b.store.Update(func(tx domain.Tx) error {
		added = nil
		ws, err := tx.Workspaces().Get(wsID)
		if err != nil {
			return err
		}
		r, err := tx.Reviews().Latest(ws.ID)
		if err != nil || r == nil {
			return err
		}
		var jobs []*domain.OutboxJob
		if due := r.DueNudges(ws, now); len(due) > 0 {
			r.Nudge(due, now)
			if err := tx.Reviews().Put(r); err != nil {
				return err
			}
			job := postJob(ws, b.nudgeText(ws, r, due))
			job.Key = domain.NudgeKey(ws.ID, r.ID, due)
			jobs = append(jobs, job)
		}
		closed, err := domain.AutoCloseReview(tx, ws, now)
		if err != nil {
			return err
		}
		if closed != nil {
			job := postJob(ws, closed.Protocol)
			job.Key = domain.AutoCloseKey(ws.ID, closed.ID)
			jobs = append(jobs, job)
		}
		for _, job := range fitJobs(jobs) {
			job.CreatedAt = now
			ok, err := tx.Outbox().Add(job)
			if err != nil {
				return err
			}
			if ok {
				added = append(added, job)
			}
		}
		return nil
	})
	return added, err
}

// nudgeText reminds the heads of the questions numbers of review r: each
// question's number is its prompt link, so a reply to the reminder
// answers it (picking the number when it names several).
func (b *Bot) nudgeText(ws *domain.Workspace, r *domain.Review, numbers []int) string {
	l := ws.Lang
	var heads []string
	var lines []string
	for _, n := range numbers {
		q, _ := r.Question(n)
		for _, p := range q.Heads {
			if m := personMention(p); !slices.Contains(heads, m) {
				heads = append(heads, m)
			}
		}
		link := b.promptLink(domain.QuestionPrompt(domain.PromptQuestionNudge, ws.ID, r.ID, n), strconv.Itoa(n)+".")
		lines = append(lines, link+" <b>"+escape(ws.DepartmentName(q.Department, l))+"</b>: "+escape(domain.QuestionSubjectLine(*q)))
	}
	to := strings.Join(heads, ", ")
	if to == "" {
		to = domain.Mentions(ws.CEOs())
	}
	return domain.Text(l, "question.nudge_title", to, escape(r.Period.Label(l))) + "\n" + strings.Join(lines, "\n") + "\n\n" + answerHint(l, len(numbers))
}

// changeAnswerHours sets how long heads have to answer before they are
// reminded (/settings answers 12): on the context's copy for the card, and
// on the stored workspace at commit; the scheduler looks again after it.
func (b *Bot) changeAnswerHours(c *Context, hours int) error {
	if err := c.Workspace.SetAnswerHours(c.From, hours); err != nil {
		return err
	}
	c.ChangeWorkspace(func(ws *domain.Workspace) error {
		b.sched.settingsChanged()
		return ws.SetAnswerHours(c.From, hours)
	})
	return nil
}
