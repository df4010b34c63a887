package domain

import "time"

// The default departments created by /setup.
const (
	DeptMarketing = "marketing"
	DeptSales     = "sales"
)

// DefaultDepartments returns marketing and sales.
func DefaultDepartments() []Department {
	return []Department{
		{Key: DeptMarketing, Name: Name{En: "Marketing", Ru: "Маркетинг"}},
		{Key: DeptSales, Name: Name{En: "Sales", Ru: "Продажи"}},
	}
}

// DefaultStages returns the funnel template of the method: marketing brings
// impressions, clicks, leads and qualified leads; sales turns them into
// meetings, proposals, deals and payments.
func DefaultStages() []Stage {
	return []Stage{
		{Key: "impressions", Name: Name{En: "Impressions", Ru: "Показы"}, Aliases: []string{"views", "shows", "охват"}, Department: DeptMarketing},
		{Key: "clicks", Name: Name{En: "Clicks", Ru: "Клики"}, Aliases: []string{"visits", "переходы"}, Department: DeptMarketing},
		{Key: "leads", Name: Name{En: "Leads", Ru: "Лиды"}, Aliases: []string{"requests", "заявки", "обращения"}, Department: DeptMarketing, Role: RoleLeads},
		{Key: "qualified", Name: Name{En: "Qualified", Ru: "Целевые"}, Aliases: []string{"sql", "mql", "qualified leads", "target", "целевые лиды", "квал"}, Department: DeptMarketing, Role: RoleQualified},
		{Key: "meetings", Name: Name{En: "Meetings", Ru: "Встречи"}, Aliases: []string{"calls", "demos", "встреча"}, Department: DeptSales},
		{Key: "proposals", Name: Name{En: "Proposals", Ru: "КП"}, Aliases: []string{"offers", "quotes", "коммерческие предложения", "предложения"}, Department: DeptSales},
		{Key: "deals", Name: Name{En: "Deals", Ru: "Сделки"}, Aliases: []string{"won", "contracts", "договоры"}, Department: DeptSales, Role: RoleDeals},
		{Key: "paid", Name: Name{En: "Paid", Ru: "Оплаты"}, Aliases: []string{"payments", "customers", "оплачено", "клиенты"}, Department: DeptSales, Role: RolePaid},
	}
}

// DefaultSegments returns the one segment a new workspace starts with; the
// CEO renames it and adds the real ones.
func DefaultSegments() []Segment {
	return []Segment{{Key: "main", Name: Name{En: "All clients", Ru: "Все клиенты"}, Focus: true}}
}

// DefaultNonTargetReasons returns the lead qualification criteria that make
// "junk leads" a measured share instead of an opinion.
func DefaultNonTargetReasons() []Reason {
	return []Reason{
		{Key: "no_budget", Name: Name{En: "No budget", Ru: "Нет бюджета"}, Aliases: []string{"budget", "бюджет", "нет денег"}},
		{Key: "not_ready", Name: Name{En: "Not ready to buy", Ru: "Не готов покупать"}, Aliases: []string{"not ready", "не готов", "непрогретый"}},
		{Key: "wrong_segment", Name: Name{En: "Wrong segment", Ru: "Не наш сегмент"}, Aliases: []string{"segment", "сегмент", "не наш"}},
		{Key: "duplicate", Name: Name{En: "Duplicate or spam", Ru: "Дубль или спам"}, Aliases: []string{"spam", "dup", "дубль", "спам"}},
		{Key: "unreachable", Name: Name{En: "Unreachable", Ru: "Недозвон"}, Aliases: []string{"no contact", "не дозвонились"}},
		{Key: OtherReason, Name: Name{En: "Other", Ru: "Другое"}, Aliases: []string{"другое", "прочее"}},
	}
}

// DefaultDropOffReasons returns why items are lost at a stage.
func DefaultDropOffReasons() []Reason {
	return []Reason{
		{Key: "wrong_phone", Name: Name{En: "Wrong phone number", Ru: "Неверный номер"}, Aliases: []string{"wrong number", "phone", "неактуальный номер", "номер"}},
		{Key: "no_answer", Name: Name{En: "No answer", Ru: "Не отвечает"}, Aliases: []string{"silent", "молчит", "нет ответа"}},
		{Key: "price", Name: Name{En: "Price", Ru: "Цена"}, Aliases: []string{"expensive", "дорого"}},
		{Key: "competitor", Name: Name{En: "Chose a competitor", Ru: "Выбрал конкурента"}, Aliases: []string{"competitor", "конкурент"}},
		{Key: "timing", Name: Name{En: "Timing", Ru: "Сроки"}, Aliases: []string{"too long", "долго"}},
		{Key: "no_decision_maker", Name: Name{En: "No decision maker", Ru: "Нет ЛПР"}, Aliases: []string{"no dm", "лпр"}},
		{Key: OtherReason, Name: Name{En: "Other", Ru: "Другое"}, Aliases: []string{"другое", "прочее"}},
	}
}

// NewWorkspace returns a workspace for a group with the default departments,
// stages, segment and reasons, and the creator as its first CEO.
func NewWorkspace(chatID int64, title string, lang Lang, tz string, creator Person, now time.Time) *Workspace {
	return &Workspace{
		ChatID:      chatID,
		Title:       title,
		Lang:        lang,
		TimeZone:    tz,
		Currency:    "₽",
		Departments: DefaultDepartments(),
		Stages:      DefaultStages(),
		Segments:    DefaultSegments(),
		NonTarget:   DefaultNonTargetReasons(),
		DropOff:     DefaultDropOffReasons(),
		Members: []Member{{
			UserID: creator.UserID, Name: creator.Name, Username: creator.Username,
			CEO: true, UpdatedAt: now,
		}},
		CreatedAt: now,
	}
}
