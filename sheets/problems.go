package sheets

import (
	"strings"
	"unicode/utf8"

	"trackbot/domain"
)

// maxProblems is how many bad cells a FileError lists; the rest are
// counted, so the reply stays readable and within a chat message.
const maxProblems = 30

// CellProblem is one bad cell: where it is, what it holds, and the catalog
// text saying what is wrong and what to write instead.
type CellProblem struct {
	Sheet  string // the workbook sheet's name; empty in a CSV or a one-sheet workbook
	Row    int    // 1-based, as a spreadsheet shows it
	Column string // A, B, … AA; empty for the row as a whole
	Header string // the column's header as written
	Value  string // the cell as written, shortened
	Text   string // catalog key
	Args   []any
}

// Localize renders the problem in lang: "Row 3, column D (Leads): …",
// with ", sheet “Drop-offs”" after the header in a workbook of sheets.
func (c CellProblem) Localize(lang domain.Lang) string {
	where := domain.Text(lang, "sheets.row", c.Row)
	if c.Column != "" {
		where = domain.Text(lang, "sheets.row_column", c.Row, c.Column)
	}
	if c.Header != "" {
		where += " (" + c.Header + ")"
	}
	if c.Sheet != "" {
		where += ", " + domain.Text(lang, "sheets.in_sheet", c.Sheet)
	}
	return where + ": " + domain.Text(lang, c.Text, c.Args...)
}

// FileError lists every bad cell of a file; nothing of the file was taken.
// It unwraps to an EINVALID *domain.Error whose text renders the list in
// the reader's language, so domain.UserMessage shows all of it.
type FileError struct {
	Problems []CellProblem
	More     int // problems found beyond the listed ones
}

// Error renders the problems in English, for logs and the command line.
func (e *FileError) Error() string { return e.Unwrap().Error() }

// Unwrap returns the *domain.Error the bot renders.
func (e *FileError) Unwrap() error {
	return domain.Errorf(domain.EINVALID, "sheets.problems", cellProblemList(e.Problems), moreProblems(e.More))
}

// cellProblemList renders problems one per line.
type cellProblemList []CellProblem

// Localize renders the list in lang.
func (l cellProblemList) Localize(lang domain.Lang) string {
	lines := make([]string, len(l))
	for i, c := range l {
		lines[i] = "• " + c.Localize(lang)
	}
	return strings.Join(lines, "\n")
}

// moreProblems renders the count of problems not listed, or nothing.
type moreProblems int

// Localize renders the note in lang.
func (n moreProblems) Localize(lang domain.Lang) string {
	if n == 0 {
		return ""
	}
	return "\n" + domain.Text(lang, "sheets.more", int(n))
}

// errorText and errorArgs take a domain error apart for a CellProblem.
func errorText(err error) string {
	if e, ok := err.(*domain.Error); ok {
		return e.Key
	}
	return "error.internal"
}

func errorArgs(err error) []any {
	if e, ok := err.(*domain.Error); ok {
		return e.Args
	}
	return nil
}

// clip shortens a value quoted back in a problem.
func clip(s string) string {
	const max = 40
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	return string([]rune(s)[:max]) + "…"
}
