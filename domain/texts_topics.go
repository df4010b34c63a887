package domain

// Texts of forum topics in /settings and of private chats with a person in
// several companies (/company). Keys used in HTML messages hold HTML;
// arguments are escaped by the bot.
func init() {
	RegisterTexts(Texts{
		"cmd.company": {English: "Which of your companies this private chat is about", Russian: "С какой из ваших компаний работаем в личном чате"},
		"company.pick": {
			English: "You are in several companies. Which one shall I work with in this chat? You can switch later with /company.",
			Russian: "Вы состоите в нескольких компаниях. С какой работаем в этом чате? Переключиться можно позже командой /company.",
		},
		"company.current": {
			English: "In this chat I work with <b>%s</b>. Switch to:",
			Russian: "В этом чате я работаю с компанией <b>%s</b>. Переключиться на:",
		},
		"company.only": {
			English: "In this chat I work with <b>%s</b>, the only company you are in.",
			Russian: "В этом чате я работаю с компанией <b>%s</b> — других у вас нет.",
		},
		"company.group": {
			English: "In this group I work with <b>%s</b>. In a private chat with me, /company chooses among your companies.",
			Russian: "В этой группе я работаю с компанией <b>%s</b>. В личном чате со мной /company выбирает одну из ваших компаний.",
		},
		"company.chosen": {
			English: "In this chat I now work with <b>%s</b>. Send your command again; /company switches.",
			Russian: "Теперь в этом чате я работаю с компанией <b>%s</b>. Отправьте команду ещё раз; переключиться — /company.",
		},
		"company.chosen_short": {English: "Company: %s", Russian: "Компания: %s"},
		"company.not_member": {
			English: "You are not in that company. /company shows yours.",
			Russian: "Вы не состоите в этой компании. Ваши компании — в /company.",
		},

		"settings.button.topics": {English: "📍 Topics", Russian: "📍 Темы"},
		"settings.topics": {
			English: "<b>Where the posts go</b>\n%s\n\nPress a post's button in the topic it should go to; pressed in General, it goes back to General.",
			Russian: "<b>Куда идут посты</b>\n%s\n\nНажмите кнопку поста в той теме, куда он должен приходить; нажатая в General, она возвращает пост в General.",
		},
		"settings.topic.here":    {English: "this topic", Russian: "эта тема"},
		"settings.topic.general": {English: "General", Russian: "General (общая тема)"},
		"settings.topic.other":   {English: "another topic", Russian: "другая тема"},
		"settings.topic.typed":   {English: "where /review is typed", Russian: "там, где набран /review"},
		"settings.topic.review":  {English: "Review pack", Russian: "Пакет разбора"},
		"settings.topic.alerts":  {English: "Alerts", Russian: "Алерты"},
		"settings.topic.button":  {English: "📍 %s → here", Russian: "📍 %s → сюда"},
		"settings.topic_unknown": {English: "I don't know that post.", Russian: "Такого поста я не знаю."},
		"review.in_topic": {
			English: "The review goes to the topic chosen for reviews.",
			Russian: "Разбор публикуется в теме, выбранной для разборов.",
		},
	})
}
