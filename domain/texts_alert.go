package domain

// The words of alerts: /alert, /alerts, the alert message and its buttons.
func init() {
	RegisterTexts(Texts{
		"cmd.alert":  {English: "Alert on a segment's metric between reviews (CEOs)", Russian: "Алерт на метрику сегмента между разборами (CEO)"},
		"cmd.alerts": {English: "Alert rules and when they last fired", Russian: "Правила алертов и когда они срабатывали"},

		"alert.example": {
			English: "/alert %[1]s %[2]s→%[3]s < 35%%\n/alert %[1]s cpl > 1500\n/alert %[1]s %[4]s falls 30%%",
			Russian: "/alert %[1]s %[2]s→%[3]s < 35%%\n/alert %[1]s cpl > 1500\n/alert %[1]s %[4]s падает 30%%",
		},
		"alert.usage": {
			English: "Write the segment, the metric, the comparison and the value, for example:\n%s\nA line: < or > (below, above). A change against the 4-week average: falls or rises, in %% or, for a rate, in pp.",
			Russian: "Укажите сегмент, метрику, сравнение и значение, например:\n%s\nЛиния: < или > (ниже, выше). Изменение к среднему за 4 недели: падает или растёт, в %% или, для доли, в п.п.",
		},
		"alert.no_segment": {
			English: "Name the segment first. Segments: %s. For example:\n%s",
			Russian: "Сначала укажите сегмент. Сегменты: %s. Например:\n%s",
		},
		"alert.unknown_metric": {
			English: "I don't know the metric %q. Metrics: a conversion like qualified→meetings, a stage (%s), spend, revenue, cpl, cpq, cac, avg check, romi, non-target.",
			Russian: "Не знаю метрику «%s». Метрики: конверсия вида целевые→встречи, этап (%s), расход, выручка, cpl, cpq, cac, средний чек, romi, нецелевые.",
		},
		"alert.not_next": {
			English: "A conversion is from the stage just before: the one into %s is from %s.",
			Russian: "Конверсия считается от предыдущего этапа: в «%s» — из «%s».",
		},
		"alert.bad_value": {
			English: "I can't read the value %q: write a number, a rate in percent (35%%) or a change in percent or pp.",
			Russian: "Не могу прочитать значение «%s»: напишите число, долю в процентах (35%%) или изменение в %% или п.п.",
		},
		"alert.exists":         {English: "This rule is already there: #%d.", Russian: "Такое правило уже есть: №%d."},
		"alert.too_many":       {English: "A workspace keeps at most %d alert rules: delete one first.", Russian: "Правил алертов не больше %d: сначала удалите одно."},
		"alert.not_found":      {English: "This alert rule was deleted.", Russian: "Это правило алерта удалено."},
		"alert.mute_forbidden": {English: "Only a CEO or the head who owns the metric mutes an alert.", Russian: "Отключить алерт может CEO или руководитель, отвечающий за метрику."},

		"alert.rule.below": {English: "%s below %s", Russian: "%s ниже %s"},
		"alert.rule.above": {English: "%s above %s", Russian: "%s выше %s"},
		"alert.rule.falls": {English: "%s falls %s against the 4-week average", Russian: "%s падает на %s к среднему за 4 недели"},
		"alert.rule.rises": {English: "%s rises %s against the 4-week average", Russian: "%s растёт на %s к среднему за 4 недели"},

		"alert.figure":  {English: "%s: <b>%s</b>", Russian: "%s: <b>%s</b>"},
		"alert.against": {English: "(%s against the 4-week average of %s)", Russian: "(%s к среднему за 4 недели %s)"},
		"alert.fired": {
			English: "🔔 <b>Alert · %s · %s</b>\n%s\nRule: %s\n%s, please take a look.",
			Russian: "🔔 <b>Алерт · %s · %s</b>\n%s\nПравило: %s\n%s, посмотрите, пожалуйста.",
		},
		"alert.mute_button":   {English: "🔕 Mute for a week", Russian: "🔕 Отключить на неделю"},
		"alert.delete_button": {English: "🗑 Delete the rule", Russian: "🗑 Удалить правило"},

		"alert.added": {
			English: "✅ Alert #%d: %s · %s. I check it whenever numbers arrive and tell the heads of %s, at most once a week.",
			Russian: "✅ Алерт №%d: %s · %s. Проверяю при каждом поступлении цифр и сообщаю руководителям отдела «%s» — не чаще раза в неделю.",
		},
		"alert.muted":       {English: "🔕 Muted until %s by %s.", Russian: "🔕 Отключено до %s (%s)."},
		"alert.muted_short": {English: "Muted for a week.", Russian: "Отключено на неделю."},
		"alert.deleted":     {English: "🗑 Rule #%d (%s) deleted by %s.", Russian: "🗑 Правило №%d (%s) удалил(а) %s."},
		"alert.deleted_short": {
			English: "The rule is deleted.",
			Russian: "Правило удалено.",
		},

		"alert.list_title": {English: "<b>Alert rules</b>", Russian: "<b>Правила алертов</b>"},
		"alert.list_empty": {
			English: "No alert rules yet. A CEO adds one like this:\n%s",
			Russian: "Правил алертов пока нет. CEO добавляет так:\n%s",
		},
		"alert.never_fired": {English: "has not fired yet", Russian: "ещё не срабатывало"},
		"alert.last_fired":  {English: "last fired %s about %s: %s", Russian: "последний раз %s, неделя %s: %s"},
		"alert.muted_until": {English: "🔕 muted until %s", Russian: "🔕 отключено до %s"},
	})
}
