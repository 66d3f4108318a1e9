package main

import (
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/rollup"
)

// overviewGolden is the overview page of rollupFolder's roll-up of
// 本系统 with a file stamped with a misspelt unit, kept whole: what an
// office sends round is reviewed as a page.
const overviewGolden = "testdata/golden/汇总情况.html"

func TestOverviewGolden(t *testing.T) {
	dir, s := rollupFolder(t, "本系统")
	returnBook(t, filepath.Join(dir, "回收", "教育局（更正）.xlsx"), "县教育体育局", 2025, s)
	r := runIn(t, dir, "rollup")
	require.Equal(t, exitOK, r.code, r.out+r.errOut)
	got, err := os.ReadFile(filepath.Join(dir, "输出", rollupOverview))
	require.NoError(t, err)
	checkGolden(t, overviewGolden, got)
}

// The scope of a roll-up is on the terminal, in --json and on the page;
// without one, each says that a formal report waits for it, in the words
// of the gate of build and status.
func TestRollupShowsScope(t *testing.T) {
	for _, scope := range []string{"本系统", "本行政区域", "本级", ""} {
		t.Run(scope, func(t *testing.T) {
			dir, _ := rollupFolder(t, scope)
			r := runIn(t, dir, "rollup")
			require.Equal(t, exitOK, r.code, "the units' gate passes without a scope: %s", r.out+r.errOut)
			page, err := os.ReadFile(filepath.Join(dir, "输出", rollupOverview))
			require.NoError(t, err)
			js := runIn(t, dir, "rollup", "--json")
			require.Equal(t, exitOK, js.code, js.out+js.errOut)
			var rep struct {
				Scope    string        `json:"scope"`
				Messages []jsonMessage `json:"messages"`
			}
			require.NoError(t, json.Unmarshal([]byte(js.out), &rep), js.out)
			assert.Equal(t, scope, rep.Scope)
			var said []string
			for _, m := range rep.Messages {
				said = append(said, m.Message)
			}

			if scope != "" {
				assert.Contains(t, r.out, "年度汇总（汇总范围："+scope+"）")
				assert.Contains(t, string(page), "汇总范围：<strong>"+scope+"</strong>")
				assert.Contains(t, string(page), "汇总"+scope)
				assert.Contains(t, string(page), "2个单位的政府信息公开工作年度报告数据编制而成")
				assert.NotContains(t, string(page), "尚未写明")
				assert.NotContains(t, r.out, "没有写明汇总范围")
				assert.NotContains(t, said, rollup.NoScope)
				for _, other := range []string{"本系统", "本行政区域", "本级"} {
					if other != scope {
						assert.NotContains(t, string(page), other, "never a mix")
					}
				}
				return
			}
			assert.Contains(t, r.out, "年度汇总（汇总范围：尚未写明）")
			assert.Contains(t, r.out, "提醒："+rollup.NoScope)
			assert.Contains(t, string(page), "汇总范围：<strong>尚未写明</strong>")
			assert.Contains(t, string(page), html.EscapeString(rollup.NoScope))
			assert.Contains(t, said, rollup.NoScope)
			// The gate blocks the formal report in the same words.
			gate := `没有写明汇总范围：请加上 scope = "本系统"、"本行政区域" 或 "本级"，报告前言据此写明是哪一种汇总（三者不能混用）`
			assert.Contains(t, rollup.NoScope, gate)
			blockers := blockersOf(t, dir)
			require.Len(t, blockers, 1)
			assert.Contains(t, blockers[0], gate)
		})
	}
}

// A return stamped with a misspelt unit is suggested on the terminal and
// in --json, never summed as that unit: the unit stays missing, the file
// unknown, the gate closed.
func TestRollupSuggestsUnit(t *testing.T) {
	dir, s := rollupFolder(t, "本系统")
	require.NoError(t, os.Remove(filepath.Join(dir, "回收", "教育局.xlsx")))
	returnBook(t, filepath.Join(dir, "回收", "教育.xlsx"), "县教育体育局", 2025, s)
	returnBook(t, filepath.Join(dir, "回收", "外.xlsx"), "市交通运输局", 2025, s)

	r := runIn(t, dir, "rollup")
	assert.Equal(t, exitFindings, r.code, r.out+r.errOut)
	assert.Contains(t, r.out, "县教育局        未报送")
	assert.Contains(t, r.out, "县教育局 ›\n  未报送：回收文件夹中没有该单位的统计表；回收/教育.xlsx 的填报单位“县教育体育局”与该单位名称相近，请核对\n")
	assert.Contains(t, r.out, "名单之外的文件 ›\n")
	assert.Contains(t, r.out, "\n  错误       回收/教育.xlsx › 主动公开!A2：填报单位是“县教育体育局”，不在汇总单位名单中，是否为名单中的“县教育局”？")
	assert.Equal(t, 1, strings.Count(r.out, "是否为"), "the far name gets none")
	assert.Contains(t, r.out, "不能作为正式汇总（1 项）：县教育局：未报送")

	js := runIn(t, dir, "rollup", "--json")
	assert.Equal(t, exitFindings, js.code)
	var rep struct {
		Units []struct {
			Unit, State, Reason string
		} `json:"units"`
		Others []struct {
			File, State, Org, Suggestion string
		} `json:"other_files"`
		Messages []jsonMessage `json:"messages"`
	}
	require.NoError(t, json.Unmarshal([]byte(js.out), &rep), js.out)
	require.Len(t, rep.Others, 2)
	assert.Equal(t, "回收/外.xlsx", rep.Others[0].File)
	assert.Empty(t, rep.Others[0].Suggestion)
	assert.Equal(t, "回收/教育.xlsx", rep.Others[1].File)
	assert.Equal(t, "unknown", rep.Others[1].State)
	assert.Equal(t, "县教育体育局", rep.Others[1].Org)
	assert.Equal(t, "县教育局", rep.Others[1].Suggestion)
	assert.Equal(t, "missing", rep.Units[1].State)
	assert.Contains(t, rep.Units[1].Reason, "与该单位名称相近")
	var said []string
	for _, m := range rep.Messages {
		said = append(said, m.File+"："+m.Message)
	}
	assert.Contains(t, strings.Join(said, "\n"), "回收/教育.xlsx：填报单位是“县教育体育局”，不在汇总单位名单中，是否为名单中的“县教育局”？")
}
