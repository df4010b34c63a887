package sheets

import (
	"archive/zip"
	"bytes"
	"errors"
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
// part that inflates to more than its declared size.
func checkZip(data []byte, lim Limits) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return domain.Errorf(domain.EINVALID, "sheets.bad_xlsx")
	}
	if len(zr.File) > maxZipEntries {
		return domain.Errorf(domain.EINVALID, "sheets.zip_entries", maxZipEntries)
	}
	var total uint64
	for _, f := range zr.File {
		size := f.UncompressedSize64
		if size > ratioFloor && size > maxZipRatio*max(f.CompressedSize64, 1) {
			return domain.Errorf(domain.EINVALID, "sheets.zip_ratio")
		}
		total += size
		if total > uint64(lim.MaxUnzipped) {
			return domain.Errorf(domain.EINVALID, "sheets.unzipped_too_big", megabytes(lim.MaxUnzipped))
		}
	}
	return nil
}

// readXLSX reads the rows of every sheet of the workbook, streaming, after
// checkZip; excelize's own unzip limits stay as a second fence. sheet gives
// the row reader of each sheet, which may stop its sheet with errSkipSheet.
func readXLSX(data []byte, lim Limits, sheet func(name string, count int) func(int, []cell) error) error {
	if err := checkZip(data, lim); err != nil {
		return err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    lim.MaxUnzipped,
		UnzipXMLSizeLimit: min(lim.MaxUnzipped, 16<<20),
	})
	if err != nil {
		return domain.Errorf(domain.EINVALID, "sheets.bad_xlsx")
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return domain.Errorf(domain.EINVALID, "sheets.bad_xlsx")
	}
	for _, name := range sheets {
		if err := readXLSXSheet(f, name, sheet(name, len(sheets))); err != nil {
			return err
		}
	}
	return nil
}

// readXLSXSheet streams the rows of one sheet to row.
func readXLSXSheet(f *excelize.File, name string, row func(int, []cell) error) error {
	rows, err := f.Rows(name)
	if err != nil {
		return domain.Errorf(domain.EINVALID, "sheets.bad_xlsx")
	}
	defer rows.Close()
	for num := 1; rows.Next(); num++ {
		raw, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return domain.Errorf(domain.EINVALID, "sheets.bad_xlsx")
		}
		cells := make([]cell, len(raw))
		for i, s := range raw {
			cells[i] = xlsxCell(s)
		}
		if err := row(num, cells); errors.Is(err, errSkipSheet) {
			return nil
		} else if err != nil {
			return err
		}
	}
	if rows.Error() != nil {
		return domain.Errorf(domain.EINVALID, "sheets.bad_xlsx")
	}
	return nil
}

// writeXLSX writes a table as a workbook: the data sheet first (Read takes
// the first sheet), then the instructions when there are any.
func writeXLSX(t table, lang domain.Lang, instructions []string) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	data := domain.Text(lang, "sheets.sheet.data")
	if err := f.SetSheetName(f.GetSheetName(0), data); err != nil {
		return nil, err
	}
	if err := writeDataSheet(f, data, t); err != nil {
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
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	percent, err := f.NewStyle(&excelize.Style{NumFmt: 10}) // built-in "0.00%"
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
			cells[i] = v.xlsx(percent)
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
