package bot

import (
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"trackbot/domain"
)

// pressContext is a context for a button press in a group, as the router
// hands it to a handler.
func pressContext() *Context {
	chat := &tgbotapi.Chat{ID: -100, Type: "supergroup"}
	return &Context{Chat: chat, Message: &tgbotapi.Message{MessageID: 7, Chat: chat},
		Lang: domain.English, callbackID: "press", now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
}

// answers returns the press answers among the context's jobs.
func answers(c *Context) []*domain.OutboxJob {
	var out []*domain.OutboxJob
	for _, j := range c.out {
		if j.Kind == domain.AnswerCallback {
			out = append(out, j)
		}
	}
	return out
}

func TestRefuse_KeepsQueuedRefreshAndAlertsUnlessStale(t *testing.T) {
	for _, tc := range []struct {
		name      string
		err       error
		wantAlert bool
	}{
		{"forbidden is an alert", domain.Errorf(domain.EFORBIDDEN, "error.ceo_only"), true},
		{"conflict is an alert", domain.Errorf(domain.ECONFLICT, "log.expired"), true},
		{"a stale button is a notice", domain.Errorf(domain.ESTALE, "button.stale"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := pressContext()
			c.Edit(7, "the card as it is now")
			c.Change(func(domain.Tx) error { return nil })
			if err := c.Refuse(tc.err); err != nil {
				t.Fatalf("Refuse returned %v", err)
			}
			if len(c.out) != 2 || c.out[0].Kind != domain.EditText || len(c.changes) != 1 {
				t.Fatalf("Refuse dropped what was queued: %d jobs, %d changes", len(c.out), len(c.changes))
			}
			a := answers(c)
			if len(a) != 1 || a[0].Text != domain.UserMessage(domain.English, tc.err) || a[0].ShowAlert != tc.wantAlert {
				t.Errorf("answers = %+v, want %q with alert %v", a, domain.UserMessage(domain.English, tc.err), tc.wantAlert)
			}
		})
	}
}

func TestRefuse_InternalErrorIsReturnedNotShown(t *testing.T) {
	c := pressContext()
	boom := errors.New("disk on fire")
	if err := c.Refuse(boom); err != boom {
		t.Errorf("Refuse(internal) = %v, want the error back", err)
	}
	if len(c.out) != 0 {
		t.Errorf("an internal error was shown: %+v", c.out)
	}
}

func TestMessageRefusal_RepliesEscaped(t *testing.T) {
	c := pressContext()
	c.callbackID = ""
	if err := c.Refuse(domain.Errorf(domain.ENOTFOUND, "hyp.no_number", "H-<9>")); err != nil {
		t.Fatal(err)
	}
	if len(c.out) != 1 || c.out[0].Kind != domain.SendText || c.out[0].ReplyTo != 7 {
		t.Fatalf("jobs = %+v, want one reply to the message", c.out)
	}
	if want := escape(domain.Text(domain.English, "hyp.no_number", "H-<9>")); c.out[0].Text != want {
		t.Errorf("reply = %q, want %q", c.out[0].Text, want)
	}
}

func TestAnswer_EmptyDefaultGivesWayToAUseCasesAnswer(t *testing.T) {
	c := pressContext()
	c.Answer("", false) // the router's default after the handler returned
	c.Answer("H-1 → done", false)
	c.Answer("a second answer", true)
	a := answers(c)
	if len(a) != 1 || a[0].Text != "H-1 → done" || a[0].ShowAlert {
		t.Errorf("answers = %+v, want exactly one: the first with text", a)
	}
}

func TestReplyError_DropsEverythingButStillAnswersThePress(t *testing.T) {
	b := &Bot{log: slog.New(slog.NewTextHandler(io.Discard, nil)), red: newRedactor("")}
	c := pressContext()
	c.Edit(7, "saved")
	c.Answer("Saved.", false)
	c.Change(func(domain.Tx) error { return nil })
	err := domain.Errorf(domain.EFORBIDDEN, "log.not_yours")
	b.replyError(c, err)
	if len(c.changes) != 0 {
		t.Errorf("changes kept: %d", len(c.changes))
	}
	a := answers(c)
	if len(c.out) != 1 || len(a) != 1 || a[0].Text != domain.UserMessage(domain.English, err) || !a[0].ShowAlert {
		t.Errorf("jobs = %+v, want only the error as an alert", c.out)
	}
}
