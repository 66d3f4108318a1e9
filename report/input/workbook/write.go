package workbook

import (
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/report/stats"
)

// Options controls what Write puts into the workbook.
type Options struct {
	Org  string // 机关名称, shown above each table
	Year int    // 报告年度

	// Values fills the input cells; nil leaves them blank for the office.
	Values *stats.Stats
	// TotalsAsValues writes the 总计 cells of Values as plain numbers instead
	// of formulas: used to reproduce published tables whose totals may be wrong.
	TotalsAsValues bool
	// Units > 0 stamps the workbook as the aggregate of that many units.
	Units int
	// Sheets are added after the official ones (an aggregate's list of
	// units); the reader never reads them.
	Sheets []Sheet
	// Props are more custom document properties, in this order (the
	// record nianbao rollup keeps of an aggregate).
	Props []Prop
}

// Prop is a custom document property of text.
type Prop struct{ Name, Value string }

// Sheet is a plain sheet of text rows; the first row is its header.
type Sheet struct {
	Name string
	Rows [][]string
	// Numeric columns (0-based) hold figures: written as numbers.
	Numeric map[int]bool
}

// Write produces the statistics workbook. Output depends only on opts, so
// repeated runs give identical bytes apart from what excelize stamps.
func Write(w io.Writer, opts Options) error {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	b := &builder{f: f, opts: opts}
	if err := b.build(); err != nil {
		return err
	}
	_, err := f.WriteTo(w)
	return err
}

type builder struct {
	f    *excelize.File
	opts Options
	err  error

	sTitle, sSub, sHead, sLabel, sLabelWrap, sCount, sAmount, sTotal, sNote, sNoteHead int
}

func (b *builder) build() error {
	b.styles()
	first := true
	for _, name := range append(append([]string{}, DataSheets...), SheetNotes) {
		if first {
			b.check(b.f.SetSheetName("Sheet1", name))
			first = false
		} else {
			_, err := b.f.NewSheet(name)
			b.check(err)
		}
	}
	b.active()
	b.requests()
	b.appeals()
	b.infoFees()
	b.notes()
	t := true
	b.check(b.f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &t}))
	b.check(b.f.SetDocProps(&excelize.DocProperties{
		Title:          b.title("政府信息公开工作年度报告统计表"),
		Creator:        "nianbao",
		LastModifiedBy: "nianbao",
		Created:        fixedDate(b.opts.Year),
		Modified:       fixedDate(b.opts.Year),
		Language:       "zh-CN",
	}))
	if b.opts.Org != "" {
		b.check(b.f.SetCustomProps(excelize.CustomProperty{Name: PropOrg, Value: b.opts.Org}))
	}
	if b.opts.Year > 0 {
		b.check(b.f.SetCustomProps(excelize.CustomProperty{Name: PropYear, Value: strconv.Itoa(b.opts.Year)}))
	}
	if b.opts.Units > 0 {
		b.check(b.f.SetCustomProps(excelize.CustomProperty{Name: PropUnits, Value: strconv.Itoa(b.opts.Units)}))
	}
	for _, p := range b.opts.Props {
		b.check(b.f.SetCustomProps(excelize.CustomProperty{Name: p.Name, Value: p.Value}))
	}
	for _, sh := range b.opts.Sheets {
		b.plain(sh)
	}
	b.f.SetActiveSheet(0)
	return b.err
}

// fixedDate keeps the workbook's own dates out of the bytes' variation.
func fixedDate(year int) string {
	if year <= 0 {
		year = 2000
	}
	return fmt.Sprintf("%04d-12-31T00:00:00Z", year)
}

func (b *builder) title(s string) string {
	if b.opts.Org == "" {
		return s
	}
	y := ""
	if b.opts.Year > 0 {
		y = strconv.Itoa(b.opts.Year) + "年"
	}
	return b.opts.Org + y + s
}

func (b *builder) check(err error) {
	if err != nil && b.err == nil {
		b.err = err
	}
}

func (b *builder) styles() {
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	font := &excelize.Font{Family: "宋体", Size: 11}
	locked := &excelize.Protection{Locked: true}
	unlocked := &excelize.Protection{Locked: false}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	mk := func(s *excelize.Style) int {
		id, err := b.f.NewStyle(s)
		b.check(err)
		return id
	}
	countFmt, amountFmt := "0", "0.00####"
	b.sTitle = mk(&excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 14, Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}, Protection: locked})
	b.sSub = mk(&excelize.Style{Font: font, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}, Protection: locked})
	b.sHead = mk(&excelize.Style{Font: font, Border: border, Alignment: center, Protection: locked,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}})
	b.sLabel = mk(&excelize.Style{Font: font, Border: border, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}, Protection: locked})
	b.sLabelWrap = mk(&excelize.Style{Font: font, Border: border, Alignment: center, Protection: locked})
	b.sCount = mk(&excelize.Style{Font: font, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}, Protection: unlocked, CustomNumFmt: &countFmt,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFFFF0"}}})
	b.sAmount = mk(&excelize.Style{Font: font, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}, Protection: unlocked, CustomNumFmt: &amountFmt,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFFFF0"}}})
	b.sTotal = mk(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 11, Bold: true}, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}, Protection: locked, CustomNumFmt: &countFmt,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8EEF7"}}})
	b.sNote = mk(&excelize.Style{Font: font, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}, Protection: locked})
	b.sNoteHead = mk(&excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 12, Bold: true}, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}, Protection: locked})
}

// put writes a label cell, merging it over [c1,r1]..[c2,r2] when larger.
func (b *builder) put(sheet, c1 string, r1 int, c2 string, r2 int, text string, style int) {
	tl, br := cell(c1, r1), cell(c2, r2)
	b.check(b.f.SetCellStr(sheet, tl, text))
	if tl != br {
		b.check(b.f.MergeCell(sheet, tl, br))
	}
	b.check(b.f.SetCellStyle(sheet, tl, br, style))
}

// input writes an input cell (with its value when Values is set).
func (b *builder) input(sheet, ref string, v *int64, d *stats.Decimal) {
	style := b.sCount
	if d != nil {
		style = b.sAmount
	}
	b.check(b.f.SetCellStyle(sheet, ref, ref, style))
	if b.opts.Values == nil {
		return
	}
	if v != nil {
		b.check(b.f.SetCellInt(sheet, ref, *v))
	} else {
		b.check(b.f.SetCellValue(sheet, ref, d.Float()))
	}
}

// total writes a 总计 cell: a formula, or the value when TotalsAsValues.
//
// With Values, the formula carries the sum of the cells it adds up as its
// cached result, as a spreadsheet program saves it: readers need not
// compute it, and a viewer that does not recalculate shows the total.
func (b *builder) total(sheet, ref, formula string, v, sum int64) {
	b.check(b.f.SetCellStyle(sheet, ref, ref, b.sTotal))
	if b.opts.Values != nil && b.opts.TotalsAsValues {
		b.check(b.f.SetCellInt(sheet, ref, v))
		return
	}
	if b.opts.Values != nil {
		b.check(b.f.SetCellInt(sheet, ref, sum)) // kept by SetCellFormula as the cached value
	}
	b.check(b.f.SetCellFormula(sheet, ref, formula))
}

func (b *builder) validate(sheet, sqref string, decimal bool) {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = sqref
	if decimal {
		b.check(dv.SetRange(0, 1e12, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween))
		dv.SetInput("请填写金额", "填写不小于 0 的金额，可带小数（最多 6 位）；没有的填 0。")
		dv.SetError(excelize.DataValidationErrorStyleStop, "金额有误", "请填写不小于 0 的数字，例如 0 或 12.35。")
	} else {
		b.check(dv.SetRange(0, 1e9, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween))
		dv.SetInput("请填写件数", "填写不小于 0 的整数；没有的填 0。")
		dv.SetError(excelize.DataValidationErrorStyleStop, "件数有误", "件数应为不小于 0 的整数，没有的填 0。")
	}
	b.check(b.f.AddDataValidation(sheet, dv))
}

func (b *builder) protect(sheet string) {
	b.check(b.f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true,
	}))
}

func (b *builder) print(sheet string, landscape bool, titleRows string, onePage bool) {
	size, one, zero := 9, 1, 0 // 9 = A4
	if onePage {
		zero = 1
	}
	orient := "portrait"
	if landscape {
		orient = "landscape"
	}
	t := true
	b.check(b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &t}))
	b.check(b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero}))
	if titleRows != "" {
		b.check(b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + sheet + "'!" + titleRows, Scope: sheet}))
	}
}

func (b *builder) heading(sheet, lastCol, text string) {
	b.put(sheet, "A", 1, lastCol, 1, text, b.sTitle)
	b.check(b.f.SetRowHeight(sheet, 1, 28))
	sub := "填报单位：" + b.opts.Org
	if b.opts.Year > 0 {
		sub += fmt.Sprintf("　　报告年度：%d年", b.opts.Year)
	}
	sub += "　　（只填浅黄色单元格；填写说明见“" + SheetNotes + "”工作表）"
	b.put(sheet, "A", 2, lastCol, 2, sub, b.sSub)
	b.check(b.f.SetRowHeight(sheet, 2, 32))
}

func (b *builder) active() {
	sh := SheetActive
	v := b.values()
	b.heading(sh, "D", stats.Section2)
	b.check(b.f.SetColWidth(sh, "A", "A", 24))
	b.check(b.f.SetColWidth(sh, "B", "D", 18))
	r := activeTop
	b.put(sh, "A", r, "D", r, stats.LabelItem1, b.sHead)
	b.put(sh, "A", r+1, "A", r+1, stats.LabelInfo, b.sHead)
	b.put(sh, "B", r+1, "B", r+1, stats.LabelIssued, b.sHead)
	b.put(sh, "C", r+1, "C", r+1, stats.LabelRepealed, b.sHead)
	b.put(sh, "D", r+1, "D", r+1, stats.LabelInForce, b.sHead)
	b.put(sh, "A", r+2, "A", r+2, stats.LabelRegs, b.sLabel)
	b.put(sh, "A", r+3, "A", r+3, stats.LabelNormDocs, b.sLabel)
	b.put(sh, "A", r+4, "D", r+4, stats.LabelItem5, b.sHead)
	b.put(sh, "A", r+5, "A", r+5, stats.LabelInfo, b.sHead)
	b.put(sh, "B", r+5, "D", r+5, stats.LabelDecisions, b.sHead)
	b.put(sh, "A", r+6, "A", r+6, stats.LabelLicensing, b.sLabel)
	b.put(sh, "A", r+7, "D", r+7, stats.LabelItem6, b.sHead)
	b.put(sh, "A", r+8, "A", r+8, stats.LabelInfo, b.sHead)
	b.put(sh, "B", r+8, "D", r+8, stats.LabelDecisions, b.sHead)
	b.put(sh, "A", r+9, "A", r+9, stats.LabelPunishment, b.sLabel)
	b.put(sh, "A", r+10, "A", r+10, stats.LabelCoercion, b.sLabel)
	b.put(sh, "A", r+11, "D", r+11, stats.LabelItem8, b.sHead)
	b.put(sh, "A", r+12, "A", r+12, stats.LabelInfo, b.sHead)
	b.put(sh, "B", r+12, "D", r+12, stats.LabelFeeAmount, b.sHead)
	b.put(sh, "A", r+13, "A", r+13, stats.LabelFees, b.sLabel)
	for _, row := range []int{r + 6, r + 9, r + 10, r + 13} {
		b.check(b.f.MergeCell(sh, cell("B", row), cell("D", row)))
	}
	cells := activeCells()
	for _, fr := range v.Fields() {
		ref, ok := cells[fr.Key]
		if !ok {
			continue
		}
		if fr.Dec != nil {
			b.input(sh, ref, nil, fr.Dec)
			b.check(b.f.SetCellStyle(sh, ref, cell("D", r+13), b.sAmount))
			b.validate(sh, ref, true)
			continue
		}
		b.input(sh, ref, fr.Int, nil)
	}
	for _, row := range []int{r + 6, r + 9, r + 10} {
		b.check(b.f.SetCellStyle(sh, cell("B", row), cell("D", row), b.sCount))
	}
	b.validate(sh, fmt.Sprintf("B%d:D%d B%d B%d:B%d", r+2, r+3, r+6, r+9, r+10), false)
	for row := r; row <= r+13; row++ {
		b.check(b.f.SetRowHeight(sh, row, 22))
	}
	b.protect(sh)
	b.print(sh, false, "", false)
}

// values returns the Values to fill, or zero stats (only used for keys).
func (b *builder) values() *stats.Stats {
	if b.opts.Values != nil {
		return b.opts.Values
	}
	return &stats.Stats{}
}

func (b *builder) requests() {
	sh := SheetRequests
	v := b.values()
	b.heading(sh, "J", stats.Section3)
	b.check(b.f.SetColWidth(sh, "A", "A", 10))
	b.check(b.f.SetColWidth(sh, "B", "B", 14))
	b.check(b.f.SetColWidth(sh, "C", "C", 40))
	b.check(b.f.SetColWidth(sh, "D", "J", 10))
	top := requestsTop
	b.put(sh, "A", top, "C", top+2, stats.LabelRequestsNote, b.sLabelWrap)
	b.put(sh, "D", top, "J", top, stats.LabelApplicants, b.sHead)
	nat, legal1, legal2, total := requestCol(stats.ColNatural), requestCol(stats.ColLegalFirst), requestCol(stats.ColLegalLast), requestCol(stats.ColTotal)
	b.put(sh, nat, top+1, nat, top+2, stats.RequestCols[stats.ColNatural].Label, b.sHead)
	b.put(sh, legal1, top+1, legal2, top+1, stats.LabelLegalPersons, b.sHead)
	for i := stats.ColLegalFirst; i <= stats.ColLegalLast; i++ {
		b.put(sh, requestCol(i), top+2, requestCol(i), top+2, stats.RequestCols[i].Label, b.sHead)
	}
	b.put(sh, total, top+1, total, top+2, stats.RequestCols[stats.ColTotal].Label, b.sHead)

	rows := stats.RequestRows
	for i := 0; i < len(rows); {
		row := requestsData + i
		rr := rows[i]
		if rr.Level2 == "" {
			b.put(sh, "A", row, "C", row, rr.Level1, b.sLabel)
			i++
			continue
		}
		// A level-1 group: merge the level-1 label down over its rows, then
		// level-2 groups inside it.
		j := i
		for j < len(rows) && rows[j].Level1 == rr.Level1 {
			j++
		}
		b.put(sh, "A", row, "A", requestsData+j-1, rr.Level1, b.sLabelWrap)
		for k := i; k < j; {
			r2 := rows[k]
			if r2.Level3 == "" {
				b.put(sh, "B", requestsData+k, "C", requestsData+k, r2.Level2, b.sLabel)
				k++
				continue
			}
			m := k
			for m < j && rows[m].Level2 == r2.Level2 {
				b.put(sh, "C", requestsData+m, "C", requestsData+m, rows[m].Level3, b.sLabel)
				m++
			}
			b.put(sh, "B", requestsData+k, "B", requestsData+m-1, r2.Level2, b.sLabelWrap)
			k = m
		}
		i = j
	}
	for r := range rows {
		row := requestsData + r
		for c := 0; c < stats.NumRequestCols; c++ {
			ref := cell(requestCol(c), row)
			switch {
			case c == stats.ColTotal:
				b.total(sh, ref, fmt.Sprintf("SUM(%s:%s)", cell(nat, row), cell(legal2, row)), v.Requests[r][c], rowSum(v, r))
			case r == stats.RowTotal:
				b.total(sh, ref, fmt.Sprintf("SUM(%s:%s)", cell(requestCol(c), requestsData+stats.RowFirstOut), cell(requestCol(c), requestsData+stats.RowLastOut)), v.Requests[r][c], colSum(v, c))
			default:
				b.input(sh, ref, &v.Requests[r][c], nil)
			}
		}
		h := 20.0
		if len([]rune(rows[r].Label())) > 22 {
			h = 34
		}
		b.check(b.f.SetRowHeight(sh, row, h))
	}
	last := requestsData + stats.NumRequestRows - 1
	tot := requestsData + stats.RowTotal
	b.validate(sh, fmt.Sprintf("D%d:I%d D%d:I%d", requestsData, tot-1, tot+1, last), false)
	b.check(b.f.SetRowHeight(sh, top+2, 30))
	b.check(b.f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: 3, YSplit: top + 2, TopLeftCell: cell("D", requestsData), ActivePane: "bottomRight"}))
	b.protect(sh)
	b.print(sh, false, fmt.Sprintf("$%d:$%d", top, top+2), true)
}

func (b *builder) appeals() {
	sh := SheetAppeals
	v := b.values()
	b.heading(sh, "O", stats.Section4)
	b.check(b.f.SetColWidth(sh, "A", "O", 9))
	top := appealsTop
	// first and last sheet column of a 表四 group
	first := func(g int) string { return appealCol(stats.AppealCol(g, 0)) }
	last := func(g int) string { return appealCol(stats.AppealCol(g, stats.ResultTotal)) }
	review, direct, after := stats.AppealReview, stats.AppealSuitDirect, stats.AppealSuitAfter
	b.put(sh, first(review), top, last(review), top, stats.AppealGroups[review].Label, b.sHead)
	b.put(sh, first(direct), top, last(after), top, stats.AppealGroups[direct].Parent, b.sHead)
	for res, l := range stats.AppealResults { // 行政复议's results span both header rows below it
		c := appealCol(stats.AppealCol(review, res))
		b.put(sh, c, top+1, c, top+2, l, b.sHead)
	}
	for _, g := range []int{direct, after} {
		b.put(sh, first(g), top+1, last(g), top+1, stats.AppealGroups[g].Label, b.sHead)
	}
	for i, c := range stats.AppealCols {
		if c.Group != review {
			b.put(sh, appealCol(i), top+2, appealCol(i), top+2, c.Label, b.sHead)
		}
	}
	for i, c := range stats.AppealCols {
		ref := cell(appealCol(i), appealsData)
		if c.Result == stats.ResultTotal {
			lo, hi := stats.AppealCol(c.Group, 0), stats.AppealCol(c.Group, stats.ResultTotal-1)
			var sum int64
			for k := lo; k <= hi; k++ {
				sum += v.Appeals[k]
			}
			b.total(sh, ref, fmt.Sprintf("SUM(%s:%s)", cell(appealCol(lo), appealsData), cell(appealCol(hi), appealsData)), v.Appeals[i], sum)
			continue
		}
		b.input(sh, ref, &v.Appeals[i], nil)
	}
	d := appealsData
	b.validate(sh, fmt.Sprintf("A%d:D%d F%d:I%d K%d:N%d", d, d, d, d, d, d), false)
	b.check(b.f.SetRowHeight(sh, top+2, 30))
	b.check(b.f.SetRowHeight(sh, d, 24))
	b.protect(sh)
	b.print(sh, true, fmt.Sprintf("$%d:$%d", top, top+2), false)
}

func (b *builder) infoFees() {
	sh := SheetInfoFees
	v := b.values()
	b.heading(sh, "B", stats.LabelFeeSheetTitle)
	b.check(b.f.SetColWidth(sh, "A", "A", 44))
	b.check(b.f.SetColWidth(sh, "B", "B", 18))
	b.put(sh, "A", infoFeesTop, "A", infoFeesTop, "项目", b.sHead)
	b.put(sh, "B", infoFeesTop, "B", infoFeesTop, "数值", b.sHead)
	byKey := map[string]stats.FieldRef{}
	for _, fr := range v.Fields() {
		byKey[fr.Key] = fr
	}
	for i, l := range infoFeeLabels {
		row := infoFeesTop + 1 + i
		b.put(sh, "A", row, "A", row, l.label, b.sLabel)
		fr := byKey[l.key]
		b.input(sh, cell("B", row), fr.Int, fr.Dec)
		b.validate(sh, cell("B", row), fr.Dec != nil)
		b.check(b.f.SetRowHeight(sh, row, 22))
	}
	note := "信息处理费是依《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）向申请人收取的费用，" +
		"单位为元；与“主动公开”表中的“行政事业性收费”（单位：万元）无关。本年度未收取的，三项均填 0。"
	b.put(sh, "A", infoFeesTop+5, "B", infoFeesTop+5, note, b.sNote)
	b.check(b.f.SetRowHeight(sh, infoFeesTop+5, 60))
	b.protect(sh)
	b.print(sh, false, "", false)
}

// colSum is what the （七）总计 formula of 表三 column c adds up.
func colSum(v *stats.Stats, c int) int64 {
	var n int64
	for r := stats.RowFirstOut; r <= stats.RowLastOut; r++ {
		n += v.Requests[r][c]
	}
	return n
}

// rowSum is what the 总计 formula of 表三 row r adds up: the row's inputs,
// or for the （七）总计 row the column totals.
func rowSum(v *stats.Stats, r int) int64 {
	var n int64
	for c := 0; c < stats.ColTotal; c++ {
		if r == stats.RowTotal {
			n += colSum(v, c)
		} else {
			n += v.Requests[r][c]
		}
	}
	return n
}

// plain writes an extra sheet: a bold header row, then the rows as text,
// figures of the numeric columns as numbers.
func (b *builder) plain(sh Sheet) {
	_, err := b.f.NewSheet(sh.Name)
	b.check(err)
	widths := map[int]int{}
	for r, row := range sh.Rows {
		for c, v := range row {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if r > 0 && sh.Numeric[c] {
				if f, err := strconv.ParseFloat(v, 64); err == nil {
					b.check(b.f.SetCellFloat(sh.Name, ref, f, -1, 64))
					continue
				}
			}
			b.check(b.f.SetCellStr(sh.Name, ref, v))
			if n := len([]rune(v)); n > widths[c] {
				widths[c] = n
			}
		}
	}
	if len(sh.Rows) > 0 && len(sh.Rows[0]) > 0 {
		last, _ := excelize.CoordinatesToCellName(len(sh.Rows[0]), 1)
		b.check(b.f.SetCellStyle(sh.Name, "A1", last, b.sHead))
	}
	for c, w := range widths {
		col, _ := excelize.ColumnNumberToName(c + 1)
		b.check(b.f.SetColWidth(sh.Name, col, col, float64(min(max(w*2+2, 10), 60))))
	}
}
