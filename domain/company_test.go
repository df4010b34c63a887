package domain

import (
	"testing"
	"time"
)

func TestCompanies_PrivateChatWorksWithTheOnlyOrTheLastChosen(t *testing.T) {
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	anna := Person{UserID: 1, Name: "Anna"}
	mark := Person{UserID: 2, Name: "Mark"}
	a := NewWorkspace(-100, "Acme", English, "UTC", anna, t0)
	b := NewWorkspace(-200, "Bolt", English, "UTC", anna, t0)
	c := NewWorkspace(-300, "Cobalt", English, "UTC", Person{UserID: 9}, t0)
	a.ID, b.ID, c.ID = 1, 2, 3
	if err := b.Grant(mark, RoleHead, DeptSales, t0); err != nil {
		t.Fatal(err)
	}
	all := []*Workspace{a, b, c}

	if got := Companies(all, mark.UserID); len(got) != 1 || got[0] != b {
		t.Fatalf("Mark's companies = %v, want only Bolt", got)
	}
	if got := ChosenCompany(Companies(all, mark.UserID), mark.UserID); got != b {
		t.Errorf("a person in one company works with it without choosing; got %v", got)
	}
	mine := Companies(all, anna.UserID)
	if len(mine) != 2 {
		t.Fatalf("Anna's companies = %d, want 2", len(mine))
	}
	if got := ChosenCompany(mine, anna.UserID); got != nil {
		t.Errorf("among several, nothing is chosen before a choice; got %s", got.Title)
	}
	choose := func(ws *Workspace, p Person, at time.Time) error {
		_, err := ChooseCompany(all, ws.ID, p, at)
		return err
	}
	if err := choose(b, anna, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := choose(a, anna, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got := ChosenCompany(mine, anna.UserID); got != a {
		t.Errorf("the last choice wins, also within one clock tick; got %v", got)
	}
	if err := choose(b, anna, t0); err != nil {
		t.Fatal(err)
	}
	if got := ChosenCompany(mine, anna.UserID); got != b {
		t.Errorf("the last choice wins, also after the clock was set back; got %v", got)
	}
	if err := choose(c, anna, t0); ErrorCode(err) != EFORBIDDEN {
		t.Errorf("choosing a company one is not in = %v, want EFORBIDDEN", err)
	}
	// A person whose last role is taken away is no longer in the company.
	if err := b.Revoke(mark.UserID, RoleHead, DeptSales, t0); err != nil {
		t.Fatal(err)
	}
	if b.Knows(mark.UserID) || len(Companies(all, mark.UserID)) != 0 {
		t.Error("a member without a role still counts as in the company")
	}
}
