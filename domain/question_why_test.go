package domain

import (
	"testing"
	"time"
)

func TestQuestionKey_FindsTheSameQuestionAfterARecount(t *testing.T) {
	gleb := Question{Kind: QuestionManager, Segment: Segment{Key: "main"}, Change: Change{Metric: ConvMetric("meetings")}, Manager: "Gleb"}
	vera := gleb
	vera.Manager = "Vera"
	fall := Question{Kind: QuestionChange, Segment: Segment{Key: "main"}, Change: Change{Metric: ConvMetric("meetings")}}
	if gleb.Key() == vera.Key() || gleb.Key() == fall.Key() || len(gleb.Key()) != 8 {
		t.Fatalf("keys %s %s %s: want eight hex digits, one per question", gleb.Key(), vera.Key(), fall.Key())
	}
	again := gleb
	again.Stake = Stake{PerWeek: Some(1000)} // the numbers moved, the question is the same
	if again.Key() != gleb.Key() {
		t.Error("the key changed with the money at stake")
	}
	qs := []Question{fall, gleb}
	if q, ok := FindQuestion(qs, 2, gleb.Key()); !ok || q.Manager != "Gleb" {
		t.Errorf("question 2 by its key: %+v %v", q, ok)
	}
	// The ranking changed: question 1 of the pack is now second.
	if q, ok := FindQuestion([]Question{gleb, fall}, 2, gleb.Key()); !ok || q.Manager != "Gleb" {
		t.Errorf("moved question: %+v %v", q, ok)
	}
	if _, ok := FindQuestion(qs, 1, vera.Key()); ok {
		t.Error("found a question the recount no longer asks")
	}
}

func TestReviewForDetails(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 3, 1, h, 0, 0, 0, time.UTC) }
	closed1 := &Review{ID: 1, OpenedAt: at(1), ClosedAt: at(2)}
	closed2 := &Review{ID: 2, OpenedAt: at(3), ClosedAt: at(4)}
	open := &Review{ID: 3, OpenedAt: at(0)}
	if r := ReviewForDetails([]*Review{closed1, open, closed2}); r != open {
		t.Errorf("got review %d, want the open one", r.ID)
	}
	if r := ReviewForDetails([]*Review{closed2, closed1}); r != closed2 {
		t.Errorf("got review %d, want the one opened last", r.ID)
	}
	if ReviewForDetails(nil) != nil {
		t.Error("a review without any")
	}
}

func TestRequireLead(t *testing.T) {
	ws := NewWorkspace(-1, "Acme", English, "UTC", Person{UserID: 1}, time.Time{})
	ws.Members = append(ws.Members, Member{UserID: 2, HeadOf: []string{DeptSales}}, Member{UserID: 3})
	for id, want := range map[int64]bool{1: true, 2: true, 3: false, 4: false} {
		if err := ws.RequireLead(Person{UserID: id}); (err == nil) != want || err != nil && ErrorCode(err) != EFORBIDDEN {
			t.Errorf("user %d: %v, want allowed %v", id, err, want)
		}
	}
}
