package sheets

import "strings"

// A spreadsheet opening a CSV runs a cell that starts with "=", "+", "-"
// or "@" as a formula, and tab or carriage return can start one too; a
// name such as =HYPERLINK("http://evil", "Retail") in an export would be a
// link or worse. OWASP's rule for CSV injection: prefix such text with a
// single quote, which spreadsheets read as "this is text" and show
// without it. Only text cells are prefixed; numbers are written plainly.

// formulaStarts are the characters a formula can start with.
const formulaStarts = "=+-@\t\r"

// csvText returns s as a CSV text cell: neutralised when it could be read
// as a formula. Text that already starts with a quote before such a
// character (or before another quote) gets one more, so fromCSVText gives
// back exactly s.
func csvText(s string) string {
	if s != "" && strings.ContainsRune(formulaStarts, rune(s[0])) || quoted(s) {
		return "'" + s
	}
	return s
}

// fromCSVText undoes csvText, so an export imports back to the same names.
func fromCSVText(s string) string {
	if quoted(s) {
		return s[1:]
	}
	return s
}

// quoted reports whether s is a quote before a formula start or a quote.
func quoted(s string) bool {
	return len(s) > 1 && s[0] == '\'' && strings.ContainsRune(formulaStarts+"'", rune(s[1]))
}
