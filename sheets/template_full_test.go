package sheets

import (
	"bytes"
	"testing"

	"trackbot/domain"
)

// fullTemplate is the XLSX template for the test workspace's 3 segments ×
// 52 weeks with 3 managers, every figure cell filled.
func fullTemplate(t testing.TB) (ws *domain.Workspace, data []byte, spec TemplateSpec) {
	t.Helper()
	ws = newTestWorkspace()
	last := domain.Week{Year: 2026, Num: 47}
	for i := 51; i >= 0; i-- {
		spec.Weeks = append(spec.Weeks, last.Add(-i))
	}
	spec.Managers = []string{"Anna Petrova", "Ivan", "Olga"}
	tmpl, err := TemplateWith(ws, domain.Russian, spec, FormatXLSX)
	if err != nil {
		t.Fatal(err)
	}
	return ws, fillTemplate(t, tmpl, func(_, _ string, row int) any { return 100 + row%7 }), spec
}

func TestTemplate_Full3Segments52WeeksReadsInOnePass(t *testing.T) {
	t.Parallel()
	ws, data, spec := fullTemplate(t)
	entries, err := Read(ws, "Еженедельные цифры компании — полный год, все сегменты и менеджеры.xlsx", bytes.NewReader(data), testNow, DefaultLimits())
	if err != nil {
		t.Fatalf("Read(full template) error: %v", err)
	}
	if got, want := len(entries), 3*52; got != want {
		t.Fatalf("read %d entries, want one per segment and week: %d", got, want)
	}
	perEntry := len(templateFields(ws)) + len(spec.Managers)*len(ws.ManagerStages())
	seen := map[rowKey]bool{}
	for _, e := range entries {
		if n := len(e.Fields()); n != perEntry {
			t.Errorf("%s %s has %d figures, want every column: %d", e.Segment, e.Week, n, perEntry)
		}
		seen[rowKey{segment: e.Segment, week: e.Week}] = true
		if e.Managers["Olga"]["paid"] == 0 || e.DropOffs["meetings"]["price"] == 0 || e.NonTarget["no_budget"] == 0 {
			t.Errorf("%s %s lacks a figure of a sheet: %+v", e.Segment, e.Week, e)
		}
	}
	if len(seen) != 3*52 {
		t.Errorf("%d distinct segment weeks, want %d", len(seen), 3*52)
	}
	if len(data) > int(DefaultLimits().MaxBytes) {
		t.Errorf("the full template is %d bytes, over the upload limit", len(data))
	}
}

func BenchmarkRead_FullTemplate3x52(b *testing.B) {
	ws, data, _ := fullTemplate(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Read(ws, "full.xlsx", bytes.NewReader(data), testNow, DefaultLimits()); err != nil {
			b.Fatal(err)
		}
	}
}
