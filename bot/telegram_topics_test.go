package bot

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"testing"

	"trackbot/bot/telegramtest"
	"trackbot/domain"
)

// Every kind of new message goes to its topic through the raw calls, and
// to General when the topic is gone; edits and answers need no topic.
func TestTransmit_EveryKindReachesItsTopic(t *testing.T) {
	t.Parallel()
	srv := telegramtest.New(t)
	forum := telegramtest.Chat{ID: -1009000000001, Type: "supergroup", Title: "Forum"}
	srv.AddForumTopic(forum, 555, "Numbers")
	asked := srv.SendTextInTopic(forum, 555, telegramtest.User{ID: 7, FirstName: "A"}, "/funnel")
	tg, err := newTelegram(context.Background(), context.Background(), srv.URL(), srv.Token(), newRedactor(srv.Token()))
	if err != nil {
		t.Fatal(err)
	}
	png := testPNG(t)
	jobs := []*domain.OutboxJob{
		{Kind: domain.SendText, Text: "<b>Funnel</b>", ReplyTo: asked, Keyboard: [][]domain.Button{{{Text: "Yes", Data: "lg:1:y"}}}},
		{Kind: domain.SendPhoto, Files: []domain.Attachment{{Name: "f.png", Data: png, Caption: "<b>Dealers</b>"}}},
		{Kind: domain.SendDocument, Files: []domain.Attachment{{Name: "t.csv", Data: []byte("a,b\n1,2\n"), Caption: "table"}}},
		{Kind: domain.SendMediaGroup, Files: []domain.Attachment{{Name: "a.png", Data: png, Caption: "a"}, {Name: "b.png", Data: png}}},
		{Kind: domain.ChatAction, Action: "upload_photo"},
	}
	for _, j := range jobs {
		j.ChatID, j.ThreadID = forum.ID, 555
		if _, err := tg.transmit(j); err != nil {
			t.Fatalf("%s: %v", j.Kind, err)
		}
	}
	for _, c := range srv.Calls() {
		if c.Method != "getMe" && c.Params["message_thread_id"] != "555" {
			t.Errorf("%s was called without the topic: %v", c.Method, c.Params)
		}
	}
	got := srv.TopicMessages(forum.ID, 555)
	if len(got) != 5 || got[0].ReplyToMessageID != asked || got[0].Text != "Funnel" || got[0].ReplyMarkup[0][0].CallbackData != "lg:1:y" ||
		got[1].Caption != "Dealers" || len(got[1].Photos) != 1 || got[2].Document == nil || got[3].MediaGroupID == "" {
		t.Fatalf("topic 555 shows %+v", got)
	}
	edit := &domain.OutboxJob{Kind: domain.EditText, ChatID: forum.ID, ThreadID: 555, EditMessageID: got[0].MessageID, Text: "edited"}
	if _, err := tg.transmit(edit); err != nil {
		t.Fatalf("edit: %v", err)
	}

	// The topic is deleted: the post goes to General rather than nowhere.
	srv.DeleteForumTopic(forum.ID, 555)
	ids, err := tg.transmit(&domain.OutboxJob{Kind: domain.SendText, ChatID: forum.ID, ThreadID: 555, ReplyTo: asked, Text: "snapshot"})
	if err != nil || len(ids) != 1 {
		t.Fatalf("to a deleted topic: %v %v", ids, err)
	}
	if g := srv.TopicMessages(forum.ID, 0); len(g) != 1 || g[0].Text != "snapshot" {
		t.Errorf("General shows %+v, want the snapshot", g)
	}
}

// testPNG is a small real picture.
func testPNG(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 64, 32))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
