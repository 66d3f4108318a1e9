package main

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/stats"
)

type envelope struct {
	Schema   int    `json:"schema_version"`
	Command  string `json:"command"`
	OK       *bool  `json:"ok"`
	Messages []struct {
		Severity, Rule, File, Sheet, Cell, Message string
		Line                                       int
		Related                                    []struct{ File, Sheet, Cell string }
	} `json:"messages"`
}

// check --json and status --json share one shape: a schema version, the
// command, ok, and every message with its place in parts and relative paths.
func TestJSONShape(t *testing.T) {
	dir := readyFolder(t)
	bad := sample2022()
	bad.Requests[stats.RowNew][stats.ColTotal] = 5
	writeBook(t, filepath.Join(dir, "统计表.xlsx"), bad)
	for _, cmd := range []string{"check", "status"} {
		t.Run(cmd, func(t *testing.T) {
			r := runIn(t, dir, cmd, "--json")
			assert.Equal(t, exitFindings, r.code)
			var e envelope
			require.NoError(t, json.Unmarshal([]byte(r.out), &e), r.out)
			assert.Equal(t, 1, e.Schema)
			assert.Equal(t, cmd, e.Command)
			require.NotNil(t, e.OK)
			assert.False(t, *e.OK)
			require.NotEmpty(t, e.Messages)
			m := e.Messages[0]
			assert.Equal(t, "error", m.Severity)
			assert.Equal(t, "R1", m.Rule)
			assert.Equal(t, "统计表.xlsx", m.File, "relative to the working folder")
			assert.Equal(t, "申请情况", m.Sheet)
			assert.Equal(t, "J6", m.Cell)
			require.NotEmpty(t, m.Related)
			assert.Equal(t, "D6:I6", m.Related[0].Cell)
		})
	}
	// JSON on stdout even when the config is missing.
	for _, cmd := range []string{"check", "status"} {
		r := runIn(t, t.TempDir(), cmd, "--json")
		assert.Equal(t, exitInput, r.code)
		var e envelope
		require.NoError(t, json.Unmarshal([]byte(r.out), &e), cmd+": "+r.out)
		assert.Equal(t, cmd, e.Command)
		require.NotEmpty(t, e.Messages)
		assert.Equal(t, "nianbao.toml", e.Messages[0].File, "relative to the working folder")
		assert.Contains(t, e.Messages[0].Message, "找不到配置文件")
	}
}

// Places go to JSON in parts, as the reader found them: a range in one
// cell value, a text's name beside its line.
func TestPlaceOf(t *testing.T) {
	tests := []struct {
		in   diag.Pos
		want jsonPlace
	}{
		{diag.Pos{File: "统计表.xlsx", Sheet: "申请情况", Cell: "J6"}, jsonPlace{File: "统计表.xlsx", Sheet: "申请情况", Cell: "J6"}},
		{diag.Pos{File: "统计表.xlsx", Sheet: "申请情况", Cell: "D6", End: "I6"}, jsonPlace{File: "统计表.xlsx", Sheet: "申请情况", Cell: "D6:I6"}},
		{diag.Pos{File: "统计表.xlsx", Sheet: "申请情况"}, jsonPlace{File: "统计表.xlsx", Sheet: "申请情况"}},
		{diag.Pos{File: "nianbao.toml", Line: 12}, jsonPlace{File: "nianbao.toml", Line: 12}},
		{diag.Pos{File: "上年/统计表.xlsx"}, jsonPlace{File: "上年/统计表.xlsx"}},
		{diag.Pos{File: "nianbao.toml", Line: 40, What: "[narrative] requests"}, jsonPlace{File: "nianbao.toml", Line: 40, What: "[narrative] requests"}},
		{diag.Pos{File: "任务台账.xlsx", Sheet: "任务台账", Cell: "F7", What: "第 3 项任务的完成情况"},
			jsonPlace{File: "任务台账.xlsx", Sheet: "任务台账", Cell: "F7", What: "第 3 项任务的完成情况"}},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, placeOf(tt.in), tt.in.String())
	}
}

func TestCheckRules(t *testing.T) {
	r := runIn(t, t.TempDir(), "check", "--rules")
	assert.Equal(t, exitOK, r.code, r.errOut)
	for _, id := range []string{"R1 ", "R4 ", "R12", "R15", "R16", "R17", "R18", "ID "} {
		assert.Contains(t, "\n"+r.out, "\n"+id)
	}
	assert.Contains(t, r.out, "R14  错误  汇总报告的每个数字等于各单位之和\n           核对：nianbao rollup：汇总统计表逐格等于各单位之和；--verify 核对手工汇总表\n           说明：docs/rules.md#r14\n")
	assert.Contains(t, r.out, "R5   错误  复议诉讼表：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结\n           核对：核对统计表（check、status、build）\n           说明：docs/rules.md#r5\n")
}
