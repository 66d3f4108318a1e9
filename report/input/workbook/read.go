package workbook

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/input/register"
	"github.com/nianbao/nianbao/report/input/xlsxsafe"
	"github.com/nianbao/nianbao/report/lazyre"
	"github.com/nianbao/nianbao/report/stats"
)

// Limits that keep a damaged or hostile file from taking the machine: a
// filled statistics workbook is about 20 KB, unpacked well under 1 MB.
const (
	MaxFileSize  = 20 << 20
	maxUnzipped  = 32 << 20
	maxUnzipXML  = 4 << 20
	maxListCells = 12
	// excelize fills every row of a sheet it loads out to the row's last
	// cell, so that one cell in column XFD costs 16,384: a few KB of XML
	// could take gigabytes. The workbook spans about 600 cells and 40 merges.
	maxExtent = 1 << 16
	// Uncomputed formulas are computed only if they and the formulas they
	// depend on refer to this many cells in all; a legitimate workbook with
	// no total computed needs about 450.
	maxCalcCells = 5000
)

// Result is a workbook read back into the model.
type Result struct {
	Stats    stats.Stats
	Warnings []diag.Message
	// Blanks are the input cells left empty (read as 0), sheet!cell.
	Blanks []string
	// BlankNotes list the blank cells, a message per sheet; whether they
	// are an error or just a note depends on blank_as_zero (check decides).
	BlankNotes []diag.Message
	// BlankTables are the tables whose every input cell is empty: a table
	// nobody filled, which "blank means 0" must not turn into zeros.
	BlankTables []diag.Pos
	// TextNumbers are input cells holding a number stored as text: nianbao
	// reads it, but the sheet's SUM formulas skip it, so the clerk's totals
	// differ from ours.
	TextNumbers []diag.Message
	// Stamp is the body and year the workbook says it belongs to.
	Stamp stats.Stamp
	// Units is the number of units an aggregate sums (nianbao rollup);
	// 0 for a body's own workbook.
	Units int
	// Register is the workbook's register of applications when it keeps
	// one: 表三 and 表四 of Stats are then its count.
	Register *register.Register
	cells    map[string]diag.Pos
}

// Rename names the workbook name in every position of r: last year's
// workbook is then never confused with this year's in messages.
func (r *Result) Rename(name string) {
	for k, p := range r.cells {
		p.File = name
		r.cells[k] = p
	}
	for i := range r.Warnings {
		r.Warnings[i].Pos.File = name
	}
	for i := range r.BlankNotes {
		r.BlankNotes[i].Pos.File = name
	}
	for i := range r.TextNumbers {
		r.TextNumbers[i].Pos.File = name
	}
	for i := range r.BlankTables {
		r.BlankTables[i].File = name
	}
	if r.Stamp.Where.File != "" {
		r.Stamp.Where.File = name
	}
}

// Locate names where a figure was read, e.g. 统计表.xlsx › 申请情况!D12;
// the zero Pos for an unknown key.
func (r *Result) Locate(key string) diag.Pos {
	return r.cells[key]
}

// Pos is the position a figure was read from.
func (r *Result) Pos(key string) (diag.Pos, bool) {
	p, ok := r.cells[key]
	return p, ok
}

// ReadFile reads the workbook at path. The file is only read, never written.
func ReadFile(path string) (*Result, error) {
	name := filepath.Base(path)
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xls", ".et", ".ett", ".xlt":
		return nil, diag.Errorf(diag.Pos{File: name}, "这是旧版表格格式（%s），nianbao 只读 .xlsx。请在 Excel 或 WPS 中打开，选择“另存为”，文件类型选 Excel 工作簿（*.xlsx）", filepath.Ext(path))
	case ".ods":
		return nil, diag.Errorf(diag.Pos{File: name}, "这是 OpenDocument 表格（.ods），nianbao 只读 .xlsx。请在 LibreOffice 中“另存为” Excel 2007-365（.xlsx）")
	case ".csv":
		return nil, diag.Errorf(diag.Pos{File: name}, "CSV 文件不含表格结构，请使用 nianbao init 生成的 .xlsx 统计表")
	}
	data, err := xlsxsafe.ReadFile(path, limits)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, diag.Errorf(diag.Pos{File: path}, "找不到文件。请检查路径，或先运行 nianbao init 生成统计表")
		}
		return nil, err
	}
	return Read(name, data)
}

// limits are xlsxsafe's defaults (see there for what they cost) with this
// package's file size and messages.
var limits = xlsxsafe.Limits{What: "统计表", Typical: "1 MB", MaxFile: MaxFileSize, MaxUnzipped: maxUnzipped, MaxPart: maxUnzipXML, MaxExtent: maxExtent}

// Read reads a workbook from memory; name is used in messages.
func Read(name string, data []byte) (*Result, error) {
	lim := limitsFor(data)
	if readHook != nil {
		return readHook(name, data, lim)
	}
	if res, ok := readLean(name, data, lim); ok {
		return res, nil
	}
	res, err := readFull(name, data, lim)
	if err == nil {
		learn(data, lim)
	}
	return res, err
}

// readHook, set by tests, reads with both readers and compares them.
var readHook func(name string, data []byte, lim xlsxsafe.Limits) (*Result, error)

// readFull reads a workbook with excelize.
func readFull(name string, data []byte, lim xlsxsafe.Limits) (res *Result, err error) {
	defer func() {
		// excelize is not hardened against every malformed file; a panic in it
		// means the file is damaged, not that nianbao is.
		if r := recover(); r != nil {
			res, err = nil, diag.Errorf(diag.Pos{File: name}, "文件已损坏，无法读取。请在 Excel 或 WPS 中打开并重新保存为 .xlsx")
		}
	}()
	f, err := xlsxsafe.Open(name, data, lim)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	r := &reader{f: f, name: name, res: &Result{cells: map[string]diag.Pos{}}, calcBudget: maxCalcCells}
	r.read()
	if len(r.errs) > 0 {
		return nil, r.errs.Capped(diag.MaxPerFile)
	}
	r.res.BlankNotes = r.listWarnings(r.blanks, "个空白单元格", "官方格式要求没有的填写 0")
	r.res.Warnings = append(r.res.Warnings, r.listWarnings(r.placeholders, "个单元格填的是“/”“—”“无”等符号，按 0 计算", "官方格式要求填写 0，请改为 0")...)
	return r.res, nil
}

type reader struct {
	f    *excelize.File
	lean *leanBook // set when the lean reader reads (lean.go)
	// fieldRefs point into res.Stats by key (fields).
	fieldRefs map[string]stats.FieldRef
	name      string
	res       *Result
	errs      diag.Errors

	inputs map[string][]string // sheet → input cells read

	blanks, placeholders map[string][]string // sheet → cells
	calcBudget           int                 // cells uncomputed formulas may still refer to
	// counted is set when the workbook keeps a register (register.go):
	// 表三 and 表四 are then counted from it, and uncounted lists the
	// formulas of theirs nianbao did not compute (it counts instead).
	counted   bool
	uncounted map[string]bool
	// culprit is the cell whose formula stopped the last computation, and
	// blamed the culprits already reported.
	culprit, culpritFormula string
	blamed                  map[string]bool
}

// grid is one sheet: its raw cell texts and an index of normalised labels.
type grid struct {
	sheet  string
	rows   [][]string
	labels map[string][][2]int // label → (row, col), 0-based
}

func (r *reader) pos(sheet, ref string) diag.Pos {
	return diag.Pos{File: r.name, Sheet: sheet, Cell: ref}
}

func (r *reader) fail(p diag.Pos, format string, args ...any) {
	r.errs = append(r.errs, diag.Message{Pos: p, Severity: diag.Error, Text: fmt.Sprintf(format, args...)})
}

func (r *reader) read() {
	sheets := r.sheetList()
	if len(sheets) == 0 {
		r.fail(diag.Pos{File: r.name}, "文件里没有工作表，不是 Excel 工作簿。请确认选对了文件")
		return
	}
	r.blanks, r.placeholders = map[string][]string{}, map[string][]string{}
	have := map[string]bool{}
	for _, s := range sheets {
		have[s] = true
	}
	r.counted, r.uncounted = have[register.SheetApplications], map[string]bool{}
	grids := map[string]*grid{}
	for _, s := range DataSheets {
		if !have[s] {
			r.fail(diag.Pos{File: r.name}, "找不到工作表“%s”（文件中的工作表：%s）。请使用 nianbao init 生成的统计表，不要重命名或删除工作表", s, strings.Join(sheets, "、"))
			continue
		}
		rows, err := r.rows(s)
		if err != nil {
			r.fail(diag.Pos{File: r.name, Sheet: s}, "工作表已损坏，无法读取。请在 Excel 或 WPS 中打开并重新保存为 .xlsx；如仍不行，请运行 nianbao init 重新生成统计表后填写")
			continue
		}
		g := &grid{sheet: s, rows: rows, labels: map[string][][2]int{}}
		for i, row := range rows {
			for j, v := range row {
				if k := normLabel(v); k != "" {
					g.labels[k] = append(g.labels[k], [2]int{i, j})
				}
			}
		}
		grids[s] = g
	}
	r.inputs = map[string][]string{}
	if g := grids[SheetActive]; g != nil {
		r.active(g)
	}
	if g := grids[SheetRequests]; g != nil {
		r.requests(g)
	}
	if g := grids[SheetAppeals]; g != nil {
		r.appeals(g)
	}
	if g := grids[SheetInfoFees]; g != nil {
		r.infoFees(g)
	}
	r.merged()
	r.stamp(grids)
	if r.counted {
		r.countRegister()
	}
	for _, s := range DataSheets {
		if n := len(r.inputs[s]); n > 0 && len(r.blanks[s]) == n {
			r.res.BlankTables = append(r.res.BlankTables, diag.Pos{File: r.name, Sheet: s})
		}
	}
}

// merged refuses input cells merged with others: a merge keeps only its
// first cell's value, so the figures typed into the rest are lost.
func (r *reader) merged() {
	for _, sheet := range DataSheets {
		inputs := r.inputs[sheet]
		if len(inputs) == 0 {
			continue
		}
		merges, err := r.mergeCells(sheet)
		if err != nil {
			continue
		}
		for _, m := range merges {
			c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
			c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
			if err1 != nil || err2 != nil {
				continue
			}
			var inside []string
			for _, ref := range inputs {
				c, rw, err := excelize.CellNameToCoordinates(ref)
				if err == nil && c >= c1 && c <= c2 && rw >= r1 && rw <= r2 {
					inside = append(inside, ref)
				}
			}
			if len(inside) == 0 || len(inside) == 1 && inside[0] == m.GetStartAxis() {
				continue // the official merges of 表二 hold one input, top left
			}
			rng := m.GetStartAxis() + ":" + m.GetEndAxis()
			r.fail(r.pos(sheet, rng), "单元格 %s 被合并成了一格，合并后只保留左上角的数字，其余填报格（%s）的数字会丢失。请选中该区域，取消合并，再分别填写每一格", rng, strings.Join(inside, "、"))
		}
	}
}

// stampText is the body and year line the writer puts in row 2.
var (
	stampOrg  = regexp.MustCompile(`填报单位[:：]\s*(.*?)\s*(?:　|报告年度|$)`)
	stampYear = regexp.MustCompile(`报告年度[:：]\s*(\d{4})\s*年`)
)

// stamp reads the body and year the workbook belongs to: row 2 of the
// sheets, as the office sees it, else the document properties init writes.
func (r *reader) stamp(grids map[string]*grid) {
	st := &r.res.Stamp
	for _, s := range DataSheets {
		g := grids[s]
		if g == nil {
			continue
		}
		for row := 0; row < 3 && row < len(g.rows); row++ {
			for col, text := range g.rows[row] {
				org, year := stampOrg.FindStringSubmatch(text), stampYear.FindStringSubmatch(text)
				if (org == nil || strings.TrimSpace(org[1]) == "") && year == nil {
					continue
				}
				if org != nil {
					st.Org = strings.TrimSpace(org[1])
				}
				if year != nil {
					st.Year, _ = strconv.Atoi(year[1])
				}
				st.Where = r.pos(s, ref(row, col))
				r.props(true)
				return
			}
		}
	}
	r.props(false)
	if st.Org != "" || st.Year != 0 {
		st.Where = diag.Pos{File: r.name}
		st.FromProps = true
	}
}

// props reads the document properties init and rollup write: the body
// and year (unless unitsOnly), and the units of an aggregate.
func (r *reader) props(unitsOnly bool) {
	props, err := r.customProps()
	if err != nil {
		return
	}
	st := &r.res.Stamp
	for _, p := range props {
		v, _ := p.Value.(string)
		switch p.Name {
		case PropOrg:
			if !unitsOnly {
				st.Org = v
			}
		case PropYear:
			if !unitsOnly {
				st.Year, _ = strconv.Atoi(v)
			}
		case PropUnits:
			if n, err := strconv.Atoi(v); err == nil && n > 0 {
				r.res.Units = n
			}
		}
	}
}

// normLabel folds the ways a label gets retyped: spaces and line breaks,
// half-width brackets and colons, straight or curly quotes.
func normLabel(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case unicode.IsSpace(c) || c == '\u00a0' || c == '\u3000':
			continue
		case c == '(':
			c = '（'
		case c == ')':
			c = '）'
		case c == ':':
			c = '：'
		case c == '．':
			c = '.'
		case c == ',':
			c = '，'
		case c == '"' || c == '“' || c == '”' || c == '＂':
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// find locates a label that must occur exactly once in the sheet.
func (r *reader) find(g *grid, label string) (row, col int, ok bool) {
	at := g.labels[normLabel(label)]
	switch len(at) {
	case 0:
		r.fail(diag.Pos{File: r.name, Sheet: g.sheet}, "找不到标签“%s”。请勿修改表中的标签文字；如已改动，请恢复原文或重新运行 nianbao init 生成统计表", label)
		return 0, 0, false
	case 1:
		return at[0][0], at[0][1], true
	}
	refs := make([]string, len(at))
	for i, p := range at {
		refs[i] = ref(p[0], p[1])
	}
	r.fail(r.pos(g.sheet, refs[0]), "标签“%s”出现了 %d 次（%s），无法确定数据位置。请删除多余的一处", label, len(at), strings.Join(refs, "、"))
	return 0, 0, false
}

func ref(row, col int) string {
	name, _ := excelize.CoordinatesToCellName(col+1, row+1)
	return name
}

func (g *grid) text(row, col int) string {
	if row < len(g.rows) && col < len(g.rows[row]) {
		return g.rows[row][col]
	}
	return ""
}

// value reads the figure for key at (row, col) into fr.
func (r *reader) value(g *grid, row, col int, fr stats.FieldRef) {
	cellRef := ref(row, col)
	p := r.pos(g.sheet, cellRef)
	r.res.cells[fr.Key] = p
	raw := g.text(row, col)
	typed := raw
	if !totals[fr.Key] {
		// What the office types; the totals are the format's sums.
		r.inputs[g.sheet] = append(r.inputs[g.sheet], cellRef)
	}
	if strings.TrimSpace(raw) == "" {
		// A formula never calculated by a spreadsheet program has no cached
		// value: compute it.
		if formula := r.formula(g.sheet, cellRef); formula != "" {
			r.culprit, r.culpritFormula = "", ""
			if r.counted && (g.sheet == SheetRequests || g.sheet == SheetAppeals) {
				// The register's count replaces it (countRegister).
				r.uncounted[fr.Key] = true
				return
			}
			if r.lean != nil {
				r.lean.bail = true // only excelize computes
				return
			}
			if !r.computable(g.sheet, formula, 0) {
				const beyond = "没有计算结果，且超出了 nianbao 能代为计算的范围（本表单元格的求和与加减乘除，不含循环引用）。请在 Excel 或 WPS 中打开并保存一次（保存时写入计算结果），或直接填写数字"
				// Name the cell that stops the total, once, not every total
				// that depends on it.
				if r.blamed == nil {
					r.blamed = map[string]bool{}
				}
				if r.culprit == "" {
					r.blamed[g.sheet+"!"+cellRef] = true
					r.fail(p, "公式 =%s %s", clip(formula), beyond)
					return
				}
				if key := g.sheet + "!" + r.culprit; !r.blamed[key] {
					r.blamed[key] = true
					r.fail(r.pos(g.sheet, r.culprit), "公式 =%s %s（它使 %s 等合计也无法计算）", clip(r.culpritFormula), beyond, cellRef)
				}
				return
			}
			v, err := r.f.CalcCellValue(g.sheet, cellRef, excelize.Options{RawCellValue: true})
			if err != nil {
				r.fail(p, "公式 =%s 无法计算（%v）。请恢复原公式，或在表格程序中打开后保存一次", formula, err)
				return
			}
			raw = v
		}
	}
	decimal := fr.Dec != nil
	d, kind, err := parseValue(raw, decimal)
	what := "不小于 0 的整数（件数）"
	if decimal {
		what = "不小于 0 的数字（金额，最多 6 位小数）"
	}
	switch {
	case errors.Is(err, errNegative):
		r.fail(p, "%s 填的是 %s，不能为负数，应为%s（R6）", fr.Label, clip(strings.TrimSpace(raw)), what)
		return
	case errors.Is(err, errFraction):
		r.fail(p, "%s 填的是 %s，件数应为整数（R6）", fr.Label, clip(strings.TrimSpace(raw)))
		return
	case errors.Is(err, stats.ErrTooPrecise):
		r.fail(p, "%s 填的是 %s，金额最多保留 6 位小数", fr.Label, clip(strings.TrimSpace(raw)))
		return
	case errors.Is(err, errTooBig):
		r.fail(p, "%s 填的是 %s，数值过大，请核对", fr.Label, clip(strings.TrimSpace(raw)))
		return
	case err != nil:
		r.fail(p, "%s 填的是“%s”，不是数字，应为%s。请只填阿拉伯数字", fr.Label, clip(raw), what)
		return
	}
	if kind == kindNumber && strings.TrimSpace(typed) != "" {
		if r.textCell(g.sheet, cellRef) {
			r.res.TextNumbers = append(r.res.TextNumbers, diag.Message{Pos: p, Severity: diag.Warning, Rule: "R6",
				Text: fmt.Sprintf("%s 是文本格式的“%s”，表中的合计公式不会计入它（Excel、WPS 里的合计与 nianbao 的不一致）。请把该单元格改为数字：选中后删除内容，重新输入数字", cellRef, clip(strings.TrimSpace(typed)))})
		}
	}
	switch kind {
	case kindBlank:
		r.blanks[g.sheet] = append(r.blanks[g.sheet], cellRef)
		r.res.Blanks = append(r.res.Blanks, g.sheet+"!"+cellRef)
	case kindPlaceholder:
		r.placeholders[g.sheet] = append(r.placeholders[g.sheet], cellRef)
	}
	if decimal {
		*fr.Dec = d
	} else {
		*fr.Int = d.Int()
	}
}

// totals are the keys of the figures the official tables define as sums:
// 表三's 总计 column and （七）总计 row, 表四's 总计 of each group.
var totals = func() map[string]bool {
	m := map[string]bool{}
	for r := range stats.RequestRows {
		m[stats.RequestKey(r, stats.ColTotal)] = true
	}
	for c := range stats.RequestCols {
		m[stats.RequestKey(stats.RowTotal, c)] = true
	}
	for g := range stats.AppealGroups {
		m[stats.AppealKey(stats.AppealCol(g, stats.ResultTotal))] = true
	}
	return m
}()

func clip(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	if rs := []rune(s); len(rs) > 20 {
		return string(rs[:20]) + "…"
	}
	return s
}

func (r *reader) fields() map[string]stats.FieldRef {
	if r.fieldRefs != nil {
		return r.fieldRefs
	}
	frs := r.res.Stats.Fields()
	m := make(map[string]stats.FieldRef, len(frs))
	for _, fr := range frs {
		m[fr.Key] = fr
	}
	r.fieldRefs = m
	return m
}

func (r *reader) active(g *grid) {
	fields := r.fields()
	var cols [3]int
	okCols := true
	for i, l := range []string{stats.LabelIssued, stats.LabelRepealed, stats.LabelInForce} {
		_, c, ok := r.find(g, l)
		cols[i], okCols = c, okCols && ok
	}
	for _, row := range []struct{ label, key string }{{stats.LabelRegs, "regulations"}, {stats.LabelNormDocs, "normative_docs"}} {
		rw, _, ok := r.find(g, row.label)
		if !ok || !okCols {
			continue
		}
		for i, sub := range []string{"issued", "repealed", "in_force"} {
			r.value(g, rw, cols[i], fields[row.key+"."+sub])
		}
	}
	for _, row := range []struct{ label, key string }{
		{stats.LabelLicensing, "licensing"}, {stats.LabelPunishment, "punishment"},
		{stats.LabelCoercion, "coercion"}, {stats.LabelFees, "fees"},
	} {
		if rw, c, ok := r.find(g, row.label); ok {
			r.value(g, rw, c+1, fields[row.key])
		}
	}
}

func (r *reader) requests(g *grid) {
	fields := r.fields()
	var cols [stats.NumRequestCols]int
	okCols := true
	for i, c := range stats.RequestCols {
		_, col, ok := r.find(g, c.Label)
		cols[i], okCols = col, okCols && ok
	}
	for i, row := range stats.RequestRows {
		rw, _, ok := r.find(g, row.Label())
		if !ok || !okCols {
			continue
		}
		for c := range cols {
			r.value(g, rw, cols[c], fields[stats.RequestKey(i, c)])
		}
	}
}

func (r *reader) appeals(g *grid) {
	fields := r.fields()
	type group struct {
		row, col int
		ok       bool
	}
	var gs [stats.NumAppealGroups]group
	for i, ag := range stats.AppealGroups {
		rw, c, ok := r.find(g, ag.Label)
		gs[i] = group{rw, c, ok}
	}
	for _, gr := range gs {
		if !gr.ok {
			return
		}
	}
	// 行政复议 spans two header rows above its results; the litigation groups
	// have their results in the row below them. Data follows the last header row.
	dataRow := gs[stats.AppealSuitDirect].row + 2
	for i, gr := range gs {
		resultRow := gr.row + 1
		for k, label := range stats.AppealResults {
			c := gr.col + k
			if got := normLabel(g.text(resultRow, c)); got != normLabel(label) {
				r.fail(r.pos(g.sheet, ref(resultRow, c)), "这里应是表头“%s”，实为“%s”。请勿改动表头，或重新运行 nianbao init 生成统计表", label, clip(g.text(resultRow, c)))
				continue
			}
			r.value(g, dataRow, c, fields[stats.AppealKey(stats.AppealCol(i, k))])
		}
	}
}

func (r *reader) infoFees(g *grid) {
	fields := r.fields()
	for _, l := range infoFeeLabels {
		if rw, c, ok := r.find(g, l.label); ok {
			r.value(g, rw, c+1, fields[l.key])
		}
	}
}

// listWarnings makes one warning per sheet for cells read as 0.
func (r *reader) listWarnings(bySheet map[string][]string, what, fix string) []diag.Message {
	var out []diag.Message
	for _, sheet := range DataSheets {
		cells := bySheet[sheet]
		if len(cells) == 0 {
			continue
		}
		ranges := compress(cells)
		shown := ranges
		more := ""
		if len(shown) > maxListCells {
			shown, more = shown[:maxListCells], fmt.Sprintf(" 等（共 %d 处）", len(ranges))
		}
		out = append(out, diag.Message{
			Pos:      diag.Pos{File: r.name, Sheet: sheet},
			Severity: diag.Warning,
			Text:     fmt.Sprintf("%d %s：%s%s。%s", len(cells), what, strings.Join(shown, "、"), more, fix),
		})
	}
	return out
}

// compress joins cells into rectangles for messages: runs in a row
// (D6:I6), then rows with the same run stacked (D6:I28).
func compress(cells []string) []string {
	type run struct{ row, c1, c2, r2 int }
	type rc struct{ row, col int }
	var pts []rc
	for _, c := range cells {
		col, row, err := excelize.CellNameToCoordinates(c)
		if err == nil {
			pts = append(pts, rc{row, col})
		}
	}
	sort.Slice(pts, func(i, j int) bool {
		if pts[i].row != pts[j].row {
			return pts[i].row < pts[j].row
		}
		return pts[i].col < pts[j].col
	})
	var runs []run
	for i := 0; i < len(pts); {
		j := i
		for j+1 < len(pts) && pts[j+1].row == pts[i].row && pts[j+1].col == pts[j].col+1 {
			j++
		}
		runs = append(runs, run{pts[i].row, pts[i].col, pts[j].col, pts[i].row})
		i = j + 1
	}
	var rects []run
	for _, r := range runs {
		merged := false
		for k := range rects {
			q := &rects[k]
			if q.c1 == r.c1 && q.c2 == r.c2 && q.r2+1 == r.row {
				q.r2, merged = r.row, true
				break
			}
		}
		if !merged {
			rects = append(rects, r)
		}
	}
	out := make([]string, len(rects))
	for i, q := range rects {
		a, b := ref(q.row-1, q.c1-1), ref(q.r2-1, q.c2-1)
		if a == b {
			out[i] = a
		} else {
			out[i] = a + ":" + b
		}
	}
	return out
}

// simpleFormula is what nianbao computes itself: sums and arithmetic of
// cells of the same sheet, as the writer's totals (SUM(D8:D28)).
var (
	simpleFormula = lazyre.New(`(?i)^(?:[\s=+\-*/(),.0-9]|SUM\(|\$?[A-Z]{1,3}\$?[0-9]{1,7}(?::\$?[A-Z]{1,3}\$?[0-9]{1,7})?)*$`)
	cellRange     = lazyre.New(`(?i)(\$?[A-Z]{1,3}\$?[0-9]{1,7})(?::(\$?[A-Z]{1,3}\$?[0-9]{1,7}))?`)
)

// computable tells whether formula, in sheet, and every formula it depends
// on are simple and refer to no more cells than are left in the budget.
// Anything else could cost excelize minutes and gigabytes (REPT, large
// ranges), or its whole stack (a chain of 100,000 cells), which no recover
// catches.
func (r *reader) computable(sheet, formula string, depth int) bool {
	if depth > 8 || len(formula) > 1000 || !simpleFormula().MatchString(formula) {
		return false
	}
	for _, m := range cellRange().FindAllStringSubmatch(formula, -1) {
		c1, r1, err := excelize.CellNameToCoordinates(strings.ReplaceAll(m[1], "$", ""))
		if err != nil {
			return false
		}
		c2, r2 := c1, r1
		if m[2] != "" {
			if c2, r2, err = excelize.CellNameToCoordinates(strings.ReplaceAll(m[2], "$", "")); err != nil {
				return false
			}
		}
		c1, c2 = min(c1, c2), max(c1, c2)
		r1, r2 = min(r1, r2), max(r1, r2)
		n := int64(c2-c1+1) * int64(r2-r1+1)
		if n > int64(r.calcBudget) {
			return false
		}
		r.calcBudget -= int(n)
		for row := r1; row <= r2; row++ {
			for col := c1; col <= c2; col++ {
				dep := r.formula(sheet, ref(row-1, col-1))
				if dep != "" && !r.computable(sheet, dep, depth+1) {
					// Blame a cell only for a formula of its own that nianbao
					// cannot compute, not for a chain too deep or a loop.
					if r.culprit == "" && (len(dep) > 1000 || !simpleFormula().MatchString(dep)) {
						r.culprit, r.culpritFormula = ref(row-1, col-1), dep
					}
					return false
				}
			}
		}
	}
	return true
}
