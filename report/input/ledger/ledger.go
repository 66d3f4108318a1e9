// Package ledger holds the 任务台账: how each task of the year's 政务公开工作
// 要点 was carried out. The office keeps it as a workbook (任务台账.xlsx,
// written from the plan) or, for version control, as TOML; both load into
// one model.
package ledger

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/input/plan"
)

// Status is the 完成状态 of a task.
type Status string

const (
	Unset      Status = ""    // 未填写
	Done       Status = "已完成" //
	InProgress Status = "推进中" //
	NotStarted Status = "未启动" //
	NotApply   Status = "不适用" //
)

// Statuses are the values of the drop-down, in order.
var Statuses = []Status{Done, InProgress, NotStarted, NotApply}

// Label is the status as shown, "未填写" for Unset.
func (s Status) Label() string {
	if s == Unset {
		return "未填写"
	}
	return string(s)
}

func validStatus(s string) bool {
	for _, v := range Statuses {
		if string(v) == s {
			return true
		}
	}
	return false
}

// Record is what the office recorded for one task.
type Record struct {
	ID       int      `json:"id"`
	Status   Status   `json:"status"`
	Result   string   `json:"result,omitempty"`   // 完成情况
	Evidence string   `json:"evidence,omitempty"` // 佐证材料
	Note     string   `json:"note,omitempty"`     // 备注
	Pos      diag.Pos `json:"-"`                  // where it was read
}

// Ledger is the records of one year, by task id.
type Ledger struct {
	File    string
	Records map[int]Record
}

// Get returns the record of a task; a task absent from the ledger has an
// Unset status.
func (l *Ledger) Get(id int) Record {
	if r, ok := l.Records[id]; ok {
		return r
	}
	return Record{ID: id}
}

// Options are what reading needs besides the file.
type Options struct {
	Plan  *plan.Plan
	Today time.Time // for "推进中 past its 完成时限"
}

// Result is a ledger read and checked against the plan.
type Result struct {
	Ledger   *Ledger
	Warnings []diag.Message
}

// Load reads a ledger file by its extension: .xlsx or .toml.
func Load(path string, o Options) (*Result, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".toml":
		return loadTOML(path, o)
	case ".xlsx":
		return loadXLSX(path, o)
	}
	return nil, diag.Errorf(diag.Pos{File: filepath.Base(path)}, "任务台账应为 .xlsx 工作簿或 .toml 文件")
}

// finish applies the checks common to both forms.
func finish(name string, recs []Record, o Options) (*Result, error) {
	var errs diag.Errors
	l := &Ledger{File: name, Records: map[int]Record{}}
	tasks := map[int]plan.Task{}
	if o.Plan != nil {
		for _, t := range o.Plan.Tasks {
			tasks[t.ID] = t
		}
	}
	res := &Result{Ledger: l}
	for _, r := range recs {
		if prev, dup := l.Records[r.ID]; dup {
			errs = append(errs, diag.Message{Pos: r.Pos, Severity: diag.Error,
				Text: fmt.Sprintf("序号 %d 重复（%s 已有这一任务）。每项任务只记一行，请合并或删除重复的一行", r.ID, prev.Pos)})
			continue
		}
		t, known := tasks[r.ID]
		if o.Plan != nil && !known {
			errs = append(errs, diag.Message{Pos: r.Pos, Severity: diag.Error,
				Text: fmt.Sprintf("序号 %d 不在工作要点计划中（计划共 %d 项）。请核对序号，或先在计划文件中增加这项任务", r.ID, len(o.Plan.Tasks))})
			continue
		}
		l.Records[r.ID] = r
		if r.Status == Done && strings.TrimSpace(r.Result) == "" {
			res.Warnings = append(res.Warnings, diag.Message{Pos: r.Pos, Severity: diag.Warning,
				Text: fmt.Sprintf("第 %d 项任务标为已完成，但没有填写完成情况；年度报告需要写明做了什么", r.ID)})
		}
		if known && r.Status == InProgress && t.Due != nil && !o.Today.IsZero() {
			due := t.Due.Time(o.Today.Location())
			if days := int(o.Today.Sub(due).Hours() / 24); o.Today.After(due) && days >= 1 {
				res.Warnings = append(res.Warnings, diag.Message{Pos: r.Pos, Severity: diag.Warning,
					Text: fmt.Sprintf("第 %d 项任务仍在推进中，已超过完成时限 %s %d 天", r.ID, t.Due, days)})
			}
		}
	}
	if len(errs) > 0 {
		return nil, errs.Capped(diag.MaxPerFile)
	}
	if o.Plan != nil {
		var missing []string
		for _, t := range o.Plan.Tasks {
			if _, ok := l.Records[t.ID]; !ok {
				missing = append(missing, fmt.Sprint(t.ID))
			}
		}
		if len(missing) > 0 {
			res.Warnings = append(res.Warnings, diag.Message{Pos: diag.Pos{File: name}, Severity: diag.Warning,
				Text: fmt.Sprintf("台账中没有第 %s 项任务，按“未填写”处理", strings.Join(missing, "、"))})
		}
	}
	res.Warnings = diag.Cap(res.Warnings, diag.MaxPerFile)
	return res, nil
}
