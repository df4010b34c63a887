package sheets

import (
	"bytes"
	"errors"
	"testing"
	"time"
)

func TestRead_WeeksThatCannotHoldNumbersNameTheirCell(t *testing.T) {
	ws := newTestWorkspace() // created on testNow
	csvData := "segment,week,leads\n" +
		"dealers,1970-W01,1\n" +
		"dealers,2026-W47,1\n"
	xlsxData := buildXLSX(t, [][]any{
		{"segment", "week", "leads"},
		{"dealers", time.Date(1905, 3, 1, 0, 0, 0, 0, time.UTC), 1}, // a date cell of 1905
		{"dealers", time.Date(2027, 1, 6, 0, 0, 0, 0, time.UTC), 1}, // a date cell not yet reached
		{"dealers", "2026-W47", 1},
	})
	tests := []struct {
		file     string
		data     []byte
		wantKeys []string
	}{
		{"numbers.csv", []byte(csvData), []string{"entry.week_too_old"}},
		{"numbers.xlsx", xlsxData, []string{"entry.week_too_old", "entry.future_week"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := Read(ws, tt.file, bytes.NewReader(tt.data), testNow, Limits{})
			var fe *FileError
			if !errors.As(err, &fe) || len(fe.Problems) != len(tt.wantKeys) {
				t.Fatalf("Read error = %v, want %d problems", err, len(tt.wantKeys))
			}
			for i, p := range fe.Problems {
				if p.Row != i+2 || p.Column != "B" || p.Text != tt.wantKeys[i] {
					t.Errorf("problem %d = %+v, want row %d, column B, %s", i, p, i+2, tt.wantKeys[i])
				}
			}
		})
	}
}

// A name written decomposed ("й" as "и" and a combining breve, as macOS
// saves it) or with invisible characters is the segment it looks like.
func TestRead_LookalikeSegmentNamesMatch(t *testing.T) {
	ws := newTestWorkspace()
	csvData := "segment,week,leads\n" +
		"Застрои\u0306щики,2026-W47,1\n" +
		"Ди\u200bлеры\u200f,2026-W47,2\n"
	xlsxData := buildXLSX(t, [][]any{{"segment", "week", "leads"}, {"Застрои\u0306щики", "2026-W47", 1}, {"Ди\u200bлеры\u200f", "2026-W47", 2}})
	for name, data := range map[string][]byte{"a.csv": []byte(csvData), "a.xlsx": xlsxData} {
		entries, err := Read(ws, name, bytes.NewReader(data), testNow, Limits{})
		if err != nil || len(entries) != 2 || entries[0].Segment != "developers" || entries[1].Segment != "dealers" {
			t.Errorf("%s: Read = %+v, %v; want developers and dealers", name, entries, err)
		}
	}
}
