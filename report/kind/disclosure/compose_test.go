package disclosure

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nianbao/nianbao/report/compose"
	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/doc/doctest"
	"github.com/nianbao/nianbao/report/input/config"
	"github.com/nianbao/nianbao/report/input/ledger"
	"github.com/nianbao/nianbao/report/input/plan"
	"github.com/nianbao/nianbao/report/stats"
	"github.com/nianbao/nianbao/templates"
)

func bigInput(t *testing.T) compose.Input {
	in := sampleInput(t)
	in.Stats, in.Prev = doctest.Huaian2024()
	return in
}

var numberRE = regexp.MustCompile(`\d[\d,]*(?:\.\d+)?%?`)

// R12 by construction: every number in the text of the report is a figure
// of the model (or a number of the office's own text, a date, a legal
// citation of the fixed template text), and the key sentences quote
// exactly the cells they describe.
func TestR12NumbersComeFromTheModel(t *testing.T) {
	in := bigInput(t)
	res, err := compose.Compose(Kind, in, compose.Options{})
	require.NoError(t, err)
	text := doctest.Text(res.Doc)

	allowed := map[string]bool{}
	add := func(s string) {
		for _, m := range numberRE.FindAllString(s, -1) {
			allowed[strings.ReplaceAll(m, ",", "")] = true
		}
	}
	for _, st := range []*stats.Stats{in.Stats, in.Prev} {
		for _, f := range st.Fields() {
			if f.Int != nil {
				add(strconv.FormatInt(*f.Int, 10))
			} else {
				add(f.Dec.String())
			}
		}
	}
	d := newData(in)
	for _, v := range []int64{d.Req.New, d.Req.CarriedIn, d.Req.Handled, d.Req.CarriedOut, d.Req.NewNatural, d.Req.NewLegal,
		d.Req.Granted, d.Req.Partial, d.Req.Denied, d.Req.Unable, d.Req.NotProcessed, d.Req.Other,
		d.Appeals.Review, d.Appeals.Suits, int64(d.Counts.Total), int64(d.Counts.Done), int64(d.Counts.InProgress),
		int64(d.Counts.NotStarted), int64(len(d.NotDone)), int64(in.Config.Year)} {
		add(strconv.FormatInt(v, 10))
	}
	for _, pair := range [][2]int64{{d.Req.New, d.PrevReq.New}, {d.Active.NormativeDocs.InForce, d.PrevAct.NormativeDocs.InForce}} {
		c, _ := compose.Change(pair[0], pair[1])
		add(c)
	}
	for _, task := range d.Tasks {
		add(strconv.Itoa(task.ID))
		add(task.Detail + task.Result + task.Note + task.Evidence)
	}
	add(d.Website + strings.Join(d.Contact, "") + in.Config.Narrative.Problems + in.Config.Narrative.Improvements)
	add("国办公开办函〔2021〕30号 1月1日 12月31日 " + compose.ChineseDate(d.Date))

	for _, m := range numberRE.FindAllString(text, -1) {
		assert.True(t, allowed[strings.ReplaceAll(m, ",", "")], "number %q in the text is not in the model", m)
	}
	for _, want := range []string{
		"新收政府信息公开申请3,119件，比上年增长14.8%，其中自然人2,991件、法人或其他组织128件",
		"上年结转34件", "办结3,050件，其中予以公开1,474件、部分公开184件、无法提供1,165件、不予处理6件、其他处理221件",
		"结转下年度继续办理103件", "被申请行政复议351件、被提起行政诉讼46件",
		"现行有效66件，比上年下降21.4%", "作出行政许可决定447,228件、行政处罚决定3,985,758件、行政强制决定88,283件",
		"行政事业性收费96,171.6万元", "发出收费通知9件，金额合计5,200元；实际收取信息处理费3,940元",
		"制定规章1件、废止0件，现行有效规章11件",
	} {
		assert.Contains(t, text, want)
	}
}

func TestSampleHasNoGapsAndAllSections(t *testing.T) {
	res, err := compose.Compose(Kind, sampleInput(t), compose.Options{})
	require.NoError(t, err)
	assert.Empty(t, res.Gaps)
	assert.Equal(t, "江门市政府投资工程建设管理中心2022年政府信息公开工作年度报告", res.Doc.Title)
	text := doctest.Text(res.Doc)
	assert.Contains(t, text, "本年度未收取信息处理费。")
	assert.Contains(t, text, "本年度政务公开工作要点共30项任务，已完成27项、推进中2项、未启动1项。")
	assert.Contains(t, text, "第27项（办公室牵头，未启动）")
	assert.Contains(t, text, "比上年增长100.0%")
	assert.Contains(t, text, "江门市政府投资工程建设管理中心\n2023年1月15日")
}

func TestGapsWithoutNarrative(t *testing.T) {
	in := sampleInput(t)
	cfg := *in.Config
	cfg.Narrative = config.Narrative{}
	in.Config = &cfg
	in.Ledger = &ledger.Ledger{Records: map[int]ledger.Record{}}
	res, err := compose.Compose(Kind, in, compose.Options{})
	require.NoError(t, err)
	require.Len(t, res.Gaps, 5, "%v", res.Gaps)
	assert.Contains(t, res.Gaps[0], "（三）政府信息管理")
	assert.Contains(t, doctest.Text(res.Doc), "（待补充：五、存在的主要问题")
	assert.Contains(t, doctest.Text(res.Doc), "未填写完成状态30项")
}

// User text cannot inject markup: headings, tables or directives inside a
// task record or the body's name stay text.
func TestUserTextCannotInjectMarkup(t *testing.T) {
	in := sampleInput(t)
	cfg := *in.Config
	cfg.Org = "# 假标题 <script>alert(1)</script> & \"引号\"\x07"
	in.Config = &cfg
	recs := map[int]ledger.Record{}
	for id, r := range in.Ledger.Records {
		recs[id] = r
	}
	recs[1] = ledger.Record{ID: 1, Status: ledger.Done, Result: "\n# 注入的标题\n::table 表二\n- 列表\n\x00控制字符"}
	in.Ledger = &ledger.Ledger{Records: recs}
	res, err := compose.Compose(Kind, in, compose.Options{})
	require.NoError(t, err)
	n := map[string]int{}
	for _, b := range res.Doc.Blocks {
		switch x := b.(type) {
		case doc.Heading:
			n["h"+strconv.Itoa(x.Level)]++
			assert.NotContains(t, x.Text, "注入")
		case *doc.Table:
			n["table"]++
		}
	}
	assert.Equal(t, 6, n["h1"])
	assert.Equal(t, 3, n["table"])
	text := doctest.Text(res.Doc)
	assert.Contains(t, text, "一是# 注入的标题::table 表二- 列表控制字符")
	assert.Contains(t, res.Doc.Title, "<script>alert(1)</script> & \"引号\"")
	assert.NotContains(t, text, "\x00")
	assert.NotContains(t, text, "\x07")
}

func TestTemplateErrorsNameFileAndLine(t *testing.T) {
	tests := []struct {
		name, file, src string
		line            int
		want            string
	}{
		{"unknown function", "other.tmpl", "# {{section 6}}\n\n{{frobnicate 1}}\n", 3, "没有名为“frobnicate”的函数"},
		{"unknown field", "other.tmpl", "# {{section 6}}\n\n\n{{.Nope}}\n", 4, "没有字段“Nope”"},
		{"syntax", "preamble.tmpl", "本报告{{if .Org}}\n", 2, "模板错误"},
		{"unknown directive", "other.tmpl", "# {{section 6}}\n\n::tabel 表二\n", 3, "未知的指令“::tabel”"},
		{"bad section number", "other.tmpl", "# {{section 7}}\n", 1, "section 只接受 1 到 6"},
		{"missing section", "other.tmpl", "# 六、其他事项\n", 0, "官方的六个部分"},
		{"tables swapped", "report.tmpl", strings.Replace(strings.Replace(strings.Replace(mainTemplate(t),
			"\n::table 表二\n", "\n::table X\n", 1), "\n::table 表三\n", "\n::table 表二\n", 1), "\n::table X\n", "\n::table 表三\n", 1), 0,
			"表二应放在“二、主动公开政府信息情况”之下，实为在“三、收到和处理政府信息公开申请情况”之下"},
		{"table before any section", "report.tmpl", strings.Replace(strings.Replace(mainTemplate(t),
			"\n::table 表四\n", "\n", 1), "{{template \"preamble.tmpl\" .}}", "{{template \"preamble.tmpl\" .}}\n\n::table 表四", 1), 0,
			"表四应放在“四、政府信息公开行政复议、行政诉讼情况”之下，实为在任何一级标题之前"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			require.NoError(t, os.WriteFile(filepath.Join(dir, tt.file), []byte(tt.src), 0o644))
			_, err := compose.Compose(Kind, sampleInput(t), compose.Options{TemplateDir: dir})
			var de diag.Errors
			require.ErrorAs(t, err, &de)
			if tt.line > 0 {
				assert.Equal(t, filepath.Join(dir, tt.file), de[0].Pos.File)
				assert.Equal(t, tt.line, de[0].Pos.Line, de.Error())
			}
			assert.Contains(t, de[0].Text, tt.want)
		})
	}
	_, err := compose.Compose(Kind, sampleInput(t), compose.Options{TemplateDir: filepath.Join(t.TempDir(), "没有")})
	var de diag.Errors
	require.ErrorAs(t, err, &de)
	assert.Contains(t, de[0].Text, "找不到模板文件夹")
}

func TestOverrideOneTemplate(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "preamble.tmpl"), []byte("本报告由{{.Org}}编制。\n"), 0o644))
	res, err := compose.Compose(Kind, sampleInput(t), compose.Options{TemplateDir: dir})
	require.NoError(t, err)
	p := res.Doc.Blocks[0].(doc.Paragraph)
	assert.Equal(t, "本报告由江门市政府投资工程建设管理中心编制。", p.Text)
}

func mainTemplate(t *testing.T) string {
	b, err := templates.FS.ReadFile(templates.Main)
	require.NoError(t, err)
	return string(b)
}

// TestNoMarkupThroughAnyField puts a line break followed by markup into
// every user string the report shows, one field at a time.
func TestNoMarkupThroughAnyField(t *testing.T) {
	const evil = "宣传科\n= 伪造的标题\n# 伪造的一级标题\n::table 表二\n::signature"
	tests := []struct {
		name string
		set  func(in *compose.Input, p *plan.Plan, r *ledger.Record, c *config.Config)
	}{
		{"plan department (lead)", func(in *compose.Input, p *plan.Plan, r *ledger.Record, c *config.Config) {
			p.Departments = append(p.Departments, evil)
			p.Tasks[0].Lead = []string{evil}
		}},
		{"plan all departments", func(in *compose.Input, p *plan.Plan, r *ledger.Record, c *config.Config) {
			p.Departments = append(p.Departments, evil)
			p.Tasks[0].Lead = []string{plan.AllDepartments}
		}},
		{"plan task", func(in *compose.Input, p *plan.Plan, r *ledger.Record, c *config.Config) { p.Tasks[0].Task = evil }},
		{"plan detail", func(in *compose.Input, p *plan.Plan, r *ledger.Record, c *config.Config) { p.Tasks[0].Detail = evil }},
		{"ledger result", func(in *compose.Input, p *plan.Plan, r *ledger.Record, c *config.Config) { r.Result = evil }},
		{"ledger note", func(in *compose.Input, p *plan.Plan, r *ledger.Record, c *config.Config) { r.Note = evil }},
		{"ledger evidence", func(in *compose.Input, p *plan.Plan, r *ledger.Record, c *config.Config) { r.Evidence = evil }},
		{"org", func(in *compose.Input, p *plan.Plan, r *ledger.Record, c *config.Config) { c.Org = evil }},
		{"website", func(in *compose.Input, p *plan.Plan, r *ledger.Record, c *config.Config) { c.Website = evil }},
		{"contact", func(in *compose.Input, p *plan.Plan, r *ledger.Record, c *config.Config) { c.Contact = []string{evil} }},
		{"narrative", func(in *compose.Input, p *plan.Plan, r *ledger.Record, c *config.Config) {
			c.Narrative.Summary, c.Narrative.Problems, c.Narrative.Other = evil, evil, evil
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := sampleInput(t)
			cfg := *in.Config
			p := *in.Plan
			p.Tasks = append([]plan.Task{}, p.Tasks...)
			p.Departments = append([]string{}, p.Departments...)
			recs := map[int]ledger.Record{}
			for id, r := range in.Ledger.Records {
				recs[id] = r
			}
			id := p.Tasks[0].ID
			r := recs[id]
			r.Status, r.Result, r.Note = ledger.InProgress, "进展", "下一步"
			tt.set(&in, &p, &r, &cfg)
			recs[id] = r
			in.Config, in.Plan, in.Ledger = &cfg, &p, &ledger.Ledger{Records: recs}
			res, err := compose.Compose(Kind, in, compose.Options{})
			require.NoError(t, err)
			n := map[string]int{}
			for _, b := range res.Doc.Blocks {
				switch x := b.(type) {
				case doc.Heading:
					n["h"+strconv.Itoa(x.Level)]++
					assert.NotContains(t, x.Text, "伪造")
				case *doc.Table:
					n["table"]++
				case doc.Signature:
					n["signature"]++
				}
			}
			assert.Equal(t, 6, n["h1"])
			assert.Equal(t, 3, n["table"])
			assert.Equal(t, 1, n["signature"])
			assert.True(t, strings.HasPrefix(res.Doc.Title, cleanForTest(cfg.Org)), res.Doc.Title)
			assert.NotContains(t, doctest.Text(res.Doc), "\n= 伪造")
		})
	}
}

func cleanForTest(s string) string { return strings.ReplaceAll(s, "\n", "") }

// Completed tasks of one aspect read naturally: a single one is a plain
// paragraph (no 一是 without a 二是), two or more are 一是…二是….
func TestTaskEnumeration(t *testing.T) {
	base := sampleInput(t)
	var ids []int
	for _, task := range base.Plan.Tasks {
		if task.Section == "主动公开" {
			ids = append(ids, task.ID)
		}
	}
	require.GreaterOrEqual(t, len(ids), 3)
	for _, tt := range []struct {
		n    int
		want []string
	}{
		{0, nil},
		{1, []string{"完成情况1。"}},
		{2, []string{"一是完成情况1。", "二是完成情况2。"}},
		{3, []string{"一是完成情况1。", "二是完成情况2。", "三是完成情况3。"}},
	} {
		t.Run(strconv.Itoa(tt.n), func(t *testing.T) {
			in := base
			recs := map[int]ledger.Record{}
			for i, id := range ids[:tt.n] {
				recs[id] = ledger.Record{ID: id, Status: ledger.Done, Result: "完成情况" + strconv.Itoa(i+1) + "。"}
			}
			in.Ledger = &ledger.Ledger{Records: recs}
			res, err := compose.Compose(Kind, in, compose.Options{})
			require.NoError(t, err)
			var got []string
			under := false
			for _, b := range res.Doc.Blocks {
				switch x := b.(type) {
				case doc.Heading:
					under = x.Text == "（一）主动公开"
				case doc.Paragraph:
					if under && strings.Contains(x.Text, "完成情况") {
						got = append(got, x.Text)
					}
				}
			}
			assert.Equal(t, tt.want, got)
		})
	}
}
