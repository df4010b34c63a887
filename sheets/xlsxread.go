package sheets

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"trackbot/domain"
)

// An XLSX is read here, not by excelize: excelize unpacks every part of
// the zip into memory when it opens a workbook (48 parts of 1 MB cost the
// bot 134 MB), while reading numbers needs three parts, each streamed. Only
// the workbook (to find the first sheet), its relationships, the shared
// strings and the sheets are ever unpacked, one at a time.

// The parts read, as excelize names them; zip names compare without case.
const (
	workbookPart      = "xl/workbook.xml"
	workbookRelsPart  = "xl/_rels/workbook.xml.rels"
	sharedStringsPart = "xl/sharedstrings.xml"
)

// maxSharedText bounds the shared strings kept: each is kept only up to
// what a cell may hold, so a real workbook needs a few KB of it.
const maxSharedText = 4 << 20

// maxSheetColumn is the last column a sheet can have (XFD).
const maxSheetColumn = 16384

// errBadXLSX is any structural problem; readXLSX turns it into the
// "damaged file" message.
var errBadXLSX = errors.New("xlsx: not a workbook")

// workbook is an XLSX being read.
type workbook struct {
	parts map[string]*zip.File // by lowercase name with forward slashes
	lim   Limits
	cells int // cells read so far, over all sheets
}

// sheetRef is one sheet of a workbook: the name people see and its part.
type sheetRef struct {
	name string
	part string
}

// readXLSX reads the rows of every sheet of the workbook in order,
// streaming, after checkZip. sheet gives the row reader of each sheet (by
// its name, one of count), which may stop its sheet with errSkipSheet. A
// limit returns its own message; anything else wrong with the file says it
// is damaged.
func readXLSX(data []byte, lim Limits, sheet func(name string, count int) func(int, []cell) error) error {
	zr, err := checkZip(data, lim)
	if err != nil {
		return err
	}
	wb := &workbook{parts: map[string]*zip.File{}, lim: lim}
	for _, f := range zr.File {
		name := strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))
		if _, dup := wb.parts[name]; !dup {
			wb.parts[name] = f
		}
	}
	err = wb.read(sheet)
	var de *domain.Error // a FileError unwraps to one too
	if err == nil || errors.As(err, &de) {
		return err
	}
	return domain.Errorf(domain.EINVALID, "sheets.bad_xlsx")
}

func (wb *workbook) read(sheet func(name string, count int) func(int, []cell) error) error {
	refs, err := wb.sheets()
	if err != nil {
		return err
	}
	sst, err := wb.sharedStrings()
	if err != nil {
		return err
	}
	for _, ref := range refs {
		err := wb.readSheet(ref.part, sst, sheet(ref.name, len(refs)))
		if err != nil && !errors.Is(err, errSkipSheet) {
			return err
		}
	}
	return nil
}

// open opens a part by name; a missing part is errBadXLSX.
func (wb *workbook) open(name string) (*xmlPart, error) {
	f, ok := wb.parts[strings.ToLower(name)]
	if !ok {
		return nil, errBadXLSX
	}
	return openXMLPart(f)
}

// sheets lists the workbook's sheets in order: the workbook names each
// with a relationship id that its relationships part resolves to a path.
func (wb *workbook) sheets() ([]sheetRef, error) {
	x, err := wb.open(workbookPart)
	if err != nil {
		return nil, err
	}
	defer x.Close()
	var refs []sheetRef
	for {
		tok, err := x.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		e, ok := tok.(xml.StartElement)
		if !ok || e.Name.Local != "sheet" {
			continue
		}
		id, ok := attr(e, "id")
		if !ok {
			return nil, errBadXLSX
		}
		name, _ := attr(e, "name")
		refs = append(refs, sheetRef{name: name, part: wb.sheetPart(id, len(refs))})
	}
	if len(refs) == 0 {
		return nil, errBadXLSX // no sheet at all
	}
	return refs, nil
}

// sheetPart resolves a sheet's relationship id to its part; a workbook
// without relationships uses the conventional sheetN.xml names.
func (wb *workbook) sheetPart(id string, index int) string {
	if target, ok := wb.relationship(id); ok {
		if strings.HasPrefix(target, "/") {
			return path.Clean(target[1:])
		}
		return path.Join(path.Dir(workbookPart), target)
	}
	return "xl/worksheets/sheet" + strconv.Itoa(index+1) + ".xml"
}

// relationship returns the target of the workbook's relationship id.
func (wb *workbook) relationship(id string) (string, bool) {
	x, err := wb.open(workbookRelsPart)
	if err != nil {
		return "", false
	}
	defer x.Close()
	for {
		tok, err := x.next()
		if err != nil {
			return "", false
		}
		if e, ok := tok.(xml.StartElement); ok && e.Name.Local == "Relationship" {
			if v, _ := attr(e, "Id"); v == id {
				return attr(e, "Target")
			}
		}
	}
}

// sharedStrings is the workbook's table of strings, each cut to one more
// character than a cell may hold (enough to refuse it and to quote it), in
// one buffer rather than a string each.
type sharedStrings struct {
	text []byte
	ends []uint32
}

func (s *sharedStrings) get(i int) (string, bool) {
	if i < 0 || i >= len(s.ends) {
		return "", false
	}
	start := uint32(0)
	if i > 0 {
		start = s.ends[i-1]
	}
	return string(s.text[start:s.ends[i]]), true
}

// sharedStrings reads the shared strings part, if there is one.
func (wb *workbook) sharedStrings() (*sharedStrings, error) {
	sst := &sharedStrings{}
	f, ok := wb.parts[sharedStringsPart]
	if !ok {
		return sst, nil
	}
	// The text never outgrows the part, nor the limit by more than one
	// string: sized once, the buffers leave no copies behind as they grow.
	sst.text = make([]byte, 0, min(f.UncompressedSize64, maxSharedText+uint64(utf8.UTFMax*(wb.lim.MaxCellLen+1))))
	sst.ends = make([]uint32, 0, min(f.UncompressedSize64/len64("<si/>"), uint64(wb.lim.MaxCells)+1))
	x, err := wb.open(sharedStringsPart)
	if err != nil {
		return nil, err
	}
	defer x.Close()
	var t textCollector
	for {
		tok, err := x.next()
		if errors.Is(err, io.EOF) {
			return sst, nil
		}
		if err != nil {
			return nil, err
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if e.Name.Local == "si" {
				t.start(wb.lim.MaxCellLen)
			}
			t.open(e.Name.Local)
		case xml.CharData:
			t.add(e)
		case xml.EndElement:
			t.close(e.Name.Local)
			if e.Name.Local != "si" {
				continue
			}
			sst.text = append(sst.text, t.value()...)
			sst.ends = append(sst.ends, uint32(len(sst.text)))
			if len(sst.text) > maxSharedText || len(sst.ends) > wb.lim.MaxCells {
				return nil, domain.Errorf(domain.EINVALID, "sheets.too_much_text", megabytes(maxSharedText), domain.FormatCount(int64(wb.lim.MaxCells)))
			}
		}
	}
}

// textCollector gathers the text of a shared string or a cell: the <t>
// elements of a string (phonetic runs left out), or a cell's <v>. It keeps
// at most one character more than a cell may hold.
type textCollector struct {
	buf      []byte
	maxRunes int
	in       bool // inside <t> or <v>
	phonetic int  // depth of <rPh>
}

func (t *textCollector) start(maxCellLen int) {
	t.buf, t.maxRunes, t.in, t.phonetic = t.buf[:0], maxCellLen+1, false, 0
}

func (t *textCollector) open(local string) {
	switch local {
	case "rPh":
		t.phonetic++
	case "t", "v":
		t.in = t.phonetic == 0
	}
}

func (t *textCollector) close(local string) {
	switch local {
	case "rPh":
		t.phonetic--
	case "t", "v":
		t.in = false
	}
}

func (t *textCollector) add(b []byte) {
	if t.in && len(t.buf) < utf8.UTFMax*t.maxRunes {
		t.buf = append(t.buf, b[:min(len(b), utf8.UTFMax*t.maxRunes-len(t.buf))]...)
	}
}

// value returns the text, cut to maxRunes characters.
func (t *textCollector) value() []byte {
	i := 0
	for n := 0; n < t.maxRunes && i < len(t.buf); n++ {
		_, size := utf8.DecodeRune(t.buf[i:])
		i += size
	}
	return t.buf[:i]
}

// readSheet streams the sheet's rows to row, numbered as a spreadsheet
// shows them; rows the file skips are passed as empty, so row limits
// count them. At most lim.MaxCells cells are read; cells past the last
// column a header may have are kept as one, enough to refuse the header.
func (wb *workbook) readSheet(name string, sst *sharedStrings, row func(int, []cell) error) error {
	x, err := wb.open(name)
	if err != nil {
		return err
	}
	defer x.Close()
	var (
		t        textCollector
		cells    []cell
		last     int // the last row passed on
		num      int // the row being read
		col      int // the column of the next cell, 0-based
		cellType string
	)
	for {
		tok, err := x.next()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil // a sheet without rows
			}
			return err
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "row":
				num = last + 1
				if r, ok := attr(e, "r"); ok {
					if num, err = strconv.Atoi(r); err != nil || num <= last {
						return errBadXLSX
					}
				}
				for last+1 < num {
					last++
					if err := row(last, nil); err != nil {
						return err
					}
				}
				cells, col = nil, 0
			case "c":
				if wb.cells++; wb.cells > wb.lim.MaxCells {
					return domain.Errorf(domain.EINVALID, "sheets.too_many_cells", domain.FormatCount(int64(wb.lim.MaxCells)))
				}
				if ref, ok := attr(e, "r"); ok {
					if col, ok = refColumn(ref); !ok {
						return errBadXLSX
					}
				}
				cellType, _ = attr(e, "t")
				t.start(wb.lim.MaxCellLen)
			default:
				t.open(e.Name.Local)
			}
		case xml.CharData:
			t.add(e)
		case xml.EndElement:
			switch e.Name.Local {
			case "c":
				c, err := cellOf(cellType, t.value(), sst)
				if err != nil {
					return err
				}
				if c.text != "" {
					at := min(col, maxColumns)
					for len(cells) <= at {
						cells = append(cells, cell{})
					}
					cells[at] = c
				}
				col++
			case "row":
				last = num
				if err := row(num, cells); err != nil {
					return err
				}
			case "sheetData":
				return nil
			default:
				t.close(e.Name.Local)
			}
		}
	}
}

// cellOf reads a cell's value as excelize's raw value would be: the text
// of a shared or inline string, the stored form of anything else. Text is
// composed (NFC), as names compare composed (see domain.CleanName).
func cellOf(cellType string, value []byte, sst *sharedStrings) (cell, error) {
	if cellType == "s" && len(value) > 0 {
		i, err := strconv.Atoi(strings.TrimSpace(string(value)))
		s, ok := sst.get(i)
		if err != nil || !ok {
			return cell{}, errBadXLSX
		}
		return xlsxCell(norm.NFC.String(s)), nil
	}
	return xlsxCell(norm.NFC.String(string(value))), nil
}

func len64(s string) uint64 { return uint64(len(s)) }

// refColumn returns the 0-based column of a cell reference such as "AB12".
func refColumn(ref string) (int, bool) {
	col, i := 0, 0
	for ; i < len(ref); i++ {
		c := ref[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a'+1)
		if col > maxSheetColumn {
			return 0, false
		}
	}
	if col == 0 || i == len(ref) {
		return 0, false
	}
	return col - 1, true
}
