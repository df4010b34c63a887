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
	"trackbot/sources"
	"trackbot/sources/bitrix24test"
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
	h.seams.crm = sources.Options{BaseURL: fake.URL, Rate: -1}
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
	h.tg.PressButton(leaders, ceo, card.MessageID, mustButtonData(t, card, "src:d:"))
	dry := h.waitBotText(leaders, "Dry run of “kommo”")

	// The first sync fails on the third page of events: nothing is saved.
	events := 0
	for _, r := range fake.Requests() {
		if r.Path == "/api/v4/events" {
			events++
		}
	}
	fake.Fail("/api/v4/events", events+3, http.StatusUnauthorized)
	h.tg.PressButton(leaders, ceo, dry.MessageID, mustButtonData(t, dry, "src:on:"))
	failed := h.waitBotText(leaders, "“kommo” could not sync")
	if !strings.Contains(failed.Text, "token was refused") || !strings.Contains(failed.Text, "Nothing was saved") {
		t.Errorf("the failure says %q", failed.Text)
	}
	h.waitIdle()
	h.tg.PressButton(leaders, ceo, dry.MessageID, mustButtonData(t, dry, "src:on:"))
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
func mustButtonData(t *testing.T, m telegramtest.Message, prefix string) string {
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

// The same through a Bitrix24 portal's inbound webhook, with one stage
// mapped by buttons in the group.
func TestSources_Bitrix24WeeklyNumbersEqualTheIndependentCount(t *testing.T) {
	const hook = "q2w3e4r5t6y7u8i9o0p1"
	loc := mustMoscow(t)
	thisMonday := domain.WeekOf(time.Now().In(loc)).Monday(loc)
	ds := bitrix24test.Generate(7, 2000, thisMonday.AddDate(0, 0, -7*12), thisMonday, loc)
	fake := bitrix24test.NewServer(ds, hook)
	defer fake.Close()

	h := newHarness(t)
	h.cfg.Sources.AllowPrivate = true
	h.cfg.Sources.SecretsKey = make([]byte, 32)
	rand.Read(h.cfg.Sources.SecretsKey)
	h.seams.crm = sources.Options{BaseURL: fake.URL, Rate: -1}
	h.start()
	h.setUp()
	for _, seg := range []string{"Dealers", "Retail"} {
		h.say(leaders, ceo, "/segment add "+seg)
	}
	h.say(leaders, ceo, "/source add bitrix24")
	pm := telegramtest.Chat{ID: ceo.ID, Type: "private"}
	h.tg.SendText(pm, ceo, "https://acme.bitrix24.ru/rest/1/"+hook+"/")
	h.waitBotText(pm, "Got it")

	card := h.waitBotText(leaders, "Mapping of “bitrix24”")
	h.tg.PressButton(leaders, ceo, card.MessageID, mustButtonData(t, card, "src:p:"+sourceID(card)+":1:st:"))
	page := h.waitEdit(card.MessageID, "Press what to change")
	h.tg.PressButton(leaders, ceo, card.MessageID, buttonWithText(t, page, "New · Dealers"))
	pick := h.waitEdit(card.MessageID, "What is “New · Dealers”")
	h.tg.PressButton(leaders, ceo, card.MessageID, buttonWithText(t, pick, "Leads"))
	h.tg.WaitFor(t, 20*time.Second, "the page to show the new match", func() bool {
		m, _ := h.tg.Message(leaders.ID, card.MessageID)
		for _, row := range m.ReplyMarkup {
			for _, b := range row {
				if strings.HasPrefix(b.Text, "New · Dealers → Leads") {
					return true
				}
			}
		}
		return false
	})

	// Back on the mapping card, whose buttons are the live ones now.
	shown, _ := h.tg.Message(leaders.ID, card.MessageID)
	h.tg.PressButton(leaders, ceo, card.MessageID, mustButtonData(t, shown, "src:m:"))
	var mapping telegramtest.Message
	h.tg.WaitFor(t, 20*time.Second, "the mapping card with its Dry run button", func() bool {
		mapping, _ = h.tg.Message(leaders.ID, card.MessageID)
		for _, row := range mapping.ReplyMarkup {
			for _, b := range row {
				if strings.HasPrefix(b.CallbackData, "src:d:") {
					return true
				}
			}
		}
		return false
	})
	h.tg.PressButton(leaders, ceo, card.MessageID, mustButtonData(t, mapping, "src:d:"))
	dry := h.waitBotText(leaders, "Dry run of “bitrix24”")
	h.tg.PressButton(leaders, ceo, dry.MessageID, mustButtonData(t, dry, "src:on:"))
	h.waitBotText(leaders, "“bitrix24” is on")
	h.waitIdle()
	for _, m := range h.tg.Messages(leaders.ID) {
		if strings.Contains(m.Text, hook) {
			t.Errorf("the bot showed the webhook: %q", m.Text)
		}
	}

	ws := h.workspace(leaders.ID) // stops the bot
	last := domain.WeekOf(thisMonday.AddDate(0, 0, -1))
	h.view(func(tx domain.Tx) error {
		list, err := tx.Sources().List(ws.ID)
		if err != nil || len(list) != 1 {
			return fmt.Errorf("sources %v: %w", list, err)
		}
		if !slicesContainsValue(list[0].Mapping.Stages, "leads") {
			t.Errorf("the button did not map a stage to leads: %+v", list[0].Mapping.Stages)
		}
		want := ds.Expected(list[0].Mapping, last.Add(1-domain.SourceFirstWeeks), last, loc)
		if len(want) != 2*domain.SourceFirstWeeks {
			t.Errorf("the independent count has %d entries, want both segments' 12 weeks", len(want))
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

// sourceID is the source id in a mapping card's buttons.
func sourceID(card telegramtest.Message) string {
	for _, row := range card.ReplyMarkup {
		for _, b := range row {
			if parts := strings.Split(b.CallbackData, ":"); len(parts) > 2 && parts[0] == "src" {
				return parts[2]
			}
		}
	}
	return ""
}

// waitEdit waits until the bot's message shows text holding part.
func (h *harness) waitEdit(id int, part string) telegramtest.Message {
	h.t.Helper()
	var m telegramtest.Message
	h.tg.WaitFor(h.t, 20*time.Second, "the card to show "+part, func() bool {
		m, _ = h.tg.Message(leaders.ID, id)
		return strings.Contains(m.Text, part)
	})
	return m
}

// buttonWithText is the data of the message's button whose label starts so.
func buttonWithText(t *testing.T, m telegramtest.Message, label string) string {
	t.Helper()
	for _, row := range m.ReplyMarkup {
		for _, b := range row {
			if strings.HasPrefix(b.Text, label) {
				return b.CallbackData
			}
		}
	}
	t.Fatalf("no button %q on %q", label, m.Text)
	return ""
}

func slicesContainsValue(m map[string]string, v string) bool {
	for _, x := range m {
		if x == v {
			return true
		}
	}
	return false
}
