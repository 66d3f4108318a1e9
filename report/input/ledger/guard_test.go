package ledger

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/input/xlsxsafe/xlsxtest"
	"github.com/nianbao/nianbao/report/testkit/costtest"
)

// injectRows adds rows (XML) at the end of the ledger sheet's data.
func injectRows(t testing.TB, data []byte, rows string) []byte {
	t.Helper()
	out, err := xlsxtest.Edit(data, func(name string, b []byte) []byte {
		if name != "xl/worksheets/sheet1.xml" {
			return b
		}
		i := bytes.Index(b, []byte("</sheetData>"))
		require.GreaterOrEqual(t, i, 0)
		return append(b[:i:i], append([]byte(rows), b[i:]...)...)
	})
	require.NoError(t, err)
	return out
}

// One cell in column XFD on each of many rows: a few dozen KB that cost
// excelize gigabytes (1.2 GB at 3,000 rows; out of memory at 20,000). The
// ledger is refused with one message before excelize builds them.
func TestReadXLSXRefusesExtentBomb(t *testing.T) {
	p := samplePlan(t)
	good := writeBook(t, p, nil)
	for _, n := range []int{3000, 20000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			data := injectRows(t, good, xlsxtest.Rows(100, n, `<row r="%[1]d"><c r="XFD%[1]d"><v>1</v></c></row>`))
			require.Less(t, len(data), 200<<10)
			var err error
			alloc := costtest.Allocated(func() { _, err = ReadXLSX("任务台账.xlsx", data, Options{Plan: p}) })
			var de diag.Errors
			require.ErrorAs(t, err, &de)
			require.Len(t, de, 1)
			assert.Equal(t, diag.Pos{File: "任务台账.xlsx"}, de[0].Pos)
			assert.Equal(t, "文件中的表格范围异常庞大（单元格或合并区域超过 65536 个），不是正常的任务台账（可能已损坏）。请在 Excel 或 WPS 中打开，删除多余的行列后另存为 .xlsx", de[0].Text)
			assert.Less(t, alloc, uint64(100<<20))
		})
	}
}

// A sheet cut short is damaged: not a ledger whose header was edited.
func TestReadXLSXTruncatedSheet(t *testing.T) {
	p := samplePlan(t)
	data, err := xlsxtest.Edit(writeBook(t, p, nil), func(name string, b []byte) []byte {
		if name == "xl/worksheets/sheet1.xml" {
			return b[:len(b)*2/3]
		}
		return b
	})
	require.NoError(t, err)
	_, err = ReadXLSX("任务台账.xlsx", data, Options{Plan: p})
	var de diag.Errors
	require.ErrorAs(t, err, &de)
	require.Len(t, de, 1)
	assert.Equal(t, diag.Pos{File: "任务台账.xlsx", Sheet: Sheet}, de[0].Pos)
	assert.Equal(t, "工作表“任务台账”已损坏（内容不完整），无法读取。请在 Excel 或 WPS 中打开并重新保存为 .xlsx", de[0].Text)
}

// excelize's English never reaches the clerk.
func TestReadXLSXMessagesChinese(t *testing.T) {
	p := samplePlan(t)
	good := writeBook(t, p, nil)
	for name, data := range map[string][]byte{
		"truncated zip": good[:len(good)/2],
		"zip bomb":      mustZip(t, xlsxtest.Book(Sheet, "", xlsxtest.Part{Name: "xl/media/a.png", Body: strings.Repeat("a", 40<<20)})...),
	} {
		_, err := ReadXLSX("任务台账.xlsx", data, Options{Plan: p})
		var de diag.Errors
		require.ErrorAs(t, err, &de, name)
		assert.NotRegexp(t, `unzip|size|exceed|zip:|not a valid`, de[0].Text, name)
	}
}

func mustZip(t testing.TB, parts ...xlsxtest.Part) []byte {
	t.Helper()
	b, err := xlsxtest.Zip(parts...)
	require.NoError(t, err)
	return b
}

// Many bad rows make 50 messages and a count, not one line each.
func TestMessagesCapped(t *testing.T) {
	p := samplePlan(t)
	bad := injectRows(t, writeBook(t, p, nil), xlsxtest.Rows(100, 1000, `<row r="%[1]d"><c r="A%[1]d" t="inlineStr"><is><t>第%[1]d</t></is></c></row>`))
	toml := []byte(strings.Repeat("[[record]]\nid = 0\n", 100_000))
	unknown := []byte(strings.Repeat("[[record]]\nid = 1\nx = 1\n", 20_000))
	for _, tt := range []struct {
		name string
		read func() (*Result, error)
		more int
	}{
		{"xlsx", func() (*Result, error) { return ReadXLSX("任务台账.xlsx", bad, Options{Plan: p}) }, 950},
		{"toml", func() (*Result, error) { return ReadTOML("任务台账.toml", toml, Options{Plan: p}) }, 100_000 - 50},
		{"toml unknown keys", func() (*Result, error) { return ReadTOML("任务台账.toml", unknown, Options{Plan: p}) }, 20_000 - 50},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.read()
			var de diag.Errors
			require.ErrorAs(t, err, &de)
			require.Len(t, de, diag.MaxPerFile+1)
			last := de[len(de)-1]
			assert.Equal(t, fmt.Sprintf("另有 %d 处同类问题，请先改正以上问题", tt.more), last.Text)
			assert.Equal(t, de[0].Pos.File, last.Pos.File)
		})
	}
}

// finish's messages are capped too: 1,000 rows of one duplicated task.
func TestFinishCapped(t *testing.T) {
	p := samplePlan(t)
	toml := []byte(strings.Repeat("[[record]]\nid = 1\n", 1000))
	_, err := ReadTOML("任务台账.toml", toml, Options{Plan: p})
	var de diag.Errors
	require.ErrorAs(t, err, &de)
	require.Len(t, de, diag.MaxPerFile+1)
	assert.Equal(t, "另有 949 处同类问题，请先改正以上问题", de[len(de)-1].Text)
}

func TestLoadRefusesLargeAndSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "任务台账.toml")
	// 5 MB of valid TOML: refused for its size, before it is read.
	require.NoError(t, os.WriteFile(big, bytes.Repeat([]byte("# 备注备注备注备注备注备注备注备注备注备注备注备注备注备注\n"), 5<<20/80), 0o644))
	st, err := os.Stat(big)
	require.NoError(t, err)
	require.Greater(t, st.Size(), int64(4<<20))
	var de diag.Errors
	alloc := costtest.Allocated(func() { _, err = Load(big, Options{}) })
	require.ErrorAs(t, err, &de)
	assert.Equal(t, "任务台账.toml", de[0].Pos.File)
	assert.Equal(t, "文件过大（5 MB），任务台账一般不超过 1 MB，nianbao 只读不超过 4 MB 的文件。请确认选对了文件", de[0].Text)
	assert.Less(t, alloc, uint64(1<<20))

	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	for _, name := range []string{"任务台账.toml", "任务台账.xlsx"} {
		link := filepath.Join(dir, "zero", name)
		require.NoError(t, os.MkdirAll(filepath.Dir(link), 0o755))
		require.NoError(t, os.Symlink("/dev/zero", link))
		alloc := costtest.Allocated(func() { _, err = Load(link, Options{}) })
		require.ErrorAs(t, err, &de, name)
		assert.Equal(t, link, de[0].Pos.File)
		assert.Contains(t, de[0].Text, "这不是普通文件（可能是设备、管道或其他特殊文件），不能作为任务台账读取", name)
		assert.Less(t, alloc, uint64(1<<20))
	}
}

// Line numbers survive lines longer than any scanner buffer.
func TestTOMLLongLineKeepsLineNumbers(t *testing.T) {
	for _, n := range []int{70 << 10, 2 << 20} {
		src := "[[record]]\nid = 1\nresult = \"" + strings.Repeat("文", n/3) + "\"\nstauts = \"已完成\"\n"
		_, err := ReadTOML("任务台账.toml", []byte(src), Options{})
		var de diag.Errors
		require.ErrorAs(t, err, &de)
		assert.Equal(t, 4, de[0].Pos.Line, n)
		assert.Contains(t, de[0].Text, "未知的键")
	}
}
