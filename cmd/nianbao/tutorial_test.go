package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/input/ledger"
	"github.com/nianbao/nianbao/report/input/plan"
)

// tutorialCommands reads the commands of the README's tutorial, as written.
func tutorialCommands(t *testing.T) [][]string {
	b, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	block := regexp.MustCompile(`(?s)<!-- tutorial:begin -->\s*` + "```sh\n(.*?)```" + `\s*<!-- tutorial:end -->`).FindSubmatch(b)
	require.NotNil(t, block, "README has the tutorial block")
	var cmds [][]string
	for _, line := range strings.Split(string(block[1]), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cmds = append(cmds, splitArgs(line))
	}
	return cmds
}

// splitArgs splits a shell line on spaces, keeping "quoted words" whole.
func splitArgs(line string) []string {
	var out []string
	var cur strings.Builder
	quoted, any := false, false
	for _, r := range line {
		switch {
		case r == '"':
			quoted, any = !quoted, true
		case r == ' ' && !quoted:
			if any {
				out = append(out, cur.String())
				cur.Reset()
				any = false
			}
		default:
			cur.WriteRune(r)
			any = true
		}
	}
	if any {
		out = append(out, cur.String())
	}
	return out
}

const tutorialPlan = `year = 2025
title = "某某市某某局2025年政务公开工作要点分工方案"
org = "某某市某某局"
departments = ["办公室", "法规科"]

[[task]]
id = 1
requirement = "一、优化政务公开工作基础"
task = "（一）更新主动公开目录。"
detail = "动态更新政府信息主动公开目录。"
lead = ["办公室"]
section = "主动公开"

[[task]]
id = 2
requirement = "一、优化政务公开工作基础"
task = "（二）规范依申请公开办理。"
detail = "规范依申请公开办理流程。"
lead = ["法规科"]
section = "依申请公开"
`

// Every command of the README tutorial, run as written, with what the
// office does by hand in between.
func TestREADMETutorial(t *testing.T) {
	cmds := tutorialCommands(t)
	require.GreaterOrEqual(t, len(cmds), 7)
	dir := t.TempDir()
	inits := 0
	for _, c := range cmds {
		switch c[0] {
		case "cd":
			dir = filepath.Join(dir, c[1])
			continue
		case "rm":
			require.NoError(t, os.Remove(filepath.Join(dir, c[1])), c)
			continue
		}
		require.Equal(t, "nianbao", c[0], c)
		args := c[1:]
		switch args[0] {
		case "check":
			// Step 3 by hand: the statistics, the ledger and the office's text.
			writeBook(t, filepath.Join(dir, "统计表.xlsx"), sample2022())
			p, err := plan.Load(filepath.Join(dir, "工作要点.toml"))
			require.NoError(t, err)
			recs := map[int]ledger.Record{}
			for _, task := range p.Tasks {
				recs[task.ID] = ledger.Record{Status: ledger.Done, Result: "按要求完成。"}
			}
			writeLedger(t, dir, p, recs)
			editConfig(t, dir, `problems = ""`, `problems = "一是解读形式单一。"`, `improvements = ""`, `improvements = "一是丰富解读形式。"`,
				`management = ""`, `management = "修订信息发布审核制度。"`, `platform = ""`, `platform = "网站集约化运行。"`,
				`supervision = ""`, `supervision = "开展年度考核。"`)
		}
		r := runIn(t, dir, args...)
		require.Equal(t, exitOK, r.code, "%v\n%s%s", c, r.out, r.errOut)
		if args[0] == "init" {
			inits++
			if inits == 1 {
				// Step 2 by hand: the year's tasks go into the plan.
				require.NoError(t, os.WriteFile(filepath.Join(dir, "年报2025", "工作要点.toml"), []byte(tutorialPlan), 0o644))
			} else {
				assert.Contains(t, r.out, "任务台账.xlsx（任务台账，2 项任务）")
				assert.Contains(t, r.out, "保留  nianbao.toml")
			}
		}
	}
	assert.Equal(t, 2, inits)
	for _, name := range []string{"2025年政府信息公开工作年度报告.pdf", "2025年政府信息公开工作年度报告（草稿）.pdf", "2025年统计数据.json"} {
		_, err := os.Stat(filepath.Join(dir, "输出", name))
		assert.NoError(t, err, name)
	}
}

// In an existing folder, init takes body and year from nianbao.toml, also
// for --templates; a missing --plan file is named as such.
func TestInitInExistingFolder(t *testing.T) {
	dir := t.TempDir()
	require.Equal(t, exitOK, runIn(t, dir, "init", "--org", "某某市某某局", "--year", "2025").code)
	r := runIn(t, dir, "init", "--templates")
	require.Equal(t, exitOK, r.code, r.errOut)
	assert.Contains(t, r.out, "写入  模板/report.tmpl（报告模板）")

	r = runIn(t, t.TempDir(), "init", "--org", "某局", "--plan", "2025-工作要点.toml")
	assert.Equal(t, exitInput, r.code)
	assert.Contains(t, r.errOut, "找不到工作要点计划文件“2025-工作要点.toml”。请检查 --plan 后的路径")
	assert.NotContains(t, r.errOut, "nianbao.toml")

	// A broken nianbao.toml is reported, not silently replaced.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "nianbao.toml"), []byte("year = \"x\"\n"), 0o644))
	require.NoError(t, os.Remove(filepath.Join(dir, "统计表.xlsx")))
	r = runIn(t, dir, "init")
	assert.Equal(t, exitInput, r.code)
	assert.Contains(t, r.errOut, "nianbao.toml")
}
