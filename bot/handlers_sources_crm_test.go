package bot

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"trackbot/domain"
)

// kommoToken is a long-lived token as Kommo issues them; it must never
// show anywhere but in the fake CRM's hands.
const kommoToken = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ0cmFja2JvdCIsImp0aSI6IjQyIn0.TOPSECRETsignature0123456789wxyz"

// crmWorkspace gives the workspace two segments a CRM's pipelines map to.
func (h *sourcesHarness) crmWorkspace() {
	h.changeWorkspace(leadership, func(ws *domain.Workspace) error {
		ws.Segments = []domain.Segment{
			{Key: "dealers", Name: domain.Name{En: "Dealers", Ru: "Дилеры"}, Focus: true},
			{Key: "retail", Name: domain.Name{En: "Retail", Ru: "Розница"}},
		}
		return nil
	})
	h.crm.catalog = domain.SourceCatalog{
		Segments: []domain.SourceItem{{ID: "101", Name: "Дилеры"}, {ID: "102", Name: "Тестовая воронка"}},
		Stages: []domain.SourceItem{
			{ID: "1", Name: "Новая заявка", Parent: "101"}, {ID: "2", Name: "Квалифицирован", Parent: "101"},
			{ID: "3", Name: "Встреча", Parent: "101"}, {ID: "142", Name: "Успешно реализовано", Parent: "101", Won: true},
			{ID: "143", Name: "Закрыто и не реализовано", Parent: "101", Lost: true},
		},
		Reasons:  []domain.SourceItem{{ID: "r1", Name: "Дорого"}},
		Managers: []domain.SourceItem{{ID: "u1", Name: "Иван Петров"}},
	}
	// Every mapped stage of every mapped pipeline counts the week's number.
	h.crm.weeks = func(m domain.SourceMapping, from, to domain.Week) []domain.Entry {
		var out []domain.Entry
		for w := from; !to.Before(w); w = w.Add(1) {
			for _, seg := range []string{"101", "102"} {
				key, ok := m.Segments[seg]
				if !ok {
					continue
				}
				e := domain.Entry{Segment: key, Week: w, Counts: map[string]int64{}}
				for id, stage := range m.Stages {
					e.Counts[stage] = int64(w.Num) * int64(len(id)+1)
				}
				out = append(out, e)
			}
		}
		return out
	}
}

func TestSource_NoSecretsKeyRefusesCRMs(t *testing.T) {
	h := newSourcesHarness(t, false)
	h.setUp(leadership)
	h.send(leadership, anna, "/source add kommo").contains("secrets key", "openssl rand -base64 32", "TRACKBOT_SECRETS_KEY")
	h.send(leadership, anna, "/source").contains("No sources yet")
}

func TestSource_ATokenInTheGroupIsRefusedAndDeleted(t *testing.T) {
	h := newSourcesHarness(t, true)
	h.setUp(leadership)
	m := h.message(leadership, anna, "/source add kommo acme.kommo.com "+kommoToken)
	out := h.handle(tgbotapi.Update{Message: m})
	out.contains("Never post a token", "make a new one")
	if d := out.ofKind(domain.DeleteMessage); len(d) != 1 || d[0].ChatID != leadership.ID || d[0].EditMessageID != m.MessageID {
		t.Errorf("delete jobs = %+v, want the message %d deleted", d, m.MessageID)
	}
	if strings.Contains(out.html(), "TOPSECRET") {
		t.Error("the refusal repeats the token")
	}
	h.send(leadership, anna, "/source").contains("No sources yet")
	// A token in a plain reply to the bot goes the same way.
	card := h.send(leadership, anna, "/source")
	r := h.replyTo(leadership, mark, card.id(), "https://acme.bitrix24.ru/rest/1/q2w3e4r5t6y7u8i9/")
	r.contains("Never post a token")
	if len(r.ofKind(domain.DeleteMessage)) != 1 {
		t.Errorf("the webhook in a reply was not deleted: %s", r)
	}
}

func TestSource_KommoSecretInPrivateMappingDryRunAndSync(t *testing.T) {
	h := newSourcesHarness(t, true)
	h.setUp(leadership)
	h.crmWorkspace()
	seen := []sent{}
	keep := func(s sent) sent { seen = append(seen, s); return s }

	ask := keep(h.send(leadership, anna, "/source add kommo"))
	ask.contains("I take it only in a private chat", "within 30 minutes")
	if !strings.Contains(ask.html(), `href="https://t.me/trackbot_test_bot?start=src"`) {
		t.Errorf("no deep link in %s", ask.html())
	}
	pm := privateChat(anna)
	keep(h.send(pm, anna, "/start src")).contains("long-lived token", "Keys and scopes")
	// Someone else's private message is not taken as anyone's secret.
	keep(h.send(privateChat(mark), mark, "acme.kommo.com "+kommoToken)).contains("not waiting for a token")

	m := h.message(pm, anna, "acme.kommo.com "+kommoToken)
	taken := keep(h.handle(tgbotapi.Update{Message: m}))
	taken.contains("Got it", "deleted your message", "…wxyz", "“kommo”")
	if d := taken.ofKind(domain.DeleteMessage); len(d) != 1 || d[0].ChatID != pm.ID || d[0].EditMessageID != m.MessageID {
		t.Errorf("the private message with the token was not deleted: %+v", d)
	}

	card := keep(h.sync()).to(leadership.ID)
	card.contains("Mapping of “kommo”", "Дилеры → Dealers", "Тестовая воронка → — (left out)", "Квалифицирован", "Успешно реализовано · Дилеры → Deals", "Дорого → Price", "Иван Петров → Иван Петров")
	if h.crm.secret != kommoToken || h.crm.base != "https://acme.kommo.com" {
		t.Errorf("the connector was opened with %q at %q", h.crm.secret, h.crm.base)
	}

	// Map the test pipeline to Retail and "Квалифицирован" to Qualified by buttons.
	page := keep(h.press(leadership, anna, card.id(), card.button("src:p:", "Pipelines")))
	pick := keep(h.press(leadership, anna, card.id(), page.button("src:i:", "Тестовая")))
	h.grant(leadership, mark, domain.RoleHead, domain.DeptMarketing)
	if a, _ := h.press(leadership, mark, card.id(), pick.button("src:s:", "Retail")).answer(); !strings.Contains(a, "Only a CEO") {
		t.Errorf("a head's press answered %q", a)
	}
	mapped := keep(h.press(leadership, anna, card.id(), pick.button("src:s:", "Retail")))
	back := keep(h.press(leadership, anna, card.id(), mapped.button("src:m:", "Back")))
	stages := keep(h.press(leadership, anna, card.id(), back.button("src:p:", "Stages")))
	pick = keep(h.press(leadership, anna, card.id(), stages.button("src:i:", "Квалифицирован")))
	keep(h.press(leadership, anna, card.id(), pick.button("src:s:", "Qualified")))
	src := h.source("kommo")
	if src.Mapping.Segments["102"] != "retail" || src.Mapping.Stages["2"] != "qualified" || src.Mapping.Stages["142"] != "deals" {
		t.Errorf("mapping after the buttons: %+v", src.Mapping)
	}
	// A card from before a new test is stale.
	h.send(leadership, anna, "/source test kommo")
	fresh := keep(h.sync()).to(leadership.ID)
	if a, _ := h.press(leadership, anna, card.id(), pick.button("src:s:", "Leads")).answer(); !strings.Contains(a, "out of date") {
		t.Errorf("a stale choice answered %q", a)
	}
	if h.source("kommo").Mapping.Stages["2"] != "qualified" {
		t.Error("a stale press changed the mapping")
	}

	keep(h.press(leadership, anna, fresh.id(), fresh.button("src:d:", "Dry run")))
	dry := keep(h.sync())
	dry.contains("Dry run of “kommo”", "Dealers", "Retail", "2026-W11")
	keep(h.press(leadership, anna, dry.id(), dry.button("src:on:", "Switch on")))
	keep(h.sync()).contains("“kommo” is on")
	w11 := domain.Week{Year: 2026, Num: 11}
	if got := h.crm.asked[len(h.crm.asked)-1]; got != [2]domain.Week{w11.Add(1 - domain.SourceFirstWeeks), w11} {
		t.Errorf("the first sync read %v, want the 12 weeks up to 2026-W11", got)
	}
	want := h.crm.weeks(h.source("kommo").Mapping, w11.Add(1-domain.SourceFirstWeeks), w11)
	if len(want) != 2*domain.SourceFirstWeeks {
		t.Fatalf("the fake gives %d entries, want both segments' 12 weeks", len(want))
	}
	found := 0
	recs := h.records(leadership)
	for _, e := range want {
		for _, r := range recs {
			if r.Segment == e.Segment && r.Week == e.Week {
				found++
				for st, n := range e.Counts {
					if r.Counts[st] != n {
						t.Errorf("%s %s %s = %d, want the CRM's %d", e.Segment, e.Week, st, r.Counts[st], n)
					}
				}
			}
		}
	}

	if found != len(want) {
		t.Errorf("%d of the CRM's %d weeks are stored", found, len(want))
	}

	// A sync that fails half-way saves nothing and tells the CEO privately.
	revs := len(h.revisions())
	h.crm.setFail(errors.New("kommo: GET /api/v4/events?page=3: 401 Unauthorized"))
	h.advance(18 * time.Hour)
	fail := keep(h.sync())
	fail.to(anna.ID).contains("“kommo” could not sync", "token was refused", "/source token", "Nothing was saved")
	if len(h.revisions()) != revs {
		t.Error("a failed sync made a revision")
	}

	// The token is nowhere: not in what the bot said, not in its log,
	// not in the database file, not in /export.
	keep(h.send(leadership, anna, "/source")).contains("kommo", "…wxyz")
	export := keep(h.send(leadership, anna, "/export"))
	for _, s := range seen {
		for _, j := range s.jobs {
			if strings.Contains(j.Text, "TOPSECRET") {
				t.Errorf("the bot said the token: %.200q", j.Text)
			}
			for _, f := range j.Files {
				if bytes.Contains(f.Data, []byte("TOPSECRET")) {
					t.Errorf("%s holds the token", f.Name)
				}
			}
		}
	}
	if len(export.ofKind(domain.SendDocument)) == 0 {
		t.Error("/export sent no file")
	}
	if strings.Contains(h.log.String(), "TOPSECRET") {
		t.Errorf("the log holds the token:\n%s", h.log.String())
	}
	if data, err := os.ReadFile(h.db.Path()); err != nil || bytes.Contains(data, []byte("TOPSECRET")) || bytes.Contains(data, []byte(kommoToken[:30])) {
		t.Errorf("the database file holds the token in clear (read error %v)", err)
	}
}
