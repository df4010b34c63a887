package bot

import (
	"testing"

	"trackbot/bot/telegramtest"
	"trackbot/domain"
)

// checkTelegramRules fails the test when Telegram would refuse the job:
// the same HTML, length and button rules the fake Bot API applies, so a
// handler test catches an invalid message without going through HTTP.
// The handler harness runs it on every job it reads from the outbox.
func checkTelegramRules(t testing.TB, j *domain.OutboxJob) {
	t.Helper()
	fail := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Errorf("Telegram would refuse the %s of a %s job: %v\n%.300q", what, j.Kind, err, j.Text)
		}
	}
	switch j.Kind {
	case domain.SendText, domain.EditText:
		fail("text", telegramtest.CheckText(j.Text))
	case domain.SendPhoto, domain.SendDocument:
		if len(j.Files) != 1 {
			t.Errorf("a %s job carries %d files, want one", j.Kind, len(j.Files))
		}
	case domain.SendMediaGroup:
		fail("size", telegramtest.CheckMediaGroup(len(j.Files)))
	case domain.AnswerCallback:
		fail("answer", telegramtest.CheckAnswer(j.Text))
	}
	for _, f := range j.Files {
		fail("caption", telegramtest.CheckCaption(f.Caption))
	}
	for _, row := range j.Keyboard {
		for _, b := range row {
			fail("button "+b.Text, telegramtest.CheckButton(b.Text, b.Data))
		}
	}
}
