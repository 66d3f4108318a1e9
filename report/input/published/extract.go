package published

import (
	"fmt"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/report/check"
	"github.com/nianbao/nianbao/report/diag"
	"github.com/nianbao/nianbao/report/lazyre"
	"github.com/nianbao/nianbao/report/stats"
)

// target is an official data row a printed row can be.
type target struct {
	key     string // normalized label that identifies the row
	table   string // 表二 or 表三
	row     int    // 表三 row index; -1 for 表二
	fields  []string
	level   int    // more specific labels win: 3 > 2 > 1
	exact   bool   // the whole label must equal key (表二's short labels)
	variant string // official label when key is a variant seen in real reports
	undiv   bool   // （六）其他处理 printed as one row
}

var active2 = []struct {
	label  string
	fields []string
}{
	{stats.LabelRegs, []string{"regulations.issued", "regulations.repealed", "regulations.in_force"}},
	{stats.LabelNormDocs, []string{"normative_docs.issued", "normative_docs.repealed", "normative_docs.in_force"}},
	{stats.LabelLicensing, []string{"licensing"}},
	{stats.LabelPunishment, []string{"punishment"}},
	{stats.LabelCoercion, []string{"coercion"}},
	{stats.LabelFees, []string{"fees"}},
}

// targets are made at the first import, not at every start.
var targets = sync.OnceValue(func() []target {
	var ts []target
	for _, a := range active2 {
		ts = append(ts, target{key: norm(a.label), table: "表二", row: -1, fields: a.fields, level: 3, exact: true})
	}
	ts = append(ts, target{key: "规范性文件", table: "表二", row: -1, fields: active2[1].fields, level: 3, exact: true, variant: stats.LabelNormDocs})
	for r, rr := range stats.RequestRows {
		fs := make([]string, stats.NumRequestCols)
		for c := range fs {
			fs[c] = stats.RequestKey(r, c)
		}
		t := target{table: "表三", row: r, fields: fs}
		switch {
		case rr.Level3 != "":
			t.key, t.level = norm(rr.Level3), 3
		case rr.Level2 != "":
			l := rr.Level2
			if i := strings.Index(l, "（区分"); i > 0 {
				l = l[:i]
			}
			t.key, t.level = norm(l), 2
		default:
			t.key, t.level = norm(rr.Level1), 1
		}
		ts = append(ts, t)
		if r == stats.RowDeniedFirst+1 {
			v := t
			v.key, v.variant = norm("2.其他法律行政止公开"), rr.Level3
			ts = append(ts, v)
		}
	}
	g := stats.RequestGroups[stats.GroupOther]
	fs := make([]string, stats.NumRequestCols)
	for c := range fs {
		fs[c] = stats.RequestKey(stats.RowOtherLast, c)
	}
	ts = append(ts, target{key: norm(g.Label), table: "表三", row: stats.RowOtherLast, fields: fs, level: 2, undiv: true})
	return ts
})

// markers2019 are labels only the 2019 trial tables have (docs/rules.md#r15).
var markers2019 = []string{"本年新制作数量", "对外公开总数量", "第二十条第（九）项", "其他对外管理服务事项"}

// match finds the official row a printed row's label cells name.
func match(labels []string) *target {
	var best *target
	whole := norm(strings.Join(labels, ""))
	ts := targets()
	for i := range ts {
		t := &ts[i]
		ok := false
		if t.exact {
			ok = whole == t.key
		} else {
			for _, l := range labels {
				l = norm(l)
				if strings.Contains(l, t.key) || runes(l) >= 4 && strings.HasPrefix(t.key, l) && !strings.HasPrefix(t.key, l+"其他") {
					ok = true
					break
				}
			}
		}
		if ok && (best == nil || t.level > best.level || t.level == best.level && len(t.key) > len(best.key)) {
			best = t
		}
	}
	return best
}

type parsed struct {
	file  string
	title string // a title found by the reader (HTML meta, <title>)
	res   Result
	seen  map[string]bool // targets filled, by first field
	// orphan collects figures of rows without a label (表四's data row, or
	// one number a line in copied text).
	orphan    []value
	orphanPos diag.Pos
	pending   *pendingRow
	// secStart are the indices of the six headings in the lines, -1 when
	// not found; secStart[6] is the end.
	secStart [7]int
	fields   map[string]stats.FieldRef // of res.Stats, by key
}

func (p *parsed) at() diag.Pos { return diag.Pos{File: p.file} }

type value struct {
	d     stats.Decimal
	blank bool
	pos   diag.Pos
}

type pendingRow struct {
	t     *target
	label string
	vals  []value
	pos   diag.Pos
}

func (p *parsed) warn(pos diag.Pos, format string, args ...any) {
	p.res.Warnings = append(p.res.Warnings, diag.Message{Pos: pos, Severity: diag.Warning, Text: fmt.Sprintf(format, args...)})
}

func (p *parsed) unmapped(pos diag.Pos, format string, args ...any) {
	p.res.Unmapped = append(p.res.Unmapped, diag.Message{Pos: pos, Severity: diag.Warning, Text: fmt.Sprintf(format, args...)})
}

func (p *parsed) run(ls []line) (*Result, error) {
	p.res.Sources = map[string]Source{}
	p.seen = map[string]bool{}
	at := diag.Pos{File: p.file}
	for _, l := range ls {
		if l.table == 0 && !l.tabular {
			continue // the markers are table labels; prose may quote them
		}
		j := norm(l.joined())
		for _, m := range markers2019 {
			if strings.Contains(j, m) {
				return nil, diag.Errorf(l.pos(p.file), "这份报告用的是 2019 年试行版表格（出现“%s”），不是 2021 年版（国办公开办函〔2021〕30号）。nianbao 只导入 2021 年版的报告（R15）；请改用统计表 last_year_stats 填写上年数字", m)
			}
		}
	}
	p.titleAndSections(ls)
	from, to := p.tableRange(ls)
	// A chart's figures table (nianbao's own outputs with charts) is
	// headed by years: not one of the report's tables, so skipped.
	chartTable, chartText := 0, false
	for i := from; i < to; i++ {
		l := ls[i]
		if l.table == 0 && !l.text {
			chartText = false
			continue
		}
		switch {
		case yearHeaded(l):
			if l.table > 0 {
				chartTable = l.table
			} else {
				chartText = true
			}
			continue
		case l.table > 0 && l.table == chartTable:
			continue
		case l.table == 0 && chartText && (l.tabular || strings.TrimSpace(l.joined()) == ""):
			continue
		case yearRow(l):
			continue // a row of a chart by year (history): 2020年 | 新收 …
		}
		chartText = false
		p.row(l)
	}
	p.flush()
	if len(p.res.Sources) == 0 {
		return nil, diag.Errorf(at, "没有找到年度报告的统计表格（主动公开、申请情况、复议诉讼）。请确认这是政府信息公开工作年度报告，并且保存了完整的网页或文档")
	}
	for _, f := range p.res.Stats.Fields() {
		if f.Table == "信息处理费" {
			continue
		}
		if _, ok := p.res.Sources[f.Key]; !ok {
			p.res.Missing = append(p.res.Missing, f.Table+" "+f.Label)
		}
	}
	p.breaks()
	return &p.res, nil
}

// tableRange limits the figures to sections 二–四 when the headings are found.
func (p *parsed) tableRange(ls []line) (int, int) {
	from, to := 0, len(ls)
	if p.secStart[1] >= 0 {
		from = p.secStart[1]
	}
	if p.secStart[4] > from {
		to = p.secStart[4]
	}
	return from, to
}

// row maps one table row (or line of text).
func (p *parsed) row(l line) {
	pos := l.pos(p.file)
	last := -1
	for i, c := range l.cells {
		if c.merged || strings.TrimSpace(norm(c.text)) == "" {
			continue
		}
		if _, ok := number(c.text); !ok {
			last = i
		}
	}
	var labels []string
	for _, c := range l.cells[:last+1] {
		if !c.merged && norm(c.text) != "" {
			labels = append(labels, c.text)
		}
	}
	var vals []value
	numbers := 0
	for i, c := range l.cells[last+1:] {
		if c.merged {
			continue
		}
		vp := pos
		if l.table > 0 {
			vp.What += fmt.Sprintf("第 %d 格", last+2+i)
		}
		d, ok := number(c.text)
		if ok {
			numbers++
		}
		vals = append(vals, value{d: d, blank: !ok, pos: vp})
	}
	if len(labels) == 0 {
		if numbers == 0 {
			return
		}
		if p.pending != nil {
			p.pending.vals = append(p.pending.vals, vals...)
			if len(p.pending.vals) >= len(p.pending.t.fields) {
				p.finish()
			}
			return
		}
		if len(p.orphan) == 0 {
			p.orphanPos = pos
		}
		p.orphan = append(p.orphan, vals...)
		return
	}
	p.flush()
	t := match(labels)
	label := strings.Join(labels, " ")
	if t == nil {
		if numbers > 0 {
			p.unmapped(pos, "“%s”一行的 %d 个数字对应不到官方表格的任何一行", label, numbers)
		}
		return
	}
	if numbers == 0 && (t.undiv || len(vals) != len(t.fields)) {
		// A label without figures: a cell merged over several rows, a
		// header, or (copied text) a label whose figures follow one a line.
		if l.text && len(vals) == 0 && !t.undiv {
			// A label alone on a line of copied text: its figures follow,
			// one a line.
			p.pending = &pendingRow{t: t, label: label, pos: pos}
		}
		return
	}
	p.pending = &pendingRow{t: t, label: label, vals: vals, pos: pos}
	if len(vals) >= len(t.fields) || l.table > 0 {
		p.finish()
	}
}

// trimBlanks drops blank cells past the n a row should have: empty
// cells drawn to the table's edge.
func trimBlanks(vals []value, n int) []value {
	for len(vals) > n && vals[len(vals)-1].blank {
		vals = vals[:len(vals)-1]
	}
	return vals
}

// flush ends a pending row and the figures without a label.
func (p *parsed) flush() {
	if p.pending != nil {
		p.finish()
	}
	if len(p.orphan) == 0 {
		return
	}
	vals := trimBlanks(p.orphan, stats.NumAppealCols)
	p.orphan = nil
	if len(vals) == stats.NumAppealCols && !p.seen["c1"] {
		p.seen["c1"] = true
		p.fill("表四", "", appealKeys(), vals, p.orphanPos)
		return
	}
	p.unmapped(p.orphanPos, "%d 个没有行标签的数字对应不到官方表格（复议诉讼表应为一行 15 个数字）", len(vals))
}

func (p *parsed) finish() {
	pr := p.pending
	p.pending = nil
	t := pr.t
	n := len(t.fields)
	vals := trimBlanks(pr.vals, n)
	if len(vals) == 0 {
		return
	}
	if len(vals) == 1 && n > 1 && !vals[0].blank && vals[0].d.IsWhole() {
		// Copied text loses the cell borders: "693665" for 69, 3, 665 cannot
		// be split, but n one-digit figures can.
		if s := vals[0].d.String(); len(s) == n {
			p.warn(pr.pos, "“%s”一行的数字连在一起（%s），按每格一位数字读作 %s 个数字，请核对", pr.label, s, itoa(n))
			vals = nil
			for _, ch := range s {
				vals = append(vals, value{d: stats.DecimalFromInt(int64(ch - '0')), pos: pr.vals[0].pos})
			}
		}
	}
	if len(vals) != n {
		p.unmapped(pr.pos, "“%s”一行有 %d 格数字，应为 %d 格，未导入", pr.label, len(vals), n)
		return
	}
	if p.seen[t.fields[0]] {
		p.unmapped(pr.pos, "“%s”一行重复出现，只导入第一次出现的数字", pr.label)
		return
	}
	p.seen[t.fields[0]] = true
	if t.variant != "" {
		p.warn(pr.pos, "行标签“%s”与官方标签“%s”不同，按“%s”导入", pr.label, t.variant, t.variant)
	}
	if t.undiv {
		p.warn(pr.pos, "“（六）其他处理”印成一行、没有分 1–3 项，其数字按“3.其他”导入")
	}
	p.fill(t.table, pr.label, t.fields, vals, pr.pos)
}

func (p *parsed) fill(table, label string, keys []string, vals []value, pos diag.Pos) {
	if p.fields == nil {
		p.fields = map[string]stats.FieldRef{}
		for _, f := range p.res.Stats.Fields() {
			p.fields[f.Key] = f
		}
	}
	fields := p.fields
	var blanks []string
	for i, k := range keys {
		f := fields[k]
		v := vals[i]
		col := f.Label
		if j := strings.LastIndex(col, "·"); j >= 0 && table != "表四" {
			col = col[j+len("·"):]
		}
		if v.blank {
			blanks = append(blanks, col)
		}
		switch {
		case f.Dec != nil:
			*f.Dec = v.d
		case !v.d.IsWhole():
			p.warn(v.pos, "“%s”的%s印作 %s，件数应为整数，按 %d 导入", label, col, v.d, v.d.Int())
			*f.Int = v.d.Int()
		default:
			*f.Int = v.d.Int()
		}
		p.res.Sources[k] = Source{Table: table, Row: label, Column: col, Pos: v.pos}
	}
	if len(blanks) > 0 {
		row := label
		if row == "" {
			row = table
		}
		p.warn(pos, "“%s”一行有空白格，按 0 导入：%s", row, strings.Join(blanks, "、"))
	}
}

// breaks reports R1–R5 as the figures were printed.
func (p *parsed) breaks() {
	locate := func(key string) diag.Pos {
		s, ok := p.res.Sources[key]
		if !ok {
			return diag.Pos{File: p.file}
		}
		return diag.Pos{File: p.file, What: WhatOf(s)}
	}
	res := check.Run(check.Input{Stats: &p.res.Stats, Locate: locate})
	for _, f := range res.Findings {
		switch f.Rule {
		case "R1", "R2", "R3", "R5", "R7":
			m := diag.Message{Severity: diag.Warning, Rule: f.Rule, Text: f.Message}
			if len(f.Cells) > 0 {
				m.Pos = f.Cells[0]
			}
			p.res.Breaks = append(p.res.Breaks, m)
		}
	}
}

// WhatOf names a figure's place for messages: "表三 四、结转下年度继续办理 · 总计".
func WhatOf(s Source) string {
	if s.Row == "" {
		return s.Table + " · " + s.Column
	}
	return s.Table + " " + s.Row + " · " + s.Column
}

var titleRe = lazyre.New(`^(.*?)((?:19|20)\d\d)年(?:度)?(?:政府信息公开|政务公开)(工作)?(?:年度)?报告`)

var yearHead = lazyre.New(`^\d{4}年$`)

// yearHeaded says l is the head row of a chart's figures table as
// nianbao prints it (项目 | 2022年 | 2021年, or 项目 | 行政复议 | …): figures
// by year, or a first head cell 项目 and no figure; the statutory tables
// are headed neither way.
func yearHeaded(l line) bool {
	years, texts := 0, 0
	first := ""
	for _, c := range l.cells {
		t := strings.TrimSpace(norm(c.text))
		if t == "" {
			continue
		}
		if first == "" {
			first = t
		}
		if _, ok := number(c.text); ok {
			return false
		}
		texts++
		if yearHead().MatchString(t) {
			years++
		}
	}
	return years > 0 && years >= texts-1 || first == "项目" && texts > 1
}

// yearRow says l is a row labelled by a bare year, as a chart of several
// years prints its figures; no row of the statutory tables is.
func yearRow(l line) bool {
	for _, c := range l.cells {
		if t := strings.TrimSpace(norm(c.text)); t != "" {
			return yearHead().MatchString(t)
		}
	}
	return false
}
