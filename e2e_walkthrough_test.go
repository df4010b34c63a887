//go:build walkthrough

// A scripted session in both languages that writes every message the chats
// show to a transcript, for reading the product as its users do:
//
//	go test -tags walkthrough -run Walkthrough -timeout 40m .

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"trackbot/bot/telegramtest"
)

// walkOut is where transcripts and pictures go: $WALKTHROUGH_OUT, or
// ./walkthrough-out (ignored by git).
func walkOut() string {
	dir := os.Getenv("WALKTHROUGH_OUT")
	if dir == "" {
		dir = "walkthrough-out"
	}
	os.MkdirAll(dir, 0o755)
	return dir
}

// walker plays a session and writes what the chats show to a transcript.
type walker struct {
	t     *testing.T
	h     *harness
	lang  string
	chats []telegramtest.Chat
	seen  map[string]string
	out   strings.Builder
	shots int
	quick bool
}

func (w *walker) sig() string {
	var sb strings.Builder
	for _, c := range w.chats {
		for _, m := range w.h.tg.ChatHistory(c.ID) {
			fmt.Fprintf(&sb, "%d/%d/%d/%d;", m.MessageID, m.EditCount, len(m.Text), len(m.ReplyMarkup))
		}
	}
	return sb.String()
}

// waitChange waits up to d for the chats to differ from before, then
// settles.
func (w *walker) waitChange(before string, d time.Duration) {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) && w.sig() == before {
		time.Sleep(200 * time.Millisecond)
	}
	w.settle()
}

// settle waits until nothing changed in the chats for a while.
func (w *walker) settle() { w.settleFor(2500 * time.Millisecond) }

func (w *walker) settleFor(quiet time.Duration) {
	last, since := w.sig(), time.Now()
	deadline := time.Now().Add(5 * time.Minute)
	for time.Now().Before(deadline) {
		time.Sleep(200 * time.Millisecond)
		s := w.sig()
		if s != last {
			last, since = s, time.Now()
			continue
		}
		if time.Since(since) > quiet {
			break
		}
	}
	w.flush()
}

func who(u telegramtest.User) string { return u.FirstName }

func chatName(c telegramtest.Chat) string {
	if c.Title != "" {
		return c.Title
	}
	return fmt.Sprintf("private %d", c.ID)
}

func (w *walker) flush() {
	for _, c := range w.chats {
		for _, m := range w.h.tg.ChatHistory(c.ID) {
			key := fmt.Sprintf("%d/%d", c.ID, m.MessageID)
			state := fmt.Sprintf("%s|%s|%v|%d", m.Text, m.Caption, m.ReplyMarkup, m.EditCount)
			old, ok := w.seen[key]
			if ok && old == state {
				continue
			}
			w.seen[key] = state
			if !m.FromBot {
				if m.Text == "" && m.Document == nil {
					continue
				}
				fmt.Fprintf(&w.out, "\n>>> [%s] %s: %s", chatName(c), who(m.From), m.Text)
				if m.Document != nil {
					fmt.Fprintf(&w.out, " [file %s] %s", m.Document.FileName, m.Caption)
				}
				w.out.WriteString("\n")
				continue
			}
			tag := "BOT"
			if ok {
				tag = "BOT (edited)"
			}
			fmt.Fprintf(&w.out, "--- %s #%d", tag, m.MessageID)
			if m.ReplyToMessageID != 0 {
				fmt.Fprintf(&w.out, " ↩%d", m.ReplyToMessageID)
			}
			if m.MediaGroupID != "" {
				fmt.Fprintf(&w.out, " album")
			}
			w.out.WriteString("\n")
			if m.Text != "" {
				w.out.WriteString(m.Text + "\n")
			}
			for _, p := range m.Photos {
				w.shots++
				name := fmt.Sprintf("%s_%02d.png", w.lang, w.shots)
				os.WriteFile(filepath.Join(walkOut(), name), p.Data, 0o644)
				fmt.Fprintf(&w.out, "[photo %dx%d → %s]\n", p.Width, p.Height, name)
			}
			if m.Caption != "" {
				fmt.Fprintf(&w.out, "caption: %s\n", m.Caption)
			}
			if m.Document != nil {
				fmt.Fprintf(&w.out, "[document %s, %d bytes]\n", m.Document.FileName, len(m.Document.Data))
				if strings.HasSuffix(m.Document.FileName, ".csv") {
					os.WriteFile(filepath.Join(walkOut(), w.lang+"_"+m.Document.FileName), m.Document.Data, 0o644)
				}
			}
			for _, row := range m.ReplyMarkup {
				w.out.WriteString("  ")
				for _, b := range row {
					fmt.Fprintf(&w.out, "[%s | %s] ", b.Text, b.CallbackData)
				}
				w.out.WriteString("\n")
			}
		}
	}
}

func (w *walker) say(chat telegramtest.Chat, u telegramtest.User, text string) telegramtest.Message {
	id := w.h.tg.SendText(chat, u, text)
	w.waitReply(chat, id)
	return w.replyOf(chat, id)
}

func (w *walker) waitReply(chat telegramtest.Chat, id int) {
	deadline := time.Now().Add(80 * time.Second)
	for time.Now().Before(deadline) && w.replyOf(chat, id).MessageID == 0 {
		time.Sleep(200 * time.Millisecond)
	}
	w.settle()
}

func (w *walker) reply(chat telegramtest.Chat, u telegramtest.User, to int, text string) telegramtest.Message {
	id := w.h.tg.ReplyText(chat, u, to, text)
	time.Sleep(300 * time.Millisecond)
	w.waitChange(w.sig(), 80*time.Second)
	return w.replyOf(chat, id)
}

func (w *walker) replyOf(chat telegramtest.Chat, id int) telegramtest.Message {
	for _, m := range w.h.tg.Messages(chat.ID) {
		if m.ReplyToMessageID == id {
			return m
		}
	}
	return telegramtest.Message{}
}

func (w *walker) msg(chat telegramtest.Chat, id int) telegramtest.Message {
	m, _ := w.h.tg.Message(chat.ID, id)
	return m
}

// press presses the first button whose data contains part.
func (w *walker) press(chat telegramtest.Chat, u telegramtest.User, id int, part string) telegramtest.Message {
	m := w.msg(chat, id)
	data, label := "", ""
	for _, row := range m.ReplyMarkup {
		for _, b := range row {
			if data == "" && strings.Contains(b.CallbackData, part) {
				data, label = b.CallbackData, b.Text
			}
		}
	}
	if data == "" {
		fmt.Fprintf(&w.out, "\n!!! no button %q on #%d\n", part, id)
		w.t.Logf("no button %q on #%d: %+v", part, id, m.ReplyMarkup)
		return m
	}
	w.pressData(chat, u, id, data, label)
	return w.msg(chat, id)
}

// refused presses a button expected to change nothing.
func (w *walker) refused(chat telegramtest.Chat, u telegramtest.User, id int, part string) {
	w.quick = true
	w.press(chat, u, id, part)
	w.quick = false
}

func (w *walker) pressData(chat telegramtest.Chat, u telegramtest.User, id int, data, label string) {
	w.flush()
	before := w.sig()
	q := w.h.tg.PressButton(chat, u, id, data)
	fmt.Fprintf(&w.out, "\n>>> [%s] %s presses [%s] (%s) on #%d\n", chatName(chat), who(u), label, data, id)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) && !w.h.tg.CallbackAnswers()[q].Answered {
		time.Sleep(100 * time.Millisecond)
	}
	a := w.h.tg.CallbackAnswers()[q]
	fmt.Fprintf(&w.out, "<<< answer: %q alert=%v answered=%v\n", a.Text, a.ShowAlert, a.Answered)
	if w.quick {
		w.settle()
	} else {
		w.waitChange(before, 80*time.Second)
	}
}

func (w *walker) upload(chat telegramtest.Chat, u telegramtest.User, name, data, caption string) telegramtest.Message {
	id := w.h.tg.SendDocument(chat, u, name, []byte(data), caption)
	w.waitReply(chat, id)
	return w.replyOf(chat, id)
}

func (w *walker) note(s string) { fmt.Fprintf(&w.out, "\n=========== %s ===========\n", s) }

// latest returns the newest bot message whose text contains part.
func (w *walker) latest(chat telegramtest.Chat, part string) telegramtest.Message {
	ms := w.h.tg.Messages(chat.ID)
	for i := len(ms) - 1; i >= 0; i-- {
		if strings.Contains(ms[i].Text, part) {
			return ms[i]
		}
	}
	return telegramtest.Message{}
}

type cast struct {
	ceo, mk, sl, out telegramtest.User
}

func TestWalkthroughEnglish(t *testing.T) {
	walk(t, "en", cast{
		ceo: telegramtest.User{ID: 301, FirstName: "Anna", LastName: "Petrova", Username: "anna_ceo", LanguageCode: "en"},
		mk:  telegramtest.User{ID: 302, FirstName: "Mark", Username: "mark_head", LanguageCode: "en"},
		sl:  telegramtest.User{ID: 303, FirstName: "Steve", Username: "steve_sales", LanguageCode: "en"},
		out: telegramtest.User{ID: 304, FirstName: "Olga", LanguageCode: "en"},
	})
}

func TestWalkthroughRussian(t *testing.T) {
	walk(t, "ru", cast{
		ceo: telegramtest.User{ID: 401, FirstName: "Иван", LastName: "Смирнов", Username: "ivan_ceo", LanguageCode: "ru"},
		mk:  telegramtest.User{ID: 402, FirstName: "Мария", Username: "maria_mkt", LanguageCode: "ru"},
		sl:  telegramtest.User{ID: 403, FirstName: "Сергей", Username: "sergey_sales", LanguageCode: "ru"},
		out: telegramtest.User{ID: 404, FirstName: "Ольга", LanguageCode: "ru"},
	})
}

func walk(t *testing.T, lang string, p cast) {
	h := newHarness(t)
	h.tg.SetChatMember(leaders.ID, p.ceo, "creator")
	h.start()
	ru := lang == "ru"
	L := func(en, r string) string {
		if ru {
			return r
		}
		return en
	}
	g := leaders
	pm := telegramtest.PrivateChat(p.mk)
	ps := telegramtest.PrivateChat(p.sl)
	pc := telegramtest.PrivateChat(p.ceo)
	w := &walker{t: t, h: h, lang: lang, chats: []telegramtest.Chat{g, pm, ps, pc}, seen: map[string]string{}}
	defer func() {
		w.flush()
		os.WriteFile(filepath.Join(walkOut(), "transcript_"+lang+".txt"), []byte(w.out.String()), 0o644)
	}()

	w.note("before setup")
	w.say(g, p.ceo, "/help")
	w.say(g, p.ceo, "/log leads=5")
	w.say(pc, p.ceo, "/start")

	w.note("setup")
	w.say(g, p.ceo, L("/setup", "/setup ru"))
	w.say(g, p.ceo, "/setup")
	w.say(g, p.ceo, "/segment")
	w.say(g, p.ceo, L("/segment rename All clients = Dealers", "/segment rename Все клиенты = Дилеры"))
	w.say(g, p.ceo, L("/segment add Retail", "/segment add Розница"))
	w.say(g, p.ceo, L("/segment add Developers", "/segment add Застройщики"))
	w.say(g, p.ceo, L("/segment add retail", "/segment add розница"))
	w.say(g, p.ceo, L("/segment focus Dealers", "/segment focus Дилеры"))
	w.say(g, p.ceo, L("/segment focus Wholesale", "/segment focus Опт"))
	w.say(g, p.ceo, "/segment frobnicate")
	w.say(g, p.mk, L("/segment add Government", "/segment add Госзаказ"))
	w.say(g, p.ceo, "/stage")
	w.say(g, p.ceo, "/reason")
	w.say(g, p.ceo, "/team")

	w.note("heads")
	hi := h.tg.SendText(g, p.mk, L("hi, I run marketing", "привет, я маркетинг"))
	w.settle()
	w.reply(g, p.ceo, hi, L("/head marketing", "/head маркетинг"))
	w.say(g, p.sl, L("/join sales", "/join продажи"))
	join := w.latest(g, "@"+p.sl.Username)
	if join.MessageID != 0 {
		w.refused(g, p.sl, join.MessageID, ":y")
		w.press(g, p.ceo, join.MessageID, ":y")
	}
	hi = h.tg.SendText(g, p.out, L("hello", "здравствуйте"))
	w.settle()
	w.reply(g, p.ceo, hi, L("/head finance", "/head финансы"))
	w.say(g, p.ceo, "/team")

	w.note("numbers by /log")
	w.say(g, p.mk, "/log")
	pv := w.say(g, p.mk, L(
		"/log dealers w44 leads=100 qualified=60 spend=300k nontarget.no_budget=20 nontarget.duplicate=20",
		"/log дилеры н44 лиды=100 целевые=60 расход=300к нецелевые.нет_бюджета=20 нецелевые.дубль=20"))
	w.press(g, p.mk, pv.MessageID, "lg:")
	w.say(g, p.mk, L("/log dealers w45 leeds=110 qualifed=70", "/log дилеры н45 лидц=110 целевыее=70"))
	w.say(g, p.mk, L("/log dealers w45 leads=110 qualified=seventy", "/log дилеры н45 лиды=110 целевые=семьдесят"))
	w.say(g, p.mk, L("/log dealers w45 leads=110 qualified=-70", "/log дилеры н45 лиды=110 целевые=-70"))
	w.say(g, p.mk, L("/log dealers w45 leads=60 qualified=70", "/log дилеры н45 лиды=60 целевые=70"))
	pv = w.say(g, p.mk, L("/log dealers w45 leads=110 qualified=70 spend=320k", "/log дилеры н45 лиды=110 целевые=70 расход=320к"))
	w.press(g, p.mk, pv.MessageID, "lg:")
	pv = w.say(g, p.mk, L("/log dealers w46 leads=130 qualified=75 spend=340 000", "/log дилеры н46 лиды=130 целевые=75 расход=340 000"))
	w.press(g, p.mk, pv.MessageID, "lg:")
	pv = w.say(g, p.mk, L(
		"/log dealers last week leads=120 qualified=80 spend=350k nontarget.no_budget=14 nontarget.spam=6",
		"/log дилеры прошлая неделя лиды=120 целевые=80 расход=350к нецелевые.бюджет=14 нецелевые.спам=6"))
	// A stranger presses, then the author confirms.
	w.refused(g, p.sl, pv.MessageID, "lg:")
	w.press(g, p.mk, pv.MessageID, "lg:")
	w.say(g, p.mk, L("/log dealers last week meetings=30", "/log дилеры прошлая неделя встречи=30"))
	w.say(g, p.mk, L("/log dealers w60 leads=5", "/log дилеры н60 лиды=5"))
	w.say(g, p.mk, L("/log dealers 2026-W50 leads=5", "/log дилеры 2026-W50 лиды=5"))
	w.say(g, p.mk, L("/log wholesale last week leads=5", "/log опт прошлая неделя лиды=5"))
	w.say(g, p.mk, L("/log last week leads=5", "/log прошлая неделя лиды=5"))
	pv = w.say(g, p.mk, L("/log retail last week leads=300 qualified=90 spend=200k", "/log розница прошлая неделя лиды=300 целевые=90 расход=200к"))
	w.press(g, p.mk, pv.MessageID, "lg:")
	// An overwrite of a confirmed week.
	pv = w.say(g, p.mk, L("/log dealers last week leads=125", "/log дилеры прошлая неделя лиды=125"))
	if len(pv.ReplyMarkup) > 0 && len(pv.ReplyMarkup[0]) > 1 {
		w.pressData(g, p.mk, pv.MessageID, pv.ReplyMarkup[0][1].CallbackData, pv.ReplyMarkup[0][1].Text)
	}
	w.say(g, p.out, L("/log dealers last week leads=5", "/log дилеры прошлая неделя лиды=5"))

	w.note("sales numbers")
	for i, line := range []string{
		L("/log dealers w44 meetings=30 proposals=20 deals=8 paid=6 revenue=1.2m dropoff.wrong_phone=14",
			"/log дилеры н44 встречи=30 кп=20 сделки=8 оплаты=6 выручка=1,2 млн отвал.встречи.неверный_номер=14"),
		L("/log dealers w45 meetings=35 proposals=22 deals=9 paid=7 revenue=1.4m",
			"/log дилеры н45 встречи=35 кп=22 сделки=9 оплаты=7 выручка=1,4 млн"),
		L("/log dealers w46 meetings=32 proposals=18 deals=6 paid=5 revenue=900k dropoff.meetings.price=5",
			"/log дилеры н46 встречи=32 кп=18 сделки=6 оплаты=5 выручка=900к отвал.встречи.дорого=5"),
	} {
		pv = w.say(g, p.sl, line)
		if i == 0 {
			w.press(g, p.sl, pv.MessageID, "lg:")
		} else {
			w.press(g, p.sl, pv.MessageID, "lg:")
		}
	}
	w.say(g, p.sl, L("/log dealers last week meetings=40 deals=8 paid=9 revenue=1,2 mln dropoff.meetings.wrong_phone=14",
		"/log дилеры прошлая неделя встречи=40 сделки=8 оплаты=9 выручка=1,2 млн отвал.встречи.неверный_номер=14"))
	w.say(g, p.sl, L("/log dealers last week meetings=40 deals=8 paid=6 revenue=1.2m dropoff.meetings.wrong_phone=14 dropoff.meetings.weather=3",
		"/log дилеры прошлая неделя встречи=40 сделки=8 оплаты=6 выручка=1,2 млн отвал.встречи.неверный_номер=14 отвал.встречи.погода=3"))
	// In a private chat.
	pv = w.say(ps, p.sl, L("/log dealers last week meetings=40 proposals=25 deals=8 paid=6 revenue=1.2m dropoff.meetings.wrong_phone=14",
		"/log дилеры прошлая неделя встречи=40 кп=25 сделки=8 оплаты=6 выручка=1,2 млн отвал.встречи.неверный_номер=14"))
	w.press(ps, p.sl, pv.MessageID, "lg:")
	w.say(ps, p.sl, "/funnel")
	w.say(ps, p.sl, "/review")

	w.note("files")
	w.say(g, p.ceo, "/template")
	w.say(g, p.ceo, "/import")
	bad := L("segment,week,leads,qualified,spend\nDevelopers,2026-W46,40,2O,100000\nDevelopers,2026-W47,45,25,abc\nBuilders,2026-W47,1,1,1\n",
		"сегмент,неделя,лиды,целевые,расход\nЗастройщики,2026-W46,40,2O,100000\nЗастройщики,2026-W47,45,25,abc\nСтроители,2026-W47,1,1,1\n")
	w.upload(g, p.ceo, "developers.csv", bad, "/import")
	good := L("segment,week,leads,qualified,spend\nDevelopers,2026-W46,40,20,100000\nDevelopers,2026-W47,45,25,120000\n",
		"сегмент,неделя,лиды,целевые,расход\nЗастройщики,2026-W46,40,20,100000\nЗастройщики,2026-W47,45,25,120000\n")
	pv = w.upload(g, p.ceo, "developers.csv", good, "/import")
	w.press(g, p.ceo, pv.MessageID, "lg:")
	w.upload(g, p.ceo, "notes.txt", "hello", "/import")

	w.note("views")
	w.say(g, p.ceo, "/funnel")
	w.say(g, p.ceo, L("/funnel retail", "/funnel розница"))
	w.say(g, p.ceo, L("/funnel dealers month", "/funnel дилеры месяц"))
	w.say(g, p.ceo, L("/funnel quarter", "/funnel квартал"))
	w.say(g, p.ceo, L("/funnel w46", "/funnel н46"))
	w.say(g, p.ceo, L("/funnel wholesale", "/funnel опт"))
	w.say(g, p.ceo, "/focus")
	w.say(g, p.ceo, "/export")

	w.note("review")
	w.say(g, p.mk, "/review")
	w.say(g, p.ceo, "/review")
	w.settleFor(62 * time.Second)

	w.note("hypotheses")
	w.say(g, p.ceo, "/hyp")
	d := w.say(g, p.ceo, L("/hyp Move the retail budget to dealer campaigns", "/hyp Перенести бюджет розницы в кампании для дилеров"))
	w.refused(g, p.mk, d.MessageID, ":d:0")
	w.press(g, p.ceo, d.MessageID, ":d:0")
	w.press(g, p.ceo, d.MessageID, ":s:1")
	w.press(g, p.ceo, d.MessageID, ":m:0")
	w.press(g, p.ceo, d.MessageID, ":t:1w")
	w.press(g, p.ceo, d.MessageID, ":e:skip")
	h1 := d.MessageID

	d = w.say(g, p.ceo, L("/hyp Check phone numbers before handing leads to sales", "/hyp Проверять номер телефона до передачи лида в продажи"))
	w.press(g, p.ceo, d.MessageID, ":d:1")
	w.press(g, p.ceo, d.MessageID, ":m:1")
	w.press(g, p.ceo, d.MessageID, ":t:typed")
	w.reply(g, p.ceo, d.MessageID, L("yesterday", "вчера"))
	w.reply(g, p.ceo, d.MessageID, time.Now().AddDate(0, 0, 10).Format("02.01.2006"))
	w.reply(g, p.ceo, d.MessageID, L("a lot", "много"))
	w.reply(g, p.ceo, d.MessageID, L("+20 pp", "+20 п.п."))
	h2 := d.MessageID

	d = w.say(g, p.ceo, L("/hyp Call every lead within 5 minutes", "/hyp Звонить каждому лиду в течение 5 минут"))
	w.press(g, p.ceo, d.MessageID, ":x")
	w.refused(g, p.ceo, d.MessageID, ":d:0")

	w.note("hypothesis cards")
	w.refused(g, p.sl, h1, ":s:")
	w.press(g, p.mk, h1, ":s:")
	w.press(g, p.mk, h1, ":d:")
	prompt := w.latest(g, L("reply to this message", "ответ"))
	if prompt.MessageID != 0 {
		w.reply(g, p.mk, prompt.MessageID, L("Retail campaigns paused, dealer budget doubled", "Рекламу розницы остановили, бюджет на дилеров удвоили"))
	}
	w.refused(g, p.mk, h1, ":c:")
	w.press(g, p.ceo, h1, ":c:")
	w.press(g, p.sl, h2, ":d:")
	prompt = w.latest(g, "H-2")
	if prompt.MessageID != 0 && prompt.MessageID != h2 {
		w.reply(g, p.sl, prompt.MessageID, L("Done", "Сделано"))
	}
	w.press(g, p.ceo, h2, ":r:")
	w.press(g, p.ceo, h2, ":x:")

	w.note("lists")
	w.say(g, p.ceo, "/hyps")
	w.say(g, p.ceo, L("/hyps all", "/hyps все"))
	w.say(g, p.ceo, L("/hyps done", "/hyps сделана"))
	w.say(g, p.ceo, L("/hyps marketing", "/hyps маркетинг"))
	w.say(g, p.ceo, "/hyps blah")
	w.say(g, p.mk, "/my")
	w.say(g, p.ceo, "/my")
	w.say(pm, p.mk, "/my")

	w.note("settings")
	card := w.say(g, p.ceo, "/settings")
	w.refused(g, p.mk, card.MessageID, "st:off:d")
	w.press(g, p.ceo, card.MessageID, "st:off:d")
	w.press(g, p.ceo, card.MessageID, "st:on:d")
	w.press(g, p.ceo, card.MessageID, "st:time:r")
	w.press(g, p.ceo, card.MessageID, "st:set:r:0")
	w.press(g, p.ceo, card.MessageID, "st:time:s")
	w.press(g, p.ceo, card.MessageID, "st:back")
	w.press(g, p.ceo, card.MessageID, "st:now:s")
	w.press(g, p.ceo, card.MessageID, "st:now:r")
	w.press(g, p.ceo, card.MessageID, "st:now:d")
	w.say(g, p.ceo, L("/settings snapshot fri 17:30", "/settings snapshot пт 17:30"))
	w.say(g, p.ceo, L("/settings snapshot someday", "/settings snapshot когда-нибудь"))
	w.say(g, p.ceo, L("/settings reminder off", "/settings reminder выкл"))

	w.note("end")
	w.say(g, p.ceo, "/review end")
	w.say(g, p.ceo, "/review end")
	w.say(g, p.ceo, "/help")
	w.say(g, p.mk, "/help")
	w.say(pm, p.mk, "/help")
	w.say(g, p.ceo, "/team")
	w.say(g, p.ceo, "/whatever")
	w.settleFor(62 * time.Second)
}
