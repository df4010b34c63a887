package domain

// The words of plans: /plan, the plan block of reviews, funnels and
// snapshots, and the plan question.
func init() {
	RegisterTexts(Texts{
		"cmd.plan": {English: "Plans per segment and month or quarter (CEOs set)", Russian: "Планы по сегментам на месяц или квартал (задаёт CEO)"},

		"plan.heading": {English: "<b>Plan · %s</b>", Russian: "<b>План · %s</b>"},
		"plan.line.month": {
			English: "%s: %s of the month's plan at %s of the month; projected %s (%s of %s)",
			Russian: "%s: %s плана месяца при %s месяца; прогноз %s (%s из %s)",
		},
		"plan.line.quarter": {
			English: "%s: %s of the quarter's plan at %s of the quarter; projected %s (%s of %s)",
			Russian: "%s: %s плана квартала при %s квартала; прогноз %s (%s из %s)",
		},
		"plan.line_ahead": {English: "%s: plan %s; the period has not started", Russian: "%s: план %s; период ещё не начался"},

		"plan.question.short": {
			English: "At the current pace %s in %s ends %s at %s against the plan of %s (%s): %s short, more than the usual weekly swing explains (%d of %d weeks reported).",
			Russian: "В текущем темпе %s (%s) за %s составит %s при плане %s (%s): не хватит %s, больше обычного недельного разброса (данные за %d из %d нед.).",
		},
		"plan.question.over": {
			English: "At the current pace %s in %s ends %s at %s against the budget of %s (%s): %s over, more than the usual weekly swing explains (%d of %d weeks reported).",
			Russian: "В текущем темпе %s (%s) за %s составит %s при бюджете %s (%s): перерасход %s, больше обычного недельного разброса (данные за %d из %d нед.).",
		},
		"plan.ask":      {English: "What will close the gap by the end of the period?", Russian: "Что закроет разрыв до конца периода?"},
		"plan.ask_over": {English: "How will we keep to the budget?", Russian: "Как уложимся в бюджет?"},

		"plan.example": {
			English: "/plan %s march revenue=5m %s=12 leads=400 spend=600k",
			Russian: "/plan %s март выручка=5 млн %s=12 лиды=400 расход=600к",
		},
		"plan.usage": {
			English: "Write the segment, the month or quarter and the targets, for example:\n%s\nPeriods: month, next month, march, 2026-03, quarter, Q2 2026. /plan alone shows the plans; /plan dealers march remove removes one.",
			Russian: "Укажите сегмент, месяц или квартал и цели, например:\n%s\nПериоды: месяц, следующий месяц, март, 2026-03, квартал, 2 кв 2026. /plan без слов показывает планы; /plan дилеры март удалить — удаляет план.",
		},
		"plan.problems": {
			English: "Nothing was saved. Fix this and send again:\n%s\nExample: %s",
			Russian: "Ничего не сохранено. Исправьте и отправьте снова:\n%s\nПример: %s",
		},
		"plan.bad_field":       {English: "a plan sets stage counts, spend or revenue", Russian: "в плане бывают этапы воронки, расход и выручка"},
		"plan.negative":        {English: "a target cannot be negative", Russian: "цель не может быть отрицательной"},
		"plan.unknown_segment": {English: "There is no segment %q. Segments: %s.", Russian: "Сегмента «%s» нет. Сегменты: %s."},
		"plan.not_found":       {English: "There is no such plan.", Russian: "Такого плана нет."},
		"plan.none": {
			English: "No plans for this period yet. A CEO sets one like this:\n%s",
			Russian: "Планов на этот период пока нет. CEO задаёт план так:\n%s",
		},
		"plan.saved":   {English: "✅ Plan saved by %s.", Russian: "✅ План сохранил(а) %s."},
		"plan.removed": {English: "🗑 The plan of %s for %s was removed by %s.", Russian: "🗑 План «%s» на %s удалил(а) %s."},
		"plan.chart_caption": {
			English: "Plan vs fact · %s · as of %s: the bar is done, the light part is the projection, the line is the share of the period gone",
			Russian: "План и факт · %s · на %s: полоса — сделано, светлая часть — прогноз, линия — прошедшая доля периода",
		},

		"plan.preview": {
			English: "Plans in the file: %s. They are saved with the numbers.",
			Russian: "Планы в файле: %s. Сохранятся вместе с цифрами.",
		},
		"plan.preview_left_out": {
			English: "The file's plans (%d) were left out: plans are set by CEOs.",
			Russian: "Планы из файла (%d) не учтены: планы задаёт CEO.",
		},
		"plan.preview_item": {English: "%s · %s: %d targets", Russian: "%s · %s: целей — %d"},
		"plan.file_ceo_only": {
			English: "The file holds only plans, and plans are set by CEOs.",
			Russian: "В файле только планы, а планы задаёт CEO.",
		},

		"chart.plan.title":     {English: "Plan vs fact · %s", Russian: "План и факт · %s"},
		"chart.plan.subtitle":  {English: "%s of the period gone", Russian: "прошло %s периода"},
		"chart.plan.done":      {English: "done", Russian: "сделано"},
		"chart.plan.projected": {English: "projected", Russian: "прогноз"},
		"chart.plan.line":      {English: "plan", Russian: "план"},
		"chart.plan.time":      {English: "time gone", Russian: "прошло времени"},
	})
}
