package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lawHeading starts the 法治 report's part of status's text.
const lawHeading = "2022 年法治政府建设情况报告 · 准备情况"

// statusSections splits status's text into the 年报's part and the 法治
// report's.
func statusSections(t *testing.T, out string) (annual, law string) {
	t.Helper()
	i := strings.Index(out, lawHeading)
	require.True(t, i > 0, "status shows the 法治 report after the 年报:\n%s", out)
	return out[:i], out[i:]
}

// outFiles lists the report files build wrote (not its hidden manifest).
func outFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(dir, "输出"))
	if os.IsNotExist(err) {
		return nil
	}
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") {
			names = append(names, e.Name())
		}
	}
	return names
}

var lawMeasures = regexp.MustCompile(`(?s)\nmeasures = """.*?"""\n`)

// editLaw rewrites the sample's [law] table with a regular expression.
func editLaw(re *regexp.Regexp, repl string) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		p := filepath.Join(dir, "nianbao.toml")
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		require.True(t, re.Match(b), re.String())
		require.NoError(t, os.WriteFile(p, re.ReplaceAll(b, []byte(repl)), 0o644))
	}
}

// The formal gate of the 法治 report blocks that report only: status says
// so in its part, build writes nothing and points to --report 年报, which
// then builds the 年报 alone.
func TestLawGateBlocksTheLawReportOnly(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(t *testing.T, dir string)
		want    string // the blocker, in status's 法治 part and in build's refusal
	}{
		{"no report_date", func(t *testing.T, dir string) {
			editConfig(t, dir, "report_date = 2023-02-20", "")
		}, "nianbao.toml 中没有设置 [law] 的 report_date（成文日期，即报告落款日期）"},
		{"report_date after the deadline", func(t *testing.T, dir string) {
			editConfig(t, dir, "report_date = 2023-02-20", "report_date = 2023-03-02")
		}, "成文日期 2023-03-02 晚于报送期限 2023-03-01（厅字〔2019〕28号）：请在 nianbao.toml 中把 [law] 的 report_date 改为期限之前的日期"},
		{"no measures", editLaw(lawMeasures, "\nmeasures = \"\"\n"),
			"报告内容待补充：一、主要举措和成效：在 nianbao.toml 的 [law] measures 中撰写"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := sampleFolder(t)
			tt.prepare(t, dir)

			st := runIn(t, dir, "status", "--today", "2023-01-20")
			assert.Equal(t, exitFindings, st.code, st.out+st.errOut)
			annual, law := statusSections(t, st.out)
			assert.Contains(t, annual, "可以生成正式报告。")
			assert.NotContains(t, annual, "尚不能生成正式报告")
			assert.NotContains(t, annual, tt.want)
			assert.Contains(t, law, "尚不能生成正式报告，还需：")
			assert.Contains(t, law, tt.want)

			var sum struct {
				OK      bool `json:"ok"`
				Reports []struct {
					Kind     string   `json:"kind"`
					Ready    bool     `json:"ready"`
					Blockers []string `json:"blockers"`
				} `json:"reports"`
			}
			js := runIn(t, dir, "status", "--today", "2023-01-20", "--json")
			assert.Equal(t, exitFindings, js.code)
			require.NoError(t, json.Unmarshal([]byte(js.out), &sum), js.out)
			assert.False(t, sum.OK)
			require.Len(t, sum.Reports, 2)
			assert.True(t, sum.Reports[0].Ready, "年报: %v", sum.Reports[0].Blockers)
			assert.False(t, sum.Reports[1].Ready)
			require.Len(t, sum.Reports[1].Blockers, 1)
			assert.Contains(t, sum.Reports[1].Blockers[0], tt.want)

			b := runIn(t, dir, "build", "--format", "md,json")
			assert.Equal(t, exitFindings, b.code, "build and status agree")
			assert.Empty(t, outFiles(t, dir), "all or nothing")
			assert.Contains(t, b.errOut, "不能生成正式的法治政府建设情况报告，因为：")
			assert.Contains(t, b.errOut, tt.want)
			assert.Contains(t, b.errOut, "没有写入任何文件")
			assert.Contains(t, b.errOut, "--report 年报")
			assert.NotContains(t, b.errOut, "--report 法治", "the blocked report is not offered")
			assert.NotContains(t, b.errOut, "不能生成正式的政府信息公开工作年度报告")

			b = runIn(t, dir, "build", "--report", "法治", "--format", "md")
			assert.Equal(t, exitFindings, b.code)
			assert.Contains(t, b.errOut, tt.want)
			assert.Empty(t, outFiles(t, dir))

			b = runIn(t, dir, "build", "--report", "年报", "--format", "md,json")
			require.Equal(t, exitOK, b.code, b.out+b.errOut)
			assert.ElementsMatch(t, []string{reportBase + ".md", "2022年统计数据.json"}, outFiles(t, dir), "only the 年报's files")
		})
	}
}

// Both reports blocked by the same input: the refusal offers no --report.
func TestBuildBothBlocked(t *testing.T) {
	dir := sampleFolder(t)
	editConfig(t, dir, "report_date = 2023-01-15", "report_date = 2023-02-03", "report_date = 2023-02-20", "report_date = 2023-03-02")
	b := runIn(t, dir, "build", "--format", "md")
	assert.Equal(t, exitFindings, b.code)
	assert.Contains(t, b.errOut, "不能生成正式的政府信息公开工作年度报告，因为：")
	assert.Contains(t, b.errOut, "不能生成正式的法治政府建设情况报告，因为：")
	assert.Contains(t, b.errOut, "没有写入任何文件。")
	assert.NotContains(t, b.errOut, "--report")
	assert.Empty(t, outFiles(t, dir))
}

func TestBuildLawWithoutLawTable(t *testing.T) {
	dir := sampleFolder(t)
	p := filepath.Join(dir, "nianbao.toml")
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	i := strings.Index(string(b), "\n[law]")
	require.Positive(t, i)
	require.NoError(t, os.WriteFile(p, b[:i+1], 0o644))

	r := runIn(t, dir, "build", "--report", "法治")
	assert.Equal(t, exitInput, r.code, r.out+r.errOut)
	assert.Contains(t, r.errOut, "用法错误")
	assert.Contains(t, r.errOut, "[law]")
	assert.Empty(t, outFiles(t, dir))

	// Without [law] the folder makes the 年报 alone, and status shows it alone.
	st := runIn(t, dir, "status", "--today", "2023-01-20")
	assert.Equal(t, exitOK, st.code, st.out+st.errOut)
	assert.NotContains(t, st.out, lawHeading)
	r = runIn(t, dir, "build", "--format", "md")
	require.Equal(t, exitOK, r.code, r.errOut)
	assert.Equal(t, []string{reportBase + ".md"}, outFiles(t, dir))
}

func TestStatusJSONHasBothReports(t *testing.T) {
	dir := sampleFolder(t)
	r := runIn(t, dir, "status", "--today", "2023-01-20", "--json")
	require.Equal(t, exitOK, r.code, r.out+r.errOut)
	type deadline struct {
		Name     string `json:"name"`
		Date     string `json:"date"`
		DaysLeft int    `json:"days_left"`
	}
	var sum struct {
		OK      bool `json:"ok"`
		Ready   bool `json:"ready"`
		Reports []struct {
			Kind      string     `json:"kind"`
			Name      string     `json:"name"`
			Ready     bool       `json:"ready"`
			Tasks     int        `json:"tasks"`
			Deadlines []deadline `json:"deadlines"`
		} `json:"reports"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.out), &sum), r.out)
	assert.True(t, sum.OK)
	assert.True(t, sum.Ready)
	require.Len(t, sum.Reports, 2)
	assert.Equal(t, "年报", sum.Reports[0].Kind)
	assert.Equal(t, "法治", sum.Reports[1].Kind)
	assert.Equal(t, "法治政府建设情况报告", sum.Reports[1].Name)
	for _, rep := range sum.Reports {
		assert.True(t, rep.Ready, rep.Kind)
	}
	assert.Equal(t, 5, sum.Reports[1].Tasks, "the law-tagged tasks: 9 and 101–104")
	assert.Equal(t, []deadline{
		{Name: "法治政府建设情况报告报送期限", Date: "2023-03-01", DaysLeft: 40},
		{Name: "法治政府建设情况报告公开期限", Date: "2023-04-01", DaysLeft: 71},
	}, sum.Reports[1].Deadlines)
	require.NotEmpty(t, sum.Reports[0].Deadlines)
	assert.Equal(t, "2023-01-31", sum.Reports[0].Deadlines[0].Date)
}
