package domain

// The words of hypotheses with a measurable target: proposals, the
// expected effect, the ICE step, edits and their history, and verdicts.
func init() {
	RegisterTexts(Texts{
		"hyp.status.proposed": {English: "proposed", Russian: "предложена"},
		"hyp.status.declined": {English: "declined", Russian: "не одобрена"},

		"hyp.action.approve":        {English: "✓ Approve", Russian: "✓ Одобрить"},
		"hyp.action.decline":        {English: "✗ Decline", Russian: "✗ Отказать"},
		"hyp.action.confirm_nodata": {English: "Confirm without data", Russian: "Подтвердить без данных"},
		"hyp.action.reject_nodata":  {English: "Reject without data", Russian: "Отклонить без данных"},

		"hyp.only_ceo_or_head": {
			English: "Only a CEO logs hypotheses, and a department head proposes them.",
			Russian: "Гипотезы записывает CEO, а руководитель отдела может их предложить.",
		},
		"hyp.only_ceo_edits": {
			English: "Only a CEO edits a hypothesis (and the head who proposed it, until it is approved).",
			Russian: "Менять гипотезу может только CEO (и предложивший её руководитель, пока она не одобрена).",
		},
		"hyp.needs_data": {
			English: "The numbers give no verdict on %s yet: no measured week of its target metric (or no baseline to compare with). To decide anyway, press “without data” and give the reason.",
			Russian: "По цифрам итога для %s ещё нет: нет измеренной недели целевой метрики (или базы для сравнения). Чтобы решить без данных, нажмите «без данных» и укажите причину.",
		},
		"hyp.nodata_reason": {
			English: "Deciding on %s without data needs a reason: reply to my question with it.",
			Russian: "Решение по %s без данных требует причины: ответьте ею на мой вопрос.",
		},

		"hyp.effect_bad": {
			English: "I can't read the expected effect %q. Write a change or a target, e.g. %s.",
			Russian: "Не понимаю ожидаемый эффект «%s». Напишите изменение или цель, например: %s.",
		},
		"hyp.effect_out_of_range": {
			English: "That effect does not fit the metric. Examples: %s.",
			Russian: "Такой эффект не подходит к метрике. Примеры: %s.",
		},
		"hyp.effect_points_amount": {
			English: "Percentage points are for rates; change an amount in percent (−20%) or give a target (≤ 1 500).",
			Russian: "Процентные пункты — для конверсий и долей; сумму меняйте в процентах (−20%) или задайте цель (≤ 1 500).",
		},
		"hyp.effect_points_unsigned": {
			English: "%q: points are a change, so give the sign (+10 pp or −10 pp), or a target such as ≥ 45%%.",
			Russian: "«%s»: пункты — это изменение, укажите знак (+10 п.п. или −10 п.п.) или цель, например ≥ 45%%.",
		},

		"hyp.edit_usage": {
			English: "To change a hypothesis: /hyp H-3 deadline 10.12, /hyp H-3 text <new text>, /hyp H-3 effect +10 pp, /hyp H-3 ice 8 6 7 or /hyp H-3 department sales.",
			Russian: "Чтобы изменить гипотезу: /hyp Г-3 срок 10.12, /hyp Г-3 текст <новый текст>, /hyp Г-3 эффект +10 п.п., /hyp Г-3 айс 8 6 7 или /hyp Г-3 отдел продажи.",
		},
		"hyp.edit_unchanged": {English: "%s already has that.", Russian: "У %s уже так."},
		"hyp.edited":         {English: "<b>%s</b> · %s", Russian: "<b>%s</b> · %s"},

		"hyp.edit_field.text":       {English: "Text", Russian: "Текст"},
		"hyp.edit_field.effect":     {English: "Expected effect", Russian: "Ожидаемый эффект"},
		"hyp.edit_field.deadline":   {English: "Deadline", Russian: "Срок"},
		"hyp.edit_field.department": {English: "Department", Russian: "Отдел"},
		"hyp.edit_field.ice":        {English: "ICE", Russian: "ICE"},
		"hyp.edit_field.metric":     {English: "Target metric", Russian: "Целевая метрика"},

		"hyp.menu_edit":        {English: "✎ Edit", Russian: "✎ Изменить"},
		"hyp.menu_deadline":    {English: "⏱ Deadline", Russian: "⏱ Срок"},
		"hyp.menu_back":        {English: "‹ Back", Russian: "‹ Назад"},
		"hyp.extend_week":      {English: "+1 week → %s", Russian: "+1 неделя → %s"},
		"hyp.extend_two_weeks": {English: "+2 weeks → %s", Russian: "+2 недели → %s"},
		"hyp.extend_month":     {English: "End of month → %s", Russian: "Конец месяца → %s"},
		"hyp.effect_typed":     {English: "Type an effect", Russian: "Ввести эффект"},
		"hyp.reply_with_value": {English: "Reply to my message with the new value.", Russian: "Ответьте на моё сообщение новым значением."},
		"hyp.ask_deadline": {
			English: "<b>%s</b> · %s, reply to this message with the new deadline, e.g. 10.12.2026.",
			Russian: "<b>%s</b> · %s, ответьте на это сообщение новым сроком, например 10.12.2026.",
		},
		"hyp.ask_text": {
			English: "<b>%s</b> · %s, reply to this message with the new text of the hypothesis.",
			Russian: "<b>%s</b> · %s, ответьте на это сообщение новым текстом гипотезы.",
		},
		"hyp.ask_ice": {
			English: "<b>%s</b> · %s, reply to this message with the ICE score: impact, confidence and ease from 1 to 10, e.g. 8 6 7.",
			Russian: "<b>%s</b> · %s, ответьте на это сообщение оценкой ICE: влияние, уверенность и простота от 1 до 10, например 8 6 7.",
		},
		"hyp.ask_effect": {
			English: "<b>%s</b> · %s, reply to this message with the expected effect, e.g. %s.",
			Russian: "<b>%s</b> · %s, ответьте на это сообщение ожидаемым эффектом, например: %s.",
		},
		"hyp.ask_reason_confirm": {
			English: "<b>%s</b> · %s, the numbers give no verdict yet. Reply to this message with why you confirm it anyway.\n<i>%s</i>",
			Russian: "<b>%s</b> · %s, по цифрам итога ещё нет. Ответьте на это сообщение, почему вы всё же подтверждаете гипотезу.\n<i>%s</i>",
		},
		"hyp.ask_reason_reject": {
			English: "<b>%s</b> · %s, the numbers give no verdict yet. Reply to this message with why you reject it anyway.\n<i>%s</i>",
			Russian: "<b>%s</b> · %s, по цифрам итога ещё нет. Ответьте на это сообщение, почему вы всё же отклоняете гипотезу.\n<i>%s</i>",
		},
		"hyp.reply_with_reason": {English: "Reply to my message with the reason.", Russian: "Ответьте на моё сообщение причиной."},
		"hyp.decided_nodata":    {English: "%s is %s without data; the reason is in its history.", Russian: "%s: «%s» без данных; причина — в истории."},

		"hyp.step_expected": {
			English: "By how much should it move? Pick a change, or reply to this message with yours, e.g. %s.",
			Russian: "Насколько она должна сдвинуться? Выберите изменение или ответьте на это сообщение своим, например: %s.",
		},
		"hyp.step_ice_impact": {
			English: "ICE score, 1–10 each: how big is the <b>impact</b>? Or skip the score.",
			Russian: "Оценка ICE, от 1 до 10: насколько велико <b>влияние</b>? Или пропустите оценку.",
		},
		"hyp.step_ice_confidence": {
			English: "ICE: impact %d. How sure are you it works (<b>confidence</b>)?",
			Russian: "ICE: влияние %d. Насколько вы <b>уверены</b>, что сработает?",
		},
		"hyp.step_ice_ease": {
			English: "ICE: impact %d, confidence %d. How <b>easy</b> is it to do?",
			Russian: "ICE: влияние %d, уверенность %d. Насколько это <b>просто</b> сделать?",
		},
		"hyp.skip_ice": {English: "Skip ICE", Russian: "Без ICE"},
		"hyp.list_ice": {English: "ICE %d", Russian: "ICE %d"},

		"hyp.proposed_by": {
			English: "Proposed by %s; waits for a CEO to approve it: %s",
			Russian: "Предложил(а) %s; ждёт одобрения CEO: %s",
		},
		"hyp.history_line":    {English: "<i>%s · %s: %s</i>", Russian: "<i>%s · %s: %s</i>"},
		"hyp.history_earlier": {English: "<i>… %d earlier</i>", Russian: "<i>… ещё %d раньше</i>"},
		"hyp.history_nodata":  {English: "%s without data — %s", Russian: "%s без данных — %s"},

		"hyp.verdict.met":     {English: "met", Russian: "достигнут"},
		"hyp.verdict.partly":  {English: "partly met", Russian: "достигнут частично"},
		"hyp.verdict.not_met": {English: "not met", Russian: "не достигнут"},
		"hyp.verdict.no_data": {English: "not enough data", Russian: "мало данных"},
		"hyp.noise.beyond":    {English: "beyond the usual noise", Russian: "за пределами обычного шума"},
		"hyp.noise.within":    {English: "within the usual noise", Russian: "в пределах обычного шума"},
		"hyp.noise.unknown":   {English: "too little history to judge the noise", Russian: "мало истории, чтобы судить о шуме"},
		"review.verdict":      {English: "verdict: %s (%s → %s, %s)", Russian: "итог: %s (%s → %s, %s)"},
		"hyp.verdict_line":    {English: "Verdict: <b>%s</b> · %s", Russian: "Итог: <b>%s</b> · %s"},
		"hyp.verdict_values":  {English: "Baseline %s → measured %s (%s) · target %s", Russian: "База %s → замер %s (%s) · цель %s"},
		"hyp.verdict_weeks":   {English: "Measured %s: %s", Russian: "Замер %s: %s"},
		"hyp.verdict_not_started": {
			English: "Verdict: not enough data — the work has not started.",
			Russian: "Итог: мало данных — работа не начата.",
		},
		"hyp.verdict_wait": {
			English: "Verdict: not enough data — it is measured from %s, which has not ended yet.",
			Russian: "Итог: мало данных — замер идёт с %s, а она ещё не закончилась.",
		},
		"hyp.verdict_no_numbers": {
			English: "Verdict: not enough data — no numbers for %s yet.",
			Russian: "Итог: мало данных — цифр за %s ещё нет.",
		},
	})
}
