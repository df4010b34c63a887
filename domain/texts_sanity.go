package domain

// Texts of the sanity rules on what users give the bot: weeks that cannot
// hold numbers.
func init() {
	RegisterTexts(Texts{
		"entry.week_too_old": {
			English: "%s is more than %d years before this workspace began (the earliest week is %s). Check the year.",
			Russian: "Неделя %s — больше чем за %d лет до начала работы с ботом (самая ранняя — %s). Проверьте год.",
		},
	})
}
