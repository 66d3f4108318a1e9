// Package compose makes the annual report's document model from the
// statistics, the task records and the office's text, through templates the
// office can change.
package compose

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/template"
	"time"
	"unicode/utf8"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/input/config"
	"github.com/nianbao/nianbao/report/input/infile"
	"github.com/nianbao/nianbao/report/input/plan"
	"github.com/nianbao/nianbao/report/lazyre"
	"github.com/nianbao/nianbao/report/stats"
)

// Kind is one statutory report compose can make: compose itself knows no
// report, so the 政府信息公开工作年度报告 and the 法治政府建设情况报告 are
// each a value of this type, in their own package.
type Kind struct {
	// ID names the kind on the command line and in JSON (年报, 法治).
	ID string
	// Name is the report's name (the document's subject).
	Name string
	// Templates holds the default templates (*.tmpl at its root); Main is
	// the one that composes the whole report.
	Templates fs.FS
	Main      string
	// TemplateDir is how messages name the default templates' folder.
	TemplateDir string
	// Overrides is the subfolder of the office's template folder whose
	// files override the defaults by name; "" for the folder itself.
	Overrides string

	// Configured says whether a working folder is set up for the report.
	Configured func(*config.Config) bool
	// Date is the report's 成文日期 in the config, set by the key DateKey.
	Date    func(*config.Config) time.Time
	DateKey string
	// Deadlines are the report's dates; a formal report's 成文日期 must not
	// be after the first.
	Deadlines func(*config.Config) []Deadline
	// FileBase names the output files without extension (2022年…报告).
	FileBase func(year int) string
	// Export writes the figures the report quotes as JSON, in a file named
	// FileBase's year + ExportName.
	Export     func(Input, stats.ExportMeta) ([]byte, error)
	ExportName string
	// OpenData gives the figures as CSV files (开放数据), each named by
	// FileBase's year + ExportName + "-" + its Name; nil for none.
	OpenData func(Input) []stats.CSVTable
	// Keep selects the plan tasks the report draws on.
	Keep func(plan.Task) bool
	// Texts are the office's texts in nianbao.toml the report quotes, with
	// their lines, for R12.
	Texts func(*config.Config) []config.NarrativeText

	// Data makes what templates see.
	Data func(Input) any
	// Funcs are the kind's own template helpers, beside the shared ones.
	Funcs template.FuncMap
	// Table builds the block of a ::table directive; nil when the kind has
	// no tables. Tables lists the names it accepts, for messages.
	Table  func(id string, in Input) *doc.Table
	Tables []string
	// Chart builds the block of a ::chart directive from the statistics;
	// nil when the kind has no charts. Charts lists the names it accepts.
	Chart  func(id string, in Input) *doc.Chart
	Charts []string
	// ChecksCharts: the kind checks the names nianbao.toml's charts
	// key gives, whose vocabulary is its own (the 年报, whose charts
	// every other kind's are among); others ignore names they lack.
	ChecksCharts bool
	// KeyFigures are the figures the 图解 shows large; nil for none.
	KeyFigures func(in Input) []doc.KeyFigure
	// Validate checks the composed document's structure (the 年报's R16);
	// main names the main template for messages.
	Validate func(d *doc.Document, main diag.Pos) diag.Errors
}

// Deadline is one date a report must meet.
type Deadline struct {
	Name  string // 政府信息公开工作年度报告公布期限
	Label string // 公布期限: how messages call it
	Date  time.Time
	Key   string // the nianbao.toml key that sets it
	Basis string // 条例第四十九条
}

// Options control composition.
type Options struct {
	// TemplateDir overrides default templates by file name; "" for none.
	TemplateDir string
	Draft       bool
	DraftNote   string
	Limits      Limits // zero: the defaults (5 s, 10 MB)
}

// Result is the composed report.
type Result struct {
	Doc *doc.Document
	// Gaps are contents a template marked as missing (（待补充）): a final
	// report must have none.
	Gaps []string
}

// source is one template file, for error messages.
type source struct {
	name, path, text string
}

// Compose builds a report of kind k.
func Compose(k *Kind, in Input, o Options) (*Result, error) {
	var gaps []string
	fm := funcs(&gaps)
	for name, f := range k.Funcs {
		fm[name] = f
	}
	bud := newBudget(o.Limits)
	fm[tickFunc] = bud.tick
	fm["printf"] = printf
	fm["charts"] = chartsFunc(k, in.Config)
	if err := checkCharts(k, in.Config); err != nil {
		return nil, err
	}
	dir := o.TemplateDir
	if dir != "" && k.Overrides != "" {
		dir = filepath.Join(dir, k.Overrides)
		if _, err := os.Stat(dir); err != nil {
			dir = "" // the office changed only the other kind's templates
		}
	}
	srcs, err := loadSources(k, dir)
	if err != nil {
		return nil, err
	}
	root := template.New("").Option("missingkey=error").Funcs(fm)
	for _, s := range srcs {
		if _, err := root.New(s.name).Parse(s.text); err != nil {
			return nil, templateError(err, srcs, fm)
		}
	}
	if err := instrument(root); err != nil {
		return nil, templateError(err, srcs, fm)
	}
	main := root.Lookup(k.Main)
	if main == nil {
		return nil, diag.Errorf(diag.Pos{File: k.Main}, "找不到总模板 %s", k.Main)
	}
	data := k.Data(in)
	bud.start()
	if err := main.Execute(bud, data); err != nil {
		return nil, templateError(err, srcs, fm)
	}
	out := &bud.buf
	org := Clean(in.Config.Org)
	date := k.Date(in.Config)
	d := &doc.Document{Meta: doc.Meta{
		Org: org, Year: in.Config.Year, Date: chineseDate(date), Subject: k.Name,
		Draft: o.Draft, DraftNote: o.DraftNote,
	}}
	if !date.IsZero() {
		d.Meta.ISODate = date.Format("2006-01-02")
	}
	table := func(id string) *doc.Table {
		if k.Table == nil {
			return nil
		}
		return k.Table(id, in)
	}
	chart := func(id string) *doc.Chart {
		if k.Chart == nil {
			return nil
		}
		return k.Chart(id, in)
	}
	p := &parser{d: d, tables: table, names: k.Tables, charts: chart, chartNames: k.Charts, sig: doc.Signature{Org: org, Date: d.Meta.Date}}
	if err := p.parse(out.String()); err != nil {
		var me *markupError
		if errors.As(err, &me) {
			return nil, diag.Errors{{Pos: findLine(me.text, srcs), Severity: diag.Error, Text: me.msg}}
		}
		return nil, err
	}
	at := diag.Pos{File: k.Main}
	for _, s := range srcs {
		if s.name == k.Main {
			at.File = s.path
		}
	}
	var errs diag.Errors
	if k.Validate != nil {
		errs = k.Validate(d, at)
	}
	if d.Title == "" {
		errs = append(errs, diag.Message{Pos: at, Severity: diag.Error, Text: "报告没有标题：模板中应有一行“= 标题”"})
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return &Result{Doc: d, Gaps: gaps}, nil
}

// loadSources reads the embedded templates, then the overrides.
func loadSources(k *Kind, dir string) ([]source, error) {
	byName := map[string]source{}
	entries, err := fs.Glob(k.Templates, "*.tmpl")
	if err != nil {
		return nil, err
	}
	for _, name := range entries {
		b, err := fs.ReadFile(k.Templates, name)
		if err != nil {
			return nil, err
		}
		byName[name] = source{name: name, path: "内置模板 " + k.TemplateDir + name, text: string(b)}
	}
	if dir != "" {
		files, err := filepath.Glob(filepath.Join(dir, "*.tmpl"))
		if err != nil {
			return nil, err
		}
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return nil, diag.Errorf(diag.Pos{File: dir}, "找不到模板文件夹。请检查 nianbao.toml 中的 templates 设置，或运行 nianbao init --templates 导出默认模板")
		}
		for _, p := range files {
			b, err := infile.Read(p, infile.MaxTemplate, "模板", "20 KB")
			if err != nil {
				var de diag.Errors
				if errors.As(err, &de) {
					return nil, err
				}
				return nil, diag.Errorf(diag.Pos{File: p}, "无法读取模板：%v", err)
			}
			name := filepath.Base(p)
			byName[name] = source{name: name, path: p, text: string(b)}
		}
	}
	names := make([]string, 0, len(byName))
	for n := range byName {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]source, len(names))
	for i, n := range names {
		out[i] = byName[n]
	}
	return out, nil
}

var tmplErr = lazyre.New(`^template: ([^:]+):(\d+)(?::\d+)?: (.*)$`)

// templateError turns a text/template error into a message naming the
// template file and line, in Chinese where we know the wording.
func templateError(err error, srcs []source, fm template.FuncMap) error {
	var be *budgetError
	if errors.As(err, &be) {
		return be.locate(srcs)
	}
	msg := err.Error()
	m := tmplErr().FindStringSubmatch(msg)
	if m == nil {
		return diag.Errorf(diag.Pos{File: "模板"}, "模板错误：%s", msg)
	}
	path := m[1]
	for _, s := range srcs {
		if s.name == m[1] {
			path = s.path
		}
	}
	line, _ := strconv.Atoi(m[2])
	return diag.Errorf(diag.Pos{File: path, Line: line}, "模板错误：%s", explain(m[3], fm))
}

var explanations = []struct{ re, text string }{
	{`^can't evaluate field (\w+) in type (\S+)$`, "数据中没有字段“$1”（见 README 的模板数据说明）"},
	{`^map has no entry for key "([^"]+)"$`, "数据中没有“$1”"},
	{`^no such template "([^"]+)"$`, "找不到模板“$1”"},
	{`^wrong number of args for (\S+): want at least (\d+) got (\d+)$`, "$1 至少要 $2 个参数，这里写了 $3 个"},
	{`^wrong number of args for (\S+): want (\d+) got (\d+)$`, "$1 要 $2 个参数，这里写了 $3 个"},
	{`^wrong number of args for (\S+): got (\d+) want at least (\d+)$`, "$1 至少要 $3 个参数，这里写了 $2 个"},
	{`^wrong number of args for (\S+): got (\d+) want (\d+)$`, "$1 要 $3 个参数，这里写了 $2 个"},
	{`^(\S+) has arguments but cannot be invoked as function$`, "“$1”不是函数，后面不能跟参数"},
	{`^can't give argument to non-function (.*)$`, "“$1”不是函数，后面不能跟参数：函数名写在最前面，例如 {{add 1 2}}"},
	{`^index out of range: (-?\d+)$`, "下标 $1 超出了范围：列表没有这么多项（下标从 0 开始）"},
	{`^nil pointer evaluating (\S+)\.(\w+)$`, "“$2”没有值：例如没有上年统计表时 .Prev 为空，请先用 {{if .HasPrev}} 判断"},
	{`^range can't iterate over (.*)$`, "{{range}} 不能遍历“$1”：只能遍历列表或整数"},
	{`^exceeded maximum template depth \((\d+)\)$`, "模板相互调用超过 $1 层：请检查 {{template}} 是否调用了自己"},
	{`^incompatible types for comparison$`, "比较的两个值类型不同（例如数字与文字）"},
	{`^wrong type for value; expected (\S+); got (\S+)$`, "值的类型不对：应为 $1，这里是 $2"},
	{`^unexpected EOF$`, "模板在中途结束：{{if}}、{{range}}、{{with}} 或 {{define}} 缺少对应的 {{end}}"},
	{`^unexpected \{\{end\}\}$`, "多了一个 {{end}}：前面没有与之对应的 {{if}}、{{range}} 或 {{with}}"},
	{`^unexpected \{\{else\}\}$`, "多了一个 {{else}}"},
	{`^unclosed action$`, "“{{”没有对应的“}}”"},
	{`^unclosed action started at .*$`, "“{{”没有对应的“}}”"},
	{`^undefined variable "([^"]+)"$`, "变量“$1”没有定义：先用 {{$1 := …}} 定义"},
	{`^missing value for (\w+)$`, "{{$1}} 后面缺少要判断或遍历的值"},
	{`^unterminated (?:raw )?quoted string$`, "引号没有结束"},
	{`^(?:illegal|bad) number syntax: "?([^"]*)"?$`, "数字“$1”写法不对"},
	{`^bad character (.*)$`, "{{ }} 中有不能用的字符 $1"},
	{`^unexpected (.*) in (\w+)$`, "{{ }} 中的 $1 位置不对"},
	{`^empty command$`, "{{ }} 中是空的"},
}

var execAt = lazyre.New(`^executing "[^"]*" at <(.*)>: (.*)$`)

var undefinedFunc = lazyre.New(`^(?:executing "[^"]*" at <(.*)>: )?function "([^"]+)" not defined$`)

// funcNames lists the helpers templates may call, for messages; internal
// ones (the budget's tick, printf's guard) are not offered.
func funcNames(fm template.FuncMap) []string {
	var names []string
	for n := range fm {
		if n != tickFunc && n != "printf" {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}

var callErr = lazyre.New(`^error calling (\S+): (.*)$`)

// explain restates a text/template error in Chinese; the action where it
// happened is quoted as written in the template.
func explain(s string, fm template.FuncMap) string {
	where := ""
	if m := undefinedFunc().FindStringSubmatch(s); m != nil {
		text := "没有名为“" + m[2] + "”的函数（可用：" + strings.Join(funcNames(fm), "、") + "）"
		if m[1] != "" {
			text += "（出错处：{{" + m[1] + "}}）"
		}
		return text
	}
	if m := execAt().FindStringSubmatch(s); m != nil {
		where, s = m[1], m[2]
	}
	text := translate(s)
	if m := callErr().FindStringSubmatch(s); m != nil {
		if strings.ContainsFunc(m[2], func(r rune) bool { return r >= utf8.RuneSelf }) {
			text = m[2] // our own funcs explain themselves
		} else {
			text = "调用 " + m[1] + " 出错：" + translate(m[2])
		}
	}
	if where != "" {
		text += "（出错处：{{" + where + "}}）"
	}
	return text
}

func translate(s string) string {
	for _, e := range explanations {
		re := regexp.MustCompile(e.re)
		if m := re.FindStringSubmatchIndex(s); m != nil {
			return string(re.ExpandString(nil, e.text, s, m))
		}
	}
	return "模板无法执行：" + s
}

// findLine locates the template line that produced a markup line, so that
// a mistake such as "::tabel" is reported where the user wrote it.
func findLine(text string, srcs []source) diag.Pos {
	for _, s := range srcs {
		for i, l := range strings.Split(s.text, "\n") {
			if strings.TrimSpace(l) == text {
				return diag.Pos{File: s.path, Line: i + 1}
			}
		}
	}
	return diag.Pos{File: "模板输出"}
}

// Outline is what a kind's completeness rule looks at, as a doc.Visitor:
// the level-1 headings in order and where each table is. Every kind of
// block says whether it counts, so that a new kind is a decision here too.
type Outline struct {
	Headings []string          // level-1 headings
	Seen     map[string]int    // table ID → how many times
	Under    map[string]string // table → the level-1 heading it follows
}

// NewOutline is an empty outline to walk a document with.
func NewOutline() *Outline {
	return &Outline{Seen: map[string]int{}, Under: map[string]string{}}
}

func (o *Outline) Heading(h doc.Heading) error {
	if h.Level == 1 {
		o.Headings = append(o.Headings, h.Text)
	}
	return nil
}

func (o *Outline) Table(t *doc.Table) error {
	if t == nil {
		return nil
	}
	o.Seen[t.ID]++
	if len(o.Headings) > 0 {
		o.Under[t.ID] = o.Headings[len(o.Headings)-1]
	}
	return nil
}

// The other kinds neither open a section nor are a table: a chart is
// drawn from a statutory table's figures but is no statutory table.
func (*Outline) Chart(*doc.Chart) error { return nil }

func (*Outline) Paragraph(doc.Paragraph) error { return nil }
func (*Outline) List(doc.List) error           { return nil }
func (*Outline) Note(doc.Note) error           { return nil }
func (*Outline) Signature(doc.Signature) error { return nil }
func (*Outline) PageBreak(doc.PageBreak) error { return nil }

// chartsFunc is the templates' charts helper: of the chart names given,
// those nianbao.toml asks for (charts = true or a list), in the order
// given, so that a template places a chart only when the office wants it:
//
//	{{range charts "申请办理" "办理结果"}}::chart {{.}}{{end}}
//
// A name the kind has no chart of is an error, in the template or in
// nianbao.toml.
func chartsFunc(k *Kind, c *config.Config) func(names ...string) ([]string, error) {
	known := func(n string) bool { return slices.Contains(k.Charts, n) }
	return func(names ...string) ([]string, error) {
		for _, n := range names {
			if !known(n) {
				return nil, unknownChart(k, n)
			}
		}
		if c == nil {
			return nil, nil
		}
		var out []string
		for _, n := range names {
			if c.Charts.Wants(n) {
				out = append(out, n)
			}
		}
		return out, nil
	}
}

func unknownChart(k *Kind, n string) error {
	if len(k.Charts) == 0 {
		return fmt.Errorf("这种报告没有图表（“%s”）", n)
	}
	return fmt.Errorf("没有名为“%s”的图表，可用的是 %s", n, strings.Join(k.Charts, "、"))
}

// checkCharts: every chart nianbao.toml names must be one the kind
// offers, for the kind that owns the key (Kind.ChecksCharts).
func checkCharts(k *Kind, c *config.Config) error {
	if c == nil || !k.ChecksCharts {
		return nil
	}
	for _, n := range c.Charts.Names {
		if !slices.Contains(k.Charts, n) {
			return diag.Errorf(diag.Pos{File: c.File, Line: c.Charts.Line}, "charts 中%s", unknownChart(k, n).Error())
		}
	}
	return nil
}
