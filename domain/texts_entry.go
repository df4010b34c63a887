package domain

// Texts of number entry: /log messages, value parsing, week expressions,
// validation and permissions. Every problem says what to write instead.
func init() {
	RegisterTexts(Texts{
		"entry.bad_number": {
			English: "“%s” is not a number. Write it like 120, 1 200 000, 1,2 млн, 1.2m, 350k or 12 345,67.",
			Russian: "«%s» — не число. Пишите так: 120, 1 200 000, 1,2 млн, 350к или 12 345,67.",
		},
		"entry.bad_count": {
			English: "“%s” is not a count: write a whole number of 0 or more, like 120 or 1 200.",
			Russian: "«%s» — не количество: нужно целое число от 0, например 120 или 1 200.",
		},
		"entry.bad_percent": {
			English: "“%s” is not a percentage. Write it like 35%%, 35 or 0.35.",
			Russian: "«%s» — не процент. Пишите так: 35%%, 35 или 0,35.",
		},
		"entry.too_big": {
			English: "“%s” is too large: at most 1 000 000 000 000 000. Check the digits and the multiplier (k, m, bn).",
			Russian: "«%s» — слишком большое число: не больше 1 000 000 000 000 000. Проверьте цифры и множитель (тыс, млн, млрд).",
		},
		"entry.future_week": {
			English: "%s has not begun yet (this week is %s). Check the week number.",
			Russian: "Неделя %s ещё не началась (сейчас %s). Проверьте номер недели.",
		},
		"entry.bad_week": {
			English: "“%s” is not a week. Write w47, 2026-W47, 47/2026, a date like 20.11.2026, or “last week”.",
			Russian: "«%s» — не неделя. Пишите так: н47, 2026-W47, 47/2026, дату вроде 20.11.2026 или «прошлая неделя».",
		},
		"entry.no_such_week": {
			English: "there is no week %d in %d: ISO weeks run from 1 to 52 (53 in some years). Write e.g. w47 or 2026-W47.",
			Russian: "недели %d в %d году нет: недели ISO идут с 1 по 52 (в некоторых годах до 53). Пишите, например, н47 или 2026-W47.",
		},
		"entry.unknown_key_hint": {
			English: "unknown name. Did you mean: %s?",
			Russian: "неизвестное название. Может быть, вы имели в виду: %s?",
		},
		"entry.unknown_key": {
			English: "unknown name. Use a stage (%s), spend, revenue, margin, nontarget.<reason>, lost.<stage>.<reason> or manager.<name>.<stage>.",
			Russian: "неизвестное название. Используйте этап воронки (%s), расход, выручка, маржа, нецелевые.<причина>, отвал.<этап>.<причина> или менеджер.<имя>.<этап>.",
		},
		"entry.unknown_nontarget": {
			English: "unknown non-target reason. Write nontarget.<reason>, one of: %s.",
			Russian: "неизвестная причина нецелевого лида. Пишите нецелевые.<причина>, где причина одна из: %s.",
		},
		"entry.unknown_stage": {
			English: "unknown stage. Stages of the funnel: %s.",
			Russian: "неизвестный этап. Этапы воронки: %s.",
		},
		"entry.unknown_dropoff_stage": {
			English: "write the stage the items were lost before, then the reason: lost.<stage>.<reason>, for example lost.meetings.wrong_phone. Stages: %s.",
			Russian: "укажите этап, до которого не дошли, и причину: отвал.<этап>.<причина>, например отвал.встречи.неверный_номер. Этапы: %s.",
		},
		"entry.unknown_dropoff": {
			English: "unknown drop-off reason. Write lost.<stage>.<reason>, the reason one of: %s.",
			Russian: "неизвестная причина отвала. Пишите отвал.<этап>.<причина>, где причина одна из: %s.",
		},
		"entry.bad_manager_key": {
			English: "write a manager's count as manager.<name>.<stage>, e.g. manager.Anna.meetings=12.",
			Russian: "количество по менеджеру пишите так: менеджер.<имя>.<этап>, например менеджер.Анна.встречи=12.",
		},
		"entry.empty_key": {
			English: "a name is missing. Write name=value, e.g. leads=120.",
			Russian: "не хватает названия. Пишите название=значение, например лиды=120.",
		},
		"entry.no_key": {
			English: "the value “%s” has no name. Write name=value, e.g. leads=120.",
			Russian: "у значения «%s» нет названия. Пишите название=значение, например лиды=120.",
		},
		"entry.no_value": {
			English: "no value. Write name=value, e.g. leads=120.",
			Russian: "нет значения. Пишите название=значение, например лиды=120.",
		},
		"entry.stage_skipped": {
			English: "the segment %s does not use this stage. Leave it out or ask a CEO to change the segment's funnel.",
			Russian: "сегмент %s не использует этот этап. Уберите его или попросите CEO изменить воронку сегмента.",
		},
		"entry.duplicate_key": {
			English: "written twice. Keep one value.",
			Russian: "указано дважды. Оставьте одно значение.",
		},
		"entry.empty": {
			English: "nothing to log. Write the numbers as name=value.",
			Russian: "нечего записать. Пишите цифры в виде название=значение.",
		},
		"entry.no_segment": {
			English: "which segment? Start with one of: %s.",
			Russian: "какой сегмент? Начните с одного из: %s.",
		},
		"entry.unknown_segment": {
			English: "“%s” is not a segment. Start with one of: %s.",
			Russian: "«%s» — не сегмент. Начните с одного из: %s.",
		},
		"entry.unknown_segment_hint": {
			English: "“%s” is not a segment. Did you mean: %s?",
			Russian: "«%s» — не сегмент. Может быть, вы имели в виду: %s?",
		},
		"entry.ambiguous_segment": {
			English: "“%s” could be several segments: %s. Write more of the name.",
			Russian: "«%s» подходит к нескольким сегментам: %s. Напишите название подробнее.",
		},
		"entry.unknown_words": {
			English: "“%s” is not understood. Write the segment, the week and the numbers as name=value.",
			Russian: "«%s» — непонятно. Напишите сегмент, неделю и цифры в виде название=значение.",
		},
		"entry.unknown_words_hint": {
			English: "“%s” is not understood. Did you mean: %s?",
			Russian: "«%s» — непонятно. Может быть, вы имели в виду: %s?",
		},
		"entry.two_weeks": {
			English: "two weeks for one segment: %s and %s. Name one week per segment.",
			Russian: "две недели для одного сегмента: %s и %s. Укажите одну неделю на сегмент.",
		},
		"entry.which_week": {
			English: "%s: which week? The message names several weeks: write the week next to the segment.",
			Russian: "%s: за какую неделю? В сообщении несколько недель: укажите неделю рядом с сегментом.",
		},
		"entry.rate_no_base": {
			English: "“%s” is a share of %s: write %s in the same message too, or the count itself.",
			Russian: "«%s» — это доля от этапа «%s»: укажите «%s» в том же сообщении или само количество.",
		},
		"entry.rate_not_allowed": {
			English: "“%s” is a percentage: write the count itself here, e.g. 12.",
			Russian: "«%s» — это процент: здесь нужно само количество, например 12.",
		},
		"entry.one_segment": {
			English: "this message names several segments or weeks: send one at a time here.",
			Russian: "в сообщении несколько сегментов или недель: здесь присылайте по одному.",
		},
		"entry.too_long": {
			English: "the message is too long: send the week's numbers in at most %d characters, or as a file with /import.",
			Russian: "сообщение слишком длинное: пришлите цифры недели не длиннее %d символов или файлом через /import.",
		},
		"entry.more_problems": {
			English: "• …and %d more.",
			Russian: "• …и ещё %d.",
		},
		"entry.problems": {
			English: "Nothing was saved. Fix this and send again:\n%s\nExample: %s",
			Russian: "Ничего не сохранено. Исправьте и отправьте снова:\n%s\nПример: %s",
		},
		"entry.example": {
			English: "/log %s w47 %s=120 %s=80 spend=350 000 revenue=1.2m margin=35%%",
			Russian: "/log %s н47 %s=120 %s=80 расход=350 000 выручка=1,2 млн маржа=35%%",
		},
		"entry.label.segment": {English: "Segment", Russian: "Сегмент"},
		"entry.label.week":    {English: "Week", Russian: "Неделя"},
		"entry.label.spend":   {English: "Spend", Russian: "Расход"},
		"entry.label.revenue": {English: "Revenue", Russian: "Выручка"},
		"entry.label.margin":  {English: "Margin", Russian: "Маржа"},
		"entry.label.nontarget": {
			English: "Non-target: %s",
			Russian: "Нецелевые: %s",
		},
		"entry.label.dropoff": {
			English: "Lost before %s: %s",
			Russian: "Отвал до этапа «%s»: %s",
		},
		"entry.label.manager": {
			English: "%s: %s",
			Russian: "%s: %s",
		},
		"entry.negative_count": {
			English: "%s cannot be negative.",
			Russian: "%s не может быть меньше нуля.",
		},
		"entry.negative_money": {
			English: "%s cannot be negative.",
			Russian: "%s не может быть меньше нуля.",
		},
		"entry.margin_range": {
			English: "margin %s is outside 0–100%%. Write it like 35%%.",
			Russian: "маржа %s вне диапазона 0–100%%. Пишите так: 35%%.",
		},
		"entry.split_over_leads": {
			English: "%s (%d) and non-target leads (%d) together are more than %s (%d): every lead is qualified, non-target or not yet sorted.",
			Russian: "%s (%d) и нецелевые (%d) вместе больше, чем %s (%d): каждый лид либо целевой, либо нецелевой, либо ещё не разобран.",
		},
		"entry.lost_over_stage": {
			English: "%s: %d lost on the way with a reason, but %s had only %d.",
			Russian: "%s: отвалов с причиной указано %d, а на этапе «%s» было только %d.",
		},
		"entry.managers_over_stage": {
			English: "%s: the managers' counts add up to %d, more than the stage's %d.",
			Russian: "%s: по менеджерам в сумме %d, больше, чем на этапе (%d).",
		},
		"entry.forbidden": {
			English: "Your department does not own these figures: %s. Ask their department head or a CEO to enter them.",
			Russian: "Эти цифры не вашего отдела: %s. Их вносит руководитель отдела или CEO.",
		},
		"entry.forbidden_member": {
			English: "Only CEOs and department heads can enter numbers. Ask a CEO to name you the head of your department.",
			Russian: "Вносить цифры могут только CEO и руководители отделов. Попросите CEO назначить вас руководителем отдела.",
		},
	})
}
