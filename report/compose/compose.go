// Package compose makes the annual report's document model from the
// statistics, the task records and the office's text, through templates the
// office can change.
package compose

import (
	"bytes"
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
	main := root.Lookup(templates.Main)
	if main == nil {
		return nil, diag.Errorf(diag.Pos{File: templates.Main}, "找不到总模板 %s", templates.Main)
	}
	data := newData(in)
	var out bytes.Buffer
	if err := main.Execute(&out, data); err != nil {
		return nil, templateError(err, srcs)
	}
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
	{`function "([^"]+)" not defined`, "没有名为“$1”的函数（可用：section、cn、add、date、num、amount、change、items、sum、line、paras、join、missing、sectionTasks）"},
	{`can't evaluate field (\w+) in type (\S+)`, "数据中没有字段“$1”（见 README 的模板数据说明）"},
	{`map has no entry for key "([^"]+)"`, "数据中没有“$1”"},
	{`no such template "([^"]+)"`, "找不到模板“$1”"},
}

func explain(s string) string {
	for _, e := range explanations {
		re := regexp.MustCompile(e.re)
		if m := re.FindStringSubmatchIndex(s); m != nil {
			return string(re.ExpandString(nil, e.text, s, m)) + "（" + s + "）"
		}
	}
	return s
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

// complete enforces R16 on the composed model: the six sections with their
// exact headings, in order, and each statutory table exactly once.
func complete(d *doc.Document, srcs []source) error {
	want := []string{stats.Section1, stats.Section2, stats.Section3, stats.Section4, stats.Section5, stats.Section6}
	var got []string
	seen := map[string]int{}
	for _, b := range d.Blocks {
		switch b := b.(type) {
		case doc.Heading:
			if b.Level == 1 {
				got = append(got, b.Text)
			}
		case *doc.Table:
			seen[b.ID]++
		}
	}
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
