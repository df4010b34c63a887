package domain

// Texts of /managers: each sales manager's conversions against the team.
func init() {
	RegisterTexts(Texts{
		"cmd.managers": {
			English: "Managers' conversions against the team: /managers [segment] [week|month|quarter]",
			Russian: "Конверсии менеджеров против команды: /managers [сегмент] [неделя|месяц|квартал]",
		},
		"managers.usage": {
			English: "Write a segment and optionally week, month, quarter or a week like w46, for example: /managers dealers month. Segments: %s.",
			Russian: "Укажите сегмент и, если нужно, неделю, месяц, квартал или номер недели вроде w46, например: /managers дилеры месяц. Сегменты: %s.",
		},
		"managers.no_data": {
			English: "No per-manager numbers for %s in %s. Enter them with /log, for example:\n<code>%s</code>",
			Russian: "Цифр по менеджерам сегмента %s за %s нет. Внесите их через /log, например:\n<code>%s</code>",
		},
		"managers.caption": {English: "Managers: %s, %s", Russian: "Менеджеры: %s, %s"},
		"managers.title":   {English: "<b>Managers · %s · %s</b>", Russian: "<b>Менеджеры · %s · %s</b>"},
		"managers.team":    {English: "Team", Russian: "Команда"},
		"managers.asked": {
			English: "⚠ far below the team beyond the noise: the review asks the sales head about it.",
			Russian: "⚠ намного ниже команды сверх обычного разброса: разбор спрашивает об этом руководителя продаж.",
		},
	})
}
