package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/input/ledger"
	"github.com/nianbao/nianbao/report/input/plan"
)

// readyFolder is a working folder with clean statistics and a complete ledger.
func readyFolder(t *testing.T) string {
	dir := t.TempDir()
	r := runIn(t, dir, "init", "--plan", samplePlanPath(t))
	require.Equal(t, exitOK, r.code, r.errOut)
	writeBook(t, filepath.Join(dir, "统计表.xlsx"), sample2022())
	cfgPath := filepath.Join(dir, "nianbao.toml")
	cfgText, err := os.ReadFile(cfgPath)
	require.NoError(t, err)
	cfgText = bytes.Replace(cfgText, []byte(`problems = ""`), []byte(`problems = "一是解读形式单一。"`), 1)
	cfgText = bytes.Replace(cfgText, []byte(`improvements = ""`), []byte(`improvements = "一是丰富解读形式。"`), 1)
	require.NoError(t, os.WriteFile(cfgPath, cfgText, 0o644))
	p, err := plan.Load(filepath.Join(dir, "工作要点.toml"))
	require.NoError(t, err)
	recs := map[int]ledger.Record{}
	for _, task := range p.Tasks {
		recs[task.ID] = ledger.Record{Status: ledger.Done, Result: "按要求完成。"}
	}
	recs[30] = ledger.Record{Status: ledger.InProgress, Note: "3月1日前发布"}
	writeLedger(t, dir, p, recs)
	return dir
}

// writeLedger records recs in the folder's 任务台账.xlsx, as the office would.
func writeLedger(t *testing.T, dir string, p *plan.Plan, recs map[int]ledger.Record) {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, ledger.WriteXLSX(&buf, p, ledger.WriteOptions{Org: p.Org, Year: p.Year, Records: recs}))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "任务台账.xlsx"), buf.Bytes(), 0o644))
}

func TestStatusBeforeAndAfterDeadline(t *testing.T) {
	dir := readyFolder(t)
	r := runIn(t, dir, "status", "--today", "2023-01-20")
	assert.Equal(t, exitOK, r.code, r.out+r.errOut)
	assert.Contains(t, r.out, "政府信息公开工作年度报告公布期限 2023年1月31日：还剩 11 天")
	assert.Contains(t, r.out, "法治政府建设情况年度报告 2023年3月1日：还剩 40 天（工作要点第 30 项）")
	assert.Contains(t, r.out, "已完成 29 · 推进中 1 · 未启动 0 · 不适用 0 · 未填写 0")
	assert.Contains(t, r.out, "可以生成正式报告。")

	r = runIn(t, dir, "status", "--today", "2023-02-03")
	assert.Equal(t, exitOK, r.code)
	assert.Contains(t, r.out, "2023年1月31日：已过期 3 天")

	r = runIn(t, dir, "status", "--today", "2023-03-05")
	assert.Contains(t, r.out, "第 30 项（办公室牵头）完成时限 2023年3月1日，推进中，已逾期 4 天")
	assert.Contains(t, r.out, "第 30 项任务仍在推进中，已超过完成时限 2023-03-01 4 天")

	// The clock is used without --today: fixedNow is 2023-01-20.
	r = runIn(t, dir, "status", "--json")
	assert.Equal(t, exitOK, r.code)
	var sum map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.out), &sum), r.out)
	assert.Equal(t, "2023-01-20", sum["today"])
	assert.Equal(t, true, sum["ready"])
	d := sum["deadlines"].([]any)[0].(map[string]any)
	assert.EqualValues(t, 11, d["days_left"])
}

func TestStatusBlocks(t *testing.T) {
	dir := t.TempDir()
	r := runIn(t, dir, "init", "--plan", samplePlanPath(t))
	require.Equal(t, exitOK, r.code)
	bad := sample2022()
	bad.Requests[0][6] = 9
	writeBook(t, filepath.Join(dir, "统计表.xlsx"), bad)
	r = runIn(t, dir, "status", "--today", "2023-01-20")
	assert.Equal(t, exitFindings, r.code)
	assert.Contains(t, r.out, "尚不能生成正式报告，还需：")
	assert.Contains(t, r.out, "30 项任务尚未填写完成状态（第 1—30 项）")
	assert.Contains(t, r.out, "统计表有 2 个错误")
	assert.Contains(t, r.out, "报告内容待补充：五、存在的主要问题")

	require.NoError(t, os.Remove(filepath.Join(dir, "统计表.xlsx")))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "任务台账.xlsx"), []byte("x"), 0o644))
	r = runIn(t, dir, "status", "--today", "2023-01-20", "--json")
	assert.Equal(t, exitFindings, r.code)
	var sum map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.out), &sum), r.out)
	blockers := sum["blockers"].([]any)
	require.Len(t, blockers, 2)
	assert.Contains(t, blockers[0], "任务台账无法读取")
	assert.Contains(t, blockers[1], "统计表无法读取")

	r = runIn(t, dir, "status", "--today", "20230120")
	assert.Equal(t, exitInput, r.code)
	r = runIn(t, t.TempDir(), "status")
	assert.Equal(t, exitInput, r.code)
	assert.Contains(t, r.errOut, "找不到配置文件")
}

func samplePlanPath(t *testing.T) string {
	p, err := filepath.Abs(filepath.Join(sampleDir, "2022-工作要点.toml"))
	require.NoError(t, err)
	return p
}
