package xlsxsafe

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/report/input/xlsxsafe/xlsxtest"
)

// cost runs fn and measures its time and the bytes it allocated.
func cost(fn func()) (time.Duration, uint64) {
	runtime.GC()
	var a, b runtime.MemStats
	runtime.ReadMemStats(&a)
	start := time.Now()
	fn()
	d := time.Since(start)
	runtime.ReadMemStats(&b)
	return d, b.TotalAlloc - a.TotalAlloc
}

// TestMeasure prints what bombs and near-limit workbooks cost excelize
// with and without the guards; it only reports, asserting nothing:
//
//	MEASURE=1 go test -run 'TestMeasure|TestCountReal' -v ./report/xlsxsafe
func TestMeasure(t *testing.T) {
	if os.Getenv("MEASURE") == "" {
		t.Skip()
	}
	mk := func(p []xlsxtest.Part) []byte {
		b, err := xlsxtest.Zip(p...)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	text := func(name string, n int) xlsxtest.Part {
		return xlsxtest.Part{Name: name, Body: "<a>" + strings.Repeat("x", n) + "</a>"}
	}
	var textParts []xlsxtest.Part
	for i := range 7 {
		textParts = append(textParts, text(fmt.Sprintf("xl/media/t%d.xml", i), 4<<20-8))
	}
	cases := map[string][]byte{
		"xfd3000":    mk(xlsxtest.Book("S", xlsxtest.Rows(1, 3000, `<row r="%[1]d"><c r="XFD%[1]d"><v>1</v></c></row>`))),
		"ss3.7M":     mk(xlsxtest.Book("S", `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`, xlsxtest.SharedStrings(3_700_000, `<si><t>a</t></si>`))),
		"ss1.2M":     mk(xlsxtest.Book("S", `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`, xlsxtest.SharedStrings(1_200_000, `<si/>`))),
		"ss49999":    mk(xlsxtest.Book("S", `<row r="1"><c r="A1" t="s"><v>49998</v></c></row>`, xlsxtest.SharedStrings(49_999, `<si><t>abcdefghij</t></si>`))),
		"ss49999big": mk(xlsxtest.Book("S", `<row r="1"><c r="A1" t="s"><v>49998</v></c></row>`, xlsxtest.SharedStrings(49_999, `<si><t>`+strings.Repeat("x", 70)+`</t></si>`))),
		"cells45000": mk(xlsxtest.Book("S", xlsxtest.Rows(1, 4500, `<row r="%[1]d"><c r="A%[1]d"><v>1</v></c><c r="B%[1]d"><v>1</v></c><c r="C%[1]d"><v>1</v></c><c r="D%[1]d"><v>1</v></c><c r="E%[1]d"><v>1</v></c><c r="F%[1]d"><v>1</v></c><c r="G%[1]d"><v>1</v></c><c r="H%[1]d"><v>1</v></c><c r="I%[1]d"><v>1</v></c><c r="J%[1]d"><v>1</v></c></row>`))),
		"styles79k":  mk(xlsxtest.Book("S", `<row r="1"><c r="A1" s="1"><v>1</v></c></row>`, xlsxtest.Part{Name: "xl/styles.xml", Body: `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="1">` + strings.Repeat(`<xf numFmtId="14"/>`, 79_000) + `</cellXfs></styleSheet>`})),
		"bigtext":    mk(xlsxtest.Book("S", xlsxtest.Rows(1, 15000, `<row r="%[1]d"><c r="A%[1]d" t="inlineStr"><is><t>`+strings.Repeat("x", 250)+`</t></is></c></row>`))),
		"parts140k":  mk(append(xlsxtest.Book("S", `<row r="1"><c r="A1"><v>1</v></c></row>`), manyParts(140_000)...)),
		"text28MB":   mk(xlsxtest.Book("S", `<row r="1"><c r="A1"><v>1</v></c></row>`, textParts...)),
	}
	only := os.Getenv("MEASURE")
	for name, data := range cases {
		if only != "1" && only != name {
			continue
		}
		for _, guarded := range []bool{false, true} {
			var err error
			d, alloc := cost(func() {
				var f *excelize.File
				if guarded {
					f, err = Open("x.xlsx", data, Limits{})
				} else {
					f, err = excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: 64 << 20, UnzipXMLSizeLimit: 16 << 20})
				}
				if err != nil {
					return
				}
				defer func() { _ = f.Close() }()
				_, err = f.GetRows(f.GetSheetList()[0], excelize.Options{RawCellValue: true})
			})
			t.Logf("%-10s %d KB guarded=%v: %v %d MB err=%v", name, len(data)>>10, guarded, d, alloc>>20, err)
		}
	}
}

// TestCountReal prints the counts the limits are set against.
func TestCountReal(t *testing.T) {
	if os.Getenv("MEASURE") == "" {
		t.Skip()
	}
	for _, p := range []string{"../../../data/统计表.xlsx", "../../../data/任务台账.xlsx", "../../../data/2022-统计表.xlsx"} {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Log(err)
			continue
		}
		zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		s := &scan{lim: Default}
		for _, zf := range zr.File {
			rc, _ := zf.Open()
			s.part(rc)
			_ = rc.Close()
		}
		t.Logf("%s: %d bytes, extent %d, strings %d, elements %d", p, len(data), s.extent, s.strings, s.elements)
		d, alloc := cost(func() {
			f, err := Open("x", data, Limits{})
			if err == nil {
				_ = f.Close()
			}
		})
		t.Logf("open %v %d KB", d, alloc>>10)
	}
}

func BenchmarkScan(b *testing.B) {
	data, _ := xlsxtest.Zip(xlsxtest.Book("S", xlsxtest.Rows(1, 6500, `<row r="%[1]d"><c r="A%[1]d"><v>1</v></c><c r="B%[1]d"><v>1</v></c><c r="C%[1]d"><v>1</v></c><c r="D%[1]d"><v>1</v></c><c r="E%[1]d"><v>1</v></c><c r="F%[1]d"><v>1</v></c><c r="G%[1]d"><v>1</v></c><c r="H%[1]d"><v>1</v></c><c r="I%[1]d"><v>1</v></c><c r="J%[1]d"><v>1</v></c></row>`))...)
	zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		_ = check("x", zr, Default.withDefaults()) // measured, not judged
	}
}
