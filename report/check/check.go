// Package check holds the consistency rules of the statutory tables
// (R1–R18, documented in docs/rules.md) and applies those the statistics allow.
package check

import (
	"fmt"
	"sort"
	"strings"

	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/stats"
)

// Finding is one rule violation.
type Finding struct {
	Rule     string        `json:"rule"`
	Severity diag.Severity `json:"severity"`
	Cells    []diag.Pos    `json:"cells"` // where: first the cell found wrong, then the cells it is computed from
	Expected string        `json:"expected,omitempty"`
	Found    string        `json:"found,omitempty"`
	Message  string        `json:"message"`
	// Cause names one cell that explains several findings, e.g. a number
	// stored as text that the sheet's totals skip; findings sharing a cause
	// are listed together. The zero Pos when there is none.
	Cause diag.Pos `json:"cause,omitzero"`
}

// MarshalJSON keeps the JSON form the findings have always had, cells and
// cause as the strings the text output prints, and adds the same places
// in parts: positions (as cells) and cause_pos.
func (f Finding) MarshalJSON() ([]byte, error) {
	out := struct {
		Rule      string        `json:"rule"`
		Severity  diag.Severity `json:"severity"`
		Cells     []string      `json:"cells"`
		Expected  string        `json:"expected,omitempty"`
		Found     string        `json:"found,omitempty"`
		Message   string        `json:"message"`
		Cause     string        `json:"cause,omitempty"`
		Positions []diag.Pos    `json:"positions,omitempty"`
		CausePos  *diag.Pos     `json:"cause_pos,omitempty"`
	}{Rule: f.Rule, Severity: f.Severity, Expected: f.Expected, Found: f.Found, Message: f.Message,
		Cause: f.Cause.String(), Positions: f.Cells}
	if f.Cells != nil {
		out.Cells = make([]string, len(f.Cells))
		for i, p := range f.Cells {
			out.Cells[i] = p.String()
		}
	}
	if !f.Cause.IsZero() {
		out.CausePos = &f.Cause
	}
	return diag.MarshalJSON(out)
}

// Skip records a rule that was not applied, and why: no rule is skipped silently.
type Skip struct {
	Rule   string `json:"rule"`
	Reason string `json:"reason"`
}

// Input is what the rules look at.
type Input struct {
	Stats  *stats.Stats
	Locate stats.Locator // names the cells of Stats

	// Prev is last year's statistics of the same body, for R8/R9/R11; nil
	// when no last year's workbook is configured.
	Prev       *stats.Stats
	PrevLocate stats.Locator

	// Rulemaking is true for bodies with power to make 规章 (设区的市、自治州
	// 以上人民政府, 国务院部门); others should report 0 规章 (R10).
	Rulemaking bool
	// FeeLimit is the largest plausible 行政事业性收费 (万元) for R11;
	// zero derives one from the body's own figures (feeLimit).
	FeeLimit stats.Decimal

	// What the reader found besides the figures; see inputs.go.
	Org         string      // the report's body; "" when unknown
	Year        int         // the report's year; 0 when unknown
	File        string      // this year's workbook, for messages
	PrevFile    string      // last year's workbook, for messages
	Stamp       stats.Stamp // body and year this year's workbook claims
	PrevStamp   stats.Stamp
	BlankNotes  []diag.Message // blank cells, a message per sheet
	BlankAsZero bool           // the office confirmed blank cells mean 0
	BlankTables []diag.Pos     // tables with no figure at all
	TextNumbers []diag.Message // numbers stored as text
}

// MinFeeLimit is the least R11 limit (万元): an ordinary body's fees typed
// in 元 instead of 万元 land above it. Bodies that decide many 行政许可,
// 行政处罚 and 行政强制 matters collect more (平潭 2021: 24,252 万元 on 3,617
// decisions; 淮安市 2024: 96,171.6 万元), so the limit grows by
// FeePerDecision per decision, and with last year's fees.
var (
	MinFeeLimit    = stats.DecimalFromInt(1_000)
	FeePerDecision = stats.DecimalFromInt(10)
)

// feeLimit is the R11 limit and how it was set, for the message.
func feeLimit(in Input) (stats.Decimal, string) {
	if in.FeeLimit > 0 {
		return in.FeeLimit, "nianbao.toml 中 fee_limit 设定的上限"
	}
	a := in.Stats.Active
	decisions := a.Licensing + a.Punishment + a.Coercion
	limit, how := MinFeeLimit, fmt.Sprintf("合理上限 %s 万元", MinFeeLimit)
	if by := FeePerDecision * stats.Decimal(decisions); by > limit {
		limit, how = by, fmt.Sprintf("按本年%s、%s、%s决定共 %d 件每件 %s 万元估算的上限", stats.LabelLicensing, unadmin(stats.LabelPunishment), unadmin(stats.LabelCoercion), decisions, FeePerDecision)
	}
	if in.Prev != nil {
		if by := in.Prev.Active.Fees * 10; by > limit {
			limit, how = by, "上年"+feeAmount+"的 10 倍"
		}
	}
	return limit, how
}

// Result is the outcome of Run.
type Result struct {
	Findings []Finding `json:"findings"` // errors first, then warnings
	Skipped  []Skip    `json:"skipped"`
	Errors   int       `json:"errors"`
	Warnings int       `json:"warnings"`
}

// Rule describes one rule of the format (docs/rules.md) and where nianbao
// applies it; `nianbao check --rules` prints the catalogue.
type Rule struct {
	ID       string
	Severity diag.Severity
	Title    string
	Where    string // where it runs, or why it needs no check
	Doc      string // its section in the repository: RulesDoc + "#" + lower-case ID
}

// RulesDoc documents every rule of Rules, one section each.
const RulesDoc = "docs/rules.md"

// Where a rule runs.
const (
	InCheck   = "核对统计表（check、status、build）"
	InReader  = "读取统计表时"
	InCompose = "生成报告时"
	InStatus  = "status、build"
	NotNeeded = "不需核对"
	NotYet    = "尚未核对"
)

// Rules is the catalogue: every rule of the format, in order, with the
// checks nianbao adds (ID).
var Rules = []Rule{
	{"R1", diag.Error, "申请情况表每行：" + colTotal + " = 各类申请人之和", InCheck, RulesDoc + "#r1"},
	{"R2", diag.Error, "申请情况表每列：" + rowTotal + " = " + outcomeRange + "各项之和", InCheck, RulesDoc + "#r2"},
	{"R3", diag.Error, "申请情况表每列：一 + 二 = 三" + rowTotal + " + 四", InCheck, RulesDoc + "#r3"},
	{"R4", diag.Error, groupRange + "各组没有小计行", NotNeeded + "：统计表按官方格式不设小计行，读取时按标签找行", RulesDoc + "#r4"},
	{"R5", diag.Error, "复议诉讼表：" + appealTotal + " = " + appealParts(" + "), InCheck, RulesDoc + "#r5"},
	{"R6", diag.Error, "件数为不小于 0 的整数，金额不小于 0；数字不能以文本格式存放", InReader + "、" + InCheck, RulesDoc + "#r6"},
	{"R7", diag.Error, "申请情况表每列：办结数、结转数不超过 一 + 二", InCheck, RulesDoc + "#r7"},
	{"R8", diag.Warning, "本年“" + unnumbered(shortCarriedIn) + "” = 上年“" + unnumbered(rowCarriedOut) + "”", InCheck + "，需上年度统计表", RulesDoc + "#r8"},
	{"R9", diag.Warning, stats.LabelInForce + " = 上年" + inForce + " + " + issued + " − " + repealed, InCheck + "，需上年度统计表", RulesDoc + "#r9"},
	{"R10", diag.Warning, "无规章制定权的机关" + stats.LabelRegs + "数应为 0", InCheck, RulesDoc + "#r10"},
	{"R11", diag.Warning, stats.LabelFees + "以万元为单位，数额应合理", InCheck, RulesDoc + "#r11"},
	{"R12", diag.Error, "文字中引用的统计数字与统计表一致（[narrative]、任务台账的完成情况和备注）", InCheck, RulesDoc + "#r12"},
	{"R13", diag.Warning, "信息处理费与“逾期未缴费不再处理”的申请数相符", InCheck, RulesDoc + "#r13"},
	{"R14", diag.Error, "汇总报告的每个数字等于各单位之和", "nianbao rollup：汇总统计表逐格等于各单位之和；--verify 核对手工汇总表", RulesDoc + "#r14"},
	{"R15", diag.Error, "使用 2021 年版表格", NotNeeded + "：统计表和报告只按 2021 年版生成", RulesDoc + "#r15"},
	{"R16", diag.Error, "六个部分的官方标题、三张表格各在其部分之下；表格完整填写，空白须确认为 0，整张表空白不行", InCompose + "、" + InCheck, RulesDoc + "#r16"},
	{"R17", diag.Error, "成文日期不晚于公布期限（1 月 31 日）", InStatus, RulesDoc + "#r17"},
	{"R18", diag.Warning, "各部分文字不与上年报告雷同", InCheck + "，需 last_year_report 指定上年报告", RulesDoc + "#r18"},
	{"ID", diag.Error, "统计表属于本机关、本报告年度；上年度统计表属于上一年度", InCheck, RulesDoc + "#id"},
}

// Run applies every rule the input allows.
func Run(in Input) Result {
	c := &checker{in: in}
	if c.in.Locate == nil {
		c.in.Locate = func(string) diag.Pos { return diag.Pos{} }
	}
	if c.in.PrevLocate == nil {
		c.in.PrevLocate = func(string) diag.Pos { return diag.Pos{} }
	}
	c.r1()
	c.r2()
	c.r3()
	c.r5()
	c.r6()
	c.r7()
	if in.Prev == nil {
		c.res.Skipped = append(c.res.Skipped,
			Skip{"R8", "未配置上年度统计表，未核对" + unnumbered(shortCarriedIn)},
			Skip{"R9", "未配置上年度统计表，未核对" + stats.LabelInForce + "的连续性"})
	} else {
		c.r8()
		c.r9()
	}
	c.r10()
	c.r11()
	c.r13()
	c.identity()
	c.blanks()
	c.textNumbers()
	c.causes()
	sort.SliceStable(c.res.Findings, func(i, j int) bool {
		return c.res.Findings[i].Severity > c.res.Findings[j].Severity
	})
	for _, f := range c.res.Findings {
		if f.Severity == diag.Error {
			c.res.Errors++
		} else {
			c.res.Warnings++
		}
	}
	if c.res.Findings == nil {
		c.res.Findings = []Finding{}
	}
	if c.res.Skipped == nil {
		c.res.Skipped = []Skip{}
	}
	return c.res
}

type checker struct {
	in  Input
	res Result
}

func (c *checker) add(rule string, sev diag.Severity, cells []diag.Pos, expected, found any, format string, args ...any) {
	f := Finding{Rule: rule, Severity: sev, Message: fmt.Sprintf(format, args...)}
	for _, x := range cells {
		if !x.IsZero() {
			f.Cells = append(f.Cells, x)
		}
	}
	if expected != nil {
		f.Expected = fmt.Sprint(expected)
	}
	if found != nil {
		f.Found = fmt.Sprint(found)
	}
	c.res.Findings = append(c.res.Findings, f)
}

// span names the range from a to b, cells of one table:
// 统计表.xlsx › 申请情况!D6 and …!I6 → 统计表.xlsx › 申请情况!D6:I6.
func span(a, b diag.Pos) diag.Pos { return diag.Span(a, b) }

func (c *checker) loc(key string) diag.Pos { return c.in.Locate(key) }

func (c *checker) req(row, col int) int64 { return c.in.Stats.Requests[row][col] }

func (c *checker) r1() {
	for r, row := range stats.RequestRows {
		var sum int64
		for col := 0; col < stats.ColTotal; col++ {
			sum += c.req(r, col)
		}
		if got := c.req(r, stats.ColTotal); got != sum {
			c.add("R1", diag.Error,
				[]diag.Pos{c.loc(stats.RequestKey(r, stats.ColTotal)), span(c.loc(stats.RequestKey(r, stats.ColNatural)), c.loc(stats.RequestKey(r, stats.ColLegalLast)))},
				sum, got, "“%s”的%s应等于%s与%s各列之和 %d，实为 %d", row.FullLabel(), colTotal, colNatural, stats.LabelLegalPersons, sum, got)
		}
	}
}

func (c *checker) r2() {
	for col, cl := range stats.RequestCols {
		var sum int64
		for r := stats.RowFirstOut; r <= stats.RowLastOut; r++ {
			sum += c.req(r, col)
		}
		if got := c.req(stats.RowTotal, col); got != sum {
			c.add("R2", diag.Error,
				[]diag.Pos{c.loc(stats.RequestKey(stats.RowTotal, col)), span(c.loc(stats.RequestKey(stats.RowFirstOut, col)), c.loc(stats.RequestKey(stats.RowLastOut, col)))},
				sum, got, "“%s”列：“%s”应等于%s各项之和 %d，实为 %d", cl.Label, rowTotal, outcomeRange, sum, got)
		}
	}
}

func (c *checker) r3() {
	for col, cl := range stats.RequestCols {
		in := c.req(stats.RowNew, col) + c.req(stats.RowCarriedIn, col)
		out := c.req(stats.RowTotal, col) + c.req(stats.RowCarriedOut, col)
		if in != out {
			c.add("R3", diag.Error,
				[]diag.Pos{c.loc(stats.RequestKey(stats.RowNew, col)), c.loc(stats.RequestKey(stats.RowCarriedIn, col)),
					c.loc(stats.RequestKey(stats.RowTotal, col)), c.loc(stats.RequestKey(stats.RowCarriedOut, col))},
				in, out, "“%s”列勾稽关系不成立：%s %d + %s %d = %d，但 %s %d + %s %d = %d",
				cl.Label, shortNew, c.req(stats.RowNew, col), shortCarriedIn, c.req(stats.RowCarriedIn, col), in,
				shortTotal, c.req(stats.RowTotal, col), shortCarriedOut, c.req(stats.RowCarriedOut, col), out)
		}
	}
}

func (c *checker) r5() {
	s := c.in.Stats
	for g := range stats.AppealGroups {
		var sum int64
		for k := 0; k < stats.ResultTotal; k++ {
			sum += s.Appeal(g, k)
		}
		if got := s.AppealTotal(g); got != sum {
			c.add("R5", diag.Error,
				[]diag.Pos{c.loc(stats.AppealKey(stats.AppealCol(g, stats.ResultTotal))),
					span(c.loc(stats.AppealKey(stats.AppealCol(g, 0))), c.loc(stats.AppealKey(stats.AppealCol(g, stats.ResultTotal-1))))},
				sum, got, "“%s”的%s应等于%s之和 %d，实为 %d", stats.AppealGroupLabel(g), appealTotal, appealParts("、"), sum, got)
		}
	}
}

func (c *checker) r6() {
	s := *c.in.Stats
	for _, fr := range s.Fields() {
		switch {
		case fr.Int != nil && *fr.Int < 0:
			c.add("R6", diag.Error, []diag.Pos{c.loc(fr.Key)}, "≥ 0", *fr.Int, "%s为 %d，件数不能为负数", fr.Label, *fr.Int)
		case fr.Dec != nil && *fr.Dec < 0:
			c.add("R6", diag.Error, []diag.Pos{c.loc(fr.Key)}, "≥ 0", fr.Dec.String(), "%s为 %s，金额不能为负数", fr.Label, fr.Dec)
		}
	}
}

func (c *checker) r7() {
	for col, cl := range stats.RequestCols {
		limit := c.req(stats.RowNew, col) + c.req(stats.RowCarriedIn, col)
		for _, r := range []int{stats.RowTotal, stats.RowCarriedOut} {
			if got := c.req(r, col); got > limit {
				c.add("R7", diag.Error,
					[]diag.Pos{c.loc(stats.RequestKey(r, col)), c.loc(stats.RequestKey(stats.RowNew, col)), c.loc(stats.RequestKey(stats.RowCarriedIn, col))},
					fmt.Sprintf("≤ %d", limit), got, "“%s”列：“%s”为 %d，超过了%s与%s之和 %d",
					cl.Label, stats.RequestRows[r].FullLabel(), got, unnumbered(shortNew), unnumbered(shortCarriedIn), limit)
			}
		}
	}
}

func (c *checker) r8() {
	for col, cl := range stats.RequestCols {
		prev := c.in.Prev.Requests[stats.RowCarriedOut][col]
		if got := c.req(stats.RowCarriedIn, col); got != prev {
			c.add("R8", diag.Warning,
				[]diag.Pos{c.loc(stats.RequestKey(stats.RowCarriedIn, col)), c.in.PrevLocate(stats.RequestKey(stats.RowCarriedOut, col))},
				prev, got, "“%s”列：本年“%s”为 %d，而上年度“%s”为 %d。如上年数字已更正，请在报告中说明",
				cl.Label, rowCarriedIn, got, rowCarriedOut, prev)
		}
	}
}

func (c *checker) r9() {
	rows := []struct {
		label, key string
		cur, prev  stats.DocCounts
	}{
		{stats.LabelRegs, "regulations", c.in.Stats.Active.Regulations, c.in.Prev.Active.Regulations},
		{stats.LabelNormDocs, "normative_docs", c.in.Stats.Active.NormativeDocs, c.in.Prev.Active.NormativeDocs},
	}
	for _, r := range rows {
		cells := []diag.Pos{c.loc(r.key + ".in_force"), c.in.PrevLocate(r.key + ".in_force"), c.loc(r.key + ".issued"), c.loc(r.key + ".repealed")}
		avail := r.prev.InForce + r.cur.Issued
		if r.cur.Repealed > avail {
			c.add("R9", diag.Warning, cells, fmt.Sprintf("≤ %d", avail), r.cur.Repealed,
				"%s：%s %d 件，多于上年%s %d 件与%s %d 件之和", r.label, repealed, r.cur.Repealed, inForce, r.prev.InForce, issued, r.cur.Issued)
			continue
		}
		want := avail - r.cur.Repealed
		if r.cur.InForce != want {
			c.add("R9", diag.Warning, cells, want, r.cur.InForce,
				"%s：%s为 %d，而上年%s %d + %s %d − %s %d = %d。如有修订、清理或重新归类，请在报告中说明",
				r.label, stats.LabelInForce, r.cur.InForce, inForce, r.prev.InForce, issued, r.cur.Issued, repealed, r.cur.Repealed, want)
		}
	}
}

func (c *checker) r10() {
	if c.in.Rulemaking {
		return
	}
	g := c.in.Stats.Active.Regulations
	if g.Issued == 0 && g.Repealed == 0 && g.InForce == 0 {
		return
	}
	c.add("R10", diag.Warning, []diag.Pos{span(c.loc("regulations.issued"), c.loc("regulations.in_force"))}, 0,
		fmt.Sprintf("%d/%d/%d", g.Issued, g.Repealed, g.InForce),
		"%s一行填了数字（%s %d、%s %d、%s %d），但本机关未设置为有规章制定权。只有设区的市、自治州以上人民政府和国务院部门能制定规章；%s请填在下一行。如本机关确有规章制定权，请在 nianbao.toml 中设置 rulemaking = true",
		stats.LabelRegs, unyear(issued), g.Issued, unyear(repealed), g.Repealed, inForce, g.InForce, stats.LabelNormDocs)
}

func (c *checker) r11() {
	fees := c.in.Stats.Active.Fees
	limit, how := feeLimit(c.in)
	if fees > limit {
		c.add("R11", diag.Warning, []diag.Pos{c.loc("fees")}, fmt.Sprintf("≤ %s", limit), fees.String(),
			"%s为 %s 万元（即 %s 亿元），超过%s（%s 万元）。单位是万元：如按元填写，请除以 10000。如数字无误，可在 nianbao.toml 中设置 fee_limit（单位万元）",
			stats.LabelFees, fees, (fees / 10000).String(), how, limit)
		return
	}
	if c.in.Prev != nil {
		prev := c.in.Prev.Active.Fees
		if prev > 0 && fees >= prev*1000 {
			c.add("R11", diag.Warning, []diag.Pos{c.loc("fees"), c.in.PrevLocate("fees")}, nil, fees.String(),
				"%s为 %s 万元，是上年 %s 万元的 %d 倍以上。单位是万元：如按元填写，请除以 10000",
				stats.LabelFees, fees, prev, 1000)
		}
	}
}

func (c *checker) r13() {
	f := c.in.Stats.InfoFees
	noFee := c.req(stats.RowNoFee, stats.ColTotal)
	if noFee > 0 && f.Notices < noFee {
		c.add("R13", diag.Warning, []diag.Pos{c.loc("info_fees.notices"), c.loc(stats.RequestKey(stats.RowNoFee, stats.ColTotal))},
			fmt.Sprintf("≥ %d", noFee), f.Notices,
			"有 %d 件申请因“%s”不再处理，但%s只有 %d 件。这类申请必先发出收费通知，请核对",
			noFee, noFeeShort, feeNotices, f.Notices)
	}
	if f.Collected > 0 && f.Notices == 0 {
		c.add("R13", diag.Warning, []diag.Pos{c.loc("info_fees.notices"), c.loc("info_fees.collected")}, "≥ 1", 0,
			"实际收取信息处理费 %s 元，但%s为 0，请核对", f.Collected, strings.TrimPrefix(stats.LabelFeeNotices, "本年"))
	}
}
