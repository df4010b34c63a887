package domain

// Texts of the competitor pictures and of the bot's competitor views.
func init() {
	RegisterTexts(Texts{
		"competitor.col_player":       {English: "Player", Russian: "Игрок"},
		"competitor.col_us":           {English: "Us", Russian: "Мы"},
		"competitor.col_checked":      {English: "Checked", Russian: "Проверено"},
		"competitor.col_checked_fact": {English: "Checked: %s", Russian: "Проверено: %s"},
		"competitor.cell_yes":         {English: "yes", Russian: "да"},
		"competitor.market_row":       {English: "Whole market", Russian: "Весь рынок"},
		"chart.market.title":          {English: "Market shares · %s", Russian: "Доли рынка · %s"},
		"chart.market.rest":           {English: "Rest of the market", Russian: "Остальной рынок"},
		"chart.market.shares":         {English: "Share of the segment's market", Russian: "Доля рынка сегмента"},
		"chart.market.volume":         {English: "Market: %s a year", Russian: "Объём рынка: %s в год"},
		"chart.market.volume_source":  {English: "Market: %s a year · %s", Russian: "Объём рынка: %s в год · %s"},
		"chart.market.revenue_mode": {
			English: "Revenue estimates a year (no shares known)",
			Russian: "Оценка выручки в год (доли неизвестны)",
		},
		"chart.grid.title":        {English: "Who offers what · %s", Russian: "Кто что предлагает · %s"},
		"chart.grid.subtitle":     {English: "%d of %d players, largest first", Russian: "%d из %d игроков, крупные первыми"},
		"chart.grid.subtitle_all": {English: "%d players, largest first", Russian: "Игроков: %d, крупные первыми"},
		"chart.grid.more":         {English: "%d more features", Russian: "ещё функций: %d"},
		"chart.grid.price":        {English: "Price, %s", Russian: "Цена, %s"},
	})
}
