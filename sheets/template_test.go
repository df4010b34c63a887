package sheets

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"trackbot/domain"
)

// templateHeader is the header of the CSV template in lang.
func templateHeader(t *testing.T, ws *domain.Workspace, lang domain.Lang) []string {
	t.Helper()
	data, err := Template(ws, lang, []domain.Week{{Year: 2026, Num: 47}}, FormatCSV)
	if err != nil {
		t.Fatal(err)
	}
	return csvRows(t, data, lang)[0]
}

// dropOffStagesOf lists the stages of the header's drop-off columns, once each.
func dropOffStagesOf(t *testing.T, ws *domain.Workspace, header []string) []string {
	t.Helper()
	var stages []string
	for _, h := range header {
		f, prob := domain.ParseField(ws, h)
		if prob == nil && f.Kind == domain.FieldDropOff && !slices.Contains(stages, f.Stage) {
			stages = append(stages, f.Stage)
		}
	}
	return stages
}

func TestTemplate_DropOffColumnsOnlyWhereTheMethodAsksWhy(t *testing.T) {
	ws := newTestWorkspace()
	header := templateHeader(t, ws, domain.English)
	if got, want := strings.Join(dropOffStagesOf(t, ws, header), ","), "meetings,proposals,deals,paid"; got != want {
		t.Errorf("drop-off columns are for %s, want %s (lost on the way into each)", got, want)
	}
	for _, h := range header {
		if strings.HasPrefix(h, "lost.Leads.") || strings.HasPrefix(h, "lost.Clicks.") || strings.HasPrefix(h, "lost.Qualified.") {
			t.Errorf("the template offers %q", h)
		}
	}
	if !slices.Contains(header, "lost.Paid.Price") {
		t.Errorf("the template lacks lost.Paid.Price (deals not paid): %q", header)
	}

	if err := ws.SetDropOffReasons("Proposals", false); err != nil {
		t.Fatal(err)
	}
	if err := ws.SetDropOffReasons("Qualified", true); err != nil {
		t.Fatal(err)
	}
	header = templateHeader(t, ws, domain.Russian)
	if got, want := strings.Join(dropOffStagesOf(t, ws, header), ","), "qualified,meetings,deals,paid"; got != want {
		t.Errorf("after the CEO's switches drop-off columns are for %s, want %s", got, want)
	}
	if !slices.Contains(header, "отвал.Встречи.Цена") {
		t.Errorf("the Russian template lacks отвал.Встречи.Цена: %q", header)
	}
}

// fillTemplate writes a number into every empty figure cell of every sheet
// of numbers of an XLSX template, as a team filling it in would.
func fillTemplate(t testing.TB, data []byte, value func(sheet, header string, row int) any) []byte {
	t.Helper()
	f := openXLSX(t, data)
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		ids := slices.IndexFunc(rows[0], func(h string) bool {
			return !slices.Contains([]string{"Segment", "Week", "Manager", "Сегмент", "Неделя", "Менеджер"}, h)
		})
		if ids < 2 {
			continue // the instructions
		}
		for r := 1; r < len(rows); r++ {
			for c := ids; c < len(rows[0]); c++ {
				axis, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if err := f.SetCellValue(sheet, axis, value(sheet, rows[0][c], r)); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// headers returns the first row of a sheet.
func headers(t *testing.T, f *excelize.File, sheet string) []string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil || len(rows) == 0 {
		t.Fatalf("sheet %s: %v", sheet, err)
	}
	return rows[0]
}

// numFmt is the custom number format of a column's style.
func numFmt(t *testing.T, f *excelize.File, sheet, col string) string {
	t.Helper()
	id, err := f.GetColStyle(sheet, col)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil || st.CustomNumFmt == nil {
		t.Fatalf("column %s of %s has style %d (%+v), no number format: %v", col, sheet, id, st, err)
	}
	return *st.CustomNumFmt
}

func TestTemplate_XLSXHasASheetPerConcern(t *testing.T) {
	ws := newTestWorkspace()
	spec := TemplateSpec{Weeks: []domain.Week{{Year: 2026, Num: 47}, {Year: 2026, Num: 48}}, Managers: []string{"Anna Petrova", "Ivan"}}
	data, err := TemplateWith(ws, domain.English, spec, FormatXLSX)
	if err != nil {
		t.Fatal(err)
	}
	f := openXLSX(t, data)
	if got, want := f.GetSheetList(), []string{"Funnel", "Non-target", "Drop-offs", "Managers", "Plan", "Instructions"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("sheets = %q, want %q", got, want)
	}
	if got, want := strings.Join(headers(t, f, "Funnel"), ","), "Segment,Week,Impressions,Clicks,Leads,Qualified,Meetings,Proposals,Deals,Paid,Spend,Revenue,Margin"; got != want {
		t.Errorf("Funnel header = %s, want %s", got, want)
	}
	for _, h := range headers(t, f, "Non-target")[2:] {
		if !strings.HasPrefix(h, "nontarget.") {
			t.Errorf("Non-target sheet has column %q", h)
		}
	}
	if got := dropOffStagesOf(t, ws, headers(t, f, "Drop-offs")); strings.Join(got, ",") != "meetings,proposals,deals,paid" {
		t.Errorf("Drop-offs sheet is for the stages %v", got)
	}
	if got, want := strings.Join(headers(t, f, "Managers"), ","), "Segment,Week,Manager,Meetings,Proposals,Deals,Paid"; got != want {
		t.Errorf("Managers header = %s, want %s", got, want)
	}
	funnel, _ := f.GetRows("Funnel")
	if len(funnel) != 7 || funnel[1][0] != "Dealers" || funnel[1][1] != "2026-W47" || funnel[6][0] != "Retail buyers" || funnel[6][1] != "2026-W48" {
		t.Errorf("Funnel rows = %q, want a row per segment and week", funnel)
	}
	managers, _ := f.GetRows("Managers")
	if len(managers) != 1+3*2*2 || strings.Join(managers[1], ",") != "Dealers,2026-W47,Anna Petrova" || strings.Join(managers[2], ",") != "Dealers,2026-W47,Ivan" {
		t.Errorf("Managers rows = %q, want a row per segment, week and manager", managers)
	}
	for sheet, split := range map[string]int{"Funnel": 2, "Non-target": 2, "Drop-offs": 2, "Managers": 3} {
		panes, err := f.GetPanes(sheet)
		if err != nil || !panes.Freeze || panes.XSplit != split || panes.YSplit != 1 {
			t.Errorf("%s panes = %+v, %v; want the header and the first %d columns frozen", sheet, panes, err, split)
		}
	}
	for _, c := range []struct{ sheet, col, want string }{
		{"Funnel", "B", "@"}, {"Funnel", "E", "#,##0"}, {"Funnel", "K", "#,##0"}, {"Funnel", "M", "0.00%"},
		{"Drop-offs", "C", "#,##0"}, {"Managers", "C", "@"}, {"Managers", "D", "#,##0"},
	} {
		if got := numFmt(t, f, c.sheet, c.col); got != c.want {
			t.Errorf("%s column %s number format = %q, want %q", c.sheet, c.col, got, c.want)
		}
	}
	if first, _ := f.GetCellValue("Instructions", "A1"); first != "How to fill in this file" {
		t.Errorf("instructions start with %q", first)
	}
	if _, err := Read(ws, "template.xlsx", bytes.NewReader(data), testNow, Limits{}); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("Read(empty template) error = %v, want sheets.empty", err)
	}

	ru, err := Template(ws, domain.Russian, spec.Weeks, FormatXLSX)
	if err != nil {
		t.Fatal(err)
	}
	fr := openXLSX(t, ru)
	if got, want := fr.GetSheetList(), []string{"Воронка", "Нецелевые", "Отвалы", "Менеджеры", "План", "Инструкция"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Russian sheets = %q, want %q", got, want)
	}
	if got := strings.Join(headers(t, fr, "Воронка")[:5], ","); got != "Сегмент,Неделя,Показы,Клики,Лиды" {
		t.Errorf("Russian header = %s", got)
	}
	if rows, _ := fr.GetRows("Менеджеры"); len(rows) != 1+3*2 || len(rows[1]) != 2 {
		t.Errorf("without known managers the Managers sheet has %d rows (%q), want one per segment and week with the name to fill in", len(rows), rows)
	}
}

func TestTemplate_FilledXLSXReadsBack(t *testing.T) {
	ws := newTestWorkspace()
	spec := TemplateSpec{Weeks: []domain.Week{{Year: 2026, Num: 47}}, Managers: []string{"Ivan"}}
	data, err := TemplateWith(ws, domain.Russian, spec, FormatXLSX)
	if err != nil {
		t.Fatal(err)
	}
	filled := fillTemplate(t, data, func(sheet, header string, row int) any {
		switch {
		case sheet == "Воронка" && header == "Лиды" && row == 1:
			return 120
		case sheet == "Отвалы" && header == "отвал.Оплаты.Цена" && row == 1:
			return 2
		case sheet == "Менеджеры" && header == "Сделки" && row == 1:
			return 3
		}
		return ""
	})
	got, err := Read(ws, "template.xlsx", bytes.NewReader(filled), testNow, Limits{})
	if err != nil {
		t.Fatalf("Read(filled template) error: %v", err)
	}
	want := []domain.Entry{{
		Segment: "dealers", Week: domain.Week{Year: 2026, Num: 47}, Counts: map[string]int64{"leads": 120},
		DropOffs: map[string]map[string]int64{"paid": {"price": 2}}, Managers: map[string]map[string]int64{"Ivan": {"deals": 3}},
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Read(filled template)\ngot  %+v\nwant %+v", got, want)
	}
}
