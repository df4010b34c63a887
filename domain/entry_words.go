package domain

import "strings"

// Words a /log message may hold besides keys, names and numbers, in both
// languages. They are kept apart from the command words so the vocabulary
// of the number parser is read in one place. Compared after NormalizeName.

// entryWeekPhrases are week phrases as people write them in a sentence
// ("за прошлую неделю"), beyond the forms ParseWeekExpr reads, mapped to
// how many weeks before the current one they name.
var entryWeekPhrases = map[string]int{
	"эту неделю": 0, "этой неделе": 0, "текущую неделю": 0, "текущей неделе": 0,
	"прошлую неделю": 1, "прошлой неделе": 1, "прошлой недели": 1,
	"предыдущую неделю": 1, "предыдущей неделе": 1, "прошлая нед": 1,
	"week before last": 2, "the week before last": 2,
	"позапрошлая неделя": 2, "позапрошлую неделю": 2, "позапрошлой неделе": 2,
}

// entryWeekStarts are the first words of every week expression without a
// digit, so a word that starts none is passed over at once.
var entryWeekStarts = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{"this", "last", "current", "previous", "эта", "прошлая", "текущая", "предыдущая"} {
		m[w] = true
	}
	for phrase := range entryWeekPhrases {
		first, _, _ := strings.Cut(phrase, " ")
		m[first] = true
	}
	return m
}()

// entryWeekWords announce a week: "неделя: 47", "week — 2026-W47".
var entryWeekWords = []string{"week", "wk", "неделя", "нед"}

// entrySegmentWords announce a segment: "сегмент: дилеры", as the preview
// table shows it.
var entrySegmentWords = []string{"segment", "сегмент"}

// entryFillers are the small words put before a week or a segment:
// "за прошлую неделю", "по дилерам", "for dealers". They are skipped there
// and nowhere else.
var entryFillers = []string{"за", "по", "на", "для", "for", "in", "the"}

// entryHeadingWords title a report and say nothing else: "Цифры за н47",
// "Weekly report". They are skipped wherever a key or a value is not
// expected.
var entryHeadingWords = []string{"цифры", "итоги", "отчет", "данные", "numbers", "figures", "report", "weekly"}

// entryIgnoredRunes are bullets, quotes, brackets and emphasis that carry
// nothing in a /log message: "• лиды 120", "**целевые**: 80", «Дилеры».
const entryIgnoredRunes = "•·*«»\"“”„()[]!?"

// slangMultipliers are the spoken multipliers: "1.5кк", "2 ляма", "62 т.р."
// ("т.р." is "тысяч рублей": the "р" is read as the currency and dropped),
// and the units a count is written with, which multiply by one ("120 шт").
var slangMultipliers = map[string]int{
	"кк": 6, "kk": 6, "лям": 6, "ляма": 6, "лямов": 6,
	"т": 3, "тыщ": 3, "тыщи": 3, "тысч": 3,
	"шт": 0, "чел": 0, "pcs": 0,
}
