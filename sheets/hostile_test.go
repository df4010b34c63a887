package sheets

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"trackbot/domain"
)

// The hostile uploads of issue 16, each refused or read within the bot's
// memory budget. Each is read in a child process that reports its own
// peak resident memory (VmHWM), so nothing the test itself holds counts.

// memoryBudget is the most a process reading one upload may reach.
const memoryBudget = 64 << 20

// hostileCase is one upload and what reading it must end with: the
// catalog key of the refusal, or "" when it must be read.
type hostileCase struct {
	name    string
	file    string
	build   func() []byte
	wantKey string
}

func hostileCases() []hostileCase {
	return []hostileCase{
		{"48 parts of 1 MB", "parts.xlsx", fortyEightParts, ""},
		{"zip bomb", "bomb.xlsx", zipBomb, "sheets.zip_ratio"},
		{"zip bomb with lying sizes", "liar.xlsx", lyingZipBomb, "sheets.bad_xlsx"},
		{"huge shared strings", "sst.xlsx", hugeSharedStrings, "sheets.too_much_text"},
		{"one huge shared string", "long.xlsx", oneHugeString, "sheets.bad_xlsx"},
		{"a row of 600,000 cells", "wide.xlsx", millionCellRow, "sheets.too_many_cells"},
		{"deeply nested sheet", "deep.xlsx", deepSheet, "sheets.bad_xlsx"},
		{"huge CSV of one line of commas", "commas.csv", commaCSV, "sheets.empty"},
		{"huge CSV of one quoted cell", "quoted.csv", quotedCSV, "sheets.cell_too_long"},
		{"huge CSV in Windows-1251", "cp1251.csv", cyrillicCSV, "sheets.too_many_rows"},
	}
}

// TestRead_HostileFilesStayWithinMemory reads every hostile upload in a
// child process and checks the child's peak memory and the outcome.
func TestRead_HostileFilesStayWithinMemory(t *testing.T) {
	if raceDetector {
		t.Skip("peak memory is measured without -race; .ci/run runs this test on its own")
	}
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("needs /proc/self/status to read the peak memory")
	}
	if testing.Short() {
		t.Skip("builds about 20 MB of uploads")
	}
	dir := t.TempDir()
	for _, hc := range hostileCases() {
		t.Run(hc.name, func(t *testing.T) {
			path := filepath.Join(dir, hc.file)
			data := hc.build()
			if len(data) > int(DefaultLimits().MaxBytes) {
				t.Fatalf("the upload is %d bytes, over the upload limit: it would not test the reader", len(data))
			}
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(os.Args[0], "-test.run=^TestHostileChild$", "-test.v")
			cmd.Env = append(os.Environ(), "SHEETS_HOSTILE_FILE="+path)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("child failed: %v\n%s", err, out)
			}
			var peak, base int64
			var key string
			for _, line := range strings.Split(string(out), "\n") {
				if rest, ok := strings.CutPrefix(line, "hostile: "); ok {
					if _, err := fmt.Sscanf(rest, "base=%d peak=%d key=%s", &base, &peak, &key); err != nil {
						t.Fatalf("child line %q: %v", line, err)
					}
				}
			}
			if peak == 0 {
				t.Fatalf("child reported nothing:\n%s", out)
			}
			t.Logf("upload %d KB: peak %.1f MB (process before reading %.1f MB); outcome %s",
				len(data)>>10, float64(peak)/(1<<20), float64(base)/(1<<20), key)
			if peak >= memoryBudget {
				t.Errorf("peak memory %d MB, want under %d MB", peak>>20, memoryBudget>>20)
			}
			if want := orDefault(hc.wantKey, "ok"); key != want {
				t.Errorf("outcome %s, want %s", key, want)
			}
		})
	}
}

func orDefault(s, empty string) string {
	if s == "" {
		return empty
	}
	return s
}

// TestHostileChild is the child of TestRead_HostileFilesStayWithinMemory:
// it reads one file as the bot does (the download in memory, then Read)
// and prints its memory before and at the peak.
func TestHostileChild(t *testing.T) {
	path := os.Getenv("SHEETS_HOSTILE_FILE")
	if path == "" {
		t.Skip("run by TestRead_HostileFilesStayWithinMemory")
	}
	ws := newTestWorkspace()
	base := procStatus(t, "VmRSS")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Read(ws, filepath.Base(path), bytes.NewReader(data), testNow, DefaultLimits())
	key := "ok"
	var de *domain.Error
	switch {
	case errors.As(err, &de):
		key = de.Key
		var fe *FileError
		if errors.As(err, &fe) && len(fe.Problems) > 0 {
			key = fe.Problems[0].Text
		}
	case err != nil:
		key = "error:" + strings.ReplaceAll(err.Error(), " ", "_")
	}
	fmt.Printf("hostile: base=%d peak=%d key=%s\n", base, procStatus(t, "VmHWM"), key)
}

// procStatus returns a memory figure of /proc/self/status in bytes.
func procStatus(t *testing.T, field string) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return kb << 10
		}
	}
	t.Fatalf("no %s in /proc/self/status", field)
	return 0
}

// zipPart is one part of a built zip. A part with a declared size keeps
// it whatever its content, as a forged central directory would.
type zipPart struct {
	name     string
	content  func(w io.Writer)
	declared uint64
}

// buildZip deflates the parts into a zip, streaming their content.
func buildZip(parts ...zipPart) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		if p.declared > 0 {
			var body bytes.Buffer
			fw, _ := flate.NewWriter(&body, flate.BestSpeed)
			crc := crc32.NewIEEE()
			p.content(io.MultiWriter(fw, crc))
			fw.Close()
			w, err := zw.CreateRaw(&zip.FileHeader{Name: p.name, Method: zip.Deflate, CRC32: crc.Sum32(),
				CompressedSize64: uint64(body.Len()), UncompressedSize64: p.declared})
			if err != nil {
				panic(err)
			}
			w.Write(body.Bytes())
			continue
		}
		zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
			return flate.NewWriter(w, flate.BestSpeed)
		})
		w, err := zw.Create(p.name)
		if err != nil {
			panic(err)
		}
		p.content(w)
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

func text(s string) func(io.Writer) {
	return func(w io.Writer) { io.WriteString(w, s) }
}

// workbookParts are the parts of a one-sheet workbook around sheet, the
// XML inside <sheetData>.
func workbookParts(sheet func(io.Writer)) []zipPart {
	return []zipPart{
		{name: "[Content_Types].xml", content: text(`<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`)},
		{name: "_rels/.rels", content: text(`<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)},
		{name: "xl/workbook.xml", content: text(`<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`)},
		{name: "xl/_rels/workbook.xml.rels", content: text(`<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`)},
		{name: "xl/worksheets/sheet1.xml", content: func(w io.Writer) {
			io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
			sheet(w)
			io.WriteString(w, `</sheetData></worksheet>`)
		}},
	}
}

// smallSheet is a header and one row of numbers, in inline strings.
func smallSheet(w io.Writer) {
	io.WriteString(w, `<row r="1"><c r="A1" t="inlineStr"><is><t>segment</t></is></c><c r="B1" t="inlineStr"><is><t>week</t></is></c><c r="C1" t="inlineStr"><is><t>leads</t></is></c></row>`+
		`<row r="2"><c r="A2" t="inlineStr"><is><t>dealers</t></is></c><c r="B2" t="inlineStr"><is><t>2026-W47</t></is></c><c r="C2"><v>120</v></c></row>`)
}

// fortyEightParts is the upload of the issue: a small workbook carrying 48
// parts of 1 MB each, about 55 KB packed.
func fortyEightParts() []byte {
	parts := workbookParts(smallSheet)
	for i := range 48 {
		parts = append(parts, zipPart{name: fmt.Sprintf("xl/media/image%d.xml", i+1), content: func(w io.Writer) {
			w.Write(bytes.Repeat([]byte{'<'}, 1<<20))
		}})
	}
	return buildZip(parts...)
}

// lyingZipBomb declares a 1 KB sheet that inflates to 200 MB.
func lyingZipBomb() []byte {
	parts := workbookParts(nil)
	parts[len(parts)-1] = zipPart{name: "xl/worksheets/sheet1.xml", declared: 1 << 10, content: func(w io.Writer) {
		zeros := make([]byte, 1<<20)
		for range 200 {
			w.Write(zeros)
		}
	}}
	return buildZip(parts...)
}

// hugeSharedStrings has 45 MB of distinct shared strings, compressible
// enough to pass the ratio check and fit the upload limit.
func hugeSharedStrings() []byte {
	parts := workbookParts(smallSheet)
	parts = append(parts, zipPart{name: "xl/sharedStrings.xml", content: func(w io.Writer) {
		bw := bufio.NewWriter(w)
		bw.WriteString(`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
		var b []byte
		for i := range 900_000 {
			b = append(b[:0], "<si><t>segment number "...)
			b = strconv.AppendInt(b, int64(i), 10)
			bw.Write(append(b, " of a long list</t></si>"...))
		}
		bw.WriteString(`</sst>`)
		bw.Flush()
	}})
	return buildZip(parts...)
}

// oneHugeString is a single 16 MB shared string, varied enough that it
// passes the ratio check.
func oneHugeString() []byte {
	parts := workbookParts(smallSheet)
	rng := rand.New(rand.NewPCG(1, 2))
	parts = append(parts, zipPart{name: "xl/sharedStrings.xml", content: func(w io.Writer) {
		bw := bufio.NewWriter(w)
		bw.WriteString(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>`)
		chunk := make([]byte, 1024)
		for range 16 << 10 {
			for i := range chunk {
				chunk[i] = 'a'
				if i%64 == 0 {
					chunk[i] = byte('a' + rng.IntN(26))
				}
			}
			bw.Write(chunk)
		}
		bw.WriteString(`</t></si></sst>`)
		bw.Flush()
	}})
	return buildZip(parts...)
}

// millionCellRow is a header row followed by a row of 600,000 cells.
func millionCellRow() []byte {
	return buildZip(workbookParts(func(w io.Writer) {
		bw := bufio.NewWriter(w)
		smallSheet(bw)
		bw.WriteString(`<row r="3">`)
		rng := rand.New(rand.NewPCG(3, 4))
		var b []byte
		for range 600_000 {
			b = strconv.AppendInt(append(b[:0], "<c><v>"...), rng.Int64N(1_000_000), 10)
			bw.Write(append(b, "</v></c>"...))
		}
		bw.WriteString(`</row>`)
		bw.Flush()
	})...)
}

// deepSheet nests two million elements.
func deepSheet() []byte {
	return buildZip(workbookParts(func(w io.Writer) {
		bw := bufio.NewWriter(w)
		rng := rand.New(rand.NewPCG(5, 6))
		var b []byte
		for i := range 2_000_000 {
			if i%16 == 0 {
				b = strconv.AppendInt(append(b[:0], "<b"...), rng.Int64N(1000), 10)
				bw.Write(append(b, '>'))
			} else {
				bw.WriteString(`<a>`)
			}
		}
		bw.Flush()
	})...)
}

// commaCSV is a header and one line of five million commas.
func commaCSV() []byte {
	return append([]byte("segment,week,leads\n"), bytes.Repeat([]byte{','}, 5<<20-100)...)
}

// quotedCSV is one quoted cell of 5 MB.
func quotedCSV() []byte {
	return append([]byte("segment,week,leads\ndealers,2026-W47,\""), append(bytes.Repeat([]byte{'1'}, 5<<20-100), '"', '\n')...)
}

// cyrillicCSV is 5 MB of rows in Windows-1251.
func cyrillicCSV() []byte {
	var sb strings.Builder
	sb.WriteString("Сегмент;Неделя;Лиды\n")
	for sb.Len() < 9<<20 {
		sb.WriteString("Дилеры;2026-W47;Целевые лиды Дилеры Дилеры Дилеры\n")
	}
	data, err := charmap.Windows1251.NewEncoder().Bytes([]byte(sb.String()))
	if err != nil {
		panic(err)
	}
	return data[:5<<20-1]
}

func TestTooBig_NamesTheLimitNotASize(t *testing.T) {
	for _, lang := range domain.Langs {
		msg := domain.UserMessage(lang, TooBig(5<<20))
		if !strings.Contains(msg, "5 MB") && !strings.Contains(msg, "5 МБ") || strings.Contains(msg, "0 M") {
			t.Errorf("%s: %q, want the 5 MB limit and no size", lang, msg)
		}
	}
}
