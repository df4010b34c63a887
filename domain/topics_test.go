package domain

import (
	"testing"
	"time"
)

func TestTopics_CEODirectsPostsAndTheReviewFollowsWhereTyped(t *testing.T) {
	anna := Person{UserID: 1, Name: "Anna"}
	ws := NewWorkspace(-100, "Acme", English, "UTC", anna, time.Time{})
	if err := ws.Grant(Person{UserID: 2}, RoleHead, DeptSales, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if got := ws.Topic(PostSnapshot); got != 0 {
		t.Errorf("a new workspace posts the snapshot to topic %d, want General (0)", got)
	}
	if err := ws.SetTopic(Person{UserID: 2}, PostSnapshot, 555); ErrorCode(err) != EFORBIDDEN {
		t.Errorf("a head directing a post = %v, want EFORBIDDEN", err)
	}
	if err := ws.SetTopic(anna, PostKind("nonsense"), 555); ErrorCode(err) != EINVALID {
		t.Errorf("an unknown post = %v, want EINVALID", err)
	}
	if err := ws.SetTopic(anna, PostSnapshot, 555); err != nil {
		t.Fatal(err)
	}
	if got := ws.Topic(PostOf(ScheduleSnapshot)); got != 555 {
		t.Errorf("snapshot topic = %d, want 555", got)
	}
	if got := ws.ReviewTopic(77); got != 77 {
		t.Errorf("with no review topic the pack goes where /review was typed (77); got %d", got)
	}
	if err := ws.SetTopic(anna, PostReview, 9); err != nil {
		t.Fatal(err)
	}
	if got := ws.ReviewTopic(77); got != 9 {
		t.Errorf("review pack topic = %d, want the chosen 9", got)
	}
	if err := ws.SetTopic(anna, PostSnapshot, 0); err != nil || ws.Topic(PostSnapshot) != 0 || len(ws.Topics) != 1 {
		t.Errorf("directing the snapshot back to General left topics %v (err %v)", ws.Topics, err)
	}
}

// An alert goes to the topic a CEO chose for alerts, wherever the numbers
// that fired it were saved.
func TestTopics_AlertsGoWhereTheCEODirectedThem(t *testing.T) {
	ws := alertWorkspace()
	r := &AlertRule{ID: 3, Segment: "dealers", Metric: ConvMetric("meetings"), Op: AlertBelow, Threshold: 0.35}
	check := AlertCheck{Week: week(2026, 12), Value: Some(0.28), Fired: true}
	if job := AlertMessage(ws, r, check); job.ThreadID != 0 {
		t.Errorf("an alert goes to topic %d before a choice, want General", job.ThreadID)
	}
	if err := ws.SetTopic(Person{UserID: ws.CEOs()[0].UserID}, PostAlerts, 42); err != nil {
		t.Fatal(err)
	}
	if job := AlertMessage(ws, r, check); job.ThreadID != 42 || job.ChatID != ws.ChatID {
		t.Errorf("an alert goes to chat %d topic %d, want the group's topic 42", job.ChatID, job.ThreadID)
	}
}
