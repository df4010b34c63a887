package main

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"
	"time"

	"trackbot/bot/telegramtest"
	"trackbot/domain"
	"trackbot/sheets"
)

// fullTemplate is the CSV template of ws for the 52 weeks up to last with
// every cell of every column filled with plausible numbers.
func fullTemplate(t *testing.T, ws *domain.Workspace, last domain.Week) []byte {
	t.Helper()
	var weeks []domain.Week
	for i := 51; i >= 0; i-- {
		weeks = append(weeks, last.Add(-i))
	}
	tmpl, err := sheets.Template(ws, domain.English, weeks, sheets.FormatCSV)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(tmpl, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	stage := map[string]int64{}
	for i, st := range ws.Stages {
		stage[st.Key] = 100_000 >> (2 * i) // each stage far below the one before
	}
	names := domain.NewFieldNames(ws)
	for r, row := range rows[1:] {
		for c := 2; c < len(row); c++ {
			f, prob := names.Parse(rows[0][c])
			if prob != nil {
				t.Fatalf("template column %q does not read", rows[0][c])
			}
			switch f.Kind {
			case domain.FieldCount:
				row[c] = strconv.FormatInt(stage[f.Stage]+int64(r%4), 10)
			case domain.FieldManager:
				row[c] = strconv.FormatInt(stage[f.Stage]/4, 10)
			case domain.FieldSpend:
				row[c] = strconv.Itoa(300_000 + r%9*1000)
			case domain.FieldRevenue:
				row[c] = strconv.Itoa(2_500_000 + r%9*10_000)
			case domain.FieldMargin:
				row[c] = "30%"
			case domain.FieldNonTarget, domain.FieldDropOff:
				row[c] = strconv.Itoa(1 + r%2)
			}
		}
	}
	var buf bytes.Buffer
	if err := csv.NewWriter(&buf).WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The done-when, through the real bot and the fake Bot API (which
// refuses what Telegram refuses): a fully filled template for 3 segments
// × 52 weeks under a long file name gives a valid preview with a confirm
// button and the details as a file, and confirming saves every figure.
func TestImport_FullYearOfEveryColumnThroughTelegram(t *testing.T) {
	h := newHarness(t)
	h.start()
	h.setUp()
	for _, seg := range []string{"Developers", "Retail"} {
		if r := h.say(leaders, ceo, "/segment add "+seg); !strings.Contains(r.Text, seg) {
			t.Fatalf("/segment add %s = %q", seg, r.Text)
		}
	}
	local := domain.NewWorkspace(leaders.ID, "x", domain.English, "Europe/Moscow", domain.Person{}, time.Now())
	local.Segments = append(local.Segments, domain.Segment{Key: "developers", Name: domain.Name{En: "Developers"}},
		domain.Segment{Key: "retail", Name: domain.Name{En: "Retail"}})
	moscow, _ := time.LoadLocation("Europe/Moscow")
	last := domain.WeekOf(time.Now().In(moscow)).Add(-1)
	file := fullTemplate(t, local, last)
	name := strings.Repeat("Воронка & продажи <итог> 2025–2026, все сегменты, ", 4) + "final.csv"

	upload := h.tg.SendDocument(leaders, ceo, name, file, "/import")
	var preview, details telegramtest.Message
	h.tg.WaitFor(t, 30*time.Second, "the preview with its buttons", func() bool {
		for _, m := range h.tg.Messages(leaders.ID) {
			switch {
			case !m.FromBot || m.ReplyToMessageID != upload:
			case m.Document != nil:
				details = m
			case len(m.ReplyMarkup) > 0:
				preview = m
			}
		}
		return preview.MessageID != 0
	})
	for _, want := range []string{"rows read: 156 — 3 segments × 52 weeks", "All clients: ", "Developers: ", "Retail: ", "(weeks: 52) — new: ", "Confirm"} {
		if !strings.Contains(preview.Text, want) {
			t.Errorf("the preview lacks %q:\n%s", want, preview.Text)
		}
	}
	if details.Document == nil || !strings.HasSuffix(details.Document.FileName, ".txt") || strings.Count(string(details.Document.Data), "\nWeek ") != 156 {
		t.Errorf("the details file is missing or not whole: %+v", details.Document)
	}
	card := h.confirmDraft(leaders, ceo, preview)
	if !strings.Contains(card.Text, "Saved: 3 segments × 52 weeks") {
		t.Errorf("the saved card = %q", card.Text)
	}
	for _, c := range h.tg.Calls() {
		if c.Status >= 400 {
			t.Errorf("Telegram refused a %s: %d", c.Method, c.Status)
		}
	}

	ws := h.workspace(leaders.ID) // stops the bot
	want, err := sheets.Read(ws, name, bytes.NewReader(file), time.Now(), sheets.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	var recs []domain.WeeklyRecord
	h.view(func(tx domain.Tx) error {
		var err error
		recs, err = tx.Records().Range(ws.ID, "", domain.Week{Year: 2000, Num: 1}, domain.Week{Year: 2100, Num: 1})
		return err
	})
	stored := map[string]domain.WeeklyRecord{}
	for _, r := range recs {
		stored[r.Segment+" "+r.Week.String()] = r
	}
	if len(recs) != 156 || len(want) != 156 {
		t.Fatalf("%d records stored from %d rows, want 156", len(recs), len(want))
	}
	for _, e := range want {
		d := domain.EntryDiff{Entry: e, Stored: domain.EntryFromRecord(stored[e.Segment+" "+e.Week.String()])}
		for _, f := range e.Fields() {
			if d.Status(f) != domain.FigureUnchanged {
				t.Fatalf("%s %s: %s was not stored as sent", e.Segment, e.Week, f.Key())
			}
		}
	}
}
