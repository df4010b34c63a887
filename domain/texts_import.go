package domain

// Texts of a department head's upload that holds other departments'
// columns.
func init() {
	RegisterTexts(Texts{
		"import.left_out": {
			English: "⚠ Left out, not your department's: %s. They are not saved unless a CEO adds them with “Apply all columns”.",
			Russian: "⚠ Не вошло — столбцы других отделов: %s. Они не сохранятся, если CEO не добавит их кнопкой «Принять все столбцы».",
		},
		"import.left_out_department": {
			English: "%s — %d figures (%s)",
			Russian: "%s — показателей: %d (%s)",
		},
		"import.no_department": {English: "no department", Russian: "без отдела"},
		"import.accept_all":    {English: "➕ Apply all columns (CEO)", Russian: "➕ Принять все столбцы (CEO)"},
		"import.accepted_by": {
			English: "All columns of the file, accepted by %s.",
			Russian: "Все столбцы файла, принял %s.",
		},
		"import.accepted": {
			English: "All columns added. Confirm to save.",
			Russian: "Все столбцы добавлены. Подтвердите, чтобы сохранить.",
		},
		"import.accept_ceo_only": {
			English: "Only a CEO can accept the columns of other departments.",
			Russian: "Столбцы других отделов может принять только CEO.",
		},
		"import.nothing_left_out": {
			English: "These columns were already accepted; nothing changed.",
			Russian: "Эти столбцы уже приняты; ничего не изменилось.",
		},
	})
}
