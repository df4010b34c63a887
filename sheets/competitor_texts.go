package sheets

import "trackbot/domain"

// Texts of the competitor sheet.
func init() {
	domain.RegisterTexts(domain.Texts{
		"sheets.sheet.competitors": {domain.English: "Competitors", domain.Russian: "Конкуренты"},
		"sheets.competitor_column": {
			domain.English: "unknown column. Competitor sheet columns: segment, player, us, share, revenue, source, products, features, price, target, advantage, and “Checked: …” dates.",
			domain.Russian: "неизвестный столбец. Столбцы листа конкурентов: сегмент, игрок, мы, доля, выручка, источник, продукты, функции, цена, аудитория, преимущество и даты «Проверено: …».",
		},
		"sheets.no_player_column": {
			domain.English: "there is no “player” column. Keep the first row as in the template (/competitor template).",
			domain.Russian: "нет столбца «игрок». Оставьте первую строку как в шаблоне (/competitor template).",
		},
		"sheets.no_player": {
			domain.English: "the player's name is missing.",
			domain.Russian: "не указано название игрока.",
		},
		"sheets.duplicate_player": {
			domain.English: "this player of this segment is already in row %d. Keep one row per player.",
			domain.Russian: "этот игрок сегмента уже есть в строке %d. Оставьте одну строку на игрока.",
		},
		"sheets.bad_yes_no": {
			domain.English: "write yes (or 1) for our own row, or leave it empty.",
			domain.Russian: "напишите «да» (или 1) в нашей строке или оставьте пустым.",
		},
		"sheets.market_row": {
			domain.English: "the whole market's row holds only its volume (in the revenue column), the source and the date.",
			domain.Russian: "в строке всего рынка — только объём (в столбце выручки), источник и дата.",
		},
		"sheets.competitors_empty": {
			domain.English: "The competitor sheet has no player filled in. Fill in at least one row and send it again.",
			domain.Russian: "В листе конкурентов не заполнен ни один игрок. Заполните хотя бы одну строку и пришлите снова.",
		},
		"sheets.competitor_instructions": {
			domain.English: "How to fill in the competitor sheet\n" +
				"One row is one player of a segment's market; put your own company in too, with “yes” in the Us column.\n" +
				"Share: 25% of the market. Revenue: a yearly estimate, like 120000000, when the share is unknown.\n" +
				"A row named “Whole market” gives the market's yearly volume in the Revenue column.\n" +
				"Products, features, advantage: several items separated by “;”. Price: 500000, 300000-700000 or from 300000.\n" +
				"Checked: the day each fact was last checked, like 2026-03-01; empty means today.\n" +
				"An empty cell keeps what is stored; “—” clears it. Send the file back to the bot.",
			domain.Russian: "Как заполнить лист конкурентов\n" +
				"Одна строка — один игрок рынка сегмента; впишите и свою компанию, с «да» в столбце «Мы».\n" +
				"Доля: 25% рынка. Выручка: оценка за год, например 120000000, если доля неизвестна.\n" +
				"Строка «Весь рынок» задаёт годовой объём рынка в столбце «Выручка».\n" +
				"Продукты, функции, преимущество: несколько пунктов через «;». Цена: 500000, 300000-700000 или от 300000.\n" +
				"Проверено: день, когда факт последний раз проверяли, например 2026-03-01; пусто — сегодня.\n" +
				"Пустая ячейка оставляет сохранённое; «—» очищает. Пришлите файл боту.",
		},
	})
}
