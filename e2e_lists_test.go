package main

import (
	"strings"
	"testing"
	"time"

	"trackbot/domain"
)

func TestSegments_CEOEditsListsAndRemovalKeepsHistory(t *testing.T) {
	h := newHarness(t)
	h.start()
	h.setUp()
	if r := h.say(leaders, ceo, "/segment add Dealers"); !strings.Contains(r.Text, "2. Dealers") {
		t.Fatalf("/segment add = %q", r.Text)
	}
	if r := h.say(leaders, ceo, "/segment rename All clients = Retail"); !strings.Contains(r.Text, "1. Retail") {
		t.Errorf("/segment rename = %q", r.Text)
	}
	if r := h.say(leaders, ceo, "/segment focus Dealers"); !strings.Contains(r.Text, "Dealers ★ focus") {
		t.Errorf("/segment focus = %q", r.Text)
	}
	if r := h.say(leaders, marketer, "/segment add Developers"); !strings.Contains(r.Text, "Only a CEO") {
		t.Errorf("a member editing segments got %q", r.Text)
	}
	if r := h.say(leaders, ceo, "/stage add Tenders after Meetings"); !strings.Contains(r.Text, "6. Tenders — Sales") {
		t.Errorf("/stage add = %q", r.Text)
	}
	if r := h.say(leaders, ceo, "/stage remove Leads"); !strings.Contains(r.Text, "CPL") {
		t.Errorf("removing the leads stage = %q", r.Text)
	}
	// Retail has numbers: removing it asks first and archives it.
	h.confirmDraft(leaders, ceo, h.say(leaders, ceo, "/log retail w45 leads=50"))
	ask := h.say(leaders, ceo, "/segment remove Retail")
	if len(ask.ReplyMarkup) == 0 || !strings.Contains(ask.Text, "keep its history") {
		t.Fatalf("removing a segment with numbers = %q", ask.Text)
	}
	h.tg.PressButton(leaders, ceo, ask.MessageID, ask.ReplyMarkup[0][0].CallbackData)
	h.tg.WaitFor(t, 10*time.Second, "the archive confirmation", func() bool {
		m, _ := h.tg.Message(leaders.ID, ask.MessageID)
		return strings.Contains(m.Text, "Retail removed from the lists; its history is kept")
	})
	ws := h.workspace(leaders.ID)
	if _, ok := ws.Find(domain.ListSegments, "Retail"); ok {
		t.Error("the removed segment is still active")
	}
	var recs []domain.WeeklyRecord
	h.view(func(tx domain.Tx) error {
		var err error
		recs, err = tx.Records().Range(ws.ID, "main", domain.Week{Year: 2000, Num: 1}, domain.Week{Year: 2100, Num: 1})
		return err
	})
	if len(recs) != 1 || recs[0].Counts["leads"] != 50 {
		t.Errorf("the archived segment's history = %+v", recs)
	}
}
