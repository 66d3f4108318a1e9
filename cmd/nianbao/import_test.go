package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/input/published"
	"github.com/nianbao/nianbao/report/input/workbook"
	"github.com/nianbao/nianbao/report/testkit/realreport"
)

// pingtanPage is a saved real report page (report/input/published's fixture).
func pingtanPage(t *testing.T, year string) string {
	p, err := filepath.Abs(filepath.Join("..", "..", "report", "input", "published", "testdata", year+"-pingtan.html"))
	require.NoError(t, err)
	return p
}

func TestImport(t *testing.T) {
	dir := t.TempDir()
	page := pingtanPage(t, "2021")
	r := runIn(t, dir, "import", page, "--dir", "out")
	require.Equal(t, exitOK, r.code, r.errOut)
	assert.Contains(t, r.out, "平潭综合实验区2021年度政府信息公开工作年度报告")
	assert.Contains(t, r.out, "← 表三 四、结转下年度继续办理 · 总计（第 2 张表格第 28 行第 8 格）")
	assert.Contains(t, r.out, "2021-统计表（导入）.xlsx")

	book, err := workbook.ReadFile(filepath.Join(dir, "out", "2021-统计表（导入）.xlsx"))
	require.NoError(t, err)
	want, err := realreport.Load("2021-pingtan.toml")
	require.NoError(t, err)
	assert.Equal(t, *want.Stats, book.Stats)
	assert.Equal(t, "平潭综合实验区", book.Stamp.Org)
	assert.Equal(t, 2021, book.Stamp.Year)

	var td published.TextFile
	data, err := os.ReadFile(filepath.Join(dir, "out", "2021-报告正文.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &td))
	require.Len(t, td.Sections, 6)
	assert.Contains(t, td.Sections[0].Text, "全年主动公开我区各级单位政府信息2645条")
	assert.Equal(t, "2021年，无收取信息处理费情况。", td.Sections[5].Text)

	// Never overwrites without --force; with it, the same bytes.
	r = runIn(t, dir, "import", page, "--dir", "out")
	assert.Equal(t, exitInput, r.code)
	assert.Contains(t, r.errOut, "--force")
	r = runIn(t, dir, "import", page, "--dir", "out", "--force")
	require.Equal(t, exitOK, r.code, r.errOut)
	again, err := os.ReadFile(filepath.Join(dir, "out", "2021-报告正文.json"))
	require.NoError(t, err)
	assert.Equal(t, data, again)
}

func TestImportErrors(t *testing.T) {
	dir := t.TempDir()
	r := runIn(t, dir, "import")
	assert.Equal(t, exitInput, r.code)
	r = runIn(t, dir, "import", "没有.html")
	assert.Equal(t, exitInput, r.code)
	assert.Contains(t, r.errOut, "找不到文件")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "x.txt"), []byte("一段与年报无关的文字\n"), 0o644))
	r = runIn(t, dir, "import", "x.txt")
	assert.Equal(t, exitInput, r.code)
	assert.Contains(t, r.errOut, "没有找到年度报告的统计表格")
}
