package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/input/config"
	"github.com/nianbao/nianbao/report/stats"
)

// The 法治 report of a roll-up folder cites the aggregate's figures as
// the sum over its units, of the configured scope: a formal report built
// with the 年报, whose numbers pass R12. The sample's own 法治 report never
// says so (its goldens, TestSample).
func TestLawReportOfAggregateStatesScope(t *testing.T) {
	for _, scope := range []string{"本系统", "本行政区域"} {
		t.Run(scope, func(t *testing.T) {
			dir, s := lawRollupFolder(t, scope)
			assert.Empty(t, lawBlockersOf(t, dir))

			bu := runIn(t, dir, "build", "--format", "txt")
			require.Equal(t, exitOK, bu.code, bu.out+bu.errOut)
			txt, err := os.ReadFile(filepath.Join(dir, "输出", "2025年法治政府建设情况报告.txt"))
			require.NoError(t, err)
			in := ""
			if scope == "本行政区域" {
				in = "内"
			}
			nd := s.Active.NormativeDocs
			assert.Contains(t, string(txt), "截至年底现行有效"+itoa(int(2*nd.InForce))+"件。", "the figures are the sum")
			assert.Contains(t, string(txt), "。上述数据由某县人民政府办公室汇总"+scope+in+"2个单位的政府信息公开工作年度报告统计表得出，为各单位数据之和。")
			for _, other := range config.Scopes {
				if other != scope {
					assert.NotContains(t, string(txt), "汇总"+other, "never a mix")
				}
			}
		})
	}
	txt, err := os.ReadFile(filepath.Join("testdata", "golden", "2022年法治政府建设情况报告.txt"))
	require.NoError(t, err)
	assert.Contains(t, string(txt), "被提起行政诉讼0件。\n", "the sample's figures end their paragraph")
	assert.NotContains(t, string(txt), "上述数据")
}

// lawRollupFolder is rollupFolder with a [law] table written, rolled up.
func lawRollupFolder(t *testing.T, scope string) (string, *stats.Stats) {
	t.Helper()
	dir, s := rollupFolder(t, scope)
	p := filepath.Join(dir, config.FileName)
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	law := config.LawTemplate(2025)
	for _, k := range []string{"measures", "shortfalls", "leaders", "next_year"} {
		law = strings.Replace(law, k+` = ""`, k+` = "全县各单位依法行政。"`, 1)
	}
	require.NoError(t, os.WriteFile(p, append(b, "\n"+law...), 0o644))
	r := runIn(t, dir, "rollup")
	require.Equal(t, exitOK, r.code, r.out+r.errOut)
	return dir, s
}

// lawBlockersOf are the blockers status gives the 法治 report of dir.
func lawBlockersOf(t *testing.T, dir string) []string {
	t.Helper()
	r := runIn(t, dir, "status", "--today", "2026-01-20", "--json")
	var sum struct {
		Reports []struct {
			Kind     string   `json:"kind"`
			Blockers []string `json:"blockers"`
		} `json:"reports"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.out), &sum), r.out+r.errOut)
	require.Len(t, sum.Reports, 2, r.out)
	require.Equal(t, "法治", sum.Reports[1].Kind)
	return sum.Reports[1].Blockers
}

// An office's own figures.tmpl of the 法治 report, copied before it said
// the scope, blocks the formal 法治 report of an aggregate (not the 年报);
// one of another scope too.
func TestLawReportOwnTemplateScope(t *testing.T) {
	for _, tt := range []struct {
		name, figures string
		want          []string
	}{
		{"states it", `{{define "figures"}}本年度被申请行政复议{{num .Review.Total}}件。以上为汇总{{.Scope}}{{.Units}}个单位之和。{{end}}`, nil},
		{"without", `{{define "figures"}}本年度被申请行政复议{{num .Review.Total}}件。{{end}}`,
			[]string{"法治政府建设情况报告引用的规范性文件和行政复议、行政诉讼数字是 2 个单位之和，报告没有写明汇总范围“本系统”（自定义的 模板/法治/figures.tmpl 请参照默认模板使用 .Scope 和 .Units）"}},
		{"another scope", `{{define "figures"}}本年度被申请行政复议{{num .Review.Total}}件。以上为汇总本级{{.Units}}个单位之和。{{end}}`,
			[]string{"报告没有写明汇总范围“本系统”", "法治政府建设情况报告写了“汇总本级”，而 nianbao.toml 的 [rollup] scope 是“本系统”"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir, _ := lawRollupFolder(t, "本系统")
			write(t, filepath.Join(dir, config.TemplateFolder, "法治", "figures.tmpl"), tt.figures)
			got := lawBlockersOf(t, dir)
			require.Len(t, got, len(tt.want), "%q", got)
			for i, w := range tt.want {
				assert.Contains(t, got[i], w)
			}
			assert.Empty(t, blockersOf(t, dir), "the 年报 is not blocked")
		})
	}
}
