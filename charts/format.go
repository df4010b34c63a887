package charts

import "trackbot/domain"

// percent formats a defined fraction the way domain formats every rate, so
// a chart and the text under it show the same "64%".
func percent(v float64, lang domain.Lang) string {
	return domain.FormatPercent(domain.Some(v), lang)
}
