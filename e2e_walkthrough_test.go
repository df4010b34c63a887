// A scripted session in both languages, compared with a golden
// transcript of everything the chats show: every text, edit, button,
// picture size and button answer. A change a user would see shows up as a
// diff; after checking it, refresh the transcripts with
//
//	go test -run Walkthrough . -update

package main

import (
	"testing"
	"time"

	"trackbot/bot/telegramtest"
)

// walkStart is the walkthrough's clock at its start: Friday 27 November
// 2026, 12:00 in Moscow, so "last week" is 2026-W47 and the weeks the
// script names are in the past, and no scheduled post falls due.
var walkStart = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

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
	clock := func(start time.Time) func() time.Time {
		offset := start.Sub(time.Now())
		return func() time.Time { return time.Now().Add(offset) }
	}(walkStart)
	h.seams.now = clock
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
	w := &walker{t: t, h: h, chats: []telegramtest.Chat{g, pm, ps, pc}, seen: map[string]string{}}

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
	hi := w.send(g, p.mk, L("hi, I run marketing", "привет, я маркетинг"))
	w.reply(g, p.ceo, hi, L("/head marketing", "/head маркетинг"))
	w.say(g, p.sl, L("/join sales", "/join продажи"))
	join := w.latest(g, "@"+p.sl.Username)
	if join.MessageID != 0 {
		w.refused(g, p.sl, join.MessageID, ":y")
		w.press(g, p.ceo, join.MessageID, ":y")
	}
	hi = w.send(g, p.out, L("hello", "здравствуйте"))
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

	w.note("hypotheses")
	w.say(g, p.ceo, "/hyp")
	d := w.say(g, p.ceo, L("/hyp Move the retail budget to dealer campaigns", "/hyp Перенести бюджет розницы в кампании для дилеров"))
	w.refused(g, p.mk, d.MessageID, ":d:0")
	w.press(g, p.ceo, d.MessageID, ":d:0")
	w.press(g, p.ceo, d.MessageID, ":s:1")
	w.press(g, p.ceo, d.MessageID, ":m:2")
	w.press(g, p.ceo, d.MessageID, ":t:1w")
	w.press(g, p.ceo, d.MessageID, ":e:1")
	w.press(g, p.ceo, d.MessageID, ":i:8")
	w.press(g, p.ceo, d.MessageID, ":i:6")
	w.press(g, p.ceo, d.MessageID, ":i:7")
	h1 := d.MessageID

	d = w.say(g, p.ceo, L("/hyp Check phone numbers before handing leads to sales", "/hyp Проверять номер телефона до передачи лида в продажи"))
	w.press(g, p.ceo, d.MessageID, ":d:1")
	w.press(g, p.ceo, d.MessageID, ":m:3")
	w.press(g, p.ceo, d.MessageID, ":t:typed")
	w.reply(g, p.ceo, d.MessageID, L("yesterday", "вчера"))
	w.reply(g, p.ceo, d.MessageID, clock().AddDate(0, 0, 10).Format("02.01.2006"))
	w.reply(g, p.ceo, d.MessageID, L("a lot", "много"))
	w.reply(g, p.ceo, d.MessageID, L("+20 pp, callers confirm the number first", "+20 п.п., сначала подтверждаем номер"))
	w.press(g, p.ceo, d.MessageID, ":i:skip")
	h2 := d.MessageID

	// A head proposes; only a CEO's press makes it work.
	d = w.say(g, p.mk, L("/hyp Ask for the budget in the lead form", "/hyp Спрашивать бюджет в форме заявки"))
	w.press(g, p.mk, d.MessageID, ":d:0")
	w.press(g, p.mk, d.MessageID, ":m:3")
	w.press(g, p.mk, d.MessageID, ":t:2w")
	w.press(g, p.mk, d.MessageID, ":e:1")
	w.press(g, p.mk, d.MessageID, ":i:skip")
	h3 := d.MessageID
	w.refused(g, p.mk, h3, ":p:")
	w.press(g, p.ceo, h3, ":p:")

	// Editing changes the hypothesis in place.
	w.say(g, p.ceo, L("/hyp H-3 deadline ", "/hyp Г-3 срок ")+clock().AddDate(0, 0, 20).Format("02.01"))
	w.say(g, p.ceo, L("/hyp H-3 colour blue", "/hyp Г-3 цвет синий"))
	w.press(g, p.ceo, h3, ":w:")
	w.press(g, p.ceo, h3, ":1w")

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
	// No week after the start has ended: a decision needs a reason.
	w.refused(g, p.mk, h1, ":C:")
	w.press(g, p.ceo, h1, ":C:")
	prompt = w.latest(g, L("why you confirm it anyway", "почему вы всё же подтверждаете"))
	if prompt.MessageID != 0 {
		w.reply(g, p.ceo, prompt.MessageID, L("Dealer calls doubled this week", "Звонков от дилеров вдвое больше"))
	}
	w.press(g, p.sl, h2, ":d:")
	prompt = w.latest(g, "H-2")
	if prompt.MessageID != 0 && prompt.MessageID != h2 {
		w.reply(g, p.sl, prompt.MessageID, L("Done", "Сделано"))
	}
	w.press(g, p.ceo, h2, ":R:")
	prompt = w.latest(g, L("why you reject it anyway", "почему вы всё же отклоняете"))
	if prompt.MessageID != 0 {
		w.reply(g, p.ceo, prompt.MessageID, L("Nobody checked the numbers", "Номера никто не проверял"))
	}
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
	w.settle()
	compareGolden(t, "walkthrough_"+lang+".txt", numberIDs(w.out.String()))
}
