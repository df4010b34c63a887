package main

import (
	"strings"
	"testing"
	"time"

	"trackbot/bot/telegramtest"
	"trackbot/domain"
	"trackbot/sheets"
)

// confirmDraft presses the Confirm button of a preview and waits for the
// card to say the numbers were saved.
func (h *harness) confirmDraft(chat telegramtest.Chat, who telegramtest.User, preview telegramtest.Message) telegramtest.Message {
	h.t.Helper()
	if len(preview.ReplyMarkup) == 0 {
		h.t.Fatalf("preview has no buttons: %q", preview.Text)
	}
	h.tg.PressButton(chat, who, preview.MessageID, preview.ReplyMarkup[0][0].CallbackData)
	var card telegramtest.Message
	h.tg.WaitFor(h.t, 20*time.Second, "the preview to turn into a saved card", func() bool {
		card, _ = h.tg.Message(chat.ID, preview.MessageID)
		return strings.Contains(card.Text, "Saved")
	})
	return card
}

// makeHead gives the user a department by a CEO's reply.
func (h *harness) makeHead(u telegramtest.User, dept string) {
	h.t.Helper()
	hi := h.tg.SendText(leaders, u, "hi")
	r := h.replyTo(leaders, h.tg.ReplyText(leaders, ceo, hi, "/head "+dept))
	if !strings.Contains(r.Text, "now heads") {
		h.t.Fatalf("/head %s = %q", dept, r.Text)
	}
}

func TestLog_HeadReportsConfirmsAndFunnelShowsIt(t *testing.T) {
	h := newHarness(t)
	h.start()
	h.setUp()
	h.makeHead(marketer, "marketing")
	h.makeHead(seller, "sales")

	preview := h.say(leaders, marketer, "/log last week leads=120 qualified=80 spend=350 000 nontarget.no_budget=12")
	for _, want := range []string{"Leads", "120", "Qualified", "80", "350", "No budget", "12"} {
		if !strings.Contains(preview.Text, want) {
			t.Errorf("preview lacks %q:\n%s", want, preview.Text)
		}
	}
	// Nothing is stored before the confirmation: a sales head cannot confirm it.
	q := h.tg.PressButton(leaders, seller, preview.MessageID, preview.ReplyMarkup[0][0].CallbackData)
	h.tg.WaitFor(t, 10*time.Second, "the foreign press answered", func() bool { return h.tg.CallbackAnswers()[q].Answered })
	if a := h.tg.CallbackAnswers()[q]; !strings.Contains(a.Text, "Only the person") {
		t.Errorf("a stranger's confirm was answered %q", a.Text)
	}
	h.confirmDraft(leaders, marketer, preview)

	// A sales head may not enter marketing's stages.
	refused := h.say(leaders, seller, "/log last week leads=5")
	if !strings.Contains(refused.Text, "Leads") || len(refused.ReplyMarkup) != 0 {
		t.Errorf("a sales head logging leads got %q with buttons %v", refused.Text, refused.ReplyMarkup)
	}
	// The sales head reports their own stages into the same week.
	h.confirmDraft(leaders, seller, h.say(leaders, seller, "/log прошлая неделя встречи=40 сделки=8 оплаты=6 выручка=1,2 млн"))

	h.tg.SendText(leaders, ceo, "/funnel")
	msgs := h.tg.WaitForMessages(t, leaders.ID, len(h.tg.Messages(leaders.ID))+2, 20*time.Second)
	var photo, table telegramtest.Message
	for _, m := range msgs {
		if len(m.Photos) > 0 && strings.Contains(m.Caption, "Funnel") {
			photo = m
		}
		if strings.Contains(m.Text, "Stage") && strings.Contains(m.Text, "Count") {
			table = m
		}
	}
	if len(photo.Photos) == 0 || photo.Photos[0].Width < 600 {
		t.Errorf("no funnel picture: %+v", photo)
	}
	shown := strings.ReplaceAll(table.Text, "\u00a0", " ")
	for _, want := range []string{"120", "80", "67%", "40", "CPL: 2 917 ₽", "Avg check: 200 000 ₽", "Non-target: 10%"} {
		if !strings.Contains(shown, want) {
			t.Errorf("/funnel table lacks %q:\n%s", want, table.Text)
		}
	}
	// A week written out picks that week.
	moscow, _ := time.LoadLocation("Europe/Moscow")
	lastWeek := domain.WeekOf(time.Now().In(moscow)).Add(-1).String()
	before := len(h.tg.Messages(leaders.ID))
	h.tg.SendText(leaders, ceo, "/funnel all clients "+lastWeek)
	got := h.tg.WaitForMessages(t, leaders.ID, before+2, 20*time.Second)
	if last := got[len(got)-1]; !strings.Contains(last.Text, "All clients · "+lastWeek) {
		t.Errorf("/funnel with a week = %q", last.Text)
	}
	var rec domain.WeeklyRecord
	wsID := h.workspace(leaders.ID).ID
	h.view(func(tx domain.Tx) error {
		recs, err := tx.Records().Range(wsID, "", domain.Week{Year: 2000, Num: 1}, domain.Week{Year: 2100, Num: 1})
		if len(recs) == 1 {
			rec = recs[0]
		}
		return err
	})
	if rec.Counts["leads"] != 120 || rec.Counts["paid"] != 6 || rec.Spend != 35000000 || rec.Revenue != 120000000 {
		t.Errorf("stored record = %+v", rec)
	}
}

func TestLog_BadInputExplainsAndSavesNothing(t *testing.T) {
	h := newHarness(t)
	h.start()
	h.setUp()
	reply := h.say(leaders, ceo, "/log leeds=12 qualified=abc")
	for _, want := range []string{"leeds", "abc"} {
		if !strings.Contains(reply.Text, want) {
			t.Errorf("error reply lacks %q:\n%s", want, reply.Text)
		}
	}
	if len(reply.ReplyMarkup) != 0 {
		t.Error("a bad /log offered to confirm")
	}
	empty := h.say(leaders, ceo, "/log")
	if !strings.Contains(empty.Text, "/log") {
		t.Errorf("/log without numbers = %q, want an example", empty.Text)
	}
}

// fileWorkspace is the workspace shape the test files are written for.
func fileRecords() []domain.WeeklyRecord {
	return []domain.WeeklyRecord{
		{Segment: "main", Week: domain.Week{Year: 2026, Num: 46}, Counts: map[string]int64{"leads": 200, "qualified": 150, "meetings": 60}, Spend: 50000000},
		{Segment: "main", Week: domain.Week{Year: 2026, Num: 47}, Counts: map[string]int64{"leads": 100, "qualified": 70, "meetings": 30}, Spend: 40000000},
	}
}

func TestImport_CSVAndXLSXRoundTripThroughFunnelAndExport(t *testing.T) {
	for _, format := range []string{sheets.FormatCSV, sheets.FormatXLSX} {
		t.Run(format, func(t *testing.T) {
			h := newHarness(t)
			h.start()
			h.setUp()
			ws := domain.NewWorkspace(leaders.ID, "x", domain.English, "Europe/Moscow", domain.Person{}, time.Now())
			file, err := sheets.Export(ws, domain.English, fileRecords(), format)
			if err != nil {
				t.Fatal(err)
			}
			upload := h.tg.SendDocument(leaders, ceo, "numbers."+format, file, "/import")
			preview := h.replyTo(leaders, upload)
			if !strings.Contains(preview.Text, "rows read: 2") {
				t.Fatalf("import preview = %q", preview.Text)
			}
			h.confirmDraft(leaders, ceo, preview)

			before := len(h.tg.Messages(leaders.ID))
			h.tg.SendText(leaders, ceo, "/export")
			msgs := h.tg.WaitForMessages(t, leaders.ID, before+2, 20*time.Second)
			var exported []byte
			for _, m := range msgs {
				if m.Document != nil && strings.HasSuffix(m.Document.FileName, "."+format) {
					exported = m.Document.Data
				}
			}
			if exported == nil {
				t.Fatal("no export of the same format")
			}
			// The export reads back to the same numbers.
			entries, err := sheets.Read(ws, "export."+format, strings.NewReader(string(exported)), time.Now(), sheets.DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			got := map[domain.Week]int64{}
			for _, e := range entries {
				got[e.Week] = e.Counts["leads"]*1000 + e.Counts["meetings"]
			}
			if got[domain.Week{Year: 2026, Num: 46}] != 200060 || got[domain.Week{Year: 2026, Num: 47}] != 100030 {
				t.Errorf("exported leads/meetings = %v", got)
			}
		})
	}
}

func TestImport_OneBadCellStoresNothingAndNamesTheCell(t *testing.T) {
	h := newHarness(t)
	h.start()
	h.setUp()
	csv := "segment,week,leads,qualified\nAll clients,2026-W46,200,150\nAll clients,2026-W47,1O0,70\n"
	reply := h.replyTo(leaders, h.tg.SendDocument(leaders, ceo, "numbers.csv", []byte(csv), "/import"))
	for _, want := range []string{"Row 3", "column C", "1O0"} {
		if !strings.Contains(reply.Text, want) {
			t.Errorf("reply lacks %q:\n%s", want, reply.Text)
		}
	}
	if len(reply.ReplyMarkup) != 0 {
		t.Error("a file with a bad cell offered to confirm")
	}
	notes := h.replyTo(leaders, h.tg.SendDocument(leaders, ceo, "notes.txt", []byte("hello"), "/import"))
	if !strings.Contains(notes.Text, "notes.txt is not a CSV or XLSX file") {
		t.Errorf("a text file got %q", notes.Text)
	}
	// A file sent as a reply to the bot's prompt is an import too; left
	// unconfirmed, it stores nothing either.
	prompt := h.say(leaders, ceo, "/import")
	good := "segment,week,leads\nAll clients,2026-W46,10\n"
	if r := h.replyTo(leaders, h.tg.ReplyDocument(leaders, ceo, prompt.MessageID, "good.csv", []byte(good))); !strings.Contains(r.Text, "good.csv: rows read: 1") {
		t.Errorf("a file replying to the prompt got %q", r.Text)
	}
	wsID := h.workspace(leaders.ID).ID
	h.view(func(tx domain.Tx) error {
		recs, err := tx.Records().Range(wsID, "", domain.Week{Year: 2000, Num: 1}, domain.Week{Year: 2100, Num: 1})
		if len(recs) != 0 {
			t.Errorf("a refused file stored %d records", len(recs))
		}
		return err
	})
}

// The plausibility check, save anyway, undo and history through the fake
// Bot API in a Russian workspace.
func TestLog_ImplausibleSavedAnywayThenUndoneAndInHistory(t *testing.T) {
	h := newHarness(t)
	h.tg.SetChatMember(leaders.ID, seller, "administrator")
	h.start()
	if r := h.say(leaders, seller, "/setup"); !strings.Contains(r.Text, "настроен") {
		t.Fatalf("/setup = %q", r.Text)
	}
	if r := h.say(leaders, seller, "/segment add Дилеры"); !strings.Contains(r.Text, "Дилеры") {
		t.Fatalf("/segment add = %q", r.Text)
	}
	h.confirmRu(h.say(leaders, seller, "/log дилеры н48 целевые=45"))

	warned := h.say(leaders, seller, "/log дилеры н48 встречи=50")
	if !strings.Contains(warned.Text, "конверсия выше 100%") || len(warned.ReplyMarkup) == 0 ||
		!strings.Contains(warned.ReplyMarkup[0][0].Text, "Всё равно сохранить") {
		t.Fatalf("warned preview = %q with buttons %+v", warned.Text, warned.ReplyMarkup)
	}
	card := h.confirmRu(warned)
	if !strings.Contains(card.Text, "несмотря на предупреждения") {
		t.Errorf("saved anyway card = %q", card.Text)
	}
	if r := h.say(leaders, seller, "/undo"); !strings.Contains(r.Text, "Встречи 50 → —") {
		t.Errorf("/undo = %q", r.Text)
	}
	hist := h.say(leaders, seller, "/history дилеры н48")
	for _, want := range []string{"№3", "отменил(а) №2", "№2", "сохранено несмотря на: этап больше предыдущего", "Встречи — → 50", "№1"} {
		if !strings.Contains(hist.Text, want) {
			t.Errorf("/history lacks %q:\n%s", want, hist.Text)
		}
	}
	h.view(func(tx domain.Tx) error {
		ws, err := tx.Workspaces().ByChat(leaders.ID)
		if err != nil {
			return err
		}
		recs, err := tx.Records().Range(ws.ID, "", domain.Week{Year: 2000, Num: 1}, domain.Week{Year: 2100, Num: 1})
		if len(recs) != 1 || recs[0].Counts["qualified"] != 45 || len(recs[0].Counts) != 1 {
			t.Errorf("records after the undo: %+v, want qualified 45 alone", recs)
		}
		return err
	})
}

// confirmRu presses a Russian preview's first button (Подтвердить or Всё
// равно сохранить) and waits for the saved card.
func (h *harness) confirmRu(preview telegramtest.Message) telegramtest.Message {
	h.t.Helper()
	if len(preview.ReplyMarkup) == 0 {
		h.t.Fatalf("preview has no buttons: %q", preview.Text)
	}
	h.tg.PressButton(leaders, seller, preview.MessageID, preview.ReplyMarkup[0][0].CallbackData)
	var card telegramtest.Message
	h.tg.WaitFor(h.t, 20*time.Second, "the preview to turn into a saved card", func() bool {
		card, _ = h.tg.Message(leaders.ID, preview.MessageID)
		return strings.Contains(card.Text, "Сохранено")
	})
	return card
}
