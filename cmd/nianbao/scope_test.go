package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/report/input/config"
	"github.com/nianbao/nianbao/report/input/workbook"
	"github.com/nianbao/nianbao/report/rollup"
	"github.com/nianbao/nianbao/report/stats"
)

// rollupFolder is a roll-up folder of three units, two returned and one
// excluded with a reason, with the office's texts written; scope is the
// [rollup] scope ("" for none). It has not been rolled up.
func rollupFolder(t *testing.T, scope string) (dir string, s *stats.Stats) {
	t.Helper()
	root := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(root, "名单.txt"), []byte("县财政局\n县教育局\n某某镇人民政府\n"), 0o644))
	r := runIn(t, root, "init", "--units", "名单.txt", "--org", "某县人民政府办公室", "--year", "2025", "--dir", "汇总")
	require.Equal(t, exitOK, r.code, r.errOut)
	dir = filepath.Join(root, "汇总")
	s = sampleStats(t)
	returnBook(t, filepath.Join(dir, "回收", "财政局.xlsx"), "县财政局", 2025, s)
	returnBook(t, filepath.Join(dir, "回收", "教育局.xlsx"), "县教育局", 2025, s)
	editConfigFunc(t, dir, func(c string) string {
		c = strings.Replace(c, "# excluded = [\n#   { unit = \"某某单位\", reason = \"机构撤并，本年度无数据\" },\n# ]",
			"excluded = [\n  { unit = \"某某镇人民政府\", reason = \"机构撤并，本年度无数据\" },\n]", 1)
		if scope != "" {
			c = strings.Replace(c, `# scope = "本级"`, `scope = "`+scope+`"`, 1)
		}
		for _, k := range []string{"summary", "active", "requests", "management", "platform", "supervision", "problems", "improvements", "other"} {
			c = strings.Replace(c, k+` = ""`, k+` = "全县各单位认真落实《条例》。"`, 1)
		}
		return strings.Replace(c, `"地址：",`, `"电话：0750-1234567",`, 1)
	})
	return dir, s
}

func editConfigFunc(t *testing.T, dir string, edit func(string) string) {
	t.Helper()
	p := filepath.Join(dir, config.FileName)
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	after := edit(string(b))
	require.NotEqual(t, string(b), after, "the edit changes nianbao.toml")
	require.NoError(t, os.WriteFile(p, []byte(after), 0o644))
}

// blockersOf are the blockers status gives the 年报 of dir.
func blockersOf(t *testing.T, dir string) []string {
	t.Helper()
	r := runIn(t, dir, "status", "--today", "2026-01-20", "--json")
	var sum struct {
		Blockers []string `json:"blockers"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.out), &sum), r.out+r.errOut)
	return sum.Blockers
}

// The 年报 of an aggregate states its scope and the number of units in
// the preamble; a body's own report never does.
func TestAggregatePreambleStatesScope(t *testing.T) {
	for _, tt := range []struct {
		scope, want string
	}{
		{"本系统", "要求，由某县人民政府办公室汇总本系统2个单位的政府信息公开工作年度报告数据编制而成，报告中的统计数据为各单位数据之和。"},
		{"本行政区域", "汇总本行政区域内2个单位的政府信息公开工作年度报告数据编制而成"},
		{"本级", "汇总本级2个单位的政府信息公开工作年度报告数据编制而成"},
	} {
		t.Run(tt.scope, func(t *testing.T) {
			dir, _ := rollupFolder(t, tt.scope)
			r := runIn(t, dir, "rollup")
			require.Equal(t, exitOK, r.code, r.out+r.errOut)
			assert.Empty(t, blockersOf(t, dir))
			js := runIn(t, dir, "rollup", "--json")
			var rep struct{ Scope string }
			require.NoError(t, json.Unmarshal([]byte(js.out), &rep), js.out)
			assert.Equal(t, tt.scope, rep.Scope)
			b := runIn(t, dir, "build", "--format", "txt")
			require.Equal(t, exitOK, b.code, b.out+b.errOut)
			txt, err := os.ReadFile(filepath.Join(dir, "输出", "2025年政府信息公开工作年度报告.txt"))
			require.NoError(t, err)
			assert.Contains(t, string(txt), tt.want)
			for _, other := range []string{"本系统", "本行政区域", "本级"} {
				if other != tt.scope {
					assert.NotContains(t, string(txt), "汇总"+other, "never a mix")
				}
			}
		})
	}
	// The sample is a body's own report: no scope, no 汇总 (its goldens
	// are byte-identical too, TestSample).
	txt, err := os.ReadFile(filepath.Join("testdata", "golden", "2022年政府信息公开工作年度报告.txt"))
	require.NoError(t, err)
	assert.Contains(t, string(txt), "（国办公开办函〔2021〕30号）要求编制。")
	for _, scope := range config.Scopes {
		assert.NotContains(t, string(txt), "汇总"+scope)
	}
}

// What blocks a formal report of a roll-up folder, each case from a
// folder whose last rollup passed its gate.
func TestAggregateGate(t *testing.T) {
	for _, tt := range []struct {
		name   string
		scope  string
		change func(t *testing.T, dir string, s *stats.Stats)
		want   []string // in the blockers, in order; none when empty
	}{
		{name: "current", scope: "本系统"},
		{name: "no scope", want: []string{"没有写明汇总范围：请加上 scope = \"本系统\""}},
		{name: "a return changed, rollup not run again", scope: "本系统",
			change: func(t *testing.T, dir string, s *stats.Stats) {
				c := *s
				c.Active.Licensing++
				returnBook(t, filepath.Join(dir, "回收", "教育局.xlsx"), "县教育局", 2025, &c)
			},
			want: []string{"回收文件夹 回收 在上次 nianbao rollup 之后有变化"}},
		{name: "a return added beside", scope: "本系统",
			change: func(t *testing.T, dir string, s *stats.Stats) {
				returnBook(t, filepath.Join(dir, "回收", "教育局（更正）.xlsx"), "县教育局", 2025, s)
			},
			want: []string{"回收文件夹 回收 在上次 nianbao rollup 之后有变化"}},
		{name: "a unit added to the list", scope: "本系统",
			change: func(t *testing.T, dir string, _ *stats.Stats) {
				editConfigFunc(t, dir, func(c string) string {
					return strings.Replace(c, `"某某镇人民政府",`, `"某某镇人民政府",`+"\n  \"县卫生健康局\",", 1)
				})
			},
			want: []string{"输出/汇总统计表.xlsx 汇总了 2 个单位，nianbao.toml 的 [rollup] 名单除去不纳入的单位是 3 个：名单中应纳入而汇总中没有的：县卫生健康局。请重新运行 nianbao rollup"}},
		{name: "a unit excluded since", scope: "本系统",
			change: func(t *testing.T, dir string, _ *stats.Stats) {
				editConfigFunc(t, dir, func(c string) string {
					return strings.Replace(c, "\nexcluded = [\n", "\nexcluded = [\n  { unit = \"县教育局\", reason = \"另行报送\" },\n", 1)
				})
			},
			want: []string{"汇总中有而名单中没有（或已写明不纳入）的：县教育局"}},
		{name: "blank_as_zero changed", scope: "本系统",
			change: func(t *testing.T, dir string, _ *stats.Stats) {
				editConfigFunc(t, dir, func(c string) string {
					return strings.Replace(c, "# blank_as_zero = true", "blank_as_zero = true", 1)
				})
			},
			want: []string{"blank_as_zero 在上次 nianbao rollup 之后改过"}},
		{name: "the aggregate edited by hand", scope: "本系统",
			change: func(t *testing.T, dir string, _ *stats.Stats) {
				p := filepath.Join(dir, "输出", rollupAggregate)
				f, err := excelize.OpenFile(p)
				require.NoError(t, err)
				v, err := f.GetCellValue("主动公开", "B9")
				require.NoError(t, err)
				require.NotEmpty(t, v)
				require.NoError(t, f.SetCellValue("主动公开", "B9", 999))
				require.NoError(t, f.Save())
				require.NoError(t, f.Close())
			},
			want: []string{"中的数字与 nianbao rollup 汇总时写入的不同（汇总统计表被修改过）"}},
		{name: "a failed gate leaves the formal aggregate stale", scope: "本系统",
			change: func(t *testing.T, dir string, _ *stats.Stats) {
				require.NoError(t, os.Remove(filepath.Join(dir, "回收", "教育局.xlsx")))
				r := runIn(t, dir, "rollup")
				require.Equal(t, exitFindings, r.code, r.out)
				require.FileExists(t, filepath.Join(dir, "输出", rollupAggregate), "the old aggregate is still there")
			},
			want: []string{"回收文件夹 回收 在上次 nianbao rollup 之后有变化"}},
		{name: "the draft aggregate", scope: "本系统",
			change: func(t *testing.T, dir string, _ *stats.Stats) {
				require.NoError(t, os.Remove(filepath.Join(dir, "回收", "教育局.xlsx")))
				r := runIn(t, dir, "rollup", "--draft")
				require.Equal(t, exitFindings, r.code, r.out)
				editConfigFunc(t, dir, func(c string) string {
					return strings.Replace(c, `stats = "输出/汇总统计表.xlsx"`, `stats = "输出/汇总统计表（草稿）.xlsx"`, 1)
				})
			},
			want: []string{"输出/汇总统计表（草稿）.xlsx 是汇总草稿：上次 nianbao rollup 时有单位未报送",
				"输出/汇总统计表（草稿）.xlsx 汇总了 1 个单位，nianbao.toml 的 [rollup] 名单除去不纳入的单位是 2 个：名单中应纳入而汇总中没有的：县教育局"}},
		{name: "an office's preamble without the scope", scope: "本系统",
			change: func(t *testing.T, dir string, _ *stats.Stats) {
				write(t, filepath.Join(dir, config.TemplateFolder, "preamble.tmpl"), "本报告依据《条例》编制。")
			},
			want: []string{"报告前言没有写明汇总范围“本系统”"}},
		{name: "an office's preamble of another scope", scope: "本系统",
			change: func(t *testing.T, dir string, _ *stats.Stats) {
				write(t, filepath.Join(dir, config.TemplateFolder, "preamble.tmpl"), "本报告汇总本级{{.Units}}个单位的数据编制。")
			},
			want: []string{"报告前言没有写明汇总范围“本系统”", "报告前言写了“本级”，而 nianbao.toml 的 [rollup] scope 是“本系统”"}},
		{name: "an aggregate without its record", scope: "本系统",
			change: func(t *testing.T, dir string, s *stats.Stats) {
				var b bytes.Buffer
				require.NoError(t, writeAggregate(&b, s))
				require.NoError(t, os.WriteFile(filepath.Join(dir, "输出", rollupAggregate), b.Bytes(), 0o644))
			},
			want: []string{"没有 nianbao rollup 的汇总记录"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir, s := rollupFolder(t, tt.scope)
			r := runIn(t, dir, "rollup")
			require.Equal(t, exitOK, r.code, r.out+r.errOut)
			if tt.scope == "" {
				assert.Contains(t, r.out, "提醒：nianbao.toml 的 [rollup] 中还没有写明汇总范围：")
			} else {
				assert.NotContains(t, r.out, "没有写明汇总范围")
			}
			if tt.change != nil {
				tt.change(t, dir, s)
			}
			got := blockersOf(t, dir)
			require.Len(t, got, len(tt.want), "%q", got)
			for i, w := range tt.want {
				assert.Contains(t, got[i], w)
			}
			b := runIn(t, dir, "build", "--format", "txt")
			if len(tt.want) == 0 {
				assert.Equal(t, exitOK, b.code, b.out+b.errOut)
				return
			}
			assert.Equal(t, exitFindings, b.code, "build and status agree")
			assert.Contains(t, b.errOut, tt.want[0])
			d := runIn(t, dir, "build", "--draft", "--format", "txt")
			assert.Equal(t, exitOK, d.code, "a draft is always possible: %s", d.out+d.errOut)
		})
	}
}

// An aggregate built outside a roll-up folder, and a scope stated for a
// body's own workbook: never a mix.
func TestScopeNeedsAggregate(t *testing.T) {
	dir, _ := rollupFolder(t, "本级")
	require.Equal(t, exitOK, runIn(t, dir, "rollup").code)

	// A scope over a body's own workbook is an error at the scope's line.
	editConfigFunc(t, dir, func(c string) string {
		return strings.Replace(c, `stats = "输出/汇总统计表.xlsx"`, `stats = "回收/财政局.xlsx"`, 1)
	})
	r := runIn(t, dir, "check")
	assert.Equal(t, exitFindings, r.code, r.out+r.errOut)
	assert.Regexp(t, `错误 R14\s+nianbao.toml 第 \d+ 行：`, r.out)
	assert.Contains(t, r.out, "写明汇总范围为“本级”，但统计表 回收/财政局.xlsx 不是汇总统计表")
	got := blockersOf(t, dir)
	assert.Contains(t, strings.Join(got, "\n"), "统计表 回收/财政局.xlsx 不是汇总统计表：汇总文件夹的正式报告须用 nianbao rollup")
	d := runIn(t, dir, "build", "--draft", "--format", "txt")
	require.Equal(t, exitOK, d.code, d.out+d.errOut)
	txt, err := os.ReadFile(filepath.Join(dir, "输出", "2025年政府信息公开工作年度报告（草稿）.txt"))
	require.NoError(t, err)
	assert.NotContains(t, string(txt), "本级", "a body's own figures are never called an aggregate")

	// The aggregate in a folder without [rollup].
	plain := t.TempDir()
	require.Equal(t, exitOK, runIn(t, plain, "init", "--org", "某县人民政府办公室", "--year", "2025").code)
	agg, err := os.ReadFile(filepath.Join(dir, "输出", rollupAggregate))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(plain, "统计表.xlsx"), agg, 0o644))
	got = blockersOf(t, plain)
	assert.Contains(t, strings.Join(got, "\n"), "统计表 统计表.xlsx 是 2 个单位的汇总统计表，而 nianbao.toml 没有 [rollup] 一节")
}

func TestScopeValues(t *testing.T) {
	for _, tt := range []struct {
		scope string
		err   string
	}{
		{`"本系统"`, ""},
		{`"本行政区域"`, ""},
		{`"本级"`, ""},
		{`" 本级 "`, ""},
		{`"本市"`, `scope（汇总范围）是“本市”，只能是“本系统”“本行政区域”或“本级”`},
		{`"本系统、本级"`, "只能是"},
		{`1`, "scope"},
	} {
		t.Run(tt.scope, func(t *testing.T) {
			text := config.RollupTemplate("某县", 2025, []string{"甲局"}, "输出/汇总统计表.xlsx")
			text = strings.Replace(text, `# scope = "本级"`, "scope = "+tt.scope, 1)
			c, err := config.Parse(config.FileName, []byte(text))
			if tt.err == "" {
				require.NoError(t, err)
				assert.Contains(t, config.Scopes, c.Rollup.Scope)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.err)
			if strings.HasPrefix(tt.scope, `"`) {
				line := strings.Count(text[:strings.Index(text, "scope = "+tt.scope)], "\n") + 1
				assert.Contains(t, err.Error(), config.FileName+" 第 "+strconv.Itoa(line)+" 行")
			}
		})
	}
}

// writeAggregate writes an aggregate of two units as an older rollup (or
// another tool) would: stamped, without a record.
func writeAggregate(w *bytes.Buffer, s *stats.Stats) error {
	sum := rollup.Sum(s, s)
	return workbook.Write(w, workbook.Options{Org: "某县人民政府办公室", Year: 2025, Values: &sum, Units: 2})
}

func write(t *testing.T, p, s string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, []byte(s), 0o644))
}

// A county's draft aggregate returned to the city is an error of that
// county: it never passes the city's formal gate; its formal aggregate
// does.
func TestSubAggregateDraft(t *testing.T) {
	county, _ := rollupFolder(t, "本行政区域")
	require.NoError(t, os.Remove(filepath.Join(county, "回收", "教育局.xlsx")))
	require.Equal(t, exitFindings, runIn(t, county, "rollup", "--draft").code)

	root := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(root, "名单.txt"), []byte("某县人民政府办公室\n"), 0o644))
	require.Equal(t, exitOK, runIn(t, root, "init", "--units", "名单.txt", "--org", "某市人民政府办公室", "--year", "2025", "--dir", "市").code)
	city := filepath.Join(root, "市")
	copyFile := func(from string) {
		b, err := os.ReadFile(from)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(city, "回收", "某县.xlsx"), b, 0o644))
	}
	copyFile(filepath.Join(county, "输出", "汇总统计表（草稿）.xlsx"))
	r := runIn(t, city, "rollup")
	assert.Equal(t, exitFindings, r.code, r.out)
	assert.Contains(t, r.out, "某县人民政府办公室  有错误")
	assert.Contains(t, r.out, "这是该单位的汇总草稿")

	returnBook(t, filepath.Join(county, "回收", "教育局.xlsx"), "县教育局", 2025, sampleStats(t))
	require.Equal(t, exitOK, runIn(t, county, "rollup").code)
	copyFile(filepath.Join(county, "输出", rollupAggregate))
	r = runIn(t, city, "rollup")
	assert.Equal(t, exitOK, r.code, r.out)
	assert.Contains(t, r.out, "可以作为正式汇总")
}
