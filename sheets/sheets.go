// Package sheets reads and writes the funnel numbers as CSV and XLSX files:
// the import a department head uploads, the template to fill in, and the
// export of everything. It is the only package that imports excelize.
//
// A table has one row per segment and week ("wide"): the columns segment,
// week, the stage counts, spend, revenue, margin, nontarget.<reason> and
// lost.<stage>.<reason>, manager.<name>.<stage>. Headers are read like /log
// keys (domain.ParseField): keys or names in either language. An empty cell
// is "not reported", so an import overwrites only the filled cells. A CSV
// is one such table; an XLSX may spread the columns over sheets (the
// template has one per concern, and a sheet with a manager column holds
// one row per manager), and every sheet whose first row names a column is
// read, the figures of a segment's week joined across sheets.
//
// Reading is all-or-nothing: any problem returns no entries and a
// *FileError naming every bad cell by row and column. Files are untrusted:
// sizes, rows, cells and cell lengths are limited while reading, an XLSX (a
// zip) is inspected before anything is unpacked, and then only the parts
// holding the first sheet are unpacked, streaming, so reading any upload
// costs a few MB beyond the upload itself (hostile_test.go measures it).
// Exported text that a spreadsheet would run as a formula is neutralised
// (formula.go).
package sheets

import (
	"bytes"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"time"

	"trackbot/domain"
)

// The file formats.
const (
	FormatCSV  = "csv"
	FormatXLSX = "xlsx"
)

// Limits bound what reading a file may cost.
type Limits struct {
	MaxBytes    int64 // the file as uploaded
	MaxRows     int   // rows after the header, empty ones included
	MaxCellLen  int   // characters in one cell
	MaxUnzipped int64 // an XLSX's declared unpacked size, all parts together
	MaxCells    int   // XLSX cells read from the sheet, empty ones included
}

// DefaultLimits are far above a real weekly file (a few segments × a year of
// weeks) and far below what would hurt the bot.
func DefaultLimits() Limits {
	return Limits{MaxBytes: 5 << 20, MaxRows: 5000, MaxCellLen: 200, MaxUnzipped: 50 << 20, MaxCells: 500_000}
}

// withDefaults fills zero limits with the defaults.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxBytes <= 0 {
		l.MaxBytes = d.MaxBytes
	}
	if l.MaxRows <= 0 {
		l.MaxRows = d.MaxRows
	}
	if l.MaxCellLen <= 0 {
		l.MaxCellLen = d.MaxCellLen
	}
	if l.MaxUnzipped <= 0 {
		l.MaxUnzipped = d.MaxUnzipped
	}
	if l.MaxCells <= 0 {
		l.MaxCells = d.MaxCells
	}
	return l
}

// Read parses an uploaded file into one entry per filled row. name is the
// file name as uploaded (its extension helps to tell the format; the
// content decides); now resolves short week forms such as "w47" and "20.11"
// in the workspace time zone. Rows naming a segment and a week but no
// figure (the template's empty rows) are skipped.
//
// Any problem in any cell returns no entries and a *FileError listing them
// all; a limit or a broken file returns an EINVALID *domain.Error saying
// what to do.
func Read(ws *domain.Workspace, name string, r io.Reader, now time.Time, lim Limits) ([]domain.Entry, error) {
	book, err := ReadBook(ws, name, r, now, lim)
	if err != nil {
		return nil, err
	}
	if len(book.Entries) == 0 {
		return nil, domain.Errorf(domain.EINVALID, "sheets.empty")
	}
	return book.Entries, nil
}

// ReadBook is Read for a file that may also hold a sheet of plans (see
// plans.go): it returns the entries and the plans, and a file with only
// plans is not empty.
func ReadBook(ws *domain.Workspace, name string, r io.Reader, now time.Time, lim Limits) (Book, error) {
	lim = lim.withDefaults()
	data, err := readLimited(r, lim.MaxBytes)
	if err != nil {
		return Book{}, err
	}
	format, err := detectFormat(name, data)
	if err != nil {
		return Book{}, err
	}
	book := newBookParser(ws, now, lim)
	if format == FormatXLSX {
		err = readXLSX(data, lim, book.sheet)
	} else {
		err = readCSV(data, lim, book.csv())
	}
	if err != nil {
		return Book{}, err
	}
	return book.finish()
}

// readLimited reads at most max bytes and refuses a longer stream after
// reading one byte more. The buffer doubles but never past max+1, so a
// 30 MB upload costs about twice max in allocations, never 30 MB.
func readLimited(r io.Reader, max int64) ([]byte, error) {
	size := int64(64 << 10)
	if l, ok := r.(interface{ Len() int }); ok {
		// The upload already in memory (the bot's download): one buffer
		// of its size, not a trail of doubled ones.
		size = int64(l.Len()) + 1
	}
	buf := make([]byte, 0, min(max+1, size))
	for {
		if len(buf) == cap(buf) {
			if int64(len(buf)) > max {
				return nil, TooBig(max)
			}
			grown := make([]byte, len(buf), min(2*int64(cap(buf)), max+1))
			copy(grown, buf)
			buf = grown
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if errors.Is(err, io.EOF) {
			return buf, nil
		}
		if err != nil {
			return nil, domain.Errorf(domain.EINVALID, "sheets.unreadable")
		}
	}
}

// TooBig is the refusal of a file over limit bytes. It names the limit
// and not the file's size, which is unknown when the file is refused
// unread (Telegram does not always report it).
func TooBig(limit int64) error {
	return domain.Errorf(domain.EINVALID, "sheets.too_big", megabytes(limit))
}

// megabytes formats a size limit for people: "5 MB".
func megabytes(n int64) string {
	return domain.FormatCount((n+(1<<20)-1)>>20) + " MB"
}

// detectFormat tells CSV from XLSX by content: a zip is an XLSX whatever
// its name; an old binary .xls is refused with advice; anything else is
// read as CSV unless the name insists on a spreadsheet.
func detectFormat(name string, data []byte) (string, error) {
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(name), "."))
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return FormatXLSX, nil
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}) || ext == "xls":
		return "", domain.Errorf(domain.EINVALID, "sheets.old_xls")
	case ext == "xlsx" || ext == "xlsm":
		return "", domain.Errorf(domain.EINVALID, "sheets.bad_xlsx")
	}
	return FormatCSV, nil
}

// checkFormat validates a format name for writing.
func checkFormat(format string) error {
	if format != FormatCSV && format != FormatXLSX {
		return domain.Errorf(domain.EINVALID, "sheets.unknown_format", format)
	}
	return nil
}
