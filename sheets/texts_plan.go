package sheets

import "trackbot/domain"

// Texts of the plan sheet.
func init() {
	domain.RegisterTexts(domain.Texts{
		"sheets.sheet.plan":   {domain.English: "Plan", domain.Russian: "План"},
		"sheets.label.period": {domain.English: "Period", domain.Russian: "Период"},
		"sheets.bad_period": {
			domain.English: "write the plan's month or quarter, for example 2026-03, 2026-Q2, March, Q2 2026.",
			domain.Russian: "укажите месяц или квартал плана, например 2026-03, 2026-Q2, март, 2 кв 2026.",
		},
	})
}
