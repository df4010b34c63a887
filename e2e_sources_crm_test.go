package main

import (
	"crypto/rand"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"trackbot/bot/telegramtest"
	"trackbot/domain"
	"trackbot/sources/kommotest"
)

// The whole way of a CRM source through the real wiring: the token given
// in a private chat, the mapping proposed in the group, a dry run, a first
// sync that fails half-way (401 on the third page of events) and saves
// nothing, then one that saves — and the bot's weekly numbers equal the
// counts the fake computes independently from its raw leads and events.
func TestSources_KommoWeeklyNumbersEqualTheIndependentCount(t *testing.T) {
	const token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ0cmFja2JvdCJ9.KOMMOsignature0123456789"
	loc := mustMoscow(t)
	now := time.Now().In(loc)
	thisMonday := domain.WeekOf(now).Monday(loc)
	from := thisMonday.AddDate(0, 0, -7*12)
	ds := kommotest.Generate(42, 2000, from, thisMonday)
	fake := kommotest.NewServer(ds, token)
	defer fake.Close()

	h := newHarness(t)
	h.cfg.Sources.AllowPrivate = true
	h.cfg.Sources.SecretsKey = make([]byte, 32)
	rand.Read(h.cfg.Sources.SecretsKey)
	h.seams.crmBaseURL = fake.URL
	h.start()
	h.setUp()
	for _, seg := range []string{"Dealers", "Retail"} {
		h.say(leaders, ceo, "/segment add "+seg)
	}

	if r := h.say(leaders, ceo, "/source add kommo"); !strings.Contains(r.Text, "private chat") {
		t.Fatalf("/source add kommo = %q", r.Text)
	}
	pm := telegramtest.Chat{ID: ceo.ID, Type: "private"}
	secret := h.tg.SendText(pm, ceo, "acme.kommo.com "+token)
	h.waitBotText(pm, "Got it")
	if _, ok := h.tg.Message(pm.ID, secret); ok {
		t.Error("the private message with the token is still there")
	}

	card := h.waitBotText(leaders, "Mapping of “kommo”")
	for _, want := range []string{"Dealers → Dealers", "Retail → Retail", "Qualified", "Price → Price"} {
		if !strings.Contains(card.Text, want) {
			t.Errorf("the proposed mapping lacks %q:\n%s", want, card.Text)
		}
	}
	h.tg.PressButton(leaders, ceo, card.MessageID, buttonData(t, card, "src:d:"))
	dry := h.waitBotText(leaders, "Dry run of “kommo”")

	// The first sync fails on the third page of events: nothing is saved.
	events := 0
	for _, r := range fake.Requests() {
		if r.Path == "/api/v4/events" {
			events++
		}
	}
	fake.Fail("/api/v4/events", events+3, http.StatusUnauthorized)
	h.tg.PressButton(leaders, ceo, dry.MessageID, buttonData(t, dry, "src:on:"))
	failed := h.waitBotText(leaders, "“kommo” could not sync")
	if !strings.Contains(failed.Text, "token was refused") || !strings.Contains(failed.Text, "Nothing was saved") {
		t.Errorf("the failure says %q", failed.Text)
	}
	h.waitIdle()
	h.tg.PressButton(leaders, ceo, dry.MessageID, buttonData(t, dry, "src:on:"))
	h.waitBotText(leaders, "“kommo” is on")
	h.waitIdle()
	for _, m := range h.tg.Messages(leaders.ID) {
		if strings.Contains(m.Text, "KOMMOsignature") {
			t.Errorf("the bot showed the token: %q", m.Text)
		}
	}
	if strings.Contains(h.log.String(), "KOMMOsignature") {
		t.Error("the log holds the token")
	}

	ws := h.workspace(leaders.ID) // stops the bot
	last := domain.WeekOf(thisMonday.AddDate(0, 0, -1))
	first := last.Add(1 - domain.SourceFirstWeeks)
	h.view(func(tx domain.Tx) error {
		list, err := tx.Sources().List(ws.ID)
		if err != nil || len(list) != 1 {
			return fmt.Errorf("sources %v: %w", list, err)
		}
		revs, err := tx.Revisions().List(ws.ID)
		if err != nil || len(revs) != 1 {
			t.Errorf("revisions: %d (%v), want the one sync that worked", len(revs), err)
		}
		want := ds.Expected(list[0].Mapping, first, last, loc)
		if len(want) == 0 {
			t.Fatal("the independent count is empty: nothing was mapped")
		}
		for _, e := range want {
			rec, ok, err := tx.Records().Get(ws.ID, e.Segment, e.Week)
			if err != nil || !ok {
				t.Errorf("%s %s not stored (%v)", e.Segment, e.Week, err)
				continue
			}
			compareCounts(t, e.Segment+" "+e.Week.String(), e.Counts, rec.Counts)
			for stage, reasons := range e.DropOffs {
				compareCounts(t, e.Segment+" "+e.Week.String()+" lost at "+stage, reasons, rec.DropOffs[stage])
			}
			for m, stages := range e.Managers {
				compareCounts(t, e.Segment+" "+e.Week.String()+" "+m, stages, rec.Managers[m])
			}
		}
		return nil
	})
}

// compareCounts fails on any figure of want that got does not hold.
func compareCounts(t *testing.T, what string, want, got map[string]int64) {
	t.Helper()
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%s %s = %d, want %d", what, k, got[k], n)
		}
	}
}

// buttonData is the data of the message's button whose data starts so.
func buttonData(t *testing.T, m telegramtest.Message, prefix string) string {
	t.Helper()
	for _, row := range m.ReplyMarkup {
		for _, b := range row {
			if strings.HasPrefix(b.CallbackData, prefix) {
				return b.CallbackData
			}
		}
	}
	t.Fatalf("no %s button on %q: %+v", prefix, m.Text, m.ReplyMarkup)
	return ""
}
