package domain

// Texts for entering and viewing the funnel numbers in the chat.
func init() {
	RegisterTexts(Texts{
		"log.usage": {
			English: "Send the week's numbers in one message, for example:\n<code>%s</code>\nOr just %s with the numbers.\n\nStages, reasons and money in English or Russian; the week can be w47, 2026-W47, a date or \"last week\" (default: the last complete week); several segments may follow each other, each starting a line. For a file: /template, then send it back with /import.",
			Russian: "Пришлите цифры недели одним сообщением, например:\n<code>%s</code>\nИли просто %s цифрами.\n\nЭтапы, причины и деньги — по-русски или по-английски; неделя: w47, 2026-W47, дата или «прошлая неделя» (по умолчанию последняя завершённая); можно несколько сегментов подряд, каждый с новой строки. Для файла: /template, затем отправьте его с /import.",
		},
		// The linked words of a numbers prompt (see bot/prompt.go): a reply
		// to the message is read as /log.
		"log.reply_here":       {English: "reply to this message", Russian: "ответьте на это сообщение"},
		"log.reply_fix":        {English: "Or %s with the corrected numbers.", Russian: "Или %s исправленными цифрами."},
		"log.confirm":          {English: "✅ Confirm", Russian: "✅ Подтвердить"},
		"log.cancel":           {English: "✖ Cancel", Russian: "✖ Отмена"},
		"log.preview_title":    {English: "<b>This is what I understood:</b>", Russian: "<b>Вот что я понял:</b>"},
		"log.preview_corrects": {English: "⚠ This changes numbers already saved (figures: %d, weeks: %d); the old values stay in the history.", Russian: "⚠ Это исправляет уже сохранённые цифры (цифр: %d, недель: %d); старые значения останутся в истории."},
		"log.preview_confirm":  {English: "Confirm to save, or cancel.", Russian: "Подтвердите, чтобы сохранить, или отмените."},
		"log.handled":          {English: "These numbers were already saved or cancelled.", Russian: "Эти цифры уже сохранены или отменены."},
		"log.handled_card":     {English: "These numbers were already saved or cancelled. /funnel shows what is stored.", Russian: "Эти цифры уже сохранены или отменены. Что сохранено — в /funnel."},
		"log.not_yours":        {English: "Only the person who sent these numbers or a CEO can confirm them.", Russian: "Подтвердить цифры может только тот, кто их прислал, или CEO."},
		"log.cancelled":        {English: "Cancelled; nothing was saved.", Russian: "Отменено; ничего не сохранено."},
		"log.expired":          {English: "This preview is more than a day old; nothing was saved. Send the numbers again.", Russian: "Предпросмотру больше суток; ничего не сохранено. Пришлите цифры ещё раз."},
		"log.saved_short":      {English: "Saved.", Russian: "Сохранено."},
		"draft.not_found":      {English: "These numbers were already saved or cancelled.", Russian: "Эти цифры уже сохранены или отменены."},
		"import.prompt": {
			English: "Send the CSV or XLSX file as a reply to this message (or with the caption /import). /template gives a ready-to-fill file.",
			Russian: "Отправьте файл CSV или XLSX ответом на это сообщение (или с подписью /import). Готовый шаблон — /template.",
		},
		"import.bad_type": {
			English: "%s is not a CSV or XLSX file. Save the table as .xlsx or .csv and send it again; /template gives a ready-to-fill one.",
			Russian: "%s — не файл CSV или XLSX. Сохраните таблицу как .xlsx или .csv и отправьте снова; готовый шаблон — /template.",
		},
		"import.download_failed": {
			English: "I couldn't download the file from Telegram just now. Please send it again in a minute.",
			Russian: "Не удалось скачать файл из Telegram. Отправьте его ещё раз через минуту.",
		},
		"import.empty": {
			English: "The file has no numbers: fill in at least one cell under a stage, spend or revenue. /template gives a ready-to-fill file.",
			Russian: "В файле нет цифр: заполните хотя бы одну ячейку этапа, расхода или выручки. Готовый шаблон — /template.",
		},
		"template.caption": {
			English: "Fill in the numbers (an empty cell means \"not reported\") and send the file back with the caption /import.",
			Russian: "Заполните цифры (пустая ячейка — «нет данных») и отправьте файл обратно с подписью /import.",
		},
		"export.empty":   {English: "No numbers yet. Send them with /log or a file (/template).", Russian: "Цифр пока нет. Пришлите их через /log или файлом (/template)."},
		"export.caption": {English: "All numbers: %d weekly reports (segment × week).", Russian: "Все цифры: недельных отчётов (сегмент × неделя) — %d."},
		"funnel.usage": {
			English: "Write a segment and optionally week, month, quarter or a week like w46, for example: /funnel dealers month. Segments: %s.",
			Russian: "Укажите сегмент и, если нужно, неделю, месяц, квартал или номер недели вроде w46, например: /funnel дилеры месяц. Сегменты: %s.",
		},
		"funnel.no_data": {
			English: "No numbers for %s in %s yet. Enter them with /log, for example:\n<code>%s</code>",
			Russian: "Цифр по сегменту %s за %s пока нет. Внесите их через /log, например:\n<code>%s</code>",
		},
		"funnel.caption":    {English: "Funnel: %s, %s", Russian: "Воронка: %s, %s"},
		"funnel.col_stage":  {English: "Stage", Russian: "Этап"},
		"funnel.col_count":  {English: "Count", Russian: "Кол-во"},
		"funnel.col_conv":   {English: "Conv", Russian: "Конв"},
		"funnel.cpl":        {English: "CPL", Russian: "CPL"},
		"funnel.cac":        {English: "CAC", Russian: "CAC"},
		"funnel.avg_check":  {English: "Avg check", Russian: "Средний чек"},
		"funnel.spend":      {English: "Spend", Russian: "Расход"},
		"funnel.non_target": {English: "Non-target", Russian: "Нецелевые"},
		"focus.no_data": {
			English: "No numbers for %s yet. Enter them with /log or a file (/template).",
			Russian: "Цифр за %s пока нет. Внесите их через /log или файлом (/template).",
		},
		"focus.caption":     {English: "Segment mix, %s", Russian: "Сегменты: усилия и деньги, %s"},
		"focus.title":       {English: "<b>Focus check, %s</b>: where the effort goes and where the money comes from", Russian: "<b>Проверка фокуса, %s</b>: куда идут усилия и откуда приходят деньги"},
		"focus.col_segment": {English: "Segment", Russian: "Сегмент"},
		"focus.col_leads":   {English: "Leads", Russian: "Лиды"},
		"focus.col_spend":   {English: "Spend", Russian: "Расх"},
		"focus.col_revenue": {English: "Rev", Russian: "Выр"},
		"focus.col_gp":      {English: "GP", Russian: "ВП"},
		"focus.legend": {
			English: "Shares of all segments. * focus segment, ! misfocus. GP: gross profit.",
			Russian: "Доли от всех сегментов. * фокусный сегмент, ! работа не в фокусе. ВП: валовая прибыль.",
		},
		"focus.misfocus": {
			English: "⚠ %s takes more leads or spend than the money it brings. Is marketing and sales effort going where the business earns?",
			Russian: "⚠ %s забирает больше лидов или бюджета, чем приносит денег. Работают ли маркетинг и продажи на тех клиентов, которые приносят бизнесу деньги?",
		},
		"cmd.log":      {English: "Report the week's numbers in one message", Russian: "Внести цифры недели одним сообщением"},
		"cmd.import":   {English: "Import numbers from a CSV/XLSX file", Russian: "Загрузить цифры из файла CSV/XLSX"},
		"cmd.template": {English: "A ready-to-fill file for the numbers", Russian: "Шаблон файла для цифр"},
		"cmd.funnel":   {English: "The funnel: /funnel [segment] [week|month|quarter|w46]", Russian: "Воронка: /funnel [сегмент] [неделя|месяц|квартал|w46]"},
		"cmd.focus":    {English: "Focus check: effort vs money per segment", Russian: "Проверка фокуса по сегментам"},
		"cmd.export":   {English: "All numbers as CSV and XLSX", Russian: "Все цифры в CSV и XLSX"},
	})
}
