package domain

// The words of the tracker questions, their money at stake and the tests
// behind them ("why this question"). The older question texts (the fall of
// a conversion, the top reasons, the misfocus) live in texts_review.go.
func init() {
	RegisterTexts(Texts{
		"question.reason_held": {
			English: "“%s” among the items lost at %s in %s grew from %s to %s of the losses; the conversion is %s, usually %s",
			Russian: "Причина «%s» на этапе «%s» в сегменте «%s» выросла с %s до %s отвалов; конверсия %s, обычно %s",
		},
		"question.reason_nontarget": {
			English: "“%[1]s” among the non-target leads in %[3]s grew from %[4]s to %[5]s; the conversion into %[2]s is %[6]s, usually %[7]s",
			Russian: "Причина «%[1]s» среди нецелевых лидов в сегменте «%[3]s» выросла с %[4]s до %[5]s; конверсия в «%[2]s» %[6]s, обычно %[7]s",
		},
		"question.reason_rose_dropoff": {
			English: "“%s” rose from %s to %s of the items lost there",
			Russian: "причина «%s» выросла с %s до %s отвалов на этом этапе",
		},
		"question.reason_rose_nontarget": {
			English: "“%s” rose from %s to %s of the non-target leads",
			Russian: "причина «%s» выросла с %s до %s нецелевых лидов",
		},
		"question.trend": {
			English: "%s in %s has been falling for %d weeks, from about %s to %s",
			Russian: "%s в сегменте «%s» снижается %d нед. подряд: примерно с %s до %s",
		},
		"question.trend_inside": {
			English: "it has been falling for %d weeks, from about %s",
			Russian: "снижается %d нед. подряд, примерно с %s",
		},
		"question.collapse_inside": {
			English: "paid deals fell to %s (usually %s) and revenue to %s (usually %s)",
			Russian: "оплаты упали до %s (обычно %s), выручка — до %s (обычно %s)",
		},
		"question.small_numbers": {
			English: "small numbers, but far outside the usual range",
			Russian: "цифры небольшие, но далеко за пределами обычного",
		},
		"question.compound":      {English: "so %s", Russian: "поэтому %s"},
		"question.compound_rose": {English: "%s rose from %s to %s", Russian: "%s: рост с %s до %s"},
		"question.compound_fell": {English: "%s fell from %s to %s", Russian: "%s: снижение с %s до %s"},
		"question.spend": {
			English: "Marketing spend in %s rose by %s to %s a week (usually %s) while leads stayed at %s a week (usually %s)",
			Russian: "Расходы на маркетинг в сегменте «%s» выросли на %s, до %s в неделю (обычно %s), а лидов — %s в неделю (обычно %s)",
		},
		"question.volume": {
			English: "Leads in %s fell to %s a week (usually %s) on the same spend of %s",
			Russian: "Лиды в сегменте «%s» упали до %s в неделю (обычно %s) при тех же расходах %s",
		},
		"question.check": {
			English: "Average check in %s fell by %s to %s (usually %s) on %s paid deals",
			Russian: "Средний чек в сегменте «%s» снизился на %s, до %s (обычно %s), оплат: %s",
		},
		"question.money": {
			English: "Paid deals in %s fell to %s (usually %s, %s at the lowest before) and revenue to %s (usually %s)",
			Russian: "Оплаты в сегменте «%s» упали до %s (обычно %s, минимум раньше — %s), выручка — до %s (обычно %s)",
		},
		"question.manager": {
			English: "Manager %s in %s converts %s at %s against the team's %s over %s (%d of %d)",
			Russian: "Менеджер %s в сегменте «%s»: конверсия %s — %s против %s у команды за %s (%d из %d)",
		},
		"question.against.weeks":    {English: "against the previous %d weeks", Russian: "к предыдущим %d нед."},
		"question.against.months":   {English: "against the previous %d months", Russian: "к предыдущим %d мес."},
		"question.against.quarters": {English: "against the previous %d quarters", Russian: "к предыдущим %d кв."},
		"question.window.weeks":     {English: "the last %d weeks", Russian: "последние %d нед."},
		"question.focus_standing": {
			English: "Over %[5]s, %[1]s took %[2]s of the leads and %[3]s of the spend but brought %[4]s of the money.",
			Russian: "Сегмент «%[1]s» забирает %[2]s лидов и %[3]s бюджета, а приносит %[4]s денег (%[5]s).",
		},
		"question.ask.manager": {English: "What happens with this manager's leads?", Russian: "Что происходит с лидами этого менеджера?"},

		"stake.line":            {English: "At stake: about %s a week (%s).", Russian: "На кону: около %s в неделю (%s)."},
		"stake.unknown":         {English: "At stake: cannot be estimated (%s).", Russian: "На кону: оценить нельзя (%s)."},
		"stake.unknown.revenue": {English: "no revenue figures", Russian: "нет данных о выручке"},
		"stake.unknown.held":    {English: "the conversion held", Russian: "конверсия не изменилась"},
		"stake.funnel": {
			English: "%s fewer at “%s” × %s of them usually pay × %s average check",
			Russian: "на %s меньше на этапе «%s» × %s из них обычно оплачивают × средний чек %s",
		},
		"stake.spend": {
			English: "spend %s a week against the %s these leads usually cost",
			Russian: "расходы %s в неделю против обычных %s за столько лидов",
		},
		"stake.check":   {English: "%s paid deals a week × %s less per deal", Russian: "%s оплат в неделю × на %s меньше с каждой"},
		"stake.revenue": {English: "revenue %s a week against the usual %s", Russian: "выручка %s в неделю против обычных %s"},
		"stake.focus": {
			English: "the segment's spend %s a week against %s, its share of the money applied to all spend",
			Russian: "расходы сегмента %s в неделю против %s — его доли в деньгах от всего бюджета",
		},
		"evidence.rate": {
			English: "%s: %d of %d = %s (95%% interval %s–%s) against %d of %d = %s over the previous %d periods; noise ×%s of binomial; one-sided p %s",
			Russian: "%s: %d из %d = %s (95%% интервал %s–%s) против %d из %d = %s за предыдущие периоды (%d); шум ×%s к биномиальному; односторонний p %s",
		},
		"evidence.share": {
			English: "%s, the reason's share of the losses: %d of %d = %s (95%% interval %s–%s) against %d of %d = %s over the previous %d periods; noise ×%s; one-sided p %s",
			Russian: "%s, доля причины в отвалах: %d из %d = %s (95%% интервал %s–%s) против %d из %d = %s за предыдущие периоды (%d); шум ×%s; односторонний p %s",
		},
		"evidence.revenue": {
			English: "Revenue: %s against the usual %s (%s–%s over the previous %d periods); the deals' and the average check's tests combined: one-sided p %s",
			Russian: "Выручка: %s против обычных %s (%s–%s за предыдущие периоды: %d); проверки числа оплат и среднего чека вместе: односторонний p %s",
		},
		"evidence.manager": {
			English: "%s: the manager %d of %d = %s (95%% interval %s–%s) against the other managers' %d of %d = %s (%d of them); noise ×%s; one-sided p %s against 90%% of the team's rate",
			Russian: "%s: у менеджера %d из %d = %s (95%% интервал %s–%s) против %d из %d = %s у остальных (их %d); шум ×%s; односторонний p %s против 90%% уровня команды",
		},
		"evidence.trend": {
			English: "%s: slope %s a week over %d weeks (t = %s); the last 4 weeks %s against the first 4 %s; one-sided p %s",
			Russian: "%s: наклон %s в неделю за %d нед. (t = %s); последние 4 недели %s против первых 4 — %s; односторонний p %s",
		},
		"evidence.amount": {
			English: "%s: %s against the usual %s (%s–%s over the previous %d periods); t = %s; one-sided p %s",
			Russian: "%s: %s против обычных %s (%s–%s за предыдущие периоды: %d); t = %s; односторонний p %s",
		},
		"evidence.count": {
			English: "%s: %s against the usual %s (%s–%s over the previous %d periods); one-sided p %s",
			Russian: "%s: %s против обычных %s (%s–%s за предыдущие периоды: %d); односторонний p %s",
		},
		"evidence.focus": {
			English: "Share of the leads or the spend %s against the share of the money %s over %d weeks; the rule: %s times or more",
			Russian: "Доля лидов или бюджета %s против доли денег %s за %d нед.; правило: в %s раза и больше",
		},
		"evidence.family": {
			English: "False alarms kept down across all %d tests of this pack (Benjamini–Hochberg, q = %s).",
			Russian: "Ложные тревоги ограничены по всем проверкам этого разбора (всего: %d; Бенджамини–Хохберг, q = %s).",
		},
		"evidence.guard": {
			English: "A rule of its own, outside that control: a collapse of the money or a misfocus is never left unsaid.",
			Russian: "Отдельное правило вне этого контроля: обвал денег или расфокус не замалчиваются.",
		},
		"stake.total":         {English: "Money at stake: about %s a week in total.", Russian: "На кону: около %s в неделю в сумме."},
		"stake.total_unknown": {English: "Not estimated: %s.", Russian: "Без оценки: %s."},
		"stake.total_none":    {English: "Money at stake: not estimated (questions without an estimate: %s).", Russian: "На кону: без оценки (вопросов без оценки: %s)."},
	})
}

func init() {
	RegisterTexts(Texts{
		"why.title":  {English: "<b>Why question %d</b>\n<i>%s</i>", Russian: "<b>Почему вопрос %d</b>\n<i>%s</i>"},
		"why.button": {English: "Why %d?", Russian: "Почему %d?"},
		"why.gone": {
			English: "The numbers changed since this pack and the question is no longer asked. /review posts the current questions.",
			Russian: "Цифры изменились после этого разбора, и вопрос больше не задаётся. /review покажет текущие вопросы.",
		},
		"why.no_review": {
			English: "No review yet. A CEO opens one with /review.",
			Russian: "Разборов пока не было. CEO открывает разбор командой /review.",
		},
		"why.no_questions": {
			English: "The review of %s asks no questions: nothing moved beyond its noise.",
			Russian: "В разборе за %s вопросов нет: ничего не вышло за пределы обычного разброса.",
		},
		"why.bad_number": {
			English: "The review of %s has questions 1 to %d. For example: /review details 1",
			Russian: "В разборе за %s вопросы с 1 по %d. Например: /review details 1",
		},
	})
}
