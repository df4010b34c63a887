package domain

// Texts of the plausibility warnings, the history of the numbers and undo.
func init() {
	RegisterTexts(Texts{
		"plausible.stage_over_previous": {
			English: "%s, %s: %s (%s) is more than %s (%s), the stage before it — a conversion over 100%%.",
			Russian: "%s, %s: %s (%s) больше, чем %s (%s) на этапе перед ними — конверсия выше 100%%.",
		},
		"plausible.lost_over_drop": {
			English: "%s, %s: drop-offs with a reason before %s add up to %s, but only %s were lost after %s.",
			Russian: "%s, %s: отвалов с причиной перед этапом «%s» — %s, а потеряно всего %s после этапа «%s».",
		},
		"plausible.revenue_without_paid": {
			English: "%s, %s: revenue is %s, but %s is zero or missing.",
			Russian: "%s, %s: выручка %s, а «%s» — ноль или не указано.",
		},
		"plausible.absurd_value": {
			English: "%s, %s: %s = %s is more than one week can hold; check the digits and the multiplier.",
			Russian: "%s, %s: %s = %s — слишком много для одной недели; проверьте цифры и множитель.",
		},
		"plausible.above_median": {
			English: "%s, %s: %s is %s, %d× above its usual %s (the median of %d weeks before).",
			Russian: "%s, %s: %s — %s, в %d раз выше обычного %s (медиана %d прошлых недель).",
		},
		"plausible.below_median": {
			English: "%s, %s: %s is %s, %d× below its usual %s (the median of %d weeks before).",
			Russian: "%s, %s: %s — %s, в %d раз ниже обычного %s (медиана %d прошлых недель).",
		},
		"plausible.name.stage_over_previous":  {English: "a stage larger than the one before", Russian: "этап больше предыдущего"},
		"plausible.name.lost_over_drop":       {English: "drop-offs over the items lost", Russian: "отвалов больше, чем потеряно"},
		"plausible.name.far_from_median":      {English: "far from the usual", Russian: "далеко от обычного"},
		"plausible.name.revenue_without_paid": {English: "revenue without paid deals", Russian: "выручка без оплат"},
		"plausible.name.absurd_value":         {English: "an impossible value", Russian: "невозможное значение"},
		"plausible.title":                     {English: "⚠ <b>Please check these numbers:</b>", Russian: "⚠ <b>Проверьте эти цифры:</b>"},
		"plausible.more":                      {English: "…and %d more warnings.", Russian: "…и ещё предупреждений: %d."},
		"plausible.confirm": {
			English: "If the numbers are right, press “Save anyway”; if not, cancel and send them corrected.",
			Russian: "Если цифры верны, нажмите «Всё равно сохранить»; если нет — отмените и пришлите исправленные.",
		},
		"plausible.needs_anyway": {
			English: "These numbers now raise warnings (%d). Send them again to see the warnings, and save them anyway if they are right.",
			Russian: "Эти цифры теперь вызывают предупреждения (%d). Пришлите их ещё раз, чтобы увидеть предупреждения, и сохраните, если цифры верны.",
		},
		"log.save_anyway":       {English: "⚠ Save anyway", Russian: "⚠ Всё равно сохранить"},
		"log.saved_anyway_note": {English: "⚠ Saved despite the warnings; the history notes it.", Russian: "⚠ Сохранено несмотря на предупреждения; в истории это отмечено."},

		"history.title":          {English: "<b>History of the numbers</b>%s", Russian: "<b>История цифр</b>%s"},
		"history.empty":          {English: "No saved changes%s yet.", Russian: "Сохранённых изменений%s пока нет."},
		"history.save":           {English: "#%d · %s · %s (%s)", Russian: "№%d · %s · %s (%s)"},
		"history.save_confirmed": {English: "#%d · %s · %s, confirmed by %s (%s)", Russian: "№%d · %s · %s, подтвердил(а) %s (%s)"},
		"history.undo":           {English: "#%d · %s · %s undid #%d", Russian: "№%d · %s · %s отменил(а) №%d"},
		"history.forced":         {English: "⚠ saved anyway: %s", Russian: "⚠ сохранено несмотря на: %s"},
		"history.figures_more":   {English: "(and %d more)", Russian: "(и ещё %d)"},
		"history.more":           {English: "…and %d earlier. Narrow it down, e.g. /history %s w48.", Russian: "…и ещё %d раньше. Уточните, например: /history %s н48."},
		"history.cli":            {English: "command line", Russian: "командная строка"},
		"history.user":           {English: "user %d", Russian: "пользователь %d"},
		"history.bad_args": {
			English: "I didn't understand “%s”. Write /history, /history dealers or /history dealers w48. Segments: %s.",
			Russian: "Не понял «%s». Пишите /history, /history дилеры или /history дилеры н48. Сегменты: %s.",
		},
		"history.undo_hint": {English: "Undo a save of yours with /undo (or /undo 12 for save #12).", Russian: "Отменить своё сохранение — /undo (или /undo 12 для №12)."},

		"undo.usage": {
			English: "Write /undo to undo your last save, or /undo 12 for save #12 (/history lists them).",
			Russian: "Напишите /undo, чтобы отменить своё последнее сохранение, или /undo 12 для №12 (список — в /history).",
		},
		"undo.forbidden_member": {English: "Only CEOs and department heads can undo saved numbers.", Russian: "Отменять сохранённые цифры могут только CEO и руководители отделов."},
		"undo.not_yours": {
			English: "Save #%d is someone else's: a department head can undo only their own saves, a CEO any.",
			Russian: "Сохранение №%d сделал другой человек: руководитель отдела может отменить только свои сохранения, CEO — любые.",
		},
		"undo.not_a_save": {English: "#%d is an undo, not a save. To change the numbers again, send them with /log.", Russian: "№%d — это отмена, а не сохранение. Чтобы снова изменить цифры, пришлите их через /log."},
		"undo.already":    {English: "Save #%d was already undone.", Russian: "Сохранение №%d уже отменено."},
		"undo.too_old": {
			English: "Save #%d is more than %d days old and can no longer be undone. Send the right numbers with /log instead.",
			Russian: "Сохранению №%d больше %d дней, его уже нельзя отменить. Пришлите верные цифры через /log.",
		},
		"undo.no_such": {English: "There is no save #%d. /history lists them.", Russian: "Сохранения №%d нет. Список — в /history."},
		"undo.nothing": {English: "You have no saves to undo. /history shows who changed what.", Russian: "Вам нечего отменять. Кто что менял — в /history."},
		"undo.changed_since": {
			English: "Save #%d cannot be undone: %s in %s, %s was changed again after it. Send the right numbers with /log.",
			Russian: "Сохранение №%d нельзя отменить: «%s» в сегменте %s, %s с тех пор изменили ещё раз. Пришлите верные цифры через /log.",
		},
		"undo.done": {English: "↩️ Undid save #%d (%s). The numbers are back:", Russian: "↩️ Сохранение №%d отменено (%s). Цифры вернулись:"},

		"cmd.history": {English: "Who changed which numbers: /history [segment] [week]", Russian: "Кто менял цифры: /history [сегмент] [неделя]"},
		"cmd.undo":    {English: "Undo your last save of numbers (CEOs: any)", Russian: "Отменить своё последнее сохранение цифр (CEO — любое)"},
	})
}
