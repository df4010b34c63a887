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
