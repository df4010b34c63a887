package sheets

import "bytes"

// csvSplitter splits CSV text into records exactly as encoding/csv does
// with LazyQuotes (a differential test holds it to that), but bounded:
// encoding/csv keeps every field of a record, so one line of five million
// commas costs it over 100 MB. Here a record keeps at most maxFields
// fields and a field at most maxField bytes; the rest is read past.
type csvSplitter struct {
	data      []byte // what is left to read
	comma     byte
	maxFields int
	maxField  int

	field []byte   // the field being read, up to maxField bytes
	rec   []string // the record being read, up to maxFields fields
}

func newCSVSplitter(data []byte, comma byte, maxFields, maxField int) *csvSplitter {
	return &csvSplitter{data: data, comma: comma, maxFields: maxFields, maxField: maxField}
}

// line returns the next line without its end ("\n", "\r\n", or a "\r"
// before the end of the data), whether a newline ended it, and false at
// the end of the data.
func (s *csvSplitter) line() (line []byte, newline, ok bool) {
	if len(s.data) == 0 {
		return nil, false, false
	}
	i := bytes.IndexByte(s.data, '\n')
	if i < 0 {
		line, s.data = s.data, nil
	} else {
		line, s.data, newline = s.data[:i], s.data[i+1:], true
	}
	return bytes.TrimSuffix(line, []byte{'\r'}), newline, true
}

// add appends to the field being read, within maxField.
func (s *csvSplitter) add(b ...byte) {
	if room := s.maxField - len(s.field); room > 0 {
		s.field = append(s.field, b[:min(len(b), room)]...)
	}
}

// end finishes the field being read.
func (s *csvSplitter) end() {
	if len(s.rec) < s.maxFields {
		s.rec = append(s.rec, string(s.field))
	}
	s.field = s.field[:0]
}

// next returns the next record; false at the end. Empty lines are skipped.
// A field starting with a quote runs to the closing quote, across lines;
// a doubled quote is a quote, and a stray one is kept as it is.
func (s *csvSplitter) next() ([]string, bool) {
	var line []byte
	var newline, ok bool
	for {
		if line, newline, ok = s.line(); !ok {
			return nil, false
		}
		if len(line) > 0 {
			break
		}
	}
	s.rec = nil
	for {
		if len(line) == 0 || line[0] != '"' {
			i := bytes.IndexByte(line, s.comma)
			if i < 0 {
				s.add(line...)
				s.end()
				return s.rec, true
			}
			s.add(line[:i]...)
			s.end()
			line = line[i+1:]
			continue
		}
		line = line[1:]
		for quoted := true; quoted; {
			i := bytes.IndexByte(line, '"')
			switch {
			case i >= 0:
				s.add(line[:i]...)
				line = line[i+1:]
				switch {
				case len(line) > 0 && line[0] == '"':
					s.add('"')
					line = line[1:]
				case len(line) > 0 && line[0] == s.comma:
					s.end()
					line = line[1:]
					quoted = false
				case len(line) == 0:
					s.end()
					return s.rec, true
				default:
					s.add('"')
				}
			case len(line) > 0 || newline:
				s.add(line...)
				if newline {
					s.add('\n')
				}
				line, newline, _ = s.line()
			default: // the data ends inside the quotes
				s.end()
				return s.rec, true
			}
		}
	}
}
