package domain

// Texts of /source: the list, adding, pausing, removing, locking, and
// taking a secret in private.
func init() {
	RegisterTexts(Texts{
		"cmd.source": {English: "Sources the numbers sync from: a sheet by link, Kommo, Bitrix24", Russian: "Источники цифр: таблица по ссылке, Kommo, Битрикс24"},
		"source.usage": {
			English: "<b>Sources</b> bring the numbers by themselves.\n" +
				"/source add &lt;link&gt; — a CSV/XLSX by link, e.g. a Google Sheet published as CSV (…/pub?gid=0&amp;single=true&amp;output=csv)\n" +
				"/source add kommo · /source add bitrix24 — a CRM; the token is taken only in a private chat\n" +
				"/source sync [name] — read now and show a preview to confirm\n" +
				"/source test|map|pause|resume|remove &lt;name&gt;\n" +
				"/source lock|unlock &lt;name&gt; &lt;figure&gt; — keep a figure by hand, e.g. /source lock kommo qualified",
			Russian: "<b>Источники</b> приносят цифры сами.\n" +
				"/source add &lt;ссылка&gt; — CSV/XLSX по ссылке, например Google-таблица, опубликованная как CSV (…/pub?gid=0&amp;single=true&amp;output=csv)\n" +
				"/source add kommo · /source add bitrix24 — CRM; токен принимаю только в личном чате\n" +
				"/source sync [имя] — прочитать сейчас и показать предпросмотр для подтверждения\n" +
				"/source test|map|pause|resume|remove &lt;имя&gt;\n" +
				"/source lock|unlock &lt;имя&gt; &lt;показатель&gt; — вести показатель вручную, например /source lock kommo qualified",
		},
		"source.none": {
			English: "No sources yet. Connect one: /source add &lt;link to a CSV/XLSX&gt;, /source add kommo or /source add bitrix24.",
			Russian: "Источников пока нет. Подключите: /source add &lt;ссылка на CSV/XLSX&gt;, /source add kommo или /source add bitrix24.",
		},
		"source.which": {
			English: "Which source? Name one of: %s — e.g. /source sync <name>.",
			Russian: "Какой источник? Укажите один из: %s — например, /source sync <имя>.",
		},
		"source.no_such": {
			English: "There is no source “%s”. Sources: %s.",
			Russian: "Источника «%s» нет. Источники: %s.",
		},
		"source.too_many": {
			English: "A workspace can have at most %d sources. Remove one first: /source remove <name>.",
			Russian: "Источников может быть не больше %d. Сначала удалите один: /source remove <имя>.",
		},
		"source.bad_name": {
			English: "“%s” cannot be a source name: one word of Latin letters and digits, e.g. /source add <link> weekly.",
			Russian: "«%s» не подходит как имя источника: одно слово латиницей и цифрами, например /source add <ссылка> weekly.",
		},
		"source.name_taken": {
			English: "There already is a source “%s”: choose another name, e.g. /source add <link> weekly2.",
			Russian: "Источник «%s» уже есть: выберите другое имя, например /source add <ссылка> weekly2.",
		},
		"source.bad_link": {
			English: "“%s” is not a link to a file. Send an https:// link to a CSV or XLSX, e.g. a Google Sheet published to the web as CSV: /source add https://docs.google.com/spreadsheets/d/e/…/pub?gid=0&single=true&output=csv",
			Russian: "«%s» — не ссылка на файл. Пришлите https://-ссылку на CSV или XLSX, например Google-таблицу, опубликованную в интернете как CSV: /source add https://docs.google.com/spreadsheets/d/e/…/pub?gid=0&single=true&output=csv",
		},
		"source.no_key": {
			English: "Sources with a token need a secrets key, and this bot has none. Whoever runs the bot sets one — run “openssl rand -base64 32” and put the result in TRACKBOT_SECRETS_KEY (or secrets.key in config.yaml), then restart the bot. A sheet by link needs no key.",
			Russian: "Для источников с токеном нужен ключ шифрования, а у бота его нет. Тот, кто запускает бота, задаёт его: выполните «openssl rand -base64 32» и запишите результат в TRACKBOT_SECRETS_KEY (или secrets.key в config.yaml), затем перезапустите бота. Таблице по ссылке ключ не нужен.",
		},
		"source.no_secret": {
			English: "Source “%s” has no readable token: give it again in a private chat with /source token %[1]s.",
			Russian: "У источника «%s» нет токена, который можно прочитать: передайте его снова в личном чате — /source token %[1]s.",
		},
		"source.not_mapped": {
			English: "Source “%s” is not mapped yet: map at least one pipeline and one stage — /source map %[1]s.",
			Russian: "Источник «%s» ещё не сопоставлен: сопоставьте хотя бы одну воронку и один этап — /source map %[1]s.",
		},
		"source.empty": {
			English: "Source “%s” gave no numbers: check the sheet's rows, or the mapping with /source map %[1]s.",
			Russian: "Источник «%s» не дал цифр: проверьте строки таблицы или сопоставление — /source map %[1]s.",
		},
		"storage.source_not_found": {English: "That source is gone.", Russian: "Этого источника уже нет."},

		"source.kind.sheet":    {English: "sheet", Russian: "таблица"},
		"source.kind.kommo":    {English: "Kommo (amoCRM)", Russian: "Kommo (amoCRM)"},
		"source.kind.bitrix24": {English: "Bitrix24", Russian: "Битрикс24"},

		"source.list_title": {English: "🔗 <b>Sources</b>", Russian: "🔗 <b>Источники</b>"},
		"source.line":       {English: "<b>%s</b> — %s %s — %s", Russian: "<b>%s</b> — %s %s — %s"},
		"source.state.awaiting": {
			English: "waiting for the token in a private chat",
			Russian: "жду токен в личном чате",
		},
		"source.state.lost":     {English: "the token can't be read: /source token %s", Russian: "токен не читается: /source token %s"},
		"source.state.unmapped": {English: "to map: /source map %s", Russian: "нужно сопоставить: /source map %s"},
		"source.state.off":      {English: "not on yet: dry run with /source test %s", Russian: "ещё не включён: пробный прогон — /source test %s"},
		"source.state.on":       {English: "on", Russian: "включён"},
		"source.state.paused":   {English: "paused", Russian: "на паузе"},
		"source.last_ok": {
			English: "last sync %s ✓, figures changed: %d",
			Russian: "последняя синхронизация %s ✓, изменено показателей: %d",
		},
		"source.last_failed": {
			English: "last sync %s failed: %s",
			Russian: "синхронизация %s не удалась: %s",
		},
		"source.failures": {English: "failures in a row: %d", Russian: "неудач подряд: %d"},
		"source.locked":   {English: "kept by hand: %s", Russian: "вручную: %s"},
		"source.list_hint": {
			English: "They sync daily at %s and an hour before the weekly snapshot; /source sync &lt;name&gt; reads now and shows a preview. /source help — all commands.",
			Russian: "Синхронизация — каждый день в %s и за час до еженедельного среза; /source sync &lt;имя&gt; читает сейчас и показывает предпросмотр. /source help — все команды.",
		},
		"source.button.test": {English: "🧪 Test %s", Russian: "🧪 Проверить %s"},
		"source.button.map":  {English: "🗺 Map %s", Russian: "🗺 Сопоставить %s"},

		"source.added_sheet": {
			English: "🔗 Added “%s”. Reading it for a dry run — nothing is saved until you switch it on…",
			Russian: "🔗 Добавлен «%s». Читаю для пробного прогона — ничего не сохраню, пока вы его не включите…",
		},
		"source.reading": {English: "⏳ Reading “%s”…", Russian: "⏳ Читаю «%s»…"},
		"source.paused":  {English: "⏸ “%s” is paused: it does not sync until /source resume %[1]s.", Russian: "⏸ «%s» на паузе: не синхронизируется до /source resume %[1]s."},
		"source.resumed": {English: "▶ “%s” syncs again.", Russian: "▶ «%s» снова синхронизируется."},
		"source.removed": {English: "🗑 Removed “%s”. The numbers it brought stay.", Russian: "🗑 Источник «%s» удалён. Цифры, которые он принёс, остаются."},
		"source.removed_secret": {
			English: "Its token is deleted from the bot; revoke it in the CRM as well.",
			Russian: "Его токен удалён из бота; отзовите его и в CRM.",
		},
		"source.lock_usage": {
			English: "Name the source and the figure, e.g. /source lock %s qualified.",
			Russian: "Укажите источник и показатель, например /source lock %s qualified.",
		},
		"source.locked_now": {
			English: "🔒 “%s” is kept by hand now: “%s” never writes it.",
			Russian: "🔒 «%s» теперь ведётся вручную: «%s» его не перезаписывает.",
		},
		"source.already_locked": {English: "“%s” is already kept by hand.", Russian: "«%s» уже ведётся вручную."},
		"source.unlocked_now": {
			English: "🔓 “%s” comes from “%s” again.",
			Russian: "🔓 «%s» снова приходит из «%s».",
		},
		"source.not_locked": {English: "“%s” was not kept by hand.", Russian: "«%s» и так не ведётся вручную."},

		"source.secret_in_group": {
			English: "⚠ Never post a token or a webhook URL in the group: everyone here can read it. I have deleted the message where I can — if it is still there, delete it yourself. Treat that token as leaked: make a new one in the CRM and send it to me in a private chat.",
			Russian: "⚠ Никогда не отправляйте токен или адрес вебхука в группу: его видят все участники. Я удалил сообщение, где это возможно, — если оно осталось, удалите его сами. Считайте этот токен утёкшим: создайте в CRM новый и пришлите мне в личном чате.",
		},
		"source.go_private": {
			English: "To connect %s I need its token, and I take it only in a private chat. <a href=\"%s\">Open a private chat with me</a> and send it there within %d minutes.",
			Russian: "Чтобы подключить %s, нужен токен, а его я принимаю только в личном чате. <a href=\"%s\">Откройте личный чат со мной</a> и отправьте его туда в течение %d минут.",
		},
		"source.ask.kommo": {
			English: "Send me, in one message, the account address and the long-lived token:\n<code>mycompany.kommo.com eyJ0eXAi…</code>\nWhere to get it: Kommo (amoCRM) → Settings → Integrations → Create integration → private → Keys and scopes → Long-lived token. I delete your message as soon as I have read it.",
			Russian: "Пришлите одним сообщением адрес аккаунта и долгосрочный токен:\n<code>mycompany.amocrm.ru eyJ0eXAi…</code>\nГде взять: amoCRM (Kommo) → Настройки → Интеграции → Создать интеграцию → внешняя (приватная) → Ключи и доступы → Долгосрочный токен. Я удалю ваше сообщение сразу после прочтения.",
		},
		"source.ask.bitrix24": {
			English: "Send me the inbound webhook URL:\n<code>https://mycompany.bitrix24.com/rest/1/abc123xyz/</code>\nWhere to get it: Bitrix24 → Developer resources → Other → Inbound webhook, with the CRM (crm) and Users (user) permissions. I delete your message as soon as I have read it.",
			Russian: "Пришлите адрес входящего вебхука:\n<code>https://mycompany.bitrix24.ru/rest/1/abc123xyz/</code>\nГде взять: Битрикс24 → Разработчикам → Другое → Входящий вебхук, права «CRM» (crm) и «Пользователи» (user). Я удалю ваше сообщение сразу после прочтения.",
		},
		"source.secret_bad.kommo": {
			English: "I could not read that. Write the account address and the token separated by a space, e.g. <code>mycompany.kommo.com eyJ0eXAi…</code>. I have deleted your message anyway.",
			Russian: "Не получилось прочитать. Напишите адрес аккаунта и токен через пробел, например <code>mycompany.amocrm.ru eyJ0eXAi…</code>. Ваше сообщение я всё равно удалил.",
		},
		"source.secret_bad.bitrix24": {
			English: "That is not an inbound webhook URL; it looks like <code>https://mycompany.bitrix24.com/rest/1/abc123xyz/</code>. I have deleted your message anyway.",
			Russian: "Это не адрес входящего вебхука; он выглядит так: <code>https://mycompany.bitrix24.ru/rest/1/abc123xyz/</code>. Ваше сообщение я всё равно удалил.",
		},
		"source.secret_taken": {
			English: "🔒 Got it. I have deleted your message with the token; it is stored encrypted (%s) and never shown again. Checking the connection to “%s” — the mapping will appear in the group.",
			Russian: "🔒 Принято. Сообщение с токеном я удалил; токен хранится зашифрованным (%s) и больше нигде не показывается. Проверяю подключение к «%s» — сопоставление появится в группе.",
		},
		"source.no_wait": {
			English: "I am not waiting for a token from you. Start in the group with /source add kommo or /source add bitrix24.",
			Russian: "Я не жду от вас токена. Начните в группе: /source add kommo или /source add bitrix24.",
		},
	})
}
