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
	"sort"
	"strconv"
	"strings"
	"text/template"
	"unicode/utf8"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/infile"
	"github.com/nianbao/nianbao/report/stats"
	"github.com/nianbao/nianbao/report/tables"
	"github.com/nianbao/nianbao/templates"
)

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

// TaskGroup is the tasks of one report section that templates list.
type TaskGroup struct {
	Section string
	Tasks   []Task
}

// sectionTasks is the 已完成 tasks of a section with their 完成情况.
func sectionTasks(d *Data, section string) TaskGroup {
	g := TaskGroup{Section: section}
	for _, t := range d.Tasks {
		if t.Section == section && t.Done && t.Result != "" {
			g.Tasks = append(g.Tasks, t)
		}
	}
	return g
}

// source is one template file, for error messages.
type source struct {
	name, path, text string
}

// Compose builds the report.
func Compose(in Input, o Options) (*Result, error) {
	var gaps []string
	fm := funcs(&gaps)
	fm["sectionTasks"] = sectionTasks
	bud := newBudget(o.Limits)
	fm[tickFunc] = bud.tick
	fm["printf"] = printf
	srcs, err := loadSources(o.TemplateDir)
	if err != nil {
		return nil, err
	}
	root := template.New("").Option("missingkey=error").Funcs(fm)
	for _, s := range srcs {
		if _, err := root.New(s.name).Parse(s.text); err != nil {
			return nil, templateError(err, srcs)
		}
	}
	if err := instrument(root); err != nil {
		return nil, templateError(err, srcs)
	}
	main := root.Lookup(templates.Main)
	if main == nil {
		return nil, diag.Errorf(diag.Pos{File: templates.Main}, "找不到总模板 %s", templates.Main)
	}
	data := newData(in)
	bud.start()
	if err := main.Execute(bud, data); err != nil {
		return nil, templateError(err, srcs)
	}
	out := &bud.buf
	d := &doc.Document{Meta: doc.Meta{
		Org: data.Org, Year: data.Year, Date: chineseDate(data.Date), Subject: "政府信息公开工作年度报告",
		Draft: o.Draft, DraftNote: o.DraftNote,
	}}
	if !data.Date.IsZero() {
		d.Meta.ISODate = data.Date.Format("2006-01-02")
	}
	build := func(id string) *doc.Table { return tables.Build(id, in.Stats) }
	if err := parseMarkup(out.String(), d, build, doc.Signature{Org: data.Org, Date: d.Meta.Date}); err != nil {
		var me *markupError
		if errors.As(err, &me) {
			return nil, diag.Errors{{Pos: findLine(me.text, srcs), Severity: diag.Error, Text: me.msg}}
		}
		return nil, err
	}
	if err := complete(d, srcs); err != nil {
		return nil, err
	}
	return &Result{Doc: d, Gaps: gaps}, nil
}

// loadSources reads the embedded templates, then the overrides.
func loadSources(dir string) ([]source, error) {
	byName := map[string]source{}
	entries, err := fs.Glob(templates.FS, "*.tmpl")
	if err != nil {
		return nil, err
	}
	for _, name := range entries {
		b, err := templates.FS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		byName[name] = source{name: name, path: "内置模板 templates/" + name, text: string(b)}
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

var tmplErr = regexp.MustCompile(`^template: ([^:]+):(\d+)(?::\d+)?: (.*)$`)

// templateError turns a text/template error into a message naming the
// template file and line, in Chinese where we know the wording.
func templateError(err error, srcs []source) error {
	var be *budgetError
	if errors.As(err, &be) {
		return be.locate(srcs)
	}
	msg := err.Error()
	m := tmplErr.FindStringSubmatch(msg)
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
	return diag.Errorf(diag.Pos{File: path, Line: line}, "模板错误：%s", explain(m[3]))
}

var explanations = []struct{ re, text string }{
	{`^function "([^"]+)" not defined$`, "没有名为“$1”的函数（可用：section、cn、add、date、num、amount、change、items、sum、line、paras、join、missing、sectionTasks）"},
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

var execAt = regexp.MustCompile(`^executing "[^"]*" at <(.*)>: (.*)$`)

var callErr = regexp.MustCompile(`^error calling (\S+): (.*)$`)

// explain restates a text/template error in Chinese; the action where it
// happened is quoted as written in the template.
func explain(s string) string {
	where := ""
	if m := execAt.FindStringSubmatch(s); m != nil {
		where, s = m[1], m[2]
	}
	text := translate(s)
	if m := callErr.FindStringSubmatch(s); m != nil {
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

// tableSection is where each statutory table belongs (docs/format.md#sections).
var (
	tableSection   = map[string]string{"表二": stats.Section2, "表三": stats.Section3, "表四": stats.Section4}
	tableSectionNo = map[string]int{"表二": 2, "表三": 3, "表四": 4}
)

// outline collects what R16 looks at, as a doc.Visitor: the level-1
// headings in order and where each statutory table is. Every kind of block
// says whether it counts, so that a new kind is a decision here too.
type outline struct {
	got   []string          // level-1 headings
	seen  map[string]int    // table ID → how many times
	under map[string]string // table → the level-1 heading it follows
}

func (o *outline) Heading(h doc.Heading) error {
	if h.Level == 1 {
		o.got = append(o.got, h.Text)
	}
	return nil
}

func (o *outline) Table(t *doc.Table) error {
	if t == nil {
		return nil
	}
	o.seen[t.ID]++
	if len(o.got) > 0 {
		o.under[t.ID] = o.got[len(o.got)-1]
	}
	return nil
}

// The other kinds neither open a section nor are a statutory table.
func (*outline) Paragraph(doc.Paragraph) error { return nil }
func (*outline) List(doc.List) error           { return nil }
func (*outline) Note(doc.Note) error           { return nil }
func (*outline) Signature(doc.Signature) error { return nil }
func (*outline) PageBreak(doc.PageBreak) error { return nil }

// complete enforces R16 on the composed model: the six sections with their
// exact headings, in order, and each statutory table exactly once.
func complete(d *doc.Document, srcs []source) error {
	want := []string{stats.Section1, stats.Section2, stats.Section3, stats.Section4, stats.Section5, stats.Section6}
	o := &outline{seen: map[string]int{}, under: map[string]string{}}
	if err := doc.Walk(d.Blocks, o); err != nil {
		return err
	}
	got, seen, under := o.got, o.seen, o.under
	var errs diag.Errors
	at := diag.Pos{File: templates.Main}
	for _, s := range srcs {
		if s.name == templates.Main {
			at.File = s.path
		}
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		errs = append(errs, diag.Message{Pos: at, Severity: diag.Error, Text: fmt.Sprintf(
			"报告的一级标题应依次为官方的六个部分（%s），实为：%s。请用 {{section N}} 生成标题（R16）",
			strings.Join(want, "、"), strings.Join(got, "、"))})
	}
	for _, id := range tables.IDs {
		if seen[id] != 1 {
			errs = append(errs, diag.Message{Pos: at, Severity: diag.Error, Text: fmt.Sprintf(
				"%s应在报告中出现一次，实为 %d 次。请用 ::table %s 放置（R16）", id, seen[id], id)})
			continue
		}
		if want := tableSection[id]; under[id] != want {
			where := "在任何一级标题之前"
			if under[id] != "" {
				where = "在“" + under[id] + "”之下"
			}
			errs = append(errs, diag.Message{Pos: at, Severity: diag.Error, Text: fmt.Sprintf(
				"%s应放在“%s”之下，实为%s。请把 ::table %s 移到 {{section %d}} 之后（R16）", id, want, where, id, tableSectionNo[id])})
		}
	}
	if d.Title == "" {
		errs = append(errs, diag.Message{Pos: at, Severity: diag.Error, Text: "报告没有标题：模板中应有一行“= 标题”"})
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}
