package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/doc/doctest"
	"github.com/nianbao/nianbao/report/input/workbook"
	"github.com/nianbao/nianbao/report/kind/disclosure/tables"
	"github.com/nianbao/nianbao/report/render/htmlpage"
	"github.com/nianbao/nianbao/report/stats"
	"github.com/nianbao/nianbao/report/testkit/realreport"
)

// useLastYearReport switches the folder's nianbao.toml from
// last_year_stats to last_year_report = name.
func useLastYearReport(t *testing.T, dir, name string) {
	t.Helper()
	p := filepath.Join(dir, "nianbao.toml")
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	lines := strings.Split(string(b), "\n")
	found := false
	for i, l := range lines {
		if strings.HasPrefix(l, "last_year_stats") {
			lines[i], found = `last_year_report = "`+name+`"`, true
		}
	}
	require.True(t, found)
	require.NoError(t, os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644))
}

// publishedPage renders s as a report page for org and year, as nianbao
// would have published it.
func publishedPage(t *testing.T, org string, year int, s *stats.Stats) []byte {
	d := doctest.Sample()
	d.Title = org + strings.Replace(d.Title[strings.Index(d.Title, "2022"):], "2022", itoa(year), 1)
	d.Meta.Org, d.Meta.Year = org, year
	n := 0
	for i, b := range d.Blocks {
		if _, ok := b.(*doc.Table); ok {
			d.Blocks[i] = tables.Build(tables.IDs[n], s)
			n++
		}
	}
	var b bytes.Buffer
	require.NoError(t, htmlpage.Render(&b, d))
	return b.Bytes()
}

func itoa(n int) string { return strconv.Itoa(n) }

// Last year's published page gives the same report as last year's
// workbook: R8, R9, the 比上年 wording and 同比 figures all work from it.
func TestLastYearReportBaseline(t *testing.T) {
	dir := sampleFolder(t)
	r := runIn(t, dir, "build", "--format", "txt,json")
	require.Equal(t, exitOK, r.code, r.errOut)
	withBook := readOut(t, dir, reportBase+".txt")
	require.Contains(t, string(withBook), "比上年")

	prev, err := workbook.ReadFile(filepath.Join(dir, "2021-统计表.xlsx"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "2021年报.html"), publishedPage(t, prev.Stamp.Org, 2021, &prev.Stats), 0o644))
	useLastYearReport(t, dir, "2021年报.html")
	r = runIn(t, dir, "build", "--format", "txt,json", "--force")
	require.Equal(t, exitOK, r.code, r.errOut)
	assert.Equal(t, string(withBook), string(readOut(t, dir, reportBase+".txt")))

	r = runIn(t, dir, "check")
	require.Equal(t, exitOK, r.code, r.errOut+r.out)
	assert.Contains(t, r.out, "上年度报告：2021年报.html")
	assert.NotContains(t, r.out, "未检查 R8")
}

// The real pages: 平潭 2022's figures against its 2021 page give no R8 or
// R9 finding; a changed carry-over names the page and its table row.
func TestLastYearReportPingtan(t *testing.T) {
	dir := t.TempDir()
	r := runIn(t, dir, "init", "--org", "平潭综合实验区", "--year", "2022")
	require.Equal(t, exitOK, r.code, r.errOut)
	page, err := os.ReadFile(pingtanPage(t, "2021"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "2021.html"), page, 0o644))
	b, err := os.ReadFile(filepath.Join(dir, "nianbao.toml"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "nianbao.toml"),
		bytes.Replace(b, []byte(`last_year_stats = ""`), []byte(`last_year_report = "2021.html"`), 1), 0o644))
	cur, err := realreport.Load("2022-pingtan.toml")
	require.NoError(t, err)
	writeBook(t, filepath.Join(dir, "统计表.xlsx"), cur.Stats)

	r = runIn(t, dir, "check")
	assert.NotContains(t, r.out, "R8")
	assert.NotContains(t, r.out, "R9")
	assert.Contains(t, r.out, "上年度报告：2021.html")

	s := *cur.Stats
	s.Requests[stats.RowCarriedIn] = [7]int64{}
	s.Requests[stats.RowNew][stats.ColNatural]++
	s.Requests[stats.RowNew][stats.ColTotal]++
	writeBook(t, filepath.Join(dir, "统计表.xlsx"), &s)
	r = runIn(t, dir, "check")
	assert.Contains(t, r.out, "R8")
	assert.Contains(t, r.out, "2021.html 表三 四、结转下年度继续办理 · 总计")

	// Both baselines at once is a mistake.
	b, _ = os.ReadFile(filepath.Join(dir, "nianbao.toml"))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "nianbao.toml"),
		bytes.Replace(b, []byte(`last_year_report = "2021.html"`), []byte("last_year_report = \"2021.html\"\nlast_year_stats = \"x.xlsx\""), 1), 0o644))
	r = runIn(t, dir, "check")
	assert.Equal(t, exitInput, r.code)
	assert.Contains(t, r.errOut, "只能填一个")
}

// R18: last year's page with this year's text gives a warning per copied
// section, in check and status, quoting the passage and naming the page.
func TestCopiedTextR18(t *testing.T) {
	dir := sampleFolder(t)
	r := runIn(t, dir, "build", "--format", "html")
	require.Equal(t, exitOK, r.code, r.errOut)
	page := strings.ReplaceAll(string(readOut(t, dir, reportBase+".html")), "2022年政府信息公开工作年度报告", "2021年政府信息公开工作年度报告")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "2021年报.html"), []byte(page), 0o644))
	useLastYearReport(t, dir, "2021年报.html")

	r = runIn(t, dir, "check")
	assert.Contains(t, r.out, "R18")
	assert.Contains(t, r.out, "“一、总体情况”中办公室撰写的文字有 100% 与上年报告相同")
	assert.Contains(t, r.out, "“五、存在的主要问题及改进情况”中办公室撰写的文字有 100%")
	// A copied ledger entry is named with its row.
	assert.Contains(t, r.out, "取自任务台账.xlsx › 任务台账!A33 第 30 项任务的完成情况")
	// The template's text is measured apart and never warns: 六 holds
	// only the template's sentences here.
	assert.Contains(t, r.out, "  六、其他需要报告的事项：办公室撰写 无可比文字，模板生成 100%（计 37 字）")
	assert.NotContains(t, r.out, "R18   本年报告“六")
	assert.Contains(t, r.out, "2021年报.html")
	assert.Contains(t, r.out, "最长的相同段落：“")
	r = runIn(t, dir, "status")
	assert.Contains(t, r.out, "检查：0 个错误，5 个提醒")
	r = runIn(t, dir, "status", "--json")
	assert.Contains(t, r.out, `"rule": "R18"`)
	r = runIn(t, dir, "check", "--json")
	assert.Contains(t, r.out, `"own_percent": 100`)

	// A threshold above 100% silences it.
	p := filepath.Join(dir, "nianbao.toml")
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(p, append([]byte("similarity_threshold = 101\n"), b...), 0o644))
	r = runIn(t, dir, "check")
	assert.NotContains(t, r.out, "提醒 R18")
	assert.Contains(t, r.out, "一、总体情况：办公室撰写 100%")
}

// After nianbao import, last year's imported workbook with the text
// written next to it is a baseline for R18 too.
func TestImportedTextR18(t *testing.T) {
	dir := sampleFolder(t)
	r := runIn(t, dir, "build", "--format", "html")
	require.Equal(t, exitOK, r.code, r.errOut)
	page := strings.ReplaceAll(string(readOut(t, dir, reportBase+".html")), "2022年政府信息公开工作年度报告", "2021年政府信息公开工作年度报告")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "上年.html"), []byte(page), 0o644))
	r = runIn(t, dir, "import", "上年.html", "--dir", "上年")
	require.Equal(t, exitOK, r.code, r.errOut)
	p := filepath.Join(dir, "nianbao.toml")
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	lines := strings.Split(string(b), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "last_year_stats") {
			lines[i] = `last_year_stats = "上年/2021-统计表（导入）.xlsx"`
		}
	}
	require.NoError(t, os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644))
	r = runIn(t, dir, "check")
	assert.Contains(t, r.out, "上年度统计表：上年/2021-统计表（导入）.xlsx")
	assert.Contains(t, r.out, "“五、存在的主要问题及改进情况”中办公室撰写的文字有 100%")
	assert.Contains(t, r.out, "上年/2021-报告正文.json")
}
