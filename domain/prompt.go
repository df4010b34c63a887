package domain

import (
	"strconv"
	"strings"
)

// A prompt is a bot message that asks its readers to answer by replying to
// it: "reply with a short result", "reply with the date". Telegram may
// hold more than one copy of a prompt (a send it took twice when the bot
// died before recording the first), so a prompt says in its own content
// what it asks, and a reply to any copy is the same answer.

// PromptKind is what a prompt asks for. Codes are short because a prompt
// carries them in a link.
type PromptKind string

// The kinds of prompts.
const (
	// PromptHypothesisResult asks a head for the short result that marks
	// a hypothesis done.
	PromptHypothesisResult PromptKind = "hr"
	// PromptHypothesisDraft asks the CEO for a draft hypothesis's typed
	// deadline or expected effect.
	PromptHypothesisDraft PromptKind = "hd"
)

// The prompts for the week's numbers (see NumbersPrompt): a reply to them
// is read as /log, by whoever replies, with their role's rules.
const (
	// PromptNumbers asks for numbers as /log reads them: the /log help and
	// the problems of a /log message. Its ID is always 1; the reply names
	// its week or reports the last complete week, as /log does.
	PromptNumbers PromptKind = "nl"
	// PromptWeekNumbers asks for one week's numbers: the reminder. Its ID
	// is the week, 202612 for 2026-W12; a reply that names no week reports
	// that week, the one the reminder chases, not the last complete one.
	PromptWeekNumbers PromptKind = "nw"
)

// The prompts of a review's tracker questions (review_questions.go). The
// id names the review and the question: see QuestionPrompt.
const (
	// PromptReviewQuestion is a question of a questions message: a reply
	// to the message answers it, and the message shows who answered.
	PromptReviewQuestion PromptKind = "rq"
	// PromptQuestionNudge is a question named in a reminder: a reply to
	// the reminder answers it too.
	PromptQuestionNudge PromptKind = "rn"
)

// Prompt is what a prompt asks: the kind of answer and the object of the
// workspace the answer goes to.
type Prompt struct {
	Kind      PromptKind
	Workspace int64
	ID        int64
}

// Token writes the prompt as letters, digits and dashes ("hr-3-17"), which
// fit a deep link's start parameter and survive any copy of the message.
func (p Prompt) Token() string {
	return string(p.Kind) + "-" + strconv.FormatInt(p.Workspace, 10) + "-" + strconv.FormatInt(p.ID, 10)
}

// ParsePromptToken reads a token written by Token. The kind is not
// checked against the known ones: a kind nobody answers is ignored where
// replies are routed.
func ParsePromptToken(s string) (Prompt, bool) {
	parts := strings.Split(s, "-")
	if len(parts) != 3 || parts[0] == "" || strings.Trim(parts[0], "abcdefghijklmnopqrstuvwxyz") != "" {
		return Prompt{}, false
	}
	ws, err1 := strconv.ParseInt(parts[1], 10, 64)
	id, err2 := strconv.ParseInt(parts[2], 10, 64)
	if err1 != nil || err2 != nil || ws <= 0 || id <= 0 {
		return Prompt{}, false
	}
	return Prompt{Kind: PromptKind(parts[0]), Workspace: ws, ID: id}, true
}
