package domain

// The bot's words for chat setup, help and roles. Texts with HTML are
// marked in their key's use; error texts are plain and escaped by the bot.
func init() {
	RegisterTexts(Texts{
		"error.internal": {
			English: "Something went wrong on our side. Please try again in a minute.",
			Russian: "Что-то пошло не так на нашей стороне. Попробуйте ещё раз через минуту.",
		},
		"error.ceo_only": {
			English: "Only a CEO of this workspace can do that. Ask a CEO, or see who is who with /team.",
			Russian: "Это может сделать только CEO. Попросите CEO или посмотрите роли: /team.",
		},
		"error.leads_only": {
			English: "Only CEOs and department heads can see this. See who is who with /team.",
			Russian: "Это видят только CEO и руководители отделов. Роли: /team.",
		},
		"chat.not_allowed": {
			English: "Sorry, this bot is not enabled for this chat. Ask the person who runs trackbot to add the chat to access.allowed_chats.",
			Russian: "Извините, бот не включён для этого чата. Попросите администратора trackbot добавить чат в access.allowed_chats.",
		},
		"chat.group_only": {
			English: "%s works in the leadership group chat. Send it there.",
			Russian: "%s работает в групповом чате руководителей. Отправьте команду там.",
		},
		"chat.private_no_workspace": {
			English: "I don't know your workspace yet. Add me to your leadership group and send /setup there, or ask a CEO to give you a role.",
			Russian: "Я пока не знаю вашу компанию. Добавьте меня в группу руководителей и отправьте там /setup или попросите CEO выдать вам роль.",
		},
		"chat.not_set_up": {
			English: "This chat is not set up yet. A chat administrator sends /setup to start.",
			Russian: "Чат ещё не настроен. Администратор чата отправляет /setup, чтобы начать.",
		},
		"chat.unknown_command": {
			English: "I don't know %s. /help lists what I can do.",
			Russian: "Я не знаю команду %s. Что я умею — в /help.",
		},
		"button.stale": {
			English: "This button is out of date.",
			Russian: "Эта кнопка устарела.",
		},
		"help.group_new": {
			English: "<b>trackbot</b> runs your management tracking routine: one end-to-end funnel per client segment, lead quality and drop-off reasons, reviews with questions to department heads, hypotheses with owners and deadlines, and a weekly snapshot.\n\nTo start, a chat administrator sends /setup here. Options: language and time zone, e.g. <code>/setup ru Europe/Moscow</code>.",
			Russian: "<b>trackbot</b> ведёт управленческий трекинг: сквозная воронка по каждому клиентскому сегменту, квалификация лидов и причины отвалов, разборы с вопросами к руководителям отделов, гипотезы с ответственными и сроками и еженедельный срез.\n\nЧтобы начать, администратор чата отправляет здесь /setup. Можно указать язык и часовой пояс: <code>/setup ru Europe/Moscow</code>.",
		},
		"help.private_new": {
			English: "<b>trackbot</b> runs a CEO's tracking routine from the leadership group chat.\n\n1. Add me to your leadership group.\n2. A chat administrator sends /setup there.\n3. CEOs name the department heads: reply to a person's message with <code>/head sales</code>, or the person sends <code>/join sales</code>.",
			Russian: "<b>trackbot</b> ведёт трекинг CEO в чате руководителей.\n\n1. Добавьте меня в группу руководителей.\n2. Администратор чата отправляет там /setup.\n3. CEO назначает руководителей отделов: ответом на сообщение человека <code>/head продажи</code>, или человек сам отправляет <code>/join продажи</code>.",
		},
		"help.workspace": {
			English: "<b>trackbot</b> for %s\n\n" +
				"<b>Numbers</b> (department heads, CEOs)\n/log dealers last week leads=120 qualified=80 spend=350k — the week in one message\n/template, then send the file with /import — the same from CSV/XLSX\n/history — who changed which figure; /undo — undo your last save\n\n" +
				"<b>See</b>\n/funnel [segment] [week|month|quarter] — the funnel\n/managers [segment] [week|month|quarter] — each manager against the team\n/focus — effort vs money per segment\n/competitors [segment] — the market and where we are not different\n/plan [segment] [month] — plan vs fact with the pace (CEOs set plans)\n/export — everything as CSV, XLSX and a ZIP of CSVs\n\n" +
				"<b>Track</b>\n/review — the pack with questions (CEOs); heads answer by replying to it; /review end — the protocol; /reviews — past protocols\n/hyp &lt;text&gt; — log a hypothesis (CEOs); /hyps, /my — lists\n/alert dealers cpl &gt; 1500 — an alert between reviews (CEOs); /alerts — the rules\n/settings — weekly snapshot, reminders, digest (CEOs)\n\n" +
				"<b>Set up</b>\n/segment, /stage, /reason, /department — lists and edits (CEOs)\n/source — numbers from a sheet by link, Kommo or Bitrix24 (CEOs)\n/team — who is who; /join &lt;department&gt; — ask to head one\n/company — in a private chat, which of your companies\n/ceo, /head &lt;department&gt;, /demote — CEOs, as a reply to the person's message",
			Russian: "<b>trackbot</b> — %s\n\n" +
				"<b>Цифры</b> (руководители отделов, CEO)\n/log дилеры прошлая неделя лиды=120 целевые=80 расход=350к — неделя одним сообщением\n/template, затем файл с подписью /import — то же из CSV/XLSX\n/history — кто менял цифры; /undo — отменить своё последнее сохранение\n\n" +
				"<b>Смотреть</b>\n/funnel [сегмент] [неделя|месяц|квартал] — воронка\n/managers [сегмент] [неделя|месяц|квартал] — менеджеры против команды\n/focus — усилия и деньги по сегментам\n/competitors [сегмент] — рынок и где мы не отличаемся\n/plan [сегмент] [месяц] — план и факт с темпом (планы задаёт CEO)\n/export — всё в CSV, XLSX и ZIP из CSV\n\n" +
				"<b>Трекинг</b>\n/review — разбор с вопросами (CEO); руководители отвечают ответом на вопросы; /review end — протокол; /reviews — прошлые протоколы\n/hyp &lt;текст&gt; — записать гипотезу (CEO); /hyps, /my — списки\n/alert дилеры cpl &gt; 1500 — алерт между разборами (CEO); /alerts — правила\n/settings — еженедельный срез, напоминания, дайджест (CEO)\n\n" +
				"<b>Настройка</b>\n/segment, /stage, /reason, /department — списки и правка (CEO)\n/source — цифры из таблицы по ссылке, Kommo или Битрикс24 (CEO)\n/team — кто есть кто; /join &lt;отдел&gt; — попросить роль руководителя\n/company — в личном чате: с какой из ваших компаний работаем\n/ceo, /head &lt;отдел&gt;, /demote — для CEO, ответом на сообщение человека",
		},
		"setup.anonymous": {
			English: "I can't tell who you are: you are posting as the group (anonymous admin). Turn off \"Remain anonymous\" in your admin rights and send /setup again.",
			Russian: "Я не вижу, кто вы: вы пишете от имени группы (анонимный администратор). Отключите «Анонимность» в правах администратора и отправьте /setup ещё раз.",
		},
		"setup.check_failed": {
			English: "I couldn't check your admin rights with Telegram just now. Please send /setup again in a minute.",
			Russian: "Не удалось проверить ваши права администратора в Telegram. Отправьте /setup ещё раз через минуту.",
		},
		"setup.admins_only": {
			English: "Only a chat administrator can set up trackbot here. Ask an admin to send /setup.",
			Russian: "Настроить trackbot может только администратор чата. Попросите администратора отправить /setup.",
		},
		"setup.already": {
			English: "%s is already set up; nothing was changed.",
			Russian: "%s уже настроен; ничего не изменено.",
		},
		"setup.bad_option": {
			English: "I don't understand %q. Write a language (en or ru) and/or an IANA time zone, for example: /setup ru Europe/Moscow",
			Russian: "Не понимаю %q. Укажите язык (en или ru) и/или часовой пояс IANA, например: /setup ru Europe/Moscow",
		},
		"setup.done": {
			English: "✅ <b>%s</b> is set up. You are its first CEO.\n\nTime zone: %s\nDepartments: %s\nFunnel: %s\nSegments: %s\n\nNext: name the heads — reply to a person's message with <code>/head marketing</code> or <code>/head sales</code>, or they send <code>/join sales</code>. /team shows who is who.",
			Russian: "✅ <b>%s</b> настроен. Вы — первый CEO.\n\nЧасовой пояс: %s\nОтделы: %s\nВоронка: %s\nСегменты: %s\n\nДальше: назначьте руководителей — ответьте на сообщение человека <code>/head маркетинг</code> или <code>/head продажи</code>, или человек сам отправит <code>/join продажи</code>. Кто есть кто — /team.",
		},
		"team.title": {
			English: "<b>Team of %s</b>",
			Russian: "<b>Команда: %s</b>",
		},
		"team.ceos": {
			English: "<b>CEO</b>: %s",
			Russian: "<b>CEO</b>: %s",
		},
		"team.nobody": {
			English: "no head yet",
			Russian: "руководитель не назначен",
		},
		"team.pending": {
			English: "<b>Waiting for a CEO's approval</b>",
			Russian: "<b>Ждут одобрения CEO</b>",
		},
		"team.how": {
			English: "CEOs: reply to a person's message with /ceo, /head &lt;department&gt; or /demote.",
			Russian: "CEO: ответьте на сообщение человека командой /ceo, /head &lt;отдел&gt; или /demote.",
		},
		"role.anonymous": {
			English: "Anonymous admins can't get a role: many people may post as the group. Ask the person to turn off \"Remain anonymous\" and write from their own account.",
			Russian: "Анонимному администратору нельзя выдать роль: от имени группы может писать кто угодно. Попросите человека отключить анонимность и написать от своего имени.",
		},
		"role.bot": {
			English: "Bots can't get a role. Reply to a person's message.",
			Russian: "Ботам роли не выдаются. Ответьте на сообщение человека.",
		},
		"role.ceo_usage": {
			English: "Reply to the person's message with /ceo to make them a CEO.",
			Russian: "Ответьте на сообщение человека командой /ceo, чтобы сделать его CEO.",
		},
		"role.ceo_granted": {
			English: "%s is now a CEO.",
			Russian: "%s теперь CEO.",
		},
		"role.head_usage": {
			English: "Reply to the person's message with /head and a department, for example: /head sales. Departments: %s. A CEO adds another with /department add <name>.",
			Russian: "Ответьте на сообщение человека командой /head и названием отдела, например: /head продажи. Отделы: %s. CEO добавляет новый отдел командой /department add <название>.",
		},
		"role.head_granted": {
			English: "%s now heads %s.",
			Russian: "%s теперь руководит отделом «%s».",
		},
		"role.demote_usage": {
			English: "Reply to the person's message with /demote (every role), /demote ceo, or /demote and a department, for example: /demote sales.",
			Russian: "Ответьте на сообщение человека: /demote (снять все роли), /demote ceo или /demote и отдел, например: /demote продажи.",
		},
		"role.demoted": {
			English: "Roles of %s updated.",
			Russian: "Роли %s обновлены.",
		},
		"role.no_department": {
			English: "There is no department %q. See /team for the departments.",
			Russian: "Отдела %q нет. Список отделов — в /team.",
		},
		"role.unknown": {
			English: "Unknown role %q.",
			Russian: "Неизвестная роль %q.",
		},
		"role.not_member": {
			English: "This person has no role here.",
			Russian: "У этого человека нет роли.",
		},
		"role.last_ceo": {
			English: "This is the only CEO. Make someone else a CEO first (/ceo as a reply to their message).",
			Russian: "Это единственный CEO. Сначала назначьте другого CEO (/ceo ответом на его сообщение).",
		},
		"join.usage": {
			English: "Write the department you head, for example: /join sales. Departments: %s. A missing one is added by a CEO with /department add <name>.",
			Russian: "Укажите отдел, которым вы руководите, например: /join продажи. Отделы: %s. Недостающий отдел CEO добавляет командой /department add <название>.",
		},
		"join.already": {
			English: "You already head %s.",
			Russian: "Вы уже руководите отделом «%s».",
		},
		"join.retry": {
			English: "Your request crossed another change. Please send /join again.",
			Russian: "Запрос пересёкся с другим изменением. Отправьте /join ещё раз.",
		},
		"join.card": {
			English: "🙋 %s asks to become the head of <b>%s</b>.\n%s, approve?",
			Russian: "🙋 %s просит роль руководителя отдела <b>%s</b>.\n%s, одобряете?",
		},
		"join.approve": {English: "✅ Approve", Russian: "✅ Одобрить"},
		"join.decline": {English: "✖ Decline", Russian: "✖ Отклонить"},
		"join.ceo_only": {
			English: "Only a CEO can approve or decline this request.",
			Russian: "Одобрить или отклонить запрос может только CEO.",
		},
		"join.handled": {
			English: "This request was already handled.",
			Russian: "Этот запрос уже обработан.",
		},
		"join.handled_card": {
			English: "This request was already handled. /team shows who is who.",
			Russian: "Этот запрос уже обработан. Кто есть кто — /team.",
		},
		"join.approved": {
			English: "✅ %s now heads %s (approved by %s).",
			Russian: "✅ %s теперь руководит отделом «%s» (одобрил(а) %s).",
		},
		"join.declined": {
			English: "✖ The request of %s to head %s was declined by %s.",
			Russian: "✖ Запрос %s на отдел «%s» отклонил(а) %s.",
		},
		"join.done": {English: "Done.", Russian: "Готово."},

		"cmd.help":   {English: "What the bot does and its commands", Russian: "Что умеет бот и его команды"},
		"cmd.setup":  {English: "Set up this group as a workspace (admins)", Russian: "Настроить группу (для администраторов)"},
		"cmd.team":   {English: "Who is who: CEOs and department heads", Russian: "Кто есть кто: CEO и руководители отделов"},
		"cmd.join":   {English: "Ask to become a department head", Russian: "Попросить роль руководителя отдела"},
		"cmd.ceo":    {English: "Make a person a CEO (reply to them)", Russian: "Сделать CEO (ответом на сообщение)"},
		"cmd.head":   {English: "Make a person a department head (reply)", Russian: "Назначить руководителя отдела (ответом)"},
		"cmd.demote": {English: "Take a role away (reply to the person)", Russian: "Снять роль (ответом на сообщение)"},
	})
}
