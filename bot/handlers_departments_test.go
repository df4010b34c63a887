package bot

import (
	"strings"
	"testing"

	"trackbot/domain"
)

func TestHandlerDepartment_AddThenJoinAndHead(t *testing.T) {
	h := newHandlerHarness(t)
	h.setUp(leadership)
	h.send(leadership, olga, "/join production").contains("Write the department you head", "/department add")

	h.send(leadership, mark, "/department add Production").contains("Only a CEO")
	h.send(leadership, anna, "/department add Production").contains("Department Production added", "/join production", "3. Production")
	card := h.send(leadership, olga, "/join production")
	card.contains("asks to become the head of Production")
	h.press(leadership, anna, card.id(), card.button(":y", "Approve")).contains("now heads Production")
	h.send(leadership, anna, "/department").contains("Production: Olga", "stages: none")

	ws := h.workspace(leadership)
	dept, ok := ws.ActiveDepartment("production")
	if !ok || !ws.IsHeadOf(olga.ID, dept.Key) {
		t.Fatalf("after the approval: department %+v (found %v), Olga heads it: %v", dept, ok, ws.IsHeadOf(olga.ID, dept.Key))
	}
	// Any department can own a stage and be given a hypothesis.
	h.send(leadership, anna, "/stage owner Paid = Production").contains("Paid — Production")
	h.send(leadership, anna, "/department add production").contains("already a department")
}

func TestHandlerDepartment_RenameKeepsTheOldName(t *testing.T) {
	h := newHandlerHarness(t)
	h.setUp(leadership)
	h.grant(leadership, sergey, domain.RoleHead, domain.DeptSales)

	h.send(leadership, anna, "/department rename Sales = Commercial").contains("Saved", "Commercial: @sales_head")
	// The old name still finds it, in commands and in older messages.
	h.send(leadership, olga, "/join sales").contains("head of Commercial")
	ws := h.workspace(leadership)
	if d, _ := ws.ActiveDepartment("sales"); d.Key != domain.DeptSales || d.Name.En != "Commercial" {
		t.Errorf("renamed department = %+v, want key sales named Commercial", d)
	}
	h.send(leadership, anna, "/department rename Nowhere = X").contains("There is no department")
	h.send(leadership, anna, "/department rename Marketing = Commercial").contains("already a department")
}

func TestHandlerDepartment_RemoveKeepsHistory(t *testing.T) {
	h := newHandlerHarness(t)
	h.setUp(leadership)
	h.send(leadership, anna, "/department add Production")
	h.grant(leadership, olga, domain.RoleHead, "production")
	h.update(func(tx domain.Tx) error {
		ws, err := tx.Workspaces().ByChat(leadership.ID)
		if err != nil {
			return err
		}
		return tx.Hypotheses().Create(&domain.Hypothesis{Workspace: ws.ID, Number: 1, Text: "Faster assembly",
			Department: "production", Status: domain.StatusNew})
	})

	// A department that owns stages keeps them until they move.
	h.send(leadership, anna, "/department remove Sales").contains("owns these stages", "Meetings", "/stage owner Meetings = Sales")
	out := h.send(leadership, anna, "/department remove Production")
	out.contains("Department Production removed", "Open hypotheses still assigned to it: 1")
	if strings.Contains(out.text(), "Production: ") {
		t.Errorf("the list after removal still shows Production: %s", out)
	}

	ws := h.workspace(leadership)
	if _, ok := ws.ActiveDepartment("production"); ok {
		t.Error("a removed department can still be chosen")
	}
	if got := ws.DepartmentName("production", domain.English); got != "Production" {
		t.Errorf("the removed department's name in history = %q, want Production", got)
	}
	if ws.Member(olga.ID).Role() != domain.RoleMember {
		t.Errorf("Olga still has a role after her department was removed: %+v", ws.Member(olga.ID))
	}
	h.send(leadership, olga, "/join production").contains("Write the department you head")
	// Adding it again brings back the same department and its history.
	h.send(leadership, anna, "/department add Production").contains("Department Production added")
	if d, ok := h.workspace(leadership).ActiveDepartment("Production"); !ok || d.Key != "production" {
		t.Errorf("re-added department = %+v, want the old key production", d)
	}
}

func TestHandlerDepartment_UsageAndPrivateList(t *testing.T) {
	h := newHandlerHarness(t)
	h.setUp(leadership)
	h.send(leadership, anna, "/department frobnicate").contains("CEOs change departments with")
	h.send(leadership, anna, "/department add").contains("Write a name of 1 to 40 characters")
	h.send(privateChat(anna), anna, "/department").contains("Marketing: no head yet", "Impressions, Clicks, Leads, Qualified")
	h.changeWorkspace(leadership, func(ws *domain.Workspace) error { ws.Lang = domain.Russian; return nil })
	h.send(leadership, anna, "/department add Производство").contains("Отдел «Производство» добавлен", "/join производство")
}
