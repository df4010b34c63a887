package sheets

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"trackbot/domain"
)

// cell is one cell as read. An XLSX stores numbers in machine form, which
// number is set for: they skip the rules for human-written numbers.
type cell struct {
	text   string
	number bool
	value  float64
}

// blank reports whether the cell holds nothing but spaces.
func (c cell) blank() bool { return strings.TrimSpace(c.text) == "" }

// week reads a week cell: any form of domain.ParseWeekExpr except the
// empty one (a row must say its week), or an XLSX date (in the usual 1900
// date system; workbooks in the old Mac 1904 system are off by four years).
func (p *sheetParser) week(c cell) (domain.Week, error) {
	if c.number && c.value >= firstDateSerial && c.value < lastDateSerial {
		t, err := excelize.ExcelDateToTime(c.value, false)
		if err == nil {
			return domain.WeekOf(t), nil
		}
	}
	if strings.TrimSpace(c.text) == "" {
		return domain.Week{}, domain.Errorf(domain.EINVALID, "sheets.no_week")
	}
	return p.b.week(c.text)
}

// Excel date serials: 367 is 1 January 1901 (smaller numbers are more
// likely week numbers or typos), 2958466 is past 9999.
const (
	firstDateSerial = 367
	lastDateSerial  = 2958466
)

// machineNumber matches a number as an XLSX stores it: no grouping, a dot
// for the decimal mark, maybe an exponent.
var machineNumber = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$`)

// xlsxCell reads a raw XLSX cell value.
func xlsxCell(raw string) cell {
	if machineNumber.MatchString(raw) {
		if v, err := strconv.ParseFloat(raw, 64); err == nil {
			return cell{text: raw, number: true, value: v}
		}
	}
	return cell{text: raw}
}

// valueText returns the text the domain parsers read. A machine number is
// written out plainly; when it ends in exactly three decimals a zero is
// added, because "1.125" with a one-to-three-digit whole part would be read
// as 1125 by the rule for human-written thousands.
func valueText(c cell) string {
	if !c.number {
		return c.text
	}
	s := strconv.FormatFloat(c.value, 'f', -1, 64)
	if _, frac, ok := strings.Cut(s, "."); ok && len(frac) == 3 {
		s += "0"
	}
	return s
}

// columnLetter returns the spreadsheet name of a 0-based column: A, B, … Z, AA.
func columnLetter(i int) string {
	name, err := excelize.ColumnNumberToName(i + 1)
	if err != nil {
		return strconv.Itoa(i + 1)
	}
	return name
}

// segmentList renders segment names in the reader's language.
type segmentList []domain.Segment

// Localize renders the list in lang.
func (l segmentList) Localize(lang domain.Lang) string {
	names := make([]string, len(l))
	for i, s := range l {
		names[i] = s.Name.In(lang)
	}
	return strings.Join(names, ", ")
}
