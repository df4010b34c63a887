package domain

// Texts of a draft's preview, its details file and the card it becomes
// once saved.
func init() {
	RegisterTexts(Texts{
		"noun.segment": {English: "segment|segments", Russian: "сегмент|сегмента|сегментов"},
		"noun.week":    {English: "week|weeks", Russian: "неделя|недели|недель"},
		"log.preview_file": {
			English: "<b>%s</b>: rows read: %d — %s.",
			Russian: "<b>%s</b>: прочитано строк — %d; %s.",
		},
		"log.preview_segment": {
			English: "• <b>%s</b>: %s (weeks: %d) — %s",
			Russian: "• <b>%s</b>: %s (недель: %d) — %s",
		},
		"log.preview_new":       {English: "new: %s", Russian: "новых: %s"},
		"log.preview_corrected": {English: "corrected: %s", Russian: "исправлено: %s"},
		"log.preview_unchanged": {English: "unchanged: %s", Russian: "без изменений: %s"},
		"log.preview_more_segments": {
			English: "…and %d more segments: see the file.",
			Russian: "…и ещё сегментов: %d — см. файл.",
		},
		"log.preview_more_warnings": {
			English: "…and %d more warnings.",
			Russian: "…и ещё предупреждений: %d.",
		},
		"log.preview_in_file": {
			English: "Every figure, week by week, is in the file above.",
			Russian: "Все цифры по неделям — в файле выше.",
		},
		"log.unchanged_mark":   {English: "(no change)", Russian: "(без изменений)"},
		"log.details_from_log": {English: "Numbers from /log", Russian: "Цифры из /log"},
		"log.details_title": {
			English: "%s — %s, figures: %s",
			Russian: "%s — %s, цифр: %s",
		},
		"log.details_legend": {
			English: "“a → b”: b replaces the saved a; “(no change)”: the same as saved; otherwise new.",
			Russian: "«a → b»: b заменит сохранённое a; «(без изменений)»: совпадает с сохранённым; остальное — новое.",
		},
		"log.details_caption": {
			English: "Every figure of %s, week by week. Confirm or cancel under the preview below.",
			Russian: "Все цифры из %s по неделям. Подтвердите или отмените под предпросмотром ниже.",
		},
		"log.saved": {
			English: "✅ Saved: %s, numbers from %s.",
			Russian: "✅ Сохранено: %s, цифры от %s.",
		},
		"log.saved_segment": {
			English: "• <b>%s</b>: %s (weeks: %d), figures: %s",
			Russian: "• <b>%s</b>: %s (недель: %d), цифр: %s",
		},
	})
}
