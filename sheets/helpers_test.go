package sheets

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/xuri/excelize/v2"

	"trackbot/domain"
)

// openXLSX opens a written workbook, failing the test when it is not one;
// it is closed when the test ends.
func openXLSX(t testing.TB, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f
}

// csvRows reads every row of a CSV written in lang: without its byte
// order mark, split on the separator that language's Excel expects.
func csvRows(t testing.TB, data []byte, lang domain.Lang) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, utf8BOM)))
	if lang == domain.Russian {
		r.Comma = ';'
	}
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
