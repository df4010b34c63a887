package sheets

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"trackbot/domain"
)

func TestTemplate_PlanSheetFilledReadsBackAsPlans(t *testing.T) {
	ws := newTestWorkspace()
	spec := TemplateSpec{Weeks: []domain.Week{{Year: 2026, Num: 47}, {Year: 2026, Num: 48}}}
	data, err := TemplateWith(ws, domain.English, spec, FormatXLSX)
	if err != nil {
		t.Fatal(err)
	}
	f := openXLSX(t, data)
	if got, want := strings.Join(headers(t, f, "Plan"), ","), "Segment,Period,Impressions,Clicks,Leads,Qualified,Meetings,Proposals,Deals,Paid,Spend,Revenue"; got != want {
		t.Errorf("Plan header = %s, want %s", got, want)
	}
	rows, _ := f.GetRows("Plan")
	// The week after 2026-W48 is W49, whose Thursday is 3 December.
	if len(rows) != 1+3*3 || strings.Join(rows[1], ",") != "Dealers,2026-12" || strings.Join(rows[2], ",") != "Dealers,2027-01" || strings.Join(rows[3], ",") != "Dealers,2026-Q4" {
		t.Errorf("Plan rows = %q, want this month, next month and this quarter per segment", rows)
	}
	if got := numFmt(t, f, "Plan", "L"); got != "#,##0" {
		t.Errorf("revenue column format %q", got)
	}
	for cell, v := range map[string]any{"I2": 12, "L2": 5000000, "L4": 14000000} {
		if err := f.SetCellValue("Plan", cell, v); err != nil {
			t.Fatal(err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	book, err := ReadBook(ws, "template.xlsx", bytes.NewReader(buf.Bytes()), testNow, Limits{})
	if err != nil {
		t.Fatalf("ReadBook: %v", err)
	}
	want := []domain.Plan{
		{Segment: "dealers", Kind: domain.PeriodMonth, Year: 2026, Num: 12, Targets: []domain.PlanTarget{
			{Kind: domain.FieldCount, Stage: "deals", Value: 12}, {Kind: domain.FieldRevenue, Value: 5_000_000_00}}},
		{Segment: "dealers", Kind: domain.PeriodQuarter, Year: 2026, Num: 4, Targets: []domain.PlanTarget{
			{Kind: domain.FieldRevenue, Value: 14_000_000_00}}},
	}
	if len(book.Entries) != 0 || !reflect.DeepEqual(book.Plans, want) {
		t.Errorf("ReadBook = %d entries, plans %+v; want no entries and %+v", len(book.Entries), book.Plans, want)
	}
	if _, err := Read(ws, "template.xlsx", bytes.NewReader(buf.Bytes()), testNow, Limits{}); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("Read of a file with plans only: %v, want sheets.empty", err)
	}
}

func TestRead_PlanSheetBesideNumbersAndItsProblems(t *testing.T) {
	ws := newTestWorkspace()
	data := buildBook(t,
		namedSheet{"Funnel", [][]any{{"segment", "week", "leads"}, {"Dealers", "2026-W47", 120}}},
		namedSheet{"План", [][]any{
			{"Сегмент", "Период", "Выручка", "Сделки"},
			{"Дилеры", "март 2027", "1,5 млн", 4},
			{"Физлица", "2 кв 2027", "", ""},
		}},
	)
	book, err := ReadBook(ws, "book.xlsx", bytes.NewReader(data), testNow, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(book.Entries) != 1 || len(book.Plans) != 1 || book.Plans[0].Num != 3 || book.Plans[0].Year != 2027 ||
		len(book.Plans[0].Targets) != 2 || book.Plans[0].Targets[0].Value != 1_500_000_00 {
		t.Errorf("book = %+v", book)
	}
	bad := buildBook(t, namedSheet{"Plan", [][]any{
		{"segment", "period", "revenue", "margin"},
	}})
	if _, err := ReadBook(ws, "book.xlsx", bytes.NewReader(bad), testNow, Limits{}); err == nil ||
		!strings.Contains(domain.UserMessage(domain.English, err), "a plan sets stage counts, spend or revenue") {
		t.Errorf("a margin column: %v", err)
	}
	bad = buildBook(t, namedSheet{"Plan", [][]any{
		{"segment", "period", "revenue"},
		{"Dealers", "someday", 5},
		{"Nobody", "2027-01", 5},
		{"Dealers", "2027-02", -5},
		{"Dealers", "2027-02", 5},
		{"Dealers", "2027-02", 6},
	}})
	_, err = ReadBook(ws, "book.xlsx", bytes.NewReader(bad), testNow, Limits{})
	msg := domain.UserMessage(domain.English, err)
	for _, want := range []string{"Row 2, column B (period): write the plan's month or quarter", "Row 3, column A", "Row 4, column C (revenue)", "Row 6, column B (period)"} {
		if !strings.Contains(msg, want) {
			t.Errorf("problems lack %q:\n%s", want, msg)
		}
	}
}

func TestExport_PlansRoundTrip(t *testing.T) {
	ws := newTestWorkspace()
	ws.Members = []domain.Member{{UserID: 1, CEO: true}}
	plans := []domain.Plan{
		{Segment: "retail", Kind: domain.PeriodMonth, Year: 2026, Num: 12, Targets: []domain.PlanTarget{{Kind: domain.FieldSpend, Value: 600_000_00}}},
		{Segment: "dealers", Kind: domain.PeriodQuarter, Year: 2027, Num: 1, Targets: []domain.PlanTarget{
			{Kind: domain.FieldCount, Stage: "paid", Value: 30}, {Kind: domain.FieldRevenue, Value: 15_500_000_00}}},
	}
	for _, p := range plans {
		if err := ws.SetPlan(domain.Person{UserID: 1}, p, testNow); err != nil {
			t.Fatal(err)
		}
	}
	recs := []domain.WeeklyRecord{{Segment: "dealers", Week: domain.Week{Year: 2026, Num: 47}, Counts: map[string]int64{"leads": 120}}}
	data, err := Export(ws, domain.Russian, recs, FormatXLSX)
	if err != nil {
		t.Fatal(err)
	}
	book, err := ReadBook(ws, "export.xlsx", bytes.NewReader(data), testNow, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := []domain.Plan{plans[1], plans[0]} // in the workspace's segment order
	for i := range want {
		want[i].SetBy, want[i].SetAt = 0, time.Time{}
	}
	if len(book.Entries) != 1 || !reflect.DeepEqual(book.Plans, want) {
		t.Errorf("export read back: %d entries, plans %+v; want 1 and %+v", len(book.Entries), book.Plans, want)
	}
	csv, err := Export(ws, domain.English, recs, FormatCSV)
	if err != nil || strings.Contains(string(csv), "2027-Q1") {
		t.Errorf("a CSV export is one table of numbers: %v\n%s", err, csv)
	}
}
