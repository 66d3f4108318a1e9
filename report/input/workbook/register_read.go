package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/input/register"
	"github.com/nianbao/nianbao/report/input/xlsxsafe"
	"github.com/nianbao/nianbao/report/stats"
)

// countRegister counts 表三 and 表四 from the workbook's register, never
// from what its cells show: a typed figure or a cached formula result that
// differs from the count is reported at its cell. A typed one is an error
// (someone overwrote the count and the office's table disagrees with the
// report); a cached one is a note (the file was saved before it was
// recalculated, or by a program that keeps old results).
func (r *reader) countRegister() {
	if r.res.Stamp.Year == 0 {
		// Without the year every application would count as 本年新收.
		r.fail(diag.Pos{File: r.name, Sheet: SheetRequests, Cell: "A2"}, "找不到报告年度（第 2 行的“报告年度：2022年”一类文字），无法按收到日期区分“%s”和“%s”。请恢复第 2 行的报告年度", stats.RequestRows[stats.RowNew].Level1, stats.RequestRows[stats.RowCarriedIn].Level1)
		return
	}
	reg, err := register.FromFile(r.name, r.book(), r.res.Stamp.Year, register.Layout{})
	if err != nil {
		var es diag.Errors
		if errors.As(err, &es) {
			r.errs = append(r.errs, es...)
		} else {
			r.fail(diag.Pos{File: r.name, Sheet: register.SheetApplications}, "申请登记台账无法读取：%v", err)
		}
		return
	}
	r.res.Register = reg
	r.res.Warnings = append(r.res.Warnings, reg.Warnings...)
	for _, d := range reg.Compare(&r.res.Stats) {
		if r.uncounted[d.Key] {
			continue
		}
		p, ok := r.res.cells[d.Key]
		if !ok {
			continue
		}
		from := register.SheetApplications
		if strings.HasPrefix(d.Key, "c") {
			from = register.SheetCases
		}
		if r.formula(p.Sheet, p.Cell) == "" {
			r.fail(p, "%s 填的是 %d，按“%s”逐件计数为 %d。登记台账模式下本表由台账自动计数：请恢复该单元格的公式（可重新运行 nianbao init 生成统计表后复制台账），或补正台账", d.Label, d.Typed, from, d.Want)
			continue
		}
		r.res.Warnings = append(r.res.Warnings, diag.Message{Pos: p, Severity: diag.Warning,
			Text: fmt.Sprintf("%s 显示为 %d，按“%s”逐件计数为 %d；nianbao 采用计数。请在 Excel 或 WPS 中打开并保存一次，使表中数字更新", d.Label, d.Typed, from, d.Want)})
	}
	reg.Count(&r.res.Stats)
	// Cells the register fills are not blanks of the office's.
	for _, s := range []string{SheetRequests, SheetAppeals} {
		delete(r.blanks, s)
	}
	kept := r.res.Blanks[:0]
	for _, b := range r.res.Blanks {
		if !strings.HasPrefix(b, SheetRequests+"!") && !strings.HasPrefix(b, SheetAppeals+"!") {
			kept = append(kept, b)
		}
	}
	r.res.Blanks = kept
}

// registerLimits are the statistics workbook's limits for a workbook that
// keeps a register: its rows outnumber the tables' cells a hundredfold (an
// office receiving 3,000 applications a year writes about 30,000 cells).
var registerLimits = func() xlsxsafe.Limits {
	l := limits
	l.MaxExtent = register.Limits.MaxExtent
	l.MaxSharedStrings = register.Limits.MaxSharedStrings
	l.MaxElements = register.Limits.MaxElements
	l.MaxPart = register.Limits.MaxPart
	return l
}()

// limitsFor picks the limits for data: the register's when its workbook
// part names a 申请登记 sheet. The look is bounded: one part, at most
// 1 MB of it, read before excelize sees anything.
func limitsFor(data []byte) xlsxsafe.Limits {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return limits
	}
	for _, zf := range zr.File {
		if zf.Name != "xl/workbook.xml" {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return limits
		}
		b, _ := io.ReadAll(io.LimitReader(rc, 1<<20))
		_ = rc.Close()
		if bytes.Contains(b, []byte(`name="`+register.SheetApplications+`"`)) {
			return registerLimits
		}
		return limits
	}
	return limits
}

// UseRegister puts the count of a register kept outside the workbook
// ([register] in nianbao.toml) in place of the typed 表三, and of 表四 when
// cases is set. A typed figure that differs from the count is reported at
// its cell; the counted tables' blank cells are no longer blanks.
func (r *Result) UseRegister(reg *register.Register, cases bool) {
	r.Register = reg
	r.Warnings = append(r.Warnings, reg.Warnings...)
	sheets := map[string]bool{SheetRequests: true}
	if cases {
		sheets[SheetAppeals] = true
	}
	blank := map[string]bool{}
	for _, b := range r.Blanks {
		blank[b] = true
	}
	for _, d := range reg.Compare(&r.Stats) {
		p, ok := r.cells[d.Key]
		if !ok || !sheets[p.Sheet] || blank[p.Sheet+"!"+p.Cell] {
			continue
		}
		from := reg.File + " › " + reg.AppSheet
		if strings.HasPrefix(d.Key, "c") {
			from = reg.File + " › " + reg.CaseSht
		}
		r.Warnings = append(r.Warnings, diag.Message{Pos: p, Severity: diag.Warning,
			Text: fmt.Sprintf("%s 填的是 %d，按登记台账（%s）逐件计数为 %d；nianbao 采用计数", d.Label, d.Typed, from, d.Want)})
	}
	want := r.Stats
	reg.Count(&want)
	r.Stats.Requests = want.Requests
	if cases {
		r.Stats.Appeals = want.Appeals
	}
	kept := r.Blanks[:0]
	for _, b := range r.Blanks {
		if s, _, _ := strings.Cut(b, "!"); !sheets[s] {
			kept = append(kept, b)
		}
	}
	r.Blanks = kept
	notes := r.BlankNotes[:0]
	for _, m := range r.BlankNotes {
		if !sheets[m.Pos.Sheet] {
			notes = append(notes, m)
		}
	}
	r.BlankNotes = notes
	tables := r.BlankTables[:0]
	for _, p := range r.BlankTables {
		if !sheets[p.Sheet] {
			tables = append(tables, p)
		}
	}
	r.BlankTables = tables
}
