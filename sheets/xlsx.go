package sheets

import (
	"archive/zip"
	"bytes"
	"strings"

	"github.com/xuri/excelize/v2"

	"trackbot/domain"
)

// Zip checks run on the central directory before anything is unpacked.
const (
	maxZipEntries = 1000    // a real workbook has a few dozen parts
	maxZipRatio   = 100     // unpacked / packed size of one part
	ratioFloor    = 1 << 20 // parts smaller than this may compress as they like
)

// checkZip refuses an XLSX whose declared sizes are dangerous: too many
// parts, too much in total, or a part that compresses absurdly well (a zip
// bomb). Declared sizes cannot lie past this check: archive/zip fails a
// part that inflates to more than its declared size. Only the parts
// readXLSX needs are ever unpacked, one at a time and streaming.
func checkZip(data []byte, lim Limits) (*zip.Reader, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, domain.Errorf(domain.EINVALID, "sheets.bad_xlsx")
	}
	if len(zr.File) > maxZipEntries {
		return nil, domain.Errorf(domain.EINVALID, "sheets.zip_entries", maxZipEntries)
	}
	var total uint64
	for _, f := range zr.File {
		size := f.UncompressedSize64
		if size > ratioFloor && size > maxZipRatio*max(f.CompressedSize64, 1) {
			return nil, domain.Errorf(domain.EINVALID, "sheets.zip_ratio")
		}
		total += size
		if total > uint64(lim.MaxUnzipped) {
			return nil, domain.Errorf(domain.EINVALID, "sheets.unzipped_too_big", megabytes(lim.MaxUnzipped))
		}
	}
	return zr, nil
}

// textFormat is the built-in number format "@" (Text): what is typed into
// such a cell stays text, so a name like "=1+1" is never run as a formula.
const textFormat = 49

// writeXLSX writes a table as a workbook whose data sheet has the usual
// name.
func writeXLSX(t table, lang domain.Lang, instructions []string) ([]byte, error) {
	return writeSheets(domain.Text(lang, "sheets.sheet.data"), t, lang, instructions)
}

// writeSheets writes a table as a workbook: the data sheet, named name,
// first (Read takes the first sheet), then the instructions when there are
// any.
func writeSheets(name string, t table, lang domain.Lang, instructions []string) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName(f.GetSheetName(0), name); err != nil {
		return nil, err
	}
	if err := writeDataSheet(f, name, t); err != nil {
		return nil, err
	}
	if len(instructions) > 0 {
		if err := writeInstructions(f, domain.Text(lang, "sheets.sheet.instructions"), instructions); err != nil {
			return nil, err
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeDataSheet streams the header and the rows: counts as whole numbers,
// money in currency units, margins as fractions shown as percentages.
func writeDataSheet(f *excelize.File, sheet string, t table) error {
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, NumFmt: textFormat})
	if err != nil {
		return err
	}
	percent, err := f.NewStyle(&excelize.Style{NumFmt: 10}) // built-in "0.00%"
	if err != nil {
		return err
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: textFormat})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	if err := sw.SetColWidth(1, max(len(t.header), 1), 16); err != nil {
		return err
	}
	header := make([]any, len(t.header))
	for i, h := range t.header {
		header[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	for n, row := range t.rows {
		cells := make([]any, len(row))
		for i, v := range row {
			cells[i] = v.xlsx(percent, text)
		}
		axis, err := excelize.CoordinatesToCellName(1, n+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(axis, cells); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// writeInstructions adds a sheet with one paragraph per row.
func writeInstructions(f *excelize.File, sheet string, lines []string) error {
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "A", "A", 120); err != nil {
		return err
	}
	for i, line := range lines {
		axis, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			return err
		}
		if err := f.SetCellStr(sheet, axis, strings.TrimSpace(line)); err != nil {
			return err
		}
	}
	return nil
}
