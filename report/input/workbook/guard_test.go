package workbook

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/testkit/costtest"
	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/input/xlsxsafe/xlsxtest"
)

// oleMagic starts the old binary formats and encrypted workbooks; the
// reader's own copy moved to xlsxsafe.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// stats = "/dev/zero" (or a link to it) is refused before it is read: it
// used to be read until memory ran out.
func TestReadFileRefusesDevices(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	link := filepath.Join(t.TempDir(), book)
	require.NoError(t, os.Symlink("/dev/zero", link))
	for _, path := range []string{"/dev/zero", link} {
		var err error
		alloc := costtest.Allocated(func() { _, err = ReadFile(path) })
		var errs diag.Errors
		require.ErrorAs(t, err, &errs, path)
		require.Len(t, errs, 1)
		assert.Equal(t, diag.Pos{File: path}, errs[0].Pos)
		assert.Equal(t, "这不是普通文件（可能是设备、管道或其他特殊文件），不能作为统计表读取。请检查路径", errs[0].Text)
		assert.Less(t, alloc, uint64(1<<20))
	}
}

// A sheet whose XML is cut short is reported as damaged, naming it; the
// clerk is not told to restore labels never changed.
func TestReadTruncatedSheet(t *testing.T) {
	for _, cut := range []func([]byte) []byte{
		func(b []byte) []byte { return b[:len(b)/2] },
		func(b []byte) []byte { return b[:bytes.LastIndex(b, []byte("</row>"))+6] },
	} {
		data, err := xlsxtest.Edit(write(t, Options{}), func(name string, b []byte) []byte {
			if name == requestsPart {
				return cut(b)
			}
			return b
		})
		require.NoError(t, err)
		errs := readFails(t, data)
		require.Len(t, errs, 1, errs.Error())
		assert.Equal(t, diag.Pos{File: book, Sheet: SheetRequests}, errs[0].Pos)
		assert.Equal(t, "工作表“申请情况”已损坏（内容不完整），无法读取。请在 Excel 或 WPS 中打开并重新保存为 .xlsx", errs[0].Text)
	}
}

// A workbook wrong in every cell gives 50 messages and a count.
func TestReadMessagesCapped(t *testing.T) {
	data := editWorkbook(t, write(t, Options{}), func(f *excelize.File) {
		for row := 6; row <= 30; row++ {
			for _, col := range []string{"D", "E", "F", "G", "H", "I", "J"} {
				require.NoError(t, f.SetCellStr(SheetRequests, fmt.Sprintf("%s%d", col, row), "abc"))
			}
		}
	})
	errs := readFails(t, data)
	require.Len(t, errs, diag.MaxPerFile+1)
	assert.Regexp(t, `^另有 \d+ 处同类问题，请先改正以上问题$`, errs[diag.MaxPerFile].Text)
	assert.Equal(t, diag.Pos{File: book}, errs[diag.MaxPerFile].Pos)
}

// The shared-string bomb of the report: a small file, millions of tiny
// strings; refused in milliseconds, where excelize spent 13–47 s.
func TestReadRejectsSharedStringBomb(t *testing.T) {
	for _, n := range []int{3_700_000, 60_000} {
		data, err := xlsxtest.Edit(write(t, Options{}), func(name string, b []byte) []byte {
			if name == "xl/sharedStrings.xml" {
				var out bytes.Buffer
				p := xlsxtest.SharedStrings(n, `<si><t>a</t></si>`)
				require.NoError(t, p.Fill(&out))
				return out.Bytes()
			}
			return b
		})
		require.NoError(t, err)
		require.Less(t, len(data), 1<<20)
		var errs diag.Errors
		alloc := costtest.Allocated(func() { errs = readFails(t, data) })
		require.Len(t, errs, 1)
		assert.Equal(t, diag.Pos{File: book}, errs[0].Pos)
		assert.Contains(t, errs[0].Text, "不是正常的统计表")
		assert.Less(t, alloc, uint64(100<<20))
	}
}
