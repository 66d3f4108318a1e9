// Package lawgov is the 法治政府建设情况报告 (《法治政府建设与责任落实督察工作
// 规定》, 厅字〔2019〕28号) as a report kind: five required parts in order,
// fed by the office's [law] texts, the plan's tasks tagged law_section, and
// the figures it shares with the 政府信息公开工作年度报告, taken from the same
// statistics workbook so that the two reports never disagree.
package lawgov

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/nianbao/nianbao/report/compose"
	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/input/config"
	"github.com/nianbao/nianbao/report/input/plan"
	"github.com/nianbao/nianbao/report/stats"
	"github.com/nianbao/nianbao/templates"
)

// Name is the report's name as titles use it.
const Name = "法治政府建设情况报告"

// Parts are the five required items of the report (厅字〔2019〕28号), with
// the official wording, in order; plan.LawSections names them for tasks.
var Parts = [5]string{
	"一、上一年度推进法治政府建设的主要举措和成效",
	"二、上一年度推进法治政府建设存在的不足和原因",
	"三、上一年度党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况",
	"四、下一年度推进法治政府建设的主要安排",
	"五、其他需要报告的情况",
}

// Kind is the 法治政府建设情况报告.
var Kind = &compose.Kind{
	ID:          "法治",
	Name:        Name,
	Templates:   templates.LawGov,
	Main:        templates.LawMain,
	TemplateDir: "templates/lawgov/",
	Overrides:   templates.LawFolder,
	Configured:  func(c *config.Config) bool { return c.Law != nil },
	Date:        func(c *config.Config) time.Time { return law(c).ReportDate },
	DateKey:     "[law] 的 report_date",
	Deadlines: func(c *config.Config) []compose.Deadline {
		l := law(c)
		return []compose.Deadline{
			{Name: Name + "报送期限", Label: "报送期限", Date: l.Deadline, Key: "[law] 的 deadline", Basis: "厅字〔2019〕28号"},
			{Name: Name + "公开期限", Label: "公开期限", Date: l.PublishBy, Key: "[law] 的 publish_by", Basis: "厅字〔2019〕28号第二十四条"},
		}
	},
	FileBase:   func(year int) string { return fmt.Sprintf("%d年%s", year, Name) },
	ExportName: Name + "数据",
	Export:     export,
	Keep:       func(t plan.Task) bool { return t.LawSection != "" },
	Texts:      func(c *config.Config) []config.NarrativeText { return c.LawTexts() },
	Data:       func(in compose.Input) any { return newData(in) },
	Funcs: map[string]any{
		"part":      part,
		"partTasks": partTasks,
	},
	Validate:   complete,
	Chart:      chart,
	Charts:     chartNames,
	KeyFigures: keyFigures,
}

func law(c *config.Config) *config.Law {
	if c.Law == nil {
		return &config.Law{}
	}
	return c.Law
}

// Data is what the 法治 templates see. The figures come from the statistics
// workbook of the disclosure report: never typed twice.
type Data struct {
	Org   string
	Year  int
	Date  time.Time
	Title string
	Text  Text
	// Units > 0: the figures are the aggregate of that many units (nianbao
	// rollup), which the report says where it cites them, with Scope
	// (本系统, 本行政区域, 本级; "" when not set). Both are zero for a
	// body's own report, which never states a scope (spec §3.2).
	Units int
	Scope string

	// From 表二: 行政规范性文件 and 规章 制发 / 废止 / 现行有效.
	NormativeDocs, Regulations stats.DocCounts
	// From 表四: cases about government information disclosure only.
	Review, SuitDirect, SuitAfter Outcome
	Suits                         Outcome // both litigation groups

	Tasks   []compose.Task // the plan's tasks tagged law_section
	NotDone []compose.Task
	Counts  compose.Counts
}

// Text is the office's [law] texts, cleaned for the markup.
type Text struct {
	Measures, Shortfalls, Leaders, NextYear, Other string
}

// Outcome is one group of 表四 by result.
type Outcome struct {
	Upheld, Corrected, Other, Pending, Total int64
}

func outcome(s *stats.Stats, g int) Outcome {
	return Outcome{Upheld: s.Appeal(g, stats.ResultUpheld), Corrected: s.Appeal(g, stats.ResultCorrected),
		Other: s.Appeal(g, stats.ResultOther), Pending: s.Appeal(g, stats.ResultPending), Total: s.AppealTotal(g)}
}

func newData(in compose.Input) *Data {
	c := in.Config
	l := law(c)
	d := &Data{Org: compose.Clean(c.Org), Year: c.Year, Date: l.ReportDate}
	if in.Units > 0 {
		d.Units = in.Units
		if c.Rollup != nil {
			d.Scope = c.Rollup.Scope
		}
	}
	d.Title = compose.Clean(l.Title)
	if d.Title == "" {
		d.Title = fmt.Sprintf("%s%d年%s", d.Org, d.Year, Name)
	}
	f := compose.CleanParas
	d.Text = Text{Measures: f(l.Measures), Shortfalls: f(l.Shortfalls), Leaders: f(l.Leaders), NextYear: f(l.NextYear), Other: f(l.Other)}
	if s := in.Stats; s != nil {
		d.NormativeDocs, d.Regulations = s.Active.NormativeDocs, s.Active.Regulations
		d.Review, d.SuitDirect, d.SuitAfter = outcome(s, stats.AppealReview), outcome(s, stats.AppealSuitDirect), outcome(s, stats.AppealSuitAfter)
		d.Suits = Outcome{Upheld: d.SuitDirect.Upheld + d.SuitAfter.Upheld, Corrected: d.SuitDirect.Corrected + d.SuitAfter.Corrected,
			Other: d.SuitDirect.Other + d.SuitAfter.Other, Pending: d.SuitDirect.Pending + d.SuitAfter.Pending, Total: d.SuitDirect.Total + d.SuitAfter.Total}
	}
	d.Tasks, d.NotDone, d.Counts = compose.Tasks(in, func(t plan.Task) bool { return t.LawSection != "" })
	return d
}

// part is the official heading of part n (1–5).
func part(n int) (string, error) {
	if n < 1 || n > len(Parts) {
		return "", fmt.Errorf("part 只接受 1 到 %d，实为 %d", len(Parts), n)
	}
	return Parts[n-1], nil
}

// partTasks are the 已完成 tasks of a part (plan.LawSections) with their
// 完成情况.
func partTasks(d *Data, name string) ([]compose.Task, error) {
	known := false
	for _, s := range plan.LawSections {
		known = known || s == name
	}
	if !known {
		return nil, fmt.Errorf("partTasks 的部分名称应为 %s 之一，实为“%s”", strings.Join(plan.LawSections, "、"), name)
	}
	var out []compose.Task
	for _, t := range d.Tasks {
		if t.Law == name && t.Done && t.Result != "" {
			out = append(out, t)
		}
	}
	return out, nil
}

// complete is the report's completeness rule: the five parts with their
// official headings, in order, and no statutory table of the other report.
func complete(d *doc.Document, at diag.Pos) diag.Errors {
	o := compose.NewOutline()
	if err := doc.Walk(d.Blocks, o); err != nil {
		return diag.Errors{{Pos: at, Severity: diag.Error, Text: err.Error()}}
	}
	if strings.Join(o.Headings, "|") == strings.Join(Parts[:], "|") {
		return nil
	}
	// The parts' own wording has 、 and ，, so they are listed with ；.
	got := strings.Join(o.Headings, "；")
	if got == "" {
		got = "没有一级标题"
	}
	return diag.Errors{{Pos: at, Severity: diag.Error, Text: fmt.Sprintf(
		"报告的一级标题应依次为规定的五个部分（%s），实为：%s。请用 {{part N}} 生成标题",
		strings.Join(Parts[:], "；"), got)}}
}

// export writes the figures the report quotes, with the report's state.
func export(in compose.Input, m stats.ExportMeta) ([]byte, error) {
	d := newData(in)
	type group struct {
		Upheld    int64 `json:"upheld"`
		Corrected int64 `json:"corrected"`
		Other     int64 `json:"other"`
		Pending   int64 `json:"pending"`
		Total     int64 `json:"total"`
	}
	g := func(o Outcome) group { return group(o) }
	type task struct {
		ID      int    `json:"id"`
		Part    string `json:"part"`
		Status  string `json:"status"`
		Summary string `json:"summary,omitempty"`
	}
	out := struct {
		Schema        int                `json:"schema_version"`
		Report        string             `json:"report"`
		Org           string             `json:"org"`
		Year          int                `json:"year"`
		ReportDate    string             `json:"report_date"`
		Draft         bool               `json:"draft"`
		Check         *stats.ExportCheck `json:"check,omitempty"`
		Source        string             `json:"source"`
		Units         int                `json:"units,omitempty"` // > 0: the sum over that many units
		Scope         string             `json:"scope,omitempty"` // of an aggregate: 本系统, 本行政区域, 本级
		NormativeDocs stats.DocCounts    `json:"normative_docs"`
		Regulations   stats.DocCounts    `json:"regulations"`
		Review        group              `json:"administrative_review"`
		SuitDirect    group              `json:"litigation_direct"`
		SuitAfter     group              `json:"litigation_after_review"`
		Tasks         []task             `json:"tasks"`
	}{Schema: 1, Report: Name, Org: m.Org, Year: m.Year, ReportDate: m.ReportDate, Draft: m.Draft, Check: m.Check,
		Source:        "政府信息公开工作年度报告统计表（表二、表四）",
		NormativeDocs: d.NormativeDocs, Regulations: d.Regulations, Units: d.Units, Scope: d.Scope,
		Review: g(d.Review), SuitDirect: g(d.SuitDirect), SuitAfter: g(d.SuitAfter), Tasks: []task{}}
	for _, t := range d.Tasks {
		out.Tasks = append(out.Tasks, task{ID: t.ID, Part: t.Law, Status: t.Status, Summary: t.Result})
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
