package domain

// Texts of the competitor table: refusals (plain text: the bot escapes
// an error before it shows it) of /competitor and /positioning
// and of a competitor sheet. Russian follows the seed's fourth post: доля
// рынка, продукты и их функции, цены, аудитория, конкурентное
// преимущество, «кому продаём — что продаём — почему покупают у нас».
func init() {
	RegisterTexts(Texts{
		"competitor.example": {
			English: "/competitor add %s PlayMax share=25%% price=300-700k advantage=Fast delivery features=Installation, 5-year warranty",
			Russian: "/competitor add %s ИгроМир доля=25%% цена=300-700к преимущество=Быстрая доставка функции=Монтаж, Гарантия 5 лет",
		},
		"competitor.usage": {
			English: "Add a player of a segment's market (us included) and its facts:\n%s\n\n" +
				"/competitor edit <segment> <player> key=value … changes facts, checked=today confirms them, name= renames, us=yes marks our own row.\n" +
				"/competitor remove <segment> <player> removes a player; /competitor market <segment> volume=2bn source=… sets the market volume.\n" +
				"Keys: share, revenue, source, products, features, price, target, advantage; “—” clears one.",
			Russian: "Добавьте игрока рынка сегмента (нас тоже) и факты о нём:\n%s\n\n" +
				"/competitor edit <сегмент> <игрок> ключ=значение … меняет факты, проверено=сегодня подтверждает их, название= переименовывает, мы=да отмечает нашу строку.\n" +
				"/competitor remove <сегмент> <игрок> удаляет игрока; /competitor market <сегмент> объем=2 млрд источник=… задаёт объём рынка.\n" +
				"Ключи: доля, выручка, источник, продукты, функции, цена, аудитория, преимущество; «—» очищает значение.",
		},
		"competitor.invalid": {
			English: "Nothing was saved. Fix this and send again:\n%s\n\nExample: %s",
			Russian: "Ничего не сохранено. Исправьте и отправьте снова:\n%s\n\nПример: %s",
		},
		"competitor.import_invalid": {
			English: "Nothing was imported. The competitor sheet would leave the table wrong:\n%s",
			Russian: "Ничего не загружено. Лист конкурентов сделал бы таблицу неверной:\n%s",
		},
		"competitor.ceo_only": {
			English: "Only a CEO changes the competitor table.",
			Russian: "Таблицу конкурентов меняет только CEO.",
		},
		"competitor.none_yet":   {English: "the table is empty", Russian: "таблица пуста"},
		"competitor.price_from": {English: "from %s", Russian: "от %s"},
		"competitor.price_to":   {English: "up to %s", Russian: "до %s"},
		"competitor.bad_name": {
			English: "write the player's name after the segment, 1 to %d characters",
			Russian: "напишите название игрока после сегмента, от 1 до %d символов",
		},
		"competitor.no_name": {
			English: "write the segment and then the player's name",
			Russian: "напишите сегмент, а за ним название игрока",
		},
		"competitor.unknown_segment": {
			English: "%q is not a segment; segments: %s",
			Russian: "%q — не сегмент; сегменты: %s",
		},
		"competitor.exists": {
			English: "%s is already in the table: change it with /competitor edit",
			Russian: "%s уже есть в таблице: меняйте через /competitor edit",
		},
		"competitor.not_found": {
			English: "%q is not in the table (%s)",
			Russian: "%q нет в таблице (%s)",
		},
		"competitor.duplicate": {
			English: "%s appears twice in the segment",
			Russian: "%s встречается в сегменте дважды",
		},
		"competitor.too_many": {
			English: "a segment holds up to %d players: keep the ones that matter",
			Russian: "в сегменте до %d игроков: оставьте значимых",
		},
		"competitor.two_us": {
			English: "only one row can be us (us=yes)",
			Russian: "нашей может быть только одна строка (мы=да)",
		},
		"competitor.bad_share": {
			English: "share %q: write a percentage above 0 and up to 100, like share=25%%",
			Russian: "доля %q: напишите процент больше 0 и не больше 100, например доля=25%%",
		},
		"competitor.bad_share_range": {
			English: "the share of %s must be above 0 and up to 100%%",
			Russian: "доля %s должна быть больше 0 и не больше 100%%",
		},
		"competitor.shares_over": {
			English: "the shares add up to %s, more than the whole market: check them (or their sources)",
			Russian: "доли в сумме дают %s — больше всего рынка: проверьте их (или источники)",
		},
		"competitor.bad_money": {
			English: "%q is not an amount above zero: write it like 1 200 000, 1.2m or 350k",
			Russian: "%q — не сумма больше нуля: пишите как 1 200 000, 1,2 млн или 350к",
		},
		"competitor.negative": {
			English: "%s: amounts can't be negative",
			Russian: "%s: суммы не бывают отрицательными",
		},
		"competitor.revenue_over_volume": {
			English: "the revenue of %s is larger than the whole market's volume",
			Russian: "выручка %s больше объёма всего рынка",
		},
		"competitor.bad_price": {
			English: "price %q: write one price or a range, like price=500k, price=300-700k, price=from 300k",
			Russian: "цена %q: напишите цену или диапазон, например цена=500к, цена=300-700к, цена=от 300к",
		},
		"competitor.bad_price_order": {
			English: "price %q: the lower end comes first, like price=300-700k",
			Russian: "цена %q: сначала меньшая, например цена=300-700к",
		},
		"competitor.price_order": {
			English: "the price range of %s starts above its end",
			Russian: "диапазон цен %s начинается выше, чем заканчивается",
		},
		"competitor.bad_date": {
			English: "date %q: write the day the facts were checked, like checked=01.03.2026 or checked=today",
			Russian: "дата %q: напишите день, когда факты проверены, например проверено=01.03.2026 или проверено=сегодня",
		},
		"competitor.future_date_typed": {
			English: "%s is in the future: write the day the facts were checked",
			Russian: "%s — в будущем: напишите день, когда факты проверены",
		},
		"competitor.future_date": {
			English: "%s: checked on %s, which is in the future",
			Russian: "%s: проверено %s — это в будущем",
		},
		"competitor.unknown_key": {
			English: "I don't know the key %q; keys: %s",
			Russian: "Не знаю ключ %q; ключи: %s",
		},
		"competitor.no_value": {
			English: "%s= has no value (write “—” to clear it)",
			Russian: "у %s= нет значения (чтобы очистить, напишите «—»)",
		},
		"competitor.twice": {
			English: "%s is written twice",
			Russian: "%s написано дважды",
		},
		"competitor.bad_us": {
			English: "us=%q: write us=yes or us=no",
			Russian: "мы=%q: напишите мы=да или мы=нет",
		},
		"competitor.too_long": {
			English: "a text is longer than %d characters: keep it short",
			Russian: "текст длиннее %d символов: сократите",
		},
		"competitor.too_many_items": {
			English: "a list holds up to %d items: keep the key ones",
			Russian: "в списке до %d пунктов: оставьте главные",
		},
		"competitor.item_too_long": {
			English: "%q is longer than %d characters: name it in a few words",
			Russian: "%q длиннее %d символов: назовите в нескольких словах",
		},
		"competitor.rename_on_edit": {
			English: "rename a player with /competitor edit … name=New name",
			Russian: "переименовывайте через /competitor edit … название=Новое",
		},
		"competitor.remove_usage": {
			English: "remove takes only the segment and the player: /competitor remove dealers PlayMax",
			Russian: "для удаления нужны только сегмент и игрок: /competitor remove дилеры ИгроМир",
		},
		"competitor.nothing_to_edit": {
			English: "say what to change, like price=350-800k, or checked=today when nothing changed",
			Russian: "напишите, что изменить, например цена=350-800к, или проверено=сегодня, если ничего не изменилось",
		},
		"competitor.volume_on_market": {
			English: "the market volume is the segment's: /competitor market dealers volume=2bn",
			Russian: "объём рынка задаётся для сегмента: /competitor market дилеры объем=2 млрд",
		},
		"competitor.no_volume": {
			English: "write the market's yearly volume: volume=2bn",
			Russian: "напишите годовой объём рынка: объем=2 млрд",
		},
		"competitor.market_keys": {
			English: "%s= does not belong to the market: write volume=, source= or checked=",
			Russian: "%s= не относится к рынку: пишите объем=, источник= или проверено=",
		},
		"competitor.import_handled": {
			English: "This competitor sheet was already imported or cancelled.",
			Russian: "Этот лист конкурентов уже загружен или отменён.",
		},
		"positioning.bad": {
			English: "Write three parts — who we sell to, what, why they buy from us — like:\n/positioning dealers who=Dealers of playgrounds what=Projects of 10–12 elements why=Shipping in 2 weeks\nor split them with |. A “—” removes the statement.",
			Russian: "Напишите три части — кому продаём, что продаём, почему покупают у нас, например:\n/positioning дилеры кому=Дилерам детских площадок что=Проекты из 10–12 элементов почему=Отгрузка за 2 недели\nили разделите их знаком |. «—» удаляет формулировку.",
		},
	})
}
