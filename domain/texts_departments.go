package domain

// Texts for editing the company's departments.
func init() {
	RegisterTexts(Texts{
		"cmd.department": {English: "The company's departments: list and edit", Russian: "Отделы компании: список и правка"},
		"dept.title":     {English: "<b>Departments</b> (heads, stages owned)", Russian: "<b>Отделы</b> (руководители, этапы)"},
		"dept.stages":    {English: "stages: %s", Russian: "этапы: %s"},
		"dept.no_stages": {English: "none", Russian: "нет"},
		"dept.usage": {
			English: "CEOs change departments with:\n/department add Production\n/department rename Sales = Commercial\n/department remove Production\nHeads: /head Production as a reply to the person's message, or the person sends /join Production.",
			Russian: "CEO меняет отделы командами:\n/department add Производство\n/department rename Продажи = Коммерция\n/department remove Производство\nРуководители: /head Производство ответом на сообщение человека, или человек сам отправляет /join Производство.",
		},
		"dept.bad_name": {
			English: "Write a name of 1 to 40 characters, for example: /department add Production",
			Russian: "Напишите название длиной от 1 до 40 символов, например: /department add Производство",
		},
		"dept.name_taken": {
			English: "There is already a department %q. Pick another name.",
			Russian: "Отдел %q уже есть. Выберите другое название.",
		},
		"dept.not_found": {
			English: "There is no department %q. Send /department to see the list.",
			Russian: "Отдела %q нет. Список — по команде /department.",
		},
		"dept.owns_stages": {
			English: "%s owns these stages: %s. Give them to another department first, for example: /stage owner %s = Sales",
			Russian: "Отделу «%s» принадлежат этапы: %s. Сначала передайте их другому отделу, например: /stage owner %s = Продажи",
		},
		"dept.last": {
			English: "This is the only department: add another one before removing it (/department add <name>).",
			Russian: "Это единственный отдел: сначала добавьте другой (/department add <название>).",
		},
		"dept.added": {
			English: "✅ Department %s added. Name its head by replying to their message with /head %s, or the person sends /join %[2]s. Stages go to it with /stage owner.",
			Russian: "✅ Отдел «%s» добавлен. Назначьте руководителя ответом на его сообщение: /head %s, или человек сам отправит /join %[2]s. Этапы передаются командой /stage owner.",
		},
		"dept.removed": {
			English: "✅ Department %s removed from the lists; its heads no longer head it, and its history is kept.",
			Russian: "✅ Отдел «%s» убран из списков; его руководители больше им не руководят, история сохранена.",
		},
		"dept.open_hypotheses": {
			English: "Open hypotheses still assigned to it: %d. Reassign them from their cards (/hyps).",
			Russian: "Открытых гипотез этого отдела: %d. Передайте их другому отделу с карточек (/hyps).",
		},
	})
}
