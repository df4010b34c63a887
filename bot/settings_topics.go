package bot

import (
	"fmt"
	"strings"

	"trackbot/domain"
)

// In a forum group the settings card has a "Topics" button: a CEO directs
// each post the bot makes on its own to the topic the card is pressed in.

// postCodes are the posts as button data carries them; the scheduled ones
// share their schedule's code.
var postCodes = map[domain.PostKind]string{
	domain.PostSnapshot: kindCodes[domain.ScheduleSnapshot],
	domain.PostReminder: kindCodes[domain.ScheduleReminder],
	domain.PostDigest:   kindCodes[domain.ScheduleDigest],
	domain.PostAlerts:   "a",
	domain.PostReview:   "v",
}

// postOfCode reads a post back from button data.
func postOfCode(code string) (domain.PostKind, bool) {
	for k, c := range postCodes {
		if c == code {
			return k, true
		}
	}
	return "", false
}

// postName is a post's name in lang.
func postName(kind domain.PostKind, l domain.Lang) string {
	switch kind {
	case domain.PostReview:
		return domain.Text(l, "settings.topic.review")
	case domain.PostAlerts:
		return domain.Text(l, "settings.topic.alerts")
	}
	return domain.Text(l, "schedule.kind."+string(kind))
}

// topicsRow is the settings card's row that opens the topics, in forums.
func topicsRow(c *Context) [][]domain.Button {
	if !c.Forum {
		return nil
	}
	return [][]domain.Button{{{Text: c.T("settings.button.topics"), Data: "st:topics"}}}
}

// topicsCard says where each post goes, seen from the topic the card is in.
func topicsCard(c *Context) string {
	ws, l := c.Workspace, c.Workspace.Lang
	var lines []string
	for _, kind := range domain.TopicPosts {
		where := "settings.topic.other"
		switch t := ws.Topic(kind); {
		case t == 0 && kind == domain.PostReview:
			where = "settings.topic.typed"
		case t == c.Thread:
			where = "settings.topic.here"
		case t == 0:
			where = "settings.topic.general"
		}
		lines = append(lines, fmt.Sprintf("• %s — %s", escape(postName(kind, l)), domain.Text(l, where)))
	}
	return domain.Text(l, "settings.topics", strings.Join(lines, "\n"))
}

// topicsKeyboard has a "here" button per post and the way back.
func topicsKeyboard(c *Context) [][]domain.Button {
	l := c.Workspace.Lang
	var rows [][]domain.Button
	for _, kind := range domain.TopicPosts {
		rows = append(rows, []domain.Button{{
			Text: domain.Text(l, "settings.topic.button", postName(kind, l)),
			Data: "st:here:" + postCodes[kind],
		}})
	}
	return append(rows, []domain.Button{{Text: domain.Text(l, "settings.button.back"), Data: "st:back"}})
}

// onTopicsButton opens the topics ("st:topics") or directs a post to the
// topic of the pressed card ("st:here:<post>"). The caller checked that a
// CEO pressed; the domain checks it again.
func (b *Bot) onTopicsButton(c *Context, parts []string) error {
	if parts[0] == "here" {
		kind, ok := domain.PostKind(""), len(parts) == 2
		if ok {
			kind, ok = postOfCode(parts[1])
		}
		if !ok {
			return b.staleSettings(c)
		}
		thread := c.Thread
		set := func(ws *domain.Workspace) error { return ws.SetTopic(c.From, kind, thread) }
		if err := set(c.Workspace); err != nil {
			return c.Refuse(err)
		}
		c.ChangeWorkspace(set)
		// A scheduled post about to go out should go where it now belongs.
		b.sched.settingsChanged()
		c.Answer(c.T("settings.saved"), false)
	}
	c.Edit(c.Message.MessageID, topicsCard(c), topicsKeyboard(c)...)
	return nil
}
