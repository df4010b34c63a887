package sheets

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"trackbot/domain"
)

func TestExport_ReimportsToTheSameNumbers(t *testing.T) {
	ws := newTestWorkspace()
	recs := []domain.WeeklyRecord{
		{
			Segment: "retail", Week: domain.Week{Year: 2026, Num: 47},
			Counts: map[string]int64{"leads": 300, "qualified": 40},
			Spend:  12345678, Revenue: 1, Margin: 0.12125, HasMargin: true,
			NonTarget: map[string]int64{"no_budget": 200, "other": 0},
		},
		{
			Segment: "dealers", Week: domain.Week{Year: 2026, Num: 46},
			Counts:  map[string]int64{"impressions": 1000000, "leads": 120, "paid": 3},
			Spend:   35000000,
			Revenue: 150000050,
			Margin:  0.355, HasMargin: true,
			DropOffs: map[string]map[string]int64{"meetings": {"price": 2, "wrong_phone": 14}, "paid": {"other": 1}},
			Managers: map[string]map[string]int64{"Anna Petrova": {"deals": 2}, "I. Ivanov": {"meetings": 5}},
		},
		{Segment: "dealers", Week: domain.Week{Year: 2026, Num: 47}, Counts: map[string]int64{"leads": 0}},
	}
	for _, format := range []string{FormatCSV, FormatXLSX} {
		for _, lang := range domain.Langs {
			t.Run(format+"/"+string(lang), func(t *testing.T) {
				data, err := Export(ws, lang, recs, format)
				if err != nil {
					t.Fatal(err)
				}
				entries, err := Read(ws, "export."+format, bytes.NewReader(data), testNow, Limits{})
				if err != nil {
					t.Fatalf("Read(Export) error: %v", err)
				}
				got := map[string]domain.WeeklyRecord{}
				for _, e := range entries {
					got[e.Segment+e.Week.String()] = e.Apply(domain.WeeklyRecord{})
				}
				for _, want := range recs {
					if r := got[want.Segment+want.Week.String()]; !reflect.DeepEqual(r, want) {
						t.Errorf("re-imported\ngot  %+v\nwant %+v", r, want)
					}
				}
				if len(got) != len(recs) {
					t.Errorf("re-imported %d records, want %d", len(got), len(recs))
				}
			})
		}
	}
}

func TestTemplate(t *testing.T) {
	ws := newTestWorkspace()
	weeks := []domain.Week{{Year: 2026, Num: 47}, {Year: 2026, Num: 48}}
	t.Run("csv", func(t *testing.T) {
		data, err := Template(ws, domain.Russian, weeks, FormatCSV)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(strings.TrimPrefix(string(data), "\xEF\xBB\xBF")), "\n")
		if got, want := len(lines), 1+3*2; got != want {
			t.Fatalf("template has %d lines, want %d", got, want)
		}
		if !strings.HasPrefix(lines[0], "Сегмент;Неделя;Показы;Клики;Лиды;Целевые;Встречи;КП;Сделки;Оплаты;Расход;Выручка;Маржа;нецелевые.Нет бюджета") {
			t.Errorf("header = %q", lines[0])
		}
		if !strings.HasPrefix(lines[1], "Дилеры;2026-W47;;") {
			t.Errorf("first row = %q, want the first segment and week", lines[1])
		}
		// Filled in, the template reads back.
		filled := strings.Replace(string(data), "Дилеры;2026-W48;;;", "Дилеры;2026-W48;;;120", 1)
		entries, err := Read(ws, "template.csv", strings.NewReader(filled), testNow, Limits{})
		if err != nil {
			t.Fatalf("Read(filled template) error: %v", err)
		}
		want := []domain.Entry{{Segment: "dealers", Week: domain.Week{Year: 2026, Num: 48}, Counts: map[string]int64{"leads": 120}}}
		if !reflect.DeepEqual(entries, want) {
			t.Errorf("Read(filled template) = %+v, want %+v", entries, want)
		}
	})
	// The XLSX template: TestTemplate_XLSXHasASheetPerConcern.
}

func TestWrite_UnknownFormat(t *testing.T) {
	if _, err := Export(newTestWorkspace(), domain.English, nil, "ods"); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("Export(ods) error = %v, want EINVALID", err)
	}
}
