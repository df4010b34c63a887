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

// Texts of /competitors, /competitor and /positioning in the chat. Russian
// keeps the seed's words: доля рынка, продукты и функции, цены, аудитория,
// преимущество, «сливаемся с остальными».
func init() {
	RegisterTexts(Texts{
		"cmd.competitors": {English: "Competitors of a segment: shares, offers, prices", Russian: "Конкуренты сегмента: доли, предложения, цены"},
		"cmd.competitor":  {English: "Add, edit or remove a competitor (CEO)", Russian: "Добавить, изменить или убрать конкурента (CEO)"},
		"cmd.positioning": {English: "Who we sell to — what — why they buy from us", Russian: "Кому продаём — что — почему покупают у нас"},

		"competitors.title":      {English: "<b>Competitors · %s</b>", Russian: "<b>Конкуренты · %s</b>"},
		"competitors.caption":    {English: "Market and offers · %s", Russian: "Рынок и предложения · %s"},
		"competitors.usage":      {English: "I don't know the segment %q. Segments: %s. Example: /competitors dealers", Russian: "Не знаю сегмент %q. Сегменты: %s. Пример: /competitors дилеры"},
		"competitors.col_player": {English: "Player", Russian: "Игрок"},
		"competitors.col_share":  {English: "Share", Russian: "Доля"},
		"competitors.col_price":  {English: "Price", Russian: "Цена"},
		"competitors.legend":     {English: "* us; ⚠️ checked more than a quarter ago.", Russian: "* мы; ⚠️ проверено больше квартала назад."},
		"competitors.us":         {English: "(us)", Russian: "(мы)"},
		"competitors.volume":     {English: "Market volume a year", Russian: "Объём рынка в год"},
		"competitors.share":      {English: "Share", Russian: "Доля"},
		"competitors.revenue":    {English: "revenue about %s a year", Russian: "выручка около %s в год"},
		"competitors.products":   {English: "Products", Russian: "Продукты"},
		"competitors.features":   {English: "Features", Russian: "Функции"},
		"competitors.price":      {English: "Price", Russian: "Цены"},
		"competitors.target":     {English: "Audience", Russian: "Аудитория"},
		"competitors.advantage":  {English: "Claimed advantage", Russian: "Преимущество"},
		"competitors.undated":    {English: "date unknown", Russian: "дата неизвестна"},
		"competitors.nothing_known": {
			English: "Nothing known yet: add facts with /competitor edit.",
			Russian: "Пока ничего не известно: добавьте факты через /competitor edit.",
		},
		"competitors.edit_hint": {
			English: "Change with /competitor add|edit|remove (send /competitor for help), or press a player's button.",
			Russian: "Меняйте через /competitor add|edit|remove (справка — /competitor) или кнопкой игрока.",
		},
		"competitors.empty": {
			English: "No competitor table for %s yet. Start the analysis with the players of the market, us included:\n%s\n\nOr fill in the sheet: /competitor template.",
			Russian: "Для сегмента %s таблицы конкурентов пока нет. Начните анализ с игроков рынка, включая нас:\n%s\n\nИли заполните лист: /competitor template.",
		},
		"competitors.elsewhere": {English: "Tables exist for: %s.", Russian: "Таблицы есть для: %s."},
		"competitors.no_us": {
			English: "<b>Where we are not different</b>: add ourselves to compare (us=yes), for example:\n%s us=yes",
			Russian: "<b>Где мы не отличаемся</b>: добавьте себя, чтобы сравнить (мы=да), например:\n%s мы=да",
		},
		"competitors.same_title":      {English: "<b>Where we are not different</b>", Russian: "<b>Где мы не отличаемся</b>"},
		"competitors.same_features":   {English: "• Our features others offer too: %s", Russian: "• Наши функции, которые есть и у других: %s"},
		"competitors.same_advantages": {English: "• Our advantages others claim or offer too: %s", Russian: "• Наши преимущества, которые заявляют или дают и другие: %s"},
		"competitors.same_target":     {English: "• Selling to the same audience (%s): %s", Russian: "• Продают той же аудитории (%s): %s"},
		"competitors.distinct":        {English: "• Ours alone: %s", Russian: "• Есть только у нас: %s"},
		"competitors.all_features_shared": {
			English: "Every feature we claim is offered by others too.",
			Russian: "Каждую нашу функцию предлагают и другие.",
		},
		"competitors.blend_in": {
			English: "🔥 We blend in with the rest: nothing we claim is ours alone. Start from the strategy — who we sell to, what we sell, why they buy from us: /positioning",
			Russian: "🔥 Мы сливаемся с остальными: ничего из заявленного нами не уникально. Начните с бизнес-стратегии — кому продаём, что продаём, почему покупают именно у нас: /positioning",
		},
		"competitors.no_claims": {
			English: "Our row has no features or advantages to compare yet.",
			Russian: "В нашей строке пока нет функций и преимуществ для сравнения.",
		},
		"competitors.stale_title": {
			English: "🕰 <b>Competitor facts older than a quarter</b> — the first review of the quarter is the time to check them again:",
			Russian: "🕰 <b>Факты о конкурентах старше квартала</b> — первый разбор квартала, пора их перепроверить:",
		},
		"competitors.checked_today": {English: "checked=today", Russian: "проверено=сегодня"},
		"competitors.stale_more":    {English: "…and %d more.", Russian: "…и ещё %d."},
		"competitors.stale_how": {
			English: "Still true? Press “✓ Checked today” on the player's card (/competitors) or send %s; changed — /competitor edit with the new values.",
			Russian: "Всё ещё так? Нажмите «✓ Проверено сегодня» в карточке игрока (/competitors) или отправьте %s; изменилось — /competitor edit с новыми значениями.",
		},

		"competitor.saved":        {English: "✅ Saved in %s.", Russian: "✅ Сохранено в сегменте %s."},
		"competitor.market_saved": {English: "✅ The %s market: %s a year.", Russian: "✅ Рынок сегмента %s: %s в год."},
		"competitor.remove_confirm": {
			English: "Remove %s from the %s table? Its facts are deleted.",
			Russian: "Убрать %s из таблицы сегмента %s? Факты о нём будут удалены.",
		},
		"competitor.button_remove_yes": {English: "Remove", Russian: "Убрать"},
		"competitor.button_checked":    {English: "✓ Checked today", Russian: "✓ Проверено сегодня"},
		"competitor.button_remove":     {English: "🗑 Remove", Russian: "🗑 Убрать"},
		"competitor.removed":           {English: "✅ %s removed from the %s table.", Russian: "✅ %s убран из таблицы сегмента %s."},
		"competitor.removed_short":     {English: "Removed", Russian: "Убрано"},
		"competitor.remove_cancelled":  {English: "Nothing was removed.", Russian: "Ничего не удалено."},
		"competitor.gone": {
			English: "This player is no longer in the table.",
			Russian: "Этого игрока уже нет в таблице.",
		},
		"competitor.confirmed": {English: "Every fact is dated today", Russian: "Все факты датированы сегодняшним днём"},
		"competitor.template_caption": {
			English: "The competitor sheet: edit it and send it back to me. Instructions are on the second sheet.",
			Russian: "Лист конкурентов: исправьте и пришлите мне обратно. Инструкция — на втором листе.",
		},
		"competitor.export_caption": {English: "The competitor table (players: %d)", Russian: "Таблица конкурентов (игроков: %d)"},
		"competitor.import_preview": {English: "<b>Competitor sheet from %s</b>", Russian: "<b>Лист конкурентов из %s</b>"},
		"competitor.import_added":   {English: "new — %s", Russian: "новые — %s"},
		"competitor.import_updated": {English: "updated — %s", Russian: "обновятся — %s"},
		"competitor.import_volume":  {English: "market volume", Russian: "объём рынка"},
		"competitor.import_confirm": {
			English: "Empty cells keep what is stored. Confirm to save the whole sheet.",
			Russian: "Пустые ячейки оставляют сохранённое. Подтвердите, чтобы сохранить весь лист.",
		},
		"competitor.imported":         {English: "✅ Competitor sheet saved:", Russian: "✅ Лист конкурентов сохранён:"},
		"competitor.imported_short":   {English: "Saved", Russian: "Сохранено"},
		"competitor.import_cancelled": {English: "Competitor sheet not saved.", Russian: "Лист конкурентов не сохранён."},
		"competitor.import_skipped": {
			English: "The file has a competitor sheet: only a CEO changes that table, so it was left out.",
			Russian: "В файле есть лист конкурентов: эту таблицу меняет только CEO, поэтому он пропущен.",
		},

		"positioning.none": {
			English: "<b>%s: who we sell to — what — why they buy from us</b> is not written yet: /positioning %s who=… what=… why=…",
			Russian: "<b>%s: кому продаём — что — почему покупают у нас</b> пока не записано: /positioning %s кому=… что=… почему=…",
		},
		"positioning.block": {
			English: "<b>%s: who we sell to — what — why they buy from us</b>\nWho: %s\nWhat: %s\nWhy us: %s",
			Russian: "<b>%s: кому продаём — что — почему покупают у нас</b>\nКому: %s\nЧто: %s\nПочему у нас: %s",
		},
		"positioning.saved":   {English: "✅ Saved.", Russian: "✅ Сохранено."},
		"positioning.removed": {English: "✅ The statement of %s is removed.", Russian: "✅ Формулировка сегмента %s удалена."},
		"positioning.usage": {
			English: "A CEO writes it per segment: /positioning dealers who=Dealers of playgrounds what=Projects of 10–12 elements why=Shipping in 2 weeks",
			Russian: "CEO записывает её для сегмента: /positioning дилеры кому=Дилерам детских площадок что=Проекты из 10–12 элементов почему=Отгрузка за 2 недели",
		},
		"positioning.unknown_segment": {
			English: "Start with the segment: /positioning <segment> who=… what=… why=…. Segments: %s",
			Russian: "Начните с сегмента: /positioning <сегмент> кому=… что=… почему=…. Сегменты: %s",
		},
	})
}
