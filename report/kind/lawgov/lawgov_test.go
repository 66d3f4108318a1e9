package lawgov

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/compose"
	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/doc/doctest"
	"github.com/nianbao/nianbao/report/input/config"
	"github.com/nianbao/nianbao/report/stats"
	"github.com/nianbao/nianbao/report/testkit/sample"
	"github.com/nianbao/nianbao/templates"
)

// sampleInput loads the shipped sample as build does.
func sampleInput(t testing.TB) compose.Input {
	t.Helper()
	in := sample.Input(t)
	require.NotNil(t, in.Config.Law, "the sample has a [law] table")
	return in
}

func composeOK(t *testing.T, in compose.Input, o compose.Options) *compose.Result {
	t.Helper()
	res, err := compose.Compose(Kind, in, o)
	require.NoError(t, err)
	return res
}

func headings(t *testing.T, d *doc.Document) []string {
	t.Helper()
	o := compose.NewOutline()
	require.NoError(t, doc.Walk(d.Blocks, o))
	return o.Headings
}

// parts is the parenthesised list of a 表四 group's outcomes as the report
// must write them: only the non-zero ones, in the table's order.
func parts(o Outcome) string {
	var p []string
	for _, x := range []struct {
		label string
		n     int64
	}{{"结果维持", o.Upheld}, {"结果纠正", o.Corrected}, {"其他结果", o.Other}, {"尚未审结", o.Pending}} {
		if x.n != 0 {
			p = append(p, fmt.Sprintf("%s%d件", x.label, x.n))
		}
	}
	if len(p) == 0 {
		return ""
	}
	return "（" + strings.Join(p, "、") + "）"
}

// figures is the figures sentence expected from the workbook's cells: 表二
// row 行政规范性文件 and 表四's first group (行政复议) and both litigation
// groups added.
func figures(s *stats.Stats) string {
	nd := s.Active.NormativeDocs
	a := s.Appeals
	review := Outcome{Upheld: a[0], Corrected: a[1], Other: a[2], Pending: a[3], Total: a[4]}
	suits := Outcome{Upheld: a[5] + a[10], Corrected: a[6] + a[11], Other: a[7] + a[12], Pending: a[8] + a[13], Total: a[9] + a[14]}
	return fmt.Sprintf("本年度制发行政规范性文件%d件、废止%d件，截至年底现行有效%d件。", nd.Issued, nd.Repealed, nd.InForce) +
		fmt.Sprintf("本年度因政府信息公开工作被申请行政复议%d件%s、被提起行政诉讼%d件%s。", review.Total, parts(review), suits.Total, parts(suits))
}

func TestSample(t *testing.T) {
	in := sampleInput(t)
	res := composeOK(t, in, compose.Options{})
	d := res.Doc

	assert.Equal(t, "江门市政府投资工程建设管理中心2022年法治政府建设情况报告", d.Title)
	assert.Equal(t, Parts[:], headings(t, d), "the five official parts, in order")
	assert.Empty(t, res.Gaps)
	assert.Equal(t, Name, d.Meta.Subject)
	assert.Equal(t, "2023-02-20", d.Meta.ISODate)

	var sigs []doc.Signature
	for _, b := range d.Blocks {
		if s, ok := b.(doc.Signature); ok {
			sigs = append(sigs, s)
		}
	}
	require.Len(t, sigs, 1)
	assert.Equal(t, doc.Signature{Org: "江门市政府投资工程建设管理中心", Date: "2023年2月20日"}, sigs[0])
	_, last := d.Blocks[len(d.Blocks)-1].(doc.Signature)
	assert.True(t, last, "the signature ends the report")

	// The workbook's cells, read from the statistics; the sample's known
	// values guard against a sample that quotes nothing.
	nd := in.Stats.Active.NormativeDocs
	assert.Equal(t, stats.DocCounts{Issued: 1, Repealed: 0, InForce: 4}, nd)
	assert.Equal(t, int64(1), in.Stats.Appeals[0], "表四 行政复议 结果维持")
	text := doctest.Text(d)
	assert.Contains(t, text, figures(in.Stats))
	assert.Contains(t, text, "本年度制发行政规范性文件1件、废止0件，截至年底现行有效4件。")
	assert.Contains(t, text, "被申请行政复议1件（结果维持1件）、被提起行政诉讼0件。")
	assert.NotContains(t, text, "待补充")
	assert.NotContains(t, text, "TABLE", "the 法治 report has no statutory tables")
}

// big returns figures large and distinct enough that a wrong number in
// the text cannot match by chance.
func big() *stats.Stats {
	s := &stats.Stats{}
	s.Active.Regulations = stats.DocCounts{Issued: 3, Repealed: 2, InForce: 11}
	s.Active.NormativeDocs = stats.DocCounts{Issued: 48, Repealed: 26, InForce: 66}
	s.Appeals = stats.Appeals{72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 0, 1, 6, 19}
	return s
}

var numberRE = regexp.MustCompile(`\d[\d,]*(?:\.\d+)?%?`)

// R12 for the 法治 report: every number of its text is a figure of the
// model, or a number of the office's own texts, a date or a citation.
func TestNumbersComeFromTheModel(t *testing.T) {
	in := sampleInput(t)
	in.Stats = big()
	res := composeOK(t, in, compose.Options{})
	text := doctest.Text(res.Doc)

	allowed := map[string]bool{}
	add := func(s string) {
		for _, m := range numberRE.FindAllString(s, -1) {
			allowed[strings.ReplaceAll(m, ",", "")] = true
		}
	}
	for _, f := range in.Stats.Fields() {
		if f.Int != nil {
			add(strconv.FormatInt(*f.Int, 10))
		}
	}
	d := newData(in)
	for _, v := range []int64{d.Suits.Upheld, d.Suits.Corrected, d.Suits.Other, d.Suits.Pending, d.Suits.Total,
		int64(len(d.NotDone)), int64(in.Config.Year)} {
		add(strconv.FormatInt(v, 10))
	}
	for _, task := range append(append([]compose.Task{}, d.Tasks...), d.NotDone...) {
		add(strconv.Itoa(task.ID))
		add(task.Detail + task.Result + task.Note)
	}
	for _, nt := range in.Config.LawTexts() {
		add(nt.Text)
	}
	add(in.Config.Org + compose.ChineseDate(d.Date) + " 厅字〔2019〕28号")

	for _, m := range numberRE.FindAllString(text, -1) {
		assert.True(t, allowed[strings.ReplaceAll(m, ",", "")], "number %q in the text is no figure of the model", m)
	}

	// The figures themselves, with the parts of each group.
	assert.Contains(t, text, "本年度制定规章3件、废止2件，现行有效规章11件。")
	assert.Contains(t, text, "本年度制发行政规范性文件48件、废止26件，截至年底现行有效66件。")
	assert.Contains(t, text, "被申请行政复议351件（结果维持72件、结果纠正64件、其他结果178件、尚未审结37件）")
	// 诉讼: 直接起诉 13/4/8/1/26 plus 复议后起诉 12/0/1/6/19; a zero part is left out.
	assert.Contains(t, text, "被提起行政诉讼45件（结果维持25件、结果纠正4件、其他结果9件、尚未审结7件）。")
	assert.Contains(t, text, figures(in.Stats))
}

func TestFiguresWithoutCases(t *testing.T) {
	in := sampleInput(t)
	s := *in.Stats
	s.Appeals = stats.Appeals{}
	s.Active.NormativeDocs = stats.DocCounts{}
	in.Stats = &s
	text := doctest.Text(composeOK(t, in, compose.Options{}).Doc)
	assert.Contains(t, text, "本年度未发生因政府信息公开工作被申请行政复议、被提起行政诉讼的情况。")
	assert.Contains(t, text, "本年度本机关未制发、废止行政规范性文件。")
	assert.NotContains(t, text, "被申请行政复议0件")
	assert.NotContains(t, text, "制定规章", "no 规章 sentence without 规章")
}

// Each text of [law] the office must write is a gap when empty; 其他情况
// may be empty.
func TestLawTextsGaps(t *testing.T) {
	const filled = "本部分由本机关撰写。"
	tests := []struct {
		key    string
		set    func(l *config.Law, s string)
		gap    bool
		inText string
	}{
		{"measures", func(l *config.Law, s string) { l.Measures = s }, true, "（待补充：一、主要举措和成效：在 nianbao.toml 的 [law] measures 中撰写）"},
		{"shortfalls", func(l *config.Law, s string) { l.Shortfalls = s }, true, "（待补充：二、存在的不足和原因：在 nianbao.toml 的 [law] shortfalls 中撰写）"},
		{"leaders", func(l *config.Law, s string) { l.Leaders = s }, true, "[law] leaders"},
		{"next_year", func(l *config.Law, s string) { l.NextYear = s }, true, "[law] next_year"},
		{"other", func(l *config.Law, s string) { l.Other = s }, false, "无其他需要报告的情况。"},
	}
	for _, tt := range tests {
		for _, empty := range []string{"", " \n\n "} {
			t.Run(fmt.Sprintf("%s=%q", tt.key, empty), func(t *testing.T) {
				in := sampleInput(t)
				tt.set(in.Config.Law, empty)
				res := composeOK(t, in, compose.Options{})
				text := doctest.Text(res.Doc)
				assert.Contains(t, text, tt.inText)
				assert.Equal(t, Parts[:], headings(t, res.Doc), "an empty part keeps its heading")
				if !tt.gap {
					assert.Empty(t, res.Gaps)
					return
				}
				require.Len(t, res.Gaps, 1)
				assert.Contains(t, res.Gaps[0], "[law] "+tt.key)
			})
		}
		t.Run(tt.key+" written", func(t *testing.T) {
			in := sampleInput(t)
			tt.set(in.Config.Law, filled)
			res := composeOK(t, in, compose.Options{})
			assert.Empty(t, res.Gaps)
			text := doctest.Text(res.Doc)
			assert.Contains(t, text, filled)
			assert.NotContains(t, text, "待补充")
			if tt.key == "other" {
				assert.NotContains(t, text, "无其他需要报告的情况。", "written 其他情况 replaces the stock sentence")
			}
		})
	}
}

func TestTitleOverride(t *testing.T) {
	in := sampleInput(t)
	in.Config.Law.Title = "江门市政府投资工程建设管理中心关于2022年度法治政府建设情况的报告"
	d := composeOK(t, in, compose.Options{}).Doc
	assert.Equal(t, in.Config.Law.Title, d.Title)
	assert.Equal(t, Parts[:], headings(t, d))
}

// overrideDir is an office template folder whose 法治 subfolder holds
// report.tmpl, the default one edited by edit.
func overrideDir(t *testing.T, edit func(string) string) (dir, file string) {
	t.Helper()
	b, err := templates.LawGov.(interface{ ReadFile(string) ([]byte, error) }).ReadFile(templates.LawMain)
	require.NoError(t, err)
	dir = t.TempDir()
	sub := filepath.Join(dir, templates.LawFolder)
	require.NoError(t, os.MkdirAll(sub, 0o755))
	file = filepath.Join(sub, templates.LawMain)
	text := edit(string(b))
	require.NotEqual(t, string(b), text, "the edit changes the template")
	require.NoError(t, os.WriteFile(file, []byte(text), 0o644))
	return dir, file
}

func TestTemplateOverrides(t *testing.T) {
	tests := []struct {
		name string
		edit func(string) string
		want []string // in the error; nil: composes
	}{
		{"unchanged wording", func(s string) string {
			return strings.Replace(s, "现将", "现将本机关", 1)
		}, nil},
		{"a part dropped", func(s string) string {
			return strings.Replace(s, "# {{part 5}}\n", "", 1)
		}, []string{"报告的一级标题应依次为规定的五个部分（" + strings.Join(Parts[:], "；") + "）",
			"实为：" + strings.Join(Parts[:4], "；") + "。"}},
		{"two parts swapped", func(s string) string {
			s = strings.Replace(s, "# {{part 1}}", "# {{part X}}", 1)
			s = strings.Replace(s, "# {{part 2}}", "# {{part 1}}", 1)
			return strings.Replace(s, "# {{part X}}", "# {{part 2}}", 1)
		}, []string{"实为：" + Parts[1] + "；" + Parts[0] + "；" + strings.Join(Parts[2:], "；") + "。"}},
		{"a heading reworded", func(s string) string {
			return strings.Replace(s, "# {{part 3}}", "# 三、主要负责人履行职责情况", 1)
		}, []string{"实为：" + Parts[0] + "；" + Parts[1] + "；三、主要负责人履行职责情况；" + Parts[3] + "；" + Parts[4] + "。"}},
		{"no part headings at all", func(s string) string {
			return regexp.MustCompile(`(?m)^# \{\{part \d\}\}\n`).ReplaceAllString(s, "")
		}, []string{"（" + strings.Join(Parts[:], "；") + "），实为：没有一级标题。"}},
		{"a statutory table of the other report", func(s string) string {
			return strings.Replace(s, "# {{part 2}}", "::table 表三\n\n# {{part 2}}", 1)
		}, []string{"没有法定表格", "::table 表三"}},
		{"partTasks with an unknown part", func(s string) string {
			return strings.Replace(s, `(partTasks . "不足和原因")`, `(partTasks . "存在问题")`, 1)
		}, []string{"模板错误", "partTasks 的部分名称应为 主要举措和成效、不足和原因、第一责任人职责、下一年度安排、其他情况 之一，实为“存在问题”"}},
		{"part out of range", func(s string) string {
			return strings.Replace(s, "# {{part 5}}", "# {{part 6}}", 1)
		}, []string{"模板错误", "part 只接受 1 到 5，实为 6"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, file := overrideDir(t, tt.edit)
			res, err := compose.Compose(Kind, sampleInput(t), compose.Options{TemplateDir: dir})
			if tt.want == nil {
				require.NoError(t, err)
				assert.Contains(t, doctest.Text(res.Doc), "现将本机关", "the override is used")
				return
			}
			require.Error(t, err)
			msg := err.Error()
			assert.Contains(t, msg, file, "the message names the template file")
			for _, w := range tt.want {
				assert.Contains(t, msg, w)
			}
			assert.NotContains(t, msg, "error calling", "in Chinese")
		})
	}
}

// Templates of the 年报 in the office's folder itself do not reach the 法治
// report, which reads only its subfolder.
func TestOverridesOfTheOtherKindOnly(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "report.tmpl"), []byte("= 别的报告\n"), 0o644))
	res, err := compose.Compose(Kind, sampleInput(t), compose.Options{TemplateDir: dir})
	require.NoError(t, err)
	assert.Equal(t, Parts[:], headings(t, res.Doc))
}

func TestExport(t *testing.T) {
	in := sampleInput(t)
	b, err := Kind.Export(in, stats.ExportMeta{Org: in.Config.Org, Year: in.Config.Year, ReportDate: "2023-02-20"})
	require.NoError(t, err)
	require.True(t, json.Valid(b), string(b))

	var out struct {
		Schema        *int            `json:"schema_version"`
		Report        string          `json:"report"`
		Org           string          `json:"org"`
		Year          int             `json:"year"`
		ReportDate    string          `json:"report_date"`
		Draft         bool            `json:"draft"`
		NormativeDocs stats.DocCounts `json:"normative_docs"`
		Review        struct {
			Upheld, Corrected, Other, Pending, Total int64
		} `json:"administrative_review"`
		Tasks []struct {
			ID      int    `json:"id"`
			Part    string `json:"part"`
			Status  string `json:"status"`
			Summary string `json:"summary"`
		} `json:"tasks"`
	}
	require.NoError(t, json.Unmarshal(b, &out))
	require.NotNil(t, out.Schema, "schema_version")
	assert.Equal(t, 1, *out.Schema)
	assert.Equal(t, Name, out.Report)
	assert.Equal(t, "江门市政府投资工程建设管理中心", out.Org)
	assert.Equal(t, 2022, out.Year)
	assert.Equal(t, "2023-02-20", out.ReportDate)
	assert.False(t, out.Draft)
	assert.Equal(t, in.Stats.Active.NormativeDocs, out.NormativeDocs)
	a := in.Stats.Appeals
	assert.Equal(t, [5]int64{a[0], a[1], a[2], a[3], a[4]},
		[5]int64{out.Review.Upheld, out.Review.Corrected, out.Review.Other, out.Review.Pending, out.Review.Total})
	assert.Equal(t, int64(1), out.Review.Total)

	var ids []int
	for _, task := range out.Tasks {
		ids = append(ids, task.ID)
		assert.NotEmpty(t, task.Part, "task %d", task.ID)
		assert.NotEmpty(t, task.Status, "task %d", task.ID)
	}
	assert.Equal(t, []int{9, 101, 102, 103, 104}, ids, "the four law tasks and task 9, tagged law_section")

	// Keys as published: a renamed field breaks consumers.
	var keys map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(b, &keys))
	for _, k := range []string{"schema_version", "report", "org", "year", "normative_docs", "administrative_review", "tasks"} {
		assert.Contains(t, keys, k)
	}
}

// The figures of an aggregate (nianbao rollup) are said to be the sum
// over its units, of the configured scope and no other; a body's own
// report never says so (TestSample, and the goldens of the sample).
func TestAggregateFiguresStateScope(t *testing.T) {
	org := "江门市政府投资工程建设管理中心"
	for _, tt := range []struct {
		scope, want string
	}{
		{"本系统", "上述数据由" + org + "汇总本系统12个单位的政府信息公开工作年度报告统计表得出，为各单位数据之和。"},
		{"本行政区域", "汇总本行政区域内12个单位的政府信息公开工作年度报告统计表得出"},
		{"本级", "汇总本级12个单位的政府信息公开工作年度报告统计表得出"},
		{"", "汇总（待补充：汇总范围）12个单位"},
	} {
		t.Run(tt.scope, func(t *testing.T) {
			in := sampleInput(t)
			cfg := *in.Config
			cfg.Rollup = &config.Rollup{Units: []string{"甲局"}, Scope: tt.scope}
			in.Config, in.Units, in.Stats = &cfg, 12, big()
			text := doctest.Text(composeOK(t, in, compose.Options{}).Doc)
			assert.Contains(t, text, tt.want)
			assert.Contains(t, text, figures(in.Stats)+"上述数据由"+org+"汇总", "the sentence follows the figures it is about")
			for _, other := range config.Scopes {
				if other != tt.scope {
					assert.NotContains(t, text, "汇总"+other, "never a mix")
				}
			}

			b, err := Kind.Export(in, stats.ExportMeta{Org: cfg.Org, Year: cfg.Year})
			require.NoError(t, err)
			var out struct {
				Units int    `json:"units"`
				Scope string `json:"scope"`
			}
			require.NoError(t, json.Unmarshal(b, &out))
			assert.Equal(t, 12, out.Units)
			assert.Equal(t, tt.scope, out.Scope)
		})
	}

	// Nothing to count: 各单位, not 本机关.
	in := sampleInput(t)
	cfg := *in.Config
	cfg.Rollup = &config.Rollup{Units: []string{"甲局"}, Scope: "本级"}
	in.Config, in.Units, in.Stats = &cfg, 3, &stats.Stats{}
	text := doctest.Text(composeOK(t, in, compose.Options{}).Doc)
	assert.Contains(t, text, "本年度汇总的各单位均未制发、废止行政规范性文件。本年度未发生因政府信息公开工作被申请行政复议、被提起行政诉讼的情况。上述数据由"+org+"汇总本级3个单位")
	assert.NotContains(t, text, "本机关")

	// A body's own figures: no sum, no scope, whatever [rollup] says.
	in = sampleInput(t)
	in.Config = &cfg
	text = doctest.Text(composeOK(t, in, compose.Options{}).Doc)
	assert.NotContains(t, text, "个单位")
	assert.NotContains(t, text, "本级")
	b, err := Kind.Export(in, stats.ExportMeta{Org: cfg.Org, Year: cfg.Year})
	require.NoError(t, err)
	assert.NotContains(t, string(b), `"units"`)
	assert.NotContains(t, string(b), `"scope"`)
}
