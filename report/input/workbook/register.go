package workbook

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/report/input/register"
	"github.com/nianbao/nianbao/report/stats"
)

// SheetChoices holds the drop-down lists of the register, hidden: the
// outcomes in their official wording are longer than the 255 characters a
// list written into the validation itself may have.
const SheetChoices = "登记选项"

// PropMode stamps a workbook whose 表三 and 表四 are counted from its
// register; ModeRegister is its value.
const (
	PropMode     = "nianbao-统计方式"
	ModeRegister = "申请登记台账计数"
)

// registerRows is how many rows the register's validation and formats
// cover: ten times what a busy office receives in a year.
const registerRows = 30000

// registerTop is the header row of the register sheets.
const registerTop = 3

// WriteRegister produces the statistics workbook in register mode: the
// sheets 申请登记 and 复议诉讼登记 (reg's rows, or empty when reg is nil)
// and 表三 and 表四 whose input cells are COUNTIFS formulas over them. Each
// formula carries the count nianbao makes as its cached value, so the file
// opens with its figures in any program. opts.Values gives 表二 and the
// 信息处理费; its 表三 and 表四 are replaced by the count.
func WriteRegister(w io.Writer, opts Options, reg *register.Register) error {
	if reg == nil {
		reg = &register.Register{Year: opts.Year}
	}
	var v stats.Stats
	if opts.Values != nil {
		v = *opts.Values
	}
	reg.Count(&v)
	opts.Values, opts.TotalsAsValues = &v, false
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	b := &builder{f: f, opts: opts}
	if err := b.build(); err != nil {
		return err
	}
	b.registerSheets(reg)
	b.countedTables()
	b.check(f.SetCustomProps(excelize.CustomProperty{Name: PropMode, Value: ModeRegister}))
	if b.err != nil {
		return b.err
	}
	_, err := f.WriteTo(w)
	return err
}

// col is the sheet column of the register's field f as nianbao writes it.
func regCol(f register.Field) string { return string(rune('A' + int(f))) }

func (b *builder) registerSheets(reg *register.Register) {
	f := b.f
	for _, s := range []string{register.SheetApplications, register.SheetCases, SheetChoices} {
		_, err := f.NewSheet(s)
		b.check(err)
	}
	// The choice lists, one column each, from the official labels.
	lists := [][]string{register.Applicants, register.Outcomes, register.Statuses, register.Kinds, register.Results[:]}
	listRef := make([]string, len(lists))
	for i, l := range lists {
		c := string(rune('A' + i))
		for j, v := range l {
			b.check(f.SetCellStr(SheetChoices, cell(c, j+1), v))
		}
		listRef[i] = fmt.Sprintf("'%s'!$%s$1:$%s$%d", SheetChoices, c, c, len(l))
	}
	b.check(f.SetColWidth(SheetChoices, "A", "E", 30))
	b.protect(SheetChoices)
	b.check(f.SetSheetVisible(SheetChoices, false))

	font := &excelize.Font{Family: "宋体", Size: 11}
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	yellow := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFFFF0"}}
	mk := func(s *excelize.Style) int {
		id, err := f.NewStyle(s)
		b.check(err)
		return id
	}
	dateFmt := "yyyy-mm-dd"
	sText := mk(&excelize.Style{Font: font, Border: border, Fill: yellow, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Protection: &excelize.Protection{Locked: false}})
	sDate := mk(&excelize.Style{Font: font, Border: border, Fill: yellow, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}, CustomNumFmt: &dateFmt, Protection: &excelize.Protection{Locked: false}})

	y := b.opts.Year
	serial := func(year, m, d int) int { return register.Date{Y: year, M: m, D: d}.Serial() }
	dateCheck := func(sheet, sqref, what string, from, to int) {
		if y <= 0 {
			return
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = sqref
		b.check(dv.SetRange(from, to, excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween))
		dv.SetInput(what, "填写日期，如 "+strconv.Itoa(y)+"-03-01。")
		dv.SetError(excelize.DataValidationErrorStyleStop, what+"有误", "请填写报告年度（上年结转的申请可为上一年度）内的日期，如 "+strconv.Itoa(y)+"-03-01。")
		b.check(f.AddDataValidation(sheet, dv))
	}
	drop := func(sheet, sqref, what, list string) {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = sqref
		dv.SetSqrefDropList(list)
		dv.SetInput(what, "从下拉列表选择。")
		dv.SetError(excelize.DataValidationErrorStyleStop, what+"有误", "请从下拉列表选择规定的类别。")
		b.check(f.AddDataValidation(sheet, dv))
	}
	top, first, last := registerTop, registerTop+1, registerTop+registerRows

	// 申请登记
	sh := register.SheetApplications
	lastCol := regCol(register.FNote)
	b.put(sh, "A", 1, lastCol, 1, b.title("政府信息公开申请登记台账"), b.sTitle)
	b.check(f.SetRowHeight(sh, 1, 28))
	b.put(sh, "A", 2, lastCol, 2, "每件申请登记一行，“申请情况”表由本表自动计数。申请人类型、办理结果、办理状态从下拉列表选择；"+
		"到12月31日仍未答复的，办理状态选“结转下年度”、办理结果留空；上年结转的申请也登记在本表（收到日期为上一年度）。"+
		"区分处理的只计“（二）部分公开”。申请内容和备注不对外公开。", b.sSub)
	b.check(f.SetRowHeight(sh, 2, 48))
	widths := []float64{8, 12, 14, 40, 44, 12, 12, 20}
	for i, h := range register.AppHeads {
		c := regCol(register.Field(i))
		b.put(sh, c, top, c, top, h, b.sHead)
		b.check(f.SetColWidth(sh, c, c, widths[i]))
		st := sText
		if register.Field(i) == register.FReceived || register.Field(i) == register.FAnswered {
			st = sDate
		}
		b.check(f.SetColStyle(sh, c, st))
	}
	// Column styles reach the title rows too: put theirs back.
	b.put(sh, "A", 1, lastCol, 1, b.title("政府信息公开申请登记台账"), b.sTitle)
	b.check(f.SetCellStyle(sh, "A2", lastCol+"2", b.sSub))
	b.check(f.SetCellStyle(sh, "A3", lastCol+"3", b.sHead))
	rng := func(fl register.Field) string { return fmt.Sprintf("%s%d:%s%d", regCol(fl), first, regCol(fl), last) }
	drop(sh, rng(register.FApplicant), register.HeadApplicant, listRef[0])
	drop(sh, rng(register.FOutcome), register.HeadOutcome, listRef[1])
	drop(sh, rng(register.FStatus), register.HeadStatus, listRef[2])
	dateCheck(sh, rng(register.FReceived), register.HeadReceived, serial(y-1, 1, 1), serial(y, 12, 31))
	dateCheck(sh, rng(register.FAnswered), register.HeadAnswered, serial(y-1, 1, 1), serial(y+1, 12, 31))
	for i, a := range reg.Applications {
		row := first + i
		put := func(fl register.Field, s string) {
			if s != "" {
				b.check(f.SetCellStr(sh, cell(regCol(fl), row), s))
			}
		}
		put(register.FSeq, a.Seq)
		b.check(f.SetCellInt(sh, cell(regCol(register.FReceived), row), int64(a.Received.Serial())))
		put(register.FApplicant, register.Applicants[a.Applicant])
		put(register.FContent, a.Content)
		if a.Carried {
			put(register.FStatus, register.StatusCarried)
		} else {
			put(register.FOutcome, register.Outcomes[a.Outcome-stats.RowFirstOut])
			put(register.FStatus, register.StatusDone)
		}
		if !a.Answered.IsZero() {
			b.check(f.SetCellInt(sh, cell(regCol(register.FAnswered), row), int64(a.Answered.Serial())))
		}
		put(register.FNote, a.Note)
	}
	b.registerSheetSetup(sh, lastCol)

	// 复议诉讼登记
	sh = register.SheetCases
	lastCol = regCol(register.CNote)
	b.put(sh, "A", 1, lastCol, 1, b.title("政府信息公开行政复议、行政诉讼登记"), b.sTitle)
	b.check(f.SetRowHeight(sh, 1, 28))
	b.put(sh, "A", 2, lastCol, 2, "每个案件登记一行，“复议诉讼”表由本表自动计数。案件类型和结果从下拉列表选择；到12月31日尚未审结的，结果选“尚未审结”、审结日期留空。", b.sSub)
	b.check(f.SetRowHeight(sh, 2, 36))
	cwidths := []float64{8, 18, 12, 12, 12, 30}
	for i, h := range register.CaseHeads {
		c := regCol(register.Field(i))
		b.check(f.SetColWidth(sh, c, c, cwidths[i]))
		st := sText
		if register.Field(i) == register.CFiled || register.Field(i) == register.CClosed {
			st = sDate
		}
		b.check(f.SetColStyle(sh, c, st))
		b.put(sh, c, top, c, top, h, b.sHead)
	}
	b.put(sh, "A", 1, lastCol, 1, b.title("政府信息公开行政复议、行政诉讼登记"), b.sTitle)
	b.check(f.SetCellStyle(sh, "A2", lastCol+"2", b.sSub))
	crng := func(fl register.Field) string { return fmt.Sprintf("%s%d:%s%d", regCol(fl), first, regCol(fl), last) }
	drop(sh, crng(register.CKind), register.HeadKind, listRef[3])
	drop(sh, crng(register.CResult), register.HeadResult, listRef[4])
	for i, c := range reg.Cases {
		row := first + i
		if c.Seq != "" {
			b.check(f.SetCellStr(sh, cell(regCol(register.CSeq), row), c.Seq))
		}
		b.check(f.SetCellStr(sh, cell(regCol(register.CKind), row), register.Kinds[c.Kind]))
		if !c.Filed.IsZero() {
			b.check(f.SetCellInt(sh, cell(regCol(register.CFiled), row), int64(c.Filed.Serial())))
		}
		b.check(f.SetCellStr(sh, cell(regCol(register.CResult), row), register.Results[c.Result]))
		if !c.Closed.IsZero() {
			b.check(f.SetCellInt(sh, cell(regCol(register.CClosed), row), int64(c.Closed.Serial())))
		}
		if c.Note != "" {
			b.check(f.SetCellStr(sh, cell(regCol(register.CNote), row), c.Note))
		}
	}
	b.registerSheetSetup(sh, lastCol)
}

// registerSheetSetup freezes the header, filters, protects and sets the
// page up as for the ledger: landscape A4, one page wide, header repeated.
func (b *builder) registerSheetSetup(sh, lastCol string) {
	f := b.f
	b.check(f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: registerTop, TopLeftCell: cell("A", registerTop+1), ActivePane: "bottomLeft"}))
	b.check(f.AutoFilter(sh, fmt.Sprintf("A%d:%s%d", registerTop, lastCol, registerTop+registerRows), nil))
	b.check(f.ProtectSheet(sh, &excelize.SheetProtectionOptions{
		AutoFilter: true, Sort: true, SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true, InsertRows: true, DeleteRows: true,
	}))
	b.print(sh, true, fmt.Sprintf("$%d:$%d", registerTop, registerTop), false)
}

// countedTables turns the input cells of 表三 and 表四 into COUNTIFS over
// the register, keeping the written figures as the cached values, and says
// so in row 2 of the two sheets.
func (b *builder) countedTables() {
	f := b.f
	v := b.values()
	locked := &excelize.Protection{Locked: true}
	countFmt := "0"
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	sCounted, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 11}, Border: border,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}, Protection: locked, CustomNumFmt: &countFmt,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EAF4EA"}}})
	b.check(err)
	y := b.opts.Year
	apps := "'" + register.SheetApplications + "'!"
	colRef := func(sheet string, fl register.Field) string { return sheet + "$" + regCol(fl) + ":$" + regCol(fl) }
	kind := func(c int) string {
		return fmt.Sprintf("%s,%q", colRef(apps, register.FApplicant), register.Applicants[c])
	}
	received := func(from, to int) string {
		r := colRef(apps, register.FReceived)
		return fmt.Sprintf(`%s,">="&DATE(%d,1,1),%s,"<"&DATE(%d,1,1)`, r, from, r, to)
	}
	set := func(sheet, ref, formula string, cached int64) {
		b.check(f.SetCellInt(sheet, ref, cached))
		b.check(f.SetCellFormula(sheet, ref, formula))
		b.check(f.SetCellStyle(sheet, ref, ref, sCounted))
	}
	for r := range stats.RequestRows {
		if r == stats.RowTotal {
			continue
		}
		for c := stats.ColNatural; c <= stats.ColLegalLast; c++ {
			var crit string
			switch {
			case r == stats.RowNew:
				crit = received(y, y+1)
			case r == stats.RowCarriedIn:
				crit = received(y-1, y)
			case r == stats.RowCarriedOut:
				crit = fmt.Sprintf("%s,%q", colRef(apps, register.FStatus), register.StatusCarried)
			default:
				crit = fmt.Sprintf("%s,%q", colRef(apps, register.FOutcome), register.Outcomes[r-stats.RowFirstOut])
			}
			set(SheetRequests, cell(requestCol(c), requestsData+r), "COUNTIFS("+kind(c)+","+crit+")", v.Requests[r][c])
		}
	}
	cases := "'" + register.SheetCases + "'!"
	for i, ac := range stats.AppealCols {
		if ac.Result == stats.ResultTotal {
			continue
		}
		formula := fmt.Sprintf("COUNTIFS(%s,%q,%s,%q)", colRef(cases, register.CKind), register.Kinds[ac.Group], colRef(cases, register.CResult), register.Results[ac.Result])
		set(SheetAppeals, cell(appealCol(i), appealsData), formula, v.Appeals[i])
	}
	mode := "　　统计方式：" + ModeRegister + "（本表各数由“%s”工作表逐件自动统计，请勿在本表填写）"
	for _, s := range []struct{ sheet, from string }{{SheetRequests, register.SheetApplications}, {SheetAppeals, register.SheetCases}} {
		text, err := f.GetCellValue(s.sheet, "A2")
		b.check(err)
		if i := strings.Index(text, "　　（只填"); i >= 0 {
			text = text[:i]
		}
		b.check(f.SetCellStr(s.sheet, "A2", text+fmt.Sprintf(mode, s.from)))
	}
}
