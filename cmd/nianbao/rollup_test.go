package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/input/config"
	"github.com/nianbao/nianbao/report/input/workbook"
	"github.com/nianbao/nianbao/report/rollup"
	"github.com/nianbao/nianbao/report/stats"
)

// sampleStats are the figures of the shipped sample workbook: a unit
// without errors.
func sampleStats(t *testing.T) *stats.Stats {
	res, err := workbook.ReadFile(filepath.Join("..", "..", "data", "统计表.xlsx"))
	require.NoError(t, err)
	return &res.Stats
}

func returnBook(t *testing.T, path, org string, year int, s *stats.Stats) {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, workbook.Write(&b, workbook.Options{Org: org, Year: year, Values: s}))
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, b.Bytes(), 0o644))
}

// A county office hands out, collects, and rolls up: init --units, the
// returns under any names, rollup with its gate, --draft, --json, --verify
// and an exclusion.
func TestRollupCommand(t *testing.T) {
	root := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(root, "名单.txt"), []byte("单位名称\n县财政局\n县教育局\n某某镇人民政府\n"), 0o644))
	r := runIn(t, root, "init", "--units", "名单.txt", "--org", "某县人民政府办公室", "--year", "2025", "--dir", "汇总")
	require.Equal(t, exitOK, r.code, r.errOut)
	dir := filepath.Join(root, "汇总")
	cfg, err := config.Load(filepath.Join(dir, config.FileName))
	require.NoError(t, err)
	assert.Equal(t, []string{"县财政局", "县教育局", "某某镇人民政府"}, cfg.Rollup.Units)
	for _, u := range cfg.Rollup.Units {
		res, err := workbook.ReadFile(filepath.Join(dir, "下发", u+".xlsx"))
		require.NoError(t, err)
		assert.Equal(t, stats.Stamp{Org: u, Year: 2025, Where: res.Stamp.Where}, res.Stamp, "handed out stamped")
	}
	st, err := os.Stat(filepath.Join(dir, "回收"))
	require.NoError(t, err)
	assert.True(t, st.IsDir())
	again := runIn(t, root, "init", "--units", "名单.txt", "--org", "某县人民政府办公室", "--year", "2025", "--dir", "汇总")
	assert.Equal(t, exitInput, again.code, "never overwrites without --force")

	s := sampleStats(t)
	returnBook(t, filepath.Join(dir, "回收", "财政局-年报统计表.xlsx"), "县财政局", 2025, s)
	returnBook(t, filepath.Join(dir, "回收", "邮件0131", "附件1.xlsx"), "县教育局", 2025, s)

	// One unit missing: the gate holds, nothing is written.
	r = runIn(t, dir, "rollup")
	assert.Equal(t, exitFindings, r.code, r.out+r.errOut)
	assert.Contains(t, r.out, "某某镇人民政府  未报送")
	assert.Contains(t, r.out, "不能作为正式汇总（1 项）：某某镇人民政府：未报送")
	assert.Contains(t, r.out, "--draft")
	assert.NoDirExists(t, filepath.Join(dir, "输出"))
	assert.Empty(t, r.errOut, "no progress line when stderr is no terminal")

	r = runIn(t, dir, "rollup", "--draft")
	assert.Equal(t, exitFindings, r.code)
	assert.FileExists(t, filepath.Join(dir, "输出", "汇总统计表（草稿）.xlsx"))
	assert.FileExists(t, filepath.Join(dir, "输出", "汇总情况.html"))

	// Excluded with a reason: formal.
	cfgText, err := os.ReadFile(filepath.Join(dir, config.FileName))
	require.NoError(t, err)
	cfgText = bytes.Replace(cfgText, []byte("# excluded = [\n#   { unit = \"某某单位\", reason = \"机构撤并，本年度无数据\" },\n# ]"),
		[]byte("excluded = [\n  { unit = \"某某镇人民政府\", reason = \"机构撤并，本年度无数据\" },\n]"), 1)
	require.NoError(t, os.WriteFile(filepath.Join(dir, config.FileName), cfgText, 0o644))
	r = runIn(t, dir, "rollup")
	require.Equal(t, exitOK, r.code, r.out+r.errOut)
	assert.Contains(t, r.out, "可以作为正式汇总")
	assert.Contains(t, r.out, "不纳入汇总：机构撤并，本年度无数据")
	agg, err := workbook.ReadFile(filepath.Join(dir, "输出", "汇总统计表.xlsx"))
	require.NoError(t, err)
	want := rollup.Sum(s, s)
	assert.Equal(t, want, agg.Stats)
	assert.Equal(t, "某县人民政府办公室", agg.Stamp.Org)
	assert.Equal(t, 2, agg.Units)
	page, err := os.ReadFile(filepath.Join(dir, "输出", "汇总情况.html"))
	require.NoError(t, err)
	assert.Contains(t, string(page), "机构撤并，本年度无数据")

	// The aggregate is a normal input of check.
	r = runIn(t, dir, "check")
	assert.Equal(t, exitOK, r.code, r.out+r.errOut)

	// --json: the shared envelope, every unit.
	r = runIn(t, dir, "rollup", "--json")
	require.Equal(t, exitOK, r.code, r.errOut)
	var js struct {
		Schema  int    `json:"schema_version"`
		Command string `json:"command"`
		OK      bool   `json:"ok"`
		Formal  bool   `json:"formal"`
		Units   []struct {
			Unit, State, Reason string
			Included            bool
		} `json:"units"`
		Messages []jsonMessage `json:"messages"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.out), &js), r.out)
	assert.Equal(t, "rollup", js.Command)
	assert.True(t, js.OK)
	require.Len(t, js.Units, 3)
	assert.Equal(t, "excluded", js.Units[2].State)
	assert.Equal(t, "机构撤并，本年度无数据", js.Units[2].Reason)

	// --verify: a hand-made aggregate with one wrong cell.
	hand := want
	hand.Requests[stats.RowGranted][stats.ColNatural] += 3
	var b bytes.Buffer
	require.NoError(t, workbook.Write(&b, workbook.Options{Org: "某县人民政府办公室", Year: 2025, Values: &hand, TotalsAsValues: true}))
	require.NoError(t, os.WriteFile(filepath.Join(root, "手工汇总.xlsx"), b.Bytes(), 0o644))
	r = runIn(t, dir, "rollup", "--verify", filepath.Join(root, "手工汇总.xlsx"))
	assert.Equal(t, exitFindings, r.code)
	assert.Contains(t, r.out, "申请情况!D8")
	assert.Regexp(t, `手工汇总为 \d+，各单位之和为 \d+`, r.out)
	assert.Contains(t, r.out, "1 个单元格不一致")

	// A rule error in one unit: named unit › file › sheet!cell.
	bad := *s
	bad.Requests[stats.RowGranted][stats.ColNatural]++
	var bb bytes.Buffer
	require.NoError(t, workbook.Write(&bb, workbook.Options{Org: "县教育局", Year: 2025, Values: &bad, TotalsAsValues: true}))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "回收", "邮件0131", "附件1.xlsx"), bb.Bytes(), 0o644))
	r = runIn(t, dir, "rollup")
	assert.Equal(t, exitFindings, r.code)
	assert.Contains(t, r.out, "县教育局 ›\n  错误 R1   回收/邮件0131/附件1.xlsx › 申请情况!J8：")
	assert.Contains(t, r.out, "县教育局：统计表有")
}

// returns = "." reads the folder itself, but never the blank workbooks
// handed out nor the aggregate written.
func TestRollupSkipsOwnFolders(t *testing.T) {
	root := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(root, "名单.txt"), []byte("甲局\n"), 0o644))
	require.Equal(t, exitOK, runIn(t, root, "init", "--units", "名单.txt", "--org", "某县", "--year", "2025").code)
	cfg, err := os.ReadFile(filepath.Join(root, config.FileName))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(root, config.FileName), bytes.Replace(cfg, []byte(`returns = "回收"`), []byte(`returns = "."`), 1), 0o644))
	returnBook(t, filepath.Join(root, "甲局回件.xlsx"), "甲局", 2025, sampleStats(t))
	for range 2 {
		r := runIn(t, root, "rollup")
		require.Equal(t, exitOK, r.code, r.out+r.errOut)
		assert.Contains(t, r.out, "甲局  正常")
	}
}

func TestRollupNeedsRollupTable(t *testing.T) {
	dir := t.TempDir()
	require.Equal(t, exitOK, runIn(t, dir, "init", "--org", "甲").code)
	r := runIn(t, dir, "rollup")
	assert.Equal(t, exitInput, r.code)
	assert.Contains(t, r.errOut, "没有 [rollup] 一节")
	r = runIn(t, dir, "rollup", "--json")
	assert.Equal(t, exitInput, r.code)
	assert.True(t, strings.HasPrefix(r.out, "{"), r.out)
}

// A large roll-up keeps the terminal readable: the summary line names ten
// blockers and counts the rest.
func TestRollupSummaryIsBounded(t *testing.T) {
	root := t.TempDir()
	var list strings.Builder
	for i := range 25 {
		fmt.Fprintf(&list, "第%02d单位\n", i+1)
	}
	require.NoError(t, os.WriteFile(filepath.Join(root, "名单.txt"), []byte(list.String()), 0o644))
	require.Equal(t, exitOK, runIn(t, root, "init", "--units", "名单.txt", "--org", "某市", "--year", "2025").code)
	r := runIn(t, root, "rollup")
	assert.Equal(t, exitFindings, r.code)
	assert.Contains(t, r.out, "不能作为正式汇总（25 项）：第01单位：未报送；")
	assert.Contains(t, r.out, "第10单位：未报送 等（共 25 项，见上表）")
	assert.NotContains(t, r.out, "第11单位：未报送；")
}
