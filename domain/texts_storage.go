package domain

// Texts for the errors the storage returns about missing or clashing state.
func init() {
	RegisterTexts(Texts{
		"workspace.not_found": {
			English: "This chat has no workspace yet. A chat admin can create one with /setup.",
			Russian: "У этого чата ещё нет рабочего пространства. Администратор чата может создать его командой /setup.",
		},
		"workspace.chat_taken": {
			English: "This chat already has a workspace.",
			Russian: "У этого чата уже есть рабочее пространство.",
		},
		"outbox.job_not_found": {
			English: "Outgoing message %d not found.",
			Russian: "Исходящее сообщение %d не найдено.",
		},
	})
}
