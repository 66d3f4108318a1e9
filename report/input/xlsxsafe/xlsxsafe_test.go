package xlsxsafe

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/testkit/costtest"
	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/input/xlsxsafe/xlsxtest"
)

const book = "任务台账.xlsx"

func zipOf(t testing.TB, parts ...xlsxtest.Part) []byte {
	t.Helper()
	data, err := xlsxtest.Zip(parts...)
	require.NoError(t, err)
	return data
}

const oneCell = `<row r="1"><c r="A1" t="inlineStr"><is><t>序号</t></is></c></row>`

// englishWord finds excelize's or the zip reader's wording in a message;
// the words a clerk knows (Excel, WPS, .xlsx) and part names are allowed.
var englishWord = regexp.MustCompile(`\b(?:zip|unzip|size|exceeds|limit|error|invalid|unexpected|EOF|syntax|element|file|format)\b`)

func TestOpenReadsValid(t *testing.T) {
	f := excelize.NewFile()
	require.NoError(t, f.SetSheetName("Sheet1", "任务台账"))
	require.NoError(t, f.SetCellStr("任务台账", "A1", "序号"))
	require.NoError(t, f.MergeCell("任务台账", "A2", "C2"))
	var buf bytes.Buffer
	_, err := f.WriteTo(&buf)
	require.NoError(t, err)

	for name, data := range map[string][]byte{
		"excelize": buf.Bytes(),
		"by hand":  zipOf(t, xlsxtest.Book("任务台账", oneCell)...),
	} {
		t.Run(name, func(t *testing.T) {
			x, err := Open(book, data, Limits{})
			require.NoError(t, err)
			defer func() { _ = x.Close() }()
			rows, err := x.GetRows("任务台账")
			require.NoError(t, err)
			assert.Equal(t, "序号", rows[0][0])
		})
	}
}

// Every hostile or damaged shape is refused with one Chinese message naming
// the file (and the sheet where one is at fault), quickly and cheaply.
func TestOpenRefuses(t *testing.T) {
	xfd := func(rows int) []byte {
		return zipOf(t, xlsxtest.Book("任务台账", xlsxtest.Rows(1, rows, `<row r="%[1]d"><c r="XFD%[1]d"><v>1</v></c></row>`))...)
	}
	full := xlsxtest.Sheet(xlsxtest.Rows(1, 50, `<row r="%[1]d"><c r="A%[1]d"><v>1</v></c></row>`))
	tests := []struct {
		name  string
		data  []byte
		sheet string // expected Pos.Sheet
		text  string
	}{
		{"empty", nil, "", "不是 Excel 工作簿（.xlsx），或文件已损坏"},
		{"text", []byte("序号,完成状态\n1,已完成\n"), "", "不是 Excel 工作簿"},
		{"old xls", append(bytes.Clone(oleMagic), make([]byte, 512)...), "", "旧版 .xls 或 WPS .et 格式"},
		{"encrypted", append(append(bytes.Clone(oleMagic), make([]byte, 512)...), encryptionInfo...), "", "文件设置了打开密码"},
		{"zip magic only", []byte("PK\x03\x04"), "", "文件已损坏或不是 Excel 工作簿"},
		{"zip of text", zipOf(t, xlsxtest.Part{Name: "a.txt", Body: "12"}), "", "文件已损坏或不是 Excel 工作簿"},
		// Problem 1: one cell in column XFD per row.
		{"XFD on 3,000 rows", xfd(3000), "", "表格范围异常庞大（单元格或合并区域超过 65536 个）"},
		{"XFD on 20,000 rows", xfd(20000), "", "表格范围异常庞大"},
		{"merged ranges", zipOf(t, xlsxtest.Book("任务台账", oneCell, xlsxtest.Part{Name: "xl/worksheets/sheet1.xml",
			Body: strings.Replace(xlsxtest.Sheet(oneCell), "</worksheet>", `<mergeCells>`+xlsxtest.Rows(2, 70000, `<mergeCell ref="A%[1]d:B%[1]d"/>`)+`</mergeCells></worksheet>`, 1)})...),
			"", "表格范围异常庞大"},
		// Problem 2: millions of tiny shared strings.
		{"3.7 million shared strings", zipOf(t, xlsxtest.Book("任务台账", oneCell, xlsxtest.SharedStrings(3_700_000, `<si><t>a</t></si>`))...), "", "解压后超过 32 MB"},
		{"1.2 million empty shared strings", zipOf(t, xlsxtest.Book("任务台账", oneCell, xlsxtest.SharedStrings(1_200_000, `<si/>`))...), "", "xl/sharedStrings.xml 解压后超过 4 MB"},
		{"60,000 shared strings", zipOf(t, xlsxtest.Book("任务台账", oneCell, xlsxtest.SharedStrings(60_000, `<si/>`))...), "", "文字条目超过 50000 个"},
		{"shared strings under a prefix", zipOf(t, xlsxtest.Book("任务台账", oneCell, xlsxtest.SharedStrings(60_000, `<x:si xmlns:x="u"/>`))...), "", "文字条目超过 50000 个"},
		{"styles of 100,000 elements", zipOf(t, xlsxtest.Book("任务台账", oneCell, xlsxtest.Part{Name: "xl/styles.xml",
			Body: `<styleSheet><cellXfs>` + strings.Repeat(`<xf numFmtId="14"/>`, 100_000) + `</cellXfs></styleSheet>`})...), "", "超过 80000 个元素"},
		{"part unpacks past 4 MB", zipOf(t, xlsxtest.Book("任务台账", oneCell, xlsxtest.Part{Name: "docProps/app.xml", Body: strings.Repeat(" ", 5<<20)})...), "", "docProps/app.xml 解压后超过 4 MB"},
		{"parts unpack past 32 MB", zipOf(t, xlsxtest.Book("任务台账", oneCell,
			xlsxtest.Part{Name: "xl/media/1.png", Body: strings.Repeat(" ", 4<<20)}, xlsxtest.Part{Name: "xl/media/2.png", Body: strings.Repeat(" ", 4<<20)},
			xlsxtest.Part{Name: "xl/media/3.png", Body: strings.Repeat(" ", 4<<20)}, xlsxtest.Part{Name: "xl/media/4.png", Body: strings.Repeat(" ", 4<<20)},
			xlsxtest.Part{Name: "xl/media/5.png", Body: strings.Repeat(" ", 4<<20)}, xlsxtest.Part{Name: "xl/media/6.png", Body: strings.Repeat(" ", 4<<20)},
			xlsxtest.Part{Name: "xl/media/7.png", Body: strings.Repeat(" ", 4<<20)}, xlsxtest.Part{Name: "xl/media/8.png", Body: strings.Repeat(" ", 4<<20)},
			xlsxtest.Part{Name: "xl/media/9.png", Body: strings.Repeat(" ", 4<<20)})...), "", "解压后超过 32 MB"},
		{"2,000 parts", zipOf(t, append(xlsxtest.Book("任务台账", oneCell), manyParts(2000)...)...), "", "由 2005 个部分组成"},
		// Problem 6: a sheet cut short is damaged, wherever it is cut.
		{"sheet cut in a tag", zipOf(t, xlsxtest.Book("任务台账", "", xlsxtest.Part{Name: "xl/worksheets/sheet1.xml", Body: full[:len(full)/2]})...), "任务台账", "工作表“任务台账”已损坏"},
		{"sheet cut after a row", zipOf(t, xlsxtest.Book("任务台账", "", xlsxtest.Part{Name: "xl/worksheets/sheet1.xml", Body: full[:strings.LastIndex(full, "</row>")+6]})...), "任务台账", "工作表“任务台账”已损坏"},
		{"sheet cut to nothing", zipOf(t, xlsxtest.Book("任务台账", "", xlsxtest.Part{Name: "xl/worksheets/sheet1.xml", Body: ""})...), "任务台账", "工作表“任务台账”已损坏"},
		{"sheet with mismatched tags", zipOf(t, xlsxtest.Book("任务台账", "", xlsxtest.Part{Name: "xl/worksheets/sheet1.xml", Body: strings.Replace(full, "</sheetData>", "</sheetDate>", 1)})...), "任务台账", "已损坏"},
		{"sheet nested too deep", zipOf(t, xlsxtest.Book("任务台账", strings.Repeat("<a>", 200)+strings.Repeat("</a>", 200))...), "任务台账", "已损坏"},
		{"sheet longer than its header says", zipOf(t, xlsxtest.Book("任务台账", "", xlsxtest.Part{Name: "xl/worksheets/sheet1.xml", Body: full, Claim: 100})...), "任务台账", "工作表“任务台账”已损坏"},
		{"unnamed sheet cut short", zipOf(t, xlsxtest.Book("任务台账", oneCell, xlsxtest.Part{Name: "xl/worksheets/sheet9.xml", Body: full[:len(full)/2]})...), "", "其中的工作表 xl/worksheets/sheet9.xml 不完整"},
		{"other part longer than its header says", zipOf(t, xlsxtest.Book("任务台账", oneCell, xlsxtest.Part{Name: "docProps/app.xml", Body: full, Claim: 100})...), "", "其中的 docProps/app.xml 无法解压"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Less(t, len(tt.data), 1<<20, "each bomb is small")
			var err error
			alloc := costtest.Allocated(func() {
				var f *excelize.File
				if f, err = Open(book, tt.data, Limits{What: "任务台账"}); err == nil {
					_ = f.Close()
				}
			})
			var errs diag.Errors
			require.ErrorAs(t, err, &errs)
			require.Len(t, errs, 1, "%v", errs)
			assert.Equal(t, diag.Pos{File: book, Sheet: tt.sheet}, errs[0].Pos)
			assert.Contains(t, errs[0].Text, tt.text)
			assert.NotRegexp(t, englishWord, errs[0].Text)
			assert.Less(t, alloc, uint64(32<<20), "refused before excelize builds anything")
		})
	}
}

func manyParts(n int) []xlsxtest.Part {
	parts := make([]xlsxtest.Part, n)
	for i := range parts {
		parts[i] = xlsxtest.Part{Name: fmt.Sprintf("docProps/p%d.xml", i), Body: "<a/>"}
	}
	return parts
}

// Workbooks just inside every limit are read, and reading them (open and
// every row) stays within the memory budget.
func TestOpenNearLimits(t *testing.T) {
	ten := `<row r="%[1]d"><c r="A%[1]d"><v>1</v></c><c r="B%[1]d"><v>1</v></c><c r="C%[1]d"><v>1</v></c><c r="D%[1]d"><v>1</v></c><c r="E%[1]d"><v>1</v></c><c r="F%[1]d"><v>1</v></c><c r="G%[1]d"><v>1</v></c><c r="H%[1]d"><v>1</v></c><c r="I%[1]d"><v>1</v></c><c r="J%[1]d"><v>1</v></c></row>`
	tests := map[string][]byte{
		"38,000 cells": zipOf(t, xlsxtest.Book("任务台账", xlsxtest.Rows(1, 3800, ten))...),
		"39,000 shared strings": zipOf(t, xlsxtest.Book("任务台账", `<row r="1"><c r="A1" t="s"><v>38999</v></c></row>`,
			xlsxtest.SharedStrings(39_000, `<si><t>`+strings.Repeat("文", 30)+`</t></si>`))...),
		"79,000 style elements": zipOf(t, xlsxtest.Book("任务台账", `<row r="1"><c r="A1" s="1"><v>1</v></c></row>`, xlsxtest.Part{Name: "xl/styles.xml",
			Body: `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs>` + strings.Repeat(`<xf numFmtId="14"/>`, 79_000) + `</cellXfs></styleSheet>`})...),
		"one cell in XFD on 3 rows": zipOf(t, xlsxtest.Book("任务台账", xlsxtest.Rows(1, 3, `<row r="%[1]d"><c r="XFD%[1]d"><v>1</v></c></row>`))...),
	}
	for name, data := range tests {
		t.Run(name, func(t *testing.T) {
			var err error
			alloc := costtest.Allocated(func() {
				var f *excelize.File
				if f, err = Open(book, data, Limits{}); err != nil {
					return
				}
				defer func() { _ = f.Close() }()
				_, err = f.GetRows("任务台账", excelize.Options{RawCellValue: true})
			})
			require.NoError(t, err)
			assert.Less(t, alloc, uint64(100<<20))
		})
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	good := zipOf(t, xlsxtest.Book("任务台账", oneCell)...)
	path := filepath.Join(dir, book)
	require.NoError(t, os.WriteFile(path, good, 0o644))
	data, err := ReadFile(path, Limits{})
	require.NoError(t, err)
	assert.Equal(t, good, data)

	_, err = ReadFile(filepath.Join(dir, "没有.xlsx"), Limits{})
	assert.ErrorIs(t, err, fs.ErrNotExist)

	big := filepath.Join(dir, "大.xlsx")
	f, err := os.Create(big)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(20<<20+1)) // sparse
	require.NoError(t, f.Close())

	for _, tt := range []struct{ path, file, text string }{
		{dir, dir, "这是一个文件夹"},
		{"/dev/zero", "/dev/zero", "不是普通文件"},
		{big, "大.xlsx", "文件过大（20 MB），任务台账一般不超过 1 MB，nianbao 只读不超过 20 MB 的文件"},
	} {
		if _, err := os.Stat(tt.path); err != nil {
			continue
		}
		var errs diag.Errors
		alloc := costtest.Allocated(func() { _, err = ReadFile(tt.path, Limits{What: "任务台账"}) })
		require.ErrorAs(t, err, &errs, tt.path)
		assert.Equal(t, tt.file, errs[0].Pos.File)
		assert.Contains(t, errs[0].Text, tt.text)
		assert.Less(t, alloc, uint64(1<<20), "refused before reading")
	}
}

// Extent counts what excelize would build.
func TestExtent(t *testing.T) {
	base := zipOf(t, xlsxtest.Book("S", oneCell)...)
	far := zipOf(t, xlsxtest.Book("S", oneCell+`<row r="2"><c r="Z2"/></row><row r="3"><c r="C3"/><c/></row>`)...)
	assert.Equal(t, 26+4, Extent(far)-Extent(base))
	assert.Equal(t, 0, Extent([]byte("no zip")))
}

// FuzzOpen feeds Open damaged workbooks: it returns a file or Chinese
// messages naming the file, and never panics.
//
//	go test -run '^$' -fuzz FuzzOpen -fuzztime 30s ./report/xlsxsafe
func FuzzOpen(f *testing.F) {
	good := zipOf(f, xlsxtest.Book("任务台账", oneCell)...)
	stored, err := xlsxtest.Edit(good, func(_ string, b []byte) []byte { return b })
	require.NoError(f, err)
	for _, seed := range [][]byte{good, stored, good[:len(good)/2], []byte("PK\x03\x04"), nil, oleMagic} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		x, err := Open(book, data, Limits{})
		if err == nil {
			require.NotNil(t, x)
			func() {
				defer func() { _ = recover() }() // the callers' recover covers excelize itself
				_, _ = x.GetRows(x.GetSheetList()[0])
			}()
			_ = x.Close()
			return
		}
		var errs diag.Errors
		require.True(t, errors.As(err, &errs), "%T: %v", err, err)
		require.NotEmpty(t, errs)
		for _, m := range errs {
			require.Equal(t, book, m.Pos.File)
			require.NotRegexp(t, englishWord, m.Text)
		}
	})
}
