// Package disclosure is the 政府信息公开工作年度报告 (国办公开办函〔2021〕30号)
// as a report kind: its six sections, its three statutory tables, its
// template data and its completeness rule R16.
package disclosure

import (
	"fmt"
	"strings"
	"time"

	"github.com/nianbao/nianbao/report/compose"
	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/doc"
	"github.com/nianbao/nianbao/report/input/config"
	"github.com/nianbao/nianbao/report/kind/disclosure/tables"
	"github.com/nianbao/nianbao/report/stats"
	"github.com/nianbao/nianbao/templates"
)

// Name is the report's statutory name.
const Name = "政府信息公开工作年度报告"

// Kind is the 政府信息公开工作年度报告.
var Kind = &compose.Kind{
	ID:          "年报",
	Name:        Name,
	Templates:   templates.FS,
	Main:        templates.Main,
	TemplateDir: "templates/",
	Configured:  func(*config.Config) bool { return true },
	Date:        func(c *config.Config) time.Time { return c.ReportDate },
	Deadlines: func(c *config.Config) []compose.Deadline {
		// 条例第四十九条: by 1月31日 (config.Load sets the default).
		return []compose.Deadline{{Name: Name + "公布期限", Label: "公布期限", Date: c.Deadline, Key: "deadline", Basis: "条例第四十九条，R17"}}
	},
	DateKey:    "report_date",
	FileBase:   func(year int) string { return fmt.Sprintf("%d年%s", year, Name) },
	ExportName: "统计数据",
	Export: func(in compose.Input, m stats.ExportMeta) ([]byte, error) {
		return stats.ExportJSON(m, in.Stats)
	},
	OpenData: openData,
	Keep:     hasSection,
	Texts:    func(c *config.Config) []config.NarrativeText { return c.NarrativeTexts() },
	Data:     func(in compose.Input) any { return newData(in) },
	Funcs: map[string]any{
		"section":      section,
		"sectionTasks": sectionTasks,
	},
	Table:        func(id string, in compose.Input) *doc.Table { return tables.Build(id, in.Stats) },
	Tables:       tables.IDs,
	Chart:        Chart,
	Charts:       ChartNames,
	ChecksCharts: true,
	KeyFigures:   KeyFigures,
	Validate:     complete,
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

// headings are the six sections' official headings, written once in
// report/stats.
var headings = []string{stats.Section1, stats.Section2, stats.Section3, stats.Section4, stats.Section5, stats.Section6}

// section is the official heading of section n (1–6).
func section(n int) (string, error) {
	if n < 1 || n > len(headings) {
		return "", fmt.Errorf("section 只接受 1 到 %d，实为 %d", len(headings), n)
	}
	return headings[n-1], nil
}

// tableSection is where each statutory table belongs (docs/format.md#sections).
var (
	tableSection   = map[string]string{"表二": stats.Section2, "表三": stats.Section3, "表四": stats.Section4}
	tableSectionNo = map[string]int{"表二": 2, "表三": 3, "表四": 4}
)

// complete enforces R16 on the composed model: the six sections with their
// exact headings, in order, and each statutory table exactly once.
func complete(d *doc.Document, at diag.Pos) diag.Errors {
	o := compose.NewOutline()
	if err := doc.Walk(d.Blocks, o); err != nil {
		return diag.Errors{{Pos: at, Severity: diag.Error, Text: err.Error()}}
	}
	var errs diag.Errors
	if strings.Join(o.Headings, "|") != strings.Join(headings, "|") {
		errs = append(errs, diag.Message{Pos: at, Severity: diag.Error, Text: fmt.Sprintf(
			"报告的一级标题应依次为官方的六个部分（%s），实为：%s。请用 {{section N}} 生成标题（R16）",
			strings.Join(headings, "、"), strings.Join(o.Headings, "、"))})
	}
	for _, id := range tables.IDs {
		if o.Seen[id] != 1 {
			errs = append(errs, diag.Message{Pos: at, Severity: diag.Error, Text: fmt.Sprintf(
				"%s应在报告中出现一次，实为 %d 次。请用 ::table %s 放置（R16）", id, o.Seen[id], id)})
			continue
		}
		if want := tableSection[id]; o.Under[id] != want {
			where := "在任何一级标题之前"
			if o.Under[id] != "" {
				where = "在“" + o.Under[id] + "”之下"
			}
			errs = append(errs, diag.Message{Pos: at, Severity: diag.Error, Text: fmt.Sprintf(
				"%s应放在“%s”之下，实为%s。请把 ::table %s 移到 {{section %d}} 之后（R16）", id, want, where, id, tableSectionNo[id])})
		}
	}
	return errs
}
