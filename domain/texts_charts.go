package domain

// Texts of the chart pictures: titles, legends and axis words.
func init() {
	RegisterTexts(Texts{
		"chart.no_data":       {English: "No data for this period", Russian: "Нет данных за этот период"},
		"chart.all_segments":  {English: "All segments", Russian: "Все сегменты"},
		"chart.other_reasons": {English: "%d more reasons", Russian: "Ещё причин: %d"},

		"chart.funnel.title":     {English: "Funnel · %s · %s", Russian: "Воронка · %s · %s"},
		"chart.funnel.conv":      {English: "Conversion", Russian: "Конверсия"},
		"chart.funnel.log_scale": {English: "log scale", Russian: "лог. шкала"},

		"chart.trend.title": {English: "Conversion trend · %s · %s", Russian: "Динамика конверсий · %s · %s"},

		"chart.dropoffs.title": {English: "Drop-off reasons · %s · %s", Russian: "Причины отвала · %s · %s"},
		"chart.dropoffs.stage": {English: "%s: %s lost", Russian: "%s: потеряно %s"},
		"chart.dropoffs.more":  {English: "and %d more stages with losses", Russian: "и ещё этапов с потерями: %d"},

		"chart.quality.title":   {English: "Non-target leads · %s · %s", Russian: "Нецелевые лиды · %s · %s"},
		"chart.quality.share":   {English: "Share of non-target leads by week", Russian: "Доля нецелевых лидов по неделям"},
		"chart.quality.reasons": {English: "Reasons, %s", Russian: "Причины, %s"},

		"chart.mix.title":        {English: "Segment mix · %s", Russian: "Фокус по сегментам · %s"},
		"chart.mix.leads":        {English: "Leads", Russian: "Лиды"},
		"chart.mix.spend":        {English: "Spend", Russian: "Бюджет"},
		"chart.mix.revenue":      {English: "Revenue", Russian: "Выручка"},
		"chart.mix.gross_profit": {English: "Gross profit", Russian: "Валовая прибыль"},
		"chart.mix.misfocus":     {English: "effort above profit", Russian: "не окупает усилий"},

		"chart.table.title":     {English: "End-to-end funnel · %s", Russian: "Сквозная воронка · %s"},
		"chart.table.cpl":       {English: "CPL", Russian: "Цена лида"},
		"chart.table.cac":       {English: "CAC", Russian: "Цена клиента"},
		"chart.table.avg_check": {English: "Average check", Russian: "Средний чек"},
		"chart.table.romi":      {English: "ROMI", Russian: "ROMI"},

		"chart.managers.title": {English: "Managers · %s · %s", Russian: "Менеджеры · %s · %s"},
		"chart.managers.legend": {
			English: "Bar: manager · tick: team · red: the review asks about it",
			Russian: "Полоса: менеджер · черта: команда · красное: вопрос разбора",
		},
		"chart.managers.team": {English: "Team", Russian: "Команда"},

		// A chart left out of a review or a snapshot, and why (see chartdata.go).
		"chart.gap.title":        {English: "<i>Left out of the charts:</i>", Russian: "<i>Не вошло в графики:</i>"},
		"chart.gap.no_figures":   {English: "%s — no numbers for %s", Russian: "%s — нет цифр за %s"},
		"chart.gap.few_weeks":    {English: "%s — needs %d weeks with numbers, has %d", Russian: "%s — нужно недель с цифрами: %d, есть: %d"},
		"chart.gap.no_losses":    {English: "%s — no losses with a reason in %s", Russian: "%s — за %s нет потерь с причиной"},
		"chart.gap.few_segments": {English: "%s — needs %d segments with numbers", Russian: "%s — нужно сегментов с цифрами: %d"},
		"chart.gap.budget":       {English: "%s — see /funnel; the pack stays short", Russian: "%s — см. /funnel, чтобы не перегружать чат"},
		"chart.gap.funnel":       {English: "Funnel", Russian: "Воронка"},
		"chart.gap.trend":        {English: "Conversion trend", Russian: "Динамика конверсий"},
		"chart.gap.dropoffs":     {English: "Drop-off reasons", Russian: "Причины отвала"},
		"chart.gap.quality":      {English: "Lead quality", Russian: "Качество лидов"},
		"chart.gap.mix":          {English: "Segment mix", Russian: "Фокус по сегментам"},
		"chart.gap.table":        {English: "End-to-end table", Russian: "Сквозная таблица"},
	})
}
