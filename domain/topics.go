package domain

import "slices"

// PostKind is a message the bot posts to the group on its own rather than
// as the answer to a command: the scheduled posts, the alerts and the
// review pack. In a
// forum group (a supergroup with topics) a CEO directs each kind to a topic;
// everything else the bot says goes to the topic it was asked in.
type PostKind string

// The posts a CEO can direct to a topic. The scheduled ones share their
// schedule's name.
const (
	PostSnapshot = PostKind(ScheduleSnapshot)
	PostReminder = PostKind(ScheduleReminder)
	PostDigest   = PostKind(ScheduleDigest)
	// PostReview is the review pack /review posts: its headline, charts,
	// questions and hypotheses, and later its protocol.
	PostReview PostKind = "review"
	// PostAlerts are the alerts fired when saved numbers cross a rule.
	PostAlerts PostKind = "alerts"
)

// TopicPosts lists the posts a CEO can direct to a topic, in the order
// settings show them.
var TopicPosts = []PostKind{PostSnapshot, PostReminder, PostDigest, PostAlerts, PostReview}

// PostOf is the post a schedule makes.
func PostOf(kind ScheduleKind) PostKind { return PostKind(kind) }

// Topic returns the forum topic (Telegram's message_thread_id) the
// workspace's posts of kind go to; 0 means none was chosen: the group's
// General topic for a scheduled post, the topic /review was typed in for
// the review pack.
func (w *Workspace) Topic(kind PostKind) int { return w.Topics[kind] }

// SetTopic directs the workspace's posts of kind to the topic thread (0
// for General, which is also where they go in a group without topics).
// Only a CEO decides where the company's posts appear.
func (w *Workspace) SetTopic(p Person, kind PostKind, thread int) error {
	if err := w.RequireCEO(p); err != nil {
		return err
	}
	if !slices.Contains(TopicPosts, kind) || thread < 0 {
		return Errorf(EINVALID, "settings.topic_unknown")
	}
	if thread == 0 {
		delete(w.Topics, kind)
		return nil
	}
	if w.Topics == nil {
		w.Topics = map[PostKind]int{}
	}
	w.Topics[kind] = thread
	return nil
}

// ReviewTopic is the topic a review pack goes to when /review was typed in
// the topic typedIn: the one a CEO chose for reviews, else where it was
// typed.
func (w *Workspace) ReviewTopic(typedIn int) int {
	if t := w.Topic(PostReview); t != 0 {
		return t
	}
	return typedIn
}
