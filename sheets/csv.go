package sheets

import (
	"bytes"
	"encoding/csv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"

	"trackbot/domain"
)

// utf8BOM starts CSV files Excel saves as "CSV UTF-8"; we write it too, so
// Excel opens Cyrillic headers correctly.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// readCSV reads CSV rows. The text is UTF-8 with or without a BOM; a file
// that is not valid UTF-8 is read as Windows-1251, what Excel in Russian
// saves as plain "CSV", one cell at a time (the delimiters and quotes are
// the same bytes in both). The delimiter is the one of ",", ";" and tab
// that the first line uses most (Excel in Russian writes ";"). A row keeps
// one cell more than a header may have, and a cell one character more
// than it may hold, so rowParser refuses them without the file's bulk
// held in memory.
func readCSV(data []byte, lim Limits, row func(int, []cell) error) error {
	data = bytes.TrimPrefix(data, utf8BOM)
	cp1251 := !utf8.Valid(data)
	sp := newCSVSplitter(data, byte(sniffDelimiter(data)), maxColumns+1, utf8.UTFMax*(lim.MaxCellLen+1))
	for num := 1; ; num++ {
		rec, ok := sp.next()
		if !ok {
			return nil
		}
		cells := make([]cell, len(rec))
		for i, s := range rec {
			if cp1251 {
				s = decode1251(s)
			}
			cells[i] = cell{text: norm.NFC.String(fromCSVText(s))} // see domain.CleanName
		}
		if err := row(num, cells); err != nil {
			return err
		}
	}
}

// decode1251 converts Windows-1251 text to UTF-8.
func decode1251(s string) string {
	var sb strings.Builder
	sb.Grow(2 * len(s))
	for i := 0; i < len(s); i++ {
		sb.WriteRune(charmap.Windows1251.DecodeByte(s[i]))
	}
	return sb.String()
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
	header := make([]string, len(t.header))
	for i, h := range t.header {
		header[i] = csvText(h)
	}
	if err := w.Write(header); err != nil {
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
