package unitlist

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

func TestParse(t *testing.T) {
	want := []string{"县财政局", "县教育局（本级）", "某某镇人民政府"}
	for _, c := range []struct{ name, body string }{
		{"名单.txt", "县财政局\n\n县教育局（本级）\r\n  某某镇人民政府　\n# 注释\n"},
		{"名单.txt", "\ufeff单位名称\n县财政局\n县教育局（本级）\n某某镇人民政府"},
		{"名单.csv", "单位名称,联系人,电话\n县财政局,张三,123\n\"县教育局（本级）\",李四,\n某某镇人民政府\n"},
		{"名单.csv", "序号,单位名称,联系人\n1,县财政局,张三\n2,县教育局（本级）,\n3,某某镇人民政府,王五\n"},
	} {
		got, err := Parse(c.name, []byte(c.body))
		require.NoError(t, err, c.body)
		assert.Equal(t, want, got, c.body)
	}
}

func TestParseXLSX(t *testing.T) {
	f := excelize.NewFile()
	for i, row := range [][]any{{"序号", "单位名称", "联系人"}, {1, "县财政局", "张三"}, {2, "县教育局（本级）"}, {3, "某某镇人民政府", "王五"}} {
		require.NoError(t, f.SetSheetRow("Sheet1", "A"+string(rune('1'+i)), &row))
	}
	var b bytes.Buffer
	_, err := f.WriteTo(&b)
	require.NoError(t, err)
	p := filepath.Join(t.TempDir(), "名单.xlsx")
	require.NoError(t, os.WriteFile(p, b.Bytes(), 0o644))
	got, err := Read(p)
	require.NoError(t, err)
	assert.Equal(t, []string{"县财政局", "县教育局（本级）", "某某镇人民政府"}, got)
}

func TestParseErrors(t *testing.T) {
	for _, c := range []struct{ name, body, want string }{
		{"名单.txt", "甲局\n乙局\n甲 局\n", "名单.txt 第 3 行"},
		{"名单.txt", "甲局\n乙局\n甲 局\n", "与第 1 行重复"},
		{"名单.txt", "甲/乙局\n", "不能用于文件名"},
		{"名单.txt", "\n\n", "没有单位"},
		{"名单.txt", "\xb8\xdf\xd0\xc2\n", "不是 UTF-8"},
		{"名单.xls", "x", "只能是 .xlsx"},
		{"名单.xlsx", "PK not a zip", "名单.xlsx"},
	} {
		_, err := Parse(c.name, []byte(c.body))
		require.Error(t, err, c.body)
		assert.Contains(t, err.Error(), c.want, c.body)
	}
	_, err := Read(filepath.Join(t.TempDir(), "无.txt"))
	assert.ErrorContains(t, err, "找不到单位名单文件")
}

func FuzzParse(f *testing.F) {
	f.Add("名单.txt", []byte("甲\n乙\n"))
	f.Add("名单.csv", []byte("序号,单位名称\n1,甲\n"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		units, err := Parse(name, data)
		if err == nil {
			assert.NotEmpty(t, units)
		}
	})
}
