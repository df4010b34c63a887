package domain

import (
	"strings"
	"testing"
	"time"
)

func newSetupWorkspace() *Workspace {
	return NewWorkspace(-100, "Co", English, "Europe/Moscow", Person{UserID: 1, Name: "Anna"}, time.Unix(0, 0))
}

func TestSlug_TransliteratesAndTrims(t *testing.T) {
	cases := map[string]string{
		"Застройщики":   "zastroyschiki",
		"Dealers & Co":  "dealers_co",
		"  Физ. лица  ": "fiz_litsa",
		"Очень длинное название сегмента": "ochen_dlinnoe_nazvanie_s",
	}
	for in, want := range cases {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWorkspace_AddRenameMoveSegments(t *testing.T) {
	ws := newSetupWorkspace()
	key, err := ws.Add(ListSegments, "Дилеры", "")
	if err != nil || key != "dilery" {
		t.Fatalf("Add = %q, %v", key, err)
	}
	if _, err := ws.Add(ListSegments, "дилеры", ""); ErrorCode(err) != ECONFLICT {
		t.Errorf("adding a taken name: %v, want ECONFLICT", err)
	}
	if err := ws.Rename(ListSegments, "All clients", "Физлица"); err != nil {
		t.Fatal(err)
	}
	if k, ok := ws.Find(ListSegments, "All clients"); !ok || k != "main" {
		t.Errorf("the old name no longer finds the segment: %q %v", k, ok)
	}
	if err := ws.Move(ListSegments, "Дилеры", 1); err != nil {
		t.Fatal(err)
	}
	if ws.Segments[0].Key != "dilery" || ws.Segments[1].Name.Ru != "Физлица" {
		t.Errorf("order = %v", ws.Segments)
	}
	if err := ws.Move(ListSegments, "Дилеры", 3); ErrorCode(err) != EINVALID {
		t.Errorf("moving past the end: %v, want EINVALID", err)
	}
	for range 2 { // repeating the command keeps the focus
		if err := ws.SetFocus("Дилеры", true); err != nil || !ws.Segments[0].Focus {
			t.Fatalf("focus not on: %v", err)
		}
	}
	if err := ws.SetFocus("дилеры", false); err != nil || ws.Segments[0].Focus {
		t.Errorf("focus not off: %v", err)
	}
}

func TestWorkspace_AddStageAfterTakesItsDepartment(t *testing.T) {
	ws := newSetupWorkspace()
	if _, err := ws.Add(ListStages, "Tenders", "Meetings"); err != nil {
		t.Fatal(err)
	}
	i := 5 // after impressions, clicks, leads, qualified, meetings
	if ws.Stages[i].Key != "tenders" || ws.Stages[i].Department != DeptSales {
		t.Errorf("stage %d = %+v, want tenders owned by sales", i, ws.Stages[i])
	}
	if _, err := ws.Add(ListStages, "X", "Nope"); ErrorCode(err) != ENOTFOUND {
		t.Errorf("after an unknown stage: %v", err)
	}
}

func TestWorkspace_RemoveRules(t *testing.T) {
	ws := newSetupWorkspace()
	if err := ws.Remove(ListSegments, "main", true); ErrorCode(err) != ECONFLICT {
		t.Errorf("removing the last segment: %v", err)
	}
	if err := ws.Remove(ListStages, "leads", true); ErrorCode(err) != ECONFLICT {
		t.Errorf("removing the leads stage: %v", err)
	}
	if err := ws.Remove(ListDropOff, OtherReason, true); ErrorCode(err) != ECONFLICT {
		t.Errorf("removing other: %v", err)
	}
	if err := ws.Remove(ListStages, "clicks", true); err != nil {
		t.Fatal(err)
	}
	if _, ok := ws.Find(ListStages, "clicks"); ok {
		t.Error("an archived stage is still found")
	}
	if len(ws.Stages) != 8 {
		t.Error("archiving deleted the stage")
	}
	if err := ws.Remove(ListStages, "proposals", false); err != nil || len(ws.Stages) != 7 {
		t.Errorf("deleting an unused stage: %v, %d stages", err, len(ws.Stages))
	}
}

func TestWorkspace_AddReasonKeepsOtherLast(t *testing.T) {
	ws := newSetupWorkspace()
	if _, err := ws.Add(ListDropOff, "Long delivery", ""); err != nil {
		t.Fatal(err)
	}
	n := len(ws.DropOff)
	if ws.DropOff[n-1].Key != OtherReason || ws.DropOff[n-2].Key != "long_delivery" {
		t.Errorf("drop-off reasons end with %q, %q", ws.DropOff[n-2].Key, ws.DropOff[n-1].Key)
	}
}

func TestUsedBy(t *testing.T) {
	recs := []WeeklyRecord{{Segment: "main", Counts: map[string]int64{"leads": 3},
		NonTarget: map[string]int64{"no_budget": 1}, DropOffs: map[string]map[string]int64{"meetings": {"price": 2}}}}
	cases := []struct {
		kind ListKind
		key  string
		want bool
	}{
		{ListSegments, "main", true}, {ListSegments, "retail", false},
		{ListStages, "leads", true}, {ListStages, "meetings", true}, {ListStages, "paid", false},
		{ListNonTarget, "no_budget", true}, {ListNonTarget, "spam", false},
		{ListDropOff, "price", true}, {ListDropOff, "timing", false},
	}
	for _, tc := range cases {
		if got := UsedBy(tc.kind, tc.key, recs); got != tc.want {
			t.Errorf("UsedBy(%s, %s) = %v, want %v", tc.kind, tc.key, got, tc.want)
		}
	}
}

func TestWorkspace_AddListAddsEachName(t *testing.T) {
	ws := newSetupWorkspace()
	keys, err := ws.AddList(ListSegments, "Застройщики, Розница;\nДилеры,", "")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(keys, ","); got != "zastroyschiki,roznitsa,dilery" {
		t.Errorf("keys = %s", got)
	}
	var names []string
	for _, s := range ws.ActiveSegments() {
		names = append(names, s.Name.Ru)
	}
	if got := strings.Join(names, "|"); got != "Все клиенты|Застройщики|Розница|Дилеры" {
		t.Errorf("segments = %s", got)
	}

	keys, err = ws.AddList(ListStages, "Site visits, Tenders", "Meetings")
	if err != nil {
		t.Fatal(err)
	}
	var stages []string
	for _, st := range ws.Stages {
		stages = append(stages, st.Key)
	}
	if got := strings.Join(stages, ","); !strings.Contains(got, "meetings,site_visits,tenders,proposals") {
		t.Errorf("stages = %s, want Site visits then Tenders after Meetings (keys %v)", got, keys)
	}
}

func TestWorkspace_AddListIsAllOrNothing(t *testing.T) {
	tests := []struct {
		list, after string
		code        string
	}{
		{"Retail, All clients", "", ECONFLICT}, // taken
		{"Retail, retail", "", EINVALID},       // twice
		{"Retail, " + strings.Repeat("x", 41), "", EINVALID},
		{" , ;", "", EINVALID},
		{"Site visits, Tenders", "Nowhere", ENOTFOUND},
	}
	for _, tt := range tests {
		ws := newSetupWorkspace()
		kind := ListSegments
		if tt.after != "" {
			kind = ListStages
		}
		segments, stages := len(ws.Segments), len(ws.Stages)
		if _, err := ws.AddList(kind, tt.list, tt.after); ErrorCode(err) != tt.code {
			t.Errorf("AddList(%q, %q) error = %v, want %s", tt.list, tt.after, err, tt.code)
		}
		if len(ws.Segments) != segments || len(ws.Stages) != stages {
			t.Errorf("AddList(%q) added something before failing", tt.list)
		}
	}
}
