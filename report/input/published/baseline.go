package published

import (
	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/input/workbook"
	"github.com/nianbao/nianbao/report/stats"
)

// Baseline reads last year's published report at path as a workbook
// result; file is the name messages give it. Each figure's position is the
// file and its table row, e.g. What "表三 四、结转下年度继续办理 · 总计".
// notes are what the import could not map or found missing, for the
// clerk to know what the baseline lacks.
//
// The published result itself is returned too, for its text (R18).
func Baseline(path, file string) (res *workbook.Result, r *Result, notes []diag.Message, err error) {
	r, err = ReadFile(path)
	if err != nil {
		return nil, nil, nil, err
	}
	cells := make(map[string]diag.Pos, len(r.Sources))
	for k, s := range r.Sources {
		cells[k] = diag.Pos{File: file, What: WhatOf(s)}
	}
	stamp := stats.Stamp{Org: r.Org, Year: r.Year}
	if r.Year != 0 {
		stamp.Where = diag.Pos{File: file, What: "标题"}
	}
	for _, m := range r.Unmapped {
		m.Pos.File = file
		notes = append(notes, m)
	}
	if len(r.Missing) > 0 {
		notes = append(notes, diag.Message{Pos: diag.Pos{File: file}, Severity: diag.Warning,
			Text: "上年报告中没有以下数字，按 0 核对：" + joinCap(r.Missing, 5)})
	}
	return workbook.FromFigures(r.Stats, stamp, cells), r, notes, nil
}

func joinCap(items []string, n int) string {
	s := ""
	for i, it := range items {
		if i == n {
			return s + " 等 " + itoa(len(items)) + " 项"
		}
		if i > 0 {
			s += "、"
		}
		s += it
	}
	return s
}
