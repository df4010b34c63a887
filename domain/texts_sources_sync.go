package domain

// Texts of syncs: dry runs, switching on, what the CEOs are told, the
// mapping card, and what went wrong.
func init() {
	RegisterTexts(Texts{
		"source.failed": {
			English: "❌ “%s” could not sync: %s Nothing was saved.",
			Russian: "❌ «%s» не синхронизировался: %s Ничего не сохранено.",
		},
		"source.failed_retry": {
			English: "I will try again at %s; /source sync %s tries now.",
			Russian: "Попробую снова в %s; /source sync %s — попробовать сейчас.",
		},
		"source.dry_title": {
			English: "🧪 <b>Dry run of “%s”</b>: %s as a sync would save it. Nothing is saved yet.",
			Russian: "🧪 <b>Пробный прогон «%s»</b>: %s — так сохранит синхронизация. Пока ничего не сохранено.",
		},
		"source.dry_latest": {
			English: "The source has no numbers for last week (%s); this is its latest week.",
			Russian: "За прошлую неделю (%s) в источнике цифр нет; это его последняя неделя.",
		},
		"source.dry_switch": {
			English: "Switch it on and it syncs by itself: daily at %s and an hour before the weekly snapshot. Each sync is in /history and can be undone.",
			Russian: "Включите — и он будет синхронизироваться сам: каждый день в %s и за час до еженедельного среза. Каждая синхронизация видна в /history, её можно отменить.",
		},
		"source.button.on":      {English: "✅ Switch on", Russian: "✅ Включить"},
		"source.button.dry":     {English: "🧪 Dry run", Russian: "🧪 Пробный прогон"},
		"source.button.mapping": {English: "🗺 Mapping", Russian: "🗺 Сопоставление"},
		"source.on": {
			English: "✅ “%s” is on. First sync: %s",
			Russian: "✅ «%s» включён. Первая синхронизация: %s",
		},
		"source.switched_on": {English: "Switched on", Russian: "Включено"},
		"source.saved": {
			English: "figures saved: %d (revision #%d; /undo %[2]d reverts it).",
			Russian: "сохранено показателей: %d (правка №%d; /undo %[2]d отменит её).",
		},
		"source.nothing_new": {English: "nothing new to save.", Russian: "нового для сохранения нет."},
		"source.synced_warn": {
			English: "🔗 “%s” synced %d figures (revision #%d; /undo %[3]d reverts it). Please look at these:",
			Russian: "🔗 «%s» синхронизировал показателей: %d (правка №%d; /undo %[3]d отменит её). Посмотрите:",
		},
		"source.snapshot_failing": {
			English: "⚠ Source “%s” failed %d times in a row: %s Numbers may be missing; a CEO can fix it with /source.",
			Russian: "⚠ Источник «%s» не синхронизировался %d раза подряд: %s Цифр может не хватать; CEO может исправить это через /source.",
		},

		"source.map_title":   {English: "🗺 <b>Mapping of “%s”</b> (%s)", Russian: "🗺 <b>Сопоставление «%s»</b> (%s)"},
		"source.map_part.sg": {English: "Pipelines → segments", Russian: "Воронки → сегменты"},
		"source.map_part.st": {English: "Stages", Russian: "Этапы"},
		"source.map_part.rs": {English: "Loss reasons → drop-off reasons", Russian: "Причины отказа → причины потерь"},
		"source.map_part.mg": {English: "Managers", Russian: "Менеджеры"},
		"source.map_line":    {English: "• %s → %s", Russian: "• %s → %s"},
		"source.map_skip":    {English: "— (left out)", Russian: "— (не учитывается)"},
		"source.map_more":    {English: "… and %d more", Russian: "… и ещё %d"},
		"source.map_hint": {
			English: "I matched what I could by name. Press a part to change it, then run the dry run.",
			Russian: "Что смог, я сопоставил по названиям. Нажмите на раздел, чтобы изменить, затем запустите пробный прогон.",
		},
		"source.map_pick":        {English: "What is “%s” in the workspace?", Russian: "Чему в пространстве соответствует «%s»?"},
		"source.map_items":       {English: "Press what to change (%s):", Russian: "Нажмите, что изменить (%s):"},
		"source.map_skip_button": {English: "— leave out", Russian: "— не учитывать"},
		"source.map_keep_button": {English: "Keep the name", Russian: "Оставить имя"},
		"source.map_back":        {English: "⬅ Back", Russian: "⬅ Назад"},
		"source.map_more_button": {English: "More ➡", Russian: "Ещё ➡"},
		"source.map_saved":       {English: "Saved", Russian: "Сохранено"},
		"source.map_sheet": {
			English: "“%s” is a sheet: it uses the workspace's own names, as an uploaded file does, so there is nothing to map.",
			Russian: "«%s» — таблица: в ней те же названия, что и в загружаемом файле, сопоставлять нечего.",
		},
		"source.map_empty": {English: "The CRM offers nothing here.", Russian: "В CRM здесь ничего нет."},

		"source.fail.network": {
			English: "the server could not be reached (%s).",
			Russian: "сервер недоступен (%s).",
		},
		"source.fail.unauthorized": {
			English: "the token was refused (%s): make a new one in the CRM and give it with /source token.",
			Russian: "токен не принят (%s): создайте новый в CRM и передайте его командой /source token.",
		},
		"source.fail.limit": {
			English: "the CRM's request limit was hit (%s).",
			Russian: "превышен лимит запросов CRM (%s).",
		},
		"source.fail.changed": {
			English: "the CRM changed — mapped things are gone: %s. Map them again with /source map.",
			Russian: "в CRM что-то изменилось — исчезло сопоставленное: %s. Сопоставьте заново: /source map.",
		},
		"source.fail.private": {
			English: "the link leads to a private or local address (%s); only public internet addresses are allowed.",
			Russian: "ссылка ведёт на частный или локальный адрес (%s); разрешены только публичные адреса интернета.",
		},
		"source.fail.link": {
			English: "the link cannot be used (%s).",
			Russian: "ссылкой нельзя воспользоваться (%s).",
		},
		"source.fail.status": {
			English: "the server answered %s — is the sheet still published, and the link right?",
			Russian: "сервер ответил %s — таблица всё ещё опубликована, ссылка верна?",
		},
		"source.fail.too_big": {
			English: "the file is larger than the limit (%s).",
			Russian: "файл больше допустимого (%s).",
		},
		"source.fail.html": {
			English: "the link opens a web page, not a file%s. Publish the sheet as CSV (File → Share → Publish to web → CSV) and use that link.",
			Russian: "по ссылке открывается веб-страница, а не файл%s. Опубликуйте таблицу как CSV (Файл → Поделиться → Опубликовать в интернете → CSV) и используйте эту ссылку.",
		},
		"source.fail.secret": {
			English: "the token or the address is not in the form the CRM needs (%s): give it again with /source token.",
			Russian: "токен или адрес не в том виде, который нужен CRM (%s): передайте его снова командой /source token.",
		},
		"source.fail.data": {English: "%s", Russian: "%s"},
		"source.fail.other": {
			English: "%s.",
			Russian: "%s.",
		},
		"source.fail.unavailable": {
			English: "this kind of source is not available in this build of the bot (%s).",
			Russian: "такой источник недоступен в этой сборке бота (%s).",
		},
	})
}
