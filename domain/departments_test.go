package domain

import (
	"testing"
	"time"
)

func departmentsWorkspace() *Workspace {
	return NewWorkspace(-100, "Acme", English, "Europe/Moscow", Person{UserID: 1, Name: "Anna"}, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
}

func TestAddDepartment_KeysAreASCIIAndUnique(t *testing.T) {
	ws := departmentsWorkspace()
	tests := []struct{ name, wantKey string }{
		{"Production", "production"},
		{"Производство", "proizvodstvo"},
		{"Production 2", "production_2"},
		{"!!!", "department"},
	}
	for _, tt := range tests {
		key, err := ws.AddDepartment(tt.name)
		if err != nil {
			t.Fatalf("AddDepartment(%q): %v", tt.name, err)
		}
		if key != tt.wantKey {
			t.Errorf("AddDepartment(%q) key = %q, want %q", tt.name, key, tt.wantKey)
		}
	}
	if _, err := ws.AddDepartment("production"); ErrorCode(err) != ECONFLICT {
		t.Errorf("adding a taken name: %v, want a conflict", err)
	}
	if _, err := ws.AddDepartment("  "); ErrorCode(err) != EINVALID {
		t.Errorf("adding an empty name: %v, want invalid", err)
	}
}

func TestRemoveDepartment_Rules(t *testing.T) {
	ws := departmentsWorkspace()
	if _, err := ws.RemoveDepartment("sales", time.Time{}); ErrorCode(err) != ECONFLICT {
		t.Errorf("removing a department that owns stages: %v, want a conflict", err)
	}
	for i := range ws.Stages {
		ws.Stages[i].Department = DeptMarketing
	}
	if err := ws.Grant(Person{UserID: 7, Name: "Sam"}, RoleHead, DeptSales, time.Time{}); err != nil {
		t.Fatal(err)
	}
	ws.RequestJoin(Person{UserID: 8, Name: "Sue"}, DeptSales, time.Time{})

	if _, err := ws.RemoveDepartment("Sales", time.Time{}); err != nil {
		t.Fatalf("removing a department without stages: %v", err)
	}

	if ws.Member(7).Role() != RoleMember {
		t.Errorf("the head of a removed department keeps a role: %+v", ws.Member(7))
	}
	if len(ws.Joins) != 0 {
		t.Errorf("join requests for a removed department stay: %v", ws.Joins)
	}
	if d, ok := ws.Department("sales"); !ok || !d.Archived {
		t.Errorf("the removed department is gone from history: %+v, %v", d, ok)
	}
	if err := ws.Grant(Person{UserID: 9}, RoleHead, DeptSales, time.Time{}); ErrorCode(err) != ENOTFOUND {
		t.Errorf("granting a removed department: %v, want not found", err)
	}
	for i := range ws.Stages {
		ws.Stages[i].Department = ""
	}
	if _, err := ws.RemoveDepartment("Marketing", time.Time{}); ErrorCode(err) != ECONFLICT {
		t.Errorf("removing the last department: %v, want a conflict", err)
	}
}

func TestDepartment_ActiveWinsOverARemovedNamesake(t *testing.T) {
	ws := departmentsWorkspace()
	if err := ws.RenameDepartment("Sales", "Commercial"); err != nil {
		t.Fatal(err)
	}
	for i := range ws.Stages {
		ws.Stages[i].Department = DeptMarketing
	}
	if _, err := ws.RemoveDepartment("Commercial", time.Time{}); err != nil {
		t.Fatal(err)
	}
	key, err := ws.AddDepartment("Sales")
	if err != nil {
		t.Fatal(err)
	}
	// "Sales" is the old name of the removed department: adding it brings
	// that department back rather than making a namesake.
	if key != DeptSales {
		t.Errorf("re-adding a former name made %q, want the old department %q back", key, DeptSales)
	}
	if d, _ := ws.Department("sales"); d.Archived || d.Name.En != "Sales" || d.Name.Ru != "Sales" {
		t.Errorf("Department(sales) = %+v, want the active one under the name typed", d)
	}
}
