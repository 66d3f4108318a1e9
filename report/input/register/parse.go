package register

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/stats"
)

// Layout says where the register's fields are: nianbao's own sheets by
// default, or the columns of an export from another system ([register] in
// nianbao.toml).
type Layout struct {
	AppSheet  string // "" = 申请登记
	CaseSheet string // "" = 复议诉讼登记; "-" = the export has no cases
	// AppCols and CaseCols name each field's column by its header text or
	// its letter ("C"); a field absent from the map is looked for under its
	// header in AppHeads / CaseHeads.
	AppCols  map[Field]string
	CaseCols map[Field]string
	// Values maps a field's values as the other system writes them to the
	// official wording, e.g. 申请人类型 "公民" → "自然人".
	AppValues  map[Field]map[string]string
	CaseValues map[Field]map[string]string
	// Where the mapping was written, for messages about it.
	Source diag.Pos
}

func (l Layout) appSheet() string {
	if l.AppSheet == "" {
		return SheetApplications
	}
	return l.AppSheet
}

func (l Layout) caseSheet() string {
	if l.CaseSheet == "" {
		return SheetCases
	}
	return l.CaseSheet
}

// maxCell bounds the text of a cell that is matched against the choices:
// matching costs its length times a label's.
const maxCell = 200

// columns finds the header row and each field's column. required are the
// fields a sheet cannot do without.
func columns(rows [][]string, heads []string, given map[Field]string, required []Field) (hdr int, cols []int, missing []string) {
	cols = make([]int, len(heads))
	want := make([]string, len(heads))
	letters := make([]int, len(heads))
	for f := range heads {
		want[f] = heads[f]
		letters[f] = -1
		if g, ok := given[Field(f)]; ok {
			want[f] = g
			if c, ok := letterCol(g); ok {
				letters[f] = c
				want[f] = ""
			}
		}
	}
	// The header row is the first of the first 20 rows that holds every
	// required header given by text.
	hdr = -1
	for i := 0; i < len(rows) && i < 20 && hdr < 0; i++ {
		at := map[string]int{}
		for j, v := range rows[i] {
			n := norm(v)
			if _, dup := at[n]; !dup {
				at[n] = j
			}
		}
		ok := true
		for _, f := range required {
			if want[f] == "" {
				continue
			}
			if _, found := at[norm(want[f])]; !found {
				ok = false
			}
		}
		if ok {
			hdr = i
			for f := range heads {
				cols[f] = -1
				if letters[f] >= 0 {
					cols[f] = letters[f]
				} else if j, found := at[norm(want[f])]; found {
					cols[f] = j
				}
			}
		}
	}
	if hdr < 0 {
		for _, f := range required {
			if want[f] != "" {
				missing = append(missing, want[f])
			}
		}
	}
	return hdr, cols, missing
}

// letterCol reads a column letter A–ZZ.
func letterCol(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 2 {
		return 0, false
	}
	c := 0
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			c = c*26 + int(r-'A'+1)
		case r >= 'a' && r <= 'z':
			c = c*26 + int(r-'a'+1)
		default:
			return 0, false
		}
	}
	return c - 1, true
}

type parser struct {
	reg      *Register
	lay      Layout
	errs     diag.Errors
	warnings []diag.Message
}

func (p *parser) fail(pos diag.Pos, format string, args ...any) {
	p.errs = append(p.errs, diag.Message{Pos: pos, Severity: diag.Error, Text: fmt.Sprintf(format, args...)})
}

func (p *parser) warn(pos diag.Pos, format string, args ...any) {
	p.warnings = append(p.warnings, diag.Message{Pos: pos, Severity: diag.Warning, Text: fmt.Sprintf(format, args...)})
}

// cell is the trimmed text of column c of row r.
func cellText(r []string, c int) string {
	if c < 0 || c >= len(r) {
		return ""
	}
	return strings.TrimSpace(r[c])
}

// choose maps a category cell to its official choice: through the layout's
// value map first, then the official wording. It reports a blank or unknown
// value at its cell with the nearest official wording.
func (p *parser) choose(at func() diag.Pos, head, v string, m *matcher, values map[string]string) (int, bool) {
	if v == "" {
		p.fail(at(), "%s为空。请从下拉列表选择：%s", head, strings.Join(m.choices, "、"))
		return -1, false
	}
	if values != nil {
		if o, ok := values[norm(v)]; ok {
			if i := m.match(o); i >= 0 {
				return i, true
			}
		}
	}
	if i := m.match(v); i >= 0 {
		return i, true
	}
	shown := v
	if utf8.RuneCountInString(shown) > 40 {
		shown = string([]rune(shown)[:40]) + "…"
	}
	hint := ""
	if len(v) <= maxCell {
		if n := m.nearest(v); n != "" {
			hint = fmt.Sprintf("是否应为“%s”？", n)
		}
	}
	mapping := ""
	if values != nil {
		mapping = "，或在 nianbao.toml 的 [register] 中为它指定对应的类别"
	}
	p.fail(at(), "%s“%s”不是规定的类别。%s可选：%s%s", head, shown, hint, strings.Join(m.choices, "、"), mapping)
	return -1, false
}

func (p *parser) date(at func() diag.Pos, head, v string) (Date, bool) {
	d, ok := parseDate(v)
	if !ok {
		shown := v
		if utf8.RuneCountInString(shown) > 40 {
			shown = string([]rune(shown)[:40]) + "…"
		}
		p.fail(at(), "%s“%s”不是日期。请填写如 2022-03-01 的日期", head, shown)
	}
	return d, ok
}

// blankRow tells whether a row holds nothing but, perhaps, its 序号: a
// register numbered ahead of use has such rows after its last application.
func blankRow(r []string, seqCol int) bool {
	for j, v := range r {
		if j != seqCol && strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

func (p *parser) applications(rows [][]string) {
	reg, lay := p.reg, p.lay
	sheet := lay.appSheet()
	reg.AppSheet = sheet
	hdr, cols, missing := columns(rows, AppHeads[:], lay.AppCols, []Field{FReceived, FApplicant, FOutcome})
	if hdr < 0 {
		p.fail(diag.Pos{File: reg.File, Sheet: sheet}, "找不到表头（含“%s”的一行）。请勿修改表头文字", strings.Join(missing, "”“"))
		return
	}
	copy(reg.AppCols[:], cols)
	for _, f := range []Field{FReceived, FApplicant, FOutcome} {
		if cols[f] < 0 {
			p.fail(diag.Pos{File: reg.File, Sheet: sheet, What: fmt.Sprintf("第 %d 行", hdr+1)}, "表头中找不到“%s”列", AppHeads[f])
			return
		}
	}
	seen := map[string]int{}
	for i := hdr + 1; i < len(rows); i++ {
		r := rows[i]
		if blankRow(r, cols[FSeq]) {
			continue
		}
		row := i + 1
		at := func(f Field) diag.Pos { return reg.AppPos(row, f) }
		get := func(f Field) string { return cellText(r, cols[f]) }
		a := Application{Seq: get(FSeq), Content: get(FContent), Note: get(FNote), Row: row, Outcome: -1}
		if cols[FSeq] >= 0 {
			switch first, dup := seen[a.Seq]; {
			case a.Seq == "":
				p.fail(at(FSeq), "序号为空。每件申请登记一行，各有一个序号")
			case dup:
				p.fail(at(FSeq), "序号“%s”与第 %d 行重复：同一件申请只登记一行（区分处理的只计“%s”一种结果）", a.Seq, first, Outcomes[stats.RowPartial-stats.RowFirstOut])
			default:
				seen[a.Seq] = row
			}
		}
		ok := true
		var good bool
		if a.Received, good = p.date(lazy(at, FReceived), HeadReceived, get(FReceived)); !good {
			ok = false
		}
		if a.Answered, good = p.date(lazy(at, FAnswered), HeadAnswered, get(FAnswered)); !good {
			ok = false
		}
		if c, good := p.choose(lazy(at, FApplicant), HeadApplicant, get(FApplicant), applicantMatch, lay.AppValues[FApplicant]); good {
			a.Applicant = c
		} else {
			ok = false
		}
		status := get(FStatus)
		if status != "" {
			s, good := p.choose(lazy(at, FStatus), HeadStatus, status, statusMatch, lay.AppValues[FStatus])
			if !good {
				ok = false
			}
			a.Carried = s == 1
		}
		out := get(FOutcome)
		switch {
		case a.Carried && out == "":
		case out == "" && status == "":
			p.fail(at(FOutcome), "办理结果为空。已答复的申请请从下拉列表选择办理结果；尚未办结的请将办理状态选为“%s”", StatusCarried)
			ok = false
		case a.Carried:
			p.fail(at(FOutcome), "办理状态为“%s”的申请尚未办结，不计办理结果：请清空办理结果，或将办理状态改为“%s”", StatusCarried, StatusDone)
			ok = false
		case outcomeMatch.match(out) < 0 && outcomeMatch.multi(out) > 1 && lay.AppValues[FOutcome][norm(out)] == "":
			p.fail(at(FOutcome), "一件申请只计一种办理结果：“%s”含有多种。区分处理的只计“%s”，不计其他情形", clip(out), Outcomes[stats.RowPartial-stats.RowFirstOut])
			ok = false
		default:
			if o, good := p.choose(lazy(at, FOutcome), HeadOutcome, out, outcomeMatch, lay.AppValues[FOutcome]); good {
				a.Outcome = stats.RowFirstOut + o
			} else {
				ok = false
			}
		}
		if !ok {
			continue
		}
		p.checkDates(a, at)
		reg.Applications = append(reg.Applications, a)
	}
}

func clip(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		return string([]rune(s)[:40]) + "…"
	}
	return s
}

// checkDates places an application in the report year: received this year
// (一、本年新收) or last year and carried in (二、上年结转), answered on or
// after it was received, within the year.
func (p *parser) checkDates(a Application, at func(Field) diag.Pos) {
	year := p.reg.Year
	switch {
	case a.Received.IsZero():
		p.fail(at(FReceived), "收到日期为空。收到日期决定申请计入“%s”还是“%s”", stats.RequestRows[stats.RowNew].Level1, stats.RequestRows[stats.RowCarriedIn].Level1)
		return
	case year <= 0:
	case a.Received.Y > year:
		p.fail(at(FReceived), "收到日期 %s 晚于报告年度 %d 年：请登记在 %d 年的台账中", a.Received, year, a.Received.Y)
		return
	case a.Received.Y < year-1:
		p.fail(at(FReceived), "收到日期 %s 早于上一年度：本年台账只登记本年收到的申请和 %d 年结转的申请", a.Received, year-1)
		return
	}
	if a.Answered.IsZero() {
		if !a.Carried {
			p.warn(at(FAnswered), "答复日期为空：已办结的申请请填写答复日期，以便核对答复期限")
		}
		return
	}
	switch {
	case a.Answered.Before(a.Received):
		p.fail(at(FAnswered), "答复日期 %s 早于收到日期 %s", a.Answered, a.Received)
	case year <= 0:
	case a.Answered.Y > year && !a.Carried:
		p.fail(at(FAnswered), "答复日期 %s 晚于报告年度 %d 年：到年底尚未答复的申请，办理状态应为“%s”，办理结果留空", a.Answered, year, StatusCarried)
	case a.Answered.Y > year:
		// Carried over and answered next year: the date is known now.
	case a.Carried:
		p.fail(at(FStatus), "办理状态为“%s”，但答复日期 %s 在报告年度内：已答复的申请办理状态应为“%s”", StatusCarried, a.Answered, StatusDone)
	case a.Received.Y == year-1 && a.Answered.Y == year-1:
		p.fail(at(FAnswered), "%d 年收到并于 %s 答复的申请属于 %d 年度，不计入本年：请从本年台账删除此行", year-1, a.Answered, year-1)
	}
}

func (p *parser) cases(rows [][]string) {
	reg, lay := p.reg, p.lay
	sheet := lay.caseSheet()
	reg.CaseSht = sheet
	hdr, cols, missing := columns(rows, CaseHeads[:], lay.CaseCols, []Field{CKind, CResult})
	if hdr < 0 {
		p.fail(diag.Pos{File: reg.File, Sheet: sheet}, "找不到表头（含“%s”的一行）。请勿修改表头文字", strings.Join(missing, "”“"))
		return
	}
	copy(reg.CaseCols[:], cols)
	for _, f := range []Field{CKind, CResult} {
		if cols[f] < 0 {
			p.fail(diag.Pos{File: reg.File, Sheet: sheet, What: fmt.Sprintf("第 %d 行", hdr+1)}, "表头中找不到“%s”列", CaseHeads[f])
			return
		}
	}
	year := reg.Year
	seen := map[string]int{}
	for i := hdr + 1; i < len(rows); i++ {
		r := rows[i]
		if blankRow(r, cols[CSeq]) {
			continue
		}
		row := i + 1
		at := func(f Field) diag.Pos { return reg.CasePos(row, f) }
		get := func(f Field) string { return cellText(r, cols[f]) }
		c := Case{Seq: get(CSeq), Note: get(CNote), Row: row}
		if cols[CSeq] >= 0 {
			switch first, dup := seen[c.Seq]; {
			case c.Seq == "":
				p.fail(at(CSeq), "序号为空。每个案件登记一行，各有一个序号")
			case dup:
				p.fail(at(CSeq), "序号“%s”与第 %d 行重复：同一案件只登记一行", c.Seq, first)
			default:
				seen[c.Seq] = row
			}
		}
		ok := true
		var good bool
		if c.Kind, good = p.choose(lazy(at, CKind), HeadKind, get(CKind), kindMatch, lay.CaseValues[CKind]); !good {
			ok = false
		}
		if c.Result, good = p.choose(lazy(at, CResult), HeadResult, get(CResult), resultMatch, lay.CaseValues[CResult]); !good {
			ok = false
		}
		if c.Filed, good = p.date(lazy(at, CFiled), HeadFiled, get(CFiled)); !good {
			ok = false
		}
		if c.Closed, good = p.date(lazy(at, CClosed), HeadClosed, get(CClosed)); !good {
			ok = false
		}
		if !ok {
			continue
		}
		switch {
		case year > 0 && !c.Filed.IsZero() && c.Filed.Y > year:
			p.fail(at(CFiled), "收到日期 %s 晚于报告年度 %d 年：请登记在 %d 年的台账中", c.Filed, year, c.Filed.Y)
		case !c.Closed.IsZero() && c.Result == stats.ResultPending:
			p.fail(at(CClosed), "结果为“%s”，但填了审结日期 %s：已审结的请选择结果，未审结的请清空审结日期", stats.LabelPending, c.Closed)
		case !c.Closed.IsZero() && !c.Filed.IsZero() && c.Closed.Before(c.Filed):
			p.fail(at(CClosed), "审结日期 %s 早于收到日期 %s", c.Closed, c.Filed)
		case year > 0 && !c.Closed.IsZero() && c.Closed.Y != year:
			p.fail(at(CClosed), "审结日期 %s 不在报告年度 %d 年内：年底尚未审结的案件结果应为“%s”", c.Closed, year, stats.LabelPending)
		default:
			reg.Cases = append(reg.Cases, c)
		}
	}
}

// Parse reads a register from the rows of its sheets (cells as text, date
// cells as Excel day numbers); caseRows is nil when there is no case sheet.
// Errors are diag.Errors at their cells; problems that do not stop the
// count are in the Register's Warnings.
func Parse(file string, year int, lay Layout, appRows, caseRows [][]string) (*Register, error) {
	reg := &Register{Year: year, File: file}
	for i := range reg.AppCols {
		reg.AppCols[i] = -1
	}
	for i := range reg.CaseCols {
		reg.CaseCols[i] = -1
	}
	lay.AppValues = normValues(lay.AppValues)
	lay.CaseValues = normValues(lay.CaseValues)
	p := &parser{reg: reg, lay: lay}
	p.applications(appRows)
	if caseRows != nil {
		p.cases(caseRows)
	}
	reg.Warnings = diag.Cap(p.warnings, diag.MaxPerFile)
	if len(p.errs) > 0 {
		return nil, p.errs.Capped(diag.MaxPerFile)
	}
	return reg, nil
}

// normValues keys the value maps by their folded form, as cells are looked up.
func normValues(in map[Field]map[string]string) map[Field]map[string]string {
	if in == nil {
		return nil
	}
	out := make(map[Field]map[string]string, len(in))
	for f, m := range in {
		o := make(map[string]string, len(m))
		for k, v := range m {
			o[norm(k)] = v
		}
		out[f] = o
	}
	return out
}

// lazy defers making a cell's position to when a message needs it.
func lazy(at func(Field) diag.Pos, f Field) func() diag.Pos {
	return func() diag.Pos { return at(f) }
}
