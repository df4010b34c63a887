package domain

import (
	"slices"
	"testing"
)

func TestSplitNames(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Застройщики, Розница", []string{"Застройщики", "Розница"}},
		{"Дилеры", []string{"Дилеры"}},
		{"A; B\nC", []string{"A", "B", "C"}},
		{"Розница (физлица, ИП), Опт", []string{"Розница (физлица, ИП)", "Опт"}},
		{"  Новые   клиенты ,, ", []string{"Новые клиенты"}},
		{",;\n", nil},
		{"a) b, c", []string{"a) b", "c"}}, // a stray closing bracket does not swallow the list
	}
	for _, tt := range tests {
		if got := SplitNames(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("SplitNames(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWorkspace_AddListAddsEveryNameOfAList(t *testing.T) {
	ws := newTestWorkspace()
	ws.Segments = DefaultSegments()
	keys, err := ws.AddList(ListSegments, "Застройщики, Розница", "")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range ws.Segments {
		names = append(names, s.Name.Ru)
	}
	if want := []string{"Все клиенты", "Застройщики", "Розница"}; !slices.Equal(names, want) {
		t.Errorf("segments = %q, want %q", names, want)
	}
	if len(keys) != 2 || keys[0] == keys[1] {
		t.Errorf("keys = %q, want two distinct keys", keys)
	}
}

func TestWorkspace_AddListStagesFollowEachOther(t *testing.T) {
	ws := newTestWorkspace()
	if _, err := ws.AddList(ListStages, "Демо, Тест", "встречи"); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, st := range ws.Stages {
		keys = append(keys, st.Key)
	}
	i := slices.Index(keys, "meetings")
	if i < 0 || i+2 >= len(keys) || ws.Stages[i+1].Name.Ru != "Демо" || ws.Stages[i+2].Name.Ru != "Тест" {
		t.Errorf("stages = %q, want Демо and Тест right after meetings", keys)
	}
}

func TestWorkspace_AddListRefusesTheWholeList(t *testing.T) {
	tests := []struct {
		name, list, after, code string
	}{
		{"one name taken", "Опт, Дилеры", "", ECONFLICT},
		{"a name twice", "Опт, опт", "", EINVALID},
		{"nothing but commas", ", ,", "", EINVALID},
		{"a name too long", "Опт, Очень длинное название сегмента для проверки его длины", "", EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws := newTestWorkspace()
			before := len(ws.Segments)
			_, err := ws.AddList(ListSegments, tt.list, tt.after)
			if ErrorCode(err) != tt.code {
				t.Fatalf("AddList(%q) = %v, want %s", tt.list, err, tt.code)
			}
			if len(ws.Segments) != before {
				t.Errorf("AddList(%q) refused but added segments: %d → %d", tt.list, before, len(ws.Segments))
			}
		})
	}
	ws := newTestWorkspace()
	before := len(ws.Stages)
	if _, err := ws.AddList(ListStages, "Демо, Тест", "обед"); ErrorCode(err) != ENOTFOUND || len(ws.Stages) != before {
		t.Errorf("AddList after an unknown stage = %v with %d stages, want ENOTFOUND and %d", err, len(ws.Stages), before)
	}
}
