package domain

// Texts of the rhythm: /settings, the weekly snapshot, the numbers
// reminder, the hypothesis digest and the note about skipped posts. Keys
// used in HTML messages hold HTML; arguments are escaped by the bot.
func init() {
	RegisterTexts(Texts{
		"cmd.settings": {English: "Scheduled posts: snapshot, reminder, digest (CEOs)", Russian: "Расписание: срез, напоминание, дайджест (для CEO)"},

		"schedule.daily":    {English: "daily", Russian: "ежедневно"},
		"schedule.weekdays": {English: "Mon–Fri", Russian: "пн–пт"},
		"schedule.day.mon":  {English: "Mon", Russian: "пн"},
		"schedule.day.tue":  {English: "Tue", Russian: "вт"},
		"schedule.day.wed":  {English: "Wed", Russian: "ср"},
		"schedule.day.thu":  {English: "Thu", Russian: "чт"},
		"schedule.day.fri":  {English: "Fri", Russian: "пт"},
		"schedule.day.sat":  {English: "Sat", Russian: "сб"},
		"schedule.day.sun":  {English: "Sun", Russian: "вс"},

		"schedule.kind.snapshot": {English: "Weekly snapshot", Russian: "Еженедельный срез"},
		"schedule.kind.reminder": {English: "Numbers reminder", Russian: "Напоминание о цифрах"},
		"schedule.kind.digest":   {English: "Hypothesis digest", Russian: "Дайджест гипотез"},

		"settings.title": {
			English: "<b>Scheduled posts</b> · time zone %s",
			Russian: "<b>Расписание постов</b> · часовой пояс %s",
		},
		"settings.line.on":  {English: "✅ %s: %s at %s", Russian: "✅ %s: %s в %s"},
		"settings.line.off": {English: "⏸ %s: off (was %s at %s)", Russian: "⏸ %s: выключен (было %s в %s)"},
		"settings.how": {
			English: "✅/⏸ switches a post on or off, 🕘 picks its time, 📨 sends it now. Or type, for example:\n<code>/settings snapshot mon 09:00</code>\n<code>/settings reminder fri 15:00</code>\n<code>/settings digest weekdays 10:00</code>\n<code>/settings digest off</code>",
			Russian: "✅/⏸ включает или выключает пост, 🕘 меняет время, 📨 отправляет его сейчас. Или напишите, например:\n<code>/settings срез пн 09:00</code>\n<code>/settings напоминание пт 15:00</code>\n<code>/settings дайджест будни 10:00</code>\n<code>/settings дайджест выкл</code>",
		},
		"settings.pick": {
			English: "<b>%s</b>: pick when it goes out (time zone %s).",
			Russian: "<b>%s</b>: выберите, когда отправлять (часовой пояс %s).",
		},
		"settings.button.on":   {English: "✅ %s", Russian: "✅ %s"},
		"settings.button.off":  {English: "⏸ %s", Russian: "⏸ %s"},
		"settings.button.time": {English: "🕘 Time", Russian: "🕘 Время"},
		"settings.button.now":  {English: "📨 Now", Russian: "📨 Сейчас"},
		"settings.button.back": {English: "← Back", Russian: "← Назад"},
		"settings.saved":       {English: "Saved.", Russian: "Сохранено."},
		"settings.queued":      {English: "On its way.", Russian: "Отправляю."},
		"settings.nothing.reminder": {
			English: "All numbers for this week are in: there is nobody to remind.",
			Russian: "Все цифры за эту неделю внесены: напоминать некому.",
		},
		"settings.nothing.digest": {
			English: "No hypothesis is due or overdue: the digest would be empty.",
			Russian: "Нет гипотез со сроком сегодня, завтра или просроченных: дайджест был бы пустым.",
		},
		"settings.bad": {
			English: "I didn't understand “%s”. Write the post, the days and the time, for example: /settings snapshot mon 09:00, /settings digest weekdays 10:00, /settings reminder off.",
			Russian: "Не понял «%s». Напишите пост, дни и время, например: /settings срез пн 09:00, /settings дайджест будни 10:00, /settings напоминание off.",
		},

		"snapshot.title": {
			English: "📊 <b>Weekly snapshot</b> · %s",
			Russian: "📊 <b>Еженедельный срез</b> · %s",
		},
		"snapshot.segment": {English: "<b>%s</b>", Russian: "<b>%s</b>"},
		"snapshot.figure":  {English: "%s: %s (%s w/w)", Russian: "%s: %s (%s к прошлой неделе)"},
		"snapshot.figure.new": {
			English: "%s: %s",
			Russian: "%s: %s",
		},
		"snapshot.changes": {English: "Notable changes:", Russian: "Заметные изменения:"},
		"snapshot.no_numbers": {
			English: "No numbers for %s yet. Department heads: send them with /log, so the snapshot and the review have something to show.",
			Russian: "За %s цифр пока нет. Руководители отделов, внесите их через /log — иначе срезу и разбору нечего показать.",
		},
		"snapshot.no_focus": {
			English: "No segment is marked as focus, so the snapshot shows the first one, %s. Mark the segment that brings the money: /segment focus &lt;name&gt;",
			Russian: "Ни один сегмент не отмечен как фокусный, поэтому срез показывает первый — %s. Отметьте сегмент, который приносит деньги: /segment focus &lt;название&gt;",
		},
		"snapshot.hypotheses": {
			English: "<b>Hypotheses</b>: %d in work (%d overdue), %d waiting for a CEO to verify, %d closed last week.",
			Russian: "<b>Гипотезы</b>: в работе %d (просрочено %d), ждут проверки CEO %d, закрыто за неделю %d.",
		},

		"reminder.title": {
			English: "⏰ <b>Numbers for %s</b> are still missing:",
			Russian: "⏰ <b>Цифр за %s</b> ещё нет:",
		},
		"reminder.line": {English: "• %s (%s): %s", Russian: "• %s (%s): %s"},
		"reminder.no_head": {
			English: "no head yet — /join",
			Russian: "руководителя нет — /join",
		},
		"reminder.how": {
			English: "Send them with /log before the week closes, please, or %s with the numbers.",
			Russian: "Внесите их через /log до конца недели, пожалуйста, или %s цифрами.",
		},

		"digest.title":    {English: "🧪 <b>Hypotheses due</b>", Russian: "🧪 <b>Сроки по гипотезам</b>"},
		"digest.overdue":  {English: "<b>Overdue</b>", Russian: "<b>Просрочены</b>"},
		"digest.today":    {English: "<b>Due today</b>", Russian: "<b>Срок сегодня</b>"},
		"digest.tomorrow": {English: "<b>Due tomorrow</b>", Russian: "<b>Срок завтра</b>"},
		"digest.item":     {English: "• %s — %s (%s)", Russian: "• %s — %s (%s)"},

		"missed.note": {
			English: "I was offline and missed these scheduled posts by more than a day, so I skipped them: %s. They go out again on schedule; any of them can be sent now from /settings.",
			Russian: "Я был недоступен и пропустил эти посты больше чем на сутки, поэтому не стал их отправлять: %s. Дальше всё по расписанию; любой пост можно отправить сейчас из /settings.",
		},
	})
}
