package sheets

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"trackbot/domain"
)

// utf8BOM starts CSV files Excel saves as "CSV UTF-8"; we write it too, so
// Excel opens Cyrillic headers correctly.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// readCSV reads CSV rows. The text is UTF-8 with or without a BOM; a file
// that is not valid UTF-8 is read as Windows-1251, what Excel in Russian
// saves as plain "CSV". The delimiter is the one of ",", ";" and tab that
// the first line uses most (Excel in Russian writes ";").
func readCSV(data []byte, row func(int, []cell) error) error {
	data = bytes.TrimPrefix(data, utf8BOM)
	if !utf8.Valid(data) {
		decoded, err := charmap.Windows1251.NewDecoder().Bytes(data)
		if err != nil {
			return domain.Errorf(domain.EINVALID, "sheets.unreadable")
		}
		data = decoded
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = sniffDelimiter(data)
	r.FieldsPerRecord = -1 // rows may be shorter than the header
	r.LazyQuotes = true
	r.ReuseRecord = true
	for num := 1; ; num++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return domain.Errorf(domain.EINVALID, "sheets.bad_csv", num)
		}
		cells := make([]cell, len(rec))
		for i, s := range rec {
			cells[i] = cell{text: s}
		}
		if err := row(num, cells); err != nil {
			return err
		}
	}
}

// sniffDelimiter returns the delimiter the first line uses most, outside
// quotes; a comma when there is none.
func sniffDelimiter(data []byte) rune {
	counts := map[rune]int{}
	quoted := false
	for _, b := range data {
		switch {
		case b == '"':
			quoted = !quoted
		case b == '\n' && !quoted:
			return mostUsed(counts)
		case !quoted && (b == ',' || b == ';' || b == '\t'):
			counts[rune(b)]++
		}
	}
	return mostUsed(counts)
}

func mostUsed(counts map[rune]int) rune {
	best := ','
	for _, d := range []rune{';', '\t'} {
		if counts[d] > counts[best] {
			best = d
		}
	}
	return best
}

// writeCSV writes a table as CSV with a BOM, numbers with lang's decimal
// mark. Where the mark is a comma (Russian) the delimiter is ";", as Excel
// in that locale expects; otherwise ",".
func writeCSV(t table, lang domain.Lang) ([]byte, error) {
	var buf bytes.Buffer
	buf.Write(utf8BOM)
	w := csv.NewWriter(&buf)
	if domain.DecimalMark(lang) == "," {
		w.Comma = ';'
	}
	if err := w.Write(t.header); err != nil {
		return nil, err
	}
	for _, row := range t.rows {
		rec := make([]string, len(row))
		for i, v := range row {
			rec[i] = v.text(lang)
		}
		if err := w.Write(rec); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}
