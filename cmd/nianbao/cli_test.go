package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/input/config"
	"github.com/nianbao/nianbao/report/input/workbook"
	"github.com/nianbao/nianbao/report/stats"
)

func fixedNow() time.Time { return time.Date(2023, 1, 20, 9, 0, 0, 0, time.Local) }

type result struct {
	code        int
	out, errOut string
}

func runIn(t *testing.T, dir string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &env{stdout: &out, stderr: &errb, now: fixedNow, dir: dir})
	return result{code, out.String(), errb.String()}
}

func TestInit(t *testing.T) {
	dir := t.TempDir()
	r := runIn(t, dir, "init", "--org", "某某市某某局")
	require.Equal(t, exitOK, r.code, r.errOut)
	assert.Contains(t, r.out, "统计表.xlsx")

	cfg, err := config.Load(filepath.Join(dir, config.FileName))
	require.NoError(t, err)
	assert.Equal(t, "某某市某某局", cfg.Org)
	assert.Equal(t, 2022, cfg.Year, "default year is last calendar year")
	assert.Equal(t, "2023-01-15", cfg.ReportDate.Format("2006-01-02"))

	res, err := workbook.ReadFile(filepath.Join(dir, "统计表.xlsx"))
	require.NoError(t, err)
	assert.Equal(t, stats.Stats{}, res.Stats)
}

func TestInitNeverTouchesExistingFiles(t *testing.T) {
	dir := t.TempDir()
	require.Equal(t, exitOK, runIn(t, dir, "init", "--org", "甲", "--year", "2021").code)
	cfgPath := filepath.Join(dir, config.FileName)
	require.NoError(t, os.WriteFile(cfgPath, []byte("# 用户改过\n"), 0o644))
	bookPath := filepath.Join(dir, "统计表.xlsx")
	book, _ := os.ReadFile(bookPath)

	r := runIn(t, dir, "init", "--org", "乙")
	assert.Equal(t, exitInput, r.code)
	assert.Contains(t, r.errOut, "--force")
	got, _ := os.ReadFile(cfgPath)
	assert.Equal(t, "# 用户改过\n", string(got))

	// A deleted file is recreated; the other stays as the user left it.
	require.NoError(t, os.Remove(bookPath))
	r = runIn(t, dir, "init", "--org", "乙")
	assert.Equal(t, exitOK, r.code)
	assert.Contains(t, r.out, "保留")
	got, _ = os.ReadFile(cfgPath)
	assert.Equal(t, "# 用户改过\n", string(got))

	r = runIn(t, dir, "init", "--org", "乙", "--force")
	assert.Equal(t, exitOK, r.code)
	got, _ = os.ReadFile(cfgPath)
	assert.Contains(t, string(got), `org = "乙"`)
	assert.NotEmpty(t, book)
}

func TestUsageErrors(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"init"},
		{"init", "--org", "甲", "--year", "22"},
		{"init", "--org", "甲", "--bogus"},
		{"frobnicate"},
		{},
		{"check", "a.xlsx", "b.xlsx"},
	} {
		r := runIn(t, dir, args...)
		assert.Equal(t, exitInput, r.code, "%v", args)
		assert.NotEmpty(t, r.errOut+r.out, "%v", args)
	}
	assert.Equal(t, exitOK, runIn(t, dir, "--help").code)
	assert.Equal(t, exitOK, runIn(t, dir, "check", "-h").code)
}

// writeBook makes a filled workbook with totals as typed.
// writeBook writes s as a filled workbook, stamped with the body and year
// of the nianbao.toml beside it, if any.
func writeBook(t *testing.T, path string, s *stats.Stats) {
	t.Helper()
	var buf bytes.Buffer
	opts := workbook.Options{Values: s, TotalsAsValues: true}
	if cfg, err := config.Load(filepath.Join(filepath.Dir(path), config.FileName)); err == nil {
		opts.Org, opts.Year = cfg.Org, cfg.Year
	}
	require.NoError(t, workbook.Write(&buf, opts))
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
}

func TestCheckExitCodes(t *testing.T) {
	dir := t.TempDir()
	require.Equal(t, exitOK, runIn(t, dir, "init", "--org", "甲").code)

	// The blank workbook init writes: every table is empty, which is an
	// error (it would publish zeros nobody counted).
	r := runIn(t, dir, "check")
	assert.Equal(t, exitFindings, r.code, r.errOut)
	assert.Contains(t, r.out, "错误 R16   统计表.xlsx › 申请情况：“申请情况”工作表一个数字也没有填")
	assert.Contains(t, r.out, "检查完成：4 个错误，0 个提醒")
	assert.Contains(t, r.out, "未检查 R8")

	// An R1 error: exit 1, cell named.
	bad := sample2022()
	bad.Requests[stats.RowNew][stats.ColTotal] = 5
	writeBook(t, filepath.Join(dir, "统计表.xlsx"), bad)
	r = runIn(t, dir, "check")
	assert.Equal(t, exitFindings, r.code)
	assert.Contains(t, r.out, "错误 R1    统计表.xlsx › 申请情况!J6")
	assert.Contains(t, r.out, "检查完成：2 个错误，0 个提醒")

	// --json carries the same.
	r = runIn(t, dir, "check", "--json")
	assert.Equal(t, exitFindings, r.code)
	var rep map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.out), &rep), r.out)
	assert.EqualValues(t, 2, rep["errors"])
	findings := rep["findings"].([]any)
	first := findings[0].(map[string]any)
	assert.Equal(t, "R1", first["rule"])
	assert.Equal(t, "error", first["severity"])
	assert.Equal(t, "4", first["expected"])
	assert.Equal(t, "5", first["found"])

	// Unreadable input: exit 2, also as JSON.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "统计表.xlsx"), []byte("not a workbook"), 0o644))
	r = runIn(t, dir, "check")
	assert.Equal(t, exitInput, r.code)
	assert.Contains(t, r.errOut, "统计表.xlsx：不是 Excel 工作簿")
	r = runIn(t, dir, "check", "--json")
	assert.Equal(t, exitInput, r.code)
	require.NoError(t, json.Unmarshal([]byte(r.out), &rep), r.out)
	assert.Contains(t, rep, "read_errors")
}

func TestCheckWorkbookArgumentAndLastYear(t *testing.T) {
	dir := t.TempDir()
	writeBook(t, filepath.Join(dir, "本年.xlsx"), sample2022())
	prev := sample2021()
	prev.Requests[stats.RowCarriedOut] = [7]int64{0, 0, 0, 0, 0, 0, 0}
	prev.Requests[stats.RowNew] = [7]int64{1, 0, 0, 0, 0, 0, 1}
	writeBook(t, filepath.Join(dir, "上年.xlsx"), prev)
	r := runIn(t, dir, "check", "本年.xlsx", "--last-year", "上年.xlsx")
	assert.Equal(t, exitOK, r.code, r.errOut)
	assert.Contains(t, r.out, "提醒 R8")
	assert.Contains(t, r.out, "上年.xlsx › 申请情况!D30")
	// Hand-made workbooks carry no body and year: a warning each.
	assert.Contains(t, r.out, "提醒 ID    本年.xlsx：统计表没有标明填报单位和报告年度")
	assert.Contains(t, r.out, "检查完成：0 个错误，4 个提醒")
}

func TestCheckBadConfig(t *testing.T) {
	dir := t.TempDir()
	require.Equal(t, exitOK, runIn(t, dir, "init", "--org", "甲").code)
	cfgPath := filepath.Join(dir, config.FileName)
	data, _ := os.ReadFile(cfgPath)
	require.NoError(t, os.WriteFile(cfgPath, append([]byte("fee_limt = 3\n"), data...), 0o644))
	r := runIn(t, dir, "check")
	assert.Equal(t, exitInput, r.code)
	assert.Regexp(t, `nianbao.toml 第 \d+ 行：未知的设置项“fee_limt”`, r.errOut)
}
