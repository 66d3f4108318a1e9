package ledger

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/input/plan"
	"github.com/nianbao/nianbao/report/input/xlsxsafe"
)

// Sheet is the ledger's worksheet.
const Sheet = "任务台账"

// Column headers, in order. The first eight come from the plan (locked);
// the last four are what the office records.
const (
	ColID          = "序号"
	ColRequirement = "工作要求"
	ColTask        = "工作任务"
	ColDetail      = "具体要求"
	ColLead        = "牵头科室"
	ColAssist      = "协办科室"
	ColDue         = "完成时限"
	ColSection     = "年报栏目"
	ColStatus      = "完成状态"
	ColResult      = "完成情况"
	ColEvidence    = "佐证材料"
	ColNote        = "备注"
)

var columns = []struct {
	name  string
	width float64
	input bool
}{
	{ColID, 6, false}, {ColRequirement, 16, false}, {ColTask, 18, false}, {ColDetail, 40, false},
	{ColLead, 10, false}, {ColAssist, 10, false}, {ColDue, 11, false}, {ColSection, 10, false},
	{ColStatus, 9, true}, {ColResult, 40, true}, {ColEvidence, 20, true}, {ColNote, 14, true},
}

const headerRow = 3

// WriteOptions control WriteXLSX.
type WriteOptions struct {
	Org  string
	Year int
	// Records pre-fills the record columns (the shipped sample); nil leaves
	// them blank.
	Records map[int]Record
}

// WriteXLSX writes the ledger workbook for the plan: one row per task.
func WriteXLSX(w io.Writer, p *plan.Plan, o WriteOptions) error {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	var err error
	check := func(e error) {
		if e != nil && err == nil {
			err = e
		}
	}
	check(f.SetSheetName("Sheet1", Sheet))
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	font := &excelize.Font{Family: "宋体", Size: 10.5}
	style := func(s *excelize.Style) int {
		id, e := f.NewStyle(s)
		check(e)
		return id
	}
	sTitle := style(&excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 14, Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}, Protection: &excelize.Protection{Locked: true}})
	sNote := style(&excelize.Style{Font: font, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}, Protection: &excelize.Protection{Locked: true}})
	sHead := style(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 10.5, Bold: true}, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Protection: &excelize.Protection{Locked: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}})
	sPlan := style(&excelize.Style{Font: font, Border: border, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}, Protection: &excelize.Protection{Locked: true}})
	sPlanC := style(&excelize.Style{Font: font, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}, Protection: &excelize.Protection{Locked: true}})
	sInput := style(&excelize.Style{Font: font, Border: border, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}, Protection: &excelize.Protection{Locked: false},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFFFF0"}}})
	sInputC := style(&excelize.Style{Font: font, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}, Protection: &excelize.Protection{Locked: false},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFFFF0"}}})

	last := colName(len(columns))
	title := fmt.Sprintf("%s%d年政务公开工作要点任务台账", o.Org, o.Year)
	check(f.SetCellStr(Sheet, "A1", title))
	check(f.MergeCell(Sheet, "A1", last+"1"))
	check(f.SetCellStyle(Sheet, "A1", last+"1", sTitle))
	check(f.SetRowHeight(Sheet, 1, 28))
	note := "填写说明：只填浅黄色的四列。完成状态从下拉列表选择（已完成、推进中、未启动、不适用）；完成情况写明做了什么、取得什么效果，年度报告将引用这段文字；佐证材料写文件名、网址或存放位置。序号和计划内容来自工作要点计划文件，请勿改动。"
	if len(p.Tasks) == 0 {
		note = "工作要点计划还是空的：请先在计划文件（工作要点.toml）中录入本年度各项任务，删除本台账后重新运行 nianbao init 生成（init 只补写缺少的文件）。" + note
	}
	check(f.SetCellStr(Sheet, "A2", note))
	check(f.MergeCell(Sheet, "A2", last+"2"))
	check(f.SetCellStyle(Sheet, "A2", last+"2", sNote))
	check(f.SetRowHeight(Sheet, 2, 34))
	for i, c := range columns {
		col := colName(i + 1)
		check(f.SetCellStr(Sheet, col+strconv.Itoa(headerRow), c.name))
		check(f.SetColWidth(Sheet, col, col, c.width))
	}
	check(f.SetCellStyle(Sheet, "A"+strconv.Itoa(headerRow), last+strconv.Itoa(headerRow), sHead))
	check(f.SetRowHeight(Sheet, headerRow, 22))
	row := headerRow
	for _, t := range p.Tasks {
		row++
		r := strconv.Itoa(row)
		due := ""
		if t.Due != nil {
			due = t.Due.String()
		}
		rec := o.Records[t.ID]
		vals := []string{strconv.Itoa(t.ID), t.Requirement, t.Task, t.Detail,
			strings.Join(t.Lead, "、"), strings.Join(t.Assist, "、"), due, sectionCell(t),
			string(rec.Status), rec.Result, rec.Evidence, rec.Note}
		for i, v := range vals {
			ref := colName(i+1) + r
			if i == 0 {
				check(f.SetCellInt(Sheet, ref, int64(t.ID)))
			} else if v != "" {
				check(f.SetCellStr(Sheet, ref, v))
			}
			st := sPlan
			switch {
			case columns[i].input && (i == 8):
				st = sInputC
			case columns[i].input:
				st = sInput
			case i == 0 || i == 4 || i == 5 || i == 6 || i == 7:
				st = sPlanC
			}
			check(f.SetCellStyle(Sheet, ref, ref, st))
		}
		check(f.SetRowHeight(Sheet, row, rowHeight(vals)))
	}
	if row > headerRow {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("I%d:I%d", headerRow+1, row)
		check(dv.SetDropList([]string{string(Done), string(InProgress), string(NotStarted), string(NotApply)}))
		dv.SetInput("完成状态", "从下拉列表选择：已完成、推进中、未启动、不适用。")
		dv.SetError(excelize.DataValidationErrorStyleStop, "完成状态有误", "请从下拉列表选择：已完成、推进中、未启动、不适用。")
		check(f.AddDataValidation(Sheet, dv))
		check(f.AutoFilter(Sheet, fmt.Sprintf("A%d:%s%d", headerRow, last, row), nil))
	}
	check(f.SetPanes(Sheet, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: headerRow, TopLeftCell: "B" + strconv.Itoa(headerRow+1), ActivePane: "bottomRight"}))
	size, one, zero, orient := 9, 1, 0, "landscape"
	t := true
	check(f.SetSheetProps(Sheet, &excelize.SheetPropsOptions{FitToPage: &t}))
	check(f.SetPageLayout(Sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero}))
	check(f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$%d:$%d", Sheet, headerRow, headerRow), Scope: Sheet}))
	check(f.ProtectSheet(Sheet, &excelize.SheetProtectionOptions{
		AutoFilter: true, Sort: true, SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true,
	}))
	year := o.Year
	if year <= 0 {
		year = 2000
	}
	stamp := fmt.Sprintf("%04d-12-31T00:00:00Z", year)
	check(f.SetDocProps(&excelize.DocProperties{Title: title, Creator: "nianbao", LastModifiedBy: "nianbao", Created: stamp, Modified: stamp, Language: "zh-CN"}))
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return err
	}
	data, err := autoHeights(buf.Bytes(), headerRow+1)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

func colName(n int) string {
	s, _ := excelize.ColumnNumberToName(n)
	return s
}

// limits are xlsxsafe's defaults with the ledger's name in messages: a
// ledger of 300 tasks with long texts is under 1 MB and 4,000 cells.
var limits = xlsxsafe.Limits{What: "任务台账", Typical: "1 MB"}

func loadXLSX(path string, o Options) (*Result, error) {
	data, err := xlsxsafe.ReadFile(path, limits)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, diag.Errorf(diag.Pos{File: path}, "找不到任务台账。请运行 nianbao init 生成，或检查 nianbao.toml 中的 ledger 设置")
		}
		return nil, err
	}
	return ReadXLSX(filepath.Base(path), data, o)
}

// ReadXLSX reads a ledger workbook from memory; name is used in messages.
func ReadXLSX(name string, data []byte, o Options) (res *Result, err error) {
	at := diag.Pos{File: name}
	defer func() {
		// A panic in excelize means the file is damaged, not nianbao.
		if r := recover(); r != nil {
			res, err = nil, diag.Errorf(at, "文件已损坏，无法读取。请在 Excel 或 WPS 中打开并重新保存为 .xlsx")
		}
	}()
	f, err := xlsxsafe.Open(name, data, limits)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	if idx, _ := f.GetSheetIndex(Sheet); idx < 0 {
		return nil, diag.Errorf(at, "找不到工作表“%s”（文件中的工作表：%s）", Sheet, strings.Join(f.GetSheetList(), "、"))
	}
	rows, err := f.GetRows(Sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, diag.Errorf(diag.Pos{File: name, Sheet: Sheet}, "工作表已损坏，无法读取。请在 Excel 或 WPS 中打开并重新保存为 .xlsx")
	}
	// Find the header row by its labels, so inserted rows do not matter.
	col := map[string]int{}
	hdr := -1
	for i, r := range rows {
		found := map[string]int{}
		for j, v := range r {
			found[strings.TrimSpace(v)] = j
		}
		if _, ok := found[ColID]; ok {
			if _, ok := found[ColStatus]; ok {
				hdr, col = i, found
				break
			}
		}
	}
	if hdr < 0 {
		return nil, diag.Errorf(diag.Pos{File: name, Sheet: Sheet}, "找不到表头（含“%s”和“%s”的一行）。请勿修改表头文字", ColID, ColStatus)
	}
	var errs diag.Errors
	for _, c := range []string{ColResult, ColEvidence, ColNote} {
		if _, ok := col[c]; !ok {
			errs = append(errs, diag.Message{Pos: diag.Pos{File: name, Sheet: Sheet, Cell: fmt.Sprintf("%d 行", hdr+1)}, Severity: diag.Error,
				Text: fmt.Sprintf("表头中找不到“%s”列。请勿修改表头文字", c)})
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	get := func(r []string, c string) string {
		if j := col[c]; j < len(r) {
			return strings.TrimSpace(r[j])
		}
		return ""
	}
	var recs []Record
	for i := hdr + 1; i < len(rows); i++ {
		r := rows[i]
		id := get(r, ColID)
		status, result, evidence, note := get(r, ColStatus), get(r, ColResult), get(r, ColEvidence), get(r, ColNote)
		if id == "" && status == "" && result == "" && evidence == "" && note == "" {
			continue
		}
		pos := diag.Pos{File: name, Sheet: Sheet, Cell: fmt.Sprintf("%s%d", colName(col[ColID]+1), i+1)}
		n, convErr := strconv.Atoi(strings.Map(fold, id))
		if convErr != nil || n <= 0 {
			what := "序号为空"
			if id != "" {
				what = fmt.Sprintf("序号“%s”不是正整数", id)
			}
			errs = append(errs, diag.Message{Pos: pos, Severity: diag.Error, Text: fmt.Sprintf("第 %d 行%s。每行都要有工作要点中的序号", i+1, what)})
			continue
		}
		if status != "" && !validStatus(status) {
			errs = append(errs, diag.Message{Pos: diag.Pos{File: name, Sheet: Sheet, Cell: fmt.Sprintf("%s%d", colName(col[ColStatus]+1), i+1)}, Severity: diag.Error,
				Text: fmt.Sprintf("第 %d 项任务的完成状态“%s”不是可选值，应为：已完成、推进中、未启动、不适用（留空表示未填写）", n, status)})
			continue
		}
		recs = append(recs, Record{ID: n, Status: Status(status), Result: result, Evidence: evidence, Note: note, Pos: pos})
	}
	if len(errs) > 0 {
		return nil, errs.Capped(diag.MaxPerFile)
	}
	return finish(name, recs, o)
}

// fold turns full-width digits into ASCII and drops spaces.
func fold(r rune) rune {
	switch {
	case r >= '０' && r <= '９':
		return '0' + (r - '０')
	case unicode.IsSpace(r):
		return -1
	}
	return r
}

// sectionCell names where a task is reported: its 年报栏目, and the part of
// the 法治政府建设情况报告 for tasks that feed it.
func sectionCell(t plan.Task) string {
	switch {
	case t.LawSection == "":
		return t.Section
	case t.Section == "":
		return "法治：" + t.LawSection
	}
	return t.Section + "；法治：" + t.LawSection
}
