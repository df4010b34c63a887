package domain

// The words of the review's loop: answers to tracker questions, their
// reminders, the protocol and the list of past reviews.
func init() {
	RegisterTexts(Texts{
		"cmd.reviews": {English: "Past reviews and their protocols", Russian: "Прошлые разборы и их протоколы"},

		"settings.answers_line": {
			English: "💬 Unanswered tracker questions: heads are reminded after %d h (/settings answers &lt;hours&gt;)",
			Russian: "💬 Вопросы трекера без ответа: напоминание руководителям через %d ч (/settings ответы &lt;часы&gt;)",
		},
		"settings.answers_bad": {
			English: "The reminder comes after a number of hours from 1 to %d, e.g. /settings answers 12.",
			Russian: "Напоминание — через число часов от 1 до %d, например: /settings ответы 12.",
		},

		"question.no_number":    {English: "There is no question %d in this review.", Russian: "Вопроса %d в этом разборе нет."},
		"question.only_heads":   {English: "Only a head of %s or a CEO answers question %d.", Russian: "Ответить может руководитель отдела «%s» или CEO (вопрос %d)."},
		"question.answered":     {English: "Question %d already has an answer from %s.", Russian: "На вопрос %d уже ответил(а) %s."},
		"question.empty_answer": {English: "Write the answer after the number, e.g. %d: the form lost the phone field.", Russian: "Напишите ответ после номера, например: %d: из формы пропало поле телефона."},
		"question.how_to_answer_one": {
			English: "<i>Reply to this message to answer.</i>",
			Russian: "<i>Ответьте на это сообщение — ответ попадёт в протокол.</i>",
		},
		"question.how_to_answer_many": {
			English: "<i>Reply to this message to answer, starting with the question's number: 2: …</i>",
			Russian: "<i>Ответьте на это сообщение, начав с номера вопроса: 2: …</i>",
		},
		"question.answered_by": {English: "✅ answered by %s", Russian: "✅ ответ: %s"},
		"question.to_hyp":      {English: "%d → hypothesis", Russian: "%d → гипотеза"},
		"question.which": {
			English: "Which question is it? Reply again starting with its number: %s",
			Russian: "На какой вопрос ответ? Ответьте ещё раз, начав с номера: %s",
		},
		"question.nudge_title": {
			English: "⏰ %s, still without an answer — review · %s:",
			Russian: "⏰ %s, пока без ответа — разбор · %s:",
		},

		"protocol.held":             {English: "Held: %s", Russian: "Проведён: %s"},
		"protocol.auto_closed":      {English: "(closed by the bot after 24 h)", Russian: "(закрыт ботом через 24 ч)"},
		"protocol.took_part":        {English: "Took part: %s", Russian: "Участники: %s"},
		"protocol.numbers":          {English: "<b>Numbers</b>", Russian: "<b>Цифры</b>"},
		"protocol.questions":        {English: "<b>Questions and answers</b>", Russian: "<b>Вопросы и ответы</b>"},
		"protocol.answer":           {English: "Answer — %s, %s: %s", Russian: "Ответ — %s, %s: %s"},
		"protocol.no_answer":        {English: "No answer.", Russian: "Нет ответа."},
		"protocol.no_answer_nudged": {English: "No answer (reminded %s).", Russian: "Нет ответа (напомнили %s)."},
		"protocol.hypotheses":       {English: "<b>Hypotheses logged and changed</b>", Russian: "<b>Гипотезы: записанные и изменённые</b>"},
		"protocol.target":           {English: "Target: %s · %s", Russian: "Цель: %s · %s"},
		"protocol.expected":         {English: "expected %s", Russian: "ожидаем %s"},
		"protocol.verdicts":         {English: "<b>Verdicts</b>", Russian: "<b>Вердикты</b>"},
		"protocol.next":             {English: "Next review: %s", Russian: "Следующий разбор: %s"},

		"export.zip_caption": {
			English: "The same as CSV files: numbers, hypotheses and their history, review questions with answers, protocols",
			Russian: "То же в CSV: цифры, гипотезы и их история, вопросы разборов с ответами, протоколы",
		},

		"reviews.empty": {
			English: "No review has been closed yet. /review starts one; /review end closes it with a protocol.",
			Russian: "Закрытых разборов пока нет. /review начинает разбор, /review end закрывает его с протоколом.",
		},
		"reviews.usage": {
			English: "Use /reviews for the list of past reviews, or /reviews 3 to open the protocol of review #3.",
			Russian: "/reviews — список прошлых разборов, /reviews 3 — протокол разбора №3.",
		},
		"reviews.title":        {English: "<b>Past reviews</b>: %d · page %d of %d", Russian: "<b>Прошлые разборы</b>: %d · стр. %d из %d"},
		"reviews.line":         {English: "#%d · %s · closed %s · answers %d of %d", Russian: "№%d · %s · закрыт %s · ответов %d из %d"},
		"reviews.open_button":  {English: "#%d · %s", Russian: "№%d · %s"},
		"reviews.still_open":   {English: "Review #%d is still open: /review end closes it with its protocol.", Russian: "Разбор №%d ещё открыт: /review end закрывает его с протоколом."},
		"reviews.late_answers": {English: "<b>Answered after the protocol</b>", Russian: "<b>Ответы после протокола</b>"},
	})
}
