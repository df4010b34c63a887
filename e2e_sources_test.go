package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"trackbot/bot/telegramtest"
	"trackbot/domain"
)

// publishedSheet is a Google Sheet published as CSV: twelve weeks of the
// default segment, served by an httptest file server as Google serves it.
func publishedSheet(t *testing.T, weeks []domain.Week) (link string, want map[domain.Week][4]int64) {
	t.Helper()
	want = map[domain.Week][4]int64{}
	var sb strings.Builder
	sb.WriteString("segment,week,leads,qualified,meetings,deals\n")
	for i, w := range weeks {
		leads := int64(150 + 17*i%40)
		row := [4]int64{leads, leads * 6 / 10, leads * 3 / 10, leads / 10}
		want[w] = row
		fmt.Fprintf(&sb, "All clients,%s,%d,%d,%d,%d\n", w, row[0], row[1], row[2], row[3])
	}
	body := sb.String()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("output") != "csv" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/spreadsheets/d/e/2PACX-1vTEST/pub?gid=0&single=true&output=csv", want
}

// waitBotText waits for a bot message in the chat whose text holds part.
func (h *harness) waitBotText(chat telegramtest.Chat, part string) telegramtest.Message {
	h.t.Helper()
	var got telegramtest.Message
	h.tg.WaitFor(h.t, 30*time.Second, "a message with "+part, func() bool {
		for _, m := range h.tg.Messages(chat.ID) {
			if m.FromBot && strings.Contains(m.Text, part) {
				got = m
				return true
			}
		}
		return false
	})
	return got
}

func TestSources_PublishedSheetSyncsTheSheetsWeeklyNumbers(t *testing.T) {
	h := newHarness(t)
	h.cfg.Sources.AllowPrivate = true // the file server is on loopback
	h.start()
	h.setUp()
	last := domain.WeekOf(time.Now().In(mustMoscow(t))).Add(-1)
	var weeks []domain.Week
	for i := 11; i >= 0; i-- {
		weeks = append(weeks, last.Add(-i))
	}
	link, want := publishedSheet(t, weeks)

	h.say(leaders, ceo, "/source add "+link+" weekly")
	dry := h.waitBotText(leaders, "Dry run of “weekly”")
	if !strings.Contains(dry.Text, last.String()) || len(dry.ReplyMarkup) == 0 {
		t.Fatalf("dry run: %q with %v", dry.Text, dry.ReplyMarkup)
	}
	h.tg.PressButton(leaders, ceo, dry.MessageID, dry.ReplyMarkup[0][0].CallbackData)
	on := h.waitBotText(leaders, "“weekly” is on")
	if !strings.Contains(on.Text, fmt.Sprintf("figures saved: %d", 4*len(weeks))) {
		t.Errorf("first sync: %q", on.Text)
	}
	h.waitIdle()

	ws := h.workspace(leaders.ID) // stops the bot
	h.view(func(tx domain.Tx) error {
		recs, err := tx.Records().Range(ws.ID, "main", weeks[0], last)
		if err != nil {
			return err
		}
		if len(recs) != len(weeks) {
			t.Errorf("%d weeks stored, want the sheet's %d", len(recs), len(weeks))
		}
		for _, r := range recs {
			w := want[r.Week]
			got := [4]int64{r.Counts["leads"], r.Counts["qualified"], r.Counts["meetings"], r.Counts["deals"]}
			if got != w {
				t.Errorf("%s = %v, want the sheet's %v", r.Week, got, w)
			}
		}
		revs, err := tx.Revisions().List(ws.ID)
		if err != nil || len(revs) != 1 || revs[0].Source != "source weekly" {
			t.Errorf("revisions %+v, %v: want one saved by the source", revs, err)
		}
		return nil
	})
}

func mustMoscow(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("Europe/Moscow")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// A token posted in the group is refused, and deleted where the bot may
// delete others' messages; it reaches no log line.
func TestSources_TokenInTheGroupIsRefusedAndDeletedWhereTheBotCan(t *testing.T) {
	const token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ0cmFja2JvdCJ9.LEAKEDsignature0123456789"
	h := newHarness(t)
	h.start()
	h.setUp()

	kept := h.tg.SendText(leaders, ceo, "/source add kommo acme.kommo.com "+token)
	h.waitBotText(leaders, "Never post a token")
	h.waitIdle()
	if _, ok := h.tg.Message(leaders.ID, kept); !ok {
		t.Error("a bot that is no admin deleted a member's message")
	}

	h.tg.SetChatMember(leaders.ID, h.tg.BotUser(), "administrator")
	gone := h.tg.SendText(leaders, ceo, "/source add kommo acme.kommo.com "+token)
	h.tg.WaitFor(t, 20*time.Second, "the message with the token deleted", func() bool {
		_, ok := h.tg.Message(leaders.ID, gone)
		return !ok
	})
	h.waitIdle()
	for _, m := range h.tg.Messages(leaders.ID) {
		if m.FromBot && strings.Contains(m.Text, "LEAKED") {
			t.Errorf("the bot repeated the token: %q", m.Text)
		}
	}
	if strings.Contains(h.log.String(), "level=ERROR") {
		t.Errorf("a delete the bot may not do was logged as an error:\n%s", h.log.String())
	}
	if strings.Contains(h.log.String(), "LEAKED") {
		t.Errorf("the log holds the token:\n%s", h.log.String())
	}
}
