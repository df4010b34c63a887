package sheets

import "trackbot/domain"

// Texts of the evidence trail's sheets and files (record.go). No header
// here may be one the import reads.
func init() {
	domain.RegisterTexts(domain.Texts{
		"sheets.sheet.hypotheses": {domain.English: "Hypotheses", domain.Russian: "Гипотезы"},
		"sheets.sheet.history":    {domain.English: "Hypothesis history", domain.Russian: "История гипотез"},
		"sheets.sheet.questions":  {domain.English: "Review questions", domain.Russian: "Вопросы разборов"},
		"sheets.sheet.protocols":  {domain.English: "Protocols", domain.Russian: "Протоколы"},

		"sheets.record.hypothesis":     {domain.English: "Hypothesis", domain.Russian: "Гипотеза"},
		"sheets.record.text":           {domain.English: "Text", domain.Russian: "Текст"},
		"sheets.record.status":         {domain.English: "Status", domain.Russian: "Статус"},
		"sheets.record.department":     {domain.English: "Department", domain.Russian: "Отдел"},
		"sheets.record.client_segment": {domain.English: "Client segment", domain.Russian: "Клиентский сегмент"},
		"sheets.record.metric":         {domain.English: "Target metric", domain.Russian: "Целевая метрика"},
		"sheets.record.baseline":       {domain.English: "Baseline", domain.Russian: "База"},
		"sheets.record.measured":       {domain.English: "Measured", domain.Russian: "Измерено"},
		"sheets.record.expected":       {domain.English: "Expected effect", domain.Russian: "Ожидаемый эффект"},
		"sheets.record.ice":            {domain.English: "ICE score", domain.Russian: "Оценка ICE"},
		"sheets.record.deadline":       {domain.English: "Deadline", domain.Russian: "Срок"},
		"sheets.record.result":         {domain.English: "Result", domain.Russian: "Результат"},
		"sheets.record.verdict":        {domain.English: "Verdict", domain.Russian: "Вердикт"},
		"sheets.record.review":         {domain.English: "Review #", domain.Russian: "Разбор №"},
		"sheets.record.created":        {domain.English: "Logged", domain.Russian: "Записана"},
		"sheets.record.at":             {domain.English: "When", domain.Russian: "Когда"},
		"sheets.record.by":             {domain.English: "Who", domain.Russian: "Кто"},
		"sheets.record.from":           {domain.English: "From status", domain.Russian: "Из статуса"},
		"sheets.record.to":             {domain.English: "To status", domain.Russian: "В статус"},
		"sheets.record.comment":        {domain.English: "Comment", domain.Russian: "Комментарий"},
		"sheets.record.reviewed":       {domain.English: "Reviewed", domain.Russian: "Что разбирали"},
		"sheets.record.question":       {domain.English: "Question #", domain.Russian: "Вопрос №"},
		"sheets.record.asked_to":       {domain.English: "Asked", domain.Russian: "Кому"},
		"sheets.record.asked":          {domain.English: "Asked at", domain.Russian: "Задан"},
		"sheets.record.reminded":       {domain.English: "Reminded at", domain.Russian: "Напомнили"},
		"sheets.record.answered_by":    {domain.English: "Answered by", domain.Russian: "Ответил(а)"},
		"sheets.record.answered":       {domain.English: "Answered at", domain.Russian: "Когда ответили"},
		"sheets.record.answer":         {domain.English: "Answer", domain.Russian: "Ответ"},
		"sheets.record.opened":         {domain.English: "Opened", domain.Russian: "Открыт"},
		"sheets.record.closed":         {domain.English: "Closed", domain.Russian: "Закрыт"},
		"sheets.record.closed_by_bot":  {domain.English: "Closed by the bot", domain.Russian: "Закрыт ботом"},
		"sheets.record.took_part":      {domain.English: "Took part", domain.Russian: "Участники"},
		"sheets.record.next_review":    {domain.English: "Next review", domain.Russian: "Следующий разбор"},
		"sheets.record.protocol":       {domain.English: "Protocol", domain.Russian: "Протокол"},
		"sheets.record.yes":            {domain.English: "yes", domain.Russian: "да"},
	})
}
