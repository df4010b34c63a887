package sheets

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"io"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"trackbot/domain"
)

// testNow is Friday 27 November 2026, ISO week 48.
var testNow = time.Date(2026, time.November, 27, 12, 0, 0, 0, time.UTC)

func newTestWorkspace() *domain.Workspace {
	ws := domain.NewWorkspace(-100, "Playgrounds", domain.Russian, "UTC", domain.Person{UserID: 1}, testNow)
	ws.Segments = []domain.Segment{
		{Key: "dealers", Name: domain.Name{En: "Dealers", Ru: "Дилеры"}, Focus: true},
		{Key: "developers", Name: domain.Name{En: "Developers", Ru: "Застройщики"}},
		{Key: "retail", Name: domain.Name{En: "Retail buyers", Ru: "Физлица"}},
	}
	return ws
}

func money(m domain.Money) *domain.Money { return &m }
func fraction(f float64) *float64        { return &f }

func TestRead_CSV(t *testing.T) {
	ws := newTestWorkspace()
	tests := []struct {
		name string
		data []byte
	}{
		{"russian, semicolons, BOM", []byte("\xEF\xBB\xBFСегмент;Неделя;Лиды;Целевые;Расход;Маржа;нецелевые.Нет бюджета;отвал.Встречи.Цена\n" +
			"Дилеры;2026-W47;1 200;800;\"1,2 млн\";35%;12;3\n" +
			"Застройщики;20.11.2026;40;;350 000,50;;;\n" +
			";;;;;;;\n")},
		{"english keys, commas", []byte("segment,week,leads,qualified,spend,margin,nontarget.no_budget,lost.meetings.price\n" +
			"dealers,47/2026,1200,800,1.2m,0.35,12,3\n" +
			"developers,w47,40,,\"350,000.50\",,,\n")},
	}
	want := []domain.Entry{
		{
			Segment: "dealers", Week: domain.Week{Year: 2026, Num: 47},
			Counts: map[string]int64{"leads": 1200, "qualified": 800}, Spend: money(120000000), Margin: fraction(0.35),
			NonTarget: map[string]int64{"no_budget": 12}, DropOffs: map[string]map[string]int64{"meetings": {"price": 3}},
		},
		{
			Segment: "developers", Week: domain.Week{Year: 2026, Num: 47},
			Counts: map[string]int64{"leads": 40}, Spend: money(35000050),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Read(ws, "numbers.csv", bytes.NewReader(tt.data), testNow, Limits{})
			if err != nil {
				t.Fatalf("Read error: %v", err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Read\ngot  %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestRead_CSVInWindows1251(t *testing.T) {
	ws := newTestWorkspace()
	text := "Сегмент;Неделя;Лиды\nФизлица;2026-W46;25\n"
	data, err := charmap.Windows1251.NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	got, err := Read(ws, "numbers.csv", bytes.NewReader(data), testNow, Limits{})
	if err != nil {
		t.Fatalf("Read error: %v", err)
	}
	want := []domain.Entry{{Segment: "retail", Week: domain.Week{Year: 2026, Num: 46}, Counts: map[string]int64{"leads": 25}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Read = %+v, want %+v", got, want)
	}
}

// buildXLSX writes rows into the first sheet of a new workbook.
func buildXLSX(t testing.TB, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range rows {
		axis, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", axis, &row); err != nil {
			t.Fatal(err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRead_XLSX(t *testing.T) {
	ws := newTestWorkspace()
	data := buildXLSX(t, [][]any{
		{"segment", "week", "leads", "qualified", "spend", "revenue", "margin", "manager.Anna.deals"},
		{"Dealers", "2026-W47", 120, 80, 350000.5, "1,2 млн", 0.355, 2},
		{}, // an empty row in the middle is skipped
		{"Developers", time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC), 7}, // a date cell: the week holding it
		{"Retail buyers", "2026-W47", 1.125},                             // a stored 1.125 is one and a bit, not 1125
	})
	got, err := Read(ws, "numbers.xlsx", bytes.NewReader(data), testNow, Limits{})
	if ws := got; err == nil && len(ws) == 3 {
		t.Fatalf("Read accepted a fractional count: %+v", got)
	}
	var fe *FileError
	if !errors.As(err, &fe) || len(fe.Problems) != 1 || fe.Problems[0].Row != 5 || fe.Problems[0].Text != "entry.bad_count" {
		t.Fatalf("Read error = %v, want one bad count in row 5", err)
	}

	data = buildXLSX(t, [][]any{
		{"segment", "week", "leads", "qualified", "spend", "revenue", "margin", "manager.Anna.deals"},
		{"Dealers", "2026-W47", 120, 80, 350000.5, "1,2 млн", 0.355, 2},
		{},
		{"Developers", time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC), 7},
	})
	got, err = Read(ws, "numbers.xlsx", bytes.NewReader(data), testNow, Limits{})
	if err != nil {
		t.Fatalf("Read error: %v", err)
	}
	want := []domain.Entry{
		{
			Segment: "dealers", Week: domain.Week{Year: 2026, Num: 47},
			Counts: map[string]int64{"leads": 120, "qualified": 80}, Spend: money(35000050), Revenue: money(120000000),
			Margin: fraction(0.355), Managers: map[string]map[string]int64{"Anna": {"deals": 2}},
		},
		{Segment: "developers", Week: domain.Week{Year: 2026, Num: 47}, Counts: map[string]int64{"leads": 7}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Read\ngot  %+v\nwant %+v", got, want)
	}
}

func TestRead_OneBadCellRefusesTheWholeFile(t *testing.T) {
	ws := newTestWorkspace()
	csvData := "segment,week,qualified,leads\n" +
		"dealers,2026-W46,80,120\n" +
		"dealers,2026-W47,80,12a\n"
	xlsxData := buildXLSX(t, [][]any{
		{"segment", "week", "qualified", "leads"},
		{"dealers", "2026-W46", 80, 120},
		{"dealers", "2026-W47", 80, "12a"},
	})
	for name, data := range map[string][]byte{"numbers.csv": []byte(csvData), "numbers.xlsx": xlsxData} {
		t.Run(name, func(t *testing.T) {
			got, err := Read(ws, name, bytes.NewReader(data), testNow, Limits{})
			if got != nil {
				t.Errorf("Read returned %d entries with an error in the file, want none", len(got))
			}
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("Read error = %v, want *FileError", err)
			}
			wantProblem := CellProblem{Row: 3, Column: "D", Header: "leads", Value: "12a", Text: "entry.bad_number", Args: []any{"12a"}}
			if len(fe.Problems) != 1 || !reflect.DeepEqual(fe.Problems[0], wantProblem) {
				t.Fatalf("problems = %+v, want [%+v]", fe.Problems, wantProblem)
			}
			if code := domain.ErrorCode(err); code != domain.EINVALID {
				t.Errorf("ErrorCode = %q, want %q", code, domain.EINVALID)
			}
			msg := domain.UserMessage(domain.Russian, err)
			for _, part := range []string{"Ничего не загружено", "Строка 3, столбец D (leads)", "«12a» — не число", "Пишите так: 120"} {
				if !strings.Contains(msg, part) {
					t.Errorf("message lacks %q:\n%s", part, msg)
				}
			}
		})
	}
}

func TestRead_CollectsEveryProblem(t *testing.T) {
	ws := newTestWorkspace()
	data := "segment,week,leads,spend\n" +
		"dealers,2026-W47,10,100\n" +
		"partners,2026-W47,10,100\n" + // unknown segment
		"dealers,w60,10,100\n" + // no such week
		"dealers,2026-W47,11,100\n" + // the same segment and week again
		",2026-W48,5,\n" + // no segment
		"retail,,5,\n" // no week
	_, err := Read(ws, "numbers.csv", strings.NewReader(data), testNow, Limits{})
	var fe *FileError
	if !errors.As(err, &fe) {
		t.Fatalf("Read error = %v, want *FileError", err)
	}
	var got []string
	for _, p := range fe.Problems {
		got = append(got, p.Column+"@"+p.Text)
	}
	want := []string{"A@sheets.unknown_segment", "B@entry.no_such_week", "B@sheets.duplicate_row", "A@sheets.no_segment", "B@sheets.no_week"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems = %q, want %q", got, want)
	}
	if rows := []int{fe.Problems[0].Row, fe.Problems[2].Row}; rows[0] != 3 || rows[1] != 5 {
		t.Errorf("problem rows = %v, want [3 5]", rows)
	}
}

func TestRead_HeaderProblems(t *testing.T) {
	ws := newTestWorkspace()
	tests := []struct {
		name, data string
		want       []string
	}{
		{"unknown column with a hint", "segment,week,qualifed\n", []string{"C@entry.unknown_key_hint"}},
		{"same figure twice", "segment,week,leads,лиды\n", []string{"D@sheets.duplicate_column"}},
		{"no week column", "segment,leads\n", []string{"@sheets.no_week_column"}},
		{"no segment column with several segments", "week,leads\n", []string{"@sheets.no_segment_column"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(ws, "numbers.csv", strings.NewReader(tt.data+"dealers,2026-W47,1,1\n"), testNow, Limits{})
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("Read error = %v, want *FileError", err)
			}
			var got []string
			for _, p := range fe.Problems {
				got = append(got, p.Column+"@"+p.Text)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("problems = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRead_Refusals(t *testing.T) {
	ws := newTestWorkspace()
	header := "segment,week,leads\n"
	tests := []struct {
		name    string
		file    string
		data    string
		lim     Limits
		wantKey string
	}{
		{"over MaxBytes", "a.csv", header + strings.Repeat("dealers,2026-W47,1\n", 100), Limits{MaxBytes: 1000}, "sheets.too_big"},
		{"too many rows", "a.csv", header + strings.Repeat("dealers,2026-W47,1\n", 11), Limits{MaxRows: 10}, "sheets.too_many_rows"},
		{"too many empty rows", "a.csv", header + strings.Repeat(",,\n", 11), Limits{MaxRows: 10}, "sheets.too_many_rows"},
		{"no numbers", "a.csv", header + "dealers,2026-W47,\n", Limits{}, "sheets.empty"},
		{"old xls", "a.xls", "\xD0\xCF\x11\xE0rest", Limits{}, "sheets.old_xls"},
		{"xlsx that is not a zip", "a.xlsx", "hello", Limits{}, "sheets.bad_xlsx"},
		{"broken zip", "a.xlsx", "PK\x03\x04broken", Limits{}, "sheets.bad_xlsx"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Read(ws, tt.file, strings.NewReader(tt.data), testNow, tt.lim)
			var de *domain.Error
			if !errors.As(err, &de) || de.Key != tt.wantKey || de.Code != domain.EINVALID {
				t.Fatalf("Read = %d entries, %v; want EINVALID %s", len(got), err, tt.wantKey)
			}
		})
	}
}

func TestRead_CellOverMaxCellLen(t *testing.T) {
	ws := newTestWorkspace()
	data := "segment,week,leads\ndealers,2026-W47," + strings.Repeat("1", 30) + "\n"
	_, err := Read(ws, "a.csv", strings.NewReader(data), testNow, Limits{MaxCellLen: 20})
	var fe *FileError
	if !errors.As(err, &fe) || len(fe.Problems) != 1 {
		t.Fatalf("Read error = %v, want one problem", err)
	}
	if p := fe.Problems[0]; p.Row != 2 || p.Column != "C" || p.Text != "sheets.cell_too_long" {
		t.Errorf("problem = %+v, want row 2, column C, sheets.cell_too_long", p)
	}
}

func TestRead_ListsAtMostMaxProblems(t *testing.T) {
	ws := newTestWorkspace()
	data := "segment,week,leads\n" + strings.Repeat("dealers,2026-W47,x\n", maxProblems+5)
	_, err := Read(ws, "a.csv", strings.NewReader(data), testNow, Limits{})
	var fe *FileError
	if !errors.As(err, &fe) || len(fe.Problems) != maxProblems || fe.More != 5 {
		t.Fatalf("Read error = %v, want %d problems and 5 more", err, maxProblems)
	}
	if msg := domain.UserMessage(domain.English, err); !strings.Contains(msg, "…and 5 more problems.") {
		t.Errorf("message lacks the count of the rest:\n%s", msg)
	}
}

// countingReader counts what is read from it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// endlessCSV returns size bytes of valid CSV rows without holding them.
func endlessCSV(size int64) io.Reader {
	row := "dealers,2026-W47,1200\n"
	return io.LimitReader(io.MultiReader(strings.NewReader("segment,week,leads\n"), repeatReader(row)), size)
}

// repeatReader repeats s forever.
type repeatReader string

func (s repeatReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		n += copy(p[n:], s)
	}
	return n, nil
}

func TestRead_Over30MBCSVStopsAtTheLimit(t *testing.T) {
	t.Parallel()
	lim := DefaultLimits()
	src := &countingReader{r: endlessCSV(30 << 20)}
	_, err := Read(newTestWorkspace(), "big.csv", src, testNow, lim)
	if domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(domain.UserMessage(domain.English, err), "larger than 5 MB") {
		t.Fatalf("Read error = %v, want the 5 MB refusal", err)
	}
	if src.n > lim.MaxBytes+1 {
		t.Errorf("read %d bytes of the upload, want at most MaxBytes+1 = %d", src.n, lim.MaxBytes+1)
	}
}

// zipBomb returns an XLSX-looking zip with one part of 200 MB of zeros,
// deflated to about 250 KB. It is built once, and without deflating 200
// MB, which under -race took seconds: a deflate stream flushed without
// ending refers back only to what it wrote itself, so 200 copies of the
// stream of 1 MB of zeros, and an empty final block, are the stream of
// 200 MB of zeros.
var zipBomb = sync.OnceValue(func() []byte {
	const mb, parts = 1 << 20, 200
	zeros := make([]byte, mb)
	var chunk bytes.Buffer
	fw, err := flate.NewWriter(&chunk, flate.BestSpeed)
	if err != nil {
		panic(err)
	}
	if _, err := fw.Write(zeros); err != nil {
		panic(err)
	}
	if err := fw.Flush(); err != nil {
		panic(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	crc := crc32.NewIEEE()
	for range parts {
		crc.Write(zeros)
	}
	final := []byte{1, 0, 0, 0xff, 0xff} // a last stored block of no bytes
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate, CRC32: crc.Sum32(),
		CompressedSize64: uint64(parts*chunk.Len() + len(final)), UncompressedSize64: parts * mb,
	})
	if err != nil {
		panic(err)
	}
	for range parts {
		if _, err := w.Write(chunk.Bytes()); err != nil {
			panic(err)
		}
	}
	if _, err := w.Write(final); err != nil {
		panic(err)
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
})

func TestRead_ZipBombIsRefusedBeforeUnpacking(t *testing.T) {
	bomb := zipBomb()
	if len(bomb) > 1<<20 {
		t.Fatalf("the bomb is %d bytes, want it under 1 MB so the upload limit does not stop it first", len(bomb))
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := Read(newTestWorkspace(), "bomb.xlsx", bytes.NewReader(bomb), testNow, Limits{})
	runtime.ReadMemStats(&after)
	var de *domain.Error
	if !errors.As(err, &de) || de.Key != "sheets.zip_ratio" {
		t.Fatalf("Read error = %v, want sheets.zip_ratio", err)
	}
	// Unpacking would allocate 200 MB; the check allocates about the upload.
	if allocated := after.TotalAlloc - before.TotalAlloc; allocated > 16<<20 {
		t.Errorf("reading the bomb allocated %d bytes, want far less than its 200 MB", allocated)
	}
}

func TestRead_XLSXOverMaxUnzipped(t *testing.T) {
	data := buildXLSX(t, [][]any{{"segment", "week", "leads"}, {"dealers", "2026-W47", 1}})
	_, err := Read(newTestWorkspace(), "a.xlsx", bytes.NewReader(data), testNow, Limits{MaxUnzipped: 1000})
	var de *domain.Error
	if !errors.As(err, &de) || de.Key != "sheets.unzipped_too_big" {
		t.Fatalf("Read error = %v, want sheets.unzipped_too_big", err)
	}
}

func BenchmarkRead_30MBCSV(b *testing.B) {
	ws := newTestWorkspace()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(ws, "big.csv", endlessCSV(30<<20), testNow, Limits{}); err == nil {
			b.Fatal("a 30 MB CSV was accepted")
		}
	}
}

func BenchmarkRead_ZipBomb(b *testing.B) {
	ws := newTestWorkspace()
	bomb := zipBomb()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(ws, "bomb.xlsx", bytes.NewReader(bomb), testNow, Limits{}); err == nil {
			b.Fatal("the zip bomb was accepted")
		}
	}
}

func BenchmarkRead_5000RowCSV(b *testing.B) {
	ws := newTestWorkspace()
	for i := range 20 { // 20 segments × 250 weeks: five years hold about 260
		name := "segment " + strconv.Itoa(i)
		ws.Segments = append(ws.Segments, domain.Segment{Key: name, Name: domain.Name{En: name}})
	}
	var sb strings.Builder
	sb.WriteString("segment,week,leads,qualified,spend\n")
	for i := range 5000 {
		week := domain.WeekOf(testNow).Add(-i / 20)
		sb.WriteString("segment " + strconv.Itoa(i%20) + "," + week.String() + ",1 200,800,350к\n")
	}
	data := sb.String()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(ws, "rows.csv", strings.NewReader(data), testNow, Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}
