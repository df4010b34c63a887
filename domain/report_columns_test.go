package domain

import (
	"strings"
	"testing"
)

// stageKeys lists the keys of stages, comma-separated.
func stageKeys(stages []Stage) string {
	keys := make([]string, len(stages))
	for i, st := range stages {
		keys[i] = st.Key
	}
	return strings.Join(keys, ",")
}

func TestWorkspace_DropOffStages(t *testing.T) {
	tests := []struct {
		name string
		edit func(ws *Workspace) error
		want string
	}{
		{"by default the transitions after qualified up to paid", func(*Workspace) error { return nil },
			"meetings,proposals,deals,paid"},
		{"a CEO switches a stage off", func(ws *Workspace) error { return ws.SetDropOffReasons("Proposals", false) },
			"meetings,deals,paid"},
		{"a CEO switches an earlier stage on", func(ws *Workspace) error { return ws.SetDropOffReasons("Leads", true) },
			"leads,meetings,proposals,deals,paid"},
		{"a new stage inside the range asks by default", func(ws *Workspace) error {
			_, err := ws.Add(ListStages, "Tenders", "Meetings")
			return err
		}, "meetings,tenders,proposals,deals,paid"},
		{"a stage after paid does not ask by default", func(ws *Workspace) error {
			_, err := ws.Add(ListStages, "Repeat orders", "Paid")
			return err
		}, "meetings,proposals,deals,paid"},
		{"the switch moves with the stage", func(ws *Workspace) error {
			if err := ws.SetDropOffReasons("Meetings", false); err != nil {
				return err
			}
			return ws.Move(ListStages, "Meetings", 6)
		}, "proposals,deals,paid"},
		{"an archived stage does not ask", func(ws *Workspace) error { return ws.Remove(ListStages, "meetings", true) },
			"proposals,deals,paid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws := newSetupWorkspace()
			if err := tt.edit(ws); err != nil {
				t.Fatal(err)
			}
			if got := stageKeys(ws.DropOffStages()); got != tt.want {
				t.Errorf("DropOffStages = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestWorkspace_SetDropOffReasonsRefusals(t *testing.T) {
	ws := newSetupWorkspace()
	if err := ws.SetDropOffReasons("Impressions", true); ErrorCode(err) != EINVALID {
		t.Errorf("switching the first stage on: %v, want EINVALID", err)
	}
	if err := ws.SetDropOffReasons("Impressions", false); err != nil {
		t.Errorf("switching the first stage off: %v", err)
	}
	if err := ws.SetDropOffReasons("Nowhere", true); ErrorCode(err) != ENOTFOUND {
		t.Errorf("an unknown stage: %v, want ENOTFOUND", err)
	}
	if ws.AsksDropOffReasons("nowhere") || ws.AsksDropOffReasons("impressions") {
		t.Error("an unknown or the first stage asks for reasons")
	}
}
