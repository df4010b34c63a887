package domain

// Texts for editing segments, stages and reasons.
func init() {
	RegisterTexts(Texts{
		"setup.bad_name": {
			English: "Write a name of 1 to 40 characters, for example: /segment add Dealers",
			Russian: "Напишите название длиной от 1 до 40 символов, например: /segment add Дилеры",
		},
		"setup.name_taken": {
			English: "%q is already in the list. Pick another name.",
			Russian: "%q уже есть в списке. Выберите другое название.",
		},
		"setup.name_twice": {
			English: "%q is twice in the list. Write each name once.",
			Russian: "%q дважды в списке. Напишите каждое название один раз.",
		},
		"setup.not_found": {
			English: "I can't find %q. Send the command without arguments to see the list.",
			Russian: "Не нахожу %q. Отправьте команду без аргументов, чтобы увидеть список.",
		},
		"setup.bad_position": {
			English: "The position must be a number from 1 to %d, for example: /stage move Meetings 5",
			Russian: "Позиция — число от 1 до %d, например: /stage move Встречи 5",
		},
		"setup.move_usage": {
			English: "Write the name and the new position, for example: /stage move Meetings 5",
			Russian: "Укажите название и новую позицию, например: /stage move Встречи 5",
		},
		"setup.last_segment": {
			English: "This is the only segment: add another one before removing it (/segment add <name>).",
			Russian: "Это единственный сегмент: сначала добавьте другой (/segment add <название>).",
		},
		"setup.role_stage": {
			English: "%s is used to compute CPL, CAC and the average check, so it can't be removed. Rename it instead: /stage rename <old> = <new>",
			Russian: "Этап %s нужен для расчёта CPL, CAC и среднего чека, его нельзя удалить. Переименуйте его: /stage rename <старое> = <новое>",
		},
		"setup.other_reason": {
			English: "\"Other\" is the catch-all reason and stays in every list.",
			Russian: "«Другое» — общая причина, она остаётся в каждом списке.",
		},
		"setup.saved":      {English: "✅ Saved.", Russian: "✅ Сохранено."},
		"setup.focus_on":   {English: "✅ %s is now a focus segment.", Russian: "✅ %s — теперь фокусный сегмент."},
		"setup.focus_off":  {English: "✅ %s is no longer a focus segment.", Russian: "✅ %s больше не фокусный сегмент."},
		"setup.focus_none": {English: "⚠ No segment is in focus now: /review asks no questions about segments. To bring it back: /segment focus %s", Russian: "⚠ Фокусных сегментов не осталось: /review не задаст вопросов по сегментам. Вернуть: /segment focus %s"},
		"setup.focus":      {English: "focus", Russian: "фокус"},
		"setup.title_segment": {
			English: "<b>Segments</b>",
			Russian: "<b>Сегменты</b>",
		},
		"setup.title_stage": {
			English: "<b>Funnel stages</b> (owner department)",
			Russian: "<b>Этапы воронки</b> (отдел-владелец)",
		},
		"setup.title_nontarget": {
			English: "<b>Non-target lead reasons</b>",
			Russian: "<b>Причины нецелевых лидов</b>",
		},
		"setup.title_dropoff": {
			English: "<b>Drop-off reasons</b>",
			Russian: "<b>Причины отвалов</b>",
		},
		"setup.usage_segment": {
			English: "CEOs change segments with:\n/segment add Dealers, Developers\n/segment rename All clients = Retail\n/segment focus Dealers (/segment focus Retail off to clear)\n/segment move Dealers 1\n/segment remove Retail",
			Russian: "CEO меняет сегменты командами:\n/segment add Дилеры, Застройщики\n/segment rename Все клиенты = Физлица\n/segment focus Дилеры (снять: /segment focus Физлица выкл)\n/segment move Дилеры 1\n/segment remove Физлица",
		},
		"setup.usage_stage": {
			English: "CEOs change stages with:\n/stage add Calls after Leads\n/stage rename Proposals = Quotes\n/stage owner Qualified = Sales\n/stage move Meetings 5\n/stage remove Clicks\n/stage reasons Leads on (or off): ask why items were lost on the way into a stage",
			Russian: "CEO меняет этапы командами:\n/stage add Звонки после Лиды\n/stage rename КП = Предложения\n/stage owner Целевые = Продажи\n/stage move Встречи 5\n/stage remove Клики\n/stage reasons Лиды вкл (или выкл): спрашивать, почему отвалились на пути к этапу",
		},
		"setup.reason_usage": {
			English: "CEOs change reasons with:\n/reason add nontarget No license\n/reason add dropoff Long delivery\n/reason rename dropoff Price = Too expensive\n/reason remove nontarget Unreachable",
			Russian: "CEO меняет причины командами:\n/reason add нецелевые Нет лицензии\n/reason add отвал Долгая доставка\n/reason rename отвал Цена = Дорого\n/reason remove нецелевые Недозвон",
		},
		"setup.remove_confirm": {
			English: "%s has numbers recorded. Remove it from the lists and keep its history (the numbers stay in exports)?",
			Russian: "По «%s» уже есть цифры. Убрать из списков и сохранить историю (цифры останутся в выгрузке)?",
		},
		"setup.remove_yes": {English: "Remove, keep history", Russian: "Убрать, историю сохранить"},
		"setup.remove_no":  {English: "Cancel", Russian: "Отмена"},
		"setup.removed": {
			English: "✅ %s removed.",
			Russian: "✅ «%s» удалено.",
		},
		"setup.remove_cancelled": {English: "Nothing was removed.", Russian: "Ничего не удалено."},
		"setup.remove_stale": {
			English: "This was already removed or renamed; nothing changed.",
			Russian: "Это уже удалено или переименовано; ничего не изменилось.",
		},
		"setup.archived": {
			English: "✅ %s removed from the lists; its history is kept.",
			Russian: "✅ «%s» убрано из списков; история сохранена.",
		},
		"setup.asks_reasons": {English: " · drop-off reasons", Russian: " · причины отвала"},
		"setup.reasons_on": {
			English: "✅ Reports now say why items were lost on the way into %s.",
			Russian: "✅ Теперь в отчётах указывают, почему отвалились на пути к этапу «%s».",
		},
		"setup.reasons_off": {
			English: "✅ Reports no longer ask why items were lost on the way into %s.",
			Russian: "✅ Причины отвала на пути к этапу «%s» больше не спрашиваем.",
		},
		"setup.reasons_first_stage": {
			English: "Nothing comes before %s, so nothing is lost on the way into it: it can't ask for drop-off reasons.",
			Russian: "Перед этапом «%s» ничего нет, на пути к нему ничего не теряется: причины отвала для него не спрашивают.",
		},
		"setup.dropoff_stages": {
			English: "Asked for the items lost on the way into: %s. To change: /stage reasons Meetings off",
			Russian: "Спрашиваем про отвалившихся на пути к этапам: %s. Изменить: /stage reasons Встречи выкл",
		},
		"setup.dropoff_no_stages": {
			English: "No stage asks for drop-off reasons now. To ask: /stage reasons Meetings on",
			Russian: "Сейчас ни один этап не спрашивает причины отвала. Включить: /stage reasons Встречи вкл",
		},
		"cmd.segment": {English: "Client segments: list and edit", Russian: "Сегменты клиентов: список и правка"},
		"cmd.stage":   {English: "Funnel stages: list and edit", Russian: "Этапы воронки: список и правка"},
		"cmd.reason":  {English: "Non-target and drop-off reasons", Russian: "Причины нецелевых и отвалов"},
	})
}
