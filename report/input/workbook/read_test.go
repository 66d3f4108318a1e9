package workbook

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/input/xlsxsafe"
	"github.com/nianbao/nianbao/report/stats"
)

const book = "统计表.xlsx"

// editWorkbook opens a workbook, lets fn change it as a user would in a
// spreadsheet program, and returns the saved bytes.
func editWorkbook(t testing.TB, data []byte, fn func(f *excelize.File)) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	defer func() { _ = f.Close() }()
	fn(f)
	var buf bytes.Buffer
	_, err = f.WriteTo(&buf)
	require.NoError(t, err)
	return buf.Bytes()
}

// readFails reads data as 统计表.xlsx and returns the messages it fails with.
func readFails(t testing.TB, data []byte) diag.Errors {
	t.Helper()
	res, err := Read(book, data)
	require.Error(t, err)
	assert.Nil(t, res)
	var errs diag.Errors
	require.True(t, errors.As(err, &errs), "error is diag.Errors: %T %v", err, err)
	require.NotEmpty(t, errs)
	for _, m := range errs {
		assert.Equal(t, diag.Error, m.Severity, m.String())
		assert.NotEmpty(t, m.Text)
	}
	return errs
}

// zipOf packs name/content pairs, deflated, in order.
func zipOf(t testing.TB, files ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(files); i += 2 {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: files[i], Method: zip.Deflate})
		require.NoError(t, err)
		_, err = io.WriteString(w, files[i+1])
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// tempFile writes data to a new file name in a test directory.
func tempFile(t testing.TB, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, data, 0o644))
	return path
}

// ---------------------------------------------------------------------------
// Numbers as people type them.

func TestParseValue(t *testing.T) {
	const (
		count  = false
		amount = true
	)
	n := stats.DecimalFromInt
	tests := []struct {
		in      string
		decimal bool
		want    stats.Decimal
		kind    cellKind
		err     error
	}{
		// Plain and typed-as-text numbers.
		{"12", count, n(12), kindNumber, nil},
		{"0", count, 0, kindNumber, nil},
		{" 12 ", count, n(12), kindNumber, nil},
		{"+12", count, n(12), kindNumber, nil},
		{"\t12\n", count, n(12), kindNumber, nil},
		{"\u00a012\u3000", count, n(12), kindNumber, nil},
		{"\u200b12\ufeff", count, n(12), kindNumber, nil},
		{"１２", count, n(12), kindNumber, nil},
		{"１２．５", amount, 12_500000, kindNumber, nil},
		{"＋７", count, n(7), kindNumber, nil},
		// Thousands separators, half- and full-width; bad grouping is text.
		{"1,234", count, n(1234), kindNumber, nil},
		{"1，234", count, n(1234), kindNumber, nil},
		{"１，２３４", count, n(1234), kindNumber, nil},
		{"12,345,678", count, n(12345678), kindNumber, nil},
		{"1,234.56", amount, 1234_560000, kindNumber, nil},
		{"1,23", count, 0, kindNumber, errNotNumber},
		{"1,2345", count, 0, kindNumber, errNotNumber},
		{"1234,567", count, 0, kindNumber, errNotNumber},
		{",123", count, 0, kindNumber, errNotNumber},
		{"1,234,", count, 0, kindNumber, errNotNumber},
		{"1.234,5", amount, 0, kindNumber, errNotNumber},
		// Whole numbers written with decimals; fractions.
		{"12.0", count, n(12), kindNumber, nil},
		{"12.", count, n(12), kindNumber, nil},
		{"12.000000", count, n(12), kindNumber, nil},
		{"1.5", count, 0, kindNumber, errFraction},
		{"1.5", amount, 1_500000, kindNumber, nil},
		{".5", amount, 500000, kindNumber, nil},
		{"0.000001", amount, 1, kindNumber, nil},
		{"1.1234560", amount, 1_123456, kindNumber, nil},
		{"1.1234567", amount, 0, kindNumber, stats.ErrTooPrecise},
		{"1.1234567", count, 0, kindNumber, errFraction},
		// Spreadsheet float noise is rounded away; typed precision is not.
		{"0.30000000000000004", amount, 300000, kindNumber, nil},
		{"0.30000000000000004", count, 0, kindNumber, errFraction},
		{"2.9999999999999996", count, n(3), kindNumber, nil},
		{"5.551115123125783E-17", count, 0, kindNumber, nil},
		{"-5.551115123125783E-17", count, 0, kindNumber, nil},
		// Scientific notation, as spreadsheets store large or tiny numbers.
		{"1e3", count, n(1000), kindNumber, nil},
		{"1E+3", count, n(1000), kindNumber, nil},
		{"1.5E+3", count, n(1500), kindNumber, nil},
		{".5e1", count, n(5), kindNumber, nil},
		{"1.5E-1", amount, 150000, kindNumber, nil},
		{"1E-7", count, 0, kindNumber, errFraction},
		{"1E-7", amount, 0, kindNumber, stats.ErrTooPrecise},
		{"1.2345678E-1", amount, 0, kindNumber, stats.ErrTooPrecise},
		{"-1e3", count, 0, kindNumber, errNegative},
		{"1e13", count, 0, kindNumber, errTooBig},
		{"1e400", count, 0, kindNumber, errTooBig},
		{"1_0e3", count, 0, kindNumber, errNotNumber},
		{"0x1ep3", count, 0, kindNumber, errNotNumber},
		{"e3", count, 0, kindNumber, errNotNumber},
		{"1e", count, 0, kindNumber, errNotNumber},
		{"1e3.5", count, 0, kindNumber, errNotNumber},
		// Negatives, whichever minus sign.
		{"-3", count, 0, kindNumber, errNegative},
		{"-3", amount, 0, kindNumber, errNegative},
		{"－3", count, 0, kindNumber, errNegative},
		{"−3", count, 0, kindNumber, errNegative},
		{"-0", count, 0, kindNumber, nil},
		{"-0.30000000000000004", amount, 0, kindNumber, errNegative},
		// Not numbers.
		{"abc", count, 0, kindNumber, errNotNumber},
		{"3件", count, 0, kindNumber, errNotNumber},
		{"约3", count, 0, kindNumber, errNotNumber},
		{"三", count, 0, kindNumber, errNotNumber},
		{"1 2", count, n(12), kindNumber, nil}, // spaces inside are dropped
		{"1.2.3", count, 0, kindNumber, errNotNumber},
		{"--3", count, 0, kindNumber, errNotNumber},
		{"+", count, 0, kindNumber, errNotNumber},
		{".", count, 0, kindNumber, errNotNumber},
		{"NaN", count, 0, kindNumber, errNotNumber},
		{"Inf", count, 0, kindNumber, errNotNumber},
		{"Infinity", count, 0, kindNumber, errNotNumber},
		{"#DIV/0!", count, 0, kindNumber, errNotNumber},
		{"TRUE", count, 0, kindNumber, errNotNumber},
		// Too big to be a real figure, or to sum safely.
		{"99999999999999999999", count, 0, kindNumber, errTooBig},
		{"1000000000000", count, n(1_000_000_000_000), kindNumber, nil},
		{"1000000000001", count, 0, kindNumber, errTooBig},
		{"4611686018428", amount, 0, kindNumber, errTooBig},
		{"99999999999999999999.000000000001", amount, 0, kindNumber, errTooBig},
		{"-99999999999999999999.000000000001", amount, 0, kindNumber, errTooBig},
		// Blank and placeholders read as 0 (and are warned about).
		{"", count, 0, kindBlank, nil},
		{"   ", count, 0, kindBlank, nil},
		{"\u00a0\u3000", amount, 0, kindBlank, nil},
		{"\u200b", count, 0, kindBlank, nil},
		{"/", count, 0, kindPlaceholder, nil},
		{"／", count, 0, kindPlaceholder, nil},
		{"\\", count, 0, kindPlaceholder, nil},
		{"—", count, 0, kindPlaceholder, nil},
		{"——", count, 0, kindPlaceholder, nil},
		{"-", count, 0, kindPlaceholder, nil},
		{"－", count, 0, kindPlaceholder, nil},
		{"--", count, 0, kindPlaceholder, nil},
		{"–", count, 0, kindPlaceholder, nil},
		{"无", count, 0, kindPlaceholder, nil},
		{"无", amount, 0, kindPlaceholder, nil},
		{" / ", count, 0, kindPlaceholder, nil},
		{"\u3000无\u3000", count, 0, kindPlaceholder, nil},
	}
	for _, tt := range tests {
		what := "count"
		if tt.decimal {
			what = "amount"
		}
		t.Run(fmt.Sprintf("%s/%q", what, tt.in), func(t *testing.T) {
			d, kind, err := parseValue(tt.in, tt.decimal)
			if tt.err != nil {
				assert.ErrorIs(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, d, "value %s", d)
			assert.Equal(t, tt.kind, kind)
		})
	}
}

func TestNormalizeNumber(t *testing.T) {
	for in, want := range map[string]string{
		"１２３４５６７８９０":   "1234567890",
		"１，２３４．５":      "1,234.5",
		"－１":           "-1",
		"−１":           "-1",
		"＋１":           "+1",
		" 1 2\u00a03 ": "123",
		"\u3000１２\t":   "12",
		"\u200b\ufeff": "",
		"abc":          "abc",
	} {
		assert.Equal(t, want, normalizeNumber(in), "%q", in)
	}
}

// ---------------------------------------------------------------------------
// What the reader accepts.

// A filled workbook where the office typed figures in the ways people do:
// as text, in full-width digits, with separators, blank or with "/".
func TestReadAcceptsTypedForms(t *testing.T) {
	base := consistent(3)
	data := editWorkbook(t, write(t, Options{Values: base, TotalsAsValues: true}), func(f *excelize.File) {
		for _, c := range []struct {
			sheet, ref string
			v          any
		}{
			{SheetRequests, "D6", "１２"},            // r01.A full-width, typed as text
			{SheetRequests, "E6", "1,234"},         // r01.B thousands separator
			{SheetRequests, "F6", "1，234"},         // r01.C full-width comma
			{SheetRequests, "G6", " 7 "},           // r01.D text with spaces
			{SheetRequests, "H6", "\u00a08\u3000"}, // r01.E no-break and ideographic spaces
			{SheetRequests, "I6", "12.0"},          // r01.F whole number with decimals
			{SheetRequests, "G7", nil},             // r02.D blank
			{SheetRequests, "D9", ""},              // r04.A empty text
			{SheetRequests, "H8", "/"},             // r03.E placeholder
			{SheetRequests, "I8", "—"},             // r03.F
			{SheetActive, "B5", "-"},               // regulations.issued
			{SheetActive, "C5", "无"},               // regulations.repealed
			{SheetActive, "B9", "1E+3"},            // licensing as a spreadsheet stores it
			{SheetActive, "B16", "１２．５"},           // fees, full-width amount
			{SheetAppeals, "A6", "／"},              // c1
			{SheetAppeals, "B6", "——"},             // c2
			{SheetInfoFees, "B5", "1,234.56"},      // notice_total
			{SheetInfoFees, "B6", 0.1 + 0.2},       // collected: binary float noise
			{SheetInfoFees, "B4", "\u200b"},        // notices: looks empty
		} {
			if c.v == nil {
				require.NoError(t, f.SetCellValue(c.sheet, c.ref, nil))
				continue
			}
			if s, ok := c.v.(string); ok {
				require.NoError(t, f.SetCellStr(c.sheet, c.ref, s))
				continue
			}
			require.NoError(t, f.SetCellValue(c.sheet, c.ref, c.v))
		}
	})
	res, err := Read(book, data)
	require.NoError(t, err)

	want := *base
	rq := &want.Requests
	rq[0][0], rq[0][1], rq[0][2], rq[0][3], rq[0][4], rq[0][5] = 12, 1234, 1234, 7, 8, 12
	rq[1][3], rq[3][0], rq[2][4], rq[2][5] = 0, 0, 0, 0
	want.Active.Regulations.Issued, want.Active.Regulations.Repealed = 0, 0
	want.Active.Licensing = 1000
	want.Active.Fees = 12_500000
	want.Appeals[0], want.Appeals[1] = 0, 0
	want.InfoFees = stats.InfoFees{Notices: 0, NoticeTotal: 1234_560000, Collected: 300000}
	assert.Equal(t, want, res.Stats)

	// One warning per sheet and kind, naming every cell.
	type warning struct{ sheet, text string }
	var got []warning
	for _, w := range append(append([]diag.Message{}, res.BlankNotes...), res.Warnings...) {
		assert.Equal(t, diag.Warning, w.Severity)
		assert.Equal(t, book, w.Pos.File)
		assert.Empty(t, w.Pos.Cell)
		got = append(got, warning{w.Pos.Sheet, w.Text})
	}
	require.Len(t, got, 5, "%v", res.Warnings)
	assert.Equal(t, warning{SheetRequests, "2 个空白单元格：G7、D9。官方格式要求没有的填写 0"}, got[0])
	assert.Equal(t, warning{SheetInfoFees, "1 个空白单元格：B4。官方格式要求没有的填写 0"}, got[1])
	assert.Equal(t, SheetActive, got[2].sheet)
	assert.Contains(t, got[2].text, "2 个单元格填的是“/”“—”“无”等符号，按 0 计算：B5:C5。")
	assert.Equal(t, SheetRequests, got[3].sheet)
	assert.Contains(t, got[3].text, "2 个单元格填的是“/”“—”“无”等符号，按 0 计算：H8:I8。")
	assert.Equal(t, SheetAppeals, got[4].sheet)
	assert.Contains(t, got[4].text, "：A6:B6。官方格式要求填写 0，请改为 0")
	assert.Equal(t, []string{"申请情况!G7", "申请情况!D9", "信息处理费!B4"}, res.Blanks)
}

// A formula's cached value is what the spreadsheet showed: it is read as is.
// A formula without one (never opened in a spreadsheet program) is computed.
func TestReadFormulas(t *testing.T) {
	data := editWorkbook(t, write(t, Options{}), func(f *excelize.File) {
		require.NoError(t, f.SetCellInt(SheetRequests, "D6", 5))
		require.NoError(t, f.SetCellFormula(SheetRequests, "D6", "2+2")) // keeps the cached 5
		require.NoError(t, f.SetCellFormula(SheetRequests, "E6", "2*3"))
		require.NoError(t, f.SetCellFormula(SheetInfoFees, "B5", "1/4"))
		require.NoError(t, f.SetCellInt(SheetAppeals, "A6", 2))
		require.NoError(t, f.SetCellInt(SheetAppeals, "B6", 3))
	})
	res, err := Read(book, data)
	require.NoError(t, err)
	assert.EqualValues(t, 5, res.Stats.Requests[0][0], "cached value")
	assert.EqualValues(t, 6, res.Stats.Requests[0][1], "computed")
	// The computed total computes its inputs' formulas afresh (4 + 6), as a
	// spreadsheet program would on opening.
	assert.EqualValues(t, 10, res.Stats.Requests[0][stats.ColTotal])
	assert.Equal(t, stats.Decimal(250000), res.Stats.InfoFees.NoticeTotal)
	assert.EqualValues(t, 5, res.Stats.Appeals[4], "行政复议·总计 computed")
	// Uncomputed totals are not blanks.
	for _, w := range res.Warnings {
		if w.Pos.Sheet == SheetRequests {
			assert.NotContains(t, w.Text, "J6")
			assert.NotContains(t, w.Text, "D29")
		}
	}
}

// Labels retyped with half-width brackets, extra spaces or line breaks are
// still found.
func TestReadToleratesRetypedLabels(t *testing.T) {
	want := consistent(4)
	data := editWorkbook(t, write(t, Options{Values: want}), func(f *excelize.File) {
		require.NoError(t, f.SetCellStr(SheetRequests, "B29", "(七) 总计"))
		require.NoError(t, f.SetCellStr(SheetRequests, "B9", "（二）部分公开(区分处理的，只计这一情形，不计其他情形)"))
		require.NoError(t, f.SetCellStr(SheetRequests, "C12", "3.危及\"三安全一稳定\""))
		require.NoError(t, f.SetCellStr(SheetRequests, "D4", "自然\n人"))
		require.NoError(t, f.SetCellStr(SheetActive, "B16", "")) // not a label, the fees cell
		require.NoError(t, f.SetCellStr(SheetInfoFees, "A5", "收费通知载明的总金额(单位:元)"))
	})
	res, err := Read(book, data)
	require.NoError(t, err)
	want.Active.Fees = 0
	assert.Equal(t, *want, res.Stats)
}

// ---------------------------------------------------------------------------
// Layout changes a user may make.

// Rows and columns inserted above and before the tables move them; the
// reader finds them by their labels and reports the moved cells.
func TestReadFindsShiftedTables(t *testing.T) {
	for _, totalsAsValues := range []bool{false, true} {
		t.Run(fmt.Sprintf("totalsAsValues=%v", totalsAsValues), func(t *testing.T) {
			want := consistent(2)
			orig := write(t, Options{Values: want, TotalsAsValues: totalsAsValues})
			before, err := Read(book, orig)
			require.NoError(t, err)
			shifted := editWorkbook(t, orig, func(f *excelize.File) {
				require.NoError(t, f.InsertRows(SheetRequests, 3, 2))
				require.NoError(t, f.InsertCols(SheetRequests, "A", 1))
				require.NoError(t, f.InsertRows(SheetActive, 3, 1))
				require.NoError(t, f.InsertRows(SheetAppeals, 3, 1))
				require.NoError(t, f.InsertCols(SheetInfoFees, "A", 2))
				require.NoError(t, f.InsertRows(SheetInfoFees, 4, 1)) // inside the table
			})
			res, err := Read(book, shifted)
			require.NoError(t, err)
			assert.Equal(t, *want, res.Stats)
			assert.Empty(t, res.Warnings)

			move := map[string][2]int{ // sheet → rows, columns inserted before the table
				SheetRequests: {2, 1}, SheetActive: {1, 0}, SheetAppeals: {1, 0}, SheetInfoFees: {0, 2},
			}
			for _, fr := range (&stats.Stats{}).Fields() {
				p0, ok := before.Pos(fr.Key)
				require.True(t, ok, fr.Key)
				col, row, err := excelize.CellNameToCoordinates(p0.Cell)
				require.NoError(t, err)
				d := move[p0.Sheet]
				if p0.Sheet == SheetInfoFees && row >= 4 {
					d[0] = 1
				}
				wantCell, err := excelize.CoordinatesToCellName(col+d[1], row+d[0])
				require.NoError(t, err)
				assert.Equal(t, diag.Pos{File: book, Sheet: p0.Sheet, Cell: wantCell}, res.Locate(fr.Key), fr.Key)
			}
			assert.Equal(t, "统计表.xlsx › 申请情况!E8", res.Locate("r01.A").String())
			assert.Equal(t, "统计表.xlsx › 申请情况!K31", res.Locate("r24.G").String())
			assert.Equal(t, "统计表.xlsx › 主动公开!B6", res.Locate("regulations.issued").String())
			assert.Equal(t, "统计表.xlsx › 复议诉讼!O7", res.Locate("c15").String())
			assert.Equal(t, "统计表.xlsx › 信息处理费!D5", res.Locate("info_fees.notices").String())
		})
	}
}

// Blank cells in a moved table are named by their moved cells.
func TestReadNamesShiftedBlanks(t *testing.T) {
	data := editWorkbook(t, write(t, Options{}), func(f *excelize.File) {
		require.NoError(t, f.InsertRows(SheetAppeals, 1, 3))
	})
	res, err := Read(book, data)
	require.NoError(t, err)
	var appeals []string
	for _, w := range res.BlankNotes {
		if w.Pos.Sheet == SheetAppeals {
			appeals = append(appeals, w.Text)
		}
	}
	require.Len(t, appeals, 1)
	assert.Contains(t, appeals[0], "12 个空白单元格：A9:D9、F9:I9、K9:N9。")
}

// ---------------------------------------------------------------------------
// What the reader rejects, and how it says so.

// setCells returns an edit that types texts into cells: sheet, cell, text, ….
func setCells(t testing.TB, cells ...string) func(f *excelize.File) {
	return func(f *excelize.File) {
		for i := 0; i+2 < len(cells); i += 3 {
			require.NoError(t, f.SetCellStr(cells[i], cells[i+1], cells[i+2]))
		}
	}
}

// typed returns an edit that types text into a cell.
func typed(sheet, cell, text string) func(testing.TB, *excelize.File) {
	return func(t testing.TB, f *excelize.File) { require.NoError(t, f.SetCellStr(sheet, cell, text)) }
}

// formula returns an edit that puts a formula without a cached value into a cell.
func formula(sheet, cell, text string) func(testing.TB, *excelize.File) {
	return func(t testing.TB, f *excelize.File) { uncachedFormula(t, f, sheet, cell, text) }
}

func TestReadRejectsBadCells(t *testing.T) {
	at := func(sheet, cell string) diag.Pos { return diag.Pos{File: book, Sheet: sheet, Cell: cell} }
	sheetOnly := func(sheet string) diag.Pos { return diag.Pos{File: book, Sheet: sheet} }
	fileOnly := diag.Pos{File: book}
	tests := []struct {
		name  string
		edit  func(t testing.TB, f *excelize.File)
		pos   diag.Pos
		texts []string
	}{
		// Cells: the message names the figure, what was found and what is expected.
		{"text", typed(SheetRequests, "D12", "abc"), at(SheetRequests, "D12"),
			[]string{"（三）不予公开 3.危及“三安全一稳定”·自然人 填的是“abc”，不是数字，应为不小于 0 的整数（件数）。请只填阿拉伯数字"}},
		{"number with unit", typed(SheetRequests, "E6", "3件"), at(SheetRequests, "E6"),
			[]string{"一、本年新收政府信息公开申请数量·商业企业", "“3件”", "不是数字"}},
		{"bad grouping", typed(SheetAppeals, "C6", "1,23"), at(SheetAppeals, "C6"),
			[]string{"行政复议·其他结果", "“1,23”", "不是数字"}},
		{"text in an amount", typed(SheetActive, "B16", "约12万"), at(SheetActive, "B16"),
			[]string{"“约12万”", "应为不小于 0 的数字（金额，最多 6 位小数）"}},
		{"negative", typed(SheetRequests, "D7", "-3"), at(SheetRequests, "D7"),
			[]string{"二、上年结转政府信息公开申请数量·自然人 填的是 -3，不能为负数，应为不小于 0 的整数（件数）（R6）"}},
		{"negative number", func(t testing.TB, f *excelize.File) { require.NoError(t, f.SetCellInt(SheetActive, "D6", -1)) },
			at(SheetActive, "D6"), []string{"行政规范性文件·现行有效件数 填的是 -1，不能为负数"}},
		{"full-width negative amount", typed(SheetActive, "B16", "－3"), at(SheetActive, "B16"),
			[]string{"行政事业性收费·本年收费金额（单位：万元）", "不能为负数", "金额，最多 6 位小数"}},
		{"fraction in a count", func(t testing.TB, f *excelize.File) {
			require.NoError(t, f.SetCellFloat(SheetAppeals, "K6", 1.5, -1, 64))
		},
			at(SheetAppeals, "K6"), []string{"行政诉讼·复议后起诉·结果维持 填的是 1.5，件数应为整数（R6）"}},
		{"fraction typed in a count", typed(SheetInfoFees, "B4", "2.5"), at(SheetInfoFees, "B4"),
			[]string{"本年发出收费通知的件数 填的是 2.5，件数应为整数"}},
		{"amount too precise", typed(SheetInfoFees, "B6", "1.1234567"), at(SheetInfoFees, "B6"),
			[]string{"实际收取的信息处理费金额（单位：元） 填的是 1.1234567，金额最多保留 6 位小数"}},
		{"too big", typed(SheetActive, "B13", "99999999999999999999"), at(SheetActive, "B13"),
			[]string{"行政强制·本年处理决定数量 填的是 99999999999999999999，数值过大"}},
		{"long number is clipped", typed(SheetActive, "B12", strings.Repeat("9", 400)), at(SheetActive, "B12"),
			[]string{"行政处罚·本年处理决定数量 填的是 99999999999999999999…，数值过大"}},
		{"long text is clipped", typed(SheetRequests, "D6", "本机关本年度共收到申请十二件，其中当面申请三件，网络申请九件"), at(SheetRequests, "D6"),
			[]string{"“本机关本年度共收到申请十二件，其中当面申…”"}},
		// Formulas without a cached value.
		{"uncomputable formula", formula(SheetRequests, "D8", "SUM(D6:D7"), at(SheetRequests, "D8"),
			[]string{"公式 =SUM(D6:D7 无法计算", "请恢复原公式，或在表格程序中打开后保存一次"}},
		{"formula giving an error", formula(SheetRequests, "D8", "1/0"), at(SheetRequests, "D8"),
			[]string{"公式 =1/0 无法计算（#DIV/0!）"}},
		{"formula giving a fraction", formula(SheetRequests, "D8", "7/2"), at(SheetRequests, "D8"),
			[]string{"（一）予以公开·自然人 填的是 3.5，件数应为整数"}},
		{"formula not computed here", formula(SheetRequests, "D8", `LEN("x"&"y")`), at(SheetRequests, "D8"),
			[]string{`公式 =LEN("x"&"y") 没有计算结果，且超出了 nianbao 能代为计算的范围`, "保存一次"}},
		// Layout.
		{"changed appeals header", typed(SheetAppeals, "H5", "其它结果"), at(SheetAppeals, "H5"),
			[]string{"这里应是表头“其他结果”，实为“其它结果”"}},
		{"duplicated label", typed(SheetRequests, "L40", "自然人"), at(SheetRequests, "D4"),
			[]string{"标签“自然人”出现了 2 次（D4、L40），无法确定数据位置"}},
		{"duplicated row label", typed(SheetActive, "A30", "行政许可"), at(SheetActive, "A9"),
			[]string{"标签“行政许可”出现了 2 次（A9、A30）"}},
		{"missing label", typed(SheetRequests, "B29", "七、总计"), sheetOnly(SheetRequests),
			[]string{"找不到标签“（七）总计”", "请勿修改表中的标签文字"}},
		{"missing column label", typed(SheetActive, "C4", "本年废止数"), sheetOnly(SheetActive),
			[]string{"找不到标签“本年废止件数”"}},
		{"missing fee label", typed(SheetInfoFees, "A6", "实收金额"), sheetOnly(SheetInfoFees),
			[]string{"找不到标签“实际收取的信息处理费金额（单位：元）”"}},
		{"missing sheet", func(t testing.TB, f *excelize.File) { require.NoError(t, f.DeleteSheet(SheetAppeals)) }, fileOnly,
			[]string{"找不到工作表“复议诉讼”（文件中的工作表：主动公开、申请情况、信息处理费、填表说明）", "不要重命名或删除工作表"}},
		{"renamed sheet", func(t testing.TB, f *excelize.File) { require.NoError(t, f.SetSheetName(SheetInfoFees, "Sheet4")) }, fileOnly,
			[]string{"找不到工作表“信息处理费”", "Sheet4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := editWorkbook(t, write(t, Options{Values: consistent(5), TotalsAsValues: true}), func(f *excelize.File) { tt.edit(t, f) })
			errs := readFails(t, data)
			require.Len(t, errs, 1, "%v", errs)
			assert.Equal(t, tt.pos, errs[0].Pos)
			for _, want := range tt.texts {
				assert.Contains(t, errs[0].Text, want)
			}
			assert.True(t, strings.HasPrefix(errs[0].String(), tt.pos.String()+"："), errs[0].String())
		})
	}
}

// uncachedFormula puts a formula without a cached value into a cell.
func uncachedFormula(t testing.TB, f *excelize.File, sheet, ref, formula string) {
	t.Helper()
	require.NoError(t, f.SetCellValue(sheet, ref, nil))
	require.NoError(t, f.SetCellFormula(sheet, ref, formula))
}

// Every bad cell is reported, in reading order, not just the first.
func TestReadReportsEveryBadCell(t *testing.T) {
	data := editWorkbook(t, write(t, Options{Values: consistent(6), TotalsAsValues: true}), setCells(t,
		SheetAppeals, "B6", "x",
		SheetRequests, "D6", "1.5",
		SheetActive, "B5", "-2",
		SheetRequests, "F20", "三",
	))
	errs := readFails(t, data)
	var got []string
	for _, m := range errs {
		got = append(got, m.Pos.String())
	}
	assert.Equal(t, []string{
		"统计表.xlsx › 主动公开!B5",
		"统计表.xlsx › 申请情况!D6",
		"统计表.xlsx › 申请情况!F20",
		"统计表.xlsx › 复议诉讼!B6",
	}, got)
	assert.Contains(t, errs.Error(), "统计表.xlsx › 申请情况!D6：一、本年新收政府信息公开申请数量·自然人 填的是 1.5，件数应为整数（R6）")
}

// Problems of several kinds in one file are all reported.
func TestReadReportsEveryProblem(t *testing.T) {
	data := editWorkbook(t, write(t, Options{}), func(f *excelize.File) {
		require.NoError(t, f.DeleteSheet(SheetInfoFees))
		require.NoError(t, f.SetCellStr(SheetRequests, "C18", "2.其他")) // r13 label
		require.NoError(t, f.SetCellStr(SheetActive, "B9", "许可 3 件"))
	})
	errs := readFails(t, data)
	require.Len(t, errs, 3, "%v", errs)
	assert.Contains(t, errs[0].Text, "找不到工作表“信息处理费”")
	assert.Equal(t, diag.Pos{File: book, Sheet: SheetActive, Cell: "B9"}, errs[1].Pos)
	assert.Equal(t, diag.Pos{File: book, Sheet: SheetRequests}, errs[2].Pos)
	assert.Contains(t, errs[2].Text, "找不到标签“1.本机关不掌握相关政府信息”")
}

// fileCase is a file that is not a readable statistics workbook.
type fileCase struct {
	name  string
	data  func(t *testing.T) []byte
	texts []string
}

func notWorkbooks() []fileCase {
	valid := func(t *testing.T) []byte { return write(t, Options{Values: consistent(7)}) }
	return []fileCase{
		{"empty file", func(*testing.T) []byte { return nil }, []string{"不是 Excel 工作簿（.xlsx），或文件已损坏"}},
		{"random bytes", func(*testing.T) []byte {
			b := make([]byte, 4096)
			for i := range b {
				b[i] = byte(i*7919 + i>>3)
			}
			return b
		}, []string{"不是 Excel 工作簿（.xlsx），或文件已损坏"}},
		{"text file", func(*testing.T) []byte { return []byte("申请情况,自然人\n一、本年新收,12\n") }, []string{"不是 Excel 工作簿"}},
		{"zip magic only", func(*testing.T) []byte { return []byte("PK\x03\x04") }, []string{"文件已损坏或不是 Excel 工作簿"}},
		{"truncated xlsx", func(t *testing.T) []byte { b := valid(t); return b[:len(b)/2] }, []string{"文件已损坏或不是 Excel 工作簿", "重新保存为 .xlsx"}},
		{"truncated end", func(t *testing.T) []byte { b := valid(t); return b[:len(b)-30] }, []string{"文件已损坏或不是 Excel 工作簿"}},
		{"empty zip", func(t *testing.T) []byte {
			// An empty zip starts with the end-of-directory record, not PK\x03\x04.
			return zipOf(t)
		}, []string{"不是 Excel 工作簿"}},
		{"docx", func(t *testing.T) []byte {
			return zipOf(t,
				"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
				"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
				"word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>年度报告</w:t></w:r></w:p></w:body></w:document>`)
		}, []string{"不是 Excel 工作簿"}},
		{"zip of a text file", func(t *testing.T) []byte { return zipOf(t, "统计表.txt", "12") }, []string{"不是 Excel 工作簿"}},
		{"old .xls", func(*testing.T) []byte { return append(append([]byte{}, oleMagic...), make([]byte, 4096)...) },
			[]string{"旧版 .xls 或 WPS .et 格式", "另存为", "*.xlsx"}},
		{"password", func(t *testing.T) []byte {
			f, err := excelize.OpenReader(bytes.NewReader(valid(t)))
			require.NoError(t, err)
			defer func() { _ = f.Close() }()
			var buf bytes.Buffer
			_, err = f.WriteTo(&buf, excelize.Options{Password: "x"})
			require.NoError(t, err)
			require.True(t, bytes.HasPrefix(buf.Bytes(), oleMagic), "excelize writes an encrypted OLE container")
			return buf.Bytes()
		}, []string{"文件设置了打开密码", "取消文件密码"}},
		{"too large", func(*testing.T) []byte { return make([]byte, MaxFileSize+1) }, []string{"文件过大（20 MB）"}},
	}
}

func TestReadRejectsNonWorkbooks(t *testing.T) {
	for _, tt := range notWorkbooks() {
		t.Run(tt.name, func(t *testing.T) {
			errs := readFails(t, tt.data(t))
			require.Len(t, errs, 1, "%v", errs)
			assert.Equal(t, diag.Pos{File: book}, errs[0].Pos)
			for _, want := range tt.texts {
				assert.Contains(t, errs[0].Text, want)
			}
		})
	}
}

// The same through ReadFile, which names the file by its base name.
func TestReadFileRejectsNonWorkbooks(t *testing.T) {
	for _, tt := range notWorkbooks() {
		if tt.name == "too large" {
			continue // TestReadFileTooLarge, without writing 20 MB
		}
		t.Run(tt.name, func(t *testing.T) {
			path := tempFile(t, book, tt.data(t))
			res, err := ReadFile(path)
			require.Error(t, err)
			assert.Nil(t, res)
			var errs diag.Errors
			require.ErrorAs(t, err, &errs)
			assert.Equal(t, diag.Pos{File: book}, errs[0].Pos)
			assert.Contains(t, errs[0].Text, tt.texts[0])
		})
	}
}

func TestReadFileTooLarge(t *testing.T) {
	path := filepath.Join(t.TempDir(), book)
	f, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(MaxFileSize+1)) // sparse: no 20 MB written
	require.NoError(t, f.Close())
	_, err = ReadFile(path)
	var errs diag.Errors
	require.ErrorAs(t, err, &errs)
	assert.Equal(t, diag.Pos{File: book}, errs[0].Pos)
	assert.Contains(t, errs[0].Text, "文件过大（20 MB），统计表一般不超过 1 MB")

	require.NoError(t, os.Truncate(path, MaxFileSize))
	_, err = ReadFile(path)
	require.ErrorAs(t, err, &errs)
	assert.NotContains(t, errs[0].Text, "文件过大", "MaxFileSize itself is allowed")
}

// Old and foreign formats are told apart by their name, whatever they hold.
func TestReadFileByExtension(t *testing.T) {
	valid := write(t, Options{})
	for _, tt := range []struct{ name, text string }{
		{"统计表.xls", "这是旧版表格格式（.xls），nianbao 只读 .xlsx。请在 Excel 或 WPS 中打开，选择“另存为”，文件类型选 Excel 工作簿（*.xlsx）"},
		{"统计表.XLS", "（.XLS）"},
		{"统计表.et", "这是旧版表格格式（.et）"},
		{"统计表.ett", "另存为"},
		{"统计表.xlt", "另存为"},
		{"统计表.ods", "OpenDocument"},
		{"统计表.csv", "CSV 文件不含表格结构"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadFile(tempFile(t, tt.name, valid)) // even a valid workbook inside
			var errs diag.Errors
			require.ErrorAs(t, err, &errs)
			require.Len(t, errs, 1)
			assert.Equal(t, diag.Pos{File: tt.name}, errs[0].Pos)
			assert.Contains(t, errs[0].Text, tt.text)
		})
	}
	// A workbook saved without extension, or as .XLSX, is read by content.
	for _, name := range []string{"统计表", "统计表.XLSX", "统计表.xlsm"} {
		res, err := ReadFile(tempFile(t, name, valid))
		require.NoError(t, err, name)
		assert.Equal(t, name+" › 申请情况!D6", res.Locate("r01.A").String())
	}
}

func TestReadFileMissing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "没有.xlsx")
	_, err := ReadFile(path)
	var errs diag.Errors
	require.ErrorAs(t, err, &errs)
	assert.Equal(t, diag.Pos{File: path}, errs[0].Pos)
	assert.Contains(t, errs[0].Text, "找不到文件")

	_, err = ReadFile(dir)
	require.ErrorAs(t, err, &errs)
	assert.Contains(t, errs[0].Text, "文件夹")
}

// Reading never changes the file: not its bytes, not its time.
func TestReadFileLeavesFileUntouched(t *testing.T) {
	good := write(t, Options{Values: consistent(8)})
	bad := editWorkbook(t, good, setCells(t, SheetRequests, "D6", "abc"))
	blank := write(t, Options{})
	for name, data := range map[string][]byte{"good": good, "bad": bad, "blank": blank} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, book)
			require.NoError(t, os.WriteFile(path, data, 0o444))
			old := time.Date(2023, 1, 31, 9, 0, 0, 0, time.Local)
			require.NoError(t, os.Chtimes(path, old, old))
			before, err := os.Stat(path)
			require.NoError(t, err)

			_, _ = ReadFile(path)

			after, err := os.Stat(path)
			require.NoError(t, err)
			got, err := os.ReadFile(path)
			require.NoError(t, err)
			assert.Equal(t, data, got, "bytes")
			assert.True(t, before.ModTime().Equal(after.ModTime()), "mtime %v → %v", before.ModTime(), after.ModTime())
			assert.Equal(t, before.Mode(), after.Mode())
			entries, err := os.ReadDir(dir)
			require.NoError(t, err)
			assert.Len(t, entries, 1, "no lock or temporary file left next to it")
		})
	}
}

// ---------------------------------------------------------------------------
// Hostile files: each must be turned away quickly and without exhausting
// memory. Times are only a loose guard against hanging; the assertions are
// on the messages.

// bombZip copies a valid workbook, replacing one part by size bytes of 'a'
// compressed with Deflate. With lie, the zip headers claim the part is small.
func bombZip(t testing.TB, part string, size int64, lie bool) []byte {
	t.Helper()
	valid := write(t, Options{})
	zr, err := zip.NewReader(bytes.NewReader(valid), int64(len(valid)))
	require.NoError(t, err)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		if zf.Name != part {
			require.NoError(t, zw.Copy(zf))
			continue
		}
		var packed bytes.Buffer
		fw, err := flate.NewWriter(&packed, flate.BestCompression)
		require.NoError(t, err)
		chunk := bytes.Repeat([]byte{'a'}, 1<<20)
		for n := int64(0); n < size; n += int64(len(chunk)) {
			_, err = fw.Write(chunk[:min(int64(len(chunk)), size-n)])
			require.NoError(t, err)
		}
		require.NoError(t, fw.Close())
		fh := &zip.FileHeader{Name: part, Method: zip.Deflate,
			CompressedSize64: uint64(packed.Len()), UncompressedSize64: uint64(size)}
		if lie {
			fh.UncompressedSize64 = 1000
		}
		w, err := zw.CreateRaw(fh)
		require.NoError(t, err)
		_, err = w.Write(packed.Bytes())
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	require.Less(t, out.Len(), MaxFileSize, "the bomb is small")
	return out.Bytes()
}

func TestReadRejectsZipBomb(t *testing.T) {
	data := bombZip(t, "xl/worksheets/sheet1.xml", 200<<20, false)
	start := time.Now()
	errs := readFails(t, data)
	assert.Less(t, time.Since(start), 5*time.Second)
	require.Len(t, errs, 1)
	assert.Equal(t, diag.Pos{File: book}, errs[0].Pos)
	assert.Equal(t, "文件解压后超过 32 MB，不是正常的统计表（可能已损坏）。请确认选对了文件", errs[0].Text)
}

// A part bigger than its zip header says is cut at the stated size.
func TestReadRejectsLyingZipBomb(t *testing.T) {
	data := bombZip(t, "xl/worksheets/sheet1.xml", 200<<20, true)
	start := time.Now()
	errs := readFails(t, data)
	assert.Less(t, time.Since(start), 5*time.Second)
	// The sheet does not unpack: damaged, not a table with labels edited.
	assert.Equal(t, diag.Pos{File: book, Sheet: SheetActive}, errs[0].Pos)
	assert.Contains(t, errs[0].Text, "已损坏")
	assert.NotContains(t, errs[0].Text, "找不到标签")
}

// injectXML inserts text before the first occurrence of mark in a part of
// the zip data.
func injectXML(t testing.TB, data []byte, part, mark, text string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	found := false
	for _, zf := range zr.File {
		if zf.Name != part {
			require.NoError(t, zw.Copy(zf))
			continue
		}
		rc, err := zf.Open()
		require.NoError(t, err)
		b, err := io.ReadAll(rc)
		require.NoError(t, err)
		i := bytes.Index(b, []byte(mark))
		require.GreaterOrEqual(t, i, 0, "%s in %s", mark, part)
		b = append(b[:i:i], append([]byte(text), b[i:]...)...)
		w, err := zw.CreateHeader(&zip.FileHeader{Name: part, Method: zip.Deflate})
		require.NoError(t, err)
		_, err = w.Write(b)
		require.NoError(t, err)
		found = true
	}
	require.True(t, found, part)
	require.NoError(t, zw.Close())
	return out.Bytes()
}

// rowsXML repeats a row template (%[1]d is the row number) for n rows from first.
func rowsXML(first, n int, format string) string {
	var b strings.Builder
	for r := first; r < first+n; r++ {
		fmt.Fprintf(&b, format, r)
	}
	return b.String()
}

// The part of 申请情况: the writer makes the sheets in order.
const requestsPart = "xl/worksheets/sheet2.xml"

// A few KB of XML that would have excelize build millions of cells.
func TestReadRejectsCellBombs(t *testing.T) {
	blank := write(t, Options{})
	tests := []struct{ name, mark, xml string }{
		{"values out to column XFD", "</sheetData>",
			rowsXML(100, 200, `<row r="%[1]d"><c r="XFD%[1]d"><v>1</v></c></row>`)},
		{"empty styled cells out to column XFD", "</sheetData>",
			rowsXML(100, 200, `<row r="%[1]d"><c r="XFD%[1]d" s="1"/></row>`)},
		{"cells without references", "</sheetData>",
			`<row r="100">` + strings.Repeat(`<c/>`, maxExtent+1) + `</row>`},
		{"cells of other rows in one row", "</sheetData>",
			`<row r="100">` + rowsXML(100, 200, `<c r="XFD%[1]d"/>`) + `</row>`},
		{"merged ranges", "</mergeCells>",
			rowsXML(100, maxExtent+1, `<mergeCell ref="AA%[1]d:AB%[1]d"/>`)},
		{"after text in another encoding", "</sheetData>",
			"<row r=\"99\"><c r=\"A99\" t=\"inlineStr\"><is><t>\xb2\xe2\xca\xd4</t></is></c></row>" +
				rowsXML(100, 200, `<row r="%[1]d"><c r="XFD%[1]d"/></row>`)},
		{"after control characters", "</sheetData>",
			"<row r=\"99\"><c r=\"A99\" t=\"inlineStr\"><is><t>\x1b$B8!\x1b(B</t></is></c></row>" +
				rowsXML(100, 200, `<row r="%[1]d"><c r="XFD%[1]d"/></row>`)},
		{"with a prefix", "</sheetData>",
			rowsXML(100, 200, `<x:row xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" r="%[1]d"><x:c r="XFD%[1]d"/></x:row>`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := injectXML(t, blank, requestsPart, tt.mark, tt.xml)
			require.Less(t, len(data), 1<<20)
			start := time.Now()
			errs := readFails(t, data)
			assert.Less(t, time.Since(start), 5*time.Second)
			require.Len(t, errs, 1, "%v", errs)
			assert.Equal(t, diag.Pos{File: book}, errs[0].Pos)
			assert.Equal(t, "文件中的表格范围异常庞大（单元格或合并区域超过 65536 个），不是正常的统计表（可能已损坏）。请在 Excel 或 WPS 中打开，删除多余的行列后另存为 .xlsx", errs[0].Text)
		})
	}
}

// A stray figure far below the table is no reason to refuse the file.
func TestReadAcceptsFarCells(t *testing.T) {
	want := consistent(9)
	data := injectXML(t, write(t, Options{Values: want}), requestsPart, "</sheetData>",
		`<row r="1048576"><c r="A1048576"><v>1</v></c><c r="Z1048576"><v>2</v></c></row>`)
	data = injectXML(t, data, "xl/worksheets/sheet1.xml", "</sheetData>", rowsXML(100, 500, `<row r="%[1]d"><c r="CV%[1]d" s="1"/></row>`))
	res, err := Read(book, data)
	require.NoError(t, err)
	assert.Equal(t, *want, res.Stats)
	assert.Equal(t, 26+100*500, xlsxsafe.Extent(data)-xlsxsafe.Extent(write(t, Options{Values: want})))
}

// Formulas without a cached value that would cost excelize minutes,
// gigabytes or its stack are not computed.
func TestReadRefusesCostlyFormulas(t *testing.T) {
	blank := write(t, Options{})
	chain := editWorkbook(t, blank, func(f *excelize.File) { uncachedFormula(t, f, SheetRequests, "D6", "A101+1") })
	chain = injectXML(t, chain, requestsPart, "</sheetData>", rowsXML(101, 20_000, `<row r="%[1]d"><c r="A%[1]d"><f>A%[1]d+1</f></c></row>`))
	tests := []struct {
		name string
		data []byte
		refs []string // cells refused
	}{
		{"string explosion", editWorkbook(t, blank, func(f *excelize.File) {
			uncachedFormula(t, f, SheetRequests, "D6", `LEN(REPT(REPT("x",30000),30000))`)
		}), []string{"D6"}},
		{"large range", editWorkbook(t, blank, func(f *excelize.File) {
			uncachedFormula(t, f, SheetRequests, "D6", "SUM(A1:Z100000)*1")
		}), []string{"D6"}},
		{"whole columns", editWorkbook(t, blank, func(f *excelize.File) {
			uncachedFormula(t, f, SheetRequests, "D6", "SUM(A:XFD)")
		}), []string{"D6"}},
		{"whole rows", editWorkbook(t, blank, func(f *excelize.File) {
			uncachedFormula(t, f, SheetRequests, "D6", "SUM(1:1048576)")
		}), []string{"D6"}},
		{"other sheet", editWorkbook(t, blank, func(f *excelize.File) {
			uncachedFormula(t, f, SheetRequests, "D6", "主动公开!B5")
		}), []string{"D6"}},
		{"self reference", editWorkbook(t, blank, func(f *excelize.File) {
			uncachedFormula(t, f, SheetRequests, "D6", "D6+1")
		}), []string{"D6"}},
		{"circular reference", editWorkbook(t, blank, func(f *excelize.File) {
			uncachedFormula(t, f, SheetRequests, "D6", "E6+1")
			uncachedFormula(t, f, SheetRequests, "E6", "D6+1")
		}), []string{"D6", "E6"}},
		{"chain of 20,000 cells", chain, []string{"D6"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			errs := readFails(t, tt.data)
			assert.Less(t, time.Since(start), 5*time.Second)
			var refs []string
			for _, m := range errs {
				if m.Pos.Sheet == SheetRequests && m.Pos.Cell != "J6" {
					refs = append(refs, m.Pos.Cell)
					assert.Contains(t, m.Text, "没有计算结果，且超出了 nianbao 能代为计算的范围")
				}
			}
			assert.Equal(t, tt.refs, refs, "%v", errs)
		})
	}
}

// The totals of a workbook fresh from init, none computed yet, need a
// fraction of what the reader may compute.
func TestCalcBudgetCoversEveryTotal(t *testing.T) {
	data := write(t, Options{})
	res, err := Read(book, data)
	require.NoError(t, err)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	defer func() { _ = f.Close() }()
	r := &reader{f: f, calcBudget: maxCalcCells}
	totals := 0
	for _, fr := range res.Stats.Fields() {
		p, ok := res.Pos(fr.Key)
		require.True(t, ok)
		formula, err := f.GetCellFormula(p.Sheet, p.Cell)
		require.NoError(t, err)
		if formula == "" {
			continue
		}
		totals++
		assert.True(t, r.computable(p.Sheet, formula, 0), "%s =%s", p, formula)
	}
	assert.Equal(t, 25+6+3, totals)
	used := maxCalcCells - r.calcBudget
	assert.Less(t, used, maxCalcCells/5, "cells referred to")
}
