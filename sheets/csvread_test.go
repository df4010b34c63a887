package sheets

import (
	"encoding/csv"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
)

// csvCorpus is text where encoding/csv's rules show: quotes, stray
// quotes, line ends of every kind, empty lines and fields.
var csvCorpus = []string{
	"",
	"\n",
	"a,b,c",
	"a,b,c\n1,2,3\n",
	"a,b\r\n1,2\r\n",
	"\n\n a , b \n\n\nc,d\n",
	"a,,\n,,\n,\n",
	`"a","b ""quoted""",c` + "\n",
	`"multi` + "\n" + `line",x` + "\n" + `next,row`,
	`"multi` + "\r\n" + `line with crlf",x` + "\r\n",
	`a"b,c"d"` + "\n",
	`"a"b,c` + "\n",
	`"unclosed,quote` + "\nstill,inside\n",
	`"ends at eof"`,
	`x,"ends at eof`,
	"a\rb,c\r",
	"a,b\r",
	"\r\n\r\n",
	"\"\"\n\"\",\"\"\n",
	`"a",` + "\n",
	`"a"` + "\r\n" + `"b"`,
	`"q""`,
	`""""`,
	"tab\tseparated\nand;semi;colons\n",
	`"trailing quote then text"x` + "\n",
}

// TestCSVSplitter_MatchesEncodingCSV holds the bounded splitter to the
// records encoding/csv reads with LazyQuotes, the reader it replaces.
func TestCSVSplitter_MatchesEncodingCSV(t *testing.T) {
	for _, text := range csvCorpus {
		for _, comma := range []byte{',', ';', '\t'} {
			checkSplitter(t, text, comma)
		}
	}
}

func FuzzCSVSplitter(f *testing.F) {
	for _, text := range csvCorpus {
		f.Add(text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkSplitter(t, text, ',')
	})
}

func checkSplitter(t *testing.T, text string, comma byte) {
	t.Helper()
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = rune(comma)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var want [][]string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Skipf("encoding/csv refuses %q: %v", text, err)
		}
		want = append(want, rec)
	}
	sp := newCSVSplitter([]byte(text), comma, 1<<20, 1<<20)
	var got [][]string
	for {
		rec, ok := sp.next()
		if !ok {
			break
		}
		got = append(got, rec)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("split %q with %q:\ngot  %q\nwant %q", text, comma, got, want)
	}
}

func TestCSVSplitter_KeepsBoundedFields(t *testing.T) {
	text := strings.Repeat(",", 100) + "\n" + `"` + strings.Repeat("9", 100) + `",x` + "\n"
	sp := newCSVSplitter([]byte(text), ',', 5, 10)
	if rec, _ := sp.next(); len(rec) != 5 {
		t.Errorf("a line of 101 fields kept %d, want 5", len(rec))
	}
	rec, _ := sp.next()
	if want := []string{strings.Repeat("9", 10), "x"}; !reflect.DeepEqual(rec, want) {
		t.Errorf("a 100-byte field after the long line = %q, want %q", rec, want)
	}
}
