package domain

import "unicode/utf16"

// What a review pack costs in the chat. Telegram lets a group get about
// twenty messages a minute and counts a media group one message per photo;
// the answers to the commands and buttons that follow a review share that
// minute with the pack.

// MessageLimit is Telegram's longest text message, in UTF-16 code units of
// the text as a reader sees it (tags removed, entities decoded).
const MessageLimit = 4096

// ReviewPackBudget is the most messages a review pack may cost: half of a
// group's minute, so the replies to a /hyp or a button during the review
// still go out within that minute.
const ReviewPackBudget = 10

// FollowUps returns the texts posted after the pictures: the tracker
// questions and the hypotheses block as one message when there are no
// questions and they fit in one, as two otherwise. Both are read together
// after the pictures, so one message saves a message of the group's minute;
// but questions are answered by replying to their message and it is edited
// to show who answered, so they keep a message of their own (the bot posts
// its own rendering of it, with the answer links and buttons).
func (p ReviewPack) FollowUps() []string {
	if both := p.Questions + "\n\n" + p.Hypotheses; len(p.Asked) == 0 && VisibleLength(both) <= MessageLimit {
		return []string{both}
	}
	return []string{p.Questions, p.Hypotheses}
}

// Cost is how many messages the pack puts into the chat against the
// group's limit: its texts and one per picture.
func (p ReviewPack) Cost() int {
	return len(p.Messages()) + len(p.Pictures)
}

// PictureBudget is how many pictures the pack may carry next to its texts
// within ReviewPackBudget.
func (p ReviewPack) PictureBudget() int {
	return max(0, ReviewPackBudget-len(p.Messages()))
}

// VisibleLength measures an HTML text as Telegram does against its
// limits: without tags, entities decoded, in UTF-16 code units.
func VisibleLength(html string) int {
	return len(utf16.Encode([]rune(StripTags(html))))
}
