package domain

import (
	"regexp"
	"strings"
	"time"
)

// The words people type that the bot recognises, in both languages, kept
// in one place: command words, periods, schedules, weeks, languages, the
// figures of a report and the units of numbers. Parsers elsewhere look
// them up here; what the bot writes is in the catalog (texts_*.go).

// Word is the meaning of a word typed in a command's arguments: "off" and
// "выкл" are both WordOff.
type Word string

// The command words.
const (
	WordAdd       Word = "add"       // /stage add Demo
	WordRename    Word = "rename"    // /stage rename Demo = Demos
	WordMove      Word = "move"      // /stage move Demo 3
	WordFocus     Word = "focus"     // /segment focus Dealers
	WordOwner     Word = "owner"     // /stage owner Demo = sales
	WordRemove    Word = "remove"    // /stage remove Demo
	WordAfter     Word = "after"     // /stage add Demo after Meetings
	WordOn        Word = "on"        // /settings digest on
	WordOff       Word = "off"       // /settings digest off
	WordYes       Word = "yes"       // /segment focus Dealers yes
	WordNo        Word = "no"        // /segment focus Dealers no
	WordAll       Word = "all"       // /hyps all
	WordEnd       Word = "end"       // /review end
	WordCEO       Word = "ceo"       // /demote ceo
	WordNonTarget Word = "nontarget" // /reason nontarget add Spam
	WordDropOff   Word = "dropoff"   // /reason dropoff add Price
	WordReasons   Word = "reasons"   // /stage reasons Meetings off
	WordEdit      Word = "edit"      // /competitor edit Dealers ИгроМир price=…
	WordMarket    Word = "market"    // /competitor market Dealers volume=2 млрд
	WordTemplate  Word = "template"  // /competitor template csv
	WordDeadline  Word = "deadline"  // /hyp H-3 deadline 10.12
	WordText      Word = "text"      // /hyp H-3 text Call back in 5 minutes
	WordEffect    Word = "effect"    // /hyp H-3 effect +10 pp
	WordICE       Word = "ice"       // /hyp H-3 ice 8 6 7
	WordDetails   Word = "details"   // /review details 2
)

// wordSpellings are the ways to type each word, compared after
// NormalizeName. A spelling means one word only (see the test).
var wordSpellings = map[Word][]string{
	WordAdd:       {"add", "добавить"},
	WordRename:    {"rename", "переименовать"},
	WordMove:      {"move", "переместить"},
	WordFocus:     {"focus", "фокус"},
	WordOwner:     {"owner", "department", "dept", "отдел"},
	WordRemove:    {"remove", "delete", "удалить"},
	WordAfter:     {"after", "после"},
	WordOn:        {"on", "вкл"},
	WordOff:       {"off", "выкл"},
	WordYes:       {"yes", "да"},
	WordNo:        {"no", "нет"},
	WordAll:       {"all", "все"},
	WordEnd:       {"end", "close", "stop", "конец", "закрыть", "стоп"},
	WordCEO:       {"ceo", "сео", "гендир"},
	WordNonTarget: {"nontarget", "non target", "nt", "нецелевые", "нецелевой", "квалификация"},
	WordDropOff:   {"dropoff", "drop off", "lost", "отвал", "отвалы", "потери"},
	WordReasons:   {"reasons", "причины"},
	WordEdit:      {"edit", "change", "изменить", "править"},
	WordMarket:    {"market", "рынок"},
	WordTemplate:  {"template", "шаблон"},
	WordDeadline:  {"deadline", "due", "срок", "дедлайн"},
	WordText:      {"text", "текст"},
	WordEffect:    {"effect", "target", "эффект", "цель"},
	WordICE:       {"ice", "айс"},
	WordDetails:   {"details", "why", "подробности", "почему"},
}

// ParseWord returns the command word s spells, ignoring case, ё and
// surrounding spaces.
func ParseWord(s string) (Word, bool) {
	s = NormalizeName(s)
	for w, spellings := range wordSpellings {
		for _, sp := range spellings {
			if s == sp {
				return w, true
			}
		}
	}
	return "", false
}

// IsWord reports whether s spells w.
func IsWord(s string, w Word) bool {
	got, ok := ParseWord(s)
	return ok && got == w
}

// CutWord splits s around the first spelling of w that stands as a word of
// its own: "Demo after Meetings" → "Demo", "Meetings". Without it, before
// is all of s.
func CutWord(s string, w Word) (before, after string, found bool) {
	lower := strings.ToLower(s)
	for _, sp := range wordSpellings[w] {
		sep := " " + sp + " "
		if i := strings.Index(lower, sep); i >= 0 {
			return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+len(sep):]), true
		}
	}
	return strings.TrimSpace(s), "", false
}

// ParseReasonKind reads which reason list /reason edits: the non-target
// reasons of qualification or the drop-off reasons.
func ParseReasonKind(s string) (ListKind, bool) {
	switch w, _ := ParseWord(s); w {
	case WordNonTarget:
		return ListNonTarget, true
	case WordDropOff:
		return ListDropOff, true
	}
	return "", false
}

// periodWords name the periods of /funnel and /review.
var periodWords = map[string]PeriodKind{
	"week": PeriodWeek, "неделя": PeriodWeek, "w": PeriodWeek,
	"month": PeriodMonth, "месяц": PeriodMonth, "m": PeriodMonth,
	"quarter": PeriodQuarter, "квартал": PeriodQuarter, "q": PeriodQuarter,
}

// ParsePeriodKind reads a period word: "week", "месяц", "q".
func ParsePeriodKind(s string) (PeriodKind, bool) {
	k, ok := periodWords[strings.ToLower(s)]
	return k, ok
}

// The words of a plan's period (see ParsePlanPeriod): this or next month
// or quarter, the months' names in both languages (the Russian ones in the
// cases a phrase puts them in), and the marks of a quarter ("Q2", "2 кв").
var (
	planThisWords    = []string{"this", "current", "этот", "текущий", "этом", "текущем"}
	planNextWords    = []string{"next", "следующий", "следующем", "след"}
	planQuarterMarks = []string{"q", "кв", "квартал", "квартале"}
	monthWords       = [12][]string{
		{"january", "jan", "январь", "января", "январе", "янв"},
		{"february", "feb", "февраль", "февраля", "феврале", "фев"},
		{"march", "mar", "март", "марта", "марте", "мар"},
		{"april", "apr", "апрель", "апреля", "апреле", "апр"},
		{"may", "май", "мая", "мае"},
		{"june", "jun", "июнь", "июня", "июне", "июн"},
		{"july", "jul", "июль", "июля", "июле", "июл"},
		{"august", "aug", "август", "августа", "августе", "авг"},
		{"september", "sep", "sept", "сентябрь", "сентября", "сентябре", "сен", "сент"},
		{"october", "oct", "октябрь", "октября", "октябре", "окт"},
		{"november", "nov", "ноябрь", "ноября", "ноябре", "ноя"},
		{"december", "dec", "декабрь", "декабря", "декабре", "дек"},
	}
)

// The words of an alert rule (see ParseAlertRule): the operators written
// as words, the marks of percentage points, and the names of the metrics
// that are not figures of a report, compared after NormalizeName.
var (
	alertBelowWords  = []string{"below", "under", "less than", "ниже", "меньше", "менее"}
	alertAboveWords  = []string{"above", "over", "more than", "выше", "больше", "более"}
	alertFallsWords  = []string{"falls", "fall", "drops", "drop", "falls by", "drops by", "падает", "упадет", "снижается", "снизится", "падает на", "упадет на"}
	alertRisesWords  = []string{"rises", "rise", "grows", "grow", "rises by", "grows by", "растет", "вырастет", "растет на", "вырастет на"}
	alertPointsMarks = []string{"pp", "p.p.", "p.p", "п.п.", "п.п", "пп", "points", "пункта", "пунктов"}
	alertMetricWords = map[Metric][]string{
		MetricCPL:              {"cpl", "cost per lead", "цена лида", "стоимость лида"},
		MetricCostPerQualified: {"cpq", "cost per qualified", "cost per qualified lead", "цена целевого", "цена целевого лида", "стоимость целевого лида"},
		MetricCAC:              {"cac", "цена клиента", "стоимость клиента"},
		MetricAvgCheck:         {"avg check", "average check", "check", "средний чек", "чек"},
		MetricROMI:             {"romi"},
		MetricNonTargetShare:   {"non target", "nontarget", "non target share", "нецелевые", "доля нецелевых"},
	}
)

// scheduleKindWords name the scheduled posts in /settings.
var scheduleKindWords = map[string]ScheduleKind{
	"snapshot": ScheduleSnapshot, "срез": ScheduleSnapshot,
	"reminder": ScheduleReminder, "напоминание": ScheduleReminder,
	"digest": ScheduleDigest, "дайджест": ScheduleDigest,
}

// ParseScheduleKind reads a kind as typed in /settings.
func ParseScheduleKind(s string) (ScheduleKind, bool) {
	k, ok := scheduleKindWords[strings.ToLower(strings.TrimSpace(s))]
	return k, ok
}

// The days of a schedule: Monday to Friday, every day, or one weekday.
// weekdayNames is indexed by time.Weekday; its first name is the one the
// catalog keys use ("schedule.day.mon").
var (
	workingDaysWords = []string{"weekdays", "workdays", "будни"}
	dailyWords       = []string{"daily", "everyday", "ежедневно"}
	weekdayNames     = [7][]string{
		time.Sunday:    {"sun", "sunday", "вс", "воскресенье"},
		time.Monday:    {"mon", "monday", "пн", "понедельник"},
		time.Tuesday:   {"tue", "tuesday", "вт", "вторник"},
		time.Wednesday: {"wed", "wednesday", "ср", "среда"},
		time.Thursday:  {"thu", "thursday", "чт", "четверг"},
		time.Friday:    {"fri", "friday", "пт", "пятница"},
		time.Saturday:  {"sat", "saturday", "сб", "суббота"},
	}
)

// The relative weeks of a week expression (see ParseWeekExpr), compared
// lowercase with ё as е, and the marks before a week number: "w47", "н47",
// "week 47"; only the short ones go with a year ("2026-W47", "н47/2026").
var (
	weekThis     = []string{"", "this week", "this", "current week", "current", "эта неделя", "эта", "текущая неделя", "текущая"}
	weekLast     = []string{"last week", "last", "previous week", "previous", "прошлая неделя", "прошлая", "предыдущая неделя", "предыдущая"}
	weekMarks    = []string{"w", "н"}
	weekNumMarks = []string{"w", "н", "нед", "week", "неделя"}
)

// oneOf is a regular expression matching any of words.
func oneOf(words []string) string {
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = regexp.QuoteMeta(w)
	}
	return "(?:" + strings.Join(quoted, "|") + ")"
}

// langWords name the languages in /setup, besides codes like "ru-RU".
var langWords = map[string]Lang{
	"en": English, "english": English, "английский": English,
	"ru": Russian, "russian": Russian, "русский": Russian,
}

// The words of a report's money fields and the prefixes of its dotted keys
// (see ParseField), compared after NormalizeName.
var (
	spendWords      = []string{"spend", "cost", "costs", "budget", "ad spend", "расход", "расходы", "бюджет", "затраты"}
	revenueWords    = []string{"revenue", "sales revenue", "income", "выручка", "оборот"}
	marginWords     = []string{"margin", "gross margin", "маржа", "маржинальность"}
	nonTargetPrefix = []string{"nontarget", "non target", "nt", "нецелевые", "нецелевой", "нецел"}
	dropOffPrefix   = []string{"lost", "drop off", "dropoff", "отвал", "отвалы", "потери"}
	managerPrefix   = []string{"manager", "mgr", "менеджер", "мен"}
)

// The words of a competitor's fields in /competitor and in the competitor
// sheet's headers (see ParseCompetitorCommand), compared after
// NormalizeName; the first spelling is the key the code uses.
var (
	playerFieldWords = map[PlayerField][]string{
		PlayerShare:      {"share", "market share", "доля", "доля рынка"},
		PlayerRevenue:    {"revenue", "выручка", "оборот"},
		PlayerSource:     {"source", "источник"},
		PlayerProducts:   {"products", "product", "продукты", "продукт", "услуги"},
		PlayerFeatures:   {"features", "feature", "функции", "функция", "фичи"},
		PlayerPrice:      {"price", "prices", "цена", "цены"},
		PlayerTarget:     {"target", "audience", "аудитория", "ца"},
		PlayerAdvantages: {"advantage", "advantages", "преимущество", "преимущества", "утп"},
	}
	playerNameWords    = []string{"name", "player", "competitor", "название", "игрок", "конкурент"}
	playerUsWords      = []string{"us", "ours", "мы", "наш"}
	playerCheckedWords = []string{"checked", "as of", "проверено", "дата"}
	marketVolumeWords  = []string{"volume", "объем", "объем рынка"}
	// A player named by one of these is the company itself, and a sheet row
	// naming the whole market gives its volume.
	ourselfWords    = []string{"us", "we", "мы"}
	wholeMarketWord = []string{"market", "whole market", "рынок", "весь рынок", "рынок целиком"}
	// The parts of a positioning statement: who we sell to, what, why.
	positioningWords = [3][]string{{"who", "кому"}, {"what", "что"}, {"why", "почему"}}
	// clearWords empty a field: "price=—".
	clearWords = []string{"-", "—", "–"}
)

// The words of an expected effect (see ParseEffect), compared lowercase:
// what asks for at least or at most a value ("≥ 45%", "не менее 45%"), and
// the units of a change of a rate in percentage points ("+10 pp").
var (
	effectAtLeastWords = []string{"≥", ">=", "=>", ">", "at least", "minimum", "min", "не менее", "не меньше", "не ниже", "минимум", "от"}
	effectAtMostWords  = []string{"≤", "<=", "=<", "<", "at most", "maximum", "max", "не более", "не больше", "не выше", "максимум", "до"}
	pointUnitWords     = []string{"п. п.", "п.п.", "п.п", "пп", "p.p.", "pp", "points", "point", "pts", "пунктов", "пункта", "пункт"}
)

// The units written after a number (see ParseNumber). currencySuffixes go
// longest first so "руб" is not cut to "ру"; multipliers map a suffix
// (lowercase, without spaces and dots) to a power of ten.
var (
	currencySuffixes = []string{"рублей", "рубля", "рубль", "руб", "rub", "usd", "eur", "₽", "$", "€", "р"}
	multipliers      = map[string]int{
		"":  0,
		"к": 3, "k": 3, "тыс": 3, "тысяч": 3, "тысячи": 3, "тысяча": 3, "th": 3, "thousand": 3,
		"m": 6, "млн": 6, "mln": 6, "mn": 6, "million": 6, "миллион": 6, "миллиона": 6, "миллионов": 6,
		"млрд": 9, "bn": 9, "b": 9, "billion": 9, "миллиард": 9, "миллиарда": 9, "миллиардов": 9,
	}
)
