package bot

import (
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"trackbot/domain"
)

// week48 is what "н48" means at handlerStart: the latest week 48, of 2025.
var week48 = domain.Week{Year: 2025, Num: 48}

// dealersTeam is a Russian workspace with a Dealers segment, Mark heading
// marketing and Sergey sales.
func dealersTeam(t *testing.T) *handlerHarness {
	h := newHandlerHarness(t)
	ws := domain.NewWorkspace(leadership.ID, leadership.Title, domain.Russian, "Europe/Moscow", person(&anna), h.now.Add(-30*24*time.Hour))
	ws.Segments = append(ws.Segments, domain.Segment{Key: "dealers", Name: domain.Name{En: "Dealers", Ru: "Дилеры"}, Focus: true})
	h.update(func(tx domain.Tx) error { return tx.Workspaces().Create(ws) })
	h.grant(leadership, mark, domain.RoleHead, domain.DeptMarketing)
	h.grant(leadership, sergey, domain.RoleHead, domain.DeptSales)
	return h
}

// saveRu sends a /log and presses its ordinary Подтвердить.
func (h *handlerHarness) saveRu(who tgbotapi.User, text string) {
	h.t.Helper()
	preview := h.send(leadership, who, text)
	out := h.press(leadership, who, preview.id(), preview.button(":y", "Подтвердить"))
	if !strings.Contains(out.text(), "Сохранено") {
		h.t.Fatalf("confirming %q answered %s", text, out)
	}
}

func TestHandlerLog_ImplausibleNumbersSaveOnlyAnywayThenUndoAndHistory(t *testing.T) {
	h := dealersTeam(t)
	h.saveRu(mark, "/log дилеры н48 целевые=45")
	h.saveRu(sergey, "/log дилеры н48 встречи=40")

	preview := h.send(leadership, sergey, "/log дилеры н48 встречи=50")
	preview.contains("Проверьте эти цифры", "Дилеры, 2025-W48: Встречи (50) больше, чем Целевые (45)", "конверсия выше 100%",
		"Встречи 40 → 50", "Всё равно сохранить")
	for _, b := range preview.buttons() {
		if strings.HasSuffix(b.Data, ":y") {
			t.Errorf("a warned preview offers the plain confirm %+v", b)
		}
	}
	// A forged plain confirm (the preview has no such button) does not
	// save warned numbers; storage's tests hold the rule itself.
	forged := strings.TrimSuffix(preview.button(":f", "Всё равно сохранить"), ":f") + ":y"
	out := h.press(leadership, sergey, preview.id(), forged)
	if text, _ := out.answer(); !strings.Contains(text, "устарела") {
		t.Errorf("a plain confirm of warned numbers got %s (answer %q)", out, text)
	}
	out.unchanged("a forged plain confirm")
	if r := h.record(leadership, "dealers", week48); r.Counts["meetings"] != 40 {
		t.Fatalf("meetings = %d before save anyway, want 40", r.Counts["meetings"])
	}

	saved := h.press(leadership, sergey, preview.id(), preview.button(":f", "Всё равно сохранить"))
	saved.contains("Сохранено", "несмотря на предупреждения")
	if r := h.record(leadership, "dealers", week48); r.Counts["meetings"] != 50 || r.Counts["qualified"] != 45 {
		t.Fatalf("after save anyway: %+v", r.Counts)
	}

	// Mark may not undo Sergey's save; Sergey undoes his own last one.
	h.send(leadership, mark, "/undo 3").contains("сделал другой человек")
	undone := h.send(leadership, sergey, "/undo")
	undone.contains("Сохранение №3 отменено", "/log, Sergey", "Дилеры, 2025-W48: Встречи 50 → 40")
	if r := h.record(leadership, "dealers", week48); r.Counts["meetings"] != 40 || r.Counts["qualified"] != 45 {
		t.Errorf("after /undo: %+v, want meetings 40 and qualified 45", r.Counts)
	}

	hist := h.send(leadership, olga, "/history дилеры н48")
	hist.contains("История цифр: Дилеры, 2025-W48",
		"№4", "Sergey отменил(а) №3", "Встречи 50 → 40",
		"№3", "(/log)", "сохранено несмотря на: этап больше предыдущего", "Встречи 40 → 50",
		"№2", "Встречи — → 40", "№1", "Целевые — → 45")
	if text := hist.text(); strings.Index(text, "№4") > strings.Index(text, "№3") {
		t.Errorf("history is not newest first:\n%s", text)
	}
	h.send(leadership, olga, "/history дилеры н47").contains("Сохранённых изменений: Дилеры, 2025-W47 пока нет")
	h.send(leadership, olga, "/history опт").contains("Не понял «опт»", "Дилеры")
}

func TestHandlerUndo_NothingToUndoAndTheCEOUndoesAnyone(t *testing.T) {
	h := numbersTeam(t)
	h.send(leadership, mark, "/undo").contains("You have no saves to undo")
	h.send(leadership, mark, "/undo abc").contains("Write /undo to undo your last save")
	h.confirm(leadership, mark, h.send(leadership, mark, "/log last week leads=120"))
	h.send(leadership, olga, "/undo 1").contains("Only CEOs and department heads can undo")
	h.send(leadership, anna, "/undo 1").contains("Undid save #1 (/log, Mark)", "Leads 120 → —")
	if n := len(h.records(leadership)); n != 0 {
		t.Errorf("the week still has %d records after its only save was undone", n)
	}
	h.send(leadership, anna, "/undo 1").contains("Save #1 was already undone")
	h.send(leadership, anna, "/undo 2").contains("#2 is an undo, not a save")
	h.send(leadership, anna, "/history").contains("#2", "Anna Petrova undid #1", "#1", "Mark (/log)", "Leads — → 120")

	h.confirm(leadership, mark, h.send(leadership, mark, "/log last week leads=90"))
	h.advance(domain.UndoWindow + time.Hour)
	h.send(leadership, mark, "/undo").contains("more than 7 days old")
}
