package workbook

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/report/input/register"
	"github.com/nianbao/nianbao/report/input/xlsxsafe"
)

// leanHits counts the reads the lean reader took in this test binary.
var leanHits, leanMisses atomic.Int64

// Every test of this package reads through both readers: whatever the
// lean one returns must be what excelize's returns (reflect.DeepEqual on
// the whole Result, positions included), and it must not return when
// excelize's errs.
func init() {
	readHook = func(name string, data []byte, lim xlsxsafe.Limits) (*Result, error) {
		full, err := readFull(name, data, lim)
		if err == nil {
			learn(data, lim)
		}
		lean, ok := readLean(name, data, lim)
		if !ok {
			leanMisses.Add(1)
			return full, err
		}
		leanHits.Add(1)
		if err != nil {
			panic(fmt.Sprintf("lean reader read %s that excelize's refuses: %v", name, err))
		}
		if !reflect.DeepEqual(lean, full) {
			panic(fmt.Sprintf("lean reader differs on %s:\nlean %#v\nfull %#v", name, lean, full))
		}
		return full, err
	}
}

// leanRead reads data as Read does after a first workbook taught the
// known parts, and tells whether the lean reader took it.
func leanRead(t testing.TB, data []byte) (*Result, bool) {
	t.Helper()
	lim := limitsFor(data)
	full, err := readFull("统计表.xlsx", data, lim)
	if err == nil {
		learn(data, lim)
	}
	lean, ok := readLean("统计表.xlsx", data, lim)
	if ok {
		require.NoError(t, err, "lean read what excelize refuses")
		require.True(t, reflect.DeepEqual(lean, full), "lean %#v\nfull %#v", lean, full)
	}
	return full, ok
}

// The lean reader takes the workbooks nianbao writes, filled, blank, part
// blank, typed by hand, aggregates; and gives the same result.
func TestLeanMatchesFull(t *testing.T) {
	filled := write(t, Options{Org: "测试机关", Year: 2024, Values: consistent(11)})
	part := editWorkbook(t, filled, func(x *excelize.File) {
		for _, c := range []string{"D6", "E6", "F7", "J20"} {
			require.NoError(t, x.SetCellValue(SheetRequests, c, nil))
		}
		require.NoError(t, x.SetCellValue(SheetActive, "B16", nil))
	})
	typedByHand := editWorkbook(t, filled, func(x *excelize.File) {
		require.NoError(t, x.SetCellStr(SheetRequests, "D6", "１２"))
		require.NoError(t, x.SetCellStr(SheetRequests, "E6", "1,234"))
		require.NoError(t, x.SetCellStr(SheetRequests, "F6", "/"))
		require.NoError(t, x.SetCellStr(SheetActive, "B16", "１２．５"))
	})
	cases := map[string][]byte{
		"filled":    filled,
		"blank":     write(t, Options{}),
		"stamped":   write(t, Options{Org: "某县某局", Year: 2025}),
		"values":    write(t, Options{Org: "某县", Year: 2025, Values: consistent(3), TotalsAsValues: true}),
		"aggregate": write(t, Options{Org: "某县", Year: 2025, Values: consistent(5), Units: 40, Sheets: []Sheet{{Name: "单位", Rows: [][]string{{"单位", "件数"}, {"甲", "3"}}, Numeric: map[int]bool{1: true}}}}),
		"part":      part,
		"typed":     typedByHand,
	}
	reg := genRegister(t, 400, 1)
	registered := writeRegister(t, reg)
	cases["register"] = registered
	cases["register-empty"] = writeRegister(t, nil)
	cases["register-typed"] = editWorkbook(t, registered, func(x *excelize.File) {
		require.NoError(t, x.SetCellInt(SheetRequests, "D8", 999))
	})
	cases["register-stale"] = staleRegister(t, registered, reg)
	cases["register-bare"] = editWorkbook(t, registered, func(x *excelize.File) {
		for _, ref := range []string{"D8", "E9", "J20"} {
			fo, _ := x.GetCellFormula(SheetRequests, ref)
			require.NoError(t, x.SetCellValue(SheetRequests, ref, nil))
			require.NoError(t, x.SetCellFormula(SheetRequests, ref, fo))
		}
	})
	for i := range 20 {
		cases[fmt.Sprintf("random%d", i)] = write(t, Options{Org: fmt.Sprintf("第%d单位", i), Year: 2024, Values: consistent(uint64(100 + i))})
	}
	for _, p := range []string{"统计表.xlsx", "2021-统计表.xlsx"} {
		if b, err := os.ReadFile(filepath.Join("..", "..", "..", "data", p)); err == nil {
			cases["data/"+p] = b
		}
	}
	took := 0
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			_, ok := leanRead(t, data)
			// A second copy: the known parts are now learnt.
			_, ok2 := leanRead(t, data)
			if ok || ok2 {
				took++
			}
		})
	}
	// The common case must take the lean path, or this test proves nothing.
	// (A blank workbook's totals are formulas no program has computed yet:
	// excelize's reader computes them.)
	mustTake := []string{"filled", "part", "typed", "aggregate", "values", "random3", "register", "register-empty", "register-stale", "register-bare"}
	if _, ok := cases["data/统计表.xlsx"]; ok {
		mustTake = append(mustTake, "data/统计表.xlsx", "data/2021-统计表.xlsx")
	}
	for _, name := range mustTake {
		_, ok := leanRead(t, cases[name])
		require.True(t, ok, "%s: the lean reader gave up", name)
	}
	t.Logf("lean reader took %d of %d workbooks", took, len(cases))
}

// replacePart returns the zip data with part's content replaced.
func replacePart(t testing.TB, data []byte, part string, content []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		require.NoError(t, err)
		b, err := io.ReadAll(rc)
		require.NoError(t, err)
		if zf.Name == part {
			b = content
		}
		w, err := zw.Create(zf.Name)
		require.NoError(t, err)
		_, err = w.Write(b)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return out.Bytes()
}

func partOf(t testing.TB, data []byte, part string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	for _, zf := range zr.File {
		if zf.Name == part {
			rc, err := zf.Open()
			require.NoError(t, err)
			b, err := io.ReadAll(rc)
			require.NoError(t, err)
			return b
		}
	}
	t.Fatalf("no %s", part)
	return nil
}

// FuzzLeanMatchesFull mutates the parts the lean reader reads itself (a
// data sheet, the shared strings, the properties): whenever it returns,
// its result is excelize's, and it never returns where excelize's errs.
//
// Its inputs are whole sheets; minimising each new one would take the
// fuzzer's whole time, hence -fuzzminimizetime:
//
//	go test -run '^$' -fuzz FuzzLeanMatchesFull -fuzztime 60s -fuzzminimizetime 1x ./report/input/workbook/
func FuzzLeanMatchesFull(f *testing.F) {
	base := write(f, Options{Org: "测试机关", Year: 2024, Values: consistent(11)})
	parts := []string{"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml", "xl/worksheets/sheet4.xml", "xl/sharedStrings.xml", "docProps/custom.xml"}
	for i, p := range parts {
		f.Add(uint8(i), partOf(f, base, p))
	}
	f.Add(uint8(1), bytes.Replace(partOf(f, base, parts[1]), []byte("<v>"), []byte("<v> "), 5))
	f.Add(uint8(4), bytes.Replace(partOf(f, base, parts[4]), []byte("<t>"), []byte("<t>_x000D_&#10;\r\n"), 3))
	f.Add(uint8(0), bytes.Replace(partOf(f, base, parts[0]), []byte(`t="s"`), []byte(`t="inlineStr"`), 2))
	f.Fuzz(func(t *testing.T, which uint8, content []byte) {
		data := replacePart(t, base, parts[int(which)%len(parts)], content)
		leanRead(t, data)
	})
}

// FuzzLeanMatchesFullRegister does the same on a register workbook: its
// register sheets and the tables counted from them.
func FuzzLeanMatchesFullRegister(f *testing.F) {
	base := writeRegister(f, genRegister(f, 30, 4))
	parts := append(sheetParts(f, base, SheetRequests, SheetAppeals, register.SheetApplications, register.SheetCases), "xl/sharedStrings.xml")
	for i, p := range parts {
		f.Add(uint8(i), partOf(f, base, p))
	}
	f.Add(uint8(0), bytes.Replace(partOf(f, base, parts[0]), []byte("<f>"), []byte(`<f t="shared" si="0">`), 3))
	f.Fuzz(func(t *testing.T, which uint8, content []byte) {
		data := replacePart(t, base, parts[int(which)%len(parts)], content)
		leanRead(t, data)
	})
}

func BenchmarkReadLean(b *testing.B) {
	data := write(b, Options{Org: "测试机关", Year: 2024, Values: consistent(11)})
	lim := limitsFor(data)
	if _, err := readFull("x.xlsx", data, lim); err != nil {
		b.Fatal(err)
	}
	learn(data, lim)
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := readLean("x.xlsx", data, lim); !ok {
			b.Fatal("lean reader gave up")
		}
	}
}

// Mutations a clerk's or another program's edits make, on the parts the
// lean reader reads: other figures, blanks, text types, formulas, stray
// bytes. Wherever the lean reader takes the result, it is excelize's.
func TestLeanMatchesFullMutated(t *testing.T) {
	base := write(t, Options{Org: "测试机关", Year: 2024, Values: consistent(11)})
	parts := []string{"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml", "xl/worksheets/sheet4.xml", "xl/sharedStrings.xml", "docProps/custom.xml"}
	t.Run("tables", func(t *testing.T) { mutateLean(t, base, parts, 3) })
	// A register workbook: its tables count the register's sheets.
	reg := writeRegister(t, genRegister(t, 60, 7))
	t.Run("register", func(t *testing.T) {
		mutateLean(t, reg, append(sheetParts(t, reg, SheetRequests, SheetAppeals, register.SheetApplications, register.SheetCases), "xl/sharedStrings.xml"), 5)
	})
}

// sheetParts are the parts holding the named sheets.
func sheetParts(t testing.TB, data []byte, sheets ...string) []string {
	t.Helper()
	_, parts := unzipAll(data, limitsFor(data).WithDefaults(), false, nil)
	require.NotNil(t, parts)
	_, paths := dataParts(parts)
	var out []string
	for _, s := range sheets {
		require.Contains(t, paths, s)
		out = append(out, paths[s])
	}
	return out
}

func mutateLean(t *testing.T, base []byte, parts []string, seed uint64) {
	values := []string{"", " ", "7", " 12 ", "1.5", "-3", "1E3", "0.30000000000000004", "1,234", "１２", "/", "abc", "&amp;", "3&#10;", "44621", "2022-03-01"}
	types := []string{`t="s"`, `t="str"`, `t="n"`, `t="inlineStr"`, `t="b"`, `t="e"`, ``, `t="s" s="2"`}
	rng := rand.New(rand.NewPCG(seed, 4))
	took := 0
	const n = 200
	for range n {
		p := parts[rng.IntN(len(parts))]
		c := append([]byte{}, partOf(t, base, p)...)
		for range 1 + rng.IntN(3) {
			switch rng.IntN(5) {
			case 0: // another value
				vs := bytes.Split(c, []byte("<v>"))
				if len(vs) > 1 {
					k := 1 + rng.IntN(len(vs)-1)
					end := bytes.Index(vs[k], []byte("</v>"))
					if end >= 0 {
						vs[k] = append([]byte(values[rng.IntN(len(values))]), vs[k][end:]...)
					}
					c = bytes.Join(vs, []byte("<v>"))
				}
			case 1: // another type
				c = bytes.Replace(c, []byte(`t="s"`), []byte(types[rng.IntN(len(types))]), 1+rng.IntN(3))
			case 2: // a formula
				c = bytes.Replace(c, []byte("<v>"), []byte("<f>SUM(D6:D7)</f><v>"), 1)
			case 3: // a formula's cached value dropped, or its formula shared
				if rng.IntN(2) == 0 {
					if i := bytes.Index(c, []byte("</f><v>")); i >= 0 {
						if j := bytes.Index(c[i:], []byte("</v>")); j >= 0 {
							c = append(c[:i+len("</f>")], c[i+j+len("</v>"):]...)
						}
					}
				} else {
					c = bytes.Replace(c, []byte("<f>"), []byte(`<f t="shared" si="0" ref="D6:D7">`), 1)
				}
			default: // a stray byte
				c[rng.IntN(len(c))] = byte(rng.IntN(128))
			}
		}
		if _, ok := leanRead(t, replacePart(t, base, p, c)); ok {
			took++
		}
	}
	t.Logf("lean reader took %d of %d mutated workbooks", took, n)
	require.Positive(t, took)
}

// Units that fill the workbook in LibreOffice save it with LibreOffice's
// own parts: once one is read by excelize's reader, the rest are read by
// the lean one, to the same result.
func TestLeanReadsLibreOfficeSaves(t *testing.T) {
	dir := t.TempDir()
	var srcs []string
	for i, u := range []string{"甲单位", "乙单位"} {
		src := filepath.Join(dir, "src", fmt.Sprintf("u%d.xlsx", i))
		require.NoError(t, os.MkdirAll(filepath.Dir(src), 0o755))
		require.NoError(t, os.WriteFile(src, write(t, Options{Org: u, Year: 2024, Values: consistent(uint64(20 + i))}), 0o644))
		srcs = append(srcs, src)
	}
	soffice(t, append([]string{"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", dir}, srcs...)...)
	a, err := os.ReadFile(filepath.Join(dir, "u0.xlsx"))
	require.NoError(t, err)
	b, err := os.ReadFile(filepath.Join(dir, "u1.xlsx"))
	require.NoError(t, err)
	_, _ = leanRead(t, a)
	lim := limitsFor(b)
	_, ok := readLean("u1.xlsx", b, lim) // before b's own parts are learnt
	require.True(t, ok, "the lean reader gave up on a second LibreOffice save")
	_, ok = leanRead(t, b)
	require.True(t, ok)
}
